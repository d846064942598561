"""The project's words, in one place: modalities, search modes, regions and the citation
form of a provision. Every layer imports them from here (the ontology's IRIs for them live in
``kg.rdf``; identifiers and statuses of legal texts in ``legal_time``)."""

from __future__ import annotations

import re
import unicodedata

# --- modalities ------------------------------------------------------------------------
MODALITIES = ("obligation", "recommendation", "permission", "prohibition")
MODALITY_WORDS = {           # the verb a planner reads on an answer card
    "obligation": "skal",
    "recommendation": "bør",
    "permission": "kan",
    "prohibition": "må ikke",
}
MODALITY_LABELS = {          # facets and filters
    "obligation": "Pligt (skal)",
    "recommendation": "Anbefaling (bør)",
    "permission": "Mulighed (kan)",
    "prohibition": "Forbud (må ikke)",
}
MODALITY_ALIASES = {
    "obligation": "obligation", "obligatory": "obligation", "pligt": "obligation", "påbud": "obligation",
    "skal": "obligation", "forpligtelse": "obligation",
    "recommendation": "recommendation", "recommended": "recommendation", "anbefaling": "recommendation",
    "bør": "recommendation",
    "permission": "permission", "permitted": "permission", "tilladelse": "permission", "kan": "permission",
    "prohibition": "prohibition", "prohibited": "prohibition", "forbud": "prohibition", "må ikke": "prohibition",
}

# Document types that report on duties rather than lay them down (a news item, a meeting's
# agenda, a hearing letter): their "skal" sentences are reported speech, kept in the graph and
# on the paragraph, never listed in "Hvem skal hvad?".
REPORTING_TYPES = frozenset({"nyhed", "dagsorden", "høringsbrev"})

# --- search ----------------------------------------------------------------------------
SEARCH_MODES = ("hybrid", "bm25", "dense")

# --- regions ---------------------------------------------------------------------------
# The five regions, by the slug used in ids and in the `region` field.
REGIONS = {
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
    "syddanmark": "Region Syddanmark",
    "midtjylland": "Region Midtjylland",
    "nordjylland": "Region Nordjylland",
}


# Regions merged by law: LOV 719/2025 creates Region Østdanmark from Region Hovedstaden and
# Region Sjælland on 1 January 2027. Not a key of REGIONS: no document is issued by it yet.
REGION_MERGERS = {
    "oestdanmark": {"label": "Region Østdanmark", "from": "2027-01-01", "predecessors": ("hovedstaden", "sjaelland")},
}
# Every region by its name, the merged ones included (texts name Region Østdanmark's council).
REGION_NAMES = (*REGIONS.values(), *(m["label"] for m in REGION_MERGERS.values()))


def fold(text: str) -> str:
    """'Region Sjælland' -> 'sjaelland': lower case, æøå spelt out, accents and punctuation
    dropped, a leading 'region' removed; the key under which names of a region meet."""
    text = text.strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^region\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


REGION_ALIASES = {fold(slug): slug for slug in REGIONS} | {fold(name): slug for slug, name in REGIONS.items()} | {
    "regionh": "hovedstaden", "rh": "hovedstaden", "sjaeland": "sjaelland", "rsyd": "syddanmark",
    "rm": "midtjylland", "rn": "nordjylland", "midt": "midtjylland", "nord": "nordjylland", "syd": "syddanmark",
}


def region_slug(name: str | None) -> str | None:
    """The slug of a region named by slug, Danish name or common short form, else None."""
    return REGION_ALIASES.get(fold(name or "")) if name and name.strip() else None


# --- citation form of a provision -------------------------------------------------------
_LEGAL_KINDS = ("paragraf", "stk", "nr")


def _nr_label(label: str) -> str:
    return label.strip().rstrip(")").rstrip(".")


def section_label(p, by_id: dict) -> str:
    """The provision's citation form in its document: "§ 21, stk. 2, nr. 3", "Kapitel 3",
    "2.1.1" (the nearest numbered heading for guidance text). ``by_id`` holds its ancestors."""
    chain = []
    cur = p
    while cur is not None:
        chain.append(cur)
        cur = by_id.get(cur.parent_id) if cur.parent_id else None
    chain.reverse()
    legal = [c for c in chain if c.kind in _LEGAL_KINDS]
    if legal and p.kind in _LEGAL_KINDS:
        parts = []
        for c in legal:
            lab = c.label.strip()
            if c.kind == "paragraf":
                parts.append(lab.rstrip("."))
            elif c.kind == "stk":
                parts.append(lab.lower().rstrip("."))
            else:
                parts.append(f"nr. {_nr_label(lab)}")
        return ", ".join(x for x in parts if x)
    for c in reversed(chain):
        if c.label and c.kind in ("kapitel", "section", "paragraf"):
            return c.label.strip()
    return p.label.strip()


def section_label_in(store, p) -> str:
    """``section_label`` with the ancestors read from ``store``."""
    chain = {p.id: p}
    cur = p
    while cur.parent_id and cur.parent_id not in chain:
        try:
            cur = store.provision(cur.parent_id)
        except Exception:  # noqa: BLE001 - a missing parent ends the chain
            break
        chain[cur.id] = cur
    return section_label(p, chain)


_PLACE = [(re.compile(r"p(\d+)$"), "{}. afsnit"), (re.compile(r"l(\d+)$"), "liste {}"),
          (re.compile(r"i(\d+)$"), "punkt {}"), (re.compile(r"g(\d+)$"), "mål {}"), (re.compile(r"r(\d+)$"), "række {}")]


def heading_label(p) -> str:
    """A provision's readable label in guidance and agreements: the nearest heading with the
    paragraph's place under it ('5.1. Indsendelse af sundhedsaftalen, 2. afsnit'); '' for
    legislation, whose citation form (``section_label``) says it all."""
    if p.kind in ("paragraf", "stk", "nr", "kapitel"):
        return ""
    own = (" ".join(x for x in (p.label, p.title) if x)).strip()
    if p.kind in ("section", "heading") and own:
        return own
    parts = []
    for seg in reversed(p.id.split("/")[1:]):
        for rx, fmt in _PLACE:
            m = rx.fullmatch(seg)
            if m:
                parts.insert(0, fmt.format(m.group(1)))
                break
        else:
            break
    head = p.path[-1] if p.path else own
    return ", ".join(x for x in [head, *parts] if x)
