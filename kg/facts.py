"""Facts extracted from one document, before they become RDF (see docs/architecture.md).

Pure data: no store, no RDF. All ``start``/``end`` offsets are character offsets into
``Document.text``; ``document.text[start:end] == text`` for every fact that carries text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

GOAL_KINDS = ("vision", "maalsaetning", "fokusomraade", "maalgruppe", "nationalt-maal")


@dataclass
class ActorMention:
    key: str           # actor key of docs/architecture.md ("regionsraad", ...)
    label: str         # the surface form as written ("Regionsrådets")
    start: int
    end: int


@dataclass
class ObligationFact:
    id_index: int                 # n in forpligtelse/{provision_id}/{n} (1-based within the provision)
    provision_id: str
    bearers: list[str]            # actor keys; [] when the bearer is unknown
    bearer_label: str             # Danish display label, several joined with " og "
    modality: str                 # one of vocabulary.MODALITIES
    cue: str                      # "skal", "bør", "kan ikke", "påhviler", "present", "det anbefales" ...
    action: str                   # what must/may be done ("afholde mindst fire møder om året")
    text: str                     # the sentence (or clause) the statement was read from
    start: int
    end: int
    deadline: dict | None = None
    frequency: dict | None = None
    carried: bool = False         # bearer taken from the previous sentence or the heading
    passive: bool = False         # passive voice ("skal godkendes af ...", "indsendes til ...")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ThemeLink:
    key: str                      # theme key or national goal number ("1".."8")
    score: float                  # 1.0 for explicit mentions; cosine for similarity
    method: str                   # "explicit" | "similarity"
    evidence: str                 # the keyword found, or the best-matching label


@dataclass
class GoalFact:
    provision_id: str
    index: int                    # n in maal/{provision_id}/{n} (1-based within the provision)
    kind: str                     # one of GOAL_KINDS
    text: str
    start: int
    end: int
    label: str = ""               # "1)", "Vision 2", the heading, ...
    themes: list[ThemeLink] = field(default_factory=list)
    national_goals: list[ThemeLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ReferenceFact:
    provision_id: str
    index: int                    # n in henvisning/{provision_id}/{n} (1-based within the provision)
    label: str                    # the citation as written ("bekendtgørelsens § 21")
    start: int
    end: int
    target_document: str | None   # "bek-2022-1248", "sundhedsloven", or None = same document
    target: dict = field(default_factory=dict)  # paragraf, stk, nr, kapitel, afsnit: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    document_id: str
    obligations: list[ObligationFact] = field(default_factory=list)
    goals: list[GoalFact] = field(default_factory=list)
    references: list[ReferenceFact] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
