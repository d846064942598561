"""Dumping the graph: Turtle, N-Triples, JSON-LD (triples, all graphs merged) and TriG
(quads, one named graph per document plus the reference graph)."""

from __future__ import annotations

import io
from typing import BinaryIO

import pyoxigraph as ox

from aftalegraf.errors import BadQuery

from . import rdf
from .sparql.graphstore import reader_for

FORMATS = {
    "turtle": ("text/turtle", ".ttl"),
    "nt": ("application/n-triples", ".nt"),
    "jsonld": ("application/ld+json", ".jsonld"),
    "trig": ("application/trig", ".trig"),
    "nq": ("application/n-quads", ".nq"),
}
_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "nquads": "nq"}


def normalise_format(fmt: str) -> str:
    f = _ALIASES.get(fmt.lower(), fmt.lower())
    if f not in FORMATS:
        raise BadQuery(f"unknown export format {fmt!r} (use turtle, nt, jsonld or trig)", "format")
    return f


def export(store, fmt: str = "turtle", out: BinaryIO | None = None, include_reference: bool = True) -> bytes | None:
    """Write the graph in ``fmt`` to ``out`` (a binary file), or return it as bytes — the
    embedded graph, or the project's graphs on the SPARQL server (``graphstore``)."""
    fmt = normalise_format(fmt)
    buf = out if out is not None else io.BytesIO()
    ref = ox.NamedNode(rdf.REFERENCE_GRAPH)
    quads = (q for q in reader_for(store).quads() if include_reference or q.graph_name != ref)
    if fmt in ("trig", "nq"):
        ox.serialize(quads, buf, ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS,
                     prefixes=rdf.PREFIXES if fmt == "trig" else None)
    elif fmt in ("turtle", "nt"):
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        if fmt == "turtle":
            ox.serialize(triples, buf, ox.RdfFormat.TURTLE, prefixes=rdf.PREFIXES)
        else:
            ox.serialize(triples, buf, ox.RdfFormat.N_TRIPLES)
    else:
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        ox.serialize(triples, buf, ox.RdfFormat.JSON_LD, prefixes=rdf.PREFIXES)
    return buf.getvalue() if out is None else None


def convert_ntriples(nt: str, fmt: str) -> str:
    """N-Triples text -> turtle | jsonld | xml | nt."""
    fmt = _ALIASES.get(fmt.lower(), fmt.lower())
    if fmt in ("nt",):
        return nt
    if fmt == "turtle":
        b = io.BytesIO()
        ox.serialize(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), b, ox.RdfFormat.TURTLE,
                     prefixes=rdf.PREFIXES)
        return b.getvalue().decode("utf-8")
    if fmt in ("xml", "rdfxml"):
        b = io.BytesIO()
        ox.serialize(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), b, ox.RdfFormat.RDF_XML)
        return b.getvalue().decode("utf-8")
    if fmt == "jsonld":
        b = io.BytesIO()
        ox.serialize(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), b, ox.RdfFormat.JSON_LD,
                     prefixes=rdf.PREFIXES)
        return b.getvalue().decode("utf-8")
    raise BadQuery(f"unknown graph format {fmt!r}", "format")
