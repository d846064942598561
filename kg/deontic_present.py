"""The normative present tense of legislation and agreements: »Regionsrådet indsender
sundhedsaftalen …« is a duty as much as »skal indsende«, in the order the sentence puts it
(subject first, inverted after a fronted phrase, or a passive with its agent). The rules are
described in ``kg.deontic``'s docstring; ``SentenceAnalyser`` reads the modal cues on top."""

from __future__ import annotations

import re

from aftalegraf.model import LEGISLATION_TYPES

from .actors import COMMITTEE_ANAPHOR
from .deontic_statement import StatementClauses
from .deontic_words import (
    ADVERBS,
    ARTICLES,
    CLAUSE_OPENERS,
    DEPONENTS,
    DESCRIPTIVE,
    DETERMINERS,
    ENACTING,
    MODALS,
    PERSON_NOUN,
    PREPOSITIONS,
    PRESENT_TYPES_EXCLUDED,
    Statement,
    is_label_or_list_marker,
    is_passive_verb,
    is_present_verb,
)


class PresentTense(StatementClauses):
    """The statements a sentence makes in the present tense, without a modal."""

    def _sentence_end(self) -> int:
        return self.toks[-1].end

    def _co_bearers(self, k: int) -> list[str]:
        """Actors who share the duty: "Regionsrådet nedsætter sammen med kommunalbestyrelserne …",
        "skal i samarbejde med kommunalbestyrelserne udarbejde …" (right after the modal or verb,
        or after the verb that follows the modal)."""
        toks = self.toks
        for _ in range(2):
            while k < self.n and toks[k].low in ADVERBS and toks[k].low not in ("i", "sammen"):
                k += 1
            words = [t.low for t in toks[k:k + 3]]
            if words[:2] == ["sammen", "med"]:
                m = k + 2
            elif words == ["i", "samarbejde", "med"]:
                m = k + 3
            else:
                k += 1          # the verb after the modal: "skal udarbejde i samarbejde med …"
                continue
            while m < self.n and toks[m].low in DETERMINERS:
                m += 1
            return self._group(m)[0] if m in self.ment_start else []
        return []

    def _enters_agreement(self, v: int) -> bool:
        """"indgår" is descriptive ("X indgår i Y"), except with an agreement as its object:
        "Regionsrådet og kommunalbestyrelserne i regionen indgår en sundhedsaftale"."""
        if self.toks[v].low != "indgår" or v + 1 >= self.n:
            return False
        k = v + 1
        if self.toks[k].low in ("en", "et", "fælles", "årligt", "hvert"):
            k += 1
        return k < self.n and bool(re.search(r"aftale(?:n|r|rne)?$", self.toks[k].low))

    def _after_fronted_phrase(self, k: int, cue_tokens: set[int]) -> int | None:
        """The verb after a fronted prepositional phrase, when an actor follows it (»I kommuner med
        under 80.000 indbyggere fastsætter kommunalbestyrelsen …«); None at a clause's end first.
        The phrase may hold a range or a relative clause between commas (»I kommuner med mindst
        80.000 indbyggere, men under 300.000 indbyggere, der styres efter reglerne i § 64 …,
        fastsætter kommunalbestyrelsen …«): then the verb must follow the comma that closes it."""
        inserted = False
        for v in range(k + 1, min(k + 40, self.n - 1)):
            w = self.toks[v].low
            if self._citation_comma(v):
                continue    # a citation's commas (»Efter § 32, stk. 1, i overgangsloven nedsætter …«)
            if w in (";", ":", "at"):
                return None
            if w in MODALS or v in cue_tokens:
                if not inserted or self.toks[v - 1].low == ",":
                    return None
                continue    # the relative clause's own (»For lønmodtagere, der har ret til …, oplyser …«)
            if w in (",", "der", "som"):
                inserted = True
                continue
            if (self._inverted_subject(v + 1) is not None or self._inverted_person(v + 1)) \
                    and is_present_verb(self.toks[v]) and (not inserted or self.toks[v - 1].low == ","):
                return v
            if not inserted and v >= k + 15:
                return None
        return None

    def _inverted_person(self, k: int) -> str:
        """A person or body outside the actor table right after an inverted verb in legislation
        (»…, oplyser arbejdsgiver den aftalte løn …«): its words, or ""."""
        if self.ctx.doc_type not in LEGISLATION_TYPES or k >= self.n or k in self.in_mention or not (
                self.toks[k].low in DETERMINERS or PERSON_NOUN.fullmatch(self.toks[k].low)):
            return ""
        return self._person_words(range(k, min(k + 4, self.n)))

    def _acting_passive(self, verb: int) -> bool:
        """A passive verb that can state someone's act: not descriptive (»… dækkes af …«) nor
        enacting (»§ 5 affattes således«); »udpeges/vælges« only with »af« someone (»… udpeges af
        regionsrådet«: an appointment; »Formanden vælges blandt …« says how a body is composed)."""
        toks, w = self.toks, self.toks[verb].low
        if not is_passive_verb(toks[verb]) or w in ENACTING:
            return False
        return w not in DESCRIPTIVE or (w in ("udpeges", "vælges") and verb + 2 < self.n
                                        and toks[verb + 1].low == "af" and toks[verb + 2].low != "og")

    def _passive_statement(self, verb: int, start: int, agent: list[str]) -> Statement:
        """The normative present of a passive verb with its agent: the agent's duty; an agent
        that is no actor is named (»træffes af behandlingsinstitutionens leder«)."""
        return Statement(agent, "obligation", "present", self.toks[verb].start, self._sentence_end(),
                         self.toks[start].start, passive=True, anchor=verb,
                         named="" if agent else self._named_agent(verb + 1, self.n))

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
            while k < self.n and is_label_or_list_marker(toks[k].low):
                k += 1
            if k >= self.n:
                continue
            identified = k + 1 < self.n and toks[k].low in ("den", "de") and k + 1 in self.ment_start
            k += identified     # »Den sundhedsperson, der er ansvarlig for …, afgør …«: the one meant
            if k in self.ment_start and not self._genitive(k):
                keys, end = self._group(k)
                v = self._past_complement(end)
                v = self._after_relative(v) if identified else v
                while v < self.n and toks[v].low in ("selv", "også", "løbende", "endvidere", "herefter", "desuden",
                                                      "fortsat", "samtidig", "derudover", "tillige", "ligeledes",
                                                      "straks", "hvert", "årligt"):
                    v += 1
                if v < self.n and v not in cue_tokens and (is_present_verb(toks[v]) or (
                        toks[v].low in DEPONENTS) or self._enters_agreement(v)) and v not in taken:
                    keys = keys + [b for b in self._co_bearers(v + 1) if b not in keys]
                    out.append(Statement(keys, "obligation", "present", toks[v].start, self._sentence_end(),
                                         toks[k].start, anchor=v))
                elif v < self.n and v not in cue_tokens and v not in taken and self.ctx.doc_type in LEGISLATION_TYPES \
                        and self._acting_passive(v):
                    # »Stedfortrædere … udpeges af den gruppe inden for regionsrådet, …«: the agent acts;
                    # without an agent the persons or bodies named are those acted upon, no one's duty
                    agent = self._agent(v, self.n)
                    if agent is not None:
                        out.append(self._passive_statement(v, k, agent))
                continue
            committee = self.ctx.subject_committee or self.ctx.last_committee
            if committee and COMMITTEE_ANAPHOR.fullmatch(toks[k].low):
                # »§ 5. Udvalget udarbejder … en praksisplan« (the committee of § 1)
                v = k + 1
                while v < self.n and toks[v].low in ADVERBS:
                    v += 1
                if v < self.n and v not in cue_tokens and v not in taken and is_present_verb(toks[v]):
                    out.append(Statement([committee], "obligation", "present", toks[v].start,
                                         self._sentence_end(), toks[k].start, carried=True, anchor=v,
                                         anaphor=True))
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
            elif toks[k].low in PREPOSITIONS and self.ctx.doc_type in LEGISLATION_TYPES:
                v = self._after_fronted_phrase(k, cue_tokens)
            else:
                v = None
            subject = self._inverted_subject(v + 1) if v is not None and v + 1 < self.n else None
            if subject is not None and is_present_verb(toks[v]) and not self._genitive(subject) and v not in taken:
                keys, end = self._group(subject)
                out.append(Statement(keys, "obligation", "present", toks[v].start, self._sentence_end(),
                                     toks[v].start, anchor=v))
            elif v is not None and v + 1 < self.n and v not in taken and is_present_verb(toks[v]) \
                    and (person := self._inverted_person(v + 1)):
                out.append(Statement([], "obligation", "present", toks[v].start, self._sentence_end(),
                                     toks[v].start, anchor=v, named=person))
            elif v is not None and v < self.n and v not in taken and v not in cue_tokens \
                    and self.ctx.doc_type in LEGISLATION_TYPES and self._acting_passive(v) \
                    and (agent := self._agent(v, self.n)):
                # »Hvis der ikke kan udpeges nogen handlekommune …, behandles sagen af den kommune, …«
                out.append(self._passive_statement(v, v, agent))
            # passive present in legislation: "Ændringer af aftalen indsendes til Sundhedsstyrelsen"
            if self.ctx.doc_type in LEGISLATION_TYPES and not done and not out and toks[k].low not in CLAUSE_OPENERS \
                    and not self._verb_first(k) \
                    and toks[k].low not in ("at",) \
                    and toks[k].low not in ("hvor", "samtidig", "dog", "såfremt") \
                    and toks[k].low not in ("formandskabet", "formandskab"):
                # (»Formandskabet … varetages af en formand, som vælges …« says who holds the chair:
                # the body's composition, no one's duty)
                for p in range(k + 1, min(k + 8, self.n)):
                    if p in cue_tokens or toks[p].low in (",", "der", "som") or toks[p].low in MODALS:
                        break       # "Fristen ... kan fraviges": the modal rules decide, not this one
                    if p in self.in_mention or toks[p - 1].low in ARTICLES:
                        continue    # "En kommunes ...": a genitive after an article, not a verb
                    if self._acting_passive(p) and p - 1 >= 0 and toks[p - 1].low not in PREPOSITIONS:
                        agent = self._agent(p, self.n)
                        if agent is not None:
                            out.append(self._passive_statement(p, k, agent))
                        else:
                            ctxb = self._context_bearers_for_passive(p)
                            out.append(Statement(list(ctxb), "obligation", "present", toks[p].start,
                                                 self._sentence_end(), toks[k].start, carried=bool(ctxb),
                                                 passive=True, anchor=p))
                        break
        return out
