"""Every role, company archetype, example company and scenario the seeds name is in the knowledge base."""

from __future__ import annotations

import pytest

from careerlens import load_knowledge

# Named in seed 000 (archetypes and their examples) and seed 001 (ML engineer specialisms).
SEED_000_EXAMPLES = {
    "frontier_labs": ["Anthropic", "OpenAI", "Google DeepMind", "Meta FAIR", "Amazon AGI", "Microsoft Research"],
    "search_ir": ["Glean", "Perplexity"],
    "infra_cloud": ["IBM", "AWS", "Databricks"],
    "ml_heavy_product": ["Uber", "Spotify", "Netflix"],
    "api_adopters": ["Notion"],
    "enterprise_labs": ["Walmart", "Home Depot"],
    "funded_startups": ["Cursor", "Luma"],
}
SPECIALISMS = ["ML platform engineer", "ML hardware engineer", "ML solutions architect"]
SCENARIOS = {
    "informational_interview_ml_engineer": ["mid-size", "startup"],
    "ds_learning_plan": ["12-month"],
    "phd_or_industry": ["PhD"],
    "first_ml_platform_engineer": ["50-person", "notebook", "monitor", "retrain"],
}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_seven_archetypes_with_their_seed_examples(kb):
    assert set(kb.companies) == set(SEED_000_EXAMPLES)
    for arch_id, names in SEED_000_EXAMPLES.items():
        examples = " | ".join(e.name for e in kb.company(arch_id).examples)
        for name in names:
            assert name.lower() in examples.lower(), f"{arch_id} lacks {name}"


def test_ml_engineer_specialisms_from_seed_001(kb):
    names = {s.name.lower() for r in kb.roles.values() for s in r.specialisms}
    for name in SPECIALISMS:
        assert name.lower() in names


def test_four_practice_scenarios_with_their_setting(kb):
    assert set(kb.scenarios) == set(SCENARIOS)
    for scenario_id, words in SCENARIOS.items():
        s = kb.scenario(scenario_id)
        for word in words:
            assert word.lower() in (s.setting + " " + s.title + " " + s.goal).lower(), f"{scenario_id}: {word}"


def test_guidance_has_paths_company_questions_and_workflows(kb):
    g = kb.guidance
    assert len(g.interest_paths) == 4
    assert len(g.company_questions) == 3
    texts = " ".join(q.question.lower() for q in g.company_questions)
    assert "data" in texts and "use case" in texts
    workflow_text = " ".join(" ".join(w.steps).lower() for w in g.workflows)
    for piece in ["serving", "monitoring", "experiment tracking", "feature store", "model registr"]:
        assert piece in workflow_text
    assert {v.name.split()[0] for v in g.venues} >= {"NeurIPS", "ICML", "ICLR"}


def test_seed_001_stacks_are_core_skills(kb):
    for role_id in ["ds_modeling", "ml_engineer"]:
        core = {s.skill for s in kb.role(role_id).skills.core}
        assert {"python", "sql", "git"} <= core
    ai = {s.skill for s in kb.role("ai_engineer").skills.core + kb.role("ai_engineer").skills.nice}
    assert {"llms", "rag", "prompt-engineering", "fine-tuning"} <= ai


def test_sources_carry_licence_and_attribution(kb):
    for s in kb.sources.values():
        assert s.licence and s.attribution
    assert {"seed_000", "seed_001", "seed_002", "seed_003", "bls_oews_may2025", "aijobs_salaries"} <= set(kb.sources)
