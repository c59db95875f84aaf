"""A plan as Markdown (to read or print) and as an iCalendar file (to put in a calendar)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from careerlens.plan.planner import Plan, _add_months


def to_markdown(plan: Plan) -> str:
    done = set(plan.done)
    lines = [
        f"# {len(plan.months)}-month plan toward {plan.target_name}",
        "",
        f"For **{plan.profile}**, {plan.hours_per_week} hours a week, starting {plan.starts[:7]}.",
        "",
    ]
    for month in plan.months:
        lines.append(f"## Month {month.index} ({month.starts[:7]}) — about {month.hours:.0f} hours")
        lines.append("")
        for s in month.skills:
            box = "x" if s.skill in done else " "
            status = "" if s.finishes else f" (continues; {s.hours:.0f} of {s.total_hours:.0f} h)"
            lines.append(f"- [{box}] **{s.name}** — {s.hours:.0f} h{status}. {s.goal} _Why: {s.why}._")
        if month.project:
            lines += ["", f"**Project: {month.project.title}.** {month.project.brief}"]
        lines += ["", f"**Checkpoint:** {month.checkpoint}"]
        lines += ["", *(f"> {n}" for n in month.notes)] if month.notes else []
        lines.append("")
    if plan.unscheduled:
        lines += [
            "## Not yet scheduled",
            "",
            f"{len(plan.unscheduled)} more skills (~{plan.unscheduled_hours:.0f} h) did not fit: "
            + ", ".join(plan.unscheduled)
            + ". Add hours or months, or re-plan once you are ahead.",
            "",
        ]
    lines += ["## Basis", "", *(f"- {b}" for b in plan.basis), ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 content lines: at most 75 octets, continuation lines start with a space."""
    out: list[str] = []
    raw = line.encode("utf-8")
    while len(raw) > 75:
        cut = 75 if not out else 74
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode("utf-8"))
        raw = raw[cut:]
    out.append(raw.decode("utf-8"))
    return [out[0], *(" " + part for part in out[1:])]


def to_ical(plan: Plan, now: datetime | None = None) -> str:
    """One all-day event at the start of each month (the month's goals) and one at its end (the checkpoint)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    start = date.fromisoformat(plan.starts)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//careerlens//learning plan//EN", "CALSCALE:GREGORIAN"]
    for month in plan.months:
        first = _add_months(start, month.index - 1)
        last = _add_months(start, month.index) - timedelta(days=1)
        skills = ", ".join(s.name for s in month.skills) or "projects and applications"
        events = [
            (first, f"Month {month.index}: {skills}", "; ".join(f"{s.name}: {s.goal}" for s in month.skills), "goals"),
            (last, f"Checkpoint {month.index}: {plan.target_name}", month.checkpoint, "checkpoint"),
        ]
        for day, summary, description, kind in events:
            lines += [
                "BEGIN:VEVENT",
                f"UID:careerlens-{plan.profile}-{plan.target}-{plan.starts}-{month.index}-{kind}@careerlens",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_escape(summary)}",
                f"DESCRIPTION:{_escape(description)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
