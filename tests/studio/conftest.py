"""Studio tests write to a private store and talk only to a stub model server on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_HOME", str(tmp_path / "home"))
    for var in ("CAREERLENS_LLM_BACKEND", "CAREERLENS_LLM_BASE_URL", "CAREERLENS_LLM_MODEL", "CAREERLENS_STORE"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "home"


def sse(*pieces: str) -> bytes:
    """A streamed chat completion in the OpenAI wire format."""
    out = b""
    for piece in pieces:
        chunk = {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": piece}}]}
        out += b"data: " + json.dumps(chunk).encode() + b"\n\n"
    return out + b"data: [DONE]\n\n"


class StubServer:
    """An OpenAI-compatible server on 127.0.0.1: each request pops the next scripted response."""

    def __init__(self) -> None:
        self.responses: list[Callable[[BaseHTTPRequestHandler], None]] = []
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                stub.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
                )
                respond = stub.responses.pop(0) if stub.responses else stub.stream("ok")
                respond(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.release = threading.Event()

    @staticmethod
    def stream(*pieces: str, raw: bytes | None = None) -> Callable[[BaseHTTPRequestHandler], None]:
        def respond(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/event-stream")
            h.end_headers()
            h.wfile.write(raw if raw is not None else sse(*pieces))
            h.wfile.flush()

        return respond

    @staticmethod
    def status(code: int, message: str = "busy", retry_after: str | None = None) -> Callable[..., None]:
        def respond(h: BaseHTTPRequestHandler) -> None:
            body = json.dumps({"error": {"message": message}}).encode()
            h.send_response(code)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            if retry_after:
                h.send_header("Retry-After", retry_after)
            h.end_headers()
            h.wfile.write(body)

        return respond

    def hang(self) -> Callable[[BaseHTTPRequestHandler], None]:
        def respond(h: BaseHTTPRequestHandler) -> None:
            self.release.wait(5)

        return respond

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer()
    yield server
    server.close()
