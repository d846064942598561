"""Jinja2 templates (autoescape on) and the small presentation helpers they use."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from aftalegraf.kg.timeline import today
from aftalegraf.legal_time import STATUS_LABELS_DA, danish_date, provision_citation, short_citation, status_text
from aftalegraf.vocabulary import MODALITY_LABELS, MODALITY_WORDS, REGIONS

HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.autoescape = True  # every template, whatever its name

FACET_LABELS = {
    "doc_type": "Dokumenttype",
    "region": "Region",
    "actor": "Aktør",
    "modality": "Modalitet",
}
REGION_LABELS = REGIONS

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?;:\n]+(?:[.!?;:]+|\n|$)")


def action_text(action: str | None) -> str:
    """An obligation's action as a verb phrase after »skal«: 'at indsende x' -> 'indsende x'."""
    return re.sub(r"^\s*at\s+", "", action or "")


def dknum(value) -> str:
    """A number as Danes write it: 10.000 rækker, 2,5 sekunder, 10 sekunder (not 10.0)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if x == int(x):
        return f"{int(x):,}".replace(",", ".")
    return f"{x:,.2f}".rstrip("0").replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def provision_url(pid: str) -> str:
    return "/bestemmelse/" + quote(pid, safe="/")


def actor_url(key: str) -> str:
    return "/aktoer/" + quote(key, safe="")


def actor_label(value) -> str:
    """An obligation's ``actor``: a label, a list of labels, or bearer dicts."""
    if isinstance(value, list):
        return ", ".join(actor_label(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("label") or value.get("key") or "")
    return str(value or "")


def deadline_text(value) -> str:
    if not value:
        return ""
    if isinstance(value, dict):
        value = value.get("text") or value.get("label") or value.get("date") or ""
    return str(value)


def obligation_chip(ob: dict) -> str:
    """'Regionsrådet · skal · indsende sundhedsaftalen · senest 1. juli'."""
    parts = [actor_label(ob.get("actor")) or actor_label(ob.get("bearers")),
             MODALITY_WORDS.get(ob.get("modality", ""), ob.get("modality", "")),
             action_text(ob.get("action"))]
    dl = deadline_text(ob.get("deadline"))
    if dl:
        parts.append(dl)
    fq = deadline_text(ob.get("frequency"))
    if fq:
        parts.append(fq)
    parts = [p for p in parts if p]
    if parts:
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    return " · ".join(parts)


def highlight(text: str, query: str, given: str | None = None) -> Markup:
    """The text, escaped, with its best-matching sentence in <mark> (the search service's
    own ``highlight``/``sentence`` wins when it gives one that occurs in the text)."""
    text = text or ""
    best = None
    if given and given in text:
        i = text.index(given)
        best = (i, i + len(given))
    else:
        terms = {w.lower() for w in _WORD.findall(query or "") if len(w) > 2}
        score_best = 0.0
        for m in _SENTENCE.finditer(text):
            words = [w.lower() for w in _WORD.findall(m.group())]
            if not words:
                continue
            score = sum(1 for t in terms if any(w.startswith(t[:6]) for w in words))
            if score > score_best:
                score_best, best = score, (m.start(), m.end())
    if not best:
        return Markup(escape(text))
    a, b = best
    while a < b and text[a].isspace():
        a += 1
    return Markup(f"{escape(text[:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:])}")


def url_with(request: Request, drop: tuple[str, ...] = (), **params) -> str:
    """The current page's URL with some query parameters set or removed."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in params and k not in drop]
    for k, v in params.items():
        if v not in (None, ""):
            items.append((k, v))
    qs = urlencode(items)
    return request.url.path + ("?" + qs if qs else "")


templates.env.globals.update(
    provision_url=provision_url,
    action_text=action_text,
    actor_url=actor_url,
    actor_label=actor_label,
    deadline_text=deadline_text,
    obligation_chip=obligation_chip,
    highlight=highlight,
    url_with=url_with,
    MODALITY_WORDS=MODALITY_WORDS,
    MODALITY_LABELS=MODALITY_LABELS,
    FACET_LABELS=FACET_LABELS,
    REGION_LABELS=REGION_LABELS,
    status_text=status_text,
    STATUS_LABELS_DA=STATUS_LABELS_DA,
    danish_date=danish_date,
    today=today,
    short_citation=short_citation,
    provision_citation=provision_citation,
)

templates.env.filters["dknum"] = dknum
# an actor's name as a list item or heading: "Regionsråd", "Praktiserende Lægers Organisation (PLO)";
# Jinja's capitalize would lower-case the rest of a proper name
templates.env.filters["upfirst"] = lambda s: (str(s)[:1].upper() + str(s)[1:]) if s else ""


def render(request: Request, name: str, status_code: int = 200, **context):
    return templates.TemplateResponse(request, name, context, status_code=status_code)
