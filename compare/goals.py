"""Collect the regional agreements' goals and map each onto themes and national goals.

Goals are the visions, målsætninger ("1) At …"), focus areas and target groups of the
regional agreements in the store: documents of type sundhedsaftale, høringsudkast,
samarbejdsaftale or webside that carry a region. They are read with the knowledge graph's extractor
(``aftalegraf.kg.goals.extract_goals``) when it finds goals in the document, otherwise
with the built-in reader below, which works on the document text and
maps each goal to the most specific provision that holds it.

Each goal is linked to themes and national goals: explicit mentions first (a keyword of
the theme, e.g. "psykisk" -> mental-sundhed; score 1.0), embedding similarity second
(cosine between the goal and the theme's description, used when nothing is explicit),
every link with its method, score and evidence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

import numpy as np

from aftalegraf.embedding.cache import CachedEmbedder
from aftalegraf.kg.goals import extract_goals, goals_in_text
from aftalegraf.kg.reference import nearest
from aftalegraf.model import Document
from aftalegraf.vocabulary import REGIONS

from . import reference

log = logging.getLogger(__name__)

AGREEMENT_TYPES = ("sundhedsaftale", "høringsudkast", "samarbejdsaftale", "webside")

GOAL_KIND_LABELS = {
    "vision": "Vision",
    "maalsaetning": "Målsætning",
    "fokusomraade": "Fokusområde",
    "maalgruppe": "Målgruppe",
    "nationalt-maal": "Nationalt mål",
}


@dataclass
class Goal:
    id: str                     # "{provision_id}#{n}"
    region: str                 # region slug
    document_id: str
    document_title: str
    period: str
    provision_id: str
    kind: str                   # vision | maalsaetning | fokusomraade | maalgruppe
    label: str
    text: str
    start: int = 0
    end: int = 0
    source: str = "builtin"     # "kg" (kg.extract) | "builtin"
    themes: list[dict] = field(default_factory=list)          # [{key,label,score,method,evidence}]
    national_goals: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind_label"] = GOAL_KIND_LABELS.get(self.kind, self.kind)
        d["region_label"] = REGIONS.get(self.region, self.region)
        return d

    def brief(self) -> dict[str, Any]:
        """What a matrix cell or an alignment shows of a goal."""
        return {"id": self.id, "text": self.text, "kind": self.kind, "provision_id": self.provision_id,
                "document_id": self.document_id, "period": self.period}


@dataclass
class Agreement:
    """One regional agreement document with its goals."""

    document: Document
    goals: list[Goal] = field(default_factory=list)
    national_goal_mentions: list[dict] = field(default_factory=list)  # [{key,label,provision_id,evidence}]

    @property
    def region(self) -> str:
        return self.document.region

    @property
    def period(self) -> str:
        return agreement_period(self.document)

    def summary(self) -> dict[str, Any]:
        d = self.document
        return {"id": d.id, "title": d.title, "type": d.type, "region": d.region, "period": self.period,
                "date": d.date, "goals": len(self.goals)}


# --- which documents -------------------------------------------------------------------

def is_agreement(doc: Document) -> bool:
    if doc.region not in REGIONS:
        return False
    return doc.type in AGREEMENT_TYPES


_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–‐/]\s*((?:19|20)?\d\d)\b")


def agreement_period(doc: Document) -> str:
    """"2019-2023" from the document's period, else from its title or id."""
    if doc.period:
        return doc.period
    for text in (doc.title, doc.id, doc.text[:3000] if doc.text else ""):
        m = _PERIOD.search(text or "")
        if m:
            a, b = m.group(1), m.group(2)
            if len(b) == 2:
                b = a[:2] + b
            if 0 < int(b) - int(a) <= 8:
                return f"{a}-{b}"
    return ""


def agreement_documents(store, regions: Iterable[str] | None = None) -> list[Document]:
    """The regional agreements in the store, with text and provisions."""
    wanted = set(regions) if regions else None
    out = []
    for meta in store.documents():
        if not is_agreement(meta) or (wanted is not None and meta.region not in wanted):
            continue
        out.append(store.document(meta.id))
    return out


