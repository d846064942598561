"""Rule families of the deontic extraction, on sentences written for the tests."""

import pytest
from kg_helpers import obligations, one


def keys(o):
    return set(o.bearers)


@pytest.mark.parametrize("text,bearers,modality,action_start", [
    ("Patientinddragelsesudvalget skal afholde mindst to møder om året.", {"patientinddragelsesudvalg"}, "obligation", "afholde"),
    ("Kommunalbestyrelsen er forpligtet til at oplyse borgeren om valget.", {"kommunalbestyrelse"}, "obligation", "at oplyse"),
    ("Det påhviler regionsrådet at offentliggøre planen.", {"regionsraad"}, "obligation", "at offentliggøre"),
    ("Sundhedsklyngen er ansvarlig for opfølgningen.", {"sundhedsklynge"}, "obligation", "opfølgningen"),
    ("Regionen har ansvaret for sekretariatet.", {"region"}, "obligation", "sekretariatet"),
    ("Praksisplanudvalget bør inddrage kommunerne tidligt.", {"praksisplanudvalg"}, "recommendation", "inddrage"),
    ("Kommunerne kan indgå aftaler om fælles tilbud.", {"kommune"}, "permission", "indgå"),
    ("Sundhedsrådet har mulighed for at nedsætte arbejdsgrupper.", {"sundhedsraad"}, "permission", "at nedsætte"),
    ("Regionsrådet må ikke overdrage opgaven.", {"regionsraad"}, "prohibition", "overdrage"),
    ("Styrelsen for Patientsikkerhed kan ikke dispensere fra kravet.", {"styrelsen-for-patientsikkerhed"}, "prohibition", "dispensere"),
    ("Kommunalbestyrelsen skal ikke indhente samtykke.", {"kommunalbestyrelse"}, "prohibition", "indhente"),
    ("Regionsrådet og kommunalbestyrelserne i regionen skal udarbejde en fælles plan.",
     {"regionsraad", "kommunalbestyrelse"}, "obligation", "udarbejde"),
    ("Sundhedsstyrelsen, regionerne og PLO skal mødes årligt.", {"sundhedsstyrelsen", "region", "plo"}, "obligation", "mødes"),
])
def test_cues(text, bearers, modality, action_start):
    o = one(text)
    assert keys(o) == bearers and o.modality == modality
    assert o.action.startswith(action_start)
    assert not o.carried


def test_normative_present_tense():
    o = one("§ 3. Kommunalbestyrelsen offentliggør aftalen på sin hjemmeside.")
    assert keys(o) == {"kommunalbestyrelse"} and o.modality == "obligation" and o.cue == "present"
    o = one("Stk. 2. Regionen sekretariatsbetjener praksisplanudvalget.")
    assert keys(o) == {"region"} and o.action.startswith("sekretariatsbetjener")


def test_descriptive_present_is_not_an_obligation():
    assert obligations("Sundhedsklyngen består af repræsentanter for regionen og kommunerne.") == []
    assert obligations("Sundhedsstyrelsen er en styrelse under ministeriet.") == []


def test_entering_an_agreement_is_a_duty_being_part_of_something_is_not():
    o = one("§ 205. Regionsrådet og kommunalbestyrelserne i regionen indgår en sundhedsaftale om varetagelsen af opgaver.")
    assert keys(o) == {"regionsraad", "kommunalbestyrelse"} and o.cue == "present" and o.action.startswith("indgår")
    assert obligations("Kommunalbestyrelserne indgår i sundhedsklyngens arbejde.") == []


def test_what_an_agreement_is_for_is_no_duty_what_it_must_contain_is():
    assert obligations("Sundhedsaftalen skal medvirke til en entydig arbejdsdeling.", "vejledning") == []
    assert obligations("Aftalen bør derudover understøtte, at sundhedstilbud gøres tilgængelige.", "vejledning") == []
    o = one("Sundhedsaftalen skal både omfatte borgere med somatiske og psykiske sygdomme.", "bekendtgørelse")
    assert keys(o) == {"parterne"} and o.modality == "obligation"


def test_named_councils_are_the_councils():
    o = one("Regionsrådene for Region Nordjylland, Region Midtjylland og Region Hovedstaden sikrer, at der nedsættes et udvalg.")
    assert keys(o) == {"regionsraad"}
    o = one("Regionsrådet og kommunalbestyrelserne i regionen skal indgå en aftale.")
    assert keys(o) == {"regionsraad", "kommunalbestyrelse"}


def test_a_modal_in_the_question_a_rule_answers_is_no_duty():
    obs = obligations("Sundheds- og ældreministeren fastsætter nærmere regler om, hvilke oplysninger regionsråd, "
                      "kommunalbestyrelser, herunder alment praktiserende læger, og de personer, der driver sygehuse "
                      "m.v., skal give til myndighederne.", "lovbekendtgørelse")
    assert [(o.cue, tuple(o.bearers)) for o in obs] == [("present", ("sundhedsminister",))]


@pytest.mark.parametrize("text,doc_type", [
    ("En digital ansøgning anses for at være kommet frem, når den er tilgængelig for Lægemiddelstyrelsen.", "lovbekendtgørelse"),
    ("5 nye sundhedsaftaler skal sikre det gode samarbejde på tværs af sundhedsvæsenet", "nyhed"),
    ("Regionens faglige ekspertise skal komme det samlede sundhedsvæsen til gode.", "høringsudkast"),
    ("Det kan til orientering oplyses, at vi også planlægger en høring.", "høringsbrev"),
])
def test_definitions_descriptions_and_notices_are_no_duties(text, doc_type):
    assert obligations(text, doc_type) == []


@pytest.mark.parametrize("text,doc_type", [
    ("Den kommende sundhedsaftale skal bestå af en politisk del og en administrativ del.", "høringsbrev"),
    ("Disse fire målsætninger medvirker til, at aftalen skal leve op til de nationale mål:", "webside"),
    ('"De fælles mål skal nu bruges til at udvikle konkrete indsatser", siger Tanja Popp.', "nyhed"),
])
def test_composition_effects_and_quotations_are_no_duties(text, doc_type):
    assert obligations(text, doc_type) == []


@pytest.mark.parametrize("text", [
    "Regionsrådet yder tilskud. Taksten pris- og lønreguleres på samme måde som bloktilskuddet til regionerne.",
    "Regionsrådet yder tilskud. Beløbsgrænserne afrundes nedad til nærmeste hele kronebeløb.",
    "Formandskabet udgøres af regionsrådsformanden og en borgmester.",
])
def test_how_an_amount_is_worked_out_is_no_duty(text):
    assert [o for o in obligations(text) if o.cue == "present" and o.passive] == []


def test_modal_after_an_or_group_is_the_groups_not_a_present_tense_duty():
    obs = obligations("Ministeren eller den myndighed, som ministeren henlægger sine beføjelser til, kan udtage prøver.")
    assert [(o.modality, o.cue) for o in obs] == [("permission", "kan")]


