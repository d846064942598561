"""English questions over Danish texts: the English names of the field's terms (the actors'
English labels from the ontology, plus the words of the health-agreement field below) are
added in Danish, so that BM25 finds the Danish provisions and the embedding gets both."""

from __future__ import annotations

import re

from aftalegraf.kg import api
from aftalegraf.kg.sparql.graphstore import has_graph
from aftalegraf.store import Store

from .danish import looks_english

# The field's words in English -> Danish (what the actor table does not name).
FIELD_WORDS = {
    "health agreement": "sundhedsaftale", "health agreements": "sundhedsaftaler", "agreement": "aftale",
    "submit": "indsende", "submitted": "indsendes", "submits": "indsender", "approve": "godkende", "approves": "godkender",
    "committee": "udvalg",
    "approved": "godkendes", "approval": "godkendelse", "deadline": "frist", "prevention": "forebyggelse",
    "rehabilitation": "genoptræning", "rehabilitation plan": "genoptræningsplan", "discharge": "udskrivning",
    "elderly": "ældre", "chronic": "kronisk", "mental health": "psykiatri", "children": "børn",
    "guidance": "vejledning", "executive order": "bekendtgørelse", "follow up": "følge op", "meet": "mødes",
    "meeting": "møde", "electoral term": "valgperiode", "municipalities": "kommuner", "regions": "regioner",
    "general practitioners": "almen praksis", "hospital": "sygehus", "patients": "patienter",
}


def danish_terms(store: Store, query: str) -> list[str]:
    """The Danish terms for the English ones in ``query`` (longest phrase first)."""
    table = dict(FIELD_WORDS)
    if has_graph(store):
        for a in api.actor_table(store):
            if a.get("label_en"):
                table.setdefault(a["label_en"].lower().removeprefix("the "), a["label"])
    text = " " + re.sub(r"[^\w\s-]", " ", query.lower()) + " "
    out = []
    for en in sorted(table, key=len, reverse=True):
        if f" {en} " in text:
            out.append(table[en])
            text = text.replace(f" {en} ", " ")
    return out


def for_index(store: Store, query: str) -> str:
    """The query the Danish index is asked: an English question with its Danish terms added."""
    if not looks_english(query):
        return query
    terms = danish_terms(store, query)
    return f"{query} {' '.join(terms)}" if terms else query
