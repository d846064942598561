"""Legal time across the store: when each document applies, what replaced it, and the same
provision through its versions.

``timeline_for(store)`` reads every document's own lifecycle clauses (``kg.lifecycle``) and
joins them: a repeal in BEK 1248/2022 § 31, stk. 2 ends BEK 679/2018 the day before 1248
enters into force; each lovbekendtgørelse of an act ends the day before the next one;
a newer edition of the same guidance replaces the older; an agreement expires with its
period. Nothing is typed in by hand, and a repeal naming a document that is not in the
store is kept (``unresolved``) and takes effect when that document is ingested, because
the timeline is recomputed from the store's documents (cached per store generation).

Statuses and their meaning are the contract's (*Legal time*); ``aftalegraf.legal_time``
holds the names and Danish labels.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date

from aftalegraf.errors import BadQuery, ConfigError
from aftalegraf.legal_time import day_before, eli_of_identifier
from aftalegraf.model import Document
from aftalegraf.store import Store

from .lifecycle import Named, read_lifecycle
from .rdf import LEGAL_TYPES

ENV_TODAY = "AFTALEGRAF_TODAY"


def pinned_day() -> str | None:
    """``$AFTALEGRAF_TODAY`` (YYYY-MM-DD) where it is set: the test suite pins it, since which
    order applies changes on 1 January 2027, and an operator can show the store as on a fixed day."""
    fixed = os.environ.get(ENV_TODAY, "").strip()
    if not fixed:
        return None
    try:
        return date.fromisoformat(fixed).isoformat()
    except ValueError:
        raise ConfigError(f"{ENV_TODAY} must be a date as YYYY-MM-DD, got {fixed!r}") from None


def today() -> str:
    """The day legal status is read on: the pinned day, else the system clock's."""
    return pinned_day() or date.today().isoformat()


