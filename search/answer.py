"""Does anything in the store answer the question well enough? The search response's
``answer`` (the contract): the best hit when the question is answered, else ``None``, so
that nonsense ("xqzvbn flurbo kwij", "test") gets an honest empty state instead of ten
unrelated paragraphs.

Two signals, calibrated on the development questions (133, three sets) against 70 made-up
queries (random letters, off-topic questions): a question is answered when BM25 finds its
words (best raw score >= ``answer_min_bm25``) or the embedding finds a close paragraph (best
cosine >= ``answer_min_dense``). Neither alone separates them: nonsense gets e5 cosines up to
0.86 and real English questions BM25 scores near 0. With 3.5 and 0.855, 92.5 % of the
development questions and 1.4 % of the made-up ones are answered (BENCHMARKS.md, "Answers").
In mode ``bm25`` the query is not embedded, so BM25 alone decides there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aftalegraf.kg.actors import AGREEMENT_PARTIES, find_actors, same_body
from aftalegraf.kg.deontic_words import ARTICLES, PRESENT_MODALS
from aftalegraf.legal_time import ENDED, NOT_APPLYING, paragraph_of, provision_citation
from aftalegraf.model import LEGISLATION_TYPES
from aftalegraf.vocabulary import REGION_NAMES

from .danish import stem
from .lexical import tokenize
from .units import sentences

DEFAULT_MIN_BM25 = 3.5
DEFAULT_MIN_DENSE = 0.855


def is_answered(bm25_top: float, dense_top: float | None, settings: dict) -> bool:
    min_bm25 = float(settings.get("answer_min_bm25", DEFAULT_MIN_BM25))
    min_dense = float(settings.get("answer_min_dense", DEFAULT_MIN_DENSE))
    return bm25_top >= min_bm25 or (dense_top is not None and dense_top >= min_dense)


# Which kind of statement a question asks about, from its modal words ("Skal regionsrådet …?",
# "Må kommunen …?", "Hvad bør …?"; in English "Must the council …?", "Who has to …?"); None when
# it does not say. No English word here is a Danish word, so one list serves both languages.
_ASKS = [("prohibition", re.compile(r"\bmå\s+(?:\w+\s+){0,2}ikke\b|\b(?:must|may|shall)\s+(?:\w+\s+){0,2}not\b"
                                    r"|\bforbidden\b|\bprohibited\b", re.I)),
         ("obligation", re.compile(r"\bskal\b|\bpligt|\bansvar|\bforpligt"
                                   r"|\bmust\b|\bshall\b|\bha(?:s|ve) to\b|\brequired\b|\bobliged\b|\bresponsib"
                                   r"|\bduty\b|\bobligat", re.I)),
         ("recommendation", re.compile(r"\bbør\b|\banbefal|\bshould\b|\brecommend", re.I)),
         ("permission", re.compile(r"\bkan\b|\bmå\b|\bmulighed|\bhave lov|\bret til\b|\bcan\b|\bmay\b|\ballowed\b"
                                   r"|\bpermitted\b|\bentitled\b", re.I))]
# A question that asks who (»Hvem skal …?«): not about the actor it names as an object, and the
# card names someone with the modality asked.
_ASKS_WHO = re.compile(r"\s*(?:hvem|who)\b", re.I)
# an office held in a body (»Kan et medlem af sundhedsrådet …?«, »Skal formanden for udvalget …?«):
# the question asks about the person, not the body named after it
_OFFICE_OF = re.compile(r"\b(?:medlem(?:met|mer|merne)?|(?:næst)?formand(?:en)?|repræsentant(?:en|er|erne)?"
                        r"|stedfortræder(?:en|e|ne)?)\s+(?:af|for|fra|i|på)\s+$", re.I)
# a modal word past a comma after a subordinator (», om en patient kan …«, », hvis styrelsen ikke kan …«)
# belongs to that clause; the main clause before it asks no modality
_SUBCLAUSE_MODAL = re.compile(r"\s*(?:om|hvorvidt|hvis|når|at|der|som|så)\b", re.I)
# an indirect question after the main clause's comma, a preposition before it or not (»Hvem fastsætter,
# i hvilket omfang værnepligtige har ret til …?«, », hvilke oplysninger … og hvor længe?«)
_INDIRECT_QUESTION = re.compile(r",\s*(?:(?:i|på|til|for|af|med|om|efter)\s+)?"
                                r"(?:hvornår|hvordan|hvorledes|hvilke[nt]?|hvad|hvem|hvor)\b", re.I)
# … but after a fronted clause (»Når en anden læge …, hvornår skal overlægen …?«) the words past the
# comma are the main clause, and its modal is asked
_FRONTED_CLAUSE = re.compile(r"\s*(?:når|hvis|såfremt|dersom|om|selvom|efter|inden|før|mens|idet)\b", re.I)


def _indirect_question_at(query: str) -> int | None:
    """Where an indirect question opens after the main clause (its comma), or None: what follows is
    the content asked — its modal is no modality asked and its »hvornår/hvor længe« no deadline."""
    if _FRONTED_CLAUSE.match(query):
        return None
    m = _INDIRECT_QUESTION.search(query)
    return m.start() if m else None


# »skal … have mulighed for / ret til / adgang til«: a right (kg.deontic_statement, _modal_then_have_right)
_ASKS_RIGHT = re.compile(r"skal\s+(?:[\wæøå]+\s+){0,6}?have\s+(?:mulighed|muligheden|ret|adgang)\s+(?:for|til)\b", re.I)
# a hit within this share of the best score competes for the card (scores run 0..1 over the
# candidates; 0.75-0.88 gave the same cards on the 173 development and answer questions) …
NEAR_TIE = 0.85
# … among the first this many: five, not three, lets the act's provision that names the asked
# actor with the asked modality win over the order's three sections that do not (»Kan ministeren
# ændre sundhedsrådenes geografiske afgrænsning?«); the cards of the 166 QA questions are the same
CONTENDERS = 5
# a text in force that says what an ended best hit said (its successor) wins from further behind
SUCCESSOR_TIE = 0.75
# … and so does one that states what the question asks (actor and modality) where the best does not
WIDE_TIE = 0.75
# rule 7: a contender the rules rank alike replaces the chosen one when its text says this many more
# of the question's words (2: answer sets +4 net over 21 sets, QA cards holding a gold 110 → 112;
# 3: +3 and 110; BENCHMARKS.md, round 24)
SAYS_MORE = 2


# after a fronted clause the subject follows the modal verb (»Indgår et regionsråd ikke de fornødne
# aftaler …, kan Sundhedsstyrelsen bestemme …«)
_INVERTED_SUBJECT = re.compile(r",\s*(?:%s)\s+(?:(?:%s)\s+)?" % ("|".join(sorted(PRESENT_MODALS)), "|".join(sorted(ARTICLES))),
                               re.I)
# … unless the sentence opens with its actor (after a subsection's label and an article)
_OPENING = re.compile(r"\s*(?:stk\.\s*\d+\.\s*)?(?:(?:%s)\s+)?" % "|".join(sorted(ARTICLES)), re.I)


def _subject(text: str):
    """A statement's subject: its first actor where the sentence opens with it, else the actor right
    after its modal verb where a fronted clause precedes that verb, else its first actor (the
    subject, as a rule); None when it names none."""
    mentions = find_actors(text)
    if not mentions or mentions[0].start <= _OPENING.match(text).end():
        return mentions[0] if mentions else None
    starts = {m.end() for m in _INVERTED_SUBJECT.finditer(text)}
    return next((a for a in mentions if a.start in starts), mentions[0])


def asked(query: str) -> tuple[set[str], str | None]:
    """The actor a question asks about — the subject right after its modal verb ("Skal
    sundhedsklyngen …?", "Hvornår skal regionsrådet …?"), not one named as an object ("Hvem skal
    indsende aftalen til Sundhedsstyrelsen?" asks who), with the body it is one with (»Kan en
    kommune …?« finds »En kommunalbestyrelse kan …«) — and the modality it asks about: the
    question's first modal word (»Kan en patient, der skal have genoptræning, vælge …?« asks »kan«),
    at one place the first of ``_ASKS`` (»må … ikke« before »må«)."""
    found = [(m.start(), rank, modality, m) for rank, (modality, rx) in enumerate(_ASKS) if (m := rx.search(query))]
    if not found:
        return set(), None
    _, _, modality, m = min(found, key=lambda f: f[:2])
    clause = query[query.rfind(",", 0, m.start()) + 1:m.start()] if "," in query[:m.start()] else None
    indirect = _indirect_question_at(query)
    if (clause is not None and _SUBCLAUSE_MODAL.match(clause)) or (indirect is not None and m.start() > indirect):
        return set(), None      # »Hvem afgør, om en patient kan få …?«: the modal is the clause's, not asked
    if modality == "obligation" and _ASKS_RIGHT.match(query, m.start()):
        modality = "permission"     # »Skal udvalget have mulighed for …?« asks a right, as the extraction reads it
    end = m.start() + len(m.group(0).split()[0])       # the modal word (»Må kommunen ikke …?«)
    after = [a for a in find_actors(query) if a.start >= end]
    if after and after[0].start - end <= 20 and not _ASKS_WHO.match(query) \
            and not _OFFICE_OF.search(query, end, after[0].start):
        key = after[0].key
        # »Hvad skal parterne …?«: the graph names the agreement's parties, as their councils
        return ({key, *AGREEMENT_PARTIES} if key == "parterne" else same_body(key)), modality
    return set(), modality


_SUBSECTION = re.compile(r"(?:/stk(\d+))?")     # what follows the paragraph in a subsection's id
_STK_MENTION = re.compile(r"\bstk\.\s*(\d+)")


def refers_back(hit: dict, best: dict) -> bool:
    """Is ``hit`` a later subsection of ``best``'s paragraph that mentions ``best`` by its
    number (»i henhold til stk. 1«, »jf. stk. 1«) — not another paragraph's (»§ 41, stk. 1«)?"""
    paragraph = paragraph_of(best["id"])
    if paragraph_of(hit["id"]) != paragraph:
        return False
    mine, theirs = _SUBSECTION.fullmatch(hit["id"][len(paragraph):]), _SUBSECTION.fullmatch(best["id"][len(paragraph):])
    if not (mine and theirs and mine.group(1)):
        return False
    number = theirs.group(1) or "1"         # the paragraph's own id is its first subsection
    text = hit.get("text") or ""
    return int(mine.group(1)) > int(number) and any(
        m.group(1) == number and "§" not in text[max(0, m.start() - 12):m.start()] for m in _STK_MENTION.finditer(text))


