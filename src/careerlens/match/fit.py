"""Fit & gap: how well a profile matches a role flavour or a decoded posting, and what is missing.

The score (0-100) is a fixed weighted sum, so the same inputs always give the same score:

    required skills 50% · evidence 20% · nice-to-have 10% · seniority 10% · degree 10%

Each matched skill counts by the strength of its evidence (:data:`EVIDENCE_WEIGHT`): a keyword in a
skills list is worth a quarter of a skill used with an outcome, and the *evidence* part is the share
of matched requirements the person has actually used. A resume that lists every keyword with no
evidence therefore scores far below one that demonstrates half of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from careerlens.decode.decoder import DecodedPosting
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.plan.demand import Demand, load_demand
from careerlens.profile.models import DEGREE_RANK, Profile
from careerlens.skills.extract import load_taxonomy
from careerlens.skills.groups import ALTERNATIVES

WEIGHTS = {"required": 0.5, "nice": 0.1, "evidence": 0.2, "seniority": 0.1, "degree": 0.1}
USED = 0.7  # evidence weight from which a skill counts as demonstrated


class SkillFit(BaseModel):
    skill: str
    name: str
    need: Literal["required", "nice"]
    strength: str | None
    credit: float
    asked_in: list[str] = []
    shown_in: list[str] = []


class Fit(BaseModel):
    target: str
    kind: Literal["role", "posting"]
    score: float
    parts: dict[str, float]
    matched: list[SkillFit]
    missing: list[SkillFit]
    notes: list[str]


class Gap(BaseModel):
    """A skill missing across several targets, ranked for "what to learn first"."""

    skill: str
    name: str
    missing_in: int
    required_in: int
    market_share: float
    priority: float


def _skill_fit(profile: Profile, skill_id: str, need: Literal["required", "nice"], asked: list[str]) -> SkillFit:
    found = profile.skills.get(skill_id)
    skill = load_taxonomy().skills.get(skill_id)
    name = skill.name if skill else skill_id
    return SkillFit(
        skill=skill_id,
        name=name,
        need=need,
        strength=found.strength if found else None,
        credit=found.weight if found else 0.0,
        asked_in=asked[:2],
        shown_in=found.where[:2] if found else [],
    )


def _collapse_alternatives(skills: list[SkillFit]) -> list[SkillFit]:
    """Alternatives asked with the same need count once, by the person's best of them ("AWS / GCP / Azure")."""
    out = list(skills)
    for group in ALTERNATIVES:
        for need in ("required", "nice"):
            members = [s for s in out if s.skill in group and s.need == need]
            if len(members) < 2:
                continue
            best = max(members, key=lambda s: (s.credit, s.skill))
            names = " / ".join([best.name, *sorted(s.name for s in members if s is not best)])
            merged = best.model_copy(update={"name": names})
            out = [merged if s is best else s for s in out if s not in members or s is best]
    return out


def _score(
    target: str,
    kind: Literal["role", "posting"],
    skills: list[SkillFit],
    seniority: tuple[float, str],
    degree: tuple[float, str],
) -> Fit:
    skills = _collapse_alternatives(skills)
    required = [s for s in skills if s.need == "required"]
    nice = [s for s in skills if s.need == "nice"]
    matched = [s for s in skills if s.credit > 0]
    notes = [seniority[1], degree[1]]
    parts = {
        "required": sum(s.credit for s in required) / len(required) if required else 1.0,
        "nice": sum(s.credit for s in nice) / len(nice) if nice else 1.0,
        "evidence": sum(s.credit >= USED for s in matched) / len(matched) if matched else 0.0,
        "seniority": seniority[0],
        "degree": degree[0],
    }
    if not required:
        notes.append("no required skills were recognised, so that part counts as met")
    listed_only = [s.name for s in matched if s.credit < USED]
    if listed_only:
        notes.append(f"named but not shown in any job or project: {', '.join(listed_only[:8])}")
    score = 100 * sum(WEIGHTS[k] * v for k, v in parts.items())
    order = {"required": 0, "nice": 1}
    return Fit(
        target=target,
        kind=kind,
        score=round(score, 1),
        parts={k: round(v, 3) for k, v in parts.items()},
        matched=sorted(matched, key=lambda s: (order[s.need], -s.credit, s.name)),
        missing=sorted([s for s in skills if s.credit == 0], key=lambda s: (order[s.need], s.name)),
        notes=[n for n in notes if n],
    )


