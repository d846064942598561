"""Clause structure for the deontic reader: who is the subject of a cue, in Danish word order."""

from __future__ import annotations

import re

from .actors import COMMITTEE_ANAPHOR, find_actors
from .deontic_words import (
    ADVERBS,
    AGREEMENT_NOUNS,
    ARTICLES,
    CLAUSE_OPENERS,
    CONDITIONAL,
    CONJ,
    DESCRIPTIVE,
    DETERMINERS,
    EVENT_VERBS,
    FOR_COMPLEMENT,
    INTERROGATIVE,
    MODALS,
    PERSON_NOUN,
    PREPOSITIONS,
    PRONOUNS,
    Context,
    Statement,
    Tok,
    is_label_or_list_marker,
    is_label_token,
    is_passive_verb,
    is_present_verb,
    is_short_passive,
    label_end,
    om_adverbial,
    om_after_noun,
)

# an at-clause after these is a wish, no duty ("ønske om, at …")
WISHES = {"ønske", "ønsket", "ønsker", "håb", "håbet", "håber", "forhåbning", "ambition", "ambitionen"}
# "regler om, hvilke …": the question a rule answers
RULE_QUESTION_WORDS = {"hvilke", "hvilken", "hvilket", "hvornår", "hvordan", "hvorvidt", "hvad"}
# what an agreement is for ("Sundhedsaftalen skal bidrage til …")
PURPOSE_VERBS = {"bidrage", "medvirke", "understøtte", "fremme", "styrke"}
# the first part of a compound whose head is shared: "øre-" in "øre-, næse- og halssygdomme"
_PART_OF_COMPOUND = re.compile(r"[a-zæøå]+-")

# modifiers between a conjunction and the next actor ("og de berørte kommunalbestyrelser")
ACTOR_MODIFIERS = frozenset({"berørte", "deltagende", "enkelte", "øvrige", "respektive", "pågældende", "involverede",
                             "forberedende"})     # »samt det forberedende regionsråd for Region Østdanmark«