_REGION_NAME = re.compile(r"\b(" + "|".join(re.escape(name) for name in REGION_NAMES) + r")\b")


# A question that asks by when or how often ("Hvornår skal …?", "Hvor lang tid har …?", "Hvor ofte …?").
_ASKS_WHEN = re.compile(r"\bhvornår\b|\bhvor\s+(?:lang\s+tid|længe|hurtigt|ofte|mange\s+gange)\b|\bfrist|\bsenest\b",
                        re.I)


# … unless a deadline is what is asked about (»Skal genoptræningsplanen angive en frist for,
# hvornår …?«): then the best hit's duty to set one answers it, not another duty with a deadline
# — nor inside an indirect question, the content asked (»Hvem fastsætter, hvornår borgere har ret til
# befordring?«, »…, hvilke oplysninger … skal offentliggøres, og hvor længe?«), not the question's
# own (»…, og hvornår?«)
_TIME_AS_CONTENT = re.compile(r"\b(?:angive|angiver|fastsætte|fastsætter|sætte|sætter)\s+(?:en\s+)?(?:\w+\s+)?(?:tids)?frist",
                              re.I)


# »Kan …?« and »Bør …?« want a paragraph where someone may or should, whoever the question names
# (»Kan en borger, der er visiteret …, vælge …?«, »Hvad bør der være fokus på …?«); for »Skal …?«
# the same widening lost more QA cards than it won (rounds 21 and 22): a duty is in most paragraphs.
_ASKED_OF_ANYONE = frozenset({"permission", "recommendation"})


