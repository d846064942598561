"""Index units: what the search index embeds and scores, cut from the provision tree at
paragraph size.

- a § (or a list, a goal, a table) together with its Stk./items/rows when the whole is
  short enough, else the provision's own text and then each child on its own;
- running text (a guidance paragraph, an item, a row, a preamble) on its own;
- headings (chapters, numbered sections) are not units themselves: their text travels in
  the heading path of the units below them;
- text longer than ``window_tokens`` is cut into overlapping windows (by tokens);
- a unit of two or more sentences also has each sentence embedded (``sentence_texts``).

Every unit maps back to exactly one provision id and a span of ``document.text``; what is
embedded is the heading path and the text, e.g.
``"Vejledning 2023 › 5. Godkendelse › 5.1 Indsendelse: Sundhedsaftalen skal …"``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from aftalegraf.model import Document, Provision
from aftalegraf.vocabulary import REGIONS

# Kinds that may absorb their children into one unit when the whole is short.
GROUP_KINDS = {"paragraf", "stk", "list", "goal", "table"}
# Structure-only kinds: their own text is a heading, carried by the units below.
HEADING_KINDS = {"kapitel", "section", "heading"}

GROUP_TOKENS = 384      # a § with its Stk. up to this size is one unit
WINDOW_TOKENS = 256     # longer text is windowed ...
OVERLAP_TOKENS = 48     # ... with this overlap
MAX_SHOWN_CHARS = 2500  # a hit never shows more than this
TITLE_CHARS = 90
SEP = " › "

TokenCounter = Callable[[str], int]


def approx_tokens(text: str) -> int:
    """A cheap stand-in for a tokenizer: ~4 characters per sub-word token for Danish."""
    return max(1, (len(text) + 3) // 4)


@dataclass
class Unit:
    key: str            # provision id, plus "#w<n>" for windows after the first
    provision_id: str
    document_id: str
    start: int          # span in document.text
    end: int
    text: str           # what a hit shows (the span's text, at most MAX_SHOWN_CHARS)
    heading: str        # heading path, embedded with the text

    @property
    def embed_text(self) -> str:
        return f"{self.heading}: {self.text}" if self.heading else self.text

    @property
    def text_hash(self) -> str:
        return text_hash(self.embed_text)

    @property
    def int_id(self) -> int:
        """A stable positive 63-bit id for FAISS (IndexIDMap2)."""
        return int.from_bytes(hashlib.blake2b(self.key.encode("utf-8"), digest_size=8).digest(), "big") >> 1

    def to_dict(self) -> dict:
        return asdict(self)


def short_title(doc: Document) -> str:
    title = " ".join((doc.title or doc.id).split())
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def document_label(doc: Document) -> str:
    """The document's short title, prefixed with its region when the title does not name it
    (a region's web page titled "Hvad er Sundhedsaftalen?" is about that region)."""
    title = short_title(doc)
    region = REGIONS.get(doc.region, "")
    if region and region.split()[-1].lower() not in title.lower():
        return f"{region}: {title}"
    return title


def heading_path(doc: Document, p: Provision) -> str:
    parts = [document_label(doc)]
    for h in p.path:
        h = " ".join(h.split())
        if h and h != parts[-1] and h != doc.title:
            parts.append(h)
    own = " ".join(x for x in (p.label, p.title) if x).strip()
    if own and p.kind not in ("paragraph", "item", "row", "preamble") and own not in parts[-1]:
        parts.append(own)
    return SEP.join(parts)


def document_units(
    doc: Document,
    count_tokens: TokenCounter = approx_tokens,
    group_tokens: int = GROUP_TOKENS,
    window_tokens: int = WINDOW_TOKENS,
    overlap_tokens: int = OVERLAP_TOKENS,
) -> list[Unit]:
    """The index units of one document (with its provisions), in document order."""
    provisions = sorted(doc.provisions, key=lambda p: p.ordinal)
    children: dict[str | None, list[Provision]] = {}
    ids = {p.id for p in provisions}
    for p in provisions:
        parent = p.parent_id if p.parent_id in ids else None
        children.setdefault(parent, []).append(p)
    subtree_end: dict[str, int] = {}

    def end_of(p: Provision) -> int:
        if p.id not in subtree_end:
            subtree_end[p.id] = max([p.end] + [end_of(c) for c in children.get(p.id, [])])
        return subtree_end[p.id]

    units: list[Unit] = []

    def emit(p: Provision, start: int, end: int) -> None:
        text = doc.text[start:end]
        if not text.strip():
            return
        # trim surrounding whitespace, keeping offsets exact
        lead = len(text) - len(text.lstrip())
        start, end = start + lead, start + lead + len(text.strip())
        text = doc.text[start:end]
        heading = heading_path(doc, p)
        for i, (ws, we) in enumerate(_windows(text, count_tokens, window_tokens, overlap_tokens)):
            s, e = start + ws, start + we
            if e - s > MAX_SHOWN_CHARS:
                e = s + MAX_SHOWN_CHARS
            units.append(Unit(
                key=p.id if i == 0 else f"{p.id}#w{i}",
                provision_id=p.id, document_id=doc.id, start=s, end=e,
                text=doc.text[s:e], heading=heading,
            ))

    def visit(p: Provision) -> None:
        kids = children.get(p.id, [])
        if p.kind in HEADING_KINDS:
            own = p.text.strip()
            # a heading's own text is a unit only when it is more than the heading line
            if own and (not kids or len(own) > len(p.title or "") + len(p.label or "") + 200):
                emit(p, p.start, p.end)
        elif kids and p.kind in GROUP_KINDS and count_tokens(doc.text[p.start:end_of(p)]) <= group_tokens:
            emit(p, p.start, end_of(p))
            return
        else:
            emit(p, p.start, p.end)
        for c in kids:
            visit(c)

    for p in children.get(None, []):
        visit(p)
    return units


def _windows(text: str, count_tokens: TokenCounter, size: int, overlap: int) -> list[tuple[int, int]]:
    """Character spans of overlapping windows of about ``size`` tokens, cut at word
    boundaries (and preferably at sentence ends)."""
    n_tokens = count_tokens(text)
    if n_tokens <= size:
        return [(0, len(text))]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    per_word = n_tokens / max(1, len(words))
    step_words = max(1, int((size - overlap) / per_word))
    size_words = max(step_words + 1, int(size / per_word))
    spans = []
    i = 0
    while i < len(words):
        j = min(len(words), i + size_words)
        spans.append((words[i][0], words[j - 1][1]))
        if j == len(words):
            break
        i += step_words
    return spans


# A unit's sentences: split after a full stop, semicolon or colon before a capital, § or digit,
# but not after an abbreviation ("jf. § 5", "nr. 3", "bl.a. Region …").
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-ZÆØÅ§0-9»\"(])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:jf|nr|stk|pkt|bl\.a|f\.eks|fx|ca|mv|m\.v|kap|evt|inkl|dvs|pct|ff|lit|ang|vedr)\.$", re.I)
SENTENCE_MIN_WORDS = 3


def sentences(text: str) -> list[str]:
    """A text's sentences (a semicolon or a colon before a new clause also ends one)."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentence_texts(unit: Unit) -> list[str]:
    """What is embedded for each sentence of a unit with two or more (its heading path and the
    sentence, as for the unit): a question that paraphrases one sentence of a long paragraph
    is nearer to that sentence than to the whole (search.dense.with_sentences)."""
    parts = [s for s in sentences(unit.text) if len(s.split()) >= SENTENCE_MIN_WORDS]
    if len(parts) < 2:
        return []
    return [f"{unit.heading}: {s}" if unit.heading else s for s in parts]


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def units_for(docs: Iterable[Document], count_tokens: TokenCounter = approx_tokens) -> list[Unit]:
    out: list[Unit] = []
    for doc in docs:
        out.extend(document_units(doc, count_tokens))
    return out
