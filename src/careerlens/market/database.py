"""The market database: an embedded DuckDB file holding one row per decoded corpus record.

Tables: ``corpora`` (each corpus built into the database), ``postings`` (keyed by corpus and line, so a
rerun skips what is there), ``duplicates`` (recomputed at the end of every build). Views: ``market``
(decoded, not a duplicate: what every figure counts) and ``posting_skills`` (one row per skill named).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from careerlens.errors import InputError, StoreError

SCHEMA_VERSION = "1"
# A build's memory should not grow with the database: DuckDB may otherwise keep every written block cached.
BUILD_MEMORY_LIMIT = "256MB"
SKILL_TYPE = "STRUCT(id VARCHAR, name VARCHAR, category VARCHAR, need VARCHAR)"
POSTING_COLUMNS: list[tuple[str, str]] = [
    ("corpus", "VARCHAR"),
    ("line", "BIGINT"),
    ("uid", "VARCHAR"),
    ("source", "VARCHAR"),
    ("title", "VARCHAR"),
    ("title_family", "VARCHAR"),
    ("company", "VARCHAR"),
    ("location", "VARCHAR"),
    ("region", "VARCHAR"),
    ("date", "VARCHAR"),
    ("year", "INTEGER"),
    ("description", "VARCHAR"),
    ("error", "VARCHAR"),
    ("dup_key", "VARCHAR"),
    ("sketch", "BIGINT[]"),
    ("primary_flavour", "VARCHAR"),
    ("secondary_flavour", "VARCHAR"),
    ("title_flavour", "VARCHAR"),
    ("mismatch", "BOOLEAN"),
    ("flavours", "VARCHAR"),
    ("skills", f"{SKILL_TYPE}[]"),
    ("level", "VARCHAR"),
    ("years_min", "INTEGER"),
    ("degree", "VARCHAR"),
    ("degree_required", "BOOLEAN"),
    ("workplace", "VARCHAR"),
    ("salary_low", "DOUBLE"),
    ("salary_high", "DOUBLE"),
    ("salary_currency", "VARCHAR"),
    ("salary_period", "VARCHAR"),
    ("salary_text", "VARCHAR"),
    ("salary_origin", "VARCHAR"),
    ("company_archetype", "VARCHAR"),
    ("notes", "VARCHAR[]"),
]

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS corpora (
        corpus VARCHAR PRIMARY KEY, position INTEGER, name VARCHAR, path VARCHAR, size BIGINT,
        complete BOOLEAN, engine VARCHAR, started VARCHAR, finished VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS postings ("
    + ", ".join(f"{name} {kind}" for name, kind in POSTING_COLUMNS)
    + ", PRIMARY KEY (corpus, line))",
    "CREATE TABLE IF NOT EXISTS duplicates (corpus VARCHAR, line BIGINT, duplicate_of VARCHAR, similarity DOUBLE, "
    "PRIMARY KEY (corpus, line))",
    """CREATE OR REPLACE VIEW market AS
        SELECT p.* FROM postings p
        WHERE p.error IS NULL
          AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.corpus = p.corpus AND d.line = p.line)""",
    """CREATE OR REPLACE VIEW posting_skills AS
        SELECT corpus, line, s.id AS skill, s.name, s.category, s.need
        FROM (SELECT corpus, line, unnest(skills) AS s FROM market)""",
]


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(
            f"Cannot open the market database {path} ({exc}). If another careerlens command is using it, "
            "wait for it to finish."
        ) from None


@contextmanager
def open_market_db(path: Path | str, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the market database; ``write`` creates it (and its schema) when missing."""
    path = Path(path)
    if not write and not path.exists():
        raise InputError(f"No market database at {path}. Build one first: careerlens market build CORPUS --db {path}")
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=not write)
    try:
        if write:
            con.execute(f"SET memory_limit = '{BUILD_MEMORY_LIMIT}'")
            for statement in SCHEMA:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        else:
            version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if version is None or version[0] != SCHEMA_VERSION:
                raise StoreError(f"{path} is not a careerlens market database of this version; rebuild it.")
        yield con
    except duckdb.CatalogException:
        raise StoreError(
            f"{path} is not a careerlens market database; build one with careerlens market build."
        ) from None
    finally:
        con.close()


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[tuple[str, str]], rows: list[dict[str, Any]]
) -> None:
    """Insert many rows in one statement (column lists unnested together: far faster than executemany)."""
    if not rows:
        return
    select = ", ".join(f"unnest(${name}::{kind}[]) AS {name}" for name, kind in columns)
    params = {name: [row.get(name) for row in rows] for name, _ in columns}
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select} ON CONFLICT DO NOTHING", params)
