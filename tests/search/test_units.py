from aftalegraf.model import Document, Provision
from aftalegraf.search.units import MAX_SHOWN_CHARS, document_units


def _doc(text_parts):
    """text_parts: (id, kind, parent, label, text) in order."""
    text, provs = "", []
    for n, (pid, kind, parent, label, body) in enumerate(text_parts):
        start = len(text)
        text += body + "\n"
        provs.append(Provision(id=f"d/{pid}", document_id="d", kind=kind, text=body, start=start,
                               end=start + len(body), parent_id=f"d/{parent}" if parent else None,
                               label=label, path=["Kapitel 1 Sundhedsaftaler"], ordinal=n))
    return Document(id="d", title="Bekendtgørelse om sundhedsaftaler", type="bekendtgørelse", text=text, provisions=provs)


def test_short_paragraph_keeps_its_stk():
    doc = _doc([
        ("kap1", "kapitel", None, "Kapitel 1", "Kapitel 1"),
        ("p1", "paragraf", "kap1", "§ 1", "§ 1. Regionsrådet indgår en sundhedsaftale."),
        ("p1/stk2", "stk", "p1", "Stk. 2", "Stk. 2. Aftalen sendes til Sundhedsstyrelsen."),
    ])
    units = document_units(doc)
    assert [u.provision_id for u in units] == ["d/p1"]
    u = units[0]
    assert "Stk. 2. Aftalen" in u.text and doc.text[u.start:u.end] == u.text
    assert u.heading.startswith("Bekendtgørelse om sundhedsaftaler › Kapitel 1 Sundhedsaftaler › § 1")
    assert u.embed_text.startswith(u.heading + ": § 1.")


def test_long_paragraph_splits_into_stk():
    long = " ".join(["Kommunalbestyrelsen skal sikre sammenhængende forløb for borgerne."] * 20)
    doc = _doc([
        ("p1", "paragraf", None, "§ 1", "§ 1. " + long),
        ("p1/stk2", "stk", "p1", "Stk. 2", "Stk. 2. " + long),
    ])
    units = document_units(doc)
    pids = {u.provision_id for u in units}
    assert pids == {"d/p1", "d/p1/stk2"}
    for u in units:
        assert doc.text[u.start:u.end] == u.text


def test_windows_overlap_and_stay_small():
    words = [f"ord{i}" for i in range(3000)]
    doc = _doc([("t1", "paragraph", None, "", " ".join(words))])
    units = document_units(doc, window_tokens=200, overlap_tokens=40)
    assert len(units) > 5
    assert all(u.provision_id == "d/t1" for u in units)
    assert len({u.key for u in units}) == len(units)
    assert all(len(u.text) <= MAX_SHOWN_CHARS for u in units)
    for a, b in zip(units, units[1:]):
        assert b.start < a.end  # overlap
    assert units[-1].text.endswith("ord2999")


def test_unit_ids_are_stable():
    doc = _doc([("p1", "paragraf", None, "§ 1", "§ 1. Tekst.")])
    assert document_units(doc)[0].int_id == document_units(doc)[0].int_id > 0


def test_heading_only_provisions_are_not_units():
    doc = _doc([
        ("s1", "section", None, "5.1", "5.1 Indsendelse"),
        ("s1/p1", "paragraph", "s1", "", "Aftalen indsendes senest den 1. juli."),
    ])
    assert [u.provision_id for u in document_units(doc)] == ["d/s1/p1"]


def test_a_unit_of_several_sentences_has_each_embedded_with_its_heading():
    from aftalegraf.search.units import Unit, sentence_texts

    text = ("Sundhedssamarbejdsudvalget udarbejder et udkast til sundhedsaftale. Udkastet sendes i høring. "
            "Stk. 2. Aftalen indsendes senest den 1. juli; den gælder i fire år.")
    unit = Unit(key="d/p1", provision_id="d/p1", document_id="d", start=0, end=len(text), text=text, heading="BEK › § 19")
    got = sentence_texts(unit)
    assert got == ["BEK › § 19: Sundhedssamarbejdsudvalget udarbejder et udkast til sundhedsaftale.",
                   "BEK › § 19: Udkastet sendes i høring.",
                   "BEK › § 19: Aftalen indsendes senest den 1. juli; den gælder i fire år."]   # labels ("Stk. 2.") alone are no sentence
    one = Unit(key="d/p2", provision_id="d/p2", document_id="d", start=0, end=10, text="Regionsrådet indsender aftalen.", heading="")
    assert sentence_texts(one) == []                       # one sentence: the unit's own vector says it
    # "jf. § 5" and "1. juli" do not end a sentence before a lower-case word
    assert len(sentence_texts(Unit(key="k", provision_id="k", document_id="d", start=0, end=1, heading="",
                                   text="Regionsrådet skal jf. § 5 indsende aftalen senest 1. juli hvert år. Det gør det."))) == 2


def test_sentences_are_one_splitter_for_the_index_and_the_card():
    """search.units.sentences cuts the sentence vectors' texts and the sentences the card compares
    with an order (search.answer.restated_provision): an abbreviation before a number or a name
    (»nr. 256«, »jf. § 5«, »bl.a. Region«) does not end a sentence."""
    from aftalegraf.search.units import sentences

    assert sentences("Bekendtgørelse nr. 256 af 19. marts 2014 ophæves. Stk. 2. Den gælder jf. § 5 for bl.a. "
                     "Region Sjælland.") == ["Bekendtgørelse nr. 256 af 19. marts 2014 ophæves.", "Stk. 2.",
                                             "Den gælder jf. § 5 for bl.a. Region Sjælland."]
    assert sentences("Udvalget mødes: Regionen indkalder.") == ["Udvalget mødes:", "Regionen indkalder."]
