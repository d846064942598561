"""Thin access to the other subsystems for the views.

The web layer holds no business logic: it calls the subsystem APIs named in
docs/architecture.md. While a subsystem is not installed yet (or fails to import),
``require()`` raises ``Unavailable`` and the view answers 503 with a Danish message
instead of a 500.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

from aftalegraf.errors import AftalegrafError

log = logging.getLogger(__name__)

# What each optional module provides, in Danish, for the "not available" message.
FEATURES = {
    "aftalegraf.search.service": "Søgning",
    "aftalegraf.kg.api": "Vidensgrafen (forpligtelser, henvisninger, aktører)",
    "aftalegraf.kg.sparql": "SPARQL-forespørgsler",
    "aftalegraf.kg.compare": "Sammenligning af regioner",
    "aftalegraf.ingest": "Indlæsning af dokumenter",
}


class Unavailable(AftalegrafError):
    """A subsystem the view needs is not installed or could not be loaded."""

    def __init__(self, module: str, reason: str = ""):
        self.module = module
        self.feature = FEATURES.get(module, module)
        self.reason = reason
        super().__init__(f"{self.feature} er ikke tilgængelig endnu ({module} kan ikke indlæses).")


_cache: dict[str, ModuleType | Exception] = {}


def optional(module: str) -> ModuleType | None:
    """The module, or None when it cannot be imported (failures are remembered)."""
    hit = _cache.get(module)
    if hit is None:
        try:
            hit = importlib.import_module(module)
        except Exception as exc:  # ImportError, or a half-written module
            log.warning("%s is not available: %s", module, exc)
            hit = exc
        _cache[module] = hit
    return None if isinstance(hit, Exception) else hit


def require(module: str) -> ModuleType:
    mod = optional(module)
    if mod is None:
        raise Unavailable(module, str(_cache.get(module)))
    return mod


def available(module: str) -> bool:
    return optional(module) is not None


def reset() -> None:
    """Forget import results (tests; a server picks up modules installed later on restart)."""
    _cache.clear()
