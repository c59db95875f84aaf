"""What keeps a local web app safe with untrusted postings in it: headers, CSRF, body limits, host and token checks.

- Every response carries a strict Content-Security-Policy (no inline script, nothing from elsewhere), so even
  if a posting's markup slipped through escaping, the browser would not run it.
- Forms carry a CSRF token that must match a SameSite=Strict cookie (double submit); JSON endpoints accept
  only ``application/json`` bodies, which a cross-site form cannot send.
- Bodies over :data:`MAX_BODY` are refused before they are read.
- Only the host names the app was started for are served (no DNS rebinding), and an app started on a
  non-loopback address requires a token (``?token=…`` once, then a cookie, or ``Authorization: Bearer``).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

MAX_BODY = 25 * 1024 * 1024
CSRF_COOKIE = "careerlens_csrf"
TOKEN_COOKIE = "careerlens_token"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'; connect-src 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]", "testserver"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


Next = Callable[[Request], Awaitable[Response]]


class Guard(BaseHTTPMiddleware):
    """Host check, token check, body limit, CSRF cookie and security headers, in that order."""

    def __init__(
        self,
        app: object,
        allowed_hosts: set[str] | None,
        token: str | None,
        csp_overrides: dict[str, str] | None = None,
    ) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.allowed_hosts = allowed_hosts
        self.token = token
        self.csp_overrides = csp_overrides or {}

    async def dispatch(self, request: Request, call_next: Next) -> Response:
        response = await self._checked(request, call_next)
        if request.url.path in self.csp_overrides:
            response.headers["Content-Security-Policy"] = self.csp_overrides[request.url.path]
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict")
        return response

    async def _checked(self, request: Request, call_next: Next) -> Response:
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        host = (
            (request.headers.get("host") or "").rsplit(":", 1)[0]
            if "]" not in (request.headers.get("host") or "")
            else (request.headers.get("host") or "").split("]")[0] + "]"
        )
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return PlainTextResponse("Unknown host.", status_code=400)
        if self.token is not None:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, self.token):
                clean = request.url.remove_query_params("token")
                redirect = RedirectResponse(
                    str(clean.path) + (f"?{clean.query}" if clean.query else ""), status_code=303
                )
                redirect.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return redirect
            bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not (hmac.compare_digest(cookie, self.token) or hmac.compare_digest(bearer, self.token)):
                return PlainTextResponse(
                    "This careerlens app needs its access token: open the link `careerlens serve` printed.",
                    status_code=401,
                )
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return PlainTextResponse(f"Too large: uploads are limited to {MAX_BODY // 2**20} MB.", status_code=413)
        return await call_next(request)


def csrf_ok(request: Request, given: str | None) -> bool:
    expected = request.cookies.get(CSRF_COOKIE)
    return bool(expected and given and hmac.compare_digest(expected, given))
