"""The normative present tense (``kg.deontic_present``), on real sentences of the corpus (none
from the dev set): for each rule, the true statement is found and the false one is not."""

from kg_helpers import obligations, one


def test_a_passive_with_its_agent_after_a_person_subject_is_the_agents_duty():
    # LOV 719/2025 § 14 p, stk. 5 (answer_set_l, l11): the group within the council appoints
    ob = one("Stk. 5. Stedfortrædere for regionale medlemmer af sundhedsrådet udpeges af den gruppe inden for "
             "regionsrådet, der har indvalgt det medlem, som har forfald efter stk. 1 eller 2, eller som må "
             "forventes at blive erklæret inhabilt efter stk. 3.", "lov")
    assert (ob.modality, ob.bearers) == ("obligation", []) and ob.action.startswith("udpeges af den gruppe")
    # without an agent »vælges blandt« only says how the chair is composed (sundhedsloven § 204, stk. 2)
    assert obligations("Stk. 2. Formandskabet i sundhedssamarbejdsudvalget varetages af en formand, som vælges "
                       "blandt regionsrådets repræsentanter, og en næstformand, som vælges blandt de borgmestre, "
                       "der er medlemmer af sundhedssamarbejdsudvalget.", "lovbekendtgørelse") == []


def test_a_person_after_the_verb_past_a_relative_clause_with_its_own_right():
    # BEK 1709/2024 § 8 (answer_set_l, l24): »har ret til« belongs to the relative clause
    ob = one("§ 8. For lønmodtagere, der har ret til sygedagpenge efter lovens § 24 a, stk. 6, hvor "
             "timefortjenesten ikke kan beregnes efter § 6, oplyser arbejdsgiver den aftalte løn til brug for "
             "kommunens opgørelse af timefortjeneste.", "bekendtgørelse")
    assert (ob.modality, ob.bearer_label) == ("obligation", "arbejdsgiver")
    assert ob.action.startswith("oplyser arbejdsgiver den aftalte løn")
    # a definition's passive after a fronted phrase is no one's act (sundhedsloven § 6)
    assert obligations("§ 6. Ved sundhedspersoner forstås personer, der er autoriserede i henhold til særlig "
                       "lovgivning til at varetage sundhedsfaglige opgaver, og personer, der handler på disses "
                       "ansvar.", "lovbekendtgørelse") == []


def test_a_passive_with_its_agent_after_a_fronted_condition():
    # BEK 1709/2024 § 29, stk. 6 (answer_set_m, m25), and sundhedsloven § 179's death certificate
    ob = one("Stk. 6. Hvis der ikke kan udpeges nogen handlekommune efter stk. 1-5, behandles sagen af den kommune, "
             "som personen ud fra en samlet vurdering af de geografiske og økonomiske forhold har stærkest "
             "tilknytning til.", "bekendtgørelse")
    assert (ob.bearers, ob.modality) == (["kommune"], "obligation") and ob.action.startswith("behandles sagen")
    ob = one("Er der foretaget retslægeligt ligsyn, udstedes dødsattesten af den læge, der har deltaget heri.")
    assert ob.bearers == ["laege"]
