"""`aftalegraf documents | show | status`: what the store holds."""

from __future__ import annotations

import argparse

from aftalegraf import stages
from aftalegraf.deploy.snapshot import write_snapshot
from aftalegraf.errors import NotFound
from aftalegraf.output import note, print_table
from aftalegraf.store import open_store

from .options import command, emit, reading_store

_RAW = argparse.RawDescriptionHelpFormatter


def register(sub) -> None:
    command(sub, "documents", cmd_documents, help="list the documents in the store",
             description="List ingested documents: id, type, region, agreement period, title.")

    command(
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

    p = command(
        sub, "snapshot", cmd_snapshot, formatter_class=_RAW, json_help="print the new generation's manifest as JSON",
        help="write an immutable snapshot of the store for read-only serving nodes",
        description=(
            "Copy the store (documents, search index, and the graph unless it lives on a SPARQL server)\n"
            "into a new generation under --out and make it current. Serving nodes run\n"
            "  aftalegraf serve --read-only --store OUT\n"
            "and swap in each new generation without dropping requests (README: 'Several nodes')."),
    )
    p.add_argument("--out", required=True, metavar="DIR", help="the snapshot directory (created if absent)")
    p.add_argument("--keep", type=int, default=3, help="generations to keep (default 3)")

    command(sub, "status", cmd_status, help="what the store holds, and whether the graph and index are up to date",
             description="Counts of sources, documents and provisions; derived stages that are stale.")


def _doc_dict(d) -> dict:
    return {
        "id": d.id, "title": d.title, "type": d.type, "region": d.region, "source": d.source_path,
        "provisions": d.meta.get("provision_count", len(d.provisions)), "period": d.period,
        "identifier": d.identifier, "eli": d.eli, "issuer": d.issuer, "date": d.date,
    }


def cmd_snapshot(args) -> int:
    info = write_snapshot(open_store(args.store, create=False), args.out, keep=args.keep)
    return emit(args, info, lambda d: note(
        f"øjebliksbillede {d['name']}: {d['documents']} dokumenter, {d['provisions']} bestemmelser "
        f"(graf: {'på SPARQL-serveren' if d['graph'] == 'remote' else 'med i billedet'}) i {args.out}"))


def cmd_documents(args) -> int:
    store = reading_store(args)
    docs = [_doc_dict(d) for d in store.documents()]
    return emit(args, {"documents": docs}, lambda data: print_table(
        [(d["id"], d["type"], d["region"], d["period"], d["provisions"], d["title"]) for d in data["documents"]],
        ["id", "type", "region", "period", "provisions", "title"]))


def cmd_show(args) -> int:
    store = reading_store(args)
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

    return emit(args, data, human)


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

    return emit(args, data, human)


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

    return emit(args, data, human)
