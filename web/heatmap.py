"""The comparison's heatmap: regions (columns) × themes or national goals (rows) as an
accessible inline SVG whose cells link to the provision of their first goal."""

from __future__ import annotations

from html import escape
from typing import Any

from .templating import provision_url


def _color(count: int, top: int) -> str:
    if count == 0:
        return "#f3f3f3"
    # light to dark blue; text stays readable (white on the darker cells)
    steps = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"]
    return steps[min(len(steps) - 1, int((count - 1) * len(steps) / max(top, 1)))]


def heatmap_svg(result: dict[str, Any], dimension: str = "themes") -> str:
    """Regions (columns) × themes (rows) as an SVG heatmap: each cell shows the number of
    goals, cells without goals show a dash on grey. Accessible: role="img", <title>, <desc>, text
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
            f"Hver celle viser antallet af regionens mål inden for rækken; {n_gaps} celler uden fundne mål er markeret med en tankestreg.")
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
            label = "–" if cell["gap"] else (str(n) if n else "nævnt")
            goals_text = "; ".join(g["text"] for g in cell["goals"][:5])
            tip = (f'{cell["region_label"]} – {row["label"]}: ' +
                   ("intet mål fundet" if cell["gap"] else f"{n} mål. {goals_text}"))
            stroke = ' stroke="#b00020" stroke-dasharray="4 2"' if cell["gap"] else ""
            cell_svg = (f'<rect x="{x + 2}" y="{y + 2}" width="{cw - 4}" height="{ch - 4}" rx="3" fill="{fill}"'
                        f'{stroke}/>'
                        f'<text x="{x + cw / 2:.0f}" y="{y + ch * 0.65:.0f}" text-anchor="middle" fill="{fg}">{label}</text>')
            # a cell with goals links to the provision of its first goal: click through to the paragraph
            first = next((g.get("provision_id") for g in cell["goals"] if g.get("provision_id")), None)
            if first:
                cell_svg = f'<a href="{escape(provision_url(first))}">{cell_svg}</a>'
            p.append(f'<g role="cell"><title>{escape(tip)}</title>{cell_svg}</g>')
        p.append("</g>")
    p.append(f'<text x="8" y="{height - 12}" fill="#444">Tal: antal mål i cellen. –: intet mål fundet inden for rækken (se aftalen selv).</text>')
    p.append("</svg>")
    return "\n".join(p)
