"""Deadlines and frequencies as structured values.

``find_deadline(text)`` / ``find_frequency(text)`` return dicts such as
``{"text": "inden for 8 uger", "kind": "deadline", "anchor": None, "offset": "P8W",
"date": None, "start": 12, "end": 28}`` and ``{"text": "mindst fire møder om året",
"kind": "frequency", "count": 4, "per": "year", "minimum": True, ...}``; ``start``/``end`` are
offsets into the text given (plus ``offset_base``).
"""

from __future__ import annotations

import calendar
import re

from aftalegraf.legal_time import MONTH_NUMBER, MONTH_PATTERN, iso_date

from .deontic_words import CONDITIONAL

NUMBERS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "en gang": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "halvt": 0.5, "et halvt": 0.5,
    "fjorten": 14, "femten": 15, "tyve": 20, "tredive": 30,
}
UNITS = {"time": "H", "timer": "H", "dag": "D", "dage": "D", "hverdage": "D", "uge": "W", "uger": "W", "måned": "M", "måneder": "M",
         "år": "Y", "kvartal": "Q", "kvartaler": "Q"}
PER = {"år": "year", "året": "year", "årligt": "year", "måned": "month", "måneden": "month",
       "månedligt": "month", "uge": "week", "ugen": "week", "ugentligt": "week", "kvartal": "quarter",
       "kvartalet": "quarter", "valgperiode": "election-period", "valgperioden": "election-period",
       "aftaleperiode": "agreement-period", "aftaleperioden": "agreement-period",
       "halvår": "half-year", "halvåret": "half-year", "halvårligt": "half-year", "halvårlig": "half-year",
       "årlig": "year", "årlige": "year", "kvartalsvis": "quarter", "løbende": "continuous"}

_NUM = r"(?:\d+(?:,\d+)?|en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|fjorten|femten|tyve|tredive|et halvt|halvt)"
_UNIT = r"(?:hverdage|dage|dag|timer|time|uger|uge|måneder|måned|år|kvartaler|kvartal)"

# an event named by a clause, to its punctuation (»førend obduktion foretages, …«)
_CLAUSE_ANCHOR = r"(?P<anchor>[\wæøå][^,.;:]*?)(?=\s*[,.;:]|\s+og\s+om\b|$)"

# »… efter / før <event>«: what a duration counts from (not a conjunction or a modal after it)
_FROM_EVENT = r"\s+(?P<dir>efter|før|fra|forud\s+for)\s+(?P<anchor>(?=[\wæøå§]))(?!(?:og|jf|skal|kan|bør|må|vil|senest)\b)"
# senest 2 år efter ikrafttrædelse / senest et halvt år før udløb / inden for 8 uger (efter X)
_OFFSET = re.compile(
    rf"\b(?P<lead>senest|inden\s+for(?:\s+en\s+frist\s+på)?|indenfor|inden|højst|allerede)\s+(?P<num>{_NUM})\s+(?P<unit>{_UNIT})"
    rf"(?:{_FROM_EVENT})?", re.I)

