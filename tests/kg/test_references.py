from aftalegraf.kg.references import document_bekendtgoerelse, find_references, split_references


def refs(text, **kw):
    return [(r.label, r.target_document, r.target) for r in find_references(text, "d/p1", **kw)]


def test_qualified_references_in_guidance():
    text = ("Det følger af bekendtgørelsens § 12, at udvalget mødes, jf. sundhedslovens § 204, stk. 2, "
            "og § 7, stk. 3, nr. 2.")
    got = refs(text, doc_type="vejledning", doc_bek="bek-2022-1248")
    assert got[0][0] == "bekendtgørelsens § 12" and got[0][1] == "bek-2022-1248" and got[0][2]["paragraf"] == "12"
    assert got[1][1] == "sundhedsloven" and got[1][2]["paragraf"] == "204" and got[1][2]["stk"] == "2"
    assert got[2][2] == {"paragraf": "7", "stk": "3", "nr": "2", "kapitel": None, "afsnit": None}


def test_ranges_chapters_sections_and_named_documents():
    text = ("Reglerne i §§ 10-12 og kapitel 4 gælder, se afsnit 3.2.1 og bekendtgørelse nr. 979 af "
            "3. juli 2018 samt § 9 a.")
    got = refs(text, doc_type="bekendtgørelse")
    labels = [g[0] for g in got]
    assert "§§ 10-12" in labels and "kapitel 4" in labels and "afsnit 3.2.1" in labels
    rng = got[labels.index("§§ 10-12")][2]
    assert rng["paragraf"] == "10" and rng["paragraf_to"] == "12"
    named = got[labels.index("bekendtgørelse nr. 979 af 3. juli 2018")]
    assert named[1] == "bek-2018-979"
    assert got[labels.index("§ 9 a")][2]["paragraf"] == "9a"


def test_bare_reference_in_legislation_is_same_document():
    got = refs("Udvalget, jf. § 3, stk. 2, afgiver indstilling.", doc_type="bekendtgørelse")
    assert got == [("§ 3, stk. 2", None, {"paragraf": "3", "stk": "2", "nr": None, "kapitel": None, "afsnit": None})]


def test_own_label_is_not_a_reference():
    assert refs("§ 5. Regionsrådet indsender aftalen.", doc_type="bekendtgørelse") == []


def test_offsets():
    text = "Se sundhedslovens § 203 stk. 3."
    r = find_references(text, "d/p1", 50, doc_type="vejledning")[0]
    assert r.label == "sundhedslovens § 203 stk. 3" and r.start == 53 and r.target["stk"] == "3"


def test_document_bekendtgoerelse():
    text = "Denne vejledning uddyber bekendtgørelse nr. 77 af 2. februar 2021 om noget. Se også lov nr. 5 af 1. maj 2020."
    assert document_bekendtgoerelse(text) == "bek-2021-77"


# --- the document named after the paragraph (sentences from the Health Act and its orders) ---

def test_a_document_named_after_the_paragraph_is_the_target():
    got = refs("Der kan gives adgang til oplysningerne, når de omfatter personlige forhold, herunder "
               "helbredsforhold, jf. § 5 i værgemålsloven.", doc_type="lovbekendtgørelse")
    assert got == [("§ 5 i værgemålsloven", "værgemålsloven",
                    {"paragraf": "5", "stk": None, "nr": None, "kapitel": None, "afsnit": None})]
    got = refs("Sundhedssamarbejdsudvalget varetager opgaverne i § 15 i bekendtgørelsen.",
               doc_type="vejledning", doc_bek="bek-2022-1248")
    assert got[0][:2] == ("§ 15 i bekendtgørelsen", "bek-2022-1248")
    # in the order itself »bekendtgørelsen« is the order: the same document
    assert refs("Opgaverne i § 15 i bekendtgørelsen.", doc_type="bekendtgørelse")[0][1] is None


def test_a_numbered_or_titled_act_after_the_paragraph():
    text = ("Tilsynet efter § 1 i lov nr. 401 af 10. juni 1997 og efter § 16 a i lov om kommunernes styrelse "
            "og regler fastsat i medfør heraf.")
    got = {label: key for label, key, _ in refs(text, doc_type="lovbekendtgørelse")}
    assert got["§ 1 i lov nr. 401 af 10. juni 1997"] == "lov-1997-401"
    assert got["§ 16 a i lov om kommunernes styrelse"] == "lov om kommunernes styrelse"
    text = ("jf. § 42 i lov om autorisation af sundhedspersoner og om sundhedsfaglig virksomhed, og "
            "§ 25 i lov om sundhedsvæsenets centralstyrelse m.v., hvis det er nødvendigt")
    keys = [key for _, key, _ in refs(text, doc_type="lovbekendtgørelse")]
    assert keys == ["lov om autorisation af sundhedspersoner og om sundhedsfaglig virksomhed",
                    "lov om sundhedsvæsenets centralstyrelse m.v."]


