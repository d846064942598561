from aftalegraf.kg.references import document_bekendtgoerelse, find_references


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
