"""The answer over HTTP and in the browser (bundled sample): a deadline question gets the
answer card with the paragraph that demands it, its source and status; nonsense gets the
honest empty state, with the weak hits folded away."""

from __future__ import annotations

import pytest

from .test_browser import chromium_page, shot

DEADLINE_Q = "Hvem skal indsende sundhedsaftalen, og hvornår?"
NONSENSE = "xqzvbn flurbo kwij"


def test_api_answer_and_null(client):
    r = client.get("/api/search", params={"q": DEADLINE_Q}).json()
    assert r["answer"] is not None and r["answer"]["id"] == r["hits"][0]["id"]
    assert "1. juli" in r["answer"]["text"]
    r = client.get("/api/search", params={"q": NONSENSE}).json()
    assert r["answer"] is None and r["weak"] is True


def test_an_english_question_finds_the_danish_paragraph(client):
    """English in, Danish provisions out: the field's English terms are added in Danish."""
    r = client.get("/api/search", params={"q": "Who has to submit the health agreement to the Danish Health Authority?"})
    body = r.json()
    assert body["answer"] is not None
    assert "Indsendelse af sundhedsaftalen" in body["hits"][0]["section"], [h["section"] for h in body["hits"]]
    assert "1. juli" in " ".join(h["text"] for h in body["hits"][:3])


def test_misspelt_question_gets_mente_du(client):
    """A question nothing answers, with misspelt words: the corpus's own words are suggested."""
    body = client.get("/api/search", params={"q": "sunhedsaftlen genoptrænig"}).json()
    if body["answer"] is None:
        assert body["suggestion"] == "sundhedsaftalen genoptræning"
        page = client.get("/", params={"q": "sunhedsaftlen genoptrænig"}, headers={"Accept": "text/html"}).text
        assert 'id="mente-du"' in page and "q=sundhedsaftalen+genopt" in page
    else:                              # answered after all: no suggestion is offered
        assert body["suggestion"] is None
    assert client.get("/api/search", params={"q": NONSENSE}).json()["suggestion"] is None


def test_pages_show_card_or_empty_state(client):
    page = client.get("/", params={"q": DEADLINE_Q}, headers={"Accept": "text/html"}).text
    assert 'id="svar"' in page and 'id="intet-svar"' not in page
    page = client.get("/", params={"q": NONSENSE}, headers={"Accept": "text/html"}).text
    assert 'id="intet-svar"' in page and "Ingen bestemmelser svarer godt på" in page and 'id="svar"' not in page


@pytest.mark.slow
@pytest.mark.browser
def test_answer_card_and_empty_state_in_the_browser(live_server):
    with chromium_page() as page:
        page.goto(live_server + "/")
        page.get_by_label("Søgetekst").fill(DEADLINE_Q)
        page.get_by_label("Søgetekst").press("Enter")
        card = page.locator("#svar")
        card.wait_for()
        assert "1. juli" in card.inner_text()
        source = card.locator(".answer-source a").first
        assert source.get_attribute("href").startswith("/bestemmelse/")
        assert card.locator(".badge").count() == 1
        shot(page, "20-svarkort")
        source.click()
        page.wait_for_selector("h2#tekst-titel")
        shot(page, "21-svarets-bestemmelse")
        page.goto(live_server + "/?q=" + NONSENSE.replace(" ", "+"))
        page.wait_for_selector("#intet-svar")
        assert page.locator("#svar").count() == 0
        assert not page.locator(".weak-hits .card").first.is_visible()      # folded away
        shot(page, "22-intet-svar")
