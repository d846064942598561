"""The comparison as a planner reads it: one column per agreement (region, period, status),
"ingen aftale indlæst" for a chosen region with none, and per theme or national goal the
goals of each agreement as text with their provisions.

Honest cells: a theme the agreement names only through a national goal it lists explicitly
("Bedre sammenhængende patientforløb" covers *Sammenhængende forløb*) is shown as such, not as
a gap; a real gap is worded as a question to check, never as a finding.

From 1 January 2027 Region Østdanmark replaces Region Hovedstaden and Region Sjælland
(LOV 719/2025): on and after that date the predecessors' agreements are shown under it.
"""

from __future__ import annotations

import functools
from typing import Any

from aftalegraf.kg.goals import explicit_links
from aftalegraf.legal_time import STATUS_LABELS_DA, danish_date
from aftalegraf.vocabulary import REGION_MERGERS, REGIONS

from . import reference
from .goals import Agreement, Goal

# What a planner calls an agreement's state, from its legal time.
AGREEMENT_STATUS_DA = {
    "in_force": "vedtaget, gældende",
    "not_yet_in_force": "vedtaget, ikke trådt i kraft",
    "expired": "udløbet",
    "draft": "høringsudkast",
    "repealed": "ophævet",
    "superseded": "afløst",
    "unknown": "status ukendt",
}


@functools.cache
def themes_of_national_goals() -> dict[str, list[str]]:
    """National goal key -> the themes its own name mentions (the same keyword reader the
    goals are linked by): "Styrket indsats for kronikere og ældre patienter" -> kronisk
    sygdom, ældre medicinske patienter."""
    out = {}
    for key, entry in reference.national_goals().items():
        themes, _ = explicit_links(entry["label"])
        out[key] = [t.key for t in themes]
    return out


def region_group(region: str, on: str) -> dict[str, str] | None:
    """The region that has replaced ``region`` on ``on`` (ISO date), if any."""
    for slug, merger in REGION_MERGERS.items():
        if region in merger["predecessors"] and on >= merger["from"]:
            return {"key": slug, "label": merger["label"], "from": merger["from"]}
    return None


def columns(wanted: list[str], agreements: list[Agreement], status_of, on: str) -> list[dict[str, Any]]:
    """One column per agreement of the wanted regions, oldest period first within a region;
    a wanted region without any agreement gets one column marked ``missing``."""
    cols = []
    for region in wanted:
        own = sorted((a for a in agreements if a.region == region), key=lambda a: (a.period, a.document.date or ""))
        group = region_group(region, on)
        if not own:
            cols.append({"key": f"{region}:none", "region": region, "region_label": REGIONS[region],
                         "group": group, "missing": True, "label": f"{REGIONS[region]}: ingen aftale indlæst"})
            continue
        for a in own:
            d = a.document
            status = status_of(d.id)
            if status == "unknown":       # a web page about an agreement: its period says it
                status = _status_by_period(a.period, on)
            cols.append({
                "key": d.id, "region": region, "region_label": REGIONS[region], "group": group, "missing": False,
                "document_id": d.id, "title": d.title, "type": d.type, "period": a.period or "periode ukendt",
                "date": d.date, "date_da": danish_date(d.date), "status": status,
                "status_label": AGREEMENT_STATUS_DA.get(status, STATUS_LABELS_DA.get(status, status)),
                "goals": len(a.goals),
                "national_goals_named": sorted({m["key"] for m in a.national_goal_mentions}, key=_ng_order),
                "kind_label": {"høringsudkast": "høringsudkast", "webside": "regionens webside om aftalen",
                               "samarbejdsaftale": "samarbejdsaftale"}.get(d.type, "sundhedsaftale"),
                "label": f"{REGIONS[region]} {a.period}".strip(),
            })
    return cols


def _status_by_period(period: str, on: str) -> str:
    years = period.split("-") if period else []
    if len(years) != 2 or not all(y.isdigit() for y in years):
        return "unknown"
    first, last = int(years[0]), int(years[1])
    year = int(on[:4])
    return "expired" if year > last else "not_yet_in_force" if year < first else "in_force"


def _ng_order(key: str) -> int:
    return int(key) if str(key).isdigit() else 99


def rows(dimension: str, cols: list[dict], goals: list[Goal], agreements: list[Agreement]) -> list[dict[str, Any]]:
    """Per theme (or national goal) one row; per column the agreement's goals linked to it
    (text, provision, how linked), what it names explicitly, and a gap worded as a question."""
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    by_doc = {a.document.id: a for a in agreements}
    covers = themes_of_national_goals() if dimension == "themes" else {}
    out = []
    for key, entry in table.items():
        cells = []
        for col in cols:
            if col["missing"]:
                cells.append({"column": col["key"], "missing": True, "goals": [], "named": [], "gap": False})
                continue
            agreement = by_doc[col["document_id"]]
            members = []
            for g in goals:
                if g.document_id != col["document_id"]:
                    continue
                link = next((x for x in getattr(g, dimension) if x["key"] == key), None)
                if link:
                    members.append({"text": g.text, "provision_id": g.provision_id, "kind": g.kind,
                                    "method": link["method"], "score": link["score"], "evidence": link["evidence"]})
            members.sort(key=lambda m: (m["method"] != "explicit", -m["score"]))
            if dimension == "national_goals":
                named = [{"label": entry["label"], "provision_id": m.get("provision_id"), "text": m.get("text", "")}
                         for m in agreement.national_goal_mentions if m["key"] == key]
            else:
                named = [{"label": reference.national_goals()[m["key"]]["label"], "provision_id": m.get("provision_id"),
                          "text": m.get("text", "")}
                         for m in agreement.national_goal_mentions if key in covers.get(m["key"], [])]
            gap = not members and not named
            cells.append({
                "column": col["key"], "missing": False, "goals": members, "named": named, "gap": gap,
                "question": (f"Ingen mål om {entry['label'].lower()} fundet i {col['label']} — "
                             f"se aftalen selv: står det under et andet ord?") if gap else "",
            })
        out.append({"key": key, "label": entry["label"], "cells": cells})
    return out


def checklist_rows(cols: list[dict], checklists: list[dict]) -> list[dict[str, Any]]:
    """The approval checklist (the vejledning's requirements) with one cell per column."""
    by_doc = {c["document_id"]: c for c in checklists}
    first = next((c for c in checklists if c.get("items")), None)
    if first is None:
        return []
    out = []
    for i, item in enumerate(first["items"]):
        cells = []
        for col in cols:
            cl = by_doc.get(col.get("document_id")) if not col["missing"] else None
            it = cl["items"][i] if cl and i < len(cl["items"]) else None
            cells.append({"column": col["key"], "missing": it is None, "ok": bool(it and it["ok"]),
                          "mark": it["mark"] if it else "", "note": it.get("note", "") if it else "",
                          "provision_id": ((it or {}).get("evidence") or {}).get("provision_id")})
        out.append({"key": item["key"], "label": item["label"], "requirement": item.get("requirement", ""),
                    "cells": cells})
    return out
