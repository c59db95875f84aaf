"""Library results as plain JSON data, for the shells (``--json`` in the CLI, the web app's JSON twins)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def to_jsonable(value: Any) -> Any:
    """Pydantic models (at any depth, inside dicts, lists and tuples) as plain JSON data."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
