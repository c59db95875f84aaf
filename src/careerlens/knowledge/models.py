"""Typed models of the knowledge base.

Every fact carries a ``source``: the id of an entry in ``sources.yaml`` plus where in it the
fact was found (a short phrase that stands in a seed, or a table row/column of a dataset).
All models forbid unknown fields so that a typo in a data file fails loudly at load time.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FLAVOUR_IDS: tuple[str, ...] = (
    "analytics",
    "decision_science",
    "ds_modeling",
    "ml_engineer",
    "ai_engineer",
    "research_scientist",
    "research_engineer",
    "mlops_platform",
    "ml_systems",
    "data_engineer",
    "software_engineer",
    "other",
)

Degree = Literal["none", "bachelor", "master", "phd"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a fact comes from: a ``sources.yaml`` id and a locator inside that source."""

    ref: str = Field(description="id of an entry in sources.yaml")
    where: str = Field(description="a phrase that stands in the seed, or the row/column of a dataset")


class Fact(Strict):
    """A short statement in our own words, with its source."""

    text: str
    source: Source


class SkillRef(Strict):
    """A skill a role asks for, by its canonical skill id in the skills taxonomy."""

    skill: str
    source: Source


class RoleSkills(Strict):
    core: list[SkillRef]
    nice: list[SkillRef] = []


class Degrees(Strict):
    typical: Degree
    phd: Literal["rare", "sometimes", "common", "expected"]
    source: Source


class Neighbour(Strict):
    """How this role differs from a nearby one."""

    role: str
    difference: str
    source: Source


class ArchetypeLink(Strict):
    archetype: str
    source: Source


class Specialism(Strict):
    """A narrower role that belongs under one flavour (e.g. ML platform engineer)."""

    id: str
    name: str
    summary: str
    source: Source


class StatedPay(Strict):
    """A pay range stated in a seed, kept exactly as stated (not mixed with survey data)."""

    low: int
    high: int | None = None
    currency: str = "USD"
    basis: str = Field(description="what the figure covers, e.g. 'total compensation, mid-level, major tech'")
    year: int
    source: Source


class PayPercentiles(Strict):
    """Pay percentiles from one dataset for one population (a SOC code, or titles at one level)."""

    dataset: str = Field(description="sources.yaml id")
    population: str = Field(description="what was measured, e.g. 'SOC 15-2051 Data Scientists, national'")
    level: str | None = None
    year: int
    n: int | None = Field(description="sample size, or None where the dataset does not publish one")
    p10: float | None = None
    p25: float | None = None
    p50: float | None = None
    p75: float | None = None
    p90: float | None = None
    currency: str = "USD"
    note: str | None = None
    source: Source


class Crosswalk(Strict):
    """An occupation in an external taxonomy that corresponds to a role."""

    scheme: Literal["onet", "esco"]
    code: str
    title: str
    closeness: Literal["exact", "close", "broad"]
    source: Source


class Role(Strict):
    """A role flavour (one of the twelve label ids) with everything we know about it."""

    id: str
    name: str
    titles: list[str] = Field(description="job titles under which this work is often advertised")
    summary: Fact
    activities: list[Fact]
    evidence: list[Fact] = Field(description="phrases in a posting that show this kind of work")
    skills: RoleSkills
    backgrounds: list[Fact]
    degrees: Degrees
    neighbours: list[Neighbour]
    archetypes: list[ArchetypeLink]
    specialisms: list[Specialism] = []
    stated_pay: list[StatedPay] = []
    crosswalks: list[Crosswalk] = []


class Example(Strict):
    name: str
    source: Source


class HiresLink(Strict):
    role: str
    source: Source


class CompanyArchetype(Strict):
    """A kind of company that does ML/AI work (seed 000's seven)."""

    id: str
    name: str
    summary: Fact
    examples: list[Example]
    ml_work: list[Fact]
    hires: list[HiresLink]


class InterestPath(Strict):
    """Seed 000's 'finding your path': an interest, what to focus on, and the roles it leads to."""

    id: str
    interest: str
    focus: list[str]
    roles: list[str]
    source: Source


class CompanyQuestion(Strict):
    id: str
    question: str
    why: str
    signals: list[str] = Field(description="what in a company's postings answers the question")
    source: Source


class Advice(Strict):
    id: str
    topic: str
    points: list[str]
    source: Source


class Workflow(Strict):
    id: str
    name: str
    role: str
    steps: list[str]
    source: Source


class Venue(Strict):
    id: str
    name: str
    field: str
    source: Source


class Guidance(Strict):
    interest_paths: list[InterestPath]
    company_questions: list[CompanyQuestion]
    advice: list[Advice]
    workflows: list[Workflow]
    venues: list[Venue]


class Scenario(Strict):
    """A practice situation from seed 002."""

    id: str
    title: str
    role: str
    setting: str
    goal: str
    counterpart: str
    source: Source


class LearningSkill(Strict):
    """A node of the prerequisite graph: a skill, what it builds on, and roughly how long it takes."""

    skill: str = Field(description="skills-taxonomy id")
    hours: int = Field(ge=1, le=400, description="focused hours to working level, given its prerequisites")
    requires: list[str] = Field(description="skills-taxonomy ids to learn first (direct prerequisites)")
    goal: str = Field(description="what working level means")
    source: Source


class PortfolioProject(Strict):
    """A project that proves a set of skills, with the evidence that it is done."""

    id: str
    title: str
    brief: str
    skills: list[str]
    flavours: list[str]
    checkpoint: str
    source: Source


class Learning(Strict):
    skills: list[LearningSkill]
    projects: list[PortfolioProject]


class SourceEntry(Strict):
    """A document or dataset that facts come from, with licence and attribution."""

    id: str
    kind: Literal["seed", "dataset", "guide", "editorial"]
    title: str
    author: str | None = None
    path: str = Field(description="where it lies under ../shared (seeds/…, data/…), or in the package if editorial")
    licence: str
    attribution: str
    year: int | None = None
    url: str | None = None
