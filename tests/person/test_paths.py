"""The path finder ranks flavours by interests, skills, distance, market, pay and degree, with reasons."""

from __future__ import annotations

import pytest

from careerlens.knowledge.compare import headline_pay
from careerlens.knowledge.loader import load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.match.paths import interest_profiles, rank_paths
from careerlens.profile.models import Profile
from careerlens.profile.quiz import profile_from_answers, read_answers
from careerlens.profile.resume import read_resume
from tests.conftest import FIXTURES


def _persona(name: str) -> Profile:
    return profile_from_answers(read_answers(FIXTURES / "quiz" / f"{name}.yaml"))


def test_analytics_minded_person_lands_near_analytics_and_decision_science():
    ranked = [r.flavour for r in rank_paths(_persona("analytics_minded"))]
    assert ranked[0] == "analytics"
    assert ranked.index("decision_science") <= 2
    assert ranked.index("ml_systems") >= 6


def test_systems_minded_person_lands_near_ml_systems_and_mlops():
    ranked = [r.flavour for r in rank_paths(_persona("systems_minded"))]
    assert ranked[0] in ("mlops_platform", "ml_systems")
    assert {"mlops_platform", "ml_systems"} <= set(ranked[:3])
    assert ranked.index("analytics") >= 6


def test_every_flavour_ranked_with_reasons_and_other_last():
    ranked = rank_paths(_persona("systems_minded"))
    assert sorted(r.flavour for r in ranked) == sorted(FLAVOUR_IDS)
    assert ranked[-1].flavour == "other"
    assert all(r.reasons_for or r.reasons_against for r in ranked)
    kb = load_knowledge()
    for r in ranked:
        has_pay = headline_pay(kb, r.flavour, "aijobs_salaries") is not None
        assert set(r.parts) == {"interest", "skills", "distance", "market", "degree"} | ({"pay"} if has_pay else set())


def test_resume_only_profile_leaves_interest_out_and_uses_skills():
    ranked = rank_paths(read_resume(FIXTURES / "resumes" / "harvey_dent_mle.pdf"))
    assert all("interest" not in r.parts for r in ranked)
    assert ranked[0].flavour == "ml_engineer"


def test_phd_expectation_weighs_against_research_for_someone_not_open_to_one():
    persona = _persona("systems_minded")
    closed = rank_paths(persona)
    open_ = rank_paths(
        persona.model_copy(update={"constraints": persona.constraints.model_copy(update={"open_to_phd": True})})
    )
    degree = {r.flavour: r.parts["degree"] for r in closed}
    degree_open = {r.flavour: r.parts["degree"] for r in open_}
    assert degree["research_scientist"] < degree_open["research_scientist"]


@pytest.mark.parametrize("flavour", [f for f in FLAVOUR_IDS])
def test_every_flavour_has_an_onet_interest_profile(flavour):
    assert set(interest_profiles()[flavour]) == set("RIASEC")
