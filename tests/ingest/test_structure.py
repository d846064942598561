"""Provision trees from normalised text (fixtures in code)."""

from aftalegraf.ingest.clean import clean_text
from aftalegraf.ingest.structure import parse

LEGAL = """Bekendtgørelse om x
BEK nr 1 af 01/01/2020
https://www.retsinformation.dk/eli/lta/2020/1

Kapitel 1
Anvendelsesområde

§ 1. Regionsrådet opretter et udvalg.
Stk. 2. Udvalgets opgaver er: 1) at sætte retning, 2) at følge op, og 3) at rapportere.

§ 5 a. Kommunen skal deltage.
1) første punkt
2) andet punkt

Kapitel 2 Ikrafttræden

§ 6. Bekendtgørelsen træder i kraft den 1. juli 2020.
"""


def _check(text, provs):
    for p in provs:
        assert text[p.start:p.end] == p.text, p.id
    assert len({p.id for p in provs}) == len(provs)


def test_legal_tree():
    provs = parse(LEGAL, "bek-2020-1", "legal")
    _check(LEGAL, provs)
    by = {p.id.split("/", 1)[1]: p for p in provs}
    assert by["pre1"].kind == "preamble" and "BEK nr 1" in by["pre1"].text
    assert by["kap1"].title == "Anvendelsesområde" and by["kap1"].text == "Kapitel 1\nAnvendelsesområde"
    assert by["p1"].parent_id == "bek-2020-1/kap1" and by["p1"].path == ["Kapitel 1 Anvendelsesområde"]
    assert by["p1/stk2"].label == "Stk. 2" and by["p1/stk2"].path == ["Kapitel 1 Anvendelsesområde", "§ 1"]
    assert [by[f"p1/stk2/nr{i}"].text for i in (1, 2, 3)] == ["1) at sætte retning,", "2) at følge op, og", "3) at rapportere."]
    assert by["p5a"].label == "§ 5 a" and by["p5a/nr2"].text == "2) andet punkt"
    assert by["kap2"].title == "Ikrafttræden" and by["p6"].parent_id == "bek-2020-1/kap2"


GUIDE = """Vejledning om noget

Indholdsfortegnelse

1. Indledning\t3
2. Samarbejde\t4

1. Indledning

Formålet med vejledningen er at beskrive rammerne.

1.1. Ændringer i forhold til tidligere vejledning

Vejledningen er tilrettet på baggrund af ændringer.

2. Samarbejde

Sundhedsklyngerne omfatter følgende:

- Sundhedsklynger omkring akutsygehuse
- Sundhedssamarbejdsudvalget i hver region

Data om populationen

Det er vigtigt med data.

| Politisk niveau | Faglig strategisk niveau |
| Sætte retning | Tage hånd om borgerne |

2.1 Sundhedsklynger

Der er 21 klynger.

2.1.1 Deltagere

Deltagerne er mange.

3. Ikke en overskrift fordi 2.2 mangler ikke

Tekst.
"""


def test_guidance_tree():
    provs = parse(GUIDE, "vej", "plain", "vejledning")
    _check(GUIDE, provs)
    by = {p.id.split("/", 1)[1]: p for p in provs}
    sections = [p.label for p in provs if p.kind == "section"]
    assert sections == ["1", "1.1", "2", "2.1", "2.1.1", "3"]
    assert by["pre1"].kind == "preamble"
    assert not any("\t" in p.text for p in provs)                       # table of contents skipped
    assert by["s1.1"].path == ["1. Indledning"] and by["s1.1"].parent_id == "vej/s1"
    assert by["s1/p1"].text.startswith("Formålet")
    lst = by["s2/l1"]
    assert lst.kind == "list" and lst.text.startswith("Sundhedsklyngerne omfatter følgende:\n\n- Sundhedsklynger")
    assert [by[f"s2/l1/i{i}"].kind for i in (1, 2)] == ["item", "item"]
    assert by["s2/h1"].kind == "heading" and by["s2/h1/p1"].path == ["2. Samarbejde", "Data om populationen"]
    assert by["s2/h1/t1"].kind == "table" and by["s2/h1/t1/r2"].text == "| Sætte retning | Tage hånd om borgerne |"
    assert by["s2.1.1"].path == ["2. Samarbejde", "2.1 Sundhedsklynger"]


