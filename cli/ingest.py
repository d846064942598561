"""`aftalegraf ingest | remove | reindex`: the commands that change the store."""

from __future__ import annotations

import argparse
import sys

from aftalegraf import stages
from aftalegraf.ingest.pipeline import ingest_paths, remove_documents
from aftalegraf.output import note, print_json, print_table
from aftalegraf.store import open_store

from .options import command, emit

_RAW = argparse.RawDescriptionHelpFormatter


def register(sub) -> None:
    p = command(
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

    p = command(
        sub, "remove", cmd_remove,
        argument=(("idents",), {"nargs": "+", "metavar": "ID_OR_PATH", "help": "document ids or ingested file paths"}),
        json_help="print what was removed as JSON on stdout (nothing else)",
        help="remove documents again (and the file they came from) from the store, graph and index",
        description="Remove documents by id (bek-2022-1248) or by the path of the file they were ingested from. "
                    "A file is removed whole: an agenda file takes its appendices with it. Exit 1 if an id is unknown.",
    )

    p = command(sub, "reindex", cmd_reindex, json_help=None,
                 help="rebuild the knowledge graph and search index from the stored provisions",
                 description="Rebuild the derived stages (graph, index) from the documents in the store, "
                             "e.g. after `ingest --skip-graph --skip-index` or a failed update.")
    p.add_argument("--only", choices=["graph", "index"], action="append", help="rebuild only this stage (repeatable)")


def cmd_ingest(args) -> int:
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

    emit(args, report.to_dict(), human)
    for f in report.failed:
        print(f"aftalegraf ingest: {f.path}: {f.error}", file=sys.stderr)
    for name, reason in report.stage_errors.items():
        print(f"aftalegraf ingest: the {name} stage failed ({reason}); the documents are stored, "
              f"run `aftalegraf reindex` to retry", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_remove(args) -> int:
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


def cmd_reindex(args) -> int:
    store = open_store(args.store)
    names = stages.stage_names(only=args.only)
    note(f"aftalegraf reindex: rebuilding {', '.join(names) or 'nothing'}")
    stages.rebuild(store, names)
    return 0
