"""Ingest orchestration: which files, which are unchanged, one transaction per file,
failures isolated and reported by file, then the derived stages (graph, index)."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from aftalegraf import stages
from aftalegraf.errors import IngestError
from aftalegraf.model import Document
from aftalegraf.progress import progress
from aftalegraf.store import ChangeSet, SourceRecord, Store

from .documents import documents_from_extracted
from .readers.base import reader_for, supported_suffixes

log = logging.getLogger(__name__)


@dataclass
class FileResult:
    path: str
    status: str                  # "added" | "replaced" | "unchanged" | "failed"
    documents: list[str] = field(default_factory=list)
    provisions: int = 0
    error: str = ""

    def to_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    stage_errors: dict[str, str] = field(default_factory=dict)   # stage name -> reason

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stage_errors

    def to_dict(self) -> dict:
        by_status: dict[str, int] = {}
        for f in self.files:
            by_status[f.status] = by_status.get(f.status, 0) + 1
        out = {"files": [f.to_dict() for f in self.files], "summary": by_status}
        if self.stage_errors:
            out["stage_errors"] = dict(self.stage_errors)
        return out


# Files that document a folder rather than belong to it ("README.md" of a corpus folder,
# its licence): skipped when a folder is expanded, ingested when named explicitly.
FOLDER_DOCS = frozenset({"readme", "license", "licence", "copying", "changelog", "contributing", "notice"})


def is_folder_doc(path: Path) -> bool:
    return path.stem.lower() in FOLDER_DOCS


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Expand folders recursively (hidden files and folders and the folder's own README or
    licence skipped). A path that does not exist is reported as failed, not raised, so the
    other paths are still ingested."""
    files: list[Path] = []
    missing: list[FileResult] = []
    suffixes = set(supported_suffixes())
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if (f.is_file() and not any(part.startswith(".") for part in rel.parts)
                        and f.suffix.lower() in suffixes and not is_folder_doc(f)):
                    files.append(f.resolve())
        elif p.is_file():
            files.append(p.resolve())
        elif p.exists():
            missing.append(FileResult(str(p), "failed", error="not a regular file (a pipe, socket or device)"))
        else:
            missing.append(FileResult(str(p), "failed", error="no such file or folder"))
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, missing


DEFAULT_MAX_FILE_MB = 20


def path_key(path: Path) -> str:
    """The path as the store keeps it: itself, or for a name that is not UTF-8 (bytes from
    another system's encoding) the bytes written as \\xNN, so that it can be stored, shown
    and found again on the next ingest."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def check_size(path: Path, max_bytes: int) -> None:
    """Refuse a file over the size limit before reading it: a 50 MB text file is hours of
    embedding on a laptop, and usually a mistake (a database dump, a scanned archive)."""
    size = path.stat().st_size
    if max_bytes > 0 and size > max_bytes:
        raise IngestError(path, f"the file is {size / (1 << 20):.1f} MB; at most {max_bytes / (1 << 20):g} MB "
                                f"is ingested (setting max_file_mb)")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_documents(path: Path, sha256: str | None = None) -> tuple[str, list[Document]]:
    """One file -> its documents (with provisions), without touching any store."""
    reader = reader_for(path)
    extracted = reader.read(path)
    if not extracted.text.strip():
        raise IngestError(path, "no text found (empty file, or a scanned PDF without a text layer)")
    docs = documents_from_extracted(extracted, path, sha256 or file_sha256(path))
    if not docs or not any(d.provisions for d in docs):
        raise IngestError(path, "no provisions found in the text")
    return reader.name, docs


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    derive: list[str] | None = None,
    force: bool = False,
) -> IngestReport:
    """Ingest files and folders into the store.

    ``derive``: the derived stages to bring up to date afterwards (default: all).
    ``force``: re-read files even when their checksum is unchanged.
    """
    files, report_missing = collect_files(paths)
    report = IngestReport(files=list(report_missing))
    max_bytes = int(float(store.settings.get("max_file_mb", DEFAULT_MAX_FILE_MB)) * (1 << 20))
    changes: list[ChangeSet] = []
    generation_before = store.generation
    for path in progress(files, desc="ingest", unit="file"):
        key = path_key(path)
        result = FileResult(key, "failed")
        try:
            check_size(path, max_bytes)
            sha = file_sha256(path)
            previous = store.source(key)
            if previous and previous.sha256 == sha and not force:
                result.status = "unchanged"
                result.documents = [d.id for d in store.documents() if d.source_path == key]
            else:
                fmt, docs = read_documents(path, sha)
                for d in docs:
                    d.source_path = key
                change = store.replace_source(SourceRecord(key, sha, path.stat().st_size, fmt), docs)
                changes.append(change)
                result.status = "replaced" if previous else "added"
                result.documents = [d.id for d in docs]
                result.provisions = sum(len(d.provisions) for d in docs)
        except IngestError as exc:
            result.error = exc.reason
            log.error("%s", exc)
        except (OSError, UnicodeError, ValueError) as exc:
            result.error = f"{type(exc).__name__}: {exc}"
            log.error("%s: %s", path, result.error)
        except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the others
            result.error = f"could not be read ({type(exc).__name__}: {exc})"
            log.error("%s: %s", path, result.error, exc_info=log.isEnabledFor(logging.DEBUG))
        report.files.append(result)
    report.stage_errors = _derive(store, changes, derive, generation_before)
    return report


def _derive(store: Store, changes: list[ChangeSet], derive: list[str] | None, generation_before: int) -> dict:
    """Bring the derived stages up to date after the store changed; {stage: error}.

    Each stage on its own: the documents are committed whatever a stage does, a failed
    stage stays stale (``aftalegraf status``) and is rebuilt by the next ingest or reindex."""
    errors: dict[str, str] = {}
    for name in stages.stage_names() if derive is None else stages.stage_names(only=derive):
        if not (changes or stages.is_stale(store, name)):
            continue
        try:
            stages.apply_changes(store, changes, [name], generation_before)
        except Exception as exc:  # a stage's own error must not hide the report
            errors[name] = f"{type(exc).__name__}: {exc}"
            log.error("%s stage failed (%s); run `aftalegraf reindex` to retry", name, errors[name])
    return errors


def remove_documents(store: Store, idents: Iterable[str], derive: list[str] | None = None) -> dict:
    """Remove documents again, by document id or by the path of the file they came from.

    A file is the unit the store keeps (an agenda file holds its appendices), so removing one
    of its documents removes the file's documents together; the answer lists them all. The
    derived stages follow as after an ingest. Unknown ids are reported, not raised."""
    sources: dict[str, list[str]] = {}
    unknown: list[str] = []
    docs = store.documents()
    for ident in idents:
        hits = [d for d in docs if d.id == ident or d.source_path == ident or
                (ident and d.source_path == str(Path(ident).expanduser().resolve()))]
        if not hits:
            unknown.append(ident)
        for d in hits:
            sources.setdefault(d.source_path, [])
    generation_before = store.generation
    changes = []
    for path in sources:
        change = store.remove_source(path)
        sources[path] = change.removed
        changes.append(change)
    stage_errors = _derive(store, changes, derive, generation_before) if changes else {}
    return {"removed": sorted(d for ids in sources.values() for d in ids),
            "files": [os.path.basename(p) for p in sources], "unknown": unknown, "stage_errors": stage_errors}
