"""Draw the postings whose skills the team labels by hand (the skills measuring set).

Only postings that fit whole in 5,000 characters are drawn, so the labeller reads the
same text the extractor sees. Dev postings are never drawn.

    python scripts/prepare_skill_slice.py ../shared OUT.txt --n 130
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from prepare_label_slices import dev_uids, plain


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=130)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="slices whose postings to skip")
    args = parser.parse_args()
    dev = dev_uids(args.shared)
    for path in args.exclude:
        dev |= {int(m) for m in re.findall(r"^=== uid=(\d+)", path.read_text(), flags=re.M)}  # slices to skip
    with gzip.open(args.shared / "data/postings/postings.jsonl.gz", "rt") as fh:
        rows = [r for r in map(json.loads, fh) if r["uid"] not in dev and len(plain(r["description"], 10**6)) <= 5000]
    rng = random.Random(args.seed)
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    per = args.n // len(by_source) + 1
    picked = [r for _, items in sorted(by_source.items()) for r in rng.sample(items, min(per, len(items)))]
    picked = picked[: args.n]
    with open(args.out, "w") as fh:
        for row in picked:
            fh.write(f"=== uid={row['uid']} | title: {row['title']}\n{plain(row['description'], 5000)}\n\n")
    print(len(picked), "postings")


if __name__ == "__main__":
    main()
