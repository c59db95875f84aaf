"""Plain facts a posting states: the title's flavour, seniority, degree, workplace, salary, language.

These are rules, not learned: each is a handful of patterns that say what they look for, and each
result carries the sentence it came from so a person can check it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from careerlens.decode.text import Sentence

Level = Literal["intern", "junior", "mid", "senior", "staff+", "manager"]
DegreeLevel = Literal["none", "bachelor", "master", "phd"]
Period = Literal["year", "month", "week", "day", "hour"]

# What a title suggests, in order: the first rule that matches wins.
TITLE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("research_engineer", re.compile(r"research engineer", re.I)),
    (
        "research_scientist",
        re.compile(
            r"research scientist|scientist,? (ai|ml|machine learning) research|"
            r"\bresearcher\b|applied scientist",
            re.I,
        ),
    ),
    (
        "ml_systems",
        re.compile(
            r"(ml|machine learning|ai|inference|gpu|kernel|compiler).*(performance|systems|"
            r"kernel|compiler|optimi[sz]ation)|cuda|hardware",
            re.I,
        ),
    ),
    ("mlops_platform", re.compile(r"mlops|ml ?ops|(ml|machine learning|ai) (platform|infrastructure|infra)", re.I)),
    ("ai_engineer", re.compile(r"\bai\b|artificial intelligence|\bllm|gen ?ai|generative|prompt", re.I)),
    ("ml_engineer", re.compile(r"machine learning|\bml\b|deep learning|computer vision|\bnlp\b", re.I)),
    (
        "decision_science",
        re.compile(
            r"decision scien|econometric|experimentation|causal|quantitative analyst|"
            r"statistician",
            re.I,
        ),
    ),
    (
        "data_engineer",
        re.compile(
            r"data engineer|etl|data (platform|pipeline|warehouse|integration)|"
            r"analytics engineer|big data",
            re.I,
        ),
    ),
    ("ds_modeling", re.compile(r"data scien", re.I)),
    ("analytics", re.compile(r"analyst|analytics|business intelligence|\bbi\b|reporting", re.I)),
    (
        "software_engineer",
        re.compile(
            r"software|developer|engineer|programmer|full[- ]?stack|backend|"
            r"front[- ]?end|devops|sre\b",
            re.I,
        ),
    ),
]


def title_flavour(title: str | None) -> str | None:
    """The flavour a job title suggests by its words alone, or None when the title says nothing."""
    if not title or not title.strip():
        return None
    for flavour, pattern in TITLE_RULES:
        if pattern.search(title):
            return flavour
    return "other"


class Seniority(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Level
    level_reason: str
    years_min: int | None = None
    years_evidence: str | None = None
    degree: DegreeLevel = "none"
    degree_required: bool | None = None
    degree_evidence: str | None = None


class Salary(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    currency: str
    period: Period
    low: float
    high: float | None
    annual_low: float
    annual_high: float | None


_YEARS = re.compile(r"(\d{1,2})\s*(?:\+|plus)?\s*(?:-|–|to)?\s*(?:\d{1,2})?\s*\+?\s*years?", re.I)
_YEARS_CONTEXT = re.compile(r"experience|experienced|background|industry|professional|working", re.I)
_LEVEL_TITLE: list[tuple[Level, re.Pattern[str]]] = [
    ("intern", re.compile(r"\bintern(ship)?\b|\bco-?op\b|trainee|apprentice", re.I)),
    ("manager", re.compile(r"\bmanager\b|\bdirector\b|head of|\bvp\b|vice president|chief", re.I)),
    ("staff+", re.compile(r"\bstaff\b|\bprincipal\b|distinguished|\bfellow\b|\barchitect\b", re.I)),
    ("senior", re.compile(r"\bsenior\b|\bsr\.?\b|\blead\b|\biii\b|\biv\b|\bl5\b", re.I)),
    ("junior", re.compile(r"\bjunior\b|\bjr\.?\b|entry[- ]level|graduate|new grad|associate|\bi\b(?!\w)", re.I)),
]
_DEGREES: list[tuple[DegreeLevel, re.Pattern[str]]] = [
    ("phd", re.compile(r"ph\.?\s?d|doctora(te|l)", re.I)),
    ("master", re.compile(r"master'?s?|\bm\.?s\.?c?\b|\bmba\b|graduate degree|advanced degree", re.I)),
    (
        "bachelor",
        re.compile(
            r"bachelor'?s?|\bb\.?s\.?c?\b|\bb\.?a\.?\b|undergraduate degree|\bbs/|"
            r"four[- ]year degree|college degree|university degree|degree in",
            re.I,
        ),
    ),
]
_PREFERRED = re.compile(r"prefer|a plus|desired|desirable|ideally|nice to have|bonus|advantage", re.I)


def seniority(title: str | None, sentences: list[Sentence]) -> Seniority:
    """Level, years of experience and degree asked for, each with the text that shows it."""
    years: int | None = None
    years_text = None
    for s in sentences:
        for m in _YEARS.finditer(s.text):
            value = int(m.group(1))
            if 0 < value <= 25 and _YEARS_CONTEXT.search(s.text) and (years is None or value < years):
                years, years_text = value, s.text
    degree: DegreeLevel = "none"
    degree_text = None
    required: bool | None = None
    for s in sentences:
        for degree_level, pattern in _DEGREES:
            if pattern.search(s.text) and re.search(r"degree|ph\.?d|master|bachelor|b\.?s\.?|m\.?s\.?", s.text, re.I):
                # The lowest degree a posting accepts is what it asks for; higher ones are preferences.
                rank = ["none", "bachelor", "master", "phd"]
                preferred = bool(_PREFERRED.search(s.text)) or s.section == "preferred"
                if (
                    degree == "none"
                    or (not preferred and rank.index(degree_level) < rank.index(degree))
                    or (required is False and not preferred)
                ):
                    degree, degree_text, required = degree_level, s.text, not preferred
                break
    level: Level = "mid"
    reason = "no level word in the title; judged from years asked" if years is not None else "no level stated"
    for name, level_pattern in _LEVEL_TITLE:
        found = level_pattern.search(title) if title else None
        if found:
            level, reason = name, f"title says “{found.group(0)}”"
            break
    else:
        if years is not None:
            level = "junior" if years <= 1 else "mid" if years <= 4 else "senior" if years <= 8 else "staff+"
            reason = f"asks for {years}+ years"
    return Seniority(
        level=level,
        level_reason=reason,
        years_min=years,
        years_evidence=years_text,
        degree=degree,
        degree_required=required,
        degree_evidence=degree_text,
    )


_WORKPLACE = [
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("remote", re.compile(r"\bremote\b|work from home|\bwfh\b|distributed team|anywhere in", re.I)),
    ("on-site", re.compile(r"on-?site|in[- ]office|in the office|in person", re.I)),
]


def workplace(text: str) -> str | None:
    """remote, hybrid or on-site, as the posting states it; None when it does not say."""
    for name, pattern in _WORKPLACE:
        if pattern.search(text):
            return name
    return None


_MONEY = (
    r"(?:(?P<cur>[$€£₹])|(?P<code>USD|EUR|GBP|CAD|AUD|INR)\s?)?\s?"
    r"(?P<n>\d{1,3}(?:,\d{2})*(?:[,.]\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d+)?)\s?(?P<k>[kK])?"
)
_SALARY = re.compile(
    _MONEY.replace("cur", "cur1").replace("code", "code1").replace("<n>", "<n1>").replace("<k>", "<k1>")
    + r"\s*(?:-|–|—|to)\s*"
    + _MONEY.replace("cur", "cur2").replace("code", "code2").replace("<n>", "<n2>").replace("<k>", "<k2>")
    + r"(?P<tail>[^.\n]{0,40})",
)
_PERIODS: list[tuple[Period, str]] = [
    ("hour", r"hour|/hr|\bhr\b|hourly"),
    ("day", r"\bday\b|daily"),
    ("week", r"week"),
    ("month", r"month"),
    ("year", r"year|annual|/yr|\byr\b|salary|base|ote"),
]
_ANNUAL: dict[Period, int] = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR"}


def _amount(number: str, thousands: str | None) -> float:
    """'125,000.00', '60.000', '20,00,000' (Indian grouping) or '120' with a 'k' → a float."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number) or re.fullmatch(r"\d{1,3}(?:,\d{2})*,\d{3}", number):
        value = float(re.sub(r"[.,]", "", number))
    else:
        value = float(number.replace(",", ""))
    return value * 1000 if thousands else value


