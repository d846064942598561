"""Metadata from a document's text: type, identifiers with ELI, act, period, region, dates."""

from aftalegraf.ingest.metadata import act_name, describe, find_period, legislation_issuer, normalise_period


def test_retsinformation_header():
    raw = "Bekendtgørelse om sundhedsklynger\nBEK nr 1248 af 05/09/2022\nhttps://www.retsinformation.dk/eli/lta/2022/1248\n\n§ 1. x\n"
    info = describe(raw, raw)
    assert info.type == "bekendtgørelse"
    assert info.identifier == "BEK nr 1248 af 05/09/2022"
    assert info.eli == "https://www.retsinformation.dk/eli/lta/2022/1248"
    assert info.date == "2022-09-05" and info.meta == {"number": 1248, "year": 2022}
    assert info.title == "Bekendtgørelse om sundhedsklynger"


def test_lbk_act_and_vej():
    raw = "Bekendtgørelse af sundhedsloven\nLBK nr 1011 af 17/06/2023\n\n§ 1. x\n"
    info = describe(raw, raw)
    assert info.type == "lovbekendtgørelse" and info.meta["act"] == "sundhedsloven"
    raw = " VEJ nr 9005 af 20/12/2013 Gældende \nMinisteriet for Sundhed og Forebyggelse\n\nVejledning om x og y\n\n1. Indledning\n"
    info = describe(raw, raw)
    assert info.type == "vejledning" and info.eli.endswith("/2013/9005") and info.title == "Vejledning om x og y"
    assert act_name("Lov om ændring af lov om regioner (regionsloven)") == "regionsloven"


def test_banner_header():
    raw = "=====\nBekendtgørelse af sundhedsloven — 2008/95 (2008-02-07) https://www.retsinformation.dk/eli/lta/2008/95/xml\n=====\n§ 203. x\n"
    info = describe("§ 203. x\n", raw)
    assert (info.code, info.number, info.year, info.date) == ("LBK", "95", "2008", "2008-02-07")
    assert info.identifier == "LBK nr 95 af 07/02/2008" and info.meta["act"] == "sundhedsloven"


def test_periods():
    assert normalise_period("2019", "23") == "2019-2023"
    assert find_period("Sundhedsaftalen 2019-23 som pdf") == "2019-2023"
    assert find_period("for Sundhedsaftalen 2015 - 2018") == "2015-2018"


def test_regional_web_page_and_news():
    page = "Hvad er Sundhedsaftalen?\n\nSundhedsaftalen er indgået med Regionsrådet i Region Sjælland.\n\nSe Sundhedsaftalen 2019-23.\n"
    info = describe(page, "Søg\n" + page + "Link til denne side:\n")
    assert (info.type, info.region, info.period, info.issuer) == ("webside", "sjaelland", "2019-2023", "Region Sjælland")
    news = "5 nye sundhedsaftaler\n\nSundhedsstyrelsen har godkendt aftalerne.\n"
    info = describe(news, 'xmlns="http://www.w3.org/2000/svg">\nGå til indhold\n5 nye sundhedsaftaler\n\n23 AUG 2019\n\n' + news)
    assert (info.type, info.date, info.issuer, info.region) == ("nyhed", "2019-08-23", "Sundhedsstyrelsen", "")


def test_draft_agreement_and_guidance():
    draft = "Udkast til politiske visioner og mål for Sundhedsaftalen 2015 - 2018\n\nIndledning\n\nTekst.\n"
    info = describe(draft, draft, cue="attachment")
    assert info.type == "høringsudkast" and info.period == "2015-2018"
    vej = "Vejledning om sundhedsklynger\n\n© Sundhedsstyrelsen, 2023.\n\n1. Indledning\n\nTekst.\n"
    info = describe(vej, vej + "\nHøringsudkast\n")
    assert (info.type, info.issuer, info.year, info.status) == ("vejledning", "Sundhedsstyrelsen", "2023", "høringsudkast")


# the end of an order as retsinformation prints it: the signing ministry and date, the
# minister, the civil servant
SIGNED = """Bekendtgørelse om genoptræningsplaner og om patienters valg af genoptræningstilbud efter udskrivning fra sygehus
BEK nr 918 af 28/06/2018

§ 1. Sygehuset udarbejder en genoptræningsplan.

§ 12. Bekendtgørelsen træder i kraft den 1. august 2018.

Sundheds- og Ældreministeriet, den 28. juni 2018

Ellen Trane Nørby

/ Mikkel Hemmingsen
"""


def test_issuer_of_an_order_from_its_signature():
    info = describe(SIGNED, SIGNED)
    assert info.issuer == "Sundheds- og Ældreministeriet" and info.meta["issuer_from"] == "signature"
    amending = SIGNED.replace("Sundheds- og Ældreministeriet, den 28. juni 2018",
                              "Ministeriet for Sundhed og Forebyggelse, den 13. august 2009")
    assert legislation_issuer(amending) == ("Ministeriet for Sundhed og Forebyggelse", "signature")
    two = amending + "\nIndenrigs- og Sundhedsministeriet, den 5. september 2022\n"
    assert legislation_issuer(two)[0] == "Indenrigs- og Sundhedsministeriet"      # the last one signs


def test_issuer_of_an_act_from_the_minister_it_names():
    raw = ("Bekendtgørelse af sundhedsloven\nLBK nr 1011 af 17/06/2023\n\n"
           "§ 203. Indenrigs- og sundhedsministeren fastsætter regler.\nStk. 2. Justitsministeren kan bestemme.\n"
           "§ 204. Indenrigs- og sundhedsministeren kan fastsætte regler.\n"
           "§ 205. Indenrigs- og sundhedsministeren godkender aftalen.\n")
    info = describe(raw, raw)
    assert info.issuer == "Indenrigs- og Sundhedsministeriet" and info.meta["issuer_from"] == "minister"
    assert legislation_issuer("Ministeren for sundhed og forebyggelse fastsætter. " * 3) == (
        "Ministeriet for Sundhed og Forebyggelse", "minister")
    # named too rarely, or no minister outnumbers the others: no issuer
    assert legislation_issuer("Sundheds-og ældreministeren fastsætter regler. Justitsministeren bestemmer.") == ("", "")
    assert legislation_issuer("Erhvervsministeren. " * 3 + "Justitsministeren. " * 3) == ("", "")
    # an order without signature or minister has none
    assert describe(SIGNED.split("Sundheds- og")[0], SIGNED.split("Sundheds- og")[0]).issuer == ""
