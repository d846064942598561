"""Errors to answers: user mistakes get a 4xx, never a 500.

/api/* and /sparql (unless the client asks for HTML) get JSON
``{"detail": message, "error": kind, "field": name-or-null}``; pages get a Danish HTML page.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from aftalegraf.errors import AftalegrafError, BadQuery, ConfigError, IngestError, NotFound, ReadOnly

from .templating import render

log = logging.getLogger(__name__)

# (status, error kind, Danish title)
_MAP = [
    (NotFound, 404, "not_found", "Ikke fundet"),
    (ReadOnly, 403, "read_only", "Skrivebeskyttet"),
    (BadQuery, 400, "bad_query", "Forespørgslen kan ikke besvares"),
    (ConfigError, 409, "config", "Fejl i opsætningen"),
    (IngestError, 400, "ingest", "Filen kunne ikke indlæses"),
    (AftalegrafError, 400, "error", "Fejl"),
]

_HTTP_TITLES = {404: "Siden findes ikke", 405: "Metoden er ikke tilladt", 403: "Ikke tilladt",
                400: "Ugyldig forespørgsel", 406: "Formatet understøttes ikke", 413: "For stor forespørgsel",
                415: "Indholdstypen understøttes ikke", 422: "Ugyldig parameter"}

_WHAT_DA = {"provision": "bestemmelse", "document": "dokument", "actor": "aktør", "store": "lager"}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api":
        return True
    if path.startswith("/sparql"):
        accept = request.headers.get("accept", "")
        return "text/html" not in accept
    return False


def danish_message(exc: Exception) -> str:
    if isinstance(exc, NotFound):
        return f"Der findes ingen {_WHAT_DA.get(exc.what, exc.what)} med id »{exc.ident}«."
    if isinstance(exc, ReadOnly):
        return ("Denne server er skrivebeskyttet: dokumenter tilføjes på den server, der indlæser, "
                "og kommer hertil med næste øjebliksbillede.")
    return str(exc)


def error_response(request: Request, status: int, kind: str, title: str, message: str,
                   field: str | None = None, extra: dict | None = None, headers: dict | None = None):
    if wants_json(request):
        body = {"detail": message, "error": kind, "field": field}
        body.update(extra or {})
        return JSONResponse(body, status_code=status, headers=headers)
    return render(request, "error.html", status_code=status, title=title, message=message,
                  field=field, status=status)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "form")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AftalegrafError)
    async def _aftalegraf_error(request: Request, exc: AftalegrafError):
        for cls, status, kind, title in _MAP:
            if isinstance(exc, cls):
                break
        field = getattr(exc, "field", None)
        if isinstance(exc, NotFound):
            field = None
        return error_response(request, status, kind, title, danish_message(exc), field)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {}
        field = _field_name(first.get("loc", ()))
        msg = f"Ugyldig værdi for »{field}«: {first.get('msg', 'ugyldig')}"
        clean = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
                 for e in errors]
        return error_response(request, 422, "validation", "Ugyldig parameter", msg, field, {"errors": clean})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if status == 404 and message == "Not Found":
            message = f"Adressen {request.url.path} findes ikke."
        elif status == 405 and message == "Method Not Allowed":
            message = f"{request.method} understøttes ikke på {request.url.path}."
        return error_response(request, status, "http", _HTTP_TITLES.get(status, "Fejl"), message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal", "Intern fejl",
                              "Der opstod en uventet fejl i aftalegraf. Fejlen er logget.")
