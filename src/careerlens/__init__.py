"""careerlens: see what AI, ML and data-science jobs really are, and how to get there.

The library is the product; the ``careerlens`` command and the web app are thin shells over it.
"""

from __future__ import annotations

from careerlens.decode.decoder import DecodedPosting, decode_posting
from careerlens.errors import CareerlensError, InputError, KnowledgeError, ModelError, UnknownIdError
from careerlens.knowledge.compare import RoleComparison, compare_roles
from careerlens.knowledge.loader import Knowledge, load_knowledge
from careerlens.knowledge.models import FLAVOUR_IDS, CompanyArchetype, Role, Scenario, SourceEntry

__version__ = "0.1.0"

__all__ = [
    "FLAVOUR_IDS",
    "CareerlensError",
    "CompanyArchetype",
    "DecodedPosting",
    "InputError",
    "Knowledge",
    "KnowledgeError",
    "ModelError",
    "Role",
    "RoleComparison",
    "Scenario",
    "SourceEntry",
    "UnknownIdError",
    "__version__",
    "compare_roles",
    "decode_posting",
    "load_knowledge",
]
