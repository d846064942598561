"""Clause-level rules of the deontic extraction, on real sentences of the corpus (none from
the dev set): for each rule, the true statement is found and the false one is not."""

from kg_helpers import obligations, one


def stmts(text, doc_type="lovbekendtgørelse"):
    return [(tuple(o.bearers), o.modality) for o in obligations(text, doc_type)]


# --- relative clauses -----------------------------------------------------------------------

def test_relative_clause_about_a_non_actor_states_no_duty():
    # SST vejledning 2023, 2.4: describes the tasks, obliges no one
    assert stmts("Praksisplanen og sundhedsaftalen definerer tilsammen rammen for de opgaver, som skal løses af "
                 "almen praksis.", "vejledning") == []
    # sundhedsloven § 277: the duties that rest on the regions are described, not imposed
    assert ("region",) not in {b for b, _ in stmts(
        "§ 277. §§ 207-209 træder i kraft den 1. januar 2006, idet forpligtelserne, der efter disse bestemmelser "
        "påhviler regionerne, i stedet vil påhvile amtskommunerne i perioden fra den 1. januar 2006 til den "
        "31. december 2006.")}


def test_restrictive_relative_clause_states_no_duty():
    # BEK 918/2018 § 6, stk. 3: a definition
    assert stmts("Stk. 3. Opstart forstås som første møde med en sundhedsperson, der skal varetage hele eller dele "
                 "af borgerens genoptræning.", "bekendtgørelse") == []


def test_relative_clause_about_an_actor_keeps_the_actor():
    # SST vejledning 2023, 5.1 (a cleft)
    o = one("Det fremgår af bekendtgørelsens § 21, at det er regionsrådet, som er forpligtet til at indsende den "
            "indgåede sundhedsaftale til Sundhedsstyrelsen.", "vejledning")
    assert o.bearers == ["regionsraad"] and o.modality == "obligation"


def test_subject_before_an_interrupting_relative_clause():
    # sundhedsloven § 170 a: the permission belongs to the municipal council named before
    # "den kommune, som er ansvarlig for ...", and "er ansvarlig for" there is no duty
    assert stmts("§ 170 a. Kommunalbestyrelsen i den kommune, som er ansvarlig for lægelig behandling med "
                 "diacetylmorfin (heroin) i medfør af § 142, stk. 3, kan yde befordring eller "
                 "befordringsgodtgørelse til og fra behandlingen.") == [(("kommunalbestyrelse",), "permission")]


# --- conditions -----------------------------------------------------------------------------

def test_condition_states_no_duty_also_through_an_at_clause():
    # SST vejledning 2023, 4.1
    assert stmts("Hvis det besluttet, at almen praksis skal varetage nye opgaver, vil det eventuelt forudsætte, at "
                 "der indgås en underliggende aftale, hvor implementering og ressourcer aftales.", "vejledning") == []


def test_main_clause_after_a_condition_is_kept():
    # BEK 918/2018 § 5, stk. 3
    assert stmts("Stk. 3. Såfremt genoptræningsplanen angiver, at patienten har behov for almen genoptræning efter "
                 "udskrivning, skal kommunalbestyrelsen snarest muligt og på baggrund af en sundhedsfaglig vurdering "
                 "angive, hvorvidt patienten har behov for en vurdering.", "bekendtgørelse") == [
        (("kommunalbestyrelse",), "obligation")]
    # sundhedsloven § 31 a, stk. 3: a verb-first condition, then an inverted "er X forpligtet til"
    assert stmts("Stk. 3. Skal destruktion finde sted, er sundhedspersonen forpligtet til at sørge herfor.") == [
        (("sundhedsperson",), "obligation")]


def test_om_opening_an_adverbial_opens_no_clause():
    # sundhedsloven § 211 a, stk. 6: »Om nødvendigt« is »if necessary«, not an om-clause around the modal
    assert stmts("Om nødvendigt kan myndigheden anmode politiet om at yde bistand ved kontrollen.") == [((), "permission")]
    assert stmts("Om nødvendigt kan kommunalbestyrelsen anmode politiet om bistand.") == [
        (("kommunalbestyrelse",), "permission")]
    # »om« opening a clause still does: what is decided is no one's permission
    assert stmts("Kommunalbestyrelsen afgør, om patienten kan få hjælp.") == [(("kommunalbestyrelse",), "obligation")]


# --- what a statement regulates is not a statement of its own -------------------------------

def test_indirect_questions_and_at_clause_content_are_not_statements():
    # sundhedsloven § 199, stk. 2: four modals inside "regler om, i hvilke tilfælde / hvornår / hvad ..."
    assert stmts("Stk. 2. Styrelsen for Patientsikkerhed fastsætter endvidere nærmere regler om, i hvilke tilfælde "
                 "personer omfattet af § 198, stk. 2, skal rapportere om utilsigtede hændelser til regionsrådet og "
                 "kommunalbestyrelsen, hvornår rapporteringen skal eller ikke skal ske, i hvilken form rapporteringen "
                 "skal ske, og hvad den i givet fald skal indeholde.") == [
        (("styrelsen-for-patientsikkerhed",), "obligation")]
    # sundhedsloven § 6, stk. 2
    assert stmts("Stk. 2. Indenrigs- og sundhedsministeren kan fastsætte regler om, at rettigheder og pligter for "
                 "sundhedspersoner fastsat i eller i medfør af denne lov også skal finde anvendelse for personer, der "
                 "uden autorisation midlertidigt her i landet udøver sundhedsfaglig virksomhed.") == [
        (("sundhedsminister",), "permission")]


# --- passives -------------------------------------------------------------------------------

def test_passive_agent_is_the_bearer_and_relative_modal_is_ignored():
    # sundhedsloven § 52, stk. 4
    assert stmts("Stk. 4. Indgreb på personer under 18 år og på personer, som ikke selv kan give samtykke, skal "
                 "godkendes af Styrelsen for Patientsikkerhed, inden indgrebet finder sted.") == [
        (("styrelsen-for-patientsikkerhed",), "obligation")]


def test_passive_agent_before_the_verb():
    # sundhedsloven § 113 after a sentence with another bearer: the agent "af en læge" decides
    obs = obligations("§ 5. Regionsrådet skal tilbyde en individuel genoptræningsplan. Den, på hvem indgrebet skal "
                      "foretages, skal af en læge vejledes om indgrebets beskaffenhed og direkte følger.",
                      "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.passive, o.carried) for o in obs] == [
        (("regionsraad",), False, False), (("laege",), True, False)]


