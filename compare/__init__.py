"""Cross-region comparison of health agreements (see docs/compare.md).

    compare(store, regions=None) -> dict   everything the CLI, the API and the page show
    to_csv(result) -> str                  the matrices and checklists as CSV

Modules: goals (collect and link goals), matrix, align, versions, checklist.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from aftalegraf.embedding.cache import cached_embedder
from aftalegraf.kg.reference import SIM_FLOOR
from aftalegraf.kg.timeline import parse_date, timeline_for, today
from aftalegraf.vocabulary import REGIONS

from . import align as _align
from . import checklist as _checklist
from . import columns as _columns
from . import matrix as _matrix
from . import reference
from . import versions as _versions
from .goals import collect
from .reference import resolve_region, resolve_regions

__all__ = ["compare", "to_csv", "resolve_region", "resolve_regions"]


def compare(store, regions=None, embedder=None, extractor: str = "auto", as_of: str | None = None) -> dict[str, Any]:
    """Compare the regional agreements in ``store``.

    ``regions``: None (every region with an agreement in the store), a comma-separated
    string or a list of slugs / Danish names; an unknown name raises BadQuery.
    ``embedder``: an ``embedding.cache.CachedEmbedder`` (default: the store's embedder).
    ``as_of``: the date (ISO) the agreements' status is read on and regions merged by (today).
    """
    on = parse_date(as_of) or today()
    wanted = resolve_regions(regions)
    emb = embedder if embedder is not None else cached_embedder(store)
    agreements, goals, vecs = collect(store, wanted, emb, extractor)
    if wanted is None:
        present = {a.region for a in agreements}
        wanted = [r for r in REGIONS if r in present]
    theme_rows = _matrix.build(wanted, goals, agreements, "themes")
    ng_rows = _matrix.build(wanted, goals, agreements, "national_goals")
    reqs, req_source = _checklist.requirements(store)
    checklists = [_checklist.check(a.document, reqs, len(a.goals)) for a in agreements]
    timeline = timeline_for(store)
    cols = _columns.columns(wanted, agreements, lambda doc_id: timeline.status(doc_id, on), on)
    return {
        "as_of": on,
        "columns": cols,
        "by_agreement": {"themes": _columns.rows("themes", cols, goals, agreements),
                         "national_goals": _columns.rows("national_goals", cols, goals, agreements),
                         "checklist": _columns.checklist_rows(cols, checklists)},
        "regions": [
            {"key": r, "label": REGIONS[r],
             "agreements": [a.summary() for a in agreements if a.region == r],
             "goals": sum(1 for g in goals if g.region == r)}
            for r in wanted
        ],
        "themes": [{"key": k, "label": e["label"]} for k, e in reference.themes().items()],
        "national_goals": [{"key": k, "label": e["label"]} for k, e in reference.national_goals().items()],
        "goals": [g.to_dict() for g in goals],
        "matrix": {"themes": theme_rows, "national_goals": ng_rows},
        "gaps": _matrix.gaps(theme_rows, "themes") + _matrix.gaps(ng_rows, "national_goals"),
        "alignments": _align.align(goals, vecs),
        "versions": _versions.compare_versions(goals, vecs),
        "requirements": {"source": req_source, "items": [r.to_dict() for r in reqs]},
        "checklists": checklists,
        "method": {
            "embedder": getattr(emb, "name", None),
            "theme_similarity_floor": SIM_FLOOR,
            "alignment_min_score": _align.MIN_SCORE,
            "alignment_theme_bonus": _align.THEME_BONUS,
            "version_keep_threshold": _versions.KEEP_THRESHOLD,
            "linking": "eksplicit omtale først (nøgleord), derefter semantisk lighed (cosinus) med temaets beskrivelse",
        },
    }


def to_csv(result: dict[str, Any]) -> str:
    """One table, one row per fact: matrix cells (goal or gap) and checklist items.

    Columns: section, region, key, label, status, goal_or_requirement, provision_id,
    score, method, evidence."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["afsnit", "region", "noegle", "betegnelse", "status", "maal_eller_krav", "bestemmelse", "score", "metode", "evidens"])
    for dim, name in (("themes", "tema"), ("national_goals", "nationalt_maal")):
        for row in result["matrix"][dim]:
            for cell in row["cells"]:
                if cell["gap"]:
                    w.writerow([name, cell["region"], row["key"], row["label"], "hul", "", "", "", "", ""])
                    continue
                for g in cell["goals"]:
                    w.writerow([name, cell["region"], row["key"], row["label"], "maal", g["text"], g["provision_id"],
                                g["score"], g["method"], g["evidence"]])
                for m in cell.get("mentions", []):
                    w.writerow([name, cell["region"], row["key"], row["label"], "naevnt", m["text"], m["provision_id"],
                                "", "explicit", m["evidence"]])
    for cl in result["checklists"]:
        for item in cl["items"]:
            ev = item["evidence"] or {}
            w.writerow(["tjekliste", cl["region"], item["key"], item["label"], item["mark"], cl["document_id"],
                        ev.get("provision_id") or "", "", "", ev.get("text") or item["note"]])
    return out.getvalue()
