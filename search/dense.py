"""The dense index: FAISS over unit vectors, keyed by the units' stable 63-bit ids
(IndexIDMap2), so an update removes a document's vectors and adds the new ones in place.

``index_type``: ``flat`` (exact inner product, the default), ``hnsw`` (graph, approximate;
FAISS cannot remove from it, so an update re-adds the cached vectors) or ``ivf``
(inverted lists, approximate, trained on the vectors at build time)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from aftalegraf.errors import ConfigError

INDEX_TYPES = ("flat", "hnsw", "ivf")
FILE = "dense.faiss"
HNSW_M = 32
HNSW_EF_SEARCH = 128


def _faiss():
    import logging

    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    import faiss

    # One query at a time gains nothing from OpenMP threads, and waking them costs more than the
    # scan: 11 ms instead of 0.02 ms for one query over the sample's 536 vectors on 2 busy cores
    # (BENCHMARKS "Answers (#13): where a search's time goes"); after it they spin on the other
    # core. OpenMP keeps the setting per calling thread: each thread that searches sets it.
    faiss.omp_set_num_threads(1)
    return faiss


class DenseIndex:
    def __init__(self, index, index_type: str):
        self.index = index
        self.index_type = index_type
        self._tune()

    # --- building ----------------------------------------------------------------
    @classmethod
    def build(cls, dim: int, ids: np.ndarray, vectors: np.ndarray, index_type: str = "flat") -> "DenseIndex":
        faiss = _faiss()
        if index_type not in INDEX_TYPES:
            raise ConfigError(f"index_type {index_type!r}: expected one of {', '.join(INDEX_TYPES)}")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dim)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if index_type == "hnsw":
            inner = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
        elif index_type == "ivf":
            nlist = max(1, min(int(4 * math.sqrt(max(1, len(vectors)))), len(vectors) // 39 or 1))
            quantizer = faiss.IndexFlatIP(dim)
            inner = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            if len(vectors):
                inner.train(vectors)
            else:  # an empty corpus: one list, trained on a dummy vector
                inner.train(np.ones((1, dim), dtype=np.float32) / math.sqrt(dim))
        else:
            inner = faiss.IndexFlatIP(dim)
        index = faiss.IndexIDMap2(inner)
        if len(vectors):
            index.add_with_ids(vectors, ids)
        return cls(index, index_type)

    def _tune(self) -> None:
        faiss = _faiss()
        inner = faiss.downcast_index(self.index.index)
        if isinstance(inner, faiss.IndexHNSW):
            inner.hnsw.efSearch = HNSW_EF_SEARCH
        elif isinstance(inner, faiss.IndexIVF):
            inner.nprobe = max(1, min(inner.nlist, 16))

    @property
    def supports_remove(self) -> bool:
        return self.index_type != "hnsw"

    def remove(self, ids: np.ndarray) -> None:
        faiss = _faiss()
        if len(ids):
            self.index.remove_ids(faiss.IDSelectorBatch(np.ascontiguousarray(ids, dtype=np.int64)))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                    np.ascontiguousarray(ids, dtype=np.int64))

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> np.ndarray:
        faiss = _faiss()
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    # --- searching ---------------------------------------------------------------
    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the k nearest units by inner product, best first."""
        k = min(k, self.ntotal)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        import faiss  # loaded with the index

        faiss.omp_set_num_threads(1)    # in this thread too (a server's worker threads: see _faiss)
        scores, ids = self.index.search(np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1), k)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    # --- persistence -------------------------------------------------------------
    def save(self, directory: Path) -> None:
        _faiss().write_index(self.index, str(Path(directory) / FILE))

    @classmethod
    def load(cls, directory: Path, index_type: str) -> "DenseIndex":
        return cls(_faiss().read_index(str(Path(directory) / FILE)), index_type)


def with_sentences(window: dict[int, float], qvec: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                   sentence_vectors: np.ndarray, weight: float) -> dict[int, float]:
    """Dense scores of candidate units that also count their best sentence: ``(1 - weight) *
    cos(query, unit) + weight * max cos(query, sentence)`` for a unit of two or more sentences,
    its own cosine otherwise. A question that paraphrases one sentence of a long paragraph
    finds it better by that sentence's vector (BENCHMARKS.md, "sentence vectors"); only the
    candidates are scored, so the cost does not grow with the corpus."""
    rows = np.fromiter(window, dtype=np.int64, count=len(window))
    lengths = ends[rows] - starts[rows] if len(rows) else rows
    rows, lengths = rows[lengths > 0], lengths[lengths > 0]
    if weight <= 0 or not len(rows):
        return window
    offsets = np.cumsum(lengths) - lengths                  # each row's first place in the flat list
    flat = np.repeat(starts[rows] - offsets, lengths) + np.arange(int(lengths.sum()))
    best = np.maximum.reduceat(sentence_vectors[flat] @ qvec, offsets)
    out = dict(window)
    for r, b in zip(rows.tolist(), best.tolist()):
        out[r] = (1.0 - weight) * window[r] + weight * b
    return out
