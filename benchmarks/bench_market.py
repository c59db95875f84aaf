"""Market build benchmark: postings/s for the local and Ray engines on the corpus, peak memory, and whether
memory stays flat as the corpus grows (the first 10k vs 20k postings). Prints a table, writes JSON.

Every build runs in its own process; peak memory is the largest resident set of that process and all its
children (pool workers; Ray's raylet and workers) together, sampled every 0.2 s with psutil.

    pip install -e '.[dev]' && python benchmarks/bench_market.py ../shared
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks/results/market.json"
BUILD = """
import json, sys
from careerlens.market import build
engine = sys.argv[3]
if engine == "ray":
    import ray
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
result = build([sys.argv[1]], sys.argv[2], engine=engine)
print(json.dumps(result.model_dump(mode="json")))
"""


def tree_rss(proc: psutil.Process) -> int:
    """Resident memory of a process and its children (an upper bound: pages shared after fork count twice)."""
    total = 0
    with contextlib.suppress(psutil.Error):
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
    return total


def run_build(corpus: Path, engine: str, folder: Path) -> dict:
    db = folder / f"{engine}-{corpus.stem}.duckdb"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import os\n" + BUILD, str(corpus), str(db), engine],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(watched))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"{engine} build of {corpus} failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    return {
        "engine": engine,
        "corpus": corpus.name,
        "records": result["added"],
        "postings": result["postings"],
        "duplicates": result["duplicates"],
        "errors": result["errors"],
        "build_s": result["seconds"],
        "wall_s": round(wall, 1),
        "postings_per_s": result["postings_per_s"],
        "peak_rss_mb": round(peak / 2**20),
    }


def head(corpus: Path, n: int, folder: Path) -> Path:
    out = folder / f"first{n // 1000}k.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        dst.writelines(islice(src, n))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--engines", nargs="+", default=["local", "ray"])
    args = parser.parse_args()
    corpus = args.shared / "data/postings/postings.jsonl.gz"
    folder = Path(tempfile.mkdtemp(prefix="bench_market_"))
    print(f"databases in {folder}")
    runs = [run_build(corpus, engine, folder) for engine in args.engines]
    growth = [run_build(head(corpus, n, folder), "local", folder) for n in (10_000, 20_000)]
    print(f"{'engine':8} {'corpus':24} {'records':>8} {'postings/s':>10} {'build s':>8} {'peak RSS MB':>11}")
    for r in runs + growth:
        print(
            f"{r['engine']:8} {r['corpus']:24} {r['records']:>8,} {r['postings_per_s']:>10,.0f} "
            f"{r['build_s']:>8.0f} {r['peak_rss_mb']:>11,}"
        )
    ratio = growth[1]["peak_rss_mb"] / growth[0]["peak_rss_mb"]
    print(f"peak memory 20k / 10k: {ratio:.2f} (flat is about 1)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)},
                "corpus": str(corpus.name),
                "builds": runs,
                "memory_growth": {"runs": growth, "peak_ratio_20k_10k": round(ratio, 2)},
                "date": time.strftime("%Y-%m-%d"),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
