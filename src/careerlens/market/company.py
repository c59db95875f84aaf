"""Company check: seed 003's three questions and seed 000's archetypes, answered from a company's postings.

From the postings (in the market database, or pasted), with the sentences that show each answer and how sure
it can be from how many postings: does it have data, more than one or two ML use cases, a real push to ship
ML features? Which kind of company is it most likely, and which flavours does it hire?
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from careerlens.decode.company import guess_archetype
from careerlens.decode.text import prepare_posting
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.market.database import open_market_db
from careerlens.market.rows import market_rows, normalise_key

Confidence = Literal["low", "medium", "high"]
Answer = Literal["yes", "some signs", "only one or two", "no sign"]

ML_FLAVOURS = frozenset(
    {
        "ds_modeling",
        "ml_engineer",
        "ai_engineer",
        "research_scientist",
        "research_engineer",
        "mlops_platform",
        "ml_systems",
    }
)
ENGINEERING_FLAVOURS = ML_FLAVOURS | {"data_engineer", "software_engineer"}
PLATFORM_FLAVOURS = frozenset({"mlops_platform", "ml_systems"})
DATA_TITLE = re.compile(r"data (?:platform|engineer|infrastructure|warehouse)|analytics engineer|\betl\b", re.I)
EVIDENCE_PER_ANSWER = 5

DATA_SOURCES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "a data warehouse or lake": r"data ?warehouse|data lake|lakehouse|snowflake|bigquery|redshift|databricks",
        "event streams": r"\bkafka\b|event (data|stream)|clickstream|streaming data|real-time data",
        "user and customer data": r"(user|customer|member|patient|player|rider)s?'? (data|behaviou?r|interactions)",
        "transactions": r"transaction(al)? data|payments? data|billions of transactions|millions of transactions",
        "sensors and telemetry": r"sensor data|telemetry|\biot\b|device data|log data",
        "proprietary data": r"proprietary data|first[- ]party data|unique data|largest (dataset|data set)s?",
        "data at scale": r"petabytes?|terabytes?|billions of (events|records|rows|data points|users)",
        "labelling and collection": r"data (labell?ing|annotation|collection)|annotat(e|ion) (data|pipelines)",
    }.items()
}
PROBLEM_AREAS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "recommendations & personalisation": r"recommend(ation|er)s?\b|personali[sz]",
        "search & ranking": r"\bsearch (relevance|ranking|quality)|\branking\b|information retrieval|relevance",
        "fraud, risk & abuse": r"\bfraud|credit risk|risk (model|scor)|anti-money|\babuse\b|trust (and|&) safety",
        "forecasting": r"forecast|demand planning|time[- ]series",
        "pricing & optimisation": r"pricing|price optimi|revenue management|\bbidding\b|operations research",
        "marketing, ads & growth": r"advertis|\bads\b|attribution|\bchurn\b|lifetime value|\bltv\b|propensity",
        "NLP & LLMs": r"\bnlp\b|natural language|\bllms?\b|large language model|generative ai|chatbot",
        "computer vision": r"computer vision|image (recognition|classification|segmentation)|object detection",
        "speech & audio": r"speech recognition|\basr\b|text[- ]to[- ]speech|audio (model|signal)",
        "anomaly detection": r"anomaly detection|outlier detection",
        "experimentation & causal": r"a/b test|experimentation platform|causal inference|uplift",
        "autonomy & robotics": r"autonomous (vehicle|driving|system)|self-driving|robotic|motion planning",
        "health & life sciences": r"drug discovery|clinical (data|trial)|genomic|protein|medical imaging",
        "supply chain & logistics": r"supply chain|logistics|routing|inventory optimi",
    }.items()
}
ML_IN_PRODUCT = re.compile(
    r"(models?|ml|machine learning|ai)\b[^.]{0,60}\bin production|production (ml|models?|machine learning)|"
    r"deploy(ing|ed)? (ml |machine learning |our )?models|model (serving|deployment|monitoring)|"
    r"(ai|ml|machine learning)[- ](powered|driven|first)|at the (core|heart) of (our|the) (product|platform)|"
    r"core (to|of) our (product|platform|business)|serv(e|ing) (millions|billions)",
    re.I,
)
ML_SKILLS = frozenset(
    {"machine-learning", "deep-learning", "nlp", "computer-vision", "recommender-systems", "llms", "generative-ai"}
)


class Evidence(BaseModel):
    posting: str = Field(description="the posting's title (and uid) the quote comes from")
    quote: str


class CompanyAnswer(BaseModel):
    id: str
    question: str
    answer: Answer
    summary: str
    figures: dict[str, float | int | str]
    evidence: list[Evidence]
    confidence: Confidence


class CompanyCheck(BaseModel):
    """The company check's answers, with evidence and how sure each can be."""

    company: str
    names: list[str] = Field(description="company names in the data that were matched")
    postings: int
    confidence: Confidence
    confidence_reason: str
    answers: list[CompanyAnswer]
    archetype: str | None
    archetype_name: str | None
    archetype_reason: str
    flavours: dict[str, int] = Field(description="postings by decoded primary flavour, most first")
    titles: list[str]


