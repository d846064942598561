"""Word .docx -> marked text (python-docx).

Paragraphs and tables are read in body order. Heading styles ("Heading 2", Danish
"Overskrift 2", or any style whose outline level says so, also through the style it is
based on) become ``##`` lines; Word's automatic numbering is rendered as its text, so a
numbered heading reads ``## 2.1 Sundhedsklynger`` and a numbered list item
``- 1) At borgerne ...``; bullets become plain ``- `` items (nested levels indented two
spaces). Table rows become ``| a | b |`` lines (merged cells once).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from aftalegraf.errors import IngestError

from .base import Extracted, Reader
from .dates import iso_of

_HEADING_NAME = re.compile(r"^(?:heading|overskrift|rubrik)\s*([1-9])$", re.I)
_TITLE_NAMES = {"title", "titel"}
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _squash(text: str) -> str:
    return _WS.sub(" ", text.replace("\n", " ").replace("\v", " ")).strip()


_SKIP_ANCESTORS = {"del", "moveFrom", "txbxContent", "instrText"}


def _para_text(p_el) -> str:
    """A paragraph's text as shown: runs also inside hyperlinks, fields, content controls
    and tracked insertions; tracked deletions and text boxes (floating side content) left
    out. python-docx's ``Paragraph.text`` reads direct runs only and loses insertions."""
    parts: list[str] = []
    for el in p_el.iter(_w("t"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen")):
        node, skip = el.getparent(), False
        while node is not None and node is not p_el:
            if node.tag.rsplit("}", 1)[-1] in _SKIP_ANCESTORS:
                skip = True
                break
            node = node.getparent()
        if skip:
            continue
        local = el.tag.rsplit("}", 1)[-1]
        if local == "t":
            parts.append(el.text or "")
        elif local == "noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


# -- numbering -----------------------------------------------------------------------

def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and the many decimal variants


class _Numbering:
    """Word's list numbering: numId/ilvl -> the label text ("2.1", "a)", bullet) with
    counters kept across the document as Word keeps them."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], dict] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, dict]] = {}
        for an in root.findall(_w("abstractNum")):
            levels = {}
            for lvl in an.findall(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = {
                    "fmt": self._val(lvl, "numFmt") or "decimal",
                    "text": self._val(lvl, "lvlText") or "",
                    "start": int(self._val(lvl, "start") or 1),
                }
            abstract[an.get(_w("abstractNumId"))] = levels
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            levels = abstract.get(ref.get(_w("val")) if ref is not None else None, {})
            for ilvl, spec in levels.items():
                self.levels[(num.get(_w("numId")), ilvl)] = dict(spec)

    @staticmethod
    def _val(el, tag: str) -> str | None:
        child = el.find(_w(tag))
        return child.get(_w("val")) if child is not None else None

    def is_bullet(self, num_id: str, ilvl: int) -> bool:
        spec = self.levels.get((num_id, ilvl))
        return spec is None or spec["fmt"] in ("bullet", "none")

    def label(self, num_id: str, ilvl: int) -> str:
        spec = self.levels.get((num_id, ilvl))
        if spec is None or spec["fmt"] == "bullet":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, spec["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new parent item restarts its sub-levels

        def value(match: re.Match) -> str:
            lvl = int(match.group(1)) - 1
            lspec = self.levels.get((num_id, lvl), {"fmt": "decimal", "start": 1})
            n = counters.get(lvl, lspec["start"])
            return _format_number(n, lspec["fmt"])

        return re.sub(r"%([1-9])", value, spec["text"]).strip()


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph, else from its style chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is None:
            continue
        num = ppr.find(_w("numPr"))
        if num is None:
            continue
        num_id = num.find(_w("numId"))
        ilvl = num.find(_w("ilvl"))
        if num_id is None:
            continue
        value = num_id.get(_w("val"))
        if value == "0":  # numbering explicitly switched off
            return None
        return value, int(ilvl.get(_w("val"))) if ilvl is not None else 0
    return None


def _heading_level(paragraph) -> int:
    """1-6 for a heading paragraph, 0 otherwise; -1 for the Title style."""
    style = paragraph.style
    while style is not None:
        for name in (style.name or "", style.style_id or ""):
            if name.strip().lower() in _TITLE_NAMES:
                return -1
            if m := _HEADING_NAME.match(name.strip()):
                return min(int(m.group(1)), 6)
        style = style.base_style
    # a custom heading style says so by its outline level (9 = body text)
    pprs = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        pprs.append(style.element.pPr)
        style = style.base_style
    for ppr in pprs:
        lvl = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if lvl is not None and (lvl.get(_w("val")) or "").isdigit():
            value = int(lvl.get(_w("val")))
            return min(value + 1, 6) if value < 9 else 0
    return 0


def _style_depth(paragraph) -> int:
    """"List Bullet 2" is the second level even where its numbering says level 0."""
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    m = re.match(r"^(?:list bullet|list number|list|opstilling.*?)\s+([2-9])$", name.strip(), re.I)
    return int(m.group(1)) - 1 if m else 0


def _is_toc(paragraph) -> bool:
    """A table-of-contents line ("TOC 2", Danish "Indholdsfortegnelse 2"): it repeats the
    headings with page numbers and would read as a second copy of the sections."""
    name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    return name.startswith(("toc", "indholdsfortegnelse", "table of contents", "innehåll"))


def _body_blocks(parent):
    """Paragraphs and tables in body order, also those inside content controls (w:sdt),
    where Word keeps cover pages and sometimes whole sections."""
    for child in parent.iterchildren():
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _body_blocks(content)


def _is_list_style(paragraph) -> bool:
    name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    return name.startswith(("list bullet", "list number", "opstilling")) or "punktopstilling" in name


class DocxReader(Reader):
    name = "docx"
    suffixes = (".docx", ".docm")

    def read(self, path: Path) -> Extracted:
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            raise IngestError(path, f"cannot be read: {exc.strerror or exc}") from exc
        if not head:
            raise IngestError(path, "the file is empty")
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise IngestError(path, "an old binary Word .doc or a password-protected .docx; save it as .docx without a password")
        if not zipfile.is_zipfile(path):
            raise IngestError(path, "not a Word document (a .docx is a zip archive; this file is not one, or it is truncated)")
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "word/document.xml" not in names:
                    raise IngestError(path, "a zip archive but not a Word document (no word/document.xml)")
                bad = zf.testzip()
                if bad:
                    raise IngestError(path, f"corrupt .docx: member {bad} fails its checksum")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            # damaged compressed data surfaces as any of these while members are checked
            raise IngestError(path, f"corrupt .docx (damaged zip archive): {exc}") from exc

        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises KeyError/ValueError/lxml errors on broken parts
            raise IngestError(path, f"corrupt .docx: {type(exc).__name__}: {exc}") from exc

        numbering = _Numbering(document)
        blocks: list[str] = []
        list_lines: list[str] = []
        title_para = ""
        first_heading = ""

        def end_list() -> None:
            if list_lines:
                blocks.append("\n".join(list_lines))
                list_lines.clear()

        try:
            for child in _body_blocks(document.element.body):
                if child.tag == _w("p"):
                    para = Paragraph(child, document)
                    text = _squash(_para_text(child))
                    if not text or _is_toc(para):
                        continue
                    level = _heading_level(para)
                    num = _num_pr(para)
                    label = numbering.label(*num) if num else ""
                    if level == -1:
                        end_list()
                        title_para = title_para or text
                        blocks.append(text)
                    elif level > 0:
                        end_list()
                        heading = f"{label} {text}".strip() if label and not text.startswith(label) else text
                        first_heading = first_heading or heading
                        blocks.append("#" * level + " " + heading)
                    elif num or _is_list_style(para):
                        depth = max(num[1] if num else 0, _style_depth(para))
                        prefix = f"{label} " if label and not text.startswith(label) else ""
                        list_lines.append("  " * depth + "- " + prefix + text)
                    else:
                        end_list()
                        blocks.append(text)
                elif child.tag == _w("tbl"):
                    end_list()
                    rows = self._table_rows(Table(child, document))
                    if rows:
                        blocks.append("\n".join(rows))
            end_list()
        except IngestError:
            raise
        except Exception as exc:  # a malformed part surfaces only while reading it
            raise IngestError(path, f"corrupt .docx: {type(exc).__name__}: {exc}") from exc

        props = document.core_properties
        meta: dict[str, str] = {}
        for key, value in (
            ("created", iso_of(props.created)),
            ("modified", iso_of(props.modified)),
            ("author", props.author or ""),
            ("subject", props.subject or ""),
            ("keywords", props.keywords or ""),
        ):
            if value and str(value).strip():
                meta[key] = str(value).strip()
        if meta.get("created") or meta.get("modified"):
            meta["date"] = meta.get("created") or meta.get("modified")
        title = (props.title or "").strip() or title_para or re.sub(r"^#+\s*", "", first_heading)
        text = "\n\n".join(blocks)
        return Extracted(text=text + "\n" if text else "", format=self.name, title=title, meta=meta, layout="marked")

    @staticmethod
    def _table_rows(table) -> list[str]:
        rows: list[str] = []
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                cells.append(_squash(" ".join(_para_text(p._p) for p in cell.paragraphs)).replace("|", "/"))
            if any(cells):
                rows.append("| " + " | ".join(cells) + " |")
        return rows