def _degree(profile: Profile, asked: str, required: bool | None) -> tuple[float, str]:
    if asked == "none":
        return 1.0, ""
    held = profile.degree
    if DEGREE_RANK[held] >= DEGREE_RANK[asked]:  # type: ignore[index]
        return 1.0, f"asks for a {asked} degree; you hold {held}"
    return (0.3 if required else 0.7), f"asks for a {asked} degree{'' if required else ' (preferred)'}; you hold {held}"


def fit_role(profile: Profile, role_id: str, kb: Knowledge | None = None) -> Fit:
    """Fit against a flavour's core (required) and nice-to-have skills from the knowledge base."""
    kb = kb or load_knowledge()
    role = kb.role(role_id)
    skills = [_skill_fit(profile, s.skill, "required", []) for s in role.skills.core]
    skills += [_skill_fit(profile, s.skill, "nice", []) for s in role.skills.nice]
    return _score(role.id, "role", skills, (1.0, ""), _degree(profile, role.degrees.typical, None))


def fit_posting(profile: Profile, posting: DecodedPosting) -> Fit:
    """Fit against a decoded posting: its required and nice-to-have skills, years and degree asked."""
    skills = []
    for s in posting.skills:
        if load_taxonomy().skills.get(s.id) is None:
            continue
        asked = [posting.text[a:b] for a, b in _sentences_of(posting, s.spans)]
        skills.append(_skill_fit(profile, s.id, "required" if s.need == "required" else "nice", asked))
    years_asked = posting.seniority.years_min
    if years_asked is None:
        seniority = (1.0, "")
    elif profile.years_experience is None:
        seniority = (0.5, f"asks for {years_asked}+ years; your years of experience are not known")
    else:
        have = profile.years_experience
        seniority = (min(1.0, have / years_asked), f"asks for {years_asked}+ years; you have {have:g}")
    degree = _degree(profile, posting.seniority.degree, posting.seniority.degree_required)
    return _score(posting.title or "the posting", "posting", skills, seniority, degree)


def _sentences_of(posting: DecodedPosting, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The line of the posting around each span (at most two), for showing the ask beside the gap."""
    out: list[tuple[int, int]] = []
    text = posting.text
    for start, end in spans:
        a = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
        b_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
        b = min(b_candidates) if b_candidates else len(text)
        if (a, b) not in out:
            out.append((a, min(b + 1, len(text), a + 240)))
        if len(out) == 2:
            break
    return out


def learn_first(fits: Sequence[Fit], flavour: str | None = None, demand: Demand | None = None) -> list[Gap]:
    """Gaps combined across several fits: skills missing most often (required counts double) first,
    then those the market asks for most."""
    demand = demand or load_demand()
    missing: dict[str, list[SkillFit]] = {}
    for fit in fits:
        for s in fit.missing:
            missing.setdefault(s.skill, []).append(s)
    gaps = []
    for skill, rows in missing.items():
        required = sum(r.need == "required" for r in rows)
        share = demand.share(flavour or "all", skill)
        priority = (required * 2 + (len(rows) - required)) / (2 * len(fits)) + 0.5 * share
        gaps.append(
            Gap(
                skill=skill,
                name=rows[0].name,
                missing_in=len(rows),
                required_in=required,
                market_share=share,
                priority=round(priority, 4),
            )
        )
    return sorted(gaps, key=lambda g: (-g.priority, g.name))
