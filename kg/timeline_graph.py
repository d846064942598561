"""The store's legal time as RDF, with the ELI ontology, in one named graph
(``graf/tidslinje``) that the graph stage rewrites after every change: a repeal in one
document changes another document's dates, so these triples belong to no single
document's graph.

Per document (legal resources only get the ELI terms; news, web pages, agendas and letters
never become ``eli:LegalResource``):

- ``ag:validFrom`` / ``ag:validTo`` (xsd:date) and ``ag:status`` with ``ag:statusDate``
  (the status on the day the graph was written; ask with dates for another day);
- ``eli:first_date_entry_in_force``, ``eli:date_no_longer_in_force``, ``eli:in_force``
  (``eli:InForce-inForce`` / ``eli:InForce-notInForce`` on ``ag:statusDate``);
- ``eli:repeals`` / ``eli:repealed_by`` (also from the repealing provision),
  ``eli:changes`` / ``eli:changed_by``, ``eli:consolidates`` / ``eli:consolidated_by``,
  ``ag:supersededBy``; ``ag:repealsIdentifier`` keeps a repeal of a document not in the store;
- ``owl:sameAs`` the official ELI, ``eli:type_document``, ``eli:is_realized_by`` an
  ``eli:LegalExpression`` (Danish) with the title and language; ``ag:draft`` for drafts.
"""

from __future__ import annotations

import pyoxigraph as ox

from . import rdf
from .rdf import AG, ELI, OWL, RDF, XSD
from .timeline import DocTime, Timeline, today

TIMELINE_GRAPH = rdf.BASE + "graf/tidslinje"
N = ox.NamedNode
_DATE = N(XSD + "date")
_BOOL = N(XSD + "boolean")
DANISH = N("http://publications.europa.eu/resource/authority/language/DAN")
IN_FORCE = N(ELI + "InForce-inForce")
NOT_IN_FORCE = N(ELI + "InForce-notInForce")
# eli:type_document values from the Publications Office resource-type authority table
RESOURCE_TYPE = "http://publications.europa.eu/resource/authority/resource-type/"
TYPE_DOCUMENT = {
    "lov": RESOURCE_TYPE + "LAW",
    "lovbekendtgørelse": RESOURCE_TYPE + "LAW",
    "bekendtgørelse": RESOURCE_TYPE + "DECREE",
    "vejledning": RESOURCE_TYPE + "GUIDELINE",
}


def _date(v: str) -> ox.Literal:
    return ox.Literal(v, datatype=_DATE)


def timeline_quads(t: Timeline, on: str | None = None) -> list[ox.Quad]:
    on = on or today()
    g = N(TIMELINE_GRAPH)
    out: list[ox.Quad] = []

    def add(s, p: str, o) -> None:
        out.append(ox.Quad(s if isinstance(s, ox.NamedNode) else N(s), N(p), o, g))

    for d in t.docs.values():
        D = N(rdf.document_iri(d.id))
        status = d.status(on)
        add(D, AG + "status", ox.Literal(status))
        add(D, AG + "statusDate", _date(on))
        if d.draft:
            add(D, AG + "draft", ox.Literal("true", datatype=_BOOL))
        if d.valid_from:
            add(D, AG + "validFrom", _date(d.valid_from))
        if d.valid_to:
            add(D, AG + "validTo", _date(d.valid_to))
        for s in d.superseded_by:
            add(D, AG + "supersededBy", N(rdf.document_iri(s["document"])))
            if s.get("provision"):
                add(D, AG + "supersededIn", N(rdf.provision_iri(s["provision"])))
        if d.entry_provision:
            add(D, AG + "entryIntoForceIn", N(rdf.provision_iri(d.entry_provision)))
        if not d.legal:
            continue
        _legal(add, d, D, status)
    return out


def _legal(add, d: DocTime, D: ox.NamedNode, status: str) -> None:
    if d.valid_from:
        add(D, ELI + "first_date_entry_in_force", _date(d.valid_from))
    if d.valid_to:
        add(D, ELI + "date_no_longer_in_force", _date(d.valid_to))
    if not d.draft and d.valid_from:
        add(D, ELI + "in_force", IN_FORCE if status == "in_force" else NOT_IN_FORCE)
    if d.eli:
        add(D, OWL + "sameAs", N(d.eli))
    if d.type in TYPE_DOCUMENT:
        add(D, ELI + "type_document", N(TYPE_DOCUMENT[d.type]))
    expr = N(rdf.document_iri(d.id) + "/udtryk/da")
    add(D, ELI + "is_realized_by", expr)
    add(expr, RDF + "type", N(ELI + "LegalExpression"))
    add(expr, ELI + "realizes", D)
    add(expr, ELI + "title", ox.Literal(d.title or d.id, language="da"))
    add(expr, ELI + "language", DANISH)
    for r in d.repeals:
        if r["resolved"]:
            target = N(rdf.document_iri(r["document"]))
            add(D, ELI + "repeals", target)
            add(target, ELI + "repealed_by", D)
            if r["provision"]:
                add(N(rdf.provision_iri(r["provision"])), ELI + "repeals", target)
        else:
            add(D, AG + "repealsIdentifier", ox.Literal(r["label"]))
    for target in d.amends:
        add(D, ELI + "changes", N(rdf.document_iri(target)))
        add(N(rdf.document_iri(target)), ELI + "changed_by", D)
    for target in d.consolidates:
        add(D, ELI + "consolidates", N(rdf.document_iri(target)))
        add(N(rdf.document_iri(target)), ELI + "consolidated_by", D)
