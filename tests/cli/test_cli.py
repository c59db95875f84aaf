"""The command line, as a user runs it: documented output, --json that parses, errors without tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careerlens import FLAVOUR_IDS
from careerlens.cli import app
from tests.conftest import FIXTURES

runner = CliRunner(env={"COLUMNS": "200"})


def run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in (result.output or "")
    return result


def test_roles_json_lists_the_twelve_ids():
    result = run("roles", "--json")
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == list(FLAVOUR_IDS)


def test_roles_table_names_every_flavour():
    result = run("roles")
    assert result.exit_code == 0
    for role_id in FLAVOUR_IDS:
        assert role_id in result.stdout


def test_role_shows_pay_with_source_year_and_sample():
    result = run("role", "ml_engineer")
    assert result.exit_code == 0
    assert "$180,000" in result.stdout  # the seed's stated range, kept as stated
    assert "bls_oews_may2025" in result.stdout and "262,440" in result.stdout  # BLS 15-2051 employment
    assert "aijobs_salaries" in result.stdout and "senior" in result.stdout
    data = json.loads(run("role", "ml_engineer", "--json").stdout)
    assert data["id"] == "ml_engineer" and data["pay"] and all("n" in p and "year" in p for p in data["pay"])


def test_compare_is_side_by_side():
    result = run("compare", "ds_modeling", "ml_engineer", "mlops_platform")
    assert result.exit_code == 0
    for name in ["Modelling data", "Machine learning", "MLOps"]:
        assert name in result.stdout
    data = json.loads(run("compare", "ds_modeling", "ml_engineer", "--json").stdout)
    assert [c["id"] for c in data["roles"]] == ["ds_modeling", "ml_engineer"]
    assert "ml_engineer" in data["roles"][0]["differences"]


@pytest.mark.parametrize("args", [("role", "ml_enginer"), ("compare", "ds_modeling", "mlops"), ("company", "frontier")])
def test_unknown_ids_answer_with_the_closest(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Did you mean" in result.output


def test_compare_needs_two_roles():
    result = run("compare", "analytics")
    assert result.exit_code == 1 and "at least two" in result.output


def test_companies_company_and_sources_json():
    companies = json.loads(run("companies", "--json").stdout)
    assert len(companies) == 7
    company = json.loads(run("company", "frontier_labs", "--json").stdout)
    assert any(e["name"] == "Anthropic" for e in company["examples"])
    sources = json.loads(run("sources", "--json").stdout)
    assert {s["id"] for s in sources} >= {"seed_000", "bls_oews_may2025"}
    assert "CC0" in run("sources").stdout


def test_decode_file_and_stdin(postings, tmp_path):
    post = next(p for p in postings if p["desc_format"] == "html")
    path = tmp_path / "posting.html"
    path.write_text(post["description"], encoding="utf-8")
    result = run("decode", str(path), "--title", post["title"])
    assert result.exit_code == 0 and "Flavour mix" in result.stdout and "Skills" in result.stdout
    data = json.loads(run("decode", "-", "--json", input=post["description"]).stdout)
    assert set(data["flavours"]) == set(FLAVOUR_IDS)


def test_decode_docx_and_bad_files(tmp_path):
    assert run("decode", str(FIXTURES / "documents" / "data_scientist.docx")).exit_code == 0
    missing = run("decode", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 1 and "no such file" in missing.output
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    assert "binary" in run("decode", str(binary)).output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("decode", str(empty)).exit_code == 1


def test_decode_batch_writes_one_line_per_record(tmp_path, postings):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"uid": p["uid"], "description": p["description"]}) + "\n" for p in postings[:5])
        + "not json\n"
    )
    out = tmp_path / "out.jsonl"
    result = run("decode-batch", str(src), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 6 and "error" in json.loads(lines[-1])
    assert "1 could not be decoded" in result.output


def test_readme_decode_example_prints_what_the_readme_shows():
    path = FIXTURES / "documents" / "analyst_titled_data_scientist.txt"
    out = run("decode", str(path), "--title", "Data Scientist").stdout
    assert "The work is mostly Analytics / data analyst" in out
    assert "Title vs content" in out and "Salary: USD 85,000–105,000 a year" in out and "Workplace: hybrid" in out
