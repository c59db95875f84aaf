"""The coach: a practice session over one scenario, with a grounded engine per kind of scenario.

The engine does the thinking deterministically: it scores the user's words (question sharpness, the
platform rubric), retrieves the facts that answer them, builds and critiques plans, and writes a grounded
draft reply. The backend only voices that reply (``offline`` as it is; ``openai`` in its own words, from
the same facts). Numbers in a reply that no fact contains are flagged on the turn.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

from careerlens.decode.decoder import decode_posting
from careerlens.errors import InputError
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.plan.planner import Plan, build_plan
from careerlens.profile.models import Profile, SkillEvidence
from careerlens.skills.extract import load_taxonomy
from careerlens.studio import grounding as g
from careerlens.studio.backends import (
    Backend,
    ChatMessage,
    CoachRequest,
    DataBlock,
    OfflineBackend,
    unsupported_numbers,
)
from careerlens.studio.models import (
    Citation,
    GroundFact,
    QuestionFeedback,
    Report,
    ReportSection,
    RubricResult,
    StudioScenario,
    Turn,
    TurnKind,
)
from careerlens.studio.rubric import (
    checklist_rubric,
    interview_rubric,
    load_platform_rubric,
    proposed_pieces,
    score_platform_plan,
)
from careerlens.studio.scenarios import get_scenario
from careerlens.studio.sharpness import score_question, words

MAX_TURN_CHARS = 4_000
MAX_POSTING_CHARS = 60_000
PASTED = "pasted_posting"
TokenSink = Callable[[str], None]

INSTRUCTIONS: dict[str, str] = {
    "interview": (
        "Play the counterpart of an informational interview: someone doing this role at this kind of company. "
        "Answer the user's question briefly and concretely from the facts, saying where each point comes from. "
        "Do not pretend to have personal memories beyond the facts; the question feedback is shown separately."
    ),
    "learning_plan": (
        "Act as an AI career advisor helping the user build a twelve-month plan to become a job-ready data "
        "scientist. Interview them one question at a time, then present and critique the plan the app built, "
        "weighing causal inference, experimentation and communication."
    ),
    "phd_decision": (
        "Act as an AI career advisor helping a strong undergraduate choose between a PhD in AI and industry. "
        "Challenge their assumptions with the base rates in the facts; end with a decision memo listing the "
        "assumptions that would change the answer."
    ),
    "platform_design": (
        "Act as a practice partner reviewing the user's plan for the first three ML infrastructure pieces at a "
        "50-person startup. Explain the rubric feedback and ask one probing follow-up question."
    ),
}
_INJECTION = re.compile(
    r"ignore (all |any |the )?(previous|prior|above|earlier) (instructions|prompts?)|disregard (all |the )?"
    r"(previous|prior|above)|you are now|new instructions|system prompt|act as (an? )?(ai|assistant|chatbot)|"
    r"as an ai language model|jailbreak",
    re.I,
)


@dataclass
class Draft:
    """What an engine decided to say, with the facts behind it."""

    reply: str
    kind: TurnKind
    facts: list[GroundFact] = field(default_factory=list)
    feedback: QuestionFeedback | None = None
    rubric: RubricResult | None = None
    warnings: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _with_refs(facts: list[GroundFact]) -> str:
    return " ".join(f"{f.text} [{i}]" for i, f in enumerate(facts, 1))


class Engine(Protocol):
    scenario: StudioScenario

    def opening(self) -> Draft: ...
    def respond(self, text: str) -> Draft: ...
    def hint(self) -> Draft: ...
    def add_posting(self, text: str) -> Draft: ...
    def final(self) -> tuple[RubricResult | None, str, list[ReportSection]]: ...
    def state(self) -> dict[str, Any]: ...


class _Base:
    def __init__(self, scenario: StudioScenario, profile: Profile | None, kb: Knowledge) -> None:
        self.scenario = scenario
        self.profile = profile
        self.kb = kb
        self.posting_facts: list[GroundFact] = []

    def add_posting(self, text: str) -> Draft:
        """Read a pasted posting as data: decode it, and keep what it says as facts with a 'pasted' source."""
        decoded = decode_posting(text)
        role = self.kb.role(decoded.primary)
        taxonomy_names = [s.name for s in decoded.required_skills][:8]
        parts = [f"The posting you pasted reads mostly as {role.name} work ({decoded.flavours[decoded.primary]:.0%})."]
        if taxonomy_names:
            parts.append("It requires " + ", ".join(taxonomy_names) + ".")
        sen = decoded.seniority
        parts.append(
            f"Level: {sen.level}"
            + (f", {sen.years_min}+ years" if sen.years_min else "")
            + (f"; degree asked: {sen.degree}" if sen.degree != "none" else "")
            + "."
        )
        if decoded.salary:
            parts.append(f"Stated pay: {decoded.salary.text}.")
        self.posting_facts = [
            GroundFact(
                id="posting",
                text=" ".join(parts),
                topic="skills",
                source=Citation(ref=PASTED, where="the posting you pasted, decoded by careerlens"),
            )
        ]
        warnings = []
        if _INJECTION.search(text):
            warnings.append(
                "The posting contains text addressed to an AI assistant; it was treated as data and not followed."
            )
        return Draft(
            reply=_with_refs(self.posting_facts) + " Ask your questions with this posting in mind.",
            kind="posting",
            facts=self.posting_facts,
            warnings=warnings,
        )

    def state(self) -> dict[str, Any]:
        return {}


class InterviewEngine(_Base):
    """Informational interview: the user asks; each question is scored and answered from grounded facts."""

    def __init__(self, scenario: StudioScenario, profile: Profile | None, kb: Knowledge) -> None:
        super().__init__(scenario, profile, kb)
        role, arch = scenario.role, scenario.archetype
        self.pool = g.role_facts(role, kb) + g.demand_facts(role, kb=kb)
        if arch:
            self.pool += g.company_facts(arch, kb) + g.archetype_posting_facts(role, arch, kb)
        self.pool += [g.degree_fact(role, kb), *g.pay_facts(role, kb), *g.guidance_facts(kb)]
        years = g.years_fact(role, kb)
        if years:
            self.pool.append(years)
        self.activities = [f for f in self.pool if f.id.startswith(f"{role}.activity.")]
        self.covered: set[str] = set()
        self.feedback: list[QuestionFeedback] = []

    def opening(self) -> Draft:
        s = self.scenario
        who = s.counterpart[0].lower() + s.counterpart[1:]
        return Draft(
            reply=f"{s.setting} I'll answer as {who}, from careerlens's knowledge base and real postings — not as a "
            "real person — and say where each answer comes from. After each question you get feedback on how sharp "
            "it was. Ask your first question (/hint for an idea, /done for the report).",
            kind="opening",
        )

    def respond(self, text: str) -> Draft:
        fb = score_question(text, self.scenario.role, kb=self.kb)
        self.feedback.append(fb)
        named = [g.skill_share_fact(self.scenario.role, sid, self.kb) for sid in skills_in(text)[:2]]
        facts = named + g.retrieve(text, self.posting_facts + self.pool, k=3 - len(named))
        asked = {w for w in words(text) if len(w) > 3}
        for act in self.activities:
            if act in facts or len(asked & {w for w in words(act.text) if len(w) > 3}) >= 2:
                self.covered.add(act.id)
        reply = "From what this work involves: " + _with_refs(facts)
        return Draft(reply=reply, kind="answer", facts=facts, feedback=fb)

    def hint(self) -> Draft:
        left = [a for a in self.activities if a.id not in self.covered] or self.activities
        act = left[0]
        phrase = act.text.rstrip(".")
        phrase = phrase[0].lower() + phrase[1:]
        return Draft(
            reply=f"Not asked about yet: {act.text} [1] Try something like: “Walk me through the last time you had "
            f"to {phrase}: what went wrong, and what would you do differently?”",
            kind="hint",
            facts=[act],
        )

    def final(self) -> tuple[RubricResult | None, str, list[ReportSection]]:
        rubric = interview_rubric(self.feedback, len(self.covered), len(self.activities))
        lines = []
        for i, fb in enumerate(self.feedback, 1):
            line = f"Q{i} ({fb.score:.0f}/100, {fb.verdict}): {fb.question}"
            if fb.better:
                line += f" → sharper: {fb.better} ({fb.better_score:.0f}/100)"
            lines.append(line)
        weak_notes = sorted({n for fb in self.feedback for n in fb.notes if fb.verdict != "sharp"})
        best = max(self.feedback, key=lambda f: f.score, default=None)
        summary = (
            f"{len(self.feedback)} questions, mean sharpness "
            f"{sum(f.score for f in self.feedback) / max(1, len(self.feedback)):.0f}/100."
            + (f" Your sharpest: “{best.question}”." if best else " No questions asked yet.")
        )
        uncovered = [a.text for a in self.activities if a.id not in self.covered]
        sections = [
            ReportSection(title="Your questions", lines=lines or ["No questions asked."]),
            ReportSection(title="What to work on", lines=weak_notes or ["Keep asking like this."]),
            ReportSection(title="Parts of the work you did not ask about", lines=uncovered or ["None: full coverage."]),
        ]
        return rubric, summary, sections

    def state(self) -> dict[str, Any]:
        return {"covered": sorted(self.covered)}


# Learning plan
_HOURS = re.compile(r"(\d{1,2})\s*(?:h\b|hrs?\b|hours?)", re.I)
_TARGETS = {
    "decision_science": re.compile(r"experiment|a/b|causal|decision|product analytic|inference", re.I),
    "analytics": re.compile(r"dashboard|analytics|analyst|reporting|bi\b|tableau", re.I),
    "ds_modeling": re.compile(r"model|predict|machine learning|ml\b|forecast", re.I),
}
_UPMARKET = {"causal-inference": "causal inference", "a-b-testing": "A/B testing"}


def skills_in(text: str) -> list[str]:
    return list(dict.fromkeys(sid for sid, _, _ in load_taxonomy().find(text)))


class LearningPlanEngine(_Base):
    """Interview the user, build the twelve-month plan with the planner, and critique it."""

    QUESTIONS: ClassVar[dict[str, str]] = {
        "skills": "What have you actually done with data so far — which tools and methods did you use, and where?",
        "hours": "How many hours a week can you honestly give this, averaged over a year?",
        "target": "Which data-science work draws you most: experiments and product decisions, predictive models, "
        "or analytics and dashboards?",
        "portfolio": "What would you like your portfolio to show an employer in twelve months?",
    }

    def __init__(self, scenario: StudioScenario, profile: Profile | None, kb: Knowledge) -> None:
        super().__init__(scenario, profile, kb)
        self.answers: dict[str, str] = {}
        self.skills: list[str] = []
        self.hours: int | None = profile.hours_per_week if profile else None
        self.target = scenario.role
        self.plan: Plan | None = None
        self.stages = [s for s in self.QUESTIONS if not (s == "hours" and self.hours)]
        if profile and profile.skills:
            self.stages.remove("skills")
        self.pool = g.role_facts(self.target, kb) + g.demand_facts(self.target, kb=kb) + g.guidance_facts(kb)

    @property
    def stage(self) -> str:
        return self.stages[0] if self.stages else "plan"

    def opening(self) -> Draft:
        upmarket = next(f for f in self.pool if f.id == "advice.data_science_moving_upmarket")
        return Draft(
            reply=f"{self.scenario.setting} {_with_refs([upmarket])} I'll ask a few questions, then build your plan "
            f"with careerlens's planner and critique it with you. {self.QUESTIONS[self.stage]}",
            kind="opening",
            facts=[upmarket],
        )

    def _profile(self) -> Profile:
        base = self.profile or Profile(name="practice")
        skills = dict(base.skills)
        taxonomy = load_taxonomy()
        for sid in self.skills:
            if sid not in skills:
                s = taxonomy.skills[sid]
                skills[sid] = SkillEvidence(
                    id=sid,
                    name=s.name,
                    category=s.category,
                    strength="used",
                    where=[self.answers.get("skills", "")[:120]],
                )
        return base.model_copy(update={"skills": skills, "hours_per_week": self.hours or base.hours_per_week})

    def respond(self, text: str) -> Draft:
        stage = self.stage
        if stage == "plan":
            return self._after_plan(text)
        self.answers[stage] = text
        if stage == "skills":
            self.skills = skills_in(text)
        elif stage == "hours":
            found = _HOURS.search(text) or re.search(r"\b(\d{1,2})\b", text)
            if not found or not 1 <= int(found.group(1)) <= 80:
                return Draft(reply="I need a number of hours a week between 1 and 80, e.g. “8 hours”.", kind="question")
            self.hours = int(found.group(1))
        elif stage == "target":
            self.target = next((t for t, p in _TARGETS.items() if p.search(text)), self.scenario.role)
        self.stages.pop(0)
        if self.stages:
            ack = {
                "skills": f"Noted {len(self.skills)} skills you have used"
                + (f" ({', '.join(load_taxonomy().skills[s].name for s in self.skills[:6])})." if self.skills else "."),
                "hours": f"{self.hours} h a week it is.",
                "target": f"Then we aim at {self.kb.role(self.target).name} work.",
            }.get(stage, "Thanks.")
            return Draft(reply=f"{ack} {self.QUESTIONS[self.stage]}", kind="question")
        return self._build()

    def _build(self) -> Draft:
        self.plan = build_plan(self._profile(), self.target, months=12, hours_per_week=self.hours or 10, kb=self.kb)
        lines = []
        for m in self.plan.months:
            names = ", ".join(s.name + ("" if s.finishes else "…") for s in m.skills) or "projects and applying"
            lines.append(f"Month {m.index}: {names}" + (f" — project: {m.project.title}" if m.project else ""))
        plan_fact = GroundFact(
            id="plan",
            text="Your plan: " + "; ".join(lines) + ".",
            topic="plan",
            source=Citation(ref="careerlens_curation", where="careerlens planner: learning catalogue and skill demand"),
        )
        critique = self.critique()
        facts = [plan_fact, *[f for _, f in critique]]
        reply = (
            f"Here is a twelve-month plan toward {self.plan.target_name} at {self.plan.hours_per_week} h a week. "
            + "\n".join(lines)
            + " [1]\n\nMy critique:\n"
            + "\n".join(f"- {text} [{i}]" for i, (text, _) in enumerate(critique, 2))
            + "\n\nTell me what you would change (hours, focus), ask about any month, or /done for the report."
        )
        return Draft(reply=reply, kind="proposal", facts=facts)

    def critique(self) -> list[tuple[str, GroundFact]]:
        assert self.plan is not None
        plan, out = self.plan, []
        profile = self._profile()
        for sid, name in _UPMARKET.items():
            cap = name[0].upper() + name[1:]
            fact = g.skill_share_fact(plan.target, sid, self.kb)
            month = plan.month_of(sid)
            if month:
                out.append((f"{cap} is in month {month}: keep it; the role has moved upmarket.", fact))
            elif profile.holds(sid):
                out.append((f"You already use {name}; show it in a portfolio piece.", fact))
            elif sid in plan.unscheduled:
                out.append((f"{cap} does not fit in the twelve months: move it earlier or add hours.", fact))
            else:
                out.append((f"{cap} is missing from the plan: add it, because the role is moving there.", fact))
        comm = g.skill_share_fact(plan.target, "communication", self.kb)
        month = plan.month_of("communication")
        where = f"Communication is in month {month}, but" if month else "Communication is not in the plan as a skill;"
        out.append(
            (
                f"{where} practise it every month: end each project with a one-page memo or a five-minute talk for "
                "a non-technical reader.",
                comm,
            )
        )
        advice = next(f for f in self.pool if f.id == "advice.communication")
        out.append(("A model only matters if the product team can act on it.", advice))
        if plan.unscheduled:
            out.append(
                (
                    f"{len(plan.unscheduled)} skills (~{plan.unscheduled_hours:.0f} h) do not fit: raise the hours or "
                    "narrow the target.",
                    GroundFact(
                        id="plan.unscheduled",
                        text=f"Unscheduled: {', '.join(plan.unscheduled[:8])} (~{plan.unscheduled_hours:.0f} h).",
                        topic="plan",
                        source=Citation(ref="careerlens_curation", where="careerlens planner: hours estimates"),
                    ),
                )
            )
        return out

    def _after_plan(self, text: str) -> Draft:
        hours = _HOURS.search(text)
        target = next((t for t, p in _TARGETS.items() if p.search(text)), None)
        if hours or (target and target != self.target and re.search(r"switch|change|instead|rather", text, re.I)):
            if hours:
                self.hours = max(1, min(80, int(hours.group(1))))
            if target and re.search(r"switch|change|instead|rather", text, re.I):
                self.target = target
            return self._build()
        self.answers.setdefault("follow_up", "")
        self.answers["follow_up"] += " " + text
        facts = g.retrieve(text, self.pool, k=3)
        return Draft(reply="On that: " + _with_refs(facts), kind="answer", facts=facts)

    def hint(self) -> Draft:
        fact = next(f for f in self.pool if f.id == "advice.data_science_moving_upmarket")
        return Draft(
            reply=f"Think about where the role is going: {fact.text} [1] "
            + (self.QUESTIONS[self.stage] if self.stage != "plan" else "Does your plan show all three?"),
            kind="hint",
            facts=[fact],
        )

    def final(self) -> tuple[RubricResult | None, str, list[ReportSection]]:
        plan = self.plan
        said = " ".join(self.answers.values())
        scheduled = {s.skill for m in plan.months for s in m.skills} if plan else set()
        profile = self._profile()

        def has(sid: str) -> bool:
            return sid in scheduled or profile.holds(sid) or sid in skills_in(said)

        portfolio = self.answers.get("portfolio", "")
        rubric = checklist_rubric(
            "ds_learning_plan",
            [
                (
                    "target",
                    "A clear target",
                    10,
                    plan is not None,
                    f"Aiming at {self.kb.role(self.target).name}.",
                    "No plan was built: answer the advisor's questions first.",
                ),
                (
                    "hours",
                    "Realistic hours",
                    10,
                    bool(self.hours and 4 <= self.hours <= 30),
                    f"{self.hours} h a week is sustainable for a year.",
                    "Pick 4-30 h a week you can keep for a year.",
                ),
                (
                    "causal",
                    "Causal inference",
                    20,
                    has("causal-inference"),
                    "In the plan or already held.",
                    "Causal inference is missing; the role has moved towards it.",
                ),
                (
                    "experiments",
                    "Experimentation",
                    20,
                    has("a-b-testing") or has("experimental-design"),
                    "A/B testing or experimental design is covered.",
                    "Add A/B testing and experiment design.",
                ),
                (
                    "communication",
                    "Communication",
                    20,
                    bool(re.search(r"communicat|present|stakeholder|storytell|memo|blog|write|explain", said, re.I)),
                    "You plan to show communication.",
                    "Nothing in your answers shows communication: add write-ups or talks to each project.",
                ),
                (
                    "portfolio",
                    "A portfolio that shows decisions",
                    10,
                    bool(
                        re.search(r"decision|business|experiment|impact|real data|stakeholder|causal", portfolio, re.I)
                    ),
                    "Your portfolio aims at decisions and impact.",
                    "Aim projects at a decision, not only a model score.",
                ),
                (
                    "fits",
                    "Fits in twelve months",
                    10,
                    bool(plan and not plan.unscheduled),
                    "Everything fits in the twelve months.",
                    "Some skills do not fit: more hours or a narrower target.",
                ),
            ],
        )
        sections = []
        if plan:
            sections.append(
                ReportSection(
                    title="The plan",
                    lines=[
                        f"Month {m.index}: "
                        + (", ".join(s.name + ("" if s.finishes else "…") for s in m.skills) or "projects")
                        + (f" — project: {m.project.title}" if m.project else "")
                        for m in plan.months
                    ]
                    + [f"Basis: {b}" for b in plan.basis],
                )
            )
            sections.append(ReportSection(title="Critique", lines=[t for t, _ in self.critique()]))
        summary = (
            f"Twelve months toward {plan.target_name} at {plan.hours_per_week} h a week." if plan else "No plan yet."
        )
        return rubric, summary, sections

    def state(self) -> dict[str, Any]:
        return {"answers": self.answers, "target": self.target, "hours": self.hours, "skills": self.skills}


# PhD or industry
_RESEARCH = re.compile(
    r"research|publish|paper|invent|new method|novel|frontier|professor|academi|discover|theory|phd|lab\b", re.I
)
_PRODUCT = re.compile(r"ship|product|production|deploy|users|startup|build|engineer|customer|impact|money|pay", re.I)
ASSUMPTIONS: list[tuple[str, re.Pattern[str], str]] = [
    (
        "need_phd_research",
        re.compile(r"need (a )?phd|phd (is )?(required|necessary|needed)|can'?t .* without", re.I),
        "A PhD is required for the research I want to do.",
    ),
    ("phd_pays", re.compile(r"pay|salary|earn|money|more money", re.I), "A PhD leads to higher pay."),
    (
        "time_cost",
        re.compile(r"years?|too long|time|opportunity cost|fall behind", re.I),
        "The years a PhD takes are a cost (or not) for me.",
    ),
    ("go_back", re.compile(r"go back|later|always (do|apply)", re.I), "I can always do a PhD later."),
    ("publish", re.compile(r"publish|papers?|neurips|icml|iclr", re.I), "Publications are what I need."),
]


class PhdEngine(_Base):
    """Challenge the user's assumptions about a PhD with base rates, then write a decision memo."""

    QUESTIONS: ClassVar[dict[str, str]] = {
        "picture": "Picture a normal week five years from now: are you inventing new methods, or making existing ones "
        "work in a product? Describe it.",
        "employer": "Which kind of employer do you have in mind — a frontier lab, a big product company, a startup, "
        "a university?",
        "belief": "What do you believe a PhD would give you that industry would not — and what would it cost you?",
    }

    def __init__(self, scenario: StudioScenario, profile: Profile | None, kb: Knowledge) -> None:
        super().__init__(scenario, profile, kb)
        self.answers: dict[str, str] = {}
        self.stages = list(self.QUESTIONS)
        self.archetype: str | None = None
        self.pool = (
            [g.degree_fact("research_scientist", kb), g.degree_fact("ml_engineer", kb)]
            + g.pay_facts("ml_engineer", kb)
            + [f for f in (g.years_fact("ml_engineer", kb), g.years_fact("research_scientist", kb)) if f]
            + g.role_facts("research_scientist", kb)
            + g.guidance_facts(kb)
        )

    def _fact(self, fid: str) -> GroundFact:
        return next(f for f in self.pool if f.id == fid)

    @property
    def stage(self) -> str:
        return self.stages[0] if self.stages else "memo"

    def opening(self) -> Draft:
        loop = self._fact("workflow.research_loop")
        return Draft(
            reply=f"{self.scenario.setting} Research scientists' days follow a loop: {_with_refs([loop])} "
            "Let's test your assumptions against what real postings ask for. {self.QUESTIONS['picture']}",
            kind="opening",
            facts=[loop],
        )

    def lean(self) -> str:
        said = " ".join(self.answers.values())
        research, product = len(_RESEARCH.findall(said)), len(_PRODUCT.findall(said))
        return "research" if research > product else "product" if product > research else "mixed"

    def assumptions(self) -> list[str]:
        said = self.answers.get("belief", "") + " " + self.answers.get("follow_up", "")
        return [aid for aid, pattern, _ in ASSUMPTIONS if pattern.search(said)]

    def respond(self, text: str) -> Draft:
        stage = self.stage
        if stage == "memo":
            self.answers["follow_up"] = (self.answers.get("follow_up", "") + " " + text).strip()
            found = g.retrieve(text, self.pool, k=3)
            return Draft(
                reply="Against the data: " + _with_refs(found) + " (/done writes the memo.)", kind="answer", facts=found
            )
        self.answers[stage] = text
        self.stages.pop(0)
        if stage == "picture":
            facts = [self._fact("rates.research_scientist.degree"), self._fact("rates.ml_engineer.degree")]
            lean = self.lean()
            challenge = {
                "research": "You describe research work. Check the base rates before assuming every path needs a PhD:",
                "product": "You describe product work. Before ruling a PhD in or out, see how often it is asked for:",
                "mixed": "You describe a bit of both. Here is how often each path asks for a PhD:",
            }[lean]
            return Draft(
                reply=f"{challenge} {_with_refs(facts)} {self.QUESTIONS[self.stage]}", kind="question", facts=facts
            )
        if stage == "employer":
            self.archetype = _archetype_in(text, self.kb)
            facts = []
            if self.archetype:
                facts += g.archetype_posting_facts("research_scientist", self.archetype, self.kb)
                facts += g.archetype_posting_facts("ml_engineer", self.archetype, self.kb)
                facts += g.company_facts(self.archetype, self.kb)[:1]
            facts = facts or [self._fact("advice.phd_and_publications")]
            return Draft(
                reply=f"At that kind of employer: {_with_refs(facts)} {self.QUESTIONS[self.stage]}",
                kind="question",
                facts=facts,
            )
        return self._memo_draft()

    def _memo_draft(self) -> Draft:
        facts = self.memo_facts()
        memo = self.memo_lines()
        reply = (
            "Decision memo (draft):\n"
            + "\n".join(memo)
            + "\n\nEvidence: "
            + _with_refs(facts)
            + ("\nChallenge any line, or /done for the report.")
        )
        return Draft(reply=reply, kind="proposal", facts=facts)

    def memo_facts(self) -> list[GroundFact]:
        ids = ["rates.research_scientist.degree", "rates.ml_engineer.degree", "advice.phd_and_publications"]
        facts = [self._fact(i) for i in ids]
        extra = [f for f in self.pool if f.id in ("rates.ml_engineer.pay_degree", "rates.ml_engineer.years")]
        return facts + extra

    def memo_lines(self) -> list[str]:
        lean = self.lean()
        rec = {
            "research": "Lean towards the PhD: the work you describe is research, and research postings ask for a PhD "
            "far more often than ML engineering postings do [1][2].",
            "product": "Lean towards industry: the work you describe is product work, and most ML engineering postings "
            "do not ask for a PhD [2].",
            "mixed": "Start in industry and keep research open: apply for the PhD once you know you want research, "
            "and build a publication record meanwhile [3].",
        }[lean]
        held = self.assumptions()
        lines = [f"Recommendation: {rec}", "Assumptions that would change this answer:"]
        change = {
            "research": [
                "If the work you want is shipping models rather than inventing methods, industry wins [2].",
                "If you can publish at top venues without a PhD (some researchers do), the PhD matters less [3].",
            ],
            "product": [
                "If you find you want to invent new methods and publish, the PhD becomes the usual route [1][3].",
                "If your target employers are research labs, check their postings: many ask for a PhD [1].",
            ],
            "mixed": [
                "If you become sure you want research, the PhD is the conventional route [1][3].",
                "If you become sure you want product work, skip it: most ML engineering postings do not ask [2].",
            ],
        }[lean]
        lines += [f"→ {c}" for c in change]
        labels = {aid: text for aid, _, text in ASSUMPTIONS}
        for aid in held:
            if aid == "phd_pays":
                lines.append(
                    f"→ You assumed: “{labels[aid]}” Check stated pay by degree asked [4]; it compares postings, "
                    "not people, so it does not show what a PhD adds."
                )
            elif aid == "time_cost":
                lines.append(
                    f"→ You assumed: “{labels[aid]}” See how many years of experience postings ask by level "
                    "[5]; our data does not say how long a PhD takes."
                )
            else:
                lines.append(f"→ You assumed: “{labels[aid]}” Weigh it against [1][3].")
        if not held:
            lines.append("→ You named no belief about the PhD itself: write down what it must give you to be worth it.")
        return lines

    def hint(self) -> Draft:
        fact = self._fact("advice.phd_and_publications")
        return Draft(
            reply=f"{_with_refs([fact])} " + (self.QUESTIONS.get(self.stage) or "Which assumption is weakest?"),
            kind="hint",
            facts=[fact],
        )

    def final(self) -> tuple[RubricResult | None, str, list[ReportSection]]:
        said = " ".join(self.answers.values())
        rubric = checklist_rubric(
            "phd_or_industry",
            [
                (
                    "picture",
                    "A clear picture of the work",
                    20,
                    len(self.answers.get("picture", "").split()) >= 8,
                    "You described the week you want.",
                    "Describe the week you want in five years, concretely.",
                ),
                (
                    "employer",
                    "The kind of employer",
                    15,
                    self.archetype is not None,
                    "You named a kind of employer.",
                    "Name the kind of employer: lab, product company, startup…",
                ),
                (
                    "assumptions",
                    "Assumptions named",
                    25,
                    bool(self.assumptions()),
                    "You named what you believe a PhD gives or costs.",
                    "Say what you believe a PhD gives and costs.",
                ),
                (
                    "both_paths",
                    "Both paths considered",
                    20,
                    bool(_RESEARCH.search(said) and _PRODUCT.search(said)),
                    "You weighed both paths.",
                    "Say what you would lose on the other path too.",
                ),
                (
                    "change",
                    "What would change your mind",
                    20,
                    bool(re.search(r"\bif\b|unless|would change|depends", said, re.I)),
                    "You said what would change your mind.",
                    "Write what would change your mind ('if … then …').",
                ),
            ],
        )
        memo = self.memo_lines() if not self.stages else ["Answer the advisor's three questions to get a memo."]
        facts = self.memo_facts()
        sections = [
            ReportSection(title="Decision memo", lines=memo),
            ReportSection(title="Base rates behind it", lines=[f"[{i}] {f.text}" for i, f in enumerate(facts, 1)]),
        ]
        return rubric, f"Your answers lean {self.lean()}.", sections

    def state(self) -> dict[str, Any]:
        return {"answers": self.answers, "archetype": self.archetype}


