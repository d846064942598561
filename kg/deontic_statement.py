"""A statement's clause for the deontic reader: what its subject is (an agreement, an event,
»vi«, the people a duty is for, a thing the duty before made), qualifications that oblige no
one, conditions and their actors, the boundary between two coordinated duties, programme
subjects, the actor in context that an agentless passive goes on about, persons named outside
the actor table (»af ansøgeren, forældremyndighedens indehaver og værgen«), an actor's duty in
a relative clause with a deadline, and »skal« as a future tense."""

from __future__ import annotations

import re

from aftalegraf.model import LEGISLATION_TYPES

from .actors import BY_KEY, COMMITTEE_ANAPHOR
from .deontic_clauses import ACTOR_MODIFIERS
from .deontic_passive import PassiveClauses
from .deontic_words import (
    ADVERBS,
    AGREEMENT_NOUNS,
    DETERMINERS,
    INCOMPATIBLE_OFFICES,
    MODALS,
    NOMINALISATION,
    PERSON_NOUN,
    PREPOSITIONS,
    Statement,
    content_words,
    is_label_token,
    is_present_verb,
    label_end,
    same_object,
)
from .temporal import find_deadline

# what a programme, project or initiative "skal" do is what it is for, no one's duty
_PROGRAMME = re.compile(r"(?:[a-zæøå]*program|projekt|initiativ)(?:met|et|mer|merne|er|erne)?")

# the people the health services are for; as the subject of "skal" they state a goal
# (not the genitive: "Patientens ønsker skal … tillægges betydning" is about the wishes)
BENEFICIARIES = re.compile(r"(?:borger|patient|bruger)(?:en|e|ne|er|erne)?|pårørende|befolkning(?:en)?")


