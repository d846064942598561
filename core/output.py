"""Printing results: JSON for scripts (stdout, nothing else on it), tables for people."""

from __future__ import annotations

import json
import shutil
import sys
from typing import Any, Sequence

_quiet = False


def set_quiet(value: bool) -> None:
    """``-q``: only errors on stderr (set once by the CLI)."""
    global _quiet
    _quiet = bool(value)


def is_quiet() -> bool:
    return _quiet


def note(message: str) -> None:
    """A line for people on stderr (a summary, where something went); silent under ``-q``."""
    if not _quiet:
        print(message, file=sys.stderr)


def print_json(data: Any) -> None:
    # a file name that is not valid UTF-8 reaches Python as lone surrogates, which no
    # encoder writes: show them as U+FFFD so that the output stays valid JSON
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    for errors in ("strict", "surrogateescape", "surrogatepass"):
        try:
            text = text.encode("utf-8", errors).decode("utf-8", "replace")
            break
        except UnicodeEncodeError:
            continue
    sys.stdout.write(text)
    sys.stdout.write("\n")


def print_table(rows: Sequence[Sequence[Any]], headers: Sequence[str], max_width: int | None = None) -> None:
    """A plain, aligned table; the widest column is cut to fit the terminal."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    total = max_width or shutil.get_terminal_size((120, 20)).columns
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] -= 1
    line = "  ".join(h.ljust(w)[:w] for h, w in zip(headers, widths))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(_fit(c, w) for c, w in zip(row, widths)).rstrip())


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    return " ".join(str(v).split())


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
