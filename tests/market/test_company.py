"""Company check: seed 003's three questions with evidence and confidence, from the database or pasted postings."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlens.errors import InputError
from careerlens.market import company_check, company_check_postings
from careerlens.market.company import confidence_for
from tests.market.conftest import read_sample


def test_a_company_with_many_postings(sample_db: Path) -> None:
    check = company_check(sample_db, "google")
    assert check.names == ["Google"] and check.postings >= 30 and check.confidence == "high"
    assert [a.id for a in check.answers] == ["has_data", "enough_ml_use_cases", "push_for_ml_features"]
    assert check.archetype == "ml_heavy_product" and "postings read as this kind of company" in check.archetype_reason
    assert sum(check.flavours.values()) == check.postings
    for answer in check.answers:
        assert answer.summary and answer.confidence == "high"
        assert all(e.posting and e.quote for e in answer.evidence)


def test_stripe_answers_carry_evidence(sample_db: Path) -> None:
    check = company_check(sample_db, "Stripe")
    assert check.postings == 16
    has_data = check.answers[0]
    assert has_data.answer in ("yes", "some signs") and has_data.evidence
    push = check.answers[2]
    assert push.figures["engineering_postings"] >= push.figures["ml_postings"]


def test_an_unknown_company_suggests_close_names(sample_db: Path) -> None:
    with pytest.raises(InputError, match="Did you mean: Stripe"):
        company_check(sample_db, "Stripee")
    with pytest.raises(InputError):
        company_check(sample_db, "  ")


def test_pasted_postings_of_a_company_not_in_the_database() -> None:
    texts = [r["description"] for r in read_sample() if r["company"] == "Stripe"][:3]
    check = company_check_postings(texts, company="Acme Payments")
    assert check.postings == 3 and check.confidence == "medium"
    assert check.company == "Acme Payments" and len(check.answers) == 3
    with pytest.raises(InputError):
        company_check_postings(["   "])


def test_confidence_grows_with_postings() -> None:
    assert [confidence_for(n) for n in (1, 2, 3, 9, 10)] == ["low", "low", "medium", "medium", "high"]


def test_a_repeated_company_blurb_counts_for_one_posting_only() -> None:
    blurb = "About us: we build personalized recommendations for millions of listeners around the world."
    texts = [
        f"{blurb}\n\nResponsibilities\n- Build {area} in Python and SQL for our analysts.\n- Work with the team."
        for area in ("weekly dashboards", "data pipelines", "reporting tools")
    ]
    check = company_check_postings(texts, company="Blurbco")
    use_cases = check.answers[1]
    assert "recommendations & personalisation (1)" in use_cases.summary
    assert use_cases.answer == "only one or two"
