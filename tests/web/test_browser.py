"""The main journeys in a real browser: Debian's Chromium driven by Playwright, against a server on loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.web.test_security import HOSTILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium); .ci/run installs it"
)
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_decode_a_real_posting_and_see_its_evidence(page, server_url, tmp_path):
    page.goto(server_url + "/decode")
    page.fill("input[name=title]", "Data Scientist")
    page.fill("textarea[name=text]", (FIXTURES / "documents" / "analyst_titled_data_scientist.txt").read_text())
    page.click("button[type=submit]")
    page.wait_for_selector("#result")
    assert "Analytics" in page.inner_text("#result")
    assert page.is_visible("#mismatch")
    assert page.locator("#posting .evidence").count() >= 1 and page.locator("#posting mark.skill").count() >= 3
    page.screenshot(path=str(tmp_path / "decode.png"), full_page=True)


def test_hostile_posting_runs_nothing(page, server_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server_url + "/decode")
    page.fill("textarea[name=text]", HOSTILE)
    page.click("button[type=submit]")
    page.wait_for_selector("#result")
    page.wait_for_timeout(300)
    assert page.title() != "pwned" and not dialogs
    assert "<script>alert('escaped')</script>" in page.inner_text("#posting")


def test_take_the_quiz_and_see_paths(page, server_url):
    page.goto(server_url + "/quiz")
    for _ in range(10):
        if not page.locator("form[action='/quiz']").count():
            break
        for question in page.locator(".q").all():
            radios = question.locator("input[type=radio]")
            if radios.count():
                radios.nth(radios.count() - 1 if radios.count() == 2 else min(3, radios.count() - 1)).check()
        page.click("button[type=submit]")
    page.goto(server_url + "/paths")
    assert page.locator(".path").count() == 12
    assert "Your paths" in page.inner_text("h1")


def test_upload_a_real_resume_and_get_a_plan(page, server_url, tmp_path):
    page.goto(server_url + "/you")
    page.set_input_files("input[type=file]", str(FIXTURES / "resumes" / "harvey_dent_mle.pdf"))
    page.click("form[action='/you/resume'] button[type=submit]")
    page.wait_for_selector("#skills")
    assert "PyTorch" in page.inner_text("#skills")
    page.goto(server_url + "/plan")
    page.select_option("select[name=target]", "mlops_platform")
    page.click("form[action='/plan'] button[type=submit]")
    page.wait_for_selector(".month")
    assert page.locator(".month").count() == 12
    assert page.locator("svg.chart").count() >= 1
    page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)
