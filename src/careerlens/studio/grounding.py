"""The facts a coach may say, each with its source, and a small retriever over them.

Facts come from the knowledge base (roles, companies, guidance, pay) and from two shipped statistics of
the real postings corpus: skill demand (``plan/data/skill_demand.json``) and the studio's base rates
(``studio/data/base_rates.json``, built by ``scripts/build_studio_stats.py``). Every number a coach says
is in one of these facts; nothing is estimated.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from careerlens.errors import ModelError
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import Source
from careerlens.plan.demand import load_demand
from careerlens.skills.extract import load_taxonomy
from careerlens.studio.models import Citation, GroundFact
from careerlens.studio.sharpness import STOPWORDS

BASE_RATES_PATH = Path(__file__).parent / "data" / "base_rates.json"
LEVEL_NAMES = {"intern": "intern", "junior": "junior", "mid": "mid-level", "senior": "senior", "staff+": "staff+"}


@cache
def load_base_rates(path: Path = BASE_RATES_PATH) -> dict[str, Any]:
    """The shipped base rates (degree, years and stated pay by flavour, level and company archetype)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"Cannot read the studio's base rates {path}: {exc}. Rebuild them.") from None
    return data


def _cite(source: Source) -> Citation:
    return Citation(ref=source.ref, where=source.where)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _money(x: float) -> str:
    return f"${x:,.0f}"


def _stats_cite(where: str) -> Citation:
    rates = load_base_rates()
    return Citation(ref=rates["source"]["ref"], where=f"studio/data/base_rates.json {where} (built {rates['built']})")


def role_facts(role_id: str, kb: Knowledge | None = None) -> list[GroundFact]:
    """What the knowledge base says about a role: the work, evidence, backgrounds, neighbours, degrees, pay."""
    kb = kb or load_knowledge()
    role = kb.role(role_id)
    out = [
        GroundFact(id=f"{role_id}.summary", text=role.summary.text, topic="summary", source=_cite(role.summary.source))
    ]
    out += [
        GroundFact(id=f"{role_id}.activity.{i}", text=a.text, topic="activities", source=_cite(a.source))
        for i, a in enumerate(role.activities)
    ]
    out += [
        GroundFact(id=f"{role_id}.background.{i}", text=b.text, topic="path", source=_cite(b.source))
        for i, b in enumerate(role.backgrounds)
    ]
    out += [
        GroundFact(id=f"{role_id}.neighbour.{n.role}", text=n.difference, topic="neighbours", source=_cite(n.source))
        for n in role.neighbours
    ]
    out.append(
        GroundFact(
            id=f"{role_id}.degrees",
            text=f"For {role.name} work the typical degree is {role.degrees.typical}; a PhD is "
            f"{role.degrees.phd} ({role.degrees.source.where}).",
            topic="degree",
            source=_cite(role.degrees.source),
        )
    )
    for i, p in enumerate(role.stated_pay):
        span = f"{_money(p.low)}–{_money(p.high)}" if p.high else f"over {_money(p.low)}"
        out.append(
            GroundFact(id=f"{role_id}.stated_pay.{i}", text=f"{span}: {p.basis}", topic="pay", source=_cite(p.source))
        )
    for i, pay in enumerate(kb.pay_for(role_id)):
        if pay.p50 is None:
            continue
        n = f", n={pay.n:,}" if pay.n else ""
        out.append(
            GroundFact(
                id=f"{role_id}.pay.{i}",
                text=f"Median pay {_money(pay.p50)} ({pay.population}, level {pay.level or 'all'}, {pay.year}{n}).",
                topic="pay",
                source=_cite(pay.source),
            )
        )
    for flow in kb.guidance.workflows:
        if flow.role == role_id:
            out.append(
                GroundFact(
                    id=f"workflow.{flow.id}",
                    text=f"{flow.name}: " + "; ".join(flow.steps) + ".",
                    topic="activities",
                    source=_cite(flow.source),
                )
            )
    return out


def company_facts(archetype: str, kb: Knowledge | None = None) -> list[GroundFact]:
    kb = kb or load_knowledge()
    company = kb.company(archetype)
    examples = ", ".join(e.name for e in company.examples[:4])
    out = [
        GroundFact(
            id=f"company.{archetype}.summary",
            text=f"{company.name}: {company.summary.text}" + (f" Examples: {examples}." if examples else ""),
            topic="company",
            source=_cite(company.summary.source),
        )
    ]
    out += [
        GroundFact(id=f"company.{archetype}.work.{i}", text=w.text, topic="company", source=_cite(w.source))
        for i, w in enumerate(company.ml_work)
    ]
    return out


