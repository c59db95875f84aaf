"""How sharp is an informational-interview question?

A sharp question is **specific** (it names the real work of the role, as the knowledge base and real
postings describe it), **open** (not answerable with yes or no), **not searchable** (a definition or a
company fact is a waste of a busy person's time), **grounded in the day to day** (last week, the last
incident, a typical morning) and **respectful** (not salary-first, not a favour, not flattery).

:func:`question_features` turns a question into a few numbers, one per signal; :class:`SharpnessScorer`
weighs them with a logistic model fitted on the tuning part of the team's labelled questions
(``data/labels/questions``) and shipped with its card in ``studio/data/sharpness_model.json``;
:func:`suggest_better` rewrites a weak question around one of the role's real activities and keeps the
rewrite only when it scores higher.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from careerlens.errors import ModelError
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.skills.extract import load_taxonomy
from careerlens.studio.models import Criterion, QuestionFeedback

MODEL_PATH = Path(__file__).parent / "data" / "sharpness_model.json"
SHARP, WEAK = 65.0, 50.0

_WORD = re.compile(r"[a-z0-9][a-z0-9'+#/-]*")
_OPEN_START = re.compile(
    r"^(how|what|which|why|when|where|who|walk me through|tell me about|describe|talk me through|"
    r"(can|could|would) you (walk|talk|describe|tell me about|share|explain how|give me an example|"
    r"tell me how|tell me what|say more))\b"
)
_CLOSED_START = re.compile(
    r"^(do|does|did|is|are|was|were|can|could|will|would|should|have|has|had|am|may|must|shall)\b"
)
_DAY_TO_DAY = re.compile(
    r"\b(last (time|week|month|quarter|incident|page|postmortem|project)|yesterday|this week|recent(ly)?|"
    r"typical (week|day|morning)|first (hour|week|month|three months|project)|every (morning|day|week)|"
    r"right now|today|in practice|actually|usually|day[- ]to[- ]day|on-?call|your week|a week|"
    r"what happened|example|story|tell me about (a|the) (time|project)|walk me through|postmortem|"
    r"when (a|the|you|your)|since you joined|proud of|got wrong|surprised)\b"
)
_PERSONAL = re.compile(r"\b(you|your|yours|you've|you're|you'd)\b")
_SEARCHABLE = re.compile(
    r"^(what is|what's|what are|what does) (a |an |the )?[a-z/ -]{1,30}\??$|"
    r"\b(meaning of|definition of|stand for|when was .* founded|how many employees|company'?s mission|"
    r"what does (your|the) company do|tech stack|what cloud|benefits|interview process|certifications?|"
    r"how do i become|what skills do i need|what programming languages|what is the difference between)\b"
)
_PAY = re.compile(r"\b(salary|salaries|make|paid|pay|earn|earning|compensation|equity|bonus|benefits)\b")
_FAVOUR = re.compile(r"\b(refer|referral|hiring|internship|my resume|my cv|mentor|a job at|get me|fit for)\b|good fit")
_FLATTERY = re.compile(r"\b(so impressive|impressive|amazing|so smart|really smart|successful|genius|inspiring)\b")
_VAGUE = re.compile(
    r"\b(any advice|any tips|tips\??$|general thoughts|thoughts on|everything about|future of|"
    r"what do you think about|culture like|office like|is it (hard|stressful|fun|worth)|"
    r"what'?s a typical day like|what'?s it like)\b"
)
_DEPTH = re.compile(
    r"\b(and (why|what|how|who|which|where)|what (changed|happened)|how long|versus|vs\.?|compared (with|to)|"
    r"rather than|instead of|tradeoffs?|trade-offs?|would you change|differently)\b"
)
# Common English words that carry no topic, shared with the coach's fact retrieval.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "you",
        "your",
        "i",
        "me",
        "my",
        "we",
        "our",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "what",
        "how",
        "which",
        "why",
        "when",
        "where",
        "who",
        "whom",
        "there",
        "their",
        "them",
        "they",
        "he",
        "she",
        "can",
        "could",
        "would",
        "should",
        "will",
        "have",
        "has",
        "had",
        "not",
        "no",
        "yes",
        "if",
        "so",
        "than",
        "then",
        "about",
        "into",
        "over",
        "under",
        "more",
        "most",
        "such",
        "very",
        "just",
        "also",
        "any",
        "all",
        "some",
        "each",
        "other",
        "out",
        "up",
        "down",
        "off",
        "own",
        "same",
        "too",
        "only",
    ]
)

FEATURES: tuple[str, ...] = (
    "open",
    "closed",
    "specific_terms",
    "day_to_day",
    "personal",
    "searchable",
    "pay_first",
    "favour",
    "flattery",
    "vague",
    "depth",
    "short",
    "long",
)
LABELS = ("good", "weak")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def domain_terms(kb: Knowledge | None = None) -> frozenset[str]:
    """Content words of what the roles really involve: activities, evidence, workflows, ML work of companies."""
    kb = kb or load_knowledge()
    texts: list[str] = []
    for role in kb.roles.values():
        texts += [a.text for a in role.activities] + [e.text for e in role.evidence]
    for company in kb.companies.values():
        texts += [w.text for w in company.ml_work]
    for flow in kb.guidance.workflows:
        texts += flow.steps
    terms = {w for t in texts for w in words(t) if w not in STOPWORDS and len(w) > 3}
    # Operational words of the job that the seeds imply but phrase differently.
    terms |= {"incident", "rollback", "postmortem", "on-call", "alerts", "budget", "handoff", "deploy", "deployment"}
    return frozenset(terms)


def _skill_mentions(text: str) -> int:
    return len({sid for sid, _, _ in load_taxonomy().find(text)})


def question_features(question: str) -> dict[str, float]:
    """The signals of sharpness, each a number of roughly 0-1 (see the module docstring)."""
    text = " ".join(question.strip().lower().split())
    tokens = words(text)
    n = len(tokens)
    content = [w for w in tokens if w not in STOPWORDS]
    terms = domain_terms()
    specific = sum(w in terms for w in content) + _skill_mentions(question)
    opened = bool(_OPEN_START.search(text))
    return {
        "open": 1.0 if opened else 0.0,
        "closed": 1.0 if _CLOSED_START.search(text) and not opened else 0.0,
        "specific_terms": min(specific, 6) / 6,
        "day_to_day": min(len(_DAY_TO_DAY.findall(text)), 3) / 3,
        "personal": 1.0 if _PERSONAL.search(text) else 0.0,
        "searchable": 1.0 if _SEARCHABLE.search(text) else 0.0,
        "pay_first": 1.0 if _PAY.search(text) else 0.0,
        "favour": 1.0 if _FAVOUR.search(text) else 0.0,
        "flattery": 1.0 if _FLATTERY.search(text) else 0.0,
        "vague": 1.0 if _VAGUE.search(text) else 0.0,
        "depth": min(len(_DEPTH.findall(text)), 2) / 2,
        "short": max(0.0, (8 - n) / 8),
        "long": max(0.0, min(1.0, (n - 40) / 20)),
    }


def _matrix(questions: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([[question_features(q)[f] for f in FEATURES] for q in questions], dtype=np.float64)


def auc(scores: Sequence[float], labels: Sequence[str]) -> float:
    """Probability that a good question scores above a weak one (ties count half): the primary metric."""
    good = [s for s, y in zip(scores, labels, strict=True) if y == "good"]
    weak = [s for s, y in zip(scores, labels, strict=True) if y == "weak"]
    if not good or not weak:
        raise ValueError("AUC needs at least one good and one weak question.")
    wins = sum(1.0 if g > w else 0.5 if g == w else 0.0 for g in good for w in weak)
    return wins / (len(good) * len(weak))


class SharpnessScorer:
    """A logistic model over :func:`question_features` (estimator conventions: ``fit`` returns self)."""

    def __init__(self, l2: float = 0.5, iterations: int = 4000, learning_rate: float = 0.5) -> None:
        self.l2 = l2
        self.iterations = iterations
        self.learning_rate = learning_rate

    def fit(self, questions: Sequence[str], labels: Sequence[str]) -> SharpnessScorer:
        x = _matrix(questions)
        y = np.array([1.0 if label == "good" else 0.0 for label in labels])
        w = np.zeros(x.shape[1])
        b = 0.0
        for _ in range(self.iterations):
            p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
            grad_w = x.T @ (p - y) / len(y) + self.l2 * w / len(y)
            grad_b = float(np.mean(p - y))
            w -= self.learning_rate * grad_w
            b -= self.learning_rate * grad_b
        self.weights_ = {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)}
        self.bias_ = round(b, 4)
        return self

    def score(self, question: str) -> float:
        """0-100: the model's probability that the question is a good one."""
        if not hasattr(self, "weights_"):
            raise ModelError("The sharpness scorer is not fitted: call fit() or use load_scorer().")
        feats = question_features(question)
        z = self.bias_ + sum(self.weights_[f] * feats[f] for f in FEATURES)
        return round(100.0 / (1.0 + math.exp(-z)), 1)

    def card(self, **metrics: Any) -> dict[str, Any]:
        return {
            "model": "logistic regression over hand-built question features",
            "features": list(FEATURES),
            "weights": self.weights_,
            "bias": self.bias_,
            "params": {"l2": self.l2, "iterations": self.iterations, "learning_rate": self.learning_rate},
            "built": date.today().isoformat(),
            **metrics,
        }


