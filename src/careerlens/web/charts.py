"""Small server-rendered SVG charts (no JavaScript): horizontal bars and a plan timeline. Labels are escaped."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

PALETTE = ["#2b6cb0", "#2f855a", "#b7791f", "#9b2c2c", "#6b46c1", "#2c7a7b", "#c05621", "#4a5568"]


def bars(rows: list[tuple[str, float, str]], width: int = 560, scale: float | None = None, title: str = "") -> Markup:
    """One bar per (label, value, text shown at the bar's end); values share one scale (default: the largest)."""
    rows = [r for r in rows if r[1] is not None]
    top = scale or max((v for _, v, _ in rows), default=1.0) or 1.0
    label_w, row_h = 190, 24
    bar_w = width - label_w - 70
    height = row_h * len(rows) + 8
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * row_h
        w = max(1.0, bar_w * min(value, top) / top)
        color = PALETTE[i % len(PALETTE)]
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="lbl">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="3" fill="{color}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="val">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline(months: list[dict[str, object]], width: int = 760) -> Markup:
    """A plan as one row per month: a block per skill, sized by its hours that month."""
    row_h, label_w = 26, 70
    max_hours = max((sum(float(s["hours"]) for s in m["skills"]) for m in months), default=1.0) or 1.0  # type: ignore[attr-defined, misc]
    usable = width - label_w - 10
    height = row_h * len(months) + 6
    parts = [
        f'<svg class="chart" role="img" aria-label="plan timeline" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>Plan timeline</title>'
    ]
    colors: dict[str, str] = {}
    for i, month in enumerate(months):
        y = 3 + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">'
            f"{escape(str(month['starts']))[:7]}</text>"
        )
        x = float(label_w)
        for skill in month["skills"]:  # type: ignore[attr-defined]
            w = usable * float(skill["hours"]) / max_hours
            color = colors.setdefault(str(skill["skill"]), PALETTE[len(colors) % len(PALETTE)])
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{max(w - 2, 1):.1f}" height="{row_h - 6}" rx="3" fill="{color}">'
                f"<title>{escape(str(skill['name']))}: {float(skill['hours']):.0f} h</title></rect>"
            )
            if w > 60:
                parts.append(
                    f'<text x="{x + 5:.1f}" y="{y + 17}" class="in">{escape(str(skill["name"]))[: int(w / 7)]}</text>'
                )
            x += w
    parts.append("</svg>")
    return Markup("".join(parts))
