"""Decode a job posting: what the job really is, with the sentences that show it.

``decode_posting(text, title=None) -> DecodedPosting`` is the one entry point; the CLI, batch
decoding, the web app and the person-side features all call it. The model and taxonomy load once
per process (``Decoder`` caches them).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from pydantic import BaseModel, ConfigDict

from careerlens.decode.company import CompanyGuess, guess_archetype
from careerlens.decode.facts import (
    Salary,
    Seniority,
    english_share,
    salary,
    seniority,
    title_flavour,
    workplace,
)
from careerlens.decode.flavour_model import EncodedPosting, FlavourModel
from careerlens.decode.text import PostingText, prepare_posting
from careerlens.errors import InputError
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.skills.extract import SkillMention, Taxonomy, extract_skills, load_taxonomy

SECONDARY_MIN_SHARE = 0.2
MISMATCH_MIN_SHARE = 0.35
EVIDENCE_PER_FLAVOUR = 3
EVIDENCE_MIN_TERMS = 5
EVIDENCE_FULL_TERMS = 14
LITTLE_TEXT_CHARS = 300


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    flavour: str
    sentence: str
    start: int
    end: int
    weight: float


class DecodedSkill(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    category: str
    need: str
    spans: list[tuple[int, int]]


class DecodedPosting(BaseModel):
    """Everything careerlens reads from one posting."""

    model_config = ConfigDict(frozen=True)

    title: str | None
    primary: str
    secondary: str | None
    flavours: dict[str, float]
    evidence: list[Evidence]
    title_flavour: str | None
    mismatch: bool
    mismatch_note: str | None
    skills: list[DecodedSkill]
    seniority: Seniority
    workplace: str | None
    salary: Salary | None
    company: CompanyGuess
    text: str
    boilerplate_sentences: int
    notes: list[str]

    @property
    def required_skills(self) -> list[DecodedSkill]:
        return [s for s in self.skills if s.need == "required"]


class Decoder:
    """Holds the loaded model, taxonomy and knowledge base; ``decode`` is cheap after the first call."""

    def __init__(
        self, model: FlavourModel | None = None, taxonomy: Taxonomy | None = None, knowledge: Knowledge | None = None
    ) -> None:
        self.model = model or FlavourModel.load()
        self.taxonomy = taxonomy or load_taxonomy()
        self.knowledge = knowledge or load_knowledge()

    def decode(self, text: str, title: str | None = None, company: str | None = None) -> DecodedPosting:
        if not isinstance(text, str):
            raise InputError("A posting must be text.")
        posting = prepare_posting(text)
        title = (title or "").strip() or _guess_title(posting)
        return self._decode(posting, title, company)

    def _decode(self, posting: PostingText, title: str | None, company: str | None) -> DecodedPosting:
        notes: list[str] = []
        work = posting.work_sentences
        encoded = self.model.encode(posting, title)
        shares = self.model.proba(encoded)
        ranked = sorted(shares, key=shares.__getitem__, reverse=True)
        primary = ranked[0]
        secondary = ranked[1] if shares[ranked[1]] >= SECONDARY_MIN_SHARE else None

        evidence = self._evidence(encoded, [f for f in (primary, secondary) if f])
        suggested = title_flavour(title)
        mismatch = bool(
            suggested and suggested != primary and shares[primary] >= MISMATCH_MIN_SHARE and suggested != secondary
        )
        note = None
        if mismatch and suggested:
            kb = self.knowledge
            shown = [e.sentence for e in evidence if e.flavour == primary][:2]
            note = (
                f"Titled “{title}”, which suggests {kb.roles[suggested].name}; the work is mostly "
                f"{kb.roles[primary].name}" + (f": “{shown[0][:140]}”" if shown else ".")
            )

        skills = [
            DecodedSkill(id=m.id, name=m.name, category=m.category, need=m.need, spans=list(m.spans))
            for m in extract_skills(posting.sentences, self.taxonomy)
        ]
        work_chars = sum(len(s.text) for s in work)
        if work_chars < LITTLE_TEXT_CHARS:
            notes.append(f"Only {work_chars} characters describe the work itself; the reading is uncertain.")
        if english_share(posting.text) < 0.08:
            notes.append(
                "This posting does not look like English; flavour and skills are read from what "
                "matches English terms and may be incomplete."
            )
        return DecodedPosting(
            title=title,
            primary=primary,
            secondary=secondary,
            flavours={k: round(v, 4) for k, v in shares.items()},
            evidence=evidence,
            title_flavour=suggested,
            mismatch=mismatch,
            mismatch_note=note,
            skills=skills,
            seniority=seniority(title, list(posting.sentences)),
            workplace=workplace(posting.text),
            salary=salary(posting.text),
            company=guess_archetype(self.knowledge, posting.text, company),
            text=posting.text,
            boilerplate_sentences=sum(s.boilerplate for s in posting.sentences),
            notes=notes,
        )

    def _evidence(self, encoded: EncodedPosting, flavours: list[str]) -> list[Evidence]:
        """For each flavour, the work sentences that on their own read most clearly as that flavour."""
        work = encoded.sentences
        if not work:
            return []
        proba = self.model.sentence_proba(encoded)
        best = proba.argmax(axis=1)
        # Short sentences ("Minimum 2 years") say little; weigh a sentence by how many known terms it has.
        substance = np.minimum(1.0, np.array([len(ids) for ids in encoded.sentence_ids]) / EVIDENCE_FULL_TERMS)
        out: list[Evidence] = []
        for flavour in flavours:
            k = self.model.classes.index(flavour)
            score = np.where(best == k, proba[:, k] * substance, 0.0)
            for row in np.argsort(-score)[:EVIDENCE_PER_FLAVOUR]:
                if score[row] <= 0 or len(encoded.sentence_ids[row]) < EVIDENCE_MIN_TERMS:
                    continue
                s = work[row]
                out.append(
                    Evidence(
                        flavour=flavour, sentence=s.text, start=s.start, end=s.end, weight=round(float(score[row]), 4)
                    )
                )
        return out


def _guess_title(posting: PostingText) -> str | None:
    """A title taken from the document when none is given: a short first line that is not a heading."""
    for s in posting.sentences[:3]:
        words = s.text.split()
        if 1 <= len(words) <= 8 and not s.text.endswith((".", ":")) and not s.heading:
            return s.text
    return None


@cache
def default_decoder() -> Decoder:
    return Decoder()


def decode_posting(text: str, title: str | None = None, company: str | None = None) -> DecodedPosting:
    """Decode one posting (plain text, HTML or markdown) with the shipped model."""
    return default_decoder().decode(text, title=title, company=company)


__all__ = ["DecodedPosting", "DecodedSkill", "Decoder", "Evidence", "SkillMention", "decode_posting"]