DEADLINE_PATTERNS = [
    # senest den 1. juli i valgperiodens andet år / senest den 31. januar 2015
    ("date", re.compile(
        rf"\b(?:senest|inden|før|forud for)\s+(?:den\s+)?(?P<day>\d{{1,2}})\.\s*(?P<month>{MONTH_PATTERN})"
        rf"(?:\s+(?P<year>\d{{4}}))?(?P<anchor>\s+i\s+(?:[\wæøå]+\s+){{0,4}}?(?:[\wæøå]+s\s+)?(?:første|andet|tredje|fjerde|sidste)\s+år)?", re.I)),
    # senest ved udgangen af januar måned i regionsrådets og kommunalbestyrelsernes valgperiodes første år
    ("end-of-month", re.compile(
        rf"\b(?:senest\s+ved|inden|ved|før)\s+udgangen\s+af\s+(?P<month>{MONTH_PATTERN})(?:\s+måned)?(?!\s+\d{{4}})"
        rf"(?P<anchor>\s+i\s+(?:[\wæøå]+\s+){{0,5}}?(?:[\wæøå]+s\s+)?(?:første|andet|tredje|fjerde|sidste)\s+år)?", re.I)),
    # inden for en af Sundhedsstyrelsen fastsat tidsfrist / inden for en rimelig frist
    ("set", re.compile(r"\binden\s+for\s+en\s+(?P<anchor>(?:[\wæøå]+\s+){0,4}?)(?:tids)?frist\b", re.I)),
    # inden for rimelig tid
    ("set", re.compile(r"\binden\s+for\s+(?:en\s+)?(?P<anchor>rimelig)\s+tid\b", re.I)),
    # inden for samme måned: the period a phrase before it named (»… inden for 1 måned, … skal
    # regionsrådet inden for samme måned udarbejde en plan«)
    ("same", re.compile(rf"\binden\s+for\s+(?P<anchor>(?:den\s+|det\s+)?samme\s+{_UNIT})\b", re.I)),
    # hurtigst muligt / snarest muligt / straks
    ("asap", re.compile(r"\b(?:hurtigst\s+muligt|snarest\s+muligt|snarest|straks|uden\s+ugrundet\s+ophold)\b", re.I)),
    # inden udgangen af januar 2015 / inden udgangen af 2015
    ("end-of", re.compile(
        rf"\b(?:senest\s+ved|inden|ved|før)\s+udgangen\s+af\s+(?:(?P<month>{MONTH_PATTERN})\s+)?(?P<year>\d{{4}})", re.I)),
    ("offset", _OFFSET),
    # »skal senest være kommunen i hænde 6 uger efter anmodningen«: "senest" before the verb, the time after it
    ("offset", re.compile(rf"\b(?P<lead>senest)\s+(?:[\wæøå]+\s+){{1,4}}?(?P<num>{_NUM})\s+(?P<unit>{_UNIT}){_FROM_EVENT}",
                          re.I)),
    # senest ved aftaleperiodens udløb / inden ikrafttrædelsen
    ("event", re.compile(
        r"\bsenest\s+(?:ved|samtidig\s+med|på)\s+(?P<anchor>(?:[\wæøå\-]+\s*){1,4}?)(?=[,.;]|\s+(?:og|at)\b|$)", re.I)),
    # senest inden den nyvalgte kommunalbestyrelses konstituerende møde (not a date: "senest inden den 1. juli")
    ("event", re.compile(
        r"\bsenest\s+(?:inden|før|forud\s+for)\s+(?!(?:den\s+)?\d|for\b|udgangen\b)(?P<anchor>(?:[\wæøå\-]+\s*){1,6}?)"
        r"(?=[,.;]|\s+(?:og|at|i\s+det)\b|$)", re.I)),
    # senest udleveres til patienten på udskrivningstidspunktet: "senest" before the verb, the moment after it
    ("event", re.compile(
        r"\bsenest\s+(?:[\wæøå]+\s+){1,4}?(?:på|ved)\s+(?P<anchor>[\wæøå]*tidspunkt(?:et)?)\b", re.I)),
    # inden den følgende afregningsmåned: the next period of a kind
    ("event", re.compile(r"\b(?:senest\s+)?(?:inden|før)\s+(?P<anchor>(?:den|det)\s+(?:følgende|næste|kommende)\s+[\wæøå]+)",
                         re.I)),
    # førend obduktion foretages / inden eller samtidig med at flytningen finder sted: a clause
    # names the event
    ("clause", re.compile(r"\b(?:inden\s+eller\s+)?samtidig\s+med,?\s+at\s+" + _CLAUSE_ANCHOR, re.I)),
    ("clause", re.compile(r"\bførend\s+" + _CLAUSE_ANCHOR, re.I)),
    # inden vedtagelsen / inden godkendelse i regionsrådet / forud for indsendelsen af aftalen /
    # forud for regionsrådets (og kommunalbestyrelsens) behandling af forslag til sundhedsplan /
    # inden den endelige vedtagelse (an adjective after the article)
    ("event", re.compile(
        r"\b(?:inden|forud\s+for|før)\s+(?P<anchor>(?:(?:den|det)\s+(?:[\wæøå]+e\s+)?|(?:[\wæøå]+s\s+(?:og|eller)\s+)?[\wæøå]+(?:ens|ets|nes)\s+)?"
        r"(?:vedtagelse|godkendelse|ikrafttræden|ikrafttrædelse|udløb|indsendelse|behandling|underskrift|høring|"
        r"beslutning|iværksættelse|udskrivning|opstart|gennemførelse|igangsættelse|påbegyndelse|udarbejdelse|fastsættelse|"
        r"indgåelse|offentliggørelse|afgørelse)\w*"
        r"(?:\s+(?:af|i|på|hos)\s+[\wæøå]+){0,2})", re.I)),
]

