"""The noun-phrase check: no speaker name is a clause or a fragment (issue #13, item 2)."""

from __future__ import annotations

import pytest

from summarizer._offline._extract import extract_quotes
from summarizer._offline._np_check import fragment_reason
from summarizer._offline._speakers import SpeakerResolver

# The kinds of names the offline engine gave on PolNeAR and the seed before the check
# (the list), written out again here: no corpus text is copied.
FRAGMENTS = [
    "Looking",
    "up",
    "have struggled",
    "a statement",
    "0",
    "000 people",
    "'s records",
    "leaders have long",
    "the network released a letter from",
    "X's son was acting out",
    "it is worth",
    "during an",
    "Claiming the",
    "Democrats also",
    "the program attracted",
    "Podesta said Gates",
    "the only regret he acknowledged was a failed",
    "Deeply",
    "Q",
    "he spent much of his speech",
    "Bernie Sanders continues to draw",
    "candidates get many",
    "it's still a rare candidate",
    "whose new book",
    "Donald Trump's 34",
    "Rep",
    "two",
]

NOUN_PHRASES = [
    "Sam Altman",
    "Maria T. Okafor",
    "Robert E. Lindqvist",
    "a spokesman for the campaign",
    "the mayor's top aides",
    "The report",
    "Related reports",
    "a retired general",
    "elected officials",
    "Donald Trump's campaign",
    "about 4 in 10 voters",
    "almost half of respondents",
    "only three senators",
    "Microsoft and Meta",
    "OpenAI researchers",
    "U.N.",
    "Beijing",
    "King",
    "Masayoshi Son",
]


@pytest.mark.parametrize("name", FRAGMENTS)
def test_clauses_and_fragments_are_refused(name: str) -> None:
    assert fragment_reason(name) is not None


@pytest.mark.parametrize("name", NOUN_PHRASES)
def test_noun_phrases_pass(name: str) -> None:
    assert fragment_reason(name) is None


def _resolve(article: str, mention: str) -> tuple[str | None, str]:
    start = article.index(mention)
    speaker = SpeakerResolver(article).resolve(start, start + len(mention))
    return speaker.name, speaker.kind


@pytest.mark.parametrize(
    ("article", "mention"),
    [
        ("The network released a letter from the coach on Monday.", "The network released a"),
        ("Officials say the turnout was low. Looking ahead, the mayor spoke.", "Looking"),
        ("The bill passed after 10,000 people signed the petition.", "000 people"),
        ("It is worth mentioning that the firm has faced lawsuits.", "It is worth"),
        ("Leaders have long said the plan was sound.", "Leaders have long"),
    ],
)
def test_resolver_gives_no_name_for_a_fragment_mention(article: str, mention: str) -> None:
    assert _resolve(article, mention) == (None, "unknown")


def test_a_refused_clause_is_no_antecedent_for_a_later_pronoun() -> None:
    article = (
        "Ann Lee chairs the board. The report the board released in May was the one.\n"
        "She said it was final."
    )
    resolver = SpeakerResolver(article)
    clause = "The report the board released in May was the one"
    start = article.index(clause)
    assert resolver.resolve(start, start + len(clause)).name is None
    she = article.index("She")
    assert resolver.resolve(she, she + 3).name == "Ann Lee"


def test_framing_with_no_source_gets_no_speaker_name() -> None:
    article = (
        "The company reported record sales on Monday.\n"
        "It is worth mentioning that the company itself has faced several lawsuits.\n"
    )
    names = {q.speaker.name for q in extract_quotes(article) if "lawsuits" in q.text}
    assert names <= {None}
