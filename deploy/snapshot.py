"""Build once, serve many: immutable, versioned snapshots of a store for read-only nodes.

    SNAPSHOTS/
      CURRENT                  the name of the generation to serve (replaced atomically)
      aftalegraf.toml          the serving nodes' own settings (optional; never copied from the source)
      generations/
        20261202T101500Z-g42/  one complete, immutable store: aftalegraf.sqlite, index/,
          snapshot.json        graph/ (only when the graph is not on a shared SPARQL server)

``aftalegraf snapshot --store SRC --out SNAPSHOTS`` writes a new generation beside the old
ones and then points ``CURRENT`` at it; a reader never sees a half-written one.
``aftalegraf serve --read-only --store SNAPSHOTS`` serves ``CURRENT`` and, through
:class:`Follower`, notices a newer one, loads it in the background and swaps it in between
requests (requests in flight finish on the generation they started with).

The copy is consistent: SQLite through its backup API, the graph through Oxigraph's backup,
the index by copying a directory the index stage only ever replaces by renames; a snapshot is
refused when the index or the graph lags behind the documents (run ``reindex`` first) or when
the store changed while it was copied.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from aftalegraf.errors import ConfigError, NotFound
from aftalegraf.kg import rdf
from aftalegraf.search import storage
from aftalegraf.stages import is_stale
from aftalegraf.store import DB_NAME, Store

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
GENERATIONS = "generations"
MANIFEST = "snapshot.json"
CHECK_EVERY = 2.0          # seconds between a serving node's looks at CURRENT


def remote_graph(settings: dict) -> bool:
    """Whether the graph lives on a shared SPARQL server (so a snapshot leaves it out)."""
    return bool(settings.get("sparql_endpoint"))


def write_snapshot(store: Store, out: str | Path, keep: int = 3) -> dict:
    """Write a new generation of ``store`` under ``out`` and make it current; keep the newest
    ``keep`` generations. Returns the generation's manifest."""
    out = Path(out)
    generation = store.generation
    manifest = storage.read_manifest(store.index_path)
    if manifest is None:
        raise ConfigError(f"no search index in {store.path}: run `aftalegraf reindex` before a snapshot")
    if int(manifest.get("generation", -1)) != generation:
        raise ConfigError(f"the search index of {store.path} lags behind its documents: run `aftalegraf reindex` "
                          f"before a snapshot")
    with_graph = not remote_graph(store.settings)
    if store.get_meta("stage:graph:generation") is not None and is_stale(store, "graph"):
        raise ConfigError(f"the graph of {store.path} lags behind its documents (or its last push to the SPARQL "
                          f"server failed): run `aftalegraf reindex` before a snapshot")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{stamp}-g{generation}"
    gens = out / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    tmp = gens / f".tmp-{name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        _copy_database(store, tmp / DB_NAME)
        shutil.copytree(store.index_path, tmp / "index", ignore=shutil.ignore_patterns(".tmp*"))
        if with_graph and store.graph_path.exists():
            rdf.graph_for(store).backup(str(tmp / "graph"))
        copied = Store(tmp, immutable=True, settings_dir=tmp)
        copied_generation = copied.generation
        copied.close()
        index_generation = int((storage.read_manifest(tmp / "index") or {}).get("generation", -1))
        if copied_generation != generation or index_generation != generation:
            raise ConfigError("the store changed while the snapshot was copied (an ingest is running): try again "
                              "when it has finished")
        info = {"name": name, "generation": generation, "created": stamp,
                "graph": "embedded" if with_graph else "remote",
                "graph_version": store.get_meta("graph:version", "") or "", **store.counts()}
        (tmp / MANIFEST).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, gens / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = out / f".{CURRENT}.tmp"
    pointer.write_text(name + "\n", encoding="utf-8")
    os.replace(pointer, out / CURRENT)           # readers switch here, never to a half-written generation
    _prune(gens, keep, name)
    log.info("snapshot %s: %d documents, %d provisions", name, info["documents"], info["provisions"])
    return info


def _copy_database(store: Store, target: Path) -> None:
    """A consistent copy through SQLite's backup API, left in rollback-journal mode so that
    readers can open it immutable, without -wal/-shm files."""
    dst = sqlite3.connect(target)
    try:
        store.db.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        dst.commit()
    finally:
        dst.close()


def _prune(gens: Path, keep: int, current: str) -> None:
    names = sorted(p.name for p in gens.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in names[:-max(keep, 1)]:
        if old != current:
            shutil.rmtree(gens / old, ignore_errors=True)


def is_snapshots(path: str | Path) -> bool:
    """Whether ``path`` is a snapshot directory (as opposed to a store)."""
    return (Path(path) / CURRENT).exists()


def current_name(root: str | Path) -> str:
    try:
        name = (Path(root) / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        raise NotFound("store", str(root)) from None
    if not name or "/" in name or name.startswith("."):
        raise ConfigError(f"{Path(root) / CURRENT}: not a generation name: {name!r}")
    return name


def open_generation(root: str | Path, name: str | None = None) -> Store:
    """The named (default: current) generation as an immutable store, with the settings of
    the snapshot directory (the serving node's own) rather than of the source."""
    root = Path(root)
    name = name or current_name(root)
    path = root / GENERATIONS / name
    if not (path / DB_NAME).exists():
        raise NotFound("store", str(path))
    store = Store(path, immutable=True, settings_dir=root)
    store.generation_name = name       # shown by health
    return store


class Follower:
    """The current generation of a snapshot directory, swapped when ``CURRENT`` changes.

    ``current()`` is what a request uses; it looks at ``CURRENT`` at most every
    ``CHECK_EVERY`` seconds, and a new generation is opened and prepared (``prepare``, e.g.
    loading its search index) in a background thread while the old one keeps serving."""

    def __init__(self, root: str | Path, prepare: Callable[[Store], object] | None = None):
        self.root = Path(root)
        self.prepare = prepare or (lambda store: None)
        self._store = open_generation(self.root)
        self.prepare(self._store)
        self._checked = time.monotonic()
        self._loading: str | None = None
        self._lock = threading.Lock()

    def current(self) -> Store:
        now = time.monotonic()
        if now - self._checked >= CHECK_EVERY:
            self._checked = now
            self._look()
        return self._store

    def _look(self) -> None:
        try:
            name = current_name(self.root)
        except (NotFound, ConfigError) as exc:
            log.warning("snapshots: %s; serving %s", exc, self._store.generation_name)
            return
        with self._lock:
            if name == self._store.generation_name or name == self._loading:
                return
            self._loading = name
        threading.Thread(target=self._load, args=(name,), daemon=True, name=f"snapshot-{name}").start()

    def _load(self, name: str) -> None:
        try:
            store = open_generation(self.root, name)
            self.prepare(store)
        except Exception as exc:  # noqa: BLE001 - keep serving the old generation, say why
            log.error("snapshots: generation %s could not be loaded, still serving %s: %s",
                      name, self._store.generation_name, exc)
            with self._lock:
                self._loading = None
            return
        with self._lock:
            self._store, self._loading = store, None
        log.info("snapshots: now serving %s", name)

    def wait_for(self, name: str, timeout: float = 60.0) -> Store:
        """Block until generation ``name`` serves (tests, and a deploy script that wants to know)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._checked = 0.0
            if self.current().generation_name == name:
                return self._store
            time.sleep(0.05)
        raise TimeoutError(f"generation {name} was not served within {timeout:g} s")
