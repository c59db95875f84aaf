"""The flavour evaluator shared by training, tests and benchmarks. Primary metric: macro-F1."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PRIMARY_METRIC = "macro_f1"


@dataclass
class FlavourScores:
    accuracy: float
    macro_f1: float
    top2_accuracy: float | None
    per_class_f1: dict[str, float]
    support: dict[str, int]
    confusion: dict[str, dict[str, int]] = field(repr=False)
    n: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "top2_accuracy": self.top2_accuracy,
            "per_class_f1": self.per_class_f1,
            "support": self.support,
            "confusion": self.confusion,
        }


def score_flavours(
    gold: Sequence[str],
    predicted: Sequence[str],
    classes: Sequence[str],
    ranked: Sequence[Sequence[str]] | None = None,
    gold_secondary: Sequence[str | None] | None = None,
) -> FlavourScores:
    """Accuracy, macro-F1 over the classes present in gold, per-class F1, confusion, top-2 accuracy.

    Top-2 counts a hit when the gold primary is among the first two ranked flavours."""
    confusion = {g: {p: 0 for p in classes} for g in classes}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_class: dict[str, float] = {}
    support: dict[str, int] = {}
    for c in classes:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in classes) - tp
        fn = sum(confusion[c].values()) - tp
        support[c] = tp + fn
        if support[c] == 0:
            continue
        per_class[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    n = len(gold)
    top2 = None
    if ranked is not None:
        top2 = sum(g in r[:2] for g, r in zip(gold, ranked, strict=True)) / n if n else 0.0
    return FlavourScores(
        accuracy=sum(g == p for g, p in zip(gold, predicted, strict=True)) / n if n else 0.0,
        macro_f1=sum(per_class.values()) / len(per_class) if per_class else 0.0,
        top2_accuracy=top2,
        per_class_f1=per_class,
        support=support,
        confusion=confusion,
        n=n,
    )


def ranked_flavours(shares: Mapping[str, float]) -> list[str]:
    return sorted(shares, key=shares.__getitem__, reverse=True)
