"""Decoding real postings end to end, and refusing or softening bad input without a traceback."""

from __future__ import annotations

import pytest

from careerlens import FLAVOUR_IDS, InputError
from careerlens.decode.decoder import decode_posting
from careerlens.decode.documents import read_document
from tests.conftest import FIXTURES


def test_every_fixture_decodes_into_a_full_result(postings):
    for post in postings:
        d = decode_posting(post["description"], title=post["title"])
        assert set(d.flavours) == set(FLAVOUR_IDS)
        assert abs(sum(d.flavours.values()) - 1) < 1e-3
        assert d.primary == max(d.flavours, key=d.flavours.__getitem__)
        assert d.secondary is None or d.flavours[d.secondary] >= 0.2
        for e in d.evidence:
            assert e.flavour in (d.primary, d.secondary)
            assert d.text[e.start : e.end].strip(" •").startswith(e.sentence[:15])
        for s in d.skills:
            assert s.need in ("required", "nice")
            for start, end in s.spans:
                assert d.text[start:end]


def test_evidence_shows_the_work_not_the_boilerplate():
    text = (
        "About us\nWe are an award-winning bank with 20,000 employees.\n"
        "Responsibilities\n• Build and maintain ETL pipelines in Airflow and Spark\n"
        "• Design data warehouse models in Snowflake and dbt\n• Monitor data quality and pipeline SLAs\n"
        "Benefits\n• 401(k) match and health, dental and vision insurance"
    )
    d = decode_posting(text, title="Data Engineer")
    assert d.primary == "data_engineer"
    assert d.evidence and all("401" not in e.sentence and "award" not in e.sentence for e in d.evidence)
    assert d.boilerplate_sentences >= 2


def test_title_mismatch_is_flagged_with_a_reason():
    text = (
        "Responsibilities\n• Build weekly KPI dashboards in Tableau and Power BI for business stakeholders\n"
        "• Write SQL queries to answer ad-hoc questions from marketing and finance\n"
        "• Produce monthly reporting packs and explain trends to leadership\n"
        "• Maintain Excel reports and automate recurring reporting\n"
    )
    d = decode_posting(text, title="Data Scientist")
    assert d.title_flavour == "ds_modeling"
    assert d.primary == "analytics"
    assert d.mismatch and "Data Scientist" in d.mismatch_note


def test_seniority_degree_workplace_and_salary_are_read():
    text = (
        "Senior Machine Learning Engineer (Remote)\nResponsibilities\n• Deploy ranking models to production\n"
        "Requirements\n• 5+ years of experience building ML systems\n• Master's degree in Computer Science required\n"
        "• PhD preferred\nCompensation: $180,000 - $220,000 per year"
    )
    d = decode_posting(text)
    assert d.title == "Senior Machine Learning Engineer (Remote)"
    assert d.seniority.level == "senior" and d.seniority.years_min == 5
    assert d.seniority.degree == "master" and d.seniority.degree_required is True
    assert d.workplace == "remote"
    assert d.salary is not None and d.salary.annual_low == 180_000 and d.salary.currency == "USD"


def test_empty_posting_is_refused():
    with pytest.raises(InputError, match="empty"):
        decode_posting("   \n\t ")


def test_boilerplate_only_posting_says_how_little_it_could_tell():
    text = (
        "We are an equal opportunity employer. All qualified applicants will receive consideration without "
        "regard to race, color, religion, sex, sexual orientation, gender identity or national origin."
    )
    d = decode_posting(text, title="Data Analyst")
    assert any("uncertain" in note for note in d.notes)
    assert not d.evidence


def test_non_english_posting_is_said_and_still_decoded():
    text = read_document(FIXTURES / "documents" / "java_developer_es.pdf")
    d = decode_posting(text)
    assert any("English" in note for note in d.notes)
    assert "java" in {s.id for s in d.skills}


def test_huge_posting_is_decoded_within_limits():
    para = "Build and deploy machine learning models to production with Python and Kubernetes. "
    d = decode_posting(para * 120_000)  # about 10 MB
    assert d.primary in FLAVOUR_IDS and len(d.text) <= 200_000


def test_script_payloads_never_reach_the_output():
    text = (
        "<p>Responsibilities</p><ul><li>Analyse data with SQL</li></ul>"
        '<script>document.cookie</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>'
    )
    d = decode_posting(text, title="Analyst")
    dumped = d.model_dump_json()
    assert "document.cookie" not in dumped and "onerror" not in dumped and "javascript:" not in dumped
