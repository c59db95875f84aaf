"""A month-by-month learning plan toward one role flavour.

1. **What to learn**: the flavour's core and nice-to-have skills, plus what at least
   :data:`ASKED_SHARE` of its real postings name, minus what the person can already use
   (:meth:`Profile.holds`, and the prerequisites of skills they can use), plus every prerequisite
   of those not yet held.
2. **In what order**: prerequisites first (the knowledge base's prerequisite graph); among the
   skills that are ready, core skills first, then by how often the market asks for them.
3. **How much a month**: the hours per week × 52/12, three quarters for learning and one quarter
   for the month's portfolio project; a skill the person has named but not shown needs fewer hours.
4. **Proof**: each month gets the catalogue project that best covers what was just learnt, and its
   checkpoint. Months left after the skills run out go to deeper projects and applying.

Plans are plain data: they can be saved, exported (Markdown, iCalendar), marked as progress is
made, and rebuilt from where the person is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date

from pydantic import BaseModel

from careerlens.errors import InputError
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import PortfolioProject
from careerlens.plan.demand import Demand, load_demand
from careerlens.plan.graph import Graph
from careerlens.profile.models import Profile
from careerlens.skills.extract import load_taxonomy
from careerlens.skills.groups import alternatives_of

ASKED_SHARE = 0.15
LEARNING_SHARE = 0.75
WEEKS_PER_MONTH = 52 / 12


class PlanSkill(BaseModel):
    skill: str
    name: str
    hours: float
    total_hours: float
    goal: str
    why: str
    finishes: bool


class PlanProject(BaseModel):
    id: str
    title: str
    brief: str
    skills: list[str]


class PlanMonth(BaseModel):
    index: int
    starts: str
    hours: float
    skills: list[PlanSkill]
    project: PlanProject | None
    checkpoint: str
    notes: list[str] = []


class Plan(BaseModel):
    profile: str
    target: str
    target_name: str
    hours_per_week: int
    starts: str
    months: list[PlanMonth]
    unscheduled: list[str]
    unscheduled_hours: float
    done: list[str]
    basis: list[str]

    def month_of(self, skill: str) -> int | None:
        return next((m.index for m in self.months for s in m.skills if s.skill == skill and s.finishes), None)


def _add_months(start: date, n: int) -> date:
    y, m = divmod(start.month - 1 + n, 12)
    return date(start.year + y, m + 1, 1)


def build_plan(
    profile: Profile,
    target: str,
    months: int = 12,
    hours_per_week: int | None = None,
    start: date | None = None,
    done: Iterable[str] = (),
    kb: Knowledge | None = None,
    demand: Demand | None = None,
) -> Plan:
    kb = kb or load_knowledge()
    demand = demand or load_demand()
    role = kb.role(target)
    hours_per_week = hours_per_week or profile.hours_per_week or 10
    if not 1 <= months <= 36:
        raise InputError(f"A plan covers 1 to 36 months, not {months}.")
    if not 1 <= hours_per_week <= 80:
        raise InputError(f"Hours per week must be between 1 and 80, not {hours_per_week}.")
    taxonomy = load_taxonomy()
    graph = Graph(kb)
    done_set = set(done)
    implied = graph.implied(lambda s: s in done_set or profile.holds(s), [*profile.skills, *done_set])

    def held(skill: str) -> bool:
        return skill in done_set or skill in implied or profile.holds(skill)

    core = [s.skill for s in role.skills.core]
    nice = [s.skill for s in role.skills.nice]
    asked = [s for s, _ in demand.top(target, ASKED_SHARE) if taxonomy.skills[s].category not in ("soft", "credential")]
    wanted: list[str] = []
    for skill in dict.fromkeys([*core, *asked, *nice]):
        if not _covered_by_alternative(skill, lambda s: held(s) or s in wanted, graph, demand, target):
            wanted.append(skill)
    todo = graph.with_prerequisites(wanted, held)

    def own_priority(skill: str) -> float:
        return demand.share(target, skill) + (1.0 if skill in core else 0.3 if skill in nice else 0.0)

    # A prerequisite is as urgent as the most urgent skill that needs it.
    urgency = {s: own_priority(s) for s in todo}
    changed = True
    while changed:
        changed = False
        for skill in todo:
            for req in graph.requires(skill):
                if req in urgency and urgency[req] < urgency[skill]:
                    urgency[req], changed = urgency[skill], True

    def priority(skill: str) -> float:
        return urgency[skill]

    def why(skill: str) -> str:
        share = demand.share(target, skill)
        ask = f"named in {share:.0%} of {role.name} postings" if share >= 0.01 else ""
        kind = "core skill" if skill in core else "nice to have" if skill in nice else ""
        if not kind and not ask:
            needed_by = sorted(taxonomy.skills[s].name for s in todo if skill in graph.requires(s))
            return "prerequisite of " + ", ".join(needed_by[:3])
        return "; ".join(x for x in (kind, ask) if x)

    order = graph.order(todo, priority)
    capacity = hours_per_week * WEEKS_PER_MONTH
    budget = math.floor(capacity * LEARNING_SHARE * 10) / 10  # hours are kept to one decimal
    start_month = (start or date.today()).replace(day=1)
    plan_months: list[PlanMonth] = []
    # A skill the person has named but not shown needs fewer hours; every skill gets at least five.
    total_hours = {s: max(5.0, round(graph.hours(s) * (1 - profile.level(s)), 1)) for s in order}
    queue = [(s, total_hours[s]) for s in order]
    learnt: list[str] = []
    used_projects: set[str] = set()
    for index in range(months):
        left = budget
        month_skills: list[PlanSkill] = []
        while queue and left > 0.5:
            skill, remaining = queue[0]
            take = round(min(remaining, left), 1)
            node = graph.nodes.get(skill)
            month_skills.append(
                PlanSkill(
                    skill=skill,
                    name=taxonomy.skills[skill].name,
                    hours=round(take, 1),
                    total_hours=total_hours[skill],
                    goal=node.goal if node else f"use {taxonomy.skills[skill].name} in a small project",
                    why=why(skill),
                    finishes=take >= remaining - 1e-9,
                )
            )
            left = round(left - take, 1)
            if take >= remaining - 1e-9:
                queue.pop(0)
                learnt.append(skill)
            else:
                queue[0] = (skill, round(remaining - take, 1))
        this_month = [s.skill for s in month_skills]
        known = {*learnt, *this_month, *(s for s in profile.skills if held(s))}
        project = _pick_project(kb.learning.projects, this_month, known, target, used_projects)
        notes = []
        if not month_skills:
            notes.append("No new skills this month: deepen with a larger project and start applying.")
            notes.append("Decode the postings you would apply to and check your fit against each (careerlens fit).")
        if project:
            used_projects.add(project.id)
        plan_months.append(
            PlanMonth(
                index=index + 1,
                starts=_add_months(start_month, index).isoformat(),
                hours=round(sum(s.hours for s in month_skills) + (capacity - budget if project else 0), 1),
                skills=month_skills,
                project=PlanProject(id=project.id, title=project.title, brief=project.brief, skills=project.skills)
                if project
                else None,
                checkpoint=project.checkpoint if project else _small_checkpoint(month_skills),
                notes=notes,
            )
        )
    return Plan(
        profile=profile.name,
        target=target,
        target_name=role.name,
        hours_per_week=hours_per_week,
        starts=start_month.isoformat(),
        months=plan_months,
        unscheduled=[s for s, _ in queue],
        unscheduled_hours=round(sum(h for _, h in queue), 1),
        done=sorted(done_set),
        basis=[
            f"skill demand from {demand.basis}, decoded by careerlens",
            "prerequisites and hours from the careerlens learning catalogue (estimates)",
            f"{hours_per_week} h/week: {LEARNING_SHARE:.0%} learning, the rest on the month's project",
        ],
    )


def _pick_project(
    projects: list[PortfolioProject], this_month: list[str], known: set[str], target: str, used: set[str]
) -> PortfolioProject | None:
    """The unused project that best proves this month's skills with what the person knows by then,
    preferring the target flavour; in months without new skills, the best project for the target."""
    chosen: tuple[float, str, PortfolioProject] | None = None
    # Projects of the target flavour that prove something from this month come first, if there are any.
    own = [p for p in projects if p.id not in used and target in p.flavours and set(p.skills) & set(this_month)]
    for p in own or projects:
        if p.id in used:
            continue
        skills = set(p.skills)
        overlap = len(skills & set(this_month))
        if this_month and overlap == 0:
            continue
        fits_target = target in p.flavours
        if not this_month and not fits_target:
            continue
        unknown = len(skills - known)
        score = 3 * overlap + len(skills & known) * 0.5 + (4 if fits_target else 0) - 1.5 * unknown
        if chosen is None or (-score, p.id) < (-chosen[0], chosen[1]):
            chosen = (score, p.id, p)
    return chosen[2] if chosen else None


def _covered_by_alternative(skill: str, held: Callable[[str], bool], graph: Graph, demand: Demand, target: str) -> bool:
    """Whether an alternative makes ``skill`` unnecessary: one is held; or one builds on what the person
    holds when ``skill`` does not (SageMaker for someone who knows AWS); or one is asked for more often."""
    others = alternatives_of(skill)
    if any(held(o) for o in others):
        return True

    def key(s: str) -> tuple[float, float, str]:
        reqs = graph.requires(s)
        return sum(map(held, reqs)) / len(reqs) if reqs else 1.0, demand.share(target, s), s

    return any(key(o) > key(skill) for o in others)


def _small_checkpoint(skills: list[PlanSkill]) -> str:
    names = [s.name for s in skills]
    if not names:
        return "Apply to at least three postings that fit, each with a note on what you would learn first."
    return (
        f"A public notebook or repository that uses {', '.join(names)} on a real dataset, "
        "with a README that says what you found."
    )


def mark_done(plan: Plan, skills: Iterable[str]) -> Plan:
    """The plan with skills marked as learnt (ids or names); unknown skills are an error."""
    taxonomy = load_taxonomy()
    done = set(plan.done)
    for name in skills:
        found = taxonomy.lookup(name)
        if found is None:
            raise InputError(f"{name!r} is not a skill careerlens knows.")
        done.add(found.id)
    return plan.model_copy(update={"done": sorted(done)})


def replan(plan: Plan, profile: Profile, months: int | None = None, start: date | None = None) -> Plan:
    """A fresh plan from ``start`` (default: this month) that treats done skills as held."""
    return build_plan(
        profile,
        plan.target,
        months=months or len(plan.months),
        hours_per_week=plan.hours_per_week,
        start=start,
        done=plan.done,
    )
