"""Fixtures for the comparison tests.

The synthetic agreements under fixtures/ were written for these tests (each starts with
"SYNTETISK TESTDOKUMENT"); they are loaded into a store by a small splitter here (one
provision per blank-line block), so the tests do not depend on the ingest pipeline's
heuristics. The shared-corpus acceptance test uses the real ingest pipeline.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from aftalegraf.model import Document, Provision
from aftalegraf.store import SourceRecord, Store
from aftalegraf.vocabulary import REGIONS

FIXTURES = Path(__file__).parent / "fixtures"
MARKER = "SYNTETISK TESTDOKUMENT"


def load_text(path: Path, doc_type: str | None = None, region: str | None = None, doc_id: str | None = None) -> Document:
    text = path.read_text(encoding="utf-8")
    lines = [l for l in text.splitlines() if l.strip()]
    title = next((l.strip() for l in lines if MARKER not in l), path.stem)
    low = title.lower()
    if doc_type is None:
        doc_type = "vejledning" if "vejledning" in low else "sundhedsaftale"
    if region is None:
        region = next((slug for slug, name in REGIONS.items() if name.lower() in (title + text[:500]).lower()), "")
        if doc_type == "vejledning":
            region = ""
    m = re.search(r"(20\d\d)\s*[-–]\s*(20\d\d)", title)
    period = f"{m.group(1)}-{m.group(2)}" if m and doc_type != "vejledning" else ""
    doc_id = doc_id or path.stem
    provisions = []
    for n, block in enumerate(re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text), 1):
        body = block.group(0)
        first = body.split("\n", 1)[0]
        kind = "heading" if ("\n" not in body and len(body) < 60 and not body.endswith(".")) else "paragraph"
        provisions.append(Provision(id=f"{doc_id}/b{n}", document_id=doc_id, kind=kind, text=body, start=block.start(),
                                    end=block.end(), title=first if kind == "heading" else "", ordinal=n))
    return Document(id=doc_id, title=title, type=doc_type, text=text, provisions=provisions, region=region,
                    period=period, source_path=str(path))


def add_to_store(store: Store, doc: Document) -> None:
    sha = hashlib.sha256(doc.text.encode()).hexdigest()
    store.replace_source(SourceRecord(doc.source_path, sha, len(doc.text), "text"), [doc])


AGREEMENTS = [
    "sundhedsaftale-2019-2023-region-nordjylland.txt",
    "sundhedsaftale-2019-2023-region-midtjylland.txt",
    "sundhedsaftale-2015-2018-region-syddanmark.txt",
    "sundhedsaftale-2019-2023-region-syddanmark.txt",
]


@pytest.fixture
def fixture_store(tmp_path):
    store = Store(tmp_path / "store")
    for name in AGREEMENTS:
        add_to_store(store, load_text(FIXTURES / name))
    yield store
    store.close()


@pytest.fixture(scope="module")
def fixture_result(tmp_path_factory):
    from aftalegraf.compare import compare

    store = Store(tmp_path_factory.mktemp("cmp") / "store")
    for name in AGREEMENTS:
        add_to_store(store, load_text(FIXTURES / name))
    result = compare(store)
    store.close()
    return result


@pytest.fixture(scope="session")
def cmp_helpers():
    """The loader for tests (conftest modules are not importable by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(load_text=load_text, add_to_store=add_to_store, FIXTURES=FIXTURES, AGREEMENTS=AGREEMENTS)