def parse_date(value: str | None, field_name: str = "as_of") -> str | None:
    """An ISO date (YYYY-MM-DD) or None; anything else is a BadQuery naming the field."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise BadQuery(f"{field_name} must be a date as YYYY-MM-DD, got {value!r}", field_name) from None


@dataclass
class DocTime:
    """One document in legal time."""

    id: str
    type: str
    title: str
    identifier: str
    date: str
    eli: str = ""                      # official ELI (owl:sameAs)
    expression: str = ""               # documents that are one text (a full LBK and its excerpt)
    act: str = ""                      # the act a consolidation consolidates ("sundhedsloven")
    draft: bool = False
    valid_from: str | None = None
    valid_to: str | None = None        # the last day it applies
    end: str | None = None             # why it stops: repealed | superseded | expired
    entry_provision: str | None = None
    entry_exception: str = ""
    superseded_by: list[dict] = field(default_factory=list)   # [{"document", "provision"}]
    repeals: list[dict] = field(default_factory=list)         # [{"document", "label", "provision", "resolved"}]
    amends: list[str] = field(default_factory=list)
    amended_by: list[str] = field(default_factory=list)
    consolidates: list[str] = field(default_factory=list)   # the graph writes the inverse links

    @property
    def legal(self) -> bool:
        return self.type in LEGAL_TYPES

    def status(self, on: str | None = None) -> str:
        on = on or today()
        if self.draft:
            return "draft"
        if self.valid_from is None:
            return "unknown"
        if on < self.valid_from:
            return "not_yet_in_force"
        if self.valid_to and on > self.valid_to:
            return self.end or "expired"
        return "in_force"

    def applies_on(self, on: str) -> bool:
        """Is this text one that applied on ``on``? Texts in force then; documents without
        legal status (news, web pages, agendas) that existed by then."""
        st = self.status(on)
        if st == "in_force":
            return True
        return st == "unknown" and not self.legal and (not self.date or self.date <= on)

    def to_dict(self, on: str | None = None) -> dict:
        return {"status": self.status(on), "valid_from": self.valid_from, "valid_to": self.valid_to,
                "superseded_by": list(self.superseded_by), "eli": self.eli or None}


@dataclass
class Timeline:
    docs: dict[str, DocTime] = field(default_factory=dict)
    key: tuple = ()
    _version_keys: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def get(self, doc_id: str) -> DocTime | None:
        return self.docs.get(doc_id)

    def status(self, doc_id: str, on: str | None = None) -> str:
        d = self.docs.get(doc_id)
        return d.status(on) if d else "unknown"

    def document_time(self, doc_id: str, on: str | None = None) -> dict:
        d = self.docs.get(doc_id)
        if d is None:
            return {"status": "unknown", "valid_from": None, "valid_to": None, "superseded_by": [], "eli": None}
        return d.to_dict(on)

    def applies_on(self, doc_id: str, on: str) -> bool:
        d = self.docs.get(doc_id)
        return d.applies_on(on) if d else True

    # versions ------------------------------------------------------------------------
    def lineage(self, doc_id: str) -> list[DocTime]:
        """The documents that are versions of ``doc_id``'s text, oldest first: every
        consolidation of the same act, or the chain of orders that repealed or replaced one
        another (same document type)."""
        d = self.docs.get(doc_id)
        if d is None:
            return []
        if d.act and d.type == "lovbekendtgørelse":
            members = [x for x in self.docs.values() if x.act == d.act and x.type == d.type]
        else:
            seen, todo = {d.id}, [d.id]
            while todo:
                cur = self.docs[todo.pop()]
                near = [s["document"] for s in cur.superseded_by] + [
                    r["document"] for r in cur.repeals if r["resolved"]]
                near += [x.id for x in self.docs.values() if any(s["document"] == cur.id for s in x.superseded_by)]
                for n in near:
                    if n in self.docs and n not in seen and self.docs[n].type == d.type:
                        seen.add(n)
                        todo.append(n)
            members = [self.docs[i] for i in seen]
        return sorted(members, key=lambda x: (x.valid_from or x.date or "", x.id))

    def version_key(self, provision_id: str) -> tuple[str, str]:
        """Provisions with the same key are one provision in several versions of one act
        (consolidations, and a full text beside its excerpt): search shows them once.
        Remembered: a search asks it for each of its ~150 candidates."""
        key = self._version_keys.get(provision_id)
        if key is None:
            doc_id, _, path = provision_id.partition("/")
            d = self.docs.get(doc_id)
            key = ("act:" + d.act, path) if d is not None and d.act and d.type == "lovbekendtgørelse" else (doc_id, path)
            self._version_keys[provision_id] = key
        return key


# --- building ---------------------------------------------------------------------------
_cache: dict[str, Timeline] = {}
_lock = threading.Lock()


def timeline_for(store: Store) -> Timeline:
    key = (str(store.path.resolve()), store.generation)
    t = _cache.get(key[0])
    if t is not None and t.key == key:
        return t
    with _lock:
        t = build_timeline(_documents(store))
        t.key = key
        _cache[key[0]] = t
        return t


def _documents(store: Store) -> list[Document]:
    """Every document; provisions only where lifecycle clauses are read (orders and acts)."""
    out = []
    for d in store.documents():
        if d.type in ("bekendtgørelse", "lov"):
            d = store.document(d.id)
        out.append(d)
    return out


def _norm_title(t: str) -> str:
    return re.sub(r"\s+", " ", (t or "").strip().lower().rstrip("."))


def build_timeline(documents: list[Document]) -> Timeline:
    t = Timeline()
    cycles = {}
    for doc in documents:
        lc = read_lifecycle(doc)
        cycles[doc.id] = lc
        meta = doc.meta or {}
        d = DocTime(id=doc.id, type=doc.type, title=doc.title, identifier=doc.identifier, date=doc.date or "",
                    eli=eli_of_identifier(doc.identifier) or doc.eli, expression=str(meta.get("full_text_id") or doc.id),
                    act=str(meta.get("act") or "").lower(), draft=lc.draft,
                    entry_provision=lc.entry_provision, entry_exception=lc.entry_exception)
        if not d.draft:
            if lc.period:
                d.valid_from, d.valid_to, d.end = lc.period[0], lc.period[1], "expired"
            elif doc.type in LEGAL_TYPES and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or ""):
                d.valid_from = lc.entry_into_force or doc.date
        t.docs[doc.id] = d
    by_expression: dict[str, list[str]] = {}
    for d in t.docs.values():
        by_expression.setdefault(d.expression, []).append(d.id)
    _consolidations(t, by_expression)
    for doc_id, lc in cycles.items():
        _repeals(t, t.docs[doc_id], lc.repeals, by_expression)
        _amendments(t, t.docs[doc_id], lc.amends, lc.amends_title, by_expression)
    _editions(t)
    return t


def _canonical(t: Timeline, ids: list[str]) -> str:
    """Of documents that are one text, the full one (an excerpt names its full text)."""
    return min(ids, key=lambda i: (i != t.docs[i].expression, i))


def _end(d: DocTime, last_day: str | None, reason: str, by: dict) -> None:
    if last_day and (d.valid_to is None or last_day < d.valid_to):
        d.valid_to, d.end = last_day, reason
    elif d.end is None:
        d.end = reason
    if by not in d.superseded_by:
        d.superseded_by.append(by)


def _consolidations(t: Timeline, by_expression: dict[str, list[str]]) -> None:
    """Each lovbekendtgørelse of an act applies until the next one."""
    acts: dict[str, list[str]] = {}
    for expr, ids in by_expression.items():
        first = t.docs[ids[0]]
        if first.type == "lovbekendtgørelse" and first.act and first.valid_from:
            acts.setdefault(first.act, []).append(expr)
    for exprs in acts.values():
        exprs.sort(key=lambda e: (t.docs[by_expression[e][0]].valid_from, e))
        for old, new in zip(exprs, exprs[1:]):
            new_doc = _canonical(t, by_expression[new])
            start = t.docs[new_doc].valid_from
            for i in by_expression[old]:
                _end(t.docs[i], day_before(start) if start else None, "superseded",
                     {"document": new_doc, "provision": None})
            for i in by_expression[new]:
                t.docs[i].consolidates.append(_canonical(t, by_expression[old]))


def _repeals(t: Timeline, r: DocTime, named: list[Named], by_expression: dict[str, list[str]]) -> None:
    for n in named:
        targets = by_expression.get(n.id, [])
        r.repeals.append({"document": n.id, "label": n.label, "provision": n.provision_id, "resolved": bool(targets)})
        if r.draft or not targets:
            continue
        for i in targets:
            _end(t.docs[i], day_before(r.valid_from) if r.valid_from else None, "repealed",
                 {"document": r.id, "provision": n.provision_id})


def _amendments(t: Timeline, r: DocTime, named: list[Named], title: str,
                by_expression: dict[str, list[str]]) -> None:
    targets = [i for n in named for i in by_expression.get(n.id, [])[:1]]
    if title and not targets:
        wanted = _norm_title(title)
        same = [d for d in t.docs.values() if d.id != r.id and _norm_title(d.title) == wanted
                and d.type == r.type and (d.date or "") <= (r.date or "9999")]
        if same:
            targets = [max(same, key=lambda d: (d.date, d.id)).id]
    for i in targets:
        if i not in r.amends:
            r.amends.append(i)
            t.docs[i].amended_by.append(r.id)


def _editions(t: Timeline) -> None:
    """A newer edition of the same guidance (same title, not a draft) replaces the older."""
    groups: dict[str, list[DocTime]] = {}
    for d in t.docs.values():
        if d.type == "vejledning" and not d.draft and d.valid_from:
            groups.setdefault(_norm_title(d.title), []).append(d)
    for eds in groups.values():
        eds.sort(key=lambda d: (d.valid_from, d.id))
        for old, new in zip(eds, eds[1:]):
            if new.valid_from > old.valid_from:
                _end(old, day_before(new.valid_from), "superseded", {"document": new.id, "provision": None})


# --- versions of one provision -----------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def word_diff(old: str, new: str) -> list[list[str]]:
    """Word-level changes from ``old`` to ``new``: [["=", "same words"], ["-", "removed"],
    ["+", "added"]], like legislation.gov.uk's changes over time."""
    a, b = _words(old), _words(new)
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", " ".join(a[i1:i2])])
            continue
        if i2 > i1:
            out.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            out.append(["+", " ".join(b[j1:j2])])
    return out


