"""Fit & gap: deterministic, explained, and not fooled by a list of keywords."""

from __future__ import annotations

from careerlens.decode.decoder import decode_posting
from careerlens.match.fit import fit_posting, fit_role, learn_first
from careerlens.profile.resume import read_resume
from tests.conftest import FIXTURES

RESUMES = FIXTURES / "resumes"


def test_keyword_stuffed_resume_scores_far_below_an_evidenced_one():
    # Hand-made pair (see tests/fixtures/README.md): one lists every ML-engineer keyword and shows none,
    # the other shows about half of the core skills in job bullets, most with an outcome.
    stuffed = read_resume(RESUMES / "keyword_stuffed.txt")
    evidenced = read_resume(RESUMES / "evidenced_ml_engineer.txt")
    assert len(stuffed.skills) > 2 * len(evidenced.skills)
    a, b = fit_role(stuffed, "ml_engineer"), fit_role(evidenced, "ml_engineer")
    assert a.score <= 0.7 * b.score and b.score - a.score >= 15, (a.score, b.score)
    assert a.parts["evidence"] < 0.1 < 0.8 < b.parts["evidence"]
    assert any("named but not shown" in n for n in a.notes)


def test_same_inputs_same_score_and_sorted_lists():
    p = read_resume(RESUMES / "harvey_dent_mle.pdf")
    posting = decode_posting((FIXTURES / "documents" / "ml_engineer.txt").read_text())
    first, second = fit_posting(p, posting), fit_posting(p, posting)
    assert first == second
    assert 0 <= first.score <= 100


def test_posting_fit_shows_the_sentence_that_asks_for_a_missing_skill():
    p = read_resume(RESUMES / "harvey_dent_mle.pdf")
    posting = decode_posting((FIXTURES / "documents" / "ml_engineer.txt").read_text())
    fit = fit_posting(p, posting)
    matched = {s.skill for s in fit.matched}
    missing = {s.skill: s for s in fit.missing}
    assert {"python", "pytorch"} <= matched
    assert "mlflow" in missing or "experiment-tracking" in missing
    gap = missing.get("mlflow") or missing["experiment-tracking"]
    assert gap.asked_in and ("MLflow" in gap.asked_in[0] or "experiment" in gap.asked_in[0].lower())
    assert fit.parts["seniority"] == 1.0  # asks 3+ years; the resume states 5


def test_alternatives_count_once():
    p = read_resume(RESUMES / "evidenced_ml_engineer.txt")
    fit = fit_role(p, "ml_engineer")
    clouds = [s for s in [*fit.matched, *fit.missing] if s.skill in ("aws", "gcp", "azure")]
    assert len(clouds) == 1 and "/" in clouds[0].name


def test_learn_first_puts_skills_missing_everywhere_first():
    p = read_resume(RESUMES / "evidenced_ml_engineer.txt")
    fits = [fit_role(p, "ml_engineer"), fit_role(p, "mlops_platform")]
    gaps = learn_first(fits, "ml_engineer")
    missing_both = {s.skill for s in fits[0].missing} & {s.skill for s in fits[1].missing}
    assert gaps[0].skill in missing_both
    assert [g.priority for g in gaps] == sorted((g.priority for g in gaps), reverse=True)
