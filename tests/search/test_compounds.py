from aftalegraf.search.compounds import split
from aftalegraf.search.lexical import LexicalIndex, stem, tokenize


def test_compounds_split_into_known_parts():
    assert split("sundhedsstyrelsen") == (stem("sundhed"), stem("styrelsen"))
    assert split("regionsrådet") == (stem("region"), stem("rådet"))
    parts = split("patientinddragelsesudvalget")
    assert stem("patient") in parts and stem("udvalget") in parts
    # the tail is split again
    assert stem("udvalg") in split("sundhedssamarbejdsudvalget")


def test_plain_words_are_not_split():
    for word in ("behandling", "forebyggelse", "ikrafttræden", "kommune", "aftalen"):
        assert split(word) == (), word


def test_tokenize_keeps_the_whole_word_beside_its_parts():
    toks = tokenize("Sundhedsstyrelsen godkender aftalen")
    assert stem("sundhedsstyrelsen") in toks and stem("styrelsen") in toks


def test_a_part_of_a_compound_finds_the_compound():
    texts = [
        "Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen til godkendelse.",
        "Kommunalbestyrelsen træffer beslutning om tilbuddet.",
    ]
    idx = LexicalIndex.build(texts)
    assert idx.scores("Hvornår skal aftalen sendes til styrelsen?").argmax() == 0
    assert idx.scores("bestyrelsen")[1] > 0
