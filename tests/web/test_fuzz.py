"""Property-based fuzzing of every route (hypothesis, bounded so the suite stays fast): no
parameter value, path or body a visitor can send makes the server answer 5xx, and the
server keeps answering health afterwards."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=50),
    st.sampled_from(["", " ", "0", "-1", "101", "1e309", "NaN", "2024-02-30", "../../etc/passwd", "%00",
                     "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "a" * 5000, "SELECT * WHERE {",
                     "\u202e", "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "regionsraad", "hovedstaden", "obligation"]),
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


def _get_routes(app) -> list[tuple[str, list[str]]]:
    schema = app.openapi()
    out = []
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
        out.append((path, params))
    return out


def _fill(path: str, value: str) -> str:
    import re
    from urllib.parse import quote

    return re.sub(r"\{[^}]+\}", quote(value, safe="/") or "x", path)


def test_every_get_route_survives_hostile_parameters(client, app):
    routes = _get_routes(app)
    assert len(routes) >= 10

    @FUZZ
    @given(value=HOSTILE, which=st.integers(min_value=0, max_value=len(routes) - 1), data=st.data())
    def check(value, which, data):
        path, params = routes[which]
        query = {p: data.draw(HOSTILE) for p in params if data.draw(st.booleans())}
        r = client.get(_fill(path, value), params=query)
        assert r.status_code < 500, (path, query, r.status_code, r.text[:300])

    check()
    assert client.get("/api/health").status_code == 200


@pytest.mark.parametrize("ctype", ["application/sparql-query", "application/x-www-form-urlencoded", "text/plain",
                                   "multipart/form-data; boundary=x", ""])
def test_sparql_post_survives_hostile_bodies(client, ctype):
    @FUZZ
    @given(body=st.binary(max_size=2000) | HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")))
    def check(body):
        r = client.post("/sparql", content=body, headers={"Content-Type": ctype} if ctype else {})
        assert r.status_code < 500, (ctype, body[:100], r.status_code, r.text[:300])

    check()


def test_pages_survive_hostile_paths(client):
    @FUZZ
    @given(tail=HOSTILE)
    def check(tail):
        from urllib.parse import quote

        for prefix in ("/bestemmelse/", "/aktoer/", "/api/provisions/", "/static/"):
            r = client.get(prefix + quote(tail, safe="/"))
            assert r.status_code < 500, (prefix, tail, r.status_code)

    check()