def load_scorer(path: Path = MODEL_PATH) -> SharpnessScorer:
    """The shipped, fitted scorer."""
    return _load_scorer(path)


@cache
def _load_scorer(path: Path) -> SharpnessScorer:
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
        scorer = SharpnessScorer(**card["params"])
        if list(card["features"]) != list(FEATURES):
            raise ModelError(f"{path.name} was built for other features; rebuild it (scripts/build_studio_stats.py).")
        scorer.weights_ = {f: float(card["weights"][f]) for f in FEATURES}
        scorer.bias_ = float(card["bias"])
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"Cannot load the sharpness model {path}: {exc}") from None
    return scorer


# Labelled questions: the team's hand-written set, split deterministically by id.
@dataclass(frozen=True)
class LabelledQuestion:
    id: str
    question: str
    label: str
    why: str

    @property
    def part(self) -> str:
        """'heldout' for about 40% of ids (by a hash of the id), else 'tuning'."""
        return "heldout" if int(hashlib.sha256(self.id.encode()).hexdigest(), 16) % 10 < 4 else "tuning"


def read_labelled(path: Path | str) -> list[LabelledQuestion]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                raw = json.loads(line)
                if raw["label"] not in LABELS:
                    raise ValueError(f"{path}: {raw['id']} has label {raw['label']!r}, not good or weak")
                rows.append(LabelledQuestion(raw["id"], raw["question"], raw["label"], raw["why"]))
    return rows


