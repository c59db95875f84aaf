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