def confidence_for(postings: int) -> Confidence:
    """How sure an answer can be from this many postings."""
    return "low" if postings < 3 else "medium" if postings < 10 else "high"


def _label(row: dict[str, Any]) -> str:
    title = row.get("title") or "untitled posting"
    return f"{title} (uid {row['uid']})" if row.get("uid") is not None else title


def _sentences(row: dict[str, Any]) -> list[str]:
    text = prepare_posting(row.get("description") or "")
    return [s.text for s in text.sentences if s.section not in ("benefits", "eeo") and len(s.text) > 20]


def _matches(rows: list[dict[str, Any]], patterns: dict[str, re.Pattern[str]]) -> tuple[Counter[str], list[Evidence]]:
    """How many postings show each named pattern, and the first quote for each pattern.

    A sentence repeated word for word across postings (the company's boilerplate blurb) counts for one posting
    only, so one "about us" line cannot make a signal look common.
    """
    counts: Counter[str] = Counter()
    evidence: list[Evidence] = []
    seen: set[str] = set()
    for row in rows:
        found: set[str] = set()
        for sentence in _sentences(row):
            key = normalise_key(sentence)
            if key in seen:
                continue
            matched = {name for name, pattern in patterns.items() if name not in found and pattern.search(sentence)}
            if not matched:
                continue
            seen.add(key)
            for name in sorted(matched, key=list(patterns).index):
                if name not in counts and name not in found and len(evidence) < EVIDENCE_PER_ANSWER * 2:
                    evidence.append(Evidence(posting=_label(row), quote=f"[{name}] {sentence[:240]}"))
            found |= matched
        counts.update(found)
    return counts, evidence


def _has_data(rows: list[dict[str, Any]], confidence: Confidence) -> CompanyAnswer:
    data_roles = [r for r in rows if r["primary_flavour"] == "data_engineer" or DATA_TITLE.search(r.get("title") or "")]
    sources, evidence = _matches(rows, DATA_SOURCES)
    evidence = [Evidence(posting=_label(r), quote=f"[data role] {r.get('title')}") for r in data_roles[:2]] + evidence
    if (data_roles and len(sources) >= 2) or len(sources) >= 4:
        answer: Answer = "yes"
    elif data_roles or sources:
        answer = "some signs"
    else:
        answer = "no sign"
    named = ", ".join(f"{k} ({v})" for k, v in sources.most_common()) or "none named"
    return CompanyAnswer(
        id="has_data",
        question="Does the company have enough data, or a realistic way to get it?",
        answer=answer,
        summary=f"{len(data_roles)} of {len(rows)} postings are data engineering or data platform roles; "
        f"data sources named (postings): {named}.",
        figures={"data_roles": len(data_roles), "data_sources": len(sources)},
        evidence=evidence[:EVIDENCE_PER_ANSWER],
        confidence=confidence,
    )


def _use_cases(rows: list[dict[str, Any]], confidence: Confidence) -> CompanyAnswer:
    ml_rows = [r for r in rows if r["primary_flavour"] in ML_FLAVOURS]
    areas, evidence = _matches(rows, PROBLEM_AREAS)
    # One passing mention is weak: an area counts when named in two postings, or in the only posting there is.
    enough = 1 if len(rows) == 1 else 2
    solid = [a for a, n in areas.most_common() if n >= enough]
    if len(solid) >= 3:
        answer: Answer = "yes"
    elif solid or areas:
        answer = "only one or two"
    else:
        answer = "no sign"
    return CompanyAnswer(
        id="enough_ml_use_cases",
        question="Are there enough ML use cases to keep you doing ML?",
        answer=answer,
        summary=f"Distinct problem areas across its postings ({len(ml_rows)} of them ML roles): "
        + (", ".join(f"{a} ({n})" for a, n in areas.most_common()) or "none named")
        + f"; {len(solid)} named in at least {enough} posting{'s' if enough > 1 else ''}.",
        figures={"areas": len(areas), "solid_areas": len(solid), "ml_postings": len(ml_rows)},
        evidence=evidence[:EVIDENCE_PER_ANSWER],
        confidence=confidence,
    )


