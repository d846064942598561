"""RDF vocabulary, IRIs and the shared Oxigraph handle of a store's graph.

IRIs follow docs/architecture.md ("RDF"). Oxigraph (RocksDB) allows one read-write handle
per directory and process, so every user in a process (the graph stage, the kg API, the
web layer) goes through :func:`open_graph`, which hands out one shared handle per path.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from aftalegraf.errors import ConfigError

BASE = "https://w3id.org/aftalegraf/"
AG = "https://w3id.org/aftalegraf/ontologi#"
ELI = "http://data.europa.eu/eli/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {
    "ag": AG,
    "eli": ELI,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "prov": PROV,
    "org": ORG,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}

REFERENCE_GRAPH = BASE + "graf/reference"
ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
REFERENCE_FILES = ("aftalegraf.ttl", "reference/regions.ttl", "reference/municipalities.ttl",
                   "reference/themes.ttl", "reference/national-goals.ttl", "reference/actors.ttl")

MODALITY_IRI = {
    "obligation": AG + "Obligatory",
    "recommendation": AG + "Recommended",
    "permission": AG + "Permitted",
    "prohibition": AG + "Prohibited",
}
MODALITY_KEY = {v: k for k, v in MODALITY_IRI.items()}

# Document types that are legal resources in the ELI sense.
LEGAL_TYPES = {"bekendtgørelse", "lov", "lovbekendtgørelse", "vejledning"}


def _q(s: str) -> str:
    # ids are readable ASCII slugs; keep '/', '.', '-' and quote anything unusual
    return quote(s, safe="/.-_~")


def document_iri(doc_id: str) -> str:
    return f"{BASE}dokument/{_q(doc_id)}"


def provision_iri(pid: str) -> str:
    return f"{BASE}bestemmelse/{_q(pid)}"


def obligation_iri(pid: str, n: int) -> str:
    return f"{BASE}forpligtelse/{_q(pid)}/{n}"


def goal_iri(pid: str, n: int) -> str:
    return f"{BASE}maal/{_q(pid)}/{n}"


def reference_iri(pid: str, n: int) -> str:
    return f"{BASE}henvisning/{_q(pid)}/{n}"


def actor_iri(key: str) -> str:
    return f"{BASE}aktoer/{key}"


def theme_iri(key: str) -> str:
    return f"{BASE}tema/{key}"


def national_goal_iri(n: int | str) -> str:
    return f"{BASE}nationalt-maal/{n}"


def region_iri(slug: str) -> str:
    return f"{BASE}region/{slug}"


def municipality_iri(slug: str) -> str:
    return f"{BASE}kommune/{slug}"


def iri_tail(iri: str, kind: str) -> str:
    """The id part of an IRI of the given kind: iri_tail(provision_iri(x), 'bestemmelse') == x."""
    from urllib.parse import unquote

    prefix = f"{BASE}{kind}/"
    return unquote(iri[len(prefix):]) if iri.startswith(prefix) else iri


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


# --- the shared handle -------------------------------------------------------------------
_handles: dict[str, ox.Store] = {}
_readonly: dict[str, tuple[str, ox.Store]] = {}
_lock = threading.Lock()


def _is_locked(exc: OSError) -> bool:
    return "lock" in str(exc).lower()


def open_graph(path: str | Path, write: bool = True) -> ox.Store:
    """The process-wide read-write Oxigraph handle for ``path`` (created on first use).

    RocksDB lets one process at a time open the store read-write. When another process
    holds it (``aftalegraf serve`` while the CLI runs a query), a writer gets a ConfigError
    saying so; a reader (``write=False``) gets a read-only handle instead.
    """
    key = str(Path(path).resolve())
    with _lock:
        st = _handles.get(key)
        if st is not None:
            return st
        Path(key).mkdir(parents=True, exist_ok=True)
        try:
            st = _handles[key] = ox.Store(key)
            return st
        except OSError as exc:
            if not _is_locked(exc):
                raise
            if write:
                raise ConfigError(
                    f"the graph store {key} is being written by another process (another `aftalegraf "
                    f"ingest` or `reindex`); wait for it to finish, then run this again") from None
            return _open_read_only(key)


def graph_for(store) -> ox.Store:
    """The handle readers use for a store: this process's read-write one when it has one (it
    ingested), else a read-only one, reopened whenever the graph stage has written since.

    Readers never take the write lock themselves: a server that only serves leaves it free,
    so that ``aftalegraf ingest`` can write the same store while it runs, and the server
    sees the new graph at its next request (``graph:version`` changed)."""
    key = str(Path(store.graph_path).resolve())
    st = _handles.get(key)
    if st is not None:
        return st
    version = store.get_meta("graph:version", "") or ""
    ro = _readonly.get(key)
    if ro is not None and ro[0] == version:
        return ro[1]
    with _lock:
        st = _open_read_only(key)
        _readonly[key] = (version, st)
    return st


def _open_read_only(key: str) -> ox.Store:
    if not (Path(key) / "CURRENT").exists():
        return ox.Store()                     # no graph written yet: an empty one
    import time

    # read-only while another process writes may catch RocksDB mid-compaction: retry
    for attempt in range(5):
        try:
            return ox.Store.read_only(key)
        except (OSError, RuntimeError):
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def close_graph(path: str | Path) -> None:
    """Forget the handles for ``path`` (Oxigraph closes a store when the last reference goes)."""
    key = str(Path(path).resolve())
    with _lock:
        _handles.pop(key, None)
        _readonly.pop(key, None)


def reference_quads() -> list[ox.Quad]:
    """The ontology and reference data, as quads in the reference named graph."""
    g = ox.NamedNode(REFERENCE_GRAPH)
    out: list[ox.Quad] = []
    for rel in REFERENCE_FILES:
        path = ONTOLOGY_DIR / rel
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            for t in ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=BASE):
                out.append(ox.Quad(t.subject, t.predicate, t.object, g))
    return out


def rdflib_dataset(store) -> "object":
    """An rdflib ``Dataset`` over the store's Oxigraph graph (through oxrdflib), for users
    who want rdflib's API. Shares the process-wide handle."""
    import rdflib
    from oxrdflib.store import OxigraphStore

    ds = rdflib.Dataset(store=OxigraphStore(store=graph_for(store)), default_union=True)
    return ds
