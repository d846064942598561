"""``search(store, query, k, mode, filters)``: the one entry point the CLI and the web layer
call. Loads the index and the embedder once per process (keyed by store path, store
generation and the index manifest), answers with provision-level hits as in the contract:
``{"query", "mode", "hits": [Hit], "facets": {...}, "total"}``."""

from __future__ import annotations

import logging
import re

import numpy as np

from aftalegraf.errors import AftalegrafError, BadQuery
from aftalegraf.kg import api
from aftalegraf.kg.resolve import Resolver
from aftalegraf.kg.sparql.graphstore import has_graph, reader_for
from aftalegraf.kg.timeline import Timeline, parse_date, provision_versions, timeline_for, today
from aftalegraf.legal_time import ENDED, readable_citation
from aftalegraf.model import LEGISLATION_TYPES
from aftalegraf.store import Store
from aftalegraf.vocabulary import MODALITIES, SEARCH_MODES, heading_label, section_label_in

from . import crosslingual, facets, same_text, storage
from .answer import answer_hit, binding_source, is_answered, restated_provision
from .cited import cited_in
from .danish import for_embedding
from .dense import with_sentences
from .facets import FACETS as FILTERS
from .facets import doc_matches
from .highlight import highlights
from .hybrid import convex_scores, fusion_method, parse_alpha, parse_weights, rrf
from .lexical import is_reference_lookup
from .loaded import LoadedIndex, load_index, query_embedder
from .suggest import suggestion
from .units import MAX_SHOWN_CHARS, Unit

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 1000
MAX_K = 100
POOL = 100          # candidates per ranking before fusion
DENSE_FILTER_MIN = 2000  # with filters, at least this many nearest units are fetched ...
DENSE_FILTER_FACTOR = 20  # ... or this many times the pool, before filtering
# Without a date, a repealed, superseded or expired text ranks just below a text in force of
# (nearly) equal relevance: its score is lowered by this share of the candidates' score
# spread, so that it breaks ties (identical paragraphs in successive orders) and no more.
NOT_CURRENT_MARGIN = 0.02
# What a provision the question cites by paragraph gains in the 0..1 hybrid score, and what one
# of a document it names without a paragraph gains: enough to lead a near tie, not to override
# a far better text (BENCHMARKS.md, "Retrieval, round 12").
CITED_BONUS = 0.5
NAMED_DOC_BONUS = 0.4
_PREAMBLE = re.compile(r"/pre\d+$")
ANSWER_FROM = 10    # the card is chosen among at least this many hits, whatever k the caller shows


# --- validation -----------------------------------------------------------------------
def validate(query: object, k: object, mode: object, filters: dict | None) -> tuple[str, int, str, dict]:
    """What a user typed, checked once for every caller (web, CLI, library); BadQuery in
    Danish names the field."""
    if query is None or not isinstance(query, str) or not query.strip():
        raise BadQuery("Skriv en søgetekst (parameteren q er tom).", "q")
    if len(query.strip()) > MAX_QUERY_CHARS:
        raise BadQuery(f"Søgeteksten er for lang ({len(query.strip())} tegn; højst {MAX_QUERY_CHARS}).", "q")
    try:
        k_int = int(k)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadQuery(f"k skal være et helt tal mellem 1 og {MAX_K} (fik {k!r}).", "k") from None
    if isinstance(k, float) and k != k_int or not 1 <= k_int <= MAX_K:
        raise BadQuery(f"k skal være mellem 1 og {MAX_K} (fik {k!r}).", "k")
    mode = (mode if isinstance(mode, str) else "").strip().lower() or "hybrid"
    if mode not in SEARCH_MODES:
        raise BadQuery(f"Ukendt søgemåde »{mode}«; brug en af {', '.join(SEARCH_MODES)}.", "mode")
    clean: dict[str, list[str]] = {}
    for name, value in (filters or {}).items():
        if name not in FILTERS:
            raise BadQuery(f"Ukendt filter »{name}«; brug en af {', '.join(FILTERS)}.", name)
        if value is None or value == "" or value == []:
            continue
        values = value if isinstance(value, (list, tuple)) else str(value).split(",")
        values = [str(v).strip() for v in values if str(v).strip()]
        if name == "modality":
            bad = [v for v in values if v.lower() not in MODALITIES]
            if bad:
                raise BadQuery(f"Ukendt modalitet »{bad[0]}«; brug en af {', '.join(MODALITIES)}.", "modality")
        if values:
            clean[name] = values
    return query.strip(), k_int, str(mode), clean


