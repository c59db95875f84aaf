"""Rebuild ``careerlens/plan/data/skill_demand.json``: what the market asks for, per role flavour.

Every posting of the corpus (``../shared/data/postings/postings.jsonl.gz``) is decoded by the
shipped decoder; the postings of ``eval/dev.jsonl`` are left out so the measuring stick stays
unseen. For each flavour (the decoded primary flavour), the share of its postings that name each
skill, and the share that require it. Learning plans order skills by these shares and the path
finder reads the flavours' share of the market from them.

    python scripts/build_skill_demand.py ../shared              # decodes the corpus (~2 min on 2 cores)
    python scripts/build_skill_demand.py ../shared --decoded decoded.jsonl   # reuse a decode-batch output
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from careerlens.decode.batch import decode_file
from careerlens.knowledge.models import FLAVOUR_IDS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/careerlens/plan/data/skill_demand.json"
MIN_SHARE = 0.01


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--decoded", type=Path, help="a decode-batch output of the corpus, to skip decoding")
    args = parser.parse_args()
    corpus = args.shared / "data/postings/postings.jsonl.gz"
    with open(args.shared / "eval/dev.jsonl", encoding="utf-8") as fh:
        dev = {json.loads(line)["uid"] for line in fh}
    dates: dict[int, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            dates[record["uid"]] = record.get("date") or ""
    decoded = args.decoded
    if decoded is None:
        decoded = Path(tempfile.mkdtemp()) / "decoded.jsonl"
        decode_file(corpus, decoded)

    postings: Counter[str] = Counter()
    named: dict[str, Counter[str]] = defaultdict(Counter)
    required: dict[str, Counter[str]] = defaultdict(Counter)
    skipped = {"dev": 0, "error": 0}
    kept_dates = []
    with open(decoded, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["uid"] in dev:
                skipped["dev"] += 1
                continue
            if "error" in record:
                skipped["error"] += 1
                continue
            kept_dates.append(dates.get(record["uid"], ""))
            for flavour in (record["primary"], "all"):
                postings[flavour] += 1
                for skill in record["skills"]:
                    named[flavour][skill["id"]] += 1
                    required[flavour][skill["id"]] += skill["need"] == "required"

    total = postings["all"]
    flavours = {}
    for flavour in (*FLAVOUR_IDS, "all"):
        n = postings[flavour]
        skills = {
            skill: {"share": round(count / n, 4), "required": round(required[flavour][skill] / n, 4)}
            for skill, count in named[flavour].most_common()
            if n and count / n >= MIN_SHARE
        }
        flavours[flavour] = {"postings": n, "market_share": round(n / total, 4), "skills": skills}
    known = sorted(d for d in kept_dates if d)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "source": "postings_corpus",
                "method": "decoded by the shipped decoder; a posting counts for its primary flavour; "
                "share = postings naming the skill / postings of the flavour; dev.jsonl postings left out",
                "postings": total,
                "left_out": skipped,
                "dates": [known[0][:7], known[-1][:7]] if known else None,
                "flavours": flavours,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)}: {total} postings, left out {skipped}")


if __name__ == "__main__":
    main()
