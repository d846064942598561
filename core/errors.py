"""Errors a user can cause. Each names the file, field or query at fault and the reason,
so the CLI prints it as one line and the web layer answers it with a 4xx, never a 500."""


class AftalegrafError(Exception):
    """Base class for errors caused by input or configuration, not by a bug."""


class IngestError(AftalegrafError):
    """A file could not be ingested. ``path`` names the file, ``reason`` says why."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotFound(AftalegrafError):
    """An id (document, provision, actor ...) that is not in the store."""

    def __init__(self, what: str, ident: str):
        self.what = what
        self.ident = ident
        super().__init__(f"no {what} with id {ident!r}")


class BadQuery(AftalegrafError):
    """A search or SPARQL query, or one of its parameters, that cannot be answered."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


class ConfigError(AftalegrafError):
    """A setting that is missing, malformed or inconsistent with the store."""


class QueryRefused(BadQuery):
    """A SPARQL request the endpoint will not run: ``code`` says why (``update``, ``too_deep``,
    ``too_long``, ``service``, ``empty``, ``not_a_query``, ``dataset``), so that each layer can
    word it in its own language."""

    def __init__(self, message: str, code: str, field: str | None = "query"):
        self.code = code
        super().__init__(message, field)


class QueryTimeout(BadQuery):
    """A SPARQL query that ran past its time limit and was stopped."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"SPARQL query ran longer than {seconds:g} s and was stopped", "query")


class ReadOnly(AftalegrafError):
    """A write asked of a read-only node (``serve --read-only``, a snapshot): HTTP 403."""

    def __init__(self, what: str = "this store"):
        super().__init__(f"{what} is read-only: documents are added on the node that ingests, and reach "
                         f"this one with the next snapshot")


class Busy(AftalegrafError):
    """Every SPARQL worker is busy: try again shortly (HTTP 503 with Retry-After)."""
