"""Cross-references: "jf. bekendtgørelsens § 21", "sundhedslovens § 205, stk. 3", "§ 4, stk. 2",
"§ 203 stk. 3", "§§ 203-205", "kapitel 6", "afsnit 2.2.1", "bekendtgørelse nr. 1248 af
5. september 2022".

Target document:
- "bekendtgørelsens"/"bekendtgørelsen" in a document that is not itself a bekendtgørelse:
  the bekendtgørelse the document names ("bekendtgørelse nr. 1248 af 5. september 2022" ->
  ``bek-2022-1248``); in a bekendtgørelse: itself (None);
- "sundhedslovens"/"sundhedsloven" -> ``"sundhedsloven"`` (the act name; the graph stage
  resolves it to the consolidated text in the store); likewise other "...lovens" acts;
- "bekendtgørelse nr. N af D. M YYYY" / "lov nr. N" / "lovbekendtgørelse nr. N" -> the id;
- a bare "§ 4", "kapitel 6", "afsnit 2.2.1" -> None (the same document).
"""

from __future__ import annotations

import re

from aftalegraf.legal_time import MONTH_PATTERN
from aftalegraf.model import LEGISLATION_TYPES

from .facts import ReferenceFact

DOC_TYPES = {
    "bekendtgørelse": "bek", "bekendtgørelsen": "bek", "lov": "lov", "lovbekendtgørelse": "lbk",
    "vejledning": "vej", "bek": "bek", "lbk": "lbk", "vej": "vej",
}
# "bekendtgørelse nr. 1248 af 5. september 2022", "BEK nr 1248 af 05/09/2022", "lov nr. 719 af ..."
NAMED_DOC = re.compile(
    rf"\b(?P<type>bekendtgørelse|lovbekendtgørelse|lov|vejledning|bek|lbk|vej)\s+nr\.?\s*(?P<nr>\d+)\s+af\s+"
    rf"(?:(?P<d>\d{{1,2}})\.\s*(?P<m>{MONTH_PATTERN})\s+(?P<y>\d{{4}})|(?P<d2>\d{{2}})/(?P<m2>\d{{2}})/(?P<y2>\d{{4}}))",
    re.I)
_PARA = r"(?P<p>\d+(?:\s?[a-hj-z](?![a-zæøå]))?)(?![\d])"
_STK = r"(?:,?\s*stk\.\s*(?P<stk>\d+))?"
_NR = r"(?:,?\s*nr\.\s*(?P<nr>\d+))?"
_QUALIFIER = r"(?P<qual>(?:[a-zæøå\-]+(?:lovens|loven|bekendtgørelsens|bekendtgørelsen|lovs)|bekendtgørelsens|bekendtgørelsen|lovens|loven|vejledningens)\s+)?"
PARA_REF = re.compile(
    rf"{_QUALIFIER}(?P<sign>§§?)\s*{_PARA}(?:\s*(?:-|–|til|og)\s*(?P<p_to>\d+(?:\s?[a-hj-z](?![a-zæøå]))?)(?![\d]))?{_STK}{_NR}", re.I)
