"""SPARQL results and every standard serialisation of them, in one place: SPARQL JSON, XML,
CSV and TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT and
DESCRIBE. The web endpoint, the CLI and the console all write results through here.

A result cut at the row limit says so in the result itself, where standard clients keep
it: the SPARQL JSON ``head.link`` and the XML ``<link href>`` point to
``TRUNCATED_LINK``; the web adds headers beside it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from aftalegraf.errors import BadQuery
from aftalegraf.kg.rdf import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
TRUNCATED_LINK = "https://w3id.org/aftalegraf/sparql#truncated"

# format names (CLI --format, the protocol's format= and SPARQLWrapper's values) -> media type
SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",            # SPARQLWrapper's N3: Turtle is an N3 subset
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
}
# media types offered, in order of preference, and their aliases
SELECT_MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
GRAPH_MEDIA = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
MEDIA_ALIASES = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/turtle": (None, "text/turtle"),
    "application/x-turtle": (None, "text/turtle"),
    "text/n3": (None, "text/turtle"),
    "text/rdf+n3": (None, "text/turtle"),
    "application/n3": (None, "text/turtle"),
    "text/plain": (None, "application/n-triples"),
    "application/x-json+ld": (None, "application/ld+json"),
    "text/javascript": ("application/sparql-results+json", None),
    "application/javascript": ("application/sparql-results+json", None),
}
_OX_GRAPH = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def media_for(fmt: str, kind: str) -> str | None:
    """The media type of a format name (``json``, ``n3``, ``rdf+xml`` ...) for a result kind
    (select, ask, graph), a media type given as the format itself, or None."""
    key = fmt.strip().lower()
    if "/" in key:
        return resolve_media(key, kind)
    table = GRAPH_FORMATS if kind == "graph" else SELECT_FORMATS
    return table.get(key)


def resolve_media(media: str, kind: str) -> str | None:
    """A requested media type -> the one we write for this kind of result, or None."""
    offered = GRAPH_MEDIA if kind == "graph" else SELECT_MEDIA
    if media in offered:
        return media
    alias = MEDIA_ALIASES.get(media)
    if alias:
        return alias[1] if kind == "graph" else alias[0]
    return None


def term_json(term) -> dict:
    """A pyoxigraph term -> a SPARQL JSON term (xsd:string literals without datatype)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    d: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        d["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != XSD + "string":
        d["datatype"] = term.datatype.value
    return d


def term_from_json(t: dict):
    """A SPARQL JSON term -> a pyoxigraph term."""
    if t["type"] == "uri":
        return ox.NamedNode(t["value"])
    if t["type"] == "bnode":
        return ox.BlankNode(t["value"])
    if t.get("xml:lang"):
        return ox.Literal(t["value"], language=t["xml:lang"])
    if t.get("datatype"):
        value = t["value"]
        if t["datatype"] == XSD + "boolean":       # Virtuoso answers "1"/"0", both valid: use the canonical form
            value = {"1": "true", "0": "false"}.get(value, value)
        return ox.Literal(value, datatype=ox.NamedNode(t["datatype"]))
    return ox.Literal(t["value"])


def _pyvalue(t: dict | None):
    if t is None:
        return None
    v, dt = t["value"], t.get("datatype", "")
    try:
        if dt in (XSD + "integer", XSD + "int", XSD + "long"):
            return int(v)
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(v)
    except ValueError:
        return v
    if dt == XSD + "boolean":
        return v in ("true", "1")
    return v


@dataclass
class QueryResult:
    """A SPARQL result: ``kind`` is "select", "ask" or "graph".

    select: ``vars`` and ``bindings`` (SPARQL JSON terms); ``rows``/``dicts()`` give plain
    Python values. ask: ``boolean``. graph: ``triples`` (pyoxigraph Triples).
    ``truncated``: the engine stopped at the row limit.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    bindings: list[dict[str, dict]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None
    elapsed_ms: float = 0.0

    @property
    def rows(self) -> list[list[Any]]:
        return [[_pyvalue(b.get(v)) for v in self.vars] for b in self.bindings]

    def dicts(self) -> list[dict[str, Any]]:
        return [{v: _pyvalue(b.get(v)) for v in self.vars} for b in self.bindings]

    def __len__(self) -> int:
        return len(self.bindings) if self.kind == "select" else len(self.triples)

    def __iter__(self):
        return iter(self.triples) if self.kind == "graph" else iter(self.dicts())

    def ox_triples(self) -> list:
        return list(self.triples)

    @property
    def media_type(self) -> str:
        return GRAPH_MEDIA[0] if self.kind == "graph" else SELECT_MEDIA[0]

    # serialisation ----------------------------------------------------------------------
    def serialize(self, format: str = "json") -> str:
        """Text in a format name (json, xml, csv, tsv; turtle, nt, jsonld, rdf+xml) or media type."""
        media = media_for(format, self.kind)
        if media is None:
            names = ", ".join(GRAPH_FORMATS if self.kind == "graph" else SELECT_FORMATS)
            raise BadQuery(f"unknown result format {format!r} for this query (use one of {names})", "format")
        return self.to_bytes(media).decode("utf-8")

    def to_bytes(self, media: str) -> bytes:
        if self.kind == "graph":
            return ox.serialize(self.triples, format=_OX_GRAPH[media],
                                prefixes=_prefixes() if media == "text/turtle" else None) or b""
        writer = {"application/sparql-results+json": self._json, "application/sparql-results+xml": self._xml,
                  "text/csv": self._csv, "text/tab-separated-values": self._tsv}[media]
        return writer().encode("utf-8")

    def _head(self) -> dict:
        head: dict[str, Any] = {} if self.kind == "ask" else {"vars": self.vars}
        if self.truncated:
            head["link"] = [f"{TRUNCATED_LINK}-{self.limit}"]
        return head

    def _json(self) -> str:
        if self.kind == "ask":
            return json.dumps({"head": self._head(), "boolean": bool(self.boolean)})
        return json.dumps({"head": self._head(), "results": {"bindings": self.bindings}}, ensure_ascii=False)

    def _xml(self) -> str:
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in (self.vars if self.kind != "ask" else [])]
        if self.truncated:
            out.append(f"<link href={quoteattr(f'{TRUNCATED_LINK}-{self.limit}')}/>")
        out.append("</head>")
        if self.kind == "ask":
            out.append(f"<boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for b in self.bindings:
                out.append("<result>")
                for v in self.vars:
                    t = b.get(v)
                    if t is not None:
                        out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
                out.append("</result>")
            out.append("</results>")
        out.append("</sparql>")
        return "\n".join(out) + "\n"

    def _csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerows([["_askResult"], ["true" if self.boolean else "false"]])
            return buf.getvalue()
        w.writerow(self.vars)
        for b in self.bindings:
            w.writerow(["" if b.get(v) is None else b[v]["value"] for v in self.vars])
        return buf.getvalue()

    def _tsv(self) -> str:
        if self.kind == "ask":
            return "?_askResult\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in self.vars)]
        lines += ["\t".join(_nt_term(b.get(v)) for v in self.vars) for b in self.bindings]
        return "\n".join(lines) + "\n"


def query_options(prefixes: dict, union: bool, default_graph: list[str] | None,
                  named_graphs: list[str] | None) -> dict:
    """pyoxigraph ``Store.query`` keywords for a dataset: the request's graphs when it names
    any, else the union of all graphs unless the query names its own (``union`` False)."""
    kw: dict = {"prefixes": prefixes}
    if default_graph is not None:
        kw["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    if named_graphs is not None:
        kw["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if union and default_graph is None and named_graphs is None:
        kw["use_default_graph_as_union"] = True
    return kw


def collect(raw, limit: int | None) -> QueryResult:
    """A pyoxigraph result (bool, solutions or triples) -> QueryResult, streaming at most
    ``limit`` rows or triples (``truncated`` when there were more): never built whole."""
    cap = limit if limit is not None else 1 << 62
    if isinstance(raw, (ox.QueryBoolean, bool)):
        return QueryResult("ask", boolean=bool(raw))
    items, truncated = [], False
    solutions = isinstance(raw, ox.QuerySolutions)
    names = [v.value for v in raw.variables] if solutions else []
    for item in raw:
        if len(items) >= cap:
            truncated = True
            break
        items.append({n: term_json(item[n]) for n in names if item[n] is not None} if solutions else item)
    if solutions:
        return QueryResult("select", vars=names, bindings=items, truncated=truncated, limit=limit)
    return QueryResult("graph", triples=items, truncated=truncated, limit=limit)


def _xml_term(t: dict) -> str:
    if t["type"] == "uri":
        return f"<uri>{escape(t['value'])}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{escape(t['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in t:
        attrs = f" xml:lang={quoteattr(t['xml:lang'])}"
    elif "datatype" in t:
        attrs = f" datatype={quoteattr(t['datatype'])}"
    return f"<literal{attrs}>{escape(str(t['value']))}</literal>"


def _nt_term(t: dict | None) -> str:
    if t is None:
        return ""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    s = json.dumps(t["value"], ensure_ascii=False)
    if "xml:lang" in t:
        return f"{s}@{t['xml:lang']}"
    if "datatype" in t:
        return f"{s}^^<{t['datatype']}>"
    return s


def _prefixes() -> dict:
    return PREFIXES
