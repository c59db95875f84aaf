"""Fixtures for the market suite: a real 250-posting sample and a database built from it once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlens.market import build

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "market" / "postings_sample.jsonl"


def read_sample(n: int | None = None) -> list[dict]:
    with open(SAMPLE, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return rows[:n] if n else rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("market") / "market.duckdb"
    build([SAMPLE], db)
    return db
