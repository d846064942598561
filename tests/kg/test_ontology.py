"""The ontology and reference data: labels in both languages, the contract's core terms,
complete reference data (5 regions, 98 municipalities, themes, 8 national goals, actors)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ONT = Path(__file__).resolve().parents[2] / "ontology"
AG = rdflib.Namespace("https://w3id.org/aftalegraf/ontologi#")
BASE = "https://w3id.org/aftalegraf/"

CORE = ["Document", "Provision", "Actor", "Obligation", "Goal", "partOf", "text", "region", "bearer",
        "modality", "Obligatory", "Recommended", "Permitted", "Prohibited", "action", "statedIn", "refersTo"]
THEMES = ["forebyggelse", "behandling-og-pleje", "genoptraening-og-rehabilitering", "sundheds-it", "mental-sundhed",
          "aeldre-medicinske-patienter", "kronisk-sygdom", "lighed-i-sundhed", "patientinddragelse", "boern-og-unge",
          "sammenhaengende-forloeb", "mestring-i-eget-hjem", "kvalitet", "data-og-viden"]
ACTORS = ["regionsraad", "region", "kommunalbestyrelse", "kommune", "almen-praksis", "plo", "praktiserende-laege",
          "sundhedsstyrelsen", "sundhedsministeriet", "sundhedsminister", "styrelsen-for-patientsikkerhed",
          "sundhedssamarbejdsudvalg", "sundhedskoordinationsudvalg", "sundhedsklynge", "sundhedsklynge-politisk-niveau",
          "sundhedsklynge-fagligt-strategisk-niveau", "patientinddragelsesudvalg", "praksisplanudvalg", "kkr",
          "sygehus", "kommunale-tilbud", "private-leverandoerer", "parterne", "aktoererne", "sundhedsraad"]


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ONT / "aftalegraf.ttl")


def _langs(g, s, p):
    return {o.language for o in g.objects(s, p) if isinstance(o, rdflib.Literal)}


def test_every_term_has_danish_and_english_label_and_comment(ontology):
    terms = set()
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= {s for s in ontology.subjects(RDF.type, cls) if str(s).startswith(str(AG))}
    terms |= set(ontology.subjects(RDF.type, AG.Modality))
    assert len(terms) > 60
    for t in terms:
        assert {"da", "en"} <= _langs(ontology, t, RDFS.label), t
        assert {"da", "en"} <= _langs(ontology, t, RDFS.comment), t


def test_core_terms_of_the_contract(ontology):
    for name in CORE:
        assert (AG[name], None, None) in ontology, name
    # not eli:is_part_of: its domain would make every news item and web page an eli:LegalResource
    assert set(ontology.objects(AG.partOf, RDFS.subPropertyOf)) == {rdflib.URIRef("http://purl.org/dc/terms/isPartOf")}


def test_regions_and_municipalities():
    g = rdflib.Graph().parse(ONT / "reference" / "regions.ttl").parse(ONT / "reference" / "municipalities.ttl")
    regions = set(g.subjects(RDF.type, AG.Region))
    assert {str(r).rsplit("/", 1)[1] for r in regions} == {"hovedstaden", "sjaelland", "syddanmark", "midtjylland",
                                                            "nordjylland"}
    munis = set(g.subjects(RDF.type, AG.Municipality))
    assert len(munis) == 98
    per_region = {}
    for m in munis:
        (r,) = list(g.objects(m, AG.inRegion))
        assert r in regions
        per_region[str(r).rsplit("/", 1)[1]] = per_region.get(str(r).rsplit("/", 1)[1], 0) + 1
    assert per_region == {"hovedstaden": 29, "sjaelland": 17, "syddanmark": 22, "midtjylland": 19, "nordjylland": 11}
    labels = {str(o) for m in munis for o in g.objects(m, SKOS.prefLabel)}
    assert "Bornholms Regionskommune" in labels and not any("Christiansø" in x for x in labels)


def test_themes_and_national_goals():
    g = rdflib.Graph().parse(ONT / "reference" / "themes.ttl")
    keys = {str(s).rsplit("/", 1)[1] for s in g.subjects(RDF.type, AG.Theme)}
    assert keys == set(THEMES)
    for s in g.subjects(RDF.type, AG.Theme):
        assert {"da", "en"} <= _langs(g, s, SKOS.prefLabel) and list(g.objects(s, SKOS.altLabel))
    ng = rdflib.Graph().parse(ONT / "reference" / "national-goals.ttl")
    goals = {str(s).rsplit("/", 1)[1] for s in ng.subjects(RDF.type, AG.NationalGoal)}
    assert goals == {str(i) for i in range(1, 9)}


def test_actor_types():
    path = ONT / "reference" / "actors.ttl"
    if not path.exists():
        pytest.skip("actors.ttl is written by the extraction")
    g = rdflib.Graph().parse(path)
    keys = {str(s).rsplit("/", 1)[1] for s in g.subjects(RDF.type, AG.Actor)}
    assert set(ACTORS) <= keys


def test_shapes_parse():
    g = rdflib.Graph().parse(ONT / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = set(g.objects(None, sh.targetClass))
    assert {AG.Document, AG.Provision, AG.Obligation, AG.Goal, AG.Reference} <= targets
