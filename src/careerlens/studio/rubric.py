"""Rubrics: what each scenario's final report scores, with points and an explanation per item.

The platform rubric (first ML platform engineer) is data, ``studio/data/platform_rubric.yaml``: seed
002's infrastructure pieces, which pains of the startup each fixes, their points and the preferred order,
each with its source. The other rubrics are small functions over what the session collected.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from careerlens.errors import KnowledgeError
from careerlens.knowledge.models import Source
from careerlens.studio.models import Citation, Model, QuestionFeedback, RubricItem, RubricResult

RUBRIC_PATH = Path(__file__).parent / "data" / "platform_rubric.yaml"
CURATION = Citation(ref="careerlens_curation", where="studio/data/platform_rubric.yaml (points and order)")


class Pain(Model):
    id: str
    text: str
    source: Source


class Piece(Model):
    id: str
    name: str
    points: float
    fixes: list[str]
    patterns: list[str]
    why: str
    source: Source


class PlatformRubric(Model):
    setting_pains: list[Pain]
    pieces: list[Piece]
    first_choices: list[str]
    weak_first: dict[str, float]
    order_why: str
    debt_patterns: list[str]
    debt_source: Source
    scale_patterns: list[str]
    reason_patterns: list[str]

    def piece(self, piece_id: str) -> Piece:
        return next(p for p in self.pieces if p.id == piece_id)


@cache
def load_platform_rubric(path: Path = RUBRIC_PATH) -> PlatformRubric:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        rubric = PlatformRubric.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: cannot read the platform rubric: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise KnowledgeError(f"{path.name}: field {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    ids = {p.id for p in rubric.pieces}
    unknown = [i for i in [*rubric.first_choices, *rubric.weak_first] if i not in ids]
    if unknown:
        raise KnowledgeError(f"{path.name}: unknown pieces {unknown}")
    return rubric


def _cite(source: Source) -> Citation:
    return Citation(ref=source.ref, where=source.where)


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def _segments(text: str) -> list[str]:
    """Sentences and list items: the unit a justification has to sit in."""
    parts = re.split(r"(?:\n+|(?<=[.!?;])\s+|\s(?=\(?\d[.)]\s)|\b(?=(?:first|second|third|then|next|finally)\b))", text)
    return [p.strip() for p in parts if p and p.strip()]


def proposed_slots(text: str, rubric: PlatformRubric | None = None) -> list[list[str]]:
    """The pieces a proposal names, grouped by the sentence or list item that names them, in order.

    One item may name two pieces that work as one ("a registry with automated deployment"); it fills one slot.
    """
    rubric = rubric or load_platform_rubric()
    seen: set[str] = set()
    slots = []
    for segment in _segments(text.lower()):
        found = []
        for piece in rubric.pieces:
            positions = [m.start() for p in piece.patterns for m in re.finditer(p, segment)]
            if positions and piece.id not in seen:
                found.append((min(positions), piece.id))
        if found:
            slot = [pid for _, pid in sorted(found)]
            seen.update(slot)
            slots.append(slot)
    return slots


def proposed_pieces(text: str, rubric: PlatformRubric | None = None) -> list[str]:
    """The infrastructure pieces a proposal names, in the order it first names them."""
    return [pid for slot in proposed_slots(text, rubric) for pid in slot]


def score_platform_plan(text: str, rubric: PlatformRubric | None = None) -> RubricResult:
    """Score a proposal for the startup's first three infrastructure pieces: coverage, order, reasons, scale."""
    rubric = rubric or load_platform_rubric()
    low = text.lower()
    slots = proposed_slots(text, rubric)
    named = [pid for slot in slots for pid in slot]
    chosen = [pid for slot in slots[:3] for pid in slot]
    items: list[RubricItem] = []

    pains_fixed = {pain for pid in chosen for pain in rubric.piece(pid).fixes}
    cover = min(45.0, sum(max(rubric.piece(pid).points for pid in slot) for slot in slots[:3]))
    missed = [p for p in rubric.setting_pains if p.id not in pains_fixed]
    note = (
        "Your first three: "
        + (", ".join(rubric.piece(p).name for p in chosen) or "none recognised")
        + ". "
        + (
            "They answer all three pains of the setting."
            if not missed
            else "Left unaddressed: " + "; ".join(p.text for p in missed) + "."
        )
    )
    if len(slots) > 3:
        note += f" You proposed {len(slots)} pieces; only the first three count — choosing is the exercise."
    items.append(
        RubricItem(
            id="coverage",
            name="Coverage: do the three pieces fix the startup's real pains?",
            points=cover,
            max_points=45,
            note=note + " " + " ".join(f"{rubric.piece(p).name}: {rubric.piece(p).why}" for p in chosen),
            sources=[_cite(p.source) for p in rubric.setting_pains] + [_cite(rubric.piece(p).source) for p in chosen],
        )
    )

    if not chosen:
        order_points, order_note = 0.0, "No pieces recognised yet, so there is no order to judge."
    elif chosen[0] in rubric.first_choices:
        order_points = 20.0
        order_note = f"Starting with {rubric.piece(chosen[0]).name} is a sound first step. {rubric.order_why}"
    else:
        order_points = rubric.weak_first.get(chosen[0], 10.0)
        order_note = f"Starting with {rubric.piece(chosen[0]).name} is early. {rubric.order_why}"
    if "training_pipeline" in chosen and "monitoring" not in chosen:
        order_points = max(0.0, order_points - 5)
        order_note += " Automated retraining without monitoring cannot tell you whether a retrained model is better."
    items.append(
        RubricItem(id="order", name="Order", points=order_points, max_points=20, note=order_note, sources=[CURATION])
    )

    segments = _segments(low)
    reasoned = []
    for pid in chosen:
        piece = rubric.piece(pid)
        mine = [s for s in segments if _any(piece.patterns, s)]
        if any(_any(rubric.reason_patterns, s) for s in mine):
            reasoned.append(pid)
    debt = _any(rubric.debt_patterns, low)
    just = 7.0 * len(reasoned) + (4.0 if debt else 0.0)
    unjustified = [rubric.piece(p).name for p in chosen if p not in reasoned]
    just_note = (
        (f"Justified: {', '.join(rubric.piece(p).name for p in reasoned)}. " if reasoned else "")
        + (
            f"Say why for: {', '.join(unjustified)} (which pain it removes, what goes wrong without it). "
            if unjustified
            else ""
        )
        + (
            "You made the hidden-technical-debt point: the model code is the small part; the system around it is "
            "where the work and the risk are."
            if debt
            else "Missing: the hidden-technical-debt point — model code is a small fraction of a real ML system, "
            "and the surrounding infrastructure is what this job builds."
        )
    )
    items.append(
        RubricItem(
            id="justification",
            name="Justification",
            points=min(25.0, just),
            max_points=25,
            note=just_note,
            sources=[_cite(rubric.debt_source)],
        )
    )

    scale = _any(rubric.scale_patterns, low)
    defers_store = "feature_store" in named and "feature_store" not in chosen
    scale_points = 10.0 if scale else 5.0 if defers_store else 0.0
    items.append(
        RubricItem(
            id="scale",
            name="Fits a 50-person startup",
            points=scale_points,
            max_points=10,
            note="You sized the work to three data scientists and two models."
            if scale
            else "Say how you keep it small: three data scientists and two models do not need a big platform yet "
            "(a feature store, for instance, can wait).",
            sources=[_cite(rubric.piece("feature_store").source)],
        )
    )
    total = sum(i.points for i in items)
    return RubricResult(
        rubric="first_ml_platform_engineer",
        score=total,
        max_score=100,
        items=items,
        summary=f"{total:.0f}/100 — first three: {', '.join(rubric.piece(p).name for p in chosen) or 'none yet'}.",
    )


