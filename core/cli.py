"""The `aftalegraf` command. Thin: it parses arguments, opens the store and hands over to
the subsystem that owns each command. Command groups register themselves through the
plugin registry (kind ``commands``): a module with ``register(subparsers)`` that adds
sub-parsers whose ``func(args)`` returns an exit code."""

from __future__ import annotations

import argparse
import logging
import sys

from . import __version__, plugins
from .errors import AftalegrafError
from .output import set_quiet

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
    for plugin in plugins.plugins("commands"):
        plugin.load().register(sub)
    return parser


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """Every command that touches the store takes --store."""
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="store directory (default: $AFTALEGRAF_HOME, else the user data directory)",
    )


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


if __name__ == "__main__":
    sys.exit(main())
