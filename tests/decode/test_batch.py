"""Batch decoding: JSONL, gzip and CSV in; one output per record; bad records reported, never fatal."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from careerlens.decode.batch import decode_file, decode_stream, read_records


def write_jsonl(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")


def test_jsonl_with_bad_records_yields_one_output_each(tmp_path, postings):
    src = tmp_path / "in.jsonl"
    rows = [{"uid": p["uid"], "title": p["title"], "description": p["description"]} for p in postings[:6]]
    rows.append({"uid": "no-text", "title": "Empty"})
    write_jsonl(src, rows, extra_lines=['{"uid": 9, "description": "broken', "\x00\x01\x02 junk"])
    out = tmp_path / "out.jsonl"
    written, errors = decode_file(src, out, workers=1)
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert written == len(results) == 9 and errors == 3
    assert [r["uid"] for r in results[:6]] == [p["uid"] for p in postings[:6]]
    good = results[0]
    assert {"uid", "primary", "secondary", "flavours", "title_flavour", "mismatch", "skills", "seniority"} <= set(good)
    assert all({"name", "need"} <= set(s) for s in good["skills"])
    assert results[6]["error"] == "no description" and "not valid JSON" in results[7]["error"]


def test_gzip_and_csv_inputs(tmp_path, postings):
    gz = tmp_path / "in.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        for p in postings[:3]:
            fh.write(json.dumps({"uid": p["uid"], "description": p["description"]}) + "\n")
    assert [r["uid"] for r in read_records(gz)] == [p["uid"] for p in postings[:3]]
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["uid", "title", "description"])
        w.writeheader()
        for p in postings[:3]:
            w.writerow({"uid": p["uid"], "title": p["title"], "description": p["description"]})
    out = list(decode_stream(read_records(src), workers=1))
    assert [str(r["uid"]) for r in out] == [str(p["uid"]) for p in postings[:3]] and "error" not in out[0]


def test_two_workers_give_the_same_rows_in_order(tmp_path, postings):
    records = [{"uid": p["uid"], "title": p["title"], "description": p["description"]} for p in postings]
    one = list(decode_stream(records, workers=1))
    two = list(decode_stream(records, workers=2, chunk_size=4))
    assert one == two


def test_parquet_input(tmp_path, postings):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is in the dev extra; installed by scripts/test.sh")
    import pyarrow as pa

    table = pa.table({"uid": [p["uid"] for p in postings[:4]], "description": [p["description"] for p in postings[:4]]})
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    out = list(decode_stream(read_records(src), workers=1))
    assert [r["uid"] for r in out] == [p["uid"] for p in postings[:4]] and all("primary" in r for r in out)
