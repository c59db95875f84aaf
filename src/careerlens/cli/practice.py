"""``careerlens practice``: rehearse a scenario with a grounded coach (a thin shell over careerlens.studio)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from careerlens.cli.output import JSON_OPTION, command, console, err_console, print_json
from careerlens.decode.documents import read_document
from careerlens.errors import CareerlensError, InputError
from careerlens.store import open_store
from careerlens.studio import (
    SETTINGS,
    Report,
    Session,
    Turn,
    backend_from_config,
    backend_names,
    list_scenarios,
    report_markdown,
    save_session,
    start_session,
)

_ENV_HELP = "; ".join(f"{s.env} ({s.help})" for s in SETTINGS)


def _print_scenarios(as_json: bool) -> None:
    scenarios = list_scenarios()
    if as_json:
        print_json(scenarios)
        return
    table = Table(title="Practice scenarios (seed 002)")
    table.add_column("id", no_wrap=True)
    table.add_column("scenario")
    table.add_column("counterpart")
    for s in scenarios:
        if not s.generated:
            table.add_row(s.id, s.title, s.counterpart)
    console.print(table)
    generated = [s for s in scenarios if s.generated]
    console.print(
        f"\nPlus {len(generated)} generated informational interviews, one per role flavour and kind of company: "
        "[bold]interview_<flavour>_at_<company>[/bold], e.g. interview_data_engineer_at_ml_heavy_product.\n"
        "Short names work too: interview, plan, phd, platform. Run `careerlens practice ID`."
    )


def _render_turn(turn: Turn, streamed: bool) -> None:
    if not streamed:
        console.print(f"[bold cyan]Coach[/bold cyan] [dim]({turn.backend})[/dim]: {escape(turn.reply)}")
    fb = turn.feedback
    if fb:
        colour = {"sharp": "green", "fair": "yellow", "weak": "red"}[fb.verdict]
        console.print(f"  [{colour}]Question sharpness {fb.score:.0f}/100 ({fb.verdict})[/{colour}]")
        for note in fb.notes:
            console.print(f"   · {escape(note)}")
        if fb.better:
            console.print(f"  [green]Sharper:[/green] {escape(fb.better)} [dim]({fb.better_score:.0f}/100)[/dim]")
    for i, c in enumerate(turn.citations, 1):
        console.print(f"  [dim][{i}] {escape(c.ref)} — {escape(c.where)}[/dim]")
    for w in turn.warnings:
        console.print(f"  [yellow]⚠ {escape(w)}[/yellow]")


def _say(session: Session, action: str, text: str, quiet: bool) -> Turn:
    streamed = not quiet
    if streamed:
        console.print(f"[bold cyan]Coach[/bold cyan] [dim]({session.backend.name})[/dim]: ", end="")

    def sink(piece: str) -> None:
        console.print(escape(piece), end="", soft_wrap=True, highlight=False)

    on_token = sink if streamed else None
    try:
        if action == "hint":
            turn = session.hint(on_token)
        elif action == "posting":
            turn = session.add_posting(text, on_token)
        else:
            turn = session.turn(text, on_token)
    finally:
        if streamed:
            console.print()
    if not quiet:
        _render_turn(turn, streamed=True)
    return turn


def _render_report(report: Report) -> None:
    console.rule(f"[bold]Report: {escape(report.title)}[/bold]")
    console.print(f"[bold]{escape(report.summary)}[/bold]  [dim](backend: {report.backend})[/dim]")
    if report.rubric:
        table = Table(title=f"Score {report.rubric.score:.0f}/{report.rubric.max_score:.0f}", show_lines=True)
        table.add_column("item")
        table.add_column("points", justify="right")
        table.add_column("why")
        for item in report.rubric.items:
            table.add_row(item.name, f"{item.points:.0f}/{item.max_points:.0f}", escape(item.note))
        console.print(table)
    for section in report.sections:
        console.print(f"\n[bold]{escape(section.title)}[/bold]")
        for line in section.lines:
            console.print(f"  • {escape(line)}")


def _script_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read the script {path}: {exc}") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def register(app: typer.Typer) -> None:
    @app.command("practice")
    @command
    def practice_cmd(
        scenario: str | None = typer.Argument(None, help="Scenario id or short name; leave out to list them."),
        script: Path | None = typer.Option(
            None, "--script", help="A text file of your turns, one per line (/hint, /posting FILE, /done work too)."
        ),
        posting: Path | None = typer.Option(None, "--posting", help="A posting file to ground the conversation in."),
        backend: str | None = typer.Option(
            None, "--backend", help=f"Who writes the coach's words: {', '.join(backend_names())} (default offline)."
        ),
        base_url: str | None = typer.Option(None, "--base-url", help="OpenAI-compatible API root (openai backend)."),
        model: str | None = typer.Option(None, "--model", help=f"Model name (openai backend). Env: {_ENV_HELP}."),
        profile_name: str | None = typer.Option(None, "--profile", "-p", help="A saved profile to practise with."),
        report_md: Path | None = typer.Option(None, "--report-md", help="Also write the report as Markdown."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Practise a scenario with a grounded coach: list them, or run one (/hint for help, /done for the report)."""
        if scenario is None:
            _print_scenarios(as_json)
            return
        store = open_store()
        profile = None
        if profile_name:
            profile = store.profile(profile_name)
            if profile is None:
                raise InputError(
                    f"No profile {profile_name!r}. Build one with `careerlens profile` or `careerlens quiz`."
                )
        chosen = backend_from_config(backend, base_url=base_url, model=model)
        session = start_session(scenario, profile=profile, backend=chosen)
        quiet = as_json
        if not quiet:
            console.rule(f"[bold]{escape(session.scenario.title)}[/bold]")
            console.print(f"[dim]Goal: {escape(session.scenario.goal)}[/dim]")
            _render_turn(session.opening, streamed=False)
        if posting is not None:
            _say(session, "posting", read_document(posting), quiet)
        lines = _script_lines(script) if script else None
        while True:
            if lines is not None:
                if not lines:
                    break
                text = lines.pop(0)
                if not quiet:
                    console.print(f"[bold]You:[/bold] {escape(text)}")
            else:
                try:
                    text = typer.prompt("You", prompt_suffix="> ").strip()
                except (EOFError, KeyboardInterrupt, typer.Abort):
                    console.print()
                    break
            if text in ("/done", "/quit", "/exit"):
                break
            try:
                if text == "/hint":
                    _say(session, "hint", "", quiet)
                elif text.startswith("/posting"):
                    path = Path(text.removeprefix("/posting").strip())
                    _say(session, "posting", read_document(path), quiet)
                else:
                    _say(session, "turn", text, quiet)
            except CareerlensError as exc:
                if lines is not None and isinstance(exc, InputError) and "model server" in str(exc):
                    raise
                err_console.print(f"[red]{escape(str(exc))}[/red]")
            save_session(session, store=store)
        report = session.report()
        save_session(session, report, store=store)
        if report_md is not None:
            report_md.write_text(report_markdown(report), encoding="utf-8")
            err_console.print(f"Report written to {report_md}.")
        if as_json:
            print_json(report)
        else:
            _render_report(report)
            console.print(f"[dim]Saved as practice session {session.id} in {store.path}.[/dim]")
