"""Shared test fixtures. Suites that need the whole corpus use ../shared and skip without it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("CAREERLENS_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test (with the reason) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared data folder), which is not present here")
    return path


@pytest.fixture(scope="session")
def postings() -> list[dict]:
    """A few dozen real postings (cut to 6,000 characters) with the team's flavour labels."""
    with open(FIXTURES / "postings.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def decoder():
    from careerlens.decode.decoder import default_decoder

    return default_decoder()
