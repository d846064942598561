"""Load the shared corpus as Documents: through ingest when it is usable, else through the
plain splitter of ``aftalegraf.kg.extract.document_from_text``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def load_documents(paths=None, use_ingest: bool | None = None):
    from aftalegraf.kg.extract import document_from_text, guess_type

    files = sorted(p for d in ("seeds", "retsinformation") for p in (CORPUS / d).glob("*.txt")) if paths is None else [Path(p) for p in paths]
    if use_ingest is None:
        use_ingest = os.environ.get("AFTALEGRAF_KG_PLAIN") != "1"
    if use_ingest:
        try:
            from aftalegraf.ingest.pipeline import read_documents  # type: ignore

            docs = []
            for f in files:
                _, got = read_documents(f)
                docs.extend(got)
            if docs:
                return docs, "ingest"
        except Exception as e:  # ingest not usable yet
            print(f"(ingest not usable: {type(e).__name__}: {e}; using the plain splitter)", file=sys.stderr)
    docs = []
    for f in files:
        name = f.stem
        docs.append(document_from_text(name, f.read_text(encoding="utf-8"), guess_type(name)))
    return docs, "plain"
