"""The deontic reader's Danish: word classes and cue patterns, and the token, statement and
context records it works on (see ``kg.deontic`` for the rules that use them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    "årligt", "fælles", "hurtigst", "muligt", "som", "minimum", "mv.", "ofte", "konkret", "maksimalt",
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
# Words in -er that are no verbs, which the lookup table leaves as they are ("Ministeren eller …")
NOT_VERBS = {"eller", "heller", "hver", "der", "her", "over", "under", "efter", "enten", "sider", "tider", "veer"}
# Deponent verbs, present tense in -s with an active meaning ("Udvalget mødes ...").
DEPONENTS = {"mødes", "samles", "enes", "følges", "udveksles", "skyldes"}
# Passive verbs of enacting/amending clauses ("§ 5 affattes således"): not duties.
ENACTING = {"ophæves", "affattes", "nyaffattes", "indsættes", "ændres", "udgår", "erstattes", "bortfalder",
            "optages", "tilføjes", "anvendes", "betragtes", "forstås", "nævnes", "regnes", "fastsættes",
            # composition, not an agent's act: "Fagligt Forum ... sammensættes af repræsentanter for ..."
            "sammensættes",
            # a definition: "En digital ansøgning anses for at være kommet frem, når …"
            "anses",
            # a presumption: "Må fosteret antages at være levedygtigt, kan tilladelse … kun gives …"
            "antages", "formodes",
            # how an amount is worked out, no one's act: "Taksten pris- og lønreguleres …",
            # "Beløbsgrænserne afrundes nedad …", "Tilskuddets størrelse opgøres …"
            "reguleres", "lønreguleres", "indeksreguleres", "opgøres", "afrundes", "beregnes", "omregnes",
            # composition: "Formandskabet udgøres af regionsrådsformanden og …"
            "udgøres"}
AGREEMENT_NOUNS = re.compile(
    r"^(?:sundheds)?aftale(?:n|rne)?$|^samarbejdsaftale(?:n|rne)?$|^sundhedsaftaleudkast(?:et)?$"
    r"|^udkast(?:et)?$", re.I)
PRONOUNS = {"de", "den", "han", "hun", "disse", "denne", "dette"}
# after a modal, an event or a state, no one's act: »skal der ske en høring«, »skal denne foreligge«
EVENT_VERBS = {"ske", "foregå", "finde", "foreligge"}
# A nominalised act: »indsendelse(n)«, »godkendelsen«, »udarbejdningerne« — its group 1 is the verb's stem
NOMINALISATION = re.compile(r"([a-zæøå]{3,}?)(?:else|ning)(?:n|en|rne|erne)?")
NON_NORMATIVE_AFTER_MODAL = {
    "være", "blive", "ses", "forstås", "betragtes", "læses", "nævnes", "tænkes", "skyldes",
    "bidrage", "medføre", "føre", "give", "have", "findes", "opstå", "variere", "gøre",
    "udgøre",       # "Denne betaling kan maksimalt udgøre 1.976 kr."
    "træde",        # »Supplerende aftaler … kan ikke træde i stedet for sundhedsaftalen«: a legal effect
}
# what a person must have to be appointed (»skal have økonomisk indsigt«): a qualification
QUALIFICATIONS = {"indsigt", "kendskab", "erfaring", "uddannelse", "kvalifikationer", "kompetencer"}
# what a person may not be at the same time (»Et regionsrådsmedlem kan ikke samtidig være formand for
# flere sundhedsråd«, »må ikke være økonomisk interesserede i …«): an incompatibility, a prohibition
INCOMPATIBLE_OFFICES = {"formand", "næstformand", "medlem", "interesseret", "interesserede"}
CLAUSE_OPENERS = {"at", "der", "som", "hvis", "når", "såfremt", "hvor", "idet", "fordi", "mens",
                  "hvilket", "hvorved", "så", "før", "inden", "end", "om", "hvordan", "hvorfor", "hvad",
                  "hvornår", "herunder", "men", "ligesom", "medmindre", "selvom", "hvorvidt", "hvilke", "hvilken",
                  "hvorledes", "hvem"}
CONDITIONAL = {"hvis", "såfremt", "når", "medmindre", "dersom"}
# words whose "for, at ..." is their content, not a purpose ("mulighed for, at kommunerne kan ...")
FOR_COMPLEMENT = {"mulighed", "muligheden", "muligheder", "adgang", "adgangen", "hjemmel", "ansvar", "ansvaret",
                  "ansvarlig", "ansvarlige", "sørge", "sørger", "sørges", "grundlag", "grundlaget", "rammer",
                  "rammerne", "plads", "behov", "behovet", "krav", "kravet"}
# the modal verbs in the present tense: what a planner's question asks with (search.answer reads them)
PRESENT_MODALS = frozenset({"skal", "kan", "bør", "må"})
MODALS = set(PRESENT_MODALS) | {"vil", "skulle", "kunne", "burde", "måtte", "ville"}
ARTICLES = {"en", "et", "den", "det", "de", "denne", "dette", "hver", "hvert", "enhver", "ethvert"}
# openers of indirect questions and of relative clauses of place or manner
INTERROGATIVE = {"om", "hvornår", "hvordan", "hvorfor", "hvad", "hvorvidt", "hvilke", "hvilken", "hvilket", "hvor",
                 "hvorved", "hvorledes", "hvem"}
PRESENT_TYPES_EXCLUDED = {"nyhed", "webside", "høringsbrev", "dagsorden"}
# Verbs of saying that mark a quotation in news ('…", siger X')
SAYING = {"siger", "sagde", "fortæller", "fortalte", "udtaler", "udtalte", "forklarer", "forklarede", "understreger", "tilføjer"}
# Texts where a thing as the subject of "skal" says what it is for, not what someone must do
# (in legislation and guidance "Udbud … skal foregå på … vilkår" is a requirement)
DESCRIBING_TYPES = PRESENT_TYPES_EXCLUDED | {"høringsudkast", "sundhedsaftale", "samarbejdsaftale"}
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
    named: str = ""                  # a bearer the text names outside the actor table ("et kommunalt medlem")
    anaphor: bool = False            # carried from a committee's common noun (»Udvalget«): named, not guessed


# The tokens of a provision's own label before its first sentence: "§", "14", "l.", "Stk.", "2."
_LABEL_TOKEN = re.compile(r"§+|stk\.|\d+[a-z]?\.?|[a-z]\.")


def is_label_token(word: str) -> bool:
    return bool(_LABEL_TOKEN.fullmatch(word))


_LIST_MARKER = re.compile(r"\d+\)|[a-z]\)|•|-|–")


def is_label_or_list_marker(word: str) -> bool:
    """A provision's label (»§ 205 c.«, »Stk. 2.«) or a list item's marker (»3)«, »a)«, »•«)."""
    return is_label_token(word) or bool(_LIST_MARKER.fullmatch(word))


def label_end(toks, k: int = 0) -> int:
    """The index of the first token at or after ``k`` that is not part of a label."""
    while k < len(toks) and is_label_token(toks[k].low):
        k += 1
    return k


# Nouns for people and bodies that bear duties in the texts without being actors of the table:
# "Et kommunalt medlem skal …", "forældremyndighedens indehaver", "En privat virksomhed, der …, skal"
PERSON_NOUN = re.compile(
    r"(?:medlem(?:met|mer|merne)?|værge(?:n|r|rne)?|indehaver(?:en|e|ne)?|leverandør(?:en|er|erne)?|"
    r"person(?:en|er|erne)?|virksomhed(?:en|er|erne)?|leder(?:en|e|ne)?|repræsentant(?:en|er|erne)?|"
    r"ledelse(?:n|r|rne)?|[a-zæøå]*myndighed(?:en|er|erne)?|"     # »Ledelsen på behandlingsstedet … kan give tilladelse«
    r"arbejdsgiver(?:en|e|ne)?|lønmodtager(?:en|e|ne)?|ansøger(?:en|e|ne)?|"
    r"apotek(?:et|er|erne|eren|ere)?|jordemoder(?:en)?|"     # the pharmacy and the pharmacist
    r"sekretær(?:en|er|erne)?|[a-zæøå]*organisation(?:en|er|erne)?|"     # »De i stk. 2 nævnte organisationer … kan …«
    r"sygeplejerske(?:n|r|rne)?|forsker(?:en|e|ne)?|ejer(?:en|e|ne)?|formand(?:en)?|stedfortræder(?:en|e|ne)?|"
    r"enhver|patient(?:en|er|erne)?|observatør(?:en|er|erne)?|fagperson(?:en|er|erne)?|dataansvarlige?|(?:sundheds)?tjenesteyder(?:en|e|ne)?|"
    r"[a-zæøå]*læge(?:n|r|rne)?|"        # "Speciallæger i øre-, næse- og halssygdomme, der …, må ikke"
    r"[a-zæøå]*behandlingssted(?:et|er|erne)?|"   # "behandlingsstedet skal have en aftale med …"
    r"[a-zæøå]*institution(?:en|er|erne)?|"   # "En kommunes genoptræningsinstitution kan … afvise …"
    r"[a-zæøå]*kontor(?:et|er|erne)?|"   # "Patientkontorerne kan modtage … og skal … bistå"
    r"[a-zæøå]*tilsynet|"                # "Socialtilsynet skal … benytte sig af …" (the body, not the act)
    r"[a-zæøå]*styrelsen|"               # "Sundhedsdatastyrelsen har adgang til …" (an agency outside the table)
    r"[a-zæøå]*minister(?:en|e|ne)?|"    # "Erhvervsministeren kan … fastsætte nærmere regler om ligsyn …"
    r"ægtefælle(?:n|r|rne)?|samlever(?:en|e|ne)?|"    # "kan personens ægtefælle eller samlever … få tilladelse"
    r"(?:døds|konkurs)bo(?:et|er|erne)?)")           # "kan dødsboet eller konkursboet indsætte en stedfortræder"


@dataclass
class Context:
    """What a sentence can borrow a bearer from: the previous statement, the heading."""
    prev_bearers: list[str] = field(default_factory=list)
    prev_words: frozenset[str] = frozenset()    # content_words of the sentence that named prev_bearers
    prev_lead_in: bool = False                  # ... and it leads in a list (»… drage omsorg for, at«)
    prev_paragraph: str = ""                    # ... and the paragraph (»§ 148«) it stands in
    paragraph: str = ""                         # the paragraph of the sentence read now
    lemmas: dict = field(default_factory=dict)  # the lookup lemmatizer's table, by lower-case word
    heading_bearers: list[str] = field(default_factory=list)
    last_committee: str | None = None
    # the last committee that was the bearer of a statement in this section: "Udvalget" refers
    # to the committee the text is about, not to one named in passing ("forelægges for
    # sundhedskoordinationsudvalget")
    subject_committee: str | None = None
    doc_type: str = ""


_NOT_CONTENT = {"skal", "være", "blive", "bliver", "efter", "denne", "dette", "disse", "herunder", "eller",
                "samt", "også", "regler", "nærmere", "følge", "anden", "andre", "inden", "under", "mellem",
                "sammen", "hvis", "ikke", "kunne", "have", "ved", "kan", "med", "for", "der", "som", "til"}


def content_words(toks: list[Tok], lemmas: dict) -> frozenset[str]:
    """A sentence's content words as lemmas (four letters or more): what it is about. Looked up
    by the lower-case word, since the pipeline leaves a capitalised first word as it stands
    (»Aktiviteterne« → »aktivitet«)."""
    words = (lemmas.get(t.low, t.lemma.lower()) for t in toks if len(t.low) >= 4 and t.low.isalpha())
    return frozenset(w for w in words if w not in _NOT_CONTENT)


def same_object(words: frozenset[str], earlier: frozenset[str]) -> bool:
    """Does a sentence go on about what an earlier one was about? A word of both, or one's word
    the other's stem (»Indsendelsen skal ske …« after »Regionsrådet indsender …«: »indsende« in
    »indsendelse«) or a compound's head (»alkoholbehandling« after »behandling«), not a shared first
    part of two compounds (»sundhedsperson«, »sundhedsaftale«)."""
    if words & earlier:
        return True
    for a in words:
        for b in earlier:
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            if len(short) >= 6 and long_.startswith(short) and len(short) >= 0.7 * len(long_):
                return True
            if len(short) >= 8 and long_.endswith(short):
                return True     # a compound's head: »alkoholbehandling« goes on about »behandling«
    return False


def is_present_verb(t: Tok) -> bool:
    w = t.low
    if not w.isalpha() or len(w) < 4 or w in DESCRIPTIVE or w in ADVERBS or w in PREPOSITIONS or w in NOT_VERBS:
        return False
    if not w.endswith("r"):
        return False
    lem = t.lemma.lower()
    if lem != w and (lem + "r" == w or lem + "er" == w or lem[:-1] + "er" == w or (lem.endswith("re") and lem[:-1] == w)):
        return True
    if w.endswith("gør") and len(w) > 5:      # offentliggør, tilgængeliggør
        return True
    if w.endswith(("går", "står", "når")) and len(w) >= 5:   # indgår, fremgår, opstår, opnår
        return True
    # compounds the lookup table misses ("sekretariatsbetjener", "videreformidler")
    return lem == w and w.endswith("er") and not w.endswith(("erne", "ere")) and not t.text[:1].isupper()


def is_short_passive(t: Tok) -> bool:
    """A four-letter passive the lemma table knows (»ydes«, »gås«): after a modal only — alone,
    »Befordring ydes til …« states a rule more often than anyone's duty."""
    lem = t.lemma.lower()
    return len(t.low) == 4 and t.low.isalpha() and lem + "s" == t.low and lem.endswith(("e", "å"))


