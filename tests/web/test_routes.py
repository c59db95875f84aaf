"""Every page and its JSON twin, in process; forms with CSRF; the store behind them."""

from __future__ import annotations

import pytest
import yaml

from careerlens import FLAVOUR_IDS
from careerlens.knowledge.loader import load_knowledge
from tests.conftest import FIXTURES
from tests.web.conftest import csrf_of

PAGES = [
    "/",
    "/roles",
    "/roles/ml_engineer",
    "/compare",
    "/companies",
    "/sources",
    "/postings",
    "/you",
    "/quiz",
    "/plan",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_and_its_json_twin(client, page):
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    twin = client.get("/index.json" if page == "/" else page + ".json")
    assert twin.status_code == 200 and isinstance(twin.json(), dict)


def test_every_company_page(client):
    for company_id in load_knowledge().companies:
        assert client.get(f"/companies/{company_id}").status_code == 200
        assert client.get(f"/companies/{company_id}.json").json()["id"] == company_id


def test_roles_json_lists_the_twelve(client):
    assert [r["id"] for r in client.get("/roles.json").json()["roles"]] == list(FLAVOUR_IDS)


def test_unknown_id_is_a_404_with_suggestions(client):
    assert "Did you mean" in client.get("/roles/ml_enginer").text
    r = client.get("/roles/ml_enginer.json")
    assert r.status_code == 404 and "ml_engineer" in r.json()["error"]


def test_openapi_describes_the_json_routes(client):
    spec = client.get("/openapi.json").json()
    assert {"/roles.json", "/roles/{role_id}.json", "/decode.json", "/paths.json", "/plan.json"} <= set(spec["paths"])
    assert "/roles" not in spec["paths"]  # HTML pages are not part of the API description


def test_decode_form_and_json_twin(client):
    text = (FIXTURES / "documents" / "analyst_titled_data_scientist.txt").read_text()
    page = client.post("/decode", data={"csrf": csrf_of(client), "text": text, "title": "Data Scientist"})
    assert page.status_code == 200
    assert 'id="mismatch"' in page.text and 'class="evidence' in page.text and '<mark class="skill"' in page.text
    api = client.post("/decode.json", json={"text": text, "title": "Data Scientist"}).json()
    assert api["primary"] == "analytics" and api["mismatch"] is True


def test_decode_upload_of_a_real_pdf(client):
    pdf = (FIXTURES / "documents" / "product_manager.pdf").read_bytes()
    r = client.post("/decode", data={"csrf": csrf_of(client)}, files={"file": ("pm.pdf", pdf, "application/pdf")})
    assert r.status_code == 200 and "Product Manager" in r.text


def test_forms_without_the_csrf_token_are_refused(client):
    client.get("/decode")
    r = client.post("/decode", data={"text": "Build dashboards in SQL."})
    assert r.status_code == 403 and "expired" in r.text
    r = client.post("/data/delete", data={"csrf": "forged", "confirm": "delete"})
    assert r.status_code == 403


def test_save_posting_then_fit_against_it(client):
    csrf = csrf_of(client)
    text = (FIXTURES / "documents" / "ml_engineer.txt").read_text()
    saved = client.post("/postings", data={"csrf": csrf, "text": text, "title": "ML Engineer"}, follow_redirects=False)
    assert saved.status_code == 303
    posting_id = saved.headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/postings/{posting_id}").status_code == 200
    assert [p["id"] for p in client.get("/postings.json").json()["postings"]] == [posting_id]
    resume = (FIXTURES / "resumes" / "harvey_dent_mle.pdf").read_bytes()
    r = client.post("/you/resume", data={"csrf": csrf}, files={"file": ("harvey.pdf", resume, "application/pdf")})
    assert r.status_code == 200 and "PyTorch" in r.text  # redirected to the profile
    fit = client.get(f"/fit.json?posting={posting_id}").json()["fit"]
    assert fit["kind"] == "posting" and 0 < fit["score"] <= 100
    assert client.get(f"/fit?posting={posting_id}").status_code == 200


def test_quiz_pages_save_as_they_go_then_paths(client):
    csrf = csrf_of(client, "/quiz")
    first = client.get("/quiz.json").json()
    assert first["answered"] == 0 and len(first["questions"]) == 12
    answers = {q["id"]: "4" for q in first["questions"]}
    r = client.post("/quiz", data={"csrf": csrf, **answers}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/quiz"
    assert client.get("/quiz.json").json()["answered"] == 12
    everything = yaml.safe_load((FIXTURES / "quiz" / "analytics_minded.yaml").read_text())
    done = client.post("/quiz.json", json=everything).json()
    assert done["answered"] == done["total"]
    paths = client.get("/paths.json").json()["paths"]
    assert paths[0]["flavour"] == "analytics"
    assert "Your paths" in client.get("/paths").text


def test_plan_build_progress_and_exports(client):
    csrf = csrf_of(client)
    resume = (FIXTURES / "resumes" / "evidenced_ml_engineer.txt").read_bytes()
    client.post("/you/resume", data={"csrf": csrf}, files={"file": ("cv.txt", resume, "text/plain")})
    r = client.post("/plan", data={"csrf": csrf, "target": "mlops_platform", "months": "6", "hours": "8"})
    assert r.status_code == 200 and "Month 6" in r.text and "<svg" in r.text
    plan = client.get("/plan.json").json()["plan"]
    first = next(s["skill"] for m in plan["months"] for s in m["skills"] if s["finishes"])
    client.post("/plan/progress", data={"csrf": csrf, "done": first})
    assert first in client.get("/plan.json").json()["plan"]["done"]
    client.post("/plan/progress", data={"csrf": csrf, "action": "replan"})
    replanned = client.get("/plan.json").json()["plan"]
    assert all(s["skill"] != first for m in replanned["months"] for s in m["skills"])
    assert client.get("/plan.md").text.startswith("# 6-month plan toward MLOps")
    ics = client.get("/plan.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and ics.text.startswith("BEGIN:VCALENDAR")
    api = client.post("/plan.json?target=analytics&months=3&hours=5").json()
    assert api["target"] == "analytics" and len(api["months"]) == 3


def test_export_import_and_delete_all(client):
    csrf = csrf_of(client)
    client.post(
        "/you/resume",
        data={"csrf": csrf},
        files={"file": ("cv.txt", (FIXTURES / "resumes" / "evidenced_ml_engineer.txt").read_bytes(), "text/plain")},
    )
    dump = client.get("/data/export.json")
    assert dump.headers["content-disposition"].startswith("attachment") and "me" in dump.json()["profiles"]
    r = client.post("/data/delete", data={"csrf": csrf, "confirm": "nope"})
    assert r.status_code == 400 and client.get("/you.json").json()["profile"] is not None
    r = client.post("/data/delete", data={"csrf": csrf, "confirm": "delete"})
    assert "deleted" in r.text and client.get("/you.json").json()["profile"] is None
    r = client.post(
        "/data/import", data={"csrf": csrf}, files={"file": ("export.json", dump.content, "application/json")}
    )
    assert "imported" in r.text and client.get("/you.json").json()["profile"]["name"] == "me"
    r = client.post(
        "/data/import", data={"csrf": csrf}, files={"file": ("x.json", b"\x00\xff junk", "application/json")}
    )
    assert r.status_code == 400


def test_person_pages_without_a_profile_say_what_to_do(client):
    for page in ("/paths", "/fit"):
        r = client.get(page)
        assert r.status_code == 400 and "upload a resume" in r.text


def test_practice_session_in_the_browser_pages(client):
    import careerlens.web.routes.practice as practice

    csrf = csrf_of(client, "/practice")
    started = client.post("/practice", data={"csrf": csrf, "scenario": "interview"}, follow_redirects=False)
    page = started.headers["location"]
    client.post(page, data={"csrf": csrf, "text": "Do you like your job?"})
    client.post(page, data={"csrf": csrf, "action": "hint"})
    practice._LIVE.clear()  # as after a restart: the session is rebuilt from its saved inputs
    turns = client.get(page + ".json").json()["turns"]
    assert len(turns) == 3 and turns[1]["feedback"]["verdict"] == "weak" and turns[1]["feedback"]["better"]
    done = client.post(page, data={"csrf": csrf, "action": "done"})
    assert "Report" in done.text and client.get(page + ".json").json()["report"]["score"] is not None
    assert client.get(page + "/report.md").text.startswith("# Informational interview")
    assert [s["turns"] for s in client.get("/practice.json").json()["saved"]] == [2]
    assert client.post(page, data={"text": "no token"}).status_code == 403
