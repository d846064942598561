"""Alignment of goals across regions, and one region across agreement periods."""

from __future__ import annotations


def _entry(result, needle):
    return next(a for a in result["alignments"] if needle in a["goal"]["text"])


def test_mental_health_goal_aligns_with_the_other_regions_mental_health_goal(fixture_result):
    entry = _entry(fixture_result, "psykisk sygdom oplever mental trivsel")
    assert entry["region"] == "nordjylland"
    best = entry["matches"][0]
    assert best["region"] == "midtjylland"
    assert "psykiske lidelser" in best["goal"]["text"]
    assert {"key": "mental-sundhed", "label": "Mental sundhed og psykiatri"} in best["shared_themes"]
    # above every other goal of the other regions
    others = [m["score"] for m in entry["matches"][1:]]
    assert all(best["score"] > s for s in others)
    assert best["goal"]["provision_id"].startswith("sundhedsaftale-2019-2023-region-midtjylland/")


def test_alignment_never_matches_within_a_region(fixture_result):
    for entry in fixture_result["alignments"]:
        assert all(m["region"] != entry["region"] for m in entry["matches"])
        scores = [m["score"] for m in entry["matches"]]
        assert scores == sorted(scores, reverse=True)


def test_version_comparison(fixture_result):
    (v,) = fixture_result["versions"]
    assert v["region"] == "syddanmark" and (v["from"], v["to"]) == ("2015-2018", "2019-2023")
    kept = {(k["old"]["text"], k["new"]["text"]) for k in v["kept"]}
    assert ("At antallet af forebyggelige indlæggelser af ældre borgere falder",
            "At færre ældre borgere indlægges med forebyggelige indlæggelser") in kept
    assert ("At færre unge begynder at ryge", "At færre unge begynder at ryge eller drikker alkohol") in kept
    assert [d["goal"]["text"] for d in v["dropped"]] == [
        "At flere borgere får tilbud om genoptræning inden for fire uger efter udskrivning"]
    assert [a["goal"]["text"] for a in v["added"]] == [
        "At sundheds-it og digitale løsninger understøtter telemedicin i borgerens eget hjem"]
    assert all(k["score"] >= v["threshold"] for k in v["kept"])
    assert all(a["best_score"] < v["threshold"] for a in v["added"])


def test_versions_unit():
    import numpy as np

    from aftalegraf.compare.goals import Goal
    from aftalegraf.compare.versions import compare_versions

    def g(i, period, text):
        return Goal(id=f"d{period}/g#{i}", region="nordjylland", document_id=f"d{period}", document_title="t",
                    period=period, provision_id=f"d{period}/g", kind="maalsaetning", label="", text=text)

    goals = [g(1, "2015-2018", "a"), g(2, "2015-2018", "b"), g(1, "2019-2023", "a2"), g(2, "2019-2023", "c")]
    vecs = np.array([[1, 0, 0], [0, 1, 0], [0.99, 0.14, 0], [0, 0, 1]], dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    (v,) = compare_versions(goals, vecs, threshold=0.9)
    assert [(k["old"]["text"], k["new"]["text"]) for k in v["kept"]] == [("a", "a2")]
    assert [d["goal"]["text"] for d in v["dropped"]] == ["b"]
    assert [a["goal"]["text"] for a in v["added"]] == ["c"]
