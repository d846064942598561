"""The Danish HTML pages: they render, keep what the user typed escaped and never 5xx."""

from __future__ import annotations

import pytest

XSS = '<script>alert("x")</script>'


def html(client, url, **kw):
    return client.get(url, headers={"Accept": "text/html"}, **kw)


@pytest.mark.parametrize("url", ["/", "/dokumenter", "/aktoer", "/sparql", "/docs"])
def test_pages_render(client, url):
    r = html(client, url)
    assert r.status_code == 200, r.text[:500]
    if url != "/docs":
        assert '<html lang="da">' in r.text
        assert "<main" in r.text and "<nav" in r.text


def test_search_page_with_results(client):
    r = html(client, "/", params={"q": "sundhedsaftale"})
    assert r.status_code == 200
    assert 'class="card"' in r.text
    assert "/bestemmelse/" in r.text
    assert "<mark>" in r.text


def test_search_page_facet_links_keep_query(client):
    r = html(client, "/", params={"q": "sundhedsaftale"})
    assert "q=sundhedsaftale&amp;" in r.text or "q=sundhedsaftale&" in r.text


@pytest.mark.parametrize("params", [{"q": XSS}, {"q": "x", "region": XSS}, {"q": "x", "k": XSS},
                                    {"q": "x", "mode": XSS}, {"q": "x" * 20000}, {"q": ""}])
def test_search_page_escapes_and_never_5xx(client, params):
    r = html(client, "/", params=params)
    assert r.status_code < 500
    assert XSS not in r.text
    if XSS in params.values():
        assert "&lt;script&gt;" in r.text


def test_provision_page(client, a_provision_id):
    r = html(client, f"/bestemmelse/{a_provision_id}")
    assert r.status_code == 200
    assert "Teksten i sammenhæng" in r.text and "Citeret af" in r.text


def test_provision_page_unknown_is_danish_404(client):
    r = html(client, f"/bestemmelse/{XSS}")
    assert r.status_code == 404
    assert XSS not in r.text and "Ikke fundet" in r.text


def test_actor_pages_and_csv(client):
    r = html(client, "/aktoer")
    assert "/aktoer/regionsraad" in r.text
    r = html(client, "/aktoer/regionsraad")
    assert r.status_code == 200 and "Hvem skal hvad?" in r.text
    r = client.get("/aktoer/regionsraad.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.text.lstrip("\ufeff").startswith("Aktør;Skal/bør/kan;Handling")   # Danish Excel: ";" and Danish headers
    assert html(client, f"/aktoer/{XSS}").status_code == 404


def test_documents_page_filters(client):
    r = html(client, "/dokumenter", params={"type": XSS})
    assert r.status_code == 200 and XSS not in r.text


def test_sparql_console_runs_and_shows_errors(client):
    r = html(client, "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"})
    assert r.status_code == 200 and "<table" in r.text and "format=csv" in r.text
    r = html(client, "/sparql", params={"query": "SELECT *\nWHERE {\n  ?s ?p\n"})
    assert r.status_code == 400 and "Linje" in r.text
    r = html(client, "/sparql", params={"query": XSS})
    assert r.status_code == 400 and XSS not in r.text


def test_sparql_console_refuses_update(client):
    r = html(client, "/sparql", params={"query": "DROP ALL"})
    assert r.status_code == 403 and "ikke tilladt" in r.text


def test_unknown_page_is_danish(client):
    r = html(client, "/findes-ikke")
    assert r.status_code == 404 and "findes ikke" in r.text


def test_static_files(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_compare_page(client):
    r = html(client, "/sammenlign")
    assert r.status_code == 200 and "Sammenlign" in r.text
    r = html(client, "/sammenlign", params={"regions": XSS})
    assert r.status_code < 500 and XSS not in r.text


def test_sparql_console_offers_example_queries(client):
    from pathlib import Path

    if not list((Path(__file__).resolve().parents[2] / "docs" / "queries").glob("*.rq")):
        pytest.skip("no example queries in docs/queries yet")
    r = html(client, "/sparql")
    assert 'data-example="' in r.text