# --- the graph (absent until the graph stage has run) ---------------------------------
def _follow_graph(store: Store, idx: LoadedIndex) -> None:
    """Drop what the loaded index took from the graph (chips, references, the facets' actor
    table) when the graph's version has moved on — on a shared server it changes without
    the index changing."""
    version = reader_for(store).version() if has_graph(store) else ""
    if idx.graph_version != version:
        idx.obligations_cache.clear()
        idx.references_cache.clear()
        idx.basis_cache.clear()
        idx.restates_cache.clear()
        idx.derived.pop("provision_table", None)
        idx.graph_version = version


def _per_provision(store: Store, cache: dict, pids: list[str], read, what: str) -> dict[str, list]:
    """``read(missing) -> {pid: [...]}`` for the provisions not in ``cache`` yet (a per-index,
    per-graph-version cache), then each provision's entry; without a graph, or when it cannot
    be read, the hits go without rather than fail."""
    missing = [p for p in pids if p not in cache]
    if missing:
        found: dict[str, list] = {p: [] for p in missing}
        if has_graph(store):
            try:
                found.update(read(missing))
            except Exception as exc:  # noqa: BLE001 - hits without chips rather than no hits
                log.warning("%s unavailable: %s", what, exc)
        cache.update(found)
    return {p: cache.get(p, []) for p in pids}


def _obligations_for(store: Store, idx: LoadedIndex, pids: list[str]) -> dict[str, list]:
    """Obligations per provision id."""
    def read(missing: list[str]) -> dict[str, list]:
        out: dict[str, list] = {}
        for ob in api.obligations(store, provision_ids=missing):
            out.setdefault(ob.get("provision_id"), []).append(ob)
        return out
    return _per_provision(store, idx.obligations_cache, pids, read, "obligations")


def _references_for(store: Store, idx: LoadedIndex, pids: list[str]) -> dict[str, list]:
    """References out of each provision."""
    return _per_provision(store, idx.references_cache, pids, lambda m: api.references_out(store, m), "references")


def _basis_chain(store: Store, idx: LoadedIndex, pid: str) -> list[dict]:
    """The answer's legal basis, followed on (guidance → order → act), as links."""
    return _per_provision(store, idx.basis_cache, [pid],
                          lambda m: {p: api.basis_chain(store, p) for p in m}, "legal basis")[pid]


def _restates(idx: LoadedIndex, tl: Timeline, hit: dict, row: int | None, as_of: str | None) -> dict | None:
    """The order or act provision a guidance answer restates without citing it (search.answer),
    once per provision and date for a loaded index. Candidates: the 30 units nearest to the
    answer's own unit in the stored embedding (a matrix product; no query to encode)."""
    key = (hit["id"], as_of)
    if key not in idx.restates_cache:
        found = None
        if row is not None and idx.units:
            vectors = idx.vectors()
            near = np.argsort(-(vectors @ np.asarray(vectors[row])))[:30]
            found = restated_provision(hit["text"], hit["document"]["id"], [idx.units[r] for r in near],
                                       lambda doc_id: tl.document_time(doc_id, as_of)["status"])
        if found is not None:
            found["eli"] = tl.document_time(found["document"], as_of).get("eli")
        idx.restates_cache[key] = found
    return idx.restates_cache[key]


def _covered_provisions(store: Store, idx: LoadedIndex, unit: Unit) -> list[str]:
    """The unit's provision and the provisions whose text lies inside the unit's span (per
    loaded index: the store's provisions are those the index was built from)."""
    cache = idx.derived.setdefault("covered", {})
    if unit.int_id not in cache:
        cache[unit.int_id] = _read_covered(store, unit)
    return cache[unit.int_id]


def _read_covered(store: Store, unit: Unit) -> list[str]:
    return _provisions_within(store, unit.document_id, unit.start, unit.end, unit.provision_id)


def _provisions_within(store: Store, doc_id: str, start: int, end: int, own: str) -> list[str]:
    """``own`` and the provisions whose text lies in ``start``..``end`` of the document, also in
    part (a subsection that a window boundary cuts is in both windows)."""
    # not before ``own`` begins: the provisions around it (its chapter) begin before
    rows = store.db.execute(
        'SELECT id FROM provisions WHERE document_id = ? AND start < ? AND "end" > ? '
        'AND start >= COALESCE((SELECT start FROM provisions WHERE id = ?), ?) ORDER BY ordinal',
        (doc_id, end, start, own, start),
    ).fetchall()
    return [own] + [r[0] for r in rows if r[0] != own]