FREQ_PATTERNS = [
    # mindst fire møder om året / mindst 2 gange om året / som minimum 4 gange årligt
    re.compile(
        rf"\b(?P<min>mindst|som\s+minimum|minimum|højst|op\s+til)?\s*(?P<num>{_NUM}|én|ét)\s+"
        rf"(?:(?:årlige\s+)?(?:gange?|møder|møde|drøftelser|opfølgninger|statusser)\s+)"
        rf"(?:(?:om|pr\.|per|i|hvert)\s+(?P<per>året|år|måneden|måned|ugen|uge|kvartalet|kvartal|valgperioden|aftaleperioden|halvåret|halvår)"
        rf"|(?P<adv>årligt|månedligt|ugentligt|halvårligt))", re.I),
    # en gang årligt / én gang om året
    re.compile(r"\b(?P<min>mindst|som\s+minimum)?\s*(?P<num>en|én|et|ét)\s+gang\s+(?:(?:om|pr\.|i|hvert)\s+(?P<per>året|år|måneden|kvartalet|valgperioden|aftaleperioden)|(?P<adv>årligt|månedligt|halvårligt))", re.I),
    # årligt / hvert år / hvert andet år
    re.compile(r"\b(?P<every>hvert)\s+(?P<nth>andet|tredje|fjerde)?\s*(?P<per>år|kvartal|halvår)\b", re.I),
    # (i) hver valgperiode / hver aftaleperiode: once per period
    re.compile(r"\b(?:i\s+)?(?P<every>hver)\s+(?P<per>valgperiode|aftaleperiode)\b", re.I),
    # årligt / en årlig status / kvartalsvis / løbende (continuously, no count); not »de årlige
    # økonomiaftaler«, »den maksimale årlige betalingstakst«: after a definite article (and its
    # adjectives, _DEFINITE_BEFORE) it names a recurring thing of its own, not how often one acts
    re.compile(r"\b(?P<adv>årligt|årlig|årlige|halvårligt|halvårlig|kvartalsvis|månedligt|ugentligt|løbende)\b", re.I),
]
_DEFINITE_BEFORE = re.compile(r"\b(?:den|det|de)\s+(?:[\wæøå]+e\s+){0,2}$", re.I)


def _num(s: str) -> float | int | None:
    s = s.lower().strip()
    if s in NUMBERS:
        return NUMBERS[s]
    try:
        v = float(s.replace(",", "."))
        return int(v) if v.is_integer() else v
    except ValueError:
        return None


def _duration(num, unit: str) -> str:
    u = UNITS[unit.lower()]
    if u == "Q":
        num, u = num * 3, "M"
    if isinstance(num, float) and not num.is_integer():
        if u == "Y":
            return f"P{int(num * 12)}M"
        if u == "M":
            return f"P{int(num * 30)}D"
    n = int(num)
    return f"PT{n}H" if u == "H" else f"P{n}{u}"


