"""The `aftalegraf` command. Thin: it parses arguments, opens the store and hands over to
the subsystem that owns each command. Each module here is one group of commands with
``register(subparsers)``; its sub-parsers set ``func(args)``, which returns an exit code."""

from __future__ import annotations

import argparse
import logging
import sys

from aftalegraf import __version__
from aftalegraf.errors import AftalegrafError
from aftalegraf.output import set_quiet

from . import compare, graph, ingest, search, serve, store

COMMAND_GROUPS = (ingest, store, graph, search, compare, serve)

DESCRIPTION = """\
aftalegraf – vidensgraf og søgning i sundhedsaftaler, vejledninger og bekendtgørelser.
Knowledge graph and semantic search over Danish health-agreement documents.

Typical use:
  aftalegraf ingest dokumenter/          read files into the store
  aftalegraf search "Hvem skal indsende sundhedsaftalen?"
  aftalegraf obligations --actor regionsrådet
  aftalegraf serve                       web UI on http://127.0.0.1:8000
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftalegraf", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"aftalegraf {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr (-vv: debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.ERROR if args.quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose + 1, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    set_quiet(args.quiet)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except AftalegrafError as exc:
        print(f"aftalegraf {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

