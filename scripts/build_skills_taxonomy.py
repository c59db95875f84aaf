"""Rebuild ``src/careerlens/skills/data/taxonomy.json`` from the curated list and ../shared.

Starts from ``data/skills/curated.yaml`` (our curation: ids, names, categories, aliases and the
ambiguity flags), then adds aliases from GitHub Explore topics (CC BY 4.0) and O*NET 29.2
technology-skill examples (CC BY 4.0), and records which skills O*NET flags as hot technologies.

    python scripts/build_skills_taxonomy.py ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/careerlens/skills/data/taxonomy.json"
JUNK = re.compile(r"tutorial|example|awesome|project|course|book|learning-|-learning|resources|template|\d-\d")
VENDOR = re.compile(r"^(microsoft|apache|amazon|google|ibm|oracle|the)\s+|\s+(software|platform|framework)$", re.I)


def norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("-", " ")).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", type=Path)
    args = parser.parse_args()
    curated = yaml.safe_load((ROOT / "data/skills/curated.yaml").read_text())
    case_sensitive = set(curated["case_sensitive"])
    needs_context = set(curated["needs_context"])
    skills: dict[str, dict] = {}
    index: dict[str, str] = {}
    for skill_id, (name, category, *aliases) in curated["skills"].items():
        skills[skill_id] = {
            "id": skill_id,
            "name": name,
            "category": category,
            "aliases": [name, *aliases],
            "case_sensitive": skill_id in case_sensitive,
            "needs_context": skill_id in needs_context,
            "onet_hot": False,
            "onet_examples": [],
            "sources": ["curated"],
        }
        for alias in [skill_id, name, *aliases]:
            index.setdefault(norm(alias), skill_id)

    ref = args.shared / "data/reference"
    with open(ref / "aliases/github_explore_topics.tsv", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            skill_id = index.get(norm(row["topic"])) or index.get(norm(row["display_name"]))
            if not skill_id or skills[skill_id]["case_sensitive"]:
                continue
            added = False
            for alias in (a.strip() for a in row["aliases"].split(",")):
                if len(alias) < 3 or JUNK.search(alias) or alias.count("-") > 1 or norm(alias) in index:
                    continue
                skills[skill_id]["aliases"].append(alias.replace("-", " "))
                index[norm(alias)] = skill_id
                added = True
            if added or "github_explore_topics" not in skills[skill_id]["sources"]:
                skills[skill_id]["sources"].append("github_explore_topics")

    with gzip.open(ref / "onet/technology_skills.tsv.gz", "rt", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            example = row["Example"]
            skill_id = index.get(norm(example)) or index.get(norm(VENDOR.sub("", example)))
            if not skill_id:
                continue
            entry = skills[skill_id]
            if example not in entry["onet_examples"]:
                entry["onet_examples"].append(example)
            entry["onet_hot"] = entry["onet_hot"] or row["Hot Technology"] == "Y"
            if "onet_29_2" not in entry["sources"]:
                entry["sources"].append("onet_29_2")

    for entry in skills.values():
        seen: set[str] = set()
        entry["aliases"] = [a for a in entry["aliases"] if not (norm(a) in seen or seen.add(norm(a)))]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "categories": curated["categories"],
        "built_from": ["curated", "github_explore_topics", "onet_29_2"],
        "skills": list(skills.values()),
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n")
    print(
        f"{len(skills)} skills, {sum(len(s['aliases']) for s in skills.values())} aliases, "
        f"{sum(s['onet_hot'] for s in skills.values())} O*NET hot -> {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
