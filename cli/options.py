"""What every command shares: --store, --json and the choice between JSON and a table."""

from __future__ import annotations

import argparse

from aftalegraf.deploy.snapshot import is_snapshots, open_generation
from aftalegraf.output import print_json
from aftalegraf.store import Store, open_store


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """Every command that touches the store takes --store."""
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="store directory (default: $AFTALEGRAF_HOME, else the user data directory)",
    )


def reading_store(args, create: bool = True) -> Store:
    """The store a command that only reads opens: a snapshot directory's current generation
    (read-only), else the store itself."""
    if args.store and is_snapshots(args.store):
        return open_generation(args.store)
    return open_store(args.store, create=create)


_RAW = argparse.RawDescriptionHelpFormatter


def command(sub, name: str, func, *, argument: tuple = (), json_help: str | None = "print JSON on stdout",
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


def emit(args, data: dict, human) -> int:
    """``--json``: the data as JSON on stdout; otherwise ``human(data)`` prints it for a reader."""
    if args.json:
        print_json(data)
    else:
        human(data)
    return 0