def _archetype_in(text: str, kb: Knowledge) -> str | None:
    low = text.lower()
    for company in kb.companies.values():
        if any(e.name.lower() in low for e in company.examples):
            return company.id
    cues = {
        "frontier_labs": r"frontier|research lab|\blab\b|deepmind|openai|anthropic",
        "funded_startups": r"startup|start-up|y combinator|\byc\b",
        "ml_heavy_product": r"big tech|product compan|faang|uber|netflix|spotify",
        "enterprise_labs": r"enterprise|bank|corporate|in-house",
        "infra_cloud": r"cloud|infrastructure|hardware|chip",
        "search_ir": r"search",
        "api_adopters": r"api",
    }
    return next((a for a, p in cues.items() if re.search(p, low)), None)


class PlatformEngine(_Base):
    """First ML platform engineer: the user proposes three pieces; the rubric scores and explains."""

    def __init__(self, scenario: StudioScenario, profile: Profile | None, kb: Knowledge) -> None:
        super().__init__(scenario, profile, kb)
        self.proposal: list[str] = []
        self.last: RubricResult | None = None
        rubric = load_platform_rubric()
        self.layer = next(
            GroundFact(
                id="workflow.mlops",
                text=f"{w.name}: " + "; ".join(w.steps) + ".",
                topic="activities",
                source=Citation(ref=w.source.ref, where=w.source.where),
            )
            for w in kb.guidance.workflows
            if w.id == "mlops_infrastructure"
        )
        self.pains = [
            GroundFact(
                id=f"pain.{p.id}", text=p.text, topic="setting", source=Citation(ref=p.source.ref, where=p.source.where)
            )
            for p in rubric.setting_pains
        ]

    def opening(self) -> Draft:
        return Draft(
            reply=f"{self.scenario.setting} {self.scenario.goal} Name your three pieces in order and say why each. "
            "(/hint for a nudge, /done for the report.)",
            kind="opening",
        )

    def respond(self, text: str) -> Draft:
        # A turn that names two or more pieces, or says it revises, is a new proposal; otherwise it adds reasons.
        revises = re.match(r"\s*(actually|instead|revised?|new plan|let me (revise|change)|scratch that)", text, re.I)
        if revises or len(proposed_pieces(text)) >= 2:
            self.proposal = []
        self.proposal.append(text)
        result = score_platform_plan("\n".join(self.proposal))
        self.last = result
        rubric = load_platform_rubric()
        facts = [
            GroundFact(
                id=f"piece.{pid}",
                text=f"{rubric.piece(pid).name}: {rubric.piece(pid).why}",
                topic="piece",
                source=Citation(ref=rubric.piece(pid).source.ref, where=rubric.piece(pid).source.where),
            )
            for pid in proposed_pieces("\n".join(self.proposal))[:3]
        ]
        weakest = min(result.items, key=lambda i: i.points / i.max_points)
        follow = {
            "coverage": "Which piece removes the risk that a model quietly goes bad with nobody noticing?",
            "order": "What goes wrong if you automate retraining before you can see how the models behave?",
            "justification": "For each piece: which pain of this startup does it remove, and what breaks without it?",
            "scale": "How would you keep this small enough for three data scientists and two models?",
        }[weakest.id]
        reply = (
            f"{result.summary} "
            + " ".join(f"{i.name}: {i.points:.0f}/{i.max_points:.0f}." for i in result.items)
            + (f" {_with_refs(facts)}" if facts else "")
            + f" Follow-up: {follow}"
        )
        return Draft(reply=reply, kind="proposal", facts=facts, rubric=result)

    def hint(self) -> Draft:
        return Draft(
            reply="Start from the pains: " + _with_refs(self.pains) + f" The usual layer has these parts: "
            f"{self.layer.text} [{len(self.pains) + 1}] Which three remove the most risk first?",
            kind="hint",
            facts=[*self.pains, self.layer],
        )

    def final(self) -> tuple[RubricResult | None, str, list[ReportSection]]:
        result = score_platform_plan("\n".join(self.proposal))
        rubric = load_platform_rubric()
        sections = [
            ReportSection(title=f"{item.name} — {item.points:.0f}/{item.max_points:.0f}", lines=[item.note])
            for item in result.items
        ]
        sections.append(
            ReportSection(
                title="A strong answer for this startup",
                lines=[
                    f"{rubric.piece(p).name}: {rubric.piece(p).why}"
                    for p in ("monitoring", "serving", "training_pipeline")
                ]
                + [rubric.order_why],
            )
        )
        return result, result.summary, sections

    def state(self) -> dict[str, Any]:
        return {"proposal": self.proposal}


