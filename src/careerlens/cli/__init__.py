"""The ``careerlens`` command: a thin shell over the library (one module per command group)."""

from __future__ import annotations

import typer

from careerlens.cli import decode, landscape, market, person, practice, serve

app = typer.Typer(
    name="careerlens",
    help="See what AI, ML and data-science jobs really are, and how to get there.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
landscape.register(app)
decode.register(app)
person.register(app)
serve.register(app)
market.register(app)
practice.register(app)


def main() -> None:
    app()