# --- filters --------------------------------------------------------------------------
def _allowed_rows(store: Store, idx: LoadedIndex, filters: dict) -> np.ndarray | None:
    """A boolean mask over units, or None when nothing is filtered."""
    if not filters:
        return None
    mask = np.zeros(len(idx.units), dtype=bool)
    for doc_id, rows in idx.doc_rows.items():
        doc = idx.documents.get(doc_id)
        if doc is not None and doc_matches(doc, filters):
            mask[rows] = True
    if "actor" in filters or "modality" in filters:
        graph = api if has_graph(store) else None
        if graph is None:
            if "modality" in filters:
                raise BadQuery("the modality filter needs the knowledge graph, which this store has not built", "modality")
            needles = [a.lower() for a in filters["actor"]]
            for i in np.flatnonzero(mask):
                text = idx.units[i].text.lower()
                mask[i] = any(n in text for n in needles)
            return mask
        pids: set[str] = set()
        for actor in filters.get("actor", [None]):
            for modality in filters.get("modality", [None]):
                for ob in graph.obligations(store, actor=actor, modality=modality, include_reported=True):
                    pid = ob.get("provision_id") or ""
                    while pid:  # the provision and the provisions around it
                        pids.add(pid)
                        pid = pid.rpartition("/")[0]
        for i in np.flatnonzero(mask):
            mask[i] = idx.units[i].provision_id in pids
    return mask


# --- ranking --------------------------------------------------------------------------
def _pool_size(k: int) -> int:
    """Candidates fetched per ranking: enough that fusion and de-duplication by provision
    still leave k hits."""
    return max(POOL, k * 3)


def _bm25_ranking(scores: np.ndarray, mask: np.ndarray | None, n: int) -> tuple[list[int], dict[int, float]]:
    """The top ``n`` units by BM25 ``scores`` (one per unit row), units without any query
    term left out."""
    if not len(scores):
        return [], {}
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    n = min(n, int(np.count_nonzero(scores > 0)))
    if n <= 0:
        return [], {}
    top = np.argpartition(-scores, n - 1)[:n]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [int(i) for i in top], {int(i): float(scores[i]) for i in top}


def _dense_ranking(idx: LoadedIndex, qvec: np.ndarray, mask: np.ndarray | None, n: int) -> tuple[list[int], dict[int, float]]:
    want = n if mask is None else min(idx.dense.ntotal, max(n * DENSE_FILTER_FACTOR, DENSE_FILTER_MIN))
    ids, scores = idx.dense.search(qvec, want)
    rows, out = [], {}
    for i, s in zip(ids, scores):
        r = idx.row_of.get(int(i))
        if r is None or (mask is not None and not mask[r]):
            continue
        rows.append(r)
        out[r] = float(s)
        if len(rows) >= n:
            break
    if mask is not None and len(rows) < n and want < idx.dense.ntotal:
        # too few survivors of the approximate top: score the allowed rows exactly
        allowed = np.flatnonzero(mask)
        if len(allowed):
            sc = np.asarray(idx.vectors()[allowed]) @ qvec
            order = np.argsort(-sc, kind="stable")[:n]
            rows = [int(allowed[j]) for j in order]
            out = {int(allowed[j]): float(sc[j]) for j in order}
    return rows, out


def _with_sentences(store: Store, idx: LoadedIndex, qvec: np.ndarray, scores: dict[int, float]) -> dict[int, float]:
    """The candidates' dense scores counting their best sentence (setting ``sentence_weight``;
    an index built without sentence vectors: as they are)."""
    weight = min(1.0, float(store.settings.get("sentence_weight") or 0))
    found = idx.sentences() if weight > 0 else None
    if found is None:
        return scores
    return with_sentences(scores, qvec, found.starts, found.ends, found.vectors, weight)


def _first_rows(idx: LoadedIndex, rows: list[int]) -> dict[str, int]:
    """Provision id -> its best-ranked unit among ``rows`` (best first), in rank order."""
    first: dict[str, int] = {}
    for r in rows:
        first.setdefault(idx.units[r].provision_id, r)
    return first


