"""Line patterns shared by the cleaning step and the structure parser: what a line of
normalised text is (a § or Stk., a numbered heading or item, a table-of-contents line, an
ALL-CAPS title) and whether it leaves a sentence open.

Patterns are for one stripped line; groups are named in each pattern's comment.
"""

from __future__ import annotations

import re

# runs of horizontal white space (NBSP and the Unicode spaces of PDF text included)
SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# legislation: "Kapitel 3 Titel" (1 number, 2 title), "§ 5 a. …" (1 number), "Stk. 2. …" / "Stk. 2-4." (1 number)
KAPITEL = re.compile(r"^Kapitel\s+(\d+\s?[a-z]?)\.?\s*(.*)$")
PARAGRAF = re.compile(r"^§\s*(\d+(?:\s?[a-z])?)\.\s*")
STK = re.compile(r"^Stk\.\s*(\d+)(?:\s*-\s*\d+)?\.\s*")
# a line that opens a § with its text on the same line ("§ 21. Regionsrådet …"): legislation layout
LEGAL_PARA = re.compile(r"^§\s*\d+\s*[a-z]?\.\s")
# any line that starts a unit of legislation; never furniture
LEGAL_START = re.compile(r"^(§\s*\d+|Stk\.\s*\d+\.|Kapitel\s+\d+|Afsnit\s+[IVX\d]+)")

# "2.1.1 Titel" / "3. Titel" (1 number, 2 title): a numbered heading or a numbered line
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
# "3) …" (1 number): a numbered item
NR_LINE = re.compile(r"^(\d{1,2})\)\s+\S")
# a table-of-contents line: a title, dots or tabs or wide space, a page number
TOC = re.compile(r"^.{2,150}?(?:\t+|\.{4,}\s*|\s{3,})\d{1,3}$")

# a line that ends in a date: a letter's dateline ("Hillerød den 9. april 2014"), a
# signature's ("Sundhedsstyrelsen, den 20. december 2013", "København, 20/12/2013")
DATELINE = re.compile(r"(?:(?:,|\bden)\s*\d{1,2}\.\s*[a-zæøå]+\.?\s+|(?:,|\bden)\s*\d{1,2}/\d{1,2}/)(?:19|20)\d{2}$", re.I)
# a line that ends in ", <year>": a reference's tail ("… KL og Danske Regioner, 2013")
YEAR_TAIL = re.compile(r",\s*(?:19|20)\d{2}$")

# a line ending in one of these words continues on the next line
OPEN_WORDS = frozenset({
    "og", "eller", "til", "for", "af", "i", "med", "om", "på", "mellem", "at", "samt", "den", "det",
    "de", "en", "et", "fra", "ved", "under", "over", "vedr.", "jf.",
})


def is_caps(s: str) -> bool:
    """An ALL-CAPS line (three letters or more, every letter upper-case)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
