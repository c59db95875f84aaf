"""The market report: what titles really are, role mix, skills, pay, trends, from the market database.

Every figure is a plain DuckDB query over the ``market`` view (decoded postings, duplicates left out) with
the same filters; pay from the corpus, BLS OEWS and ai-jobs.net stays in separate rows, each with its source
and sample size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, ConfigDict, Field

from careerlens.errors import InputError, UnknownIdError
from careerlens.knowledge.compare import headline_pay
from careerlens.knowledge.loader import closest_ids, load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.market.database import open_market_db
from careerlens.market.rows import OTHER_FAMILY

MIN_FAMILY = 20
MIN_GROUP = 10
MIN_PAY = 5
PAY_RANGE = (15_000, 1_000_000)  # a midpoint outside this (USD a year) is a misread number, not a salary
TOP_SKILLS = 12
COOCCURRENCE_SKILLS = 15
LEVELS = ("intern", "junior", "mid", "senior", "staff+", "manager")
DEGREES = ("none", "bachelor", "master", "phd")
CORPUS_PAY = "postings_corpus"
CORPUS_PAY_LABEL = "careerlens corpus: pay ranges stated in postings (midpoints, USD a year)"


class MarketFilters(BaseModel):
    """Which postings a report counts; an empty list means all."""

    model_config = ConfigDict(extra="forbid")

    flavour: list[str] = []
    region: list[str] = []
    year: list[int] = []
    source: list[str] = []

    def where(self) -> tuple[str, list[Any]]:
        """A SQL condition on the ``market`` view and its parameters."""
        for flavour in self.flavour:
            if flavour not in FLAVOUR_IDS:
                raise UnknownIdError("role flavour", flavour, closest_ids(flavour, list(FLAVOUR_IDS)))
        parts: list[str] = ["true"]
        params: list[Any] = []
        for column, values in (
            ("primary_flavour", self.flavour),
            ("region", self.region),
            ("year", self.year),
            ("source", self.source),
        ):
            if values:
                parts.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        return " AND ".join(parts), params

    def describe(self) -> str:
        chosen = [f"{k}: {', '.join(map(str, v))}" for k, v in self.model_dump().items() if v]
        return "; ".join(chosen) or "all postings"


class Basis(BaseModel):
    postings: int
    duplicates: int = Field(description="postings in the database counted once because they repeat another")
    errors: int = Field(description="records in the database that could not be decoded")
    sources: list[str]
    corpora: list[str]
    first_date: str | None
    last_date: str | None
    built: str | None
    filters: str


class Mix(BaseModel):
    """How one group's postings split by decoded primary flavour."""

    group: str
    postings: int
    shares: dict[str, float]

    @property
    def top(self) -> str:
        return max(self.shares, key=lambda k: self.shares[k]) if self.shares else ""


class SkillDemand(BaseModel):
    skill: str
    name: str
    category: str
    postings: int
    share: float = Field(description="share of the flavour's postings naming the skill")
    required_share: float = Field(description="share of the flavour's postings requiring it")


class FlavourSkills(BaseModel):
    flavour: str
    postings: int
    required_share: float = Field(description="of all skill mentions in these postings, the share marked required")
    skills: list[SkillDemand]


class Cooccurrence(BaseModel):
    skills: list[str] = Field(description="the most named technical skills (soft skills left out), in order")
    names: list[str]
    counts: list[list[int]] = Field(description="postings naming both skills (diagonal: naming the skill)")
    postings: int


class PayFigure(BaseModel):
    """Pay percentiles for one flavour from one source: never combined with another source."""

    flavour: str
    level: str
    dataset: str
    source: str
    population: str
    year: int | None
    n: int | None
    p25: float | None
    p50: float | None
    p75: float | None
    note: str | None = None


class YearShare(BaseModel):
    year: int
    postings: int
    share: float


class DegreeMix(BaseModel):
    flavour: str
    postings: int
    shares: dict[str, float] = Field(description="highest degree asked for: none, bachelor, master, phd")
    required_share: float = Field(description="share of postings where the degree asked for is required")