def _rrf_hybrid(idx: LoadedIndex, weights: tuple[float, float], k: float,
                dense_rows: list[int], bm25_rows: list[int]) -> tuple[list[tuple[str, float]], dict[str, int]]:
    """Provisions by reciprocal rank fusion of the two lists; each shows its unit from the
    list that ranks it better."""
    d_first, b_first = _first_rows(idx, dense_rows), _first_rows(idx, bm25_rows)
    d_pos, b_pos = {p: i for i, p in enumerate(d_first)}, {p: i for i, p in enumerate(b_first)}
    best_row = {p: d_first[p] if d_pos.get(p, 1 << 30) <= b_pos.get(p, 1 << 30) else b_first[p]
                for p in dict.fromkeys([*d_first, *b_first])}
    return rrf([list(d_first), list(b_first)], weights, k), best_row


def _cited(store: Store, idx: LoadedIndex, query: str,
           mask: np.ndarray | None) -> tuple[dict[str, float], list[int], set[str]]:
    """What the question cites (``search.cited``) as the bonus each indexed provision gets
    (``CITED_BONUS`` for a cited paragraph — a cited »stk. 2« whose paragraph is one unit: that
    paragraph —, ``NAMED_DOC_BONUS`` for the provisions of a document named without one, but
    not its preamble, which only repeats the name the question gives), the unit rows that
    hold them, within ``mask``, and the preambles of the documents whose paragraph is cited:
    they match the document's number the citation gives, and »BEK 1248/2022 § 21« asks for § 21."""
    if "resolver" not in idx.derived:
        idx.derived["resolver"] = Resolver.from_store(store)
    cited = cited_in(query, idx.derived["resolver"])
    bonus: dict[str, float] = {}
    rows: list[int] = []
    for doc in cited.documents:
        for r in idx.doc_rows.get(doc, ()):
            pid = idx.units[r].provision_id
            if not _PREAMBLE.search(pid):
                bonus[pid] = NAMED_DOC_BONUS
                rows.append(int(r))
    for pid in cited.provisions:
        doc_rows = idx.doc_rows.get(pid.split("/", 1)[0], ())
        path = pid
        while "/" in path:
            found = [int(r) for r in doc_rows if idx.units[r].provision_id == path
                     or idx.units[r].provision_id.startswith(path + "/")]
            if found:
                rows += found
                bonus.update((idx.units[r].provision_id, CITED_BONUS) for r in found)
                break
            path = path.rsplit("/", 1)[0]
    title_blocks = {idx.units[r].provision_id for doc in {p.split("/", 1)[0] for p in cited.provisions}
                    for r in idx.doc_rows.get(doc, ()) if _PREAMBLE.search(idx.units[r].provision_id)} - set(bonus)
    return bonus, [r for r in dict.fromkeys(rows) if mask is None or mask[r]], title_blocks


def _put_cited_forward(ranked: list[tuple[str, float]], bonus: dict[str, float],
                       title_blocks: set[str]) -> list[tuple[str, float]]:
    """The hybrid ranking, scaled to 0..1, with each provision's ``bonus`` added and the cited
    documents' ``title_blocks`` lowered by as much (``_cited``), scaled to 0..1 again."""
    if not bonus or not ranked:
        return ranked
    lo, hi = min(s for _, s in ranked), max(s for _, s in ranked)
    moved = [(pid, ((score - lo) / (hi - lo) if hi > lo else 1.0) + bonus.get(pid, 0.0)) for pid, score in ranked]
    moved = [(pid, max(0.0, s - CITED_BONUS) if pid in title_blocks else s) for pid, s in moved]
    top = max(s for _, s in moved)
    return sorted(((pid, s / top) for pid, s in moved), key=lambda kv: -kv[1])


