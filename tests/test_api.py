"""The public API is small, sorted and importable."""

from __future__ import annotations

import careerlens


def test_all_is_sorted_and_complete():
    # isort style, as ruff keeps it: CONSTANTS, then Classes, then functions
    style = sorted(careerlens.__all__, key=lambda n: (not n.isupper(), not n[:1].isupper(), n))
    assert careerlens.__all__ == style
    for name in careerlens.__all__:
        assert hasattr(careerlens, name)


def test_decode_posting_is_public():
    d = careerlens.decode_posting("Build dashboards in Tableau and write SQL for stakeholders.", title="Analyst")
    assert isinstance(d, careerlens.DecodedPosting)


def test_every_shipped_data_file_is_packaged():
    """A wheel carries only files matching package-data: every file under a data/ folder must match one."""
    import fnmatch
    import tomllib

    from tests.conftest import ROOT

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["careerlens"]
    package = ROOT / "src" / "careerlens"
    for path in (p for p in package.rglob("data/**/*") if p.is_file() and "__pycache__" not in p.parts):
        name = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path.name, p.split("/")[-1]) for p in patterns), name
