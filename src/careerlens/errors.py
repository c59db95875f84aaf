"""Every error careerlens raises on purpose.

    CareerlensError
    ├── KnowledgeError          a knowledge-base file is missing, malformed or inconsistent
    ├── UnknownIdError          a role, company archetype or scenario id that does not exist
    ├── InputError              user input that cannot be used (empty, binary, too large, unreadable)
    ├── ModelError              a shipped model is missing or does not match this version
    ├── StoreError              the local store cannot be opened, or holds data this version cannot read
    └── BackendError            a configured LLM server cannot be reached, times out or answers with an error

Only the shells (``careerlens.cli``, ``careerlens.web``) turn these into exit codes or HTTP
statuses; the library raises them with a message that says what was wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence


class CareerlensError(Exception):
    """Base class: a failure the user can understand and act on."""


class KnowledgeError(CareerlensError):
    """A knowledge-base data file is missing, malformed or refers to something that does not exist."""


class UnknownIdError(CareerlensError):
    """An id that is not in the knowledge base; carries the closest known ids."""

    def __init__(self, kind: str, given: str, suggestions: Sequence[str]) -> None:
        self.kind = kind
        self.given = given
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No {kind} with id {given!r}.{hint}")


class InputError(CareerlensError):
    """User input that careerlens cannot use as given."""


class ModelError(CareerlensError):
    """A shipped model file is missing, corrupt or from another version."""


class StoreError(CareerlensError):
    """The local store (profiles, answers, plans) cannot be read or written; nothing in it was changed."""


class BackendError(CareerlensError):
    """A configured language-model server failed: unreachable, too slow, or answering with an error."""
