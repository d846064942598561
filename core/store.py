"""The store: a directory on disk, no server.

    STORE/
      aftalegraf.sqlite   sources, documents and provisions: the source of truth
      aftalegraf.toml     optional settings (see aftalegraf.config)
      graph/              the RDF graph (embedded Oxigraph), derived from the provisions
      index/              the search index (FAISS + BM25), derived from the provisions

Everything under graph/ and index/ can be rebuilt from the SQLite tables; the derived
stages record which generation of the tables they reflect (``meta`` table), so a stale
graph or index is detected rather than trusted.

Replacing a source file's documents is one SQLite transaction: a file that fails leaves
nothing half-written, and re-ingesting a changed file replaces all its earlier documents
and provisions (no duplicates, no orphans).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .config import load_settings, resolve_store_dir
from .errors import IngestError, NotFound, ReadOnly
from .model import Document, Provision

DB_NAME = "aftalegraf.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,         -- absolute path of the ingested file
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,          -- the ingestor that read it
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,      -- position within its source file
    title TEXT NOT NULL, type TEXT NOT NULL, issuer TEXT, region TEXT, period TEXT,
    date TEXT, identifier TEXT, eli TEXT, source_span TEXT, meta TEXT,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS provisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    parent_id TEXT,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL, label TEXT, title TEXT,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    path TEXT NOT NULL             -- JSON list of headings
);
CREATE INDEX IF NOT EXISTS provisions_document ON provisions(document_id, ordinal);
CREATE INDEX IF NOT EXISTS provisions_parent ON provisions(parent_id);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
"""


@dataclass
class SourceRecord:
    path: str
    sha256: str
    size: int
    format: str
    ingested_at: str = ""


@dataclass
class ChangeSet:
    """What one replace_source() changed, for the derived stages."""

    added: list[str]      # document ids new or replaced
    removed: list[str]    # document ids that no longer exist
    unchanged: bool = False


class Store:
    """``read_only``: SQLite opened read-only and every write refused (``ReadOnly``), for
    ``serve --read-only``; ``immutable`` also tells SQLite the file never changes (a
    snapshot generation), so reading takes no locks at all. ``settings_dir``: where
    aftalegraf.toml is read from, when not the store itself (a snapshot's root)."""

    def __init__(self, path: str | Path, create: bool = True, read_only: bool = False, immutable: bool = False,
                 settings_dir: str | Path | None = None):
        self.path = Path(path)
        self.read_only = read_only or immutable
        self._immutable = immutable
        if create and not self.read_only:
            self.path.mkdir(parents=True, exist_ok=True)
        elif not (self.path / DB_NAME).exists():
            raise NotFound("store", str(self.path))
        self._local = threading.local()
        self._write_lock = threading.Lock()
        if not self.read_only:
            with self._connect() as con:
                con.executescript(_SCHEMA)
                con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.settings = load_settings(Path(settings_dir) if settings_dir else self.path)

    # --- connections ---------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        """One connection per thread (the web server reads from several)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
        return con

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            uri = (self.path / DB_NAME).resolve().as_uri() + ("?immutable=1" if self._immutable else "?mode=ro")
            con = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            con.row_factory = sqlite3.Row
            return con
        con = sqlite3.connect(self.path / DB_NAME, timeout=30, check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    @property
    def graph_path(self) -> Path:
        return self.path / "graph"

    @property
    def index_path(self) -> Path:
        return self.path / "index"

    # --- meta ----------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as con:
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """Bumped on every change to documents; derived stages compare against it."""
        return int(self.get_meta("generation", "0"))

    # --- writing -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReadOnly(f"the store {self.path}")
        with self._write_lock:
            con = self.db
            try:
                con.execute("BEGIN IMMEDIATE")
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def source(self, path: str | Path) -> SourceRecord | None:
        row = self.db.execute("SELECT * FROM sources WHERE path = ?", (str(path),)).fetchone()
        return SourceRecord(**dict(row)) if row else None

    def sources(self) -> list[SourceRecord]:
        return [SourceRecord(**dict(r)) for r in self.db.execute("SELECT * FROM sources ORDER BY path")]

    def replace_source(self, source: SourceRecord, documents: list[Document]) -> ChangeSet:
        """Store a file's documents in place of whatever that file (or those document ids)
        held before, in one transaction."""
        from datetime import datetime, timezone

        source.ingested_at = source.ingested_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        _check_unique(source.path, documents)
        with self.transaction() as con:
            old = [r[0] for r in con.execute("SELECT id FROM documents WHERE source_path = ?", (source.path,))]
            new_ids = [d.id for d in documents]
            # A document id now produced by this file but formerly by another file moves here.
            stolen = [
                r[0]
                for r in con.execute(
                    f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(new_ids))}) AND source_path != ?",
                    (*new_ids, source.path),
                )
            ] if new_ids else []
            for doc_id in set(old) | set(stolen):
                con.execute("DELETE FROM provisions WHERE document_id = ?", (doc_id,))
                con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            con.execute("DELETE FROM sources WHERE path = ?", (source.path,))
            con.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                (source.path, source.sha256, source.size, source.format, source.ingested_at),
            )
            for ordinal, doc in enumerate(documents):
                _insert_document(con, doc, source.path, ordinal)
            _bump_generation(con)
        return ChangeSet(added=new_ids, removed=sorted(set(old) - set(new_ids)))

    def remove_source(self, path: str | Path) -> ChangeSet:
        with self.transaction() as con:
            old = [r[0] for r in con.execute("SELECT id FROM documents WHERE source_path = ?", (str(path),))]
            for doc_id in old:
                con.execute("DELETE FROM provisions WHERE document_id = ?", (doc_id,))
            con.execute("DELETE FROM documents WHERE source_path = ?", (str(path),))
            con.execute("DELETE FROM sources WHERE path = ?", (str(path),))
            _bump_generation(con)
        return ChangeSet(added=[], removed=old)

    # --- reading -------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "provisions": q("SELECT count(*) FROM provisions").fetchone()[0],
        }

    def documents(self) -> list[Document]:
        """All documents with their metadata; text and provisions are left empty."""
        rows = self.db.execute(
            "SELECT d.*, '' AS text, (SELECT count(*) FROM provisions p WHERE p.document_id = d.id) AS n "
            "FROM documents d ORDER BY d.source_path, d.ordinal"
        )
        out = []
        for r in rows:
            doc = _row_to_document(r)
            doc.meta["provision_count"] = r["n"]
            out.append(doc)
        return out

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY source_path, ordinal")]

    def document(self, doc_id: str, with_provisions: bool = True) -> Document:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound("document", doc_id)
        doc = _row_to_document(row)
        if with_provisions:
            doc.provisions = list(self.provisions(doc_id))
        return doc

    def provisions(self, document_id: str | None = None) -> Iterator[Provision]:
        if document_id is None:
            rows = self.db.execute(
                "SELECT p.* FROM provisions p JOIN documents d ON d.id = p.document_id "
                "ORDER BY d.source_path, d.ordinal, p.ordinal"
            )
        else:
            rows = self.db.execute(
                "SELECT * FROM provisions WHERE document_id = ? ORDER BY ordinal", (document_id,)
            )
        for r in rows:
            yield _row_to_provision(r)

    def provision(self, provision_id: str) -> Provision:
        row = self.db.execute("SELECT * FROM provisions WHERE id = ?", (provision_id,)).fetchone()
        if row is None:
            raise NotFound("provision", provision_id)
        return _row_to_provision(row)

    def children(self, provision_id: str) -> list[Provision]:
        rows = self.db.execute("SELECT * FROM provisions WHERE parent_id = ? ORDER BY ordinal", (provision_id,))
        return [_row_to_provision(r) for r in rows]

    def neighbours(self, provision_id: str, before: int = 1, after: int = 1) -> list[Provision]:
        """The provision with those just before and after it in document order."""
        p = self.provision(provision_id)
        rows = self.db.execute(
            "SELECT * FROM provisions WHERE document_id = ? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (p.document_id, p.ordinal - before, p.ordinal + after),
        )
        return [_row_to_provision(r) for r in rows]