class MarketReport(BaseModel):
    """Everything the terminal summary, the HTML report, the charts and the web page show."""

    basis: Basis
    title_mix: list[Mix] = Field(description="per common title family: its postings' shares by decoded flavour")
    by_source: list[Mix]
    by_region: list[Mix]
    by_year: list[Mix]
    skills: list[FlavourSkills]
    cooccurrence: Cooccurrence
    pay: list[PayFigure]
    pay_excluded: int = Field(description="postings with stated pay not in USD, left out of the pay figures")
    llm_by_year: list[YearShare] = Field(description="share of postings naming an LLM / GenAI skill, by year")
    degrees: list[DegreeMix]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return con.execute(sql, params).fetchall()


def _mix(con: duckdb.DuckDBPyConnection, column: str, where: str, params: list[Any], minimum: int) -> list[Mix]:
    rows = _rows(
        con,
        f"SELECT CAST({column} AS VARCHAR) AS g, primary_flavour, count(*) FROM market "
        f"WHERE {where} AND {column} IS NOT NULL GROUP BY ALL",
        params,
    )
    groups: dict[str, dict[str, int]] = {}
    for group, flavour, n in rows:
        groups.setdefault(group, {})[flavour] = n
    mixes = []
    for group, counts in groups.items():
        total = sum(counts.values())
        if total < minimum:
            continue
        shares = {f: round(counts[f] / total, 4) for f in FLAVOUR_IDS if counts.get(f)}
        mixes.append(Mix(group=group, postings=total, shares=shares))
    return mixes


def _basis(con: duckdb.DuckDBPyConnection, filters: MarketFilters, where: str, params: list[Any]) -> Basis:
    n, first, last = con.execute(
        f"SELECT count(*), min(date), max(date) FROM market WHERE {where}", params
    ).fetchone() or (
        0,
        None,
        None,
    )
    sources = [r[0] for r in _rows(con, f"SELECT DISTINCT source FROM market WHERE {where} ORDER BY 1", params) if r[0]]
    corpora = [r[0] for r in _rows(con, "SELECT name FROM corpora ORDER BY position", [])]
    duplicates = con.execute("SELECT count(*) FROM duplicates").fetchone()
    errors = con.execute("SELECT count(*) FROM postings WHERE error IS NOT NULL").fetchone()
    built = con.execute("SELECT max(finished) FROM corpora").fetchone()
    return Basis(
        postings=n,
        duplicates=duplicates[0] if duplicates else 0,
        errors=errors[0] if errors else 0,
        sources=sources,
        corpora=corpora,
        first_date=first,
        last_date=last,
        built=built[0] if built else None,
        filters=filters.describe(),
    )