def _convex_hybrid(idx: LoadedIndex, alpha: float, qvec: np.ndarray, bm25_all: np.ndarray,
                   dense_rows: list[int], dense_scores: dict[int, float], bm25_rows: list[int],
                   rescore=None) -> tuple[list[tuple[str, float]], dict[str, int]]:
    """Provisions by a convex mix of both scores, each known for every candidate unit (the
    union of the two top lists): a BM25 candidate gets its exact dense score from the
    stored vectors (adjusted by ``rescore`` as the dense list was: the units' best sentences),
    a dense candidate its BM25 score. A provision takes the best score of its candidate units
    per signal and shows the unit whose own mix is best."""
    candidates = list(dict.fromkeys(dense_rows + bm25_rows))
    dense_u = dict(dense_scores)
    missing = [r for r in candidates if r not in dense_u]
    if missing:
        exact = np.asarray(idx.vectors()[np.array(missing)]) @ qvec
        found = dict(zip(missing, (float(x) for x in exact)))
        dense_u.update(rescore(found) if rescore is not None else found)
    rows = np.array(candidates, dtype=np.int64)
    dense_c = np.fromiter((dense_u[r] for r in candidates), dtype=np.float64, count=len(candidates))
    bm25_c = np.asarray(bm25_all[rows], dtype=np.float64) if len(rows) else np.zeros(0)
    # provisions in order of first appearance; each takes its units' best score per signal
    pids = [idx.units[r].provision_id for r in candidates]
    first = dict.fromkeys(pids)
    position = {p: i for i, p in enumerate(first)}
    of = np.fromiter((position[p] for p in pids), dtype=np.int64, count=len(pids))
    dense_p = np.full(len(position), -np.inf)
    bm25_p = np.full(len(position), -np.inf)
    np.maximum.at(dense_p, of, dense_c)
    np.maximum.at(bm25_p, of, bm25_c)
    unit_mix = convex_scores(dense_c, bm25_c, alpha)
    best_row = _first_rows(idx, [candidates[i] for i in np.argsort(-unit_mix, kind="stable")])
    fused = convex_scores(dense_p, bm25_p, alpha)
    names = list(first)
    return [(names[i], float(fused[i])) for i in np.argsort(-fused, kind="stable")], best_row


# --- the entry point ------------------------------------------------------------------
def _section(store: Store, idx: LoadedIndex, pid: str) -> tuple[str, list[str]]:
    """The hit's readable label (the provision page's: '§ 21, stk. 2' or '5.1. Indsendelse af
    sundhedsaftalen, 2. afsnit') and its heading path, read once per loaded index."""
    cache = idx.derived.setdefault("sections", {})
    if pid not in cache:
        cache[pid] = _read_section(store, pid)
    return cache[pid]


def _read_section(store: Store, pid: str) -> tuple[str, list[str]]:
    try:
        p = store.provision(pid)
    except Exception:  # noqa: BLE001
        return "", []
    return heading_label(p) or section_label_in(store, p), list(p.path)


def _in_time(idx: LoadedIndex, tl: Timeline, as_of: str, mask: np.ndarray | None) -> np.ndarray:
    """``mask`` narrowed to the documents that applied on ``as_of``."""
    applied = np.zeros(len(idx.units), dtype=bool)
    for doc_id, rows in idx.doc_rows.items():
        applied[rows] = tl.applies_on(doc_id, as_of)
    return applied if mask is None else mask & applied


def _in_time_order(idx: LoadedIndex, tl: Timeline, ranked: list[tuple[str, float]], best_row: dict[str, int],
                   as_of: str | None, cited: dict[str, float]) -> tuple[list[tuple[str, float]], dict[str, list[str]]]:
    """Texts that ended a little lower (without a date), and one hit per provision
    across the versions of its act: {shown provision: [the other versions' ids]}. A provision
    keeps the place its best version earned and is shown in the version the question cites, else
    in the version in force today when that is among the candidates, else in the newest that has
    begun (with a date, only the texts that applied then are candidates)."""
    status: dict[str, str] = {}
    on = as_of or today()
    if as_of is None and ranked:
        margin = NOT_CURRENT_MARGIN * (max(s for _, s in ranked) - min(s for _, s in ranked))
        doc_of = {p: idx.units[best_row[p]].document_id for p, _ in ranked}
        status = {d: tl.status(d, on) for d in set(doc_of.values())}
        ranked = sorted(((p, s - margin) if status[doc_of[p]] in ENDED else (p, s) for p, s in ranked),
                        key=lambda x: -x[1])

    def in_force(pid: str) -> bool:
        return status.get(idx.units[best_row[pid]].document_id, "in_force") == "in_force"

    def latest_begun(group: list[str]) -> str:
        """With no version in force (the act's newest consolidation is in the store only as an
        excerpt of other paragraphs), the newest version that has begun: its wording is the
        nearest to today's."""
        def valid_from(pid: str) -> str:
            return tl.docs[idx.units[best_row[pid]].document_id].valid_from or "9999"     # none: not begun

        begun = [p for p in group if valid_from(p) <= on]
        return max(begun, key=valid_from) if begun else group[0]

    shown_at: dict[tuple, int] = {}
    others: dict[str, list[str]] = {}
    out = []
    for pid, score in ranked:
        key = tl.version_key(pid)
        at = shown_at.get(key)
        if at is None:
            shown_at[key] = len(out)
            others[pid] = []
            out.append((pid, score))
        else:
            others[out[at][0]].append(pid)
    for at, (first, score) in enumerate(out):
        if not others[first]:
            continue
        group = [first, *others[first]]
        among = [p for p in group if p in cited] or group
        shown = among[0] if in_force(among[0]) else next((p for p in among if in_force(p)), None) \
            or (latest_begun(among) if as_of is None else among[0])
        if shown != first:
            del others[first]
            others[shown] = [p for p in group if p != shown]
            out[at] = (shown, score)
    return out, others


