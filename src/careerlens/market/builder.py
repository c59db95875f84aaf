"""Build the market database: decode corpora into DuckDB, streaming, resumable, de-duplicated.

Every record is stored under (corpus id, line) and committed a chunk at a time, so a build that is killed
part-way and run again skips what is stored and ends with every record exactly once. Duplicates (same
company, title and location, near-identical text) are marked after every build, first seen kept.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel

from careerlens.decode.batch import read_records
from careerlens.errors import InputError
from careerlens.market.database import POSTING_COLUMNS, insert_rows, open_market_db
from careerlens.market.engines import CHUNK, get_executor
from careerlens.market.rows import sketch_similarity

NEAR_DUPLICATE = 0.9
ERRORS_KEPT = 50

ProgressCallback = Callable[[int], None]


class RecordError(BaseModel):
    """A record that could not be decoded: where it is and why."""

    corpus: str
    line: int
    uid: str | None
    error: str


class CorpusBuild(BaseModel):
    corpus: str
    name: str
    path: str
    records: int
    added: int
    already_there: int
    errors: int


class BuildResult(BaseModel):
    """What a build did, and what the database now holds."""

    db: str
    engine: str
    corpora: list[CorpusBuild]
    added: int
    already_there: int
    postings: int
    duplicates: int
    errors: int
    error_rows: list[RecordError]
    seconds: float
    postings_per_s: float


def corpus_id(path: Path) -> str:
    """A stable id for a corpus file: its name plus a hash of its size and first MiB (a moved file keeps it)."""
    digest = hashlib.sha256(str(path.stat().st_size).encode())
    with open(path, "rb") as fh:
        digest.update(fh.read(1 << 20))
    return f"{path.name}:{digest.hexdigest()[:12]}"


def count_records(path: Path) -> int | None:
    """How many records a JSONL corpus holds (non-empty lines), for the progress bar; None when unknown."""
    name = path.name.lower().removesuffix(".gz")
    if not name.endswith((".jsonl", ".json", ".ndjson")):
        return None
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    with gzip.open(path, "rb") if gzipped else open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _register(con: duckdb.DuckDBPyConnection, cid: str, path: Path, engine: str) -> None:
    row = con.execute("SELECT 1 FROM corpora WHERE corpus = ?", [cid]).fetchone()
    if row is None:
        position = con.execute("SELECT coalesce(max(position), 0) + 1 FROM corpora").fetchone()
        con.execute(
            "INSERT INTO corpora VALUES (?, ?, ?, ?, ?, false, ?, ?, NULL)",
            [cid, position[0] if position else 1, path.name, str(path.resolve()), path.stat().st_size, engine, _now()],
        )
    else:
        con.execute("UPDATE corpora SET path = ?, engine = ? WHERE corpus = ?", [str(path.resolve()), engine, cid])


def _pending(records: Iterable[dict[str, Any]], stored: set[int], seen: list[int]) -> Iterator[dict[str, Any]]:
    for record in records:
        seen[0] += 1
        if int(record["_line"]) not in stored:
            yield record


def mark_duplicates(con: duckdb.DuckDBPyConnection, threshold: float = NEAR_DUPLICATE) -> int:
    """Recompute the duplicates table: within a (company, title, location) key, a text near-identical to an
    earlier posting's (estimated Jaccard ≥ threshold) is a duplicate of it. Returns how many there are."""
    rows = con.execute(
        """SELECT p.dup_key, p.corpus, p.line, p.sketch FROM postings p JOIN corpora c USING (corpus)
           WHERE p.error IS NULL AND p.dup_key IN (
               SELECT dup_key FROM postings WHERE error IS NULL GROUP BY dup_key HAVING count(*) > 1)
           ORDER BY p.dup_key, c.position, p.line"""
    ).fetchall()
    found: list[dict[str, Any]] = []
    kept: list[tuple[str, list[int]]] = []
    key = None
    for dup_key, corpus, line, sketch in rows:
        if dup_key != key:
            key, kept = dup_key, []
        sketch = list(sketch or [])
        best = max(((sketch_similarity(sketch, s), ref) for ref, s in kept), default=(0.0, ""))
        if best[0] >= threshold:
            found.append({"corpus": corpus, "line": line, "duplicate_of": best[1], "similarity": best[0]})
        else:
            kept.append((f"{corpus}:{line}", sketch))
    columns = [("corpus", "VARCHAR"), ("line", "BIGINT"), ("duplicate_of", "VARCHAR"), ("similarity", "DOUBLE")]
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM duplicates")
    insert_rows(con, "duplicates", columns, found)
    con.execute("COMMIT")
    return len(found)