def test_passive_permission_names_no_one_it_is_not_guessed_from_the_sentence_before():
    obs = obligations("Regionsrådet skal oplyse patienten om retten. "
                      "Genetiske oplysninger, der er udledt af materiale, kan videregives til en forsker.")
    assert [(o.modality, tuple(o.bearers)) for o in obs] == [("obligation", ("regionsraad",)), ("permission", ())]


def test_the_subject_before_a_relative_clause_is_the_bearer_not_the_actor_before():
    obs = obligations("Ministeren fastsætter regler om tilskud. § 57 e. Praktiserende tandlæger, der ønsker at yde "
                      "tandlægehjælp, hvortil der ydes tilskud af regionsrådet, jf. § 64 b, skal skriftligt meddele "
                      "dette til regionsrådet.")
    assert [(o.cue, tuple(o.bearers)) for o in obs] == [("present", ("sundhedsminister",)), ("skal", ("tandlaege",))]
    obs = obligations("Ministeren fastsætter regler. En sundhedsperson, der som led i sin faglige virksomhed bliver "
                      "opmærksom på en utilsigtet hændelse, skal rapportere hændelsen til regionen.")
    assert [tuple(o.bearers) for o in obs] == [("sundhedsminister",), ("sundhedsperson",)]
    obs = obligations("Ministeren fastsætter regler. Sygehusenheder, klinikker, praksisser og andre behandlingssteder, "
                      "hvor sundhedspersoner udøver behandling, skal lade sig registrere.")
    assert [tuple(o.bearers) for o in obs] == [("sundhedsminister",), ()]
    obs = obligations("Ministeren fastsætter regler. Er den gravide under 18 år, skal forældremyndighedens indehaver "
                      "samtykke i anmodningen.")
    assert [tuple(o.bearers) for o in obs] == [("sundhedsminister",), ()]


@pytest.mark.parametrize("text,doc_type,expect", [
    ("I Sundhedskoordinationsudvalget har vi et stort ønske om, at sundhedsaftalen skal udarbejdes i bred dialog.",
     "høringsbrev", []),
    ("I det omfang sundhedsaftalen skal revideres, udarbejder udvalget et revideret udkast.", "bekendtgørelse", []),
    ("Det er udvalgets opgave at udarbejde et udkast, mens den endelige aftale skal godkendes af regionsrådet og af "
     "kommunalbestyrelserne i regionen.", "dagsorden", [("obligation", ("regionsraad", "kommunalbestyrelse"))]),
    ("Forud for indhentning af samtykket skal den behandlende sundhedsperson informere patienten om retten.",
     "lovbekendtgørelse", [("obligation", ("sundhedsperson",))]),
    ("Hvis Lægemiddelstyrelsen finder, at der foreligger særlige forhold, skal Lægemiddelstyrelsen tilbyde en anden måde.",
     "lovbekendtgørelse", [("obligation", ("laegemiddelstyrelsen",))]),
])
def test_wishes_conditions_repeated_agents_adjectives_and_named_agencies(text, doc_type, expect):
    assert [(o.modality, tuple(o.bearers)) for o in obligations(text, doc_type)] == expect


def test_expletive_der_after_a_subordinator_keeps_the_condition():
    obs = obligations("Obduktion må ikke finde sted, såfremt der skal foretages retslægeligt ligsyn.")
    assert [(o.modality, o.cue) for o in obs] == [("prohibition", "må ikke")]
    obs = obligations("Sundhedsstyrelsen beslutter, om der til nærmere afgrænsede persongrupper skal tilbydes tilskud.")
    assert [o.cue for o in obs] == ["present"]


def test_henholdsvis_before_an_inverted_subject():
    o = one("Forud for behandlingen skal henholdsvis regionsrådet og kommunalbestyrelsen indhente rådgivning.")
    assert keys(o) == {"regionsraad", "kommunalbestyrelse"}


@pytest.mark.parametrize("text,named", [
    ("Et kommunalt medlem skal efter kommunalbestyrelsens anmodning videregive dokumenter.", "et kommunalt medlem"),
    ("Ministeren fastsætter regler. Er den gravide under 18 år, skal forældremyndighedens indehaver samtykke.",
     "forældremyndighedens indehaver"),
    ("Ministeren fastsætter regler. En privat virksomhed, der indsamler materiale, skal føre register.",
     "en privat virksomhed"),
    ("For en person, der mangler evnen til at give samtykke, kan samtykket gives af værgen.", "værgen"),
    ("Tilbageholdelsen skal ophøre, når betingelserne ikke længere er til stede.", ""),
    # sundhedsloven § 191, § 106, stk. 2, § 57 k, stk. 3, § 157, stk. 6: other ministers, spouses,
    # estates and pharmacists are persons too, and a pair joined by »eller« is one subject
    ("Erhvervsministeren kan fastsætte nærmere regler om ligsyn ved dødsfald til søs.", "erhvervsministeren"),
    ("Hvis betingelserne i stk. 1 er opfyldt, kan personens ægtefælle eller samlever i stedet få tilladelse til "
     "sterilisation.", "personens ægtefælle eller samlever"),
    ("Dør en praktiserende tandlæge, kan dødsboet eller konkursboet indsætte en stedfortrædende tandlæge.",
     "dødsboet eller konkursboet"),
    ("Apotekere og apotekspersonale har adgang til de oplysninger, der er registreret om en medicinbruger.",
     "apotekere"),
    # § 26, stk. 4: a person inverted after a fronted phrase that opens with »i« (also an adverb's word)
    ("I behandlingstestamentet kan patienten bestemme, at patienten ikke ønsker behandling med tvang.", "patienten"),
])
def test_a_bearer_named_outside_the_actor_table(text, named):
    o = obligations(text)[-1]
    assert o.bearers == [] and o.bearer_label == named


def test_parties_in_an_act_are_the_health_agreements_only_where_it_is_about_one():
    obs = obligations("Parterne kan aftale både et engangsgebyr og et periodevist gebyr.", "lovbekendtgørelse")
    assert [(o.bearers, o.bearer_label) for o in obs] == [([], "parterne")]
    obs = obligations("Parterne skal indgå en sundhedsaftale.", "lovbekendtgørelse")
    assert [o.bearers for o in obs] == [["parterne"]]


def test_a_relative_clause_without_som_is_no_duty():
    obs = obligations("Ministeren fastsætter nærmere regler om de indsatsområder, sundhedsaftalerne skal omfatte.",
                      "lovbekendtgørelse")
    assert [o.cue for o in obs] == ["present"]


def test_a_named_person_after_a_fronted_phrase_but_not_a_phrase_after_the_verb():
    o = one("Ved udstedelse af sundhedskort efter § 12, stk. 1, skal en person foretage valg mellem sikringsgrupperne.",
            "lovbekendtgørelse")
    assert o.bearers == [] and o.bearer_label == "en person"
    o = one("§ 2 a. En sundhedstjenesteyder må ikke i sin virksomhed udøve forskelsbehandling.", "lovbekendtgørelse")
    assert o.bearer_label == "en sundhedstjenesteyder"


