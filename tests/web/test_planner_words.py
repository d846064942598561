"""Planner pages speak Danish: no developer words (JSON, API, BM25, tripler …), no English
values, no "hul", the same menu everywhere. Developer tools live under "For analytikere"."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Words a planner should never have to read on her pages (whole words, case-sensitive where
# the Danish word differs only in case).
FORBIDDEN = ["JSON", "API", "Turtle", "BM25", "tripler", "SPARQL", "hul", "Læst ud af bestemmelsen", "obligation",
             "recommendation", "permission", "prohibition", "placeholder"]
MENU = ["Søg", "Dokumenter", "Tilføj dokumenter", "Hvem skal hvad?", "Hvad ændrer sig?", "Sammenlign",
        "For analytikere"]


def visible_text(html: str) -> str:
    tree = HTMLParser(html)
    for node in tree.css("script, style, textarea, [hidden]"):
        node.decompose()
    body = tree.body
    text = body.text(separator=" ") if body else ""
    titles = " ".join(n.attributes.get("title") or "" for n in tree.css("[title]"))
    return re.sub(r"\s+", " ", text + " " + titles)


def planner_pages(client, a_provision_id) -> list[str]:
    actor = client.get("/api/actors").json()["actors"][0]["key"]
    return ["/", "/?q=Hvem+skal+indsende+sundhedsaftalen%3F", "/?q=xqzvbn+flurbo+kwij", f"/bestemmelse/{a_provision_id}",
            "/aktoer", f"/aktoer/{actor}", "/dokumenter", "/sammenlign", "/sammenlign?regions=hovedstaden&regions=nordjylland",
            "/aendringer", "/tilfoej"]


def test_no_developer_words_on_planner_pages(client, a_provision_id):
    found = {}
    for path in planner_pages(client, a_provision_id):
        r = client.get(path)
        assert r.status_code == 200, path
        text = visible_text(r.text)
        bad = [w for w in FORBIDDEN if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        if bad:
            found[path] = bad
    assert not found, found


def test_the_menu_is_the_same_on_every_page(client, a_provision_id):
    for path in [*planner_pages(client, a_provision_id), "/sparql"]:
        tree = HTMLParser(client.get(path).text)
        items = [a.text(strip=True) for a in tree.css("nav[aria-label=Hovedmenu] a")]
        assert items == MENU, (path, items)


def test_the_check_can_fail():
    assert "JSON" in visible_text("<body><a href='/x'>Som JSON</a></body>")
    assert "JSON" not in visible_text("<body><a href='/api/x.json'>Data</a><script>JSON.parse()</script></body>")


@pytest.mark.parametrize("value,text", [(10000, "10.000"), (10.0, "10"), (2.5, "2,5")])
def test_numbers_in_danish(value, text):
    from aftalegraf.web.templating import dknum

    assert dknum(value) == text


def test_a_chip_names_who_must_what_by_when_and_how_often():
    from aftalegraf.web.templating import obligation_chip

    ob = {"actor": "sundhedskoordinationsudvalg", "modality": "obligation", "action": "afholde møder",
          "deadline": None, "frequency": {"text": "mindst fire møder om året", "count": 4, "per": "year"}}
    assert obligation_chip(ob) == "Sundhedskoordinationsudvalg · skal · afholde møder · mindst fire møder om året"
    ob = {"actor": "regionsråd", "modality": "obligation", "action": "at indsende aftalen",
          "deadline": {"text": "senest den 1. juli"}}
    assert obligation_chip(ob).endswith("· senest den 1. juli")
