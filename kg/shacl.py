"""SHACL validation of the graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from . import rdf
from .sparql.graphstore import reader_for

SHAPES = rdf.ONTOLOGY_DIR / "shapes.ttl"


def union_graph(store):
    """All named graphs of the store merged into one rdflib Graph (N-Triples round trip)."""
    import io

    import pyoxigraph as ox
    import rdflib

    buf = io.BytesIO()
    ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in reader_for(store).quads()), buf,
                 ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    return g


def validate(store) -> tuple[bool, str]:
    """(conforms, report text) for the whole graph."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(union_graph(store), shacl_graph=shapes, inference="none",
                                         advanced=False, allow_warnings=True)
    return bool(conforms), text
