"""The ingest pipeline against a store: re-ingest, changed files, bad files, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from aftalegraf.cli import main
from aftalegraf.ingest import ingest_paths

AGREEMENT = """Sundhedsaftale 2019-2023 for Region Nordjylland

1. Indledning

Regionsrådet og kommunalbestyrelserne indgår denne aftale.

2. Mål

Vi har følgende målsætninger:

- At færre borgere indlægges
- At flere borgere trives
"""


def _write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _snapshot(store):
    return sorted((p.id, p.text, p.start, p.end) for p in store.provisions())


def test_reingest_unchanged_changes_nothing(tmp_path, tmp_store):
    f = _write(tmp_path, "aftale.txt", AGREEMENT)
    first = ingest_paths(tmp_store, [f], derive=[])
    assert first.ok and first.files[0].status == "added"
    gen, snap = tmp_store.generation, _snapshot(tmp_store)
    again = ingest_paths(tmp_store, [f], derive=[])
    assert again.files[0].status == "unchanged" and again.files[0].documents == first.files[0].documents
    assert tmp_store.generation == gen and _snapshot(tmp_store) == snap
    forced = ingest_paths(tmp_store, [f], derive=[], force=True)
    assert forced.files[0].status == "replaced" and _snapshot(tmp_store) == snap   # same ids and text


def test_changed_file_replaces_without_orphans(tmp_path, tmp_store):
    f = _write(tmp_path, "aftale.txt", AGREEMENT)
    ingest_paths(tmp_store, [f], derive=[])
    doc_id = tmp_store.document_ids()[0]
    assert doc_id == "regionnord-sundhedsaftale-2019-2023"
    f.write_text(AGREEMENT.replace("- At flere borgere trives\n", "") + "\n3. Opfølgning\n\nVi følger op årligt.\n",
                 encoding="utf-8")
    report = ingest_paths(tmp_store, [f], derive=[])
    assert report.files[0].status == "replaced"
    assert tmp_store.document_ids() == [doc_id]
    ids = [p.id for p in tmp_store.provisions()]
    assert f"{doc_id}/s3" in ids and f"{doc_id}/s2/l1/i2" not in ids
    n = tmp_store.db.execute("SELECT count(*) FROM provisions WHERE document_id NOT IN (SELECT id FROM documents)")
    assert n.fetchone()[0] == 0


def test_bad_text_files_reported_others_ingested(tmp_path, tmp_store):
    folder = tmp_path / "in"
    folder.mkdir()
    good = _write(folder, "aftale.txt", AGREEMENT)
    earlier = _write(tmp_path, "tidligere.txt", AGREEMENT.replace("Nordjylland", "Midtjylland"))
    ingest_paths(tmp_store, [earlier], derive=[])
    before = _snapshot(tmp_store)
    (folder / "tom.txt").write_bytes(b"")
    (folder / "binaer.txt").write_bytes(b"\x00\x01\x02" * 500)
    (folder / "kodning.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    odd = tmp_path / "regneark.xlsx"
    odd.write_bytes(b"PK\x03\x04whatever")
    missing = tmp_path / "findes-ikke.txt"
    report = ingest_paths(tmp_store, [folder, odd, missing], derive=[])
    assert not report.ok
    by = {Path(r.path).name: r for r in report.files}
    assert by["aftale.txt"].status == "added"
    for name, reason in (("tom.txt", "empty"), ("binaer.txt", "binary"), ("regneark.xlsx", "unsupported"),
                         ("findes-ikke.txt", "no such file")):
        assert by[name].status == "failed" and reason in by[name].error, by[name]
    assert by["kodning.txt"].status == "failed" and by["kodning.txt"].error
    assert {d.source_path for d in tmp_store.documents()} == {str(good.resolve()), str(earlier.resolve())}
    # what was stored before is intact
    assert [x for x in _snapshot(tmp_store) if x[0].startswith("regionmidt-")] == before


def test_cli_ingest_exit_code_json_and_commands(tmp_path, capsys):
    store = tmp_path / "store"
    good = _write(tmp_path, "aftale.txt", AGREEMENT)
    bad = tmp_path / "tom.txt"
    bad.write_bytes(b"")
    rc = main(["-q", "ingest", str(good), str(bad), "--store", str(store), "--json", "--skip-graph", "--skip-index"])
    out, err = capsys.readouterr()
    assert rc == 1
    data = json.loads(out)                                   # stdout is JSON only
    assert data["summary"] == {"added": 1, "failed": 1}
    assert str(bad) in err and "empty" in err               # the message names file and reason

    assert main(["documents", "--json", "--store", str(store)]) == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert docs[0]["id"] == "regionnord-sundhedsaftale-2019-2023"
    assert {"id", "title", "type", "region", "source", "provisions", "period", "identifier", "eli"} <= set(docs[0])
    assert docs[0]["region"] == "nordjylland" and docs[0]["period"] == "2019-2023"

    assert main(["show", "regionnord-sundhedsaftale-2019-2023/s2/l1", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "2. Mål" in out and "- At færre borgere indlægges" in out
    assert main(["show", "regionnord-sundhedsaftale-2019-2023", "--store", str(store)]) == 0
    assert "1. Indledning" in capsys.readouterr().out
    assert main(["show", "findes/ikke", "--store", str(store)]) == 2
    assert "findes/ikke" in capsys.readouterr().err
    assert main(["status", "--json", "--store", str(store)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 1 and status["sources"] == 1


def test_corpus_ingests_into_store(corpus_dir, tmp_path, tmp_store):
    # a copy, so that the test also covers folders and a re-ingest of all of it
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    report = ingest_paths(tmp_store, [folder], derive=[])
    assert report.ok, [(f.path, f.error) for f in report.failed]
    ids = set(tmp_store.document_ids())
    assert {"bek-2022-1248", "vej-2013-9005", "sst-vejledning-2023-hoeringsudkast", "lbk-2023-1011"} <= ids
    assert tmp_store.document("lbk-2023-1011", with_provisions=False).meta["act"] == "sundhedsloven"
    gen = tmp_store.generation
    again = ingest_paths(tmp_store, [folder], derive=[])
    assert {f.status for f in again.files} == {"unchanged"} and tmp_store.generation == gen


def test_failing_stage_is_reported_documents_kept(tmp_path, tmp_store, monkeypatch):
    from aftalegraf import plugins, stages

    class Broken:
        def __init__(self, store):
            pass

        def update(self, added=None, removed=None):
            raise RuntimeError("boom")

        rebuild = update

        def close(self):
            pass

    monkeypatch.setitem(plugins._registry, ("stage", "graph"), plugins.Plugin("stage", "graph", "x:y", Broken))
    f = _write(tmp_path, "aftale.txt", AGREEMENT)
    report = ingest_paths(tmp_store, [f], derive=["graph"])
    assert not report.ok and "boom" in report.stage_errors["graph"]
    assert tmp_store.document_ids() == ["regionnord-sundhedsaftale-2019-2023"]
    assert stages.is_stale(tmp_store, "graph")


def test_cli_reindex_rebuilds_named_stage(tmp_path, monkeypatch, capsys):
    from aftalegraf import plugins, stages

    calls = []

    class Recorder:
        def __init__(self, store):
            self.store = store

        def update(self, added, removed):
            calls.append(("update", added, removed))

        def rebuild(self):
            calls.append(("rebuild",))

        def close(self):
            pass

    monkeypatch.setitem(plugins._registry, ("stage", "graph"), plugins.Plugin("stage", "graph", "x:y", Recorder))
    store = tmp_path / "store"
    f = _write(tmp_path, "aftale.txt", AGREEMENT)
    assert main(["-q", "ingest", str(f), "--store", str(store), "--skip-graph", "--skip-index"]) == 0
    assert calls == []
    assert main(["status", "--json", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["-q", "reindex", "--only", "graph", "--store", str(store)]) == 0
    assert calls == [("rebuild",)]
    from aftalegraf.store import Store

    assert not stages.is_stale(Store(store), "graph")


def test_folder_readme_is_skipped_unless_named(tmp_path):
    from aftalegraf.ingest.pipeline import collect_files

    (tmp_path / "sub").mkdir()
    for name in ("README.md", "LICENSE.txt", "sub/readme.txt", "aftale.txt", "sub/vejledning.md"):
        (tmp_path / name).write_text("Tekst.\n", encoding="utf-8")
    files, missing = collect_files([tmp_path])
    assert sorted(f.name for f in files) == ["aftale.txt", "vejledning.md"] and not missing
    files, _ = collect_files([tmp_path / "README.md"])
    assert [f.name for f in files] == ["README.md"]


def test_quiet_ingest_leaves_stderr_empty(tmp_path):
    """-q means errors only, also for libraries that set their own logger to DEBUG (bm25s
    logs each index build)."""
    import subprocess
    import sys

    f = tmp_path / "aftale.txt"
    f.write_text("§ 1. Regionsrådet skal indsende sundhedsaftalen senest den 1. juli.\n\n"
                 "§ 2. Kommunalbestyrelsen kan deltage i arbejdet.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from aftalegraf.cli import main; sys.exit(main(sys.argv[1:]))",
         "-q", "ingest", str(f), "--store", str(tmp_path / "store"), "--skip-graph"],
        capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.splitlines()[2].startswith("added")  # the table still goes to stdout
