"""Deontic statements in Danish legal and guidance text: who must/should/may/must not do what.

Rule based, over spaCy tokens (``kg.nlp``) and the actor mentions of ``kg.actors``.

Cues and modalities
- obligation: "skal", "er forpligtet til", "forpligter sig til", "påhviler", "er ansvarlig for",
  "har ansvaret for", "sørger for", and the normative present tense ("Regionsrådet indsender
  sundhedsaftalen ...": an actor subject at the start of a main clause followed by a
  present-tense verb) in legislation, guidance and agreements (not in news or web pages);
  a passive present ("Ændringer indsendes til Sundhedsstyrelsen", "Stedfortrædere … udpeges af
  den gruppe …") and a person after an inverted verb ("…, oplyser arbejdsgiver …") in
  legislation (``kg.deontic_present``).
- recommendation: "bør", "det anbefales (, at X ...)", "anbefaler, at", "det er/vil være
  hensigtsmæssigt, at", "opfordres til"; a modal inside the recommended at-clause is folded
  into the recommendation ("Det anbefales, at klyngerne skal ..." is one recommendation).
- permission: "kan", "må", "har mulighed for", "kan vælge", "er berettiget til", "har ret til", "har adgang til".
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
   with no context at all an obligation or a recommendation is kept with ``bearers=[]`` and an
   empty label ("I den forbindelse bør der være fokus på …"), and a permission is dropped (a
   bare "kan" without an actor is mostly not a permission: "planen kan fremme sammenhæng").
"""

from __future__ import annotations

import re

from aftalegraf.model import LEGISLATION_TYPES

from .actors import COMMITTEE_ANAPHOR
from .deontic_present import PresentTense
from .deontic_words import (
    ADVERBS,
    AGREEMENT_NOUNS,
    DESCRIBING_TYPES,
    DESCRIPTIVE,
    DETERMINERS,
    EVENT_VERBS,
    MODALS,
    NON_NORMATIVE_AFTER_MODAL,
    PERSON_NOUN,
    PRESENT_MODALS,
    PRESENT_TYPES_EXCLUDED,
    PRONOUNS,
    QUALIFICATIONS,
    REC_FRAME,
    SAYING,
    Statement,
    is_passive_verb,
    is_present_verb,
)


