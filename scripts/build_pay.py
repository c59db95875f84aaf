"""Rebuild ``careerlens/knowledge/data/pay.json`` from the salary data in ``../shared/data``.

Two sources, never mixed:
- BLS OEWS May 2025, national cross-industry annual wage percentiles, for the SOC code of each
  role's O*NET crosswalk (read from the role files, so the crosswalk is the single truth).
- ai-jobs.net salaries (CC0, self-reported): US companies, full-time, work year 2024, exact
  duplicate rows dropped, by experience level, for the job titles mapped to each role below.

    python scripts/build_pay.py ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/careerlens/knowledge/data"
YEAR = 2024
LEVELS = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "executive"}

# ai-jobs.net job titles whose holders mostly do the work of each flavour. Titles are a weak
# proxy for the work (that is careerlens's whole point), so the figures say "by title".
TITLES: dict[str, list[str]] = {
    "analytics": [
        "Data Analyst",
        "Business Intelligence Analyst",
        "BI Analyst",
        "Product Analyst",
        "Business Intelligence Engineer",
        "BI Developer",
        "Business Intelligence Developer",
        "Insight Analyst",
        "Data Reporting Analyst",
        "Power BI Developer",
        "Data Visualization Analyst",
    ],
    "decision_science": ["Decision Scientist", "Statistician", "Quantitative Analyst"],
    "ds_modeling": ["Data Scientist", "Applied Data Scientist", "Lead Data Scientist", "Principal Data Scientist"],
    "ml_engineer": [
        "Machine Learning Engineer",
        "Machine Learning Developer",
        "Computer Vision Engineer",
        "NLP Engineer",
        "Deep Learning Engineer",
        "Machine Learning Software Engineer",
        "Applied Machine Learning Engineer",
        "Machine Learning Model Engineer",
    ],
    "ai_engineer": [
        "AI Engineer",
        "AI Developer",
        "Artificial Intelligence Engineer",
        "Prompt Engineer",
        "AI Software Engineer",
    ],
    "research_scientist": [
        "Research Scientist",
        "Machine Learning Researcher",
        "AI Researcher",
        "AI Research Scientist",
        "Machine Learning Scientist",
        "Applied Scientist",
    ],
    "research_engineer": ["Research Engineer", "AI Research Engineer", "Machine Learning Research Engineer"],
    "mlops_platform": [
        "MLOps Engineer",
        "Machine Learning Infrastructure Engineer",
        "ML Infrastructure Engineer",
        "Machine Learning Platform Engineer",
    ],
    "ml_systems": ["Machine Learning Performance Engineer"],
    "data_engineer": [
        "Data Engineer",
        "Big Data Engineer",
        "ETL Developer",
        "Data Infrastructure Engineer",
        "Analytics Engineer",
        "Data Integration Engineer",
        "Cloud Data Engineer",
    ],
    "software_engineer": [
        "Software Engineer",
        "Software Developer",
        "Software Development Engineer",
        "Backend Engineer",
        "Full Stack Engineer",
        "Full Stack Developer",
    ],
}
MIN_N = 20


def percentiles(values: list[float]) -> dict[str, float]:
    p = np.percentile(np.asarray(values, dtype=float), [10, 25, 50, 75, 90])
    return {f"p{k}": round(float(v), -2) for k, v in zip((10, 25, 50, 75, 90), p, strict=True)}


def bls_rows(shared: Path) -> dict[str, dict[str, str]]:
    with open(shared / "data/salaries/oews_may2025_national_cross_industry.csv", newline="") as fh:
        return {r["soc_code"]: r for r in csv.DictReader(fh)}


def wage(value: str) -> float | None:
    value = value.replace(",", "").strip()
    return float(value) if re.fullmatch(r"\d+(\.\d+)?", value) else None


def bls_for(role: dict, oews: dict[str, dict[str, str]]) -> list[dict]:
    out = []
    onet = [cw for cw in role.get("crosswalks", []) if cw["scheme"] == "onet"]
    # The closest codes: exact or close ones where the role has them, else its broad ones.
    closest = [cw for cw in onet if cw["closeness"] != "broad"] or onet
    for cw in closest:
        soc = cw["code"][:7]
        row = oews.get(soc)
        if row is None or any(o["population"].startswith(f"SOC {soc}") for o in out):
            continue
        top_coded = "5" in row.get("footnotes", "")
        out.append(
            {
                "dataset": "bls_oews_may2025",
                "population": f"SOC {soc} {row['occupation_title']}, national, all industries",
                "level": None,
                "year": 2025,
                "n": int(row["employment"].replace(",", "")) if wage(row["employment"]) else None,
                **{
                    f"p{k}": wage(row[c])
                    for k, c in zip(
                        (10, 25, 50, 75, 90), ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"), strict=True
                    )
                },
                "note": f"{cw['closeness'].capitalize()} match to this role. n is estimated employment, not a sample."
                + (" Top-coded at $239,200." if top_coded else ""),
                "source": {
                    "ref": "bls_oews_may2025",
                    "where": f"oews_may2025_national_cross_industry.csv soc_code {soc}, a_pct10..a_pct90",
                },
            }
        )
    return out


def aijobs_for(role_id: str, rows: list[dict[str, str]]) -> list[dict]:
    titles = set(TITLES.get(role_id, []))
    if not titles:
        return []
    picked = [r for r in rows if r["job_title"] in titles]
    out = []
    for code, level in [(None, "all levels"), *LEVELS.items()]:
        values = [float(r["salary_in_usd"]) for r in picked if code is None or r["experience_level"] == code]
        if len(values) < MIN_N:
            continue
        out.append(
            {
                "dataset": "aijobs_salaries",
                "population": f"{len(titles)} job titles usually meaning this work; US companies, full-time",
                "level": level,
                "year": YEAR,
                "n": len(values),
                **percentiles(values),
                "note": "Self-reported; grouped by job title, not by the work done. Titles: "
                + ", ".join(sorted(titles)),
                "source": {
                    "ref": "aijobs_salaries",
                    "where": f"aijobs_salaries_2025-01-19.csv job_title, experience_level={code or 'any'}, "
                    "salary_in_usd",
                },
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    args = parser.parse_args()
    oews = bls_rows(args.shared)
    with gzip.open(args.shared / "data/salaries/aijobs_salaries_2025-01-19.csv.gz", "rt", newline="") as fh:
        reader = csv.DictReader(fh)
        unique = {tuple(r.values()): r for r in reader}
    rows = [
        r
        for r in unique.values()
        if r["company_location"] == "US" and r["employment_type"] == "FT" and int(r["work_year"]) == YEAR
    ]
    result: dict[str, list[dict]] = {}
    for path in sorted((DATA / "roles").glob("*.yaml")):
        role = yaml.safe_load(path.read_text())
        entries = bls_for(role, oews) + aijobs_for(role["id"], rows)
        if entries:
            result[role["id"]] = entries
    out = {"built_from": ["bls_oews_may2025", "aijobs_salaries"], "roles": result}
    (DATA / "pay.json").write_text(json.dumps(out, indent=1) + "\n")
    for role_id, entries in result.items():
        print(f"{role_id:20s}", ", ".join(f"{e['dataset']}:{e['level'] or 'all'}(n={e['n']})" for e in entries))


if __name__ == "__main__":
    main()
