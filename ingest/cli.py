"""`aftalegraf ingest | documents | show | status | reindex`."""

from __future__ import annotations

import argparse
import sys

from aftalegraf import stages
from aftalegraf.cli import add_store_option
from aftalegraf.errors import NotFound
from aftalegraf.output import note, print_json, print_table
from aftalegraf.store import open_store

_RAW = argparse.RawDescriptionHelpFormatter


def _command(sub, name: str, func, *, argument: tuple = (), json_help: str | None = "print JSON on stdout",
             **parser_kw) -> argparse.ArgumentParser:
    """A sub-command: its positional argument (names, options), --store, --json and its function."""
    p = sub.add_parser(name, **parser_kw)
    if argument:
        p.add_argument(*argument[0], **argument[1])
    add_store_option(p)
    if json_help:
        p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(func=func)
    return p


def _emit(args, data: dict, human) -> int:
    """``--json``: the data as JSON on stdout; otherwise ``human(data)`` prints it for a reader."""
    if args.json:
        print_json(data)
    else:
        human(data)
    return 0


def register(sub) -> None:
    p = _command(
        sub, "ingest", cmd_ingest, formatter_class=_RAW,
        argument=(("paths",), {"nargs": "+", "metavar": "PATH", "help": "files or folders to read"}),
        json_help="print the per-file report as JSON on stdout (nothing else)",
        help="read files or folders (recursively) into the store",
        description=(
            "Read documents into the store: .txt/.md (text from PDFs and web pages), .pdf, .html/.htm,\n"
            ".docx and retsinformation LexDania .xml. Folders are read recursively. A file that\n"
            "holds several documents (an agenda with its appendices) is split into them.\n"
            "Unchanged files are skipped; a changed file replaces its earlier documents.\n"
            "A file that fails is reported with the reason; the others are still read, and the\n"
            "command then exits with status 1.\n\n"
            "Example:  aftalegraf ingest ~/dokumenter/sundhedsaftaler --store ./lager"
        ),
    )
    p.add_argument("--force", action="store_true", help="re-read files even when they are unchanged")
    p.add_argument("--skip-graph", action="store_true", help="do not update the knowledge graph now (run `reindex` later)")
    p.add_argument("--skip-index", action="store_true", help="do not update the search index now (run `reindex` later)")

    p = _command(
        sub, "remove", cmd_remove,
        argument=(("idents",), {"nargs": "+", "metavar": "ID_OR_PATH", "help": "document ids or ingested file paths"}),
        json_help="print what was removed as JSON on stdout (nothing else)",
        help="remove documents again (and the file they came from) from the store, graph and index",
        description="Remove documents by id (bek-2022-1248) or by the path of the file they were ingested from. "
                    "A file is removed whole: an agenda file takes its appendices with it. Exit 1 if an id is unknown.",
    )

    _command(sub, "documents", cmd_documents, help="list the documents in the store",
             description="List ingested documents: id, type, region, agreement period, title.")

    _command(
        sub, "show", cmd_show, formatter_class=_RAW,
        argument=(("id",), {"metavar": "ID", "help": "a provision id (doc/p21/stk2) or a document id (bek-2022-1248)"}),
        help="show a provision (with its heading path and text) or a document's outline",
        description=(
            "Show one provision with its heading path, text and sub-provisions, e.g.\n"
            "  aftalegraf show bek-2022-1248/p21/stk2\n"
            "or, for a document id, the document's metadata and outline:\n"
            "  aftalegraf show vej-2013-9005"
        ),
    )

    _command(sub, "status", cmd_status, help="what the store holds, and whether the graph and index are up to date",
             description="Counts of sources, documents and provisions; derived stages that are stale.")

    p = _command(sub, "reindex", cmd_reindex, json_help=None,
                 help="rebuild the knowledge graph and search index from the stored provisions",
                 description="Rebuild the derived stages (graph, index) from the documents in the store, "
                             "e.g. after `ingest --skip-graph --skip-index` or a failed update.")
    p.add_argument("--only", choices=["graph", "index"], action="append", help="rebuild only this stage (repeatable)")


def cmd_ingest(args) -> int:
    from .pipeline import ingest_paths

    store = open_store(args.store)
    skip = [n for n, flag in (("graph", args.skip_graph), ("index", args.skip_index)) if flag]
    derive = stages.stage_names(skip=skip)
    report = ingest_paths(store, args.paths, derive=derive, force=args.force)

    def human(data) -> None:
        rows = [(f.status, f.path, len(f.documents), f.provisions, f.error or ", ".join(f.documents))
                for f in report.files]
        print_table(rows, ["status", "file", "docs", "provisions", "documents / error"])
        counts = store.counts()
        note(f"\n{', '.join(f'{v} {k}' for k, v in sorted(data['summary'].items()))}; store {store.path}: "
             f"{counts['documents']} documents, {counts['provisions']} provisions")

    _emit(args, report.to_dict(), human)
    for f in report.failed:
        print(f"aftalegraf ingest: {f.path}: {f.error}", file=sys.stderr)
    for name, reason in report.stage_errors.items():
        print(f"aftalegraf ingest: the {name} stage failed ({reason}); the documents are stored, "
              f"run `aftalegraf reindex` to retry", file=sys.stderr)
    return 0 if report.ok else 1