class ClauseReader:
    """A sentence's clause structure around a cue: subjects left and right, conjoined actor
    groups, relative and conditional clauses. ``PassiveClauses`` (kg.deontic_passive) adds passives
    and their agents; ``SentenceAnalyser`` (kg.deontic) builds the deontic statements on top."""

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
        if k >= 1 and self.toks[k].low == "fra" and self.toks[k - 1].low in ("repræsentanterne", "repræsentanter") \
                and k - 1 == label_end(self.toks):
            return False    # »Repræsentanterne fra patientinddragelsesudvalget skal have mulighed for …«: the body, by its people
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

    def _group(self, i: int, stop: int | None = None, agent: bool = False) -> tuple[list[str], int]:
        """Actor keys of the conjoined group starting at mention token i; returns (keys, end tok)."""
        stop = self.n if stop is None else stop
        keys: list[str] = []
        j, key = self.ment_start[i]
        keys.append(key)
        end = j
        k = j
        complement = None       # the key of a skipped complement ("for Region Nordjylland, …")
        while k < stop:
            # skip "i regionen"-like complements of the mention
            if self.toks[k].low in ("i", "for", "på") and k + 1 < stop:
                kk = k + 1
                while kk < stop and self.toks[kk].low in DETERMINERS:
                    kk += 1
                if kk in self.ment_start:
                    complement = self.ment_start[kk][1]
                    k = self.ment_start[kk][0]
                    continue
                break
            if (delegate := self._delegate_end(k, stop)) is not None:
                end = k = delegate      # not a second actor: the one the first delegates to
                continue
            if self.toks[k].low in CONJ:
                kk = k + 1
                while kk < stop and (self.toks[kk].low in DETERMINERS or self.toks[kk].low in CONJ
                                     or self.toks[kk].low in ACTOR_MODIFIERS):
                    kk += 1
                if agent and kk < stop and self.toks[kk].low == "af" and kk + 1 < stop:
                    kk += 1     # a repeated agent: "godkendes af regionsrådet og af kommunalbestyrelserne"
                    while kk < stop and self.toks[kk].low in DETERMINERS:
                        kk += 1
                if kk in self.ment_start and not self._genitive(kk):
                    j2, key2 = self.ment_start[kk]
                    # "Regionsrådene for Region Nordjylland, Region Midtjylland og …": the list
                    # continues the complement, it adds no bearer
                    if key2 not in keys and key2 != complement:
                        keys.append(key2)
                    end = k = j2
                    continue
            break
        return keys, end

    def _delegate_end(self, k: int, stop: int) -> int | None:
        """»… eller den, ministeren henlægger sine beføjelser til, …« / »eller den, regionsrådet
        bemyndiger dertil,«: the one the actor delegates to acts with it; the token after the
        closing comma, or None."""
        toks = self.toks
        if not (k + 3 < stop and toks[k].low == "eller" and toks[k + 1].low == "den" and toks[k + 2].low == ","):
            return None
        for m in range(k + 3, min(k + 12, stop)):
            if toks[m].low in (",", ".", ";", ":"):
                return m + 1 if toks[m].low == "," and toks[m - 1].low in ("til", "dertil", "hertil") else None
        return None

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

    def _citation_comma(self, k: int) -> str | None:
        """Whether the token at ``k`` is a comma that "opens" a citation's subdivision (»§ 198,
        stk. 2«) or "closes" one (»… § 198, stk. 2, skal …«); None for any other token."""
        if self.toks[k].low != ",":
            return None
        if k + 1 < self.n and self.toks[k + 1].low in ("stk.", "nr.", "pkt.", "litra"):
            return "opens"
        if k >= 2 and self.toks[k - 1].low.isdigit() and self.toks[k - 2].low in ("stk.", "nr.", "pkt."):
            return "closes"
        return None

    def _clause_start(self, cue: int) -> int:
        """Token index where the clause holding the cue begins."""
        k = cue - 1
        while k >= 0:
            t = self.toks[k]
            if t.low in (";", ":", "–", "•", "-") or (t.low in CLAUSE_OPENERS and not om_after_noun(self.toks, k)
                                                       and not om_adverbial(self.toks, k)
                                                       and not self._opening_expletive(k)):
                return k + 1
            if self._citation_comma(k) == "opens":
                pass        # "§ 198, stk. 2": the comma of a citation is no clause boundary
            elif self._citation_comma(k) == "closes":
                # the comma closing a citation ("i hvilke tilfælde personer omfattet af § 198, stk. 2,
                # skal ...") continues the clause, unless that clause is a relative clause, which has
                # its own verb and ends there ("den kommune, som er ansvarlig for ... § 142, stk. 3, kan")
                outer = self._clause_start(k)
                if outer <= label_end(self.toks) and self._verb_first(label_end(self.toks)):
                    return k + 1    # "Indgår et regionsråd ikke aftaler efter stk. 1, kan …": a condition ends there
                if self.toks[outer].low in ("jf.", "jf"):
                    return k + 1    # »Lønmodtagere, der …, jf. lovens § 50, stk. 1, har …«: an aside ends there
                return k + 1 if outer > 0 and self.toks[outer - 1].low in ("der", "som") else outer
            elif t.low == "," and (opens := self._delegation_before(k)) is not None:
                k = opens - 1   # »Ministeren eller den, ministeren bemyndiger dertil, kan …«: one subject
                continue
            elif t.low == "," and (jf := self._jf_aside_before(k)) is not None:
                k = jf      # "en sundhedsaftale, der, jf. sundhedslovens § 205, skal indgås": an aside
                continue
            elif t.low == ",":
                # a comma inside a list of actors does not end the clause
                before = k - 1 in self.in_mention
                after = k + 1 in self.ment_start or (
                    k + 1 < self.n and self.toks[k + 1].low in DETERMINERS and k + 2 in self.ment_start) or (
                    # »En læge, tandlæge, apoteker eller behandlerfarmaceut … kan«: persons outside
                    # the actor table go on the list
                    k + 2 < self.n and PERSON_NOUN.fullmatch(self.toks[k + 1].low)
                    and self.toks[k + 2].low in (",", "og", "eller"))
                if not (before and after):
                    return k + 1
            k -= 1
        return 0

    def _delegation_before(self, k: int) -> int | None:
        """The »eller« that opens the delegation the comma at ``k`` closes (``_delegate_end``), or None."""
        return next((j for j in range(k - 4, max(-1, k - 13), -1)
                     if self.toks[j].low == "eller" and self._delegate_end(j, self.n) == k + 1), None)

    def _jf_aside_before(self, k: int) -> int | None:
        """The comma at ``k`` closes an aside », jf. …,« right after a relative pronoun (»der,
        jf. sundhedslovens § 205, skal indgås«): the index of the pronoun, where the clause goes
        on; None otherwise (after other words that comma also ends a fronted clause)."""
        j = k - 1
        while j > 0 and self.toks[j].low not in (",", ";", ":", "."):
            j -= 1
        if j > 0 and self.toks[j].low == "," and j + 1 < k and self.toks[j + 1].low in ("jf.", "jf") \
                and self.toks[j - 1].low in ("der", "som"):
            return j - 1
        return None

    def _verb_first(self, k: int) -> bool:
        """Does the sentence open with its finite verb (»Indgår et regionsråd ikke …, kan …«,
        »Er dødens indtræden ikke åbenbar, skal …«): a condition without »hvis«?"""
        t = self.toks[k] if k < self.n else None
        if t is None or k + 1 >= self.n:
            return False
        if not (t.low in DESCRIPTIVE - MODALS or is_present_verb(t)):
            # a present tense the lookup table lacks, before an actor (»Henlægger ministeren …«)
            return t.low.isalpha() and t.low.endswith("er") and not t.low.endswith(("erne", "ere")) \
                and t.lemma.lower() == t.low and k + 1 in self.ment_start and not self._genitive(k + 1)
        nxt = self.toks[k + 1].low      # the subject right after the verb: an actor, an article, a
        return k + 1 in self.ment_start or nxt in DETERMINERS | PRONOUNS | {"der", "man"} or (
            nxt.endswith("s") and nxt.isalpha())     # genitive (»Ønsker afdødes nærmeste ikke …«)

    def _opening_expletive(self, k: int) -> bool:
        """A sentence's first word »Der« (»Der bør, så vidt muligt, inddrages …«): the expletive
        subject, no relative pronoun opening a clause."""
        return k == label_end(self.toks) and self.toks[k].text == "Der"

    def _expletive_after(self, modal: int) -> bool:
        """»skal der …«, »bør der være …«: the expletive subject right after the modal names no one."""
        return modal + 1 < self.n and self.toks[modal + 1].low == "der"

    def _demonstrative_subject(self, cue: int) -> tuple[list[str], int, int] | None:
        """»denne« as the inverted subject: the actor its fronted clause names (»Fremsættes
        anmodningen over for en læge, skal denne gøre …«: the physician's duty), not before an
        event verb (»…, skal denne foreligge«: the consent that must exist)."""
        k = cue + 1
        if k + 1 >= self.n or self.toks[k].low != "denne" or self.toks[k + 1].low in EVENT_VERBS \
                or cue == 0 or self.toks[cue - 1].low != ",":
            return None
        actors = [m for m in self.ment_start if label_end(self.toks) <= m < cue and not self._genitive(m)]
        return (self._group(actors[-1])[0], k, k + 1) if actors else None

    def _subject_right(self, cue: int) -> tuple[list[str], int, int] | None:
        k = cue + 1
        while k < self.n and self.toks[k].low in ("ikke", "også", "dog", "derfor", "herefter", "fortsat",
                                                  "således", "endvidere", "desuden", "ligeledes", "i",
                                                  "øvrigt", "selv", "altid", "nu", "både", "alle"):
            if self.toks[k].low == "i" and not (k + 1 < self.n and self.toks[k + 1].low == "øvrigt"):
                break
            k += 1
        kk = k
        while kk < self.n and self.toks[kk].low in ("den", "det", "de", "en", "et", "alle", "både", "hver", "hvert",
                                                    "enkelte", "henholdsvis", "hhv."):
            kk += 1
        if kk not in self.ment_start and kk + 1 in self.ment_start and self.toks[kk].low.isalpha() \
                and self.toks[kk].low.endswith(("ende", "ige", "lige", "ske", "ede")):
            kk += 1         # an adjective: "skal den behandlende sundhedsperson informere", "kan autoriserede
            # sundhedspersoner … indhente"
        if kk in self.ment_start and not self._genitive(kk):
            keys, end = self._group(kk)
            if self.toks[k].low in ("en", "et") and end < self.n and self.toks[end].low == ",":
                return None     # »skal en sundhedsperson, som …, gives ret til …«: what a passive is done to
            return keys, kk, end
        return None

    def _pronoun_subject(self, lo: int, cue: int) -> str | None:
        """'De', 'Udvalget', 'Klyngen' as the clause subject: 'pronoun' or 'committee'."""
        toks = [t for t in self.toks[lo:cue] if t.low not in ADVERBS]
        if not toks:        # inverted after a fronted adverb: »Desuden kan udvalget …«
            after = self.toks[cue + 1].low if cue + 1 < self.n else ""
            passive = cue + 2 < self.n and (is_passive_verb(self.toks[cue + 2]) or is_short_passive(self.toks[cue + 2]))
            return "committee" if lo < cue and COMMITTEE_ANAPHOR.fullmatch(after) and not passive else None
        first = toks[0].low
        if len(toks) <= 2 and first in PRONOUNS and first not in ("det", "dette"):
            return "pronoun"
        if COMMITTEE_ANAPHOR.fullmatch(first) and (len(toks) == 1 or toks[1].low in ADVERBS):
            return "committee"
        return None

    def _purpose_verb(self, cue: int) -> bool:
        """The verb after the modal says what something is for ("bidrage til", "medvirke til",
        "understøtte", "fremme", "styrke"), not what someone does."""
        k = cue + 1
        while k < self.n and (self.toks[k].low in ADVERBS or AGREEMENT_NOUNS.match(self.toks[k].low)
                              or self.toks[k].low in DETERMINERS):
            k += 1
        return k < self.n and self.toks[k].low in PURPOSE_VERBS

    def _opener(self, lo: int) -> str | None:
        """The subordinator that opens the clause starting at token ``lo`` ("at", "der", "hvis",
        ...), None for a main clause."""
        if lo == 0:
            w = self.toks[0].low
            if [t.low for t in self.toks[:3]] == ["i", "det", "omfang"]:
                return "hvis"       # "I det omfang sundhedsaftalen skal revideres, …": a condition
            return w if w in CONDITIONAL else None
        w = self.toks[lo - 1].low
        if w == "der" and lo >= 2 and self.toks[lo - 2].low in CONDITIONAL | INTERROGATIVE | {"at"}:
            # "såfremt der skal foretages …", "4) Hvorledes der skal forholdes med …": "der" is no
            # relative pronoun here
            return self.toks[lo - 2].low
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
        if self.toks[lo - 1].low == "som" and k >= 1 and self.toks[k].low in ("og", "eller") \
                and self.toks[k - 1].low == ",":
            # »oplysninger, som er udledt af …, og som opbevares af …,«: a relative clause joined
            # to the one before it has its antecedent (»og der« may be the expletive)
            return self._relative(self._clause_start(k - 1))
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
        if self._in_rule_question(i):
            return False        # "regler om, hvilke oplysninger regionsråd, …, der driver …, skal give"
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
        if op == "at" and self._wish_before(lo):
            return False        # "har vi et stort ønske om, at sundhedsaftalen skal udarbejdes …"
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

    def _wish_before(self, lo: int) -> bool:
        """Is the at-clause at ``lo`` the content of a wish or hope (»ønske om, at …«) or of
        what is to be furthered (»at understøtte, at regionsrådet … kan godkende aftalen«)?"""
        k = lo - 2
        while k >= 0 and self.toks[k].low in (",", "om"):
            k -= 1
        return k >= 0 and (self.toks[k].low in WISHES or self.toks[k].low in PURPOSE_VERBS)

    def _in_rule_question(self, i: int) -> bool:
        """Is the cue inside an indirect question that says what rules are about ("regler om,
        hvilke oplysninger …, skal give", "om, hvornår …"), or in what rules are to say ("regler
        om, at sygehuse … skal offentliggøre …")? Found by the words, so it holds
        across the commas of a long subject that the clause walk stops at."""
        k = i - 1
        while k >= 1 and self.toks[k].low not in (";", ".", ":"):
            if self.toks[k].low in ("hvilke", "hvilken", "hvilket") and self.toks[k - 1].low == "," \
                    and k < i - 2 and self.toks[i - 1].low == "der":
                # "fastsætter regionsrådet …, hvilket sundhedsråd … der skal varetage …": what is
                # decided, not a duty ("…, hvilket skal ske senest …" is a relative and stays)
                return True
            if self.toks[k].low in RULE_QUESTION_WORDS or self.toks[k].low == "at":
                j = k - 1 if self.toks[k - 1].low != "," else k - 2
                if j >= 0 and self.toks[j].low == "om" and (
                        self.toks[k].low != "at" or (j >= 1 and self.toks[j - 1].low in ("regler", "bestemmelser"))):
                    # not "Befordring, for hvilken der ydes …"; »regler om, at sygehuse … skal
                    # offentliggøre …« is what the rules will say, no duty of its own
                    return True
            if self.toks[k].low in MODALS:
                return False    # another modal in between: the question ended before it
            k -= 1
        return False

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
        if w == "til" and k > 0 and re.match(r"(?:medvirk|bidrag)(?:e|er|ede)?$", self.toks[k - 1].low):
            return True     # "Disse målsætninger medvirker til, at aftalen skal leve op til …": an effect
        return w in ("således", "så") or (w == "på" and k > 0 and self.toks[k - 1].low == "henblik")

    def _interrupting_antecedent(self, lo: int) -> int | None:
        """When the clause at ``lo`` follows the comma that closes a relative clause, the end
        of that relative clause's antecedent (the interrupted clause holds it); else None."""
        if lo < 3 or self.toks[lo - 1].low != ",":
            return None
        return self._relative(self._clause_start(lo - 1))

    def _past_persons(self, end: int) -> int:
        """Past the persons outside the actor table that a list of actors goes on with (»En
        læge, tandlæge, apoteker eller behandlerfarmaceut, der …«)."""
        while end + 1 < self.n and self.toks[end].low in (",", "og", "eller"):
            word = self.toks[end + 1].low
            if PERSON_NOUN.fullmatch(word):
                end += 2
            elif self.toks[end].low != "," and word.isalpha() and end + 2 < self.n \
                    and self.toks[end + 2].low in (",", *MODALS):
                return end + 2      # the list's last noun
            else:
                break
        return end

    def _subject_before_relative(self, lo: int) -> tuple[list[str], int] | None:
        """The subject of a clause interrupted by a relative clause: "Kommunalbestyrelsen i den
        kommune, som er ansvarlig for ..., kan yde befordring" (the cue's clause starts after
        the comma that closes the relative clause)."""
        ant = self._interrupting_antecedent(lo)
        if ant is None:
            return None
        return self._subject_left(self._clause_start(ant + 1), ant + 1)

    def _opening_subject(self, lo: int) -> tuple[str, list[str]] | None:
        """When the clause at ``lo`` has no subject of its own and resumes a sentence that opens
        with a noun followed by a relative clause ("§ 57 e. Praktiserende tandlæger, der ønsker
        at yde …, hvortil …, skal meddele …", "En sundhedsperson, der … bliver opmærksom på …,
        skal rapportere …"), that noun is its subject: ("actor", keys) or ("other", [])."""
        if lo == 0 or self.toks[lo - 1].low != ",":
            return None
        k = label_end(self.toks)
        if k < self.n and self.toks[k].low in ("en", "et", "den", "det", "de"):
            k += 1
        if k in self.ment_start:
            keys, end = self._group(k)
            end = self._past_persons(end)
            if end < self.n - 1 and self.toks[end].low == "," and self.toks[end + 1].low in ("der", "som") and end < lo:
                return "actor", keys
            return None
        head = k
        if k + 2 in self.ment_start and self.toks[k + 1].low in ("eller", "og"):
            k += 2          # »Den myndighed eller sundhedsperson, der …, er forpligtet til …«: the actor of the two
            keys, end = self._group(k)
            if end < min(lo, self.n - 1) and self.toks[end].low == "," and self.toks[end + 1].low in ("der", "som"):
                return "actor", keys
            return None
        # a noun phrase, perhaps a list ("Sygehusenheder, klinikker, … og andre behandlingssteder, hvor …")
        while k < min(lo, self.n - 1) and k - head < 16 and k not in self.in_mention and self.toks[k].low not in MODALS \
                and (self.toks[k].low.isalnum() or self.toks[k].low == "," or _PART_OF_COMPOUND.fullmatch(self.toks[k].low)):
            # (a number belongs to the phrase: »Personer mellem 50 og 69 år, der …, har ret til …«)
            if self.toks[k].low == "," and self.toks[k + 1].low in ("der", "som", "hvor"):
                return ("other", []) if k > head else None
            k += 1
        return None

    def _explicit_nonactor_subject(self, lo: int, i: int) -> bool:
        """A noun subject that is no actor ("Programmet skal ...", "Samtidig skal programmet ...",
        ", og den samlede tilbageholdelsesperiode må ikke ...")."""
        if self.toks[i].low in ("skal", "bør") and self._expletive_after(i):
            return False    # »I den forbindelse bør der være …«: an expletive subject, no one named
        toks = [t for t in self.toks[lo:i] if t.low not in ADVERBS and t.low not in DETERMINERS]
        while toks and toks[0].low in ("og", "men", "eller", "samt"):
            toks = toks[1:]
        # a provision's own label before its first sentence ("§ 14 l. Et kommunalt medlem skal …")
        if lo == 0 and len(toks) > 1 and toks[0].low in ("§", "stk."):
            toks = toks[1:]
            while len(toks) > 1 and is_label_token(toks[0].low):    # "14", "l."
                toks = toks[1:]
        if toks and toks[0].low not in ("det", "der", "dette", "man", "hvilket") and toks[0].low not in PREPOSITIONS \
                and not is_label_or_list_marker(toks[0].low):
            return True
        if len(toks) >= 2 and toks[0].low.isdigit() and toks[1].text.isalpha() and toks[1].text.islower() \
                and lo not in self.in_mention and (lo + 1) not in self.ment_start:
            return True     # a count, not a label: "5 nye sundhedsaftaler skal sikre …"
        k = i + 1
        while k < self.n and self.toks[k].low in ADVERBS:
            k += 1
        if k < self.n and k not in self.in_mention and self.toks[k].low in DETERMINERS | {"programmet", "planen"}:
            return True
        # an inverted definite noun ("kan indgrebet dog foretages", "skal dette fremgå"): no
        # actor, and no bearer to carry from the sentence before
        w = self.toks[k].low if k < self.n else ""
        if k + 1 < self.n and (k not in self.in_mention or w.endswith("s")) and (k + 1) not in self.in_mention and w.isalpha() \
                and w.endswith(("ens", "ets", "ernes")) and self.toks[k + 1].low.isalpha() \
                and self.toks[k + 1].low not in PREPOSITIONS:
            return True     # an inverted genitive subject: "skal forældremyndighedens indehaver samtykke"
        return k < self.n and k not in self.in_mention and (w in ("dette", "disse") or (
            w.isalpha() and len(w) > 4 and w.endswith(("et", "en", "ene", "erne")) and not is_present_verb(self.toks[k])
            and w not in ADVERBS and w not in PREPOSITIONS and w not in ("sammen", "eventuelt", "herefter", "derefter",
                                                                           "omgående", "snarest")))

    # --- cues ------------------------------------------------------------------------------
