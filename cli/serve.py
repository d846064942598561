"""`aftalegraf serve` and `aftalegraf demo`."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import resources

from aftalegraf.config import resolve_store_dir
from aftalegraf.deploy.snapshot import Follower, is_snapshots
from aftalegraf.errors import ConfigError
from aftalegraf.ingest import ingest_paths
from aftalegraf.kg.timeline import ENV_TODAY, pinned_day
from aftalegraf.output import note
from aftalegraf.search.service import warm_up
from aftalegraf.store import Store, open_store
from aftalegraf.web.app import create_app
from aftalegraf.web.security import default_hosts
from aftalegraf.web.server import run

from .options import add_store_option

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = sub.add_parser("serve", help="web UI and HTTP API (http://127.0.0.1:8000)",
                       description="Start the web UI, the HTTP API (/api, OpenAPI at /docs) and /sparql.")
    _server_options(p)
    add_store_option(p)
    p.add_argument("--read-only", action="store_true",
                   help="refuse uploads and removals; with a snapshot directory as --store (see `aftalegraf "
                        "snapshot`), serve its current generation and swap in newer ones as they appear")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="ingest the bundled sample corpus into the store and serve it",
                       description="Ingest the bundled sample corpus into the default store (or --store), "
                                   "print a summary, then serve it.")
    _server_options(p)
    add_store_option(p)
    p.add_argument("--no-serve", action="store_true", help="stop after the ingest")
    p.set_defaults(func=cmd_demo)


def _server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def serve(store, host: str, port: int, read_only: bool = False, follower: Follower | None = None) -> int:
    pinned = pinned_day()       # a bad $AFTALEGRAF_TODAY stops the start, named, not every request after it
    app = create_app(store=store, allowed_hosts=default_hosts(host), read_only=read_only, follower=follower)
    store = app.state.store
    if follower is None:
        warm_up(store)                     # a follower has warmed its generation already
    mode = f", skrivebeskyttet, øjebliksbillede {store.generation_name}" if follower else (
        ", skrivebeskyttet" if app.state.read_only else "")
    if pinned:
        mode += f", retlig status pr. {pinned} ({ENV_TODAY})"
    note(f"aftalegraf: http://{host}:{port}/  (API-dokumentation: /docs, SPARQL: /sparql{mode})")
    run(app, host, port, header_timeout=float(store.settings.get("header_timeout", 10.0)))
    return 0


def cmd_serve(args) -> int:
    if args.store and is_snapshots(args.store):
        if not args.read_only:
            raise ConfigError(f"{args.store} is a snapshot directory: serve it with --read-only")
        return serve(None, args.host, args.port, follower=Follower(args.store, prepare=warm_up))
    if args.read_only:
        return serve(Store(resolve_store_dir(args.store), read_only=True), args.host, args.port, read_only=True)
    return serve(open_store(args.store), args.host, args.port)


def sample_dir():
    return resources.files("aftalegraf.data") / "sample"


def cmd_demo(args) -> int:
    store = open_store(args.store)
    logging.getLogger("aftalegraf").setLevel(min(logging.getLogger("aftalegraf").getEffectiveLevel(), logging.INFO))
    with resources.as_file(sample_dir()) as folder:
        note(f"aftalegraf demo: indlæser eksempelkorpus fra {folder} i {store.path}")
        report = ingest_paths(store, [folder])
    for f in report.files:
        line = f"  {f.status:9s} {f.path.rsplit('/', 1)[-1]}"
        if f.documents:
            line += f"  ({len(f.documents)} dok., {f.provisions} bestemmelser)"
        if f.error:
            line += f"  FEJL: {f.error}"
        note(line)
    counts = store.counts()
    note(f"aftalegraf demo: {counts['documents']} dokumenter, {counts['provisions']} bestemmelser i {store.path}")
    if not report.ok:
        print(f"aftalegraf demo: {len(report.failed)} fil(er) kunne ikke indlæses", file=sys.stderr)
    if args.no_serve:
        return 0 if report.ok else 1
    return serve(store, args.host, args.port)
