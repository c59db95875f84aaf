"""Landscape commands: roles, role, compare, companies, company, sources."""

from __future__ import annotations

from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table

from careerlens.cli.output import JSON_OPTION, command, console, print_json
from careerlens.knowledge.compare import compare_roles
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import PayPercentiles, Source


def money(value: float | None) -> str:
    return "—" if value is None else f"${value:,.0f}"


def cite(kb: Knowledge, source: Source) -> str:
    entry = kb.sources.get(source.ref)
    title = entry.title if entry else source.ref
    return f"{title} — {source.where}"


def median_pay(official: PayPercentiles | None, survey: PayPercentiles | None) -> str:
    """Two medians, never mixed: the official statistic and the self-reported survey, each with its n."""
    lines = []
    if official:
        lines.append(
            f"{money(official.p50)} [dim]BLS {official.population.split(',')[0]}, {official.year}, "
            f"n={official.n:,}[/dim]"
            if official.n
            else f"{money(official.p50)} [dim]BLS[/dim]"
        )
    if survey:
        lines.append(
            f"{money(survey.p50)} [dim]ai-jobs.net by title, {survey.year}, n={survey.n:,}, self-reported[/dim]"
            if survey.n
            else f"{money(survey.p50)} [dim]ai-jobs.net[/dim]"
        )
    return "\n".join(lines) or "—"


def pay_table(rows: list[PayPercentiles]) -> Table:
    """Annual pay percentiles, one row per dataset and level, each with its population, year and n."""
    table = Table(box=None, padding=(0, 1))
    for column in ("source", "who", "level", "year", "n", "p25", "median", "p75"):
        table.add_column(column, justify="right" if column in ("n", "p25", "median", "p75") else "left")
    for p in rows:
        table.add_row(
            p.dataset,
            p.population,
            p.level or "all",
            str(p.year),
            f"{p.n:,}" if p.n is not None else "—",
            money(p.p25),
            money(p.p50),
            money(p.p75),
        )
    return table


def role_json(kb: Knowledge, role_id: str) -> dict[str, Any]:
    role = kb.role(role_id)
    data = role.model_dump(mode="json")
    data["pay"] = [p.model_dump(mode="json") for p in kb.pay_for(role_id)]
    return data


