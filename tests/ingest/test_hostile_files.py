"""Files a run must survive (hardening): markup nested deeper than Python's stack, a file
over the size limit, a FIFO, a file name that is not UTF-8, an AES-encrypted PDF with an
empty password, and a stage killed mid-way. Each is reported by name; the other files are
ingested; ``--json`` stays valid JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aftalegraf.ingest import ingest_paths

GOOD = "1. Indledning\n\nRegionsrådet og kommunalbestyrelserne skal samarbejde om sundhedsaftalen.\n"


def _good(folder: Path, name: str = "god.txt") -> Path:
    p = folder / name
    p.write_text(GOOD, encoding="utf-8")
    return p


def test_deeply_nested_html_does_not_stop_the_run(tmp_path, tmp_store):
    deep = tmp_path / "dyb.html"
    deep.write_text("<html><body>" + "<div>" * 1000 + "<p>Kommunerne skal sikre sammenhæng.</p>"
                    + "</div>" * 1000 + "</body></html>", encoding="utf-8")
    good = _good(tmp_path)
    report = ingest_paths(tmp_store, [deep, good], derive=[])
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["god.txt"].status == "added"
    assert by_name["dyb.html"].status == "added"          # read as plain text, not lost
    texts = " ".join(p.text for p in tmp_store.provisions())
    assert "Kommunerne skal sikre sammenhæng" in texts


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path, tmp_store):
    big = tmp_path / "stor.txt"
    big.write_text(GOOD + ("Tekst der fylder. " * 80_000), encoding="utf-8")     # ~1.4 MB
    tmp_store.settings["max_file_mb"] = 1
    report = ingest_paths(tmp_store, [big, _good(tmp_path)], derive=[])
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["stor.txt"].status == "failed" and "max_file_mb" in by_name["stor.txt"].error
    assert by_name["god.txt"].status == "added"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_not_a_file(tmp_path, tmp_store):
    fifo = tmp_path / "rør.txt"
    os.mkfifo(fifo)
    report = ingest_paths(tmp_store, [fifo, _good(tmp_path)], derive=[])
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["rør.txt"].status == "failed" and "not a regular file" in by_name["rør.txt"].error


def test_non_utf8_file_name_keeps_json_valid(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"aftale-\xe6\xf8.txt")      # latin-1 bytes: not UTF-8
    with open(odd, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    r = subprocess.run([sys.executable, "-m", "aftalegraf.cli", "ingest", str(folder), "--store", str(tmp_path / "s"),
                        "--skip-graph", "--skip-index", "--json"], capture_output=True, timeout=120)
    data = json.loads(r.stdout.decode("utf-8"))
    assert r.returncode == 0, r.stderr[-500:]
    assert data["files"][0]["status"] == "added" and data["files"][0]["path"].endswith("aftale-\\xe6\\xf8.txt")
    again = subprocess.run([sys.executable, "-m", "aftalegraf.cli", "ingest", str(folder), "--store",
                            str(tmp_path / "s"), "--skip-graph", "--skip-index", "--json"], capture_output=True, timeout=120)
    assert json.loads(again.stdout.decode("utf-8"))["files"][0]["status"] == "unchanged"


def test_encrypted_pdf_with_empty_password_is_read(tmp_path, tmp_store):
    pytest.importorskip("reportlab")
    pypdf = pytest.importorskip("pypdf")
    from reportlab.pdfgen import canvas

    plain = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(plain))
    c.drawString(72, 720, "1. Indledning")
    c.drawString(72, 700, "Regionen og kommunerne skal samarbejde om sundhedsaftalen.")
    c.showPage()
    c.save()
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="ejer", algorithm="AES-256")
    aes = tmp_path / "aes.pdf"
    with open(aes, "wb") as fh:
        writer.write(fh)
    report = ingest_paths(tmp_store, [aes], derive=[])
    assert report.files[0].status == "added", report.files[0].error
    assert "samarbejde om sundhedsaftalen" in " ".join(p.text for p in tmp_store.provisions())


def test_a_stage_killed_mid_way_is_stale_not_up_to_date(tmp_path, tmp_store, monkeypatch):
    """kill -9 during `reindex --only graph` used to leave an empty graph marked up to date."""
    from aftalegraf import stages

    ingest_paths(tmp_store, [_good(tmp_path)], derive=[])
    stages.mark_done(tmp_store, "graph")
    assert not stages.is_stale(tmp_store, "graph")

    class Killed(BaseException):
        pass

    class DyingStage:
        name = "graph"

        def __init__(self, store):
            pass

        def rebuild(self):
            raise Killed  # stands for SIGKILL: nothing after this line runs

        def close(self):
            pass

    monkeypatch.setattr("aftalegraf.plugins.get", lambda kind, name: DyingStage)
    with pytest.raises(Killed):
        stages.rebuild(tmp_store, ["graph"])
    assert stages.is_stale(tmp_store, "graph")