def is_passive_verb(t: Tok) -> bool:
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


def attributive_before(toks: list[Tok], k: int, cue: int) -> bool:
    """A word in -e after a determiner or a participle used as an adjective is a noun, not an
    infinitive: »kan informeret samtykke … gives af værgen«, »skal den samlede indsats …«."""
    prev = toks[k - 1].low if k - 1 > cue else ""
    return prev in DETERMINERS or (len(prev) > 5 and prev.isalpha() and prev.endswith("eret"))


# »om nødvendigt / muligt / fornødent«: an adverbial (»if necessary«), no »om«-clause
OM_ADVERBIAL = {"nødvendigt", "muligt", "fornødent", "ønsket", "ønskeligt", "påkrævet"}


def om_adverbial(toks: list[Tok], k: int) -> bool:
    """»om« opening an adverbial (»Om nødvendigt kan myndigheden anmode politiet …«, »skal patienten
    om muligt tilbydes …«), not a clause."""
    return toks[k].low == "om" and k + 1 < len(toks) and toks[k + 1].low in OM_ADVERBIAL


def om_after_noun(toks: list[Tok], k: int) -> bool:
    """»om« after a definite noun is a preposition (»Af meddelelsen om Sundhedsstyrelsens manglende
    godkendelse skal fremgå …«), not »whether«."""
    prev = toks[k - 1].low if k > 0 else ""
    return toks[k].low == "om" and len(prev) > 4 and prev.isalpha() and not is_present_verb(toks[k - 1]) \
        and prev.endswith(("en", "et", "erne", "ene"))