def test_an_amount_is_no_permission():
    obs = obligations("Regionsrådet opkræver betaling. Denne betaling kan maksimalt udgøre 1.976 kr.", "lovbekendtgørelse")
    assert [o.modality for o in obs] == ["obligation"]


@pytest.mark.parametrize("text,doc_type", [
    ("Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et sundhedssamarbejdsudvalg.", "vejledning"),
    ("Regionsrådet skal i samarbejde med kommunalbestyrelserne udarbejde en plan.", "bekendtgørelse"),
    ("Regionsrådet nedsætter i samarbejde med kommunalbestyrelserne i regionen et sundhedskoordinationsudvalg.",
     "lovbekendtgørelse"),
])
def test_a_duty_shared_with_other_actors_is_theirs_too(text, doc_type):
    assert keys(one(text, doc_type)) == {"regionsraad", "kommunalbestyrelse"}


def test_inverted_responsibility_after_a_fronted_phrase():
    o = one("I henhold til bekendtgørelsens § 22 er sundhedssamarbejdsudvalget ansvarlig for, at der udarbejdes en "
            "midtvejsstatus.", "vejledning")
    assert keys(o) == {"sundhedssamarbejdsudvalg"} and o.modality == "obligation"


def test_an_agent_with_an_adjective():
    o = one("Obduktionen udføres af en sagkyndig læge, der udpeges af ministeren.")
    assert keys(o) == {"laege"} and o.passive


def test_guidance_advice_with_kan():
    # vejledning 9005/2013, 3.4: advice about the actors, not to them (»af aftalen« names no agent)
    obs = obligations("Aktørerne skal kende til relevante dele af sundhedsaftalen. Aktører, der besidder faglig "
                      "viden, kan hensigtsmæssigt inddrages ved udarbejdelsen af aftalen.", "vejledning")
    assert [(o.modality, o.bearers) for o in obs] == [("obligation", ["aktoererne"]), ("recommendation", [])]


def test_present_tense_not_in_news():
    assert obligations("Regionsrådet godkender aftalen på mødet.", "nyhed") == []


def test_recommendation_frames():
    o = one("Det anbefales, at kommunerne inddrager patientinddragelsesudvalget.", "vejledning")
    assert keys(o) == {"kommune"} and o.modality == "recommendation" and o.action.startswith("inddrager")
    o = one("Det er hensigtsmæssigt, at regionen skal orientere sundhedsklyngerne.", "vejledning")
    assert keys(o) == {"region"} and o.modality == "recommendation"
    assert len(obligations("Det er hensigtsmæssigt, at regionen skal orientere sundhedsklyngerne.", "vejledning")) == 1


def test_passive_with_agent():
    o = one("Planen skal godkendes af både regionsrådet og alle kommunalbestyrelser i regionen.")
    assert keys(o) == {"regionsraad", "kommunalbestyrelse"} and o.passive and not o.carried


def test_passive_without_agent_carries_context():
    obs = obligations("§ 4. Regionsrådet udarbejder en plan. Det skal indsendes til Sundhedsstyrelsen.")
    last = obs[-1]
    assert last.passive and last.carried and keys(last) == {"regionsraad"}
    # a non-actor noun subject: the bearer stays unknown rather than guessed
    obs = obligations("§ 4. Regionsrådet udarbejder en plan. Afgørelsen kan ikke indbringes for ministeren.")
    assert obs[-1].bearers == [] and obs[-1].modality == "prohibition"


def test_subordinate_at_clause():
    o = one("Det fremgår af § 9, at praksisplanudvalget skal afgive en udtalelse.", "vejledning")
    assert keys(o) == {"praksisplanudvalg"} and o.modality == "obligation"


def test_inverted_subject():
    o = one("I den forbindelse skal kommunalbestyrelsen høre borgerne.")
    assert keys(o) == {"kommunalbestyrelse"}


def test_coordinated_verb_phrase():
    obs = obligations("Sundhedsrådet drøfter planen og kan afgive anbefalinger.")
    assert [(o.modality, tuple(o.bearers)) for o in obs] == [("obligation", ("sundhedsraad",)),
                                                           ("permission", ("sundhedsraad",))]


def test_anaphora_and_pronouns_are_carried():
    obs = obligations("Praksisplanudvalget skal drøfte planen. Udvalget skal desuden afgive en udtalelse. "
                      "De kan nedsætte arbejdsgrupper.", "vejledning")
    assert len(obs) == 3
    assert keys(obs[1]) == {"praksisplanudvalg"} and obs[1].carried
    assert keys(obs[2]) == {"praksisplanudvalg"} and obs[2].carried and obs[2].modality == "permission"


def test_agreement_subject_is_the_parties():
    o = one("Samarbejdsaftalen skal beskrive arbejdsdelingen.", "vejledning")
    assert o.bearers == ["parterne"] and "regionsråd" in o.bearer_label and "kommunalbestyrelse" in o.bearer_label


def test_conditional_clause_is_not_a_statement():
    obs = obligations("Hvis planen skal ændres, orienterer regionen kommunerne.")
    assert [(o.cue, tuple(o.bearers)) for o in obs] == [("present", ("region",))]


def test_list_items_continue_the_lead_in():
    text = "§ 2. Opgaverne for sundhedsrådet er bl.a.:\n1) at drøfte planer,\n2) at følge op på aftaler."
    from aftalegraf.kg.extract import document_from_text, extract_obligations
    from aftalegraf.model import Provision

    doc = document_from_text("t", text, "bekendtgørelse")
    # make the two items children of the paragraf, as the ingest tree does
    p = doc.provisions[0]
    a = text.index("1)")
    b = text.index("2)")
    p.text, p.end = text[p.start:len(text)], len(text)
    doc.provisions = [p, Provision("t/p2/nr1", "t", "nr", text[a:b].rstrip(), a, a + len(text[a:b].rstrip()), p.id),
                      Provision("t/p2/nr2", "t", "nr", text[b:], b, len(text), p.id)]
    obs = extract_obligations(doc)
    assert [o.provision_id for o in obs] == ["t/p2/nr1", "t/p2/nr2"]
    assert all(o.bearers == ["sundhedsraad"] and o.modality == "obligation" for o in obs)
    assert obs[0].action.startswith("drøfte")


def test_deadline_and_frequency_attached():
    o = one("Regionsrådet skal indsende planen senest den 1. marts i valgperiodens andet år.")
    assert o.deadline and o.deadline["date"] == "--03-01"
    o = one("Sundhedsrådet skal mødes mindst seks gange om året.")
    assert o.frequency and o.frequency["count"] == 6 and o.frequency["per"] == "year"


def test_spans():
    text = "§ 1. Regionen skal føre tilsyn, jf. § 2, stk. 1. Kommunen kan bistå."
    from aftalegraf.kg.extract import document_from_text, extract_obligations

    doc = document_from_text("t", text, "bekendtgørelse")
    obs = extract_obligations(doc)
    assert len(obs) == 2
    for o in obs:
        assert doc.text[o.start:o.end] == o.text
    assert obs[0].text == "Regionen skal føre tilsyn, jf. § 2, stk. 1."


# --- a duty restated in an agentless passive sentence is one duty, with the deadline (#13) ------

