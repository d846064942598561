"""PDF -> plain text, page by page (pypdf).

Pages are joined with a form feed (``\\f``), as pdftotext does, so that the cleaning step
can find the furniture repeated on every page (running headers, "Side 3 af 12") by page.
The text is otherwise as pypdf extracts it: hyphenation, bullets and line joining are the
cleaning step's business. The document information dictionary gives title and date hints.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from aftalegraf.errors import IngestError

from .base import Extracted, Reader
from .dates import iso_of

log = logging.getLogger(__name__)

# A scanned page yields no text, or a few stray characters from a stamp or page number.
MIN_CHARS_PER_TEXT_PAGE = 20
# Titles that PDF producers write by themselves and that say nothing about the document.
_JUNK_TITLE = re.compile(
    r"^(untitled|unknown|dokument\d*|document\d*|microsoft word - .*|.*\.(docx?|pdf|indd|qxd|rtf))$", re.I
)


# Typographic ligatures are single glyphs in PDF fonts; as text they split words for search.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\x00": ""})


def page_text(raw: str) -> str:
    """One page's extracted text with the PDF-only artefacts undone (ligatures, CR line
    ends, NULs from broken font maps); everything else is the cleaning step's."""
    return raw.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def _clean_title(value) -> str:
    title = re.sub(r"\s+", " ", str(value or "")).strip()
    return "" if not title or _JUNK_TITLE.match(title) else title


class PdfReader(Reader):
    name = "pdf"
    suffixes = (".pdf",)

    def sniff(self, path: Path, head: bytes) -> bool:
        # a PDF saved without its suffix; the header may follow a little junk
        return Path(path).suffix == "" and b"%PDF-" in head[:1024]

    def read(self, path: Path) -> Extracted:
        from pypdf import PdfReader as _PypdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError

        path = Path(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(1024)
                size = fh.seek(0, 2)
        except OSError as exc:
            raise IngestError(path, f"cannot be read: {exc.strerror or exc}") from exc
        if not head.strip():
            raise IngestError(path, "the file is empty")
        if b"%PDF-" not in head:
            raise IngestError(path, "not a PDF (no %PDF header); the file is damaged or has the wrong suffix")

        try:
            pdf = _PypdfReader(str(path), strict=False)
            if pdf.is_encrypted:
                # Many PDFs are "encrypted" only against editing, with an empty user password.
                try:
                    opened = pdf.decrypt("")
                except DependencyError as exc:
                    raise IngestError(path, f"encrypted PDF (needs a crypto library to open: {exc}); decrypt it first") from exc
                if not opened:
                    raise IngestError(path, "encrypted PDF; decrypt it first (it needs a password to open)")
            pages = list(pdf.pages)
        except IngestError:
            raise
        except FileNotDecryptedError as exc:
            raise IngestError(path, "encrypted PDF; decrypt it first") from exc
        except Exception as exc:  # pypdf raises many types (PdfReadError, KeyError, ValueError ...) on damage
            raise IngestError(path, f"corrupt or truncated PDF ({size} bytes): {self._why(exc)}") from exc
        if not pages:
            raise IngestError(path, "the PDF has no pages")

        texts: list[str] = []
        failed = 0
        for number, page in enumerate(pages, 1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:  # one damaged content stream should not lose the other pages
                log.warning("%s: page %d: no text (%s)", path, number, self._why(exc))
                failed += 1
                text = ""
            texts.append(page_text(text))
        if failed == len(pages):
            raise IngestError(path, "corrupt PDF: no page's content could be read")
        text_pages = sum(1 for t in texts if len(t.strip()) >= MIN_CHARS_PER_TEXT_PAGE)
        if text_pages == 0:
            raise IngestError(path, f"no text layer in the PDF ({len(pages)} page(s); a scanned document?); run OCR on it first")

        meta: dict[str, object] = {"pages": len(pages)}
        title = ""
        try:
            info = pdf.metadata
        except Exception:  # a damaged info dictionary is no reason to refuse the text
            info = None
        if info:
            title = _clean_title(info.get("/Title"))
            for key, attr in (("created", "creation_date"), ("modified", "modification_date")):
                try:
                    value = iso_of(getattr(info, attr))
                except Exception:  # unparsable date string in the info dictionary
                    value = ""
                if value:
                    meta[key] = value
            for key, field in (("author", "/Author"), ("subject", "/Subject"), ("keywords", "/Keywords")):
                value = re.sub(r"\s+", " ", str(info.get(field) or "")).strip()
                if value and value.strip("()").lower() not in ("unspecified", "anonymous", "unknown"):
                    meta[key] = value
        if meta.get("created") or meta.get("modified"):
            meta["date"] = meta.get("created") or meta.get("modified")
        if text_pages < len(pages):
            meta["pages_without_text"] = len(pages) - text_pages
        return Extracted(text="\n\f".join(texts) + "\n", format=self.name, title=title, meta=meta, layout="plain")

    @staticmethod
    def _why(exc: Exception) -> str:
        message = str(exc).strip() or type(exc).__name__
        return message if len(message) < 200 else message[:200] + "…"
