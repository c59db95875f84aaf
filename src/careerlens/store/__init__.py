"""The local store: profiles, questionnaire answers, plans and saved records (postings, decodes,
practice transcripts…), in SQLite by default or PostgreSQL for a shared deployment.

The SQLite file lives in the user's data directory (``platformdirs``), or in ``$CAREERLENS_HOME`` when
set; ``$CAREERLENS_STORE`` (or ``open_store(url)``) may name another file, ``:memory:``, or a
``postgresql://`` URL. The schema is built by numbered migrations recorded in the store itself. Every
write is one transaction, so an interrupted command leaves the previous state intact; a damaged or
foreign file is reported and never overwritten or deleted.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError

from careerlens.errors import StoreError
from careerlens.profile.models import Profile
from careerlens.store.engines import Database, PostgresDatabase, SqliteDatabase
from careerlens.store.migrations import MIGRATIONS, migrate

__all__ = ["MIGRATIONS", "Store", "default_location", "open_store"]
_TABLES = ("profiles", "answers", "plans")
_UPSERT_RECORD = (
    "INSERT INTO records (kind, id, profile, data, created, updated) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, id) DO UPDATE SET profile = excluded.profile, data = excluded.data, updated = excluded.updated"
)


def default_location() -> str:
    """Where the store is: ``$CAREERLENS_STORE``, else ``careerlens.db`` in ``$CAREERLENS_HOME`` or the data dir."""
    explicit = os.environ.get("CAREERLENS_STORE")
    if explicit:
        return explicit
    home = os.environ.get("CAREERLENS_HOME")
    folder = Path(home).expanduser() if home else Path(platformdirs.user_data_dir("careerlens", appauthor=False))
    return str(folder / "careerlens.db")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Everything a person saves, by profile name. Open with :func:`open_store`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.location = db.location
        with db.transaction() as tx:
            migrate(tx, db.location)

    @property
    def path(self) -> Path:
        """The SQLite file (for messages); a PostgreSQL store has none."""
        return Path(self.location)

    def _get(self, table: str, name: str) -> Any | None:
        assert table in _TABLES
        with self.db.transaction() as tx:
            row = tx.one(f"SELECT data FROM {table} WHERE name = ?", (name,))
        return None if row is None else self._loads(row[0], f"{table[:-1]} {name!r}")

    def _loads(self, text: str, what: str) -> Any:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise StoreError(f"The saved {what} in {self.location} is damaged; it was left untouched.") from None

    def _put(self, table: str, name: str, data: Any) -> None:
        with self.db.transaction() as tx:
            self._upsert(tx, table, name, data, _now())

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
        with self.db.transaction() as tx:
            return [(r[0], r[1]) for r in tx.all("SELECT name, updated FROM profiles ORDER BY name")]

    def delete(self, name: str) -> bool:
        """Delete a profile with its answers, plan and records; whether there was anything to delete."""
        with self.db.transaction() as tx:
            removed = sum(tx.run(f"DELETE FROM {t} WHERE name = ?", (name,)) for t in _TABLES)
            removed += tx.run("DELETE FROM records WHERE profile = ?", (name,))
        return bool(removed > 0)

    # Questionnaire answers (saved after every answer, so the questionnaire can be resumed)
    def answers(self, name: str = "me") -> dict[str, Any]:
        data = self._get("answers", name)
        return dict(data) if isinstance(data, dict) else {}

    def save_answers(self, name: str, answers: dict[str, Any]) -> None:
        self._put("answers", name, answers)

    def clear_answers(self, name: str) -> None:
        with self.db.transaction() as tx:
            tx.run("DELETE FROM answers WHERE name = ?", (name,))

    # Plans
    def plan(self, name: str = "me") -> dict[str, Any] | None:
        data = self._get("plans", name)
        return dict(data) if isinstance(data, dict) else None

    def save_plan(self, name: str, plan: dict[str, Any]) -> None:
        self._put("plans", name, plan)

    # Records: any other saved thing, by kind ("posting", "practice", …) and id, optionally owned by a profile.
    def put_record(self, kind: str, record_id: str, data: Any, profile: str | None = None) -> None:
        now = _now()
        with self.db.transaction() as tx:
            tx.run(_UPSERT_RECORD, (kind, record_id, profile, json.dumps(data, ensure_ascii=False), now, now))

    def record(self, kind: str, record_id: str) -> Any | None:
        with self.db.transaction() as tx:
            row = tx.one("SELECT data FROM records WHERE kind = ? AND id = ?", (kind, record_id))
        return None if row is None else self._loads(row[0], f"{kind} {record_id!r}")

    def records(self, kind: str, profile: str | None = None) -> list[tuple[str, str, Any]]:
        """(id, last updated, data) of every record of a kind (of one profile, if given), newest first."""
        sql = "SELECT id, updated, data FROM records WHERE kind = ?"
        params: tuple[Any, ...] = (kind,)
        if profile is not None:
            sql, params = sql + " AND profile = ?", (kind, profile)
        with self.db.transaction() as tx:
            rows = tx.all(sql + " ORDER BY updated DESC, id", params)
        return [(r[0], r[1], self._loads(r[2], f"{kind} {r[0]!r}")) for r in rows]

    def delete_record(self, kind: str, record_id: str) -> bool:
        with self.db.transaction() as tx:
            return bool(tx.run("DELETE FROM records WHERE kind = ? AND id = ?", (kind, record_id)) > 0)

    # Everything at once
    def export_all(self) -> dict[str, Any]:
        """Every saved thing as one JSON-able document (what "export my data" writes)."""
        out: dict[str, Any] = {"careerlens_export": 1, "exported": _now()}
        with self.db.transaction() as tx:
            for table in _TABLES:
                out[table] = {r[0]: json.loads(r[1]) for r in tx.all(f"SELECT name, data FROM {table} ORDER BY name")}
            out["records"] = [
                {"kind": r[0], "id": r[1], "profile": r[2], "data": json.loads(r[3])}
                for r in tx.all("SELECT kind, id, profile, data FROM records ORDER BY kind, id")
            ]
        return out

    def import_all(self, data: dict[str, Any]) -> int:
        """Load an :meth:`export_all` document (validated first, then written in one transaction)."""
        if not isinstance(data, dict) or data.get("careerlens_export") != 1:
            raise StoreError("This is not a careerlens export (it lacks 'careerlens_export': 1).")
        try:
            profiles = [Profile.model_validate(p) for p in data.get("profiles", {}).values()]
        except ValidationError as exc:
            raise StoreError(
                f"The export's profiles are not valid ({exc.error_count()} problems); nothing was imported."
            ) from None
        now, count = _now(), 0
        with self.db.transaction() as tx:
            for p in profiles:
                count += self._upsert(tx, "profiles", p.name, p.model_dump(mode="json"), now)
            for table in ("answers", "plans"):
                for name, value in dict(data.get(table, {})).items():
                    count += self._upsert(tx, table, str(name), value, now)
            for r in data.get("records", []):
                tx.run(
                    _UPSERT_RECORD,
                    (
                        str(r["kind"]),
                        str(r["id"]),
                        r.get("profile"),
                        json.dumps(r["data"], ensure_ascii=False),
                        now,
                        now,
                    ),
                )
                count += 1
        return count

    @staticmethod
    def _upsert(tx: Any, table: str, name: str, data: Any, now: str) -> int:
        assert table in _TABLES
        tx.run(
            f"INSERT INTO {table} (name, data, updated) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated = excluded.updated",
            (name, json.dumps(data, ensure_ascii=False), now),
        )
        return 1

    def delete_all(self) -> int:
        """Delete every profile, answer, plan and record; how many rows went."""
        with self.db.transaction() as tx:
            return sum(tx.run(f"DELETE FROM {t}") for t in (*_TABLES, "records"))


def open_store(location: str | Path | None = None) -> Store:
    """The store at ``location``: a SQLite file path, ``:memory:``, or a ``postgresql://`` URL."""
    where = str(location) if location is not None else default_location()
    if where.startswith(("postgresql://", "postgres://")):
        return Store(PostgresDatabase(where))
    return Store(SqliteDatabase(where))
