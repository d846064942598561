"""Progress for long work (ingest, indexing): a bar on stderr when it is a terminal, a few
log lines otherwise, so stdout stays clean for --json."""

from __future__ import annotations

import logging
import sys
from typing import Iterable, Iterator, TypeVar

from .output import is_quiet

T = TypeVar("T")
log = logging.getLogger("aftalegraf")


def progress(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it") -> Iterator[T]:
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if sys.stderr.isatty() and not is_quiet():
        from tqdm import tqdm

        yield from tqdm(items, desc=desc, total=total, unit=unit, file=sys.stderr, leave=False)
        return
    step = max(1, (total or 0) // 10) if total else 0
    for i, item in enumerate(items, 1):
        yield item
        if step and (i % step == 0 or i == total):
            log.info("%s: %d/%d %s", desc, i, total, unit)