def _one_hit_per_text(idx: LoadedIndex, tl: Timeline, ranked: list[tuple[str, float]], best_row: dict[str, int],
                      as_of: str | None, k: int, cited: dict[str, float]) -> tuple[list[tuple[str, float]], dict[str, list[str]]]:
    """The same text in several documents once, shown by the one the question cites, else the
    one that applies (search.same_text).
    A provision's signature covers all its units (a long one is cut into windows, and two texts
    whose best windows agree may differ in another), read once per loaded index."""
    cache = idx.derived.setdefault("same_text", {})
    on = as_of or today()

    def signature_of(pid: str):
        if pid not in cache:
            first = last = best_row[pid]
            while first > 0 and idx.units[first - 1].provision_id == pid:
                first -= 1
            while last + 1 < len(idx.units) and idx.units[last + 1].provision_id == pid:
                last += 1
            cache[pid] = same_text.signature(" ".join(u.text for u in idx.units[first:last + 1]))
        return cache[pid]

    def document_of(pid: str) -> str:
        return idx.units[best_row[pid]].document_id

    return same_text.collapse(ranked, signature_of, document_of, lambda pid: tl.status(document_of(pid), on) == "in_force", k,
                              lambda pid: pid in cited)


def _provision_entry(store: Store, idx: LoadedIndex, tl: Timeline, pid: str, as_of: str | None) -> dict:
    """A provision named beside a hit (the same text in another document, the draft that explains
    the card's provision): its id, a readable label ("BEK 1804/2025 § 5"; "Vejledning om … ,
    7. Aftaleparter, 8. afsnit") and its status."""
    doc_id = pid.partition("/")[0]
    doc = idx.documents.get(doc_id, {})
    label = readable_citation(doc_id, (doc.get("title") or doc_id)[:80], _section(store, idx, pid)[0],
                              doc.get("type") in LEGISLATION_TYPES)
    return {"id": pid, "label": label, "document": doc_id, "status": tl.status(doc_id, as_of or today())}