def test_a_passive_restatement_gives_its_deadline_to_the_duty():
    obs = obligations("Det fremgår af bekendtgørelsens § 21, at det er regionsrådet, som er forpligtet til at "
                      "indsende den indgåede sundhedsaftale til Sundhedsstyrelsen. Bekendtgørelsens § 21 fastlægger "
                      "fristen for indsendelse af sundhedsaftalen. Det fremgår heraf, at aftalen skal indsendes til "
                      "Sundhedsstyrelsen senest den 1. juli i kommunalbestyrelsernes og regionsrådets valgperiodes "
                      "andet år.", "vejledning")
    assert [(o.bearers, o.action) for o in obs] == [
        (["regionsraad"], "at indsende den indgåede sundhedsaftale til Sundhedsstyrelsen")]
    assert obs[0].deadline["date"] == "--07-01" and "valgperiodes andet år" in obs[0].deadline["anchor"]


def test_an_event_noun_restates_the_duty():
    obs = obligations("Regionsrådet indsender sundhedsaftalen elektronisk til Sundhedsstyrelsen. "
                      "Indsendelsen skal ske senest den 1. juli.")
    assert len(obs) == 1 and obs[0].bearers == ["regionsraad"] and obs[0].deadline["date"] == "--07-01"
    assert obs[0].id_index == 1


def test_another_verb_or_a_named_agent_is_another_duty():
    other = obligations("Regionsrådet skal udarbejde en plan. Planen skal offentliggøres senest 1. maj.")
    assert [o.action for o in other] == ["udarbejde en plan", "offentliggøres senest 1. maj"]
    assert other[0].deadline is None
    agent = obligations("Regionsrådet skal indsende planen. Planen skal indsendes af kommunalbestyrelsen "
                        "senest 1. maj.")
    assert [o.bearers for o in agent] == [["regionsraad"], ["kommunalbestyrelse"]]


# --- what the text wants for people is a goal, not a duty (#13) -----------------------------------

@pytest.mark.parametrize("text", [
    "Borgerne skal opleve et sammenhængende sundhedsvæsen.",
    "Formålet er, at patienterne skal have en bedre overgang mellem sektorerne.",
])
def test_people_as_subject_of_skal_state_a_goal(text):
    assert obligations(text, "sundhedsaftale") == []


@pytest.mark.parametrize("text,bearers", [
    ("Regionsrådet skal sikre, at borgerne får tilbud om genoptræning.", ["regionsraad"]),
    ("Pårørende skal inddrages i forløbet.", []),                       # a passive duty towards them
    ("Patientens ønsker skal tillægges betydning.", []),                # the genitive is no subject
])
def test_duties_towards_people_stay(text, bearers):
    obs = obligations(text, "sundhedsaftale")
    assert obs and obs[0].bearers == bearers


# --- the normative present with a compound subject and its complement (#13) ---------------------

@pytest.mark.parametrize("text,action", [
    ("Regionsrådet og kommunalbestyrelserne i regionen sekretariatsbetjener i samarbejde sundhedssamarbejdsudvalget.",
     "sekretariatsbetjener i samarbejde sundhedssamarbejdsudvalget"),
    ("Regionsrådet og de berørte kommunalbestyrelser i regionen opretter sundhedsklynger omkring hvert akutsygehus.",
     "opretter sundhedsklynger omkring hvert akutsygehus"),
    ("Regionsrådet og kommunalbestyrelserne i regionen nedsætter i samarbejde et sundhedssamarbejdsudvalg.",
     "nedsætter i samarbejde et sundhedssamarbejdsudvalg"),
])
def test_present_tense_duty_of_the_region_and_its_municipalities(text, action):
    obs = obligations(text, "lovbekendtgørelse")
    assert [(o.bearers, o.action) for o in obs] == [(["regionsraad", "kommunalbestyrelse"], action)]


def test_present_tense_duty_past_the_actors_the_subject_involves():
    """BEK 999/2023 § 30 a: the council drafts the plan; the municipalities, general practice
    and PLO it involves are no bearers, and what follows in the passive stays the council's."""
    obs = obligations("§ 30 a. Regionsrådet med inddragelse af kommunerne og almen praksis, herunder PLO, udarbejder "
                      "en praksisplan for almen praksis. Stk. 3. Praksisplanen revideres i valgperioden, hvis der sker "
                      "væsentlige ændringer.", "bekendtgørelse")
    assert [(o.bearers, o.action.split()[0]) for o in obs] == [(["regionsraad"], "udarbejder"), (["regionsraad"], "revideres")]


def test_present_tense_of_a_verb_in_aa():
    obs = obligations("Det politiske niveau opnår enighed om målene.", "bekendtgørelse")
    assert obs and obs[0].action.startswith("opnår")


def test_a_doctor_named_as_the_subject_is_the_bearer_not_one_carried():
    # sundhedsloven § 73 i: the hyphenated »øre-, næse- og halssygdomme« does not end the subject
    obs = obligations("§ 73 h. Ministeren fastsætter regler om høreapparater. § 73 i. Speciallæger i øre-, næse- og "
                      "halssygdomme, der arbejder eller bistår med høreapparatbehandling til patienter, må ikke fra "
                      "den 1. juli 2019 erhverve ejerskab i virksomhed med detailsalg af høreapparater.", "lovbekendtgørelse")
    last = obs[-1]
    assert (last.modality, last.bearers, last.bearer_label, last.carried) == ("prohibition", [], "speciallæger", False)
    one_ = one("§ 27 d. Overlægen kan med samtykke fra patientens nærmeste pårørende beslutte at anvende personlige "
               "alarm- og pejlesystemer på indlagte patienter.", "lovbekendtgørelse")
    assert (one_.modality, one_.bearer_label) == ("permission", "overlægen")

def test_an_office_named_as_the_subject_bears_both_coordinated_modals():
    # sundhedsloven § 51, stk. 3: the patient offices are outside the actor table, named all the same
    obs = obligations("Stk. 3. Patientkontorerne kan modtage alle klager og henvendelser vedrørende de i stk. 1 nævnte "
                      "opgaver og skal efter anmodning bistå med at udfærdige og fremsende henvendelser til rette "
                      "myndighed.", "lovbekendtgørelse")
    assert [(o.modality, o.bearers, o.bearer_label) for o in obs] == [
        ("permission", [], "patientkontorerne"), ("obligation", [], "patientkontorerne")]



def test_what_rules_are_to_say_is_no_duty_of_its_own():
    # sundhedsloven § 196, stk. 2 and § 215 b, stk. 3: the »skal« is the content of the rules
    obs = obligations("Stk. 2. Indenrigs- og sundhedsministeren kan fastsætte nærmere regler om, at regionsråd og "
                      "kommunalbestyrelser skal indberette oplysninger til kliniske kvalitetsdatabaser.", "lovbekendtgørelse")
    assert [(o.cue, o.modality, tuple(o.bearers)) for o in obs] == [("kan", "permission", ("sundhedsminister",))]
    obs = obligations("Stk. 3. Styrelsen for Patientsikkerhed fastsætter regler om, at sygehuse, klinikker, praksisser "
                      "el.lign. skal offentliggøre Styrelsen for Patientsikkerheds afgørelser efter stk. 1.", "lovbekendtgørelse")
    assert [(o.cue, o.bearer_label) for o in obs] == [("present", "Styrelsen for Patientsikkerhed")]


