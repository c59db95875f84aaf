"""Rebuild ``careerlens/studio/data/base_rates.json``: the base rates the practice coach quotes.

Every posting of the corpus (``../shared/data/postings/postings.jsonl.gz``) is decoded by the shipped
decoder (or read from a decode-batch output given with ``--decoded``); the postings of
``eval/dev.jsonl`` are left out, as in ``build_skill_demand.py``, so both files count the same postings.
For each role flavour (a posting counts for its decoded primary flavour):

* the degree asked for: the share of postings whose lowest accepted degree is a PhD, master, bachelor
  or none named, and whether it is required or only preferred;
* by seniority level: postings, PhD share, years of experience asked (quartiles), stated pay;
* stated pay (USD a year, midpoint of the stated range) by level and by the degree asked, only where at
  least ``MIN_PAY_N`` postings state one;
* by company archetype: postings, PhD share and the skills most named.

It also refits the question-sharpness scorer on the tuning part of ``data/labels/questions`` and writes
``careerlens/studio/data/sharpness_model.json`` with its card (features, weights, AUC on both parts).

    python scripts/build_studio_stats.py ../shared                      # decodes the corpus (minutes)
    python scripts/build_studio_stats.py ../shared --decoded decoded.jsonl
    python scripts/build_studio_stats.py ../shared --only sharpness     # refit the scorer only
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from careerlens.decode.batch import decode_file
from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.studio.sharpness import MODEL_PATH, SharpnessScorer, auc, read_labelled

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/careerlens/studio/data/base_rates.json"
QUESTIONS = ROOT / "data/labels/questions/interview_questions.jsonl"
LEVELS = ("intern", "junior", "mid", "senior", "staff+", "manager")
DEGREES = ("none", "bachelor", "master", "phd")
MIN_PAY_N = 20
MIN_YEARS_N = 20
TOP_SKILLS = 8
PAY_RANGE = (20_000, 1_000_000)


def _quartiles(values: list[float]) -> dict[str, float] | None:
    if len(values) < 4:
        return None
    q1, q2, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return {"p25": round(q1, 1), "median": round(q2, 1), "p75": round(q3, 1)}


def _pay(values: list[float]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(values)}
    if len(values) >= MIN_PAY_N:
        q = _quartiles(values)
        assert q is not None
        out.update({k: round(v, -2) for k, v in q.items()})
    return out


def _midpoint(salary: dict[str, Any] | None) -> float | None:
    if not salary or salary.get("currency") != "USD" or salary.get("annual_low") is None:
        return None
    low, high = salary["annual_low"], salary.get("annual_high")
    value = (low + high) / 2 if high else low
    return float(value) if PAY_RANGE[0] <= value <= PAY_RANGE[1] else None


class Group:
    """Counts for one population of postings (a flavour, a flavour at a level, or at an archetype)."""

    def __init__(self) -> None:
        self.n = 0
        self.degree: Counter[str] = Counter()
        self.required: Counter[str] = Counter()
        self.years: list[float] = []
        self.pay: list[float] = []
        self.pay_by_degree: dict[str, list[float]] = defaultdict(list)
        self.skills: Counter[str] = Counter()

    def add(self, record: dict[str, Any]) -> None:
        s = record["seniority"]
        self.n += 1
        self.degree[s["degree"]] += 1
        self.required[s["degree"]] += s["degree_required"] is True
        if s["years_min"] is not None:
            self.years.append(float(s["years_min"]))
        pay = _midpoint(record.get("salary"))
        if pay is not None:
            self.pay.append(pay)
            self.pay_by_degree[s["degree"]].append(pay)
        for skill in record["skills"]:
            self.skills[skill["id"]] += 1

    def degrees(self) -> dict[str, Any]:
        n = self.n or 1
        return {
            d: {"share": round(self.degree[d] / n, 4), "required_share": round(self.required[d] / n, 4)}
            for d in DEGREES
        }

    def summary(self, with_skills: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"postings": self.n, "degree": self.degrees()}
        out["years_asked"] = {"n": len(self.years), **(_quartiles(self.years) or {})}
        if len(self.years) < MIN_YEARS_N:
            out["years_asked"] = {"n": len(self.years)}
        out["pay"] = _pay(self.pay)
        out["pay_by_degree"] = {d: _pay(self.pay_by_degree[d]) for d in DEGREES}
        if with_skills:
            n = self.n or 1
            out["top_skills"] = {k: round(v / n, 4) for k, v in self.skills.most_common(TOP_SKILLS)}
        return out


def build(decoded: Path, dev: set[Any], dates: dict[Any, str]) -> dict[str, Any]:
    flavours: dict[str, Group] = defaultdict(Group)
    levels: dict[tuple[str, str], Group] = defaultdict(Group)
    archetypes: dict[tuple[str, str], Group] = defaultdict(Group)
    skipped = {"dev": 0, "error": 0}
    kept_dates: list[str] = []
    with open(decoded, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if str(record["uid"]) in dev:
                skipped["dev"] += 1
                continue
            if "error" in record:
                skipped["error"] += 1
                continue
            kept_dates.append(dates.get(str(record["uid"]), ""))
            flavour = record["primary"]
            for key in (flavour, "all"):
                flavours[key].add(record)
                levels[(key, record["seniority"]["level"])].add(record)
            if record.get("company_archetype"):
                archetypes[(flavour, record["company_archetype"])].add(record)
    out_flavours = {}
    for flavour in (*FLAVOUR_IDS, "all"):
        group = flavours[flavour]
        entry = group.summary(with_skills=True)
        entry["levels"] = {level: levels[(flavour, level)].summary() for level in LEVELS}
        entry["archetypes"] = {
            a: g.summary(with_skills=True)
            for (f, a), g in sorted(archetypes.items(), key=lambda kv: -kv[1].n)
            if f == flavour
        }
        out_flavours[flavour] = entry
    known = sorted(d for d in kept_dates if d)
    return {
        "source": {"ref": "postings_corpus", "where": "data/postings/postings.jsonl.gz, decoded by careerlens"},
        "built": date.today().isoformat(),
        "postings": flavours["all"].n,
        "left_out": skipped,
        "dates": [known[0][:7], known[-1][:7]] if known else None,
        "method": (
            "each posting decoded by the shipped careerlens decoder and counted for its primary flavour; "
            "degree = the lowest degree the posting accepts (required, or only preferred); years = the "
            "smallest 'N+ years of experience' it states; pay = midpoint of a stated USD yearly range, "
            f"shown only where at least {MIN_PAY_N} postings state one; eval/dev.jsonl postings left out"
        ),
        "min_pay_n": MIN_PAY_N,
        "flavours": out_flavours,
    }


def fit_sharpness(path: Path = QUESTIONS) -> dict[str, Any]:
    """Fit the sharpness scorer on the tuning part only; report AUC on the tuning and held-out parts."""
    rows = read_labelled(path)
    tuning = [r for r in rows if r.part == "tuning"]
    heldout = [r for r in rows if r.part == "heldout"]
    scorer = SharpnessScorer().fit([r.question for r in tuning], [r.label for r in tuning])
    metrics = {
        part: {
            "n": len(group),
            "good": sum(r.label == "good" for r in group),
            "auc": round(auc([scorer.score(r.question) for r in group], [r.label for r in group]), 4),
        }
        for part, group in (("tuning", tuning), ("heldout", heldout))
    }
    card = scorer.card(
        data="data/labels/questions/interview_questions.jsonl: informational-interview questions hand-written and "
        "labelled good/weak by the careerlens team; split by a hash of the id (about 40% held out)",
        primary_metric="auc",
        metrics=metrics,
    )
    MODEL_PATH.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {MODEL_PATH.relative_to(ROOT)}: AUC tuning {metrics['tuning']['auc']}, held-out "
        f"{metrics['heldout']['auc']}"
    )
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--decoded", type=Path, help="a decode-batch output of the corpus, to skip decoding")
    parser.add_argument("--only", choices=("base_rates", "sharpness"), help="rebuild only one of the two files")
    args = parser.parse_args()
    if args.only != "base_rates":
        fit_sharpness()
    if args.only == "sharpness":
        return
    corpus = args.shared / "data/postings/postings.jsonl.gz"
    with open(args.shared / "eval/dev.jsonl", encoding="utf-8") as fh:
        dev = {str(json.loads(line)["uid"]) for line in fh}
    dates: dict[Any, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            dates[str(record["uid"])] = record.get("date") or ""
    decoded = args.decoded
    if decoded is None:
        decoded = Path(tempfile.mkdtemp()) / "decoded.jsonl"
        decode_file(corpus, decoded)
    data = build(decoded, dev, dates)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {data['postings']} postings, left out {data['left_out']}")


if __name__ == "__main__":
    main()