def search(store: Store, query: str, k: int = 10, mode: str = "hybrid", filters: dict | None = None,
           as_of: str | None = None) -> dict:
    """``as_of`` (YYYY-MM-DD): only texts that applied on that date; without it every text,
    each with its status today."""
    query, k, mode, filters = validate(query, k, mode, filters)
    as_of = parse_date(as_of)
    if not storage.exists(store.index_path) and store.counts()["documents"] == 0:
        return {"query": query, "mode": mode, "as_of": as_of, "hits": [], "answer": None, "weak": False,
                "suggestion": None, "facets": _empty_facets(), "total": 0}
    idx = load_index(store)
    _follow_graph(store, idx)
    tl = timeline_for(store)
    in_time = _in_time(idx, tl, as_of, None) if as_of else None
    mask = _allowed_rows(store, idx, filters)
    if in_time is not None:
        mask = in_time if mask is None else mask & in_time
    pool = _pool_size(k)

    dense_rows: list[int] = []
    bm25_rows: list[int] = []
    qvec: np.ndarray | None = None
    bm25_all: np.ndarray | None = None
    asked = crosslingual.for_index(store, query)   # an English question gets the field's Danish terms
    cited, cited_rows, title_blocks = _cited(store, idx, query, mask) if mode == "hybrid" else ({}, [], set())
    if mode in ("dense", "hybrid"):
        qvec = query_embedder(store, idx).embed_query(for_embedding(query, asked))
        dense_rows, dense_scores = _dense_ranking(idx, qvec, mask, pool)
        dense_scores = _with_sentences(store, idx, qvec, dense_scores)
        dense_rows = sorted(dense_rows, key=lambda r: -dense_scores[r])
    if mode in ("bm25", "hybrid"):
        bm25_all = idx.lexical.scores(asked)
        bm25_rows, bm25_scores = _bm25_ranking(bm25_all, mask, pool)
    if mode != "hybrid":
        rows, scores = (dense_rows, dense_scores) if mode == "dense" else (bm25_rows, bm25_scores)
        best_row = _first_rows(idx, rows)
        ranked = [(p, scores[r]) for p, r in best_row.items()]
    else:
        # a bare reference ("§ 57 b, stk. 2") means nothing to the dense embedding: there the
        # two signals swap roles, BM25 taking the share dense has for an ordinary question
        swap = is_reference_lookup(query)
        # the cited paragraphs are candidates even where neither list has them
        candidates = bm25_rows + [r for r in cited_rows if r not in bm25_scores]
        if fusion_method(store.settings["hybrid_fusion"]) == "convex":
            alpha = parse_alpha(store.settings["hybrid_alpha"])
            if swap:
                alpha = min(alpha, 1 - alpha)
            ranked, best_row = _convex_hybrid(idx, alpha, qvec, bm25_all, dense_rows, dense_scores, candidates,
                                              lambda scores: _with_sentences(store, idx, qvec, scores))
        else:
            w_dense, w_bm25 = parse_weights(store.settings["hybrid_weights"])
            weights = (min(w_dense, w_bm25), max(w_dense, w_bm25)) if swap else (w_dense, w_bm25)
            ranked, best_row = _rrf_hybrid(idx, weights, float(store.settings["rrf_k"]), dense_rows, candidates)
        ranked = _put_cited_forward(ranked, cited, title_blocks)

    ranked, other_versions = _in_time_order(idx, tl, ranked, best_row, as_of, cited)
    built = max(k, ANSWER_FROM)     # the answer does not change with the number of hits shown
    ranked, same_as = _one_hit_per_text(idx, tl, ranked, best_row, as_of, built, cited)
    table = facets.provision_table(store, idx, has_graph(store))
    relevant = facets.relevant_rows(table, store.settings, bm25_all,
                                    np.asarray(idx.vectors()) @ qvec if qvec is not None else None, in_time)
    total, facet_counts = facets.count(store, idx, table, relevant, filters)
    hits = []
    top = ranked[:built]
    covered = {p: _covered_provisions(store, idx, idx.units[best_row[p]]) for p, _ in top}
    obligations = _obligations_for(store, idx, sorted({c for cs in covered.values() for c in cs}))
    references = _references_for(store, idx, [p for p, _ in top])
    for pid, score in top:
        unit = idx.units[best_row[pid]]
        doc = idx.documents.get(unit.document_id, {"id": unit.document_id, "title": "", "type": "", "region": ""})
        section, path = _section(store, idx, pid)
        obs = [ob for c in covered[pid] for ob in obligations.get(c, [])]
        text = unit.text[:MAX_SHOWN_CHARS]
        hits.append({
            "id": pid,
            "score": round(float(score), 6),
            "text": text,
            "section": section,
            "path": list(path),
            "document": {**{k_: doc.get(k_, "") for k_ in ("id", "title", "type", "region")},
                         **tl.document_time(unit.document_id, as_of)},
            "other_versions": other_versions.get(pid, []),
            "same_text": [_provision_entry(store, idx, tl, other, as_of) for other in same_as.get(pid, [])],
            "obligations": obs,
            "references": references[pid],
            "highlights": highlights(text, query),
            "deadlines": [ob["deadline"] for ob in obs if ob.get("deadline")],
            "span": {"start": unit.start, "end": unit.start + len(text)},
            # put forward because the question cites this paragraph or names its document
            "cited": pid in cited,
        })
    answered = bool(hits) and _answered(store, idx, query, hits, best_row, qvec, bm25_all)
    answer = _whole_provision(store, idx, answer_hit(query, hits), query) if answered else None
    if answer is not None:
        _link_basis(store, idx, tl, answer, best_row, as_of)
        answer["explained_in"] = None
        law = binding_source(asked, answer, hits)     # an English question by its Danish terms
        if law is not None:
            # the card shows the provision in force that demands it, and links the draft that explains it
            explained_in = _provision_entry(store, idx, tl, answer["id"], as_of)
            answer = _whole_provision(store, idx, law, query)
            _link_basis(store, idx, tl, answer, best_row, as_of)
            answer["explained_in"] = explained_in
        answer["coming_version"] = _coming_version(store, idx, tl, answer, as_of)
    hits = hits[:k]
    return {"query": query, "mode": mode, "as_of": as_of, "hits": hits, "answer": answer,
            "weak": bool(hits) and not answered, "suggestion": None if answered else suggestion(idx, query),
            "facets": facet_counts, "total": total}