def _word_of(label: str) -> str:
    """An actor mention's last word, stemmed: »Et regionsråd« and »regionsrådet« are one word."""
    return stem(label.lower().split()[-1])


_WORD = re.compile(r"[a-zæøå]+")


def _asked_act(query: str) -> str | None:
    """The verb a who-question asks about, without its ending: »Hvem godkender …?« → »godkend«,
    »Hvem skal indsende …?« → »indsend«; None for a question that is no who-question."""
    if not _ASKS_WHO.match(query):
        return None
    rest = _WORD.findall(query.lower())[1:]
    if rest and rest[0] in PRESENT_MODALS:
        rest = rest[1:]
    return _verb_base(rest[0]) if rest else None


def _verb_base(word: str) -> str:
    """A verb without its present or infinitive ending: »godkender« and »godkende« → »godkend«."""
    word = word[:-1] if word.endswith("er") else word
    return word[:-1] if word.endswith("e") else word


def answer_hit(query: str, hits: list[dict]) -> dict:
    """The hit the answer card shows: the best one — or, where it is an ended text, the act's or
    order's text in force among the first few that says the same (``SUCCESSOR_TIE``) — unless a
    near tie among the first few (``CONTENDERS``, within ``NEAR_TIE`` of the best score) serves the
    question better, in this order of weight:
    1. it holds a statement with the modality the question asks about, of the actor it names
       where it names one, or of anyone where it asks who or asks a permission or recommendation
       ("Skal sundhedsklyngen …?" → a paragraph where the cluster *skal*; »Hvem skal sikre …?« →
       a paragraph where someone *skal*, not one that states a goal; »Kan en borger … vælge …?« →
       one where someone *kan*; a permission and a prohibition answer the same question), and the
       best does not —
       from further behind (``WIDE_TIE``) than a near tie (»Hvordan kan kommunalbestyrelsen skaffe
       tilbud …?« → § 142, stk. 4's »kan«, not stk. 3's »tilbyder«);
    2. the question asks by when or how often and its statement carries a deadline or frequency —
       among the first ten where it is a later subsection of the best hit's paragraph that refers
       back to it (``refers_back``: »En samtale i henhold til stk. 1 skal finde sted senest …«);
    3. it is an act's or order's provision in force, where the best hit's text is a draft, not yet
       in force or ended, and the question asks a modality ("skal", "må", …) that it states —
       looked for among the first ten, since several paragraphs of one ended order can lead the
       list together (»Hvem skal udarbejde praksisplanen?«: BEK 256/2014, repealed, then BEK
       999/2023 § 30 a);
    4. its statement's subject is the actor by the question's own word: »Kan opholdsregionen
       betale …?« → § 237 (»Opholdsregionen kan afholde udgifter …«), not § 235, whose permission
       is »Den region, der yder sygehusbehandlingen«'s;
    5. it says who does the act a who-question names: »Hvem godkender private leverandører …?« →
       § 73 c (»Ministeren … godkender private leverandører …«), not § 73 d, whose duty is what
       »godkendte private leverandører« must tell the patient;
    6. where the best hit states nothing asked, its statement says more of the question's words
       than the others' statements do;
    7. among the contenders these rules rank alike, one whose text says clearly more of the
       question's words (``_says_more``)."""
    if not hits:
        return None
    actors, modality = asked(query)
    asks_who = bool(_ASKS_WHO.match(query))
    wants_time = bool(_ASKS_WHEN.search(query[:_indirect_question_at(query)])) and not _TIME_AS_CONTENT.search(query)

    def doc(hit: dict) -> dict:
        return hit.get("document") or {}

    def statements(hit: dict) -> list[dict]:
        # »Kan X …?« is answered by »X kan ikke …« as well, and »Må X ikke …?« by »X må …«
        return [ob for ob in hit.get("obligations") or []
                if (modality is None or ob.get("modality") == modality
                    or {modality, ob.get("modality")} == {"permission", "prohibition"})
                and (not actors or actors & {b.get("key") for b in ob.get("bearers") or []})]

    # the word the question names its actor by, inflection aside (»opholdsregionen«, not any region)
    named = next((_word_of(m.label) for m in find_actors(query) if m.key in actors), None)

    def names_it(ob: dict) -> bool:
        """The statement's subject is named by the question's word."""
        subject = _subject(ob.get("text") or "")
        return subject is not None and _word_of(subject.label) == named

    act = _asked_act(query)

    def does_it(ob: dict) -> bool:
        """The statement's action opens with the verb the question asks about (after the infinitive
        marker of »har pligt til at indsende …«)."""
        words = _WORD.findall((ob.get("action") or "").lower())
        words = words[1:] if words[:1] == ["at"] else words
        return bool(words) and _verb_base(words[0]) == act

    fits: dict[str, tuple[bool, bool, bool, bool, bool]] = {}

    def fit(hit: dict) -> tuple[bool, bool, bool, bool, bool]:
        if hit["id"] not in fits:       # once per hit: the rules below ask again
            said = statements(hit)
            fits[hit["id"]] = (bool(said) or not (modality and (actors or asks_who or modality in _ASKED_OF_ANYONE)),
                               not wants_time or any(ob.get("deadline") or ob.get("frequency") for ob in said),
                               modality is not None and bool(said)
                               and doc(hit).get("status") == "in_force" and doc(hit).get("type") in LEGISLATION_TYPES,
                               named is not None and any(names_it(ob) for ob in said),
                               act is not None and any(does_it(ob) for ob in said))
        return fits[hit["id"]]

    top = hits[0].get("score") or 0.0

    def succeeds(ended: dict, hit: dict) -> bool:
        """``hit`` is an act's or order's text in force, within ``SUCCESSOR_TIE`` of the best score,
        that says what ``ended`` (a text that does not apply today) says — and is not another
        provision of the same act, whose versions name another of the ended text's provisions (LBK
        275/2025 § 206, stk. 2 on the health plan is § 206's successor, not § 210's, whose words on
        the preparedness plan are nearly the same)."""
        versions = hit.get("other_versions") or []
        ended_doc = doc(ended).get("id") or ""
        if ended["id"] not in versions and any(v.split("/", 1)[0] == ended_doc for v in versions):
            return False
        return ((hit.get("score") or 0.0) >= SUCCESSOR_TIE * top and doc(hit).get("status") == "in_force"
                and doc(hit).get("type") in LEGISLATION_TYPES
                and says_the_same(ended.get("text") or "", hit.get("text") or ""))
    status = doc(hits[0]).get("status")
    # the texts in force on the list that say what an ended best hit says, once for both uses below
    successors = [i for i in range(1, min(2 * CONTENDERS, len(hits))) if succeeds(hits[0], hits[i])] \
        if status in ENDED else []
    if not hits[0].get("cited"):
        # an ended text gives way to the act's or order's text in force that says the same, where
        # it serves the question as well (rules 1 and 2): the rule as it stands today (BEK 256/2014
        # § 8: advice within 3 weeks; BEK 999/2023 § 30 d: 4). Not where the question cites the
        # ended text (»… efter bekendtgørelse nr. 679?«): then it asks about that text.
        for i in successors:
            if i < CONTENDERS and fit(hits[i])[:2] >= fit(hits[0])[:2]:
                return hits[i]
    # a superseded consolidation with no successor on the list is the newest version the store holds
    # (sundhedsloven's 2023 consolidation outside §§ 203-206): it applies as far as the store knows,
    # so rule 3 does not trade it for another order's unrelated duty in force (answer_set_o, o06)
    applies = status not in NOT_APPLYING or (status == "superseded" and not successors)
    contenders = [h for h in hits[:CONTENDERS] if (h.get("score") or 0.0) >= NEAR_TIE * top]
    if not applies:
        # rule 3 looks further: several provisions of an ended order can lead the list together
        contenders += [h for h in hits[CONTENDERS:2 * CONTENDERS] if (h.get("score") or 0.0) >= NEAR_TIE * top
                       and doc(h).get("status") == "in_force" and doc(h).get("type") in LEGISLATION_TYPES]
    if wants_time and not fit(hits[0])[1]:
        # rule 2 from anywhere among the first ten: a later subsection of the best hit's paragraph
        # that refers to it carries the deadline of its duty (§ 142: »Kommunalbestyrelsen tilbyder
        # … en vederlagsfri lægesamtale«; stk. 2: »En samtale i henhold til stk. 1 skal finde sted
        # senest inden …«), in words the question rarely repeats
        contenders += [h for h in hits[1:2 * CONTENDERS] if h not in contenders and refers_back(h, hits[0])]
    # where the best hit states nothing asked, the statements that do are weighed by how much of
    # the question they say themselves (rule 6), not by their paragraphs' scores: »Kan ministeren
    # overlade godkendelse af og tilsyn med … til en privat aktør?« → § 73 f (»kan delegere
    # kompetence til at meddele godkendelse … og føre tilsyn … til en privat aktør«), not § 73 c's
    # »kan tilbagekalde en godkendelse«
    rescue = not fit(hits[0])[0]
    # rule 7 weighs the question's words where it asks a modality of someone or anyone, and not
    # against a paragraph the question cites
    weigh_words = (modality is not None or asks_who) and not hits[0].get("cited")
    asks = set(tokenize(query)) if rescue else set()

    def says_asked(hit: dict) -> int:
        if not asks:
            return 0
        return max((len(asks & set(tokenize(ob.get("text") or ""))) for ob in statements(hit)), default=0)
    if rescue:                  # the best hit does not state what was asked: look further (rule 1)
        contenders += [h for h in hits[:CONTENDERS] if h not in contenders and fit(h)[0]
                       and (h.get("score") or 0.0) >= WIDE_TIE * top]
    # a question about one region is not answered by another region's rule (BEK 1208/2025: §§ 1, 4,
    # 10, 15 say the same of five regional councils, and §10's extra deadline would win rule 2)
    asked_regions = set(_REGION_NAME.findall(query))
    if asked_regions:
        contenders = [h for h in contenders if h is hits[0]
                      or not (named := set(_REGION_NAME.findall(h.get("text") or ""))) or named & asked_regions]
    # a card whose best hit does not apply today prefers a near tie of an act or order in force that
    # says the same kind of thing (not another guidance: an old guidance still marked in force where
    # its successor is missing from the store would replace the current draft's rule with an old one)
    if applies:
        # the best hit applies today: only rules 1, 2 and 4 may move the card away from it, and only
        # to a text that applies too. A contender that does not gives way to the text in force among
        # the first ten that says the same, as an ended best hit does (»Hvor lang tid har
        # Sundhedsstyrelsen til at godkende …?«: the repealed BEK 679/2018 § 6 → BEK 1248/2022 § 21;
        # BEK 1804/2025, not yet in force → BEK 918/2018), or drops out — but a superseded text with
        # no successor on the list stays: the newest version the store holds (sundhedsloven's 2023
        # consolidation outside §§ 203-206)
        def applying(hit: dict) -> dict | None:
            if hit is hits[0] or doc(hit).get("status") not in NOT_APPLYING:
                return hit
            successor = next((h for h in hits[1:2 * CONTENDERS] if succeeds(hit, h)), None)
            return successor or (hit if doc(hit).get("status") == "superseded" else None)
        contenders = [h for h in map(applying, contenders) if h is not None]
        return _says_more(query, contenders, lambda h: (*fit(h)[:2], *fit(h)[3:], says_asked(h)), weigh_words)
    return _says_more(query, contenders, lambda h: (*fit(h), says_asked(h)), weigh_words)