CHAPTER_REF = re.compile(r"\b(?P<qual>(?:[a-zæøå\-]+(?:lovens|bekendtgørelsens))\s+)?kapitel\s+(?P<k>\d+(?:\s?[a-hj-z](?![a-zæøå]))?)\b", re.I)
SECTION_REF = re.compile(r"\b(?:afsnit|punkt|pkt\.)\s+(?P<a>\d+(?:\.\d+)*)(?!\.\d)", re.I)
# The document named after the paragraph: "§ 15 i bekendtgørelsen", "§ 6 i repatrieringsloven",
# "§ 1 i lov nr. 401 af 10. juni 1997" (NAMED_DOC), "§ 16 a i lov om kommunernes styrelse".
_AFTER = re.compile(
    # "stk. 2-4", ", litra a og b", ", 1. pkt.", ", jf. dog stk. 6" before the document is named
    r"(?:\s*[-–]\s*\d+)?(?:,\s*(?:litra\s+[a-zæøå](?:\s*(?:og|,|-)\s*[a-zæøå]\b)*|\d+\.\s*pkt\.))?"
    r"(?:,\s*jf\.\s*(?:dog\s+)?stk\.\s*\d+)?"
    r",?\s+i\s+(?:den\s+(?:gældende|nugældende)\s+)?(?:"
    r"(?P<title>(?:bekendtgørelse|lov)\s+om\s+(?P<subject>(?:(?<![a-zæøå])m\.(?:v|fl|m)\.|[^.,;:()§\n])+))"
    r"|(?P<short>bekendtgørelsen|bekendtgørelsens|[a-zæøå\-]+lovens?)\b"
    r"|(?P<named_law>[a-zæøå]+s\s+lov)\b(?!\s+(?:om|nr)\b)"
    r"|(?P<itself>denne\s+(?:bekendtgørelse|lov|vejledning))\b"
    r"|(?P<numbered>(?:bekendtgørelse|lov)\s+nr\.\s*\d+)\b)", re.I)
# what may stand between coordinated paragraphs that share one document: "§ 2, stk. 5, og § 3 i …"
# (one character or word at a time: »\d+« inside the repetition backtracks exponentially on a
# long run of digits that does not end the gap)
_COORDINATION = re.compile(r"(?:\s|,|\bog\b|\beller\b|\bsamt\b|\bstk\.|\bnr\.|\d)*", re.I)
_TITLE_WORDS = 10     # "lov om autorisation af sundhedspersoner og om sundhedsfaglig virksomhed"
_TITLE_CHARS = 300
# Where the sentence goes on after a title: "… i lov om kommunernes styrelse og regler fastsat i
# medfør heraf", "… styrelse om valgmåde", "… styrelse tilsvarende anvendelse"; a second "om"
# starts a new title only after "og" ("lov om regioner og om nedlæggelse af amtskommunerne").
_TITLE_END = re.compile(r"\s+(?:og\s+regler|med\s+senere|som|der|hvor|hvis|når|samt|eller|kan|skal|finder|er|har|var|blev|jf"
                        r"|tilsvarende|standse|i\s+en|i\s+det|(?:og\s+)?(?:kapitel|afsnit|stk)\.?\s+\d+)\b|(?<!\bog)\s+om\b|\s+(?:og|eller)\s*$", re.I)



def named_id(m: re.Match) -> str:
    """The store's id of the document a NAMED_DOC match names: 'bekendtgørelse nr. 679 af 30. maj
    2018' -> 'bek-2018-679'."""
    t = DOC_TYPES[m.group("type").lower()]
    y = m.group("y") or m.group("y2")
    return f"{t}-{int(y)}-{int(m.group('nr'))}"


def document_bekendtgoerelse(text: str, doc_type: str = "") -> str | None:
    """The bekendtgørelse a guidance document is about: the first one it names."""
    for m in NAMED_DOC.finditer(text[:200_000]):
        if m.group("type").lower() in ("bekendtgørelse", "bek"):
            return named_id(m)
    return None


def _qualifier_target(qual: str | None, doc_type: str, doc_bek: str | None) -> str | None:
    if not qual:
        return None
    q = qual.strip().lower()
    if q.startswith(("bekendtgørelse",)):
        return None if doc_type == "bekendtgørelse" else doc_bek
    if q in ("lovens", "loven"):
        return None if doc_type in ("lov", "lovbekendtgørelse") else None
    if q == "vejledningens":
        return None
    m = re.match(r"([a-zæøå\-]+lov)(?:ens|en|s)$", q)
    if m:
        return m.group(1) + "en"      # the act's short name: "sundhedsloven"
    return None