def test_genitive_and_modal_passive_are_not_present_tense_duties():
    # BEK 918/2018 § 7, stk. 2: "En kommunes" is a genitive, not a passive verb
    assert [o.cue for o in obligations(
        "Stk. 2. En kommunes genoptræningsinstitution kan af kapacitetsmæssige årsager afvise at modtage patienter, "
        "der har bopæl i en anden kommune, hvis institutionen har væsentlig længere ventetider til genoptræning end "
        "andre kommunale genoptræningsinstitutioner.", "bekendtgørelse") if o.cue == "present"] == []
    # sundhedsloven § 87, stk. 8: "kan fraviges" is no normative present
    obs = obligations("§ 5. Regionsrådet skal tilbyde en individuel genoptræningsplan. Stk. 8. Fristen i henhold til "
                      "stk. 6 kan fraviges, hvis personen vælger at blive behandlet på en anden offentlig eller privat "
                      "institution end den, hvortil bopælskommunen har visiteret.")
    assert [o.action.split()[0] for o in obs] == ["tilbyde"]


# --- bearers from context ---------------------------------------------------------------------

def test_no_bearer_carried_into_a_sentence_with_a_non_actor_subject():
    # sundhedsloven § 141 e, stk. 3 after a duty of the municipal council
    obs = obligations("§ 5. Kommunalbestyrelsen skal tilrettelægge genoptræningsindsatsen i sammenhæng med andre "
                      "indsatser. Den enkelte tilbageholdelse kan højst vare 21 dage fra afgørelsen efter § 141 c, "
                      "stk. 1, og den samlede tilbageholdelsesperiode må ikke overstige 3 måneder inden for "
                      "kontraktperioden.")
    assert [(tuple(o.bearers), o.modality, o.carried) for o in obs] == [
        (("kommunalbestyrelse",), "obligation", False), ((), "prohibition", False)]
    # sundhedsloven § 52, stk. 2: an inverted non-actor subject ("kan indgrebet ... foretages")
    obs = obligations("§ 5. Regionsrådet skal tilbyde en individuel genoptræningsplan. Stk. 2. Såfremt ganske særlige "
                      "grunde taler derfor, kan indgrebet dog foretages med samtykke fra en person under 18 år, når "
                      "samtykket er tiltrådt af forældremyndighedens indehaver.")
    assert [tuple(o.bearers) for o in obs] == [("regionsraad",)]


def test_udvalget_refers_to_the_committee_not_one_named_after_a_preposition():
    # BEK 256/2014 §§ 1, 6 and 7
    obs = obligations("§ 1. I hver region nedsættes et praksisplanudvalg for almen praksis.\n"
                      "Stk. 3. Praksisplanen skal inden vedtagelsen forelægges for sundhedskoordinationsudvalget, jf. "
                      "sundhedslovens § 204, stk. 1.\n"
                      "§ 7. Udvalget skal systematisk inddrage patientinddragelsesudvalget i regionen.",
                      "bekendtgørelse")
    assert obs[-1].bearers == ["praksisplanudvalg"] and obs[-1].carried


# --- cues -------------------------------------------------------------------------------------

def test_inverted_recommendation_frame_and_hvert():
    # SST vejledning 2023, 2.1.3
    o = one("I forlængelse heraf vil det være hensigtsmæssigt, at regionen og kommunerne løbende orienterer "
            "sundhedsklyngerne om væsentlige ændringer på sundhedsområdet.", "vejledning")
    assert set(o.bearers) == {"region", "kommune"} and o.modality == "recommendation"
    # sundhedsloven § 209
    o = one("§ 209. Det påhviler hvert regionsråd under iagttagelse af de i § 208 fastsatte krav at indgå aftaler "
            "om benyttelse af lands- og landsdelsfunktioner på regionale sygehuse.")
    assert o.bearers == ["regionsraad"] and o.modality == "obligation"


def test_actor_subject_makes_kan_ikke_give_a_prohibition():
    # SST vejledning 2023, 5.8
    o = one("Sundhedsstyrelsen kan ikke give en forhåndsgodkendelse forud for indsendelsen af sundhedsaftalen.",
            "vejledning")
    assert o.bearers == ["sundhedsstyrelsen"] and o.modality == "prohibition"


def test_maa_ikke_be_attached_to_is_a_prohibition_not_a_possibility():
    # sundhedsloven § 202 a, stk. 2: »må ikke … drive eller være knyttet til« forbids; »kan … være
    # knyttet til« stays a possibility
    assert stmts("Stk. 2. Læger, tandlæger, sygeplejersker og apotekere må ikke uden Lægemiddelstyrelsens tilladelse "
                 "drive eller være knyttet til en medicovirksomhed.") == [(("laege", "tandlaege"), "prohibition")]
    assert stmts("Lægen kan i den forbindelse være knyttet til en virksomhed.") == []


def test_a_presumption_is_no_duty_and_a_noun_before_the_passive_no_infinitive():
    # sundhedsloven § 94, stk. 3: »Må fosteret antages …« presumes (no present-tense duty), and in
    # »kan tilladelse til … kun gives« the noun »tilladelse« is no active infinitive ending the search
    # for the passive
    assert stmts("Regionsrådet træffer afgørelse om tilladelse. Må fosteret antages at være levedygtigt, kan "
                 "tilladelse til svangerskabsafbrydelse kun gives, såfremt omstændighederne med afgørende vægt "
                 "taler for det.") == [(("regionsraad",), "obligation"), ((), "permission")]


def test_reader_and_letter_writer_are_no_bearers():
    # Region Sjælland's web page; Region Hovedstaden's hearing letter 2014
    assert stmts("I Sundhedsaftalen kan du læse om vision og mål for samarbejdet.", "webside") == []
    assert stmts("Vi skal anmode om at få jeres eventuelle bemærkninger senest den 30. juni 2014.", "høringsbrev") == []
    # "vi" in the draft agreement itself: its parties
    assert stmts("Vi skal bygge bro mellem kompetencerne i kommuner, på hospitaler og i praksissektoren.",
                 "høringsudkast") == [(("parterne",), "obligation")]


def test_composition_is_not_a_present_tense_duty():
    # sundhedsloven § 199 a, stk. 2
    assert stmts("Stk. 2. Fagligt Forum for Patientsikkerhed sammensættes af repræsentanter for relevante "
                 "myndigheder og organisationer efter Styrelsen for Patientsikkerheds nærmere bestemmelse.") == []


