"""A lexical guard that runs before the SPARQL engine sees a query.

Oxigraph's parser is recursive: a query nested a few thousand brackets deep overflows the
native stack and kills the whole process (SIGSEGV), which no ``try`` can catch. So the
query text is scanned first — strings, IRIs and comments skipped — and refused when its
brackets nest deeper than ``max_depth`` or when it is longer than ``max_chars``.

The same scan finds ``SERVICE`` clauses: federated queries make the server connect to
any URL a visitor names (SSRF), so they are refused unless the endpoint is listed in the
``sparql_service_allow`` setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aftalegraf.errors import BadQuery

MAX_DEPTH = 64
MAX_CHARS = 100_000

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPEN, _CLOSE = "([{", ")]}"


@dataclass
class Scan:
    depth: int = 0                                     # deepest bracket nesting
    services: list[str] = field(default_factory=list)  # SERVICE targets: IRIs, "?var" or ""


def scan(query: str) -> Scan:
    """Bracket depth and SERVICE targets of ``query``, outside strings, IRIs and comments."""
    out = Scan()
    depth, i, n = 0, 0, len(query)
    expect_service = False
    while i < n:
        ch = query[i]
        if ch == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if ch in "\"'":
            i = _skip_string(query, i)
            continue
        if ch == "<":
            m = _IRI.match(query, i)
            if m:
                if expect_service:
                    out.services.append(m.group(0)[1:-1])
                    expect_service = False
                i = m.end()
                continue
        if ch in _OPEN:
            depth += 1
            out.depth = max(out.depth, depth)
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "?$" and expect_service:
            m = _WORD.match(query, i + 1)
            out.services.append("?" + (m.group(0) if m else ""))
            expect_service = False
        elif ch.isalpha() or ch == "_":
            m = _WORD.match(query, i)
            word = m.group(0) if m else ch
            if word.upper() == "SERVICE":
                expect_service = True
            elif word.upper() != "SILENT" and expect_service:
                out.services.append(word)       # a prefixed name: refused below unless listed
                expect_service = False
            i += len(word)
            continue
        i += 1
    if expect_service:
        out.services.append("")
    return out


def _skip_string(q: str, i: int) -> int:
    quote = q[i]
    long = q.startswith(quote * 3, i)
    end = quote * 3 if long else quote
    j = i + len(end)
    while j < len(q):
        if q[j] == "\\":
            j += 2
            continue
        if q.startswith(end, j):
            return j + len(end)
        if not long and q[j] == "\n":
            return j
        j += 1
    return j


def guard(query: str, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS,
          service_allow: list[str] | tuple[str, ...] = ()) -> None:
    """Raise ``BadQuery`` for a query the engine must not see (see the module docstring)."""
    if len(query) > max_chars:
        raise BadQuery(f"SPARQL query too long ({len(query)} characters; at most {max_chars})", "query")
    s = scan(query)
    if s.depth > max_depth:
        raise BadQuery(f"SPARQL query nested too deeply ({s.depth} levels of brackets; at most {max_depth})",
                       "query")
    for target in s.services:
        if target not in service_allow:
            shown = target or "(none)"
            raise BadQuery(f"SERVICE {shown} refused: federated queries are off; an operator may allow "
                           f"endpoints with the setting sparql_service_allow", "query")
