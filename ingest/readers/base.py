"""The reader protocol and the choice of reader for a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from aftalegraf import plugins
from aftalegraf.errors import IngestError


@dataclass
class Extracted:
    """What a reader got out of a file, before cleaning and structure.

    ``text`` uses one light convention whatever the format, so that one structure parser
    serves them all: a heading the format marks as such (HTML <h2>, a DOCX "Heading 2"
    style) is a line of its own starting with ``#`` marks (``## 2.1 Sundhedsklynger``);
    a list item starts with ``- ``; a table row is ``| cell | cell |``. Plain text and
    PDF text carry no marks and their structure is recovered from numbering and layout.
    """

    text: str
    format: str                               # name of the reader
    title: str = ""                           # a title the format states (HTML <title>, XML DocumentTitle)
    meta: dict[str, Any] = field(default_factory=dict)  # hints: identifier, date, eli, issuer, type ...
    layout: str = "plain"                     # "plain" (needs cleaning), "marked" (# headings), "legal" (canonical § layout)


class Reader:
    """Base class of format readers."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether this reader can read a file whose suffix did not decide."""
        return False

    def read(self, path: Path) -> Extracted:  # pragma: no cover - abstract
        raise NotImplementedError


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes, or an IngestError naming it and the operating system's reason."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read: {exc.strerror or exc}") from exc


def _readers() -> list[Reader]:
    return [plugins.get("ingestor", name)() for name in plugins.names("ingestor")]


def supported_suffixes() -> list[str]:
    return sorted({s for r in _readers() for s in r.suffixes})


def reader_for(path: Path) -> Reader:
    """The reader for a file: by content where a reader claims it (XML with a LexDania
    root), else by suffix. Raises IngestError naming the file when none fits."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise IngestError(path, f"cannot be read: {exc.strerror or exc}") from exc
    readers = _readers()
    for reader in readers:
        if reader.sniff(path, head):
            return reader
    suffix = path.suffix.lower()
    for reader in readers:
        if suffix in reader.suffixes:
            return reader
    raise IngestError(
        path, f"unsupported file type {suffix or '(no suffix)'!r}; supported: {', '.join(supported_suffixes())}"
    )
