"""The path finder: the twelve role flavours ranked for one person, with reasons for and against.

Six parts, each scored 0-1 and explained in words:

- **interest**: the person's RIASEC scores against the O*NET interest profile of the flavour's
  crosswalked occupations (profile correlation), blended with the field items that point to it;
- **skills**: how far the person is with the flavour's core skills and with what its postings ask most;
- **distance**: the hours still needed for the core skills and their prerequisites, in months at
  the person's hours per week;
- **market**: the flavour's share of real postings;
- **pay**: the flavour's median pay (ai-jobs.net, self-reported), relative to the others;
- **degree**: the degree the work usually asks for, against the one held and openness to a PhD.

``other`` (work outside the field) is always listed last.
Parts that cannot be judged (no questionnaire, no pay figure) are left out and the rest reweighted.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from careerlens.knowledge.compare import headline_pay
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.plan.demand import Demand, load_demand
from careerlens.plan.graph import Graph
from careerlens.profile.models import DEGREE_RANK, Profile
from careerlens.profile.quiz import quiz_data
from careerlens.skills.extract import load_taxonomy

PROFILES_PATH = Path(__file__).parent / "data" / "interest_profiles.json"
WEIGHTS = {"interest": 0.4, "skills": 0.2, "distance": 0.1, "market": 0.05, "pay": 0.05, "degree": 0.2}
DEFAULT_HOURS = 10
MARKET_MIN_SHARE = 0.25  # skills named by at least this share of a flavour's postings count as "asked"
RIASEC = ("R", "I", "A", "S", "E", "C")


class PathScore(BaseModel):
    flavour: str
    name: str
    score: float
    parts: dict[str, float]
    reasons_for: list[str]
    reasons_against: list[str]
    missing_core: list[str]
    hours_to_core: int


@cache
def interest_profiles(path: Path = PROFILES_PATH) -> dict[str, dict[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v["riasec"] for k, v in data["flavours"].items()}


def _pearson(a: list[float], b: list[float]) -> float:
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    va = math.sqrt(sum((x - ma) ** 2 for x in a))
    vb = math.sqrt(sum((y - mb) ** 2 for y in b))
    return cov / (va * vb) if va and vb else 0.0


def interest_fit(profile: Profile, flavour: str) -> tuple[float, str] | None:
    """0-1 and a sentence, or None when the person has not answered the interest items."""
    interests = profile.interests
    if interests is None:
        return None
    parts: list[tuple[float, float]] = []
    notes = []
    occupation = interest_profiles().get(flavour)
    if occupation and len(interests.riasec) >= 4:
        types = [t for t in RIASEC if t in interests.riasec]
        r = _pearson([interests.riasec[t] for t in types], [occupation[t] for t in types])
        parts.append(((r + 1) / 2, 0.4))
        top = "".join(sorted(types, key=lambda t: -interests.riasec[t])[:2])
        job = "".join(sorted(RIASEC, key=lambda t: -occupation[t])[:2])
        notes.append(f"your interest code starts {top}; the work's starts {job} (match r = {r:+.2f})")
    weighted = [
        (item.flavours[flavour], interests.fields[item.id])
        for item in quiz_data().field_items
        if flavour in item.flavours and item.id in interests.fields
    ]
    if weighted:
        mean = sum(w * v for w, v in weighted) / sum(w for w, _ in weighted)
        parts.append(((mean - 1) / 4, 0.6))
        notes.append(f"you rated the kinds of work it involves {mean:.1f}/5")
    if not parts:
        return None
    score = sum(s * w for s, w in parts) / sum(w for _, w in parts)
    return score, "; ".join(notes)


def rank_paths(profile: Profile, kb: Knowledge | None = None, demand: Demand | None = None) -> list[PathScore]:
    """Every flavour, best fit first (ties broken by id, so the order is stable)."""
    kb = kb or load_knowledge()
    demand = demand or load_demand()
    graph = Graph(kb)
    taxonomy = load_taxonomy()
    hours_per_week = profile.hours_per_week or DEFAULT_HOURS
    pays = {f: p.p50 for f in FLAVOUR_IDS if (p := headline_pay(kb, f, "aijobs_salaries")) and p.p50}
    top_share = max(demand.market_share.values())
    implied = graph.implied(profile.holds, profile.skills)
    results = []
    for flavour in FLAVOUR_IDS:
        role = kb.roles[flavour]
        parts: dict[str, tuple[float, str]] = {}
        interest = interest_fit(profile, flavour)
        if interest:
            parts["interest"] = interest

        core = [s.skill for s in role.skills.core]
        asked = [
            (s, share) for s, share in demand.top(flavour, MARKET_MIN_SHARE) if taxonomy.skills[s].category != "soft"
        ]
        core_level = sum(profile.level(s) for s in core) / len(core) if core else 0.0
        market_level = sum(profile.level(s) * w for s, w in asked) / sum(w for _, w in asked) if asked else core_level
        held = [taxonomy.skills[s].name for s in core if profile.holds(s)]
        parts["skills"] = (
            0.5 * core_level + 0.5 * market_level,
            f"you can already use {len(held)} of its {len(core)} core skills"
            + (f" ({', '.join(held[:5])})" if held else ""),
        )

        missing = sorted(graph.with_prerequisites(core, lambda s: profile.holds(s) or s in implied))
        hours = sum(graph.hours(s) for s in missing)
        months = hours / (hours_per_week * 52 / 12)
        missing_core = [s for s in core if not profile.holds(s)]
        parts["distance"] = (
            1 / (1 + months / 6),
            f"about {hours} hours to its core skills and their prerequisites, ~{months:.0f} months at "
            f"{hours_per_week} h/week"
            if missing
            else "you hold all its core skills",
        )
        share = demand.market_share.get(flavour, 0.0)
        parts["market"] = (
            math.sqrt(share / top_share) if top_share else 0.0,
            f"{share:.1%} of {demand.basis} are mostly this work",
        )
        if flavour in pays and len(pays) > 1:
            low, high = min(pays.values()), max(pays.values())
            parts["pay"] = (
                (pays[flavour] - low) / (high - low) if high > low else 0.5,
                f"median ${pays[flavour]:,.0f} (ai-jobs.net, by title, self-reported)",
            )
        parts["degree"] = _degree_fit(profile, role.degrees.typical, role.degrees.phd)

        total_weight = sum(WEIGHTS[k] for k in parts)
        score = sum(WEIGHTS[k] * v for k, (v, _) in parts.items()) / total_weight
        results.append(
            PathScore(
                flavour=flavour,
                name=role.name,
                score=round(100 * score, 1),
                parts={k: round(v, 3) for k, (v, _) in parts.items()},
                reasons_for=[f"{k}: {note}" for k, (v, note) in parts.items() if v >= 0.6],
                reasons_against=[f"{k}: {note}" for k, (v, note) in parts.items() if v <= 0.35],
                missing_core=missing_core,
                hours_to_core=hours,
            )
        )
    # "other" is the label for work outside this field (sales, consulting, management): it is scored, so a
    # person can see it, but never recommended above a path careerlens can actually map.
    for r in results:
        if r.flavour == "other":
            r.reasons_against.insert(0, "not a data or ML path: the label for sales, consulting or management work")
    results.sort(key=lambda r: (r.flavour == "other", -r.score, r.flavour))
    return results


def _degree_fit(profile: Profile, typical: str, phd: str) -> tuple[float, str]:
    held = profile.degree
    gap = DEGREE_RANK[typical] - DEGREE_RANK[held]  # type: ignore[index]
    score = 1.0 if gap <= 0 else 0.6 if gap == 1 else 0.3
    note = f"usually asks for a {typical} degree; you hold {held if held != 'none' else 'none recorded'}"
    if held != "phd" and phd in ("expected", "common"):
        open_to = profile.constraints.open_to_phd
        factor = {"expected": (0.5, 0.15), "common": (0.85, 0.6)}[phd]
        score *= factor[0] if open_to is not False else factor[1]
        note += f"; a PhD is {phd}" + (" and you would rather not do one" if open_to is False else "")
    return score, note
