"""The store: one transaction per source file, replace without orphans, generations."""

from __future__ import annotations

import pytest

from aftalegraf.errors import IngestError, NotFound
from aftalegraf.model import Document, Provision
from aftalegraf.store import SourceRecord, Store


def _doc(doc_id: str, texts: list[str]) -> Document:
    text = "\n\n".join(texts)
    provisions, pos = [], 0
    for i, t in enumerate(texts, 1):
        start = text.index(t, pos)
        provisions.append(Provision(f"{doc_id}/p{i}", doc_id, "paragraf", t, start, start + len(t), label=f"§ {i}", ordinal=i))
        pos = start + len(t)
    return Document(doc_id, f"Titel {doc_id}", "bekendtgørelse", text, provisions)


def test_replace_source_round_trip(tmp_store: Store):
    doc = _doc("bek-2022-1", ["§ 1. Regionsrådet skal indsende aftalen.", "§ 2. Stk. 2. Kommunerne kan deltage."])
    change = tmp_store.replace_source(SourceRecord("/x/a.txt", "abc", 10, "text"), [doc])
    assert change.added == ["bek-2022-1"] and change.removed == []
    back = tmp_store.document("bek-2022-1")
    assert [p.id for p in back.provisions] == ["bek-2022-1/p1", "bek-2022-1/p2"]
    for p in back.provisions:
        assert back.text[p.start : p.end] == p.text
    assert tmp_store.counts() == {"documents": 1, "provisions": 2}


def test_changed_file_replaces_documents_without_orphans(tmp_store: Store):
    src = SourceRecord("/x/a.txt", "v1", 10, "text")
    tmp_store.replace_source(src, [_doc("d1", ["a", "b", "c"]), _doc("d2", ["x"])])
    gen = tmp_store.generation
    change = tmp_store.replace_source(SourceRecord("/x/a.txt", "v2", 10, "text"), [_doc("d1", ["a"])])
    assert change.removed == ["d2"]
    assert tmp_store.document_ids() == ["d1"]
    assert tmp_store.counts()["provisions"] == 1
    assert tmp_store.generation == gen + 1
    with pytest.raises(NotFound):
        tmp_store.provision("d1/p2")


def test_document_moving_to_another_file_is_not_duplicated(tmp_store: Store):
    tmp_store.replace_source(SourceRecord("/x/a.txt", "v1", 1, "text"), [_doc("d1", ["a"])])
    tmp_store.replace_source(SourceRecord("/y/a-copy.txt", "v1", 1, "text"), [_doc("d1", ["a", "b"])])
    assert tmp_store.document_ids() == ["d1"]
    assert tmp_store.document("d1").source_path == "/y/a-copy.txt"


def test_failed_write_leaves_store_intact(tmp_store: Store):
    tmp_store.replace_source(SourceRecord("/x/a.txt", "v1", 1, "text"), [_doc("d1", ["a", "b"])])
    before = (tmp_store.counts(), tmp_store.generation)
    bad = _doc("d1", ["a", "b"])
    bad.provisions[1].id = bad.provisions[0].id  # duplicate provision id
    with pytest.raises(IngestError) as err:
        tmp_store.replace_source(SourceRecord("/x/a.txt", "v2", 1, "text"), [bad])
    assert "/x/a.txt" in str(err.value) and "duplicate provision id" in str(err.value)
    assert (tmp_store.counts(), tmp_store.generation) == before
    assert tmp_store.source("/x/a.txt").sha256 == "v1"


def test_neighbours_and_children(tmp_store: Store):
    doc = _doc("d", ["a", "b", "c", "d"])
    doc.provisions[2].parent_id = "d/p2"
    tmp_store.replace_source(SourceRecord("/x/a.txt", "v1", 1, "text"), [doc])
    assert [p.id for p in tmp_store.neighbours("d/p2")] == ["d/p1", "d/p2", "d/p3"]
    assert [p.id for p in tmp_store.children("d/p2")] == ["d/p3"]


def test_opening_missing_store_without_create_names_it(tmp_path):
    with pytest.raises(NotFound) as err:
        Store(tmp_path / "nope", create=False)
    assert "nope" in str(err.value)