class StatementClauses(PassiveClauses):
    # --- past a subject's complements ---------------------------------------------------
    def _past_complement(self, v: int) -> int:
        """The token after a subject's complements: "i"/"for"/"på" + an actor mention
        (»Regionsrådet og kommunalbestyrelserne i regionen | indgår …«) and »med inddragelse af« +
        the actors it names (»Regionsrådet med inddragelse af kommunerne og almen praksis, herunder
        PLO, | udarbejder …«), skipped."""
        while v + 1 < self.n:
            if self.toks[v].low in ("i", "for", "på"):
                kk = v + 1
                while kk < self.n and self.toks[kk].low in DETERMINERS:
                    kk += 1
                if kk not in self.ment_start:
                    break
                v = self.ment_start[kk][0]
            elif self.toks[v].low == "med" and v + 3 < self.n and self.toks[v + 1].low == "inddragelse" \
                    and self.toks[v + 2].low == "af" and v + 3 in self.ment_start:
                v = self._past_actor_row(v + 3)
            else:
                break
        return v

    def _past_actor_row(self, k: int) -> int:
        """The token after a row of actor mentions (»kommunerne og almen praksis, herunder PLO,«)."""
        while k < self.n:
            w = self.toks[k].low
            if k in self.ment_start:
                k = self.ment_start[k][0]
            elif k + 1 < self.n and (w == "," or w in ("og", "eller", "samt", "herunder") and (
                    k + 1 in self.ment_start or self.toks[k + 1].low == "herunder")):
                k += 1          # a comma, or a conjunction before the next actor (or »herunder«)
            else:
                break
        return k

    def _after_relative(self, v: int) -> int:
        """Past a relative clause between commas after a subject (»…, der har ansvaret for X, | afgør«)."""
        if v + 1 < self.n and self.toks[v].low == "," and self.toks[v + 1].low in ("der", "som"):
            for k in range(v + 2, min(v + 30, self.n - 1)):
                if self.toks[k].low in (".", ";"):
                    break
                if self.toks[k].low == ",":
                    return k + 1
        return v

    # --- what the subject is ------------------------------------------------------------
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

    def _beneficiary_subject(self, lo: int, i: int) -> bool:
        """The people a duty is for, as the subject before "skal" ("Borgerne skal opleve …", "at
        patienterne skal have …"): what the text wants for them — a goal or a purpose, not a duty
        of anyone. (Inverted, "skal patienten … tilbydes", is left alone: mostly a passive duty.)"""
        toks = [t for t in self.toks[lo:i] if t.low not in ADVERBS and t.low not in DETERMINERS]
        while toks and toks[0].low in ("og", "men", "eller", "samt", "at"):
            toks = toks[1:]
        return bool(toks) and bool(BENEFICIARIES.fullmatch(toks[0].low))

    def _subject_named_before(self, lo: int, i: int) -> bool:
        """A passive's subject is one noun that the last duty of the same paragraph named
        (»Regionsrådet … skal … udarbejde en praksisplan … Praksisplanen skal revideres …«): the
        thing that duty made, so the duty to act on it is that actor's too."""
        words = [t for t in self.toks[lo:i] if t.low not in ADVERBS and t.low not in DETERMINERS
                 and not is_label_token(t.low) and t.low not in ("§", "stk.")]
        return len(words) == 1 and words[0].low.isalpha() and self.ctx.paragraph == self.ctx.prev_paragraph \
            and same_object(frozenset({self.ctx.lemmas.get(words[0].low, words[0].lemma.lower())}), self.ctx.prev_words)

    def _inverted_subject_then_vaere(self, cue: int) -> bool:
        """After the modal, a subject of a few words (and a relative clause between commas), then
        »være« and no participle of a passive: a qualification ("skal de kommunale medlemmer, der
        ikke er formanden, være magistratsmedlemmer")."""
        toks, k = self.toks, cue + 1
        end = min(cue + 10, self.n)
        while k < end and toks[k].low not in (",", "være") and toks[k].low not in MODALS:
            k += 1
        if k + 1 < self.n and toks[k].low == "," and toks[k + 1].low in ("der", "som"):
            k += 2
            while k < min(cue + 40, self.n) and toks[k].low not in (",", ".", ";"):
                k += 1
            k += 1 if k < self.n and toks[k].low == "," else 0
        return k + 1 < self.n and toks[k].low == "være" and toks[k + 1].low not in PREPOSITIONS \
            and self._vaere_passive(cue) is None        # "skal den pågældende være under tilsyn" stays

    def _incompatible_office(self, neg_at: int) -> bool:
        """»kan/må ikke (samtidig) være formand for …«, »… være økonomisk interesserede i …«: an
        office or interest the person may not hold, a prohibition (not »kan ikke være knyttet til«)."""
        toks, k = self.toks, neg_at + 1
        while k < self.n and toks[k].low in ADVERBS:
            k += 1
        if k + 1 >= self.n or toks[k].low != "være":
            return False
        nxt = toks[k + 1].low
        return nxt in INCOMPATIBLE_OFFICES or (nxt == "økonomisk" and k + 2 < self.n
                                               and toks[k + 2].low in INCOMPATIBLE_OFFICES)

    def _in_hands(self, vaere: int) -> bool:
        """»skal (senest) være kommunen i hænde …«: something must be delivered — an act, not a state."""
        return any(self.toks[k].low == "i" and self.toks[k + 1].low == "hænde"
                   for k in range(vaere + 1, min(vaere + 5, self.n - 1)))

    def _right_past_words(self, har: int) -> int | None:
        """»har ret til«, also past an adverbial (»har på anmodning ret til«, »har under midlertidigt
        ophold ret til«) or an inverted subject (»…, har borgeren ret til …«): the index after
        »til«; None without »ret til« within five words (no comma, negation or modal between).
        »har adgang til« is a right as well (»Sundhedsdatastyrelsen har adgang til oplysninger i
        registeret, når …«)."""
        for k in range(har + 1, min(har + 6, self.n - 1)):
            low = self.toks[k].low
            if low in (",", ";", ".", "ikke") or low in MODALS:
                return None
            if low in ("ret", "adgang") and self.toks[k + 1].low == "til":
                return k + 2
        return None

    def _advice_past_subject(self, kan: int) -> bool:
        """»kan udvalget hensigtsmæssigt drøfte …«, »kan regionsrådet med fordel …«: guidance's
        advice (as »kan hensigtsmæssigt«) past an inverted subject."""
        k = kan + 1
        if k in self.ment_start:
            k = self._group(k)[1]
        elif k < self.n and COMMITTEE_ANAPHOR.fullmatch(self.toks[k].low):
            k += 1
        else:
            return False
        return k < self.n and (self.toks[k].low == "hensigtsmæssigt"
                               or (self.toks[k].low == "med" and k + 1 < self.n and self.toks[k + 1].low == "fordel"))

    def _inverted_subject(self, k: int) -> int | None:
        """The actor mention at ``k`` after an inverted present verb, past an article and a
        modifier (»… nedsætter det forberedende regionsråd for Region Østdanmark …«); None if none."""
        m = k + (k < self.n and self.toks[k].low in ("det", "den", "de"))
        while m < self.n and m not in self.ment_start and self.toks[m].low in ACTOR_MODIFIERS:
            m += 1
        return m if m in self.ment_start else None

    def _modal_then_have_right(self, i: int) -> bool:
        """»skal have mulighed for / ret til / adgang til«, also past an adverbial (»skal i
        forbindelse med høringen have mulighed for …«): a right, not a duty."""
        for k in range(i + 1, min(i + 9, self.n - 1)):
            if self.toks[k].low in (",", ";") or (self.toks[k].low in MODALS and k > i + 1):
                return False
            if self.toks[k].low == "have":
                return self.toks[k + 1].low in ("mulighed", "muligheden", "mulighederne", "ret", "adgang")
        return False

    def _identifying_relative(self, i: int) -> bool:
        """», der er ansvarlig for X, er forpligtet til …« / », der har ansvaret for X, afgør …«: the
        relative clause says which person is meant; the duty is the main clause's after it."""
        if i < 2 or self.toks[i - 1].low not in ("der", "som") or self.toks[i - 2].low != ",":
            return False
        return any(self.toks[k].low == "," and (self.toks[k + 1].low in MODALS | {"er", "har"}
                                                or is_present_verb(self.toks[k + 1]))
                   for k in range(i + 3, self.n - 1))

    def _fronted_condition_actor(self, lo: int) -> bool:
        """Does a fronted condition (»Når …«, »Hvis …«, verb first) before ``lo`` name an actor?"""
        k = label_end(self.toks)
        if k >= lo or not (self.toks[k].low in ("når", "hvis", "såfremt") or self._verb_first(k)):
            return False
        return any(k < m < lo and not self._genitive(m) for m in self.ment_start)

    def _condition_actor(self, lo: int, verb: int) -> list[str] | None:
        """The actor of a fronted condition whose act the agentless main clause goes on about:
        »Når regionsrådet yder behandling til …, skal det ske på samme vilkår …«, »Såfremt
        regionsrådet … ikke er i stand til at tilbyde behandling …, skal patienten tilbydes
        behandling …« (the same verb, or »det skal ske«: the act itself)."""
        toks = self.toks
        k = label_end(toks)
        if k >= lo or toks[k].low not in ("når", "hvis", "såfremt") or k + 1 not in self.ment_start \
                or self._genitive(k + 1):
            return None
        actor = self._group(k + 1)[0]
        cond = content_words(toks[k + 1:lo], self.ctx.lemmas)
        if [t.low for t in toks[lo + 1:lo + 3]] in (["det", "ske"], ["det", "foregå"]):
            return actor
        stem = self._stem_of_passive(verb)
        return actor if stem and stem in cond else None

    def _clause_boundary_before(self, frm: int, to: int) -> int:
        """Where the clause of a statement starting at character ``to`` begins: at », og« when a
        fronted adverbial stands between (»… indsende en midtvejsstatus, og senest et halvt år
        før udløbet skal udvalgene indsende en slutstatus«: the first action ends at the comma,
        not with the second one's deadline)."""
        toks = [k for k, t in enumerate(self.toks) if frm <= t.start < to]
        for k in reversed(toks[-12:]):
            if self.toks[k].low == "," and k + 1 < self.n and self.toks[k + 1].low in ("og", "men", "samt", "eller"):
                return self.toks[k].start
        return to

    def _programme_subject(self, lo: int, i: int) -> bool:
        """A programme, project or initiative as the subject, before the modal or inverted after it."""
        before = [t.low for t in self.toks[lo:i] if t.low not in ADVERBS and not is_label_token(t.low)]
        k = i + 1
        while k < self.n and self.toks[k].low in ADVERBS:
            k += 1
        words = before[:1] + ([self.toks[k].low] if k < self.n else [])   # also after a fronted adverbial
        return any(_PROGRAMME.fullmatch(w) for w in words)

    def _stem_of_event_subject(self) -> str:
        """»Indsendelsen af sundhedsaftalen skal ske …« → »indsende«: the verb a nominalised
        subject names (»§ 5. Regionsrådet indsender … § 6. Indsendelsen … skal ske senest …«)."""
        k = label_end(self.toks)
        m = NOMINALISATION.fullmatch(self.toks[k].low) if k < self.n else None
        return self.ctx.lemmas.get(m.group(1) + "e", m.group(1) + "e") if m else ""

    def _stem_of_passive(self, verb: int) -> str:
        """»indsendes« → »indsende«: the lemma of a passive verb's active form."""
        w = self.toks[verb].low if verb < self.n else ""
        return self.ctx.lemmas.get(w[:-1], w[:-1]) if len(w) > 4 and w.endswith("s") else ""

    def _context_bearers_for_passive(self, verb: int | None = None) -> list[str]:
        """The actor in context for an agentless passive, when the passive goes on about what
        the sentence that named the actor was about (»Regionsrådet indsender sundhedsaftalen …
        Indsendelsen skal ske senest …«, »Ligsyn foretages af en læge … Ved ligsynet skal
        dødstegn iagttages«, »… udarbejder en plan. Det skal indsendes …«, the items of a list it
        leads in); else none (»Rettens afgørelse træffes ved kendelse« long after »Ligsyn
        foretages af en læge«): no one is named, and carrying that actor would be a guess. A
        heading's actor is carried as before. Into another paragraph of an act or order only the
        same act carries it (»§ 5. Regionsrådet indsender …«, »§ 6. … Ændringer indsendes …«):
        the paragraphs of one chapter share their words (»lægemiddel«, »tilskud«, »obduktion«)
        and not their actors. An actor right after the verb is its recipient, not its agent
        (»Tilkendegivelsen meddeles den sundhedsperson, der …«), and one named before it is what
        is done to."""
        k = verb + 1 if verb is not None else self.n
        k += k < self.n and self.toks[k].low in DETERMINERS
        recipient = self.ment_start[k][1] if k in self.ment_start else None
        # an actor named as the sentence's subject before the verb is what the passive is done
        # to (»Aktører, der …, bør inddrages …«, »skal patientinddragelsesudvalget … inddrages«)
        acted_on = {key for start, (_, key) in self.ment_start.items()
                    if start < (verb if verb is not None else self.n) and not self._governed(start)
                    and not self._genitive(start)}
        k0 = label_end(self.toks)
        first = self.toks[k0].low if k0 < self.n and k0 not in self.in_mention else ""
        # ... also as a bare noun (»Aktører, der besidder … viden, bør inddrages« after »Aktørerne skal …«)
        acted_on |= {key for key in self.ctx.prev_bearers if key in BY_KEY and len(first) >= 5
                     and BY_KEY[key].label_da[:5] == first[:5]}
        return [b for b in self._bearers_in_context(verb) if b != recipient and b not in acted_on]

    def _bearers_in_context(self, verb: int | None) -> list[str]:
        if verb is not None and verb + 2 < self.n and self.toks[verb + 1].low in ("en", "et") \
                and verb + 2 in self.ment_start:
            return []       # »I hver region nedsættes et praksisplanudvalg«: a new body, not the act before
        if self.ctx.prev_bearers:
            k = label_end(self.toks)
            anaphor = k < self.n and self.toks[k].low in ("det", "den", "de", "dette", "denne", "disse")
            if anaphor or self.ctx.prev_lead_in:
                return list(self.ctx.prev_bearers)
            if self.ctx.doc_type in LEGISLATION_TYPES and self.ctx.paragraph != self.ctx.prev_paragraph:
                words = frozenset({self._stem_of_passive(verb)} - {""}) if verb is not None else frozenset()
            else:
                words = content_words(self.toks, self.ctx.lemmas)
            return list(self.ctx.prev_bearers) if same_object(words, self.ctx.prev_words) else []
        return list(self.ctx.heading_bearers)

    def _relative_present_with_deadline(self, taken: set[int]) -> list[Statement]:
        """»… fremsender udkast til praksisplanen til Sundhedsstyrelsen, som senest 4 uger efter
        modtagelsen af praksisplanen yder rådgivning«: in legislation, a relative clause about an
        actor that gives it an act in the present with a time limit is that actor's duty (and
        the time limit is not the main clause's)."""
        out: list[Statement] = []
        if self.ctx.doc_type not in LEGISLATION_TYPES:
            return out
        ends = {end: start for start, (end, _) in self.ment_start.items()}
        for k in range(1, self.n - 2):
            if self.toks[k].low != "," or self.toks[k + 1].low not in ("som", "der") or k not in ends \
                    or self._genitive(ends[k]):
                continue
            end = k + 2
            while end < self.n and self.toks[end].low not in (",", ".", ";", ":"):
                end += 1
            verb = next((v for v in range(k + 2, end) if v not in taken and is_present_verb(self.toks[v])
                         and self.toks[v].low not in ADVERBS), None)
            if verb is None or find_deadline(self.text[self.toks[k + 2].start:self.toks[end - 1].end]) is None:
                continue
            out.append(Statement(self._group(ends[k])[0], "obligation", "present", self.toks[k + 2].start,
                                 self.toks[end - 1].end, self.toks[k + 1].start, anchor=verb))
        return out

    def _future_after_perfect(self, i: int) -> bool:
        """»har deltaget i eller skal deltage i«: »skal« coordinated with a perfect tense says
        when (the future), not what is owed."""
        if i < 3 or self.toks[i - 1].low not in ("eller", "og"):
            return False
        for k in range(i - 2, max(0, i - 8), -1):
            if self.toks[k].low in (",", ";", ".") or self.toks[k].low in MODALS:
                return False
            if self.toks[k].low in ("har", "havde") and any(t.low.endswith("t") and t.low.isalpha()
                                                            for t in self.toks[k + 1:i - 1]):
                return True
        return False

    def _named_agent(self, frm: int, end: int) -> str:
        """The "af X" agent of a passive, when X is a person or body outside the actor table
        ("kan samtykket gives af værgen")."""
        for k in range(frm, end):
            if self.toks[k].low == "af" and self._introduces_agent(k):
                return self._person_list(k + 1)
            if self.toks[k].low in (",", ";", "."):
                break
        return ""

    def _person_words(self, span: range, right: bool = False, receives: bool = False) -> str:
        return self._person_phrase(span, agent=receives, right=right)[0]

    def _person_phrase(self, span: range, agent: bool = False, right: bool = False) -> tuple[str, int]:
        """The words up to a person noun (»behandlingsinstitutionens leder«) and the index after
        it; ("", -1) when no person noun ends the phrase. An agent (after »af«) or one who may
        receive (»kan en gravid … få …«) may also be »den gravide«: as a subject of »skal« she is
        mostly the one told or guided; a right's holder (``right``) the people a text is for (»…,
        har borgeren ret til …«)."""
        words = []
        skip_to = -1
        for k in span:
            w = self.toks[k].low
            if k < skip_to or (not words and is_label_token(w)):
                continue        # the provision's label, a citation inside the phrase
            if w == "i" and words and words[-1].lower() in ("de", "den", "det") and (cited := next(
                    (m for m in range(k + 1, min(k + 6, self.n)) if self.toks[m].low in ("nævnte", "omhandlede")), None)):
                skip_to = cited + 1     # »De i stk. 2 nævnte organisationer …«: the citation is part of it
                words += [t.text for t in self.toks[k:skip_to]]
                continue
            if w in (",", "der", "som", "og", "eller", "være", "blive", "have") or w in PREPOSITIONS or w in MODALS:
                break       # "skal den ene være speciallæge": the verb ends the subject
            if w in ADVERBS and not words:
                continue
            words.append(self.toks[k].text)
            if PERSON_NOUN.fullmatch(w) or (agent and w in ("gravid", "gravide")) or (right and BENEFICIARIES.fullmatch(w)):
                end = k + 1
                if k + 2 < self.n and self.toks[k + 1].low == "for" and self.toks[k + 2].text[:1].isupper():
                    words += ["for", self.toks[k + 2].text]     # a body's name: »Styrelsen for Patientklager«
                    end = k + 3
                elif k + 2 < self.n and self.toks[k + 1].low in ("og", "eller") and PERSON_NOUN.fullmatch(self.toks[k + 2].low):
                    words += [self.toks[k + 1].text, self.toks[k + 2].text]     # »dødsboet eller konkursboet«
                    end = k + 3
                phrase = " ".join(words)
                return (phrase if phrase.isupper() else phrase[:1].lower() + phrase[1:]), end
        return "", -1

    def _named_person(self, lo: int, i: int, opening, right: bool = False, receives: bool = False) -> str:
        """The words of a subject that is a person or body outside the actor table ("Et kommunalt
        medlem skal …", "skal forældremyndighedens indehaver samtykke", "En privat virksomhed,
        der …, skal"), up to its head noun; "" when the subject is a thing. A ``right``'s holder may
        be the people a text is for (»…, har borgeren ret til …«); their »skal« stays a goal
        (_beneficiary_subject)."""
        toks = self.toks
        if lo < i and (words := self._proper_names(range(lo, i)) or self._person_words(range(lo, i), right, receives)):
            return words                                              # before the modal
        # (a preposition opening a fronted phrase counts, though »i« is also an adverb's: »I
        # behandlingstestamentet kan patienten bestemme …«)
        before = [t.low for t in toks[lo:i] if (t.low not in ADVERBS or t.low in PREPOSITIONS) and not is_label_token(t.low)]
        if before and before[0] not in PREPOSITIONS and before[0] != "uanset":
            return ""           # a subject of its own stands before the modal ("En sundhedstjenesteyder må ikke …")
        if opening is not None:
            return self._person_words(range(label_end(toks), lo))    # the sentence's opening noun
        k = i + 1
        while k < self.n and toks[k].low in ADVERBS:
            k += 1
        if k < self.n and (toks[k].low in DETERMINERS or toks[k].low.endswith("s") or PERSON_NOUN.fullmatch(toks[k].low)
                           or (right and BENEFICIARIES.fullmatch(toks[k].low))):
            return self._person_words(range(k, min(k + 4, self.n)), right, receives)   # inverted after the modal
        return ""

    def _proper_names(self, span: range) -> str:
        """A subject of two or more capitalised words, perhaps joined by »og«: an organisation
        outside the actor table (»Danske Patienter og Danske Handicaporganisationer skal …«)."""
        toks = [self.toks[k] for k in span if not is_label_token(self.toks[k].low)]
        if len(toks) < 2 or toks[0].low == "og" or toks[-1].low == "og":
            return ""
        if all(t.low == "og" or (t.text[:1].isupper() and t.text.isalpha()) for t in toks):
            return " ".join(t.text for t in toks)
        return ""

    def _person_list(self, k: int) -> str:
        """Persons named in a row (»af ansøgeren, forældremyndighedens indehaver og værgen«), as
        written; the first alone when the next is no person."""
        phrase, end = self._person_phrase(range(k, min(k + 6, self.n)), agent=True)
        out = phrase
        while phrase and end < self.n and self.toks[end].low in (",", "og", "eller"):
            joiner = self.toks[end].text
            phrase, nxt = self._person_phrase(range(end + 1, min(end + 7, self.n)), agent=True)
            if phrase:
                out += ("," if joiner == "," else f" {joiner}") + f" {phrase}"
                end = nxt
        return out
