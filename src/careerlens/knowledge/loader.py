"""Load and validate the knowledge base shipped in ``careerlens/knowledge/data``.

``load_knowledge()`` reads every data file once, checks each against its model and then checks
the references between files (a role's neighbour is a role, every ``source.ref`` is a known
source, …). Any problem raises :class:`~careerlens.errors.KnowledgeError` naming the file and
the field, so a bad edit to a data file is caught before anyone sees a wrong fact.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from careerlens.errors import KnowledgeError, UnknownIdError
from careerlens.knowledge.models import (
    FLAVOUR_IDS,
    CompanyArchetype,
    Guidance,
    Learning,
    PayPercentiles,
    Role,
    Scenario,
    Source,
    SourceEntry,
)

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge base; look things up by id with the ``*_by_id`` helpers."""

    roles: dict[str, Role]
    companies: dict[str, CompanyArchetype]
    guidance: Guidance
    scenarios: dict[str, Scenario]
    sources: dict[str, SourceEntry]
    pay: dict[str, list[PayPercentiles]] = field(default_factory=dict)
    learning: Learning = field(default_factory=lambda: Learning(skills=[], projects=[]))

    def role(self, role_id: str) -> Role:
        return _lookup("role", role_id, self.roles)

    def company(self, company_id: str) -> CompanyArchetype:
        return _lookup("company archetype", company_id, self.companies)

    def scenario(self, scenario_id: str) -> Scenario:
        return _lookup("scenario", scenario_id, self.scenarios)

    def source(self, source_id: str) -> SourceEntry:
        return _lookup("source", source_id, self.sources)

    def pay_for(self, role_id: str) -> list[PayPercentiles]:
        self.role(role_id)
        return self.pay.get(role_id, [])


T = TypeVar("T")


def _lookup(kind: str, key: str, table: dict[str, T]) -> T:
    try:
        return table[key]
    except KeyError:
        raise UnknownIdError(kind, key, closest_ids(key, table)) from None


def closest_ids(given: str, known: dict[str, Any] | list[str], n: int = 3) -> list[str]:
    """The known ids nearest to ``given``: prefix and substring matches first, then edit distance."""
    ids = list(known)
    low = given.lower().replace("-", "_").replace(" ", "_")
    near = [i for i in ids if low and (i.startswith(low) or low in i)]
    near += [i for i in difflib.get_close_matches(low, ids, n=n, cutoff=0.5) if i not in near]
    return near[:n]


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{path.name}: cannot read the file ({exc.strerror}).") from exc
    try:
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: not valid {path.suffix[1:].upper()}: {exc}") from exc


def _validate(model: type[M], raw: Any, where: str) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
            problems.append(f"{where}: field {loc}: {err['msg']}")
        raise KnowledgeError("\n".join(problems)) from None


def _items(model: type[M], path: Path, key: str) -> list[M]:
    raw = _read(path)
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise KnowledgeError(f"{path.name}: expected a top-level list under {key!r}.")
    return [_validate(model, item, f"{path.name} {key}[{i}]") for i, item in enumerate(raw[key])]


def _by_id(items: list[M], path: Path) -> dict[str, M]:
    table: dict[str, M] = {}
    for item in items:
        key = item.id  # type: ignore[attr-defined]
        if key in table:
            raise KnowledgeError(f"{path.name}: id {key!r} appears twice.")
        table[key] = item
    return table


