"""A web app over an in-memory store for every test; a real server on loopback for browser tests."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from careerlens.web.app import create_app
from tests.conftest import postgres_store_url


@pytest.fixture(params=["sqlite", "postgres"])
def client(request: pytest.FixtureRequest) -> TestClient:
    """The app over an in-memory SQLite store, and again over a fresh PostgreSQL schema."""
    if request.param == "postgres":
        return TestClient(create_app(postgres_store_url(request.getfixturevalue("postgres_url"))))
    return TestClient(create_app(":memory:"))


def csrf_of(client: TestClient, page: str = "/decode") -> str:
    html = client.get(page).text
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "every form carries a CSRF token"
    return found.group(1)


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = str(tmp_path_factory.mktemp("web") / "careerlens.db")
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
