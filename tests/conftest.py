"""Shared fixtures. Tests that read ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Which order applies changes with the calendar (BEK 918/2018 until 31 December 2026, BEK
# 1804/2025 from 1 January 2027): the suite reads legal status as on the day its expectations
# were written, unless a run asks for another day. Servers the tests start inherit it.
os.environ.setdefault("AFTALEGRAF_TODAY", "2026-12-01")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the project ({SHARED}/corpus missing)")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    d = shared_dir / "eval"
    if not d.is_dir():
        pytest.skip(f"no evaluation sets in {d}")
    return d


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def tmp_store(tmp_path: Path):
    from aftalegraf.store import Store

    store = Store(tmp_path / "store")
    yield store
    store.close()
