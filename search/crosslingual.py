"""English questions over Danish texts: the English names of the field's terms (the actors'
English labels from the ontology, plus the words of the health-agreement field below) are
added in Danish, so that BM25 finds the Danish provisions and the embedding gets both."""

from __future__ import annotations

import re

from aftalegraf.kg import api
from aftalegraf.kg.sparql.graphstore import has_graph
from aftalegraf.store import Store

from .danish import looks_english

# The field's words in English -> Danish (what the actor table does not name).
FIELD_WORDS = {
    "health agreement": "sundhedsaftale", "health agreements": "sundhedsaftaler", "agreement": "aftale",
    "submit": "indsende", "submitted": "indsendes", "submits": "indsender", "approve": "godkende", "approves": "godkender",
    "committee": "udvalg",
    "approved": "godkendes", "approval": "godkendelse", "deadline": "frist", "prevention": "forebyggelse",
    "rehabilitation": "genoptræning", "rehabilitation plan": "genoptræningsplan", "discharge": "udskrivning",
    "elderly": "ældre", "chronic": "kronisk", "mental health": "psykiatri", "children": "børn",
    "guidance": "vejledning", "executive order": "bekendtgørelse", "follow up": "følge op", "meet": "mødes",
    "meeting": "møde", "electoral term": "valgperiode", "municipalities": "kommuner", "regions": "regioner",
    "general practitioners": "almen praksis", "hospital": "sygehus", "patients": "patienter",
    # the wider field: care, people, bodies and the words of rules and plans
    "health act": "sundhedsloven", "health care system": "sundhedsvæsenet", "health service": "sundhedsvæsenet",
    "health care": "sundhedsvæsenet", "healthcare": "sundhedsvæsenet", "psychiatry": "psykiatri",
    "child and adolescent psychiatry": "børne- og ungdomspsykiatri", "somatic": "somatisk",
    "referral": "henvisning", "referrals": "henvisninger", "treatment": "behandling", "care": "pleje",
    "nursing": "sygepleje", "medicine": "medicin", "medication": "medicin", "disease": "sygdom",
    "illness": "sygdom", "relatives": "pårørende", "citizens": "borgere", "citizen": "borger",
    "inhabitants": "indbyggere", "residents": "borgere", "members": "medlemmer", "member": "medlem",
    "chair": "formand", "chairman": "formand", "vice chair": "næstformand", "secretariat": "sekretariat",
    "municipal": "kommunal", "cooperation": "samarbejde", "collaboration": "samarbejde",
    "cooperation agreement": "samarbejdsaftale", "targets": "mål", "target": "mål", "goals": "mål",
    "goal": "mål", "objectives": "målsætninger", "quality": "kvalitet", "coherence": "sammenhæng",
    "inequality": "ulighed", "equality": "lighed", "purpose": "formål", "aim": "formål",
    "practice plan": "praksisplan", "telemedicine": "telemedicin",
    "technology": "teknologi", "technological": "teknologi", "research": "forskning", "training": "træning",
    "pregnant": "gravide", "pregnancy": "graviditet", "birth": "fødsel", "dental": "tandpleje",
    "repealed": "ophævet", "entry into force": "ikrafttræden", "enters into force": "træder i kraft",
    "transitional": "overgangsbestemmelse", "hearing": "høring", "consultation": "høring",
    "population": "befolkning", "population responsibility": "populationsansvar", "free of charge": "vederlagsfri",
    "free choice": "frit valg", "annual": "årligt", "annually": "årligt", "every year": "hvert år",
    "midterm": "midtvejsstatus", "mid-term": "midtvejsstatus", "final status": "slutstatus",
    # the Health Act's parts and chapters beyond the agreements (patients' rights, records and
    # data, health insurance, municipal and regional services, medicines, patient safety)
    "set up": "nedsætte", "sets up": "nedsætter", "appoint": "udpege", "appoints": "udpeger",
    "consent": "samtykke", "informed consent": "informeret samtykke", "self-determination": "selvbestemmelse",
    "medical record": "patientjournal", "medical records": "journal", "patient records": "journal",
    "access to records": "aktindsigt", "patient information": "helbredsoplysninger",
    "health information": "helbredsoplysninger", "personal data": "personoplysninger", "pass on": "videregive",
    "disclose": "videregive", "disclosure": "videregivelse", "confidentiality": "tavshedspligt",
    "duty of confidentiality": "tavshedspligt", "adverse events": "utilsigtede hændelser",
    "adverse event": "utilsigtet hændelse", "patient safety": "patientsikkerhed", "complaint": "klage",
    "subsidy": "tilskud", "medicines": "lægemidler", "medicinal product": "lægemiddel", "pharmacy": "apotek",
    "prescription": "recept", "vaccination": "vaccination", "waiting time": "ventetid",
    "free choice of hospital": "frit sygehusvalg", "examination": "undersøgelse", "diagnosis": "udredning",
    "emergency": "akut", "ambulance": "ambulance", "transport": "befordring", "home nursing": "hjemmesygepleje",
    "health visitor": "sundhedsplejerske", "dental care": "tandpleje", "physiotherapy": "fysioterapi",
    "specialist": "speciallæge", "specialised": "specialiseret", "specialized": "specialiseret",
    "health promotion": "sundhedsfremme", "alcohol": "alkohol", "drug abuse": "stofmisbrug",
    "financing": "finansiering", "health insurance": "sygesikring", "organ donation": "organdonation",
    "autopsy": "obduktion", "preparedness": "beredskab", "danish health data authority": "Sundhedsdatastyrelsen",
    "health data authority": "Sundhedsdatastyrelsen",
}


def _plural(phrase: str) -> str:
    """A phrase's last word in the plural: council -> councils, pharmacy -> pharmacies,
    process -> processes."""
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + ("es" if phrase.endswith(("s", "x", "ch", "sh")) else "s")


# the field's words in the plural, once ("pharmacies"; the Danish side is stemmed by the search)
_FIELD_PLURALS: dict[str, str] = {}
for _en, _da in FIELD_WORDS.items():
    _FIELD_PLURALS.setdefault(_plural(_en), _da)


def danish_terms(store: Store, query: str) -> list[str]:
    """The Danish terms for the English ones in ``query`` (longest phrase first), each English
    term also in the plural (»the municipal councils«)."""
    table = dict(FIELD_WORDS)
    actors = [(a["label_en"].lower().removeprefix("the "), a["label"])
              for a in (api.actor_table(store) if has_graph(store) else []) if a.get("label_en")]
    for en, da in actors:
        table.setdefault(en, da)
    for en, da in _FIELD_PLURALS.items():
        table.setdefault(en, da)
    for en, da in actors:
        table.setdefault(_plural(en), da)
    text = " " + re.sub(r"[^\w\s-]", " ", query.lower()) + " "
    out = []
    for en in sorted(table, key=len, reverse=True):
        if f" {en} " in text:
            out.append(table[en])
            text = text.replace(f" {en} ", " ")
    return out


# English legal references in the Danish form the index tokenises ("section 146" -> "§ 146")
_REFERENCES = [(re.compile(r"\bsections?\s+(\d+\s*[a-z]?)\b", re.I), r"§ \1"),
               (re.compile(r"\bsubsections?\s+(\d+)\b", re.I), r"stk. \1")]


def for_index(store: Store, query: str) -> str:
    """The query the Danish index is asked: an English question with its Danish terms added."""
    if not looks_english(query):
        return query
    terms = danish_terms(store, query)
    for rx, danish in _REFERENCES:
        terms += [m.expand(danish).strip() for m in rx.finditer(query)]
    return f"{query} {' '.join(terms)}" if terms else query