def _check_unique(source_path: str, documents: list[Document]) -> None:
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise IngestError(source_path, f"two documents in the file got the same id {doc.id!r}")
        seen.add(doc.id)
        pids: set[str] = set()
        for p in doc.provisions:
            if p.id in pids:
                raise IngestError(source_path, f"document {doc.id}: duplicate provision id {p.id!r}")
            pids.add(p.id)


def _insert_document(con: sqlite3.Connection, doc: Document, source_path: str, ordinal: int) -> None:
    con.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.id, source_path, ordinal, doc.title, doc.type, doc.issuer, doc.region, doc.period,
            doc.date, doc.identifier, doc.eli,
            json.dumps(list(doc.source_span)) if doc.source_span else None,
            json.dumps(doc.meta, ensure_ascii=False), doc.text,
        ),
    )
    con.executemany(
        "INSERT INTO provisions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (p.id, doc.id, p.parent_id, p.ordinal, p.kind, p.label, p.title, p.text, p.start, p.end,
             json.dumps(p.path, ensure_ascii=False))
            for p in doc.provisions
        ],
    )


def _bump_generation(con: sqlite3.Connection) -> None:
    con.execute(
        "INSERT INTO meta VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _row_to_document(r: sqlite3.Row) -> Document:
    span = json.loads(r["source_span"]) if r["source_span"] else None
    return Document(
        id=r["id"], title=r["title"], type=r["type"], text=r["text"], issuer=r["issuer"] or "",
        region=r["region"] or "", period=r["period"] or "", date=r["date"] or "",
        identifier=r["identifier"] or "", eli=r["eli"] or "", source_path=r["source_path"],
        source_span=tuple(span) if span else None, meta=json.loads(r["meta"] or "{}"),
    )


def _row_to_provision(r: sqlite3.Row) -> Provision:
    return Provision(
        id=r["id"], document_id=r["document_id"], kind=r["kind"], text=r["text"], start=r["start"],
        end=r["end"], parent_id=r["parent_id"], label=r["label"] or "", title=r["title"] or "",
        path=json.loads(r["path"]), ordinal=r["ordinal"],
    )


def open_store(path: str | Path | None = None, create: bool = True) -> Store:
    return Store(resolve_store_dir(path), create=create)


def iter_batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
