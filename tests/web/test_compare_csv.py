"""GET /sammenlign.csv: the comparison written by aftalegraf.compare.to_csv, linked from /sammenlign."""

from __future__ import annotations



def test_compare_csv_downloads_to_csv_output(client):
    from aftalegraf import compare as kg_compare

    r = client.get("/sammenlign.csv", params={"regions": "hovedstaden,sjaelland"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    expected = kg_compare.to_csv(client.get("/api/compare", params={"regions": "hovedstaden,sjaelland"}).json())
    assert r.text == expected
    assert 'href="/sammenlign.csv' in client.get("/sammenlign").text