# Feedback and suggestions
def _activity_phrase(text: str) -> str:
    """'Build pipelines that bring in data.' -> 'build pipelines that bring in data'."""
    phrase = text.strip().rstrip(".")
    phrase = phrase.split(":")[-1].strip() if ":" in phrase[:40] else phrase
    return phrase[0].lower() + phrase[1:] if phrase else phrase


def _topic_activities(question: str, role: str, kb: Knowledge) -> list[str]:
    """The role's activities, those sharing the most words with the question first."""
    asked = {w for w in words(question) if w not in STOPWORDS}
    activities = [a.text for a in kb.role(role).activities]
    return sorted(activities, key=lambda a: -len(asked & {w for w in words(a) if w not in STOPWORDS}))


def suggestions(question: str, role: str = "ml_engineer", kb: Knowledge | None = None) -> list[str]:
    """Candidate rewrites of a question, grounded in the role's real activities (best topic match first)."""
    kb = kb or load_knowledge()
    text = " ".join(question.split()).rstrip("?")
    low = text.lower()
    skills = [load_taxonomy().skills[sid].name for sid, _, _ in load_taxonomy().find(text)]
    out: list[str] = []
    for skill in skills[:2]:
        out.append(f"Where does {skill} actually show up in your week, and what was the last problem it caused you?")
    for activity in _topic_activities(text, role, kb)[:3]:
        phrase = _activity_phrase(activity)
        out.append(
            f"Walk me through the last time you had to {phrase}: what went wrong, and what would you do differently?"
        )
        out.append(
            f"How much of a typical week goes to work where you {phrase}, and what makes it harder than it looks?"
        )
    if _PAY.search(low):
        out.insert(0, "How is success in your role measured at review time, and which parts of the work get rewarded?")
    if _FAVOUR.search(low):
        out.insert(
            0, "If you were hiring for your own team, what would make a candidate's project stand out to you, and why?"
        )
    return list(dict.fromkeys(out))


