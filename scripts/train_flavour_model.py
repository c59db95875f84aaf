"""Train the role-flavour model from the team's labels and ship it inside the package.

Training data: ``data/labels/flavours/*.jsonl`` (uid → label, read by people from the corpus),
with the posting text taken from ``../shared/data/postings``. Postings in ``dev.jsonl`` are
refused: dev is only for measuring. The regularisation strength is chosen by 5-fold
cross-validation on the training labels (macro-F1), never on dev.

    python scripts/train_flavour_model.py ../shared
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from careerlens.decode.evaluate import score_flavours
from careerlens.decode.flavour_model import MODEL_DIR, FlavourModel, build_vocabulary, posting_terms
from careerlens.decode.text import prepare_posting
from careerlens.knowledge.models import FLAVOUR_IDS

ROOT = Path(__file__).resolve().parents[1]
SECONDARY_WEIGHT = 0.3


def load_labels() -> dict[int, dict]:
    labels: dict[int, dict] = {}
    for path in sorted((ROOT / "data/labels/flavours").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                labels[int(row["uid"])] = row
    return labels


def load_training(shared: Path) -> tuple[list[dict], list[str]]:
    with open(shared / "eval/dev.jsonl") as fh:
        dev = {json.loads(line)["uid"] for line in fh}
    labels = load_labels()
    leaked = dev & set(labels)
    if leaked:
        raise SystemExit(f"refusing to train: {len(leaked)} labelled uids are in dev.jsonl")
    rows = []
    with gzip.open(shared / "data/postings/postings.jsonl.gz", "rt") as fh:
        for line in fh:
            post = json.loads(line)
            if post["uid"] in labels:
                rows.append({**post, **labels[post["uid"]]})
    return rows, sorted(labels)


def documents(rows: list[dict]) -> list[list[str]]:
    return [posting_terms(prepare_posting(row["description"]), row.get("title")) for row in rows]


def design(docs: list[list[str]], model: FlavourModel) -> sparse.csr_matrix:
    data, cols, ptr = [], [], [0]
    for terms in docs:
        idx, values = model.vector(terms)
        cols.extend(idx.tolist())
        data.extend(values.tolist())
        ptr.append(len(cols))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(docs), len(model.vocabulary)), dtype=np.float32)


def expand(rows: list[dict], x: sparse.csr_matrix) -> tuple[sparse.csr_matrix, list[str], np.ndarray]:
    """Each posting once with its primary label, and again, lightly weighted, with its secondary."""
    ys, weights, picks = [], [], []
    for i, row in enumerate(rows):
        picks.append(i)
        ys.append(row["primary"])
        weights.append(1.0)
        if row.get("secondary"):
            picks.append(i)
            ys.append(row["secondary"])
            weights.append(SECONDARY_WEIGHT)
    return x[picks], ys, np.asarray(weights)


def fit(rows: list[dict], docs: list[list[str]], c: float) -> FlavourModel:
    vocabulary, idf = build_vocabulary(docs)
    classes = list(FLAVOUR_IDS)
    model = FlavourModel(
        classes,
        vocabulary,
        idf,
        np.zeros((len(vocabulary), len(classes)), np.float32),
        np.zeros(len(classes), np.float32),
        {},
    )
    x, y, w = expand(rows, design(docs, model))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, y, sample_weight=w)
    order = [list(clf.classes_).index(k) for k in classes]
    model.coef = clf.coef_[order].T.astype(np.float32)
    model.intercept = clf.intercept_[order].astype(np.float32)
    return model


def cross_validate(rows: list[dict], docs: list[list[str]], c: float, folds: int = 5) -> float:
    y = [r["primary"] for r in rows]
    gold, pred = [], []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(docs, y):
        model = fit([rows[i] for i in train], [docs[i] for i in train], c)
        x = design([docs[i] for i in test], model)
        logits = x @ model.coef + model.intercept
        pred += [model.classes[k] for k in np.asarray(logits).argmax(1)]
        gold += [y[i] for i in test]
    return score_flavours(gold, pred, FLAVOUR_IDS).macro_f1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("--c", type=float, nargs="*", default=[2.0, 5.0, 10.0, 20.0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    rows, _ = load_training(args.shared)
    docs = documents(rows)
    print(f"{len(rows)} labelled postings")
    cv = {c: cross_validate(rows, docs, c) for c in args.c}
    for c, f1 in cv.items():
        print(f"C={c:<6} 5-fold macro-F1 {f1:.3f}")
    best = max(cv, key=cv.__getitem__)
    model = fit(rows, docs, best)
    counts = {k: sum(r["primary"] == k for r in rows) for k in FLAVOUR_IDS}
    model.card = {
        "name": "careerlens role-flavour model",
        "trained": dt.date.today().isoformat(),
        "technique": "TF-IDF (work-text and title uni/bigrams, sublinear tf, l2) + multinomial logistic regression, "
        "balanced class weights, secondary labels at weight 0.3",
        "labels": "role flavours of LABELS.md, read by people from the postings corpus (data/labels/flavours)",
        "training_postings": len(rows),
        "training_primary_counts": counts,
        "vocabulary_size": len(model.vocabulary),
        "C": best,
        "cross_validation_macro_f1": {str(c): round(f, 4) for c, f in cv.items()},
        "not_trained_on": "eval/dev.jsonl (checked: no labelled uid is in dev)",
        "dev_metrics": "see benchmarks/results/decode.json (benchmarks/bench_decode.py)",
    }
    model.save(args.out)
    print(f"saved to {args.out} (C={best}, vocabulary {len(model.vocabulary)})")


if __name__ == "__main__":
    main()
