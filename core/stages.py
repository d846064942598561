"""Derived stages: the graph and the search index, kept in step with the provisions.

After the ingest pipeline commits documents to SQLite it hands the change sets to every
stage in ``plugins.STAGE_ORDER``. A stage implements::

    class Stage:
        name: str
        def __init__(self, store): ...
        def update(self, added: list[str], removed: list[str]) -> None
            # (re)derive the given document ids, drop the removed ones; atomic per call
        def rebuild(self) -> None      # derive everything from scratch
        def close(self) -> None

and records the store generation it reflects, so ``aftalegraf status`` shows a stale stage
and ``aftalegraf reindex`` repairs one whose update failed.
"""

from __future__ import annotations

import logging

from . import plugins
from .store import ChangeSet, Store

log = logging.getLogger(__name__)


def stage_names(only: list[str] | None = None, skip: list[str] | None = None) -> list[str]:
    names = [n for n in plugins.STAGE_ORDER if n in plugins.names("stage")]
    if only is not None:
        names = [n for n in names if n in only]
    return [n for n in names if n not in (skip or [])]


def mark_done(store: Store, name: str) -> None:
    store.set_meta(f"stage:{name}:generation", str(store.generation))


def mark_building(store: Store, name: str) -> None:
    """Before a stage writes: a process killed mid-way leaves the stage stale (``status``
    says so, and the next ingest or reindex rebuilds it), never 'up to date' and half-written."""
    store.set_meta(f"stage:{name}:generation", "building")


def is_stale(store: Store, name: str) -> bool:
    return store.get_meta(f"stage:{name}:generation") != str(store.generation)


def apply_changes(store: Store, changes: list[ChangeSet], names: list[str], generation_before: int) -> None:
    """Bring each named stage up to date with the given changes. A stage that was not in
    step before these changes (never built, or an earlier update failed) is rebuilt."""
    added = sorted({d for c in changes for d in c.added})
    removed = sorted({d for c in changes for d in c.removed} - set(added))
    for name in names:
        stage = plugins.get("stage", name)(store)
        try:
            if store.get_meta(f"stage:{name}:generation") != str(generation_before):
                log.info("%s: rebuilding from all provisions", name)
                mark_building(store, name)
                stage.rebuild()
            elif added or removed:
                mark_building(store, name)
                stage.update(added, removed)
            mark_done(store, name)
        finally:
            stage.close()


def rebuild(store: Store, names: list[str]) -> None:
    for name in names:
        stage = plugins.get("stage", name)(store)
        try:
            mark_building(store, name)
            stage.rebuild()
            mark_done(store, name)
        finally:
            stage.close()
