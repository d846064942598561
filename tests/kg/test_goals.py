from aftalegraf.kg.extract import document_from_text
from aftalegraf.kg.goals import explicit_links, extract_goals, link_by_similarity
from aftalegraf.model import Document, Provision


def _doc_with_list(lead: str, items: list[str], doc_type="sundhedsaftale") -> Document:
    text = lead + "\n" + "\n".join(items)
    provs = [Provision("d/l1", "d", "list", text, 0, len(text), None, "", "", ["Mål"], 0)]
    pos = len(lead) + 1
    for k, it in enumerate(items, 1):
        provs.append(Provision(f"d/l1/i{k}", "d", "item", it, pos, pos + len(it), "d/l1", "", "", ["Mål"], k))
        pos += len(it) + 1
    return Document(id="d", title="t", type=doc_type, text=text, provisions=provs, region="sjaelland")


def test_national_goals_named_in_capitals():
    doc = _doc_with_list("Aftalen skal bidrage til de nationale mål:",
                         ["- FLERE SUNDE LEVEÅR", "- HURTIG UDREDNING OG BEHANDLING"])
    goals = extract_goals(doc)
    assert [g.kind for g in goals] == ["nationalt-maal", "nationalt-maal"]
    assert goals[0].national_goals[0].key == "7" and goals[0].national_goals[0].method == "explicit"
    assert goals[1].national_goals[0].key == "5"
    for g in goals:
        assert doc.text[g.start:g.end] == g.text


def test_visions_and_targets():
    doc = _doc_with_list("Vi har fire visioner for samarbejdet:",
                         ["- At borgere med kronisk sygdom oplever sammenhængende forløb",
                          "- At flere børn og unge trives"])
    goals = extract_goals(doc)
    assert [g.kind for g in goals] == ["vision", "vision"]
    assert goals[0].text.startswith("At borgere")
    assert "kronisk-sygdom" in {t.key for t in goals[0].themes}
    ev = [t for t in goals[0].themes if t.key == "kronisk-sygdom"][0]
    assert ev.method == "explicit" and ev.evidence


def test_numbered_goals_from_plain_text():
    text = "Målsætninger\n\n1) At færre borgere genindlægges\n\n2) At flere borgere får hurtig udredning"
    doc = document_from_text("d", text, "sundhedsaftale")
    goals = extract_goals(doc)
    assert [g.label for g in goals] == ["1)", "2)"]
    assert all(g.kind == "maalsaetning" for g in goals)


def test_no_goals_in_legislation():
    doc = document_from_text("b", "§ 1. 1) At noget sker", "bekendtgørelse")
    assert extract_goals(doc) == []


def test_explicit_links():
    th, ng = explicit_links("At borgerne oplever bedre sammenhængende patientforløb og mindre ulighed i sundhed")
    assert "1" in {t.key for t in ng}


def test_link_by_similarity():
    doc = _doc_with_list("Vores målsætninger:", ["- At ingen venter unødigt"])
    goals = extract_goals(doc)

    def embed(texts):
        # a toy embedding: 1 on the axis of "udredning"/"venter", else orthogonal
        return [[1.0, 0.0] if ("vent" in t.lower() or "udredning" in t.lower()) else [0.0, 1.0] for t in texts]

    link_by_similarity(goals, embed)
    sim = [t for t in goals[0].national_goals if t.method == "similarity"]
    assert [t.key for t in sim] == ["5"] and sim[0].score >= 0.9 and sim[0].evidence
    # every other description is as far as can be: no theme is near enough to be linked
    assert not [t for t in goals[0].themes if t.method == "similarity"]


def test_general_words_are_no_explicit_mention():
    # Region Hovedstaden's 2015-2018 draft: "i hele forløbet" is about self-management, not
    # about coherent pathways between sectors
    th, _ = explicit_links("At borgere understøttes i at mestre egen sygdom med udgangspunkt i egne ressourcer "
                           "og behov i hele forløbet")
    assert "sammenhaengende-forloeb" not in {t.key for t in th}
    th, _ = explicit_links("At borgeren selv oplever høj kvalitet og sammenhæng i indsatsen")
    assert {"sammenhaengende-forloeb", "kvalitet"} <= {t.key for t in th}


def test_compare_uses_the_graphs_weak_keywords():
    from aftalegraf.compare import goals as compare_goals

    links = compare_goals.explicit_links("At borgere, herunder pårørende oplever at være aktiv samarbejdspart i eget "
                                         "forløb i det omfang, de ønsker det", "themes")
    assert "sammenhaengende-forloeb" not in {l["key"] for l in links}