def test_a_paragraph_with_a_letter_states_its_duty_in_the_present():
    # sundhedsloven § 205 c: the label »§ 205 c.« hid the normative present (53 statements in the corpus)
    obs = obligations("§ 205 c. Regionsrådet og kommunalbestyrelsen koordinerer de aktiviteter, der er omfattet af "
                      "§§ 205 a og 205 b. Stk. 2. Aktiviteterne, jf. stk. 1, skal drøftes i sundhedssamarbejdsudvalget.",
                      "lovbekendtgørelse")
    assert [(o.cue, tuple(o.bearers), o.carried) for o in obs] == [
        ("present", ("regionsraad", "kommunalbestyrelse"), False), ("skal", ("regionsraad", "kommunalbestyrelse"), True)]


def test_an_agentless_passive_about_something_else_carries_no_actor():
    # sundhedsloven § 186: the court's ruling is no duty of the doctor named two sentences before
    obs = obligations("§ 185. Ligsyn foretages af en læge. Ved ligsynet skal dødstegn iagttages. Stk. 2. Sagen "
                      "behandles efter strafferetsplejens regler. Rettens afgørelse træffes ved kendelse.",
                      "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.carried) for o in obs] == [
        (("laege",), False), (("laege",), True), ((), False), ((), False)]
    # the same thing goes on: the duty and its deadline stay with the actor
    obs = obligations("Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen. Indsendelsen skal ske senest "
                      "den 1. juli.", "bekendtgørelse")
    assert all(o.bearers == ["regionsraad"] for o in obs)


def test_an_organisation_named_as_subject_and_a_purpose_that_is_no_duty():
    # BEK 1248/2022 § 25, stk. 4: organisations outside the actor table keep their names
    o = one("Stk. 4. Danske Patienter og Danske Handicaporganisationer skal ved udpegningen af medlemmer sikre "
            "repræsentation af personer med såvel somatiske som psykiske sygdomme.")
    assert (o.bearers, o.bearer_label, o.modality) == ([], "Danske Patienter og Danske Handicaporganisationer", "obligation")
    # the 2013 guidance: what the committee is for
    assert obligations("Sundhedskoordinationsudvalget har til formål at understøtte sammenhængende patientforløb "
                       "på tværs af myndighederne.", "vejledning") == []


def test_udvalget_is_the_committee_the_text_has_brought_in():
    # BEK 1248/2022 §§ 24-28: after the clusters' committee, the patient committee is set up
    obs = obligations("§ 24. Sundhedssamarbejdsudvalget kan nedsætte arbejdsgrupper. § 25. Regionsrådet sikrer, at der "
                      "i regionen nedsættes et patientinddragelsesudvalg. § 27. Udvalget kan afgive udtalelser vedrørende "
                      "de emner, der ligger inden for sundhedssamarbejdsudvalgets emneområder.")
    assert [tuple(o.bearers) for o in obs] == [("sundhedssamarbejdsudvalg",), ("regionsraad",), ("patientinddragelsesudvalg",)]


def test_the_committee_named_udvalget_bears_a_normative_present():
    # BEK 256/2014 §§ 1, 3 and 5: »Udvalget« is the committee of § 1; the hearing of § 6 names no
    # one and is not the region's (the secretariat of § 3)
    obs = obligations("§ 1. I hver region nedsættes et praksisplanudvalg for almen praksis.\n§ 3. Regionen yder den "
                      "sekretariatsmæssige betjening af udvalget.\n§ 5. Udvalget udarbejder en praksisplan for almen "
                      "praksis.\n§ 6. Inden praksisplanen udarbejdes, skal der ske en høring af de praksis, der yder "
                      "vederlagsfri behandling.", "bekendtgørelse")
    got = [(o.bearer_label, o.cue, o.action.split(" ")[0]) for o in obs]
    assert ("praksisplanudvalg", "present", "udarbejder") in got
    assert ("", "skal", "ske") in got


def test_into_another_paragraph_only_the_same_act_carries_the_actor():
    # sundhedsloven §§ 148-149: the chapter's words (»tilskud«, »lægemidler«) are no link
    obs = obligations("§ 148. Lægemiddelstyrelsen bevilger tilskud til lægemidler.\n§ 149. Er der ved køb af "
                      "lægemidler ydet et tilskud, som overstiger det, patienten var berettiget til, skal der reguleres "
                      "herfor ved patientens førstkommende køb af lægemidler med tilskud.", "lovbekendtgørelse")
    assert [(o.bearers, o.carried) for o in obs][-1] == ([], False)
    # the same act in the next paragraph: the council that sends the plan sends its changes
    obs = obligations("§ 5. Regionsrådet indsender planen til Sundhedsstyrelsen.\n§ 6. Væsentlige ændringer af "
                      "planen indsendes løbende til Sundhedsstyrelsen.", "bekendtgørelse")
    assert [(o.bearers, o.carried) for o in obs][-1] == (["regionsraad"], True)


def test_an_expletive_after_the_modal_makes_an_agentless_passive():
    obs = obligations("§ 3. Regionen yder den sekretariatsmæssige betjening af udvalget. § 6. Inden planen vedtages, "
                      "skal der udarbejdes en høring af de praksis.", "bekendtgørelse")
    last = obs[-1]
    assert (last.passive, last.bearers, last.action) == (True, [], "udarbejdes en høring af de praksis")


def test_the_police_named_as_an_agent_bear_the_duty():
    # sundhedsloven § 181: both agents are named
    obs = obligations("§ 181. Retslægeligt ligsyn foretages af politiet og Styrelsen for Patientsikkerhed i forening.",
                      "lovbekendtgørelse")
    assert [(o.bearers, o.passive) for o in obs] == [(["politiet", "styrelsen-for-patientsikkerhed"], True)]


def test_each_of_two_coordinated_duties_keeps_its_own_deadline():
    # Sundhedsstyrelsen's page on the agreements: two reports, each with its fronted deadline
    obs = obligations("Senest to år efter ikrafttrædelse af sundhedsaftalerne skal sundhedskoordinationsudvalgene til "
                      "orientering indsende en midtvejsstatus til Sundhedsstyrelsen, og senest et halvt år før "
                      "sundhedsaftalernes udløb skal sundhedskoordinationsudvalgene til orientering indsende en "
                      "slutstatus til Sundhedsstyrelsen.", "webside")
    assert [(o.action, o.deadline["text"]) for o in obs] == [
        ("til orientering indsende en midtvejsstatus til Sundhedsstyrelsen",
         "Senest to år efter ikrafttrædelse af sundhedsaftalerne"),
        ("til orientering indsende en slutstatus til Sundhedsstyrelsen",
         "senest et halvt år før sundhedsaftalernes udløb")]


