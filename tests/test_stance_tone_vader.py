"""The tone's VADER score, taken past VADER's emoji pass, is VADER's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer._stance_tone import _analyzer, _polarity

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

# Invented: boosters, "kind of", "but", negations ("no", "never", "least"), capitals,
# exclamation and question marks, emoticons, emoji, and surrounding blanks.
TEXTS = [
    "The plan is a disaster.",
    "  It is NOT good at all!!! ",
    "He is kind of a hero, but the deal is terrible?",
    "No one likes a liar, and at least the mayor is honest.",
    "This is the least bad option :) but never so good",
    "We are extremely proud of the team 😀 and sad 😢 about the loss",
    "Great 👍",
    "The vote was on Tuesday.",
    "",
    "\n",
    *EXAMPLE.splitlines(),
]


@pytest.mark.parametrize("text", TEXTS)
def test_polarity_is_vaders_own(text: str) -> None:
    analyzer = _analyzer()
    assert _polarity(analyzer, text) == analyzer.polarity_scores(text)["compound"]


def test_emoji_still_count() -> None:
    analyzer = _analyzer()
    assert _polarity(analyzer, "The new park 😀") > _polarity(analyzer, "The new park")
