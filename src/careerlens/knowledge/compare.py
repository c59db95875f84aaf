"""Side-by-side comparison of roles: the aspects a person weighs when choosing between them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from careerlens.errors import InputError
from careerlens.knowledge.loader import Knowledge
from careerlens.knowledge.models import PayPercentiles, Role


class RoleColumn(BaseModel):
    """One role's column in a comparison."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    summary: str
    activities: list[str]
    core_skills: list[str]
    nice_skills: list[str]
    typical_degree: str
    phd: str
    archetypes: list[str]
    pay_official: PayPercentiles | None
    pay_survey: PayPercentiles | None
    differences: dict[str, str]


class RoleComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    roles: list[RoleColumn]
    shared_core_skills: list[str]


def headline_pay(kb: Knowledge, role_id: str, dataset: str) -> PayPercentiles | None:
    """A role's headline figure from one dataset: its first (closest) population, all levels."""
    rows = [p for p in kb.pay_for(role_id) if p.dataset == dataset and p.p50 is not None]
    overall = [p for p in rows if p.level in (None, "all levels")]
    chosen = overall or rows
    return chosen[0] if chosen else None


def _column(kb: Knowledge, role: Role, others: list[str]) -> RoleColumn:
    return RoleColumn(
        id=role.id,
        name=role.name,
        summary=role.summary.text,
        activities=[a.text for a in role.activities],
        core_skills=[s.skill for s in role.skills.core],
        nice_skills=[s.skill for s in role.skills.nice],
        typical_degree=role.degrees.typical,
        phd=role.degrees.phd,
        archetypes=[kb.company(a.archetype).name for a in role.archetypes],
        pay_official=headline_pay(kb, role.id, "bls_oews_may2025"),
        pay_survey=headline_pay(kb, role.id, "aijobs_salaries"),
        differences={n.role: n.difference for n in role.neighbours if n.role in others},
    )


def compare_roles(kb: Knowledge, role_ids: list[str]) -> RoleComparison:
    """Compare two or more roles; unknown ids raise with the closest known ids."""
    if len(role_ids) < 2:
        raise InputError("Give at least two role ids to compare, e.g. `compare ds_modeling ml_engineer`.")
    roles = [kb.role(r) for r in role_ids]
    columns = [_column(kb, role, [r for r in role_ids if r != role.id]) for role in roles]
    shared = set(columns[0].core_skills)
    for col in columns[1:]:
        shared &= set(col.core_skills)
    return RoleComparison(roles=columns, shared_core_skills=sorted(shared))