def test_who_may_be_chosen_is_no_duty_of_theirs():
    # LOV 719/2025 § 14 j, stk. 6: a qualification of the members, after an inverted subject
    assert obligations("Stk. 6. Fastsætter kommunalbestyrelsen efter stk. 5, at de 3 kommunale medlemmer er "
                       "magistratsmedlemmer, skal de kommunale medlemmer, der ikke er formanden for "
                       "kommunalbestyrelsen, være magistratsmedlemmer, der varetager forvaltningen.", "lov") == []
    # stk. 2 of § 14 i: the subject a person noun
    assert obligations("Stk. 2. Fastsætter kommunalbestyrelsen efter stk. 1, at det ene kommunale medlem er formanden "
                       "for et stående udvalg, skal medlemmet være formanden for det stående udvalg, der varetager "
                       "forvaltningen.", "lov") == []
    # stk. 7: a longer subject, no relative clause
    assert obligations("Stk. 7. Fastsætter kommunalbestyrelsen efter stk. 5, nr. 3, at de 3 kommunale medlemmer er "
                       "kommunalbestyrelsens formand, skal de kommunale medlemmer ud over formanden for "
                       "kommunalbestyrelsen være det magistratsmedlem, der varetager forvaltningen.", "lov") == []
    # sundhedsloven § 183: a state someone must keep up stays a duty
    obs = obligations("§ 183. Er dødens indtræden ikke åbenbar, skal den pågældende være under jævnligt tilsyn.",
                      "lovbekendtgørelse")
    assert [o.cue for o in obs] == ["skal"]


def test_an_agentless_main_clause_about_the_act_of_its_condition_is_that_actors():
    # sundhedsloven §§ 82 and 88, stk. 2: the region that provides (or cannot provide) treatment
    obs = obligations("§ 82. Når regionsrådet yder behandling til personer med bopæl i en anden region, skal det ske "
                      "på samme vilkår, hvorpå regionsrådet yder behandling til personer med bopæl i regionen.",
                      "lovbekendtgørelse")
    assert [(o.bearers, o.carried, o.passive) for o in obs] == [(["regionsraad"], True, True)]
    obs = obligations("Stk. 2. Såfremt regionsrådet i bopælsregionen ikke er i stand til at tilbyde behandling inden "
                      "for den fastsatte maksimale ventetid, skal patienten om muligt tilbydes behandling på et "
                      "sygehus i en anden region.", "lovbekendtgørelse")
    assert [(o.bearers, o.passive) for o in obs] == [(["regionsraad"], True)]
    # another verb in the condition: the act of the main clause is not the condition's actor's
    obs = obligations("Stk. 2. Hvis regionsrådet anmoder om det, skal sagen behandles på et møde.", "lovbekendtgørelse")
    assert [o.bearers for o in obs] == [[]]


def test_what_a_council_decides_in_its_statutes_is_no_duty_of_the_unit_decided_on():
    # LOV 719/2025 § 14 c, stk. 2: »hvilket sundhedsråd … der skal varetage …« is decided by the council
    obs = obligations("Stk. 2. Har en driftsenhed underliggende enheder, fastsætter regionsrådet i styrelsesvedtægten, "
                      "hvilket sundhedsråd inden for regionen der skal varetage den umiddelbare forvaltning af de "
                      "enkelte underliggende enheder.", "lov")
    assert [(o.cue, o.bearers) for o in obs] == [("present", ["regionsraad"])]


def test_mends_from_the_fifth_sample():
    # sundhedsloven § 3 a, stk. 3: the private businesses named beside the councils bear the duty too
    obs = obligations("Stk. 3. Regionsråd, kommunalbestyrelser og private virksomheder skal sikre, at der udarbejdes "
                      "instrukser.", "lovbekendtgørelse")
    assert obs[0].bearers == ["regionsraad", "kommunalbestyrelse", "private-leverandoerer"]
    # § 187, stk. 2: »skal denne foreligge« — a consent that must be there, no one's act
    obs = obligations("§ 186. Såfremt afdødes nærmeste modsætter sig retslægelig obduktion, skal politiet inden 24 "
                      "timer indbringe spørgsmålet for retten.\n§ 187. Obduktion kan foretages på en person, som er "
                      "død på et sygehus.\nStk. 2. Har afdøde givet sit samtykke under "
                      "forudsætning af de pårørendes accept, skal denne foreligge.", "lovbekendtgørelse")
    assert [(o.bearers, o.passive) for o in obs][-1] == ([], True)
    # § 112, stk. 3: the agent named after an inverted subject and its relative clause
    obs = obligations("Stk. 3. Såfremt en anmodning fremsættes, skal den, som indgrebet søges foretaget på, forud for "
                      "samrådets behandling af ansøgningen, jf. § 108, tilbydes et samtaleforløb af "
                      "kommunalbestyrelsen.", "lovbekendtgørelse")
    assert [(o.bearers, o.passive) for o in obs] == [(["kommunalbestyrelse"], True)]
    # the 2023 guidance: what a programme is to do is what it is for
    assert obligations("Programmet *Samlet indsats for data* skal tilvejebringe en national indsamling af data. "
                       "Samtidig skal programmet sikre, at data bliver anvendt.", "vejledning") == []
    # § 35, stk. 2, nr. 4: an indirect question in a list of what must be stated
    assert obligations("4) Hvorledes der skal forholdes med det biologiske materiale, hvis virksomheden ophører.",
                       "lovbekendtgørelse") == []


def test_mends_from_the_sixth_sample():
    # sundhedsloven § 209, stk. 3: a condition without »hvis« ends at its comma, even after a citation
    obs = obligations("Stk. 3. Indgår et regionsråd ikke de fornødne aftaler efter stk. 1, kan Sundhedsstyrelsen "
                      "bestemme, at betaling kan afkræves vedkommende region.", "lovbekendtgørelse")
    assert [(o.modality, o.bearers, o.action.split(" ")[0]) for o in obs] == [
        ("permission", ["sundhedsstyrelsen"], "bestemme,")]
    # § 141, stk. 5: a supervisory body named outside the actor table
    obs = obligations("Stk. 5. Socialtilsynet skal ved godkendelse af alkoholbehandlingssteder benytte sig af den "
                      "aktuelt bedste faglige viden.", "lovbekendtgørelse")
    assert [(o.bearers, o.bearer_label) for o in obs] == [([], "socialtilsynet")]


def test_mends_from_the_seventh_sample():
    # the 2023 guidance: a programme inverted after a fronted adverbial
    assert obligations("Foruden anvendelse af eksisterende data skal programmet indhente nye data fra kommunerne.",
                       "vejledning") == []
    # sundhedsloven § 227: »organisationer af sundhedspersoner« says whose organisations, not by whom
    obs = obligations("Stk. 9. Vilkår, der er fastsat i medfør af § 57 b, kan dog ikke fraviges ved overenskomster "
                      "indgået med organisationer af sundhedspersoner.", "lovbekendtgørelse")
    assert [(o.modality, o.bearers) for o in obs] == [("prohibition", [])]
    # § 187, stk. 3: »Ønsker afdødes nærmeste ikke …« is a condition, no second statement
    obs = obligations("Stk. 3. Ønsker afdødes nærmeste ikke at tage stilling til det påtænkte indgreb, skal der oplyses "
                      "om adgangen til at modsætte sig obduktion.", "lovbekendtgørelse")
    assert [(o.cue, o.action.split(" ")[0]) for o in obs] == [("skal", "oplyses")]


