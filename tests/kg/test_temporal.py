import pytest
from kg_helpers import obligations, one

from aftalegraf.kg.temporal import find_deadline, find_frequency, in_condition


@pytest.mark.parametrize("text,expect", [
    ("skal ske senest den 1. juli i valgperiodens andet år", {"date": "--07-01", "anchor": "i valgperiodens andet år"}),
    ("senest 2 år efter ikrafttrædelse", {"offset": "P2Y", "anchor": "ikrafttrædelse"}),
    ("godkende den inden for 8 uger", {"offset": "P8W"}),
    ("inden udgangen af januar 2015", {"date": "2015-01-31"}),
    ("inden udgangen af 2016", {"date": "2016-12-31"}),
    ("senest et halvt år før udløb af aftaleperioden", {"offset": "-P6M"}),
    ("senest den 15. marts 2024", {"date": "2024-03-15"}),
    ("inden for 14 dage efter modtagelsen", {"offset": "P14D", "anchor": "modtagelsen"}),
])
def test_deadlines(text, expect):
    d = find_deadline(text)
    assert d and d["kind"] == "deadline"
    for k, v in expect.items():
        assert d[k] == v, (k, d)
    assert text[d["start"]:d["end"]] == d["text"]


@pytest.mark.parametrize("text,count,per", [
    ("Udvalget skal afholde mindst fire møder om året.", 4, "year"),
    ("som minimum 4 gange årligt", 4, "year"),
    ("én gang årligt gennemgå aftalen", 1, "year"),
    ("mødes to gange om året", 2, "year"),
    ("en gang i valgperioden", 1, "election-period"),
])
def test_frequencies(text, count, per):
    f = find_frequency(text)
    assert f and f["kind"] == "frequency" and f["count"] == count and f["per"] == per


def test_a_definite_yearly_thing_is_no_frequency_of_the_act():
    # BEK 1248/2022 § 9, stk. 2, nr. 6 and sundhedsloven § 133, stk. 5
    assert find_frequency("herunder midler øremærket som led i de årlige økonomiaftaler") is None
    assert find_frequency("fastsætte nærmere regler om den årlige redegørelse") is None
    assert find_frequency("udarbejde en årlig status")["per"] == "year"


def test_none():
    assert find_deadline("Regionsrådet indsender aftalen.") is None
    assert find_frequency("Regionsrådet indsender aftalen.") is None


def test_a_day_that_does_not_exist_keeps_its_text_and_gets_no_date():
    d = find_deadline("senest den 31. juni 2026")
    assert (d["text"], d["date"]) == ("senest den 31. juni 2026", None)
    assert find_deadline("senest den 31. juni")["date"] is None
    assert find_deadline("senest den 29. februar")["date"] == "--02-29"


def test_offset_base():
    d = find_deadline("xx inden for 6 uger", offset_base=100)
    assert d["start"] == 103


@pytest.mark.parametrize("text,expect", [
    ("Praksisplanen skal inden vedtagelsen forelægges for udvalget.", {"anchor": "vedtagelsen"}),
    ("forelægges praksisplanen inden godkendelse i regionsrådet.", {"anchor": "godkendelse i regionsrådet"}),
    ("indsendes senest ved udgangen af januar måned i regionsrådets og kommunalbestyrelsernes valgperiodes første år",
     {"date": "--01-31", "anchor": "i regionsrådets og kommunalbestyrelsernes valgperiodes første år"}),
    ("tilvejebringe de fornødne oplysninger hurtigst muligt", {"offset": "P0D"}),
    ("obduktion inden for 6 timer efter underretningen", {"offset": "PT6H", "anchor": "underretningen"}),
    ("inden for en frist på 35 dage efter modtagelsen af en ansøgning", {"offset": "P35D"}),
    ("indsende den inden for en af Sundhedsstyrelsen fastsat tidsfrist.", {"anchor": "af Sundhedsstyrelsen fastsat"}),
    ("skal finde sted senest inden iværksættelse af behandlingen", {"anchor": "iværksættelse af behandlingen"}),
    ("Kommunalbestyrelsen træffer senest inden den nyvalgte kommunalbestyrelses konstituerende møde i det år, hvor",
     {"anchor": "den nyvalgte kommunalbestyrelses konstituerende møde", "date": None}),
    ("Genoptræningsplanen skal senest udleveres til patienten på udskrivningstidspunktet.",
     {"anchor": "udskrivningstidspunktet"}),
    ("aftalen skal indsendes senest inden den 1. juli", {"date": "--07-01", "anchor": None}),
    ("svar senest inden for 8 uger efter modtagelsen", {"offset": "P8W", "anchor": "modtagelsen"}),
    # BEK 1709/2024 § 23, stk. 3: "senest" before the verb, the time after it
    ("Regnskabet skal senest være kommunen i hænde 6 uger efter anmodningen om sygedagpenge.",
     {"offset": "P6W", "anchor": "anmodningen om sygedagpenge"}),
    ("Senest to år efter ikrafttrædelse af sundhedsaftalerne skal udvalgene indsende en midtvejsstatus",
     {"offset": "P2Y", "anchor": "ikrafttrædelse af sundhedsaftalerne"}),
])
def test_more_deadline_forms(text, expect):
    d = find_deadline(text)
    assert d is not None and {k: d[k] for k in expect} == expect


