"""The data model shared by ingest, graph and search: documents and their provision tree.

A *provision* is the smallest citable unit of a document: a § or Stk. of a bekendtgørelse,
a numbered sub-section's paragraph of a vejledning, a list with its lead-in sentence, a
numbered goal, a table row. Provisions form a tree (``parent_id``); every provision keeps
its heading path and its character span in the document's normalised text, so that
``document.text[p.start:p.end] == p.text`` always holds and a citation can be shown in
context.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Document types (`Document.type`). Danish, as planners name them.
DOCUMENT_TYPES = (
    "vejledning",
    "bekendtgørelse",
    "lov",
    "lovbekendtgørelse",
    "sundhedsaftale",
    "samarbejdsaftale",
    "høringsudkast",
    "høringsbrev",
    "dagsorden",
    "bilag",
    "webside",
    "nyhed",
    "andet",
)
# The types that bind by law (acts, their consolidations and the ministry's orders), as against
# guidance, agreements and the rest.
LEGISLATION_TYPES = frozenset({"bekendtgørelse", "lov", "lovbekendtgørelse"})

# Provision kinds (`Provision.kind`).
PROVISION_KINDS = (
    "kapitel",     # Kapitel 3 (legislation)
    "paragraf",    # § 21 ; its own text is the first paragraph (implicit stk. 1)
    "stk",         # Stk. 2
    "nr",          # 1) ... inside a § or Stk.
    "section",     # numbered heading in guidance: 2.1.1 Sundhedsklynger
    "heading",     # unnumbered heading
    "paragraph",   # running text under a heading
    "list",        # a list with its lead-in sentence (items are children)
    "item",        # one list item
    "goal",        # a numbered goal or vision: "1) At borgerne ..."
    "table",       # a table (rows are children)
    "row",         # one table row, cells joined by " | "
    "preamble",    # text before the first structure (title page, indledning of legislation)
)


@dataclass
class Provision:
    id: str                      # stable, readable: "bek-2022-1248/p21/stk2"
    document_id: str
    kind: str
    text: str                    # the provision's own text == document.text[start:end]
    start: int
    end: int
    parent_id: str | None = None  # None: directly under the document
    label: str = ""              # "§ 21", "Stk. 2", "2.1.1", "1)"
    title: str = ""              # heading text for kapitel/section/heading
    path: list[str] = field(default_factory=list)  # headings from the document down, this one excluded
    ordinal: int = 0             # position in document order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    id: str                       # stable, readable: "bek-2022-1248", "vej-2013-9005"
    title: str
    type: str                     # one of DOCUMENT_TYPES
    text: str                     # normalised full text; provision spans index into it
    provisions: list[Provision] = field(default_factory=list)
    issuer: str = ""              # "Sundhedsstyrelsen", "Sundhedsministeriet", "Region Hovedstaden"
    region: str = ""              # a key of REGIONS, or ""
    period: str = ""              # agreement period "2019-2023", or ""
    date: str = ""                # ISO date of issue/publication, or ""
    identifier: str = ""          # "BEK nr 1248 af 05/09/2022", "VEJ nr 9005 af 20/12/2013"
    eli: str = ""                 # "https://www.retsinformation.dk/eli/lta/2022/1248"
    source_path: str = ""         # the file it came from (compound files hold several documents)
    source_sha256: str = ""
    source_span: tuple[int, int] | None = None  # where in the source file's text it sits, if split
    meta: dict[str, Any] = field(default_factory=dict)  # anything else: dates, version, parts ...

    def summary(self) -> dict[str, Any]:
        """The document without its text and provisions, as listed by `documents`."""
        return {
            "id": self.id,
            "title": self.title,
            "type": self.type,
            "issuer": self.issuer,
            "region": self.region,
            "period": self.period,
            "date": self.date,
            "identifier": self.identifier,
            "eli": self.eli,
            "source": self.source_path,
            "provisions": len(self.provisions),
        }