# The event a deadline counts from is a noun phrase: modifiers (articles, genitives, participles,
# ordinals), a head, then prepositional phrases. Reading it so, instead of "up to six words",
# stops it before the verb that follows (»senest fire dage efter udskrivningen fra sygehus
# informere borgeren«) and carries it across a list of genitives or an ordinal (»den indhentende
# læges, tandlæges eller jordemoders afslutning af behandlingen«, »udløbet af 12. svangerskabsuge«).
_PREPOSITIONS = {"af", "i", "på", "hos", "til", "fra", "ved", "om", "med", "under", "for", "mellem", "over"}
_DETERMINERS = {"den", "det", "de", "en", "et", "denne", "dette", "disse", "hver", "hvert", "sin", "sit", "sine"}
_NOT_A_HEAD = {"skal", "kan", "bør", "må", "vil", "er", "har", "bliver", "sker", "og", "eller", "at", "jf",
               "som", "der", "senest", "samt"}
_ANCHOR_WORD = re.compile(r"[ \t]*(\d+\.(?=\s+[\wæøå])|(?:stk|pkt|nr)\.|[\wæøå§][\wæøå§\-]*)", re.I)
_GENITIVE_LIST = re.compile(r"(?:,\s+[\wæøå\-]+s)*\s+(?:og|eller)\s+[\wæøå\-]+s\b", re.I)
_ADJECTIVE = re.compile(r"\w+(?:iske?|ige?|lige?|ende)$")         # also without an article: »kirurgisk behandling«
# comparatives before a noun (»inden fastsættelse af nærmere regler«)
_COMPARATIVES = {"nærmere", "yderligere", "senere", "tidligere", "længere", "flere"}
_ADJECTIVE_AFTER_ARTICLE = re.compile(r"\w+(?:e|t|sk)$")     # »den nyvalgte«, »en behørigt udformet«
_CLAUSE_END = re.compile(r"[;:]|,?\s+jf\.|\.(?=\s+[A-ZÆØÅ§]|\s*$)")
# »i det år, hvor …«: a demonstrative that points to a relative clause the phrase cannot hold
_CATAPHORIC = re.compile(r",\s+(?:hvor|som|der)\b", re.I)
_NEXT_PREPOSITION = re.compile(r"\s+(?:som\s+nævnt\s+)?(?:" + "|".join(sorted(_PREPOSITIONS)) + r")\s", re.I)


def _genitive(low: str, in_run: bool) -> bool:
    # a definite genitive (»patientens«, »regionsrådets«, »sundhedsaftalernes«) anywhere; an
    # indefinite one in -es after an article or adjective (»den nyvalgte kommunalbestyrelses«):
    # a final s is as often the noun's own (»et regionalt sygehus«)
    return len(low) >= 4 and (low.endswith(("ens", "ets", "nes")) or (in_run and low.endswith("es")))


def _modifier(low: str, following: str | None, in_run: bool, previous: str | None) -> bool:
    if following is None or following in _PREPOSITIONS or following in _NOT_A_HEAD:
        return False                                    # the last word before a break is the head
    if low in _DETERMINERS or low in _COMPARATIVES or re.fullmatch(r"\d+\.", low) or _genitive(low, in_run):
        return True
    # a word in -e/-t/-sk is an adjective right after the article or an -igt adverb (»en behørigt
    # udformet«), a noun after an adjective (»den endelige vedtagelse forelægges …«: the head is
    # »vedtagelse«, not the verb after it)
    after_article = previous in _DETERMINERS or (previous or "").endswith("igt")
    return bool(_ADJECTIVE.fullmatch(low)) or (in_run and after_article and bool(_ADJECTIVE_AFTER_ARTICLE.fullmatch(low)))


_COORDINATED_ACT = re.compile(r"\s+(?:og|eller)\s+[\wæøå]+(?:else|ning|tion|sion)(?:en|n)?\b", re.I)


