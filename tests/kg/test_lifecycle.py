"""kg.lifecycle: what a document says about its own life, read from tiny documents built in
code (the clauses as the real orders word them)."""

from __future__ import annotations

from aftalegraf.kg.lifecycle import read_lifecycle
from aftalegraf.model import Document, Provision


def _doc(doc_id: str, type_: str, title: str, paragraphs: list[tuple[str, str]], **kw) -> Document:
    text, provs = "", []
    for i, (suffix, body) in enumerate(paragraphs):
        text += ("\n" if text else "") + body
        start = len(text) - len(body)
        kind = "stk" if "/stk" in suffix else "paragraf"
        provs.append(Provision(id=f"{doc_id}/{suffix}", document_id=doc_id, kind=kind, text=body, start=start,
                               end=len(text), ordinal=i))
    return Document(id=doc_id, title=title, type=type_, text=text, provisions=provs, **kw)


def test_entry_into_force_with_exception_and_repeal():
    d = _doc("bek-2018-679", "bekendtgørelse", "Bekendtgørelse om sundhedskoordinationsudvalg og sundhedsaftaler", [
        ("p9", "§ 9. Bekendtgørelsen træder i kraft den 8. juni 2018, jf. dog stk. 3."),
        ("p9/stk2", "Stk. 2. Bekendtgørelse nr. 1569 af 16. december 2013 om sundhedskoordinationsudvalg og "
                    "sundhedsaftaler ophæves."),
        ("p9/stk3", "Stk. 3. Bekendtgørelsen finder ikke anvendelse på sundhedsaftaler indgået for perioden "
                    "2015-2018. For disse aftaler finder reglerne i bekendtgørelse nr. 1569 af 16. december 2013 "
                    "fortsat anvendelse."),
    ], date="2018-05-30")
    lc = read_lifecycle(d)
    assert lc.entry_into_force == "2018-06-08"
    assert lc.entry_provision == "bek-2018-679/p9"
    assert lc.entry_exception == "jf. dog stk. 3"
    assert [(n.id, n.provision_id) for n in lc.repeals] == [("bek-2013-1569", "bek-2018-679/p9/stk2")]


def test_a_list_of_repealed_orders_and_samtidig_ophaeves():
    d = _doc("bek-2022-1248", "bekendtgørelse", "Bekendtgørelse om sundhedsklynger", [
        ("p31", "§ 31. Bekendtgørelsen træder i kraft d. 8. september 2022."),
        ("p31/stk2", "Stk. 2. Følgende bekendtgørelser ophæves: 1) Bekendtgørelse nr. 679 af 30. maj 2018 om x. "
                     "2) Bekendtgørelse nr. 256 af 19. marts 2014 om y. 3) Bekendtgørelse nr. 257 af 19. marts 2014 om z."),
        ("p31/stk3", "Stk. 3. Bekendtgørelsen finder også anvendelse på sundhedsaftaler indgået efter reglerne i "
                     "bekendtgørelse nr. 679 af 30. maj 2018."),
    ])
    lc = read_lifecycle(d)
    assert lc.entry_into_force == "2022-09-08"
    assert [n.id for n in lc.repeals] == ["bek-2018-679", "bek-2014-256", "bek-2014-257"]
    d2 = _doc("bek-2009-778", "bekendtgørelse", "B", [
        ("p9", "§ 9. Bekendtgørelsen træder i kraft den 1. september 2009."),
        ("p9/stk2", "Stk. 2. Samtidig ophæves bekendtgørelse nr. 414 af 5. maj 2006 om noget.")])
    assert [n.id for n in read_lifecycle(d2).repeals] == ["bek-2006-414"]


def test_day_after_publication():
    d = _doc("lov-2020-1", "lov", "Lov om noget", [("p3", "§ 3. Loven træder i kraft dagen efter bekendtgørelsen i Lovtidende.")],
             date="2020-03-17")
    assert read_lifecycle(d).entry_into_force == "2020-03-18"


