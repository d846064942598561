"""Retsinformation LexDania 2.1 XML -> the canonical legislation text layout.

The output reads like the retsinformation text files, so that one structure parser serves
both::

    Bekendtgørelse om ...                       (title)
    BEK nr 1709 af 30/12/2024                   (identifier)
    https://www.retsinformation.dk/eli/lta/2024/1709

    I medfør af § 6, stk. 2, ...                (Indledning)

    Kapitel 1
    Anvendelsesområde

    § 1. First Stk. text, lead-in 1) item, 2) item.
    Stk. 2. ...

A Rubrica of a ParagrafGruppe (a heading above some §§ inside a chapter) is a line of its
own between blank lines. Ikraft blocks of a lovbekendtgørelse (the entry-into-force
provisions of the amending acts) follow the main text: their intro line, then their §§.
Footnotes (Nota) are left out of the text: they are editorial notes that would otherwise
split a sentence where their marker sits. Containers the reader does not know by name
(Bilag, ...) keep their label, title and text, so nothing is lost silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree  # reports the line of a syntax error; external entities refused below

from aftalegraf.errors import IngestError
from aftalegraf.legal_time import eli_uri

from .base import Extracted, Reader, read_file_bytes

# DocumentType code -> the project's document type (aftalegraf.model.DOCUMENT_TYPES)
DOC_TYPES = {
    "BEK": "bekendtgørelse",
    "LBK": "lovbekendtgørelse",
    "LOV": "lov",
    "VEJ": "vejledning",
}

_ROOT_RE = re.compile(rb"<(?:[\w.-]+:)?Dokument[\s>]")
_WS = re.compile(r"\s+")


def _local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(el, name: str | None = None):
    for child in el:
        local = _local(child)
        if local and (name is None or local == name):
            yield child


def _child(el, name: str):
    return next(_children(el, name), None)


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _explicatus(el) -> str:
    exp = _child(el, "Explicatus")
    return _squash("".join(exp.itertext())) if exp is not None else ""


def _inline(el) -> str:
    """The text of an element and its inline markup, footnotes (Nota) left out."""
    parts = [el.text or ""]
    for child in el:
        if _local(child) != "Nota":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _linea_text(linea) -> str:
    # A Linea holds Char runs (formatting only); a Nota inside it is a footnote.
    return _squash(_inline(linea))


def _exitus_text(exitus) -> str:
    """The running text of an Exitus: its Linea sentences, then its numbered items inline
    ("1) ... 2) ..."), as retsinformation's text layout writes them."""
    parts: list[str] = []
    for child in _children(exitus):
        name = _local(child)
        if name == "Linea":
            parts.append(_linea_text(child))
        elif name == "Index":
            parts.append(_index_text(child))
        elif name == "Exitus":
            parts.append(_exitus_text(child))
        # Nota (footnotes) and anything editorial is skipped
    return _squash(" ".join(p for p in parts if p))


def _index_text(index) -> str:
    items: list[str] = []
    for ind in _children(index, "Indentatio"):
        label = _explicatus(ind)
        # nested lists (litra under a nr.) sit inside the item's Exitus or directly under it
        body = " ".join(
            _exitus_text(c) if _local(c) == "Exitus" else _index_text(c)
            for c in _children(ind)
            if _local(c) in ("Exitus", "Index")
        )
        items.append(_squash(f"{label} {body}"))
    return " ".join(i for i in items if i)


def _rubrica(el) -> str:
    rub = _child(el, "Rubrica")
    if rub is None:
        return ""
    return _squash(" ".join(_linea_text(linea) for linea in _children(rub, "Linea")))


