"""Cleaning: extracted text -> the normalised document text that provision offsets index into.

Removes web boilerplate (svg residue, menus, "Link til denne side", image names), PDF page
furniture (running headers/footers, page numbers, watermarks: by pattern, and in paged text
any line that recurs at the top or bottom of a third of the pages), repairs hyphenation and
soft/Unicode hyphens, turns bullet glyphs into "- " list items and tab-separated rows into
"| a | b |" table rows, drops footnote markers, and joins the hard-wrapped lines of one
paragraph back together (also in double-spaced PDF text, where every line is followed by
an empty line).

Output convention (shared with the "marked" layout of the HTML/DOCX readers): one unit per
line; units are separated by a blank line, except consecutive list items, table rows and
table-of-contents lines, which sit on consecutive lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lines import LEGAL_PARA, LEGAL_START, NR_LINE, NUMBERED, OPEN_WORDS, TOC, is_caps
from .lines import SPACES as _SPACES

# --- character level -----------------------------------------------------------------
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SOFT_HYPHEN = "\u00ad"
# U+2010/U+2011 inside a word is PDF hyphenation ("sund‐hedsaftalen"); before a capital it
# is a real compound hyphen ("Høje‐Taastrup").
_UNI_HYPHEN_IN_WORD = re.compile(r"(?<=[a-zæøåé])[\u2010\u2011](?=[a-zæøå])")
_UNI_HYPHEN = re.compile(r"[\u2010\u2011]")
_SUPERSCRIPT_MARK = re.compile(r"(?<=[A-Za-zÆØÅæøåé.,;:)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# "praksissektor1)" / "sygehusene2)." : a footnote number glued to a word
_FOOTNOTE_MARK = re.compile(r"(?<=[a-zæøåé])\d{1,2}\)(?=[\s.,;:]|$)")

# --- line level: boilerplate and furniture --------------------------------------------
_BOILERPLATE_LINES = {
    "gå til indhold", "gå til hovedindhold", "spring til indhold", "søg", "english", "menu",
    "luk", "del", "print", "udskriv", "til toppen", "link til denne side:", "link til denne side",
    "oprettet", "opdateret", "oversigt (indholdsfortegnelse)", "den fulde tekst", "redaktionel note",
    "retsinformation", "del siden", "del på facebook", "del på linkedin", "læs mere",
}
_WATERMARKS = {"høringsudkast", "udkast", "kladde", "fortroligt", "draft", "høringsversion"}
_MONTHS = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?"
_DROP_PATTERNS = [
    re.compile(r"xmlns=|viewBox=|^<\/?(svg|path|g|use)\b", re.I),            # inline svg residue
    re.compile(r"^\S+\.(jpe?g|png|gif|svg|webp|bmp|tiff?)$", re.I),           # image file names
    re.compile(r"^klik på billedet\b", re.I),                                  # image captions
    re.compile(r"^(oprettet|opdateret|senest opdateret|publiceret)\s*:?\s*(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\.? " + _MONTHS + r" \d{4})$", re.I),
    re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$"),                         # a bare date under Oprettet/Opdateret
    re.compile(r"^\d{1,2}\.? " + _MONTHS + r" \d{4}$", re.I),                 # news date line "23 AUG 2019"
    # PDF page furniture: running headers/footers of meeting appendices, page numbers
    re.compile(r"^punkt nr\.?\s*\d+\s*[-–]\s*\S.*$", re.I),
    re.compile(r"^bilag \d+\s*[-–]\s*side\s*-?\s*\d+\s*(af|/)\s*\d+$", re.I),
    re.compile(r"^møde i .{3,80}\bd(en)?\.?\s*\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$", re.I),
    re.compile(r"^side\s+\d+(\s*(af|/)\s*\d+)?$", re.I),
    re.compile(r"^-?\s*\d{1,3}\s*-?$"),                                       # bare page number
    re.compile(r"^[=_*~-]{10,}$"),                                            # banner rules
]

_BULLET = re.compile(r"^(?:[•●▪■◦○·∙◆►➢✓\uf0b7\ufffd\ue000-\uf8ff]|[-–*])\s*(?=\S)")
_PERIOD_LINE = re.compile(r"^(19|20)\d{2}\s*[-–]\s*(19|20)?\d{2}$")


@dataclass
class _Line:
    text: str
    kind: str        # "p" text, "li" list item, "row" table row, "toc", "h" marked heading, "num" numbered line
    gap: int         # empty lines before it
    hard: bool       # a whitespace-only line, page break or removed line before it
    indent: bool = False  # the raw line started with white space (a new page in PDF text)


def normalise_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH)
    # a soft or Unicode hyphen ending a line is always hyphenation: keep it as a soft
    # hyphen marker that _hyphen_join removes; elsewhere a soft hyphen is invisible
    text = re.sub(r"[\u00ad\u2010\u2011][ \u00a0]*\n", "\u00ad\n", text)
    text = re.sub(r"\u00ad(?!\n)", "", text)
    text = _UNI_HYPHEN_IN_WORD.sub("", text)
    return _UNI_HYPHEN.sub("-", text)


def is_furniture(line: str) -> bool:
    """A line that is page furniture or web boilerplate, never document content."""
    s = _SPACES.sub(" ", line).strip()
    if not s:
        return False
    low = s.lower()
    if low in _BOILERPLATE_LINES or low in _WATERMARKS:
        return True
    return any(p.search(s) for p in _DROP_PATTERNS)


def looks_legal(text: str) -> bool:
    """Legislation layout: many lines start with '§ N.' (one § or Stk. per line)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    paras = sum(1 for ln in lines if LEGAL_PARA.match(ln.strip()))
    return paras >= 2 and paras >= 0.1 * len(lines)


