"""The index directory's layout and its atomic replacement.

    STORE/index/
      manifest.json   embedder name, model and dim; index type; store generation; counts
      units.jsonl     the units, one per line, in row order
      vectors.npy     their vectors (float32, row-aligned): the cache that spares
                      unchanged text from being embedded again
      dense.faiss     FAISS IndexIDMap2 keyed by the units' int ids
      sentences.npz   the vectors of the units' sentences (units of two or more), the row of
                      the unit each belongs to (ascending) and the hash of its embedded text;
                      absent in an index built without them (setting sentence_weight 0)
      bm25/           the BM25 index (row-aligned with units.jsonl)

A new version is written to a sibling temporary directory and swapped in by renames, so a
failure part-way leaves the previous index as it was."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .units import Unit

MANIFEST = "manifest.json"
UNITS = "units.jsonl"
VECTORS = "vectors.npy"
SENTENCES = "sentences.npz"
FORMAT_VERSION = 1


@dataclass
class Sentences:
    """The units' sentence vectors: ``vectors[i]`` belongs to unit row ``rows[i]`` (ascending);
    ``hashes[i]`` is the hash of its embedded text (the cache for the next build)."""
    vectors: np.ndarray
    rows: np.ndarray
    hashes: np.ndarray


@dataclass
class IndexData:
    manifest: dict
    units: list[Unit] = field(default_factory=list)
    vectors: np.ndarray | None = None
    sentences: Sentences | None = None


def exists(index_dir: Path) -> bool:
    return (Path(index_dir) / MANIFEST).exists()


def read_manifest(index_dir: Path) -> dict | None:
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_units(index_dir: Path) -> list[Unit]:
    units = []
    with open(Path(index_dir) / UNITS, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            units.append(Unit(**d))
    return units


def read_vectors(index_dir: Path) -> np.ndarray:
    return np.load(Path(index_dir) / VECTORS, mmap_mode=None)


def read_sentences(index_dir: Path) -> Sentences | None:
    path = Path(index_dir) / SENTENCES
    if not path.exists():
        return None
    with np.load(path) as data:
        return Sentences(data["vectors"], data["rows"], data["hashes"])


def write_sentences(directory: Path, sentences: Sentences) -> None:
    np.savez(Path(directory) / SENTENCES, vectors=np.ascontiguousarray(sentences.vectors, dtype=np.float32),
             rows=np.asarray(sentences.rows, dtype=np.int64), hashes=np.asarray(sentences.hashes, dtype="S32"))


def write_units(directory: Path, units: list[Unit]) -> None:
    with open(Path(directory) / UNITS, "w", encoding="utf-8") as fh:
        for u in units:
            fh.write(json.dumps(u.to_dict(), ensure_ascii=False))
            fh.write("\n")


def write_vectors(directory: Path, vectors: np.ndarray) -> None:
    np.save(Path(directory) / VECTORS, np.ascontiguousarray(vectors, dtype=np.float32))


def write_manifest(directory: Path, manifest: dict) -> None:
    (Path(directory) / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def new_temp_dir(index_dir: Path) -> Path:
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.new-", dir=index_dir.parent))


def swap_in(temp_dir: Path, index_dir: Path) -> None:
    """Replace index_dir by temp_dir (renames on one filesystem)."""
    index_dir = Path(index_dir)
    old = None
    if index_dir.exists():
        old = index_dir.parent / f".{index_dir.name}.old-{os.getpid()}"
        if old.exists():
            shutil.rmtree(old)
        os.replace(index_dir, old)
    try:
        os.replace(temp_dir, index_dir)
    except BaseException:
        if old is not None:
            os.replace(old, index_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