def _says_more(query: str, contenders: list[dict], rank, weigh_words: bool) -> dict:
    """Rule 7: the contender ``rank`` puts first — unless another that the rules rank the same
    says ``SAYS_MORE`` or more of the question's words in its text: the near ties of one act's
    neighbouring provisions often fit alike (the minister *kan fastsætte regler* in each), and the
    dense score's small differences between them say less than the question's own words (»Kan
    ministeren fastsætte regler om kommunernes årlige redegørelse og rammeaftalen …?« → § 133, stk. 5,
    not the new act's § 11, stk. 8 on regional remuneration)."""
    if not weigh_words:
        return max(contenders, key=rank)
    ranks = [rank(h) for h in contenders]      # once each: a rank may tokenize statements (rule 6)
    top = max(ranks)
    chosen = contenders[ranks.index(top)]
    alike = [h for h, r in zip(contenders, ranks) if r == top]
    if len(alike) < 2:
        return chosen
    words = set(tokenize(query))
    said = {id(h): len(words & set(tokenize(h.get("text") or ""))) for h in alike}
    best = max(alike, key=lambda h: said[id(h)])
    return best if said[id(best)] >= said[id(chosen)] + SAYS_MORE else chosen


def binding_source(query: str, answer: dict, hits: list[dict]) -> dict | None:
    """The hit that is the law behind a card that would show a guidance or agreement paragraph
    which does not apply today (a draft, not yet in force, ended): the act's or order's provision
    in force that the paragraph cites as its basis (``basis_chain``, first step) or restates
    (``restates``) — that provision itself, the paragraph holding the cited subsection, or a
    version of it — when it is among ``hits``. A draft explains; the provision in force demands
    (»Hvem udarbejder udkastet til sundhedsaftalen?« → BEK 1248/2022 § 19, not the 2023 draft's
    2.2.1), where it holds as many of the question's words as the draft: a draft that adds what
    is asked (»hvis ikke andet aftales, består udvalget af …«) stays, and so does a draft's duty
    when the provision it cites states none; a draft that states no duty gives way to a cited
    provision that does, whatever their words. None when the card's text is
    binding or applies, or nothing it cites is on the list."""
    doc = answer.get("document") or {}
    if doc.get("type") in LEGISLATION_TYPES or doc.get("status") not in NOT_APPLYING:
        return None
    targets = [step["target"] for step in answer.get("basis_chain") or [] if step.get("depth") == 1 and step.get("target")]
    if answer.get("restates"):
        targets.append(answer["restates"]["target"])

    def holds(hit: dict, target: str) -> bool:
        return any(target == own or target.startswith(own + "/") for own in [hit["id"], *(hit.get("other_versions") or [])])

    asks = set(tokenize(query))

    def said(hit: dict) -> int:
        return len(asks & set(tokenize(hit.get("text") or "")))

    for hit in hits:
        d = hit.get("document") or {}
        if d.get("status") == "in_force" and d.get("type") in LEGISLATION_TYPES and any(holds(hit, t) for t in targets):
            if answer.get("obligations") and not hit.get("obligations"):
                return None     # the law names the body (»Sundhedsklyngen udgøres af …«); the card says what it must do
            if hit.get("obligations") and not answer.get("obligations"):
                return hit      # the draft describes (»… er høringspart …«); the law says who must do it
            return hit if said(hit) >= said(answer) else None
    return None


