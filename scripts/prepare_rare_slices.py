"""Draw a second labelling round aimed at the rare flavours (research, ML systems, MLOps,
decision science), from postings not drawn before and not in dev.

    python scripts/prepare_rare_slices.py ../shared /tmp/label_slices --slices 2 --n 460
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from prepare_label_slices import dev_uids, sliced_uids, write_slices

PATTERNS = {
    "research": re.compile(
        r"research (scientist|engineer)|publications? (at|in) (neurips|icml|iclr|cvpr|acl)|"
        r"neurips|icml|iclr|pretraining|pre-training",
        re.I,
    ),
    "ml_systems": re.compile(
        r"\bcuda\b|kernels?\b|\btriton\b|tensorrt|inference optimi|compiler|accelerator|"
        r"performance engineer",
        re.I,
    ),
    "mlops": re.compile(
        r"mlops|ml platform|machine learning platform|feature store|model registry|kubeflow|"
        r"ml infrastructure",
        re.I,
    ),
    "decision": re.compile(
        r"causal inference|experiment(ation)? design|design of experiments|econometric|"
        r"uplift|decision scien|experimentation platform|a/b test design",
        re.I,
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--slices", type=int, default=2)
    parser.add_argument("--n", type=int, default=460)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--prefix", default="rare")
    args = parser.parse_args()
    dev = dev_uids(args.shared)
    seen = dev | sliced_uids(args.out)
    with gzip.open(args.shared / "data/postings/postings.jsonl.gz", "rt") as fh:
        rows = [r for r in map(json.loads, fh) if r["uid"] not in seen]
    rng = random.Random(args.seed)
    per = args.n // len(PATTERNS)
    chosen: dict[int, dict] = {}
    for pattern in PATTERNS.values():
        hits = [r for r in rows if r["uid"] not in chosen and pattern.search(r["title"] + "\n" + r["description"])]
        for row in rng.sample(hits, min(per, len(hits))):
            chosen[row["uid"]] = row
    picked = list(chosen.values())
    rng.shuffle(picked)
    write_slices(picked, args.out, args.prefix, args.slices)


if __name__ == "__main__":
    main()