@pytest.mark.parametrize("text,per,count", [("regionen orienterer løbende klyngerne", "continuous", None),
                                           ("en årlig status til udvalget", "year", 1),
                                           ("skal i hver valgperiode udarbejde en praksisplan", "election-period", 1),
                                           ("revideres hver aftaleperiode", "agreement-period", 1)])
def test_more_frequency_forms(text, per, count):
    f = find_frequency(text)
    assert f is not None and f["per"] == per and f["count"] == count


def test_a_fronted_deadline_is_the_duty_s():
    """"Senest to år efter …, skal X indsende …": the deadline before the modal is the duty's."""
    from kg_docs import make_doc

    from aftalegraf.kg.extract import extract_document

    doc = make_doc("vej-test-frist", "vejledning", [
        ("s1", "section", "1", "1 Status", None),
        ("s1/p1", "paragraph", "", "Senest to år efter ikrafttrædelse af sundhedsaftalerne skal "
                                   "sundhedskoordinationsudvalget indsende en midtvejsstatus til Sundhedsstyrelsen.", "s1"),
    ])
    obs = extract_document(doc).obligations
    assert obs and obs[0].deadline and obs[0].deadline["offset"] == "P2Y"


# the event a deadline counts from is read as a noun phrase (real sentences of the corpus)
@pytest.mark.parametrize("text,anchor", [
    ("skal kommunalbestyrelsen senest fire dage efter udskrivningen fra sygehus informere borgeren om, hvor",
     "udskrivningen fra sygehus"),
    ("Sundhedsstyrelsen, som senest 3 uger efter modtagelsen af praksisplanen yder rådgivning.", "modtagelsen af praksisplanen"),
    ("og senest 6 måneder efter den indhentende læges, tandlæges eller jordemoders afslutning af behandlingen eller "
     "viderehenvisning af patienten, medmindre",
     "den indhentende læges, tandlæges eller jordemoders afslutning af behandlingen eller viderehenvisning af patienten"),
    ("hvis indgrebet kan foretages inden udløbet af 12. svangerskabsuge og væsentligt", "udløbet af 12. svangerskabsuge"),
    ("skal senest 8 hverdage efter ændring af dato for kirurgisk behandling på et regionalt sygehus oplyse patienten",
     "ændring af dato for kirurgisk behandling på et regionalt sygehus"),
    ("inden for en frist på 35 dage efter modtagelsen af en behørigt udformet ansøgning træffe afgørelse",
     "modtagelsen af en behørigt udformet ansøgning"),
    # an adjective after the article (BEK 999/2023 § 30 d; sundhedsloven § 206 a): the noun after it
    # is the head, not the verb that follows
    ("Praksisplanen skal inden den endelige vedtagelse i regionsrådet forelægges sundhedssamarbejdsudvalget.",
     "den endelige vedtagelse i regionsrådet"),
    ("Praksisplanen skal inden den endelige vedtagelse forelægges for Sundhedsstyrelsen, som yder rådgivning.",
     "den endelige vedtagelse"),
    # the rules a minister sets (sundhedsloven § 227, stk. 9; answer_set_p, p02)
    ("Indenrigs- og sundhedsministeren skal inden fastsættelse af nærmere regler efter §§ 8-12 og 72 indhente en "
     "udtalelse", "fastsættelse af nærmere regler"),
    ("skal iværksættes, senest 14 dage efter at en person, som ønsker behandling, har henvendt sig til kommunen. Stk. 7.",
     "at en person, som ønsker behandling, har henvendt sig til kommunen"),
    ("senest 8 hverdage efter at et af rådets sygehuse har udredt en patient, jf. § 82 b, oplyse",
     "at et af rådets sygehuse har udredt en patient"),
])
def test_deadline_event_is_a_noun_phrase(text, anchor):
    d = find_deadline(text)
    assert d["anchor"] == anchor and d["text"].endswith(anchor)


