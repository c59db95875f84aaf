"""The practice scenarios: seed 002's four, and a generated informational interview for every role
flavour at every kind of company (``interview_<flavour>_at_<archetype>``)."""

from __future__ import annotations

from careerlens.errors import UnknownIdError
from careerlens.knowledge.loader import Knowledge, closest_ids, load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.studio.grounding import load_base_rates
from careerlens.studio.models import Citation, ScenarioKind, StudioScenario

SEED_KINDS: dict[str, ScenarioKind] = {
    "informational_interview_ml_engineer": "interview",
    "ds_learning_plan": "learning_plan",
    "phd_or_industry": "phd_decision",
    "first_ml_platform_engineer": "platform_design",
}
SEED_ARCHETYPES = {"informational_interview_ml_engineer": "funded_startups"}
ALIASES = {
    "informational_interview": "informational_interview_ml_engineer",
    "interview": "informational_interview_ml_engineer",
    "learning_plan": "ds_learning_plan",
    "plan": "ds_learning_plan",
    "phd": "phd_or_industry",
    "platform": "first_ml_platform_engineer",
}
RUBRICS: dict[ScenarioKind, list[str]] = {
    "interview": [
        "sharpness of each question (specific, open, not searchable, day to day, well judged)",
        "share of open questions",
        "coverage of the role's recurring activities",
        "no salary-first, favour or flattery questions",
    ],
    "learning_plan": [
        "a clear target and realistic hours",
        "causal inference, experimentation and communication in the plan",
        "a portfolio that shows decisions, not only models",
        "the plan fits in twelve months",
    ],
    "phd_decision": [
        "a clear picture of the work you want to do",
        "assumptions tested against base rates",
        "both paths considered",
        "what would change your mind, written down",
    ],
    "platform_design": [
        "coverage: the three pieces fix the startup's real pains",
        "order",
        "justification, including the hidden-technical-debt point",
        "sized for a 50-person startup",
    ],
}


def _cite(ref: str, where: str) -> Citation:
    return Citation(ref=ref, where=where)


def seed_scenarios(kb: Knowledge | None = None) -> list[StudioScenario]:
    kb = kb or load_knowledge()
    out = []
    for sid, kind in SEED_KINDS.items():
        s = kb.scenario(sid)
        out.append(
            StudioScenario(
                id=s.id,
                kind=kind,
                title=s.title,
                role=s.role,
                archetype=SEED_ARCHETYPES.get(s.id),
                setting=s.setting,
                goal=s.goal,
                counterpart=s.counterpart,
                rubric=RUBRICS[kind],
                source=_cite(s.source.ref, s.source.where),
            )
        )
    return out


def generated_interviews(kb: Knowledge | None = None) -> list[StudioScenario]:
    """An informational interview with someone doing each flavour's work at each kind of company."""
    kb = kb or load_knowledge()
    rates = load_base_rates()["flavours"]
    seed = kb.scenario("informational_interview_ml_engineer")
    out = []
    for flavour in FLAVOUR_IDS:
        if flavour == "other":
            continue
        role = kb.role(flavour)
        for company in kb.companies.values():
            kind = company.name[0].lower() + company.name[1:]
            n = rates[flavour]["archetypes"].get(company.id, {}).get("postings", 0)
            out.append(
                StudioScenario(
                    id=f"interview_{flavour}_at_{company.id}",
                    kind="interview",
                    title=f"Informational interview: {role.name} at {kind}",
                    role=flavour,
                    archetype=company.id,
                    setting=f"You have an informational interview with someone doing {role.name.lower()} work at "
                    f"one of the {kind}, and want to come away knowing what the job is day to day.",
                    goal=seed.goal,
                    counterpart=f"A {role.name.lower()} at one of the {kind} (answers grounded in "
                    f"the knowledge base and {n:,} real postings of this flavour at this kind of company)",
                    rubric=RUBRICS["interview"],
                    generated=True,
                    postings=n,
                    source=_cite(seed.source.ref, seed.source.where),
                )
            )
    return out


def list_scenarios(include_generated: bool = True, kb: Knowledge | None = None) -> list[StudioScenario]:
    """Every scenario: seed 002's four first, then the generated interviews."""
    return seed_scenarios(kb) + (generated_interviews(kb) if include_generated else [])


def get_scenario(scenario_id: str, kb: Knowledge | None = None) -> StudioScenario:
    """A scenario by id, short alias (``interview``, ``plan``, ``phd``, ``platform``) or unique prefix."""
    key = scenario_id.strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    table = {s.id: s for s in list_scenarios(kb=kb)}
    if key in table:
        return table[key]
    prefixed = [sid for sid in table if sid.startswith(key)] if key else []
    if len(prefixed) == 1:
        return table[prefixed[0]]
    near = closest_ids(key, [*ALIASES, *table]) or prefixed[:3]
    raise UnknownIdError("scenario", scenario_id, near)
