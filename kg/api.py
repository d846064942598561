"""The knowledge-graph API the search and web layers call (docs/architecture.md).

Every function reads the graph through ``graphstore.reader_for(store)`` — the embedded
Oxigraph directory, or the project's graphs on a SPARQL 1.1 server — and returns plain dicts
(JSON-ready); the same answers from either. Obligation dicts follow the public contract::

    {"id", "actor", "modality", "action", "text", "provision_id", "section",
     "document": {"id", "title", "type", "region"},
     "bearers": [{"key", "label"}], "deadline", "frequency", "span": {"start", "end"}, "iri"}
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any, Iterable

import pyoxigraph as ox

from aftalegraf.errors import BadQuery
from aftalegraf.legal_time import provision_citation
from aftalegraf.vocabulary import MODALITY_ALIASES, REGIONS, REPORTING_TYPES, region_slug

from . import rdf
from .rdf import AG
from .references import split_references, target_document
from .sparql.graphstore import reader_for

_cache: dict[str, object] = {}


def _q(store, query: str) -> list[dict]:
    return reader_for(store).select(query)


def _versioned(store, name: str, build):
    """``build(store)``, cached per graph (embedded directory or server) and graph version."""
    reader = reader_for(store)
    version = reader.version()
    key = f"{name}:{reader.key}"
    cached = _cache.get(key)
    if cached is None or cached[0] != version:
        cached = _cache[key] = (version, build(store))
    return cached[1]


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

def actor_table(store) -> list[dict]:
    """The actor types of the graph's reference data (key, label, label_en, alt_labels, iri),
    read once per store: what labelling needs, without counting obligations as ``actors`` does."""
    return _versioned(store, "actor-table", _load_actor_table)


def _load_actor_table(store) -> list[dict]:
    rows = _q(store, """
        SELECT ?a ?key ?da ?en (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) WHERE {
          ?a a ag:Actor ; skos:notation ?key .
          OPTIONAL { ?a skos:prefLabel ?da FILTER(lang(?da) = "da") }
          OPTIONAL { ?a skos:prefLabel ?en FILTER(lang(?en) = "en") }
          OPTIONAL { ?a skos:altLabel ?alt }
        } GROUP BY ?a ?key ?da ?en ORDER BY ?key""")
    out = []
    for r in rows:
        alts = sorted(x for x in (_v(r.get("alts")) or "").split("\x1f") if x)   # GROUP_CONCAT order varies
        out.append({"key": _v(r["key"]), "iri": r["a"].value, "label": _v(r.get("da")) or _v(r["key"]),
                    "label_en": _v(r.get("en")) or "", "alt_labels": alts})
    return out


def actor_keys(store, text: str) -> list[str]:
    """Actor keys meant by a free-text actor (key, label or inflected form): exact matches
    of key or any label first, else labels that contain the text or are contained in it."""
    t = _fold(text)
    table = actor_table(store)
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
    slug = region_slug(region)
    if slug:
        return slug
    raise BadQuery(f"unknown region {region!r} (use one of {', '.join(REGIONS)})", "region")


# --- obligations ------------------------------------------------------------------------------
# Property reads by subject (index lookups embedded, VALUES blocks remotely) rather than one big
# SPARQL join: the search and web layers call this per hit, so it must take a few milliseconds.

_RDF_TYPE = ox.NamedNode(rdf.RDF + "type")
_A = {k: ox.NamedNode(AG + k) for k in (
    "Obligation statedIn bearer modality inDocument section ordinal span startOffset endOffset "
    "action text deadline frequency region documentType").split()}
_DCT_TITLE = ox.NamedNode(rdf.DCTERMS + "title")


def clear_cache() -> None:
    """Forget cached reference data (actor labels); the graph stage calls it on rebuild."""
    _cache.clear()


def _actor_labels(store) -> dict[str, str]:
    return {a["iri"]: a["label"] for a in actor_table(store)}


def _one(props: dict, local: str, ns: str = AG):
    v = props.get(ns + local)
    return _v(v[0]) if v else None


def obligations(store, actor: str | None = None, modality: str | None = None,
                provision_ids: Iterable[str] | None = None, document_id: str | None = None,
                limit: int | None = None, include_reported: bool | None = None) -> list[dict]:
    """Obligations (all modalities), in document order, filtered by actor text, modality,
    provisions and/or document.

    Duties only reported (a news item's or an agenda's "skal", ``reported: true``) are left out
    of the lists ("Hvem skal hvad?") unless ``include_reported``; a provision's own obligations
    (``provision_ids``) and a document's (``document_id``) include them by default.

    With ``provision_ids`` (the search layer's per-hit call) the obligations are read
    directly (index lookups embedded, two requests remotely); otherwise from an in-memory
    table of all obligations that is rebuilt when the graph's version changes.
    """
    mod = normalise_modality(modality)
    keys = actor_keys(store, actor) if actor else None
    if actor and not keys:
        return []
    if provision_ids is not None:
        found = reader_for(store).subjects(_A["statedIn"], [ox.NamedNode(rdf.provision_iri(p)) for p in provision_ids])
        rows = _obligation_dicts(store, found)
    else:
        rows = _obligation_table(store)
    if include_reported is None:
        include_reported = provision_ids is not None or document_id is not None
    out = []
    for ob in rows:
        if ob["reported"] and not include_reported:
            continue
        if mod and ob["modality"] != mod:
            continue
        if document_id and ob["document"]["id"] != document_id:
            continue
        if keys is not None and not any(b["key"] in keys for b in ob["bearers"]):
            continue
        out.append(copy.deepcopy(ob))
        if limit is not None and len(out) >= limit:
            break
    return out


def _obligation_table(store) -> list[dict]:
    return _versioned(store, "obligations", lambda s: _obligation_dicts(
        s, reader_for(s).subjects(_RDF_TYPE, [_A["Obligation"]])))


def _obligation_dicts(store, iris) -> list[dict]:
    """Obligation dicts for the given IRIs: their properties in one read, then those of
    their provisions, documents, spans, deadlines and frequencies in a second."""
    reader = reader_for(store)
    labels = _actor_labels(store)
    props_of = reader.props(iris)
    linked = set()
    for props in props_of.values():
        for k in ("statedIn", "inDocument", "span", "deadline", "frequency"):
            linked.update(props.get(AG + k, [])[:1])
    more = reader.props(linked)
    provs: dict[str, dict] = {}
    docs: dict[str, dict] = {}
    items = []
    for o_iri, props in props_of.items():
        if rdf.AG + "Obligation" not in {t.value for t in props.get(rdf.RDF + "type", [])}:
            continue
        prov = props.get(AG + "statedIn", [None])[0]
        doc = props.get(AG + "inDocument", [None])[0]
        if prov is None or doc is None:
            continue
        pinfo = provs.get(prov.value)
        if pinfo is None:
            pp = more.get(prov.value, {})
            pinfo = provs[prov.value] = {"section": _one(pp, "section") or "", "ordinal": _one(pp, "ordinal") or 0}
        dinfo = docs.get(doc.value)
        if dinfo is None:
            dp = more.get(doc.value, {})
            region = dp.get(AG + "region")
            dinfo = docs[doc.value] = {
                "id": rdf.iri_tail(doc.value, "dokument"),
                "title": _one(dp, "title", rdf.DCTERMS) or "",
                "type": _one(dp, "documentType") or "",
                "region": rdf.iri_tail(region[0].value, "region") if region else "",
            }
        bearers = sorted(({"key": rdf.iri_tail(b.value, "aktoer"),
                           "label": labels.get(b.value, rdf.iri_tail(b.value, "aktoer"))}
                          for b in props.get(AG + "bearer", [])), key=lambda b: b["key"])
        written = _one(props, "bearerText") or ""
        if written and [b["key"] for b in bearers] == ["ukendt"]:
            # no actor of the table, but the text names who: "et kommunalt medlem", "værgen"
            bearers = [{"key": "ukendt", "label": written}]
        span = {"start": None, "end": None}
        if props.get(AG + "span"):
            sp = more.get(props[AG + "span"][0].value, {})
            span = {"start": _one(sp, "startOffset"), "end": _one(sp, "endOffset")}
        ob = {
            "id": rdf.iri_tail(o_iri, "forpligtelse"),
            "iri": o_iri,
            "actor": " og ".join(b["label"] for b in bearers),
            "bearers": bearers,
            "modality": rdf.MODALITY_KEY.get(props[AG + "modality"][0].value, "obligation")
            if props.get(AG + "modality") else "obligation",
            "action": _one(props, "action") or "",
            "text": _one(props, "text") or "",
            "provision_id": rdf.iri_tail(prov.value, "bestemmelse"),
            "section": pinfo["section"],
            "document": dict(dinfo),
            "deadline": None,
            "frequency": None,
            "span": span,
            "reported": dinfo["type"] in REPORTING_TYPES,
        }
        for k in ("deadline", "frequency"):
            if props.get(AG + k):
                d = {p.removeprefix(AG): _v(v[0]) for p, v in sorted(more.get(props[AG + k][0].value, {}).items())
                     if p != rdf.RDF + "type"}
                if "deadlineKind" in d:
                    d["kind"] = d.pop("deadlineKind")
                ob[k] = d
        items.append(((dinfo["id"], pinfo["ordinal"], _one(props, "ordinal") or 0, o_iri), ob))
    items.sort(key=lambda x: x[0])
    return [ob for _, ob in items]


# --- references -------------------------------------------------------------------------------

_REFERENCES = """SELECT ?r ?label ?src ?target ?tdoc ?key ?resolved ?start ?end ?ord WHERE {
      %s
      ?r a ag:Reference ; ag:statedIn ?src .
      OPTIONAL { ?r ag:label ?label } OPTIONAL { ?r ag:target ?target }
      OPTIONAL { ?r ag:targetDocument ?tdoc } OPTIONAL { ?r ag:targetKey ?key } OPTIONAL { ?r ag:resolved ?resolved }
      OPTIONAL { ?r ag:ordinal ?ord }
      OPTIONAL { ?r ag:span ?sp . ?sp ag:startOffset ?start ; ag:endOffset ?end }
    } ORDER BY ?src ?ord"""


def _reference_dicts(rows) -> list[dict]:
    out = []
    for r in rows:
        out.append({
            "id": rdf.iri_tail(r["r"].value, "henvisning"),
            "label": _v(r["label"]) or "",
            "target": rdf.iri_tail(r["target"].value, "bestemmelse") if r["target"] else None,
            "target_document": rdf.iri_tail(r["tdoc"].value, "dokument") if r["tdoc"] else None,
            "target_key": _v(r["key"]) or None,     # the document as cited: "lov om social service"
            "resolved": bool(_v(r["resolved"])),
            "provision_id": rdf.iri_tail(r["src"].value, "bestemmelse"),
            "span": {"start": _v(r["start"]), "end": _v(r["end"])},
        })
    return out


def references(store, provision_id: str) -> dict[str, list[dict]]:
    """References out of the provision (it cites) and into it (cited by), each
    {"label", "target", "target_document", "resolved", "provision_id", "span"}."""
    p = rdf.provision_iri(provision_id)
    return {"out": _reference_dicts(_q(store, _REFERENCES % f"BIND(<{p}> AS ?src)")),
            "in": _reference_dicts(_q(store, _REFERENCES % f"?r ag:target <{p}> ."))}


def references_out(store, provision_ids: Iterable[str]) -> dict[str, list[dict]]:
    """The references out of each of several provisions, in one query (search hits)."""
    pids = list(dict.fromkeys(provision_ids))
    out: dict[str, list[dict]] = {p: [] for p in pids}
    if pids:
        for ref in _reference_dicts(_q(store, _REFERENCES % _values("src", map(rdf.provision_iri, pids)))):
            out.setdefault(ref["provision_id"], []).append(ref)
    return out


def basis_chain(store, provision_id: str, max_depth: int = 3, max_steps: int = 6) -> list[dict]:
    """The legal basis of a provision, followed on: the other documents' provisions it cites
    ("bekendtgørelsens § 21"), then what those cite, up to ``max_depth`` levels — guidance 5.1 →
    BEK 1248/2022 § 21 → sundhedsloven § 205, where the texts say so. Each step: label (the
    words of the text), target, citation, the target document's ELI, depth and the citing
    provision; a target cited twice is one step; unresolved citations end a branch."""
    docs: dict[str, Any] = {}

    def doc(doc_id: str):
        if doc_id not in docs:
            try:
                docs[doc_id] = store.document(doc_id, with_provisions=False)
            except Exception:  # noqa: BLE001 - a document no longer stored ends the branch
                docs[doc_id] = None
        return docs[doc_id]

    steps: list[dict] = []
    seen = {provision_id}
    level = [provision_id]
    for depth in range(1, max_depth + 1):
        refs = references_out(store, level)
        nxt: list[str] = []
        for pid in level:
            own = pid.split("/")[0]
            d = doc(own)
            basis, _ = split_references(refs.get(pid, []), own, d.type if d else "")
            for r in basis:
                target = r.get("target")
                if not target or target in seen or len(steps) >= max_steps:
                    continue
                seen.add(target)
                td = doc(target_document(r))
                steps.append({"label": r.get("label"), "target": target, "citation": provision_citation(target),
                              "document": td.id if td else None, "eli": (td.eli or None) if td else None,
                              "depth": depth, "from": pid})
                nxt.append(target)
        if not nxt:
            break
        level = nxt
    return steps


# --- goals ------------------------------------------------------------------------------------

def goals(store, region: str | None = None, document_id: str | None = None) -> list[dict]:
    """Goals with their themes and national goals (with method, evidence and score), in
    document order; from an in-memory table rebuilt when the graph changes."""
    slug = normalise_region(region)
    return [copy.deepcopy(g) for g in _versioned(store, "goals", _load_goals)
            if (not slug or g["document"]["region"] == slug)
            and (not document_id or g["document"]["id"] == document_id)]


def _load_goals(store) -> list[dict]:
    values: list[str] = []
    filters: list[str] = []
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
    table = actor_table(store)
    counts: dict[str, dict[str, int]] = {}
    for ob in _obligation_table(store):
        if ob["reported"]:         # reported speech is not a duty of the actor ("Hvem skal hvad?")
            continue
        for b in ob["bearers"]:
            c = counts.setdefault(b["key"], {})
            c[ob["modality"]] = c.get(ob["modality"], 0) + 1
    out = []
    for a in table:
        c = counts.get(a["key"], {})
        out.append({**{k: a[k] for k in ("key", "label", "label_en", "alt_labels", "iri")},
                    "obligations": sum(c.values()), "by_modality": c})
    return out


# --- helpers the web layer looks for -------------------------------------------------------------

def triple_count(store) -> int:
    """Quads in the graph (all the project's named graphs), cached per graph version."""
    return _versioned(store, "count", lambda s: reader_for(s).count())
