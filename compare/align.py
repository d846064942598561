"""Alignment of goals across regions: for each goal of one region, the closest goals of
the other regions by cosine similarity of their embeddings, with the themes they share."""

from __future__ import annotations

from typing import Any

import numpy as np

from aftalegraf.vocabulary import REGIONS

from .goals import Goal

# Matches below this cosine are not shown (multilingual-e5 cosines of unrelated goals of
# Danish agreements sit around 0.85-0.90; goals with the same aim score 0.93 and more).
MIN_SCORE = 0.90
PER_REGION = 2
# Ranking adds this to the cosine of a pair that shares a theme, so that of two nearly
# equally close goals the one pursuing the same theme comes first; "cosine" is reported
# as it is.
THEME_BONUS = 0.02


def shared_themes(a: Goal, b: Goal) -> list[dict[str, str]]:
    keys_b = {l["key"] for l in b.themes}
    return [{"key": l["key"], "label": l["label"]} for l in a.themes if l["key"] in keys_b]


def align(goals: list[Goal], vecs: np.ndarray | None, per_region: int = PER_REGION,
          min_score: float = MIN_SCORE) -> list[dict[str, Any]]:
    """One entry per goal that has a match in another region:
    {goal: {...}, region, themes, matches: [{goal: {...}, region, score, cosine, shared_themes}]}
    with the matches best first (score = cosine, plus THEME_BONUS when a theme is shared)."""
    if vecs is None or len(goals) < 2:
        return []
    sims = vecs @ vecs.T
    out = []
    for i, g in enumerate(goals):
        candidates = []
        for j, h in enumerate(goals):
            if h.region == g.region:
                continue
            shared = shared_themes(g, h)
            score = float(sims[i, j]) + (THEME_BONUS if shared else 0.0)
            if score < min_score:
                continue
            candidates.append((score, float(sims[i, j]), j, shared))
        candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
        matches = []
        by_region: dict[str, int] = {}
        for score, cos, j, shared in candidates:
            h = goals[j]
            if by_region.get(h.region, 0) >= per_region:
                continue
            by_region[h.region] = by_region.get(h.region, 0) + 1
            matches.append({
                "goal": h.brief(), "region": h.region, "region_label": REGIONS[h.region],
                "score": round(score, 4), "cosine": round(cos, 4), "shared_themes": shared,
            })
        if matches:
            out.append({"goal": g.brief(), "region": g.region, "region_label": REGIONS[g.region],
                        "themes": [{"key": l["key"], "label": l["label"]} for l in g.themes], "matches": matches})
    return out


def closest(goal_id: str, goals: list[Goal], vecs: np.ndarray | None, k: int = 5) -> list[dict[str, Any]]:
    """The k closest goals of the other regions to one goal (by id)."""
    for entry in align(goals, vecs, per_region=k, min_score=-1.0):
        if entry["goal"]["id"] == goal_id:
            return sorted(entry["matches"], key=lambda m: -m["score"])[:k]
    return []
