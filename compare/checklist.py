"""The vejledning's requirements for an agreement, checked against each agreement.

The requirement list is read from the newest vejledning on health agreements in the store:
its sentences that set a requirement ("Følgende data skal fremgå af sundhedsaftalen: …",
"Sundhedsstyrelsens godkendelse … forudsætter: At der er formuleret overordnede
målsætninger …, som viser sammenhæng med de nationale mål", "Der udarbejdes en plan for
implementering af og opfølgning på sundhedsaftalen", "… ansvarlig for, at der … udarbejdes
en midtvejsstatus" …) are matched to known requirement kinds, each with a detector over the
agreement's provisions. Items of a "skal fremgå af aftalen: a, b og c" enumeration that
match no known kind become requirements of their own with a keyword detector, so a new
vejledning changes the checklist. Without a vejledning in the store (or when none of its
sentences can be read as requirements) a built-in list (the 2023 vejledning's) is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aftalegraf.model import Document

from . import reference

_CONTENT_CUE = r"skal\s+fremgå|skal\s+indeholde|skal\s+angives|skal\s+oplyses|skal\s+indgå"


@dataclass
class Requirement:
    key: str
    label: str                        # Danish, shown to users
    detectors: list[str]              # regexes over the agreement's provisions (case-insensitive)
    trigger: str = ""                 # regex that identifies the requirement in a vejledning sentence
    cue: str = ""                     # regex that makes that sentence a requirement
    section: str = ""                 # where the 2023 vejledning sets it (built-in default)
    default_text: str = ""            # the requirement as the 2023 vejledning words it
    needs_goals: bool = False         # only met when the agreement also has goals
    source: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "section": self.section,
                "text": self.source.get("text") or self.default_text, "source": self.source}


def _known() -> list[Requirement]:
    return [
        Requirement(
            "parter", "Aftalens parter",
            [r"indgået\s+mellem", r"aftalens\s+parter", r"\bparter(ne)?\s+(i\s+aftalen\s+)?(er|:)",
             r"aftale(n)?\s+mellem\s+.{0,120}?(kommunalbestyrelse|kommuner|regionsråd)"],
            trigger=r"\bparter\b", cue=_CONTENT_CUE, section="5.1",
            default_text="Følgende data skal fremgå af sundhedsaftalen: aftalens parter, valgperiode, versionsnummer, samt ikrafttrædelsesdato."),
        Requirement(
            "valgperiode", "Valgperiode",
            [r"valgperiode", r"aftaleperiode(n)?\s+(er|:|løber|gælder)",
             r"(sundheds)?aftale(n)?\s+(for\s+(perioden\s+)?)?(19|20)\d\d\s*[-–‐]\s*((19|20)?\d\d)\b",
             r"gælder\s+(for\s+perioden|i\s+perioden|fra)\s+.{0,40}?(19|20)\d\d"],
            trigger=r"valgperiode|aftaleperiode", cue=_CONTENT_CUE, section="5.1"),
        Requirement(
            "versionsnummer", "Versionsnummer",
            [r"versions?nummer", r"\bversion\s*(nr\.?\s*)?\d", r"\bversion\s*:"],
            trigger=r"versionsnummer|\bversion\b", cue=_CONTENT_CUE, section="5.1"),
        Requirement(
            "ikrafttraedelsesdato", "Ikrafttrædelsesdato",
            [r"ikrafttræd", r"træder\s+i\s+kraft", r"trådte\s+i\s+kraft", r"gældende\s+fra", r"har\s+virkning\s+fra",
             r"gælder\s+fra\s+(den\s+)?\d"],
            trigger=r"ikrafttræd|træder\s+i\s+kraft", cue=_CONTENT_CUE, section="5.1"),
        Requirement(
            "nationale-maal", "Overordnede målsætninger i sammenhæng med de nationale mål",
            [r"nationale\s+mål"] + [re.escape(e["label"]) for e in reference.national_goals().values()],
            trigger=r"nationale\s+mål", cue=r"viser\s+sammenhæng|forudsætter|at\s+der\s+er\s+formuleret",
            section="5.2", needs_goals=True,
            default_text="At der er formuleret overordnede målsætninger for sundhedsaftalen, som viser sammenhæng med de nationale mål for sundhedsvæsenet."),
        Requirement(
            "implementeringsplan", "Plan for implementering og opfølgning",
            [r"implementeringsplan", r"plan\s+for\s+(\S+\s+){0,3}?(implementering|opfølgning)",
             r"implementering\s+af\s+(og\s+opfølgning\s+på\s+)?(sundheds)?aftalen"],
            trigger=r"plan\s+for\s+(\S+\s+){0,3}?(implementering|opfølgning)|implementeringsplan",
            cue=r"udarbejdes|skal\s+(\S+\s+){0,4}?udarbejde|skal\s+indeholde|forudsætter", section="2.2.2",
            default_text="Der udarbejdes en plan for implementering af og opfølgning på sundhedsaftalen."),
        Requirement(
            "midtvejsstatus", "Midtvejsstatus",
            [r"midtvejsstatus", r"midtvejs\w*"],
            trigger=r"midtvejsstatus", cue=r"udarbejdes|ansvarlig\s+for|skal", section="6",
            default_text="Sundhedssamarbejdsudvalget er ansvarlig for, at der midtvejs i aftaleperioden udarbejdes en midtvejsstatus."),
        Requirement(
            "slutstatus", "Slutstatus",
            [r"slutstatus", r"afsluttende\s+status", r"slutevaluering"],
            trigger=r"slutstatus|afsluttende\s+status", cue=r"udarbejdes|ansvarlig\s+for|skal", section="6",
            default_text="Sundhedssamarbejdsudvalget er ansvarlig for, at resultatet af sundhedsaftalen præsenteres i en afsluttende status (slutstatus)."),
    ]


def default_requirements() -> list[Requirement]:
    reqs = _known()
    for r in reqs:
        if not r.default_text:
            r.default_text = reqs[0].default_text if r.section == "5.1" else ""
        r.source = {"builtin": True, "document_id": None, "provision_id": None, "section": r.section,
                    "text": r.default_text}
    return reqs


# --- reading the vejledning ------------------------------------------------------------

_YEAR = re.compile(r"(19|20)\d\d")


def _year(doc: Document) -> int:
    for text in (doc.date, doc.id, doc.title, doc.period):
        m = _YEAR.search(text or "")
        if m:
            return int(m.group(0))
    return 0


def newest_vejledning(store) -> Document | None:
    """The newest vejledning on health agreements in the store (text and provisions)."""
    candidates = []
    for meta in store.documents():
        if meta.type != "vejledning":
            continue
        doc = store.document(meta.id)
        if "sundhedsaftale" not in (doc.title + " " + doc.text[:20000]).lower():
            continue
        candidates.append(((_year(doc), doc.date or "", doc.id), doc))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\-–•])|\n+")


def _sentences(text: str) -> list[str]:
    return [s.strip(" \t-–•") for s in _SENTENCE_SPLIT.split(text) if s and s.strip(" \t-–•")]


def _section_of(provision) -> str:
    for heading in [provision.label] + list(reversed(provision.path)):
        m = re.match(r"\s*(\d+(?:\.\d+)*)\.?\s", (heading or "") + " ")
        if m:
            return m.group(1)
    return ""


def _slug(text: str) -> str:
    s = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _enumerated_items(sentence: str) -> list[str]:
    """"Følgende data skal fremgå af sundhedsaftalen: a, b, samt c." -> [a, b, c]."""
    if ":" not in sentence:
        return []
    tail = sentence.split(":", 1)[1].strip().rstrip(".")
    parts = re.split(r",\s*(?:samt\s+|og\s+)?|\s+samt\s+|\s+og\s+", tail)
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 6]


def requirements_from_vejledning(doc: Document) -> list[Requirement]:
    """The requirements a vejledning sets, in the order of the known kinds, each with the
    provision and sentence it was read from; [] when none can be read."""
    known = _known()
    found: dict[str, Requirement] = {}
    extra: list[Requirement] = []
    for p in doc.provisions:
        for sentence in _sentences(p.text):
            content = re.search(_CONTENT_CUE, sentence, re.I) and re.search(r"aftale", sentence, re.I)
            source = {"builtin": False, "document_id": doc.id, "document_title": doc.title, "provision_id": p.id,
                      "section": _section_of(p), "text": sentence}
            for req in known:
                if req.key in found:
                    continue
                if req.cue == _CONTENT_CUE and not content:
                    continue
                if re.search(req.trigger, sentence, re.I) and re.search(req.cue, sentence, re.I):
                    req.source = dict(source)
                    found[req.key] = req
            if content:
                for item in _enumerated_items(sentence):
                    if any(re.search(r.trigger, item, re.I) for r in known):
                        continue
                    key = _slug(re.sub(r"^(aftalens|sundhedsaftalens)\s+", "", item, flags=re.I))
                    if not key or key in found or any(e.key == key for e in extra):
                        continue
                    word = re.sub(r"^(aftalens|sundhedsaftalens)\s+", "", item, flags=re.I).split()[-1].lower()
                    stem = word[:-1] if len(word) > 6 and word.endswith("e") else word
                    extra.append(Requirement(key, item[:1].upper() + item[1:], [rf"(?<!\w){re.escape(stem)}\w*"],
                                             source=dict(source)))
    out = [r for r in known if r.key in found] + extra
    for r in out:
        r.section = r.source.get("section") or ""
    return out


def requirements(store) -> tuple[list[Requirement], dict[str, Any]]:
    """(requirements, where they come from)."""
    doc = newest_vejledning(store) if store is not None else None
    if doc is not None:
        reqs = requirements_from_vejledning(doc)
        if reqs:
            return reqs, {"builtin": False, "document_id": doc.id, "title": doc.title,
                          "label": f"Læst fra {doc.title}"}
    return default_requirements(), {"builtin": True, "document_id": doc.id if doc else None, "title": None,
                                    "label": "Indbygget standardliste (Sundhedsstyrelsens vejledning 2023)"}


# --- checking an agreement ---------------------------------------------------------------

def _snippet(text: str, start: int, end: int, width: int = 90) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


def detect(req: Requirement, doc: Document, goals_count: int | None = None) -> dict[str, Any]:
    """{ok, mark, evidence: {provision_id, text, match} | None, note}."""
    pats = [re.compile(d, re.I | re.S) for d in req.detectors]
    evidence = None
    units = [(p.id, p.text) for p in doc.provisions] or [(None, doc.text)]
    for pid, text in units:
        for pat in pats:
            m = pat.search(text or "")
            if m:
                evidence = {"provision_id": pid, "text": _snippet(text, m.start(), m.end()), "match": " ".join(m.group(0).split())}
                break
        if evidence:
            break
    ok = evidence is not None
    note = ""
    if ok and req.needs_goals and not goals_count:
        ok = False
        note = "nævner de nationale mål, men aftalen har ingen målsætninger"
    elif not ok:
        note = "ikke fundet i aftalen"
    return {"ok": ok, "mark": "✓" if ok else "✗", "evidence": evidence, "note": note}


def check(doc: Document, reqs: list[Requirement], goals_count: int | None = None) -> dict[str, Any]:
    items = []
    for r in reqs:
        items.append({"key": r.key, "label": r.label, "section": r.section,
                      "requirement": r.source.get("text") or r.default_text,
                      "requirement_provision_id": r.source.get("provision_id"), **detect(r, doc, goals_count)})
    return {"document_id": doc.id, "title": doc.title, "region": doc.region, "type": doc.type,
            "items": items, "met": sum(1 for i in items if i["ok"]), "total": len(items)}