def _provision_at(doc: Document, start: int, end: int) -> str:
    """The most specific provision holding [start, end) (or starting inside it)."""
    best = None
    for p in doc.provisions:
        if p.start <= start < p.end:
            if best is None or (p.end - p.start) < (best.end - best.start):
                best = p
    if best is None:
        for p in doc.provisions:
            if start <= p.start < end:
                return p.id
        return doc.provisions[0].id if doc.provisions else doc.id
    return best.id


def _kg_goals(doc: Document):
    """Goals from the knowledge graph's goal reader (``kg.goals.extract_goals``, the goal
    part of ``extract_document`` without the much slower deontic analysis), or None when it
    fails on this document."""
    try:
        return list(extract_goals(doc) or [])
    except Exception as exc:  # never let another subsystem's bug hide the comparison
        log.warning("the graph's goal extraction failed on %s (%s); using the built-in goal reader", doc.id, exc)
        return None


def _norm(text: str) -> str:
    """A key under which two renderings of the same goal meet (case, punctuation, line
    breaks and a truncated tail do not matter)."""
    return re.sub(r"[^\wæøå]+", " ", text.lower()).strip()[:60]


def read_agreement(doc: Document, extractor: str = "auto") -> Agreement:
    """One agreement's goals (not yet linked to themes).

    ``extractor``: "kg" (the knowledge graph's extractor only), "builtin" (the reader of
    this module only) or "auto": the graph's goals, plus the goals the built-in reader finds
    in text the graph's extractor did not take (a goal list it did not recognise)."""
    agreement = Agreement(doc)
    period = agreement.period
    facts = (_kg_goals(doc) or []) if extractor in ("auto", "kg") else []
    for f in facts:
        themes = [_link_dict("themes", t) for t in getattr(f, "themes", [])]
        ngs = [_link_dict("national_goals", t) for t in getattr(f, "national_goals", [])]
        if f.kind == "nationalt-maal":
            for t in ngs:
                agreement.national_goal_mentions.append({**t, "provision_id": f.provision_id, "text": f.text})
            continue
        agreement.goals.append(Goal(
            id=f"{f.provision_id}#{f.index}", region=doc.region, document_id=doc.id, document_title=doc.title,
            period=period, provision_id=f.provision_id, kind=f.kind, label=f.label or "", text=" ".join(f.text.split()),
            start=f.start, end=f.end, source="kg", themes=themes, national_goals=ngs,
        ))
    if extractor in ("auto", "builtin"):
        raw_goals, raw_mentions = goals_in_text(doc)
        spans = [(g.start, g.end) for g in agreement.goals]
        texts = {_norm(g.text) for g in agreement.goals}
        counters: dict[str, int] = {}
        for g in agreement.goals:
            counters[g.provision_id] = max(counters.get(g.provision_id, 0), _index_of(g.id))
        for g in raw_goals:
            if _norm(g["text"]) in texts or any(g["start"] < e and s < g["end"] for s, e in spans):
                continue
            pid = _provision_at(doc, g["start"], g["end"])
            counters[pid] = counters.get(pid, 0) + 1
            agreement.goals.append(Goal(
                id=f"{pid}#{counters[pid]}", region=doc.region, document_id=doc.id, document_title=doc.title,
                period=period, provision_id=pid, kind=g["kind"], label=g["label"], text=g["text"],
                start=g["start"], end=g["end"], source="builtin",
            ))
        known = {m["key"] for m in agreement.national_goal_mentions}
        for m in raw_mentions:
            pid = _provision_at(doc, m["start"], m["end"])
            for key, label, evidence in _match_national_goal_label(m["text"]):
                if key in known:
                    continue
                known.add(key)
                agreement.national_goal_mentions.append(
                    {"key": key, "label": label, "score": 1.0, "method": "explicit", "evidence": evidence,
                     "provision_id": pid, "text": m["text"]})
    agreement.goals.sort(key=lambda g: g.start)
    # one goal once per document
    seen: set[str] = set()
    unique = []
    for g in agreement.goals:
        k = _norm(g.text)
        if k in seen:
            continue
        seen.add(k)
        unique.append(g)
    agreement.goals = unique
    return agreement


def _index_of(goal_id: str) -> int:
    try:
        return int(goal_id.rsplit("#", 1)[1])
    except (IndexError, ValueError):
        return 0


