"""Draw the postings the team labels by hand, and write them as reading slices.

The sample is stratified by source, plus postings whose text hints at rare flavours
(research, ML systems, MLOps, decision science), so that every flavour has examples.
Postings in ``dev.jsonl`` are never drawn: dev is the measuring stick.

    python scripts/prepare_label_slices.py ../shared OUT_DIR --slices 6
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
from pathlib import Path

QUOTAS = {
    "remotewlb_2024_25": 300,
    "linkedin_chicago_2023": 200,
    "linkedin_california_2018": 200,
    "glassdoor_states_2020": 150,
    "builtin_ai_engineer_2026": 250,
    "indeed_us_2020_nwu": 150,
    "linkedin_us_2020_nwu": 120,
    "linkedin_belgium_2021": 100,
    "glassdoor_us_2020_nwu": 100,
    "google_careers_2018": 100,
    "linkedin_us_eu_2025": 150,
    "linkedin_ai_ml_jobs_2024": 150,
    "indeed_california_2019": 80,
    "kenjee_glassdoor_2020": 80,
    "glassdoor_uncleaned_ds": 60,
    "jsearch_us_2025": 80,
    "ats_greenhouse_lever_2026": 100,
}
RARE = re.compile(
    r"research (scientist|engineer)|\bcuda\b|kernels?\b|triton|compiler|inference optimi|"
    r"mlops|ml platform|machine learning platform|feature store|model registry|kubeflow|"
    r"causal inference|experiment design|experimentation|econometric|uplift",
    re.I,
)
TAG = re.compile(r"<[^>]+>")


def dev_uids(shared: Path) -> set[int]:
    """The uids of dev.jsonl, which no labelling or training may draw from."""
    with open(shared / "eval/dev.jsonl") as fh:
        return {json.loads(line)["uid"] for line in fh}


def sliced_uids(folder: Path) -> set[int]:
    """The uids already drawn into reading slices in ``folder`` (so that no posting is read twice)."""
    uids: set[int] = set()
    for path in folder.glob("*.txt"):
        uids |= {int(m) for m in re.findall(r"^=== uid=(\d+)", path.read_text(), flags=re.M)}
    return uids


def write_slices(picked: list[dict], out: Path, prefix: str, slices: int) -> None:
    """Deal the picked postings round-robin into ``slices`` reading files named PREFIX_K.txt."""
    out.mkdir(parents=True, exist_ok=True)
    for k in range(slices):
        part = picked[k::slices]
        with open(out / f"{prefix}_{k}.txt", "w") as fh:
            for row in part:
                fh.write(f"=== uid={row['uid']} | title: {row['title']} | company: {row['company']}\n")
                fh.write(plain(row["description"]) + "\n\n")
        print(f"{prefix}_{k}.txt: {len(part)} postings")


def plain(text: str, limit: int = 3000) -> str:
    text = html.unescape(TAG.sub(" ", text))
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return text[:limit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--slices", type=int, default=6)
    parser.add_argument("--rare", type=int, default=330)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the per-source quotas")
    parser.add_argument("--prefix", default="slice")
    args = parser.parse_args()
    dev = dev_uids(args.shared)
    with gzip.open(args.shared / "data/postings/postings.jsonl.gz", "rt") as fh:
        seen = dev | (sliced_uids(args.out) if args.prefix != "slice" else set())
        rows = [r for r in map(json.loads, fh) if r["uid"] not in seen]
    rng = random.Random(args.seed)
    chosen: dict[int, dict] = {}
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    for source, items in sorted(by_source.items()):
        for row in rng.sample(items, min(len(items), round(QUOTAS.get(source, 50) * args.scale))):
            chosen[row["uid"]] = row
    rare = [r for r in rows if r["uid"] not in chosen and RARE.search(r["title"] + " " + r["description"])]
    for row in rng.sample(rare, min(len(rare), args.rare)):
        chosen[row["uid"]] = row
    picked = list(chosen.values())
    rng.shuffle(picked)
    write_slices(picked, args.out, args.prefix, args.slices)


if __name__ == "__main__":
    main()
