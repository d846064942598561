"""The ``index`` stage: keeps the search index (FAISS + BM25) in step with the provisions.

``update(added, removed)`` drops the units of the changed and removed documents and adds
the changed documents' new units; only text not seen before is embedded (vectors are
cached by the hash of the embedded text, the units' and their sentences' alike). ``rebuild()`` derives everything, still reusing
cached vectors when the embedder is the same. Each call writes a new index directory and
swaps it in, so a failure leaves the previous index intact."""

from __future__ import annotations

import logging
import shutil
import time

import numpy as np

from aftalegraf.embedding.base import Embedder, embedder_from_settings
from aftalegraf.progress import progress
from aftalegraf.store import Store

from . import storage
from .dense import DenseIndex
from .lexical import TOKENIZER_VERSION, LexicalIndex
from .units import Unit, document_units, sentence_texts, text_hash

log = logging.getLogger(__name__)

EMBED_BATCH = 32


def embedder_signature(emb: Embedder) -> dict:
    return {"name": emb.name, "model": emb.model, "dim": int(emb.dim)}


class IndexStage:
    name = "index"

    def __init__(self, store: Store, embedder: Embedder | None = None):
        self.store = store
        self._embedder = embedder
        self.stats: dict = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = embedder_from_settings(self.store.settings)
        return self._embedder

    # --- the stage protocol ------------------------------------------------------
    def rebuild(self) -> None:
        units = self._units_of(self.store.document_ids())
        self._write(units, previous=self._previous(), incremental=None)

    def update(self, added: list[str], removed: list[str]) -> None:
        previous = self._previous()
        if previous is None or previous.manifest.get("embedder") != embedder_signature(self.embedder):
            log.info("index: no compatible index to update; rebuilding")
            return self.rebuild()
        changed = set(added) | set(removed)
        kept = [u for u in previous.units if u.document_id not in changed]
        new = self._units_of([d for d in added if d not in set(removed)])
        self._write(kept + new, previous=previous, incremental=changed)

    def close(self) -> None:
        """Nothing to release: the store belongs to the caller, the embedder is shared."""

    # --- internals ---------------------------------------------------------------
    def _units_of(self, doc_ids: list[str]) -> list[Unit]:
        units: list[Unit] = []
        count = self.embedder.token_count
        for doc_id in doc_ids:
            units.extend(document_units(self.store.document(doc_id), count))
        return _dedupe(units)

    def _previous(self) -> storage.IndexData | None:
        d = self.store.index_path
        manifest = storage.read_manifest(d)
        if manifest is None or manifest.get("format") != storage.FORMAT_VERSION:
            return None
        try:
            return storage.IndexData(manifest, storage.read_units(d), storage.read_vectors(d), storage.read_sentences(d))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("index: previous index unreadable (%s); rebuilding", exc)
            return None

    def _embed_cached(self, texts: list[str], hashes: list, old_hashes: list | None, old_vectors, desc: str
                      ) -> tuple[np.ndarray, int, float]:
        """Vectors for ``texts``: the previous index's where the hash of the embedded text is
        the same (and so was the embedder), the rest embedded in batches. Returns the vectors,
        how many were embedded and the seconds it took."""
        emb = self.embedder
        out = np.zeros((len(texts), int(emb.dim)), dtype=np.float32)
        cache = {h: i for i, h in enumerate(old_hashes)} if old_hashes is not None else {}
        todo: list[int] = []
        for i, h in enumerate(hashes):
            j = cache.get(h)
            if j is not None:
                out[i] = old_vectors[j]
            else:
                todo.append(i)
        t0 = time.perf_counter()
        batches = [todo[i : i + EMBED_BATCH] for i in range(0, len(todo), EMBED_BATCH)]
        for batch in progress(batches, desc=f"{desc} ({emb.name})", unit="batch"):
            out[batch] = emb.embed_passages([texts[i] for i in batch])
        return out, len(todo), time.perf_counter() - t0

    def _same_embedder(self, previous: storage.IndexData | None) -> bool:
        return previous is not None and previous.manifest.get("embedder") == embedder_signature(self.embedder)

    def _vectors_for(self, units: list[Unit], previous: storage.IndexData | None) -> np.ndarray:
        reuse = self._same_embedder(previous)
        out, embedded, seconds = self._embed_cached(
            [u.embed_text for u in units], [u.text_hash for u in units],
            [u.text_hash for u in previous.units] if reuse else None, previous.vectors if reuse else None, "embedding")
        self.stats = {"units": len(units), "embedded": embedded, "reused": len(units) - embedded, "embed_seconds": seconds}
        return out

    def _sentences_for(self, units: list[Unit], previous: storage.IndexData | None) -> storage.Sentences | None:
        """The sentence vectors of the units of two or more sentences, reusing the previous
        index's for text embedded before; None when the setting ``sentence_weight`` is 0."""
        if float(self.store.settings.get("sentence_weight") or 0) <= 0:
            return None
        texts, rows = [], []
        for r, u in enumerate(units):
            for t in sentence_texts(u):
                texts.append(t)
                rows.append(r)
        hashes = np.array([text_hash(t) for t in texts], dtype="S32")
        old = previous.sentences if self._same_embedder(previous) else None
        out, embedded, seconds = self._embed_cached(
            texts, hashes.tolist(), old.hashes.tolist() if old is not None else None,
            old.vectors if old is not None else None, "embedding sentences")
        self.stats.update({"sentences": len(texts), "sentences_embedded": embedded, "sentence_embed_seconds": seconds})
        return storage.Sentences(out, np.array(rows, dtype=np.int64), hashes)

    def _write(self, units: list[Unit], previous: storage.IndexData | None, incremental: set[str] | None) -> None:
        emb = self.embedder
        index_type = str(self.store.settings.get("index_type") or "flat")
        vectors = self._vectors_for(units, previous)
        sentences = self._sentences_for(units, previous)
        ids = np.array([u.int_id for u in units], dtype=np.int64)
        tmp = storage.new_temp_dir(self.store.index_path)
        try:
            dense = None
            if (incremental is not None and previous is not None
                    and previous.manifest.get("index_type") == index_type and index_type != "hnsw"):
                # in place: remove the changed documents' vectors, add their new ones
                dense = DenseIndex.load(self.store.index_path, index_type)
                old_ids = np.array([u.int_id for u in previous.units if u.document_id in incremental], dtype=np.int64)
                dense.remove(old_ids)
                old_keys = {u.key for u in previous.units if u.document_id not in incremental}
                fresh = [i for i, u in enumerate(units) if u.key not in old_keys]
                dense.add(ids[fresh], vectors[fresh])
            if dense is None:
                dense = DenseIndex.build(int(emb.dim), ids, vectors, index_type)
            dense.save(tmp)
            LexicalIndex.build([u.embed_text for u in units]).save(tmp)
            storage.write_units(tmp, units)
            storage.write_vectors(tmp, vectors)
            if sentences is not None:
                storage.write_sentences(tmp, sentences)
            storage.write_manifest(tmp, {
                "format": storage.FORMAT_VERSION,
                "embedder": embedder_signature(emb),
                "index_type": index_type,
                "tokenizer": TOKENIZER_VERSION,
                "generation": self.store.generation,
                "units": len(units),
                "sentences": 0 if sentences is None else len(sentences.rows),
                "documents": len({u.document_id for u in units}),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            })
            storage.swap_in(tmp, self.store.index_path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _dedupe(units: list[Unit]) -> list[Unit]:
    seen: set[str] = set()
    out = []
    for u in units:
        if u.key not in seen:
            seen.add(u.key)
            out.append(u)
    return out
