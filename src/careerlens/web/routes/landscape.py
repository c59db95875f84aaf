"""Landscape pages: home, roles, a role, comparison, company archetypes, sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from careerlens.knowledge.compare import compare_roles, headline_pay
from careerlens.knowledge.loader import load_knowledge
from careerlens.plan.demand import load_demand
from careerlens.web.app import page
from careerlens.web.charts import bars

router = APIRouter()


@page(router, "/", "index.html")
def home(request: Request) -> dict[str, Any]:
    """What careerlens does, with the twelve flavours and their share of real postings."""
    kb = load_knowledge()
    demand = load_demand()
    roles = [
        {"id": r.id, "name": r.name, "summary": r.summary.text, "market_share": demand.market_share.get(r.id, 0.0)}
        for r in kb.roles.values()
    ]
    return {"roles": roles, "basis": demand.basis}


@page(router, "/roles", "roles.html")
def roles(request: Request) -> dict[str, Any]:
    """The twelve role flavours."""
    kb = load_knowledge()
    demand = load_demand()
    out = []
    for r in kb.roles.values():
        survey = headline_pay(kb, r.id, "aijobs_salaries")
        out.append(
            {
                "id": r.id,
                "name": r.name,
                "summary": r.summary.text,
                "titles": r.titles,
                "market_share": demand.market_share.get(r.id, 0.0),
                "median_pay_survey": survey.p50 if survey else None,
            }
        )
    return {"roles": out, "basis": demand.basis}


def _cite(kb: Any, source: Any) -> dict[str, str]:
    entry = kb.sources.get(source.ref)
    return {"ref": source.ref, "title": entry.title if entry else source.ref, "where": source.where}


@page(router, "/roles/{role_id}", "role.html")
def role(request: Request, role_id: str) -> dict[str, Any]:
    """One role flavour: the work, evidence, skills, degrees, neighbours, pay — every fact with its source."""
    kb = load_knowledge()
    r = kb.role(role_id)
    demand = load_demand()
    data = r.model_dump(mode="json")
    data["pay"] = [p.model_dump(mode="json") for p in kb.pay_for(role_id)]
    data["source_titles"] = {k: v.title for k, v in kb.sources.items()}
    data["asked"] = [{"skill": s, "share": share} for s, share in demand.top(role_id, 0.1)[:15]]
    data["asked_chart"] = str(
        bars(
            [(s, share, f"{share:.0%}") for s, share in demand.top(role_id, 0.1)[:12]],
            scale=1.0,
            title=f"Skills named in {r.name} postings",
        )
    )
    return data


@page(router, "/compare", "compare.html")
def compare(
    request: Request, ids: str = Query("analytics,decision_science,ds_modeling", description="comma-separated role ids")
) -> dict[str, Any]:
    """Roles side by side."""
    kb = load_knowledge()
    wanted = [i.strip() for i in ids.split(",") if i.strip()][:4]
    return {"comparison": compare_roles(kb, wanted).model_dump(mode="json"), "ids": wanted, "all": list(kb.roles)}


@page(router, "/companies", "companies.html")
def companies(request: Request) -> dict[str, Any]:
    """The seven kinds of companies that do ML work."""
    kb = load_knowledge()
    return {"companies": [c.model_dump(mode="json") for c in kb.companies.values()]}


@page(router, "/companies/{company_id}", "company.html")
def company(request: Request, company_id: str) -> dict[str, Any]:
    """One company archetype."""
    kb = load_knowledge()
    data = kb.company(company_id).model_dump(mode="json")
    data["source_titles"] = {k: v.title for k, v in kb.sources.items()}
    data["role_names"] = {k: v.name for k, v in kb.roles.items()}
    return data


@page(router, "/sources", "sources.html")
def sources(request: Request) -> dict[str, Any]:
    """Every document and dataset that facts come from, with licence and attribution."""
    kb = load_knowledge()
    return {"sources": [s.model_dump(mode="json") for s in kb.sources.values()]}