def test_event_of_carrying_out():
    # sundhedsloven § 206, stk. 3
    d = find_deadline("Regionsrådet skal ændre sundhedsplanen forud for gennemførelse af væsentlige ændringer i "
                      "regionens sundhedsvæsen, der ikke er forudsat i planen.")
    assert d["anchor"] == "gennemførelse af væsentlige ændringer i regionens sundhedsvæsen"


def test_event_after_a_genitive():
    # sundhedsloven § 206, stk. 2
    d = find_deadline("Forud for regionsrådets behandling af forslag til sundhedsplan skal regionsrådet indhente "
                      "Sundhedsstyrelsens rådgivning.")
    assert d["anchor"] == "regionsrådets behandling af forslag til sundhedsplan"


def test_a_conditions_deadline_is_not_the_duties():
    # sundhedsloven § 140, stk. 4: the 7 days are the municipality's, in the condition of the person's choice
    text = ("En person, der udskrives fra sygehus med en genoptræningsplan, kan vælge at modtage genoptræningen hos "
            "en privat leverandør, hvis kommunalbestyrelsen ikke inden for 7 dage efter udskrivning fra sygehus kan "
            "tilbyde opstart af genoptræningen.")
    assert in_condition(text, text.index("inden for 7 dage"))
    # § 88, stk. 3: a condition closed by its comma; the deadline after it is the duty's
    text = "skal regionsrådet, hvis patienten ønsker det, hurtigst muligt meddele det til Sundhedsstyrelsen."
    assert not in_condition(text, text.index("hurtigst"))
    obs = obligations("Stk. 4. En person, der udskrives fra sygehus, kan vælge at modtage genoptræningen hos en privat "
                      "leverandør, hvis kommunalbestyrelsen ikke inden for 7 dage efter udskrivning kan tilbyde "
                      "opstart af genoptræningen.", "lovbekendtgørelse")
    assert obs and obs[0].deadline is None


def test_reasonable_time_and_a_definite_yearly_thing():
    # sundhedsloven § 227, stk. 6, and § 132, stk. 2
    d = find_deadline("skal regionsrådet indgå aftale om overdragelse inden for rimelig tid.")
    assert d["text"] == "inden for rimelig tid" and d["anchor"] == "rimelig"
    assert find_frequency("fastsætter nærmere regler for størrelsen af den maksimale årlige betalingstakst") is None
    assert find_frequency("den årlige status og et årligt møde")["text"] == "årligt"


def test_the_same_period_takes_the_duration_named_before_it():
    # sundhedsloven § 82 b, stk. 2
    obs = obligations("Stk. 2. Såfremt det ikke er muligt at udrede personen inden for 1 måned, jf. stk. 1, skal "
                      "regionsrådet inden for samme måned udarbejde en plan for det videre udredningsforløb.",
                      "lovbekendtgørelse")
    assert [o.bearers for o in obs] == [["regionsraad"]]
    assert obs[0].deadline["text"] == "inden for samme måned" and obs[0].deadline["offset"] == "P1M"
    # with no period named before, the phrase keeps its words and claims no duration
    d = find_deadline("skal regionsrådet inden for samme uge svare")
    assert d["anchor"] == "samme uge" and d["offset"] is None


def test_a_deadline_in_an_object_clause_with_its_own_modal_is_that_clauses():
    # sundhedsloven § 105: the deadline is the sterilisation's, not the physician's decision's
    obs = obligations("§ 105. Den behandlende læge kan beslutte, at der kan ske sterilisation før fristens udløb, "
                      "jf. 2. pkt., hvor særlige hensyn taler herfor.", "lovbekendtgørelse")
    assert obs and obs[0].modality == "permission" and obs[0].deadline is None
    # an object clause without a modal of its own keeps the duty's deadline
    ob = obligations("§ 3. Regionsrådet skal sikre, at sundhedsaftalen indsendes senest den 1. juli.")[0]
    assert ob.deadline and ob.deadline["date"] == "--07-01"