def _push(rows: list[dict[str, Any]], confidence: Confidence) -> CompanyAnswer:
    engineering = [r for r in rows if r["primary_flavour"] in ENGINEERING_FLAVOURS]
    ml_rows = [r for r in engineering if r["primary_flavour"] in ML_FLAVOURS]
    platform = [r for r in rows if r["primary_flavour"] in PLATFORM_FLAVOURS]
    product, evidence = _matches(rows, {"ML in production or in the product": ML_IN_PRODUCT})
    named = [s for r in rows for s in r.get("skills") or [] if s["id"] in ML_SKILLS]
    required = sum(s["need"] == "required" for s in named) / len(named) if named else 0.0
    share = len(ml_rows) / len(engineering) if engineering else 0.0
    if ml_rows and share >= 0.25 and (platform or product):
        answer: Answer = "yes"
    elif ml_rows or product:
        answer = "some signs"
    else:
        answer = "no sign"
    return CompanyAnswer(
        id="push_for_ml_features",
        question="Is the organisation really pushing to ship ML features?",
        answer=answer,
        summary=f"ML roles are {len(ml_rows)} of {len(engineering)} engineering postings ({share:.0%}); "
        f"{len(platform)} MLOps / ML platform postings; {sum(product.values())} postings put ML in production "
        f"or in the product; where ML skills are named, {required:.0%} of the mentions are required "
        "(the rest nice to have).",
        figures={
            "ml_postings": len(ml_rows),
            "engineering_postings": len(engineering),
            "ml_share": round(share, 4),
            "platform_postings": len(platform),
            "ml_in_product_postings": sum(product.values()),
            "ml_skills_required_share": round(required, 4),
        },
        evidence=evidence[:EVIDENCE_PER_ANSWER],
        confidence=confidence,
    )


def check_rows(company: str, rows: list[dict[str, Any]], names: Sequence[str] = ()) -> CompanyCheck:
    """The company check over decoded market rows (from the database, or from pasted postings)."""
    rows = [r for r in rows if not r.get("error")]
    if not rows:
        raise InputError(f"No decodable postings for {company!r}: give at least one posting with a description.")
    kb = load_knowledge()
    n = len(rows)
    confidence = confidence_for(n)
    flavours = Counter(r["primary_flavour"] for r in rows)
    by_name = guess_archetype(kb, "", company) if company else None
    votes = Counter(r["company_archetype"] for r in rows if r.get("company_archetype"))
    if by_name is not None and by_name.archetype:
        archetype: str | None = by_name.archetype
        reason = by_name.reason
    elif votes:
        archetype, count = votes.most_common(1)[0]
        reason = (
            f"{count} of {n} postings read as this kind of company ("
            + ", ".join(f"{kb.companies[a].name if a in kb.companies else a}: {c}" for a, c in votes.most_common())
            + ")"
        )
    else:
        archetype, reason = None, "no posting says what kind of company this is"
    return CompanyCheck(
        company=company,
        names=sorted(set(names)),
        postings=n,
        confidence=confidence,
        confidence_reason=f"from {n} posting{'s' if n != 1 else ''}: "
        + {
            "low": "fewer than 3, so read the answers as hints",
            "medium": "fewer than 10, so the answers are indicative",
            "high": "enough for the answers to describe its hiring",
        }[confidence],
        answers=[_has_data(rows, confidence), _use_cases(rows, confidence), _push(rows, confidence)],
        archetype=archetype,
        archetype_name=kb.companies[archetype].name if archetype in kb.companies else None,
        archetype_reason=reason,
        flavours=dict(flavours.most_common()),
        titles=[r.get("title") or "untitled posting" for r in rows[:20]],
    )


ROW_COLUMNS = "uid, title, company, description, primary_flavour, skills, company_archetype"


def company_check(db: Path | str, name: str) -> CompanyCheck:
    """The company check for ``name`` over its postings in the market database (names compared normalised)."""
    wanted = normalise_key(name)
    if not wanted:
        raise InputError("Give a company name to check.")
    with open_market_db(db) as con:
        companies = [
            r[0] for r in con.execute("SELECT DISTINCT company FROM market WHERE company IS NOT NULL").fetchall()
        ]
        keys = {c: normalise_key(c) for c in companies}
        chosen = [c for c, k in keys.items() if k == wanted] or [
            c for c, k in keys.items() if re.search(rf"(^| ){re.escape(wanted)}( |$)", k)
        ]
        if not chosen:
            close = difflib.get_close_matches(name, companies, n=3, cutoff=0.6)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise InputError(
                f"No postings from {name!r} in {db}.{hint} You can also paste a few of its postings instead."
            )
        marks = ", ".join("?" for _ in chosen)
        cursor = con.execute(
            f"SELECT {ROW_COLUMNS} FROM market WHERE company IN ({marks}) ORDER BY corpus, line", chosen
        )
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
    return check_rows(name, rows, chosen)


def company_check_postings(texts: Sequence[str], company: str | None = None) -> CompanyCheck:
    """The company check from pasted postings (plain text, HTML or markdown) of a company not in the database."""
    records = [{"_line": i + 1, "description": t, "company": company} for i, t in enumerate(texts) if t and t.strip()]
    if not records:
        raise InputError("Paste at least one posting's text to check a company.")
    return check_rows(company or "the pasted company", market_rows(records))
