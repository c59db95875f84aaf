"""A person's profile: skills with the strength of their evidence, jobs, education, interests.

A profile is built from a resume (:mod:`careerlens.profile.resume`), a questionnaire
(:mod:`careerlens.profile.quiz`) or both (:func:`merge_profiles`), and saved locally by
:mod:`careerlens.store`. It never leaves the machine.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from careerlens.knowledge.models import Degree

# How strongly a skill is shown, weakest first. A skill named in a skills list or rated by the person
# is a claim; one used in a job or project bullet is evidence; one used with an outcome is proof.
Strength = Literal["claimed", "listed", "used", "outcome"]
STRENGTHS: tuple[Strength, ...] = ("claimed", "listed", "used", "outcome")
# What each strength is worth when matching a requirement: a bare keyword counts for a quarter.
EVIDENCE_WEIGHT: dict[Strength, float] = {"claimed": 0.25, "listed": 0.25, "used": 0.7, "outcome": 1.0}
DEGREE_RANK: dict[Degree, int] = {"none": 0, "bachelor": 1, "master": 2, "phd": 3}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillEvidence(Model):
    """One skill the person has, the strongest evidence for it, and where it was found."""

    id: str
    name: str
    category: str
    strength: Strength
    self_rating: int | None = Field(default=None, description="0-3 from the questionnaire, if rated")
    where: list[str] = Field(default_factory=list, description="the resume lines or answers that show it (≤ 3)")

    @property
    def weight(self) -> float:
        """What the evidence is worth when matching a requirement (a self-rating is a claim, like a list)."""
        return EVIDENCE_WEIGHT[self.strength]

    @property
    def level(self) -> float:
        """How far along the person is, for planning: a self-rating counts here, not in matching."""
        rated = {0: 0.0, 1: 0.2, 2: 0.6, 3: 0.8}.get(self.self_rating or 0, 0.0)
        shown = {"claimed": 0.2, "listed": 0.4, "used": 0.8, "outcome": 1.0}[self.strength]
        return max(rated, shown)


class Job(Model):
    title: str
    flavour: str | None = Field(description="the flavour the title suggests, if any")
    start: str | None = Field(description="YYYY-MM")
    end: str | None = Field(description="YYYY-MM, or None for present")
    months: int
    internship: bool = False


class Education(Model):
    degree: Degree
    field: str | None = None
    line: str


class Interests(Model):
    """Questionnaire answers turned into scores: RIASEC means (1-5) and field-item ratings (1-5)."""

    riasec: dict[str, float] = Field(default_factory=dict)
    fields: dict[str, float] = Field(default_factory=dict, description="field item id -> rating 1-5")


class Constraints(Model):
    degree_held: Degree | None = None
    open_to_phd: bool | None = None
    location: str | None = None


class Profile(Model):
    name: str = "me"
    skills: dict[str, SkillEvidence] = Field(default_factory=dict)
    jobs: list[Job] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    projects: list[str] = Field(default_factory=list)
    years_experience: float | None = None
    years_basis: str | None = Field(default=None, description="how the years were found")
    interests: Interests | None = None
    hours_per_week: int | None = None
    constraints: Constraints = Field(default_factory=Constraints)
    built_from: list[str] = Field(default_factory=list, description="'resume:<file name>' and/or 'quiz'")

    @property
    def degree(self) -> Degree:
        """The highest degree the person holds, from the resume or the questionnaire."""
        held: list[Degree] = [e.degree for e in self.education]
        if self.constraints.degree_held:
            held.append(self.constraints.degree_held)
        return max(held, key=DEGREE_RANK.__getitem__, default="none")

    def weight(self, skill_id: str) -> float:
        """What the person's evidence for a skill is worth (0 when they do not show it)."""
        found = self.skills.get(skill_id)
        return found.weight if found else 0.0

    def level(self, skill_id: str) -> float:
        """How far along the person is with a skill, 0-1 (see :attr:`SkillEvidence.level`)."""
        found = self.skills.get(skill_id)
        return found.level if found else 0.0

    def holds(self, skill_id: str) -> bool:
        """Whether the person can already use the skill: used it, or rates it as used in a project or at work."""
        return self.level(skill_id) >= 0.6


def merge_profiles(base: Profile, other: Profile) -> Profile:
    """``base`` updated with ``other``: skills keep the stronger evidence; other fields prefer ``other`` when set."""
    skills = dict(base.skills)
    for skill_id, found in other.skills.items():
        mine = skills.get(skill_id)
        if mine is None:
            skills[skill_id] = found
            continue
        stronger = found if STRENGTHS.index(found.strength) > STRENGTHS.index(mine.strength) else mine
        rating = found.self_rating if found.self_rating is not None else mine.self_rating
        skills[skill_id] = stronger.model_copy(update={"self_rating": rating})
    constraints = Constraints(
        degree_held=other.constraints.degree_held or base.constraints.degree_held,
        open_to_phd=other.constraints.open_to_phd
        if other.constraints.open_to_phd is not None
        else base.constraints.open_to_phd,
        location=other.constraints.location or base.constraints.location,
    )
    return Profile(
        name=base.name,
        skills=dict(sorted(skills.items())),
        jobs=other.jobs or base.jobs,
        education=other.education or base.education,
        projects=other.projects or base.projects,
        years_experience=other.years_experience if other.years_experience is not None else base.years_experience,
        years_basis=other.years_basis if other.years_experience is not None else base.years_basis,
        interests=other.interests or base.interests,
        hours_per_week=other.hours_per_week or base.hours_per_week,
        constraints=constraints,
        built_from=sorted({*base.built_from, *other.built_from}),
    )
