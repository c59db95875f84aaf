"""careerlens.market's public API is small, sorted and importable."""

from __future__ import annotations

import careerlens.market as market


def test_all_is_sorted_and_complete() -> None:
    style = sorted(market.__all__, key=lambda n: (not n.isupper(), not n[:1].isupper(), n))
    assert market.__all__ == style
    assert all(hasattr(market, name) for name in market.__all__)
