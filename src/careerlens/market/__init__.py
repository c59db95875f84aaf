"""Market insights: decode corpora of postings into DuckDB, then report what the market really asks for.

result = build(["postings.jsonl.gz"], "market.duckdb")            # resumable; engine="ray" scales out
rep = report("market.duckdb", MarketFilters(region=["US"]))        # pydantic, JSON-able
html = render_html(rep); charts(rep, "charts/", fmt="svg")
company_check("market.duckdb", "Stripe"); company_check_postings([text1, text2], "Acme")
export_stats("market.duckdb", "skill_demand.json", leave_out=dev_uids)
"""

from __future__ import annotations

from careerlens.market.builder import BuildResult, build
from careerlens.market.charts import chart_svgs, charts
from careerlens.market.company import CompanyCheck, company_check, company_check_postings
from careerlens.market.engines import EXECUTORS, Executor, get_executor
from careerlens.market.html import render_html
from careerlens.market.reporting import MarketFilters, MarketReport, report
from careerlens.market.stats import export_stats, market_stats

__all__ = [
    "EXECUTORS",
    "BuildResult",
    "CompanyCheck",
    "Executor",
    "MarketFilters",
    "MarketReport",
    "build",
    "chart_svgs",
    "charts",
    "company_check",
    "company_check_postings",
    "export_stats",
    "get_executor",
    "market_stats",
    "render_html",
    "report",
]
