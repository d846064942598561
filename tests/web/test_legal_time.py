"""Legal time over HTTP and in the browser.

API tests run on the bundled sample (the 2013 vejledning, the 2023 hearing draft, news and
web pages); the browser flow runs on a store of real orders and the 13 consolidations of
sundhedsloven §§ 203-206 (../shared/corpus): search with a date, the status badge, the
versions diff, and 'Hvad ændrer sig?'."""

from __future__ import annotations

import urllib.parse

import pytest

from .test_browser import chromium_page, shot


def test_every_hit_carries_its_status(client):
    r = client.get("/api/search", params={"q": "sundhedsaftale", "k": 10})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits and all(h["document"]["status"] in ("in_force", "draft", "unknown", "repealed", "superseded",
                                                    "expired", "not_yet_in_force") for h in hits)
    assert all("valid_from" in h["document"] and "valid_to" in h["document"] for h in hits)
    assert all(isinstance(h["other_versions"], list) for h in hits)


def test_as_of_leaves_out_drafts_and_later_texts(client):
    r = client.get("/api/search", params={"q": "sundhedsklynger og sundhedssamarbejdsudvalg", "k": 20,
                                          "as_of": "2014-06-01"})
    assert r.status_code == 200
    body = r.json()
    assert body["as_of"] == "2014-06-01"
    for h in body["hits"]:
        assert h["document"]["status"] in ("in_force", "unknown"), h["document"]
        assert h["document"]["type"] != "høringsudkast"
        assert "2023" not in h["document"]["id"]


def test_bad_as_of_is_400_naming_the_field(client):
    r = client.get("/api/search", params={"q": "sundhedsaftale", "as_of": "31-12-2020"})
    assert r.status_code == 400 and r.json()["field"] == "as_of"
    assert client.get("/api/documents", params={"as_of": "nej"}).status_code == 400


def test_documents_with_legal_time(client):
    docs = {d["id"]: d for d in client.get("/api/documents", params={"as_of": "2020-01-01"}).json()["documents"]}
    for d in docs.values():
        assert {"status", "valid_from", "valid_to", "superseded_by", "eli"} <= set(d)
    drafts = [d for d in docs.values() if "hoeringsudkast" in d["id"] or d["type"] == "høringsudkast"]
    assert drafts and all(d["status"] == "draft" for d in drafts)
    vej = [d for d in docs.values() if d["id"].startswith("vej-2013-9005")]
    if vej:
        assert vej[0]["eli"] == "https://www.retsinformation.dk/eli/retsinfo/2013/9005"
        assert vej[0]["status"] == "in_force"


def test_versions_route(client, a_provision_id):
    r = client.get(f"/api/provisions/{a_provision_id}/versions")
    assert r.status_code == 200
    vs = r.json()["versions"]
    assert any(v["id"] == a_provision_id for v in vs)
    assert all({"id", "document", "valid_from", "valid_to", "text", "changed"} <= set(v) for v in vs)
    assert client.get("/api/provisions/findes-ikke/p1/versions").status_code == 404