def clean_text(text: str, layout: str = "plain") -> str:
    """Extracted text of one document -> its normalised text."""
    text = normalise_chars(text)
    if layout == "legal" or (layout == "plain" and looks_legal(text)):
        return _clean_legal(text)
    lines = _classify(text, layout)
    return _join(lines, layout)


def _clean_legal(text: str) -> str:
    """Legislation text is one § / Stk. per line already: only whitespace and chrome."""
    out: list[str] = []
    raw_lines = text.split("\n")
    running = _running(raw_lines)
    for n, raw in enumerate(raw_lines):
        s = _SPACES.sub(" ", raw.replace("\t", " ")).strip()
        if s and not LEGAL_START.match(s) and (is_furniture(s) or n in running):
            continue
        if not s:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(s)
    return "\n".join(out).strip() + "\n"


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", _SPACES.sub(" ", line.replace("\f", "")).strip().lower())


# a running header or footer stands at the top or bottom of at least this share of the pages
RUNNING_SHARE = 0.35
_EDGE_LINES = 2                      # lines at each end of a page that may be furniture
_BARE_LABEL = re.compile(r"^(bilag|kapitel|afsnit|del|punkt|stk\.|§)\s*#\.?$")


def _may_run(line: str) -> bool:
    """A line that could be a running header/footer: short, and not a unit of structure
    whose text is the same on every page but for its number ("Kapitel 3", "Bilag 2", "§ 4.")."""
    s = _SPACES.sub(" ", line).strip()
    return 0 < len(s) < 100 and not LEGAL_START.match(s) and not _BARE_LABEL.match(_furniture_key(s))


def _running(lines: list[str]) -> set[int]:
    """The numbers of the lines (of ``text.split("\\n")``) that are running headers or
    footers of paged text (pages separated by form feeds, as the PDF reader writes them):
    lines among the first or last two of a page (after the pattern furniture) whose text,
    numbers ignored ("Sundhedsaftale 2019-2023 · side 4"), stands there on at least 35 % of
    the pages and on three or more, and hardly anywhere else (so a sub-heading repeated in
    every chapter, which may open a page, stays). Only the occurrences at a page's edge go,
    and at the top of the first page only a line that counts the pages ("Side 1 af 9"):
    there the same words are otherwise the document's title."""
    if sum(1 for ln in lines if "\f" in ln) < 2:
        return set()
    pages: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if "\f" in ln:
            pages.append([])
        if ln.strip() and not is_furniture(ln):
            pages[-1].append(i)
    found: dict[str, list[int]] = {}          # key -> its lines at page edges
    on_pages: dict[str, set[int]] = {}
    inner: dict[str, int] = {}                # key -> how often it stands inside a page
    first_top: dict[str, list[int]] = {}      # key -> its lines at the top of the first page
    for k, page in enumerate(pages):
        top, bottom = page[:_EDGE_LINES], page[_EDGE_LINES:][-_EDGE_LINES:]
        for i in page:
            key = _furniture_key(lines[i])
            if i in bottom or (i in top and k > 0):
                if _may_run(lines[i]):
                    found.setdefault(key, []).append(i)
                    on_pages.setdefault(key, set()).add(k)
            elif i in top:
                first_top.setdefault(key, []).append(i)
            else:
                inner[key] = inner.get(key, 0) + 1
    need = max(3, math.ceil(RUNNING_SHARE * len(pages)))
    out: set[int] = set()
    for key, at in found.items():
        if len(on_pages[key]) >= need and inner.get(key, 0) <= 0.25 * len(at):
            out.update(at)
            # the first page's top is the title's place, unless the line counts the pages
            if len({_SPACES.sub(" ", lines[i]).strip() for i in at}) > 1:
                out.update(first_top.get(key, []))
    return out