def _skills(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[FlavourSkills]:
    totals = dict(_rows(con, f"SELECT primary_flavour, count(*) FROM market WHERE {where} GROUP BY 1", params))
    rows = _rows(
        con,
        f"""SELECT m.primary_flavour, s.skill, any_value(s.name), any_value(s.category),
                   count(DISTINCT (s.corpus, s.line)),
                   count(DISTINCT (s.corpus, s.line)) FILTER (WHERE s.need = 'required')
            FROM posting_skills s JOIN market m USING (corpus, line) WHERE {where} GROUP BY ALL""",
        params,
    )
    mentions = dict(
        (f, (req, total))
        for f, req, total in _rows(
            con,
            f"""SELECT m.primary_flavour, count(*) FILTER (WHERE s.need = 'required'), count(*)
                FROM posting_skills s JOIN market m USING (corpus, line) WHERE {where} GROUP BY 1""",
            params,
        )
    )
    by_flavour: dict[str, list[SkillDemand]] = {}
    for flavour, skill, name, category, n, required in rows:
        total = totals[flavour]
        by_flavour.setdefault(flavour, []).append(
            SkillDemand(
                skill=skill,
                name=name,
                category=category,
                postings=n,
                share=round(n / total, 4),
                required_share=round(required / total, 4),
            )
        )
    result = []
    for flavour in FLAVOUR_IDS:
        if totals.get(flavour, 0) < MIN_GROUP:
            continue
        skills = sorted(by_flavour.get(flavour, []), key=lambda s: (-s.postings, s.skill))[:TOP_SKILLS]
        req, total = mentions.get(flavour, (0, 0))
        result.append(
            FlavourSkills(
                flavour=flavour,
                postings=totals[flavour],
                required_share=round(req / total, 4) if total else 0.0,
                skills=skills,
            )
        )
    return result


def _cooccurrence(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> Cooccurrence:
    # Soft skills and credentials are named everywhere; co-occurrence is about the technical stack.
    filtered = (
        "SELECT s.* FROM posting_skills s JOIN market m USING (corpus, line) "
        f"WHERE {where} AND s.category NOT IN ('soft', 'credential')"
    )
    top = _rows(
        con,
        f"SELECT skill, any_value(name), count(*) AS n FROM ({filtered}) GROUP BY 1 ORDER BY n DESC, skill "
        f"LIMIT {COOCCURRENCE_SKILLS}",
        params,
    )
    skills = [r[0] for r in top]
    index = {s: i for i, s in enumerate(skills)}
    counts = [[0] * len(skills) for _ in skills]
    if skills:
        marks = ", ".join("?" for _ in skills)
        pairs = _rows(
            con,
            f"""WITH f AS ({filtered}) SELECT a.skill, b.skill, count(*) FROM f a JOIN f b
                ON a.corpus = b.corpus AND a.line = b.line
                WHERE a.skill IN ({marks}) AND b.skill IN ({marks}) GROUP BY ALL""",
            [*params, *skills, *skills],
        )
        for a, b, n in pairs:
            counts[index[a]][index[b]] = n
    postings = con.execute(f"SELECT count(*) FROM market WHERE {where}", params).fetchone()
    return Cooccurrence(
        skills=skills, names=[r[1] for r in top], counts=counts, postings=postings[0] if postings else 0
    )


def _pay(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> tuple[list[PayFigure], int]:
    mid = "(salary_low + coalesce(salary_high, salary_low)) / 2"
    stated = f"{where} AND salary_low IS NOT NULL AND {mid} BETWEEN {PAY_RANGE[0]} AND {PAY_RANGE[1]}"
    quantiles = f"count(*), quantile_cont({mid}, 0.25), quantile_cont({mid}, 0.5), quantile_cont({mid}, 0.75)"
    figures: list[PayFigure] = []
    rows = _rows(
        con,
        f"""SELECT primary_flavour, 'all levels', max(year), {quantiles} FROM market
            WHERE {stated} AND salary_currency = 'USD' GROUP BY 1
            UNION ALL
            SELECT primary_flavour, level, max(year), {quantiles} FROM market
            WHERE {stated} AND salary_currency = 'USD' GROUP BY 1, 2""",
        [*params, *params],
    )
    for flavour, level, year, n, p25, p50, p75 in rows:
        if n < MIN_PAY:
            continue
        figures.append(
            PayFigure(
                flavour=flavour,
                level=level,
                dataset=CORPUS_PAY,
                source=CORPUS_PAY_LABEL,
                population=f"postings decoded as {flavour} that state a pay range",
                year=year,
                n=n,
                p25=round(p25),
                p50=round(p50),
                p75=round(p75),
                note="Stated ranges, as advertised; a range counts by its midpoint.",
            )
        )
    excluded = con.execute(
        f"SELECT count(*) FROM market WHERE {stated} AND salary_currency <> 'USD'", params
    ).fetchone()
    kb = load_knowledge()
    flavours = sorted(
        {f.flavour for f in figures}
        | {r[0] for r in _rows(con, f"SELECT DISTINCT primary_flavour FROM market WHERE {where}", params)}
    )
    for flavour in flavours:
        if flavour not in kb.roles:
            continue
        for dataset in ("bls_oews_may2025", "aijobs_salaries"):
            reference = [p for p in kb.pay_for(flavour) if p.dataset == dataset and p.p50 is not None]
            headline = headline_pay(kb, flavour, dataset)
            if dataset == "bls_oews_may2025":
                reference = [headline] if headline else []
            for p in reference:
                figures.append(
                    PayFigure(
                        flavour=flavour,
                        level=p.level or "all levels",
                        dataset=p.dataset,
                        source=kb.sources[p.dataset].title if p.dataset in kb.sources else p.dataset,
                        population=p.population,
                        year=p.year,
                        n=p.n,
                        p25=p.p25,
                        p50=p.p50,
                        p75=p.p75,
                        note=p.note,
                    )
                )
    order = {level: i for i, level in enumerate(("all levels", *LEVELS, "entry", "executive"))}
    figures.sort(
        key=lambda f: (FLAVOUR_IDS.index(f.flavour), f.dataset != CORPUS_PAY, f.dataset, order.get(f.level, 99))
    )
    return figures, excluded[0] if excluded else 0


def _llm_by_year(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[YearShare]:
    rows = _rows(
        con,
        f"""SELECT year, count(*),
                   count(*) FILTER (WHERE (corpus, line) IN (
                       SELECT corpus, line FROM posting_skills WHERE category = 'llm_tooling'))
            FROM market WHERE {where} AND year IS NOT NULL GROUP BY 1 ORDER BY 1""",
        params,
    )
    return [YearShare(year=y, postings=n, share=round(k / n, 4)) for y, n, k in rows if n >= MIN_GROUP]


def _degrees(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[DegreeMix]:
    rows = _rows(
        con,
        f"""SELECT primary_flavour, degree, count(*), count(*) FILTER (WHERE degree_required)
            FROM market WHERE {where} GROUP BY ALL""",
        params,
    )
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    for flavour, degree, n, required in rows:
        counts.setdefault(flavour, {})[degree] = (n, required)
    result = []
    for flavour in FLAVOUR_IDS:
        by_degree = counts.get(flavour, {})
        total = sum(n for n, _ in by_degree.values())
        if total < MIN_GROUP:
            continue
        result.append(
            DegreeMix(
                flavour=flavour,
                postings=total,
                shares={d: round(by_degree.get(d, (0, 0))[0] / total, 4) for d in DEGREES},
                required_share=round(sum(r for _, r in by_degree.values()) / total, 4),
            )
        )
    return result


def build_report(con: duckdb.DuckDBPyConnection, filters: MarketFilters | None = None) -> MarketReport:
    """The report over an open market database connection."""
    filters = filters or MarketFilters()
    where, params = filters.where()
    basis = _basis(con, filters, where, params)
    if basis.postings == 0:
        raise InputError(f"No decoded postings match ({basis.filters}); loosen the filters or build the database.")
    families = _mix(con, "title_family", where, params, MIN_FAMILY)
    families.sort(key=lambda m: (m.group == OTHER_FAMILY, -m.postings))
    pay, excluded = _pay(con, where, params)
    by_year = _mix(con, "year", where, params, MIN_GROUP)
    by_year.sort(key=lambda m: m.group)
    return MarketReport(
        basis=basis,
        title_mix=families,
        by_source=sorted(_mix(con, "source", where, params, MIN_GROUP), key=lambda m: -m.postings),
        by_region=sorted(_mix(con, "region", where, params, MIN_GROUP), key=lambda m: -m.postings),
        by_year=by_year,
        skills=_skills(con, where, params),
        cooccurrence=_cooccurrence(con, where, params),
        pay=pay,
        pay_excluded=excluded,
        llm_by_year=_llm_by_year(con, where, params),
        degrees=_degrees(con, where, params),
    )


def report(db: Path | str, filters: MarketFilters | None = None) -> MarketReport:
    """The market report of the database file ``db``, for the postings ``filters`` selects."""
    with open_market_db(db) as con:
        return build_report(con, filters)
