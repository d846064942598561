import pytest

from aftalegraf.search.lexical import LexicalIndex, pairs, tokenize


def test_legal_references_become_tokens():
    toks = tokenize("Efter § 21, stk. 2, nr. 3 skal aftalen senest den 1. juli indsendes inden 8 uger.")
    for t in ("§21", "stk2", "nr3", "1juli", "8uger"):
        assert t in toks


def test_reference_variants_match_each_other():
    assert "§21" in tokenize("§21") and "§21" in tokenize("§ 21") and "§21" in tokenize("§  21 i loven")
    assert "stk2" in tokenize("Stk. 2.") and "stk2" in tokenize("stk 2")
    assert "§5a" in tokenize("jf. § 5 a,")
    assert {"§203", "§206"} <= set(tokenize("sundhedslovens §§ 203-206"))
    assert "1juli" in tokenize("1 juli") and "1juli" in tokenize("1. juli")


def test_letter_suffix_is_not_a_following_word():
    assert "§21i" not in tokenize("§ 21 i bekendtgørelsen")


def test_stemming_and_stopwords():
    toks = tokenize("Sundhedsaftalen og sundhedsaftaler skal godkendes")
    assert toks.count(tokenize("sundhedsaftale")[0]) == 2
    assert "og" not in toks and "skal" not in toks


def test_hyphenated_line_break_is_joined():
    assert tokenize("sundheds-\naftalen") == tokenize("sundhedsaftalen")


def test_bm25_finds_exact_reference(tmp_path):
    texts = [
        "§ 20. Regionsrådet indgår en sundhedsaftale.",
        "§ 21. Sundhedsaftalen sendes til Sundhedsstyrelsen senest den 1. juli.",
        "Stk. 2. Aftalen offentliggøres.",
    ]
    idx = LexicalIndex.build(texts)
    assert idx.scores("§ 21").argmax() == 1
    assert idx.scores("1. juli").argmax() == 1
    idx.save(tmp_path)
    again = LexicalIndex.load(tmp_path)
    assert (again.scores("offentliggøres") == idx.scores("offentliggøres")).all()
    assert not again.scores("ukendtord").any()


def test_adjacent_words_count_beside_the_words(tmp_path):
    assert pairs("Regionsrådet og kommunalbestyrelserne godkender indholdet af aftalen.") == [
        "regionsråd+kommunalbestyr", "kommunalbestyr+godkend", "godkend+indhold", "indhold+aftal"]
    # the same words, once apart and once side by side as asked: the pairs decide
    texts = ["Indholdet godkender regionsrådet i aftalen.", "Regionsrådet godkender indholdet af aftalen."]
    idx = LexicalIndex.build(texts)
    q = "Hvem godkender indholdet af aftalen?"
    words_only = LexicalIndex(idx._bm25, idx.size).scores(q)
    assert words_only[0] == pytest.approx(words_only[1])
    s = idx.scores(q)
    assert s[1] > s[0] == pytest.approx(words_only[0])
    idx.save(tmp_path)
    assert (LexicalIndex.load(tmp_path).scores("godkender indholdet") == idx.scores("godkender indholdet")).all()


@pytest.mark.parametrize("query,expected", [
    ("§ 57 b, stk. 2", True),
    ("sundhedslovens § 206 a", True),
    ("bekendtgørelse nr. 1248 § 21", True),
    ("stk. 2", True),
    ("Hvad står der i sundhedslovens § 57 b, stk. 2?", True),   # only asks what it says
    ("Hvad siger bekendtgørelsens § 21?", True),
    ("Hvad siger § 21 om indsendelse?", False),   # a question about something
    ("Hvem skal indsende sundhedsaftalen?", False),
    ("8 uger", False),                            # a quantity, no reference
])
def test_reference_lookup(query, expected):
    from aftalegraf.search.lexical import is_reference_lookup

    assert is_reference_lookup(query) is expected


def test_a_planners_everyday_words_also_find_the_texts_words():
    from aftalegraf.search.danish import everyday_expansion

    assert set(everyday_expansion("Skal byrådet betale for træning efter hospitalet?").split()) == {
        "sygehuset", "kommunalbestyrelsen", "genoptræning", "egenbetaling"}
    assert everyday_expansion("Hvem indsender sundhedsaftalen?") == ""
    idx = LexicalIndex.build(["Kommunalbestyrelsen tilbyder vederlagsfri genoptræning efter udskrivning fra sygehus.",
                              "Regionsrådet indsender planen."])
    s = idx.scores("Er træning efter hospitalet gratis?")
    assert s[0] > 0 and s[1] == 0


def test_the_embedding_reads_the_legal_word_for_a_lay_word_only():
    from aftalegraf.search.danish import for_embedding

    # »byrådet« means »kommunalbestyrelsen« in these texts; »betale« → »egenbetaling« and »krav« →
    # »skal« are BM25's helpers for words the embedding knows
    assert for_embedding("Er et medlem bundet af byrådet?", "Er et medlem bundet af byrådet?").endswith(
        "byrådet? kommunalbestyrelsen")
    assert for_embedding("Hvilke krav er der, og skal man betale?", "x") == "x"
    # an English question is asked with its Danish terms already (crosslingual.for_index)
    assert for_embedding("Does the hospital charge for medicine?", "asked") == "asked"