def test_coordinated_paragraphs_share_the_document_named_after_them():
    text = ("Arbejdsgiveransvaret for hjælpere efter § 95, stk. 1 eller 2, eller § 96 i lov om social service "
            "kan overdrages, jf. § 4 og § 7, stk. 2.")
    got = refs(text, doc_type="lovbekendtgørelse")
    assert [(label, key) for label, key, _ in got] == [
        ("§ 95, stk. 1", "lov om social service"), ("§ 96 i lov om social service", "lov om social service"),
        ("§ 4", None), ("§ 7, stk. 2", None)]


def test_a_reference_that_names_no_document_after_it_is_unchanged():
    got = refs("Regionsrådet træffer afgørelse efter § 5 i forbindelse med planen.", doc_type="bekendtgørelse")
    assert got == [("§ 5", None, {"paragraf": "5", "stk": None, "nr": None, "kapitel": None, "afsnit": None})]


def test_a_paragraph_of_another_act_not_in_the_store_is_legal_basis():
    refs = [{"label": "§ 95, stk. 1", "target": None, "target_document": None, "target_key": "lov om social service"},
            {"label": "§ 4", "target": None, "target_document": None, "target_key": None}]
    basis, cross = split_references(refs, "lbk-2019-903", "lovbekendtgørelse")
    assert [r["label"] for r in basis] == ["§ 95, stk. 1"] and [r["label"] for r in cross] == ["§ 4"]


def test_the_document_named_with_the_first_of_coordinated_paragraphs_is_the_others_too():
    got = refs("Barnet har været udsat for forhold som nævnt i straffelovens § 210 eller §§ 216-224, og "
               "der er fare for barnets sundhed, jf. § 4.", doc_type="lovbekendtgørelse")
    assert [(label, key) for label, key, _ in got] == [
        ("straffelovens § 210", "straffeloven"), ("§§ 216-224", "straffeloven"), ("§ 4", None)]
    got = refs("Ydelser efter § 42 i lov om social service og § 87 i barnets lov, og efter § 60, stk. 3, "
               "i denne lov.", doc_type="lovbekendtgørelse")
    assert [(label, key) for label, key, _ in got] == [
        ("§ 42 i lov om social service", "lov om social service"), ("§ 87 i barnets lov", "barnets lov"),
        ("§ 60, stk. 3, i denne lov", None)]


def test_a_document_named_after_a_range_a_litra_or_a_chapter_with_a_letter():
    got = refs("Diæter efter § 16 a, stk. 2-4, i lov om kommunernes styrelse. Godtgørelse, jf. § 16, stk. 11, "
               "litra d, i lov om kommunernes styrelse, og betaling efter kapitel 12 a i lov om anvendelse af tvang "
               "i psykiatrien m.v. og kapitel 20 i lov om en aktiv beskæftigelsesindsats.", doc_type="lov")
    assert [key for _, key, _ in got] == ["lov om kommunernes styrelse", "lov om kommunernes styrelse",
                                         "lov om anvendelse af tvang i psykiatrien m.v.",
                                         "lov om en aktiv beskæftigelsesindsats"]
    assert [t["kapitel"] for _, _, t in got[2:]] == ["12 a", "20"]


def test_hostile_runs_of_spaces_and_digits_are_read_in_linear_time():
    """A run of spaces inside a title, or of digits between two paragraphs, once made the
    title's end (quadratic) and the coordination test (exponential) take minutes."""
    import time

    texts = ["efter § 1 i lov om a" + " " * 200_000 + "b.", "efter § 1 og " + "1" * 40 + "x § 2 i lov om x.",
             "efter § 1" + " og" * 50_000 + " § 2 i lov om x."]
    started = time.perf_counter()
    got = [refs(t, doc_type="lov") for t in texts]
    assert time.perf_counter() - started < 5
    assert got[0][0][1] == "lov om a" and got[2][0][1] == got[2][1][1] == "lov om x"