def test_consolidations_do_not_take_the_clauses_of_the_acts_they_consolidate():
    d = _doc("lbk-2023-1011", "lovbekendtgørelse", "Bekendtgørelse af sundhedsloven", [
        ("p277", "§ 277. Loven træder i kraft den 1. januar 2007, jf. dog stk. 3-9."),
        ("p277/stk2", "Stk. 2. Samtidig ophæves 1) lov nr. 482 af 1. juli 1998 om patienters retsstilling.")],
             date="2023-06-17", meta={"act": "sundhedsloven"})
    lc = read_lifecycle(d)
    assert lc.entry_into_force is None and lc.repeals == []


def test_amendment_by_title_and_by_clause():
    d = _doc("bek-2023-999", "bekendtgørelse",
             "Bekendtgørelse om ændring af bekendtgørelse om sundhedsklynger, sundhedssamarbejdsudvalg", [
                 ("p1", "§ 1. I bekendtgørelse nr. 1248 af 5. september 2022 om sundhedsklynger foretages følgende "
                        "ændringer: 1) § 30 a affattes således:")])
    lc = read_lifecycle(d)
    assert lc.amends_title == "bekendtgørelse om sundhedsklynger, sundhedssamarbejdsudvalg"
    assert [n.id for n in lc.amends] == ["bek-2022-1248"]


def test_drafts_and_agreement_periods():
    draft = Document(id="x", title="Udkast til politiske visioner", type="høringsudkast", text="")
    assert read_lifecycle(draft).draft
    hearing = Document(id="v", title="Vejledning om sundhedsklynger", type="vejledning", text="",
                       meta={"status": "høringsudkast"})
    assert read_lifecycle(hearing).draft
    agreement = Document(id="a", title="Sundhedsaftale 2019-2023", type="sundhedsaftale", text="", period="2019-2023")
    assert read_lifecycle(agreement).period == ("2019-01-01", "2023-12-31")


def test_timeline_editions_agreements_and_unresolved_repeals():
    """Store-wide joining on tiny documents: a newer edition of the same guidance supersedes
    the older, an agreement expires with its period, a repeal of an absent order is kept."""
    from aftalegraf.kg.timeline import build_timeline

    old = Document(id="vej-2013-9005", title="Vejledning om sundhedsaftaler", type="vejledning", text="",
                   date="2013-12-20", identifier="VEJ nr 9005 af 20/12/2013")
    new = Document(id="vej-2018-9733", title="Vejledning om sundhedsaftaler", type="vejledning", text="",
                   date="2018-10-01")
    draft = Document(id="vej-udkast", title="Vejledning om sundhedsaftaler", type="vejledning", text="",
                     date="2023-05-01", meta={"status": "høringsudkast"})
    agreement = Document(id="a", title="Sundhedsaftale 2019-2023", type="sundhedsaftale", text="", period="2019-2023")
    repealer = _doc("bek-2009-778", "bekendtgørelse", "B", [
        ("p9", "§ 9. Bekendtgørelsen træder i kraft den 1. september 2009."),
        ("p9/stk2", "Stk. 2. Samtidig ophæves bekendtgørelse nr. 414 af 5. maj 2006 om noget.")], date="2009-08-13")
    t = build_timeline([old, new, draft, agreement, repealer])
    assert t.get("vej-2013-9005").status("2019-01-01") == "superseded"
    assert t.get("vej-2013-9005").superseded_by == [{"document": "vej-2018-9733", "provision": None}]
    assert t.get("vej-2013-9005").eli == "https://www.retsinformation.dk/eli/retsinfo/2013/9005"
    assert t.get("vej-2018-9733").status("2024-01-01") == "in_force"        # the draft replaces nothing
    assert t.get("vej-udkast").status("2024-01-01") == "draft"
    assert [t.get("a").status(d) for d in ("2018-12-31", "2021-06-01", "2024-01-01")] == [
        "not_yet_in_force", "in_force", "expired"]
    assert t.get("bek-2009-778").repeals == [{"document": "bek-2006-414", "label": "bekendtgørelse nr. 414 af 5. maj 2006",
                                             "provision": "bek-2009-778/p9/stk2", "resolved": False}]
    assert t.get("bek-2009-778").status("2009-08-31") == "not_yet_in_force"
