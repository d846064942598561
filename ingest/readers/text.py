"""Plain text and Markdown, as extracted from PDFs and web pages.

Encoding: UTF-8 (with or without BOM) first; otherwise cp1252 when the bytes decode and
read as Danish (æ, ø, å where a cp1252 file puts them); otherwise charset-normalizer's
best guess if it is confident. A file that is binary, or that no encoding reads cleanly,
is refused with the reason."""

from __future__ import annotations

from pathlib import Path

from aftalegraf.errors import IngestError

from .base import Extracted, Reader, read_file_bytes

_DANISH = set("æøåÆØÅ")


def decode_text(data: bytes, path: Path | str) -> str:
    if not data.strip():
        raise IngestError(path, "the file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(path, "binary content, not text (NUL bytes)")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"starts with a {enc} byte-order mark but does not decode: {exc.reason}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if any(c in _DANISH for c in text) or all(b < 0x80 or 0xC0 <= b <= 0xFF for b in data):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos < 0.2:
        return str(best)
    raise IngestError(path, "unreadable text encoding (not UTF-8, cp1252 or latin-1)")


def _control_ratio(text: str) -> float:
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad / max(1, len(text))


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".md", ".markdown", ".text")

    def read(self, path: Path) -> Extracted:
        data = read_file_bytes(path)
        text = decode_text(data, path)
        if _control_ratio(text) > 0.01:
            raise IngestError(path, "binary content, not text (control characters)")
        layout = "marked" if Path(path).suffix.lower() in (".md", ".markdown") else "plain"
        return Extracted(text=text.replace("\r\n", "\n").replace("\r", "\n"), format=self.name, layout=layout)