def suggest_better(
    question: str, role: str = "ml_engineer", scorer: SharpnessScorer | None = None, kb: Knowledge | None = None
) -> tuple[str, float] | None:
    """The best-scoring rewrite and its score, or None when no rewrite beats the original."""
    scorer = scorer or load_scorer()
    original = scorer.score(question)
    scored = [(scorer.score(s), s) for s in suggestions(question, role, kb)]
    # Candidates come most on-topic first: keep the first that is clearly sharp, else the best that beats the original.
    for score, text in scored:
        if score >= max(SHARP, original + 10):
            return text, score
    better = [(score, -i, text) for i, (score, text) in enumerate(scored) if score > original]
    if not better:
        return None
    best_score, _, best = max(better)
    return best, best_score


def _criteria(feats: dict[str, float]) -> list[Criterion]:
    def c(cid: str, name: str, value: float, good: str, bad: str) -> Criterion:
        value = round(max(0.0, min(1.0, value)), 2)
        return Criterion(id=cid, name=name, value=value, note=good if value >= 0.5 else bad)

    return [
        c(
            "specific",
            "specific",
            feats["specific_terms"] * 2 - feats["vague"],
            "names real parts of the work",
            "generic: name a part of the real work (pipelines, serving, monitoring, experiments…)",
        ),
        c(
            "open",
            "open",
            1.0 - feats["closed"],
            "open: invites a story",
            "closed: it can be answered with yes or no",
        ),
        c(
            "not_searchable",
            "not searchable",
            1.0 - feats["searchable"],
            "only this person can answer it",
            "searchable: a definition, a company fact or a posting would answer it",
        ),
        c(
            "day_to_day",
            "day to day",
            feats["day_to_day"] * 2,
            "reaches the day-to-day reality",
            "abstract: anchor it in a recent day, project or incident",
        ),
        c(
            "respectful",
            "well judged",
            1.0 - max(feats["pay_first"], feats["favour"], feats["flattery"]),
            "asks for insight, not favours",
            "salary, favours or flattery first: it spends goodwill you need for the real questions",
        ),
    ]


def score_question(
    question: str, role: str = "ml_engineer", scorer: SharpnessScorer | None = None, kb: Knowledge | None = None
) -> QuestionFeedback:
    """Score a question, explain the score, and offer a sharper version when it is not sharp yet."""
    scorer = scorer or load_scorer()
    feats = question_features(question)
    score = scorer.score(question)
    criteria = _criteria(feats)
    verdict = "sharp" if score >= SHARP else "fair" if score >= WEAK else "weak"
    notes = [c.note for c in criteria if c.value < 0.5]
    if feats["long"] > 0:
        notes.append("long: ask one thing at a time so the answer can go deep")
    better = suggest_better(question, role, scorer, kb) if verdict != "sharp" else None
    return QuestionFeedback(
        question=question,
        score=score,
        verdict=verdict,
        criteria=criteria,
        notes=notes or ["sharp: specific, open and about the real work"],
        better=better[0] if better else None,
        better_score=better[1] if better else None,
    )


def rank_questions(questions: Iterable[str], scorer: SharpnessScorer | None = None) -> list[tuple[str, float]]:
    scorer = scorer or load_scorer()
    return sorted(((q, scorer.score(q)) for q in questions), key=lambda r: -r[1])