def interview_rubric(feedback: list[QuestionFeedback], activities_covered: int, activities_total: int) -> RubricResult:
    """An informational interview: how sharp and open the questions were, and how much of the real work they covered."""
    n = len(feedback)
    mean = sum(f.score for f in feedback) / n if n else 0.0
    open_share = sum(1 for f in feedback if _criterion(f, "open") >= 0.5) / n if n else 0.0
    misjudged = sum(1 for f in feedback if _criterion(f, "respectful") < 0.5)
    items = [
        RubricItem(
            id="sharpness",
            name="Sharpness of the questions",
            points=round(0.4 * mean, 1),
            max_points=40,
            note=f"Mean sharpness {mean:.0f}/100 over {n} questions.",
        ),
        RubricItem(
            id="open",
            name="Open questions",
            points=round(15 * open_share, 1),
            max_points=15,
            note=f"{open_share:.0%} of your questions invite a story rather than a yes or no.",
        ),
        RubricItem(
            id="coverage",
            name="Coverage of the real work",
            points=round(25 * min(1.0, activities_covered / max(1, min(4, activities_total))), 1),
            max_points=25,
            note=f"Your questions touched {activities_covered} of the role's {activities_total} recurring activities "
            "in the knowledge base (four or more earns full marks).",
        ),
        RubricItem(
            id="judgement",
            name="Judgement",
            points=10.0 if misjudged == 0 else 5.0 if misjudged == 1 else 0.0,
            max_points=10,
            note="No salary-first, favour or flattery questions."
            if misjudged == 0
            else f"{misjudged} questions led with salary, a favour or flattery.",
        ),
        RubricItem(
            id="depth",
            name="Enough questions",
            points=min(10.0, 2.0 * n),
            max_points=10,
            note=f"{n} questions asked (five make a good half hour).",
        ),
    ]
    total = round(sum(i.points for i in items), 1)
    return RubricResult(
        rubric="informational_interview", score=total, max_score=100, items=items, summary=f"{total:.0f}/100"
    )


def _criterion(feedback: QuestionFeedback, cid: str) -> float:
    return next((c.value for c in feedback.criteria if c.id == cid), 0.0)


def checklist_rubric(rubric_id: str, checks: list[tuple[str, str, float, bool, str, str]]) -> RubricResult:
    """A rubric of yes/no checks: (id, name, points, passed, note when passed, note when not)."""
    items = [
        RubricItem(id=cid, name=name, points=points if ok else 0.0, max_points=points, note=yes if ok else no)
        for cid, name, points, ok, yes, no in checks
    ]
    total = sum(i.points for i in items)
    top = sum(i.max_points for i in items)
    return RubricResult(rubric=rubric_id, score=total, max_score=top, items=items, summary=f"{total:.0f}/{top:.0f}")
