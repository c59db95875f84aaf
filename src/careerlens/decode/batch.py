"""Decode many postings from a file, streaming: memory stays flat however long the input is.

Input: JSONL, CSV or Parquet (gzip accepted for JSONL and CSV) with ``description`` and, where
present, ``uid`` and ``title``. One output object per input record, in input order; a record
that cannot be decoded yields ``{"uid": …, "error": "…"}`` instead of stopping the run.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import IO, Any

from careerlens.decode.decoder import DecodedPosting, default_decoder
from careerlens.errors import CareerlensError, InputError

CHUNK = 256
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _open_text(path: Path) -> IO[str]:
    raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by the wrapper
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw  # type: ignore[assignment]
    return io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")


def read_records(path: Path | str) -> Iterator[dict[str, Any]]:
    """Records of a JSONL, CSV or Parquet file, one dict at a time; a broken line becomes an error record."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Cannot read {path}: no such file.")
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".parquet"):
        yield from _parquet(path)
        return
    with _open_text(path) as fh:
        if name.endswith(".csv"):
            for line_no, row in enumerate(csv.DictReader(fh), start=2):
                yield {**row, "_line": line_no}
            return
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"_line": line_no, "_error": f"line {line_no} is not valid JSON ({exc.msg})"}
                continue
            if not isinstance(record, dict):
                yield {"_line": line_no, "_error": f"line {line_no} is not a JSON object"}
                continue
            yield {**record, "_line": line_no}


def _parquet(path: Path) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise InputError("Reading Parquet needs pyarrow: pip install 'careerlens[parquet]'.") from None
    row_no = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK):
        for record in batch.to_pylist():
            row_no += 1
            yield {**record, "_line": row_no}


def summary_record(uid: Any, decoded: DecodedPosting) -> dict[str, Any]:
    """The compact per-posting output of batch decoding."""
    return {
        "uid": uid,
        "title": decoded.title,
        "primary": decoded.primary,
        "secondary": decoded.secondary,
        "flavours": decoded.flavours,
        "title_flavour": decoded.title_flavour,
        "mismatch": decoded.mismatch,
        "skills": [{"name": s.name, "id": s.id, "category": s.category, "need": s.need} for s in decoded.skills],
        "seniority": decoded.seniority.model_dump(exclude={"years_evidence", "degree_evidence", "level_reason"}),
        "workplace": decoded.workplace,
        "salary": decoded.salary.model_dump() if decoded.salary else None,
        "company_archetype": decoded.company.archetype,
        "notes": decoded.notes,
    }


def decode_record(record: dict[str, Any]) -> dict[str, Any]:
    uid = record.get("uid", record.get("_line"))
    if "_error" in record:
        return {"uid": uid, "error": record["_error"]}
    description = record.get("description")
    if not isinstance(description, str) or not description.strip():
        return {"uid": uid, "error": "no description"}
    title = record.get("title") if isinstance(record.get("title"), str) else None
    company = record.get("company") if isinstance(record.get("company"), str) else None
    try:
        return summary_record(uid, default_decoder().decode(description, title=title, company=company))
    except CareerlensError as exc:
        return {"uid": uid, "error": str(exc)}


def _decode_chunk(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [decode_record(r) for r in records]


def decode_stream(
    records: Iterable[dict[str, Any]],
    workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
) -> Iterator[dict[str, Any]]:
    """Decode records in input order, ``chunk_size`` at a time, on ``workers`` processes (default: all cores)."""
    workers = workers or os.cpu_count() or 1
    it = iter(records)
    chunks = iter(lambda: list(islice(it, chunk_size)), [])
    if workers <= 1:
        for chunk in chunks:
            out = _decode_chunk(chunk)
            yield from out
            if on_done:
                on_done(len(out))
        return
    with ProcessPoolExecutor(workers) as pool:
        # Keep at most two chunks per worker in flight, so memory does not grow with the input.
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(_decode_chunk, chunk))
            if len(pending) >= 2 * workers:
                out = pending.pop(0).result()
                yield from out
                if on_done:
                    on_done(len(out))
        for future in pending:
            out = future.result()
            yield from out
            if on_done:
                on_done(len(out))


def decode_file(
    src: Path | str, dst: Path | str, workers: int | None = None, on_done: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Decode ``src`` into JSONL at ``dst``; returns (records written, records with an error)."""
    written = errors = 0
    dst = Path(dst)
    tmp = dst.with_name(dst.name + ".part")
    with open(tmp, "w", encoding="utf-8") as out:
        for result in decode_stream(read_records(src), workers, on_done):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            written += 1
            errors += "error" in result
    tmp.replace(dst)
    return written, errors