def guidance_facts(kb: Knowledge | None = None) -> list[GroundFact]:
    kb = kb or load_knowledge()
    out = [
        GroundFact(
            id=f"advice.{a.id}", text=f"{a.topic}: " + " ".join(a.points), topic="advice", source=_cite(a.source)
        )
        for a in kb.guidance.advice
    ]
    out += [
        GroundFact(id=f"company_question.{q.id}", text=f"{q.question} {q.why}", topic="company", source=_cite(q.source))
        for q in kb.guidance.company_questions
    ]
    return out


def demand_facts(role_id: str, top: int = 8, kb: Knowledge | None = None) -> list[GroundFact]:
    """The skills the flavour's real postings name most, with their shares."""
    kb = kb or load_knowledge()
    demand = load_demand()
    taxonomy = load_taxonomy()
    rows = [(s, share) for s, share in demand.top(role_id) if taxonomy.skills[s].category != "soft"][:top]
    if not rows:
        return []
    name = kb.role(role_id).name
    listed = ", ".join(f"{taxonomy.skills[s].name} {_pct(share)}" for s, share in rows)
    n = demand.flavour_postings.get(role_id, 0)
    return [
        GroundFact(
            id=f"demand.{role_id}",
            text=f"Skills named most often in {n:,} {name} postings ({demand.basis}): {listed}.",
            topic="skills",
            source=Citation(ref="postings_corpus", where=f"plan/data/skill_demand.json flavours.{role_id}"),
        )
    ]


def skill_share_fact(role_id: str, skill_id: str, kb: Knowledge | None = None) -> GroundFact:
    kb = kb or load_knowledge()
    demand = load_demand()
    skill = load_taxonomy().skills[skill_id]
    share = demand.share(role_id, skill_id)
    n = demand.flavour_postings.get(role_id, 0)
    said = f"{_pct(share)} of" if share >= 0.01 else "fewer than 1% of"
    return GroundFact(
        id=f"demand.{role_id}.{skill_id}",
        text=f"{skill.name} is named in {said} {n:,} {kb.role(role_id).name} postings.",
        topic="skills",
        source=Citation(ref="postings_corpus", where=f"plan/data/skill_demand.json flavours.{role_id}.{skill_id}"),
    )


def degree_fact(role_id: str, kb: Knowledge | None = None) -> GroundFact:
    """How often the flavour's postings ask for a PhD (as the lowest degree they accept)."""
    kb = kb or load_knowledge()
    entry = load_base_rates()["flavours"][role_id]
    d = entry["degree"]
    return GroundFact(
        id=f"rates.{role_id}.degree",
        text=(
            f"Of {entry['postings']:,} {kb.role(role_id).name} postings, {_pct(d['phd']['share'])} ask for a PhD "
            f"as the lowest degree they accept ({_pct(d['phd']['required_share'])} as a requirement), "
            f"{_pct(d['master']['share'])} a master's, {_pct(d['bachelor']['share'])} a bachelor's, and "
            f"{_pct(d['none']['share'])} name no degree."
        ),
        topic="degree",
        source=_stats_cite(f"flavours.{role_id}.degree"),
    )


def years_fact(role_id: str, kb: Knowledge | None = None) -> GroundFact | None:
    """Years of experience the flavour's postings ask for, by level (a proxy for the time to the role)."""
    kb = kb or load_knowledge()
    entry = load_base_rates()["flavours"][role_id]
    parts = []
    for level, name in LEVEL_NAMES.items():
        years = entry["levels"][level]["years_asked"]
        if "median" in years:
            parts.append(f"{name} {years['median']:g} (n={years['n']:,})")
    junior = entry["levels"]["junior"]["postings"] + entry["levels"]["intern"]["postings"]
    if not parts:
        return None
    return GroundFact(
        id=f"rates.{role_id}.years",
        text=(
            f"Median years of experience asked in {kb.role(role_id).name} postings that state them, by level: "
            + "; ".join(parts)
            + f". {junior:,} of {entry['postings']:,} postings are junior or intern level."
        ),
        topic="time",
        source=_stats_cite(f"flavours.{role_id}.levels.*.years_asked"),
    )


