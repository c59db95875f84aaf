"""The question-sharpness scorer on the team's labelled informational-interview questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlens.studio.sharpness import (
    SharpnessScorer,
    auc,
    load_scorer,
    question_features,
    read_labelled,
    score_question,
    suggest_better,
)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "data/labels/questions/interview_questions.jsonl"


@pytest.fixture(scope="module")
def labelled():
    return read_labelled(LABELS)


def test_labelled_set_is_big_enough_and_split(labelled):
    assert len(labelled) >= 100
    assert len({q.id for q in labelled}) == len(labelled)
    heldout = [q for q in labelled if q.part == "heldout"]
    assert len(heldout) >= 40
    assert {q.label for q in heldout} == {"good", "weak"}


def test_held_out_auc_at_least_0_9(labelled):
    scorer = load_scorer()
    for part, floor in (("tuning", 0.9), ("heldout", 0.9)):
        group = [q for q in labelled if q.part == part]
        assert auc([scorer.score(q.question) for q in group], [q.label for q in group]) >= floor, part


def test_shipped_model_is_the_fit_on_the_tuning_part_only(labelled):
    tuning = [q for q in labelled if q.part == "tuning"]
    refit = SharpnessScorer().fit([q.question for q in tuning], [q.label for q in tuning])
    shipped = load_scorer()
    assert refit.weights_ == pytest.approx(shipped.weights_, abs=1e-3)
    assert refit.bias_ == pytest.approx(shipped.bias_, abs=1e-3)


def test_suggestions_score_higher_than_the_weak_originals(labelled):
    scorer = load_scorer()
    weak = [q for q in labelled if q.label == "weak"]
    improved = 0
    for q in weak:
        better = suggest_better(q.question, scorer=scorer)
        if better is not None:
            assert better[1] > scorer.score(q.question)
            improved += 1
    assert improved / len(weak) >= 0.95


def test_feedback_explains_a_weak_question_and_offers_a_better_one():
    fb = score_question("Do you use Docker?")
    assert fb.verdict == "weak"
    assert any("yes or no" in n for n in fb.notes)
    assert fb.better and "Docker" in fb.better and fb.better_score > fb.score


def test_a_sharp_question_needs_no_rewrite():
    fb = score_question("Walk me through the last time a model you own drifted in production: how did you find out?")
    assert fb.verdict == "sharp" and fb.better is None


def test_features_read_open_closed_and_searchable():
    assert question_features("What is MLOps?")["searchable"] == 1.0
    assert question_features("Is it hard?")["closed"] == 1.0
    assert question_features("How do you retrain your models?")["open"] == 1.0


def test_auc_needs_both_labels():
    with pytest.raises(ValueError):
        auc([1.0], ["good"])
