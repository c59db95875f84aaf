"""The careerlens web app: server-rendered pages over the library, each with a JSON twin.

``create_app()`` builds the app; ``careerlens serve`` runs it. Every page ``/x`` has ``/x.json`` with the same
data, and the JSON routes are described by OpenAPI at ``/openapi.json``. Nothing is fetched from elsewhere:
styles and the one small script are served by the app itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from careerlens import __version__
from careerlens.errors import CareerlensError, UnknownIdError
from careerlens.jsonable import to_jsonable
from careerlens.store import Store, open_store
from careerlens.web.security import Guard, csrf_ok, is_loopback

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["version"] = __version__
PROFILE = "me"


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    context = {"csrf": request.state.csrf, "path": request.url.path, **context}
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def page(router: APIRouter, path: str, template: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn`` (which takes ``request`` plus path/query parameters and returns the page's data) as the
    HTML page ``path`` and its JSON twin ``path.json``."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        json_path = "/index.json" if path == "/" else f"{path}.json"

        @functools.wraps(fn)
        def as_json(*args: Any, **kwargs: Any) -> JSONResponse:
            return JSONResponse(to_jsonable(fn(*args, **kwargs)))

        @functools.wraps(fn)
        def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
            return render(kwargs["request"], template, {"data": fn(*args, **kwargs)})

        router.add_api_route(json_path, as_json, methods=["GET"], summary=(fn.__doc__ or "").split("\n")[0])
        router.add_api_route(path, as_html, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
        return fn

    return register


def require_csrf(request: Request, token: str | None) -> None:
    if not csrf_ok(request, token):
        raise CsrfError()


class CsrfError(Exception):
    """A form post without the page's CSRF token (a stale page, or another site trying to post here)."""


def create_app(
    store: Store | str | None = None, host: str = "127.0.0.1", token: str | None = None, market_db: str | None = None
) -> FastAPI:
    """The app over ``store`` (a :class:`Store`, a location, or the default store) and an optional market
    database. A non-loopback ``host`` needs a ``token``."""
    if not is_loopback(host) and not token:
        raise CareerlensError(f"Serving on {host} (not this machine only) needs an access token.")
    app = FastAPI(
        title="careerlens",
        version=__version__,
        description="What AI, ML and data-science jobs really are, and how to get there. Every page has a JSON twin.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store if isinstance(store, Store) else open_store(store)
    app.state.market_db = market_db
    allowed = None if host in ("0.0.0.0", "::") else {host, "localhost", "127.0.0.1", "[::1]", "testserver"}
    from careerlens.web.routes.market import MARKET_CSP

    overrides = {"/market": MARKET_CSP, "/market/report.html": MARKET_CSP}
    app.add_middleware(Guard, allowed_hosts=allowed, token=token, csp_overrides=overrides)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(CareerlensError)
    async def careerlens_error(request: Request, exc: CareerlensError) -> Response:
        status = 404 if isinstance(exc, UnknownIdError) else 400
        if request.url.path.endswith(".json") or request.url.path.endswith((".md", ".ics")):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return render(request, "error.html", {"message": str(exc), "status": status}, status_code=status)

    @app.exception_handler(CsrfError)
    async def csrf_error(request: Request, exc: CsrfError) -> Response:
        message = "This form has expired (or came from another site). Reload the page and try again."
        return render(request, "error.html", {"message": message, "status": 403}, status_code=403)

    from careerlens.web.routes import data, decode, landscape, market, person, practice

    for module in (landscape, decode, person, practice, market, data):
        app.include_router(module.router)
    return app


def app_from_env() -> FastAPI:
    """The app as configured by ``careerlens serve`` for multi-process serving (read from the environment)."""
    import os

    return create_app(
        os.environ.get("CAREERLENS_STORE"),
        host=os.environ.get("CAREERLENS_WEB_HOST", "127.0.0.1"),
        token=os.environ.get("CAREERLENS_TOKEN"),
        market_db=os.environ.get("CAREERLENS_MARKET_DB"),
    )
