"""Building the market database: real sample, bad rows, de-duplication, resuming after a crash or a kill."""

from __future__ import annotations

import csv
import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from careerlens.errors import InputError
from careerlens.market import build
from careerlens.market.rows import market_row, sketch_similarity, text_sketch, title_family
from tests.market.conftest import SAMPLE, read_sample, write_jsonl


def stored(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT corpus, line, uid FROM postings ORDER BY corpus, line").fetchall()


def test_build_decodes_every_sample_posting_and_a_rerun_adds_nothing(sample_db: Path) -> None:
    rows = stored(sample_db)
    assert len(rows) == 250 == len({r[2] for r in rows})
    with duckdb.connect(str(sample_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM market").fetchone() == (250,)
        assert con.execute("SELECT bool_and(complete) FROM corpora").fetchone() == (True,)
        flavours = {r[0] for r in con.execute("SELECT DISTINCT primary_flavour FROM market").fetchall()}
    assert {"analytics", "ds_modeling", "software_engineer"} <= flavours
    again = build([SAMPLE], sample_db, workers=1)
    assert (again.added, again.already_there, again.postings) == (0, 250, 250)


def test_bad_rows_are_reported_not_fatal(tmp_path: Path) -> None:
    good = read_sample(12)
    corpus = tmp_path / "bad.jsonl"
    write_jsonl(corpus, good[:5])
    with open(corpus, "ab") as fh:
        fh.write(b'{"uid": 900, "title": "Data Scientist", "description": "unterminated\n')
        fh.write(b'{"uid": 901, "title": "Data Analyst", "company": "Acme"}\n')
        fh.write(b"\x00\x9f\xff\xfe binary junk \x00\x00\x13\n")
        fh.write(b'{"uid": 902, "title": "ML Engineer", "description": "\\u0000\\u0001\\u0002\\u0003\\u0004"}\n')
        fh.write(b"[1, 2, 3]\n")
    write_jsonl(tmp_path / "tail.jsonl", good[5:])
    with open(corpus, "a", encoding="utf-8") as out, open(tmp_path / "tail.jsonl", encoding="utf-8") as tail:
        out.write(tail.read())
    result = build([corpus], tmp_path / "m.duckdb", workers=1)
    assert result.corpora[0].records == 17
    assert result.errors == 5
    assert result.postings == 12
    by_line = {e.line: e.error for e in result.error_rows}
    assert set(by_line) == {6, 7, 8, 9, 10}
    assert "not valid JSON" in by_line[6] and "no description" in by_line[7] and "not a JSON object" in by_line[10]


def test_repeated_postings_count_once(tmp_path: Path) -> None:
    rows = read_sample(30)
    original = next(r for r in rows if r["company"] and r["location"])
    repeat = {
        **original,
        "uid": 99001,
        "company": original["company"].upper() + ".",
        "description": original["description"].replace("\n", "\n\n") + " Apply today!",
    }
    elsewhere = {**original, "uid": 99002, "location": "Somewhere Else, XX"}
    rewritten = {**original, "uid": 99003, "description": " ".join(reversed(original["description"].split()))}
    corpus = write_jsonl(tmp_path / "dups.jsonl", [*rows, repeat, elsewhere, rewritten])
    result = build([corpus], tmp_path / "m.duckdb", workers=1)
    assert result.duplicates == 1
    assert result.postings == 32
    with duckdb.connect(str(tmp_path / "m.duckdb"), read_only=True) as con:
        dup = con.execute("SELECT p.uid FROM duplicates d JOIN postings p USING (corpus, line)").fetchall()
    assert dup == [("99001",)]


def test_the_same_postings_as_csv_and_gzip_are_duplicates_of_the_first_corpus(tmp_path: Path) -> None:
    rows = read_sample(20)
    first = write_jsonl(tmp_path / "a.jsonl", rows)
    gz = tmp_path / "b.jsonl.gz"
    gz.write_bytes(gzip.compress(first.read_bytes()))
    with open(tmp_path / "c.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = build([first, gz, tmp_path / "c.csv"], tmp_path / "m.duckdb", workers=1)
    assert [c.records for c in result.corpora] == [20, 20, 20]
    assert result.postings == 20
    assert result.duplicates == 40


def test_resume_after_a_crash_part_way_is_exactly_once(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", read_sample(60))
    db = tmp_path / "m.duckdb"
    calls = []

    def crash(n: int) -> None:
        calls.append(n)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([corpus], db, workers=1, chunk_size=16, on_progress=crash)
    assert len(stored(db)) == 32
    result = build([corpus], db, workers=1, chunk_size=16)
    assert (result.added, result.already_there) == (28, 32)
    lines = [r[1] for r in stored(db)]
    assert lines == list(range(1, 61))


@pytest.mark.slow
def test_resume_after_sigkill_is_exactly_once(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", read_sample(120))
    db = tmp_path / "m.duckdb"
    script = (
        "import sys\nfrom careerlens.market import build\n"
        f"build([{str(corpus)!r}], {str(db)!r}, workers=2, chunk_size=8, "
        "on_progress=lambda n: print('chunk', flush=True))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    chunks = 0
    while chunks < 3 and time.monotonic() < deadline:
        if proc.stdout.readline().startswith("chunk"):
            chunks += 1
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert chunks == 3
    partial = len(stored(db))
    assert 24 <= partial < 120
    result = build([corpus], db, workers=1)
    assert result.already_there == partial and result.added == 120 - partial
    assert [r[1] for r in stored(db)] == list(range(1, 121))


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        build([tmp_path / "nope.jsonl"], tmp_path / "m.duckdb")
    with pytest.raises(InputError):
        build([], tmp_path / "m.duckdb")


def test_row_and_dedup_helpers() -> None:
    assert title_family("Senior Data Scientist, Ads") == "Data Scientist"
    assert title_family("Staff Machine Learning Engineer") == "ML Engineer"
    assert title_family("Generative AI Engineer") == "AI Engineer"
    assert title_family("Barista") == "Other titles"
    text = " ".join(f"word{i}" for i in range(300))
    assert sketch_similarity(text_sketch(text), text_sketch(text + " extra")) > 0.9
    assert sketch_similarity(text_sketch(text), text_sketch(" ".join(f"other{i}" for i in range(300)))) == 0.0
    row = market_row(
        {"_line": 3, "uid": 7, "title": "Data Analyst", "description": "SQL and Tableau dashboards. " * 20}
    )
    assert row["line"] == 3 and row["uid"] == "7" and row["error"] is None and row["primary_flavour"]