def pay_facts(role_id: str, kb: Knowledge | None = None) -> list[GroundFact]:
    """Stated pay in the flavour's postings, by level and by degree asked, where enough postings state it."""
    kb = kb or load_knowledge()
    rates = load_base_rates()
    entry = rates["flavours"][role_id]
    name = kb.role(role_id).name
    out = []
    by_level = [
        f"{label} {_money(entry['levels'][lv]['pay']['median'])} (n={entry['levels'][lv]['pay']['n']})"
        for lv, label in LEVEL_NAMES.items()
        if "median" in entry["levels"][lv]["pay"]
    ]
    if by_level:
        out.append(
            GroundFact(
                id=f"rates.{role_id}.pay_level",
                text=f"Median stated pay (USD a year) in {name} postings, by level: " + "; ".join(by_level) + ".",
                topic="pay",
                source=_stats_cite(f"flavours.{role_id}.levels.*.pay"),
            )
        )
    by_degree = [
        f"{deg} {_money(row['median'])} (n={row['n']})"
        for deg, row in entry["pay_by_degree"].items()
        if "median" in row
    ]
    if by_degree:
        out.append(
            GroundFact(
                id=f"rates.{role_id}.pay_degree",
                text=f"Median stated pay (USD a year) in {name} postings, by the lowest degree asked: "
                + "; ".join(by_degree)
                + f". Groups with fewer than {rates['min_pay_n']} postings stating pay are left out.",
                topic="pay",
                source=_stats_cite(f"flavours.{role_id}.pay_by_degree"),
            )
        )
    return out


def archetype_posting_facts(role_id: str, archetype: str, kb: Knowledge | None = None) -> list[GroundFact]:
    """What real postings of this flavour at this kind of company ask for."""
    kb = kb or load_knowledge()
    entry = load_base_rates()["flavours"][role_id]["archetypes"].get(archetype)
    if not entry or entry["postings"] == 0:
        return []
    taxonomy = load_taxonomy()
    skills = ", ".join(
        f"{taxonomy.skills[s].name} {_pct(v)}"
        for s, v in entry["top_skills"].items()
        if s in taxonomy.skills and taxonomy.skills[s].category != "soft"
    )
    company = kb.company(archetype).name
    text = (
        f"In {entry['postings']:,} {kb.role(role_id).name} postings that read as {company}, the skills named most are "
        f"{skills}; {_pct(entry['degree']['phd']['share'])} ask for a PhD as the lowest degree they accept."
    )
    if entry["postings"] < 20:
        text += " That is a small sample, so read it as a hint."
    return [
        GroundFact(
            id=f"rates.{role_id}.{archetype}",
            text=text,
            topic="skills",
            source=_stats_cite(f"flavours.{role_id}.archetypes.{archetype}"),
        )
    ]


# Retrieval
_WORD = re.compile(r"[a-z0-9][a-z0-9+#-]*")
TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "pay": ("pay", "salary", "salaries", "earn", "make", "compensation", "money", "equity", "paid"),
    "degree": ("phd", "degree", "master", "masters", "bachelor", "doctorate", "academia", "credential"),
    "skills": ("skill", "skills", "tools", "tool", "stack", "learn", "language", "languages", "framework", "python"),
    "path": ("background", "path", "career", "transition", "switch", "became", "start", "started", "junior"),
    "company": ("company", "startup", "team", "org", "organisation", "organization", "data", "culture"),
    "activities": ("day", "week", "typical", "work", "time", "spend", "pipeline", "deploy", "monitor", "drift"),
    "neighbours": ("difference", "versus", "vs", "compared", "data", "scientist", "engineer", "platform"),
    "time": ("years", "experience", "long", "time", "junior", "entry"),
}


def _terms(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def retrieve(query: str, facts: list[GroundFact], k: int = 3) -> list[GroundFact]:
    """The ``k`` facts that best answer ``query``: shared words, plus a boost for the topic the query asks about."""
    asked = _terms(query)
    raw = set(_WORD.findall(query.lower()))
    topics = {t for t, cues in TOPIC_CUES.items() if raw & set(cues)}

    def score(item: tuple[int, GroundFact]) -> tuple[float, int]:
        i, fact = item
        overlap = len(asked & _terms(fact.text))
        return (overlap + (2.5 if fact.topic in topics else 0.0), -i)

    ranked = sorted(enumerate(facts), key=score, reverse=True)
    return [f for _, f in ranked[:k] if score((0, f))[0] > 0] or [f for _, f in ranked[:1]]
