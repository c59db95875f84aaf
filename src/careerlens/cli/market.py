"""Market commands: ``market build``, ``market report``, ``market export-stats`` and ``company-check``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table

from careerlens.cli.output import JSON_OPTION, command, console, decoding_progress, err_console, print_json
from careerlens.decode.documents import read_document
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.plan.demand import DEMAND_PATH

if TYPE_CHECKING:
    from careerlens.market import CompanyCheck, MarketReport

# careerlens.market loads DuckDB and matplotlib: each command imports it when it runs, so that every other
# careerlens command starts fast.

DB_OPTION = typer.Option(Path("market.duckdb"), "--db", help="The market database (DuckDB file).")


def _name(flavour: str) -> str:
    roles = load_knowledge().roles
    return roles[flavour].name if flavour in roles else flavour


def _top(shares: dict[str, float], n: int = 3) -> str:
    return ", ".join(f"{_name(f)} {s:.0%}" for f, s in sorted(shares.items(), key=lambda kv: -kv[1])[:n])


def render_report(rep: MarketReport) -> None:
    from careerlens.market.reporting import CORPUS_PAY

    b = rep.basis
    console.print(
        f"[bold]Market report[/bold]: {b.postings:,} postings ({', '.join(b.corpora)}), {b.first_date} to "
        f"{b.last_date}, {len(b.sources)} sources; {b.filters}. {b.duplicates:,} repeats counted once, "
        f"{b.errors:,} undecodable records left out."
    )
    table = Table(title="What titles really are (share of postings by decoded flavour)")
    table.add_column("title family")
    table.add_column("postings", justify="right")
    table.add_column("mostly")
    for m in rep.title_mix:
        table.add_row(m.group, f"{m.postings:,}", _top(m.shares))
    console.print(table)
    table = Table(title="Role mix by year")
    table.add_column("year")
    table.add_column("postings", justify="right")
    table.add_column("mostly")
    for m in rep.by_year:
        table.add_row(m.group, f"{m.postings:,}", _top(m.shares, 4))
    console.print(table)
    table = Table(title="Top skills per flavour (share naming · share requiring)")
    table.add_column("flavour")
    table.add_column("postings", justify="right")
    table.add_column("required", justify="right")
    table.add_column("top skills")
    for fs in rep.skills:
        top = "; ".join(f"{s.name} {s.share:.0%}·{s.required_share:.0%}" for s in fs.skills[:5])
        table.add_row(_name(fs.flavour), f"{fs.postings:,}", f"{fs.required_share:.0%}", top)
    console.print(table)
    table = Table(title="Pay, all levels, USD a year (each row one source; never combined)")
    for column in ("flavour", "source", "year", "n", "p25", "median", "p75"):
        table.add_column(column, justify="left" if column in ("flavour", "source") else "right")
    for p in rep.pay:
        if p.level != "all levels":
            continue
        source = "postings (stated ranges)" if p.dataset == CORPUS_PAY else p.dataset
        money = [f"${v:,.0f}" if v is not None else "" for v in (p.p25, p.p50, p.p75)]
        n = f"{p.n:,}" if p.n is not None else "n/a"
        table.add_row(_name(p.flavour), source, str(p.year or ""), n, *money)
    console.print(table)
    console.print(
        "[bold]LLM / GenAI skills[/bold] (share of postings naming one): "
        + ", ".join(f"{r.year} {r.share:.0%} (n={r.postings:,})" for r in rep.llm_by_year)
    )
    table = Table(title="Degrees by flavour")
    for column in ("flavour", "postings", "none", "bachelor", "master", "PhD", "required"):
        table.add_column(column, justify="left" if column == "flavour" else "right")
    for d in rep.degrees:
        shares = [f"{d.shares[k]:.0%}" for k in ("none", "bachelor", "master", "phd")]
        table.add_row(_name(d.flavour), f"{d.postings:,}", *shares, f"{d.required_share:.0%}")
    console.print(table)


def render_company(check: CompanyCheck) -> None:
    console.print(
        f"[bold]{check.company}[/bold]: {check.postings} postings ({check.confidence} confidence, "
        f"{check.confidence_reason})"
    )
    if check.archetype_name:
        console.print(f"Most likely: [cyan]{check.archetype_name}[/cyan] — {check.archetype_reason}")
    console.print("Hires: " + ", ".join(f"{_name(f)} ({n})" for f, n in check.flavours.items()))
    for answer in check.answers:
        colour = {"yes": "green", "some signs": "yellow", "only one or two": "yellow"}.get(answer.answer, "red")
        console.print(f"\n[bold]{answer.question}[/bold] [{colour}]{answer.answer}[/{colour}] ({answer.confidence})")
        console.print(f"  {escape(answer.summary)}")
        for e in answer.evidence:
            console.print(f"  [dim]{escape(e.posting)}:[/dim] “{escape(e.quote)}”", highlight=False)


def register(app: typer.Typer) -> None:
    market = typer.Typer(
        help="Market insights: decode corpora into a database and report on them.", no_args_is_help=True
    )
    app.add_typer(market, name="market")

    @market.command("build")
    @command
    def build_cmd(
        corpora: list[Path] = typer.Argument(..., help="JSONL, CSV or Parquet corpora of postings (gzip accepted)."),
        db: Path = DB_OPTION,
        engine: str = typer.Option("local", "--engine", "-e", help="Where decoding runs: local or ray."),
        workers: int = typer.Option(0, "--workers", "-w", help="Processes (local) or CPUs (local Ray); 0: all."),
        ray_address: str | None = typer.Option(
            None, "--ray-address", help="Ray cluster address (default: $CAREERLENS_RAY_ADDRESS, else a local Ray)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Decode corpora into the market database; run again to resume an interrupted build."""
        from careerlens.market import build

        options: dict[str, Any] = {"address": ray_address} if engine == "ray" and ray_address else {}
        with decoding_progress(disable=as_json) as progress:
            task: TaskID = progress.add_task("build", total=None)
            result = build(
                corpora,
                db,
                engine=engine,
                workers=workers or None,
                on_total=lambda total: progress.update(task, total=total),
                on_progress=lambda n: progress.advance(task, n),
                **options,
            )
        if as_json:
            print_json(result)
            return
        console.print(
            f"{result.added:,} records decoded ({result.already_there:,} were already there) in {result.seconds:.0f}s "
            f"({result.postings_per_s:,.0f}/s, {result.engine}); {db} holds {result.postings:,} postings, "
            f"{result.duplicates:,} repeats counted once."
        )
        if result.errors:
            console.print(f"[yellow]{result.errors:,} records could not be decoded:[/yellow]")
            for e in result.error_rows[:10]:
                console.print(f"  {escape(e.corpus)} line {e.line}: {escape(e.error)}")

    @market.command("report")
    @command
    def report_cmd(
        db: Path = DB_OPTION,
        flavour: list[str] = typer.Option([], "--flavour", "-f", help="Only these decoded flavours (repeatable)."),
        region: list[str] = typer.Option([], "--region", "-r", help="Only these regions (repeatable)."),
        year: list[int] = typer.Option([], "--year", "-y", help="Only these years (repeatable)."),
        source: list[str] = typer.Option([], "--source", "-s", help="Only these sources (repeatable)."),
        html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
        charts_dir: Path | None = typer.Option(None, "--charts", help="Also write every chart into this folder."),
        fmt: str = typer.Option("png", "--format", help="Chart format: png or svg."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """What titles really are, role mix, skills, pay and trends, from the market database."""
        from careerlens.market import MarketFilters, charts, render_html, report

        rep = report(db, MarketFilters(flavour=flavour, region=region, year=year, source=source))
        if html:
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(render_html(rep), encoding="utf-8")
            err_console.print(f"HTML report written to {html}")
        if charts_dir:
            if fmt not in ("png", "svg"):
                raise InputError(f"--format must be png or svg, not {fmt!r}.")
            paths = charts(rep, charts_dir, fmt="svg" if fmt == "svg" else "png")
            err_console.print(f"{len(paths)} charts written to {charts_dir}")
        if as_json:
            print_json(rep)
        else:
            render_report(rep)

    @market.command("export-stats")
    @command
    def export_stats_cmd(
        db: Path = DB_OPTION,
        out: Path = typer.Option(DEMAND_PATH, "--out", "-o", help="Where to write (default: the shipped file)."),
        leave_out: Path | None = typer.Option(
            None, "--leave-out", help="A JSONL file whose uids are left out (e.g. ../shared/eval/dev.jsonl)."
        ),
        keep_duplicates: bool = typer.Option(
            False, "--keep-duplicates", help="Count repeated postings as often as they appear (as older files did)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Write the compact statistics the planner and path finder read (skill demand, degrees, pay)."""
        from careerlens.market import export_stats

        uids: set[str] = set()
        if leave_out:
            if not leave_out.is_file():
                raise InputError(f"Cannot read {leave_out}: no such file.")
            with open(leave_out, encoding="utf-8") as fh:
                uids = {str(json.loads(line)["uid"]) for line in fh if line.strip()}
        stats = export_stats(db, out, leave_out=uids, keep_duplicates=keep_duplicates)
        if as_json:
            print_json({k: v for k, v in stats.items() if k != "flavours"})
        else:
            console.print(
                f"wrote {out}: {stats['postings']:,} postings, {stats['dates']}, left out {stats['left_out']}"
            )

    @app.command("company-check")
    @command
    def company_check_cmd(
        name: str = typer.Argument(..., help="The company's name."),
        db: Path = DB_OPTION,
        posting: list[Path] = typer.Option(
            [], "--posting", "-p", help="Check from these posting files instead of the database (repeatable)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Does a company have data, enough ML use cases and a real push for ML? With evidence from its postings."""
        from careerlens.market import company_check, company_check_postings

        if posting:
            check = company_check_postings([read_document(p) for p in posting], company=name)
        else:
            check = company_check(db, name)
        if as_json:
            print_json(check)
        else:
            render_company(check)