def _named_after(text: str, end: int, doc_type: str, doc_bek: str | None) -> tuple[str | None, int] | None:
    """(target document key, end of the words naming it) when a document is named right
    after a paragraph reference ending at ``end`` (key None: the citing text itself, »i denne
    lov«); None when nothing is."""
    m = _AFTER.match(text, end)
    if not m:
        return None
    if m.group("numbered"):
        named = NAMED_DOC.match(text, m.start("numbered"))
        if named:
            return named_id(named), named.end()
        return re.sub(r"\s+", " ", m.group("numbered").lower()), m.end()
    if m.group("itself"):
        return None, m.end()                    # "§ 14 p i denne lov": the citing text itself
    if m.group("named_law"):
        return " ".join(m.group("named_law").lower().split()), m.end()      # "barnets lov"
    if m.group("title"):
        # a title is short: looking further only costs (a run of spaces backtracks quadratically)
        subject = _TITLE_END.split(m.group("subject")[:_TITLE_CHARS], maxsplit=1)[0]
        words = re.match(r"\S+(?:\s+\S+){0,%d}" % (_TITLE_WORDS - 3), subject)
        end = m.start("subject") + words.end()
        return " ".join(text[m.start("title"):end].split()).lower(), end
    return _qualifier_target(m.group("short"), doc_type, doc_bek), m.end()


def find_references(text: str, provision_id: str, offset: int = 0, *, doc_type: str = "",
                    doc_bek: str | None = None, doc_act: str | None = None,
                    start_index: int = 1) -> list[ReferenceFact]:
    """References in one provision's text (``offset`` = the provision's start in the document)."""
    out: list[ReferenceFact] = []
    taken: list[tuple[int, int]] = []
    para_refs: list[tuple[ReferenceFact, int]] = []     # with the end of the paragraph's own words

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in NAMED_DOC.finditer(text):
        taken.append(m.span())
        out.append(ReferenceFact(provision_id, 0, m.group(0), m.start() + offset, m.end() + offset,
                                 named_id(m), {"paragraf": None, "stk": None, "nr": None,
                                                "kapitel": None, "afsnit": None}))
    for m in PARA_REF.finditer(text):
        if not free(*m.span()):
            continue
        a = m.start()
        # a provision's own label ("§ 5." at its start) is not a reference
        if a == 0 or (text[:a].strip() == "" and re.match(r"§\s*\d+\s?[a-z]?\.", text[a:])):
            continue
        target_doc = _qualifier_target(m.group("qual"), doc_type, doc_bek)
        after = None if m.group("qual") else _named_after(text, m.end(), doc_type, doc_bek)
        # "bekendtgørelse nr. 1248 ... § 5" style: a named document right before
        before = text[max(0, a - 120):a]
        nm = list(NAMED_DOC.finditer(before))
        if after:
            target_doc = after[0]
            # "§ 2, stk. 5, og § 3 i bekendtgørelse om …": the paragraphs before share it
            gap_end = a
            for prev, prev_end in reversed(para_refs):
                if prev.target_document is not None or not _COORDINATION.fullmatch(text, prev_end, gap_end):
                    break
                prev.target_document = target_doc
                gap_end = prev.start - offset
        elif not m.group("qual") and nm and nm[-1].end() >= len(before) - 3:
            target_doc = named_id(nm[-1])
        elif not m.group("qual") and para_refs and para_refs[-1][0].target_document is not None \
                and _COORDINATION.fullmatch(text, para_refs[-1][0].end - offset, a):
            # "straffelovens § 210 eller §§ 216-224": the document named with the first is the others'
            target_doc = para_refs[-1][0].target_document
        elif not m.group("qual") and doc_type not in LEGISLATION_TYPES:
            # guidance: "bekendtgørelse om sundhedsaftaler § 21", "sundhedsloven ... § 205"
            sent = re.split(r"[.;:]\s+(?=[A-ZÆØÅ])", before)[-1]
            cands = list(re.finditer(r"\b(bekendtgørelse[a-zæøå]*|[a-zæøå\-]+lov(?:en|ens)?)\b(?![a-zæøå])", sent, re.I))
            if cands:
                last = cands[-1]
                between = sent[last.end():]
                if not re.search(r"§|\bnr\.", between) and len(between) < 80:
                    w = last.group(1).lower()
                    if w.startswith("bekendtgørelse"):
                        target_doc = doc_bek
                    elif w not in ("lov",) and not w.startswith("lovgivning"):
                        target_doc = re.sub(r"(?:ens|en|s)$", "", w) + "en"
        p = re.sub(r"\s+", "", m.group("p"))
        end = after[1] if after else m.start() + len(m.group(0).rstrip())
        ref = ReferenceFact(provision_id, 0, re.sub(r"\s+", " ", text[m.start():end]).strip(), m.start() + offset,
                            end + offset, target_doc,
                            {"paragraf": p, "stk": m.group("stk"), "nr": m.group("nr"),
                             "kapitel": None, "afsnit": None,
                             **({"paragraf_to": re.sub(r"\s+", "", m.group("p_to"))} if m.group("p_to") else {})})
        out.append(ref)
        para_refs.append((ref, m.start() + len(m.group(0).rstrip())))
        taken.append((m.start(), end))
    for m in CHAPTER_REF.finditer(text):
        if not free(*m.span()) or m.start() == 0:
            continue
        after = None if m.group("qual") else _named_after(text, m.end(), doc_type, doc_bek)
        end = after[1] if after else m.end()
        out.append(ReferenceFact(provision_id, 0, re.sub(r"\s+", " ", text[m.start():end]), m.start() + offset,
                                 end + offset,
                                 after[0] if after else _qualifier_target(m.group("qual"), doc_type, doc_bek),
                                 {"paragraf": None, "stk": None, "nr": None, "kapitel": m.group("k"),
                                  "afsnit": None}))
        taken.append((m.start(), end))
    for m in SECTION_REF.finditer(text):
        if not free(*m.span()):
            continue
        out.append(ReferenceFact(provision_id, 0, m.group(0), m.start() + offset, m.end() + offset, None,
                                 {"paragraf": None, "stk": None, "nr": None, "kapitel": None,
                                  "afsnit": m.group("a")}))
    # bare "stk. 2" within legislation: the same paragraf
    out.sort(key=lambda r: r.start)
    for i, r in enumerate(out):
        r.index = start_index + i
    return out


