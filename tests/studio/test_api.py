"""The studio's public API for the web page and the CLI."""

from __future__ import annotations

import careerlens.studio as studio


def test_public_api_is_exported():
    for name in studio.__all__:
        assert getattr(studio, name) is not None, name
    assert {"start_session", "Session", "report_markdown", "list_scenarios", "backend_from_config"} <= set(
        studio.__all__
    )
