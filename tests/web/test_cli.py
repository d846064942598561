"""`aftalegraf serve` and `aftalegraf demo`."""

from __future__ import annotations

import pytest

from aftalegraf.cli import build_parser, main


def test_serve_and_demo_are_commands():
    parser = build_parser()
    args = parser.parse_args(["serve", "--host", "127.0.0.1", "--port", "8123", "--store", "/tmp/x"])
    assert (args.host, args.port, args.store) == ("127.0.0.1", 8123, "/tmp/x")
    args = parser.parse_args(["demo", "--no-serve"])
    assert args.no_serve and args.port == 8000


def test_sample_corpus_is_packaged():
    from aftalegraf.cli.serve import sample_dir

    assert any(p.name.endswith(".txt") for p in sample_dir().iterdir())


@pytest.mark.slow
def test_demo_no_serve_ingests_sample(tmp_path, capsys):
    from aftalegraf.store import Store

    rc = main(["demo", "--no-serve", "--store", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "dokumenter" in err
    assert Store(tmp_path / "store").counts()["documents"] > 0
