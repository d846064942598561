import pytest

from aftalegraf.errors import ConfigError
from aftalegraf.search.hybrid import parse_weights, rrf


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
