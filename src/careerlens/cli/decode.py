"""Decode commands: decode (one posting) and decode-batch (a file of postings)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.panel import Panel
from rich.table import Table

from careerlens.cli.output import JSON_OPTION, command, console, decoding_progress, err_console, print_json
from careerlens.decode.batch import decode_file
from careerlens.decode.decoder import DecodedPosting, decode_posting
from careerlens.decode.documents import document_text, read_document
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.skills.extract import load_taxonomy

BAR_WIDTH = 30


def render(decoded: DecodedPosting) -> None:
    kb = load_knowledge()
    head = decoded.title or "(untitled posting)"
    console.print(
        Panel(
            f"[bold]{head}[/bold]\nThe work is mostly [bold cyan]{kb.roles[decoded.primary].name}"
            f"[/bold cyan]"
            + (f", with a large share of [cyan]{kb.roles[decoded.secondary].name}[/cyan]" if decoded.secondary else ""),
            title="careerlens decode",
        )
    )
    if decoded.mismatch and decoded.mismatch_note:
        console.print(f"[bold yellow]⚠ Title vs content:[/bold yellow] {decoded.mismatch_note}\n")
    table = Table(title="Flavour mix", show_header=False, box=None)
    for flavour, share in sorted(decoded.flavours.items(), key=lambda kv: -kv[1]):
        if share < 0.02:
            continue
        bar = "█" * max(1, round(share * BAR_WIDTH))
        table.add_row(f"{flavour}", f"[cyan]{bar}[/cyan]", f"{share:.0%}")
    console.print(table)
    for flavour in [f for f in (decoded.primary, decoded.secondary) if f]:
        lines = [e.sentence for e in decoded.evidence if e.flavour == flavour]
        if lines:
            console.print(f"\n[bold]Why {flavour}[/bold]")
            for line in lines:
                console.print(f"  “{line[:220]}”")
    console.print("\n[bold]Skills[/bold] ([green]required[/green] · [dim]nice to have[/dim])")
    by_category: dict[str, list[str]] = {}
    for s in decoded.skills:
        label = f"[green]{s.name}[/green]" if s.need == "required" else f"[dim]{s.name}[/dim]"
        by_category.setdefault(s.category, []).append(label)
    categories = load_taxonomy().categories
    for category, names in by_category.items():
        console.print(f"  {categories.get(category, category)}: " + ", ".join(names))
    if not decoded.skills:
        console.print("  none recognised")
    sen = decoded.seniority
    degree = (
        "no degree stated"
        if sen.degree == "none"
        else (f"{sen.degree} ({'required' if sen.degree_required else 'preferred'})")
    )
    years = f"{sen.years_min}+ years" if sen.years_min is not None else "years not stated"
    console.print(f"\n[bold]Seniority[/bold]: {sen.level} ({sen.level_reason}); {years}; {degree}")
    if decoded.workplace:
        console.print(f"[bold]Workplace[/bold]: {decoded.workplace}")
    if decoded.salary:
        pay = decoded.salary
        high = f"–{pay.annual_high:,.0f}" if pay.annual_high else ""
        console.print(
            f"[bold]Salary[/bold]: {pay.currency} {pay.annual_low:,.0f}{high} a year "
            f"[dim](stated as “{pay.text}”)[/dim]"
        )
    if decoded.company.archetype:
        console.print(f"[bold]Company[/bold]: likely {decoded.company.name} — {decoded.company.reason}")
    for note in decoded.notes:
        console.print(f"[yellow]Note:[/yellow] {note}")


def register(app: typer.Typer) -> None:
    @app.command("decode")
    @command
    def decode(
        file: str = typer.Argument(..., help="A posting file (text, HTML, markdown, PDF, DOCX), or - for stdin."),
        title: str | None = typer.Option(None, "--title", "-t", help="The job title, if not in the document."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Decode a job posting: what the job really is, with the sentences that show it."""
        text = document_text(sys.stdin.buffer.read(), "stdin") if file == "-" else read_document(Path(file))
        decoded = decode_posting(text, title=title)
        if as_json:
            print_json(decoded)
        else:
            render(decoded)

    @app.command("decode-batch")
    @command
    def decode_batch(
        src: Path = typer.Argument(..., help="JSONL, CSV or Parquet of postings (gzip accepted)."),
        out: Path = typer.Option(..., "--out", "-o", help="Where to write one JSON object per posting."),
        workers: int = typer.Option(0, "--workers", "-w", help="Processes to use (0: all cores)."),
    ) -> None:
        """Decode many postings, streaming, one output line per input record."""
        if not src.exists():
            raise InputError(f"Cannot read {src}: no such file.")
        with decoding_progress() as progress:
            task = progress.add_task("decode", total=None)
            written, errors = decode_file(src, out, workers or None, on_done=lambda n: progress.advance(task, n))
        err_console.print(
            f"{written} postings decoded to {out}"
            + (f"; {errors} could not be decoded (see their error field)" if errors else "")
        )
