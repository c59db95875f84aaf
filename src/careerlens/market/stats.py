"""Compact market statistics that ship in the package (``plan/data/skill_demand.json``).

Skill demand per flavour (the schema :mod:`careerlens.plan.demand` reads), plus degree rates and stated-pay
percentiles per flavour, with the corpus and the date they came from. Postings whose uid is in ``leave_out``
(the dev set, kept unseen) are not counted.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.market.database import open_market_db
from careerlens.market.reporting import DEGREES, PAY_RANGE

MIN_SHARE = 0.01
MIN_PAY = 5
METHOD = (
    "decoded by the shipped decoder (careerlens market build); a posting counts for its primary flavour; "
    "share = postings naming the skill / postings of the flavour; dev.jsonl postings left out"
)


def source_of(keep_duplicates: bool) -> str:
    """The postings counted: decoded and not repeats (the ``market`` view), or decoded with repeats kept."""
    return "(SELECT * FROM postings WHERE error IS NULL)" if keep_duplicates else "market"


def _counted(con: duckdb.DuckDBPyConnection, leave_out: Collection[str], keep_duplicates: bool) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE left_out (uid VARCHAR)")
    if leave_out:
        con.execute("INSERT INTO left_out SELECT unnest(?::VARCHAR[])", [sorted(leave_out)])
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW counted AS SELECT * FROM {source_of(keep_duplicates)} "
        "WHERE uid IS NULL OR uid NOT IN (SELECT uid FROM left_out)"
    )


def market_stats(
    con: duckdb.DuckDBPyConnection, leave_out: Collection[str] = (), keep_duplicates: bool = False
) -> dict[str, Any]:
    """The statistics as a JSON-able dict (schema of ``skill_demand.json``, plus degrees and pay)."""
    _counted(con, leave_out, keep_duplicates)
    one = con.execute
    postings: dict[str, int] = dict(one("SELECT primary_flavour, count(*) FROM counted GROUP BY 1").fetchall())
    total = sum(postings.values())
    named: dict[str, list[tuple[str, int, int]]] = {}
    rows = one(
        """SELECT m.primary_flavour, s.id, count(DISTINCT (m.corpus, m.line)),
                  count(DISTINCT (m.corpus, m.line)) FILTER (WHERE s.need = 'required')
           FROM (SELECT corpus, line, primary_flavour, unnest(skills) AS s FROM counted) m GROUP BY ALL"""
    ).fetchall()
    overall: dict[str, list[int]] = {}
    for flavour, skill, n, required in rows:
        named.setdefault(flavour, []).append((skill, n, required))
        acc = overall.setdefault(skill, [0, 0])
        acc[0] += n
        acc[1] += required
    named["all"] = [(s, v[0], v[1]) for s, v in overall.items()]
    postings["all"] = total
    flavours: dict[str, Any] = {}
    for flavour in (*FLAVOUR_IDS, "all"):
        n = postings.get(flavour, 0)
        skills = {
            skill: {"share": round(count / n, 4), "required": round(required / n, 4)}
            for skill, count, required in sorted(named.get(flavour, []), key=lambda r: (-r[1], r[0]))
            if n and count / n >= MIN_SHARE
        }
        flavours[flavour] = {"postings": n, "market_share": round(n / total, 4) if total else 0.0, "skills": skills}

    degrees: dict[str, Any] = {}
    for flavour, degree, n, required in one(
        "SELECT primary_flavour, degree, count(*), count(*) FILTER (WHERE degree_required) FROM counted GROUP BY ALL"
    ).fetchall():
        entry = degrees.setdefault(
            flavour, {"postings": postings[flavour], **{d: 0.0 for d in DEGREES}, "required": 0.0}
        )
        entry[degree] = round(n / postings[flavour], 4)
        entry["required"] = round(entry["required"] + required / postings[flavour], 4)

    pay: dict[str, Any] = {}
    mid = "(salary_low + coalesce(salary_high, salary_low)) / 2"
    for flavour, n, p25, p50, p75 in one(
        f"""SELECT primary_flavour, count(*), quantile_cont({mid}, 0.25), quantile_cont({mid}, 0.5),
                   quantile_cont({mid}, 0.75)
            FROM counted WHERE salary_low IS NOT NULL AND salary_currency = 'USD'
              AND {mid} BETWEEN {PAY_RANGE[0]} AND {PAY_RANGE[1]} GROUP BY 1"""
    ).fetchall():
        if n >= MIN_PAY:
            pay[flavour] = {"n": n, "p25": round(p25), "p50": round(p50), "p75": round(p75)}

    first, last = one("SELECT min(date), max(date) FROM counted WHERE date IS NOT NULL").fetchone() or (None, None)
    dup = one("SELECT count(*) FROM duplicates").fetchone()
    errors = one("SELECT count(*) FROM postings WHERE error IS NOT NULL").fetchone()
    dev = one(f"SELECT count(*) FROM {source_of(keep_duplicates)} WHERE uid IN (SELECT uid FROM left_out)").fetchone()
    corpora = [
        {"name": name, "id": cid, "built": finished}
        for cid, name, finished in one("SELECT corpus, name, finished FROM corpora ORDER BY position").fetchall()
    ]
    return {
        "source": "postings_corpus",
        "method": METHOD + ("" if keep_duplicates else "; repeated postings counted once"),
        "postings": total,
        "left_out": {
            "dev": dev[0] if dev else 0,
            "error": errors[0] if errors else 0,
            "duplicate": 0 if keep_duplicates else (dup[0] if dup else 0),
        },
        "dates": [first[:7], last[:7]] if first and last else None,
        "corpora": corpora,
        "exported": datetime.now(UTC).date().isoformat(),
        "flavours": flavours,
        "degrees": {f: degrees[f] for f in FLAVOUR_IDS if f in degrees},
        "pay": {
            "source": "pay ranges stated in postings, midpoint, USD a year (not BLS, not ai-jobs.net)",
            "flavours": {f: pay[f] for f in FLAVOUR_IDS if f in pay},
        },
    }


def export_stats(
    db: Path | str, path: Path | str, leave_out: Collection[str] = (), keep_duplicates: bool = False
) -> dict[str, Any]:
    """Write the statistics of the market database ``db`` to ``path`` (JSON); returns what was written."""
    with open_market_db(db) as con:
        stats = market_stats(con, leave_out, keep_duplicates)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return stats
