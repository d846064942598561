"""Stable, readable ids: document slugs and provision ids (see docs/architecture.md)."""

from __future__ import annotations

import re
import unicodedata

# Short issuer slugs used in document ids; anything else is slugified.
ISSUER_SLUGS = {
    "sundhedsstyrelsen": "sst",
    "region hovedstaden": "regionh",
    "region sjælland": "regionsjaelland",
    "region syddanmark": "regionsyddanmark",
    "region midtjylland": "regionmidt",
    "region nordjylland": "regionnord",
    "sundhedsministeriet": "sum",
}

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "§": "p"})


def slugify(text: str, max_len: int = 60) -> str:
    """'Sundhedsaftale 2015 – 2018' -> 'sundhedsaftale-2015-2018' (Danish letters transliterated)."""
    s = text.translate(_TRANSLIT).lower()
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rsplit("-", 1)[0] or s[:max_len]
    return s


def issuer_slug(issuer: str) -> str:
    key = issuer.strip().lower()
    return ISSUER_SLUGS.get(key) or slugify(issuer, 30)


def legal_doc_id(code: str, year: str | int, number: str | int) -> str:
    """('BEK', 2022, 1248) -> 'bek-2022-1248'."""
    return f"{code.lower()}-{year}-{number}"


def section_key(number: str) -> str:
    """'2.1.1.' -> 's2.1.1'."""
    return "s" + number.strip().rstrip(".")


def paragraf_key(label: str) -> str:
    """'§ 5 a' / '5 a' -> 'p5a'."""
    return "p" + re.sub(r"[^0-9a-zæøå]", "", label.replace("§", "").lower()).translate(_TRANSLIT)


class IdAllocator:
    """Hands out ids, appending -2, -3 ... when a structural path repeats (an amending act
    that restates § 1 of several acts), so ids stay unique and deterministic."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def take(self, ident: str) -> str:
        out, n = ident, 1
        while out in self.seen:
            n += 1
            out = f"{ident}-{n}"
        self.seen.add(out)
        return out
