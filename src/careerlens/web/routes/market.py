"""Market insights in the browser: the report over a market database, the shipped statistics without one,
and the company check (by name over the database, or over pasted postings)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.market import (
    MarketFilters,
    MarketReport,
    chart_svgs,
    company_check,
    company_check_postings,
    render_html,
)
from careerlens.market import report as market_report
from careerlens.plan.demand import load_demand
from careerlens.web.app import page, render, require_csrf
from careerlens.web.charts import bars

router = APIRouter()
# Charts drawn by matplotlib style their SVG with inline style attributes: these pages allow inline styles
# (never scripts). Everything from postings is escaped before it reaches them.
MARKET_CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
POSTING_SEPARATOR = "\n---\n"


def market_db(request: Request) -> Path | None:
    """The market database the app was started with (``--market-db``, ``$CAREERLENS_MARKET_DB``), if it exists."""
    configured = getattr(request.app.state, "market_db", None) or os.environ.get("CAREERLENS_MARKET_DB")
    path = Path(configured) if configured else Path("market.duckdb")
    return path if path.exists() else None


def _split(values: str | None) -> list[str]:
    return [v.strip() for v in (values or "").split(",") if v.strip()]


@lru_cache(maxsize=32)
def _cached_report(
    db: str,
    mtime: float,
    flavour: tuple[str, ...],
    region: tuple[str, ...],
    year: tuple[int, ...],
    source: tuple[str, ...],
) -> MarketReport:
    filters = MarketFilters(flavour=list(flavour), region=list(region), year=list(year), source=list(source))
    return market_report(db, filters)


@lru_cache(maxsize=8)
def _cached_charts(*key: Any) -> dict[str, str]:
    return chart_svgs(_cached_report(*key))


def _key(db: Path, flavour: str | None, region: str | None, year: str | None, source: str | None) -> tuple[Any, ...]:
    try:
        years = tuple(int(y) for y in _split(year))
    except ValueError:
        raise InputError(f"Years are numbers, like 2025; got {year!r}.") from None
    return (str(db), db.stat().st_mtime, tuple(_split(flavour)), tuple(_split(region)), years, tuple(_split(source)))


def _report(db: Path, flavour: str | None, region: str | None, year: str | None, source: str | None) -> MarketReport:
    return _cached_report(*_key(db, flavour, region, year, source))


def _shipped() -> dict[str, Any]:
    """What the package ships without any database: each flavour's share of postings and its top skills."""
    demand = load_demand()
    names = {k: v.name for k, v in load_knowledge().roles.items()}
    share = sorted(demand.market_share.items(), key=lambda kv: -kv[1])
    return {
        "basis": demand.basis,
        "mix_chart": str(
            bars([(names[f], s * 100, f"{s:.1%}") for f, s in share], title="Share of postings by kind of work")
        ),
        "skills": {names[f]: [(s, v) for s, v in demand.top(f, 0.2)[:10]] for f, _ in share},
    }


@page(router, "/market", "market.html")
def market(
    request: Request,
    flavour: str | None = Query(None, description="comma-separated flavour ids"),
    region: str | None = Query(None),
    year: str | None = Query(None, description="comma-separated years"),
    source: str | None = Query(None),
) -> dict[str, Any]:
    """What real postings say: title families vs the work, role mix, skills, pay, trends and degrees."""
    db = market_db(request)
    data: dict[str, Any] = {"shipped": _shipped(), "db": str(db) if db else None, "report": None}
    data["filters"] = {"flavour": flavour or "", "region": region or "", "year": year or "", "source": source or ""}
    if db is not None:
        key = _key(db, flavour, region, year, source)
        data["report"] = _cached_report(*key).model_dump(mode="json")
        if not str(request.url.path).endswith(".json"):
            data["charts"] = _cached_charts(*key)
    return data


@router.get("/market/report.html", include_in_schema=False)
def market_report_page(
    request: Request,
    flavour: str | None = None,
    region: str | None = None,
    year: str | None = None,
    source: str | None = None,
) -> Response:
    db = market_db(request)
    if db is None:
        raise InputError("No market database: build one with `careerlens market build CORPUS --db market.duckdb`.")
    html = render_html(_report(db, flavour, region, year, source))
    return HTMLResponse(html)


@page(router, "/company-check", "company_check.html")
def company(request: Request, name: str | None = Query(None, description="the company to check")) -> dict[str, Any]:
    """Seed 003's three questions about a company, answered from its postings in the market database."""
    db = market_db(request)
    check = None
    if name:
        if db is None:
            raise InputError("Checking a company by name needs a market database; paste a few of its postings instead.")
        check = company_check(db, name).model_dump(mode="json")
    return {"name": name or "", "check": check, "has_db": db is not None}


@router.post("/company-check", include_in_schema=False)
def company_pasted(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    company_name: Annotated[str | None, Form()] = None,
    postings: Annotated[str, Form()] = "",
) -> HTMLResponse:
    require_csrf(request, csrf)
    texts = [t for t in postings.replace("\r\n", "\n").split(POSTING_SEPARATOR) if t.strip()]
    if not texts:
        raise InputError("Paste one or more postings of the company, separated by a line with three dashes (---).")
    check = company_check_postings(texts, company_name or None)
    return render(
        request,
        "company_check.html",
        {
            "data": {
                "name": company_name or "",
                "check": check.model_dump(mode="json"),
                "has_db": market_db(request) is not None,
            }
        },
    )
