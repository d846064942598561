"""Retrieval evaluation on a QA set (JSON lines: ``id``, ``kind``, ``q``, ``gold`` quotes):
a hit is right when its text (at most 2,500 characters) contains one gold quote after
normalising case, whitespace and hyphenation. Scores recall@1/5/10 and MRR for each mode,
overall and per question kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

from aftalegraf.errors import BadQuery
from aftalegraf.store import Store
from aftalegraf.vocabulary import SEARCH_MODES

from .service import search
from .units import MAX_SHOWN_CHARS

CUTOFFS = (1, 5, 10)


def normalise(text: str) -> str:
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)      # hyphenated line breaks
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)      # dashes
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.lower().split())


def load_qa(path: str | Path) -> list[dict]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise BadQuery(f"{path}:{n}: not JSON ({exc})", "qa") from None
        if not item.get("q") or not item.get("gold"):
            raise BadQuery(f"{path}:{n}: needs 'q' and 'gold'", "qa")
        items.append(item)
    return items


def first_right_rank(hits: list[dict], gold: list[str]) -> int | None:
    quotes = [normalise(g) for g in gold]
    for rank, hit in enumerate(hits, 1):
        text = normalise(hit["text"][:MAX_SHOWN_CHARS])
        if any(q in text for q in quotes):
            return rank
    return None


def _scores(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    out = {f"recall@{c}": sum(1 for r in ranks if r is not None and r <= c) / n for c in CUTOFFS}
    out["mrr"] = sum(1.0 / r for r in ranks if r is not None) / n
    out["n"] = len(ranks)
    return out


def evaluate(store: Store, qa: list[dict], k: int = 10, modes: tuple[str, ...] = SEARCH_MODES) -> dict:
    """{"modes": {mode: {"all": scores, "by_kind": {kind: scores}}}, "questions": [...]}"""
    k = max(k, max(CUTOFFS))
    result: dict = {"k": k, "modes": {}, "questions": []}
    ranks: dict[str, list[tuple[str, int | None]]] = {m: [] for m in modes}
    for item in qa:
        row = {"id": item.get("id"), "kind": item.get("kind", ""), "q": item["q"]}
        for mode in modes:
            hits = search(store, item["q"], k=k, mode=mode)["hits"]
            r = first_right_rank(hits, item["gold"])
            ranks[mode].append((row["kind"], r))
            row[mode] = r
        result["questions"].append(row)
    for mode in modes:
        kinds = sorted({kind for kind, _ in ranks[mode]})
        result["modes"][mode] = {
            "all": _scores([r for _, r in ranks[mode]]),
            "by_kind": {kind: _scores([r for kk, r in ranks[mode] if kk == kind]) for kind in kinds},
        }
    return result


def table_rows(result: dict) -> list[list]:
    rows = []
    modes = list(result["modes"])
    groups = ["all"] + sorted({k for m in modes for k in result["modes"][m]["by_kind"]})
    for group in groups:
        for mode in modes:
            s = result["modes"][mode]["all"] if group == "all" else result["modes"][mode]["by_kind"].get(group)
            if s is None:
                continue
            rows.append([group, mode, s["n"]] + [f"{s[f'recall@{c}']:.3f}" for c in CUTOFFS] + [f"{s['mrr']:.3f}"])
    return rows


TABLE_HEADERS = ["kind", "mode", "n"] + [f"recall@{c}" for c in CUTOFFS] + ["MRR"]
