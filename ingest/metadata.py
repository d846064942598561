"""Document metadata: title, type, issuer, region, agreement period, dates, legal
identifiers with ELI, and for legislation the act's short name, number and year.

Read from the document's own text (its raw segment for header lines that cleaning drops,
such as "Opdateret 12 DEC 2022"), the reader's hints and the split cue."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aftalegraf.legal_time import IDENTIFIER as _IDENT
from aftalegraf.legal_time import MONTH_NUMBER, eli_uri, iso_date
from aftalegraf.vocabulary import REGIONS

LEGAL_TYPES = {"BEK": "bekendtgørelse", "LBK": "lovbekendtgørelse", "LOV": "lov", "VEJ": "vejledning",
               "CIR": "andet", "BKI": "andet", "SKR": "andet"}
AGREEMENT_TYPES = {"sundhedsaftale", "samarbejdsaftale", "høringsudkast"}
_MON3 = {m[:3]: i for m, i in MONTH_NUMBER.items()}

_BANNER = re.compile(r"^(?P<title>.+?)\s+[—–-]\s+(?P<year>\d{4})/(?P<nr>\d+)\s*\((?P<date>\d{4}-\d{2}-\d{2})\)")
_LEGAL_TITLE = re.compile(r"^(Vejledning|Bekendtgørelse|Lov|Cirkulære|Lovbekendtgørelse)\s+(om|af|til)\b")
_LETTER_DATE = re.compile(r"^\s*([A-ZÆØÅ][\wæøå -]+?),? (?:den )?(\d{1,2})\.\s*([a-zæøå]+)\.? (\d{4})\s*$", re.M)
_NEWS_DATE = re.compile(r"^\s*(\d{1,2})\.? ([A-Za-zæøå]{3})[a-zæøå]*\.? (\d{4})\s*$", re.M)
_UPDATED = re.compile(r"(?:Opdateret|Senest opdateret)\s*:?\s*(?:(\d{1,2})\.? ([A-Za-zæøå]{3})[a-zæøå]* (\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{2,4}))", re.I)
_MEETING = re.compile(r"^\s*Møde i (?P<body>.{3,80}?) d(?:en)?\.?\s*(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})\s*$", re.M | re.I)
_AGENDA_ITEM = re.compile(r"^\s*\d{1,2}\.\s+[A-ZÆØÅ][A-ZÆØÅ ,./-]{4,}\s*$", re.M)
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2})\b")
_COPYRIGHT = re.compile(r"©\s*([A-ZÆØÅ][\wæøå ]+?),?\s*((?:19|20)\d{2})")
_DRAFT = re.compile(r"^\s*(høringsudkast|høringsversion|udkast)\s*$", re.I | re.M)
# a signature: "Sundheds- og Ældreministeriet, den 7. december 2018" names the issuing ministry
_SIGNATURE = re.compile(
    r"^\s*(?P<ministry>[A-ZÆØÅ][\w ,-]{0,80}?ministeriet|Ministeriet for [\w ,-]{3,80}?)\s*,\s*den\s+\d{1,2}\.\s*"
    r"[a-zæøå]+\.?\s+\d{4}\s*$", re.M)
# a minister the text empowers: "indenrigs- og sundhedsministeren", "ministeren for sundhed og forebyggelse"
_MINISTER = re.compile(r"\b((?:[a-zæøå]+-\s*(?:,\s*[a-zæøå]+-\s*)*og\s+)?[a-zæøå]+)ministeren\b"
                       r"|\bministeren for ([a-zæøå]+(?: og [a-zæøå]+)?)\b", re.I)
_REGION_NAME = {k: re.compile(r"\bregion\s+" + re.escape(v.split()[1]), re.I) for k, v in REGIONS.items()}


@dataclass
class DocInfo:
    title: str = ""
    type: str = "andet"
    issuer: str = ""
    region: str = ""
    period: str = ""
    date: str = ""
    identifier: str = ""
    eli: str = ""
    code: str = ""               # BEK, LBK, LOV, VEJ ... for legislation and guidance with an identifier
    number: str = ""
    year: str = ""
    status: str = ""             # "høringsudkast" for hearing drafts
    meta: dict[str, Any] = field(default_factory=dict)


def _iso(y: int | str, m: int | str, d: int | str) -> str:
    y = int(y)
    return iso_date(y + 2000 if y < 100 else y, m, d)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def normalise_period(a: str, b: str) -> str:
    """('2019', '23') -> '2019-2023'."""
    if len(b) == 2:
        b = a[:2] + b
    return f"{a}-{b}" if int(a) < int(b) <= int(a) + 10 else ""


def find_period(text: str) -> str:
    """An agreement period named near 'sundhedsaftale', else the first plausible one."""
    best = ""
    for m in _PERIOD.finditer(text):
        p = normalise_period(m.group(1), m.group(2))
        if not p:
            continue
        if re.search(r"sundhedsaftale|aftaleperiode|periode", text[max(0, m.start() - 60):m.start()], re.I):
            return p
        best = best or p
    return best


def regions_named(text: str) -> list[str]:
    return [k for k, rx in _REGION_NAME.items() if rx.search(text)]


def act_name(title: str) -> str:
    """'Bekendtgørelse af sundhedsloven' -> 'sundhedsloven'; 'Lov om … (regionsloven)' -> 'regionsloven'."""
    paren = re.findall(r"\(([a-zæøå]+loven)\)", title)
    if paren:
        return paren[-1]
    m = re.match(r"(?:Bekendtgørelse af|Lovbekendtgørelse af)\s+(.+)$", title)
    if m:
        return m.group(1).strip().rstrip(".")
    m = re.match(r"Lov om\s+(.+)$", title)
    return ("lov om " + m.group(1)).strip().rstrip(".") if m else ""


def _ministry(words: str, of: bool = False) -> str:
    """'indenrigs- og sundheds' -> 'Indenrigs- og Sundhedsministeriet'; with ``of``,
    'sundhed og forebyggelse' -> 'Ministeriet for Sundhed og Forebyggelse'."""
    words = re.sub(r"\s*-\s*og\s+", "- og ", re.sub(r"\s+", " ", words.strip().lower()))
    name = " ".join(w if w == "og" else w[:1].upper() + w[1:] for w in words.split(" "))
    return f"Ministeriet for {name}" if of else name + "ministeriet"


def legislation_issuer(text: str) -> tuple[str, str]:
    """The ministry that issued an act or order, and how it was found: ``"signature"``, the
    ministry that signs it ("Sundheds- og Ældreministeriet, den 7. december 2018"; the last
    signature, as an amending order's own comes after the orders it quotes), else
    ``"minister"``, the ministry of the minister the text names most (three times or more,
    and more than all other ministers together: in a consolidated act, the one that
    administers it). ``("", "")`` when neither is there."""
    signatures = _SIGNATURE.findall(text)
    if signatures:
        return re.sub(r"\s+", " ", signatures[-1]).strip(), "signature"
    counts: dict[str, int] = {}
    for m in _MINISTER.finditer(text):
        name = _ministry(m.group(1)) if m.group(1) else _ministry(m.group(2), of=True)
        counts[name] = counts.get(name, 0) + 1
    if counts:
        name, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= 3 and n > sum(counts.values()) - n:
            return name, "minister"
    return "", ""


def describe(clean: str, raw: str, hints: dict[str, Any] | None = None, cue: str = "",
             context: str = "", hint_title: str = "") -> DocInfo:
    """Metadata of one document. ``clean``: its normalised text; ``raw``: its segment of the
    extracted text; ``hints``: the reader's; ``context``: the whole file's text (meeting
    papers name the meeting in their running footer)."""
    hints = dict(hints or {})
    info = DocInfo()
    head_raw = "\n".join(raw.split("\n")[:40])
    lines = _lines(clean)

    # --- legislation and guidance with a legal identifier ---------------------------
    banner = next((m for ln in _lines(raw)[:3] if (m := _BANNER.match(ln))), None)
    # the identifier as a header line of its own ("BEK nr 1248 af 05/09/2022", "VEJ nr 9005 af
    # 20/12/2013 Gældende"), not a mention in running text or a table
    ident = next((m for ln in _lines(raw)[:12] if (m := _IDENT.match(ln)) and len(ln) - m.end() < 20), None)
    if ident is None and hints.get("identifier"):
        ident = _IDENT.search(str(hints["identifier"]))
    if banner:
        info.code = "LBK" if banner.group("title").lower().startswith("bekendtgørelse af") else "LOV"
        info.number, info.year = banner.group("nr"), banner.group("year")
        info.date = banner.group("date")
        y, m, d = info.date.split("-")
        info.identifier = f"{info.code} nr {info.number} af {d}/{m}/{y}"
        info.title = banner.group("title").strip()
    elif ident:
        info.code, info.number = ident.group(1), ident.group(2)
        info.date = _iso(ident.group(5), ident.group(4), ident.group(3))
        info.year = ident.group(5)
        info.identifier = f"{info.code} nr {info.number} af {ident.group(3)}/{ident.group(4)}/{ident.group(5)}"
    if info.code:
        info.type = hints.get("type") or LEGAL_TYPES.get(info.code, "andet")
        info.eli = eli_uri(info.code, info.year, info.number)
        if not info.title:
            info.title = hint_title or next((ln for ln in lines[:25] if _LEGAL_TITLE.match(ln)), "") or lines[0]
        info.issuer = hints.get("issuer") or next(
            (ln for ln in _lines(head_raw)[:12] if re.search(r"ministeriet|^Sundhedsstyrelsen$|ministerium", ln, re.I)
             and len(ln) < 80 and not _SIGNATURE.match(ln)), "")
        if not info.issuer and info.code in ("BEK", "LBK", "LOV"):
            info.issuer, source = legislation_issuer(clean)
            if info.issuer:
                info.meta["issuer_from"] = source
        if info.code in ("LBK", "LOV"):
            info.meta["act"] = act_name(info.title)
        info.meta["number"], info.meta["year"] = int(info.number), int(info.year)
        if info.code == "VEJ" and not info.issuer:
            info.issuer = "Sundhedsstyrelsen" if "Sundhedsstyrelsen" in clean[-3000:] else ""
        return info

    # --- everything else ----------------------------------------------------------
    title = hint_title or _title(lines)
    info.title = title
    low_head = clean[:600].lower()
    web = bool(re.search(r"xmlns=|gå til indhold|link til denne side", raw[:3000] + raw[-1500:], re.I)) or hints.get("site")
    letter = _LETTER_DATE.search("\n".join(_lines(raw)[:6]))
    agenda_items = _AGENDA_ITEM.findall(clean)
    if _DRAFT.search(raw) or re.match(r"(høringsudkast|udkast)\b", title, re.I):
        info.status = "høringsudkast"

    if cue == "letter" or (letter and re.search(r"^høring", clean[:2000], re.I | re.M)):
        info.type = "høringsbrev"
        if letter:
            info.date = _iso(letter.group(4), MONTH_NUMBER.get(letter.group(3).lower(), 1), letter.group(2))
        info.title = next((ln for ln in lines[:20] if re.match(r"høring\b", ln, re.I) and len(ln) < 200), title)
    elif cue == "parties" or re.search(r"^høringsparter\s*:?$", "\n".join(lines[:6]), re.I | re.M):
        info.type = "bilag"
        info.meta["role"] = "høringsparter"
    elif len(agenda_items) >= 2 and re.match(r"\d{1,2}\.\s", lines[0] if lines else ""):
        info.type = "dagsorden"
        meeting = _MEETING.search(context or raw)
        if meeting:
            info.date = _iso(meeting.group("y"), meeting.group("m"), meeting.group("d"))
            info.meta["body"] = meeting.group("body").strip()
            info.title = f"Dagsorden, møde i {info.meta['body']} {info.date}"
        else:
            info.title = "Dagsorden"
    elif title.lower().startswith("vejledning"):
        info.type = "vejledning"
    elif re.search(r"\bsamarbejdsaftale", title, re.I):
        info.type = "samarbejdsaftale"
    elif re.search(r"sundhedsaftale", title, re.I) and not web:
        info.type = "høringsudkast" if info.status else "sundhedsaftale"
    elif web:
        news = _NEWS_DATE.search("\n".join(_lines(raw)[:15]))
        updated = _UPDATED.search(raw.replace("\n", " "))
        if news and not updated:
            info.type = "nyhed"
            info.date = _iso(news.group(3), _MON3.get(news.group(2).lower()[:3], 1), news.group(1))
        else:
            info.type = "webside"
            if updated:
                g = updated.groups()
                info.date = _iso(g[2], _MON3.get(g[1].lower()[:3], 1), g[0]) if g[0] else _iso(g[5], g[4], g[3])
    elif "høringsudkast" in low_head or info.status:
        info.type = "høringsudkast"
    info.type = hints.get("type") or info.type
    if hints.get("date") and not info.date:
        info.date = str(hints["date"])[:10]

    # issuer
    cr = _COPYRIGHT.search(clean[:3000])
    named = regions_named(clean)
    if hints.get("issuer"):
        info.issuer = hints["issuer"]
    elif cr:
        info.issuer = cr.group(1).strip()
        info.year = cr.group(2)
    elif len(named) == 1:
        info.issuer = REGIONS[named[0]]
    elif re.search(r"\bSundhedsstyrelsen\b", clean):
        info.issuer = "Sundhedsstyrelsen"
    if not info.year and info.date:
        info.year = info.date[:4]
    if not info.year:
        years = re.findall(r"©.*?((?:19|20)\d{2})|Udgivet af .*?((?:19|20)\d{2})", clean[:3000])
        info.year = next((a or b for a, b in years), "")

    # region and period: only documents that belong to one region
    if info.type not in ("vejledning",) and len(named) == 1:
        info.region = named[0]
    if info.issuer in REGIONS.values():
        info.region = next(k for k, v in REGIONS.items() if v == info.issuer)
    if info.type in AGREEMENT_TYPES | {"høringsbrev", "bilag", "webside", "nyhed", "dagsorden"}:
        info.period = find_period(title) or find_period(clean[:4000])
    if info.status:
        info.meta["status"] = info.status
    return info


_TITLE_WORDS = re.compile(
    r"^(Vejledning|Sundhedsaftale|Samarbejdsaftale|Udkast|Høringsudkast|Bekendtgørelse|Lov|Aftale|Politisk)\b", re.I)


def _title(lines: list[str]) -> str:
    """A line near the top that names a document kind, else the first text line."""
    for ln in lines[:6]:
        s = ln.lstrip("#").strip()
        if _TITLE_WORDS.match(s) and len(s) < 200:
            return s
    for ln in lines[:10]:
        s = ln.lstrip("#").strip()
        if s.startswith(("- ", "| ")) or len(s) < 3:
            continue
        return s[:200]
    return ""
