"""The person-side commands as a user runs them, against a private store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from careerlens.cli import app
from careerlens.profile.quiz import items
from tests.conftest import FIXTURES

runner = CliRunner(env={"COLUMNS": "200"})
RESUME = str(FIXTURES / "resumes" / "harvey_dent_mle.pdf")


def run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in (result.output or ""), result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def test_without_a_profile_commands_say_how_to_make_one():
    for args in (["paths"], ["fit", "--role", "ml_engineer"], ["plan", "--target", "analytics"], ["profile"]):
        result = run(*args)
        assert result.exit_code == 1 and "careerlens profile RESUME" in result.output


def test_profile_from_resume_then_paths_fit_plan(tmp_path):
    result = run("profile", RESUME)
    assert result.exit_code == 0 and "PyTorch" in result.stdout and "Saved as profile 'me'" in result.stdout
    shown = json.loads(run("profile", "--json").stdout)
    assert shown["skills"]["python"]["strength"] == "used" and shown["years_experience"] == 5

    paths = json.loads(run("paths", "--json", "--top", "3").stdout)
    assert paths[0]["flavour"] == "ml_engineer" and len(paths) == 3

    fit = run("fit", "--role", "ml_engineer")
    assert fit.exit_code == 0 and "Fit with ml_engineer" in fit.stdout and "missing" in fit.stdout
    posting = str(FIXTURES / "documents" / "ml_engineer.txt")
    both = json.loads(
        run(
            "fit", "--posting", posting, "--posting", str(FIXTURES / "documents" / "data_scientist.docx"), "--json"
        ).stdout
    )
    assert len(both["fits"]) == 2 and both["learn_first"]

    md, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    result = run("plan", "--target", "mlops_platform", "--hours", "8", "--markdown", str(md), "--ics", str(ics))
    assert result.exit_code == 0 and "Month 12" in result.stdout
    assert md.read_text().startswith("# 12-month plan toward MLOps") and ics.read_bytes().startswith(
        b"BEGIN:VCALENDAR\r\n"
    )
    saved = json.loads(run("plan", "--json").stdout)
    assert saved["target"] == "mlops_platform" and saved["hours_per_week"] == 8
    marked = json.loads(run("plan", "--done", "kubernetes", "--replan", "--json").stdout)
    assert "kubernetes" in marked["done"]
    assert all(s["skill"] != "kubernetes" for m in marked["months"] for s in m["skills"])


def test_quiz_can_be_interrupted_and_resumed():
    total = len(items())
    first = run("quiz", "--ask", input="4\n5\nnot a number\n3\n")  # three answers, one refused, then the input ends
    assert first.exit_code == 0 and f"Saved 3 of {total} answers" in first.stdout
    assert "expected" in first.output  # the refused answer was explained and asked again
    second = run("quiz", "--ask", input="2\n")
    assert f"{total - 3} of {total} questions to go" in second.stdout and f"Saved 4 of {total}" in second.stdout
    profile = json.loads(run("profile", "--json").stdout)
    assert profile["interests"]["riasec"]["R"] == 3.5  # R1..R4 = 4, 5, 3, 2


def test_quiz_from_answers_file_then_resume_merges_with_it():
    result = run("quiz", "--answers", str(FIXTURES / "quiz" / "systems_minded.yaml"), "--no-ask")
    assert result.exit_code == 0 and "updated from 86 answers" in result.stdout
    run("profile", RESUME)
    profile = json.loads(run("profile", "--json").stdout)
    assert profile["built_from"] == ["quiz", "resume:harvey_dent_mle.pdf"]
    assert profile["skills"]["python"]["strength"] == "used" and profile["skills"]["python"]["self_rating"] == 3
    ranked = json.loads(run("paths", "--json").stdout)
    assert ranked[0]["parts"].get("interest") is not None


def test_bad_inputs_exit_cleanly(tmp_path):
    bad = tmp_path / "answers.yaml"
    bad.write_text("R1: 9\n")
    result = run("quiz", "--answers", str(bad))
    assert result.exit_code == 1 and "expected 1 strongly dislike" in result.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("profile", str(empty)).exit_code == 1
    run("profile", RESUME)
    assert run("plan", "--target", "ml_enginer").exit_code == 2
    assert run("fit").exit_code == 1


def test_export_import_list_delete(tmp_path):
    run("profile", RESUME)
    out = tmp_path / "me.json"
    assert run("profile", "--export", str(out)).exit_code == 0
    assert run("profile", "--import", str(out), "--profile", "copy").exit_code == 0
    listed = json.loads(run("profile", "--list", "--json").stdout)
    assert [p["name"] for p in listed] == ["copy", "me"]
    assert run("profile", "--delete", "--profile", "copy", input="n\n").exit_code == 1  # declined: kept
    assert run("profile", "--delete", "--profile", "copy", "--yes").exit_code == 0
    assert [p["name"] for p in json.loads(run("profile", "--list", "--json").stdout)] == ["me"]
