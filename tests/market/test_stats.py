"""export-stats writes the schema the planner and path finder read."""

from __future__ import annotations

import json
from pathlib import Path

from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.market import build, export_stats
from careerlens.plan.demand import DEMAND_PATH, load_demand
from tests.market.conftest import read_sample, write_jsonl


def test_export_writes_the_shipped_schema(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "skill_demand.json"
    stats = export_stats(sample_db, out, leave_out={"123456789"})
    demand = load_demand(out)
    assert demand.postings == 250 == sum(demand.flavour_postings.values())
    assert set(stats["flavours"]) == {*FLAVOUR_IDS, "all"}
    assert demand.share("analytics", "sql") > 0.3
    shipped = json.loads(DEMAND_PATH.read_text(encoding="utf-8"))
    assert set(shipped) <= set(stats) | {"left_out"}
    assert set(stats["flavours"]["analytics"]) == set(shipped["flavours"]["analytics"])
    assert stats["corpora"][0]["name"] == "postings_sample.jsonl"
    assert all(v["n"] >= 5 for v in stats["pay"]["flavours"].values())


def test_left_out_uids_are_not_counted(sample_db: Path, tmp_path: Path) -> None:
    rows = read_sample()
    stats = export_stats(sample_db, tmp_path / "s.json", leave_out={str(r["uid"]) for r in rows[:10]})
    assert stats["postings"] == 240 and stats["left_out"]["dev"] == 10


def test_repeats_are_counted_once_unless_kept(tmp_path: Path) -> None:
    rows = read_sample(20)
    corpus = write_jsonl(tmp_path / "c.jsonl", [*rows, {**rows[0], "uid": 99001}])
    db = tmp_path / "m.duckdb"
    build([corpus], db, workers=1)
    once = export_stats(db, tmp_path / "once.json")
    kept = export_stats(db, tmp_path / "kept.json", keep_duplicates=True)
    assert (once["postings"], once["left_out"]["duplicate"]) == (20, 1)
    assert (kept["postings"], kept["left_out"]["duplicate"]) == (21, 0)
