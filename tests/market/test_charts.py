"""Charts and the HTML report: they render, and nothing from the data is ever executed."""

from __future__ import annotations

from pathlib import Path

from careerlens.market import build, charts, render_html, report
from careerlens.market.charts import CHARTS
from tests.market.conftest import read_sample, write_jsonl


def test_every_chart_renders_as_png_and_svg(sample_db: Path, tmp_path: Path) -> None:
    rep = report(sample_db)
    pngs = charts(rep, tmp_path / "png")
    assert [p.stem for p in pngs] == list(CHARTS)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000 for p in pngs)
    svgs = charts(rep, tmp_path / "svg", fmt="svg")
    assert all(p.read_text(encoding="utf-8").lstrip().startswith("<?xml") for p in svgs)


def test_html_is_self_contained_and_escapes_everything(tmp_path: Path) -> None:
    evil = "<script>alert('x')</script>"
    rows = [{**r, "region": evil, "source": evil + "<img src=x onerror=alert(1)>"} for r in read_sample(40)]
    db = tmp_path / "m.duckdb"
    build([write_jsonl(tmp_path / "evil.jsonl", rows)], db, workers=1)
    page = render_html(report(db))
    assert page.startswith("<!doctype html>") and page.count("<svg") == len(CHARTS)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<a " not in page and "javascript:" not in page
    assert "What titles really are" in page and "BLS OEWS May 2025" in page
