"""The market and company-check pages: shipped statistics without a database, the full report with one."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careerlens.market import build
from careerlens.web.app import create_app
from tests.conftest import FIXTURES
from tests.web.conftest import csrf_of

SAMPLE = FIXTURES / "market" / "postings_sample.jsonl"


@pytest.fixture(scope="module")
def market_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("market") / "market.duckdb"
    build([SAMPLE], db)
    return TestClient(create_app(":memory:", market_db=str(db)))


def test_without_a_database_the_shipped_statistics_show(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no market.duckdb in the working folder
    client = TestClient(create_app(":memory:"))
    page = client.get("/market")
    assert page.status_code == 200 and "No market database here yet" in page.text and "<svg" in page.text
    data = client.get("/market.json").json()
    assert data["report"] is None and data["shipped"]["skills"]
    assert client.get("/company-check?name=Stripe").status_code == 400  # by name needs a database


def test_report_page_filters_and_json_twin(market_client):
    page = market_client.get("/market")
    assert page.status_code == 200 and "What a job title really asks for" in page.text
    assert "'unsafe-inline'" in page.headers["content-security-policy"]  # inline chart styles, still no scripts
    assert "script-src 'none'" in page.headers["content-security-policy"]
    full = market_client.get("/market.json").json()["report"]
    only = market_client.get("/market.json?flavour=analytics").json()["report"]
    assert only["basis"]["postings"] < full["basis"]["postings"]
    assert market_client.get("/market/report.html").status_code == 200
    assert market_client.get("/market.json?flavour=analytcs").status_code == 404
    assert market_client.get("/market.json?year=last").status_code == 400


def test_company_check_by_name_and_by_pasted_postings(market_client):
    check = market_client.get("/company-check.json?name=Stripe").json()["check"]
    assert check["postings"] >= 10 and len(check["answers"]) == 3
    csrf = csrf_of(market_client, "/company-check")
    texts = [(FIXTURES / "documents" / n).read_text() for n in ("ml_engineer.txt", "analyst_titled_data_scientist.txt")]
    r = market_client.post(
        "/company-check", data={"csrf": csrf, "company_name": "Acme", "postings": "\n---\n".join(texts)}
    )
    assert r.status_code == 200 and 'id="check"' in r.text and "2 postings" in r.text
