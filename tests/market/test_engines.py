"""Executors: the registry, and the local and Ray engines writing the same rows, to the row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from careerlens.errors import InputError
from careerlens.market import EXECUTORS, build, get_executor
from careerlens.market.engines import LocalExecutor
from careerlens.market.rows import market_row
from tests.market.conftest import read_sample, write_jsonl


def all_rows(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * FROM postings ORDER BY corpus, line").fetchall()


def test_registry_names_the_built_in_engines() -> None:
    assert set(EXECUTORS) == {"local", "ray"}
    assert get_executor("local", workers=1).name == "local"
    with pytest.raises(InputError, match="choose one of: local, ray"):
        get_executor("spark")


def test_local_pool_gives_one_row_per_record_in_order() -> None:
    records = [{**r, "_line": i + 1} for i, r in enumerate(read_sample(40))]
    chunks = list(LocalExecutor(workers=2).map_rows(records, chunk_size=7))
    assert [len(c) for c in chunks] == [7, 7, 7, 7, 7, 5]
    flat = [row for chunk in chunks for row in chunk]
    assert flat == [market_row(r) for r in records]


@pytest.mark.slow
def test_local_and_ray_engines_write_identical_rows(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    corpus = write_jsonl(tmp_path / "c.jsonl", read_sample(200))
    local = build([corpus], tmp_path / "local.duckdb", engine="local", workers=2)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        scaled = build([corpus], tmp_path / "ray.duckdb", engine="ray", chunk_size=64, window=128)
    finally:
        ray.shutdown()
    assert scaled.engine == "ray" and scaled.added == local.added == 200
    left, right = all_rows(tmp_path / "local.duckdb"), all_rows(tmp_path / "ray.duckdb")
    assert len(left) == 200
    assert left == right
