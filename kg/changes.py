"""'Hvad ændrer sig?': which texts start or stop applying in a date range, and the
obligations that start or lapse with them, by actor.

Read from the graph (the legal-time graph ``graf/tidslinje`` and the documents'
obligations), so that a user who ingests the next order sees it appear here.
"""

from __future__ import annotations

from datetime import date

from aftalegraf.legal_time import day_before

from . import api, rdf
from .sparql import sparql
from .timeline import today

_DOCS = """
SELECT ?doc ?id ?title ?type ?from ?to ?status ?by ?byIn ?entry ?eli WHERE {
  ?doc a ag:Document ; dcterms:identifier ?id ; dcterms:title ?title ; ag:documentType ?type .
  OPTIONAL { ?doc ag:validFrom ?from }
  OPTIONAL { ?doc ag:validTo ?to }
  OPTIONAL { ?doc ag:status ?status }
  OPTIONAL { ?doc ag:supersededBy ?by }
  OPTIONAL { ?doc ag:supersededIn ?byIn }
  OPTIONAL { ?doc ag:entryIntoForceIn ?entry }
  OPTIONAL { ?doc owl:sameAs ?eli }
  FILTER (BOUND(?from) || BOUND(?to))
  FILTER NOT EXISTS { ?doc ag:draft true }
  FILTER ((BOUND(?from) && ?from >= "%(start)s"^^xsd:date && ?from <= "%(end)s"^^xsd:date)
       || (BOUND(?to) && ?to >= "%(start_1)s"^^xsd:date && ?to <= "%(end_1)s"^^xsd:date))
}
ORDER BY ?from ?id
"""


def coming_new_year(on: date | None = None) -> str:
    """The next 1 January after ``on`` (today): the default of the changes page."""
    on = on or date.fromisoformat(today())
    return date(on.year + 1, 1, 1).isoformat()


def _tail(iri: str | None, kind: str) -> str | None:
    return rdf.iri_tail(iri, kind) if iri else None


def changes(store, start: str, end: str | None = None) -> dict:
    """Documents that start applying on a day in [start, end], and those whose last day
    is the day before one of them, each with its obligations grouped by actor."""
    end = end or start
    if end < start:
        start, end = end, start
    rows = sparql(store, _DOCS % {"start": start, "end": end, "start_1": day_before(start),
                                  "end_1": day_before(end)}).dicts()
    by_doc: dict[str, dict] = {}
    for r in rows:
        d = by_doc.setdefault(r["id"], {
            "id": r["id"], "title": r["title"], "type": r["type"], "valid_from": r["from"],
            "valid_to": r["to"], "status": r["status"], "eli": r["eli"], "superseded_by": [],
            "superseded_in": [], "entry_provision": _tail(r["entry"], "bestemmelse")})
        for key, value, kind in (("superseded_by", r["by"], "dokument"), ("superseded_in", r["byIn"], "bestemmelse")):
            tail = _tail(value, kind)
            if tail and tail not in d[key]:
                d[key].append(tail)
    starting, ending = [], []
    for d in by_doc.values():
        obs = api.obligations(store, document_id=d["id"])
        d["obligation_count"] = len(obs)
        d["obligations_by_actor"] = _by_actor(obs)
        if d["valid_from"] and start <= d["valid_from"] <= end:
            starting.append(d)
        if d["valid_to"] and day_before(start) <= d["valid_to"] <= day_before(end):
            ending.append(d)
    return {"from": start, "to": end, "starting": starting, "ending": ending}


def _by_actor(obligations: list[dict]) -> list[dict]:
    groups: dict[str, dict] = {}
    for ob in obligations:
        for b in ob.get("bearers") or [{"key": "ukendt", "label": ob.get("actor") or "aktør ikke angivet"}]:
            g = groups.setdefault(b["key"], {"key": b["key"], "label": b["label"], "obligations": []})
            g["obligations"].append(ob)
    return sorted(groups.values(), key=lambda g: (-len(g["obligations"]), g["label"]))
