"""The prerequisite graph of the learning catalogue: what to learn before what, and how long it takes."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import LearningSkill

DEFAULT_HOURS = 30  # for a skill the catalogue has no entry for


class Graph:
    def __init__(self, kb: Knowledge | None = None) -> None:
        kb = kb or load_knowledge()
        self.nodes: dict[str, LearningSkill] = {n.skill: n for n in kb.learning.skills}

    def hours(self, skill: str) -> int:
        node = self.nodes.get(skill)
        return node.hours if node else DEFAULT_HOURS

    def requires(self, skill: str) -> list[str]:
        node = self.nodes.get(skill)
        return list(node.requires) if node else []

    def implied(self, held: Callable[[str], bool], skills: Iterable[str]) -> set[str]:
        """Prerequisites of the skills a person can use: someone who ships scikit-learn models knows pandas."""
        out: set[str] = set()
        stack = [r for s in skills if held(s) for r in self.requires(s)]
        while stack:
            skill = stack.pop()
            if skill not in out:
                out.add(skill)
                stack.extend(self.requires(skill))
        return out

    def with_prerequisites(self, skills: Iterable[str], held: Callable[[str], bool]) -> set[str]:
        """``skills`` plus every prerequisite, direct or not, the person does not hold yet."""
        out: set[str] = set()
        stack = [s for s in skills if not held(s)]
        while stack:
            skill = stack.pop()
            if skill in out:
                continue
            out.add(skill)
            stack.extend(r for r in self.requires(skill) if not held(r) and r not in out)
        return out

    def order(self, skills: set[str], priority: Callable[[str], float]) -> list[str]:
        """``skills`` in an order that respects prerequisites; among those ready, higher priority first."""
        pending = {s: {r for r in self.requires(s) if r in skills} for s in skills}
        ready = [(-priority(s), s) for s, reqs in pending.items() if not reqs]
        heapq.heapify(ready)
        out: list[str] = []
        while ready:
            _, skill = heapq.heappop(ready)
            out.append(skill)
            for other, reqs in pending.items():
                if skill in reqs:
                    reqs.discard(skill)
                    if not reqs and other not in out and all(other != s for _, s in ready):
                        heapq.heappush(ready, (-priority(other), other))
        return out
