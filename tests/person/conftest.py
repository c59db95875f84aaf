"""Every person-side test writes to its own store, never to the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "careerlens.db"
