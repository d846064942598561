"""Bad files: each gives an IngestError naming the file and a reason a planner can act on;
text in cp1252, latin-1 and UTF-16 is decoded; through ingest_paths the good files are
still ingested, the report is not ok, and nothing of a failed file is in the store."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from aftalegraf.errors import IngestError
from aftalegraf.ingest.readers.base import reader_for

DANISH = "Sundhedsaftalen for Region Sjælland: kommunerne skal sikre sammenhæng og forebyggelse på tværs af sektorerne, så færre ældre genindlægges og flere får støtte."


def _pdf(path: Path, text: str = "1. Indledning") -> Path:
    pytest.importorskip("reportlab", reason="reportlab (test extra) builds the PDF fixtures")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(72, 720, text)
    c.drawString(72, 700, "Regionen og kommunerne skal samarbejde om sundhedsaftalen.")
    c.showPage()
    c.save()
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _junk(n: int = 4000, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


def _encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    src = _pdf(path.with_name("plain-for-encryption.pdf"))
    writer = PdfWriter(clone_from=str(src))
    writer.encrypt(user_password="hemmelig", owner_password="hemmelig", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    src.unlink()
    return path


def _truncated_pdf(path: Path) -> Path:
    src = _pdf(path.with_name("whole.pdf"))
    data = src.read_bytes()
    src.unlink()
    path.write_bytes(data[: len(data) // 3])
    return path


def _malformed_xml(path: Path) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<Dokument>\n  <Meta><Number>1</Number></Meta>\n'
        "  <DokumentIndhold>\n    <Paragraf><Explicatus>§ 1.</Explicatus>\n  </DokumentIndhold>\n</Dokument>\n",
        encoding="utf-8",
    )
    return path


# name -> (builder, pattern the reason must match)
BAD = {
    "empty.txt": (lambda p: _write(p, b""), r"empty"),
    "empty.pdf": (lambda p: _write(p, b""), r"empty"),
    "empty.docx": (lambda p: _write(p, b""), r"empty"),
    "empty.xml": (lambda p: _write(p, b"  \n"), r"empty"),
    "empty.html": (lambda p: _write(p, b""), r"empty"),
    "junk.html": (lambda p: _write(p, bytes(b if b else 1 for b in _junk(3000, seed=3))), r"no HTML markup|binary"),
    "junk.pdf": (lambda p: _write(p, _junk()), r"not a PDF"),
    "junk.txt": (lambda p: _write(p, b"\x00\x01" + _junk()), r"binary"),
    "junk.docx": (lambda p: _write(p, _junk()), r"not a Word document|not a zip"),
    "truncated.pdf": (_truncated_pdf, r"corrupt or truncated PDF"),
    "encrypted.pdf": (_encrypted_pdf, r"encrypted PDF; decrypt it first"),
    "notazip.docx": (lambda p: _write(p, "Dette er ikke et Word-dokument.".encode()), r"not a Word document"),
    "wrongzip.docx": (None, r"not a Word document \(no word/document.xml\)"),
    "malformed.xml": (_malformed_xml, r"malformed XML at line \d+"),
    "regneark.xlsx": (lambda p: _write(p, b"PK\x03\x04" + _junk(200)), r"unsupported file type '\.xlsx'"),
    "undecodable.txt": (lambda p: _write(p, bytes(b if b else 1 for b in _junk(3000, seed=1))), r"encoding|binary"),
}


def _build(tmp_path: Path, name: str) -> Path:
    builder, _ = BAD[name]
    path = tmp_path / name
    if name == "wrongzip.docx":
        import zipfile

        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
        return path
    return builder(path)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_clear_error(tmp_path, name):
    path = _build(tmp_path, name)
    with pytest.raises(IngestError) as err:
        reader_for(path).read(path)
    assert err.value.path == str(path)
    assert re.search(BAD[name][1], err.value.reason), err.value.reason
    assert str(path) in str(err.value)
    assert "Traceback" not in err.value.reason


@pytest.mark.parametrize(
    "name,data",
    [
        ("cp1252.txt", (DANISH + " Pris: 100 € – “citat”.").encode("cp1252")),
        ("latin1.txt", DANISH.encode("latin-1")),
        ("utf16.txt", DANISH.encode("utf-16")),  # with BOM
        ("utf8bom.txt", DANISH.encode("utf-8-sig")),
    ],
)
def test_text_encodings_decode(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    text = reader_for(path).read(path).text
    assert DANISH in text
    assert "æ" in text and "ø" in text and "å" in text
    if name == "cp1252.txt":
        assert "€ – “citat”" in text


def test_encrypted_pdf_error_via_reader_of_bare_path(tmp_path):
    path = _build(tmp_path, "encrypted.pdf")
    with pytest.raises(IngestError, match="encrypted PDF"):
        reader_for(path).read(path)


def test_ingest_paths_isolates_failures(tmp_path, tmp_store):
    from aftalegraf.ingest import ingest_paths

    folder = tmp_path / "corpus"
    folder.mkdir()
    good_txt = folder / "god.txt"
    good_txt.write_text("1. Indledning\n\n" + DANISH + "\n\n2. Opfølgning\n\nUdvalget følger op hvert år.\n", encoding="utf-8")
    good_cp = folder / "gammel.txt"
    good_cp.write_bytes(("1. Formål\n\n" + DANISH + "\n").encode("cp1252"))
    good_pdf = _pdf(folder / "god.pdf")
    bad_names = [n for n in BAD if n != "regneark.xlsx"]  # folders skip unsupported suffixes
    bad = [_build(folder, n) for n in bad_names]
    xlsx = _build(tmp_path, "regneark.xlsx")

    report = ingest_paths(tmp_store, [folder, xlsx], derive=[])
    assert not report.ok
    by_path = {Path(f.path).name: f for f in report.files}
    for name in ("god.txt", "gammel.txt", "god.pdf"):
        assert by_path[name].status == "added", by_path[name]
    for path in bad + [xlsx]:
        result = by_path[path.name]
        assert result.status == "failed" and result.error, result
        assert re.search(BAD[path.name][1], result.error), result.error
    sources = {d.source_path for d in tmp_store.documents()}
    assert sources == {str(good_txt.resolve()), str(good_cp.resolve()), str(good_pdf.resolve())}
    texts = " ".join(p.text for p in tmp_store.provisions())
    assert "sammenhæng" in texts and "Sj\u00c3" not in texts  # cp1252 decoded, not mojibake
