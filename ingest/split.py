"""Compound files -> one segment per document.

Two kinds of compound file are recognised, both by general cues, never by a file's strings:

* banner-separated collections: a rule of ``=`` (or ``-``) characters, a header line
  ("Bekendtgørelse af sundhedsloven — 2008/95 (2008-02-07) URL"), another rule;
* meeting papers (an agenda with its appendices, as one PDF's text): a new document starts
  at a letter's opening ("Hillerød den 9. april 2014"), at an appendix's first page (a
  running header such as "Punkt nr. 2 - …" directly followed by text that is not furniture),
  at a retsinformation header ("VEJ nr 9005 af 20/12/2013 Gældende") and at a list of
  hearing parties ("Høringsparter:" under its title line).

A segment's ``start``/``end`` are offsets into the extracted text (``Document.source_span``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import is_furniture

_RULE = re.compile(r"^\s*[=]{10,}\s*$|^\s*-{20,}\s*$")
_LETTER_OPENING = re.compile(
    r"^\s*[A-ZÆØÅ][a-zæøå]+(?:[ -][A-ZÆØÅ]?[a-zæøå]+)?,? (?:den )?\d{1,2}\.\s*[a-zæøå]+\.? \d{4}\s*$"
)
_RUNNING_HEADER = re.compile(r"^\s*punkt nr\.?\s*\d+\s*[-–]", re.I)
_LEGAL_HEADER = re.compile(r"^\s*(VEJ|BEK|LBK|LOV|CIR|BKI|SKR)\s+nr\.?\s*\d+\s+af\s+\d{1,2}/\d{1,2}/\d{4}\b")
_LETTER_FOLLOW = re.compile(r"^\s*(Til|Kære|Att\.?|Vedr\.?|Høring|Emne|Sagsnr)\b", re.I)
_PARTIES = re.compile(r"^\s*høringsparter\s*:?\s*$", re.I)


@dataclass
class Segment:
    start: int
    end: int
    text: str
    cue: str = ""        # "banner", "letter", "attachment", "legal-header", "parties", "" (file start)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def split_segments(text: str, layout: str = "plain") -> list[Segment]:
    """The documents a file's text holds; a single segment when no cue is found."""
    whole = [Segment(0, len(text), text)]
    if layout == "legal":
        return whole
    lines = _lines_with_offsets(text)
    banners = _banner_starts(lines)
    if len(banners) >= 2:
        return _cut(text, [(b, "banner") for b in banners], keep_head=False)
    cues = _compound_cues(lines)
    if not cues:
        return whole
    return _cut(text, cues, keep_head=True)


def _banner_starts(lines: list[tuple[int, str]]) -> list[int]:
    """Offsets of rule / header / rule triples."""
    starts = []
    for i in range(len(lines) - 2):
        if _RULE.match(lines[i][1]) and lines[i + 1][1].strip() and _RULE.match(lines[i + 2][1]):
            starts.append(lines[i][0])
    return starts


def _compound_cues(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    cues: list[tuple[int, str]] = []
    n = len(lines)
    first_text = next((i for i, (_, s) in enumerate(lines) if s.strip()), 0)
    for i, (off, s) in enumerate(lines):
        if i <= first_text + 2:
            continue                      # a file's own header is not a boundary
        if _LETTER_OPENING.match(s):
            # an opening (not a signature's date): addressee or subject lines follow
            following = [ln for _, ln in lines[i + 1:i + 60] if ln.strip()][:25]
            if any(_LETTER_FOLLOW.match(ln) for ln in following):
                cues.append((off, "letter"))
        elif _LEGAL_HEADER.match(s):
            cues.append((off, "legal-header"))
        elif _RUNNING_HEADER.match(s) and i + 1 < n:
            nxt_off, nxt = lines[i + 1]
            # an appendix's first page starts with its title, not with running text
            title_like = len(nxt.strip()) < 80 and not nxt.strip().endswith((".", ",", ";"))
            if nxt.strip() and not is_furniture(nxt) and title_like:
                cues.append((nxt_off, "attachment"))
        elif _PARTIES.match(s):
            j = i - 1
            while j > 0 and not lines[j][1].strip():
                j -= 1
            title = lines[j][1].strip()
            if j > 0 and len(title) < 150 and not title.endswith((".", ":")):
                cues.append((lines[j][0], "parties"))
            else:
                cues.append((off, "parties"))
    # a running header on (nearly) every page is furniture, not a sequence of appendices
    if sum(1 for _, c in cues if c == "attachment") > 6:
        cues = [c for c in cues if c[1] != "attachment"]
    # a cue inside the first few lines of the previous segment adds nothing
    cues.sort()
    out: list[tuple[int, str]] = []
    for off, cue in cues:
        if out and off - out[-1][0] < 40:
            continue
        out.append((off, cue))
    return out


def _cut(text: str, cues: list[tuple[int, str]], keep_head: bool) -> list[Segment]:
    bounds = ([(0, "")] if keep_head else []) + [c for c in cues if c[0] > 0 or not keep_head]
    segments = []
    for k, (start, cue) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(text)
        seg = text[start:end]
        if not seg.strip() or all(is_furniture(ln) or not ln.strip() for ln in seg.split("\n")):
            continue
        segments.append(Segment(start, end, seg, cue))
    return segments