def running_lines(text: str) -> set[str]:
    """The running headers and footers of paged text (see ``_running``), as their keys:
    lower-case, white space folded, every number "#"."""
    lines = text.split("\n")
    return {_furniture_key(lines[i]) for i in _running(lines)}


def _classify(text: str, layout: str) -> list[_Line]:
    lines: list[_Line] = []
    gap, hard = 0, False
    raw_lines = text.split("\n")
    running = _running(raw_lines)
    for n, raw in enumerate(raw_lines):
        if "\f" in raw:
            hard = True
            raw = raw.replace("\f", "")
        if not raw.strip():
            gap += 1
            hard = hard or bool(raw)      # a line of spaces (or NBSPs) separates paragraphs
            continue
        if is_furniture(raw) or n in running:
            hard = True
            continue
        s = raw.strip(" \u00a0")
        kind = "p"
        if "\t" in s.rstrip("\t") and not TOC.match(s.strip()):
            cells = [_SPACES.sub(" ", c).strip() for c in s.rstrip("\t").split("\t")]
            s, kind = "| " + " | ".join(cells) + " |", "row"
        elif "\t" in s or TOC.match(_SPACES.sub(" ", s)):
            s = re.sub(r"[ \u00a0]+", " ", s.strip()).replace(" \t", "\t")
            kind = "toc" if TOC.match(s) else "p"
        else:
            s = _SPACES.sub(" ", s).strip()
            if layout == "marked" and s.startswith("#"):
                kind = "h"
            elif layout == "marked" and s.startswith("|"):
                kind = "row"
            else:
                m = _BULLET.match(s)
                if m and not re.match(r"^-?\d", s) and not (s[0] in "-–" and len(s) > 1 and s[1] not in " \t"):
                    s, kind = "- " + s[m.end():].strip(), "li"
                elif NUMBERED.match(s) or NR_LINE.match(s):
                    kind = "num"
        if kind not in ("row", "toc"):
            s = _SUPERSCRIPT_MARK.sub("", s)
            s = _FOOTNOTE_MARK.sub("", s)
        lines.append(_Line(s, kind, gap, hard, raw[:1] in (" ", "\u00a0", "\t")))
        gap, hard = 0, False
    return lines


def _starts_lower(s: str) -> bool:
    return bool(s) and (s[0].islower() or s[0] in "(,;")


def _hyphen_join(a: str, b: str) -> str:
    """Join a line ending in a hyphen with the next: 'forebyg-' + 'gelse' -> 'forebyggelse',
    but 'Sundheds-' + 'it' -> 'Sundheds-it' and 'social-' + 'og' -> 'social- og'."""
    first = re.match(r"[\wæøåÆØÅ]+", b)
    word = first.group(0) if first else ""
    last = re.search(r"([\wæøåÆØÅ]+)-$", a)
    prev = last.group(1) if last else ""
    if word.lower() in ("og", "eller", "samt", "til", "som", "mv", "m.v"):
        return a + " " + b
    if a.endswith(_SOFT_HYPHEN):
        return a[:-1] + b
    if len(word) <= 3 or prev.isupper() or prev.isdigit():
        return a + b
    return a[:-1] + b