def _similarity(a: str, b: str) -> float:
    sm = difflib.SequenceMatcher(None, _words(a.lower()), _words(b.lower()), autojunk=False)
    return sm.ratio() if sm.real_quick_ratio() > 0.3 else 0.0


def _rewritten_in_part(a: str, b: str) -> bool:
    """Is one text the other rewritten in part? Most of the shorter text's words are in the
    longer, in order (an order that rewrites one sentence of a paragraph and drops another:
    "Kommunalbestyrelsen skal oplyse om …" -> "Kommunalbestyrelsen henholdsvis regionsrådet
    skal oplyse om …"), and the two still share a quarter of all their words (a short "§ 1.
    Regionsrådet … nedsætter et udvalg" is not the long § 1 that sets up the clusters)."""
    x, y = sorted((_words(a.lower()), _words(b.lower())), key=len)   # the same answer either way round
    if len(x) < 5:
        return False
    matched = sum(block.size for block in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
    return matched / len(x) >= 0.55 and 2 * matched / (len(x) + len(y)) >= 0.25


def _body(text: str) -> str:
    """The provision's words without its own label ("§ 5.", "Stk. 2.")."""
    return re.sub(r"^\s*(?:§+\s*\d+\s*[a-z]?\.|Stk\.\s*\d+\.|\d+\))\s*", "", text)


def _match(store: Store, doc: DocTime, path: str, text: str, kind: str, same_act: bool) -> tuple[str, str] | None:
    """(provision id, text) of the provision in ``doc`` that is the version of ``text``."""
    pid = f"{doc.id}/{path}"
    try:
        p = store.provision(pid)
    except Exception:  # noqa: BLE001 - not there under that path
        p = None
    # under the same number a version may be rewritten in part: it counts when most of the
    # shorter text is in the other (a renumbered provision must match as a whole, below)
    if p is not None and (same_act or _similarity(_body(p.text), _body(text)) >= 0.5
                          or _rewritten_in_part(_body(p.text), _body(text))):
        return p.id, p.text
    if same_act:
        return None
    best, best_score = None, 0.55
    for q in store.provisions(doc.id):
        if q.kind != kind:
            continue
        s = _similarity(_body(q.text), _body(text))
        if s > best_score:
            best, best_score = q, s
    return (best.id, best.text) if best else None


def provision_versions(store: Store, provision_id: str, on: str | None = None) -> list[dict]:
    """The same provision in every version of its act or document in the store, oldest
    first (the contract's ``/api/provisions/{id}/versions``); ``changed`` is False where the
    text equals the previous version's, and ``diff`` gives the word-level change."""
    p = store.provision(provision_id)
    t = timeline_for(store)
    doc = t.get(p.document_id)
    if doc is None:
        return []
    path = provision_id[len(p.document_id) + 1:]
    same_act = bool(doc.act and doc.type == "lovbekendtgørelse")
    # one document per text: the one asked about, else the full text, else an excerpt
    members = sorted(t.lineage(doc.id), key=lambda m: (m.expression, m.id != doc.id, m.id != m.expression))
    chosen = []
    for _, group in itertools.groupby(members, key=lambda m: m.expression):
        for m in group:
            found = (provision_id, p.text) if m.id == doc.id else _match(store, m, path, p.text, p.kind, same_act)
            if found is not None:
                chosen.append((m, found))
                break
    chosen.sort(key=lambda c: (c[0].valid_from or c[0].date or "", c[0].id))
    out: list[dict] = []
    prev = None
    for d, (pid, text) in chosen:
        norm = re.sub(r"\s+", " ", _body(text)).strip()
        out.append({"id": pid, "document": d.id, "identifier": d.identifier, "title": d.title,
                    "valid_from": d.valid_from, "valid_to": d.valid_to, "status": d.status(on),
                    "text": text, "changed": prev is None or norm != prev[0],
                    "diff": word_diff(prev[1], text) if prev is not None else []})
        prev = (norm, text)
    return out
