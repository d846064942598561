"""The knowledge-graph API the search and web layers call (docs/architecture.md).

Every function runs one or two SPARQL queries over the embedded Oxigraph store and returns
plain dicts (JSON-ready). Obligation dicts follow the public contract::

    {"id", "actor", "modality", "action", "text", "provision_id", "section",
     "document": {"id", "title", "type", "region"},
     "bearers": [{"key", "label"}], "deadline", "frequency", "span": {"start", "end"}, "iri"}
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

import pyoxigraph as ox

from aftalegraf.errors import BadQuery
from aftalegraf.model import REGIONS

from . import rdf
from .rdf import AG

MODALITY_ALIASES = {
    "obligation": "obligation", "obligatory": "obligation", "pligt": "obligation", "påbud": "obligation",
    "skal": "obligation", "forpligtelse": "obligation",
    "recommendation": "recommendation", "recommended": "recommendation", "anbefaling": "recommendation",
    "bør": "recommendation",
    "permission": "permission", "permitted": "permission", "tilladelse": "permission", "kan": "permission",
    "prohibition": "prohibition", "prohibited": "prohibition", "forbud": "prohibition", "må ikke": "prohibition",
}


def _graph(store) -> ox.Store:
    return rdf.open_graph(store.graph_path)


def _q(store, query: str):
    return _graph(store).query(query, prefixes=rdf.PREFIXES, use_default_graph_as_union=True)


def _v(term) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt == rdf.XSD + "integer":
            return int(term.value)
        if dt == rdf.XSD + "decimal":
            return float(term.value)
        if dt == rdf.XSD + "boolean":
            return term.value == "true"
        return term.value
    return term.value


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold().strip()
    return re.sub(r"\s+", " ", s)


# --- reference data ----------------------------------------------------------------------------

def _actor_table(store) -> list[dict]:
    rows = _q(store, """
        SELECT ?a ?key ?da ?en (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) WHERE {
          ?a a ag:Actor ; skos:notation ?key .
          OPTIONAL { ?a skos:prefLabel ?da FILTER(lang(?da) = "da") }
          OPTIONAL { ?a skos:prefLabel ?en FILTER(lang(?en) = "en") }
          OPTIONAL { ?a skos:altLabel ?alt }
        } GROUP BY ?a ?key ?da ?en ORDER BY ?key""")
    out = []
    for r in rows:
        alts = [x for x in (_v(r["alts"]) or "").split("\x1f") if x]
        out.append({"key": _v(r["key"]), "iri": r["a"].value, "label": _v(r["da"]) or _v(r["key"]),
                    "label_en": _v(r["en"]) or "", "alt_labels": alts})
    return out


def actor_keys(store, text: str) -> list[str]:
    """Actor keys meant by a free-text actor (key, label or inflected form): exact matches
    of key or any label first, else labels that contain the text or are contained in it."""
    t = _fold(text)
    table = _actor_table(store)
    names = {a["key"]: {_fold(a["key"]), _fold(a["label"]), _fold(a["label_en"]),
                        *(_fold(x) for x in a["alt_labels"])} - {""} for a in table}
    exact = [k for k, ns in names.items() if t in ns]
    if exact:
        return exact
    # inflected forms: "regionsrådets" starts with "regionsråd"; "sundhedssamarbejdsudvalg"
    pref = [k for k, ns in names.items() if any(t.startswith(n) and len(n) >= 4 for n in ns)]
    if pref:
        best = max(len(n) for k in pref for n in names[k] if t.startswith(n))
        return [k for k in pref if any(t.startswith(n) and len(n) == best for n in names[k])]
    return [k for k, ns in names.items() if any(t in n for n in ns)]


def normalise_modality(m: str | None) -> str | None:
    if m is None or m == "":
        return None
    key = MODALITY_ALIASES.get(_fold(m))
    if key is None:
        raise BadQuery(f"unknown modality {m!r} (use obligation, recommendation, permission or prohibition)",
                       "modality")
    return key


def normalise_region(region: str | None) -> str | None:
    if not region:
        return None
    r = _fold(region)
    for slug, label in REGIONS.items():
        short = label.split(" ", 1)[1]
        if r in (slug, _fold(label), _fold(short)) or r == _fold(short).replace("æ", "ae"):
            return slug
    raise BadQuery(f"unknown region {region!r} (use one of {', '.join(REGIONS)})", "region")


# --- obligations ------------------------------------------------------------------------------

_OBLIGATION_SELECT = """
SELECT ?o ?mod ?action ?text ?prov ?section ?doc ?dtitle ?dtype ?region ?start ?end ?pord ?oord
       ?dl ?fq ?bearer ?bkey ?blabel WHERE {
  %(values)s
  ?o a ag:Obligation ; ag:statedIn ?prov ; ag:modality ?mod ; ag:inDocument ?doc .
  %(filters)s
  ?o ag:bearer ?bearer .
  OPTIONAL { ?bearer skos:notation ?bkey }
  OPTIONAL { ?bearer skos:prefLabel ?blabel FILTER(lang(?blabel) = "da") }
  OPTIONAL { ?o ag:action ?action }
  OPTIONAL { ?o ag:text ?text }
  OPTIONAL { ?o ag:ordinal ?oord }
  OPTIONAL { ?o ag:span ?sp . ?sp ag:startOffset ?start ; ag:endOffset ?end }
  OPTIONAL { ?o ag:deadline ?dl }
  OPTIONAL { ?o ag:frequency ?fq }
  OPTIONAL { ?prov ag:section ?section }
  OPTIONAL { ?prov ag:ordinal ?pord }
  OPTIONAL { ?doc dcterms:title ?dtitle }
  OPTIONAL { ?doc ag:documentType ?dtype }
  OPTIONAL { ?doc ag:region ?region }
}"""


def obligations(store, actor: str | None = None, modality: str | None = None,
                provision_ids: Iterable[str] | None = None, document_id: str | None = None,
                limit: int | None = None) -> list[dict]:
    """Obligations (all modalities), in document order, filtered by actor text, modality,
    provisions and/or document."""
    values: list[str] = []
    filters: list[str] = []
    mod = normalise_modality(modality)
    if mod:
        filters.append(f"FILTER(?mod = <{rdf.MODALITY_IRI[mod]}>)")
    if actor:
        keys = actor_keys(store, actor)
        if not keys:
            return []
        values.append(_values("ab", [rdf.actor_iri(k) for k in keys]))
        filters.append("?o ag:bearer ?ab .")
    if provision_ids is not None:
        pids = list(provision_ids)
        if not pids:
            return []
        values.append(_values("prov", [rdf.provision_iri(p) for p in pids]))
    if document_id:
        values.append(_values("doc", [rdf.document_iri(document_id)]))
    rows = _q(store, _OBLIGATION_SELECT % {"values": "\n  ".join(values), "filters": "\n  ".join(filters)})
    by_iri: dict[str, dict] = {}
    order: list[tuple] = []
    for r in rows:
        iri = r["o"].value
        ob = by_iri.get(iri)
        if ob is None:
            pid = rdf.iri_tail(r["prov"].value, "bestemmelse")
            did = rdf.iri_tail(r["doc"].value, "dokument")
            ob = by_iri[iri] = {
                "id": rdf.iri_tail(iri, "forpligtelse"),
                "iri": iri,
                "actor": "",
                "bearers": [],
                "modality": rdf.MODALITY_KEY.get(r["mod"].value, "obligation"),
                "action": _v(r["action"]) or "",
                "text": _v(r["text"]) or "",
                "provision_id": pid,
                "section": _v(r["section"]) or "",
                "document": {"id": did, "title": _v(r["dtitle"]) or "", "type": _v(r["dtype"]) or "",
                             "region": rdf.iri_tail(r["region"].value, "region") if r["region"] else ""},
                "deadline": r["dl"].value if r["dl"] else None,
                "frequency": r["fq"].value if r["fq"] else None,
                "span": {"start": _v(r["start"]), "end": _v(r["end"])},
            }
            order.append((did, _v(r["pord"]) or 0, _v(r["oord"]) or 0, iri))
        key = _v(r["bkey"]) or rdf.iri_tail(r["bearer"].value, "aktoer")
        if all(b["key"] != key for b in ob["bearers"]):
            ob["bearers"].append({"key": key, "label": _v(r["blabel"]) or key})
    order.sort()
    if limit is not None:
        order = order[: max(0, int(limit))]
    out = [by_iri[o[3]] for o in order]
    for ob in out:
        ob["bearers"].sort(key=lambda b: b["key"])
        ob["actor"] = " og ".join(b["label"] for b in ob["bearers"])
    _fill_structured(store, out)
    return out


def _fill_structured(store, obs: list[dict]) -> None:
    nodes = [ob[k] for ob in obs for k in ("deadline", "frequency") if ob[k]]
    if not nodes:
        return
    values: dict[str, dict] = {n: {} for n in nodes}
    for batch_start in range(0, len(nodes), 500):
        batch = nodes[batch_start:batch_start + 500]
        rows = _q(store, f"SELECT ?n ?p ?v WHERE {{ {_values('n', batch)} ?n ?p ?v . FILTER(?p != rdf:type) }}")
        for r in rows:
            values[r["n"].value][r["p"].value.removeprefix(AG)] = _v(r["v"])
    for ob in obs:
        for k in ("deadline", "frequency"):
            if ob[k]:
                d = values.get(ob[k], {})
                if "deadlineKind" in d:
                    d["kind"] = d.pop("deadlineKind")
                ob[k] = d


# --- references -------------------------------------------------------------------------------

def references(store, provision_id: str) -> dict[str, list[dict]]:
    """References out of the provision (it cites) and into it (cited by), each
    {"label", "target", "target_document", "resolved", "provision_id", "span"}."""
    p = rdf.provision_iri(provision_id)
    q = """SELECT ?r ?label ?src ?target ?tdoc ?resolved ?start ?end ?ord WHERE {
      %s
      ?r a ag:Reference ; ag:statedIn ?src .
      OPTIONAL { ?r ag:label ?label } OPTIONAL { ?r ag:target ?target }
      OPTIONAL { ?r ag:targetDocument ?tdoc } OPTIONAL { ?r ag:resolved ?resolved }
      OPTIONAL { ?r ag:ordinal ?ord }
      OPTIONAL { ?r ag:span ?sp . ?sp ag:startOffset ?start ; ag:endOffset ?end }
    } ORDER BY ?src ?ord"""

    def conv(rows) -> list[dict]:
        out = []
        for r in rows:
            out.append({
                "id": rdf.iri_tail(r["r"].value, "henvisning"),
                "label": _v(r["label"]) or "",
                "target": rdf.iri_tail(r["target"].value, "bestemmelse") if r["target"] else None,
                "target_document": rdf.iri_tail(r["tdoc"].value, "dokument") if r["tdoc"] else None,
                "resolved": bool(_v(r["resolved"])),
                "provision_id": rdf.iri_tail(r["src"].value, "bestemmelse"),
                "span": {"start": _v(r["start"]), "end": _v(r["end"])},
            })
        return out

    out_rows = conv(_q(store, q % f"BIND(<{p}> AS ?src)"))
    in_rows = conv(_q(store, q % f"?r ag:target <{p}> ."))
    return {"out": out_rows, "in": in_rows}


# --- goals ------------------------------------------------------------------------------------

def goals(store, region: str | None = None, document_id: str | None = None) -> list[dict]:
    """Goals with their themes and national goals (with method, evidence and score)."""
    values = []
    filters = []
    slug = normalise_region(region)
    if slug:
        filters.append(f"?doc ag:region <{rdf.region_iri(slug)}> .")
    if document_id:
        values.append(_values("doc", [rdf.document_iri(document_id)]))
    rows = _q(store, f"""
      SELECT ?g ?text ?kind ?label ?prov ?section ?doc ?dtitle ?dtype ?region ?start ?end ?pord ?gord WHERE {{
        {' '.join(values)}
        ?g a ag:Goal ; ag:statedIn ?prov ; ag:inDocument ?doc .
        {' '.join(filters)}
        OPTIONAL {{ ?g ag:text ?text }} OPTIONAL {{ ?g ag:goalKind ?kind }} OPTIONAL {{ ?g ag:label ?label }}
        OPTIONAL {{ ?g ag:ordinal ?gord }} OPTIONAL {{ ?prov ag:section ?section }} OPTIONAL {{ ?prov ag:ordinal ?pord }}
        OPTIONAL {{ ?g ag:span ?sp . ?sp ag:startOffset ?start ; ag:endOffset ?end }}
        OPTIONAL {{ ?doc dcterms:title ?dtitle }} OPTIONAL {{ ?doc ag:documentType ?dtype }}
        OPTIONAL {{ ?doc ag:region ?region }}
      }}""")
    by_iri: dict[str, dict] = {}
    order = []
    for r in rows:
        iri = r["g"].value
        if iri in by_iri:
            continue
        did = rdf.iri_tail(r["doc"].value, "dokument")
        by_iri[iri] = {
            "id": rdf.iri_tail(iri, "maal"), "iri": iri, "text": _v(r["text"]) or "",
            "kind": _v(r["kind"]) or "", "label": _v(r["label"]) or "",
            "provision_id": rdf.iri_tail(r["prov"].value, "bestemmelse"), "section": _v(r["section"]) or "",
            "document": {"id": did, "title": _v(r["dtitle"]) or "", "type": _v(r["dtype"]) or "",
                         "region": rdf.iri_tail(r["region"].value, "region") if r["region"] else ""},
            "themes": [], "national_goals": [],
            "span": {"start": _v(r["start"]), "end": _v(r["end"])},
        }
        order.append((did, _v(r["pord"]) or 0, _v(r["gord"]) or 0, iri))
    if by_iri:
        links = _q(store, f"""
          SELECT ?g ?c ?prop ?method ?evidence ?score ?label WHERE {{
            {_values('g', by_iri)}
            ?g ag:classification ?cl . ?cl ag:concept ?c .
            ?g ?prop ?c . FILTER(?prop IN (ag:theme, ag:nationalGoal))
            OPTIONAL {{ ?cl ag:method ?method }} OPTIONAL {{ ?cl ag:evidence ?evidence }}
            OPTIONAL {{ ?cl ag:score ?score }}
            OPTIONAL {{ ?c skos:prefLabel ?label FILTER(lang(?label) = "da") }}
          }}""")
        for r in links:
            g = by_iri[r["g"].value]
            theme = r["prop"].value == AG + "theme"
            key = rdf.iri_tail(r["c"].value, "tema" if theme else "nationalt-maal")
            item = {"key": key, "label": _v(r["label"]) or key, "method": _v(r["method"]) or "",
                    "evidence": _v(r["evidence"]) or "", "score": _v(r["score"])}
            g["themes" if theme else "national_goals"].append(item)
        for g in by_iri.values():
            for k in ("themes", "national_goals"):
                g[k].sort(key=lambda x: (-(x["score"] or 0), x["key"]))
    order.sort()
    return [by_iri[o[3]] for o in order]


# --- actors -------------------------------------------------------------------------------------

def actors(store) -> list[dict]:
    """Actor types with their labels and how many obligations each bears, per modality."""
    table = _actor_table(store)
    counts: dict[str, dict[str, int]] = {}
    for r in _q(store, """SELECT ?a ?mod (COUNT(DISTINCT ?o) AS ?n) WHERE {
                            ?o a ag:Obligation ; ag:bearer ?a ; ag:modality ?mod } GROUP BY ?a ?mod"""):
        key = rdf.iri_tail(r["a"].value, "aktoer")
        counts.setdefault(key, {})[rdf.MODALITY_KEY.get(r["mod"].value, "obligation")] = _v(r["n"])
    out = []
    for a in table:
        c = counts.get(a["key"], {})
        out.append({**{k: a[k] for k in ("key", "label", "label_en", "alt_labels", "iri")},
                    "obligations": sum(c.values()), "by_modality": c})
    return out
