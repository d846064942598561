
import pytest

from aftalegraf.kg.actors import ACTORS, BY_KEY, actors_turtle, find_actors, label_of, turtle_path

ARCH_KEYS = [
    "regionsraad", "region", "kommunalbestyrelse", "kommune", "almen-praksis", "plo", "praktiserende-laege",
    "sundhedsstyrelsen", "sundhedsministeriet", "sundhedsminister", "styrelsen-for-patientsikkerhed",
    "sundhedssamarbejdsudvalg", "sundhedskoordinationsudvalg", "sundhedsklynge", "sundhedsklynge-politisk-niveau",
    "sundhedsklynge-fagligt-strategisk-niveau", "patientinddragelsesudvalg", "praksisplanudvalg", "kkr", "sygehus",
    "kommunale-tilbud", "private-leverandoerer", "parterne", "aktoererne", "sundhedsraad",
]


def test_all_architecture_keys_present():
    for k in ARCH_KEYS:
        assert k in BY_KEY


@pytest.mark.parametrize("surface,key", [
    ("regionsrådet", "regionsraad"), ("Regionsrådets", "regionsraad"), ("regionsrådene", "regionsraad"),
    ("kommunalbestyrelserne", "kommunalbestyrelse"), ("Kommunalbestyrelsen", "kommunalbestyrelse"),
    ("sundhedsklyngerne", "sundhedsklynge"), ("Sundhedsklyngens", "sundhedsklynge"),
    ("Sundhedsstyrelsens", "sundhedsstyrelsen"), ("regionen", "region"), ("Region Midtjylland", "region"),
    ("kommunerne", "kommune"), ("almen praksis", "almen-praksis"), ("praktiserende læger", "praktiserende-laege"),
    ("PLO", "plo"), ("Praktiserende Lægers Organisation", "plo"),
    ("det politiske niveau", "sundhedsklynge-politisk-niveau"),
    ("det faglige strategiske niveau", "sundhedsklynge-fagligt-strategisk-niveau"),
    ("sundhedsklyngens fagligt strategiske niveau", "sundhedsklynge-fagligt-strategisk-niveau"),
    ("parterne", "parterne"), ("aftaleparterne", "parterne"), ("sundhedssamarbejdsudvalgene", "sundhedssamarbejdsudvalg"),
    ("kommunekontaktrådet", "kkr"), ("KKR", "kkr"), ("sygehusene", "sygehus"), ("kommunale tilbud", "kommunale-tilbud"),
    ("Styrelsen for Patientsikkerhed", "styrelsen-for-patientsikkerhed"), ("sundhedsrådet", "sundhedsraad"),
    ("Indenrigs- og sundhedsministeren", "sundhedsminister"), ("patientinddragelsesudvalget", "patientinddragelsesudvalg"),
    # a region or municipality in its role in the financing rules (sundhedsloven §§ 234-263)
    ("Bopælsregionen", "region"), ("opholdsregionens", "region"), ("bopælskommunen", "kommune"),
    ("Betalingskommunen", "kommune"), ("opholdskommuner", "kommune"),
])
def test_inflections(surface, key):
    ms = find_actors(f"Her nævnes {surface} i en sætning.")
    assert [m.key for m in ms] == [key]
    m = ms[0]
    assert m.label == surface and m.start == len("Her nævnes ")


def test_longest_match_and_offsets():
    text = "Regionsrådet og kommunekontaktrådet drøfter sundhedskoordinationsudvalgets forslag."
    ms = find_actors(text, offset=10)
    assert [m.key for m in ms] == ["regionsraad", "kkr", "sundhedskoordinationsudvalg"]
    for m in ms:
        assert text[m.start - 10:m.end - 10] == m.label


def test_no_false_hits_inside_words():
    assert find_actors("Regionalpolitik og kommunalreformen og praksisplanen") == []


def test_labels():
    assert label_of(["regionsraad", "kommunalbestyrelse"]) == "regionsråd og kommunalbestyrelse"
    assert "sundhedsklynge" in label_of(["sundhedsklynge-politisk-niveau"])


def test_turtle_in_step_with_table():
    path = turtle_path()
    assert path.exists()
    assert path.read_text(encoding="utf-8") == actors_turtle()
    text = actors_turtle()
    for a in ACTORS:
        assert f"aktoer:{a.key} a ag:Actor" in text


def test_turtle_parses():
    rdflib = pytest.importorskip("rdflib")
    g = rdflib.Graph()
    g.parse(data=actors_turtle(), format="turtle")
    assert len(g) > 100