# --- purpose clauses ------------------------------------------------------------------------

def test_purpose_clause_states_no_permission():
    # Region Hovedstaden, praksisplan (2014): why accessibility matters, no one's permission
    assert stmts("Tilgængelighed er væsentligt for at almen praksis kan fungere som indgang til sundhedsvæsenet "
                 "og som tovholder i forhold til kroniske patienter.", "andet") == []


def test_fronted_purpose_keeps_the_main_clause_duty():
    # SST vejledning 2023: the fronted "For at ..." is infinitival; "skal" belongs to the main clause
    assert stmts("For at understøtte et ligeværdigt og tillidsbaseret samarbejde skal regionsrådet og kommunerne "
                 "samarbejde om at sekretariatsbetjene sundhedsklyngen på både politisk og fagligt strategisk "
                 "niveau.", "vejledning") == [(("regionsraad", "kommune"), "obligation")]


def test_for_at_as_the_content_of_a_possibility_is_no_purpose():
    # SST's page on sundhedsaftaler: "mulighed for, at ... kan" grants, it does not explain
    assert stmts("Sundhedsaftalerne giver også mulighed for, at regioner og kommuner kan lave aftaler for udvikling "
                 "og afprøvning af nye modeller for samarbejde.", "andet") == [(("region", "kommune"), "permission")]


def test_at_clause_under_a_rule_making_permission_is_no_duty():
    # sundhedsloven § 145: a rule Lægemiddelstyrelsen may make (its permission), not a duty of anyone
    assert stmts("Stk. 2. Lægemiddelstyrelsen kan fastsætte regler om, at en tilskudspris skal opretholdes "
                 "prisperioden ud, uanset at et billigere lægemiddel bliver tilgængeligt inden for "
                 "prisperioden.") == [(("laegemiddelstyrelsen",), "permission")]
    # the patient's right is named, and the at-clause is no one's duty
    assert stmts("En patient kan kræve, at en tilskudspris skal opretholdes prisperioden ud.") == [((), "permission")]


def test_at_clause_interrupted_by_a_relative_clause_stays_an_at_clause():
    # sundhedsloven § 33: the patient's right (named), not anyone's duty to destroy
    ob = one("§ 33. En patient kan kræve, at biologisk materiale, som patienten har afgivet i forbindelse med "
             "behandling, skal destrueres.", "lovbekendtgørelse")
    assert stmts("§ 33. En patient kan kræve, at biologisk materiale, som patienten har afgivet i forbindelse med "
                 "behandling, skal destrueres.") == [((), "permission")]
    assert ob.bearer_label == "en patient" and ob.action.startswith("kræve, at biologisk materiale")
    # … while a fronted "Hvor …, som …," clause ends at that comma: the main clause's duty stays
    assert stmts("Stk. 2. Hvor en patient efter udskrivning fra sygehus har behov for almen genoptræning, som efter "
                 "sundhedslovens § 139 a varetages af kommunen, skal genoptræningsplanen samtidig efter aftale med "
                 "patienten sendes til patientens bopælskommune.", "bekendtgørelse") != []


# --- "skal være <participle> af X" ---------------------------------------------------------

def test_state_to_be_brought_about_by_an_actor_is_its_duty():
    # SST vejledning 2023, 5.1: the approval is the councils' to give
    assert stmts("Aftalen skal være godkendt af både regionsrådet og alle kommunalbestyrelser i regionen inden "
                 "indsendelsen.", "vejledning") == [(("regionsraad", "kommunalbestyrelse"), "obligation")]
    # without an actor agent "skal være" describes, it obliges no one
    assert stmts("Sundhedsaftalen skal være skriftlig.", "vejledning") == []


# --- »denne« as the inverted subject --------------------------------------------------------

def test_demonstrative_subject_is_the_actor_of_the_fronted_clause():
    # sundhedsloven § 100, stk. 2: the physician's duty, not that of the actor of the paragraph before
    assert stmts("§ 100. Sundhedsministeren fastsætter regler om vejledning. Stk. 2. Fremsættes anmodningen over for "
                 "en læge, skal denne gøre den gravide opmærksom på, at denne kan få vejledning.", "lov")[-1] \
        == (("laege",), "obligation")
    # § 187, stk. 2: »denne« the relatives' consent, which must exist: no one's act
    assert stmts("Stk. 2. Har afdøde givet sit samtykke til obduktion under forudsætning af de pårørendes accept, "
                 "skal denne foreligge.", "lov") == [((), "obligation")]


