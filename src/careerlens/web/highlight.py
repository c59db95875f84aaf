"""A decoded posting's text as HTML with its evidence sentences and skills marked in place. Everything is escaped."""

from __future__ import annotations

from html import escape
from itertools import pairwise

from markupsafe import Markup


def highlight(text: str, evidence: list[tuple[int, int, str]], skills: list[tuple[int, int, str]]) -> Markup:
    """``evidence``: (start, end, flavour) of sentences; ``skills``: (start, end, skill name), offsets into ``text``."""
    n = len(text)
    spans = [(max(0, a), min(n, b), "ev", f) for a, b, f in evidence if a < b] + [
        (max(0, a), min(n, b), "sk", s) for a, b, s in skills if a < b
    ]
    cuts = sorted({0, n, *(a for a, _, _, _ in spans), *(b for _, b, _, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b]).replace("\n", "<br>")
        ev = next((s for s in spans if s[2] == "ev" and s[0] <= a and b <= s[1]), None)
        sk = next((s for s in spans if s[2] == "sk" and s[0] <= a and b <= s[1]), None)
        if sk:
            piece = f'<mark class="skill" title="{escape(sk[3])}">{piece}</mark>'
        if ev:
            piece = f'<span class="evidence ev-{escape(ev[3])}" title="evidence for {escape(ev[3])}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))
