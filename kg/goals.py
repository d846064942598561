"""Goals of regional agreements and pages: visions, målsætninger, focus areas, target groups
and the national goals they name; each linked to themes and national goals.

Linking: explicit mentions first (``method="explicit"``): a national goal's name (score 1.0)
or a theme's/national goal's keyword (score 0.5, 0.8 for multi-word keywords), with the
keyword kept as evidence. Labels and keywords are those of ``aftalegraf.kg.reference`` (the
ontology's reference schemes), shared with the comparison. ``link_by_similarity`` adds
``method="similarity"`` links later, given an embedding function.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Sequence

from aftalegraf.model import Document, Provision

from .facts import GoalFact, ThemeLink
from .reference import WEAK_KEYWORDS, description, national_goals, nearest, themes

GOAL_DOC_TYPES_EXCLUDED = {"bekendtgørelse", "lov", "lovbekendtgørelse", "vejledning", "høringsbrev", "nyhed"}


def _kw_re(kw: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(kw) + r"(?:e|en|er|erne|et|s|n|ne|t|ns)?(?![\w])", re.I)


@lru_cache(maxsize=4096)
def _kw_cached(kw: str) -> re.Pattern:
    return _kw_re(kw)


def explicit_links(text: str) -> tuple[list[ThemeLink], list[ThemeLink]]:
    """Theme and national-goal links found by explicit mention in ``text``."""
    th: list[ThemeLink] = []
    for key, entry in themes().items():
        label = entry["label"]
        best = None
        for kw in [label.lower()] + entry["keywords"]:
            if kw in WEAK_KEYWORDS or len(kw) < 3:
                continue
            if _kw_cached(kw).search(text):
                score = 1.0 if kw == label.lower() else (0.8 if " " in kw else 0.5)
                if best is None or score > best.score:
                    best = ThemeLink(key, score, "explicit", kw)
        if best:
            th.append(best)
    ng: list[ThemeLink] = []
    for key, entry in national_goals().items():
        label, kws = entry["label"], entry["keywords"]
        best = None
        if _kw_cached(label.lower()).search(text):
            best = ThemeLink(key, 1.0, "explicit", label)
        else:
            for kw in kws:
                if kw in WEAK_KEYWORDS or len(kw) < 4:
                    continue
                if _kw_cached(kw).search(text):
                    score = 0.8 if " " in kw else 0.5
                    if best is None or score > best.score:
                        best = ThemeLink(key, score, "explicit", kw)
        if best:
            ng.append(best)
    th.sort(key=lambda t: -t.score)
    ng.sort(key=lambda t: -t.score)
    return th, ng


_MARKER = re.compile(r"^\s*(?:[-•–*\u2022\ufffd\u25aa\u25cf]\s*|(\d+)\)\s*|([a-z])\)\s*)")
# What a lead-in or heading says the goals under it are, first match wins: one table for the
# structured reader (extract_goals) and the text reader (goals_in_text).
GOAL_KIND_CUES = [
    ("nationalt-maal", re.compile(r"nationale\s+mål", re.I)),
    ("vision", re.compile(r"\bvision", re.I)),
    ("maalgruppe", re.compile(r"målgruppe", re.I)),
    ("maalsaetning", re.compile(r"målsætning", re.I)),
    ("fokusomraade", re.compile(r"fokusområde|indsatsområde|pejlemærke|områderne|temaer", re.I)),
    ("maalsaetning", re.compile(r"\bmål\b|mål for", re.I)),
]


def goal_kind(context: str) -> str | None:
    for kind, rx in GOAL_KIND_CUES:
        if rx.search(context):
            return kind
    return None


def _strip_marker(p: Provision) -> tuple[int, int, str]:
    m = _MARKER.match(p.text)
    a = p.start + (m.end() if m else 0)
    b = p.end
    label = ""
    if m and (m.group(1) or m.group(2)):
        label = (m.group(1) or m.group(2)) + ")"
    return a, b, label


def extract_goals(doc: Document) -> list[GoalFact]:
    if doc.type in GOAL_DOC_TYPES_EXCLUDED:
        return []
    by_id = {p.id: p for p in doc.provisions}
    nat_labels = {v["label"].lower(): k for k, v in national_goals().items()}
    out: list[GoalFact] = []
    counters: dict[str, int] = {}

    def add(p: Provision, kind: str, a: int, b: int, label: str):
        while a < b and doc.text[a].isspace():
            a += 1
        while b > a and (doc.text[b - 1].isspace() or doc.text[b - 1] in ".;"):
            b -= 1
        if b - a < 3:
            return
        text = doc.text[a:b]
        th, ng = explicit_links(text)
        if kind == "nationalt-maal":
            key = nat_labels.get(re.sub(r"\s+", " ", text).strip().lower())
            if key:
                ng = [ThemeLink(key, 1.0, "explicit", national_goals()[key]["label"])]
        counters[p.id] = counters.get(p.id, 0) + 1
        out.append(GoalFact(p.id, counters[p.id], kind, text, a, b, label or (p.label or ""), th, ng))

    for p in doc.provisions:
        parent = by_id.get(p.parent_id) if p.parent_id else None
        lead = ""
        if parent is not None and parent.kind == "list":
            # the lead-in: the parent's text before its first child
            first_child = min((c.start for c in doc.provisions if c.parent_id == parent.id), default=parent.end)
            lead = doc.text[parent.start:first_child]
        heading = p.path[-1] if p.path else ""
        if p.kind == "goal":
            kind = goal_kind(lead) or goal_kind(heading) or "maalsaetning"
            a, b, label = _strip_marker(p)
            add(p, kind, a, b, label)
        elif p.kind == "item" and lead:
            kind = goal_kind(lead)
            text = p.text.strip()
            if kind == "nationalt-maal" or (kind and re.match(r"^\W*(?:at\b|[A-ZÆØÅ ,–-]{8,}$)", text, re.I)):
                a, b, label = _strip_marker(p)
                add(p, kind, a, b, label)
        elif p.kind in ("paragraph", "list"):
            # "Vores vision er: At borgeren ..." / "Visionen er: ..."
            m = re.search(r"\b(?:vision(?:en)?|målsætning(?:en)?)\s+(?:er|lyder)\s*:\s*", p.text, re.I)
            if m:
                kind = "vision" if m.group(0).lower().startswith("vision") else "maalsaetning"
                a = p.start + m.end()
                end = p.text.find("\n\n", m.end())
                b = p.start + (end if end > 0 else len(p.text))
                add(p, kind, a, b, "")
    return out


# --- goals in running text ------------------------------------------------------------
# For agreements whose goal lists the structure parser did not recognise as lists: lines
# read straight from the text (numbered "1) At …", bullets after a lead-in, "At …" visions).

_BULLET = "•\u2022\u25cf\u25aa\u25a0\u2013\u2014\u00b7\uf0b7\uf0a7\uf02d*-"
_BULLET_LINE = re.compile(rf"^[ \t]*[{re.escape(_BULLET)}][ \t]*(\S.*)$")
_AT_LINE = re.compile(rf"^[ \t]*(?:[{re.escape(_BULLET)}][ \t]*)?(At\s+\S.*)$")
_NUMBERED = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\)\s+(?=At\s)", re.M)
# Goal-like lines that state what an agreement must contain rather than a goal.
_NOT_A_GOAL = re.compile(r"^At\s+(sundheds)?aftalen\b", re.I)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


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
        kind = goal_kind(line) if (line.endswith(":") or len(line) < 60) else None
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


def goals_in_text(doc: Document) -> tuple[list[dict], list[dict]]:
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
        kind = goal_kind(same_line) or _context_kind(lines, line_idx) or "maalsaetning"
        if kind == "nationalt-maal":
            kind = "maalsaetning"
        add(kind, f"{m.group(1)})", start, stop, goals)

    # 2) lists after a lead-in ("… fælles målsætning … områderne:", "nationale mål:") and
    #    unnumbered "At …" lines (visions)
    i = 0
    while i < len(lines):
        pos, line = lines[i]
        stripped = line.strip()
        if stripped.endswith(":") and goal_kind(stripped):
            kind = goal_kind(stripped)
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


def _cos(u: Sequence[float], v: Sequence[float]) -> float:
    num = sum(a * b for a, b in zip(u, v))
    nu = math.sqrt(sum(a * a for a in u))
    nv = math.sqrt(sum(b * b for b in v))
    return num / (nu * nv) if nu and nv else 0.0


def link_by_similarity(goals: list[GoalFact], embed_fn: Callable[[list[str]], Sequence[Sequence[float]]]) -> list[GoalFact]:
    """Add ``method="similarity"`` links: each goal is compared with the description of every
    theme and national goal (``reference.description``) and linked to the nearest ones by
    ``reference.nearest`` (a floor, a margin, at most two) that it is not linked to already,
    with the cosine as score and the label as evidence. The comparison links by the same
    rule. Mutates and returns ``goals``."""
    if not goals:
        return goals
    th = themes()
    ng = national_goals()
    th_keys = list(th)
    ng_keys = list(ng)
    vecs = embed_fn([g.text for g in goals] + [description(th[k]) for k in th_keys]
                    + [description(ng[k]) for k in ng_keys])
    gv = vecs[:len(goals)]
    tv = vecs[len(goals):len(goals) + len(th_keys)]
    nv = vecs[len(goals) + len(th_keys):]
    for g, v in zip(goals, gv):
        for links, keys, table, ref in ((g.themes, th_keys, th, tv), (g.national_goals, ng_keys, ng, nv)):
            have = {t.key for t in links}
            for k, s in nearest([_cos(v, w) for w in ref], keys):
                if k not in have:
                    links.append(ThemeLink(k, round(s, 4), "similarity", table[k]["label"]))
        g.themes.sort(key=lambda t: (t.method != "explicit", -t.score))
        g.national_goals.sort(key=lambda t: (t.method != "explicit", -t.score))
    return goals