def test_verb_first_condition_the_lookup_table_lacks_keeps_the_actor_in_context_out():
    # sundhedsloven § 211 a, stk. 2: »Henlægger« (not in the lemma table) opens a condition about the
    # minister's act; who carries out the controls is not said — not the minister of stk. 1
    obs = obligations("§ 211 a. Indenrigs- og sundhedsministeren kan fastsætte regler om kontrolforanstaltninger. "
                      "Stk. 2. Henlægger indenrigs- og sundhedsministeren beføjelsen til en anden myndighed, skal "
                      "gennemførelse af yderligere kontrolforanstaltninger ske efter indstilling herom til indenrigs- "
                      "og sundhedsministeren.", "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.carried) for o in obs] == [(("sundhedsminister",), False), ((), False)]


# --- a relative clause that says which person is meant --------------------------------------

def test_identifying_relative_is_no_duty_and_its_antecedent_bears_the_main_clause():
    # sundhedsloven § 29, stk. 4: the duty is to search the register, of the one responsible for storage
    obs = obligations("Stk. 4. Den myndighed eller sundhedsperson, der er ansvarlig for opbevaringen af oplysninger som "
                      "nævnt i stk. 1, er forpligtet til at søge oplysninger i registeret, hvis oplysninger ønskes "
                      "anvendt til andet.", "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.cue) for o in obs] == [(("sundhedsperson",), "er forpligtet til")]
    # § 33, stk. 3: »Den sundhedsperson, der er ansvarlig for …, afgør …«: a normative present
    obs = obligations("Stk. 3. Den sundhedsperson, der er ansvarlig for opbevaring af det biologiske materiale, afgør, "
                      "hvorvidt destruktion skal finde sted, jf. stk. 2.", "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.cue) for o in obs] == [(("sundhedsperson",), "present")]



def test_actor_right_after_a_passive_verb_is_its_recipient_not_its_bearer():
    # sundhedsloven § 42 d, stk. 4: the notice is given to the health person, by no one named
    obs = obligations("§ 42 d. Med patientens samtykke kan autoriserede sundhedspersoner i fornødent omfang indhente "
                      "oplysninger om patientens helbredsforhold. Stk. 4. Tilkendegivelsen af oplysningerne meddeles "
                      "den sundhedsperson, der er ansvarlig for oplysningerne, eller behandlingsstedet.",
                      "lovbekendtgørelse")
    assert [(tuple(o.bearers), o.modality, o.carried) for o in obs] == [
        (("sundhedsperson",), "permission", False), ((), "obligation", False)]


def test_skal_ikke_before_a_passive_is_an_exemption_not_a_prohibition():
    # BEK 1569/2013 § 7, stk. 2: these agreements need no approval; the authority is not forbidden to give it
    assert stmts("Stk. 2. De aftaler, der er nævnt i stk. 1, skal ikke godkendes af Sundhedsstyrelsen.",
                 "bekendtgørelse") == []
    assert stmts("Stk. 2. Regionsrådet må ikke godkende aftalerne.", "bekendtgørelse") == [(("regionsraad",), "prohibition")]


def test_a_right_after_an_adverbial_is_no_duty():
    # BEK 999/2023 § 30 c: the practices' opportunity to be heard
    assert stmts("§ 30 c. De enkelte praksis skal i forbindelse med høringen have mulighed for at give udtryk for "
                 "deres planer for den kommende periode.", "bekendtgørelse") == []


def test_the_act_the_previous_paragraph_named_carries_its_actor():
    # BEK 1569/2013 §§ 5-6: the submission's deadline is the regional council's, though in the next paragraph
    obs = obligations("§ 5. Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen til godkendelse.\n"
                      "§ 6. Indsendelsen af sundhedsaftalen skal ske senest den 31. januar i kommunalbestyrelsernes og "
                      "regionsrådets valgperiodes andet år.", "bekendtgørelse")
    assert [(tuple(o.bearers), o.carried, bool(o.deadline)) for o in obs] == [
        (("regionsraad",), False, False), (("regionsraad",), True, True)]



def test_a_list_of_actors_goes_on_with_persons_outside_the_table():
    # sundhedsloven § 18 (LOV 2021), stk. 5: the doctors and dentists among them may go on
    ob = one("Stk. 5. En læge, tandlæge, apoteker eller behandlerfarmaceut, der den 26. maj 2021 har en tilknytning "
             "til en repræsentant for en udenlandsk lægemiddelvirksomhed her i landet, som er omfattet af § 43 b, "
             "stk. 1, i lægemiddelloven, kan efter anmeldelse heraf til Lægemiddelstyrelsen senest den 26. november "
             "2021 fortsætte en sådan tilknytning.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearers) == ("permission", ["laege", "tandlaege"])
    assert ob.deadline is not None and ob.deadline["date"] == "2021-11-26"
    ob = one("En læge, tandlæge, apoteker eller behandlerfarmaceut kan fortsætte en sådan tilknytning.",
             "lovbekendtgørelse")
    assert ob.bearers == ["laege", "tandlaege"]


def test_anyone_may_is_a_right_of_the_person_named():
    # sundhedsloven § 26
    ob = one("§ 26. Enhver, der er fyldt 18 år og ikke er under værgemål, der omfatter personlige forhold, jf. "
             "værgemålslovens § 5, kan oprette et behandlingstestamente.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearers, ob.bearer_label) == ("permission", [], "enhver")


def test_a_passive_about_what_the_duty_before_made_is_that_actors():
    # sundhedsloven § 206 a (2023): the plan the region makes is the region's to revise and submit
    obs = obligations("§ 206 a. Regionsrådet med inddragelse af kommunerne og almen praksis skal i hver valgperiode "
                      "udarbejde en praksisplan vedrørende almen praksis. Den endelige beslutning vedrørende "
                      "praksisplanens udformning tilfalder regionsrådet. Praksisplanen skal revideres i valgperioden, "
                      "hvis der sker væsentlige ændringer i dens forudsætninger.", "lovbekendtgørelse")
    assert [(o.bearers, o.carried) for o in obs] == [(["regionsraad"], False), (["regionsraad"], True)]
    # not a thing of its own that the sentence before did not name, nor a permission
    obs = obligations("§ 7. Regionsrådet skal udarbejde en praksisplan. Opgørelsen skal offentliggøres.",
                      "lovbekendtgørelse")
    assert obs[1].bearers == []
    obs = obligations("§ 7. Regionsrådet skal udarbejde en praksisplan. Praksisplanen kan offentliggøres.",
                      "lovbekendtgørelse")
    assert all(o.bearers != ["regionsraad"] or not o.carried for o in obs)


def test_a_present_duty_after_a_fronted_phrase():
    # LOV 719/2025 § 14 h and § 204
    ob = one("§ 14 h. I kommuner med under 80.000 indbyggere fastsætter kommunalbestyrelsen i styrelsesvedtægten, om "
             "det kommunale medlem er kommunalbestyrelsens formand.", "lov")
    assert (ob.bearers, ob.modality, ob.cue) == (["kommunalbestyrelse"], "obligation", "present")
    ob = one("§ 204. I hver region nedsætter regionsrådet et patient- og pårørendeudvalg.", "lov")
    assert ob.bearers == ["regionsraad"]
    # a verb-like noun before the actor is no verb, and a guidance text is not read this way
    assert all(o.cue != "present" for o in obligations("I kommuner med under 80.000 indbyggere er kommunalbestyrelsen "
                                                        "ansvarlig.", "lov"))
    assert obligations("I hver region nedsætter regionsrådet et udvalg.", "vejledning") == []


def test_a_treatment_place_is_named_as_its_bearer():
    # sundhedsloven § 141, stk. 6 (judged sample 20261220, item 22)
    ob = one("Stk. 6. For behandlingssteder, som en kommunalbestyrelse ikke selv har etableret, gælder endvidere, at "
             "behandlingsstedet skal have en aftale med minimum én kommune for at kunne indgå i kommunalbestyrelsens "
             "tilbud om alkoholbehandling.", "lovbekendtgørelse")
    assert (ob.bearers, ob.bearer_label, ob.modality) == ([], "behandlingsstedet", "obligation")


# --- whom an agentless passive is done by ---------------------------------------------------

def test_rules_about_an_act_are_not_the_act():
    # sundhedsloven §§ 18-20: the minister's rules on how patients are informed do not make the
    # minister the one who informs
    obs = obligations("Indenrigs- og sundhedsministeren fastsætter nærmere regler om, hvordan patienten skal "
                      "informeres. En patient, der ikke selv kan give informeret samtykke, skal informeres og "
                      "inddrages i drøftelserne af behandlingen.", "lovbekendtgørelse")
    assert obs[-1].passive and obs[-1].bearers == []


def test_the_subject_of_a_passive_is_not_its_agent():
    # »Udvalget skal … inddrages«: the committee is involved by someone else
    obs = obligations("Patientinddragelsesudvalget kan afgive udtalelser. Udvalget skal systematisk inddrages i "
                      "drøftelsen af emner, der ligger inden for praksisplanen.", "bekendtgørelse")
    assert obs[-1].bearers == [] and obs[-1].passive
    obs = obligations("Patientinddragelsesudvalget kan afgive udtalelser. I henhold til bekendtgørelsen, skal "
                      "patientinddragelsesudvalget systematisk inddrages i drøftelsen af emner.", "dagsorden")
    assert obs[-1].bearers == []


def test_an_agentless_passive_citing_the_paragraph_that_gives_the_act():
    # sundhedsloven § 134, stk. 3: the municipality of § 133 may not charge them
    obs = obligations("§ 133. Kommunalbestyrelsen tilbyder et specialiseret tandplejetilbud til sindslidende. "
                      "§ 134. Indenrigs- og sundhedsministeren fastsætter nærmere regler for betalingstaksten. "
                      "Stk. 3. Børn og unge, der modtager et specialiseret tandplejetilbud efter § 133, kan ikke "
                      "afkræves betaling for behandlingen.", "lovbekendtgørelse")
    assert (obs[-1].modality, obs[-1].bearers) == ("prohibition", ["kommunalbestyrelse"])


def test_a_duty_in_a_relative_clause_ends_with_it():
    # vejledning 2023 (draft), 1: the main clause's »indgår ligeledes i vejledningens målgruppe« is
    # no part of the committees' involvement (judged sample 20261221, item 28)
    ob = one("Patientinddragelsesudvalgene, som i henhold til sundhedslovens § 204 skal inddrages i "
             "sundhedssamarbejdsudvalgenes drøftelser, indgår ligeledes i vejledningens målgruppe.", "vejledning")
    assert ob.action == "inddrages i sundhedssamarbejdsudvalgenes drøftelser"


# --- found by the third answer set (answer_set_c) ---------------------------------------------

def test_an_inverted_person_after_uanset_and_an_article():
    # LOV 719/2025 § 14 l, stk. 3, and sundhedsloven § 23
    ob = one("Stk. 3. Uanset stk. 2 kan et kommunalt medlem ikke videregive personoplysninger, som vedkommende "
             "har modtaget som led i sit hverv, til kommunalbestyrelsen.", "lov")
    assert (ob.modality, ob.bearer_label) == ("prohibition", "et kommunalt medlem")
    assert ob.action.startswith("videregive personoplysninger")
    ob = one("§ 23. Hvis en patient utvivlsomt har iværksat en sultestrejke, må en sundhedsperson ikke afbryde denne.",
             "lovbekendtgørelse")
    assert (ob.modality, ob.bearers, ob.action) == ("prohibition", ["sundhedsperson"], "afbryde denne")
    # a person before a relative clause and a passive is what the passive is done to
    obs = obligations("Stk. 13. Det skal sikres, at en sundhedsperson, som er part i sagen, gives ret til at møde.",
                      "lovbekendtgørelse")
    assert all(o.bearers != ["sundhedsperson"] for o in obs)


def test_a_fronted_citation_keeps_the_present_duty_after_it():
    # BEK 1208/2025 § 1, stk. 2
    ob = one("Stk. 2. Efter § 32, stk. 1, i overgangsloven nedsætter regionsrådet for Region Nordjylland senest den "
             "1. januar 2026 2 forberedende sundhedsråd.", "bekendtgørelse")
    assert ob.bearers == ["regionsraad"] and ob.deadline and ob.deadline["date"] == "2026-01-01"


def test_a_compound_goes_on_about_its_head():
    # sundhedsloven § 141: »Alkoholbehandling skal iværksættes senest 14 dage efter …« is the
    # municipality's, which offers the »behandling«
    obs = obligations("§ 141. Kommunalbestyrelsen tilbyder vederlagsfri behandling til alkoholmisbrugere. Stk. 2. "
                      "Alkoholbehandling skal iværksættes senest 14 dage efter henvendelsen.", "lovbekendtgørelse")
    assert (obs[-1].bearers, obs[-1].carried) == (["kommunalbestyrelse"], True)
    assert obs[-1].deadline["offset"] == "P14D"


def test_a_permission_with_an_adverb_before_mulighed():
    # BEK 1248/2022 § 21, stk. 5
    ob = one("Stk. 5. Sundhedsstyrelsen har undtagelsesvis mulighed for at afvige fra fristerne for indsendelse af "
             "sundhedsaftalerne ved behov.")
    assert (ob.modality, ob.bearers) == ("permission", ["sundhedsstyrelsen"])


def test_a_patients_right_is_named():
    # sundhedsloven §§ 16, 17 (answer_set_d, d02): the patient's rights, as the patient's
    ob = one("§ 17. En patient, der er fyldt 15 år, kan selv give informeret samtykke til behandling.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label, ob.action) == ("permission", "en patient",
                                                         "selv give informeret samtykke til behandling")
    ob = one("§ 16. Patienten har ret til at få information om sin helbredstilstand.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "patienten")
    # what the text wants for patients stays no one's duty, and an organisation keeps its name
    assert obligations("Patienterne skal opleve sammenhængende forløb.", "sundhedsaftale") == []
    ob = one("Danske Patienter og Danske Handicaporganisationer skal ved udpegningen sikre repræsentation.")
    assert ob.bearer_label == "Danske Patienter og Danske Handicaporganisationer"


def test_a_relative_clause_joined_by_og_som_is_a_relative_clause_too():
    # sundhedsloven § 29 (precision sample 20261222, item 41): the patient's decision holds the
    # embedded »kun må anvendes …« after two relative clauses on »oplysninger«
    ob = one("§ 29. En patient kan endvidere beslutte, at genetiske oplysninger, som er udledt af biologisk materiale i "
             "forbindelse med behandling, og som opbevares af Nationalt Genomcenter, kun må anvendes til behandling af "
             "den pågældende.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "en patient")
    assert ob.action.endswith("kun må anvendes til behandling af den pågældende")
    # § 134 a, stk. 2: »og som ikke kan udnytte …« describes the citizens, it is the council's permission only
    obs = obligations("Stk. 2. Kommunalbestyrelsen kan tilbyde vederlagsfri tandpleje til udsatte borgere, der ikke er "
                      "omfattet af stk. 1, og som ikke kan udnytte de almindelige tandplejetilbud.", "lovbekendtgørelse")
    assert [(o.modality, o.bearers) for o in obs] == [("permission", ["kommunalbestyrelse"])]


def test_an_office_a_person_may_not_hold_at_once_is_a_prohibition():
    # LOV 719/2025 § 14 e, stk. 3; sundhedsloven § 155, stk. 3 (answer_set_h, h08)
    ob = one("Stk. 3. Et regionsrådsmedlem kan ikke samtidig være formand for flere sundhedsråd.", "lov")
    assert (ob.modality, ob.bearers, ob.action) == ("prohibition", [], "samtidig være formand for flere sundhedsråd")
    ob = one("Stk. 3. Medlemmerne af Medicintilskudsnævnet må ikke være økonomisk interesserede i nogen virksomhed, "
             "som fremstiller, importerer eller forhandler lægemidler.", "lovbekendtgørelse")
    assert ob.modality == "prohibition"
    # a possibility stays none
    assert obligations("Tilbuddet kan ikke være knyttet til en bestemt kommune.", "lovbekendtgørelse") == []


def test_something_to_be_in_someones_hands_by_a_time_is_a_duty():
    # BEK 1709/2024 § 23, stk. 3 (answer_set_h, h11): the municipality receives, it is not the bearer
    ob = one("Regnskabet skal senest være kommunen i hænde 6 uger efter anmodningen om sygedagpenge.", "bekendtgørelse")
    assert (ob.modality, ob.bearers) == ("obligation", [])
    assert (ob.deadline["offset"], ob.deadline["anchor"]) == ("P6W", "anmodningen om sygedagpenge")


def test_an_institution_and_a_bodys_representatives_are_named():
    # BEK 918/2018 § 7, stk. 2 (answer_set_h, h14): an institution's permission
    ob = one("Stk. 2. En kommunes genoptræningsinstitution kan af kapacitetsmæssige årsager afvise at modtage "
             "patienter, der har bopæl i en anden kommune.", "bekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "en kommunes genoptræningsinstitution")
    # BEK 1248/2022 § 19, stk. 3 (h12): the committee's right, through its representatives
    ob = one("Stk. 3. Repræsentanterne fra patientinddragelsesudvalget skal have mulighed for at give udtryk for "
             "forventninger og forslag til indholdet i sundhedsaftalen jf. § 34 inden udarbejdelsen af udkastet til "
             "sundhedsaftalen i hver valgperiode.", "bekendtgørelse")
    assert (ob.modality, ob.bearers) == ("permission", ["patientinddragelsesudvalg"])
    assert ob.deadline["text"].startswith("inden udarbejdelsen af udkastet")
    # representatives of persons are no body's
    ob = one("Stk. 2. Repræsentanterne har mulighed for at lade sig bistå af øvrige repræsentanter på relevante møder.",
             "bekendtgørelse")
    assert (ob.modality, ob.bearers) == ("permission", [])


def test_a_right_past_an_adverbial_or_an_inverted_holder():
    # sundhedsloven § 37 and § 8: »har på anmodning / under midlertidigt ophold ret til«
    ob = one("Patienten har endvidere på anmodning ret til at få meddelelse om, hvilke oplysninger der behandles.",
             "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "patienten")
    ob = one("§ 8. Personer, der ikke har bopæl her i landet, har under midlertidigt ophold ret til ydelser efter "
             "bestemmelserne i § 80.", "lovbekendtgørelse")
    assert (ob.modality, ob.action) == ("permission", "ydelser efter bestemmelserne i § 80")
    # BEK 918/2018 § 7, stk. 3 (answer_set_g, g14): the citizen holds the right after a fronted condition
    ob = one("Stk. 3. Såfremt kommunalbestyrelsen ikke kan tilbyde opstart af genoptræningstilbud efter stk. 1 inden "
             "for 7 dage efter udskrivning, har borgeren ret til frit at vælge en leverandør af genoptræning.",
             "bekendtgørelse")
    assert (ob.modality, ob.bearer_label, ob.action) == ("permission", "borgeren",
                                                         "frit at vælge en leverandør af genoptræning")
    # § 249, stk. 2: an inverted actor inside the cue; the action starts after »ret til«
    ob = one("Stk. 2. Tilbyder en anden kommune end bopælskommunen tandpleje, har denne kommune ret til "
             "mellemkommunal refusion fra bopælskommunen.", "lovbekendtgørelse")
    assert (ob.bearers, ob.action) == (["kommune"], "mellemkommunal refusion fra bopælskommunen")
    # what a text wants for citizens is still no one's duty, and a negated right is none
    assert obligations("Borgerne skal opleve sammenhængende forløb.", "sundhedsaftale") == []
    assert obligations("Personer, der er sikret i et andet land, har ikke ret til tilskud.", "lovbekendtgørelse") == []


def test_a_noun_in_e_after_an_adjective_is_no_infinitive():
    # sundhedsloven § 18 (answer_set_g, g02): »informeret samtykke« is what is given, by the guardian
    ob = one("§ 18. I de tilfælde, hvor patienten er under værgemål, der omfatter personlige forhold, herunder "
             "helbredsforhold, jf. værgemålslovens § 5, kan informeret samtykke efter 1. pkt. gives af værgen.",
             "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "værgen")


def test_a_number_in_the_opening_noun_phrase_keeps_the_person():
    # sundhedsloven § 85 (answer_set_i, i04): a relative clause after »Personer mellem 50 og 69 år«
    ob = one("§ 85. Personer mellem 50 og 69 år, der har kvindeligt brystvæv, har ret til brystundersøgelse hvert "
             "andet år i bopælsregionen, jf. § 277, stk. 9.", "lovbekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("permission", "personer")
    assert ob.frequency and ob.frequency["every"] == 2 and ob.frequency["per"] == "year"


def test_advice_past_an_inverted_committee():
    # vejledning 2013, 2.5 (answer_set_i, i18): »Desuden kan udvalget hensigtsmæssigt drøfte …« is
    # the committee in context's, and advice, not a permission
    obs = obligations("Sundhedskoordinationsudvalget skal drøfte aftalen. Desuden kan udvalget hensigtsmæssigt drøfte "
                      "problemstillinger i relation til sundhedsaftalens indsatsområder.", "vejledning")
    assert [(o.bearers, o.modality) for o in obs] == [(["sundhedskoordinationsudvalg"], "obligation"),
                                                      (["sundhedskoordinationsudvalg"], "recommendation")]
    assert obs[1].action.startswith("hensigtsmæssigt drøfte problemstillinger")
    ob = one("Desuden kan sundhedskoordinationsudvalget med fordel drøfte den samlede indsats.", "vejledning")
    assert ob.modality == "recommendation"
    # an inverted committee that is heard is what the passive is done to
    ob = one("Som minimum skal udvalget høres i forbindelse med udarbejdelse af praksisplanen.", "vejledning")
    assert ob.action.startswith("udvalget høres")


def test_om_after_a_definite_noun_is_a_preposition():
    # vejledning 2013, 6.4 (answer_set_i, i17): what the notice of non-approval must state
    ob = one("Af meddelelsen om Sundhedsstyrelsens manglende godkendelse skal fremgå, hvilke(t) krav der ikke er "
             "opfyldt samt frist for indsendelse af en revideret aftale.", "vejledning")
    assert (ob.modality, ob.bearers) == ("obligation", [])
    # »om« as »whether« still opens a clause: what is to be decided is no duty of its own
    obs = obligations("Regionsrådet vurderer, om aftalen skal revideres.", "vejledning")
    assert [(o.bearers, o.action) for o in obs] == [(["regionsraad"], "vurderer, om aftalen skal revideres")]


def test_a_cited_attribute_inside_a_person_phrase():
    # BEK 1248/2022 § 25, stk. 3 and BEK 1615/2025 § 2, stk. 3 (answer_set_j, j13)
    ob = one("Stk. 3. De i stk. 2 nævnte organisationer mv. kan løbende udpege stedfortrædere til udvalget ved behov.",
             "bekendtgørelse")
    assert (ob.modality, ob.bearer_label, ob.action) == ("permission", "de i stk. 2 nævnte organisationer",
                                                         "løbende udpege stedfortrædere til udvalget ved behov")


def test_an_inverted_subject_with_article_and_modifier_after_a_fronted_citation():
    # BEK 1208/2025 § 15, stk. 2 (answer_set_k, k07): »det forberedende regionsråd« after the verb
    ob = one("Stk. 2. Efter § 78, stk. 1, i overgangsloven nedsætter det forberedende regionsråd for Region "
             "Østdanmark senest den 1. januar 2026 6 forberedende sundhedsråd med samme geografiske afgrænsning.",
             "bekendtgørelse")
    assert ob.bearers == ["regionsraad"] and ob.deadline["date"] == "2026-01-01"


def test_what_there_should_be_is_a_recommendation_without_a_named_actor():
    # Sundhedsstyrelsen's 2013 guidance, 5.5 (answer_set_l, l16): the expletive »der« names no one
    ob = one("I den forbindelse bør der være ensartet registrering og enighed om afgrænsninger af særlige "
             "målgrupper, så definitioner af patientgrupper som fx skrøbelige/sårbare patienter er ens på tværs "
             "af sektorer.", "vejledning")
    assert (ob.modality, ob.bearers) == ("recommendation", []) and ob.action.startswith("være ensartet registrering")
    # an agentless »kan der … ydes« stays out (sundhedsloven § 242): what may be paid, by whoever may pay it
    assert stmts("§ 242. I særlige tilfælde kan der af statskassen ydes tilskud til hel eller delvis dækning af "
                 "udgifterne ved løsningen af særlige opgaver inden for det regionale sygehusvæsen.") == []


def test_access_is_a_right_and_an_agency_outside_the_table_is_named():
    # sundhedsloven § 157, stk. 12 (extra_qa_en, e02): »har adgang til« as »har ret til«
    ob = one("Stk. 12. Sundhedsdatastyrelsen har adgang til oplysninger i registeret, når det er påkrævet af "
             "driftstekniske grunde eller følger af Sundhedsdatastyrelsens forpligtelser som dataansvarlig.")
    assert (ob.modality, ob.bearer_label) == ("permission", "sundhedsdatastyrelsen")
    # sundhedsloven § 157 a, stk. 7: no access is no right
    assert stmts("Lægemiddelstyrelsen har ikke hermed adgang til vaccinationsoplysninger om den enkelte borger.") == []
    # a body's name goes on past »for« (LBK 1011/2023, Styrelsen for Patientklager)
    obs = obligations("Styrelsen for Patientklager kan videregive sin vurdering efter stk. 1 til Styrelsen for "
                      "Patientsikkerhed, som kan anvende den modtagne vurdering til brug for sit tilsyn med "
                      "sundhedspersoner og behandlingssteder.", "lovbekendtgørelse")
    assert ("permission", "styrelsen for Patientklager") in {(o.modality, o.bearer_label) for o in obs}


def test_one_who_may_receive_an_intervention_is_named():
    # sundhedsloven § 96 (answer_set_m, m01): »kan en gravid … få …« is what she may have done
    ob = one("§ 96. Selv om 12. svangerskabsuge er udløbet, kan en gravid uden tilladelse få reduceret antallet af "
             "fostre, hvis indgrebet er nødvendigt for at afværge fare for dennes liv eller for en alvorlig "
             "forringelse af dennes legemlige eller sjælelige helbred og denne fare udelukkende eller ganske "
             "overvejende er lægefagligt begrundet.")
    assert (ob.modality, ob.bearer_label) == ("permission", "en gravid")
    # as the subject of »skal« she is still the one told (sundhedsloven § 141 d): no goal lost, no right made
    assert [o.modality for o in obligations(
        "Den gravide alkoholmisbruger skal straks have meddelelse om ophøret af tilbageholdelsen.",
        "lovbekendtgørelse")] == ["obligation"]


def test_advice_about_a_thing_naming_no_one_is_a_recommendation_without_a_bearer():
    # the 2013 guidance, 5.3 (answer_set_n, n13)
    ob = one("Endelig bør brugerperspektivet indgå i forbindelse med planlægning af dokumentation, forskning og "
             "kvalitetsudvikling af sundhedsydelser og forløb på tværs af sektorer.", "vejledning")
    assert (ob.modality, ob.bearers) == ("recommendation", [])
    # not inside an at-clause under a condition (sundhedsloven § 140, stk. 3) …
    assert all(o.modality != "recommendation" for o in obligations(
        "Angiver genoptræningsplanen, at genoptræningen af sundhedsfaglige grunde først bør opstartes på et senere "
        "tidspunkt end udskrivningstidspunktet, regnes fristen dog fra dette tidspunkt.", "lovbekendtgørelse"))
    # … and not what the agreement is for (the 2013 guidance, 4)
    assert stmts("Mange borgere har forløb, der omfatter flere indsatsområder samtidig eller i forlængelse af "
                 "hinanden, og aftalen bør derfor understøtte sammenhæng og koordination i forløb på tværs af "
                 "indsatsområderne.", "vejledning") == []


def test_a_choice_to_be_treated_elsewhere_is_a_permission_and_a_genitive_actor_no_passive():
    # sundhedsloven § 87, stk. 3 (answer_set_o, o04): »kan vælge at blive behandlet« is a choice, not
    # the possibility of »kan … blive«
    ob = one("Stk. 3. En person, som har fået tilbudt en dato for kirurgisk behandling på et regionalt sygehus, "
             "kan vælge at blive behandlet på et aftalesygehus, hvis regionsrådet ændrer datoen.")
    assert (ob.modality, ob.bearer_label) == ("permission", "en person")
    # LOV 719/2025 § 14 m (o18): »en kommunalbestyrelses« after the modal is no passive verb
    assert ("sundhedsraad",) in {tuple(o.bearers) for o in obligations(
        "§ 14 m. Et sundhedsråd kan efter en kommunalbestyrelses anmodning tillade, at et kommunalt medlem af et "
        "andet sundhedsråd kan deltage i sundhedsrådets møder som observatør, hvis særlige hensyn taler herfor.",
        "lov")}


def test_the_one_an_actor_delegates_to_is_no_second_subject():
    # sundhedsloven § 73 c (answer_set_p, p10): »eller den, ministeren henlægger sine beføjelser til,«
    # names whom the minister may delegate to; its verb is not the duty, and the modal after it is
    ob = one("§ 73 c. Indenrigs- og sundhedsministeren eller den, ministeren henlægger sine beføjelser til, godkender "
             "private leverandører, som kan udføre høreapparatbehandling til patienter over 18 år.", "lovbekendtgørelse")
    assert (ob.bearers, ob.modality) == (["sundhedsminister"], "obligation") and ob.action.startswith("godkender")
    ob = one("Stk. 3. Indenrigs- og sundhedsministeren eller den, ministeren henlægger sine beføjelser til, kan "
             "tilbagekalde en godkendelse fra en privat leverandør af høreapparatbehandling.", "lovbekendtgørelse")
    assert (ob.bearers, ob.modality) == (["sundhedsminister"], "permission") and ob.action.startswith("tilbagekalde")


def test_a_management_or_an_authority_outside_the_table_is_named():
    # sundhedsloven § 46, stk. 5 (answer_set_q, q12): the management at the place of treatment may permit
    ob = one("Stk. 5. Ledelsen på behandlingsstedet eller den dataansvarlige sundhedsmyndighed kan give tilladelse "
             "til, at en autoriseret sundhedsperson, der er ansat i sundhedsvæsenet, kan indhente oplysninger som "
             "nævnt i stk. 1 til forskningsprojekter.", "lovbekendtgørelse")
    assert (ob.bearers, ob.modality, ob.bearer_label) == ([], "permission", "ledelsen")


def test_a_sentence_opening_with_the_expletive_der_names_no_one():
    # SST vejledning 2023, 6 (answer_set_s, s24): the first »Der« is no relative pronoun, so the
    # advice is kept, naming no one; the actor of the sentence before is not carried into it
    assert stmts("Der bør, så vidtmuligt, inddrages relevante data, som præsenteres i slutstatus.", "vejledning") \
        == [((), "recommendation")]
    # sundhedsloven § 107, stk. 2: »Der skal desuden lægges vægt på …« is the rule's, not a physician's
    assert stmts("Lægen skal vurdere ansøgningen. Der skal desuden lægges vægt på, om svangerskab kan forebygges "
                 "hensigtsmæssigt på anden måde.")[-1] == ((), "obligation")


def test_an_action_does_not_open_with_the_comma_after_its_modal():
    # SST vejledning 2023, 2.2.8: the action a planner reads begins with its words
    ob = one("Sundhedssamarbejdsudvalget skal, jf. sundhedslovens § 204, stk. 3, systematisk inddrage "
             "patientinddragelsesudvalget i regionen i deres drøftelser.", "vejledning")
    assert ob.action.startswith("jf. sundhedslovens § 204")


def test_a_laws_restricted_passive_permission_is_a_rule_naming_no_one():
    # sundhedsloven § 53, stk. 3: what may only be done, and on which condition — whoever does it
    assert stmts("Uden for de i stk. 2 nævnte tilfælde må indgrebet kun foretages, såfremt der ikke foreligger nogen "
                 "tilkendegivelse fra afdøde imod indgrebet og afdødes nærmeste giver samtykke til indgrebet.") \
        == [((), "permission")]
    # sundhedsloven § 54 a, stk. 3: an event that may only happen on a condition
    assert stmts("Uden for de i stk. 2 nævnte tilfælde må forskning kun ske, såfremt der ikke foreligger nogen "
                 "tilkendegivelser fra afdøde imod forskning og afdødes nærmeste pårørende giver samtykke hertil.") \
        == [((), "permission")]
    # § 187, stk. 5 and § 105: »må først …« restricts what may be done as »må kun …« does
    assert stmts("Obduktion må først foretages, når ligsyn er foretaget.") == [((), "permission")]
    # an open passive permission stays unread (»kan … gives«: by whoever the rules allow), and so does
    # a restriction in a text that describes (an agreement)
    assert stmts("Uden for de i stk. 2 nævnte tilfælde kan indgrebet foretages, såfremt afdødes nærmeste giver "
                 "samtykke til indgrebet.") == []
    assert stmts("Indsatsen kan kun ske, hvis borgeren ønsker det.", "sundhedsaftale") == []
