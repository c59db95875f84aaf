"""The data of a practice session: scenarios, turns, feedback, rubric results and the final report.

All plain pydantic models with ``extra="forbid"``, so a saved transcript can be read back, validated and
exported (JSON for the web page, Markdown for people).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ScenarioKind = Literal["interview", "learning_plan", "phd_decision", "platform_design"]
TurnKind = Literal["opening", "question", "answer", "hint", "proposal", "posting", "closing"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Citation(Model):
    """Where a statement comes from: a ``sources.yaml`` id (or ``pasted_posting``) and the place inside it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str = Field(description="id of an entry in the knowledge base's sources.yaml")
    where: str = Field(description="a phrase in the seed, or the table/field of a dataset or shipped statistic")

    def label(self) -> str:
        return f"{self.ref} — {self.where}"


class GroundFact(Model):
    """A fact the coach may use: our own words, the numbers it contains, and its source."""

    id: str
    text: str
    topic: str = Field(description="what it is about: activities, pay, degree, skills, company, path, …")
    source: Citation


class StudioScenario(Model):
    """A practice situation: the four of seed 002 plus generated informational interviews."""

    id: str
    kind: ScenarioKind
    title: str
    role: str = Field(description="the role flavour the scenario is about")
    archetype: str | None = Field(default=None, description="the kind of company, where one is set")
    setting: str
    goal: str
    counterpart: str
    rubric: list[str] = Field(description="what the final report scores, in plain words")
    generated: bool = False
    postings: int | None = Field(default=None, description="real postings behind the counterpart's answers")
    source: Citation


class Criterion(Model):
    """One part of a score, 0-1, with a sentence on why."""

    id: str
    name: str
    value: float
    note: str


class QuestionFeedback(Model):
    """How sharp an informational-interview question is, and a sharper version when it is weak."""

    question: str
    score: float = Field(description="0-100; 50 is the line between weak and good")
    verdict: Literal["sharp", "fair", "weak"]
    criteria: list[Criterion]
    notes: list[str]
    better: str | None = None
    better_score: float | None = None


class RubricItem(Model):
    id: str
    name: str
    points: float
    max_points: float
    note: str
    sources: list[Citation] = []


class RubricResult(Model):
    """A rubric applied to what the user said: items with points and explanations."""

    rubric: str
    score: float
    max_score: float
    items: list[RubricItem]
    summary: str

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


class Turn(Model):
    """One exchange: what the user said, what the coach answered, and everything behind the answer."""

    index: int
    user: str | None = Field(description="the user's text; None for the coach's opening")
    reply: str = Field(description="what the coach or counterpart said")
    kind: TurnKind
    backend: str = Field(description="which backend wrote the reply (offline, openai:MODEL, …)")
    citations: list[Citation] = []
    feedback: QuestionFeedback | None = None
    rubric: RubricResult | None = None
    flagged_numbers: list[str] = Field(
        default_factory=list, description="numbers in the reply that none of the given facts contains"
    )
    warnings: list[str] = []


class ReportSection(Model):
    title: str
    lines: list[str]


class Report(Model):
    """The final feedback report of a session."""

    session_id: str
    scenario: str
    title: str
    kind: ScenarioKind
    profile: str | None
    backend: str
    created: str
    score: float | None = Field(description="0-100 overall, where the scenario has a rubric score")
    summary: str
    rubric: RubricResult | None
    sections: list[ReportSection]
    citations: list[Citation]
    transcript: list[Turn]


class SessionRecord(Model):
    """What the store keeps of a session (``store.put_record("practice", id, …)``)."""

    session_id: str
    scenario: str
    profile: str | None
    backend: str
    created: str
    state: dict[str, object] = Field(default_factory=dict)
    turns: list[Turn]
    report: Report | None = None
