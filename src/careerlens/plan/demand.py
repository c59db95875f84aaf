"""What the market asks for: skill demand per role flavour, computed from the postings corpus.

Built by ``scripts/build_skill_demand.py`` (the shipped decoder run over the corpus) and shipped
in ``plan/data/skill_demand.json``; learning plans, the path finder and fit & gap read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEMAND_PATH = Path(__file__).parent / "data" / "skill_demand.json"


@dataclass(frozen=True)
class Demand:
    postings: int
    dates: tuple[str, str] | None
    market_share: dict[str, float]
    flavour_postings: dict[str, int]
    skills: dict[str, dict[str, tuple[float, float]]]

    def share(self, flavour: str, skill: str) -> float:
        """Share of the flavour's postings that name the skill (0 when rarer than 1%)."""
        return self.skills.get(flavour, {}).get(skill, (0.0, 0.0))[0]

    def required_share(self, flavour: str, skill: str) -> float:
        return self.skills.get(flavour, {}).get(skill, (0.0, 0.0))[1]

    def top(self, flavour: str, min_share: float = 0.0) -> list[tuple[str, float]]:
        """(skill, share) for a flavour, most asked first."""
        rows = [(s, v[0]) for s, v in self.skills.get(flavour, {}).items() if v[0] >= min_share]
        return sorted(rows, key=lambda r: (-r[1], r[0]))

    @property
    def basis(self) -> str:
        when = f", {self.dates[0]} to {self.dates[1]}" if self.dates else ""
        return f"{self.postings:,} real postings{when}"


@cache
def load_demand(path: Path = DEMAND_PATH) -> Demand:
    data = json.loads(path.read_text(encoding="utf-8"))
    flavours = {k: v for k, v in data["flavours"].items() if k != "all"}
    return Demand(
        postings=data["postings"],
        dates=(data["dates"][0], data["dates"][1]) if data.get("dates") else None,
        market_share={k: v["market_share"] for k, v in flavours.items()},
        flavour_postings={k: v["postings"] for k, v in flavours.items()},
        skills={
            k: {s: (row["share"], row["required"]) for s, row in v["skills"].items()}
            for k, v in data["flavours"].items()
        },
    )
