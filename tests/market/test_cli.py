"""The market CLI: a thin shell over careerlens.market."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from careerlens.cli import app
from tests.market.conftest import SAMPLE

runner = CliRunner()


def test_build_report_company_check_and_export(tmp_path: Path, sample_db: Path) -> None:
    db = tmp_path / "m.duckdb"
    result = runner.invoke(app, ["market", "build", str(SAMPLE), "--db", str(db), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["postings"] == 250

    html, folder = tmp_path / "r.html", tmp_path / "charts"
    args = ["market", "report", "--db", str(sample_db), "--html", str(html), "--charts", str(folder)]
    result = runner.invoke(app, [*args, "--region", "US"])
    assert result.exit_code == 0, result.output
    assert "What titles really are" in result.stdout and "region: US" in result.stdout
    assert html.read_text(encoding="utf-8").count("<svg") == 9 and len(list(folder.glob("*.png"))) == 9

    result = runner.invoke(app, ["company-check", "Stripe", "--db", str(sample_db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["postings"] == 16

    out = tmp_path / "demand.json"
    result = runner.invoke(app, ["market", "export-stats", "--db", str(sample_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["postings"] == 250


def test_errors_are_one_line_messages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["market", "report", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "careerlens market build" in result.output
    result = runner.invoke(app, ["market", "build", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "m.duckdb")])
    assert result.exit_code == 1 and "no such file" in " ".join(result.output.split())
