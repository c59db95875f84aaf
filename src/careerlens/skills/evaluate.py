"""Score extracted skills against hand labels. Primary metric: micro F1 over (posting, skill) pairs.

Labels name skills as a reader wrote them; each name is mapped to a taxonomy id through the same alias
table the extractor uses. A labelled name the taxonomy does not know counts as a miss. Only the
categories the labellers covered are scored (web frameworks, CRMs and credentials were not labelled).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from careerlens.skills.extract import Taxonomy

SCORED_CATEGORIES = frozenset({"language", "ml_framework", "llm_tooling", "data_cloud", "mlops", "method", "soft"})


@dataclass
class SkillScores:
    precision: float
    recall: float
    f1: float
    need_accuracy: float
    postings: int
    true_positives: int
    false_positives: int
    false_negatives: int
    top_false_positives: list[tuple[str, int]] = field(default_factory=list)
    top_false_negatives: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def gold_skills(labelled: Iterable[Mapping[str, str]], taxonomy: Taxonomy) -> tuple[dict[str, str], list[str]]:
    """Labelled skills as {taxonomy id: need}, and the labelled names the taxonomy does not know."""
    gold: dict[str, str] = {}
    unknown: list[str] = []
    for item in labelled:
        skill = taxonomy.lookup(item["name"])
        if skill is None:
            unknown.append(item["name"])
            continue
        if skill.category not in SCORED_CATEGORIES:
            continue
        if gold.get(skill.id) != "required":
            gold[skill.id] = item["need"]
    return gold, unknown


def score_skills(pairs: Iterable[tuple[Mapping[str, str], list[Mapping[str, str]]]], taxonomy: Taxonomy) -> SkillScores:
    """``pairs``: (predicted {id: need}, labelled [{name, need}]) per posting."""
    tp = fp = fn = need_ok = postings = 0
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    for predicted, labelled in pairs:
        postings += 1
        gold, unknown = gold_skills(labelled, taxonomy)
        fn += len(unknown)
        fns.update(unknown)
        got = {k: v for k, v in predicted.items() if taxonomy.skills[k].category in SCORED_CATEGORIES}
        for skill_id, need in got.items():
            if skill_id in gold:
                tp += 1
                need_ok += need == gold[skill_id]
            else:
                fp += 1
                fps[skill_id] += 1
        for skill_id in gold.keys() - got.keys():
            fn += 1
            fns[skill_id] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SkillScores(
        precision,
        recall,
        f1,
        need_ok / tp if tp else 0.0,
        postings,
        tp,
        fp,
        fn,
        fps.most_common(10),
        fns.most_common(10),
    )