def _match_national_goal_label(text: str) -> list[tuple[str, str, str]]:
    """National goals named in a line such as "BEDRE SAMMENHÆNGENDE PATIENTFORLØB"."""
    t = _norm(text)
    out = []
    table = reference.national_goals()
    for key, entry in table.items():
        if _norm(entry["label"]) in t or t in _norm(entry["label"]):
            out.append((key, entry["label"], text))
    if not out:
        for key, pat in reference.keyword_patterns("national_goals"):
            m = pat.search(text)
            if m and key not in [o[0] for o in out]:
                out.append((key, table[key]["label"], m.group(0)))
                break
    return out


def _link_dict(dimension: str, link) -> dict:
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    key = str(getattr(link, "key", ""))
    return {"key": key, "label": table.get(key, {}).get("label", key), "score": round(float(getattr(link, "score", 1.0)), 4),
            "method": getattr(link, "method", "explicit"), "evidence": getattr(link, "evidence", "")}


# --- linking --------------------------------------------------------------------------

def explicit_links(text: str, dimension: str) -> list[dict]:
    """Themes (or national goals) a text names by keyword, with the words found."""
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    found: dict[str, list[str]] = {}
    for key, pat in reference.keyword_patterns(dimension):
        for m in pat.finditer(text):
            words = found.setdefault(key, [])
            if m.group(0).lower() not in [w.lower() for w in words]:
                words.append(m.group(0))
    return [{"key": k, "label": table[k]["label"], "score": 1.0, "method": "explicit",
             "evidence": "nævner " + ", ".join(f"«{w}»" for w in words)} for k, words in found.items()]


def reference_matrix(embedder: CachedEmbedder, dimension: str) -> tuple[list[str], np.ndarray]:
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    keys = list(table)
    return keys, embedder.embed([reference.description(table[k]) for k in keys])


def similarity_links(vec: np.ndarray, keys: list[str], ref: np.ndarray, dimension: str) -> list[dict]:
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    return [{"key": k, "label": table[k]["label"], "score": round(s, 4), "method": "similarity",
             "evidence": f"ligner «{table[k]['label']}» (cosinus {s:.2f})"}
            for k, s in nearest(ref @ vec, keys)]


def link_goals(goals: list[Goal], embedder: CachedEmbedder | None) -> np.ndarray | None:
    """Fill each goal's themes and national goals; returns the goals' embeddings (rows in
    the order of ``goals``) or None without an embedder."""
    vecs = embedder.embed([g.text for g in goals]) if (embedder is not None and goals) else None
    refs = {}
    if embedder is not None:
        refs = {d: reference_matrix(embedder, d) for d in ("themes", "national_goals")}
    for i, g in enumerate(goals):
        for dim in ("themes", "national_goals"):
            links = {l["key"]: l for l in getattr(g, dim) if l.get("method") == "explicit"}
            for l in explicit_links(g.text, dim):
                links.setdefault(l["key"], l)
            if not links and vecs is not None:
                keys, ref = refs[dim]
                for l in similarity_links(vecs[i], keys, ref, dim):
                    links.setdefault(l["key"], l)
            if not links:  # keep what the graph's extractor found by similarity
                links = {l["key"]: l for l in getattr(g, dim)}
            setattr(g, dim, sorted(links.values(), key=lambda l: (-l["score"], l["key"])))
    return vecs


def collect(store, regions: list[str] | None = None, embedder: CachedEmbedder | None = None,
            extractor: str = "auto") -> tuple[list[Agreement], list[Goal], np.ndarray | None]:
    """The agreements of ``regions`` (all when None), their goals linked to themes and
    national goals, and the goals' embeddings (row i belongs to goals[i])."""
    agreements = [read_agreement(d, extractor) for d in agreement_documents(store, regions)]
    # A goal repeated in another document of the same region and period (an agenda and its
    # appendix) is kept once.
    seen: set[tuple[str, str, str]] = set()
    for a in agreements:
        kept = []
        for g in a.goals:
            k = (g.region, g.period, _norm(g.text))
            if k not in seen:
                seen.add(k)
                kept.append(g)
        a.goals = kept
    goals = [g for a in agreements for g in a.goals]
    vecs = link_goals(goals, embedder)
    return agreements, goals, vecs
