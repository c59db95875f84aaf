"""Practice-studio benchmark: question-sharpness AUC, suggestion improvement and offline turn latency.

On the team's labelled informational-interview questions (``data/labels/questions``), with the same AUC
evaluator the scorer is fitted and tested with:
  (a) length only           — longer questions rank higher (a naive baseline)
  (b) open-word start only  — how/what/why/walk me through … rank higher
  (c) careerlens sharpness  — the shipped scorer (fitted on the tuning part only)
Then the share of weak questions for which a rewrite is offered and scores higher, and the latency of one
offline coach turn in each of the four seed scenarios. Prints a table, writes benchmarks/results/studio.json.

    python benchmarks/bench_studio.py
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path

from careerlens.studio import start_session
from careerlens.studio.sharpness import auc, load_scorer, question_features, read_labelled, suggest_better

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "data/labels/questions/interview_questions.jsonl"
OUT = ROOT / "benchmarks/results/studio.json"
TURNS = {
    "informational_interview_ml_engineer": "Walk me through the last time a model you own drifted in production?",
    "ds_learning_plan": "I have used Python, SQL and pandas at work for weekly reports.",
    "phd_or_industry": "I picture myself inventing new methods and publishing papers.",
    "first_ml_platform_engineer": "Monitoring first because nobody would notice drift; then CI/CD deploys.",
}


def main() -> None:
    rows = read_labelled(LABELS)
    scorer = load_scorer()
    methods = {
        "length only": lambda q: float(len(q.split())),
        "open-word start": lambda q: question_features(q)["open"],
        "careerlens sharpness": scorer.score,
    }
    results: dict[str, dict[str, float]] = {}
    for name, score in methods.items():
        results[name] = {}
        for part in ("tuning", "heldout"):
            group = [r for r in rows if r.part == part]
            results[name][part] = round(auc([score(r.question) for r in group], [r.label for r in group]), 4)

    weak = [r for r in rows if r.label == "weak"]
    offered = [(r, suggest_better(r.question, scorer=scorer)) for r in weak]
    improved = [(r, b) for r, b in offered if b is not None and b[1] > scorer.score(r.question)]
    gain = statistics.mean(b[1] - scorer.score(r.question) for r, b in improved) if improved else 0.0

    latency: dict[str, float] = {}
    for scenario, text in TURNS.items():
        session = start_session(scenario)
        session.turn(text)  # warm caches
        times = []
        for _ in range(20):
            session = start_session(scenario)
            start = time.perf_counter()
            session.turn(text)
            times.append(time.perf_counter() - start)
        latency[scenario] = round(1000 * statistics.median(times), 2)

    print(f"{'method':<24} {'AUC tuning':>10} {'AUC held-out':>13}")
    for name, r in results.items():
        print(f"{name:<24} {r['tuning']:>10.3f} {r['heldout']:>13.3f}")
    print(
        f"\nsuggestions: {len(improved)}/{len(weak)} weak questions get a rewrite that scores higher "
        f"(mean gain {gain:.1f} points)"
    )
    print("\noffline turn latency (median of 20, ms)")
    for scenario, ms in latency.items():
        print(f"  {scenario:<38} {ms:>7.2f}")
    heldout = [r for r in rows if r.part == "heldout"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "questions": {"total": len(rows), "heldout": len(heldout), "weak": len(weak)},
                "primary_metric": "auc",
                "auc": results,
                "suggestions": {
                    "weak": len(weak),
                    "improved": len(improved),
                    "rate": round(len(improved) / len(weak), 4),
                    "mean_gain": round(gain, 1),
                },
                "offline_turn_ms": latency,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
