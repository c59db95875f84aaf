"""The local store: profiles, questionnaire answers and plans, in one SQLite file on this machine.

The file lives in the user's data directory (``platformdirs``), or in ``$CAREERLENS_HOME`` when
set. Every write is one transaction, so an interrupted command leaves the previous state intact;
a damaged or foreign file is reported and never overwritten or deleted.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError

from careerlens.errors import StoreError
from careerlens.profile.models import Profile

SCHEMA_VERSION = 1
_TABLES = ("profiles", "answers", "plans")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (name TEXT PRIMARY KEY, data TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (name TEXT PRIMARY KEY, data TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans (name TEXT PRIMARY KEY, data TEXT NOT NULL, updated TEXT NOT NULL);
"""


def default_path() -> Path:
    home = os.environ.get("CAREERLENS_HOME")
    folder = Path(home).expanduser() if home else Path(platformdirs.user_data_dir("careerlens", appauthor=False))
    return folder / "careerlens.db"


class Store:
    """Profiles, answers and plans by profile name. Open with :func:`open_store`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the careerlens store at {self.path}: {exc}.") from None
        try:
            with conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"The store at {self.path} was written by a newer careerlens (schema {version}); "
                        "upgrade careerlens to read it. Nothing was changed."
                    )
                if version < SCHEMA_VERSION:
                    conn.executescript(_SCHEMA)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                yield conn
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The store at {self.path} is damaged or is not a careerlens store ({exc}). It was left untouched; "
                "move it aside (or set CAREERLENS_HOME to another folder) to start a new one."
            ) from None
        finally:
            conn.close()

    def _get(self, table: str, name: str) -> Any | None:
        assert table in _TABLES
        with self._connect() as conn:
            row = conn.execute(f"SELECT data FROM {table} WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            raise StoreError(
                f"The saved {table[:-1]} {name!r} in {self.path} is damaged; it was left untouched."
            ) from None

    def _put(self, table: str, name: str, data: Any) -> None:
        assert table in _TABLES
        text = json.dumps(data, ensure_ascii=False)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect() as conn:
            conn.execute(
                f"INSERT INTO {table} (name, data, updated) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data = excluded.data, updated = excluded.updated",
                (name, text, now),
            )

    # Profiles
    def profile(self, name: str = "me") -> Profile | None:
        data = self._get("profiles", name)
        if data is None:
            return None
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            raise StoreError(
                f"The saved profile {name!r} cannot be read by this version of careerlens "
                f"({exc.error_count()} problems); it was left untouched. Export it with an older version."
            ) from None

    def save_profile(self, profile: Profile) -> None:
        self._put("profiles", profile.name, profile.model_dump(mode="json"))

    def profiles(self) -> list[tuple[str, str]]:
        """(name, last updated) of every saved profile."""
        with self._connect() as conn:
            return [(r[0], r[1]) for r in conn.execute("SELECT name, updated FROM profiles ORDER BY name")]

    def delete(self, name: str) -> bool:
        """Delete a profile with its answers and plan; whether there was anything to delete."""
        with self._connect() as conn:
            removed = sum(conn.execute(f"DELETE FROM {t} WHERE name = ?", (name,)).rowcount for t in _TABLES)
        return removed > 0

    # Questionnaire answers (saved after every answer, so the questionnaire can be resumed)
    def answers(self, name: str = "me") -> dict[str, Any]:
        data = self._get("answers", name)
        return dict(data) if isinstance(data, dict) else {}

    def save_answers(self, name: str, answers: dict[str, Any]) -> None:
        self._put("answers", name, answers)

    def clear_answers(self, name: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM answers WHERE name = ?", (name,))

    # Plans
    def plan(self, name: str = "me") -> dict[str, Any] | None:
        data = self._get("plans", name)
        return dict(data) if isinstance(data, dict) else None

    def save_plan(self, name: str, plan: dict[str, Any]) -> None:
        self._put("plans", name, plan)


def open_store(path: Path | None = None) -> Store:
    return Store(path or default_path())
