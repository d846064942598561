"""One extracted file -> its documents: split -> clean -> metadata -> ids -> structure."""

from __future__ import annotations

import re
from pathlib import Path

from aftalegraf.model import Document
from aftalegraf.vocabulary import REGIONS

from . import ids
from .clean import clean_text
from .metadata import DocInfo, describe
from .readers.base import Extracted
from .split import split_segments
from .structure import parse


def document_id(info: DocInfo) -> str:
    """Legislation and guidance by legal identifier, otherwise a readable slug of
    issuer / type / period or date (see docs/architecture.md)."""
    if info.code and info.number and info.year:
        return ids.legal_doc_id(info.code, info.year, info.number)
    issuer = ids.issuer_slug(info.issuer) if info.issuer else ""
    parts: list[str] = [issuer] if issuer else []
    t = info.type
    if t in ("sundhedsaftale", "høringsudkast", "samarbejdsaftale"):
        kind = "samarbejdsaftale" if t == "samarbejdsaftale" else "sundhedsaftale"
        parts += [kind, info.period or info.year or ids.slugify(info.title, 40)]
        if t == "høringsudkast":
            parts.append("udkast")
    elif t == "vejledning":
        year = info.year or next(iter(re.findall(r"\b((?:19|20)\d{2})\b", info.title)), "")
        parts += ["vejledning", year] if issuer and year else [ids.slugify(info.title, 60)]
        if info.status:
            parts.append(ids.slugify(info.status))
    elif t == "dagsorden":
        body = info.meta.get("body", "")
        parts += ([ids.slugify(body, 30)] if body else []) + ["dagsorden", info.date or info.year]
    elif t == "høringsbrev":
        parts += ["hoeringsbrev", info.period or info.date]
    elif t == "bilag" and info.meta.get("role"):
        parts += [ids.slugify(info.meta["role"]), info.period or info.date]
    elif t == "nyhed":
        parts += ["nyhed", info.date or ids.slugify(info.title, 40)]
    elif t == "webside":
        parts += ["side", ids.slugify(info.title, 40)]
    else:
        parts += [ids.slugify(t), ids.slugify(info.title, 50)]
    return "-".join(p for p in parts if p) or "dokument"


def documents_from_extracted(extracted: Extracted, path: str | Path, sha256: str) -> list[Document]:
    source = str(path)
    segments = split_segments(extracted.text, extracted.layout)
    compound = len(segments) > 1
    hints = {} if compound else dict(extracted.meta)
    taken = ids.IdAllocator()
    # a collection of versions that holds only some sections of each ("§§ 203-206 in all
    # versions") must not take the id of the full text of the same act
    excerpt = ""
    if segments and segments[0].cue == "banner":
        m = re.search(r"§§\s*\d+\s*[a-z]?\s*[-–]\s*\d+\s*[a-z]?", extracted.text[: segments[0].start])
        if m or re.search(r"uddrag|udtrukket", extracted.text[: segments[0].start], re.I):
            excerpt = m.group(0).strip() if m else "uddrag"
    docs: list[Document] = []
    infos: list[DocInfo] = []
    for seg in segments:
        text = clean_text(seg.text, extracted.layout)
        if not text.strip():
            continue
        info = describe(text, seg.text, hints, seg.cue, context=extracted.text,
                        hint_title="" if compound else extracted.title)
        infos.append(info)
        docs.append(Document(
            id="", title=info.title, type=info.type, text=text, issuer=info.issuer, region=info.region,
            period=info.period, date=info.date, identifier=info.identifier, eli=info.eli,
            source_path=source, source_sha256=sha256,
            source_span=(seg.start, seg.end) if compound else None,
            meta={**info.meta, "format": extracted.format},
        ))
    # parts of one compound file share its region (an appendix need not name it)
    regions = {d.region for d in docs if d.region}
    for doc, info in zip(docs, infos):
        if not doc.region and len(regions) == 1 and doc.type not in ("vejledning", "bekendtgørelse", "lov",
                                                                       "lovbekendtgørelse"):
            doc.region = info.region = next(iter(regions))
            if not doc.issuer:
                doc.issuer = info.issuer = REGIONS[doc.region]
        if not doc.period and doc.type in ("høringsudkast", "sundhedsaftale", "bilag", "høringsbrev"):
            periods = {d.period for d in docs if d.period}
            if len(periods) == 1:
                doc.period = info.period = next(iter(periods))
        base_id = document_id(info)
        if excerpt and info.code:
            doc.meta["excerpt"] = excerpt
            doc.meta["full_text_id"] = base_id
            base_id += "-uddrag"
        doc.id = taken.take(base_id)
        layout = "legal" if extracted.layout == "legal" else "plain" if extracted.layout == "plain" else "marked"
        doc.provisions = parse(doc.text, doc.id, layout, doc.type)
    return docs
