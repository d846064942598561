"""What the comparison maps goals onto: the themes and national goals of
``aftalegraf.kg.reference`` (re-exported here), the keyword patterns and similarity
descriptions built from them, and region names."""

from __future__ import annotations

import functools
import re

from aftalegraf.errors import BadQuery
from aftalegraf.kg.reference import WEAK_KEYWORDS, description, national_goals, themes  # noqa: F401 (re-exported)
from aftalegraf.vocabulary import REGION_MERGERS, REGIONS, fold, region_slug

_SUFFIX = r"(?:e|en|er|et|ne|erne|ene|s|es|ens|ets|ernes)?"


@functools.lru_cache(maxsize=None)
def keyword_patterns(dimension: str) -> list[tuple[str, re.Pattern]]:
    """(key, compiled pattern) for every strong keyword of a dimension ("themes" or
    "national_goals"); a keyword matches as a whole word with its usual inflections."""
    table = themes() if dimension == "themes" else national_goals()
    out = []
    for key, entry in table.items():
        for kw in sorted(entry["keywords"], key=len, reverse=True):
            if kw.lower() in WEAK_KEYWORDS:
                continue
            words = [re.escape(w) for w in kw.lower().split()]
            pat = r"(?<!\w)" + r"\s+".join(words) + _SUFFIX + r"(?!\w)"
            out.append((key, re.compile(pat, re.IGNORECASE)))
    return out


# --- regions -------------------------------------------------------------------------

def resolve_region(name: str) -> str:
    """A region slug from a slug or a Danish name ("Region Sjælland", "sjælland",
    "sjaelland"); BadQuery naming it otherwise."""
    slug = region_slug(name)
    if slug is None:
        known = ", ".join(REGIONS)
        raise BadQuery(f"ukendt region {name!r} (kendte: {known})", field="regions")
    return slug


def resolve_regions(regions) -> list[str] | None:
    """None -> None; "A,B" or ["A", "B"] -> slugs in the order given, without repeats."""
    if regions is None:
        return None
    if isinstance(regions, str):
        regions = regions.split(",")
    out: list[str] = []
    for r in regions:
        if r and r.strip():
            # a merged region ("oestdanmark", "Region Østdanmark": the same fold) stands for its predecessors
            merger = REGION_MERGERS.get(fold(r))
            for slug in merger["predecessors"] if merger else [resolve_region(r)]:
                if slug not in out:
                    out.append(slug)
    return out or None
