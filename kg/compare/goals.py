"""Collect the regional agreements' goals and map each onto themes and national goals.

Goals are the visions, målsætninger ("1) At …"), focus areas and target groups of the
regional agreements in the store: documents of type sundhedsaftale, høringsudkast,
samarbejdsaftale or webside that carry a region. They are read with the knowledge graph's extractor
(``aftalegraf.kg.extract.extract_document``) when it is installed and finds goals in the
document, otherwise with the built-in reader below, which works on the document text and
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

from aftalegraf.kg.reference import nearest
from aftalegraf.model import REGIONS, Document

from . import reference
from .embed import Embedder

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


# --- reading goals -----------------------------------------------------------------------

_BULLET = "•\u2022\u25cf\u25aa\u25a0\u2013\u2014\u00b7\uf0b7\uf0a7\uf02d*-"
_BULLET_LINE = re.compile(rf"^[ \t]*[{re.escape(_BULLET)}][ \t]*(\S.*)$")
_AT_LINE = re.compile(rf"^[ \t]*(?:[{re.escape(_BULLET)}][ \t]*)?(At\s+\S.*)$")
_NUMBERED = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\)\s+(?=At\s)", re.M)
_LEAD_CUES = [
    ("nationalt-maal", re.compile(r"nationale\s+mål", re.I)),
    ("maalgruppe", re.compile(r"målgruppe", re.I)),
    ("fokusomraade", re.compile(r"fokusområde|indsatsområde|pejlemærke|temaer", re.I)),
    ("vision", re.compile(r"\bvision", re.I)),
    ("maalsaetning", re.compile(r"målsætning|\bmål\b|områderne|mål for", re.I)),
]
# Goal-like lines that state what an agreement must contain rather than a goal.
_NOT_A_GOAL = re.compile(r"^At\s+(sundheds)?aftalen\b", re.I)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _lead_kind(text: str) -> str | None:
    for kind, pat in _LEAD_CUES:
        if pat.search(text):
            return kind
    return None


def _context_kind(lines: list[tuple[int, str]], i: int, look: int = 8) -> str | None:
    """The kind a goal line at index i gets from the nearest lead-in or heading above it."""
    seen = 0
    for j in range(i - 1, -1, -1):
        line = lines[j][1].strip()
        if not line:
            continue
        if _AT_LINE.match(line) or _BULLET_LINE.match(line):
            continue
        seen += 1
        kind = _lead_kind(line) if (line.endswith(":") or len(line) < 60) else None
        if kind:
            return kind
        if seen >= look:
            break
    return None


def _clean_goal_text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 400:  # a runaway: cut at the last sentence end inside the limit
        cut = text[:400]
        text = cut[: cut.rfind(".") + 1] if "." in cut else cut
    return text.strip(" ;,")


def builtin_goals(doc: Document) -> tuple[list[dict], list[dict]]:
    """Goals and national-goal mentions read from the document text.

    Returns (goals, mentions) as dicts with kind, label, text, start, end."""
    text = doc.text or ""
    lines = _lines(text)
    goals: list[dict] = []
    mentions: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(kind, label, start, end, target):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        start += lead
        body = _clean_goal_text(text[start:end])
        if len(body) < 4 or _NOT_A_GOAL.match(body):
            return
        if any(s <= start < e for s, e in taken):
            return
        taken.append((start, end))
        target.append({"kind": kind, "label": label, "text": body, "start": start, "end": start + len(text[start:end].rstrip())})

    # 1) numbered målsætninger: "1) At …" up to the next number, a blank line or a heading-like line
    numbered = list(_NUMBERED.finditer(text))
    for k, m in enumerate(numbered):
        start = m.end()
        stop = numbered[k + 1].start() if k + 1 < len(numbered) else len(text)
        blank = re.search(r"\n[ \t]*\n", text[start:stop])
        if blank:
            stop = start + blank.start()
        line_idx = max(i for i, (pos, _) in enumerate(lines) if pos <= m.start())
        same_line = text[lines[line_idx][0]:m.start()]
        kind = _lead_kind(same_line) or _context_kind(lines, line_idx) or "maalsaetning"
        if kind == "nationalt-maal":
            kind = "maalsaetning"
        add(kind, f"{m.group(1)})", start, stop, goals)

    # 2) lists after a lead-in ("… fælles målsætning … områderne:", "nationale mål:") and
    #    unnumbered "At …" lines (visions)
    i = 0
    while i < len(lines):
        pos, line = lines[i]
        stripped = line.strip()
        if stripped.endswith(":") and _lead_kind(stripped):
            kind = _lead_kind(stripped)
            j = i + 1
            items = 0
            while j < len(lines):
                p2, l2 = lines[j]
                if not l2.strip():
                    j += 1
                    if items and j < len(lines) and not (_BULLET_LINE.match(lines[j][1]) or _AT_LINE.match(lines[j][1])):
                        break
                    continue
                m = _BULLET_LINE.match(l2) or _AT_LINE.match(l2)
                if not m:
                    break
                s = p2 + m.start(1)
                target = mentions if kind == "nationalt-maal" else goals
                add(kind, "", s, p2 + len(l2), target)
                items += 1
                j += 1
            i = j if items else i + 1
            continue
        m = _AT_LINE.match(line)
        if m:
            start = pos + m.start(1)
            end = pos + len(line)
            # continuation lines (no blank line, no new bullet, no lead-in)
            j = i + 1
            while j < len(lines):
                l2 = lines[j][1]
                if text[start:end].rstrip().endswith((".", "!", "?")):
                    break
                if not l2.strip() or _AT_LINE.match(l2) or _BULLET_LINE.match(l2) or l2.strip().endswith(":"):
                    break
                if re.match(r"^\s*(\d{1,2})\)\s", l2):
                    break
                end = lines[j][0] + len(l2)
                j += 1
            kind = _context_kind(lines, i) or "vision"
            if kind == "nationalt-maal":
                kind = "maalsaetning"
            add(kind, "", start, end, goals)
            i = j
            continue
        i += 1
    goals.sort(key=lambda g: g["start"])
    return goals, mentions


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
    """Goals from the knowledge graph's extractor, or None when it is not installed.

    ``aftalegraf.kg.goals.extract_goals`` is the goal part of ``extract_document`` (the
    whole extraction also runs the deontic analysis, hundreds of times slower); the full
    extractor is the fallback."""
    try:
        from aftalegraf.kg.goals import extract_goals as fn
    except Exception:
        try:
            from aftalegraf.kg.extract import extract_document
        except Exception:
            return None

        def fn(d):
            return getattr(extract_document(d), "goals", [])
    try:
        return list(fn(doc) or [])
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
        raw_goals, raw_mentions = builtin_goals(doc)
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


def reference_matrix(embedder: Embedder, dimension: str) -> tuple[list[str], np.ndarray]:
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    keys = list(table)
    return keys, embedder.embed([reference.description(table[k]) for k in keys])


def similarity_links(vec: np.ndarray, keys: list[str], ref: np.ndarray, dimension: str) -> list[dict]:
    table = reference.themes() if dimension == "themes" else reference.national_goals()
    return [{"key": k, "label": table[k]["label"], "score": round(s, 4), "method": "similarity",
             "evidence": f"ligner «{table[k]['label']}» (cosinus {s:.2f})"}
            for k, s in nearest(ref @ vec, keys)]


def link_goals(goals: list[Goal], embedder: Embedder | None) -> np.ndarray | None:
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


def collect(store, regions: list[str] | None = None, embedder: Embedder | None = None,
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
