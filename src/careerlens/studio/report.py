"""The final feedback report of a session, saving sessions in the local store, and Markdown export."""

from __future__ import annotations

from typing import Any

from careerlens.store import Store, open_store
from careerlens.studio.coach import Session
from careerlens.studio.models import Report, SessionRecord

RECORD_KIND = "practice"


def build_report(session: Session) -> Report:
    """Score the session with its scenario's rubric (same as ``session.report()``)."""
    return session.report()


def session_record(session: Session, report: Report | None = None) -> SessionRecord:
    return SessionRecord(
        session_id=session.id,
        scenario=session.scenario.id,
        profile=session.profile.name if session.profile else None,
        backend=session.backend.name,
        created=session.created,
        state=session.state(),
        turns=list(session.turns),
        report=report,
    )


def save_session(session: Session, report: Report | None = None, store: Store | None = None) -> str:
    """Save the transcript (and report, if given) as a ``practice`` record; returns the record id."""
    store = store or open_store()
    record = session_record(session, report)
    store.put_record(RECORD_KIND, session.id, record.model_dump(mode="json"), profile=record.profile)
    return session.id


def saved_sessions(profile: str | None = None, store: Store | None = None) -> list[SessionRecord]:
    """Saved practice sessions, newest first (of one profile, if given)."""
    store = store or open_store()
    return [SessionRecord.model_validate(data) for _, _, data in store.records(RECORD_KIND, profile=profile)]


def load_session_record(session_id: str, store: Store | None = None) -> SessionRecord | None:
    store = store or open_store()
    data: Any = store.record(RECORD_KIND, session_id)
    return None if data is None else SessionRecord.model_validate(data)


def report_markdown(report: Report) -> str:
    """The report as Markdown: score, rubric, feedback sections, transcript and sources."""
    out = [f"# {report.title}", ""]
    out.append(
        f"*Practice session {report.session_id} · {report.created[:10]} · backend: {report.backend}"
        + (f" · profile: {report.profile}" if report.profile else "")
        + "*"
    )
    out += ["", f"**{report.summary}**", ""]
    if report.rubric:
        out += [f"## Score: {report.rubric.score:.0f}/{report.rubric.max_score:.0f}", ""]
        out += ["| item | points | why |", "|---|---|---|"]
        for item in report.rubric.items:
            note = item.note.replace("|", "\\|").replace("\n", " ")
            out.append(f"| {item.name} | {item.points:.0f}/{item.max_points:.0f} | {note} |")
        out.append("")
    for section in report.sections:
        out += [f"## {section.title}", ""] + [f"- {line}" for line in section.lines] + [""]
    out += ["## Transcript", ""]
    for turn in report.transcript:
        if turn.user and not turn.user.startswith("/"):
            out += [f"**You:** {turn.user}", ""]
        elif turn.user:
            out += [f"*{turn.user}*", ""]
        out += [f"**Coach** ({turn.backend}): {turn.reply}", ""]
        if turn.feedback:
            fb = turn.feedback
            out.append(f"> Question sharpness {fb.score:.0f}/100 ({fb.verdict}): {'; '.join(fb.notes)}")
            if fb.better:
                out.append(f"> Sharper: {fb.better}")
            out.append("")
        for warning in turn.warnings:
            out += [f"> ⚠ {warning}", ""]
    if report.citations:
        out += ["## Sources", ""] + [f"- {c.ref}: {c.where}" for c in report.citations] + [""]
    return "\n".join(out).rstrip() + "\n"
