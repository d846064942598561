"""Knowledge-graph commands: obligations, actors, goals, sparql, export."""

from __future__ import annotations

import sys
from pathlib import Path

from aftalegraf.errors import BadQuery
from aftalegraf.kg import api
from aftalegraf.kg.export import export
from aftalegraf.kg.sparql import sparql
from aftalegraf.output import note, print_json, print_table

from .options import add_store_option, reading_store


def register(sub) -> None:
    p = sub.add_parser("obligations", help="who must (should, may, must not) do what, with the provision that says so")
    p.add_argument("--actor", help="actor key, label or inflected form (regionsrådet, kommunalbestyrelserne ...)")
    p.add_argument("--modality", help="obligation | recommendation | permission | prohibition")
    p.add_argument("--document", metavar="ID", help="only obligations stated in this document")
    p.add_argument("--limit", type=int, metavar="N")
    p.add_argument("--include-reported", action="store_true",
                   help="also duties a news item, agenda or hearing letter only reports")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_store_option(p)
    p.set_defaults(func=cmd_obligations)

    p = sub.add_parser("actors", help="actor types and how many obligations each bears")
    p.add_argument("--json", action="store_true")
    add_store_option(p)
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("goals", help="goals of the agreements with their themes and national goals")
    p.add_argument("--region", help="region slug or name (hovedstaden, Region Sjælland ...)")
    p.add_argument("--document", metavar="ID")
    p.add_argument("--json", action="store_true")
    add_store_option(p)
    p.set_defaults(func=cmd_goals)

    p = sub.add_parser("sparql", help="SPARQL SELECT/ASK/CONSTRUCT/DESCRIBE over the graph")
    p.add_argument("query", metavar="QUERY", help="the query, @file.rq, or - for stdin")
    p.add_argument("--format", default="table", choices=["json", "csv", "tsv", "xml", "table", "turtle", "nt", "jsonld"],
                   help="result format (default: table; CONSTRUCT/DESCRIBE: turtle)")
    p.add_argument("--timeout", type=float, help="seconds (default: the sparql_timeout setting)")
    add_store_option(p)
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("export", help="dump the graph (Turtle, N-Triples, JSON-LD, TriG)")
    p.add_argument("--format", default="turtle", choices=["turtle", "nt", "jsonld", "trig", "nq"])
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--no-reference", action="store_true", help="leave out the ontology and reference data")
    add_store_option(p)
    p.set_defaults(func=cmd_export)


def _store(args):

    return reading_store(args)


def cmd_obligations(args) -> int:
    rows = api.obligations(_store(args), actor=args.actor, modality=args.modality,
                           document_id=args.document, limit=args.limit,
                           include_reported=True if args.include_reported else None)
    if args.json:
        print_json({"obligations": rows})
        return 0
    print_table([[r["actor"], r["modality"], r["action"], f"{r['document']['id']} {r['section']}".strip()]
                 for r in rows], ["actor", "modality", "action", "source"])
    note(f"{len(rows)} obligations")
    return 0


def cmd_actors(args) -> int:
    rows = api.actors(_store(args))
    if args.json:
        print_json({"actors": rows})
        return 0
    print_table([[r["key"], r["label"], r["label_en"], r["obligations"]] for r in rows],
                ["key", "label", "label (en)", "obligations"])
    return 0


def cmd_goals(args) -> int:
    rows = api.goals(_store(args), region=args.region, document_id=args.document)
    if args.json:
        print_json({"goals": rows})
        return 0
    print_table([[r["document"]["region"], r["text"], ", ".join(t["key"] for t in r["themes"]),
                  ", ".join(t["key"] for t in r["national_goals"]), r["provision_id"]] for r in rows],
                ["region", "goal", "themes", "national goals", "provision"])
    return 0


def read_query(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        path = Path(arg[1:]).expanduser()
        if not path.is_file():
            raise BadQuery(f"no query file {path}", "query")
        return path.read_text(encoding="utf-8")
    return arg


def cmd_sparql(args) -> int:
    res = sparql(_store(args), read_query(args.query), timeout=args.timeout)
    fmt = args.format
    if res.kind == "graph":
        sys.stdout.write(res.serialize("turtle" if fmt in ("table", "json") else fmt))
        return 0
    if fmt == "table":
        if res.kind == "ask":
            print("true" if res.boolean else "false")
        else:
            print_table(res.rows, res.vars)
            note(f"{len(res)} rows, {res.elapsed_ms:.1f} ms")
        return 0
    if fmt in ("turtle", "nt", "jsonld"):
        raise BadQuery(f"--format {fmt} is for CONSTRUCT/DESCRIBE queries", "format")
    sys.stdout.write(res.serialize(fmt))
    if fmt == "json":
        sys.stdout.write("\n")
    return 0


def cmd_export(args) -> int:
    store = _store(args)
    if args.output:
        with open(args.output, "wb") as fh:
            export(store, args.format, fh, include_reference=not args.no_reference)
        note(f"wrote {args.output}")
    else:
        sys.stdout.buffer.write(export(store, args.format, include_reference=not args.no_reference))
        sys.stdout.flush()
    return 0
