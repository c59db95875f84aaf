"""Shared output helpers for CLI commands: JSON printing and turning library errors into exits."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from careerlens.errors import CareerlensError, UnknownIdError
from careerlens.jsonable import to_jsonable

console = Console()
err_console = Console(stderr=True)

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False) + "\n")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`CareerlensError` into a one-line message and exit code, never a traceback."""
    try:
        yield
    except UnknownIdError as exc:
        err_console.print(f"[red]Error:[/red] {exc}")
        raise typer.Exit(2) from None
    except CareerlensError as exc:
        err_console.print(f"[red]Error:[/red] {exc}")
        raise typer.Exit(1) from None


def command(fn: Callable[..., None]) -> Callable[..., None]:
    """Decorator form of :func:`user_errors` for command functions."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        with user_errors():
            fn(*args, **kwargs)

    return wrapper


def decoding_progress(disable: bool = False) -> Progress:
    """The progress bar of long decoding runs (on stderr, so stdout stays clean for JSON)."""
    return Progress(
        TextColumn("decoding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=disable,
    )