def salary(text: str) -> Salary | None:
    """The first pay range the posting states, with currency and period, and its annual equivalent."""
    for m in _SALARY.finditer(text):
        cur = m.group("cur1") or m.group("cur2")
        code = m.group("code1") or m.group("code2")
        if not (cur or code):
            continue
        low = _amount(m.group("n1"), m.group("k1") or m.group("k2"))
        high = _amount(m.group("n2"), m.group("k2"))
        if high < low:
            continue
        tail = m.group("tail").lower()
        period: Period | None = next((p for p, pat in _PERIODS if re.search(pat, tail)), None)
        if period is None:
            period = "hour" if high < 300 else "year" if high >= 20000 else "month"
        if (period == "year" and high < 10000) or high <= 0:
            continue
        factor = _ANNUAL[period]
        return Salary(
            text=m.group(0).strip(),
            currency=code or _CURRENCY[cur or "$"],
            period=period,
            low=low,
            high=high,
            annual_low=low * factor,
            annual_high=high * factor,
        )
    return None


_ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "for",
        "with",
        "you",
        "we",
        "our",
        "is",
        "are",
        "be",
        "will",
        "on",
        "as",
        "or",
        "your",
        "this",
        "that",
        "an",
        "at",
        "by",
        "from",
        "have",
        "experience",
        "work",
        "team",
    ]
)


def english_share(text: str) -> float:
    """Share of common English function words among the words: low values mean another language."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)