def _anchor_end(text: str, pos: int) -> int:
    """Where the noun phrase naming a deadline's event, starting at ``pos``, ends (``pos`` if none)."""
    if re.match(r"at\s", text[pos:pos + 3], re.I):   # a clause (»efter at en person … har henvendt sig«)
        m = _CLAUSE_END.search(text, pos)
        return m.start() if m else len(text.rstrip())
    end, k, phrases = pos, pos, 0
    while phrases < 4:
        in_run, head, start, previous = False, None, k, None
        while head is None:
            m = _ANCHOR_WORD.match(text, k)
            if not m or m.group(1).lower() in _NOT_A_HEAD:
                return end
            low = m.group(1).lower()
            nxt = _ANCHOR_WORD.match(text, m.end())
            following = nxt.group(1).lower() if nxt else None
            if _genitive(low, in_run) and (listed := _GENITIVE_LIST.match(text, m.end())):
                in_run, k = True, listed.end()                  # »læges, tandlæges eller jordemoders«
            elif _modifier(low, following, in_run, previous):
                in_run, k = True, m.end()
            else:
                head = m
            previous = low
        article = text[start:head.start()].split()[:1]
        if phrases and article and article[0].lower() in ("den", "det", "de") and _CATAPHORIC.match(text, head.end()):
            return end
        end, phrases = head.end(), phrases + 1
        if co := _COORDINATED_ACT.match(text, end):
            end = co.end()      # »udarbejdelse og revision af praksisplanen«: two acts, one object
        m = _NEXT_PREPOSITION.match(text, end)
        if not m:
            return end
        k = m.end() - 1
    return end


def find_deadline(text: str, offset_base: int = 0) -> dict | None:
    best = None
    for kind, rx in DEADLINE_PATTERNS:
        m = rx.search(text)
        # the earliest phrase; at the same place the longer (fuller) reading
        if not m or (best and (m.start(), -len(m.group(0))) >= (best[0].start(), -len(best[0].group(0)))):
            continue
        best = (m, kind)
    if not best:
        return None
    m, kind = best
    g = m.groupdict()
    stop = m.start() + len(m.group(0).rstrip())
    if kind in ("offset", "event") and g.get("anchor") is not None:
        a = m.start("anchor")
        g["anchor"] = text[a:_anchor_end(text, a)] or (g["anchor"] if kind == "event" else None)
        stop = max(stop, a + len(g["anchor"] or ""))
    d = {"text": text[m.start():stop].strip(), "kind": "deadline", "anchor": None, "offset": None, "date": None,
         "start": m.start() + offset_base, "end": stop + offset_base}
    if kind == "date":
        month = MONTH_NUMBER[g["month"].lower()]
        day = int(g["day"])
        # a day that does not exist (»31. juni«) keeps its text and gets no date
        if g.get("year"):
            d["date"] = iso_date(g["year"], month, day) or None
        elif iso_date(2000, month, day):                # a leap year: »29. februar« recurs
            d["date"] = f"--{month:02d}-{day:02d}"      # recurring date (XML Schema gMonthDay)
        if g.get("anchor"):
            d["anchor"] = g["anchor"].strip()
    elif kind == "end-of":
        year = int(g["year"])
        if g.get("month"):
            month = MONTH_NUMBER[g["month"].lower()]
            d["date"] = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        else:
            d["date"] = f"{year:04d}-12-31"
    elif kind == "offset":
        num = _num(g["num"])
        if num is None:
            return None
        dur = _duration(num, g["unit"])
        if g.get("dir") and g["dir"].lower().startswith(("før", "forud")):
            dur = "-" + dur
        d["offset"] = dur
        if g.get("anchor"):
            d["anchor"] = g["anchor"].strip()
    elif kind == "end-of-month":
        month = MONTH_NUMBER[g["month"].lower()]
        d["date"] = f"--{month:02d}-{calendar.monthrange(2001, month)[1]:02d}"    # recurring: the month's last day
        if g.get("anchor"):
            d["anchor"] = g["anchor"].strip()
    elif kind == "set":
        d["anchor"] = g["anchor"].strip() or None        # a deadline someone else sets
    elif kind == "asap":
        d["offset"] = "P0D"                 # as soon as possible: no date, no grace
    elif kind in ("event", "same", "clause"):
        d["anchor"] = g["anchor"].strip()
    return d


