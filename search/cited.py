"""What a question cites: »efter § 4 i bekendtgørelse nr. 778 af 2009«, »sundhedslovens § 57 b,
stk. 2«, »bekendtgørelsens § 15«, »bekendtgørelse nr. 1248 af 5. september 2022«.

A planner who names a paragraph wants that paragraph; one who names an order wants an answer
from it. Neither signal knows that: the embedding reads »§ 30 a« as noise, and BM25 scores the
paragraphs that *mention* the number as high as the one that carries it. So the service resolves
the citation against the documents in the store, as the graph resolves a provision's references
(``kg.resolve``), and puts what it names forward (``service``).

Resolution, in a question (which has no citing document of its own):
- a numbered document (»bekendtgørelse nr. 778 [af 13/08/2009 | af 2009]«, »LOV nr. 719«,
  »BEK 1248/2022«): the store's documents of that type and number (and year, when given);
- an act by name (»sundhedslovens«, »i sundhedsloven«): every consolidation of it in the store;
- »bekendtgørelsen(s)« with no number: the one order in the store that has the paragraph cited
  (»§ 30 a i bekendtgørelsen«); when several have it (»bekendtgørelsens § 15«), none;
- a paragraph (»§ 30 a«, »§ 57 b, stk. 2«): that provision in each named document, or the
  nearest enclosing one the document has. A paragraph with no document named is not resolved:
  »§ 4« alone could be any text's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aftalegraf.kg.references import DOC_TYPES, PARA_REF
from aftalegraf.kg.resolve import Resolver, target_path
from aftalegraf.legal_time import MONTH_PATTERN

# »bekendtgørelse nr. 778 af 13. august 2009«, »… af 13/08/2009«, »… af 2009«, »BEK nr 778«
_NUMBERED = re.compile(
    rf"\b(?P<type>lovbekendtgørelse|bekendtgørelse|vejledning|lov|bek|lbk|vej)\s+nr\.?\s*(?P<nr>\d+)"
    rf"(?:\s+af\s+(?:\d{{1,2}}\.\s*{MONTH_PATTERN}\s+|\d{{1,2}}/\d{{1,2}}/)?(?P<y>\d{{4}}))?", re.I)
# »BEK 1248/2022«, »LBK nr. 1011/2023« (the citation labels the service itself shows)
_SLASHED = re.compile(r"\b(?P<type>bek|lbk|lov|vej)\s+(?:nr\.?\s*)?(?P<nr>\d+)/(?P<y>\d{4})\b", re.I)
_ACT = re.compile(r"\b(?P<act>[a-zæøå]+lov)(?:en|ens|s)?\b", re.I)
_ANY_ORDER = re.compile(r"\bbekendtgørelse(?:n|ns)\b", re.I)


@dataclass(frozen=True)
class Cited:
    """Provisions a question cites by paragraph, and documents it names without one."""
    provisions: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.provisions or self.documents)


def _numbered(query: str, resolver: Resolver) -> list[str]:
    out: list[str] = []
    for m in [*_NUMBERED.finditer(query), *_SLASHED.finditer(query)]:
        prefix, nr, year = DOC_TYPES[m.group("type").lower()], m.group("nr"), m.group("y")
        pattern = re.compile(rf"{prefix}-(?P<y>\d{{4}})-{int(nr)}(?:-[a-z]+)?$")
        for doc in sorted(resolver.docs):
            found = pattern.match(doc)
            if found and (not year or found.group("y") == year) and doc not in out:
                out.append(doc)
    return out


def _acts(query: str, resolver: Resolver) -> list[str]:
    names = {m.group("act").lower() + "en" for m in _ACT.finditer(query)}
    return sorted(d.id for d in resolver.docs.values() if d.act and d.act in names)


def cited_in(query: str, resolver: Resolver) -> Cited:
    """The provisions and documents ``query`` cites, among the store's documents."""
    docs = _numbered(query, resolver)
    named = list(docs)
    docs += [d for d in _acts(query, resolver) if d not in docs]
    loose = not docs and bool(_ANY_ORDER.search(query))
    if loose:
        docs = sorted(d.id for d in resolver.docs.values() if d.type == "bekendtgørelse")
    paths = []
    for m in PARA_REF.finditer(query):
        path = target_path({"paragraf": re.sub(r"\s+", "", m.group("p")), "stk": m.group("stk"),
                            "nr": m.group("nr")})
        if path and path not in paths:
            paths.append(path)
    if not paths:
        return Cited(documents=tuple(named))
    provisions: list[str] = []
    for doc in docs:
        for path in paths:
            pid, exact = resolver.find(doc, path)
            if pid and pid not in provisions and (exact or not loose):
                provisions.append(pid)
    if loose:
        # »bekendtgørelsens § 15« when several orders have a § 15 is no citation of one of them
        return Cited(provisions=tuple(provisions)) if len(provisions) == 1 else Cited()
    return Cited(provisions=tuple(provisions))
