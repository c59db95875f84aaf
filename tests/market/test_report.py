"""The market report: its figures match direct DuckDB queries, filters apply, pay sources stay apart."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from careerlens.errors import InputError, UnknownIdError
from careerlens.market import MarketFilters, MarketReport, report, reporting
from careerlens.market.reporting import CORPUS_PAY, PAY_RANGE


@pytest.fixture(scope="module")
def rep(sample_db: Path) -> MarketReport:
    # The 250-posting sample has only a few stated salaries per flavour: lower the floor to see pay rows.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reporting, "MIN_PAY", 2)
        return report(sample_db)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_title_mix_matches_a_direct_query(sample_db: Path, rep: MarketReport) -> None:
    ds = next(m for m in rep.title_mix if m.group == "Data Scientist")
    rows = query(
        sample_db, "SELECT primary_flavour, count(*) FROM market WHERE title_family = 'Data Scientist' GROUP BY 1"
    )
    total = sum(n for _, n in rows)
    assert ds.postings == total
    assert ds.shares == {f: round(n / total, 4) for f, n in rows}
    assert rep.title_mix[0].postings >= rep.title_mix[1].postings


def test_skill_shares_match_a_direct_query(sample_db: Path, rep: MarketReport) -> None:
    analytics = next(s for s in rep.skills if s.flavour == "analytics")
    sql_skill = next(s for s in analytics.skills if s.skill == "sql")
    ((n, required, total),) = query(
        sample_db,
        """SELECT count(*) FILTER (WHERE list_contains([s.id for s in skills], 'sql')),
                  count(*) FILTER (WHERE list_contains([s.id for s in skills if s.need = 'required'], 'sql')),
                  count(*) FROM market WHERE primary_flavour = 'analytics'""",
    )
    assert (sql_skill.postings, analytics.postings) == (n, total)
    assert sql_skill.share == round(n / total, 4) and sql_skill.required_share == round(required / total, 4)
    co = rep.cooccurrence
    i = co.skills.index("sql")
    (both,) = query(sample_db, "SELECT count(*) FROM market WHERE list_contains([s.id for s in skills], 'sql')")[0]
    assert co.counts[i][i] == both
    assert all(co.counts[a][b] == co.counts[b][a] for a in range(len(co.skills)) for b in range(len(co.skills)))


def test_pay_figures_match_and_keep_their_source(sample_db: Path, rep: MarketReport) -> None:
    corpus = [p for p in rep.pay if p.dataset == CORPUS_PAY and p.level == "all levels"]
    assert corpus
    for figure in corpus:
        ((n, median),) = query(
            sample_db,
            "SELECT count(*), quantile_cont((salary_low + coalesce(salary_high, salary_low)) / 2, 0.5) FROM market "
            "WHERE primary_flavour = ? AND salary_low IS NOT NULL AND salary_currency = 'USD' "
            "AND (salary_low + coalesce(salary_high, salary_low)) / 2 BETWEEN ? AND ?",
            [figure.flavour, *PAY_RANGE],
        )
        assert (figure.n, figure.p50) == (n, round(median))
    datasets = {p.dataset for p in rep.pay}
    assert datasets == {CORPUS_PAY, "bls_oews_may2025", "aijobs_salaries"}
    assert all(p.source and p.population for p in rep.pay)
    assert all(p.n is not None for p in rep.pay if p.dataset != "bls_oews_may2025" or p.n)


def test_trends_and_degrees_match(sample_db: Path, rep: MarketReport) -> None:
    for point in rep.llm_by_year:
        ((n, llm),) = query(
            sample_db,
            "SELECT count(*), count(*) FILTER (WHERE list_contains([s.category for s in skills], 'llm_tooling')) "
            "FROM market WHERE year = ?",
            [point.year],
        )
        assert (point.postings, point.share) == (n, round(llm / n, 4))
    years = [p.year for p in rep.llm_by_year]
    assert years == sorted(years) and years[0] <= 2020 and years[-1] >= 2025
    for degrees in rep.degrees:
        assert sum(degrees.shares.values()) == pytest.approx(1.0, abs=0.001)


def test_filters_narrow_every_figure(sample_db: Path) -> None:
    us = report(sample_db, MarketFilters(region=["US"], year=[2020]))
    ((n,),) = query(sample_db, "SELECT count(*) FROM market WHERE region = 'US' AND year = 2020")
    assert us.basis.postings == n and "region: US" in us.basis.filters
    assert sum(m.postings for m in us.by_year) == n
    only = report(sample_db, MarketFilters(flavour=["analytics"]))
    assert [s.flavour for s in only.skills] == ["analytics"]
    with pytest.raises(UnknownIdError, match="analytics"):
        report(sample_db, MarketFilters(flavour=["analytcs"]))
    with pytest.raises(InputError, match="No decoded postings"):
        report(sample_db, MarketFilters(year=[1990]))


def test_report_is_json_round_trippable(rep: MarketReport) -> None:
    assert MarketReport.model_validate_json(rep.model_dump_json()) == rep
    assert rep.basis.postings == 250 and rep.basis.duplicates == 0


def test_a_missing_database_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="careerlens market build"):
        report(tmp_path / "none.duckdb")
