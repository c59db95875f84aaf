"""Stores to run the same tests against: SQLite in memory, a SQLite file, and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import postgres_store_url


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    from careerlens.store import open_store

    if request.param == "memory":
        return open_store(":memory:")
    if request.param == "sqlite":
        return open_store(str(tmp_path / "careerlens.db"))
    return open_store(postgres_store_url(request.getfixturevalue("postgres_url")))