def _doc_dict(d) -> dict:
    return {
        "id": d.id, "title": d.title, "type": d.type, "region": d.region, "source": d.source_path,
        "provisions": d.meta.get("provision_count", len(d.provisions)), "period": d.period,
        "identifier": d.identifier, "eli": d.eli, "issuer": d.issuer, "date": d.date,
    }


def cmd_remove(args) -> int:
    from .pipeline import remove_documents

    store = open_store(args.store)
    out = remove_documents(store, args.idents)
    if args.json:
        print_json(out)
    else:
        for d in out["removed"]:
            print(f"removed {d}")
        for u in out["unknown"]:
            print(f"aftalegraf remove: no document or file {u!r} in the store", file=sys.stderr)
    return 1 if out["unknown"] or out["stage_errors"] else 0


def cmd_documents(args) -> int:
    store = open_store(args.store)
    docs = [_doc_dict(d) for d in store.documents()]
    return _emit(args, {"documents": docs}, lambda data: print_table(
        [(d["id"], d["type"], d["region"], d["period"], d["provisions"], d["title"]) for d in data["documents"]],
        ["id", "type", "region", "period", "provisions", "title"]))


def cmd_show(args) -> int:
    store = open_store(args.store)
    ident = args.id.strip()
    try:
        p = store.provision(ident)
    except NotFound:
        p = None
    if p is None:
        return _show_document(args, store.document(ident))     # raises NotFound naming the id
    children = store.children(p.id)
    doc = store.document(p.document_id, with_provisions=False)
    data = p.to_dict()
    data["document"] = {"id": doc.id, "title": doc.title, "type": doc.type, "region": doc.region}
    data["children"] = [c.id for c in children]

    def human(_data) -> None:
        print(f"{doc.title}  [{doc.id}]")
        for i, h in enumerate(p.path):
            print(f"{'  ' * (i + 1)}{h}")
        print(f"\n{p.text}\n")
        if children:
            print("sub-provisions: " + ", ".join(c.id.rsplit("/", 1)[-1] for c in children))
        print(f"[{p.id}  kind={p.kind}  chars {p.start}-{p.end}]")

    return _emit(args, data, human)


def _show_document(args, doc) -> int:
    outline = [x for x in doc.provisions if x.kind in ("kapitel", "section", "heading", "paragraf")]
    data = _doc_dict(doc)
    data["provisions"] = len(doc.provisions)
    data["outline"] = [{"id": x.id, "kind": x.kind, "label": x.label, "title": x.title,
                        "depth": len(x.path)} for x in outline]

    def human(_data) -> None:
        print(f"{doc.id}  ({doc.type})\n{doc.title}")
        for key in ("issuer", "region", "period", "date", "identifier", "eli", "source_path"):
            if getattr(doc, key):
                print(f"  {key}: {getattr(doc, key)}")
        print(f"  provisions: {len(doc.provisions)}\n")
        for x in outline:
            head = f"{x.label} {x.title}".strip() if x.kind == "kapitel" else x.text.split("\n", 1)[0]
            print(f"{'  ' * len(x.path)}{head[:100]}   [{x.id}]")

    return _emit(args, data, human)


def cmd_status(args) -> int:
    store = open_store(args.store)
    counts = store.counts()
    data = {
        "store": str(store.path),
        "sources": len(store.sources()),
        **counts,
        "generation": store.generation,
        "stages": {n: {"generation": store.get_meta(f"stage:{n}:generation"), "stale": stages.is_stale(store, n)}
                   for n in stages.stage_names()},
    }

    def human(data) -> None:
        print(f"store:       {data['store']}\nsources:     {data['sources']}\ndocuments:   {counts['documents']}\n"
              f"provisions:  {counts['provisions']}\ngeneration:  {data['generation']}")
        for n, st in data["stages"].items():
            print(f"{n + ':':12} {'STALE (run `aftalegraf reindex`)' if st['stale'] else 'up to date'}")

    return _emit(args, data, human)


def cmd_reindex(args) -> int:
    store = open_store(args.store)
    names = stages.stage_names(only=args.only)
    note(f"aftalegraf reindex: rebuilding {', '.join(names) or 'nothing'}")
    stages.rebuild(store, names)
    return 0
