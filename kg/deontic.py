"""Deontic statements in Danish legal and guidance text: who must/should/may/must not do what.

Rule based, over spaCy tokens (``kg.nlp``) and the actor mentions of ``kg.actors``.

Cues and modalities
- obligation: "skal", "er forpligtet til", "forpligter sig til", "påhviler", "er ansvarlig for",
  "har ansvaret for", "sørger for", and the normative present tense ("Regionsrådet indsender
  sundhedsaftalen ...": an actor subject at the start of a main clause followed by a
  present-tense verb) in legislation, guidance and agreements (not in news or web pages);
  a passive present ("Ændringer indsendes til Sundhedsstyrelsen") in legislation.
- recommendation: "bør", "det anbefales (, at X ...)", "anbefaler, at", "det er/vil være
  hensigtsmæssigt, at", "opfordres til"; a modal inside the recommended at-clause is folded
  into the recommendation ("Det anbefales, at klyngerne skal ..." is one recommendation).
- permission: "kan", "må", "har mulighed for", "kan vælge", "er berettiget til", "har ret til".
- prohibition: "må ikke", "kan ikke", "skal ikke".

Bearers, in this order
1. the subject before the cue in its clause (actor mentions not governed by a preposition,
   not genitive; conjoined actors "regionsrådet og kommunerne" all count);
2. the subject right after the cue (inverted order: "I regionen skal regionsrådet ...");
3. a coordinated verb phrase shares the subject of the statement before it
   ("... vurderer udkast ... og kan fremkomme med ...");
4. the antecedent of a relative "der"/"som" ("sundhedsklyngerne, der skal ...");
5. passive voice: the agent after "af" ("skal godkendes af både regionsrådet og alle
   kommunalbestyrelser"); without an agent the bearer is carried from context (below);
6. an anaphor ("Udvalget", "Klyngen") resolves to the last committee named; a pronoun
   ("De", "Den") to the last bearers: ``carried=True``;
7. a non-actor subject that is the agreement itself ("Sundhedsaftalen skal indeholde ...",
   "Aftalen bør ...") is read as a duty of the agreement's parties: bearer ``parterne``,
   labelled "parterne (regionsråd og kommunalbestyrelser)" — the parties who conclude a
   sundhedsaftale under sundhedsloven § 205;
8. otherwise obligations and recommendations take the bearers of the previous statement in
   the same section, or of the nearest heading that names an actor (``carried=True``);
   with no context at all an obligation is kept with ``bearers=[]`` and an empty label, and a
   permission is dropped (a bare "kan" without an actor is mostly not a permission:
   "planen kan fremme sammenhæng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import find_actors

PREPOSITIONS = {
    "i", "for", "af", "til", "med", "på", "mellem", "hos", "fra", "under", "om", "ved", "blandt",
    "overfor", "over", "imellem", "end", "via", "efter", "inden", "uden", "mod", "gennem", "bag",
    "hvor", "ifølge", "vedrørende", "angående", "samt med", "som", "jf.", "iht.", "inkl.",
}
DETERMINERS = {
    "den", "det", "de", "alle", "hver", "enkelte", "både", "samtlige", "en", "et", "hele", "øvrige",
    "pågældende", "relevante", "respektive", "fem", "98", "to", "de", "nye", "sin", "sit", "sine",
    "egen", "eget", "egne", "deres", "ens", "fælles", "nuværende", "kommende", "eventuelle", "hvert",
    "hvilke", "dennes", "disses", "flere", "andre", "anden", "andet",
}
CONJ = {"og", "eller", "samt", ",", "/", "og/eller", "hhv.", "henholdsvis"}
ADVERBS = {
    "ikke", "også", "dog", "derfor", "desuden", "fortsat", "endvidere", "selv", "altid", "ligeledes",
    "fremover", "således", "herudover", "derudover", "fx", "f.eks.", "bl.a.", "nu", "først", "løbende",
    "herefter", "derefter", "samtidig", "typisk", "gerne", "fortsætte", "hver", "især", "kun", "blot",
    "endelig", "så", "da", "i", "øvrigt", "mindst", "senest", "herunder", "eksempelvis", "fremadrettet",
    "hermed", "dermed", "sammen", "derimod", "altså", "primært", "særligt", "særlig", "aktivt",
    "årligt", "fælles", "hurtigst", "muligt", "som", "minimum", "mv.", "ofte", "konkret",
}
# Verbs whose present tense is descriptive, not normative.
DESCRIPTIVE = {
    "er", "har", "bliver", "består", "omfatter", "indeholder", "dækker", "betyder", "fremgår", "gælder",
    "findes", "hedder", "ligger", "kan", "skal", "bør", "må", "vil", "får", "træder", "udgør",
    "oplever", "mener", "ønsker", "ser", "står", "kender", "rummer", "varierer", "afhænger", "kommer",
    "går", "tager", "giver", "hører", "vurderes", "forventer", "mangler", "bor", "lever",
    "modtager", "benytter", "bruger", "skulle", "kunne", "ville", "burde", "måtte", "var", "blev",
    "havde", "eksisterer", "indgår", "spiller", "repræsenterer", "dækkes", "beror", "følger", "sker",
    "ophæves", "affattes", "udgår",
    "fungerer", "passer", "betegner", "svarer", "handler", "drejer", "henviser", "forstås", "anbefales",
    "finder", "synes", "tror", "ved", "vælges", "nævnes", "udpeges", "medfører", "deltager", "arbejder",
    "bidrager", "indebærer", "forudsætter", "kræver", "skaber", "understøttes", "omhandler", "beskriver",
}
# Deponent verbs, present tense in -s with an active meaning ("Udvalget mødes ...").
DEPONENTS = {"mødes", "samles", "enes", "følges", "udveksles", "synes"} - {"synes"}
# Passive verbs of enacting/amending clauses ("§ 5 affattes således"): not duties.
ENACTING = {"ophæves", "affattes", "nyaffattes", "indsættes", "ændres", "udgår", "erstattes", "bortfalder",
            "optages", "tilføjes", "anvendes", "betragtes", "forstås", "nævnes", "regnes", "fastsættes",
            # composition, not an agent's act: "Fagligt Forum ... sammensættes af repræsentanter for ..."
            "sammensættes"}
AGREEMENT_NOUNS = re.compile(
    r"^(?:sundheds)?aftale(?:n|rne)?$|^samarbejdsaftale(?:n|rne)?$|^sundhedsaftaleudkast(?:et)?$"
    r"|^udkast(?:et)?$", re.I)
PRONOUNS = {"de", "den", "han", "hun", "disse", "denne", "dette"}
NON_NORMATIVE_AFTER_MODAL = {
    "være", "blive", "ses", "forstås", "betragtes", "læses", "nævnes", "tænkes", "skyldes",
    "bidrage", "medføre", "føre", "give", "have", "findes", "opstå", "variere", "gøre",
}
CLAUSE_OPENERS = {"at", "der", "som", "hvis", "når", "såfremt", "hvor", "idet", "fordi", "mens",
                  "hvilket", "hvorved", "så", "før", "inden", "end", "om", "hvordan", "hvorfor", "hvad",
                  "hvornår", "herunder", "men", "ligesom", "medmindre", "selvom", "hvorvidt", "hvilke", "hvilken",
                  "hvorledes", "hvem"}
CONDITIONAL = {"hvis", "såfremt", "når", "medmindre"}
# words whose "for, at ..." is their content, not a purpose ("mulighed for, at kommunerne kan ...")
FOR_COMPLEMENT = {"mulighed", "muligheden", "muligheder", "adgang", "adgangen", "hjemmel", "ansvar", "ansvaret",
                  "ansvarlig", "ansvarlige", "sørge", "sørger", "sørges", "grundlag", "grundlaget", "rammer",
                  "rammerne", "plads", "behov", "behovet", "krav", "kravet"}
MODALS = {"skal", "kan", "bør", "må", "vil", "skulle", "kunne", "burde", "måtte", "ville"}
ARTICLES = {"en", "et", "den", "det", "de", "denne", "dette", "hver", "hvert", "enhver", "ethvert"}
# openers of indirect questions and of relative clauses of place or manner
INTERROGATIVE = {"om", "hvornår", "hvordan", "hvorfor", "hvad", "hvorvidt", "hvilke", "hvilken", "hvilket", "hvor",
                 "hvorved", "hvorledes", "hvem"}
PRESENT_TYPES_EXCLUDED = {"nyhed", "webside", "høringsbrev", "dagsorden"}
LEGISLATION_TYPES = {"bekendtgørelse", "lov", "lovbekendtgørelse"}
REC_FRAME = re.compile(
    r"\b(?:det\s+anbefales|anbefaler(?:\s+\w+){0,3}?|(?:det\s+(?:er|vil\s+være|vil\s+derfor\s+være|er\s+derfor)|"
    r"(?:er|vil)\s+det(?:\s+derfor)?(?:\s+også)?(?:\s+være)?)\s+"
    r"(?:hensigtsmæssigt|vigtigt|relevant|væsentligt|en\s+god\s+idé|afgørende|centralt|ønskeligt)|"
    r"det\s+forventes|opfordres?(?:\s+\w+){0,3}?)\s*,?\s*(?=at\b|til\b)", re.I)


@dataclass
class Tok:
    text: str
    low: str
    lemma: str
    start: int
    end: int


@dataclass
class Statement:
    bearers: list[str]
    modality: str
    cue: str
    action_start: int
    action_end: int
    start: int                       # where the statement begins (subject or cue)
    carried: bool = False
    passive: bool = False
    anchor: int = 0                  # token index of the cue (for ordering)


@dataclass
class Context:
    """What a sentence can borrow a bearer from: the previous statement, the heading."""
    prev_bearers: list[str] = field(default_factory=list)
    heading_bearers: list[str] = field(default_factory=list)
    last_committee: str | None = None
    # the last committee that was the bearer of a statement in this section: "Udvalget" refers
    # to the committee the text is about, not to one named in passing ("forelægges for
    # sundhedskoordinationsudvalget")
    subject_committee: str | None = None
    doc_type: str = ""


def _is_present_verb(t: Tok) -> bool:
    w = t.low
    if not w.isalpha() or len(w) < 4 or w in DESCRIPTIVE or w in ADVERBS or w in PREPOSITIONS:
        return False
    if not w.endswith("r"):
        return False
    lem = t.lemma.lower()
    if lem != w and (lem + "r" == w or lem + "er" == w or lem[:-1] + "er" == w or (lem.endswith("re") and lem[:-1] == w)):
        return True
    if w.endswith("gør") and len(w) > 5:      # offentliggør, tilgængeliggør
        return True
    # compounds the lookup table misses ("sekretariatsbetjener", "videreformidler")
    return lem == w and w.endswith("er") and not w.endswith(("erne", "ere")) and not t.text[:1].isupper()


def _is_passive_verb(t: Tok) -> bool:
    w = t.low
    if not w.isalpha() or len(w) < 5 or w in ADVERBS or w in DETERMINERS:
        return False
    lem = t.lemma.lower()
    if lem + "s" == w and lem != w and lem.endswith(("e", "å")):
        return True
    if not w.endswith("es"):
        return False
    # compounds the lookup table misses; genitives ("sundhedsklyngernes") are not passives
    return lem == w and not t.text[:1].isupper() and not w.endswith(("ernes", "enes", "ets", "ens", "ses"))


class SentenceAnalyser:
    def __init__(self, toks: list[Tok], text: str, base: int, ctx: Context):
        self.toks = toks
        self.text = text          # the document (or provision) text the offsets index into
        self.base = base
        self.ctx = ctx
        self.n = len(toks)
        # actor mentions mapped to token ranges
        self.ment_start: dict[int, tuple[int, str]] = {}   # tok index -> (end tok index excl., key)
        self.in_mention: dict[int, int] = {}
        if toks:
            s0, s1 = toks[0].start, toks[-1].end
            for m in find_actors(text[s0:s1], s0):
                i = self._tok_at(m.start)
                j = self._tok_end(m.end)
                if i is None or j is None:
                    continue
                self.ment_start[i] = (j, m.key)
                for k in range(i, j):
                    self.in_mention[k] = i

    def _tok_at(self, ch: int) -> int | None:
        for i, t in enumerate(self.toks):
            if t.start == ch:
                return i
            if t.start > ch:
                return None
        return None

    def _tok_end(self, ch: int) -> int | None:
        for i, t in enumerate(self.toks):
            if t.end == ch:
                return i + 1
            if t.end > ch:
                # genitive or clitic split from the token ("PLO's"): accept the containing token
                return i + 1 if t.start < ch else None
        return None

    # --- noun phrases of actors ---------------------------------------------------------
    def _governed(self, i: int) -> bool:
        """Is the mention starting at token i inside a prepositional phrase?"""
        k = i - 1
        while k >= 0 and (self.toks[k].low in DETERMINERS or self.toks[k].low.isdigit()):
            k -= 1
        return k >= 0 and self.toks[k].low in PREPOSITIONS

    def _genitive(self, i: int) -> bool:
        j, key = self.ment_start[i]
        surf = self.text[self.toks[i].start:self.toks[j - 1].end]
        low = surf.lower()
        if key in ("sundhedsklynge-politisk-niveau", "sundhedsklynge-fagligt-strategisk-niveau"):
            return low.endswith("niveaus")
        if j < self.n and self.toks[j].low in ("'s", "s"):
            return True
        return low.endswith("s") and not low.endswith(("sundhedsråds", "ss")) and key not in (
            "sygehus", "almen-praksis", "plo", "kommunale-tilbud", "region") or (
            key == "region" and low.endswith(("ens", "ernes")))

    def _group(self, i: int, stop: int | None = None) -> tuple[list[str], int]:
        """Actor keys of the conjoined group starting at mention token i; returns (keys, end tok)."""
        stop = self.n if stop is None else stop
        keys: list[str] = []
        j, key = self.ment_start[i]
        keys.append(key)
        end = j
        k = j
        while k < stop:
            # skip "i regionen"-like complements of the mention
            if self.toks[k].low in ("i", "for", "på") and k + 1 < stop:
                kk = k + 1
                while kk < stop and self.toks[kk].low in DETERMINERS:
                    kk += 1
                if kk in self.ment_start:
                    k = self.ment_start[kk][0]
                    continue
                break
            if self.toks[k].low in CONJ:
                kk = k + 1
                while kk < stop and (self.toks[kk].low in DETERMINERS or self.toks[kk].low in CONJ):
                    kk += 1
                if kk in self.ment_start and not self._genitive(kk):
                    j2, key2 = self.ment_start[kk]
                    if key2 not in keys:
                        keys.append(key2)
                    end = k = j2
                    continue
            break
        return keys, end

    def _subject_left(self, lo: int, cue: int) -> tuple[list[str], int] | None:
        """Eligible actor subject between clause start ``lo`` and the cue."""
        i = lo
        while i < cue:
            if i in self.ment_start and not self._governed(i) and not self._genitive(i):
                keys, end = self._group(i, cue)
                return keys, i
            if i in self.ment_start:
                # skip the governed mention and anything conjoined with it
                _, end = self._group(i, cue)
                i = max(end, i + 1)
                continue
            i += 1
        return None

    def _clause_start(self, cue: int) -> int:
        """Token index where the clause holding the cue begins."""
        k = cue - 1
        while k >= 0:
            t = self.toks[k]
            if t.low in (";", ":", "–", "•", "-") or t.low in CLAUSE_OPENERS:
                return k + 1
            if t.low == "," and k + 1 < self.n and self.toks[k + 1].low in ("stk.", "nr.", "pkt.", "litra"):
                pass        # "§ 198, stk. 2": the comma of a citation is no clause boundary
            elif t.low == "," and k >= 2 and self.toks[k - 1].low.isdigit() and self.toks[k - 2].low in ("stk.", "nr."):
                # the comma closing a citation ("i hvilke tilfælde personer omfattet af § 198, stk. 2,
                # skal ...") continues the clause, unless that clause is a relative clause, which has
                # its own verb and ends there ("den kommune, som er ansvarlig for ... § 142, stk. 3, kan")
                outer = self._clause_start(k)
                return k + 1 if outer > 0 and self.toks[outer - 1].low in ("der", "som") else outer
            elif t.low == ",":
                # a comma inside a list of actors does not end the clause
                before = k - 1 in self.in_mention
                after = k + 1 in self.ment_start or (
                    k + 1 < self.n and self.toks[k + 1].low in DETERMINERS and k + 2 in self.ment_start)
                if not (before and after):
                    return k + 1
            k -= 1
        return 0

    def _subject_right(self, cue: int) -> tuple[list[str], int, int] | None:
        k = cue + 1
        while k < self.n and self.toks[k].low in ("ikke", "også", "dog", "derfor", "herefter", "fortsat",
                                                  "således", "endvidere", "desuden", "ligeledes", "i",
                                                  "øvrigt", "selv", "altid", "nu", "både", "alle"):
            if self.toks[k].low == "i" and not (k + 1 < self.n and self.toks[k + 1].low == "øvrigt"):
                break
            k += 1
        kk = k
        while kk < self.n and self.toks[kk].low in ("den", "det", "de", "alle", "både", "hver", "hvert", "enkelte"):
            kk += 1
        if kk in self.ment_start and not self._genitive(kk):
            keys, end = self._group(kk)
            return keys, kk, end
        return None

    def _pronoun_subject(self, lo: int, cue: int) -> str | None:
        """'De', 'Udvalget', 'Klyngen' as the clause subject: 'pronoun' or 'committee'."""
        toks = [t for t in self.toks[lo:cue] if t.low not in ADVERBS]
        if not toks:
            return None
        first = toks[0].low
        if len(toks) <= 2 and first in PRONOUNS and first not in ("det", "dette"):
            return "pronoun"
        if re.fullmatch(r"udvalg(?:et|ene)|klyngen|klyngerne", first) and (len(toks) == 1 or toks[1].low in ADVERBS):
            return "committee"
        return None

    def _passive_after(self, cue: int, end: int) -> int | None:
        """The passive infinitive governed by the modal ("skal godkendes", "skal mindst ét
        medlem udpeges"), within a few tokens and before any clause boundary."""
        k = cue + 1
        steps = 0
        while k < end and steps < 6:
            t = self.toks[k]
            if _is_passive_verb(t) and t.low not in ADVERBS and t.low not in DETERMINERS and t.low not in DEPONENTS:
                return k
            if t.low in (",", ";", ":") or t.low in CLAUSE_OPENERS - {"så"}:
                break
            if t.low == "af":
                # an agent before the verb ("skal af en læge vejledes"): step over it
                k += 1
                while k < end and self.toks[k].low in DETERMINERS:
                    k += 1
                k = self.ment_start[k][0] if k in self.ment_start else k + 1
                steps += 1
                continue
            if (t.low.endswith("e") and t.lemma.lower() == t.low and t.low.isalpha()
                               and t.low not in DETERMINERS and t.low not in ADVERBS and k not in self.in_mention
                               and not t.text[:1].isupper() and t.low not in ("både", "alle", "hele", "mange")):
                break   # an active infinitive came first ("skal indsende den ... ")
            k += 1
            steps += 1
        return None

    def _vaere_passive(self, cue: int) -> int | None:
        """The participle of "skal være godkendt af regionsrådet og kommunalbestyrelserne": a
        state that an actor must bring about, so the agent bears it. Only with an actor agent."""
        k = cue + 1
        while k < self.n and (self.toks[k].low in ADVERBS or self.toks[k].low == "ikke"):
            k += 1
        if k >= self.n or self.toks[k].low != "være":
            return None
        k += 1
        while k < self.n and self.toks[k].low in ADVERBS:
            k += 1
        if k >= self.n or not (self.toks[k].low.isalpha() and self.toks[k].low.endswith("t")) \
                or self.toks[k].text[:1].isupper() or k in self.in_mention:
            return None
        agent = self._agent(k, self.n)
        return k if agent else None

    def _agent(self, verb: int, end: int, frm: int | None = None) -> list[str] | None:
        """Actors of the "af X" agent of a passive verb, searched from ``frm`` (default: after
        the verb); [] for an agent that is no actor, None for none."""
        k = verb + 1 if frm is None else frm
        while k < end:
            if self.toks[k].low in ("af", "mellem", "imellem") and not (
                    k > 0 and self.toks[k - 1].low in ("tværs", "vegne", "grund", "følge", "hjælp", "baggrund",
                                                         "brug", "del", "med", "hver", "nogle", "ingen", "ud")):
                kk = k + 1
                while kk < end and (self.toks[kk].low in DETERMINERS or self.toks[kk].low in ("henholdsvis", "hhv.")):
                    kk += 1
                if kk in self.ment_start:
                    return self._group(kk, end)[0]
                if kk < end and self.toks[kk].low in ("hensyn", "betydning", "praktiske", "samme"):
                    return None
                return []          # an agent that is no actor ("af regionsrådsformanden")
            if self.toks[k].low in (",", ";", ".") or self.toks[k].low in CLAUSE_OPENERS:
                return None
            k += 1
        return None

    def _agreement_subject(self, lo: int, cue: int) -> bool:
        toks = [t for t in self.toks[lo:cue] if t.low not in DETERMINERS and t.low not in ADVERBS]
        # the head noun is the first word of the subject ("Sundhedsaftalen for perioden ..."),
        # or the inverted subject ("Herudover skal sundhedsaftalen indeholde ...")
        k = cue + 1
        while k < self.n and self.toks[k].low in ADVERBS:
            k += 1
        if k < self.n and AGREEMENT_NOUNS.match(self.toks[k].low):
            return True
        return bool(toks) and bool(AGREEMENT_NOUNS.match(toks[0].low)) or (
            len(toks) >= 2 and toks[0].low in ("den", "det") and bool(AGREEMENT_NOUNS.match(toks[1].low)))

    def _event_subject(self, lo: int, i: int) -> bool:
        """A nominalised action as subject ("Indsendelsen af aftalen skal ske ...")."""
        toks = [t.low for t in self.toks[lo:i] if t.low not in ADVERBS and t.low not in DETERMINERS]
        return bool(toks) and bool(re.search(r"(?:else|ning|ingen|elsen|ningen|ning|tion|tionen|ring|ringen)$", toks[0]))

    def _we_subject(self, lo: int, i: int) -> bool:
        toks = [t.low for t in self.toks[lo:i] if t.low not in ADVERBS]
        after = [t.low for t in self.toks[i + 1:i + 2]]
        return (toks[:1] == ["vi"]) or (not toks or toks[-1:] != ["vi"]) and after == ["vi"]

    def _opener(self, lo: int) -> str | None:
        """The subordinator that opens the clause starting at token ``lo`` ("at", "der", "hvis",
        ...), None for a main clause."""
        if lo == 0:
            w = self.toks[0].low
            return w if w in CONDITIONAL else None
        w = self.toks[lo - 1].low
        return w if w in CLAUSE_OPENERS else None

    def _clause_chain(self, i: int) -> list[str]:
        """Openers of the clause holding token i and of the clauses it is embedded in, innermost
        first: "hvis det vurderes, at aftalen skal revideres" gives ["at", "hvis"]. An at- or
        relative clause is embedded in the clause before its opener; the walk stops at a main
        clause, a comma-separated clause without opener, or after three levels."""
        chain: list[str] = []
        k = i
        for _ in range(3):
            lo = self._clause_start(k)
            op = self._opener(lo)
            if op is None:
                # "at biologisk materiale, som patienten har afgivet, skal destrueres": after the
                # comma closing an interrupting relative clause, an at-clause goes on (other
                # clauses are not resumed: that comma also ends a fronted "Hvor …" or "Har …")
                ant = self._interrupting_antecedent(lo)
                if ant is not None and self._opener(self._clause_start(ant + 1)) == "at":
                    lo, op = self._clause_start(ant + 1), "at"
            if op is None:
                break
            chain.append(op)
            if op not in ("at", "der", "som") or lo < 2:
                break
            k = lo - 2 if self.toks[lo - 2].low != "," else lo - 3
            if k < 0:
                break
        return chain

    def _conditional(self, i: int) -> bool:
        # a modal in a conditional clause, also inside an at-clause under it ("hvis det
        # vurderes, at sundhedsaftalen skal revideres"): the condition states no duty
        chain = self._clause_chain(i)
        return any(op in CONDITIONAL or op in ("om", "selvom") and n == 0 for n, op in enumerate(chain))

    def _relative(self, lo: int) -> int | None:
        """For a clause opened by relative "der"/"som", the token before the pronoun (the end
        of the antecedent); None when the clause is no relative clause. "Der skal ..." at the
        start of a clause, or after "at"/"hvis", is the expletive, not a relative pronoun."""
        if lo < 2 or self.toks[lo - 1].low not in ("der", "som"):
            return None
        k = lo - 2
        if self.toks[k].low == ",":
            k -= 1
        if k < 0 or self.toks[k].low in CLAUSE_OPENERS or self.toks[k].low in ("skal", "bør", "kan", "må", "og", "eller"):
            return None
        return k

    def _relative_actor(self, lo: int) -> str | None:
        """The actor a relative clause is about ("sundhedsklyngerne, der skal ...", "det er
        regionsrådet, som er forpligtet til ..."), None when the antecedent is no actor."""
        k = self._relative(lo)
        if k is None or k not in self.in_mention:
            return None
        s = self.in_mention[k]
        if s > 0 and self.toks[s - 1].low in ARTICLES | {"nogen", "noget"}:
            # "en sundhedsperson, der skal varetage ...", "den kommune, som er ansvarlig for ...":
            # a restrictive relative says which one is meant, it obliges none
            return None
        return None if self._genitive(s) else self.ment_start[s][1]

    def _states_duty(self, i: int, lo: int, done: list[Statement]) -> bool:
        """Can the cue at token i state a duty of its own, judged by the clause it stands in?
        Not in a condition, an indirect question, a relative clause about something that is
        no actor, or an at-clause that is the content of a statement before it."""
        chain = self._clause_chain(i)
        if not chain:
            return True
        if any(op in CONDITIONAL for op in chain):
            return False        # "Hvis regionen skal ...", "hvis det vurderes, at aftalen skal revideres"
        op = chain[0]
        if self._purpose(lo, i, op):
            return False        # "for at almen praksis kan fungere som indgang": why, not who must
        if op in INTERROGATIVE:
            return False        # "regler om, hvornår rapporteringen skal ske": what is regulated, not a duty
        if op in ("der", "som") and self._relative(lo) is not None:
            # "de opgaver, som skal løses af almen praksis", "forpligtelserne, der påhviler
            # regionerne": a description of the antecedent; kept only where the relative
            # pronoun is the subject and stands for an actor ("sundhedsklyngerne, der skal ...")
            return self._relative_actor(lo) is not None and self._subject_left(lo, i) is None
        if op == "at":
            # "Ministeren kan fastsætte regler om, at rettighederne skal finde anvendelse ...",
            # "kan vælge, at arbejdsgiveransvaret skal varetages af ...": the at-clause is the
            # content of the statement before it, whose action already holds it
            if any(s.anchor < i and not self._clause_chain(s.anchor) for s in done):
                return False
            # "En patient kan kræve, at … materiale … skal destrueres": the statement before was
            # dropped for its non-actor subject, and its content is no one's duty either
            return not any(self.toks[j].low in MODALS and not self._clause_chain(j)
                           and self._explicit_nonactor_subject(self._clause_start(j), j) for j in range(lo - 1))
        return True

    def _purpose(self, lo: int, i: int, op: str) -> bool:
        """Is the clause starting at ``lo`` a purpose or result clause ("for at ...", "så
        kommunerne kan ...", "således at ...", "med henblik på, at ...")? A "så" directly before
        the modal is the adverb of a main clause ("..., så skal regionen ..."), not one."""
        if op == "så":
            return i > lo
        if op != "at" or lo < 2:
            return False
        k = lo - 2 if self.toks[lo - 2].low != "," else lo - 3
        if k < 0:
            return False
        w = self.toks[k].low
        if w == "for":
            # "For at opfylde formålet skal aftalen ...": fronted, the modal is the main clause's;
            # "mulighed for, at regioner og kommuner kan ...": the content of a permission
            # (a capital "For" starts a sentence even where a heading ran into it)
            return k > 0 and not self.toks[k].text[:1].isupper() and self.toks[k - 1].low not in FOR_COMPLEMENT
        return w in ("således", "så") or (w == "på" and k > 0 and self.toks[k - 1].low == "henblik")

    def _interrupting_antecedent(self, lo: int) -> int | None:
        """When the clause at ``lo`` follows the comma that closes a relative clause, the end
        of that relative clause's antecedent (the interrupted clause holds it); else None."""
        if lo < 3 or self.toks[lo - 1].low != ",":
            return None
        return self._relative(self._clause_start(lo - 1))

    def _subject_before_relative(self, lo: int) -> tuple[list[str], int] | None:
        """The subject of a clause interrupted by a relative clause: "Kommunalbestyrelsen i den
        kommune, som er ansvarlig for ..., kan yde befordring" (the cue's clause starts after
        the comma that closes the relative clause)."""
        ant = self._interrupting_antecedent(lo)
        if ant is None:
            return None
        return self._subject_left(self._clause_start(ant + 1), ant + 1)

    def _explicit_nonactor_subject(self, lo: int, i: int) -> bool:
        """A noun subject that is no actor ("Programmet skal ...", "Samtidig skal programmet ...",
        ", og den samlede tilbageholdelsesperiode må ikke ...")."""
        toks = [t for t in self.toks[lo:i] if t.low not in ADVERBS and t.low not in DETERMINERS]
        while toks and toks[0].low in ("og", "men", "eller", "samt"):
            toks = toks[1:]
        if toks and toks[0].low not in ("det", "der", "dette", "man", "hvilket") and toks[0].low not in PREPOSITIONS \
                and not re.fullmatch(r"\d+[a-z]?[.)]?|[a-z]\)|stk\.|§+|[-•–]", toks[0].low):
            return True
        k = i + 1
        while k < self.n and self.toks[k].low in ADVERBS:
            k += 1
        if k < self.n and k not in self.in_mention and self.toks[k].low in DETERMINERS | {"programmet", "planen"}:
            return True
        # an inverted definite noun ("kan indgrebet dog foretages", "skal dette fremgå"): no
        # actor, and no bearer to carry from the sentence before
        w = self.toks[k].low if k < self.n else ""
        return k < self.n and k not in self.in_mention and (w in ("dette", "disse") or (
            w.isalpha() and len(w) > 4 and w.endswith(("et", "en", "ene", "erne")) and not _is_present_verb(self.toks[k])
            and w not in ADVERBS and w not in PREPOSITIONS and w not in ("sammen", "eventuelt", "herefter", "derefter",
                                                                           "omgående", "snarest")))

    # --- cues ------------------------------------------------------------------------------
    def cues(self) -> list[tuple[int, int, str, str]]:
        """(first token, last token excl., modality, cue text) in order."""
        out = []
        toks = self.toks
        n = self.n
        i = 0
        first_content = 0
        while first_content < n and (toks[first_content].low in ("§", "stk.") or re.fullmatch(
                r"\d+[a-z]?\.?|\d+\)|[a-z]\)|•|-|–", toks[first_content].low)):
            first_content += 1
        while i < n:
            w = toks[i].low
            nxt = toks[i + 1].low if i + 1 < n else ""
            nxt2 = toks[i + 2].low if i + 2 < n else ""
            if w in ("skal", "bør", "kan", "må"):
                if i == first_content and i + 1 < n and (i + 1 in self.ment_start or nxt in PRONOUNS or nxt in ("man", "der")
                                                        or any(t.low == "," for t in toks[i + 2:])):
                    # verb first: "Kan Sundhedsstyrelsen ikke godkende ..., ", "Skal destruktion
                    # finde sted, er sundhedspersonen forpligtet til ...": a condition
                    i += 1
                    continue
                # negation may follow the cue or the inverted subject
                neg_at = None
                k = i + 1
                if k in self.ment_start:
                    k = self._group(k)[1]
                elif k < n and toks[k].low in PRONOUNS | {"man"}:
                    k += 1
                for kk in range(k, min(k + 2, n)):
                    if toks[kk].low == "ikke":
                        neg_at = kk
                        break
                # modal followed by "kunne" ("skal kunne") keeps the first modal
                verb = None
                for kk in range(i + 1, min(i + 6, n)):
                    if toks[kk].low in ADVERBS or kk in self.in_mention or toks[kk].low in ("kunne", "der", "man"):
                        continue
                    verb = toks[kk].low
                    break
                if verb == "have" and nxt2 in ("mulighed", "muligheden", "mulighederne", "ret", "adgang"):
                    i += 1          # "skal have mulighed for": the permission cue below decides
                    continue
                if self._conditional(i):
                    i += 1          # "Hvis sundhedsaftalen skal revideres, ...": a condition
                    continue
                if nxt in ("du", "jeg") or (i + 1 < n and toks[i + 1].text == "I" and i > 0):
                    i += 1          # "Her kan du læse ...": the reader addressed, no actor's permission
                    continue
                if w in ("kan", "må") and any(t.low in ("være", "blive") for t in toks[i + 1:min(i + 9, n)]
                                             if t.low not in (",",)) and not any(
                        t.low in ("berettiget", "berettigede") for t in toks[i + 1:min(i + 11, n)]):
                    i += 1          # "kan ... være knyttet til": a possibility, not a permission
                    continue
                if verb in NON_NORMATIVE_AFTER_MODAL and w in ("kan", "må") and not (
                        verb in ("give", "gøre") and self._subject_left(self._clause_start(i), i)):
                    # "kan give anledning til" is a possibility; "Sundhedsstyrelsen kan ikke give en
                    # forhåndsgodkendelse" (an actor subject) is an act
                    i += 1
                    continue
                if verb in ("ses", "forstås", "betragtes", "læses", "nævnes", "tænkes", "være") and w in ("skal", "bør") \
                        and not (verb == "være" and self._vaere_passive(i) is not None):
                    i += 1          # "skal ses som", "skal være opmærksom på" (but "skal være godkendt af X" is X's)
                    continue
                if w == "må" and verb in ("forventes", "antages", "formodes"):
                    i += 1
                    continue
                if w == "bør":
                    out.append((i, i + 1, "recommendation", "bør"))
                elif neg_at is not None and w in ("skal", "kan", "må"):
                    out.append((i, i + 1, "prohibition", f"{w} ikke"))
                elif w == "skal":
                    out.append((i, i + 1, "obligation", "skal"))
                else:
                    if w == "kan" and nxt == "vælge":
                        out.append((i, i + 2, "permission", "kan vælge"))
                        i += 2
                        continue
                    out.append((i, i + 1, "permission", w))
            elif w in ("er", "være") and nxt in ("forpligtet", "forpligtede", "forpligtiget", "forpligtigede") and nxt2 in ("til", "at"):
                out.append((i, i + 3, "obligation", "er forpligtet til"))
                i += 3
                continue
            elif w == "er" and i + 1 in self.ment_start and self.ment_start[i + 1][0] + 1 < n and \
                    toks[self.ment_start[i + 1][0]].low in ("forpligtet", "forpligtede") and \
                    toks[self.ment_start[i + 1][0] + 1].low in ("til", "at"):
                # inverted after a fronted clause: "..., er sundhedspersonen forpligtet til ..."
                out.append((i, i + 1, "obligation", "er forpligtet til"))
            elif w in ("forpligter", "forpligtede") and nxt == "sig":
                out.append((i, i + 2, "obligation", "forpligter sig"))
            elif w in ("er", "være") and nxt in ("ansvarlig", "ansvarlige") and nxt2 == "for":
                out.append((i, i + 3, "obligation", "er ansvarlig for"))
                i += 3
                continue
            elif w in ("har", "have") and nxt in ("ansvaret", "ansvar") and nxt2 in ("for", "at"):
                out.append((i, i + 3, "obligation", "har ansvaret for"))
                i += 3
                continue
            elif w in ("har", "have") and nxt == "det" and nxt2 in ("overordnede", "fulde", "samlede", "primære") and i + 3 < n and toks[i + 3].low == "ansvar":
                out.append((i, i + 5, "obligation", "har ansvaret for"))
                i += 5
                continue
            elif w == "påhviler" or w == "påhvile":
                out.append((i, i + 1, "obligation", "påhviler"))
            elif w in ("sørger", "sikrer") and (nxt == "for" or nxt == ","):
                pass  # handled by the present-tense rule
            elif w in ("har", "have") and nxt in ("mulighed", "mulighederne", "muligheden") and nxt2 in ("for", "til"):
                out.append((i, i + 3, "permission", "har mulighed for"))
                i += 3
                continue
            elif w in ("er", "være") and nxt in ("berettiget", "berettigede") and nxt2 == "til":
                out.append((i, i + 3, "permission", "er berettiget til"))
                i += 3
                continue
            elif w in ("har", "have") and nxt == "ret" and nxt2 == "til":
                out.append((i, i + 3, "permission", "har ret til"))
                i += 3
                continue
            elif w in ("har", "have") and nxt == "til" and nxt2 in ("opgave", "formål"):
                out.append((i, i + 3, "obligation", "har til opgave"))
                i += 3
                continue
            elif w == "opgaverne" and nxt == "for" and (i + 2 in self.ment_start or (
                    i + 3 in self.ment_start and nxt2 in DETERMINERS)):
                out.append((i, i + 2, "obligation", "opgaverne for"))
                i += 2
                continue
            elif w in ("opfordres", "opfordrer", "opfordre") and (nxt == "til" or nxt2 == "til" or nxt == ","):
                out.append((i, i + 1, "recommendation", "opfordres til"))
            i += 1
        return out

    # --- main ------------------------------------------------------------------------------
    def analyse(self) -> list[Statement]:
        out: list[Statement] = []
        if not self.toks:
            return out
        rec_region = self._recommendation_frames(out)
        cues = self.cues()
        out.extend(self._present_tense(out, cues))
        for (i, j, modality, cue) in cues:
            if rec_region and any(a <= i < b for a, b in rec_region):
                # folded into the recommendation frame
                continue
            before = sorted((s for s in out if s.anchor < i), key=lambda s: s.anchor)
            st = self._statement(i, j, modality, cue, before)
            if st is not None:
                out.append(st)
        out.sort(key=lambda s: s.anchor)
        # action ends where the next statement begins
        for a, b in zip(out, out[1:]):
            if b.start > a.action_start and b.start < a.action_end:
                a.action_end = b.start
        return out

    def _sentence_end(self) -> int:
        return self.toks[-1].end

    def _statement(self, i: int, j: int, modality: str, cue: str, done: list[Statement]) -> Statement | None:
        toks = self.toks
        lo = self._clause_start(i)
        if not self._states_duty(i, lo, done):
            return None
        bearers: list[str] | None = None
        carried = passive = False
        subj_start = toks[i].start
        action_from = j
        if cue == "opgaverne for":
            k = j
            while k < self.n and k not in self.ment_start and toks[k].low in DETERMINERS:
                k += 1
            if k in self.ment_start:
                bearers, e = self._group(k)
                action_from = e
                while action_from < self.n and toks[action_from].low in ("er", "bl.a.", "blandt", "andet", ":", "følgende"):
                    action_from += 1
                if action_from >= self.n:
                    action_from = e
        if cue == "påhviler":
            r = self._subject_right(i)
            if r:
                bearers, s, e = r
                action_from = e
                for k in range(e, self.n):
                    if toks[k].low == "at":
                        action_from = k
                        break
            else:
                left = self._subject_left(lo, i)
                if left:
                    bearers = left[0]
            if bearers is None:
                return None
        if bearers is None:
            left = self._subject_left(lo, i) or self._subject_before_relative(lo)
            if left:
                bearers = left[0]
                subj_start = toks[left[1]].start
        if bearers is None and lo <= i and self._relative_actor(lo):
            # relative clause: the antecedent before ", der" (_states_duty kept only actor ones)
            bearers = [self._relative_actor(lo)]
        if bearers is None:
            # coordinated verb phrase: "... og kan fremkomme med ..."
            k = i - 1
            while k >= 0 and toks[k].low in ADVERBS:
                k -= 1
            if k >= 0 and toks[k].low in ("og", "eller", "men", "samt") and done:
                subj_start = toks[k].start
                bearers = list(done[-1].bearers)
                carried = done[-1].carried
                passive = False
        if bearers is None:
            r = self._subject_right(i)
            if r:
                bearers, s, e = r
                action_from = e
        if bearers is None and self._we_subject(lo, i):
            if self.ctx.doc_type in PRESENT_TYPES_EXCLUDED:
                return None     # "Vi skal anmode om ..." in a hearing letter: the sender writing, no duty
            bearers = ["parterne"]          # "vi" in an agreement: its parties
        if bearers is None:
            p = self._pronoun_subject(lo, i)
            committee = self.ctx.subject_committee or self.ctx.last_committee
            if p == "committee" and committee:
                bearers, carried = [committee], True
            elif p == "pronoun" and self.ctx.prev_bearers:
                bearers, carried = list(self.ctx.prev_bearers), True
        sent_end = self.n
        pv = self._passive_after(i, sent_end)
        if pv is None:
            pv = self._vaere_passive(i)
        if pv is None and bearers is None:
            k = i + 1
            while k < self.n and toks[k].low in ADVERBS:
                k += 1
            if k < self.n and toks[k].low in ("ske", "foregå", "finde") and self._event_subject(lo, i):
                passive = True
        if pv is not None:
            agent = self._agent(pv, sent_end, frm=i + 1)
            if agent is not None:
                bearers, carried, passive = agent, False, True
            else:
                passive = True
                if bearers is not None and not carried:
                    # the actor before a passive modal is its object ("Udvalget skal inddrages")
                    bearers = None
        if bearers is None and self._agreement_subject(lo, i):
            bearers = ["parterne"]
        relative_nonactor = bearers is None and lo > 0 and toks[lo - 1].low in ("der", "som") and (
            lo - 2 < 0 or (lo - 2) not in self.in_mention and not (toks[lo - 2].low == "," and (lo - 3) in self.in_mention))
        if bearers is None and passive and not relative_nonactor and not self._explicit_nonactor_subject(lo, i) \
                and (self.ctx.prev_bearers or self.ctx.heading_bearers):
            # agentless passive in a main clause: the duty stays with the actor in context
            bearers, carried = list(self.ctx.prev_bearers or self.ctx.heading_bearers), True
        if bearers is None and cue in ("har til opgave", "opgaverne for"):
            return None
        if bearers is None and relative_nonactor and not passive:
            return None    # "den, der skal fremsætte anmodning": a description, no bearer to name
        if bearers is None and (relative_nonactor or self._explicit_nonactor_subject(lo, i)):
            if modality in ("obligation", "prohibition"):
                bearers = []
            else:
                return None
        if bearers is None:
            if modality == "permission":
                return None
            ctxb = self.ctx.prev_bearers or self.ctx.heading_bearers
            if ctxb:
                bearers, carried = list(ctxb), True
            elif modality in ("obligation", "prohibition"):
                bearers = []
            else:
                return None
        # action: after the cue (and an inverted subject), "ikke" dropped
        k = action_from
        while k < self.n and toks[k].low in ("ikke",):
            k += 1
        a_start = toks[k].start if k < self.n else toks[j - 1].end
        return Statement(bearers, modality, cue, a_start, self._sentence_end(), subj_start,
                         carried, passive, anchor=i)

    def _recommendation_frames(self, out: list[Statement]) -> list[tuple[int, int]]:
        """'Det anbefales, at X ...' -> a recommendation for X; returns the token regions folded."""
        regions = []
        if not self.toks:
            return regions
        s0 = self.toks[0].start
        s1 = self.toks[-1].end
        seg = self.text[s0:s1]
        for m in REC_FRAME.finditer(seg):
            at_ch = s0 + m.end()
            k = self._tok_at(at_ch)
            if k is None:
                continue
            frame_tok = self._tok_at(s0 + m.start())
            if self.toks[k].low == "til":
                # "X opfordres til at ..." : handled as a cue
                continue
            k += 1  # after "at"
            kk = k
            while kk < self.n and self.toks[kk].low in DETERMINERS | {"man"}:
                kk += 1
            bearers = None
            carried = False
            subj_end = kk
            if kk in self.ment_start and not self._genitive(kk):
                bearers, subj_end = self._group(kk)
            elif kk < self.n and (re.fullmatch(r"udvalg(?:et|ene)|klyngen|klyngerne", self.toks[kk].low)) and (
                    self.ctx.subject_committee or self.ctx.last_committee):
                bearers, carried, subj_end = [self.ctx.subject_committee or self.ctx.last_committee], True, kk + 1
            elif kk < self.n and AGREEMENT_NOUNS.match(self.toks[kk].low):
                bearers, subj_end = ["parterne"], kk + 1
            # region of the recommended clause: up to the sentence end
            region = (k - 1, self.n)
            weak = not re.search(r"anbefal|hensigtsmæssig|opfordr", m.group(0), re.I)
            if bearers is None and weak:
                continue
            if bearers is None:
                # "det anbefales, at der ..." : the frame alone; carry context bearers
                ctxb = self.ctx.prev_bearers or self.ctx.heading_bearers
                if not ctxb:
                    continue
                bearers, carried = list(ctxb), True
            # skip a modal in the at-clause for the action
            a = subj_end
            while a < self.n and (self.toks[a].low in ("skal", "bør", "kan", "må", "kunne") or self.toks[a].low in ADVERBS):
                a += 1
            if a >= self.n:
                continue
            cue = re.sub(r"\s+", " ", m.group(0)).strip().rstrip(",").lower()
            out.append(Statement(bearers, "recommendation", cue, self.toks[a].start, self._sentence_end(),
                                 self.toks[frame_tok].start if frame_tok is not None else s0 + m.start(),
                                 carried, False, anchor=frame_tok or 0))
            regions.append(region)
        return regions

    def _present_tense(self, done: list[Statement], cues) -> list[Statement]:
        """Normative present: '[§ 5.] Regionsrådet indsender ...', 'Herefter indsender regionsrådet ...'."""
        out: list[Statement] = []
        if self.ctx.doc_type in PRESENT_TYPES_EXCLUDED:
            return out
        toks = self.toks
        cue_tokens = {i for (i, _, _, _) in cues}
        taken = {s.anchor for s in done}
        # clause starts: sentence start (after labels), after ";" and after ", og"/", men"
        starts = [0]
        for k, t in enumerate(toks):
            if t.low == ";":
                starts.append(k + 1)
        for lo in starts:
            k = lo
            while k < self.n and (toks[k].low in ("§", "stk.") or re.fullmatch(r"\d+[a-z]?\.?|\d+\)|[a-z]\)|•|-|–", toks[k].low)):
                k += 1
            if k >= self.n:
                continue
            if k in self.ment_start and not self._genitive(k):
                keys, end = self._group(k)
                v = end
                while v < self.n and toks[v].low in ("selv", "også", "løbende", "endvidere", "herefter", "desuden",
                                                      "fortsat", "samtidig", "derudover", "tillige", "ligeledes",
                                                      "straks", "hvert", "årligt"):
                    v += 1
                if v < self.n and v not in cue_tokens and (_is_present_verb(toks[v]) or (
                        toks[v].low in DEPONENTS)) and v not in taken:
                    out.append(Statement(keys, "obligation", "present", toks[v].start, self._sentence_end(),
                                         toks[k].start, anchor=v))
                elif v < self.n and self.ctx.doc_type in LEGISLATION_TYPES and _is_passive_verb(toks[v]):
                    pass
                continue
            # inverted order after a fronted adverbial or a conditional clause
            comma = None
            if toks[k].low in ("kan", "skal", "hvis", "når", "såfremt", "er", "har"):
                for c in range(k + 1, self.n):
                    if toks[c].low == ",":
                        comma = c
                        break
                v = comma + 1 if comma is not None else None
            elif toks[k].low in ("herefter", "derefter", "endvidere", "desuden", "samtidig", "derudover",
                                 "dernæst", "endelig", "årligt", "løbende"):
                v = k + 1
            else:
                v = None
            if v is not None and v + 1 < self.n and _is_present_verb(toks[v]) and v + 1 in self.ment_start \
                    and not self._genitive(v + 1) and v not in taken:
                keys, end = self._group(v + 1)
                out.append(Statement(keys, "obligation", "present", toks[v].start, self._sentence_end(),
                                     toks[v].start, anchor=v))
            # passive present in legislation: "Ændringer af aftalen indsendes til Sundhedsstyrelsen"
            if self.ctx.doc_type in LEGISLATION_TYPES and not done and not out and toks[k].low not in CLAUSE_OPENERS \
                    and toks[k].low not in ("at",) \
                    and toks[k].low not in ("hvor", "samtidig", "dog", "såfremt"):
                for p in range(k + 1, min(k + 8, self.n)):
                    if p in cue_tokens or toks[p].low in (",", "der", "som") or toks[p].low in MODALS:
                        break       # "Fristen ... kan fraviges": the modal rules decide, not this one
                    if p in self.in_mention or toks[p - 1].low in ARTICLES:
                        continue    # "En kommunes ...": a genitive after an article, not a verb
                    if _is_passive_verb(toks[p]) and toks[p].low not in DESCRIPTIVE and toks[p].low not in ENACTING and p - 1 >= 0 and toks[p - 1].low not in PREPOSITIONS:
                        agent = self._agent(p, self.n)
                        if agent is not None:
                            out.append(Statement(agent, "obligation", "present", toks[p].start, self._sentence_end(),
                                                 toks[k].start, passive=True, anchor=p))
                        else:
                            ctxb = self.ctx.prev_bearers or self.ctx.heading_bearers
                            out.append(Statement(list(ctxb), "obligation", "present", toks[p].start,
                                                 self._sentence_end(), toks[k].start, carried=bool(ctxb),
                                                 passive=True, anchor=p))
                        break
        return out
