"""Dense scoring with sentence vectors (search.dense.with_sentences), on tiny vectors."""

import numpy as np

from aftalegraf.search.dense import with_sentences


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
