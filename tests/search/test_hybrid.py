import pytest

from aftalegraf.errors import ConfigError
from aftalegraf.search.hybrid import convex, fusion_method, parse_alpha, parse_weights, rrf, standardise


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "d", "a"]], k=60)
    order = [x for x, _ in fused]
    assert order[:2] == ["b", "a"] or order[:2] == ["a", "b"]
    assert set(order) == {"a", "b", "c", "d"}
    scores = dict(fused)
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["d"] == pytest.approx(1 / 62)


def test_rrf_weights_and_k():
    fused = dict(rrf([["a"], ["b"]], weights=[2.0, 1.0], k=10))
    assert fused["a"] == pytest.approx(2 / 11) and fused["b"] == pytest.approx(1 / 11)
    assert [x for x, _ in rrf([["a"], ["b"]], weights=[0.0, 1.0])][0] == "b"


def test_parse_weights():
    assert parse_weights("1.0,0.5") == (1.0, 0.5)
    for bad in ("1", "a,b", "-1,1", "0,0"):
        with pytest.raises(ConfigError):
            parse_weights(bad)


def test_parse_alpha_and_fusion_method():
    assert parse_alpha("0.75") == 0.75 and parse_alpha(0) == 0.0 and parse_alpha(1) == 1.0
    for bad in ("-0.1", "1.5", "viel", None):
        with pytest.raises(ConfigError, match="hybrid_alpha"):
            parse_alpha(bad)
    assert fusion_method(" RRF ") == "rrf" and fusion_method("convex") == "convex"
    with pytest.raises(ConfigError, match="hybrid_fusion.*convex, rrf"):
        fusion_method("borda")


def test_standardise():
    z = standardise({"a": 2.0, "b": 4.0, "c": 3.0})
    assert z["c"] == 0.0 and z["b"] == pytest.approx(1.2247449) and z["a"] == pytest.approx(-1.2247449)
    assert standardise({"a": 0.0, "b": 0.0}) == {"a": 0.0, "b": 0.0}  # a signal that cannot tell them apart
    assert standardise({}) == {}
    # shifting or stretching a signal changes nothing
    assert standardise({"a": 20.0, "b": 40.0, "c": 30.0}) == pytest.approx(z)


def test_convex_mixes_normalised_scores():
    dense = {"a": 0.90, "b": 0.80, "c": 0.70}
    bm25 = {"a": 0.0, "b": 10.0, "c": 20.0}
    assert [x for x, _ in convex(dense, bm25, 1.0)] == ["a", "b", "c"]
    assert [x for x, _ in convex(dense, bm25, 0.0)] == ["c", "b", "a"]
    fused = dict(convex(dense, bm25, 0.75))
    # 0.75 and 0.25 of the two standardised scores (±1.22, 0), rescaled to 0..1 over the candidates
    assert fused["a"] == pytest.approx(1.0) and fused["b"] == pytest.approx(0.5) and fused["c"] == pytest.approx(0.0)
    # a strong BM25 score lifts a middling dense one
    assert [x for x, _ in convex({"a": 0.9, "b": 0.89, "c": 0.5}, {"a": 0.0, "b": 9.0, "c": 0.0}, 0.75)][0] == "b"
    # the pool's spread sets each signal's scale, not its two extremes: among 40 candidates one
    # far BM25 score (60) no longer shrinks b's ordinary 10, which lifts b past a dense near-tie
    # (scaled between the extremes, b's 10 would count for a sixth)
    dense = {f"u{i}": 0.60 + 0.25 * i / 39 for i in range(40)}
    dense.update(a=0.85, b=0.83)
    bm25 = {key: 0.0 for key in dense}
    bm25.update(u0=60.0, b=10.0)
    assert [x for x, _ in convex(dense, bm25, 0.75)].index("b") < [x for x, _ in convex(dense, bm25, 0.75)].index("a")
    # ties keep dense order
    assert [x for x, _ in convex({"x": 0.5, "y": 0.5}, {"x": 1.0, "y": 1.0}, 0.5)] == ["x", "y"]


def test_convex_refuses_incomplete_scores():
    with pytest.raises(ValueError, match="every candidate"):
        convex({"a": 1.0}, {"b": 1.0}, 0.5)
