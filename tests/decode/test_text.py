"""Normalising postings: markup, hostile HTML, mojibake, list reprs, binary and empty input."""

from __future__ import annotations

import pytest

from careerlens.decode.text import decode_bytes, normalise, prepare_posting
from careerlens.errors import InputError


def test_html_keeps_text_and_drops_scripts_and_styles():
    raw = (
        "<h3>Responsibilities</h3><ul><li>Build dashboards in Tableau</li></ul>"
        "<script>alert('x')</script><style>body{}</style><img src=x onerror=alert(1)>"
    )
    text = normalise(raw)
    assert "Build dashboards in Tableau" in text
    assert "alert" not in text and "onerror" not in text and "body{}" not in text


def test_escaped_html_is_unescaped_then_stripped():
    text = normalise("&lt;p&gt;Design &amp; run A/B tests&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;")
    assert "Design & run A/B tests" in text and "evil" not in text


def test_mojibake_is_repaired():
    assert normalise("Weâ€™re hiring a data scientist") == "We’re hiring a data scientist"


def test_python_list_repr_becomes_lines():
    text = normalise("['Build models in Python', 'Deploy to production']")
    assert text.splitlines() == ["Build models in Python", "Deploy to production"]


def test_binary_and_empty_bytes_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10)
    with pytest.raises(InputError, match="empty"):
        decode_bytes(b"   \n ")


def test_latin1_bytes_decode():
    assert decode_bytes("Café analytics résumé".encode("latin-1")) == "Café analytics résumé"


def test_sections_and_boilerplate_are_recognised():
    posting = prepare_posting(
        "About us\nWe are a great company.\nResponsibilities\n• Build ETL pipelines in Airflow\n"
        "Preferred qualifications\n• Experience with dbt\nBenefits\n• 401(k) match\n"
        "We are an equal opportunity employer and value diversity."
    )
    by_text = {s.text: s for s in posting.sentences}
    assert by_text["We are a great company."].boilerplate
    assert by_text["Build ETL pipelines in Airflow"].section == "responsibilities"
    assert by_text["Experience with dbt"].section == "preferred"
    assert by_text["401(k) match"].boilerplate
    assert by_text["We are an equal opportunity employer and value diversity."].boilerplate
    assert "401(k)" not in posting.work_text and "Airflow" in posting.work_text


def test_sentence_spans_point_into_the_text():
    posting = prepare_posting("Responsibilities:\nBuild models. Deploy them to production.\nOwn monitoring")
    for s in posting.sentences:
        assert posting.text[s.start : s.end].strip(" •").startswith(s.text[:10])


def test_sentence_spans_point_at_the_sentence_itself():
    from careerlens.decode.text import prepare_posting

    posting = prepare_posting(
        "Responsibilities\n- Build weekly KPI dashboards in Tableau.\n  • Write SQL. Report KPIs."
    )
    for s in posting.sentences:
        assert posting.text[s.start : s.end] == s.text
