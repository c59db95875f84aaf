"""Rebuild the data the person side ships, from ``../shared/data``:

- ``profile/data/riasec_items.json``: the 48 public-domain RIASEC marker items (8 per Holland type).
- ``match/data/interest_profiles.json``: for each role flavour, the O*NET occupational-interest
  profile (RIASEC, 1-7) of its crosswalked occupations, averaged with weights by closeness
  (exact and close 1, broad 0.5); the crosswalks are read from the role files.

    python scripts/build_person_data.py ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src/careerlens"
TYPES = {
    "Realistic": "R",
    "Investigative": "I",
    "Artistic": "A",
    "Social": "S",
    "Enterprising": "E",
    "Conventional": "C",
}
CLOSENESS_WEIGHT = {"exact": 1.0, "close": 1.0, "broad": 0.5}


def riasec_items(shared: Path) -> list[dict[str, str]]:
    path = shared / "data/reference/interests/riasec_markers_48_items.tsv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    items = [{"id": r["item_id"], "type": r["riasec"], "text": r["text"]} for r in rows]
    counts = {t: sum(1 for i in items if i["type"] == t) for t in TYPES.values()}
    if len(items) != 48 or set(counts.values()) != {8}:
        raise SystemExit(f"expected 48 items, 8 per type; got {counts}")
    return items


def onet_interests(shared: Path) -> dict[str, dict[str, float]]:
    """O*NET-SOC code -> {R: score, ...} on the occupational-interest (OI) scale, 1-7."""
    out: dict[str, dict[str, float]] = {}
    with gzip.open(shared / "data/reference/onet/interests.tsv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["Scale ID"] == "OI" and row["Element Name"] in TYPES:
                out.setdefault(row["O*NET-SOC Code"], {})[TYPES[row["Element Name"]]] = float(row["Data Value"])
    return out


def interest_profiles(shared: Path) -> dict[str, object]:
    scores = onet_interests(shared)
    profiles: dict[str, object] = {}
    for path in sorted((PACKAGE / "knowledge/data/roles").glob("*.yaml")):
        role = yaml.safe_load(path.read_text(encoding="utf-8"))
        used, total, weights = [], dict.fromkeys(TYPES.values(), 0.0), 0.0
        for cw in role.get("crosswalks", []):
            if cw["scheme"] != "onet" or cw["code"] not in scores or len(scores[cw["code"]]) != 6:
                continue
            w = CLOSENESS_WEIGHT[cw["closeness"]]
            for t, v in scores[cw["code"]].items():
                total[t] += w * v
            weights += w
            used.append({"code": cw["code"], "title": cw["title"], "closeness": cw["closeness"], "weight": w})
        if weights:
            profiles[role["id"]] = {
                "riasec": {t: round(v / weights, 3) for t, v in total.items()},
                "occupations": used,
            }
    return profiles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", type=Path, help="path to the shared folder (holds data/)")
    args = parser.parse_args()
    items_path = PACKAGE / "profile/data/riasec_items.json"
    items_path.parent.mkdir(parents=True, exist_ok=True)
    items_path.write_text(
        json.dumps(
            {
                "source": "riasec_markers",
                "scale": "1 = strongly dislike … 5 = strongly like; a type's score is the mean of its 8 items",
                "items": riasec_items(args.shared),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    profiles_path = PACKAGE / "match/data/interest_profiles.json"
    profiles_path.parent.mkdir(parents=True, exist_ok=True)
    profiles = interest_profiles(args.shared)
    profiles_path.write_text(
        json.dumps(
            {"source": "onet_29_2", "scale": "O*NET occupational interests (OI), 1-7", "flavours": profiles},
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {items_path.relative_to(ROOT)} and {profiles_path.relative_to(ROOT)} ({len(profiles)} flavours)")


if __name__ == "__main__":
    main()
