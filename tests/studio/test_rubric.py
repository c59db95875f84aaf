"""The first-ML-platform-engineer rubric on good and weak answers."""

from __future__ import annotations

from careerlens.studio.rubric import load_platform_rubric, proposed_pieces, score_platform_plan
from tests.conftest import shared_path

GOOD = (
    "First, monitoring and drift detection for both models, because today nobody would notice if the churn model "
    "silently degraded. Second, a model registry with an automated CI/CD deployment path so we stop deploying by hand "
    "from Jupyter notebooks and can roll back. Third, an automated training pipeline on a schedule so retraining no "
    "longer depends on someone remembering. The model code is a small fraction of the system (hidden technical debt), "
    "so I'd keep it simple with open-source tools; a feature store is premature for two models."
)
WEAK = "1. A feature store. 2. Experiment tracking with Weights & Biases. 3. A GPU cluster."
PIPELINE_FIRST = "1. Automated retraining pipeline. 2. Monitoring dashboards. 3. Model serving API."


def test_good_answer_scores_high_and_covers_every_pain():
    result = score_platform_plan(GOOD)
    assert result.score >= 85
    coverage = next(i for i in result.items if i.id == "coverage")
    assert "answer all three pains" in coverage.note


def test_weak_answer_scores_low_and_says_why():
    result = score_platform_plan(WEAK)
    assert result.score <= 30
    notes = " ".join(i.note for i in result.items)
    assert "Left unaddressed" in notes and "hidden-technical-debt" in notes


def test_order_matters():
    first = next(i for i in score_platform_plan(PIPELINE_FIRST).items if i.id == "order")
    good = next(i for i in score_platform_plan(GOOD).items if i.id == "order")
    assert first.points < good.points


def test_registry_and_deployment_in_one_item_fill_one_slot():
    assert proposed_pieces(GOOD)[:4] == ["monitoring", "model_registry", "serving", "training_pipeline"]
    coverage = next(i for i in score_platform_plan(GOOD).items if i.id == "coverage")
    assert coverage.points == 45


def test_rubric_sources_stand_verbatim_in_seed_002():
    seed = next(shared_path("seeds").glob("002_*.txt")).read_text(encoding="utf-8")
    rubric = load_platform_rubric()
    wheres = [p.source.where for p in rubric.pieces] + [p.source.where for p in rubric.setting_pains]
    for where in [*wheres, rubric.debt_source.where]:
        assert where in seed, where
