"""One region across agreement periods (2015-2018 against 2019-2023 …): which goals were
added, dropped or kept. Goals of consecutive periods are paired greedily, best cosine
first; a pair at or above the threshold is "kept" (the same aim, possibly reworded)."""

from __future__ import annotations

from typing import Any

import numpy as np

from aftalegraf.vocabulary import REGIONS

from .goals import Goal

KEEP_THRESHOLD = 0.93


def _period_key(period: str) -> tuple[int, str]:
    try:
        return int(period[:4]), period
    except ValueError:
        return 0, period


def compare_versions(goals: list[Goal], vecs: np.ndarray | None, threshold: float = KEEP_THRESHOLD) -> list[dict[str, Any]]:
    """For each region with goals in two or more periods, one entry per consecutive pair:
    {region, from, to, kept: [{old, new, score}], added: [{goal, best_score}],
    dropped: [{goal, best_score}]}."""
    if vecs is None:
        return []
    index = {id(g): i for i, g in enumerate(goals)}
    by_region: dict[str, dict[str, list[Goal]]] = {}
    for g in goals:
        if g.period:
            by_region.setdefault(g.region, {}).setdefault(g.period, []).append(g)
    out = []
    for region, periods in by_region.items():
        order = sorted(periods, key=_period_key)
        for old_p, new_p in zip(order, order[1:]):
            old, new = periods[old_p], periods[new_p]
            a = vecs[[index[id(g)] for g in old]]
            b = vecs[[index[id(g)] for g in new]]
            sims = a @ b.T
            pairs = sorted(((float(sims[i, j]), i, j) for i in range(len(old)) for j in range(len(new))), reverse=True)
            used_old: set[int] = set()
            used_new: set[int] = set()
            kept = []
            for score, i, j in pairs:
                if score < threshold:
                    break
                if i in used_old or j in used_new:
                    continue
                used_old.add(i)
                used_new.add(j)
                kept.append({"old": old[i].brief(), "new": new[j].brief(), "score": round(score, 4)})
            added = [{"goal": new[j].brief(), "best_score": round(float(sims[:, j].max()), 4) if len(old) else 0.0}
                     for j in range(len(new)) if j not in used_new]
            dropped = [{"goal": old[i].brief(), "best_score": round(float(sims[i].max()), 4) if len(new) else 0.0}
                       for i in range(len(old)) if i not in used_old]
            out.append({"region": region, "region_label": REGIONS[region], "from": old_p, "to": new_p,
                        "threshold": threshold, "kept": kept, "added": added, "dropped": dropped})
    return out
