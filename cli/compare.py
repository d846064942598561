"""`aftalegraf compare [--regions A,B] [--json] [--csv]`."""

from __future__ import annotations

import sys

from aftalegraf.compare import compare, to_csv
from aftalegraf.output import print_json, print_table
from aftalegraf.store import open_store

from .options import add_store_option


def register(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="cross-region comparison of agreements (themes, national goals, alignment, checklist)",
        description="Sammenlign regionernes sundhedsaftaler: mål pr. tema og nationalt mål, huller, "
                    "beslægtede mål på tværs af regioner, versioner og vejledningens tjekliste.",
    )
    p.add_argument("--regions", metavar="A,B", help="regions to compare: slugs (hovedstaden,sjaelland) or names ('Region Sjælland')")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the comparison as JSON (only JSON on stdout)")
    fmt.add_argument("--csv", action="store_true", help="print the matrices and checklists as CSV")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    store = open_store(args.store)
    try:
        result = compare(store, regions=args.regions)
    finally:
        store.close()
    if args.json:
        print_json(result)
    elif args.csv:
        sys.stdout.write(to_csv(result))
    else:
        print_human(result)
    return 0


def print_human(result: dict) -> None:
    regions = result["regions"]
    if not regions:
        print("Ingen regionale sundhedsaftaler i lageret.")
        return
    for r in regions:
        docs = ", ".join(f'{a["title"]} ({a["period"] or "periode ukendt"})' for a in r["agreements"]) or "ingen aftale"
        print(f'{r["label"]}: {r["goals"]} mål – {docs}')
    for dim, title in (("themes", "Tema"), ("national_goals", "Nationalt mål")):
        print()
        rows = []
        for row in result["matrix"][dim]:
            cells = []
            for c in row["cells"]:
                if c["gap"]:
                    cells.append("– hul")
                else:
                    cells.append(f'✓ {c["count"]}' if c["count"] else "✓ nævnt")
            rows.append([row["label"], *cells])
        print_table(rows, [title, *[r["label"] for r in regions]])
    if result["alignments"]:
        print("\nBeslægtede mål på tværs af regioner (bedste match):")
        for a in result["alignments"][:15]:
            m = a["matches"][0]
            shared = ", ".join(t["label"] for t in m["shared_themes"]) or "intet fælles tema"
            print(f'  {a["region_label"]}: {a["goal"]["text"][:70]}')
            print(f'    ↔ {m["region_label"]}: {m["goal"]["text"][:70]} ({m["score"]:.2f}; {shared})')
    for v in result["versions"]:
        print(f'\n{v["region_label"]}: {v["from"]} → {v["to"]}: {len(v["kept"])} bevaret, '
              f'{len(v["added"])} nye, {len(v["dropped"])} udgået')
    src = result["requirements"]["source"]
    print(f'\nTjekliste ({src["label"]}):')
    for cl in result["checklists"]:
        print(f'\n{cl["title"]} [{cl["document_id"]}] – {cl["met"]}/{cl["total"]} opfyldt')
        rows = [[i["mark"], i["label"], (i["evidence"] or {}).get("provision_id") or i["note"]] for i in cl["items"]]
        print_table(rows, ["", "Krav", "Bestemmelse"])