def test_numbered_list_lines_and_agenda_subitems_are_not_sections():
    text = clean_text(
        " 1. GODKENDELSE AF DAGSORDEN \n\nBESLUTNING \n\n 2. HØRING OVER AFTALEN \n\nSAGSFREMSTILLING \nTekst om sagen. \n\n"
        "BILAGSFORTEGNELSE \n1. Høringsbrev \n2. Høringsudkast \n3. Høringsparter \n\n"
        "1. Samarbejde om medicin \nMange borgere oplever hændelser med medicin. \n"
    )
    provs = parse(text, "d", "plain", "dagsorden")
    _check(text, provs)
    assert [p.label for p in provs if p.kind == "section"] == ["1", "2"]
    lists = [p for p in provs if p.kind == "list"]
    assert len(lists) == 1 and lists[0].text.count("\n") == 2
    heads = [p.title for p in provs if p.kind == "heading"]
    assert "1. Samarbejde om medicin" in heads and "BESLUTNING" in heads


def test_goals_numbered_and_bulleted():
    text = clean_text(
        "Sammenhæng og kvalitet\n\nI aftaleperioden vil vi sætte særligt politisk fokus på:\n\n \n\n"
        "Målsætninger  1) At borgerne sikres samme høje kvalitet i forebyggelse, \nbehandling og pleje  \n\n"
        "2) At færre borgere indlægges på hospital  \n\nVores vision er:  \n\nAt borgeren oplever høj kvalitet \n\n"
        "Regionens og kommunernes fælles målsætning er at styrke samarbejdet indenfor områderne: \n\n"
        "  • FÆLLES OM BORGERENS LIVSUDFORDRINGER\n  • MENTAL SUNDHED OG PSYKISK TRIVSEL\n"
        "Disse målsætninger skal leve op til de nationale mål:\n  • FLERE SUNDE LEVEÅR\n  • BEDRE SAMMENHÆNGENDE PATIENTFORLØB\n"
    )
    provs = parse(text, "a", "plain", "sundhedsaftale")
    _check(text, provs)
    goals = [p for p in provs if p.kind == "goal"]
    assert [g.text for g in goals[:2]] == [
        "1) At borgerne sikres samme høje kvalitet i forebyggelse, behandling og pleje",
        "2) At færre borgere indlægges på hospital",
    ]
    assert goals[0].id == "a/g1" and goals[0].path == ["Sammenhæng og kvalitet"]
    assert [g.text for g in goals[2:]] == ["- FÆLLES OM BORGERENS LIVSUDFORDRINGER", "- MENTAL SUNDHED OG PSYKISK TRIVSEL"]
    vision = [p for p in provs if p.text.startswith("Vores vision er:")]
    assert vision and vision[0].text.endswith("At borgeren oplever høj kvalitet")
    national = [p for p in provs if p.kind == "item" and "LEVEÅR" in p.text]
    assert national, "national goals are list items, not the agreement's goals"


def test_markdown_layout():
    text = "# Sundhedsaftale 2019-2023\n\n## 1. Vision\n\nVi vil noget.\n\n## 2. Mål\n\n### Ældre\n\n- at færre indlægges\n- at flere trives\n"
    provs = parse(text, "m", "marked", "sundhedsaftale")
    _check(text, provs)
    kinds = {p.id.split("/", 1)[1]: p.kind for p in provs}
    assert kinds["s1"] == "section" and kinds["s2"] == "section" and kinds["s2/h1"] == "heading"
    assert kinds["s2/h1/l1"] == "list"