class SentenceAnalyser(PresentTense):
    """The deontic statements of one sentence (``analyse()``), read with the rules above."""

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
            if w in PRESENT_MODALS:
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
                reach = 4 if k < n and toks[k].low in ("en", "et") else 2    # »kan et kommunalt medlem ikke …«
                for kk in range(k, min(k + reach, n)):
                    if toks[kk].low == "ikke":
                        neg_at = kk
                        break
                # modal followed by "kunne" ("skal kunne") keeps the first modal
                verb, verb_at = None, n
                for kk in range(i + 1, min(i + 6, n)):
                    if toks[kk].low in ADVERBS or kk in self.in_mention or toks[kk].low in ("kunne", "der", "man"):
                        continue
                    verb, verb_at = toks[kk].low, kk
                    break
                if self._modal_then_have_right(i):
                    i += 1          # "skal (i forbindelse med høringen) have mulighed for": the permission
                    continue        # cue below decides
                if self._conditional(i):
                    i += 1          # "Hvis sundhedsaftalen skal revideres, ...": a condition
                    continue
                if nxt in ("du", "jeg") or (i + 1 < n and toks[i + 1].text == "I" and i > 0):
                    i += 1          # "Her kan du læse ...": the reader addressed, no actor's permission
                    continue
                incompatible = neg_at is not None and self._incompatible_office(neg_at)
                if w in ("kan", "må") and nxt != "vælge" and any(t.low in ("være", "blive") for t in toks[i + 1:min(i + 9, n)]
                                             if t.low not in (",",)) and not any(
                        t.low in ("berettiget", "berettigede") for t in toks[i + 1:min(i + 11, n)]) \
                        and not incompatible and not (w == "må" and neg_at is not None):
                    i += 1          # "kan ... være knyttet til": a possibility, not a permission (but »må
                    continue        # ikke … drive eller være knyttet til …« forbids)
                if verb in NON_NORMATIVE_AFTER_MODAL and w in ("kan", "må") and not incompatible and not (
                        verb in ("give", "gøre", "træde") and self._subject_left(self._clause_start(i), i)) and not (
                        verb == "give" and any(t.low in ("samtykke", "tilladelse") for t in toks[verb_at + 1:verb_at + 4])):
                    # "kan give anledning til" is a possibility; "Sundhedsstyrelsen kan ikke give en
                    # forhåndsgodkendelse" (an actor subject) and "kan selv give informeret samtykke" are acts
                    i += 1
                    continue
                if verb in ("ses", "forstås", "betragtes", "læses", "nævnes", "tænkes", "være", "bestå") and w in ("skal", "bør") \
                        and not (verb == "være" and (self._vaere_passive(i) is not None or self._in_hands(verb_at)
                                                     or self._existential(i))):
                    i += 1          # "skal ses som", "skal være opmærksom på" (but "skal være godkendt af X" is X's),
                    # "skal bestå af": what something is made of
                    continue
                if w in ("skal", "bør") and (verb in DETERMINERS or PERSON_NOUN.fullmatch(verb)) \
                        and self._inverted_subject_then_vaere(i):
                    i += 1          # "skal de kommunale medlemmer, der …, være magistratsmedlemmer", "skal
                    continue        # medlemmet være formanden for …": who may be chosen, no duty of theirs
                if w == "skal" and self._future_after_perfect(i):
                    i += 1          # "som ikke tidligere har deltaget i eller skal deltage i behandlingen": tense
                    continue
                if w == "kan" and i + 2 < n and toks[i + 1].low == "og" and toks[i + 2].low == "skal":
                    i += 1          # "kan og skal efter anmodning videregive": a duty, the »skal« decides
                    continue
                if w == "skal" and verb == "have" and any(t.low in QUALIFICATIONS for t in toks[i + 2:min(i + 6, n)]):
                    i += 1          # "Både opmand, suppleant og voldgiftsmænd skal have økonomisk indsigt":
                    continue        # who may be appointed, no duty of theirs
                if w == "må" and verb in ("forventes", "antages", "formodes"):
                    i += 1
                    continue
                if w == "bør":
                    out.append((i, i + 1, "recommendation", "bør"))
                elif neg_at is not None and w == "skal" and neg_at + 1 < n and is_passive_verb(toks[neg_at + 1]):
                    pass            # "De aftaler … skal ikke godkendes af Sundhedsstyrelsen": no approval is
                    # needed — an exemption, not a prohibition to approve
                elif neg_at is not None and w in ("skal", "kan", "må"):
                    out.append((i, i + 1, "prohibition", f"{w} ikke"))
                elif w == "skal":
                    out.append((i, i + 1, "obligation", "skal"))
                else:
                    if w == "kan" and nxt == "vælge":
                        out.append((i, i + 2, "permission", "kan vælge"))
                        i += 2
                        continue
                    if w == "kan" and (nxt == "hensigtsmæssigt" or (nxt == "med" and nxt2 == "fordel")
                                       or self._advice_past_subject(i)):
                        # guidance's advice: "kan hensigtsmæssigt inddrages", "kan med fordel …"
                        out.append((i, i + 1, "recommendation", "kan med fordel" if nxt == "med" else "kan hensigtsmæssigt"))
                        i += 1
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
                if not self._identifying_relative(i):
                    out.append((i, i + 3, "obligation", "er ansvarlig for"))
                i += 3
                continue
            elif w == "er" and i + 1 in self.ment_start and self.ment_start[i + 1][0] + 1 < n and \
                    toks[self.ment_start[i + 1][0]].low in ("ansvarlig", "ansvarlige") and \
                    toks[self.ment_start[i + 1][0] + 1].low == "for":
                # inverted after a fronted phrase: "I henhold til § 22 er udvalget ansvarlig for, at …"
                out.append((i, i + 1, "obligation", "er ansvarlig for"))
            elif w in ("har", "have") and nxt in ("ansvaret", "ansvar") and nxt2 in ("for", "at"):
                if not self._identifying_relative(i):
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
            elif w in ("har", "have") and (m := i + 1 + (nxt in ADVERBS or nxt.endswith("vis"))) + 1 < n \
                    and toks[m].low in ("mulighed", "mulighederne", "muligheden") and toks[m + 1].low in ("for", "til"):
                out.append((i, m + 2, "permission", "har mulighed for"))     # also »har undtagelsesvis mulighed for«
                i = m + 2
                continue
            elif w in ("er", "være") and nxt in ("berettiget", "berettigede") and nxt2 == "til":
                out.append((i, i + 3, "permission", "er berettiget til"))
                i += 3
                continue
            elif w in ("har", "have") and (end := self._right_past_words(i)):
                out.append((i, end, "permission", f"har {toks[end - 2].low} til"))   # also »har på anmodning ret til«
                i = end
                continue
            elif w in ("har", "have") and nxt == "til" and nxt2 == "opgave":
                # not "har til formål at understøtte …": what a committee or the agreement is for
                # (a purpose), no duty
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
        out.extend(self._relative_present_with_deadline({s.anchor for s in out}))
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
                a.action_end = self._clause_boundary_before(a.action_start, b.start)
        return out

    def _existential(self, modal: int) -> bool:
        """»I den forbindelse bør der være fokus på …«, »Der skal være en klar ansvarsfordeling«: what
        there must be is required of those the text addresses (the relative »…, der skal være …«
        is not: the expletive »der« follows the modal or opens the sentence)."""
        return self._expletive_after(modal) or (modal > 0 and self._opening_expletive(modal - 1))

    def _reported_speech(self) -> bool:
        """A quotation: the sentence holds a verb of saying after a comma or a quotation mark."""
        words = [t.low for t in self.toks]
        return any(w in ('"', "”", "“", "»", "«") for w in words) or any(
            a in (",", '"', "”") and b in SAYING for a, b in zip(words, words[1:]))

    def _statement(self, i: int, j: int, modality: str, cue: str, done: list[Statement]) -> Statement | None:
        toks = self.toks
        lo = self._clause_start(i)
        if not self._states_duty(i, lo, done):
            return None
        if self.ctx.doc_type == "nyhed" and self._reported_speech():
            return None     # '"… skal nu bruges til …", siger Tanja Popp': quoted in a news item
        if 0 < lo < i and toks[lo - 1].low == "," and self._opener(lo) is None and j + 1 < self.n \
                and toks[j + 1].low in (".", ";") and toks[j].low.isalpha() and not is_passive_verb(toks[j]):
            return None     # "regler om de indsatsområder, sundhedsaftalerne skal omfatte.": a relative without "som"
        bearers: list[str] | None = None
        carried = passive = False
        named, anaphor, pronoun = "", False, False
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
        opening = self._opening_subject(lo) if bearers is None and lo == i else None
        if opening is not None and opening[0] == "actor":
            bearers = opening[1]
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
                carried, named = done[-1].carried, done[-1].named    # »Patientkontorerne kan … og skal …«
                passive = False
        if bearers is None:
            r = self._subject_right(i) or self._demonstrative_subject(i)
            if r:
                bearers, s, e = r
                action_from = max(e, j)     # »har denne kommune ret til …«: the subject inside the cue
        if bearers is None and self._we_subject(lo, i):
            if self.ctx.doc_type in PRESENT_TYPES_EXCLUDED:
                return None     # "Vi skal anmode om ..." in a hearing letter: the sender writing, no duty
            bearers = ["parterne"]          # "vi" in an agreement: its parties
        if bearers is None:
            p = self._pronoun_subject(lo, i)
            committee = self.ctx.subject_committee or self.ctx.last_committee
            if p == "committee" and committee:
                bearers, carried, anaphor = [committee], True, True
                if action_from < self.n and COMMITTEE_ANAPHOR.fullmatch(toks[action_from].low):
                    action_from += 1        # past the anaphor inverted after the modal (»Desuden kan udvalget …«)
            elif p == "pronoun" and self.ctx.prev_bearers:
                bearers, carried, pronoun = list(self.ctx.prev_bearers), True, True
        sent_end = self.n
        pv = self._passive_after(i, sent_end)
        if pv is None:
            pv = self._vaere_passive(i)
        if pv is None and bearers is None:
            k = i + 1
            # "skal der ske en høring", "skal det ske", "skal denne foreligge" (the relatives' consent)
            expletive = k < self.n and toks[k].low in ("der", "det", "denne", "dette", "disse")
            k += expletive
            while k < self.n and toks[k].low in ADVERBS:
                k += 1
            if k < self.n and toks[k].low in EVENT_VERBS \
                    and (expletive or self._event_subject(lo, i)):
                passive = True      # an event or a state: no one's act is named
        if pv is not None:
            agent = self._agent(pv, sent_end, frm=i + 1)
            if agent is None and any(t.low == "," for t in toks[i + 1:pv]):
                agent = self._agent(pv, sent_end)   # past an inverted subject's relative clause
            if agent is not None:
                bearers, carried, passive = agent, False, True
                if not agent:
                    named = self._named_agent(i + 1, sent_end)   # "kan samtykket gives af værgen"
            else:
                passive = True
                if bearers is not None and (not carried or anaphor or pronoun):
                    # the actor before a passive modal is its object ("Regionsrådet skal høres",
                    # "Udvalget skal inddrages", "De skal indsendes")
                    bearers, carried, anaphor = None, False, False
        if bearers is None and self._agreement_subject(lo, i):
            if not passive and modality in ("obligation", "recommendation") and self._purpose_verb(i):
                return None    # "Sundhedsaftalen skal bidrage til / understøtte …": a purpose, no duty
            bearers = ["parterne"]
        relative_nonactor = bearers is None and lo > 0 and toks[lo - 1].low in ("der", "som") and (
            lo - 2 < 0 or (lo - 2) not in self.in_mention and not (toks[lo - 2].low == "," and (lo - 3) in self.in_mention))
        # a sentence opening with the expletive »Der skal/bør …« names no one either, and the actor in
        # context is no more its bearer than a relative clause's: »Der skal desuden lægges vægt på …«
        expletive = self._opening_expletive(lo)
        if bearers is None and passive and pv is None and modality != "permission" and self.ctx.prev_bearers \
                and self._stem_of_event_subject() in self.ctx.prev_words - {""}:
            # »§ 5. Regionsrådet indsender sundhedsaftalen … § 6. Indsendelsen … skal ske senest …«:
            # the act the previous duty named, its deadline in the next paragraph
            bearers, carried = list(self.ctx.prev_bearers), True
        if bearers is None and passive and lo > 0:
            cond = self._condition_actor(lo, pv if pv is not None else i + 1)
            if cond:
                bearers, carried = cond, True
        if bearers is None and passive and not relative_nonactor and not expletive \
                and (not self._explicit_nonactor_subject(lo, i)
                     or (modality != "permission" and self._subject_named_before(lo, i))) \
                and (self.ctx.prev_bearers or self.ctx.heading_bearers):
            if modality == "permission" and toks[lo].low == "det":
                return None     # "Det kan til orientering oplyses, at …": the writer informing
            if modality == "permission":
                # "Genetiske oplysninger … kan videregives til en forsker": what may be done, by
                # whoever the rules allow — the actor of the sentence before is a guess
                bearers = []
            else:
                # agentless passive in a main clause: the duty stays with the actor in context
                # when it goes on about the same thing (_context_bearers_for_passive)
                bearers = self._context_bearers_for_passive(pv)
                carried = bool(bearers)
        if bearers is None and cue in ("har til opgave", "opgaverne for"):
            return None
        if bearers is None and relative_nonactor and not passive:
            return None    # "den, der skal fremsætte anmodning": a description, no bearer to name
        if bearers is None and not passive and modality in ("obligation", "recommendation") \
                and self._beneficiary_subject(lo, i):
            return None    # "Borgerne skal opleve …": what the text wants for people, a goal
            # ("Pårørende skal inddrages" stays: a passive duty towards them)
        # »må indgrebet kun foretages, såfremt …«, »må forskning kun ske, såfremt …«, »Obduktion må først
        # foretages, når …«: a law's restriction of what may be done, whoever does it — a rule, unlike
        # an open »kan … gives«
        only = next((k for k in range(i + 1, min(i + 3, self.n)) if toks[k].low in ("kun", "først", "tidligst")), None)
        restricted = only is not None and modality == "permission" and self.ctx.doc_type not in DESCRIBING_TYPES \
            and (passive or (only + 1 < self.n and toks[only + 1].low in ("ske", "finde")))
        if bearers is None and restricted:
            bearers = []
        if bearers is None and (relative_nonactor or expletive or self._explicit_nonactor_subject(lo, i)
                                or (not passive and opening is not None)):
            if not passive and self._programme_subject(lo, i):
                return None     # "Programmet … skal tilvejebringe …", "Samtidig skal programmet sikre …": what it is for
            if not passive and self.ctx.doc_type in DESCRIBING_TYPES:
                # "5 nye sundhedsaftaler skal sikre …" (news), "Regionens faglige ekspertise skal
                # komme … til gode" (an agreement): what a thing is for, no one's duty
                return None
            # a right's holder may be the people a text is for (»…, har borgeren ret til …«); one who
            # »kan … få« may be »en gravid« (»kan en gravid uden tilladelse få reduceret …«)
            receives = cue == "kan" and any(t.low == "få" for t in toks[i + 1:min(i + 7, self.n)])
            named = "" if passive else self._named_person(lo, i, opening, right=cue in ("har ret til", "har adgang til"),
                                                          receives=receives)
            if modality in ("obligation", "prohibition") or named or (
                    modality == "recommendation" and not self._clause_chain(i) and not self._purpose_verb(i)):
                # (»Endelig bør brugerperspektivet indgå i …«: advice naming no one; not inside an
                # at-clause — »Angiver genoptræningsplanen, at genoptræningen … bør opstartes …« —
                # and not what a thing is for, »aftalen bør derfor understøtte …«)
                bearers = []
            else:
                return None
        if bearers is None:
            if modality == "permission":
                return None
            ctxb = self.ctx.prev_bearers or self.ctx.heading_bearers
            if ctxb and not self._fronted_condition_actor(lo):
                # (after a condition about an actor's act, »Henlægger ministeren beføjelsen til en
                # anden myndighed, skal gennemførelse af … ske …«, the actor in context is a guess)
                bearers, carried = list(ctxb), True
            elif modality in ("obligation", "prohibition", "recommendation"):
                bearers = []
            else:
                return None
        if bearers == ["parterne"] and self.ctx.doc_type in LEGISLATION_TYPES and not self._about_health_agreement():
            # "Parterne kan aftale … gebyr" (an overenskomst), "underskrives af begge parter" (a biobank
            # agreement): parties, but not the health agreement's councils
            bearers, named = [], self._person_words(range(lo, i)) or "parterne"
        # action: after the cue (and an inverted subject), "ikke" dropped
        k = action_from
        if k == i + 1 and k < self.n and toks[k].low == "der":
            k += 1      # the expletive: "skal der ske en høring" -> "ske en høring"
        while k < self.n and toks[k].low in ("ikke", ","):     # »skal, jf. § 206 a, …«: no comma first
            k += 1
        a_start = toks[k].start if k < self.n else toks[j - 1].end
        if bearers and not passive:
            bearers = bearers + [b for b in self._co_bearers(j) if b not in bearers]
        return Statement(bearers, modality, cue, a_start, self._relative_clause_end(lo, k), subj_start,
                         carried, passive, anchor=i, named=named if not bearers else "",
                         anaphor=anaphor and carried)

    def _relative_clause_end(self, lo: int, k: int) -> int:
        """Where the action of a statement in a relative clause ends: at the comma after which
        the main clause goes on with its verb (»Patientinddragelsesudvalgene, som … skal inddrages
        i sundhedssamarbejdsudvalgenes drøftelser, indgår ligeledes i …«); else the sentence's end."""
        if lo > 0 and self.toks[lo - 1].low in ("som", "der") and lo - 2 >= 0 and self.toks[lo - 2].low == ",":
            for c in range(k, self.n - 1):
                after = self.toks[c + 1]
                if self.toks[c].low == "," and after.low not in ADVERBS and (
                        is_present_verb(after) or after.low in DESCRIPTIVE or after.low in MODALS or after.low in ("er", "har")):
                    return self.toks[c - 1].end
        return self._sentence_end()

    def _about_health_agreement(self) -> bool:
        return any("sundhedsaftal" in t.low for t in self.toks)

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
            elif kk < self.n and COMMITTEE_ANAPHOR.fullmatch(self.toks[kk].low) and (
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
