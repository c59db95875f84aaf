"""Numbered schema migrations, each a small function, recorded in the store's ``migrations`` table.

A store is brought up to date when it is opened; one written by a newer careerlens (a migration
number this version does not know) is refused rather than touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from careerlens.errors import StoreError

Migration = Callable[[Any], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(number: int, name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS[number] = (name, fn)
        return fn

    return register


@migration(1, "profiles, questionnaire answers and plans")
def _people(tx: Any) -> None:
    for table in ("profiles", "answers", "plans"):
        tx.run(f"CREATE TABLE {table} (name TEXT PRIMARY KEY, data TEXT NOT NULL, updated TEXT NOT NULL)")


@migration(2, "saved records: postings, decodes, practice transcripts")
def _records(tx: Any) -> None:
    tx.run(
        "CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, profile TEXT, data TEXT NOT NULL, "
        "created TEXT NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (kind, id))"
    )
    tx.run("CREATE INDEX records_profile ON records (profile, kind)")


def migrate(tx: Any, location: str) -> list[int]:
    """Apply the migrations the store has not seen, in order; the numbers applied."""
    tx.run(
        "CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
    )
    done = {int(r[0]) for r in tx.all("SELECT number FROM migrations")}
    unknown = done - set(MIGRATIONS)
    if unknown:
        raise StoreError(
            f"The store at {location} was written by a newer careerlens (migration {max(unknown)}); "
            "upgrade careerlens to read it. Nothing was changed."
        )
    applied = []
    for number in sorted(set(MIGRATIONS) - done):
        name, fn = MIGRATIONS[number]
        fn(tx)
        tx.run(
            "INSERT INTO migrations (number, name, applied) VALUES (?, ?, ?)",
            (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        applied.append(number)
    return applied
