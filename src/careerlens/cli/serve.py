"""The ``serve`` command: run the web app on this machine."""

from __future__ import annotations

import secrets
import webbrowser

import typer

from careerlens.cli.output import command, console


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @command
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (this machine only by default)."),
        port: int = typer.Option(8765, "--port", "-p", help="Port to listen on."),
        token: str | None = typer.Option(
            None,
            "--token",
            envvar="CAREERLENS_TOKEN",
            help="Access token (required off this machine; made up if not given).",
        ),
        store: str | None = typer.Option(
            None, "--store", help="A store file, or a postgresql:// URL (default: your data folder)."
        ),
        market_db: str | None = typer.Option(
            None, "--market-db", envvar="CAREERLENS_MARKET_DB", help="A market database (careerlens market build)."
        ),
        open_browser: bool = typer.Option(False, "--open", help="Open the app in your browser."),
        workers: int = typer.Option(1, "--workers", help="Server processes (more serve more people at once)."),
    ) -> None:
        """Open careerlens in your browser: decode postings, build your profile, get a plan."""
        import uvicorn

        from careerlens.web.app import create_app
        from careerlens.web.security import is_loopback

        if not is_loopback(host) and not token:
            token = secrets.token_urlsafe(18)
        address = f"http://{'localhost' if is_loopback(host) else host}:{port}/"
        link = address + (f"?token={token}" if token else "")
        console.print(f"careerlens is running at [bold]{link}[/bold] (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(link)
        if workers > 1:
            import os

            os.environ["CAREERLENS_WEB_HOST"] = host
            if token:
                os.environ["CAREERLENS_TOKEN"] = token
            if store:
                os.environ["CAREERLENS_STORE"] = store
            if market_db:
                os.environ["CAREERLENS_MARKET_DB"] = market_db
            uvicorn.run(
                "careerlens.web.app:app_from_env",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_level="warning",
            )
        else:
            uvicorn.run(
                create_app(store, host=host, token=token, market_db=market_db),
                host=host,
                port=port,
                log_level="warning",
            )
