"""Goals without an explicit theme mention get ``method="similarity"`` links in the graph
(explicit mention first, similarity second, with score and evidence kept)."""
from __future__ import annotations

import numpy as np
from kg_docs import make_doc  # noqa: E402

from aftalegraf.embedding import cache as embed_mod  # noqa: E402
from aftalegraf.kg import quads as quads_mod  # noqa: E402
from aftalegraf.kg.sparql import sparql  # noqa: E402
from aftalegraf.kg.stage import GraphStage  # noqa: E402
from aftalegraf.model import Document  # noqa: E402
from aftalegraf.store import (
    SourceRecord,  # noqa: E402
    Store,
)


def put(store: Store, doc: Document, source: str) -> None:
    store.replace_source(SourceRecord(source, doc.id, 1, "text"), [doc])

_MENTAL = ("mental", "psyk", "trives", "har det godt", "sind")


def _fake_passages(texts):
    """Deterministic stand-in for the store's embedder: mental-health wording -> one axis."""
    out = []
    for t in texts:
        v = np.zeros(16, dtype=np.float32)
        low = t.lower()
        if any(w in low for w in _MENTAL):
            v[0] = 1.0
        else:
            v[1 + (sum(map(ord, low)) % 15)] = 1.0
        out.append(v)
    return np.asarray(out)


def test_goal_without_keyword_gets_similarity_theme(tmp_path, monkeypatch):
    calls = []

    def fake_get_embedder(store=None, fn=None):
        calls.append(dict(getattr(store, "settings", {}) or {}).get("embedder"))
        return embed_mod.CachedEmbedder("test-fake-mental", _fake_passages)

    monkeypatch.setattr(embed_mod, "cached_embedder", fake_get_embedder)
    store = Store(tmp_path / "store")
    doc = make_doc("sa-2024-sim", "sundhedsaftale", [
        ("s1", "section", "1", "1 Mål", None),
        ("s1/g1", "goal", "", "Flere borgere trives og har det godt i hverdagen.", "s1"),
    ])
    put(store, doc, "/src/sa.txt")
    st = GraphStage(store)
    st.rebuild()
    st.close()
    assert calls, "the stage asked for the store's embedder"
    rows = sparql(store, """
        PREFIX ag: <https://w3id.org/aftalegraf/ontologi#>
        SELECT ?g ?concept ?score ?evidence WHERE {
          ?g a ag:Goal ; ag:classification ?c .
          ?c ag:method "similarity" ; ag:concept ?concept ; ag:score ?score ; ag:evidence ?evidence .
        }""")
    text = str(rows)
    assert "mental-sundhed" in text, rows
    assert "Mental sundhed og psykiatri" in text, rows


def test_embedder_unavailable_keeps_explicit_only(tmp_path, monkeypatch, caplog):
    def broken(store=None, fn=None):
        raise RuntimeError("no model here")

    monkeypatch.setattr(embed_mod, "cached_embedder", broken)
    store = Store(tmp_path / "store")
    assert quads_mod.goal_embed_fn(store) is None
    assert "embedder not available" in caplog.text
