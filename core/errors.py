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
