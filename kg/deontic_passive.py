"""Passives for the deontic reader: the passive verb a modal governs and its »af X« agent."""

from __future__ import annotations

import re

from .deontic_clauses import ClauseReader
from .deontic_words import (
    ADVERBS,
    CLAUSE_OPENERS,
    DEPONENTS,
    DETERMINERS,
    NOMINALISATION,
    PREPOSITIONS,
    attributive_before,
    is_passive_verb,
    is_short_passive,
    om_adverbial,
)

# the word before an »af« that makes it no agent's: »på tværs af«, »som følge af«, »organisationer af
# sundhedspersoner« (whose, not by whom)
_NOT_BY = {"tværs", "vegne", "grund", "følge", "hjælp", "baggrund", "brug", "del", "med", "hver", "nogle", "ingen",
           "ud", "organisation", "organisationer", "organisationerne", "repræsentanter", "medlemmer"}


class PassiveClauses(ClauseReader):
    """Which verb after a modal is passive (»skal godkendes«, »skal der udarbejdes …«) and who
    its agent is. ``StatementClauses`` builds on it."""

    def _passive_after(self, cue: int, end: int) -> int | None:
        """The passive infinitive governed by the modal ("skal godkendes", "skal mindst ét
        medlem udpeges"), within a few tokens and before any clause boundary."""
        k = cue + 1
        steps, limit = 0, 6
        expletive = relative = False
        if k + 2 < end and self.toks[k].low in ("den", "de") and self.toks[k + 1].low == "," \
                and self.toks[k + 2].low in ("som", "der"):
            # an inverted subject with its relative clause: "skal den, som indgrebet søges foretaget
            # på, forud for …, jf. § 108, tilbydes et samtaleforløb af kommunalbestyrelsen"
            k += 3
            while k < end and self.toks[k].low not in (",", ".", ";"):
                k += 1
            k, limit, relative = k + 1, 16, True
        # the expletive opening the sentence: »Der skal inden udgangen af januar 2015 være indgået
        # en ny sundhedsaftale« — a perfect passive, what must have been done by then
        opening_expletive = cue > 0 and self.toks[cue - 1].text == "Der"
        while k < end and steps < limit:
            t = self.toks[k]
            if (is_passive_verb(t) or is_short_passive(t)) and t.low not in ADVERBS and t.low not in DETERMINERS \
                    and t.low not in DEPONENTS and k not in self.in_mention:     # »en kommunalbestyrelses« is no verb
                return k
            if opening_expletive and t.low == "være" and k + 1 < end and self._participle(k + 1):
                return k + 1
            if expletive and t.low not in ADVERBS and t.low.isalpha() and len(t.low) >= 5 and t.low.endswith("s") \
                    and t.low not in DEPONENTS:
                return k        # after the expletive only a passive fits ("skal der lægges vægt på", "tages")
            if k == cue + 1 and self._expletive_after(cue):
                k += 1          # the expletive after the modal: "skal der udarbejdes en plan"
                expletive = True
                continue
            if t.low in ("inden", "før") and (after := self._time_phrase_end(k + 1, end)) is not None:
                k, steps = after, steps + 1     # »skal inden vedtagelsen forelægges …«: a time, no clause
                continue
            if t.low == "af" or self._som_foelge_af(k):
                # an agent before the verb ("skal af en læge vejledes"), or a complex preposition
                # that is no relative clause ("kan ikke som følge af rapporteringen underkastes"):
                # step over it
                k += 1 if t.low == "af" else 3
                while k < end and self.toks[k].low in DETERMINERS:
                    k += 1
                k = self.ment_start[k][0] if k in self.ment_start else k + 1
                steps += 1
                continue
            if k + 1 < end and om_adverbial(self.toks, k):
                k += 2          # "skal patienten om muligt tilbydes …": an adverbial, no »om«-clause
                continue
            if t.low in (";", ":") or (t.low == "," and not relative) or (t.low in CLAUSE_OPENERS - {"så"} and not (
                    relative and t.low in ("for", "om"))):
                break
            if (t.low.endswith("e") and t.lemma.lower() == t.low and t.low.isalpha()
                               and t.low not in DETERMINERS and t.low not in ADVERBS and k not in self.in_mention
                               and not t.text[:1].isupper() and t.low not in ("både", "alle", "hele", "mange")
                               and not NOMINALISATION.fullmatch(t.low)     # »kan tilladelse … kun gives«: a noun
                               and not attributive_before(self.toks, k, cue)):
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
        if k >= self.n or not self._participle(k):
            return None
        agent = self._agent(k, self.n)
        return k if agent else None

    def _participle(self, k: int) -> bool:
        """A past participle after »være« (»godkendt«, »indgået«): a lower-case word in -t."""
        t = self.toks[k]
        return t.low.isalpha() and t.low.endswith("t") and not t.text[:1].isupper() and k not in self.in_mention

    def _agent(self, verb: int, end: int, frm: int | None = None) -> list[str] | None:
        """Actors of the "af X" agent of a passive verb, searched from ``frm`` (default: after
        the verb); [] for an agent that is no actor, None for none."""
        k = verb + 1 if frm is None else frm
        while k < end:
            if self._introduces_agent(k):
                kk = k + 1
                while kk < end and (self.toks[kk].low in DETERMINERS or self.toks[kk].low in ("henholdsvis", "hhv.")):
                    kk += 1
                if kk not in self.ment_start and kk + 1 in self.ment_start and self.toks[kk].low.isalpha() \
                        and self.toks[kk].low not in PREPOSITIONS:
                    kk += 1         # an adjective before the actor: "af en sagkyndig læge"
                if kk in self.ment_start:
                    return self._group(kk, end, agent=True)[0]
                if kk < end and self.toks[kk].low in ("hensyn", "betydning", "praktiske", "samme"):
                    return None
                return []          # an agent that is no actor ("af regionsrådsformanden")
            if self.toks[k].low in (",", ";", ".") or (self.toks[k].low in CLAUSE_OPENERS and not self._som_foelge_af(k)):
                return None
            k += 1
        return None

    def _introduces_agent(self, k: int) -> bool:
        """Does »af« (»mellem«) at ``k`` introduce a passive's agent, not a complex preposition
        (»på tværs af«, »som følge af«), whose (»organisationer af sundhedspersoner«) or the object
        of a nominalised act (»inddrages i drøftelserne af behandlingen«)?"""
        return self.toks[k].low in ("af", "mellem", "imellem") and not (k > 0 and (
            self.toks[k - 1].low in _NOT_BY or (self.toks[k].low == "af" and NOMINALISATION.fullmatch(self.toks[k - 1].low))))

    def _time_phrase_end(self, k: int, end: int) -> int | None:
        """After »inden«/»før«: the end of a noun phrase naming an act (»vedtagelsen«, »den
        endelige vedtagelse«), or None when a clause follows (»inden den er vedtaget«)."""
        if k < end and self.toks[k].low in ("den", "det"):
            k += 1
            while k < end and self.toks[k].low.endswith("e") and not NOMINALISATION.fullmatch(self.toks[k].low) \
                    and self.toks[k].low.isalpha():
                k += 1      # adjectives: »den endelige«
        if k < end and NOMINALISATION.fullmatch(self.toks[k].low) or (
                k < end and re.fullmatch(r"[a-zæøå]{4,}(?:en|et)", self.toks[k].low) and self.toks[k].low not in ADVERBS
                and self.toks[k].low != self.toks[k].lemma.lower()):
            return k + 1
        return None

    def _som_foelge_af(self, k: int) -> bool:
        """»som følge af«: a complex preposition at ``k``, no relative clause."""
        return self.toks[k].low == "som" and k + 2 < self.n and self.toks[k + 1].low == "følge" \
            and self.toks[k + 2].low == "af"