def iter_sources(obj: Any, path: str = "") -> Iterator[tuple[str, Source]]:
    """Every ``Source`` inside a model, with the dotted path that leads to it."""
    if isinstance(obj, Source):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_sources(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_sources(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from iter_sources(item, f"{path}.{key}" if path else str(key))


def load_knowledge(data_dir: Path | None = None) -> Knowledge:
    """Load, validate and cross-check the knowledge base (cached for the shipped data)."""
    if data_dir is None:
        return _load_shipped()
    return _load(Path(data_dir))


@cache
def _load_shipped() -> Knowledge:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> Knowledge:
    role_files = sorted((data_dir / "roles").glob("*.yaml"))
    roles: dict[str, Role] = {}
    for path in role_files:
        role = _validate(Role, _read(path), path.name)
        if role.id != path.stem:
            raise KnowledgeError(f"{path.name}: field id: {role.id!r} does not match the file name.")
        roles[role.id] = role
    missing = [r for r in FLAVOUR_IDS if r not in roles]
    extra = [r for r in roles if r not in FLAVOUR_IDS]
    if missing or extra:
        raise KnowledgeError(f"roles/: expected exactly the twelve flavours; missing {missing}, unexpected {extra}.")
    roles = {r: roles[r] for r in FLAVOUR_IDS}

    companies = _by_id(_items(CompanyArchetype, data_dir / "companies.yaml", "archetypes"), data_dir)
    scenarios = _by_id(_items(Scenario, data_dir / "scenarios.yaml", "scenarios"), data_dir)
    sources = _by_id(_items(SourceEntry, data_dir / "sources.yaml", "sources"), data_dir)
    guidance = _validate(Guidance, _read(data_dir / "guidance.yaml"), "guidance.yaml")
    pay: dict[str, list[PayPercentiles]] = {}
    pay_path = data_dir / "pay.json"
    if pay_path.exists():
        raw_pay = _read(pay_path)
        for role_id, rows in raw_pay.get("roles", {}).items():
            pay[role_id] = [
                _validate(PayPercentiles, row, f"pay.json roles.{role_id}[{i}]") for i, row in enumerate(rows)
            ]

    learning = _validate(Learning, _read(data_dir / "learning.yaml"), "learning.yaml")
    knowledge = Knowledge(roles, companies, guidance, scenarios, sources, pay, learning)
    _check_references(knowledge)
    return knowledge


def _check_references(kb: Knowledge) -> None:
    problems: list[str] = []

    def need(kind: str, key: str, table: dict[str, Any], where: str) -> None:
        if key not in table:
            problems.append(f"{where}: unknown {kind} {key!r}")

    for role in kb.roles.values():
        for i, n in enumerate(role.neighbours):
            need("role", n.role, kb.roles, f"roles/{role.id}.yaml neighbours[{i}].role")
        for i, a in enumerate(role.archetypes):
            need("company archetype", a.archetype, kb.companies, f"roles/{role.id}.yaml archetypes[{i}]")
    for company in kb.companies.values():
        for i, h in enumerate(company.hires):
            need("role", h.role, kb.roles, f"companies.yaml {company.id} hires[{i}].role")
    for p in kb.guidance.interest_paths:
        for r in p.roles:
            need("role", r, kb.roles, f"guidance.yaml interest_paths {p.id}")
    for w in kb.guidance.workflows:
        need("role", w.role, kb.roles, f"guidance.yaml workflows {w.id}")
    for s in kb.scenarios.values():
        need("role", s.role, kb.roles, f"scenarios.yaml {s.id}")
    for role_id in kb.pay:
        need("role", role_id, kb.roles, "pay.json roles")
    problems += _check_learning(kb.learning)
    for project in kb.learning.projects:
        for r in project.flavours:
            need("role", r, kb.roles, f"learning.yaml projects {project.id}.flavours")

    groups: list[tuple[str, Any]] = [(f"roles/{r.id}.yaml", r) for r in kb.roles.values()]
    groups += [("companies.yaml", list(kb.companies.values())), ("guidance.yaml", kb.guidance)]
    groups += [("scenarios.yaml", list(kb.scenarios.values())), ("pay.json", kb.pay)]
    groups += [("learning.yaml", kb.learning)]
    for filename, obj in groups:
        for path, source in iter_sources(obj):
            if source.ref not in kb.sources:
                problems.append(f"{filename} {path}.ref: unknown source {source.ref!r}")
    if problems:
        raise KnowledgeError("\n".join(problems))


def _check_learning(learning: Learning) -> list[str]:
    """The prerequisite graph names each skill once, refers only to its own nodes, and has no cycle."""
    problems = []
    nodes = {}
    for node in learning.skills:
        if node.skill in nodes:
            problems.append(f"learning.yaml skills: {node.skill!r} appears twice")
        nodes[node.skill] = node
    for node in learning.skills:
        for req in node.requires:
            if req not in nodes:
                problems.append(f"learning.yaml skills {node.skill}.requires: {req!r} has no entry of its own")
    state: dict[str, int] = {}

    def visit(skill: str, trail: list[str]) -> None:
        if state.get(skill) == 2 or skill not in nodes:
            return
        if state.get(skill) == 1:
            problems.append("learning.yaml: prerequisite cycle " + " -> ".join([*trail, skill]))
            return
        state[skill] = 1
        for req in nodes[skill].requires:
            visit(req, [*trail, skill])
        state[skill] = 2

    for skill in nodes:
        visit(skill, [])
    ids = [p.id for p in learning.projects]
    problems += [f"learning.yaml projects: {i!r} appears twice" for i in {i for i in ids if ids.count(i) > 1}]
    return problems
