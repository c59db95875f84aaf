"""Rebuild ``careerlens/plan/data/skill_demand.json``: what the market asks for, per role flavour.

One implementation: the corpus (``../shared/data/postings/postings.jsonl.gz``) is built into a market
database by ``careerlens.market.build`` (decoded by the shipped decoder, repeats counted once) and the
statistics are written by ``careerlens.market.export_stats``, the same code as ``careerlens market
export-stats``. The postings of ``eval/dev.jsonl`` are left out so the measuring stick stays unseen.
Repeated postings are counted as often as they appear unless ``--count-repeats-once`` is given, because
``studio/data/base_rates.json`` (scripts/build_studio_stats.py) counts the same postings and must agree.

    python scripts/build_skill_demand.py ../shared                      # builds a database (~2.5 min on 2 cores)
    python scripts/build_skill_demand.py ../shared --db market.duckdb   # reuse (or resume) a market database
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from careerlens.market import build, export_stats
from careerlens.plan.demand import DEMAND_PATH

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--db", type=Path, help="a market database to build into or reuse (default: a temp file)")
    parser.add_argument("--count-repeats-once", action="store_true", help="leave out postings that repeat another")
    args = parser.parse_args()
    corpus = args.shared / "data/postings/postings.jsonl.gz"
    with open(args.shared / "eval/dev.jsonl", encoding="utf-8") as fh:
        dev = {str(json.loads(line)["uid"]) for line in fh if line.strip()}
    db = args.db or Path(tempfile.mkdtemp()) / "market.duckdb"
    build([corpus], db)
    stats = export_stats(db, DEMAND_PATH, leave_out=dev, keep_duplicates=not args.count_repeats_once)
    print(f"wrote {DEMAND_PATH.relative_to(ROOT)}: {stats['postings']} postings, left out {stats['left_out']}")


if __name__ == "__main__":
    main()