def test_changes_api_and_page(client):
    r = client.get("/api/changes", params={"from": "2013-12-20", "to": "2013-12-20"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"from", "to", "starting", "ending"}
    assert client.get("/api/changes", params={"from": "x"}).status_code == 400
    page = client.get("/aendringer")
    assert page.status_code == 200 and "Hvad ændrer sig?" in page.text and "Træder i kraft" in page.text


# --- the browser flow on real orders and consolidations --------------------------------------

FILES = [
    "retsinformation/sundhedsloven-203-206-alle-versioner-2008-2025.txt",
    "retsinformation/bek-2018-918-genoptraeningsplaner-og-valg-af-genoptraeningstilbud.txt",
    "retsinformation/bek-2025-1804-genoptraeningsplaner-og-valg-af-genoptraeningstilbud.txt",
    "retsinformation/bek-2018-679-sundhedskoordinationsudvalg-og-sundhedsaftaler.txt",
    "retsinformation/bek-2022-1248-sundhedsklynger-sundhedssamarbejdsudvalg-sundhedsaftaler-patientinddragelsesudvalg.txt",
    "seeds/sst-vejledning-sundhedsklynger-ssu-sundhedsaftaler-2023-hoeringsudkast.txt",
]


@pytest.fixture(scope="module")
def legal_server(tmp_path_factory, corpus_dir):
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store
    from aftalegraf.web.app import create_app

    from .conftest import serve_app

    store = Store(tmp_path_factory.mktemp("legal-web") / "store")
    ingest_paths(store, [corpus_dir / f for f in FILES], derive=["graph", "index"])
    yield from serve_app(create_app(store=store))
    store.close()


def _search(server: str, q: str) -> dict:
    import json
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(server + "/api/search?" + urllib.parse.urlencode({"q": q, "k": 10}), timeout=60) as r:
        return json.load(r)


@pytest.mark.slow
def test_a_question_by_when_gets_the_card_that_carries_the_deadline(legal_server):
    card = _search(legal_server, "Hvor lang tid har Sundhedsstyrelsen til at godkende sundhedsaftalen?")["answer"]
    deadlines = [ob["deadline"]["text"] for ob in card["obligations"]
                 if ob.get("deadline") and any(b["key"] == "sundhedsstyrelsen" for b in ob["bearers"])]
    assert any("8 uger" in d for d in deadlines), (card["id"], card["obligations"])


@pytest.mark.slow
def test_the_card_does_not_change_with_the_number_of_hits_shown(legal_server):
    """With k=1 the order's § 21 is not the first hit, but the card is chosen among ten as on
    the page: the same card, one hit."""
    import json
    import urllib.parse
    import urllib.request

    q = "Hvem skal indsende sundhedsaftalen, og hvornår?"
    with urllib.request.urlopen(legal_server + "/api/search?" + urllib.parse.urlencode({"q": q, "k": 1}), timeout=60) as r:
        one = json.load(r)
    ten = _search(legal_server, q)
    assert len(one["hits"]) == 1 and one["hits"][0]["id"] == ten["hits"][0]["id"]
    assert one["answer"]["id"] == ten["answer"]["id"] == "bek-2022-1248/p21"
    assert one["hits"][0]["id"] != "bek-2022-1248/p21"


@pytest.mark.slow
def test_the_card_prefers_the_act_in_force_to_a_draft_that_says_the_same(legal_server):
    body = _search(legal_server, "Hvem skal løfte populationsansvaret?")
    card = body["answer"]
    assert card["document"]["status"] == "in_force" and card["document"]["type"] in ("lov", "lovbekendtgørelse")
    assert "løfte populationsansvaret" in card["text"]
    assert any(ob["modality"] == "obligation" and any(b["key"] == "sundhedsklynge" for b in ob["bearers"])
               for ob in card["obligations"])


@pytest.mark.slow
def test_the_same_text_in_the_successor_order_is_one_hit_shown_by_the_text_in_force(legal_server):
    import urllib.request

    q = "individuel genoptræningsplan til patienter med lægefagligt begrundet behov"
    hits = _search(legal_server, q)["hits"]
    ids = [h["id"] for h in hits]
    assert "bek-2018-918/p1" in ids and "bek-2025-1804/p1" not in ids      # BEK 918/2018 applies until 2027
    hit = hits[ids.index("bek-2018-918/p1")]
    assert hit["same_text"] == [{"id": "bek-2025-1804/p1", "label": "BEK 1804/2025 § 1",
                                 "document": "bek-2025-1804", "status": "not_yet_in_force"}]
    # § 6 changed in 2025: both stay
    six = [h["id"] for h in _search(legal_server, "kommunalbestyrelsen senest fire dage efter udskrivningen informere borgeren")["hits"]]
    assert "bek-2018-918/p6" in six and "bek-2025-1804/p6" in six
    # on a date when the 2025 order applies, it is the one shown
    import json
    import urllib.parse

    with urllib.request.urlopen(legal_server + "/api/search?" + urllib.parse.urlencode(
            {"q": q, "k": 10, "as_of": "2027-02-01"}), timeout=60) as r:
        later = [h["id"] for h in json.load(r)["hits"]]
    assert "bek-2025-1804/p1" in later and "bek-2018-918/p1" not in later
    with urllib.request.urlopen(legal_server + "/?" + urllib.parse.urlencode({"q": q}), timeout=60) as r:
        page = r.read().decode("utf-8")
    assert "Samme tekst også i" in page and 'href="/bestemmelse/bek-2025-1804/p1"' in page


@pytest.mark.slow
def test_without_a_date_status_is_read_on_today_or_the_pinned_day(legal_server, monkeypatch):
    """No ``as_of``: the day is the clock's, or $AFTALEGRAF_TODAY's (the suite pins 2026-12-01,
    when BEK 918/2018 applies; from 1 January 2027 BEK 1804/2025 does)."""
    q = "individuel genoptræningsplan til patienter med lægefagligt begrundet behov"
    monkeypatch.setenv("AFTALEGRAF_TODAY", "2027-02-01")
    body = _search(legal_server, q)
    ids = [h["id"] for h in body["hits"]]
    assert "bek-2025-1804/p1" in ids and "bek-2018-918/p1" not in ids
    assert body["hits"][ids.index("bek-2025-1804/p1")]["document"]["status"] == "in_force"
    monkeypatch.setenv("AFTALEGRAF_TODAY", "2026-12-01")
    ids = [h["id"] for h in _search(legal_server, q)["hits"]]
    assert "bek-2018-918/p1" in ids and "bek-2025-1804/p1" not in ids
    monkeypatch.setenv("AFTALEGRAF_TODAY", "1. januar 2027")
    from aftalegraf.errors import ConfigError
    from aftalegraf.kg.timeline import today

    with pytest.raises(ConfigError, match="AFTALEGRAF_TODAY"):
        today()


@pytest.mark.slow
@pytest.mark.browser
def test_search_with_a_date_badges_versions_and_changes(legal_server):
    with chromium_page() as page:
        # search with a date: the text of § 204 as it was in 2012
        page.goto(legal_server + "/")
        page.get_by_label("Søgetekst").fill("sundhedslovens § 204 udvalg")
        page.get_by_label("Gældende pr. dato").fill("2012-06-01")
        page.get_by_label("Søgetekst").press("Enter")
        page.wait_for_selector(".card")
        assert "as_of=2012-06-01" in page.url
        assert "gældende pr. 1.6.2012" in page.locator("#resultater-titel").inner_text()
        card = page.locator(".card", has_text="§ 204").first
        assert "sundhedskoordinationsudvalg" in card.inner_text()
        badges = page.locator(".card .badge")
        assert badges.count() >= 1 and all(t == "in_force" for t in badges.evaluate_all(
            "els => els.map(e => e.dataset.status)"))
        shot(page, "10-soeg-pr-dato")
        # without a date: a repealed order's badge names the provision that repealed it
        page.goto(legal_server + "/?q=" + "Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen")
        page.wait_for_selector(".card")
        repealed = page.locator('.badge[data-status="repealed"]').first
        assert "Ophævet pr. 8.9.2022 ved BEK 1248/2022 § 31, stk. 2" in repealed.inner_text()
        # the versions of § 204 with the word diff
        page.goto(legal_server + "/bestemmelse/lbk-2025-275-uddrag/p204")
        page.wait_for_selector("#versioner")
        assert page.locator(".version").count() >= 10
        assert page.locator(".version ins", has_text="sundhedssamarbejdsudvalg").count() >= 1
        assert page.locator(".prov-status .badge").inner_text() == "Gældende"
        shot(page, "11-versioner")
        # what changes on 1 January 2027
        page.goto(legal_server + "/aendringer")
        assert page.locator("#fra").input_value() >= "2027-01-01"
        page.locator("#fra").fill("2027-01-01")
        page.locator("#til").fill("2027-01-01")
        page.get_by_role("button", name="Vis").click()
        page.wait_for_selector("#starting-bek-2025-1804")
        assert page.locator("#ending-bek-2018-918").count() == 1
        assert page.locator('#ending-bek-2018-918 a[href="/bestemmelse/bek-2025-1804/p9/stk2"]').count() == 1
        assert page.locator("#starting-bek-2025-1804 .ob-list li").count() >= 1
        shot(page, "12-hvad-aendrer-sig")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(legal_server + "/dokumenter")
        assert page.locator(".tl-row").count() >= 10
        shot(page, "13-tidslinje-mobil")


def _search_on(server: str, q: str, as_of: str) -> dict:
    import json
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(server + "/api/search?" + urllib.parse.urlencode({"q": q, "k": 10, "as_of": as_of}),
                                timeout=60) as r:
        return json.load(r)


COMING_Q = "Skal kommunen oplyse borgeren om frit valg af genoptræningstilbud?"


@pytest.mark.slow
def test_the_card_names_the_text_that_takes_over_and_when(legal_server):
    """BEK 918/2018 § 7, stk. 4 applies until 31 December 2026; BEK 1804/2025 rewrites it from
    1 January 2027. Asked in 2026 the card shows the text that applies and names the coming one;
    asked in 2027 it shows the new text, with nothing coming after it."""
    import urllib.parse
    import urllib.request

    card = _search_on(legal_server, COMING_Q, "2026-06-01")["answer"]
    assert card["id"] == "bek-2018-918/p7/stk4" and card["document"]["status"] == "in_force"
    coming = card["coming_version"]
    assert coming["id"] == "bek-2025-1804/p7/stk4" and coming["valid_from"] == "2027-01-01"
    assert coming["label"] == "BEK 1804/2025 § 7, stk. 4" and coming["changed"] is True
    later = _search_on(legal_server, COMING_Q, "2027-06-01")["answer"]
    assert later["id"] == "bek-2025-1804/p7/stk4" and later["coming_version"] is None
    with urllib.request.urlopen(legal_server + "/?" + urllib.parse.urlencode({"q": COMING_Q, "as_of": "2026-06-01"}),
                                timeout=60) as r:
        page = r.read().decode("utf-8")
    assert "Fra 1.1.2027 gælder i stedet" in page
    assert 'href="/bestemmelse/bek-2025-1804/p7/stk4">BEK 1804/2025 § 7, stk. 4</a> med ændret ordlyd' in page
    assert 'href="/bestemmelse/bek-2018-918/p7/stk4#versioner"' in page


@pytest.mark.slow
@pytest.mark.browser
def test_answer_card_and_provision_page_follow_the_legal_basis_to_the_act(legal_server):
    """The answer names who and by when and shows its legal basis as links; the provision
    pages carry the chain on: guidance → the order's paragraph → sundhedsloven, each with its
    document on Retsinformation."""
    with chromium_page() as page:
        page.goto(legal_server + "/?q=" + "Hvem skal indsende sundhedsaftalen, og hvornår?".replace(" ", "+"))
        card = page.locator("#svar")
        card.wait_for()
        assert "1. juli" in card.inner_text() and "Regionsråd" in card.inner_text()
        # the order's § 21 in force demands it; the 2023 draft guidance that cites it explains it
        assert card.locator(".answer-source a").first.get_attribute("href") == "/bestemmelse/bek-2022-1248/p21"
        explained = card.locator("#svar-uddybet a").first
        assert explained.get_attribute("href").startswith("/bestemmelse/sst-vejledning-2023-hoeringsudkast/")
        assert "høringsudkast" in card.locator("#svar-uddybet").inner_text().lower()
        shot(page, "14-svar-med-hjemmel")
        # a card whose text is replaced on 1 January 2027 names the new text; »se ændringerne«
        # leads to the provision's versions with the words that change
        page.goto(legal_server + "/?" + urllib.parse.urlencode({"q": COMING_Q, "as_of": "2026-06-01"}))
        coming = page.locator("#svar-kommende")
        coming.wait_for()
        assert "Fra 1.1.2027 gælder i stedet BEK 1804/2025 § 7, stk. 4" in coming.inner_text()
        coming.get_by_role("link", name="se ændringerne").click()
        page.wait_for_selector("#versioner")
        assert page.locator(".version").count() == 2
        assert page.locator(".version ins", has_text="regionsrådet").count() >= 1
        # the guidance on drafting the agreement → BEK 1248/2022 § 19 → sundhedsloven § 205
        page.goto(legal_server + "/bestemmelse/sst-vejledning-2023-hoeringsudkast/s2.2.1/p1")
        basis = page.locator("ul.basis")
        basis.wait_for()
        assert basis.locator('a.eli[href="https://www.retsinformation.dk/eli/lta/2022/1248"]').count() >= 1
        basis.locator('a[href="/bestemmelse/bek-2022-1248/p19"]').first.click()
        page.wait_for_selector("h2#tekst-titel")
        assert page.locator("h1").inner_text().startswith("§ 19")
        assert page.get_by_role("link", name="Originalen på Retsinformation").get_attribute("href") == \
            "https://www.retsinformation.dk/eli/lta/2022/1248"
        act = page.locator("ul.basis a[href*='/p205']").first
        assert "sundhedslovens § 205" in act.inner_text().lower()
        shot(page, "15-hjemmel-kaede")
        act.click()
        page.wait_for_selector("h2#tekst-titel")
        assert "/p205" in page.url and page.locator("h1").inner_text().startswith("§ 205")


@pytest.mark.slow
def test_a_draft_guidance_card_gives_way_to_the_law_it_restates(legal_server):
    """The 2023 draft guidance says »Regionsrådet nedsætter sammen med kommunalbestyrelserne i
    regionen et sundhedssamarbejdsudvalg« without citing where; the card shows the act's provision
    in force that says the same, and links the draft as the text that explains it."""
    import urllib.parse
    import urllib.request

    q = "Hvem nedsætter sundhedssamarbejdsudvalget?"
    body = _search(legal_server, q)
    card = body["answer"]
    assert card["document"]["status"] == "in_force" and card["document"]["type"] in ("lov", "lovbekendtgørelse", "bekendtgørelse")
    assert "nedsætter" in card["text"] and "sundhedssamarbejdsudvalg" in card["text"]
    explained = card["explained_in"]
    assert explained["document"].startswith("sst-vejledning") and explained["status"] == "draft", explained
    draft = next(h for h in body["hits"] if h["id"] == explained["id"])     # the draft stays on the list
    assert "nedsætter" in draft["text"]
    with urllib.request.urlopen(legal_server + "/?" + urllib.parse.urlencode({"q": q}), timeout=60) as r:
        page = r.read().decode("utf-8")
    assert 'id="svar-uddybet"' in page and f'href="/bestemmelse/{explained["id"]}"' in page
    # a question about what only the draft adds (who sits in the committee when nothing else is
    # agreed) keeps the draft's paragraph on the card: the act does not say it
    other = _search(legal_server, "Hvem sidder i sundhedssamarbejdsudvalget, hvis regionen og kommunerne ikke aftaler noget andet?")
    assert other["answer"]["document"]["id"].startswith("sst-vejledning") and not other["answer"].get("explained_in")


def test_provision_page_is_a_citation(client, a_provision_id):
    """Readable heading, document line, citation, legal basis apart from cross-references."""
    r = client.get(f"/api/provisions/{a_provision_id}").json()
    assert r["heading"] and r["citation"] and r["citation"] != r["id"]
    assert {"basis", "cross_references"} <= set(r)
    labels = [x["label"].lower() for x in r["basis"]]
    assert len(labels) == len(set(labels))                     # each citation once, whatever its case
    page = client.get(f"/bestemmelse/{a_provision_id}", headers={"Accept": "text/html"}).text
    assert 'id="kildeangivelse"' in page and "Hjemmel og andre regler" in page
    assert f"<h1>{r['heading']}</h1>" in page.replace("&amp;", "&")


def test_unresolved_references_to_other_acts_are_legal_basis():
    from aftalegraf.kg.references import split_references

    refs = [{"label": "bekendtgørelsens § 21", "target": None, "target_document": None},
            {"label": "Bekendtgørelsens § 21", "target": None, "target_document": None},
            {"label": "sundhedslovens § 205, stk. 3", "target": None, "target_document": None},
            {"label": "afsnit 5.4", "target": None, "target_document": None}]
    basis, cross = split_references(refs, "vej-2013-9005", "vejledning")
    assert [r["label"] for r in basis] == ["bekendtgørelsens § 21", "sundhedslovens § 205, stk. 3"]
    assert [r["label"] for r in cross] == ["afsnit 5.4"]
    basis, cross = split_references([{"label": "bekendtgørelsens § 5", "target": None, "target_document": None}],
                                    "bek-2022-1248", "bekendtgørelse")
    assert basis == [] and len(cross) == 1                      # an order citing itself


@pytest.mark.slow
def test_the_paragraph_the_question_cites_leads_and_says_so(legal_server):
    """»§ 6 i bekendtgørelse nr. 679«: the 2018 order's paragraph, though BEK 1248/2022 § 21 in
    force says the same; the hit says it was named in the question (API and page)."""
    import urllib.request

    q = "Hvornår skal sundhedsaftalen indsendes efter § 6 i bekendtgørelse nr. 679 af 30. maj 2018?"
    hits = _search(legal_server, q)["hits"]
    assert hits[0]["id"] == "bek-2018-679/p6" and hits[0]["cited"] is True
    assert not any(h["cited"] for h in hits[1:] if not h["id"].startswith("bek-2018-679/p6"))
    with urllib.request.urlopen(legal_server + "/?" + urllib.parse.urlencode({"q": q}), timeout=60) as r:
        page = r.read().decode("utf-8")
    assert page.count("nævnt i dit spørgsmål") == 1


@pytest.mark.slow
def test_an_order_cited_but_not_ingested_still_links_to_retsinformation(legal_server):
    """BEK 918/2018 § 7, stk. 6 cites »§§ 19-22 i bekendtgørelse nr. 958 af 29. august 2014«,
    which the store does not hold: under »Hjemmel« with the order's own ELI, not as a paragraph
    of BEK 918/2018 itself."""
    import json
    import urllib.request

    pid = "bek-2018-918/p7/stk6"
    with urllib.request.urlopen(f"{legal_server}/api/provisions/{pid}", timeout=60) as r:
        basis = {b["label"]: b for b in json.load(r)["basis"]}
    cited = basis["§§ 19-22 i bekendtgørelse nr. 958 af 29. august 2014"]
    assert cited["target"] is None and cited["target_key"] == "bek-2014-958"
    assert cited["eli"] == "https://www.retsinformation.dk/eli/lta/2014/958"
    with urllib.request.urlopen(urllib.request.Request(f"{legal_server}/bestemmelse/{pid}",
                                                       headers={"Accept": "text/html"}), timeout=60) as r:
        page = r.read().decode()
    basis_list = page.split('<ul class="basis">', 1)[1].split("</ul>", 1)[0]
    assert "BEK 958/2014; ikke indlæst" in basis_list
    assert 'href="https://www.retsinformation.dk/eli/lta/2014/958"' in basis_list