def _paragraf_label(text: str) -> str:
    """'§ 85' and '§ 2 a' -> '§ 85.' / '§ 2 a.' (the text layout ends the label with a dot)."""
    text = _squash(text)
    return text if text.endswith(".") else text + "."


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[str] = []

    def block(self, *lines: str) -> None:
        lines = tuple(line for line in lines if line)
        if lines:
            self.blocks.append("\n".join(lines))

    def paragraf(self, par) -> None:
        label = _paragraf_label(_explicatus(par) or "§")
        lines: list[str] = []
        for i, stk in enumerate(_children(par, "Stk")):
            body = _squash(" ".join(_exitus_text(e) for e in _children(stk, "Exitus")))
            if i == 0:
                lines.append(f"{label} {body}".strip())
            else:
                stk_label = _explicatus(stk) or f"Stk. {i + 1}."
                lines.append(f"{stk_label} {body}".strip())
        if not lines:  # a § without Stk (repealed: "§ 5. (Ophævet)") keeps its own Exitus
            body = _squash(" ".join(_exitus_text(e) for e in _children(par, "Exitus")))
            lines.append(f"{label} {body}".strip())
        self.block(*lines)

    def container(self, el) -> None:
        """Walk a structural container (DokumentIndhold, Bog, Afsnit, Kapitel, ParagrafGruppe,
        Ikraft, Bilag ...) in document order."""
        for child in _children(el):
            name = _local(child)
            if name in ("Paragraf", "IkraftCentreretParagraf"):
                self.paragraf(child)
            elif name == "ParagrafGruppe":
                self.block(_rubrica(child))
                self.container(child)
            elif name == "Exitus":
                self.block(_exitus_text(child))
            elif name == "Linea":
                self.block(_linea_text(child))
            elif name in ("Explicatus", "Rubrica", "Nota", "Meta", "TitelGruppe", "UnderskriftGruppe"):
                continue  # headings were written with their container; notes and signatures left out
            else:
                # Kapitel, Afsnit, Bog, Bilag and elements this reader does not know by name:
                # their label and title as a heading block, then their content, so no text is lost
                head = _explicatus(child)
                title = _rubrica(child)
                if head or title:
                    self.block(head, title)
                self.container(child)


def _meta(meta_el) -> dict[str, str]:
    out: dict[str, str] = {}
    if meta_el is None:
        return out
    for child in _children(meta_el):
        text = _squash("".join(child.itertext()))
        if text and _local(child) not in out:
            out[_local(child)] = text
    return out


def _danish_date(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else ""


class LexDaniaReader(Reader):
    name = "lexdania"
    suffixes = (".xml",)

    def sniff(self, path: Path, head: bytes) -> bool:
        if Path(path).suffix.lower() not in (".xml", ""):
            return False
        # the root element (after the XML declaration and comments) is <Dokument
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S).lstrip(b"\xef\xbb\xbf \t\r\n")
        return bool(_ROOT_RE.match(body))

    def read(self, path: Path) -> Extracted:
        path = Path(path)
        data = read_file_bytes(path)
        if not data.strip():
            raise IngestError(path, "the file is empty")
        # entities unexpanded and libxml2's size limits kept: a hostile file cannot blow up memory
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            line = f"line {exc.lineno}" if exc.lineno else "unknown line"
            raise IngestError(path, f"malformed XML at {line}: {exc.msg}") from exc
        if _local(root) != "Dokument" or _child(root, "DokumentIndhold") is None:
            raise IngestError(
                path, f"XML, but not retsinformation LexDania (root <{_local(root)}>, expected <Dokument> with <DokumentIndhold>)"
            )

        meta = _meta(_child(root, "Meta"))
        code = (meta.get("DocumentType", "").split() or [""])[0].upper()
        number, year = meta.get("Number", ""), meta.get("Year", "")
        date_iso = meta.get("DiesSigni", "")
        identifier = f"{code} nr {number} af {_danish_date(date_iso)}" if code and number and date_iso else ""
        eli = eli_uri(code, year, number) if code and year and number else ""

        title = meta.get("DocumentTitle", "")
        titel = _child(root, "TitelGruppe")
        if not title and titel is not None:
            title = _squash(" ".join(_linea_text(li) for li in titel.iter() if _local(li) == "Linea"))

        writer = _Writer()
        writer.block(title, identifier, eli)
        writer.container(_child(root, "DokumentIndhold"))
        text = "\n\n".join(writer.blocks) + "\n"

        hints = {
            "identifier": identifier,
            "date": date_iso,
            "eli": eli,
            "issuer": meta.get("Ministry", ""),
            "authority": meta.get("AdministrativeAuthority", ""),
            "status": meta.get("Status", "").lower(),
            "type": DOC_TYPES.get(code, ""),
            "doc_type_code": code,
            "number": number,
            "year": year,
            "valid_from": meta.get("StartDate", ""),
            "valid_to": meta.get("EndDate", ""),
        }
        return Extracted(
            text=text,
            format=self.name,
            title=title,
            meta={k: v for k, v in hints.items() if v},
            layout="legal",
        )
