"""Reference targets: which provision (or document) a citation such as "§ 21, stk. 2" or
"bekendtgørelsens § 21" points to, among the documents now in the store."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

from aftalegraf.store import Store

log = logging.getLogger(__name__)


def _slug_num(v) -> str:
    return re.sub(r"\s+", "", str(v)).lower().rstrip(".")


def target_path(target: dict) -> str:
    """The structural target of a reference as a provision-id path: {"paragraf": "21",
    "stk": "2"} -> "p21/stk2"; {"kapitel": "6"} -> "kap6"; {"afsnit": "2.2.1"} -> "s2.2.1"."""
    t = target or {}
    parts: list[str] = []
    if t.get("paragraf"):
        parts.append("p" + _slug_num(t["paragraf"]))
        if t.get("stk"):
            parts.append("stk" + _slug_num(t["stk"]))
        if t.get("nr"):
            parts.append("nr" + _slug_num(t["nr"]))
    elif t.get("kapitel"):
        parts.append("kap" + _slug_num(t["kapitel"]))
    elif t.get("afsnit"):
        parts.append("s" + _slug_num(t["afsnit"]))
    return "/".join(parts)


@dataclass
class _DocInfo:
    id: str
    type: str
    date: str
    act: str
    size: int = 0
    title: str = ""      # lower case; a consolidation's without "bekendtgørelse af"


def _title_key(title: str) -> str:
    """'Bekendtgørelse af lov om hold af dyr' -> 'lov om hold af dyr': as a citation names it."""
    t = " ".join((title or "").lower().split())
    return t.removeprefix("bekendtgørelse af ")


def _names(key: str, title: str) -> bool:
    """A citation by title ("lov om kommunernes styrelse", "bekendtgørelse om
    sundhedskoordinationsudvalg og sundhedsaftaler") names a document with that title, word for
    word as far as the shorter goes (a citation may stop early, a title may go on)."""
    if not title or len(key.split()) < 3:
        return False
    short, long_ = sorted((key, title), key=len)
    return long_ == short or long_.startswith(short + " ")


@dataclass
class Resolver:
    """Resolves (citing document, target key, target path) to a provision id, against the
    documents in the SQLite store."""

    docs: dict[str, _DocInfo] = field(default_factory=dict)
    provisions: set[str] = field(default_factory=set)
    section_labels: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> "Resolver":
        r = cls()
        for row in store.db.execute(
                "SELECT d.id, d.type, d.date, d.period, d.meta, d.title, "
                "(SELECT count(*) FROM provisions p WHERE p.document_id = d.id) AS n FROM documents d"):
            try:
                meta = json.loads(row["meta"] or "{}")
            except ValueError:
                meta = {}
            date = row["date"] or ""
            if not date:
                # undated (a hearing draft, a web page): the end of the year its id or
                # period names is the best guess of when it was written
                years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", f"{row['id']} {row['period'] or ''}")
                date = f"{years[0]}-12-31" if years else ""
            r.docs[row["id"]] = _DocInfo(row["id"], row["type"] or "", date,
                                         str(meta.get("act") or "").lower(), int(row["n"]),
                                         _title_key(row["title"]))
        for row in store.db.execute("SELECT id, document_id, kind, label FROM provisions"):
            r.provisions.add(row["id"])
            if row["kind"] in ("section", "heading") and row["label"]:
                key = (row["document_id"], row["label"].strip().rstrip("."))
                r.section_labels.setdefault(key, row["id"])
        return r

    def candidates(self, citing: str, key: str | None) -> list[str]:
        """The documents a citation may mean, best first. An act name ("sundhedsloven") or
        title ("lov om …", "bekendtgørelse om …") means its consolidated text
        (lovbekendtgørelse) in force at the citing document's date, else the latest; then
        other versions, newest first."""
        if not key:
            return [citing] if citing in self.docs else []
        if key in self.docs:
            return [key]
        name = key.lower()
        by_title = name.startswith(("lov om ", "bekendtgørelse om "))
        cands = [d for d in self.docs.values()
                 if d.id != citing and (_names(name, d.title) if by_title else d.act == name)]
        if not cands:
            return []
        date = self.docs[citing].date if citing in self.docs else ""

        def rank(d: _DocInfo):
            in_force = bool(date and d.date and d.date <= date)
            return (d.type == "lovbekendtgørelse", in_force or not date, d.date, d.size, d.id)

        return [d.id for d in sorted(cands, key=rank, reverse=True)]

    def document_for(self, citing: str, key: str | None) -> str | None:
        c = self.candidates(citing, key)
        return c[0] if c else None

    def find(self, doc: str, path: str) -> tuple[str | None, bool]:
        """(provision id, exact?) of ``path`` in ``doc``."""
        if path.startswith("s"):
            pid = self.section_labels.get((doc, path[1:]))
            if pid:
                return pid, True
            pid = f"{doc}/{path}"
            return (pid, True) if pid in self.provisions else (None, False)
        parts = path.split("/")
        exact = True
        # the exact provision, else the nearest enclosing one that exists (§ 21 when the
        # version in the store has no such stk.)
        while parts:
            pid = f"{doc}/{'/'.join(parts)}"
            if pid in self.provisions:
                return pid, exact
            parts.pop()
            exact = False
        return None, False

    def resolve(self, citing: str, key: str | None, path: str) -> tuple[str | None, str | None]:
        """(target provision id, target document id); either may be None."""
        cands = self.candidates(citing, key)
        if not cands:
            return None, None
        if not path:
            return None, cands[0]
        fallback: tuple[str | None, str | None] = (None, cands[0])
        for doc in cands:
            pid, exact = self.find(doc, path)
            if pid and exact:
                return pid, doc
            if pid and fallback[0] is None:
                fallback = (pid, doc)
        return fallback


