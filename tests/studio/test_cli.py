"""``careerlens practice``: listing, scripted runs of each scenario, JSON, Markdown, errors, the openai backend."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careerlens.cli import app
from careerlens.store import open_store

runner = CliRunner()
SCRIPTS = {
    "informational_interview": "Do you use Docker?\n/hint\nWalk me through the last time a model of yours drifted?\n",
    "ds_learning_plan": "Python and SQL at work\n10 hours\nexperiments\nA/B test write-up for stakeholders\n/done\n",
    "phd_or_industry": "Inventing new methods and publishing\nA frontier lab\nI need a PhD for research\n/done\n",
    "first_ml_platform_engineer": "Monitoring first because nothing watches the models; then CI/CD deploys.\n",
}


def test_lists_scenarios():
    result = runner.invoke(app, ["practice"])
    assert result.exit_code == 0
    assert "first_ml_platform_engineer" in result.output and "generated" in result.output


@pytest.mark.parametrize("scenario", sorted(SCRIPTS))
def test_scripted_run_prints_saves_and_exports_the_report(tmp_path, scenario):
    script = tmp_path / "turns.txt"
    script.write_text(SCRIPTS[scenario], encoding="utf-8")
    md = tmp_path / "report.md"
    result = runner.invoke(app, ["practice", scenario, "--script", str(script), "--report-md", str(md)])
    assert result.exit_code == 0, result.output
    assert "Report:" in result.output and "Coach" in result.output and "(offline)" in result.output
    assert md.read_text(encoding="utf-8").startswith("# ")
    assert len(open_store().records("practice")) == 1


def test_json_output_is_the_report(tmp_path):
    script = tmp_path / "t.txt"
    script.write_text("How do you retrain your models today?\n", encoding="utf-8")
    result = runner.invoke(app, ["practice", "interview", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["backend"] == "offline" and report["transcript"][1]["feedback"]["score"] > 50


def test_unknown_scenario_exits_2_with_suggestions():
    result = runner.invoke(app, ["practice", "platfrom"])
    assert result.exit_code == 2
    assert "Did you mean" in result.output and "platform" in result.output


def test_bad_turns_are_reported_and_the_session_goes_on(tmp_path):
    script = tmp_path / "t.txt"
    script.write_text("x" * 5000 + "\nHow do you retrain your models today?\n", encoding="utf-8")
    result = runner.invoke(app, ["practice", "interview", "--script", str(script), "--json"])
    assert result.exit_code == 0
    assert "keep it under" in result.output


def test_unknown_profile_is_a_clean_error():
    result = runner.invoke(app, ["practice", "plan", "--profile", "nobody"])
    assert result.exit_code == 1 and "No profile 'nobody'" in result.output


def test_openai_backend_against_the_stub(tmp_path, stub):
    script = tmp_path / "t.txt"
    script.write_text("How do you retrain your models today?\n", encoding="utf-8")
    stub.responses = [stub.stream("Hello ", "there."), stub.stream("We retrain ", "on a schedule [F1].")]
    args = ["practice", "interview", "--script", str(script), "--backend", "openai", "--base-url", stub.base_url]
    result = runner.invoke(app, [*args, "--model", "stub-model"])
    assert result.exit_code == 0, result.output
    assert "(openai:stub-model)" in result.output and "on a schedule" in result.output


def test_openai_backend_that_is_down_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_LLM_RETRIES", "0")
    script = tmp_path / "t.txt"
    script.write_text("How do you retrain?\n", encoding="utf-8")
    args = ["practice", "interview", "--script", str(script), "--backend", "openai"]
    result = runner.invoke(app, [*args, "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    assert result.exit_code == 1
    assert "Cannot reach the model server" in result.output and "Traceback" not in result.output
