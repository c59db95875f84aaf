"""One corpus record → one flat market row: the decoder's output plus what the report and de-duplication need.

:func:`market_row` is the unit of work both executors map over (locally on a process pool, or as Ray Data
``map_batches``); it is a pure function of the record, so every engine writes the same rows.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from typing import Any

from careerlens.decode.batch import decode_record

SKETCH_SIZE = 64
SHINGLE_WORDS = 5
DESCRIPTION_LIMIT = 20_000

# Ordered: the first family whose pattern matches a title wins (so "Data Science Manager" is not "Manager").
TITLE_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("Data Scientist", re.compile(r"data scien", re.I)),
    ("Data Analyst", re.compile(r"data analy|analytics analyst", re.I)),
    (
        "Business / BI Analyst",
        re.compile(r"business intelligence|\bbi\b|business analy|(insights?|reporting|product) analyst", re.I),
    ),
    ("Data Engineer", re.compile(r"data (?:platform |warehouse )?engineer|\betl\b|analytics engineer", re.I)),
    ("MLOps / ML Platform", re.compile(r"mlops|ml ?ops|ml platform|machine learning platform|ml infra", re.I)),
    (
        "Research Scientist / Engineer",
        re.compile(
            r"research (scientist|engineer)|applied (ai |ml )?scientist|(ai|ml|machine learning) research", re.I
        ),
    ),
    ("ML Engineer", re.compile(r"machine learning|\bml\b|deep learning|computer vision|\bnlp\b", re.I)),
    ("AI Engineer", re.compile(r"\bai\b|artificial intelligence|\bllm|gen(?:erative)? ?ai|prompt", re.I)),
    (
        "Software Engineer",
        re.compile(r"software|developer|engineer|programmer|full[- ]?stack|backend|front[- ]?end", re.I),
    ),
]
OTHER_FAMILY = "Other titles"


def title_family(title: str | None) -> str:
    """The common title family a job title belongs to, by its words alone."""
    for family, pattern in TITLE_FAMILIES:
        if title and pattern.search(title):
            return family
    return OTHER_FAMILY


def normalise_key(text: Any) -> str:
    """Lower-case letters and digits only, single-spaced: 'Google, Inc.' and 'google inc' agree."""
    if not isinstance(text, str) or text.strip().lower() in ("", "none", "null", "nan"):
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def text_sketch(text: str, size: int = SKETCH_SIZE) -> list[int]:
    """A bottom-k MinHash sketch of the text's word 5-shingles (CRC32, so identical in every process)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return sorted({zlib.crc32(s.encode()) for s in shingles})[:size]


def sketch_similarity(a: list[int], b: list[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of two texts from their bottom-k sketches."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:size]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def _text(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _year(date: str | None) -> int | None:
    match = re.match(r"((?:19|20)\d\d)", date or "")
    return int(match.group(1)) if match else None


def _looks_binary(text: str) -> bool:
    """Text that is mostly control characters is binary junk, not a posting."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    return "\x00" in text or controls > 0.05 * len(text)


def market_row(record: dict[str, Any]) -> dict[str, Any]:
    """The row stored for one corpus record; a record that cannot be decoded keeps its ``error``."""
    raw = record.get("description")
    description = raw if isinstance(raw, str) else ""
    if description and _looks_binary(description):
        decoded: dict[str, Any] = {"error": "description is binary data, not text"}
    else:
        decoded = decode_record(record)
    title = _text(record, "title")
    date = _text(record, "date")
    row: dict[str, Any] = {
        "line": int(record["_line"]),
        "uid": None if record.get("uid") is None else str(record["uid"]),
        "source": _text(record, "source"),
        "title": title,
        "title_family": title_family(title),
        "company": _text(record, "company") if normalise_key(record.get("company")) else None,
        "location": _text(record, "location"),
        "region": _text(record, "region"),
        "date": date,
        "year": _year(date),
        "description": description[:DESCRIPTION_LIMIT],
        "error": decoded.get("error"),
        "dup_key": "|".join(normalise_key(record.get(f)) for f in ("company", "title", "location")),
        "sketch": text_sketch(description) if description.strip() else [],
    }
    if "error" in decoded:
        return row
    # Pay only as the posting's own text states it: listings' salary fields mix employer ranges with job-board
    # estimates (Glassdoor's, often without their "est." label), and the corpus does not say which is which.
    pay = decoded["salary"]
    seniority = decoded["seniority"]
    row.update(
        primary_flavour=decoded["primary"],
        secondary_flavour=decoded["secondary"],
        title_flavour=decoded["title_flavour"],
        mismatch=bool(decoded["mismatch"]),
        flavours=json.dumps(decoded["flavours"], sort_keys=True),
        skills=[{k: s[k] for k in ("id", "name", "category", "need")} for s in decoded["skills"]],
        level=seniority["level"],
        years_min=seniority["years_min"],
        degree=seniority["degree"],
        degree_required=seniority["degree_required"],
        workplace=decoded["workplace"],
        salary_low=pay["annual_low"] if pay else None,
        salary_high=pay["annual_high"] if pay else None,
        salary_currency=pay["currency"] if pay else None,
        salary_period=pay["period"] if pay else None,
        salary_text=pay["text"] if pay else None,
        salary_origin="posting" if pay else None,
        company_archetype=decoded["company_archetype"],
        notes=list(decoded["notes"]),
    )
    return row


def market_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`market_row` over a chunk (the unit an executor ships to a worker)."""
    return [market_row(r) for r in records]