def test_events_named_by_a_clause_and_by_the_start_of_an_act():
    # sundhedsloven § 185, stk. 2, § 182, stk. 2, § 57 h, stk. 3
    d = find_deadline("skal afdødes nærmeste, førend obduktion foretages, underrettes om dødsfaldet")
    assert d["text"] == "førend obduktion foretages" and d["anchor"] == "obduktion foretages"
    d = find_deadline("Liget må ikke begraves, brændes eller føres ud af landet, førend dødsattest er udstedt.")
    assert d["anchor"] == "dødsattest er udstedt"
    d = find_deadline("Før igangsættelse af behandlinger, hvor prisen … forventes at overstige 2.500 kr., skal praktiserende "
                      "tandlæger give patienten tilbud om et skriftligt prisoverslag.")
    assert d["anchor"] == "igangsættelse af behandlinger"


def test_a_verb_first_condition_keeps_its_deadline():
    # sundhedsloven § 87: the month is the region's, in the condition of the person's choice
    text = ("Kan bopælsregionen af faglige årsager, jf. § 82 b, ikke inden for 1 måned tilbyde en henvist person "
            "endelig udredning, kan personen vælge at få dele af udredningsforløbet udført på et aftalesygehus.")
    assert in_condition(text, text.index("inden for 1 måned"))
    obs = obligations("§ 87. " + text, "lovbekendtgørelse")
    assert obs and obs[0].modality == "permission" and obs[0].deadline is None
    # § 88, stk. 3: the deadline after the main clause's modal is the duty's
    text = ("Kan regionsrådet ikke tilvejebringe et behandlingstilbud, skal regionsrådet, hvis patienten ønsker det, "
            "hurtigst muligt meddele det til Sundhedsstyrelsen.")
    assert not in_condition(text, text.index("hurtigst"))


def test_the_next_period_and_a_simultaneous_event():
    # sundhedsloven § 64 d, stk. 6, and § 57 j, stk. 4
    d = find_deadline("Undersøgelsen skal så vidt muligt være afsluttet inden den følgende afregningsmåned.")
    assert d["anchor"] == "den følgende afregningsmåned"
    d = find_deadline("skal give regionsrådet meddelelse herom, inden eller samtidig med at flytningen finder sted.")
    assert d["text"] == "inden eller samtidig med at flytningen finder sted" and d["anchor"] == "flytningen finder sted"


def test_a_deadline_in_a_relative_clause_about_another_actor_is_that_actors():
    # BEK 999/2023 § 30 d, stk. 2: the 4 weeks are the Health Authority's, not the council's
    ob = one("Stk. 2. Regionsrådet fremsender udkast til praksisplanen til Sundhedsstyrelsen, som senest 4 uger efter "
             "modtagelsen af praksisplanen yder rådgivning.")
    assert ob.bearers == ["regionsraad"] and ob.deadline is None
    # … and the relative clause is the Health Authority's duty, with its deadline
    obs = obligations("Stk. 2. Regionsrådet fremsender udkast til praksisplanen til Sundhedsstyrelsen, som senest 4 "
                      "uger efter modtagelsen af praksisplanen yder rådgivning.")
    assert [(o.bearers, o.action, o.deadline and o.deadline["offset"]) for o in obs] == [
        (["regionsraad"], "fremsender udkast til praksisplanen til Sundhedsstyrelsen", None),
        (["sundhedsstyrelsen"], "senest 4 uger efter modtagelsen af praksisplanen yder rådgivning", "P4W")]
    # sundhedsloven § 18-2, stk. 6 (2023): a date in the subject's relative clause is no deadline
    ob = one("Stk. 6. En læge, der før den 26. maj 2021 har anmeldt tilknytning til en specialbutik, kan fortsætte en "
             "sådan tilknytning.", "lovbekendtgørelse")
    assert ob.modality == "permission" and ob.deadline is None


def test_events_with_coordinated_genitives_and_acts():
    # sundhedsloven § 210, stk. 2; § 206 a, stk. 2; BEK 257/2014 § 6
    d = find_deadline("Forud for regionsrådets og kommunalbestyrelsens behandling af forslag til sundhedsberedskabsplan "
                      "skal henholdsvis regionsrådet og kommunalbestyrelsen indhente Sundhedsstyrelsens rådgivning.")
    assert d["anchor"] == "regionsrådets og kommunalbestyrelsens behandling af forslag til sundhedsberedskabsplan"
    d = find_deadline("Forud for udarbejdelse og revision af praksisplanen vedrørende almen praksis skal der gennemføres en "
                      "høring blandt kommunerne i regionen")
    assert d["anchor"] == "udarbejdelse og revision af praksisplanen"
    d = find_deadline("indkalder inden udarbejdelsen af udkastet til en sundhedsaftale i hver valgperiode, jf. § 3")
    assert d["anchor"].startswith("udarbejdelsen af udkastet til en sundhedsaftale")
