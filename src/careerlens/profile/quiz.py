"""The questionnaire: 48 RIASEC interest items, field items, self-rated skills, time and constraints.

Answers are a plain mapping of item id to value, so they can be saved after every answer (the
questionnaire resumes where it stopped), read from a YAML file, and turned into a
:class:`Profile` by :func:`profile_from_answers` at any point, complete or not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from careerlens.errors import InputError, UnknownIdError
from careerlens.knowledge.loader import closest_ids
from careerlens.knowledge.models import FLAVOUR_IDS, Source
from careerlens.profile.models import Constraints, Interests, Profile, SkillEvidence
from careerlens.skills.extract import load_taxonomy

DATA = Path(__file__).parent / "data"
ItemKind = Literal["riasec", "field", "skill", "hours", "degree", "phd", "location"]
RIASEC_SCALE = "1 strongly dislike · 2 dislike · 3 unsure · 4 like · 5 strongly like"
SKILL_SCALE = "0 never used · 1 studied it · 2 used it in a project · 3 used it at work"
DEGREES = ("none", "bachelor", "master", "phd")


class FieldItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    flavours: dict[str, float]
    source: Source


class QuizData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field_items: list[FieldItem]
    self_rated_skills: list[str]


@dataclass(frozen=True)
class Item:
    """One question: its id, kind, the prompt shown, and the RIASEC type for interest items."""

    id: str
    kind: ItemKind
    text: str
    riasec: str | None = None

    @property
    def scale(self) -> str:
        return {
            "riasec": RIASEC_SCALE,
            "field": RIASEC_SCALE,
            "skill": SKILL_SCALE,
            "hours": "hours per week you can give to learning (1-80)",
            "degree": "highest degree you hold: " + " / ".join(DEGREES),
            "phd": "yes / no",
            "location": "city or region, or 'remote' (leave empty to skip)",
        }[self.kind]


@cache
def quiz_data() -> QuizData:
    raw = yaml.safe_load((DATA / "quiz.yaml").read_text(encoding="utf-8"))
    data = QuizData.model_validate(raw)
    taxonomy = load_taxonomy()
    for item in data.field_items:
        unknown = set(item.flavours) - set(FLAVOUR_IDS)
        if unknown:
            raise ValueError(f"quiz.yaml field item {item.id}: unknown flavours {sorted(unknown)}")
    missing = [s for s in data.self_rated_skills if s not in taxonomy.skills]
    if missing:
        raise ValueError(f"quiz.yaml self_rated_skills: not in the taxonomy: {missing}")
    return data


@cache
def items() -> tuple[Item, ...]:
    """Every question in the order they are asked."""
    riasec = json.loads((DATA / "riasec_items.json").read_text(encoding="utf-8"))["items"]
    data = quiz_data()
    taxonomy = load_taxonomy()
    out = [Item(r["id"], "riasec", f"How much would you like to: {r['text'].lower()}?", r["type"]) for r in riasec]
    out += [
        Item(f"field.{f.id}", "field", f"How much would you enjoy: {f.text[0].lower()}{f.text[1:]}?")
        for f in data.field_items
    ]
    out += [
        Item(f"skill.{s}", "skill", f"How well do you know {taxonomy.skills[s].name}?") for s in data.self_rated_skills
    ]
    out += [
        Item("hours", "hours", "How many hours a week can you give to learning?"),
        Item("degree", "degree", "What is the highest degree you hold?"),
        Item("open_to_phd", "phd", "Would you consider doing a PhD?"),
        Item("location", "location", "Where do you want to work?"),
    ]
    return tuple(out)


def item(item_id: str) -> Item:
    found = {i.id: i for i in items()}
    if item_id not in found:
        raise UnknownIdError("questionnaire item", item_id, closest_ids(item_id, list(found)))
    return found[item_id]


def parse_answer(question: Item, raw: Any) -> Any:
    """A validated answer value for ``question``, or an :class:`InputError` saying what is expected."""
    text = str(raw).strip().lower() if raw is not None else ""
    bad = InputError(f"{question.id}: {raw!r} is not an answer; expected {question.scale}.")
    if question.kind in ("riasec", "field", "skill", "hours"):
        try:
            value = int(text)
        except ValueError:
            raise bad from None
        low, high = {"riasec": (1, 5), "field": (1, 5), "skill": (0, 3), "hours": (1, 80)}[question.kind]
        if not low <= value <= high:
            raise bad
        return value
    if question.kind == "degree":
        aliases = {"phd": "phd", "ph.d": "phd", "doctorate": "phd", "masters": "master", "bachelors": "bachelor"}
        value_s = aliases.get(text, text)
        if value_s not in DEGREES:
            raise bad
        return value_s
    if question.kind == "phd":
        if text in ("yes", "y", "true", "1"):
            return True
        if text in ("no", "n", "false", "0"):
            return False
        raise bad
    return str(raw).strip()[:100] if raw is not None else ""


def read_answers(path: Path | str) -> dict[str, Any]:
    """Answers from a YAML (or JSON) file of ``item id: value``; every value is checked."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise InputError(f"Cannot read {path}: no such file.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(raw, Mapping):
        raise InputError(f"{path.name} should map question ids to answers (e.g. 'R1: 4').")
    return {str(key): parse_answer(item(str(key)), value) for key, value in raw.items()}


def unanswered(answers: Mapping[str, Any]) -> list[Item]:
    return [i for i in items() if i.id not in answers]


def profile_from_answers(answers: Mapping[str, Any], name: str = "me") -> Profile:
    """A profile from the answers given so far (interest scores use whatever items were answered)."""
    by_type: dict[str, list[int]] = {}
    fields: dict[str, float] = {}
    skills: dict[str, SkillEvidence] = {}
    taxonomy = load_taxonomy()
    for question in items():
        value = answers.get(question.id)
        if value is None:
            continue
        if question.kind == "riasec" and question.riasec:
            by_type.setdefault(question.riasec, []).append(int(value))
        elif question.kind == "field":
            fields[question.id.removeprefix("field.")] = float(value)
        elif question.kind == "skill" and int(value) > 0:
            skill = taxonomy.skills[question.id.removeprefix("skill.")]
            skills[skill.id] = SkillEvidence(
                id=skill.id,
                name=skill.name,
                category=skill.category,
                strength="claimed",
                self_rating=int(value),
                where=[f"questionnaire: {SKILL_SCALE.split(' · ')[int(value)][2:]}"],
            )
    riasec = {t: round(sum(v) / len(v), 2) for t, v in sorted(by_type.items())}
    location = answers.get("location") or None
    return Profile(
        name=name,
        skills=skills,
        interests=Interests(riasec=riasec, fields=fields) if riasec or fields else None,
        hours_per_week=answers.get("hours"),
        constraints=Constraints(
            degree_held=answers.get("degree"), open_to_phd=answers.get("open_to_phd"), location=location
        ),
        built_from=["quiz"],
    )