def test_som_foelge_af_is_a_preposition_and_the_agent_after_the_object_is_named():
    # sundhedsloven § 201: a protection of the reporting persons; who may not act is the employer
    # (and the authority and the courts), not the persons protected
    ob = one("§ 201. Den rapporterende person og de sundhedspersoner, der indgår i en rapportering, kan ikke som "
             "følge af rapporteringen underkastes disciplinære undersøgelser og foranstaltninger af arbejdsgiveren, "
             "tilsynsmæssige reaktioner af Styrelsen for Patientsikkerhed eller strafferetlige sanktioner af "
             "domstolene.", "lovbekendtgørelse")
    assert ob.passive and ob.modality == "prohibition"
    assert ob.bearers == [] and ob.bearer_label == "arbejdsgiveren"


def test_a_carried_duty_whose_subject_cites_paragraphs_takes_their_actors():
    # sundhedsloven §§ 171-173: the transport each of the cited paragraphs gives is its council's
    obs = obligations(
        "§ 171. Regionsrådet yder befordring eller befordringsgodtgørelse til personer, der modtager social pension.\n\n"
        "§ 172. Kommunalbestyrelsen yder befordring eller befordringsgodtgørelse til genoptræning til personer, "
        "der har behov for genoptræning efter endt behandling på sygehus.\n\n"
        "§ 173. Befordring, for hvilken der ydes godtgørelse efter §§ 171 og 172, skal ske med det efter "
        "forholdene billigste forsvarlige befordringsmiddel.", "lovbekendtgørelse")
    last = obs[-1]
    assert last.provision_id.endswith("p173") and last.carried
    assert sorted(last.bearers) == ["kommunalbestyrelse", "regionsraad"]


def test_a_short_passive_after_a_modal_and_the_inverted_subject_out_of_the_action():
    # sundhedsloven § 141, stk. 7: »ydes« is a passive (four letters, the lemma table knows it)
    ob = one("Stk. 7. Behandling og rådgivning til alkoholmisbrugere skal ydes anonymt, hvis alkoholmisbrugeren "
             "ønsker det.", "lovbekendtgørelse")
    assert ob.passive and ob.bearers == []
    # BEK 1615/2025 § 4, stk. 3: the members are the bearer, not part of what they may do
    ob = one("Stk. 3. Hvis det ikke er muligt at opnå enighed i udvalget, kan udvalgets medlemmer hver især afgive "
             "synspunkter.")
    assert ob.bearer_label == "udvalgets medlemmer" and ob.action == "hver især afgive synspunkter"


def test_the_individual_actors_are_the_actors():
    # vejledning 9005/2013, 5.2
    ob = one("Det bemærkes dog, at de enkelte aktører har ansvaret for at sikre, at deres medarbejdere har de "
             "nødvendige kompetencer.", "vejledning")
    assert ob.bearers == ["aktoererne"]


def test_who_holds_the_chair_is_composition_and_a_legal_effect_no_prohibition():
    # sundhedsloven § 204, stk. 2 (2023): how the committee is chaired, no one's duty
    assert not obligations("Stk. 2. Formandskabet i sundhedssamarbejdsudvalget varetages af en formand, som vælges "
                           "blandt regionsrådets repræsentanter.", "lovbekendtgørelse")
    # the same passive with a thing as its subject stays a duty (»Ændringer … indsendes til …«)
    assert obligations("Stk. 2. Ændringer af aftalen indsendes til Sundhedsstyrelsen.", "lovbekendtgørelse")
    # vejledning 9005/2013, 3.5: what supplementary agreements cannot do is their legal effect
    assert not obligations("Supplerende aftaler er af frivillig karakter og kan ikke træde i stedet for eller have "
                           "forrang for sundhedsaftalen mellem regionsrådet og kommunalbestyrelserne.", "vejledning")


def test_what_a_committee_is_to_further_grants_no_permission():
    # vejledning 9005/2013, 1.1: »at understøtte, at regionsrådet … kan godkende aftalen« is the
    # committee's role, not the councils' permission
    obs = obligations("Sundhedskoordinationsudvalget får en styrket rolle i forhold til at udarbejde udkast til "
                      "sundhedsaftalen og at understøtte, at regionsrådet og alle kommunalbestyrelser i regionen kan "
                      "godkende aftalen.", "vejledning")
    assert not [o for o in obs if o.modality == "permission"]


def test_a_passive_past_a_time_phrase_and_we_out_of_the_action():
    # sundhedsloven § 206 a, stk. 3: »inden vedtagelsen« is a time, not a clause before the verb
    ob = one("Stk. 3. Planen skal inden vedtagelsen forelægges patientinddragelsesudvalget til høring.",
             "lovbekendtgørelse")
    assert ob.passive and ob.deadline and ob.deadline["anchor"].startswith("vedtagelsen")
    # a draft agreement: »vi« are the parties, not part of what they do
    ob = one("I aftaleperioden skal vi øge brugen af eksisterende IT-løsninger.", "sundhedsaftale")
    assert ob.bearers == ["parterne"] and ob.action == "øge brugen af eksisterende IT-løsninger"


@pytest.mark.parametrize("text", [
    # LOV 719/2025 § 14 i, stk. 1 and 6: a range, and a relative clause with a citation, between commas
    "I kommuner med mindst 80.000 indbyggere, men under 300.000 indbyggere, fastsætter kommunalbestyrelsen i "
    "styrelsesvedtægten, om de 2 kommunale medlemmer er kommunalbestyrelsens formand og formanden for et stående udvalg.",
    "Stk. 6. I kommuner med mindst 80.000 indbyggere, men under 300.000 indbyggere, der styres efter reglerne i § 64 i "
    "lov om kommunernes styrelse, fastsætter kommunalbestyrelsen i styrelsesvedtægten, om de kommunale medlemmer er "
    "kommunalbestyrelsens formand og 1 andet magistratsmedlem.",
])
def test_a_present_duty_after_a_fronted_phrase_with_commas_inside(text):
    ob = one(text, "lov")
    assert ob.bearers == ["kommunalbestyrelse"] and ob.modality == "obligation"
    assert ob.action.startswith("fastsætter kommunalbestyrelsen i styrelsesvedtægten")


def test_the_verb_after_a_fronted_phrase_with_commas_must_follow_its_closing_comma():
    # the relative clause's own verb is not the main clause's (nothing follows its actor here)
    assert not obligations("I kommuner, der betaler regionen for genoptræning, drøftes planen årligt.", "lov")