def build(
    corpora: Sequence[Path | str],
    db: Path | str,
    engine: str = "local",
    workers: int | None = None,
    chunk_size: int = CHUNK,
    on_total: Callable[[int | None], None] | None = None,
    on_progress: ProgressCallback | None = None,
    **engine_options: Any,
) -> BuildResult:
    """Decode ``corpora`` into the DuckDB file ``db`` with the ``engine`` executor; rerun to resume.

    ``on_total`` learns how many records there are (None when unknown) and ``on_progress`` is called with
    the number of records done after each committed chunk, records already stored included.
    """
    paths = [Path(p) for p in corpora]
    if not paths:
        raise InputError("Give at least one corpus file to build from.")
    for path in paths:
        if not path.is_file():
            raise InputError(f"Cannot read {path}: no such file.")
    executor = get_executor(engine, workers, **engine_options)
    started = time.perf_counter()
    results: list[CorpusBuild] = []
    with open_market_db(db, write=True) as con:
        if on_total:
            counts = [count_records(p) for p in paths]
            on_total(None if None in counts else sum(c or 0 for c in counts))
        for path in paths:
            cid = corpus_id(path)
            _register(con, cid, path, executor.name)
            stored = {int(r[0]) for r in con.execute("SELECT line FROM postings WHERE corpus = ?", [cid]).fetchall()}
            if on_progress and stored:
                on_progress(len(stored))
            seen = [0]
            added = 0
            for rows in executor.map_rows(_pending(read_records(path), stored, seen), chunk_size):
                con.execute("BEGIN TRANSACTION")
                insert_rows(con, "postings", POSTING_COLUMNS, [{"corpus": cid, **row} for row in rows])
                con.execute("COMMIT")
                added += len(rows)
                if on_progress:
                    on_progress(len(rows))
            con.execute("UPDATE corpora SET complete = true, finished = ? WHERE corpus = ?", [_now(), cid])
            errors = con.execute(
                "SELECT count(*) FROM postings WHERE corpus = ? AND error IS NOT NULL", [cid]
            ).fetchone()
            results.append(
                CorpusBuild(
                    corpus=cid,
                    name=path.name,
                    path=str(path),
                    records=seen[0],
                    added=added,
                    already_there=seen[0] - added,
                    errors=errors[0] if errors else 0,
                )
            )
        duplicates = mark_duplicates(con)
        ids = [r.corpus for r in results]
        marks = ", ".join("?" for _ in ids)
        postings = con.execute(f"SELECT count(*) FROM market WHERE corpus IN ({marks})", ids).fetchone()
        error_rows = con.execute(
            f"SELECT corpus, line, uid, error FROM postings WHERE error IS NOT NULL AND corpus IN ({marks}) "
            f"ORDER BY corpus, line LIMIT {ERRORS_KEPT}",
            ids,
        ).fetchall()
    seconds = time.perf_counter() - started
    added_total = sum(r.added for r in results)
    return BuildResult(
        db=str(db),
        engine=executor.name,
        corpora=results,
        added=added_total,
        already_there=sum(r.already_there for r in results),
        postings=postings[0] if postings else 0,
        duplicates=duplicates,
        errors=sum(r.errors for r in results),
        error_rows=[RecordError(corpus=c, line=ln, uid=u, error=e) for c, ln, u, e in error_rows],
        seconds=round(seconds, 2),
        postings_per_s=round(added_total / seconds, 1) if seconds > 0 else 0.0,
    )
