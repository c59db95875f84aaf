"""Charts of a market report, drawn with matplotlib (Agg backend, nothing opens a window): PNG or SVG files,
or SVG text for the self-contained HTML report."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.market.reporting import CORPUS_PAY, MarketReport, Mix

ChartFormat = Literal["png", "svg"]
COLOURS = dict(
    zip(
        FLAVOUR_IDS,
        [
            "#4e79a7",
            "#a0cbe8",
            "#f28e2b",
            "#e15759",
            "#b07aa1",
            "#59a14f",
            "#8cd17d",
            "#edc948",
            "#9c755f",
            "#76b7b2",
            "#bab0ac",
            "#d7d7d7",
        ],
        strict=True,
    )
)
DATASET_COLOURS = {CORPUS_PAY: "#4e79a7", "aijobs_salaries": "#f28e2b", "bls_oews_may2025": "#59a14f"}


def _name(flavour: str) -> str:
    roles = load_knowledge().roles
    return roles[flavour].name if flavour in roles else flavour


def _footer(fig: Figure, report: MarketReport, extra: str = "") -> None:
    b = report.basis
    text = f"Source: careerlens decoder over {b.postings:,} postings ({', '.join(b.corpora)}); {b.filters}"
    fig.text(0.01, 0.005, text + (f". {extra}" if extra else ""), fontsize=7, color="#555555", ha="left", va="bottom")


def _stacked(mixes: list[Mix], title: str, report: MarketReport, label: Callable[[Mix], str]) -> Figure:
    height = 1.2 + 0.38 * len(mixes)
    fig, ax = plt.subplots(figsize=(10, max(3.5, height + 1.3)))
    flavours = [f for f in FLAVOUR_IDS if any(m.shares.get(f) for m in mixes)]
    labels = [label(m) for m in mixes][::-1]
    rows = mixes[::-1]
    left = [0.0] * len(rows)
    for flavour in flavours:
        widths = [m.shares.get(flavour, 0.0) for m in rows]
        bars = ax.barh(labels, widths, left=left, color=COLOURS[flavour], label=_name(flavour), edgecolor="white")
        for bar, width in zip(bars, widths, strict=True):
            if width >= 0.08:
                ax.text(
                    bar.get_x() + width / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{width:.0%}",
                    ha="center",
                    va="center",
                    fontsize=7,
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(title, fontsize=11, loc="left")
    if flavours:
        ax.legend(ncol=3, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _footer(fig, report)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def _counted(m: Mix) -> str:
    return f"{m.group} (n={m.postings:,})"


def title_mix_chart(report: MarketReport) -> Figure:
    return _stacked(
        report.title_mix,
        "What a job title really asks for: each title's postings by the work they describe",
        report,
        _counted,
    )


def year_mix_chart(report: MarketReport) -> Figure:
    fig = _stacked(report.by_year, "Role mix by year (decoded flavour)", report, _counted)
    fig.text(0.99, 0.005, "Each year's postings come from different sources", fontsize=7, color="#555555", ha="right")
    return fig


def source_mix_chart(report: MarketReport) -> Figure:
    return _stacked(report.by_source, "Role mix by source", report, _counted)


def region_mix_chart(report: MarketReport) -> Figure:
    return _stacked(report.by_region, "Role mix by region", report, _counted)


def skills_chart(report: MarketReport, per_flavour: int = 8, flavours: int = 6) -> Figure:
    chosen = sorted(report.skills, key=lambda s: -s.postings)[:flavours]
    cols = 3 if len(chosen) > 2 else max(1, len(chosen))
    rows = max(1, -(-len(chosen) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.1 * rows + 0.6), squeeze=False)
    for ax in axes.flat:
        ax.set_visible(False)
    for ax, fs in zip(axes.flat, chosen, strict=False):
        ax.set_visible(True)
        skills = fs.skills[:per_flavour][::-1]
        names = [s.name for s in skills]
        ax.barh(names, [s.required_share for s in skills], color=COLOURS[fs.flavour], label="required")
        ax.barh(
            names,
            [s.share - s.required_share for s in skills],
            left=[s.required_share for s in skills],
            color=COLOURS[fs.flavour],
            alpha=0.35,
            label="nice to have",
        )
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title(f"{_name(fs.flavour)} (n={fs.postings:,})", fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    if chosen:
        axes.flat[0].legend(fontsize=7, frameon=False, loc="lower right")
    fig.suptitle(
        "Top skills per flavour: share of postings naming each (solid: required)", fontsize=11, x=0.01, ha="left"
    )
    _footer(fig, report)
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig


def cooccurrence_chart(report: MarketReport) -> Figure:
    co = report.cooccurrence
    size = len(co.skills)
    fig, ax = plt.subplots(figsize=(8, 7))
    total = max(co.postings, 1)
    matrix = [[co.counts[i][j] / total for j in range(size)] for i in range(size)]
    image = ax.imshow(matrix or [[0.0]], cmap="Blues", vmin=0)
    peak = max((max(row) for row in matrix), default=0.0)
    ax.set_xticks(range(size), co.names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(size), co.names, fontsize=8)
    for i in range(size):
        for j in range(size):
            if matrix[i][j] >= 0.05:
                colour = "white" if matrix[i][j] > 0.6 * peak else "black"
                ax.text(j, i, f"{matrix[i][j]:.0%}", ha="center", va="center", fontsize=6, color=colour)
    fig.colorbar(image, ax=ax, format=matplotlib.ticker.PercentFormatter(1.0), shrink=0.8)
    ax.set_title(
        "Technical skills named together: share of postings naming both (diagonal: the skill)", fontsize=10, loc="left"
    )
    _footer(fig, report)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def pay_chart(report: MarketReport) -> Figure:
    figures = [p for p in report.pay if p.level == "all levels" and p.p25 is not None and p.p75 is not None]
    flavours = [f for f in FLAVOUR_IDS if any(p.flavour == f for p in figures)]
    datasets = [d for d in DATASET_COLOURS if any(p.dataset == d for p in figures)]
    fig, ax = plt.subplots(figsize=(10, 1.5 + 0.75 * max(1, len(flavours))))
    step = 0.8 / max(1, len(datasets))
    for i, flavour in enumerate(flavours[::-1]):
        for j, dataset in enumerate(datasets):
            row = next((p for p in figures if p.flavour == flavour and p.dataset == dataset), None)
            if row is None or row.p25 is None or row.p75 is None:
                continue
            y = i - 0.4 + step * (j + 0.5)
            ax.barh(y, row.p75 - row.p25, left=row.p25, height=step * 0.85, color=DATASET_COLOURS[dataset], alpha=0.8)
            if row.p50 is not None:
                ax.plot([row.p50, row.p50], [y - step * 0.42, y + step * 0.42], color="black", linewidth=1)
            if row.n is None:
                n = "n not published"
            elif dataset == "bls_oews_may2025":
                n = f"employment {row.n:,}"
            else:
                n = f"n={row.n:,}"
            ax.text(row.p75, y, f"  ${row.p50 or 0:,.0f} ({n})", va="center", fontsize=6)
    ax.set_yticks(range(len(flavours)), [_name(f) for f in flavours[::-1]], fontsize=8)
    ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("${x:,.0f}"))
    handles = [matplotlib.patches.Patch(color=DATASET_COLOURS[d], label=_dataset_label(d)) for d in datasets]
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=1, frameon=False)
    ax.set_title(
        "Pay by flavour, USD a year: 25th–75th percentile, median marked; sources kept apart", fontsize=11, loc="left"
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _footer(fig, report, "BLS and ai-jobs.net figures are by occupation or job title, not by decoded flavour")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def _dataset_label(dataset: str) -> str:
    return {
        CORPUS_PAY: "ranges stated in postings (careerlens corpus)",
        "aijobs_salaries": "ai-jobs.net salaries (CC0, self-reported, by job title)",
        "bls_oews_may2025": "BLS OEWS May 2025 (by occupation code)",
    }.get(dataset, dataset)


def llm_trend_chart(report: MarketReport) -> Figure:
    fig, ax = plt.subplots(figsize=(9, 4.5))
    years = [r.year for r in report.llm_by_year]
    shares = [r.share for r in report.llm_by_year]
    ax.plot(years, shares, marker="o", color="#b07aa1")
    for r in report.llm_by_year:
        ax.annotate(
            f"{r.share:.0%}\nn={r.postings:,}",
            (r.year, r.share),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=7,
        )
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylim(0, max([*shares, 0.1]) * 1.3)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_title("Postings naming an LLM / GenAI skill, by year", fontsize=11, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _footer(fig, report, "Each year's postings come from different sources: compare within a flavour (--flavour)")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def degrees_chart(report: MarketReport) -> Figure:
    fig, ax = plt.subplots(figsize=(10, 1.5 + 0.42 * max(1, len(report.degrees))))
    colours = {"none": "#d7d7d7", "bachelor": "#a0cbe8", "master": "#4e79a7", "phd": "#1f3b5a"}
    rows = report.degrees[::-1]
    labels = [f"{_name(d.flavour)} (n={d.postings:,}; {d.required_share:.0%} required)" for d in rows]
    left = [0.0] * len(rows)
    for degree, colour in colours.items():
        widths = [d.shares.get(degree, 0.0) for d in rows]
        ax.barh(labels, widths, left=left, color=colour, label="no degree stated" if degree == "none" else degree)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.tick_params(labelsize=8)
    ax.legend(ncol=4, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    ax.set_title("Degree asked for, by flavour (required: the posting requires it)", fontsize=11, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _footer(fig, report)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


CHARTS: dict[str, Callable[[MarketReport], Figure]] = {
    "title_mix": title_mix_chart,
    "mix_by_year": year_mix_chart,
    "mix_by_source": source_mix_chart,
    "mix_by_region": region_mix_chart,
    "skills": skills_chart,
    "cooccurrence": cooccurrence_chart,
    "pay": pay_chart,
    "llm_trend": llm_trend_chart,
    "degrees": degrees_chart,
}


def _render(fig: Figure, target: io.BytesIO | io.StringIO | Path, fmt: ChartFormat) -> None:
    try:
        # SVG text stays text (escaped by matplotlib), not glyph outlines: a tenth of the size, and searchable.
        with plt.rc_context({"svg.fonttype": "none"}):
            fig.savefig(target, format=fmt, dpi=130, metadata={"Date": None} if fmt == "svg" else None)
    finally:
        plt.close(fig)


def chart_svgs(report: MarketReport) -> dict[str, str]:
    """Every chart as SVG text (for inlining in HTML), by name."""
    out = {}
    for name, draw in CHARTS.items():
        buffer = io.StringIO()
        _render(draw(report), buffer, "svg")
        svg = buffer.getvalue()
        out[name] = svg[svg.index("<svg") :]
    return out


def charts(report: MarketReport, folder: Path | str, fmt: ChartFormat = "png") -> list[Path]:
    """Write every chart of ``report`` into ``folder`` as ``NAME.png`` or ``NAME.svg``; returns the paths."""
    if fmt not in ("png", "svg"):
        raise InputError(f"Charts can be png or svg, not {fmt!r}.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in CHARTS.items():
        path = folder / f"{name}.{fmt}"
        _render(draw(report), path, fmt)
        paths.append(path)
    return paths