def _whole_provision(store: Store, idx: LoadedIndex, hit: dict, query: str) -> dict:
    """A copy of ``hit`` for the card (the links added to it are the card's), holding the whole
    provision where the index cut it into windows: a hit shows its best window, which may not be
    the sentence that answers (»§ 14 c … Stk. 3. Regionsrådet kan fastsætte …« lies in the second
    window), and the card is the planner's citation. Its statements are all the windows'."""
    card = dict(hit)
    rows = sorted((int(r) for r in idx.doc_rows.get(hit["document"]["id"], ())
                   if idx.units[r].provision_id == hit["id"]), key=lambda r: idx.units[r].start)
    if len(rows) < 2:
        return card
    text, end = "", None
    for r in rows:
        unit = idx.units[r]
        text += unit.text if end is None else unit.text[max(0, end - unit.start):]
        end = unit.start + len(unit.text)
    start = idx.units[rows[0]].start
    text = text[:MAX_SHOWN_CHARS]
    covered = _provisions_within(store, hit["document"]["id"], start, end, hit["id"])
    found = _obligations_for(store, idx, covered)
    obs = [ob for c in covered for ob in found.get(c, [])]
    card.update(text=text, span={"start": start, "end": start + len(text)}, obligations=obs,
                highlights=highlights(text, query), deadlines=[ob["deadline"] for ob in obs if ob.get("deadline")])
    return card


def _link_basis(store: Store, idx: LoadedIndex, tl: Timeline, answer: dict, best_row: dict[str, int],
                as_of: str | None) -> None:
    """The card's links: its legal basis chain, else the provision it restates."""
    answer["basis_chain"] = _basis_chain(store, idx, answer["id"])
    answer["restates"] = None if answer["basis_chain"] else _restates(idx, tl, answer, best_row.get(answer["id"]), as_of)


def _coming_version(store: Store, idx: LoadedIndex, tl: Timeline, answer: dict, as_of: str | None) -> dict | None:
    """The card's provision as a text already issued will read it from a later date (the order
    in force until 31 December 2026 and the order that replaces it on 1 January 2027): the next
    version after the card's own (``kg.timeline.provision_versions``) when it starts after the
    date asked about, with its label, start and whether its words differ; else None. Once per
    provision and date for a loaded index."""
    on = as_of or today()
    cache = idx.derived.setdefault("coming_versions", {})
    key = (answer["id"], on)
    if key not in cache:
        doc_id = answer["document"]["id"]
        found = None
        if any((m.valid_from or "") > on for m in tl.lineage(doc_id) if m.id != doc_id):
            try:
                versions = provision_versions(store, answer["id"], on)
            except Exception as exc:  # noqa: BLE001 - a card without it rather than no card
                log.warning("versions of %s unavailable: %s", answer["id"], exc)
                versions = []
            at = next((i for i, v in enumerate(versions) if v["id"] == answer["id"]), None)
            later = versions[at + 1] if at is not None and at + 1 < len(versions) else None
            if later is not None and (later["valid_from"] or "") > on:
                found = {**_provision_entry(store, idx, tl, later["id"], as_of),
                         "valid_from": later["valid_from"], "changed": bool(later["changed"])}
        cache[key] = found
    return cache[key]


def _answered(store: Store, idx: LoadedIndex, query: str, hits: list[dict], best_row: dict[str, int],
              qvec: np.ndarray | None, bm25_all: np.ndarray | None) -> bool:
    """Is the best hit an answer (search.answer)? BM25's best score over all units and the
    best hit's embedding cosine. In mode bm25 the query is not embedded (that mode must work
    without the embedder), so BM25 alone decides."""
    if bm25_all is None:
        bm25_all = idx.lexical.scores(query)
    bm25_top = float(bm25_all.max()) if len(bm25_all) else 0.0
    dense_top = None if qvec is None else float(np.asarray(idx.vectors()[best_row[hits[0]["id"]]]) @ qvec)
    return is_answered(bm25_top, dense_top, store.settings)


def _empty_facets() -> dict:
    return {name: {} for name in FILTERS}


def warm_up(store: Store) -> bool:
    """Load the index, the query embedder, the compound dictionary and the graph now, by
    running one query, so that a server's first user does not wait for them (seconds).
    False, with a warning, when the store cannot be searched yet."""
    try:
        search(store, "Hvem skal indsende sundhedsaftalen?", k=1)
    except AftalegrafError as exc:
        log.warning("search is not ready: %s", exc)
        return False
    return True