# --- what a guidance paragraph restates -----------------------------------------------------

BINDING_PREFIXES = ("bek-", "lbk-", "lov-")     # document ids of orders, consolidated acts and acts
RESTATES_SHARE = 0.75    # share of the shorter sentence's words the two sentences must have in common
RESTATES_MIN_WORDS = 5


def _words(sentence: str) -> set[str]:
    return {t for t in tokenize(sentence) if len(t) > 2 and not t[0].isdigit() and not t.startswith(("§", "stk", "nr"))}


def _alike(own: set[str], theirs: set[str]) -> int:
    """Words two sentences have in common when they say the same (else 0)."""
    common = len(own & theirs)
    if common < RESTATES_MIN_WORDS or common < RESTATES_SHARE * min(len(own), len(theirs)):
        return 0
    return common


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> tuple[frozenset[str], ...]:
    # a hit's text is compared with several others per card and again by later searches
    return tuple(frozenset(_words(s)) for s in sentences(text))


def says_the_same(text: str, other: str) -> bool:
    """A sentence of ``text`` and one of ``other`` say the same (see ``restated_provision``)."""
    theirs = _sentence_words(other)
    return any(_alike(own, t) for own in _sentence_words(text) for t in theirs)


def restated_provision(text: str, doc_id: str, candidates: list, status_of) -> dict | None:
    """The provision of an order or act that a guidance or agreement paragraph restates, where it
    does not cite it: a sentence of ``text`` and one of the provision say the same (at least
    ``RESTATES_SHARE`` of the shorter one's words and ``RESTATES_MIN_WORDS`` words in common) —
    "Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et
    sundhedssamarbejdsudvalg" ↔ BEK 1248/2022 § 15. ``candidates`` are the units to compare
    (the nearest in the embedding), ``status_of(doc_id)`` a document's legal status; a version in
    force wins over an older one that says the same."""
    if doc_id.startswith(BINDING_PREFIXES):
        return None
    # each binding candidate's sentences as word sets, once (not again for every own sentence)
    binding = [(unit, _sentence_words(unit.text))
               for unit in candidates if unit.document_id.startswith(BINDING_PREFIXES)]
    best = None
    for own in _sentence_words(text):
        if len(own) < RESTATES_MIN_WORDS:
            continue
        for unit, their_sentences in binding:
            for theirs in their_sentences:
                common = _alike(own, theirs)
                if not common:
                    continue
                key = (status_of(unit.document_id) == "in_force", common / min(len(own), len(theirs)), common)
                if best is None or key > best[0]:
                    best = (key, unit)
    if best is None:
        return None
    unit = best[1]
    return {"target": unit.provision_id, "citation": provision_citation(unit.provision_id),
            "document": unit.document_id}