@pytest.mark.parametrize("text,action", [
    # BEK 1208/2025 § 15 and BEK 1615/2025 § 5: the council of the region LOV 719/2025 creates
    ("§ 15. Regionsrådet for Region Østdanmark nedsætter den 1. januar 2027 følgende 6 sundhedsråd: "
     "1) Sundhedsråd Byen.", "nedsætter den 1. januar 2027"),
    ("§ 5. Regionsrådene for Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og "
     "Region Hovedstaden samt det forberedende regionsråd for Region Østdanmark inddrager løbende "
     "patientinddragelsesudvalget i deres drøftelser.", "inddrager løbende patientinddragelsesudvalget"),
])
def test_the_council_of_region_oestdanmark_is_an_actor(text, action):
    ob = one(text)
    assert ob.bearers == ["regionsraad"] and ob.modality == "obligation" and ob.action.startswith(action)


def test_what_must_have_been_done_by_a_date_after_the_opening_expletive():
    # Region Hovedstaden's consultation letter, 2014: »Der skal … være indgået …« is a perfect
    # passive with no agent named, its deadline the time phrase before it
    ob = one("Der skal inden udgangen af januar 2015 være indgået en ny sundhedsaftale mellem regionen og "
             "kommunerne i regionen for perioden 2015 - 2018.", "høringsbrev")
    assert ob.passive and ob.bearers == [] and ob.modality == "obligation"
    assert ob.deadline and "januar 2015" in ob.deadline["text"]
    assert "indgået en ny sundhedsaftale" in ob.action
    # not a relative »der« (»den plan, der skal være udarbejdet«: no statement of its own here)
    assert not obligations("Den plan, der skal være udarbejdet, drøftes på mødet.", "høringsbrev")


def test_qualifications_may_and_must_and_a_named_agent_of_a_present_passive():
    # sundhedsloven § 87 i, stk. 2: who may be appointed, no duty of theirs
    assert not obligations("Stk. 2. Både opmand, suppleant og voldgiftsmænd skal have økonomisk indsigt og indsigt i "
                           "sundhedsvæsenets forhold.", "lovbekendtgørelse")
    # § 45: »kan og skal« is a duty, once
    obs = obligations("§ 45. En sundhedsperson kan og skal efter anmodning videregive oplysninger om en afdød "
                      "patients sygdomsforløb til afdødes nærmeste pårørende.", "lovbekendtgørelse")
    assert [(o.modality, o.bearers) for o in obs] == [("obligation", ["sundhedsperson"])]
    # § 141 d: the agent outside the actor table is named
    ob = one("§ 141 d. Afgørelse om tilbageholdelse træffes af behandlingsinstitutionens leder og skal snarest muligt "
             "meddeles den gravide alkoholmisbruger.", "lovbekendtgørelse")
    assert ob.passive and ob.bearers == [] and ob.bearer_label == "behandlingsinstitutionens leder"


def test_a_relative_clause_past_an_aside_describes_its_antecedent():
    # BEK 1248/2022 § 19: »et udkast til sundhedsaftale, der, jf. sundhedslovens § 205, skal indgås
    # mellem …« says what the agreement is; the committee's drafting is the statement
    obs = obligations("§ 19. Sundhedssamarbejdsudvalget udarbejder et udkast til sundhedsaftale, der, jf. "
                      "sundhedslovens § 205, skal indgås mellem regionsrådet og de enkelte kommunalbestyrelser i regionen.")
    assert [(o.cue, o.bearers) for o in obs] == [("present", ["sundhedssamarbejdsudvalg"])]


def test_skal_coordinated_with_a_perfect_is_the_future():
    # sundhedsloven § 18, stk. 2: the other health person »har deltaget i eller skal deltage i« the
    # treatment — when, not a duty
    obs = obligations("Stk. 2. Har en patient ingen værge, kan sundhedspersonen gennemføre en påtænkt behandling, hvis "
                      "en anden sundhedsperson, der har faglig indsigt på området, og som ikke tidligere har deltaget i "
                      "eller skal deltage i behandlingen af den pågældende patient, giver sin tilslutning hertil.",
                      "lovbekendtgørelse")
    assert [(o.modality, o.bearers) for o in obs] == [("permission", ["sundhedsperson"])]
    # a duty coordinated with another duty stays (»skal udarbejde … og skal indsende …«)
    obs = obligations("Regionsrådet skal udarbejde en plan og skal indsende den til Sundhedsstyrelsen.")
    assert len(obs) == 2


def test_persons_named_in_a_row_as_agents():
    # sundhedsloven § 111 and § 99, stk. 3: every one of them may appeal
    ob = one("§ 111. Samrådets afgørelse kan indbringes for ankenævnet af ansøgeren, forældremyndighedens indehaver og "
             "værgen.", "lovbekendtgørelse")
    assert ob.bearer_label == "ansøgeren, forældremyndighedens indehaver og værgen"
    ob = one("Stk. 3. Samrådets afgørelse kan indbringes for ankenævnet af den gravide eller forældremyndighedens "
             "indehaver.", "lovbekendtgørelse")
    assert ob.bearer_label == "den gravide eller forældremyndighedens indehaver"
    # as a subject the pregnant woman is the one told, not a bearer named
    ob = one("Stk. 2. Den gravide alkoholmisbruger skal straks have meddelelse om kommunens afgørelse.",
             "lovbekendtgørelse")
    assert ob.bearer_label != "den gravide"


def test_a_paragraph_letter_ends_a_sentence():
    # sundhedsloven § 224: »… efter §§ 140 a og 140 b. Indenrigs- og sundhedsministeren kan …« is two
    # sentences, two statements
    obs = obligations("§ 224. Kommunalbestyrelsen træffer afgørelser om ydelser efter §§ 140 a og 140 b. Indenrigs- og "
                      "sundhedsministeren kan fastsætte nærmere regler om, at kommunalbestyrelsen udbetaler "
                      "kontantydelser.", "lovbekendtgørelse")
    assert [(o.bearers, o.action) for o in obs] == [
        (["kommunalbestyrelse"], "træffer afgørelser om ydelser efter §§ 140 a og 140 b"),
        (["sundhedsminister"], "fastsætte nærmere regler om, at kommunalbestyrelsen udbetaler kontantydelser")]


def test_a_cited_sentence_number_ends_a_sentence():
    # sundhedsloven § 187, stk. 3: »… som nævnt i 1. pkt. Obduktion må tidligst …« is two sentences,
    # two statements — the duty to inform with its deadline, and when the autopsy may take place
    obs = obligations("Ønsker afdødes nærmeste ikke at tage stilling til det påtænkte indgreb, skal der oplyses om "
                      "adgangen til at modsætte sig obduktion inden for 6 timer efter underretningen som nævnt i 1. pkt. "
                      "Obduktion må tidligst foretages 6 timer efter denne underretning, medmindre afdødes nærmeste "
                      "forinden har givet samtykke til obduktion.", "lovbekendtgørelse")
    assert [(o.modality, o.text.endswith("1. pkt.")) for o in obs] == [("obligation", True), ("permission", False)]
    # a citation that goes on (»jf. stk. 1, 1. pkt., og …«) stays inside its sentence
    assert len(obligations("Regionsrådet skal efter stk. 1, 1. pkt. og § 5 indsende planen.", "lovbekendtgørelse")) == 1
