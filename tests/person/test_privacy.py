"""No resume content leaves the machine: the whole person-side pipeline runs with the network cut off."""

from __future__ import annotations

import socket

import pytest

from careerlens.match.fit import fit_role
from careerlens.match.paths import rank_paths
from careerlens.plan.planner import build_plan
from careerlens.profile.resume import read_resume
from careerlens.store import open_store
from tests.conftest import FIXTURES


def test_resume_to_plan_makes_no_network_connection(monkeypatch):
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    profile = read_resume(FIXTURES / "resumes" / "harvey_dent_mle.pdf")
    store = open_store(":memory:")
    store.save_profile(profile)
    rank_paths(profile)
    fit_role(profile, "ml_engineer")
    build_plan(profile, "mlops_platform")
    assert attempts == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))  # the guard itself works