# Excerpts of the corpus (the Region Hovedstaden hearing letter of 9 April 2014, VEJ 9005/2013's
# signature and reference list, Sundhedsstyrelsen's and Region Sjælland's web pages) as
# cleaning leaves them: one unit per line, blank lines between.
LETTER = """Hillerød den 9. april 2014

Ref. Winnie Brandt

Til

Høringsparterne jf. vedlagte bilag

Høring vedr. Sundhedsaftale 2015 – 2018 mellem Region Hovedstaden og kommunerne i regionen.

Sundhedskoordinationsudvalget sender hermed udkastet i høring.

Med venlig hilsen

På vegne af Sundhedskoordinationsudvalget

Per Seerup Knudsen / Ninna Thomsen

Formand Næstformand

Bilag: 1. Høringsudkast til politiske visioner og mål for Sundhedsaftalen 2015-2018

Indsatsområder i aftaleperioden

Vi vil afprøve nye modeller for samarbejde.
"""

GUIDANCE_END = """Sundhedsaftalen skal være indsendt senest den 1. juli.

Sundhedsstyrelsen, den 20. december 2013

Jette Jul Bruun

/ Bente Møller

Bilag 1

Referencer

Sundhedsaftalen tager udgangspunkt i gældende lovgivning.

Faglige vejledninger og anbefalinger

- Digitalisering med effekt – National strategi for digitalisering af sundhedsvæsenet 2013-2017, Regeringen, KL og Danske

Regioner, 2013

- National handlingsplan for udbredelse af telemedicin, Regeringen, KL og Danske Regioner, 2012

Andet

- Analyse af mulighederne for at skabe sammenlignelige data
"""

WEB = """Sundhedsaftaler

Sundhedsaftaler er politiske aftaler mellem regioner og kommuner.

Se Sundhedsstyrelsens vejledning om sundhedskoordinationsudvalg og sundhedsaftaler

Sundhedsstyrelsens vejledning

Sundhedsstyrelsen sætter rammen for arbejdet med sundhedsaftaler. Eller

Se sundhedsaftalerne for 2019-2023 her:

Sundhedsaftaler

Region Syddanmark – Sundhedsaftale 2019-2023

Region Hovedstaden – Sundhedsaftale 2019-2023

Region Midtjylland – Sundhedsaftale 2019-2023

Region Sjælland – Sundhedsaftale 2019-2023

Fælles om bedre sundhed er visionen for samarbejdet.

Sundhedsaftalen omfatter fire visioner, som gælder for

Borgere i alle 17 kommuner

Eller hent Sundhedsaftalen 2019-23 som pdf

Økonomi og kapacitet

Mere sundhed for de samme penge er et af målene.
"""


def _headings(text, doc_type="høringsbrev"):
    provs = parse(text, "x", "plain", doc_type)
    _check(text, provs)
    return [p.title for p in provs if p.kind == "heading"]


def test_letter_parts_are_not_headings():
    # dateline, reference, addressee, closing, signature, a list of appendices after a colon
    assert _headings(LETTER) == ["Indsatsområder i aftaleperioden"]


def test_signature_and_wrapped_reference_are_not_headings():
    # the signature's dateline and names are no headings; "Regioner, 2013" is the wrapped end
    # of the reference above it; "Bilag 1", "Referencer" and the reference groups are
    assert _headings(GUIDANCE_END, "vejledning") == ["Bilag 1", "Referencer", "Faglige vejledninger og anbefalinger", "Andet"]


def test_link_lists_and_continuations_are_not_headings():
    # a call to action ("Se …", "Eller hent …"), a run of link titles with no text between
    # them (only the first heads them), a line that continues a sentence left open
    assert _headings(WEB, "webside") == ["Sundhedsaftaler", "Sundhedsstyrelsens vejledning", "Sundhedsaftaler",
                                          "Økonomi og kapacitet"]


def test_headings_still_found_in_guidance():
    text = "Udkast til politiske visioner og mål for Sundhedsaftalen 2015 - 2018\n\nIndledning\n\n" \
           "Mange borgere har behov for hjælp fra flere sektorer.\n\nFire politiske visioner\n\n" \
           "Vi vil arbejde for sammenhæng.\n\nORGANISERING\n\nTema 2: Forebyggelse\n\nKommunerne forebygger.\n"
    assert _headings(text, "høringsudkast") == ["Udkast til politiske visioner og mål for Sundhedsaftalen 2015 - 2018",
                                                "Indledning", "Fire politiske visioner", "ORGANISERING",
                                                "Tema 2: Forebyggelse"]
