"""Embedder over sentence-transformers: any local model directory, or a model name already
in the local Hugging Face cache (setting ``embedder_model``). An optional extra: torch is
imported only here, and nothing is ever downloaded (``local_files_only``).
e5 models get their "query: " / "passage: " prefixes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from aftalegraf.errors import ConfigError

from .base import normalise_rows

EXTRA_HINT = "pip install 'aftalegraf[sentence-transformers]'"


class SentenceTransformerEmbedder:
    name = "sentence-transformers"

    def __init__(self, model: str = "", batch_size: int = 32, device: str | None = None):
        if not model:
            raise ConfigError(
                "the sentence-transformers embedder needs a model: set embedder_model to a local "
                "model directory or a model name in the local Hugging Face cache"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(f"the sentence-transformers embedder is not installed ({EXTRA_HINT})") from exc
        path = Path(model).expanduser()
        if path.exists():
            if not (path / "config.json").exists() and not (path / "modules.json").exists():
                raise ConfigError(f"embedder_model {model!r}: not a sentence-transformers model directory")
            source = str(path)
        elif model.startswith((".", "/", "~")):
            raise ConfigError(f"embedder_model {model!r}: no such directory")
        else:
            source = model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = SentenceTransformer(source, device=device or "cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
            raise ConfigError(
                f"embedder_model {model!r} could not be loaded offline ({type(exc).__name__}: {exc}); "
                "give a local model directory, nothing is downloaded"
            ) from exc
        self.model = model
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = int(getattr(self._model, "max_seq_length", 512) or 512)
        self.batch_size = batch_size
        is_e5 = "e5" in Path(model).name.lower() or "e5" in model.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self._passage_prefix + t for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        return normalise_rows(vecs)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self._query_prefix + text], normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)[0]
        return normalise_rows(vec)

    def token_count(self, text: str) -> int:
        return len(self._model.tokenizer(self._passage_prefix + text, add_special_tokens=True)["input_ids"])
