"""The web application: ``create_app(store_path) -> FastAPI``.

Thin by design: every view is a module in ``aftalegraf.web.views`` with a ``router``;
the app only opens the store, mounts the routers, the static files and the error
handlers. The project's views are imported here, in mounting order; an extension adds its
own through the plugin registry (entry point ``view.NAME = "package.module"``), mounted after.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from fastapi import FastAPI

from aftalegraf import __version__, plugins
from aftalegraf.deploy.snapshot import Follower
from aftalegraf.store import Store, open_store

from .errors import install_error_handlers
from .security import SecurityMiddleware
from .templating import STATIC_DIR
from .views import changes, compare, documents, health, obligations, provisions, search, sparql, upload

log = logging.getLogger(__name__)

# The project's own views, in mounting order; each serves its JSON and its Danish page.
VIEWS = (health, search, documents, upload, provisions, obligations, compare, changes, sparql)

DESCRIPTION = """\
**aftalegraf** – vidensgraf og semantisk søgning i sundhedsaftaler, vejledninger og
bekendtgørelser. *Knowledge graph and semantic search over Danish health-agreement documents.*

* `/api/...` svarer med JSON (*JSON API*); fejl har formen
  `{"detail": "...", "error": "not_found|bad_query|config|ingest|validation", "field": ...}`.
* `/sparql` er et SPARQL 1.1 Protocol-endepunkt (kun forespørgsler, ingen opdateringer).
* `/`, `/bestemmelse/...`, `/aktoer/...`, `/dokumenter`, `/sparql` (uden `query`) er de danske HTML-sider.

Every fact points to the provision it was read from (`provision_id`, `/bestemmelse/{id}`).
"""

TAGS = [
    {"name": "status", "description": "Driftsstatus / service status."},
    {"name": "søgning", "description": "Semantisk og leksikalsk søgning i bestemmelser / search over provisions."},
    {"name": "dokumenter", "description": "Indlæste dokumenter og bestemmelser / documents and provisions."},
    {"name": "vidensgraf", "description": "Forpligtelser og aktører fra vidensgrafen / obligations and actors."},
    {"name": "sammenligning", "description": "Sammenligning af regionernes aftaler / cross-region comparison."},
    {"name": "sparql", "description": "SPARQL 1.1 Protocol (kun forespørgsler / query only)."},
    {"name": "sider", "description": "Danske HTML-sider / Danish HTML pages."},
]


def view_modules() -> list:
    """The view modules to mount: the project's, then extensions' (plugin kind ``view``)."""
    mods = list(VIEWS)
    for name in plugins.names("view"):
        obj = plugins.get("view", name)
        mods.append(importlib.import_module(obj) if isinstance(obj, str) else obj)
    return mods


def create_app(store_path: str | Path | None = None, store: Store | None = None,
               allowed_hosts: list[str] | None = None, read_only: bool = False,
               follower: Follower | None = None) -> FastAPI:
    """The FastAPI app over the store at ``store_path`` (default: the default store).

    ``allowed_hosts``: the Host names to answer (``serve`` passes its bind address and
    localhost); the setting ``allowed_hosts`` wins; neither: any host (an embedding app or
    a test client decides for itself). ``read_only``: uploads and removals answer 403.
    ``follower``: serve a snapshot directory's current generation (read-only)."""
    from fastapi.staticfiles import StaticFiles
    from fastapi_offline import FastAPIOffline
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    if follower is not None:
        store, read_only = follower.current(), True
    if store is None:
        store = open_store(store_path)
    # Swagger UI and ReDoc from the package's own files: no CDN, no third-party script
    app = FastAPIOffline(
        title="aftalegraf",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url="/docs",
        redoc_url="/redoc",
    )
    app.state.store = store
    app.state.follower = follower
    app.state.read_only = read_only or store.read_only
    configured = [h.strip() for h in str(store.settings.get("allowed_hosts") or "").split(",") if h.strip()]
    app.add_middleware(SecurityMiddleware, max_body=int(store.settings.get("max_request_bytes", 1 << 20)))
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=configured or allowed_hosts or ["*"])
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for mod in view_modules():
        app.include_router(mod.router)
    return app
