"""Untrusted postings never run, forms need their token, big bodies are refused, hosts and tokens are checked."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from careerlens.errors import CareerlensError
from careerlens.web.app import create_app
from tests.web.conftest import csrf_of

HOSTILE = (
    "<h2>Data Scientist</h2><script>document.title='pwned'</script>"
    "<p>Build dashboards in SQL and Tableau.<img src=x onerror=\"document.title='pwned'\"></p>"
    '<p><a href="javascript:alert(1)">apply</a> <svg onload=alert(1)></svg></p>'
    "<p>&lt;script&gt;alert('escaped')&lt;/script&gt; Report KPIs to stakeholders weekly.</p>"
)


def test_every_response_has_the_security_headers(client):
    for path in ("/", "/roles.json", "/nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def test_hostile_markup_in_a_posting_is_shown_as_text_only(client):
    for page in (
        client.post("/decode", data={"csrf": csrf_of(client), "text": HOSTILE}).text,
        client.get(client.post("/postings", data={"csrf": csrf_of(client), "text": HOSTILE}).url).text,
    ):
        parsed = _Elements()
        parsed.feed(page)
        assert "script" not in parsed.tags and "img" not in parsed.tags and "a" in parsed.tags
        assert not [k for k, _ in parsed.attrs if k.startswith("on")]
        assert not [v for k, v in parsed.attrs if k == "href" and v.strip().lower().startswith("javascript")]
        assert "&amp;lt;script&amp;gt;" in page or "&lt;script&gt;alert" in page  # shown as text


def test_csrf_cookie_is_strict_and_http_only(client):
    cookie = client.get("/").headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie


def test_json_endpoints_do_not_accept_form_posts(client):
    r = client.post("/decode.json", data={"text": "Build dashboards in SQL."})
    assert r.status_code == 422


def test_oversized_bodies_are_refused_before_reading(client):
    r = client.post(
        "/decode.json", content=b"{}", headers={"content-length": str(60 * 2**20), "content-type": "application/json"}
    )
    assert r.status_code == 413


def test_unknown_hosts_are_refused(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_non_loopback_needs_a_token():
    with pytest.raises(CareerlensError, match="token"):
        create_app(":memory:", host="0.0.0.0")
    app = TestClient(create_app(":memory:", host="0.0.0.0", token="s3cret-token"))
    assert app.get("/").status_code == 401
    assert app.get("/roles.json", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    first = app.get("/roles?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/roles"
    assert app.get("/roles").status_code == 200  # the cookie set by the link now carries the token
    assert (
        TestClient(create_app(":memory:", host="0.0.0.0", token="s3cret-token")).get("/?token=wrong").status_code == 401
    )
