"""The market report as one self-contained HTML page: inline SVG charts, tables, no scripts.

Every piece of text from the data (titles, sources, regions, skill names) is escaped; nothing from a posting
is ever executed or linked.
"""

from __future__ import annotations

from html import escape

from careerlens.knowledge.loader import load_knowledge
from careerlens.market.charts import chart_svgs
from careerlens.market.reporting import CORPUS_PAY, MarketReport, Mix

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{padding:.2em .6em;border-bottom:1px solid #eee;
text-align:left}td.n{text-align:right}.note{color:#555;font-size:.85em}
figure{margin:1em 0}svg{max-width:100%;height:auto}
"""


def _name(flavour: str) -> str:
    roles = load_knowledge().roles
    return roles[flavour].name if flavour in roles else flavour


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _money(value: float | None) -> str:
    return "" if value is None else f"${value:,.0f}"


def _mix_table(mixes: list[Mix], heading: str) -> str:
    rows = []
    for m in mixes:
        top = sorted(m.shares.items(), key=lambda kv: -kv[1])[:3]
        cells = ", ".join(f"{escape(_name(f))} {_pct(s)}" for f, s in top)
        rows.append(f"<tr><td>{escape(m.group)}</td><td class=n>{m.postings:,}</td><td>{cells}</td></tr>")
    return (
        f"<table><tr><th>{escape(heading)}</th><th>postings</th><th>mostly (decoded flavour)</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _figure(svgs: dict[str, str], name: str) -> str:
    # matplotlib's SVG holds only the chart's own drawing and escaped text; it is inlined as is.
    return f"<figure>{svgs[name]}</figure>"


def render_html(report: MarketReport) -> str:
    """The whole report as a self-contained HTML document (charts inline as SVG)."""
    b = report.basis
    svgs = chart_svgs(report)
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        "<title>careerlens market report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>What AI, ML and data jobs really are</h1>",
        f"<p>{b.postings:,} postings decoded by careerlens ({escape(', '.join(b.corpora))}), "
        f"dated {escape(b.first_date or '?')} to {escape(b.last_date or '?')}, from {len(b.sources)} sources. "
        f"Filters: {escape(b.filters)}. {b.duplicates:,} repeated postings counted once; "
        f"{b.errors:,} records could not be decoded and are left out.</p>",
        "<h2>What titles really are</h2>",
        "<p>For each common job title, the share of its postings by the work they describe (the decoded flavour). "
        "A title is a weak guide: read across a row to see what a posting with that title usually asks for.</p>",
        _figure(svgs, "title_mix"),
        _mix_table(report.title_mix, "title family"),
        "<h2>Role mix</h2>",
        _figure(svgs, "mix_by_year"),
        _figure(svgs, "mix_by_source"),
        _mix_table(report.by_source, "source"),
        _figure(svgs, "mix_by_region"),
        "<h2>Skills</h2>",
        _figure(svgs, "skills"),
        "<table><tr><th>flavour</th><th>postings</th><th>required share of skill mentions</th><th>top skills "
        "(share naming · share requiring)</th></tr>",
    ]
    for fs in report.skills:
        top = "; ".join(f"{escape(s.name)} {_pct(s.share)} · {_pct(s.required_share)}" for s in fs.skills[:6])
        parts.append(
            f"<tr><td>{escape(_name(fs.flavour))}</td><td class=n>{fs.postings:,}</td>"
            f"<td class=n>{_pct(fs.required_share)}</td><td>{top}</td></tr>"
        )
    parts += ["</table>", _figure(svgs, "cooccurrence"), "<h2>Pay</h2>", _figure(svgs, "pay")]
    parts.append(
        "<p class=note>Each row is one source; sources are never combined. Corpus figures are ranges stated in "
        f"postings (midpoint, USD a year; {report.pay_excluded:,} non-USD ranges left out). ai-jobs.net is "
        "self-reported (CC0), grouped by job title; BLS OEWS May 2025 is by occupation code, all industries.</p>"
        "<table><tr><th>flavour</th><th>level</th><th>source</th><th>year</th><th>n</th><th>p25</th><th>median</th>"
        "<th>p75</th><th>population</th></tr>"
    )
    for p in report.pay:
        n = f"{p.n:,}" if p.n is not None else "not published"
        source = "postings (stated)" if p.dataset == CORPUS_PAY else p.source
        parts.append(
            f"<tr><td>{escape(_name(p.flavour))}</td><td>{escape(p.level)}</td><td>{escape(source)}</td>"
            f"<td>{p.year or ''}</td><td class=n>{n}</td><td class=n>{_money(p.p25)}</td>"
            f"<td class=n>{_money(p.p50)}</td><td class=n>{_money(p.p75)}</td><td>{escape(p.population)}</td></tr>"
        )
    parts += ["</table>", "<h2>Trends</h2>", _figure(svgs, "llm_trend"), _figure(svgs, "degrees")]
    parts.append("<table><tr><th>flavour</th><th>postings</th><th>no degree</th><th>bachelor</th><th>master</th>")
    parts.append("<th>PhD</th><th>required</th></tr>")
    for d in report.degrees:
        cells = "".join(f"<td class=n>{_pct(d.shares[k])}</td>" for k in ("none", "bachelor", "master", "phd"))
        parts.append(
            f"<tr><td>{escape(_name(d.flavour))}</td><td class=n>{d.postings:,}</td>{cells}"
            f"<td class=n>{_pct(d.required_share)}</td></tr>"
        )
    parts.append("</table>")
    parts.append(
        "<p class=note>Made by careerlens from the postings corpus (the postings' text belongs to their employers "
        "and job boards). Flavours, skills, degrees and pay are read from each posting by the careerlens decoder. "
        "Pay references: BLS OEWS May 2025 (public domain); ai-jobs.net salaries (CC0).</p></body></html>"
    )
    return "\n".join(parts)