def _width(lines: list[_Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines if ln.kind in ("p", "li", "num"))
    if not lengths:
        return 80
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def _double_spaced(lines: list[_Line]) -> bool:
    soft = sum(1 for ln in lines[1:] if ln.gap == 1 and not ln.hard)
    return soft >= 0.4 * max(1, len(lines))


def _structural(ln: _Line) -> bool:
    return ln.kind in ("li", "row", "toc", "h", "num")


def _should_join(a: _Line, b: _Line, width: int, double: bool, layout: str) -> bool:
    if _structural(b) or a.kind in ("row", "toc", "h"):
        return False
    at, bt = a.text, b.text
    hyphenated = bool(re.search(r"[a-zæøå][-\u00ad]$", at)) and _starts_lower(bt)
    ends_sentence = at.endswith((".", "!", "?", ":"))
    last_word = at.rsplit(" ", 1)[-1].lower()
    if not ends_sentence and (b.gap <= 1 or hyphenated) and (
        last_word in OPEN_WORDS or (_PERIOD_LINE.match(bt) and not _structural(a))
    ):
        return True                           # "… visioner og" / "… for Sundhedsaftalen" + "2015 - 2018"
    if b.gap == 0 and not b.hard:
        if hyphenated or _starts_lower(bt):
            return True
        if layout == "marked":
            return True
        if is_caps(at) and is_caps(bt) and a.kind != "li":
            return True                       # a heading wrapped over two lines
        if ends_sentence and (b.indent or (len(bt) < 0.6 * width and not bt.endswith((".", ":", ",")))):
            return False                      # a new page, or a heading after a paragraph
        last = at.rsplit("\n", 1)[-1]
        if len(last) >= 0.75 * width and not at.endswith(":"):
            return True
        return at.endswith((",", ";")) and len(last) >= 0.5 * width
    if double and b.gap == 1 and not b.hard:
        if hyphenated or _starts_lower(bt):
            return True
        if a.kind in ("li", "num"):
            return False                      # an item continues on a lower-case line only
        return len(at.rsplit("\n", 1)[-1]) >= 0.7 * width and not ends_sentence
    # a hard break (several empty lines, a line of spaces, removed furniture, a page break)
    return (hyphenated or _starts_lower(bt)) and not ends_sentence


def _next_number(a: str, b: str) -> bool:
    """'4. Inspirationsmateriale' then '5. Vejledning …': one numbered list (not '5.' then '3.')."""
    ma, mb = re.match(r"(\d{1,2})[.)]\s", a), re.match(r"(\d{1,2})[.)]\s", b)
    return bool(ma and mb) and int(mb.group(1)) == int(ma.group(1)) + 1


def _line_lists(units: list[_Line]) -> None:
    """Three or more short lines in a row, none a sentence (names of parties, an address):
    a list, one item per line."""
    run: list[_Line] = []

    def flush() -> None:
        if len(run) >= 3:
            for u in run:
                u.kind, u.text = "li", "- " + u.text
        run.clear()

    for u in units:
        short = u.kind == "p" and len(u.text) < 60 and not u.text.endswith((".", ":", "!", "?")) and not is_caps(u.text)
        if short and (not run or (u.gap == 0 and not u.hard)):
            run.append(u)
        else:
            flush()
            if short:
                run.append(u)
    flush()


def _join(lines: list[_Line], layout: str) -> str:
    width = _width(lines)
    double = _double_spaced(lines)
    units: list[_Line] = []
    for ln in lines:
        if units and _should_join(units[-1], ln, width, double, layout):
            a = units[-1]
            if re.search(r"[\wæøå][-\u00ad]$", a.text) and _starts_lower(ln.text):
                a.text = _hyphen_join(a.text, ln.text)
            else:
                a.text = a.text + " " + ln.text
            continue
        units.append(_Line(ln.text, ln.kind, ln.gap, ln.hard, ln.indent))
    _line_lists(units)
    out: list[str] = []
    for i, u in enumerate(units):
        if i:
            prev = units[i - 1]
            tight = (prev.kind == u.kind and u.kind in ("li", "row", "toc")) or (
                prev.kind == u.kind == "num" and u.gap == 0 and _next_number(prev.text, u.text)
            )
            out.append("\n" if tight else "\n\n")
        u.text = u.text.replace(_SOFT_HYPHEN, "-")
        out.append(_SPACES.sub(" ", u.text).strip() if u.kind != "toc" else u.text)
    return "".join(out).strip() + "\n"
