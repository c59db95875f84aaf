"""careerlens: see what AI, ML and data-science jobs really are, and how to get there.

The library is the product; the ``careerlens`` command and the web app are thin shells over it.
"""

from __future__ import annotations

from careerlens.decode.decoder import DecodedPosting, decode_posting
from careerlens.errors import (
    BackendError,
    CareerlensError,
    InputError,
    KnowledgeError,
    ModelError,
    StoreError,
    UnknownIdError,
)
from careerlens.knowledge.compare import RoleComparison, compare_roles
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS, CompanyArchetype, Role, Scenario, SourceEntry
from careerlens.match.fit import Fit, fit_posting, fit_role, learn_first
from careerlens.match.paths import PathScore, rank_paths
from careerlens.plan.planner import Plan, build_plan, replan
from careerlens.profile.models import Profile
from careerlens.profile.quiz import profile_from_answers
from careerlens.profile.resume import parse_resume, read_resume
from careerlens.store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "FLAVOUR_IDS",
    "BackendError",
    "CareerlensError",
    "CompanyArchetype",
    "DecodedPosting",
    "Fit",
    "InputError",
    "Knowledge",
    "KnowledgeError",
    "ModelError",
    "PathScore",
    "Plan",
    "Profile",
    "Role",
    "RoleComparison",
    "Scenario",
    "SourceEntry",
    "Store",
    "StoreError",
    "UnknownIdError",
    "__version__",
    "build_plan",
    "compare_roles",
    "decode_posting",
    "fit_posting",
    "fit_role",
    "learn_first",
    "load_knowledge",
    "open_store",
    "parse_resume",
    "profile_from_answers",
    "rank_paths",
    "read_resume",
    "replan",
]
