"""The knowledge base loads, validates, cross-checks and cites a real source for every fact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from careerlens import FLAVOUR_IDS, KnowledgeError, UnknownIdError, load_knowledge
from careerlens.knowledge.loader import DATA_DIR, iter_sources
from careerlens.skills.extract import load_taxonomy
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_roles_are_exactly_the_label_ids(kb):
    assert list(kb.roles) == list(FLAVOUR_IDS)


def test_role_ids_match_labels_md():
    text = shared_path("eval", "LABELS.md").read_text()
    ids = re.findall(r"^\| `(\w+)` \|", text, flags=re.M)
    assert sorted(ids) == sorted(FLAVOUR_IDS)


def test_every_fact_cites_a_known_source(kb):
    cited = 0
    for role in kb.roles.values():
        for path, source in iter_sources(role):
            assert source.ref in kb.sources, f"{role.id}.{path}"
            assert source.where.strip(), f"{role.id}.{path} has an empty locator"
            cited += 1
    assert cited > 12 * 20


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def test_seed_locators_stand_in_their_seed(kb):
    seeds = {s.id: s for s in kb.sources.values() if s.kind in ("seed", "guide")}
    texts = {
        sid: _fold(shared_path(*entry.path.split("/")).read_text(encoding="utf-8", errors="replace"))
        for sid, entry in seeds.items()
    }
    from careerlens.profile.quiz import quiz_data

    objects = [*kb.roles.values(), *kb.companies.values(), kb.guidance, *kb.scenarios.values(), kb.learning]
    objects += list(quiz_data().field_items)
    checked = 0
    for obj in objects:
        for path, source in iter_sources(obj):
            if source.ref in texts:
                assert _fold(source.where) in texts[source.ref], f"{path}: {source.where!r} not in {source.ref}"
                checked += 1
    assert checked > 50


def test_pay_figures_say_source_year_and_sample(kb):
    for rows in kb.pay.values():
        for p in rows:
            assert p.year >= 2020 and p.dataset in kb.sources
            assert p.p50 is not None and p.p25 is not None and p.p25 <= p.p50 <= (p.p75 or p.p50)
            assert p.n is None or p.n > 0
    bls = [p for p in kb.pay_for("ds_modeling") if p.dataset == "bls_oews_may2025"]
    assert bls and bls[0].population.startswith("SOC 15-2051")


def test_seed_stated_pay_is_kept_as_stated(kb):
    mle = kb.role("ml_engineer").stated_pay
    assert any(p.low == 180_000 and p.high == 350_000 for p in mle)
    assert any(p.low == 150_000 and p.high == 280_000 for p in kb.role("mlops_platform").stated_pay)


def test_role_skills_resolve_in_the_taxonomy(kb):
    taxonomy = load_taxonomy()
    for role in kb.roles.values():
        for ref in role.skills.core + role.skills.nice:
            assert ref.skill in taxonomy.skills, f"{role.id}: {ref.skill}"


def test_neighbour_differences_cover_the_confusing_pairs(kb):
    pairs = [
        ("analytics", "decision_science"),
        ("decision_science", "ds_modeling"),
        ("ml_engineer", "mlops_platform"),
        ("mlops_platform", "ml_systems"),
        ("research_scientist", "research_engineer"),
        ("ai_engineer", "software_engineer"),
    ]
    for a, b in pairs:
        assert b in {n.role for n in kb.role(a).neighbours} or a in {n.role for n in kb.role(b).neighbours}


def test_unknown_id_suggests_the_closest(kb):
    with pytest.raises(UnknownIdError) as err:
        kb.role("ml_engineers")
    assert "ml_engineer" in err.value.suggestions
    with pytest.raises(UnknownIdError):
        kb.company("nope")


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_unknown_field_is_rejected_naming_file_and_field(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "roles" / "analytics.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["salary_guess"] = 1
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(KnowledgeError, match=r"analytics\.yaml: field salary_guess"):
        load_knowledge(data)


def test_missing_source_is_rejected_naming_file_and_field(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "companies.yaml"
    raw = yaml.safe_load(path.read_text())
    del raw["archetypes"][0]["summary"]["source"]
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(KnowledgeError, match=r"companies\.yaml archetypes\[0\]: field summary\.source"):
        load_knowledge(data)


def test_dangling_reference_is_rejected(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "roles" / "ml_engineer.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["neighbours"][0]["role"] = "wizard"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(KnowledgeError, match="unknown role 'wizard'"):
        load_knowledge(data)


def test_broken_yaml_is_rejected(tmp_path):
    data = _copy_data(tmp_path)
    (data / "scenarios.yaml").write_text("scenarios: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"scenarios\.yaml: not valid YAML"):
        load_knowledge(data)


def test_learning_catalogue_covers_the_taxonomy_and_the_roles(kb):
    taxonomy = load_taxonomy()
    nodes = {n.skill for n in kb.learning.skills}
    assert nodes <= set(taxonomy.skills)
    assert {s for s, skill in taxonomy.skills.items() if skill.category != "credential"} <= nodes
    for project in kb.learning.projects:
        assert set(project.skills) <= set(taxonomy.skills), project.id
    proven = {s for p in kb.learning.projects for s in p.skills}
    for role in kb.roles.values():
        if role.id == "other":
            continue
        assert sum(role.id in p.flavours for p in kb.learning.projects) >= 2, role.id
        unproven = {r.skill for r in role.skills.core} - proven - {"research"}
        assert not unproven, (role.id, unproven)


def test_prerequisite_cycle_is_rejected(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "learning.yaml"
    raw = yaml.safe_load(path.read_text())
    python = next(n for n in raw["skills"] if n["skill"] == "python")
    python["requires"] = ["pandas"]  # pandas builds on numpy, which builds on python
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(KnowledgeError, match="prerequisite cycle"):
        load_knowledge(data)
