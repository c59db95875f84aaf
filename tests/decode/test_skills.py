"""Skill extraction: canonical names, ambiguous names, required vs nice-to-have."""

from __future__ import annotations

from careerlens.decode.text import prepare_posting
from careerlens.skills.extract import extract_skills, load_taxonomy


def skills(text: str) -> dict[str, str]:
    return {m.id: m.need for m in extract_skills(prepare_posting(text).sentences)}


def test_aliases_map_to_canonical_ids():
    found = skills("Requirements: sklearn, k8s, Postgres, PySpark and Amazon Web Services.")
    assert {"scikit-learn", "kubernetes", "postgresql", "spark", "aws"} <= set(found)


def test_ambiguous_single_letters_need_context():
    assert "r" in skills("Strong skills in Python, R and SQL.")
    assert "r" not in skills("You will lead R&D efforts across the company.")
    assert "c" in skills("Experience with C and C++ programming.")
    assert "go" in skills("Backend services written in Go and Python.")
    assert "go" not in skills("You will own our go-to-market analytics. Go to the office twice a week.")


def test_ordinary_words_are_not_skills():
    found = skills("You excel at communication and earn the trust of your peers. We spark curiosity.")
    assert "excel" not in found and "rust" not in found and "spark" not in found
    assert "excel" in skills("Advanced Excel (pivot tables, VLOOKUP) is required.")


def test_degree_fields_are_not_skills():
    assert "mathematics" not in skills("Bachelor's degree in Mathematics, Physics or a related field.")
    assert "statistics" in skills("Apply statistics and hypothesis testing to product questions.")


def test_required_and_nice_to_have():
    found = skills(
        "Requirements\n• 3+ years of Python and SQL\nNice to have\n• Experience with dbt\n• Airflow is a plus\n"
    )
    assert found["python"] == "required" and found["sql"] == "required"
    assert found["dbt"] == "nice" and found["airflow"] == "nice"


def test_required_anywhere_wins():
    found = skills("Must know Docker.\nBonus: Docker Compose and Kubernetes experience is a plus.")
    assert found["docker"] == "required" and found["kubernetes"] == "nice"


def test_boilerplate_is_not_read_for_skills():
    found = skills("About us\nWe build AI with PyTorch for hospitals.\nResponsibilities\n• Build Tableau dashboards")
    assert "tableau" in found and "pytorch" not in found


def test_taxonomy_has_curated_gaps_filled_and_lookups():
    tax = load_taxonomy()
    for skill_id in ["dbt", "lightgbm", "langchain", "hugging-face", "databricks", "snowflake", "vllm", "ray"]:
        assert skill_id in tax.skills
    assert tax.lookup("sklearn").id == "scikit-learn"
    assert tax.lookup("Golang").id == "go"
    assert tax.lookup("no such skill") is None