def same_period(deadline: dict, text: str, base: int = 0) -> dict:
    """»inden for samme måned« lasts as long as the phrase before it in ``text`` with that unit
    (»Såfremt det ikke er muligt at udrede personen inden for 1 måned, … skal regionsrådet inden
    for samme måned …«): its duration and event, or the deadline as it was without one."""
    said = deadline["text"].lower().split()
    if said[:2] != ["inden", "for"] or "samme" not in said:
        return deadline
    unit = said[-1]
    before = [m for m in _OFFSET.finditer(text, 0, max(0, deadline["start"] - base))
              if UNITS.get(m.group("unit").lower()) == UNITS.get(unit)]
    if not before or (num := _num(before[-1].group("num"))) is None:
        return deadline
    return {**deadline, "offset": _duration(num, unit), "anchor": None}


_CONDITION = re.compile(r"\b(?:" + "|".join(sorted(CONDITIONAL)) + r")\b", re.I)


# a condition put first with its verb first: »Kan bopælsregionen … ikke inden for 1 måned tilbyde
# …, kan personen vælge …« (capitalised: it opens the sentence)
_VERB_FIRST = re.compile(r"(?:(?:§\s*\d+\s*[a-z]?|Stk\.\s*\d+)\.\s+)?(?:Kan|Skal|Må|Bør|Vil)\b")
_MAIN_CLAUSE = re.compile(r",\s+(?:kan|skal|må|bør|vil|[a-zæøå]{3,}er)\b")   # »…, kan personen«, »…, tilkendegiver styrelsen«


def in_condition(text: str, start: int) -> bool:
    """Does the phrase at ``start`` lie in a conditional clause that no comma has closed before
    it? »…, hvis kommunalbestyrelsen ikke inden for 7 dage efter udskrivning … kan tilbyde …«:
    that deadline is the condition's, not the duty's (»…, hvis patienten ønsker det, hurtigst
    muligt meddele …« is the duty's). A condition put first with its verb first (»Kan
    bopælsregionen … ikke inden for 1 måned tilbyde …, kan personen vælge …«) lasts until the
    main clause's modal."""
    first = _VERB_FIRST.match(text, len(text) - len(text.lstrip()))
    if first and first.end() <= start and not _MAIN_CLAUSE.search(text, first.end(), start):
        return True
    opened = [m.end() for m in _CONDITION.finditer(text, 0, start)]
    return bool(opened) and "," not in text[opened[-1]:start]


def find_frequency(text: str, offset_base: int = 0) -> dict | None:
    for rx in FREQ_PATTERNS:
        m = next((m for m in rx.finditer(text) if not (m.groupdict().get("adv") and not m.groupdict().get("num")
                                                       and _DEFINITE_BEFORE.search(text, 0, m.start()))), None)
        if not m:
            continue
        g = m.groupdict()
        count: float | int | None = 1
        if g.get("num"):
            count = _num(g["num"])
        elif (g.get("adv") or "").lower() == "løbende":
            count = None                      # continuously: no count per period
        per_word = (g.get("per") or g.get("adv") or "").lower()
        per = PER.get(per_word, per_word or None)
        every = None
        if g.get("every"):
            every = {"andet": 2, "tredje": 3, "fjerde": 4}.get((g.get("nth") or "").lower(), 1)
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out = {"text": m.group(0).strip(), "kind": "frequency", "count": count, "per": per,
               "minimum": bool(g.get("min")) and g["min"].lower() not in ("højst", "op til"),
               "start": s + offset_base, "end": m.end() + offset_base}
        if every and every > 1:
            out["every"] = every
        return out
    return None
