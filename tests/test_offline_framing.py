"""Framings with no holder of the view are not quotes (issue #13, item 1)."""

from __future__ import annotations

import pytest

from summarizer._offline._extract import extract_quotes


@pytest.mark.parametrize(
    "article",
    [
        "This achievement is considered a threat to the United States' leadership in AI.",
        "However, OpenAI's attitude seems to have changed recently.",
        "It is expected to invest US$80 billion in building AI data centers.",
        "It is worth mentioning that OpenAI itself has also faced accusations.",
        "It not only triggered panic, but also triggered concerns about the demand for chips.",
        "Regarding concerns about declining demand for computing power, the firm was silent.",
    ],
    ids=["considered", "seems", "expected", "worth-mentioning", "triggered-concerns", "regarding"],
)
def test_framings_are_not_quotes(article: str) -> None:
    assert [(q.cue, q.text) for q in extract_quotes(article)] == []


def test_a_framing_inside_a_quote_leaves_the_quote_whole() -> None:
    article = (
        "Microsoft also reiterated that capital expenditures will continue to increase in "
        "2025, and it is expected to invest US$80 billion in building AI data centers."
    )
    quotes = extract_quotes(article)
    assert [(q.cue, q.speaker.name) for q in quotes] == [("also reiterated", "Microsoft")]
    assert quotes[0].text.endswith("in building AI data centers")


@pytest.mark.parametrize(
    ("article", "cue"),
    [
        ("The plan was criticized by council member Ivy Hale on Monday.", "was criticized"),
        ("He appeared to suggest that veterans were weak.", "appeared to suggest"),
        ("Residents worry that the cost could fall to taxpayers.", "worry"),
        ("Senator Ann Lee raised concerns about the cost of the plan.", None),
    ],
)
def test_a_view_with_a_holder_stays(article: str, cue: str | None) -> None:
    quotes = extract_quotes(article)
    assert len(quotes) == 1
    if cue is not None:
        assert quotes[0].cue == cue