def register(app: typer.Typer) -> None:
    @app.command("roles")
    @command
    def roles(as_json: bool = JSON_OPTION) -> None:
        """List the twelve role flavours."""
        kb = load_knowledge()
        if as_json:
            print_json(
                [{"id": r.id, "name": r.name, "summary": r.summary.text, "titles": r.titles} for r in kb.roles.values()]
            )
            return
        table = Table(title="Role flavours: what the work is, whatever the title", show_lines=True)
        table.add_column("id", style="bold cyan", no_wrap=True)
        table.add_column("flavour")
        table.add_column("the work is mostly…", ratio=3)
        table.add_column("often titled", ratio=2)
        for r in kb.roles.values():
            table.add_row(r.id, r.name, r.summary.text, ", ".join(r.titles[:4]))
        console.print(table)
        console.print("[dim]Details: careerlens role ID · side by side: careerlens compare ID ID[/dim]")

    @app.command("role")
    @command
    def role(
        role_id: str = typer.Argument(..., help="A flavour id, e.g. ml_engineer."), as_json: bool = JSON_OPTION
    ) -> None:
        """Everything careerlens knows about one role flavour, with sources."""
        kb = load_knowledge()
        r = kb.role(role_id)
        if as_json:
            print_json(role_json(kb, role_id))
            return
        console.print(
            Panel(f"{r.summary.text}\n[dim]{cite(kb, r.summary.source)}[/dim]", title=f"[bold]{r.name}[/bold] ({r.id})")
        )
        console.print("[bold]Often titled:[/bold] " + ", ".join(r.titles))
        console.print("\n[bold]Day to day[/bold]")
        for a in r.activities:
            console.print(f"  • {a.text}")
        console.print("\n[bold]In a posting, look for[/bold]: " + "; ".join(e.text for e in r.evidence))
        console.print("\n[bold]Core skills[/bold]: " + ", ".join(s.skill for s in r.skills.core))
        if r.skills.nice:
            console.print("[bold]Nice to have[/bold]: " + ", ".join(s.skill for s in r.skills.nice))
        console.print(f"\n[bold]Degrees[/bold]: typically {r.degrees.typical}; PhD {r.degrees.phd}")
        for b in r.backgrounds:
            console.print(f"  • {b.text}")
        if r.neighbours:
            console.print("\n[bold]Not to be confused with[/bold]")
            for n in r.neighbours:
                console.print(f"  • [cyan]{n.role}[/cyan]: {n.difference}")
        console.print("\n[bold]Who hires it[/bold]: " + ", ".join(kb.company(a.archetype).name for a in r.archetypes))
        for s in r.specialisms:
            console.print(f"  specialism [cyan]{s.name}[/cyan]: {s.summary}")
        console.print("\n[bold]Pay[/bold] (each figure with its source; never mixed)")
        for sp in r.stated_pay:
            high = f"–{money(sp.high)}" if sp.high else "+"
            console.print(f"  {money(sp.low)}{high} {sp.basis} [dim]({sp.year}; {cite(kb, sp.source)})[/dim]")
        if kb.pay_for(r.id):
            console.print(pay_table(kb.pay_for(r.id)))
        if not r.stated_pay and not kb.pay_for(r.id):
            console.print("  no figure: the data has no population that matches this work")
        if r.crosswalks:
            console.print(
                "\n[bold]Official occupations[/bold]: "
                + "; ".join(f"{c.scheme.upper()} {c.code} {c.title} ({c.closeness})" for c in r.crosswalks)
            )

    @app.command("compare")
    @command
    def compare(
        role_ids: list[str] = typer.Argument(..., help="Two or more flavour ids."), as_json: bool = JSON_OPTION
    ) -> None:
        """Compare role flavours side by side."""
        kb = load_knowledge()
        result = compare_roles(kb, role_ids)
        if as_json:
            print_json(result)
            return
        table = Table(show_lines=True, title="Side by side")
        table.add_column("", style="bold", no_wrap=True)
        for col in result.roles:
            table.add_column(f"{col.name}\n[dim]{col.id}[/dim]", ratio=1)
        shared = set(result.shared_core_skills)

        def row(label: str, values: list[str]) -> None:
            table.add_row(label, *values)

        row("the work", [c.summary for c in result.roles])
        row("day to day", ["\n".join(f"• {a}" for a in c.activities[:4]) for c in result.roles])
        row(
            "core skills",
            [", ".join(s if s not in shared else f"[dim]{s}[/dim]" for s in c.core_skills) for c in result.roles],
        )
        row("degree", [f"{c.typical_degree}; PhD {c.phd}" for c in result.roles])
        row("who hires", [", ".join(c.archetypes) for c in result.roles])
        row("median pay", [median_pay(c.pay_official, c.pay_survey) for c in result.roles])
        row(
            "vs the others",
            ["\n".join(f"[cyan]{k}[/cyan]: {v}" for k, v in c.differences.items()) or "—" for c in result.roles],
        )
        console.print(table)
        if shared:
            console.print(f"[dim]Shared core skills (dimmed above): {', '.join(sorted(shared))}[/dim]")

    @app.command("companies")
    @command
    def companies(as_json: bool = JSON_OPTION) -> None:
        """List the company archetypes that do ML and AI work."""
        kb = load_knowledge()
        if as_json:
            print_json(list(kb.companies.values()))
            return
        table = Table(title="Kinds of companies doing AI/ML/data work", show_lines=True)
        table.add_column("id", style="bold cyan", no_wrap=True)
        table.add_column("archetype")
        table.add_column("what they do", ratio=3)
        table.add_column("e.g.", ratio=2)
        table.add_column("hires", ratio=2)
        for c in kb.companies.values():
            table.add_row(
                c.id,
                c.name,
                c.summary.text,
                ", ".join(e.name for e in c.examples[:5]),
                ", ".join(h.role for h in c.hires),
            )
        console.print(table)

    @app.command("company")
    @command
    def company(
        company_id: str = typer.Argument(..., help="An archetype id, e.g. ml_heavy_product."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """One company archetype: examples, ML work, who it hires."""
        kb = load_knowledge()
        c = kb.company(company_id)
        if as_json:
            print_json(c)
            return
        console.print(
            Panel(f"{c.summary.text}\n[dim]{cite(kb, c.summary.source)}[/dim]", title=f"[bold]{c.name}[/bold] ({c.id})")
        )
        console.print("[bold]Examples[/bold]: " + ", ".join(e.name for e in c.examples))
        console.print("[bold]ML work[/bold]")
        for w in c.ml_work:
            console.print(f"  • {w.text}")
        console.print("[bold]Hires[/bold]: " + ", ".join(f"{kb.role(h.role).name} ({h.role})" for h in c.hires))

    @app.command("sources")
    @command
    def sources(as_json: bool = JSON_OPTION) -> None:
        """Where every fact comes from: the seed documents and datasets, with licences."""
        kb = load_knowledge()
        if as_json:
            print_json(list(kb.sources.values()))
            return
        table = Table(title="Sources", show_lines=True)
        table.add_column("id", style="bold cyan", no_wrap=True)
        table.add_column("kind")
        table.add_column("title", ratio=2)
        table.add_column("licence")
        table.add_column("attribution", ratio=2)
        for s in kb.sources.values():
            title = s.title + (f" — {s.author}" if s.author else "")
            table.add_row(s.id, s.kind, title, s.licence, s.attribution)
        console.print(table)