# --- legal basis and cross-references --------------------------------------------------
_OTHER_ACT = re.compile(r"\b(?:bekendtgørelse|lov|vejledning)\w*\b|\w+lovens?\b|\bnr\.\s*\d+", re.I)


def target_document(ref: dict) -> str | None:
    """The document a reference points into: its resolved document, else its target's."""
    return ref.get("target_document") or ((ref.get("target") or "").split("/")[0] or None)


def split_references(refs: list[dict], own_document: str, own_type: str = "") -> tuple[list[dict], list[dict]]:
    """(legal basis: references to other documents, cross-references inside the document),
    each citation once (the same words differing only in case are one). An unresolved
    reference counts as basis when its words name another act ("bekendtgørelsens § 21" in a
    guidance document, "sundhedslovens § 205"), or when the citation names another document
    after the paragraph ("§ 95, stk. 1, og § 96 i lov om social service": ``target_key``), since
    its target may simply not be ingested."""
    basis, cross, seen = [], [], set()
    for r in refs:
        label = (r.get("label") or "").strip()
        key = (label.lower(), r.get("target"), r.get("target_document"))
        if key in seen:
            continue
        seen.add(key)
        target_doc = target_document(r)
        if target_doc is None:
            names_act = bool(_OTHER_ACT.search(label)) or (r.get("target_key") or own_document) != own_document
            own_kind = own_type and label.lower().startswith(own_type.lower()[:10])
            (basis if names_act and not own_kind else cross).append(r)
        else:
            (cross if target_doc == own_document else basis).append(r)
    return basis, cross
