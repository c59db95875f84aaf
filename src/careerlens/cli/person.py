"""Person-side commands: profile, quiz, paths, fit and plan. Everything stays in the local store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from careerlens.cli.output import JSON_OPTION, command, console, err_console, print_json
from careerlens.decode.decoder import decode_posting
from careerlens.decode.documents import read_document
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.match.fit import Fit, fit_posting, fit_role, learn_first
from careerlens.match.paths import rank_paths
from careerlens.plan.export import to_ical, to_markdown
from careerlens.plan.planner import Plan, build_plan, mark_done, replan
from careerlens.profile.models import Profile, merge_profiles
from careerlens.profile.quiz import Item, items, parse_answer, profile_from_answers, read_answers, unanswered
from careerlens.profile.resume import read_resume
from careerlens.store import Store, open_store

PROFILE_OPTION = typer.Option("me", "--profile", "-p", help="Which saved profile to use.")
STRENGTH_STYLE = {"outcome": "bold green", "used": "green", "listed": "yellow", "claimed": "yellow"}


def _need_profile(store: Store, name: str) -> Profile:
    profile = store.profile(name)
    if profile is None:
        raise InputError(f"No profile {name!r} yet. Build one with `careerlens profile RESUME` or `careerlens quiz`.")
    return profile


def render_profile(profile: Profile) -> None:
    console.print(f"[bold]Profile {profile.name}[/bold] (from {', '.join(profile.built_from) or 'nothing yet'})")
    if profile.years_experience is not None:
        console.print(f"Experience: {profile.years_experience:g} years ({profile.years_basis})")
    for job in profile.jobs:
        span = f"{job.start or '?'} – {job.end or 'present'}"
        tag = " [dim](internship)[/dim]" if job.internship else ""
        console.print(f"  • {job.title}{tag}  [dim]{span}, {job.months} months, reads as {job.flavour or '—'}[/dim]")
    for edu in profile.education:
        console.print(f"Education: {edu.degree}{' in ' + edu.field if edu.field else ''}")
    if profile.constraints.degree_held and not profile.education:
        console.print(f"Education: {profile.constraints.degree_held} (from the questionnaire)")
    if profile.projects:
        console.print("Projects: " + "; ".join(profile.projects))
    if profile.skills:
        table = Table(title="Skills and their evidence (outcome > used > listed/claimed)", show_lines=False)
        table.add_column("skill")
        table.add_column("evidence")
        table.add_column("where")
        for s in sorted(profile.skills.values(), key=lambda s: (-s.weight, s.name.lower())):
            style = STRENGTH_STYLE[s.strength]
            rating = f" (self-rated {s.self_rating}/3)" if s.self_rating is not None else ""
            table.add_row(s.name, f"[{style}]{s.strength}[/{style}]{rating}", (s.where[0] if s.where else "")[:90])
        console.print(table)
    if profile.interests and profile.interests.riasec:
        code = " ".join(f"{t} {v:.1f}" for t, v in sorted(profile.interests.riasec.items(), key=lambda kv: -kv[1]))
        console.print(f"Interests (RIASEC, 1-5): {code}")
    if profile.hours_per_week:
        console.print(f"Time: {profile.hours_per_week} h/week")


def render_fit(fit: Fit) -> None:
    console.print(f"\n[bold]Fit with {fit.target}: {fit.score:.0f}/100[/bold]")
    console.print("  " + " · ".join(f"{k} {v:.0%}" for k, v in fit.parts.items()))
    table = Table(show_header=True, box=None)
    table.add_column("matched")
    table.add_column("missing")
    left = [f"[{STRENGTH_STYLE[s.strength or 'listed']}]{s.name}[/] ({s.need}, {s.strength})" for s in fit.matched]
    right = [
        f"{s.name} ({s.need})" + (f"\n  [dim]“{s.asked_in[0][:80]}”[/dim]" if s.asked_in else "") for s in fit.missing
    ]
    for i in range(max(len(left), len(right))):
        table.add_row(left[i] if i < len(left) else "", right[i] if i < len(right) else "")
    console.print(table)
    for note in fit.notes:
        console.print(f"  [yellow]Note:[/yellow] {note}")


def render_plan(plan: Plan) -> None:
    done = set(plan.done)
    console.print(
        f"[bold]{len(plan.months)}-month plan toward {plan.target_name}[/bold] "
        f"({plan.hours_per_week} h/week, from {plan.starts[:7]})"
    )
    for month in plan.months:
        skills = ", ".join(
            ("[strike]" + s.name + "[/strike]" if s.skill in done else s.name) + ("" if s.finishes else "…")
            for s in month.skills
        )
        console.print(
            f"\n[bold]Month {month.index}[/bold] {month.starts[:7]} · {month.hours:.0f} h · {skills or 'projects'}"
        )
        if month.project:
            console.print(f"  Project: {month.project.title}")
        console.print(f"  [dim]Checkpoint: {month.checkpoint}[/dim]")
    if plan.unscheduled:
        console.print(
            f"\n[yellow]Not yet scheduled[/yellow]: {len(plan.unscheduled)} skills (~{plan.unscheduled_hours:.0f} h): "
            + ", ".join(plan.unscheduled[:12])
        )


def _ask(question: Item, number: int, total: int) -> Any:
    """Ask until a valid answer; an empty answer to an optional question is ''."""
    while True:
        raw = typer.prompt(
            f"[{number}/{total}] {question.text}\n  ({question.scale})",
            default="" if question.kind == "location" else None,
            show_default=False,
        )
        try:
            return parse_answer(question, raw)
        except InputError as exc:
            err_console.print(f"[red]{exc}[/red]")


def register(app: typer.Typer) -> None:
    @app.command("profile")
    @command
    def profile_cmd(
        resume: Path | None = typer.Argument(
            None, help="A resume (PDF, DOCX, TXT, Markdown) to read into the profile."
        ),
        name: str = PROFILE_OPTION,
        replace: bool = typer.Option(False, "--replace", help="Start the profile afresh from this resume."),
        export: Path | None = typer.Option(None, "--export", help="Write the saved profile to this JSON file."),
        import_: Path | None = typer.Option(None, "--import", help="Load a profile from a JSON export."),
        delete: bool = typer.Option(False, "--delete", help="Delete the profile, its answers and its plan."),
        yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask before deleting."),
        list_: bool = typer.Option(False, "--list", help="List saved profiles."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Read a resume into your profile, or show, export, import, list or delete saved profiles."""
        store = open_store()
        if list_:
            rows = store.profiles()
            if as_json:
                print_json([{"name": n, "updated": u} for n, u in rows])
            for n, u in rows if not as_json else []:
                console.print(f"{n}  [dim]updated {u}[/dim]")
            if not rows and not as_json:
                console.print("No saved profiles.")
            return
        if delete:
            if not yes and not typer.confirm(f"Delete profile {name!r} with its answers and plan?"):
                raise typer.Exit(1)
            console.print(f"Deleted {name!r}." if store.delete(name) else f"There was no profile {name!r}.")
            return
        if import_ is not None:
            try:
                data = json.loads(import_.read_text(encoding="utf-8"))
                profile = Profile.model_validate({**data, "name": name})
            except (OSError, ValueError) as exc:
                raise InputError(f"Cannot import {import_}: {str(exc).splitlines()[0]}") from None
            store.save_profile(profile)
            console.print(f"Imported {import_} as profile {name!r}.")
            return
        if resume is not None:
            found = read_resume(resume, name=name)
            saved = store.profile(name)
            profile = found if saved is None or replace else merge_profiles(saved, found)
            store.save_profile(profile)
        else:
            profile = _need_profile(store, name)
        if export is not None:
            export.write_text(profile.model_dump_json(indent=2) + "\n", encoding="utf-8")
            err_console.print(f"Profile {name!r} written to {export}.")
            return
        if as_json:
            print_json(profile)
        else:
            render_profile(profile)
            if resume is not None:
                console.print(f"[dim]Saved as profile {name!r} in {store.path}.[/dim]")

    @app.command("quiz")
    @command
    def quiz_cmd(
        name: str = PROFILE_OPTION,
        answers_file: Path | None = typer.Option(None, "--answers", help="A YAML file of answers (item id: value)."),
        restart: bool = typer.Option(False, "--restart", help="Forget earlier answers and start again."),
        list_items: bool = typer.Option(False, "--items", help="List every question id and its scale, then stop."),
        ask: bool | None = typer.Option(
            None, "--ask/--no-ask", help="Ask the open questions (default: in a terminal)."
        ),
    ) -> None:
        """Answer the questionnaire: interests, kinds of work, skills, time and constraints. Resumable."""
        if list_items:
            for q in items():
                console.print(f"{q.id}: {q.text}  [dim]({q.scale})[/dim]")
            return
        store = open_store()
        if restart:
            store.clear_answers(name)
        answers = store.answers(name)
        if answers_file is not None:
            answers.update(read_answers(answers_file))
            store.save_answers(name, answers)
        todo = unanswered(answers)
        total = len(items())
        if todo and (sys.stdin.isatty() if ask is None else ask):
            console.print(
                f"{len(todo)} of {total} questions to go. Your answers are saved as you go: "
                "stop any time (Ctrl-C) and run `careerlens quiz` again to continue."
            )
            try:
                for question in todo:
                    answers[question.id] = _ask(question, total - len(unanswered(answers)) + 1, total)
                    store.save_answers(name, answers)
            except (KeyboardInterrupt, EOFError, typer.Abort):
                console.print(f"\nSaved {len(answers)} of {total} answers; run `careerlens quiz` to continue.")
        elif todo:
            err_console.print(
                f"{len(todo)} of {total} questions are unanswered (run `careerlens quiz` in a terminal to answer "
                "them, or give them in --answers); the profile uses the answers so far."
            )
        quiz_profile = profile_from_answers(answers, name=name)
        saved = store.profile(name)
        store.save_profile(quiz_profile if saved is None else merge_profiles(saved, quiz_profile))
        left = len(unanswered(answers))
        console.print(
            f"Profile {name!r} updated from {len(answers)} answers"
            + (f" ({left} still open)." if left else ".")
            + " Next: `careerlens paths`."
        )

    @app.command("paths")
    @command
    def paths_cmd(
        name: str = PROFILE_OPTION,
        top: int = typer.Option(12, "--top", "-n", help="How many flavours to show."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Rank the twelve role flavours for your profile, with reasons for and against each."""
        profile = _need_profile(open_store(), name)
        ranked = rank_paths(profile)
        if as_json:
            print_json(ranked[:top])
            return
        if profile.interests is None:
            console.print(
                "[yellow]No questionnaire answers yet: interests are left out (run `careerlens quiz`).[/yellow]"
            )
        for i, r in enumerate(ranked[:top], 1):
            console.print(f"\n[bold]{i}. {r.name}[/bold] ({r.flavour}) — {r.score:.0f}/100")
            for reason in r.reasons_for:
                console.print(f"   [green]+[/green] {reason}")
            for reason in r.reasons_against:
                console.print(f"   [red]−[/red] {reason}")

    @app.command("fit")
    @command
    def fit_cmd(
        role: str | None = typer.Option(None, "--role", "-r", help="A role flavour id, e.g. ml_engineer."),
        posting: list[Path] = typer.Option([], "--posting", help="A posting file; repeat for several postings."),
        name: str = PROFILE_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Score your fit with a role or postings; show matched and missing skills, and what to learn first."""
        if role is None and not posting:
            raise InputError("Give --role ID or at least one --posting FILE.")
        profile = _need_profile(open_store(), name)
        fits = [fit_role(profile, role)] if role else []
        flavours = []
        for path in posting:
            decoded = decode_posting(read_document(path))
            flavours.append(decoded.primary)
            fits.append(fit_posting(profile, decoded).model_copy(update={"target": decoded.title or path.name}))
        flavour = role or (max(set(flavours), key=flavours.count) if flavours else None)
        gaps = learn_first(fits, flavour) if len(fits) > 1 else []
        if as_json:
            print_json({"fits": fits, "learn_first": gaps})
            return
        for fit in fits:
            render_fit(fit)
        if gaps:
            console.print("\n[bold]What to learn first[/bold] (missing across these targets, then market demand)")
            for g in gaps[:10]:
                console.print(
                    f"  {g.name}: missing in {g.missing_in} of {len(fits)} ({g.required_in} required); "
                    f"named in {g.market_share:.0%} of postings"
                )

    @app.command("plan")
    @command
    def plan_cmd(
        target: str | None = typer.Option(None, "--target", "-t", help="The role flavour to aim for (new plan)."),
        months: int = typer.Option(12, "--months", "-m", help="How many months to plan."),
        hours: int | None = typer.Option(
            None, "--hours", "-h", help="Hours per week (default: from the profile, else 10)."
        ),
        done: list[str] = typer.Option([], "--done", help="Mark a skill as learnt (repeatable)."),
        re_plan: bool = typer.Option(
            False, "--replan", help="Rebuild the saved plan from this month, keeping progress."
        ),
        markdown: Path | None = typer.Option(None, "--markdown", help="Also write the plan as Markdown."),
        ics: Path | None = typer.Option(None, "--ics", help="Also write the plan as an iCalendar file."),
        name: str = PROFILE_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Build a month-by-month learning plan, mark progress, re-plan, and export it."""
        store = open_store()
        profile = _need_profile(store, name)
        if target is not None:
            load_knowledge().role(target)
            plan = build_plan(profile, target, months=months, hours_per_week=hours)
        else:
            saved = store.plan(name)
            if saved is None:
                raise InputError("No saved plan yet: run `careerlens plan --target ROLE` first.")
            plan = Plan.model_validate(saved)
        if done:
            plan = mark_done(plan, done)
        if re_plan:
            plan = replan(plan, profile)
        store.save_plan(name, plan.model_dump(mode="json"))
        if markdown is not None:
            markdown.write_text(to_markdown(plan), encoding="utf-8")
            err_console.print(f"Plan written to {markdown}.")
        if ics is not None:
            ics.write_text(to_ical(plan), encoding="utf-8", newline="")
            err_console.print(f"Calendar written to {ics}.")
        if as_json:
            print_json(plan)
        else:
            render_plan(plan)