ENGINES: dict[str, type[InterviewEngine | LearningPlanEngine | PhdEngine | PlatformEngine]] = {
    "interview": InterviewEngine,
    "learning_plan": LearningPlanEngine,
    "phd_decision": PhdEngine,
    "platform_design": PlatformEngine,
}


class Session:
    """One practice session: a scenario, a backend, the turns so far. Start one with :func:`start_session`."""

    def __init__(
        self,
        scenario: StudioScenario,
        backend: Backend | None = None,
        profile: Profile | None = None,
        kb: Knowledge | None = None,
        session_id: str | None = None,
    ) -> None:
        self.scenario = scenario
        self.backend: Backend = backend or OfflineBackend()
        self.profile = profile
        self.kb = kb or load_knowledge()
        self.id = session_id or f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.created = _now()
        self.engine = ENGINES[scenario.kind](scenario, profile, self.kb)
        self.turns: list[Turn] = []
        self.data: list[DataBlock] = []
        self.last_request: CoachRequest | None = None
        self._voice(self.engine.opening(), user=None, on_token=None)

    @property
    def opening(self) -> Turn:
        return self.turns[0]

    def turn(self, user_text: str, on_token: TokenSink | None = None) -> Turn:
        """The user says something; the coach answers (streaming pieces to ``on_token`` as they come)."""
        text = _clean(user_text, MAX_TURN_CHARS, "message")
        return self._voice(self.engine.respond(text), user=text, on_token=on_token)

    def hint(self, on_token: TokenSink | None = None) -> Turn:
        return self._voice(self.engine.hint(), user="/hint", on_token=on_token)

    def add_posting(self, text: str, on_token: TokenSink | None = None) -> Turn:
        """Paste a posting: it is decoded as data and grounds later answers; instructions in it are never followed."""
        text = _clean(text, MAX_POSTING_CHARS, "posting")
        draft = self.engine.add_posting(text)
        self.data = [DataBlock(label="job posting pasted by the user", text=text)]
        return self._voice(draft, user="/posting", on_token=on_token)

    def request_for(self, draft: Draft, user: str | None) -> CoachRequest:
        history = []
        for t in self.turns[-6:]:
            if t.user:
                history.append(ChatMessage(role="user", content=t.user))
            history.append(ChatMessage(role="assistant", content=t.reply))
        return CoachRequest(
            instructions=f"{INSTRUCTIONS[self.scenario.kind]}\nScenario: {self.scenario.setting}\n"
            f"Counterpart: {self.scenario.counterpart}",
            facts=draft.facts,
            data=self.data,
            history=history,
            user=user or "(start the session)",
            draft=draft.reply,
        )

    def _voice(self, draft: Draft, user: str | None, on_token: TokenSink | None) -> Turn:
        request = self.request_for(draft, user)
        self.last_request = request
        pieces = []
        for piece in self.backend.stream(request):
            pieces.append(piece)
            if on_token:
                on_token(piece)
        reply = "".join(pieces).strip()
        allowed = [f.text for f in draft.facts] + [draft.reply, self.scenario.setting, user or ""]
        flagged = unsupported_numbers(reply, allowed)
        warnings = list(draft.warnings)
        if flagged:
            warnings.append(
                f"{self.backend.name} wrote numbers that no fact given to it contains: {', '.join(flagged)}. "
                "Treat them as unverified."
            )
        turn = Turn(
            index=len(self.turns),
            user=user,
            reply=reply,
            kind=draft.kind,
            backend=self.backend.name,
            citations=list(dict.fromkeys(f.source for f in draft.facts)),
            feedback=draft.feedback,
            rubric=draft.rubric,
            flagged_numbers=flagged,
            warnings=warnings,
        )
        self.turns.append(turn)
        return turn

    def state(self) -> dict[str, Any]:
        return self.engine.state()

    def report(self) -> Report:
        """The final feedback report: the scenario's rubric, feedback sections, sources and the transcript."""
        rubric, summary, sections = self.engine.final()
        flagged = list(dict.fromkeys(n for t in self.turns for n in t.flagged_numbers))
        if flagged:
            sections = [
                *sections,
                ReportSection(
                    title="Unverified numbers",
                    lines=[f"{self.backend.name} wrote numbers that no fact contains: {', '.join(flagged)}."],
                ),
            ]
        return Report(
            session_id=self.id,
            scenario=self.scenario.id,
            title=self.scenario.title,
            kind=self.scenario.kind,
            profile=self.profile.name if self.profile else None,
            backend=self.backend.name,
            created=_now(),
            score=round(rubric.percent, 1) if rubric else None,
            summary=summary,
            rubric=rubric,
            sections=sections,
            citations=list(dict.fromkeys(c for t in self.turns for c in t.citations)),
            transcript=list(self.turns),
        )


def _clean(text: str, limit: int, what: str) -> str:
    if not isinstance(text, str):
        raise InputError(f"The {what} must be text.")
    cleaned = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()
    if not cleaned:
        raise InputError(f"The {what} is empty: type something (or /hint, /done).")
    if len(cleaned) > limit:
        raise InputError(f"The {what} is {len(cleaned):,} characters; keep it under {limit:,}.")
    return cleaned


def start_session(
    scenario_id: str,
    profile: Profile | None = None,
    backend: Backend | None = None,
    kb: Knowledge | None = None,
) -> Session:
    """Start practising a scenario (id, alias or unique prefix); the coach's opening is ``session.turns[0]``."""
    return Session(get_scenario(scenario_id, kb), backend=backend, profile=profile, kb=kb)
