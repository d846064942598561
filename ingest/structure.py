"""Normalised document text -> the provision tree.

Two parsers, chosen by layout:

* legislation (retsinformation text and the LexDania reader's canonical layout): preamble,
  "Kapitel N" + title line, "§ 21. …", "§ 5 a. …", "Stk. 2. …", and numbered items
  "1) … 2) …" inside a § or Stk. (inline or on lines of their own) as ``nr`` children;
* guidance, agreements, web pages: numbered headings ("1. Indledning", "2.1.1 …") whose
  numbering must continue the document's (so numbered list lines, agenda sub-items and
  page numbers are not taken for sections), Markdown ``#`` headings, short title-like lines
  and ALL-CAPS lines as unnumbered headings, paragraphs, lists with their lead-in sentence,
  numbered and bulleted goals in agreements, tables as rows. The table of contents is
  skipped.

Every provision's text is ``text[start:end]``; a provision's own text is paragraph-sized
(a heading's own text is its heading line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aftalegraf.model import Provision

from .clean import looks_legal
from .ids import IdAllocator, paragraf_key, section_key
from .lines import DATELINE, KAPITEL, NR_LINE, NUMBERED, OPEN_WORDS, PARAGRAF, STK, TOC, YEAR_TAIL, is_caps

GOAL_DOC_TYPES = {"sundhedsaftale", "samarbejdsaftale", "høringsudkast", "webside"}

_NR_INLINE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\)\s")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_GOAL = re.compile(r"^(?:(?P<lead>[^\d]{0,40}?)\s+)?(?P<n>\d{1,2})\)\s+(?P<text>[Aa]t\s.*)$")
_TABLE_SEP = re.compile(r"^\|[\s:|-]+\|$")
_GOAL_LEADIN = re.compile(r"målsætning|vision|\bmål\b", re.I)


@dataclass
class _Node:
    local: str                 # id below the document: "s2.1/p3"
    kind: str
    start: int
    end: int
    parent: "_Node | None" = None
    label: str = ""
    title: str = ""
    heading: str = ""          # what this node adds to its descendants' path
    counters: dict = field(default_factory=dict)

    def next(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]


class _Builder:
    def __init__(self, doc_id: str, text: str):
        self.doc_id, self.text = doc_id, text
        self.nodes: list[_Node] = []
        self.ids = IdAllocator()
        self.root = _Node("", "document", 0, len(text))

    def add(self, key: str, kind: str, start: int, end: int, parent: _Node | None, label: str = "",
            title: str = "", heading: str = "", flat: bool = False) -> _Node:
        # trim whitespace so that text == document.text[start:end] is never padded
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        prefix = "" if flat or parent is None or parent is self.root else parent.local + "/"
        node = _Node(self.ids.take(prefix + key), kind, start, end, parent if parent is not self.root else None,
                     label, title, heading)
        self.nodes.append(node)
        return node

    def provisions(self) -> list[Provision]:
        out = []
        for i, n in enumerate(self.nodes):
            path, p = [], n.parent
            while p is not None:
                if p.heading:
                    path.append(p.heading)
                p = p.parent
            out.append(Provision(
                id=f"{self.doc_id}/{n.local}", document_id=self.doc_id, kind=n.kind,
                text=self.text[n.start:n.end], start=n.start, end=n.end,
                parent_id=f"{self.doc_id}/{n.parent.local}" if n.parent else None,
                label=n.label, title=n.title, path=list(reversed(path)), ordinal=i,
            ))
        return out


def parse(text: str, doc_id: str, layout: str = "plain", doc_type: str = "") -> list[Provision]:
    """The provision tree of a document's normalised text."""
    b = _Builder(doc_id, text)
    if layout == "legal" or looks_legal(text):
        _parse_legal(b)
    else:
        _parse_guidance(b, goals=doc_type in GOAL_DOC_TYPES)
    return b.provisions()


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, line) for the non-blank lines of text[start:end]."""
    out, pos = [], start
    end = len(text) if end is None else end
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    return out


def _blocks(text: str) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """Blank-line separated blocks: (start, end, lines)."""
    out = []
    for m in re.finditer(r"(?:[^\n]+\n?)+", text):
        lines = _lines(text, m.start(), m.end())
        if lines:
            out.append((lines[0][0], lines[-1][1], lines))
    return out


# --- legislation -----------------------------------------------------------------------
def _parse_legal(b: _Builder) -> None:
    text = b.text
    lines = _lines(text)
    kapitel: _Node | None = None
    group: _Node | None = None
    paragraf: _Node | None = None
    stk: _Node | None = None
    started = False
    pre_block_end = -1
    i = 0
    while i < len(lines):
        s, e, line = lines[i]
        m_kap, m_par, m_stk = KAPITEL.match(line), PARAGRAF.match(line), STK.match(line)
        if m_kap:
            started = True
            num = m_kap.group(1).replace(" ", "")
            title = m_kap.group(2).strip()
            end = e
            if not title and i + 1 < len(lines) and not _structural_legal(lines[i + 1][2]):
                title, end = lines[i + 1][2], lines[i + 1][1]
                i += 1
            heading = f"Kapitel {num}" + (f" {title}" if title else "")
            kapitel = b.add(f"kap{num}", "kapitel", s, end, b.root, f"Kapitel {num}", title, heading)
            group = paragraf = stk = None
        elif m_par:
            started = True
            label = "§ " + m_par.group(1)
            parent = group or kapitel or b.root
            paragraf = b.add(paragraf_key(label), "paragraf", s, e, parent, label, "", label, flat=True)
            stk = None
            _inline_nr(b, paragraf, s, e, m_par.end())
        elif m_stk and paragraf is not None:
            label = f"Stk. {m_stk.group(1)}"
            stk = b.add(f"stk{m_stk.group(1)}", "stk", s, e, paragraf, label, "", label)
            _inline_nr(b, stk, s, e, m_stk.end())
        elif NR_LINE.match(line) and paragraf is not None:
            n = NR_LINE.match(line).group(1)
            b.add(f"nr{n}", "nr", s, e, stk or paragraf, f"{n})")
        elif not started:
            # preamble: consecutive lines form one block (title, identifier, ELI)
            if pre_block_end >= 0 and text[pre_block_end:s].count("\n") <= 1 and b.nodes:
                b.nodes[-1].end = e
            else:
                b.add(f"pre{b.root.next('pre')}", "preamble", s, e, b.root)
            pre_block_end = e
        else:
            # a heading above a group of §§; the intro of an amending act's entry-into-force
            # provisions ("Lov nr. 404 af … indeholder følgende ikrafttrædelsesbestemmelse:");
            # or text that continues the § (quoted or lower-case lines)
            short = len(line) < 120 and not line.endswith((".", ":", ";", ","))
            if short or line.endswith(":"):
                if line.endswith(":"):
                    kapitel = None            # an act's own provisions, after the chapters
                parent = kapitel or b.root
                group = b.add(f"h{parent.next('h')}", "heading", s, e, parent, "", line, line[:200])
                paragraf = stk = None
            else:
                continues = paragraf is not None and (line[0] in "»«\"(" or line[0].islower())
                parent = (stk or paragraf) if continues else (group or kapitel or b.root)
                b.add(f"x{parent.next('x')}", "paragraph", s, e, parent)
        i += 1


def _structural_legal(line: str) -> bool:
    return bool(PARAGRAF.match(line) or STK.match(line) or KAPITEL.match(line))


def _inline_nr(b: _Builder, parent: _Node, s: int, e: int, body: int) -> None:
    """'… følgende: 1) a, 2) b, 3) c.' inside one § or Stk. line -> nr children."""
    line = b.text[s:e]
    marks, expected = [], 1
    for m in _NR_INLINE.finditer(line, body):
        if int(m.group(1)) == expected:
            marks.append(m)
            expected += 1
    if len(marks) < 2:
        return
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(line)
        b.add(f"nr{m.group(1)}", "nr", s + m.start(), s + end, parent, f"{m.group(1)})")


# --- guidance, agreements, web pages -----------------------------------------------------
@dataclass
class _Numbering:
    last_top: int = 0
    children: dict = field(default_factory=dict)   # parent tuple -> last child number
    seen: set = field(default_factory=set)

    style: dict = field(default_factory=dict)      # depth -> ALL-CAPS or not, as first seen

    def accept(self, parts: tuple[int, ...], caps: bool | None = None) -> bool:
        # headings of one level share a style: "4. Sundhedshuse" is not the next "3. INDLEDENDE …"
        if caps is not None and self.style.get(len(parts), caps) != caps:
            return False
        if len(parts) == 1:
            ok = parts[0] == self.last_top + 1
        else:
            parent = parts[:-1]
            ok = parent in self.seen and parts[-1] == self.children.get(parent, 0) + 1
        if ok:
            if caps is not None:
                self.style.setdefault(len(parts), caps)
            if len(parts) == 1:
                self.last_top = parts[0]
            else:
                self.children[parts[:-1]] = parts[-1]
            self.seen.add(parts)
        return ok


def _numbered(line: str) -> tuple[tuple[int, ...], str] | None:
    m = NUMBERED.match(line)
    if not m or "\t" in line:
        return None
    title = m.group(2).strip()
    if len(title) > 120 or not (title[0].isupper() or title[0].isdigit()) or title.endswith((",", ";")):
        return None
    if title.endswith(".") and len(title.split()) > 8:
        return None                                  # a numbered sentence, not a heading
    return tuple(int(x) for x in m.group(1).split(".")), title


# not how a heading starts: a conjunction continuing the sentence before ("Eller hent …"),
# a link's call to action ("Se vejledningen her", "Læs …"), a letter's field ("Ref. …", "Att. …")
_NOT_HEADING_START = re.compile(r"^(?:og|eller|men|samt|se|læs|hent|klik|download)\b|^[A-ZÆØÅ][a-zæøå]{1,3}\.\s", re.I)
# a colon inside the line followed by a sentence or a list: "… indstiller: at udvalget …", "Bilag: 1. …"
_COLON_SENTENCE = re.compile(r":\s+(?:[a-zæøå]|\d{1,2}\.\s)")
# a letter's closing formula and the signature lines after it
_CLOSING = re.compile(r"^(?:med\s+)?(?:venlig|venligst|mange|kærlig)\s+hilsen\b|^på\s+vegne\s+af\b|^p\.\s?v\.", re.I)
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?$")


def _heading_like(line: str, caps_only: bool = False) -> bool:
    """A short title-like line: not a sentence, nor a sentence's start or end, nor a dateline."""
    if len(line) > 90 or len(line.split()) > 12 or line.startswith(("- ", "|", "[", "(")) or line[0] in "¹²³⁴⁵⁶⁷⁸⁹⁰*":
        return False
    if line.endswith((".", ",", ";", ":")) or line.rsplit(" ", 1)[-1].lower() in OPEN_WORDS \
            or not (line[0].isupper() or line[0].isdigit()):
        return False
    if not re.search(r"[A-Za-zÆØÅæøå]{3,}", line) or re.search(r"https?://|@|\d{5,}", line):
        return False
    if DATELINE.search(line) or YEAR_TAIL.search(line) or _NOT_HEADING_START.match(line) or _COLON_SENTENCE.search(line):
        return False
    letters = [c for c in line if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    return caps or not caps_only


def _name_like(line: str) -> bool:
    """A signature line: names and titles, every word capitalised ("Per Seerup Knudsen / Ninna Thomsen")."""
    words = [w for w in line.split() if w not in ("/", "-", "–", "&")]
    return 0 < len(words) <= 6 and all(_NAME_WORD.match(w) for w in words)


def _not_headings(blocks: list[tuple[int, int, list[tuple[int, int, str]]]]) -> set[int]:
    """Blocks whose one line is title-like but no heading, by what stands around it:

    * a letter's closing ("Med venlig hilsen") or dateline ("Sundhedsstyrelsen, den 20.
      december 2013"), and the signature lines after them (names, "På vegne af …", "/ …");
    * a line-wrapped continuation: the block before ends in a word that leaves its sentence
      open ("… i samarbejde med" + "Kommunerne …");
    * a run of three or more title-like lines with no text between them (a list of links or
      of names, an address): only the first may head what follows."""
    out: set[int] = set()
    single = [len(lines) == 1 and not lines[0][2].startswith("#") for _, _, lines in blocks]
    signature = False
    for k, (_, _, lines) in enumerate(blocks):
        line = lines[0][2]
        if not single[k]:
            signature = False
            continue
        if (_CLOSING.match(line) or DATELINE.search(line)) and not line.startswith(("- ", "|")):
            out.add(k)
            signature = True
        elif signature and (_name_like(line) or line.startswith("/")):
            out.add(k)
        else:
            signature = False
        before = blocks[k - 1][2][-1][2] if k else ""
        if before and not before.endswith((".", ":", "!", "?")) and before.rsplit(" ", 1)[-1].lower() in OPEN_WORDS:
            out.add(k)
    k = 0
    while k < len(blocks):
        j = k
        while j < len(blocks) and single[j] and _heading_like(blocks[j][2][0][2]) \
                and not _heading_like(blocks[j][2][0][2], caps_only=True) and j not in out:
            j += 1
        if j - k >= 3:
            out.update(range(k + 1, j))
        k = max(j, k + 1)
    return out


def _parse_guidance(b: _Builder, goals: bool) -> None:
    text = b.text
    blocks = _blocks(text)
    # pre-scan: does the document have numbered sections at all? (then what precedes the
    # first one is its title page / preamble)
    probe = _Numbering()
    has_sections = any(
        len(bl[2]) == 1 and (n := _numbered(bl[2][0][2].lstrip("#").strip())) and probe.accept(n[0], is_caps(n[1]))
        for bl in blocks
    )
    numbering = _Numbering()
    stack: list[tuple[float, _Node]] = []          # open headings, by level
    in_preamble = has_sections
    lead_in: tuple[int, int, str] | None = None
    goal_counter = [0]

    def container() -> _Node:
        return stack[-1][1] if stack else b.root

    def open_heading(level: float, node_fn) -> None:
        while stack and stack[-1][0] >= level:
            stack.pop()
        node = node_fn(container())
        stack.append((level, node))

    def flush_lead_in() -> None:
        nonlocal lead_in
        if lead_in:
            s, e, _ = lead_in
            c = container()
            kind = "preamble" if in_preamble else "paragraph"
            key = "pre" if in_preamble else "p"
            b.add(f"{key}{(b.root if in_preamble else c).next(key)}", kind, s, e, b.root if in_preamble else c)
            lead_in = None

    not_headings = _not_headings(blocks)
    for bi, (start, end, lines) in enumerate(blocks):
        first = lines[0][2]
        # table of contents: skipped
        if all(TOC.match(ln[2]) for ln in lines):
            flush_lead_in()
            continue
        # Markdown heading (HTML/DOCX readers)
        md = _MD_HEADING.match(first) if len(lines) == 1 else None
        if md:
            flush_lead_in()
            title = md.group(2).strip()
            num = _numbered(title)
            if num and numbering.accept(num[0], is_caps(num[1])):
                in_preamble = False
                parts = num[0]
                label = ".".join(map(str, parts))
                open_heading(len(parts), lambda p, s=start, e=end, t=num[1], lab=label, h=title: b.add(
                    section_key(lab), "section", s, e, p, lab, t, h, flat=True))
            else:
                in_preamble = False
                level = 50 + len(md.group(1))
                open_heading(level, lambda p, s=start, e=end, t=title: b.add(
                    f"h{p.next('h')}", "heading", s, e, p, "", t, t))
            continue
        # numbered section heading
        if len(lines) == 1:
            num = _numbered(first)
            if num and numbering.accept(num[0], is_caps(num[1])):
                flush_lead_in()
                in_preamble = False
                parts = num[0]
                label = ".".join(map(str, parts))
                open_heading(len(parts), lambda p, s=start, e=end, t=num[1], lab=label, h=first: b.add(
                    section_key(lab), "section", s, e, p, lab, t, h, flat=True))
                continue
        if in_preamble:
            flush_lead_in()
            b.add(f"pre{b.root.next('pre')}", "preamble", start, end, b.root)
            continue
        # numbered goal "1) At borgerne …" (agreements)
        if goals and len(lines) == 1 and (g := _GOAL.match(first)):
            flush_lead_in()
            n = int(g.group("n"))
            goal_counter[0] = max(goal_counter[0], n)
            s = lines[0][0] + g.start("n")
            b.add(f"g{n}", "goal", s, end, container(), f"{n})", flat=True)
            continue
        # list: "- " items, or several numbered lines
        is_bullets = all(ln[2].startswith("- ") for ln in lines)
        is_numlist = len(lines) >= 2 and all(re.match(r"^\d{1,2}[.)]\s", ln[2]) for ln in lines)
        if is_bullets or is_numlist:
            c = container()
            s = lead_in[0] if lead_in else start
            lead_text = lead_in[2] if lead_in else ""
            lead_in = None
            lst = b.add(f"l{c.next('l')}", "list", s, end, c)
            goal_items = goals and lead_text and _GOAL_LEADIN.search(lead_text) and not re.search(
                r"nationale mål", lead_text, re.I)
            numbered_goals = goals and is_numlist and all(_GOAL.match(ln[2]) for ln in lines)
            for k, (ls, le, ln) in enumerate(lines, 1):
                if numbered_goals:
                    n = int(_GOAL.match(ln).group("n"))
                    b.add(f"g{n}", "goal", ls, le, lst, f"{n})", flat=True)
                elif goal_items:
                    b.add(f"g{k}", "goal", ls, le, lst, "")
                else:
                    b.add(f"i{k}", "item", ls, le, lst, ln.split(" ", 1)[0] if is_numlist else "")
            continue
        # table rows "| a | b |"
        if all(ln[2].startswith("|") for ln in lines):
            flush_lead_in()
            c = container()
            tbl = b.add(f"t{c.next('t')}", "table", start, end, c)
            r = 0
            for ls, le, ln in lines:
                if _TABLE_SEP.match(ln):
                    continue
                r += 1
                b.add(f"r{r}", "row", ls, le, tbl)
            continue
        # a lead-in followed by its one statement ("Vores vision er:" + "At borgeren …")
        if lead_in and len(lines) == 1 and len(first) < 200 and len(first.split()) >= 4 and not _heading_like(first, caps_only=True) \
                and not _numbered(first) and not first.endswith(":"):
            c = container()
            b.add(f"p{c.next('p')}", "paragraph", lead_in[0], end, c)
            lead_in = None
            continue
        # unnumbered heading: a short title-like line with text after it
        if len(lines) == 1 and _heading_like(first) and bi not in not_headings and bi != len(blocks) - 1:
            flush_lead_in()
            caps = _heading_like(first, caps_only=True)
            level = 90 if caps else 100
            open_heading(level, lambda p, s=start, e=end, t=first: b.add(
                f"h{p.next('h')}", "heading", s, e, p, "", t, t))
            continue
        # paragraph (one ending in ":" may be the lead-in of a list that follows)
        flush_lead_in()
        if first.endswith(":") or lines[-1][2].endswith(":"):
            lead_in = (start, end, text[start:end])
            continue
        c = container()
        b.add(f"p{c.next('p')}", "paragraph", start, end, c)
    flush_lead_in()
