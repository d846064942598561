"""The lexical guard every SPARQL request passes before the engine sees it.

Oxigraph's parser is recursive: a query nested a few thousand brackets deep overflows the
native stack and kills the whole process (SIGSEGV), which no ``try`` can catch. So the
query text is scanned first — strings, IRIs and comments skipped — and refused when its
brackets nest deeper than ``max_depth`` or when it is longer than ``max_chars``.

The same scan finds what else decides how a request is handled:

- the first keyword after the prologue: an update (INSERT, DROP, LOAD ...) is refused, and
  the query form (SELECT, ASK, CONSTRUCT, DESCRIBE) chooses the result formats;
- ``SERVICE`` clauses: federated queries make the server connect to any URL a visitor names
  (SSRF), so they are refused unless the endpoint is listed in ``sparql_service_allow``;
- dataset clauses (``FROM``, ``FROM NAMED``), which replace the union default graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aftalegraf.errors import QueryRefused

MAX_DEPTH = 64
MAX_CHARS = 100_000
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_OPEN, _CLOSE = "([{", ")]}"


@dataclass
class Scan:
    depth: int = 0                                      # deepest bracket nesting
    keyword: str = ""                                   # first keyword after the prologue, upper case
    services: list[str] = field(default_factory=list)   # SERVICE targets: IRIs, "?var" or a prefix name
    dataset: bool = False                               # FROM / FROM NAMED present


def scan(query: str) -> Scan:
    """The guard's view of ``query`` (outside strings, IRIs and comments)."""
    out = Scan()
    depth, i, n = 0, 0, len(query)
    expect_service = False
    prologue = "start"          # start -> after PREFIX/BASE: skip its name and IRI
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
                if prologue == "decl":
                    prologue = "start"
                i = m.end()
                continue
        if ch in _OPEN:
            depth += 1
            out.depth = max(out.depth, depth)
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "?$":
            m = _WORD.match(query, i + 1)      # a variable: ?from is not the keyword FROM
            if expect_service:
                out.services.append("?" + (m.group(0) if m else ""))
                expect_service = False
            i += 1 + (len(m.group(0)) if m else 0)
            continue
        elif ch.isalpha() or ch == "_":
            m = _WORD.match(query, i)
            word = m.group(0) if m else ch
            upper = word.upper()
            if prologue == "start":
                if upper in ("PREFIX", "BASE"):
                    prologue = "decl"
                else:
                    out.keyword, prologue = upper, "body"
            if upper == "SERVICE":
                expect_service = True
            elif upper == "FROM" and prologue == "body":
                out.dataset = True
            elif upper != "SILENT" and expect_service:
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


def is_update(query: str) -> bool:
    return scan(query).keyword in UPDATES


def guard(query: str, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS,
          service_allow: list[str] | tuple[str, ...] = ()) -> Scan:
    """Raise ``QueryRefused`` for a request the engine must not see; else its scan."""
    if not query or not query.strip():
        raise QueryRefused("empty SPARQL query", "empty")
    if len(query) > max_chars:
        raise QueryRefused(f"SPARQL query too long ({len(query)} characters; at most {max_chars})", "too_long")
    s = scan(query)
    if s.depth > max_depth:
        raise QueryRefused(f"SPARQL query nested too deeply ({s.depth} levels of brackets; at most {max_depth})",
                           "too_deep")
    if s.keyword in UPDATES:
        raise QueryRefused("SPARQL updates are not allowed: this endpoint answers queries only "
                           "(SELECT, ASK, CONSTRUCT, DESCRIBE)", "update", "update")
    if s.keyword not in FORMS:
        raise QueryRefused("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", "not_a_query")
    for target in s.services:
        if target not in service_allow:
            shown = target or "(none)"
            raise QueryRefused(f"SERVICE {shown} refused: federated queries are off; an operator may allow "
                               f"endpoints with the setting sparql_service_allow", "service")
    return s
