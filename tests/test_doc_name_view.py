"""The Doc's name view reads names as the one-character-at-a-time pattern did."""

from __future__ import annotations

import re
from pathlib import Path

from summarizer._offline._doc import _NAME_TOKEN_RE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

# The pattern as it was: one word character, or one joiner before a letter/digit, per step.
_STEPWISE = re.compile(r"[^\W_](?:\w|[-'’](?=[^\W_])|(?<=\b[^\W\d_])\.(?=[^\W_]))*")

TEXT = (
    "U.S.A. and E.J. Dionne's a.m. talk; x-_y _a-b 3.5 A.3 don’t ’tis co-op--x a-'b "
    "_x.y Z.__ é.è ß-1 x.y.z I.B.M said.Trump O'Neil-Smith's Jean-Luc. A.F.L.-C.I.O."
)


def test_name_tokens_match_the_stepwise_pattern() -> None:
    for text in (TEXT, EXAMPLE, "a" + "-b" * 500):
        expected = [m.span() for m in _STEPWISE.finditer(text)]
        assert [m.span() for m in _NAME_TOKEN_RE.finditer(text)] == expected
    assert [m.group() for m in _NAME_TOKEN_RE.finditer("U.S.A. said.Trump E.J")] == [
        "U.S.A",
        "said",
        "Trump",
        "E.J",
    ]
