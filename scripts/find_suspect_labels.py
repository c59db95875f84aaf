"""List labelled postings whose label the model, trained without them, strongly disagrees with.

Out-of-fold predictions (5 folds) over the team's labels; a label is suspect when the model gives it a
low probability and is confident in another flavour. The suspects go back to a person for a second
reading (confident learning); nothing here reads dev.jsonl.

    python scripts/find_suspect_labels.py ../shared OUT.txt --max 400
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from prepare_label_slices import plain
from train_flavour_model import design, documents, fit, load_training


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--max", type=int, default=400)
    parser.add_argument("--c", type=float, default=10.0)
    parser.add_argument("--below", type=float, default=0.15, help="suspect when the label's probability is below this")
    parser.add_argument("--above", type=float, default=0.5, help="and another flavour's is above this")
    args = parser.parse_args()
    rows, _ = load_training(args.shared)
    docs = documents(rows)
    y = [r["primary"] for r in rows]
    suspects = []
    for train, test in StratifiedKFold(5, shuffle=True, random_state=1).split(docs, y):
        model = fit([rows[i] for i in train], [docs[i] for i in train], args.c)
        logits = np.asarray(design([docs[i] for i in test], model) @ model.coef + model.intercept)
        proba = np.exp(logits - logits.max(1, keepdims=True))
        proba /= proba.sum(1, keepdims=True)
        for i, p in zip(test, proba, strict=True):
            given = model.classes.index(y[i])
            second = model.classes.index(rows[i]["secondary"]) if rows[i].get("secondary") else given
            top = int(p.argmax())
            if max(p[given], p[second]) < args.below and p[top] > args.above:
                suspects.append((float(p[top] - p[given]), i, model.classes[top]))
    suspects.sort(reverse=True)
    with open(args.out, "w") as fh:
        for _, i, suggested in suspects[: args.max]:
            r = rows[i]
            fh.write(
                f"=== uid={r['uid']} | title: {r['title']} | company: {r['company']} | "
                f"current: {r['primary']}/{r.get('secondary')} | model suggests: {suggested}\n"
            )
            fh.write(plain(r["description"]) + "\n\n")
    print(f"{len(suspects)} suspects, wrote {min(len(suspects), args.max)} to {args.out}")


if __name__ == "__main__":
    main()
