"""Web app load benchmark: the decode endpoint under 10 and 50 concurrent users, on loopback only.

Starts ``careerlens serve`` (1 and 2 server processes) on 127.0.0.1 with a throwaway store, then each simulated
user posts real postings (``tests/fixtures/postings.jsonl``, 37 real corpus postings) to ``/decode.json``
one after another, a fixed number of times, so the run is bounded in requests and time. Prints a table and
writes ``benchmarks/results/web.json``. Target (issue 5): p99 < 200 ms at 50 users, 0 errors.

    python benchmarks/bench_web.py [--requests-per-user 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "web.json"
TARGET_P99_MS = 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, home: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "CAREERLENS_HOME": home}
    cmd = [sys.executable, "-m", "careerlens.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        [*cmd, "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/roles.json", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


async def run_load(url: str, users: int, per_user: int, postings: list[dict[str, str]]) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        # Warm-up: every server process loads the model once.
        await asyncio.gather(*(client.post("/decode.json", json=postings[i % len(postings)]) for i in range(8)))

        async def user(k: int) -> None:
            nonlocal errors
            for i in range(per_user):
                body = postings[(k * per_user + i) % len(postings)]
                start = time.perf_counter()
                try:
                    r = await client.post("/decode.json", json=body)
                    ok = r.status_code == 200
                    kind = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, kind = False, type(exc).__name__
                if not ok:
                    kinds[kind] = kinds.get(kind, 0) + 1
                latencies.append((time.perf_counter() - start) * 1000)
                errors += not ok

        start = time.perf_counter()
        await asyncio.gather(*(user(k) for k in range(users)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "users": users,
        "requests": len(latencies),
        "errors": errors,
        "error_kinds": kinds,
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests-per-user", type=int, default=20)
    args = parser.parse_args()
    with open(ROOT / "tests" / "fixtures" / "postings.jsonl", encoding="utf-8") as fh:
        postings = [{"text": r["description"], "title": r.get("title") or ""} for r in map(json.loads, fh)]
    rows = []
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as home:
            proc, url = start_server(workers, home)
            try:
                for users in (10, 50):
                    row = asyncio.run(run_load(url, users, args.requests_per_user, postings))
                    rows.append({"server_processes": workers, **row})
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    print(f"\nDecode endpoint, loopback, {os.cpu_count()} cores ({platform.processor() or platform.machine()})")
    print(
        f"{'processes':>9} {'users':>5} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}  target"
    )
    for r in rows:
        verdict = "met" if r["p99_ms"] < TARGET_P99_MS and r["errors"] == 0 else "MISSED"
        print(
            f"{r['server_processes']:>9} {r['users']:>5} {r['requests']:>8} {r['errors']:>6} {r['requests_per_s']:>7} "
            f"{r['p50_ms']:>7} {r['p99_ms']:>7}  {verdict if r['users'] == 50 else ''}"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {"target": {"users": 50, "p99_ms": TARGET_P99_MS, "errors": 0}, "cores": os.cpu_count(), "rows": rows},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwritten to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
