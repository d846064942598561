"""Embeddings are computed once: in memory per process and on disk per store."""

from __future__ import annotations

import uuid

import numpy as np


def test_disk_cache_reuses_vectors(tmp_path):
    from aftalegraf.embedding.cache import CachedEmbedder as Embedder

    calls = []

    def fn(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)

    name = f"test-{uuid.uuid4().hex}"
    a = Embedder(name, fn, cache_dir=tmp_path)
    v1 = a.embed(["At færre ryger", "MENTAL SUNDHED"])
    assert calls == [["At færre ryger", "Mental sundhed"]]       # capitals embedded as a sentence
    assert np.allclose(np.linalg.norm(v1, axis=1), 1.0)
    a.embed(["At færre ryger"])
    assert len(calls) == 1                                        # memory cache

    other = f"test-{uuid.uuid4().hex}"                            # a fresh process: empty memory cache
    (tmp_path / f"embeddings-{name}.npz").rename(tmp_path / f"embeddings-{other}.npz")
    b = Embedder(other, fn, cache_dir=tmp_path)
    v2 = b.embed(["MENTAL SUNDHED", "At færre ryger", "Ny tekst"])
    assert calls[1:] == [["Ny tekst"]]
    assert np.allclose(v2[1], v1[0]) and np.allclose(v2[0], v1[1])
