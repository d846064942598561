"""Dense search (search.dense): sentence vectors on tiny vectors, one query from another thread."""

import os
import threading
from pathlib import Path

import numpy as np
import pytest

from aftalegraf.search.dense import DenseIndex, with_sentences


def test_a_unit_counts_its_best_sentence():
    q = np.array([1.0, 0.0])
    sentences = np.array([[0.0, 1.0], [1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    # unit 0 has sentences 0 and 1, unit 1 has sentence 2, unit 2 has none
    starts, ends = np.array([0, 2, 3]), np.array([2, 3, 3])
    window = {0: 0.5, 1: 0.5, 2: 0.5}
    got = with_sentences(window, q, starts, ends, sentences, 0.2)
    assert np.isclose(got[0], 0.8 * 0.5 + 0.2 * 1.0)      # its best sentence matches exactly
    assert np.isclose(got[1], 0.8 * 0.5 + 0.2 * 0.6)
    assert got[2] == 0.5                                   # no sentences: its own cosine
    assert with_sentences(window, q, starts, ends, sentences, 0.0) == window
    assert with_sentences({2: 0.4}, q, starts, ends, sentences, 0.2) == {2: 0.4}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads by /proc (Linux)")
def test_a_search_from_another_thread_starts_no_openmp_team():
    # a server searches from its worker threads; faiss's OpenMP setting is per thread, and a
    # team of threads woken for one query spins on the other cores after it
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((2000, 64)).astype(np.float32)
    index = DenseIndex.build(64, np.arange(2000), vectors)
    counts = []

    def search():
        before = len(os.listdir("/proc/self/task"))
        ids, _ = index.search(vectors[7], 5)
        counts.append((before, len(os.listdir("/proc/self/task"))))

    worker = threading.Thread(target=search)
    worker.start()
    worker.join()
    before, after = counts[0]
    assert after == before
