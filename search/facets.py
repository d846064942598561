"""Filters and facets that agree: a facet's count is exactly the number of provisions the same
search reports (``total``) once that value is chosen, given the other filters.

Both count the *relevant* provisions of the whole index — those with a unit that BM25 scores
at least ``answer_min_bm25`` or the embedding at least ``answer_min_dense`` (the thresholds
the answer is calibrated with, ``search.answer``) — not the ranking's candidate pool, whose
size and make-up change with every filter. The ranked hits are the top of the filtered
ranking, as before.

Per provision: document type, region and period from its document; the actors and
modalities of the obligations stated in it or below it (the filter's own reading: a
paragraph matches when it or one of its sub-provisions holds such an obligation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from aftalegraf.kg import api
from aftalegraf.store import Store
from aftalegraf.vocabulary import MODALITIES, REGIONS

from .answer import DEFAULT_MIN_BM25, DEFAULT_MIN_DENSE
from .loaded import LoadedIndex

FACETS = ("doc_type", "region", "actor", "modality", "period")


@dataclass
class ProvisionTable:
    """Per provision of the index (rows), what the facets count; built once per loaded index."""

    unit_row: np.ndarray              # unit -> provision row
    ids: list[str]                    # provision row -> provision id
    doc_ids: list[str]                # the documents, each once
    doc_number: np.ndarray            # provision row -> its document's index in doc_ids
    actor_keys: list[str]
    actors: np.ndarray                # (provisions, actors) bool
    modalities: np.ndarray            # (provisions, 4) bool, columns in vocabulary.MODALITIES order
    matches: dict = field(default_factory=dict)   # (document, facet, value) -> doc_matches, as asked


def period_of(doc: dict) -> str:
    return doc.get("period") or (doc.get("date") or "")[:4]


def period_matches(doc: dict, value: str) -> bool:
    period = doc.get("period") or ""
    if value == period or value == period_of(doc):
        return True
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    if re.fullmatch(r"\d{4}", value) and years:
        return min(years) <= int(value) <= max(years)
    return False


def doc_matches(doc: dict, filters: dict) -> bool:
    if "doc_type" in filters and doc["type"].lower() not in {v.lower() for v in filters["doc_type"]}:
        return False
    if "region" in filters:
        wanted = {v.lower() for v in filters["region"]}
        label = REGIONS.get(doc["region"], "").lower()
        if doc["region"].lower() not in wanted and label not in wanted:
            return False
    if "period" in filters and not any(period_matches(doc, v) for v in filters["period"]):
        return False
    return True


def provision_table(store: Store, idx: LoadedIndex, graph_ready: bool) -> ProvisionTable:
    cached = idx.derived.get("provision_table")
    if cached is not None:
        return cached
    row_of: dict[str, int] = {}
    ids: list[str] = []
    doc_of: list[str] = []
    unit_row = np.empty(len(idx.units), dtype=np.int64)
    for i, u in enumerate(idx.units):
        r = row_of.get(u.provision_id)
        if r is None:
            r = row_of[u.provision_id] = len(ids)
            ids.append(u.provision_id)
            doc_of.append(u.document_id)
        unit_row[i] = r
    obligations = api.obligations(store, include_reported=True) if graph_ready else []
    keys = sorted({b["key"] for ob in obligations for b in ob["bearers"] if b.get("key")})
    col = {k: j for j, k in enumerate(keys)}
    actors = np.zeros((len(ids), len(keys)), dtype=bool)
    modalities = np.zeros((len(ids), len(MODALITIES)), dtype=bool)
    for ob in obligations:
        pid = ob.get("provision_id") or ""
        while pid:  # the provision and the provisions around it, as the filter reads them
            r = row_of.get(pid)
            if r is not None:
                for b in ob["bearers"]:
                    if b.get("key") in col:
                        actors[r, col[b["key"]]] = True
                if ob.get("modality") in MODALITIES:
                    modalities[r, MODALITIES.index(ob["modality"])] = True
            pid = pid.rpartition("/")[0]
    doc_ids = list(dict.fromkeys(doc_of))
    number = {d: i for i, d in enumerate(doc_ids)}
    table = ProvisionTable(unit_row, ids, doc_ids,
                           np.fromiter((number[d] for d in doc_of), dtype=np.int64, count=len(doc_of)),
                           keys, actors, modalities)
    idx.derived["provision_table"] = table
    return table


def relevant_rows(table: ProvisionTable, settings: dict, bm25_all: np.ndarray | None,
                  dense_all: np.ndarray | None, unit_mask: np.ndarray | None) -> np.ndarray:
    """Provision rows with a relevant unit (within ``unit_mask``, the date filter)."""
    hit = np.zeros(len(table.unit_row), dtype=bool)
    if bm25_all is not None:
        hit |= bm25_all >= float(settings.get("answer_min_bm25", DEFAULT_MIN_BM25))
    if dense_all is not None:
        hit |= dense_all >= float(settings.get("answer_min_dense", DEFAULT_MIN_DENSE))
    if unit_mask is not None:
        hit &= unit_mask
    return np.unique(table.unit_row[hit])


def _masks(store: Store, idx: LoadedIndex, table: ProvisionTable, filters: dict) -> dict[str, np.ndarray]:
    """One boolean mask over provision rows per active filter."""
    masks = {}
    for name, values in filters.items():
        if name == "actor":
            keys = {k for v in values for k in api.actor_keys(store, v)} if table.actor_keys else set()
            cols = [j for j, k in enumerate(table.actor_keys) if k in keys]
            masks[name] = table.actors[:, cols].any(axis=1) if cols else np.zeros(len(table.ids), dtype=bool)
        elif name == "modality":
            cols = [MODALITIES.index(v.lower()) for v in values if v.lower() in MODALITIES]
            masks[name] = table.modalities[:, cols].any(axis=1)
        else:
            ok = {d for d, doc in idx.documents.items() if doc_matches(doc, {name: values})}
            masks[name] = np.fromiter((d in ok for d in table.doc_ids), dtype=bool, count=len(table.doc_ids))[table.doc_number]
    return masks


def _value(doc: dict, name: str) -> str:
    return period_of(doc) if name == "period" else doc["type" if name == "doc_type" else "region"]


def _matches(table: ProvisionTable, idx: LoadedIndex, doc_id: str, name: str, value: str) -> bool:
    key = (doc_id, name, value)
    if key not in table.matches:
        table.matches[key] = doc_matches(idx.documents[doc_id], {name: [value]})
    return table.matches[key]


def count(store: Store, idx: LoadedIndex, table: ProvisionTable, rows: np.ndarray,
          filters: dict) -> tuple[int, dict[str, dict[str, int]]]:
    """(relevant provisions passing every filter, facets): each facet value counted over the
    relevant provisions that pass the *other* filters, so its count is the total that
    choosing it gives."""
    masks = _masks(store, idx, table, filters)

    def passing(skip: str | None) -> np.ndarray:
        keep = rows
        for name, m in masks.items():
            if name != skip:
                keep = keep[m[keep]]
        return keep

    everywhere = passing(None)
    total = int(len(everywhere))
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for name in ("doc_type", "region", "period"):
        keep = passing(name) if name in masks else everywhere
        per_doc = np.bincount(table.doc_number[keep], minlength=len(table.doc_ids))
        docs = {table.doc_ids[i]: int(per_doc[i]) for i in np.flatnonzero(per_doc)
                if table.doc_ids[i] in idx.documents}
        values = {_value(idx.documents[d], name) for d in docs} - {""}
        # each value counted by the filter's own test (a year also matches the periods around it)
        facets[name] = {v: sum(n for d, n in docs.items() if _matches(table, idx, d, name, v)) for v in values}
    keep = passing("actor")
    if len(table.actor_keys):
        sums = table.actors[keep].sum(axis=0)
        facets["actor"] = {k: int(n) for k, n in zip(table.actor_keys, sums) if n}
    keep = passing("modality")
    sums = table.modalities[keep].sum(axis=0)
    facets["modality"] = {m: int(n) for m, n in zip(MODALITIES, sums) if n}
    return total, {name: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for name, v in facets.items()}
