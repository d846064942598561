"""Regions × themes and regions × national goals.

Each row is a theme (or a national goal), each cell one region: the region's goals linked
to that row, each with its provision id, score, method and evidence. A cell without goals
is a gap (``gap: true``). For national goals a cell also lists the places where the
agreement names the national goal itself (``mentions``), e.g. Region Sjælland's
"Disse fire målsætninger medvirker til, at aftalen skal leve op til de nationale mål: …";
such a cell is not a gap.
"""

from __future__ import annotations

from typing import Any

from aftalegraf.vocabulary import REGIONS

from . import reference
from .goals import Agreement, Goal


def _cell_goal(goal: Goal, link: dict) -> dict[str, Any]:
    return {**goal.brief(), "score": link["score"], "method": link["method"], "evidence": link["evidence"]}


def build(regions: list[str], goals: list[Goal], agreements: list[Agreement], dimension: str) -> list[dict[str, Any]]:
    """Rows of the matrix for ``dimension`` ("themes" or "national_goals")."""
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    rows = []
    for key, entry in table.items():
        cells = []
        for region in regions:
            members = []
            for g in goals:
                if g.region != region:
                    continue
                for link in getattr(g, dimension):
                    if link["key"] == key:
                        members.append(_cell_goal(g, link))
                        break
            members.sort(key=lambda m: (m["method"] != "explicit", -m["score"]))
            cell: dict[str, Any] = {"region": region, "region_label": REGIONS[region], "goals": members}
            if dimension == "national_goals":
                mentions = [
                    {"provision_id": m["provision_id"], "document_id": a.document.id, "text": m.get("text", ""),
                     "evidence": m.get("evidence", "")}
                    for a in agreements if a.region == region
                    for m in a.national_goal_mentions if m["key"] == key
                ]
                cell["mentions"] = mentions
                cell["gap"] = not members and not mentions
            else:
                cell["gap"] = not members
            cell["count"] = len(members)
            cells.append(cell)
        rows.append({
            "key": key,
            "label": entry["label"],
            "cells": cells,
            "regions_with_goals": [c["region"] for c in cells if not c["gap"]],
            "shared": sum(1 for c in cells if not c["gap"]) >= 2,
        })
    return rows


def gaps(rows: list[dict[str, Any]], dimension: str) -> list[dict[str, Any]]:
    """Every empty cell: {dimension, key, label, region, region_label}."""
    return [
        {"dimension": dimension, "key": r["key"], "label": r["label"], "region": c["region"], "region_label": c["region_label"]}
        for r in rows for c in r["cells"] if c["gap"]
    ]
