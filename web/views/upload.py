"""Bringing documents in through the browser, and taking them out again: ``POST
/api/documents`` (the contract), ``DELETE /api/documents/{id}`` and the page »Tilføj
dokumenter« (``/tilfoej``, with its removal form ``/tilfoej/fjern``).

Protected by a token configured for the store (setting ``upload_token``, or
``AFTALEGRAF_UPLOAD_TOKEN``): without one configured, upload is off (403); a request without
the right token gets 401. The file is saved under ``STORE/uploads/`` and goes through the same
ingest as the CLI — one transaction per file, then graph and index — one upload at a time.
The server takes the graph's write lock only for that and gives it back, so the CLI can still
ingest into the same store.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from aftalegraf.ingest import ingest_paths
from aftalegraf.ingest.pipeline import DEFAULT_MAX_FILE_MB, remove_documents
from aftalegraf.ingest.readers.base import supported_suffixes
from aftalegraf.kg import rdf

from ..errors import error_response
from ..templating import render
from ._common import get_store, writable_store

router = APIRouter()
_lock = threading.Lock()
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRefused(Exception):
    def __init__(self, status: int, kind: str, message: str, field: str | None = "file"):
        self.status, self.kind, self.message, self.field = status, kind, message, field
        super().__init__(message)


def _token(store) -> str:
    return str(store.settings.get("upload_token") or "")


def check_token(store, given: str | None) -> None:
    configured = _token(store)
    if not configured:
        raise UploadRefused(403, "upload_disabled", "Upload er slået fra: der er ikke sat en upload-nøgle for "
                                                    "lageret (indstillingen upload_token).", None)
    if not given or not hmac.compare_digest(given.encode(), configured.encode()):
        raise UploadRefused(401, "unauthorized", "Upload kræver den rigtige upload-nøgle.", "token")


def _limit(store) -> int:
    return int(float(store.settings.get("max_file_mb", DEFAULT_MAX_FILE_MB)) * (1 << 20))


async def _file_from(request: Request, store) -> tuple[str, bytes, dict]:
    limit = _limit(store)
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        length = 0
    if limit and length > limit + 65536:
        raise UploadRefused(413, "too_large", f"Filen er for stor (højst {limit / (1 << 20):g} MB).")
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise UploadRefused(415, "unsupported_media_type", "Send filen som multipart/form-data i feltet »file«.")
    form = await request.form(max_files=1, max_fields=5)
    item = form.get("file")
    if not isinstance(item, UploadFile):
        raise UploadRefused(400, "bad_request", "Feltet »file« med en fil mangler.")
    name = Path(item.filename or "").name or "upload"
    data = await item.read(limit + 1 if limit else -1)
    if limit and len(data) > limit:
        raise UploadRefused(413, "too_large", f"{name}: filen er for stor (højst {limit / (1 << 20):g} MB).")
    fields = {k: str(v) for k, v in form.items() if not isinstance(v, UploadFile)}
    return name, data, fields


def ingest_upload(store, name: str, data: bytes) -> dict:
    """Save the file in the store's upload folder and ingest it like the CLI does."""
    suffix = Path(name).suffix.lower()
    if suffix not in supported_suffixes():
        raise UploadRefused(415, "unsupported_type", f"{name}: filtypen {suffix or '(ingen)'} kan ikke indlæses; "
                                                     f"brug {', '.join(s for s in supported_suffixes() if s != '.xml')}.")
    if not data.strip():
        raise UploadRefused(400, "empty", f"{name}: filen er tom.")
    folder = Path(store.path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    safe = _SAFE.sub("-", Path(name).stem).strip("-")[:80] or "upload"
    path = folder / f"{hashlib.sha256(data).hexdigest()[:12]}-{safe}{suffix}"
    path.write_bytes(data)
    with _lock:
        try:
            report = ingest_paths(store, [path])
        finally:
            rdf.close_graph(store.graph_path)     # give the write lock back to other processes
    result = report.files[0]
    if result.status == "failed":
        path.unlink(missing_ok=True)
        raise UploadRefused(422, "ingest_failed", f"{name}: {result.error}")
    docs = [store.document(d, with_provisions=False) for d in result.documents]
    return {"file": name, "status": result.status, "provisions": result.provisions,
            "documents": [{"id": d.id, "title": d.title, "type": d.type, "region": d.region, "period": d.period,
                           "date": d.date} for d in docs],
            "stage_errors": report.stage_errors, "report": report.to_dict()}


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None


@router.post(
    "/api/documents", tags=["dokumenter"], status_code=201,
    summary="Upload et dokument / upload one document",
    description="Én fil i multipart-feltet `file` (PDF, DOCX, HTML, TXT, MD, LexDania-XML). Kræver "
                "`Authorization: Bearer TOKEN` med lagerets upload-nøgle (`upload_token`): 401 uden, 403 når ingen "
                "nøgle er sat. Svarer 201 med indlæsningsrapporten, eller 4xx med filen og årsagen. "
                "*Upload one file to ingest.*",
)
async def upload_document(request: Request):
    store = writable_store(request)
    try:
        check_token(store, _bearer(request))
        name, data, _ = await _file_from(request, store)
        out = await run_in_threadpool(ingest_upload, store, name, data)
    except UploadRefused as exc:
        return error_response(request, exc.status, exc.kind, "Upload afvist", exc.message, exc.field)
    return JSONResponse(out, status_code=201)


def remove_document(store, doc_id: str) -> dict:
    """Remove a document (with the file it came from), under the upload lock."""
    with _lock:
        try:
            out = remove_documents(store, [doc_id])
        finally:
            rdf.close_graph(store.graph_path)
    if out["unknown"]:
        raise UploadRefused(404, "not_found", f"Der findes intet dokument med id »{doc_id}«.", "id")
    return out


@router.delete(
    "/api/documents/{id}", tags=["dokumenter"],
    summary="Fjern et dokument / remove a document",
    description="Fjerner dokumentet og den fil, det kom fra (en dagsorden tager sine bilag med), fra lager, "
                "vidensgraf og søgeindeks. Samme nøgle som upload. *Remove a document and its file.*",
)
async def delete_document(id: str, request: Request):
    store = writable_store(request)
    try:
        check_token(store, _bearer(request))
        out = await run_in_threadpool(remove_document, store, id)
    except UploadRefused as exc:
        return error_response(request, exc.status, exc.kind, "Ikke fjernet", exc.message, exc.field)
    return out


def _page(request: Request, status: int = 200, **ctx):
    store = get_store(request)
    docs = sorted(store.documents(), key=lambda d: (d.type, d.title))
    read_only = bool(getattr(request.app.state, "read_only", False))
    return render(request, "upload.html", status_code=status, enabled=bool(_token(store)) and not read_only,
                  read_only=read_only, documents=docs,
                  suffixes=supported_suffixes(), max_mb=_limit(store) / (1 << 20),
                  **{"result": None, "error": None, "removed": None, **ctx})


@router.get("/tilfoej", tags=["sider"], summary="Tilføj dokumenter (side)")
def upload_page(request: Request):
    return _page(request)


@router.post("/tilfoej/fjern", tags=["sider"], summary="Fjern et dokument (formular)")
async def remove_form(request: Request):
    store = writable_store(request)
    form = await request.form(max_files=0, max_fields=5)
    try:
        check_token(store, str(form.get("token") or ""))
        out = await run_in_threadpool(remove_document, store, str(form.get("id") or ""))
    except UploadRefused as exc:
        return _page(request, exc.status, error=exc.message)
    return _page(request, 200, removed=out)


@router.post("/tilfoej", tags=["sider"], summary="Tilføj dokumenter (formular)")
async def upload_form(request: Request):
    store = writable_store(request)
    try:
        name, data, fields = await _file_from(request, store)
        check_token(store, fields.get("token"))
        result = await run_in_threadpool(ingest_upload, store, name, data)
    except UploadRefused as exc:
        return _page(request, exc.status, error=exc.message)
    return _page(request, 201, result=result)
