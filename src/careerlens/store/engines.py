"""Storage engines: a tiny :class:`Database` protocol, SQLite (the default, built in) and PostgreSQL.

SQL is written once with ``?`` placeholders and the ``ON CONFLICT … DO UPDATE`` upsert that both
engines understand; the PostgreSQL engine rewrites the placeholders for psycopg.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from careerlens.errors import StoreError


class Transaction(Protocol):
    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute a statement; the number of rows it changed."""

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


class Database(Protocol):
    location: str

    def transaction(self) -> Any:
        """A context manager yielding a :class:`Transaction`, committed on success, rolled back on error."""


class _DbapiTransaction:
    def __init__(self, conn: Any, placeholder: str = "?") -> None:
        self.conn = conn
        self.placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return int(cur.rowcount or 0)

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.conn.execute(self._sql(sql), tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(self._sql(sql), tuple(params)).fetchall()]


class SqliteDatabase:
    """A SQLite file (or ``:memory:``, kept open for the life of the object)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._memory = sqlite3.connect(":memory:", check_same_thread=False) if location == ":memory:" else None

    def _connect(self) -> sqlite3.Connection:
        if self._memory is not None:
            return self._memory
        path = Path(self.location)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return sqlite3.connect(path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the careerlens store at {path}: {exc}.") from None

    @contextmanager
    def transaction(self) -> Iterator[_DbapiTransaction]:
        conn = self._connect()
        try:
            with conn:
                yield _DbapiTransaction(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The store at {self.location} is damaged or is not a careerlens store ({exc}). It was left "
                "untouched; move it aside (or set CAREERLENS_HOME to another folder) to start a new one."
            ) from None
        finally:
            if self._memory is None:
                conn.close()


class PostgresDatabase:
    """A PostgreSQL database by URL, for a shared deployment (needs ``pip install 'careerlens[postgres]'``)."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            raise StoreError("A PostgreSQL store needs psycopg: pip install 'careerlens[postgres]'.") from None
        self._psycopg = psycopg
        self.url = url
        self.location = url.split("@")[-1]  # never show the password

    @contextmanager
    def transaction(self) -> Iterator[_DbapiTransaction]:
        try:
            conn = self._psycopg.connect(self.url, connect_timeout=10)
        except self._psycopg.Error as exc:
            raise StoreError(f"Cannot connect to the PostgreSQL store at {self.location}: {exc}".strip()) from None
        try:
            with conn.transaction():
                yield _DbapiTransaction(conn, "%s")
        except self._psycopg.Error as exc:
            raise StoreError(f"The PostgreSQL store at {self.location} failed: {exc}".strip()) from None
        finally:
            conn.close()
