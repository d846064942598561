"""Settings: defaults, the store's aftalegraf.toml, AFTALEGRAF_* variables; clear errors."""

from __future__ import annotations

import pytest

from aftalegraf.config import SETTINGS, load_settings, resolve_store_dir
from aftalegraf.errors import ConfigError


def test_store_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("AFTALEGRAF_HOME", str(tmp_path / "home"))
    assert resolve_store_dir(None) == tmp_path / "home"
    assert resolve_store_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    monkeypatch.delenv("AFTALEGRAF_HOME")
    assert resolve_store_dir(None).name == "aftalegraf"


def test_file_then_environment(monkeypatch, tmp_path):
    (tmp_path / "aftalegraf.toml").write_text('index_type = "hnsw"\nrrf_k = 30\n', encoding="utf-8")
    monkeypatch.setenv("AFTALEGRAF_RRF_K", "10")
    s = load_settings(tmp_path)
    assert s["index_type"] == "hnsw" and s["rrf_k"] == 10 and s["embedder"] == SETTINGS["embedder"].default


def test_unknown_and_malformed_settings_are_named(tmp_path):
    (tmp_path / "aftalegraf.toml").write_text('embeder = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'embeder'"):
        load_settings(tmp_path)
    (tmp_path / "aftalegraf.toml").write_text('rrf_k = "many"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="rrf_k"):
        load_settings(tmp_path)
    (tmp_path / "aftalegraf.toml").write_text("rrf_k = = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="aftalegraf.toml"):
        load_settings(tmp_path)
