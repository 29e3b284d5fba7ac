"""One quote per attribution: how the offline engine resolves attributions found inside
other attributions' content (the rule PolNeAR's annotators follow, see `_nesting`)."""

from __future__ import annotations

import pytest

from summarizer._offline._extract import extract_quotes

from .conftest import POLNEAR
from .test_offline_extract import check_contract


def _quotes(article: str) -> list[tuple[str | None, str]]:
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    return [(q.cue, q.text) for q in quotes]


def test_coordinated_cue_ends_the_first_content() -> None:
    article = (
        "Trump said he would order a thorough review of the nation's computer defenses "
        "and warned against potential hackers from China, Russia and North Korea."
    )
    assert _quotes(article) == [
        ("said", "he would order a thorough review of the nation's computer defenses"),
        ("warned", "against potential hackers from China, Russia and North Korea"),
    ]


def test_participle_after_a_comma_is_an_attribution_of_its_own() -> None:
    article = (
        "David Perdue said he didn't believe those characterizations did Romney in, "
        "arguing that divisions in the party were a bigger hurdle."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert [q.cue for q in quotes] == ["said", "arguing"]
    assert quotes[0].text == "he didn't believe those characterizations did Romney in"
    assert quotes[1].speaker.name == "David Perdue"


def test_nested_reported_speech_is_one_quote_of_the_outer_source() -> None:
    article = "Spokesman Nick Merrill says Machado promised to continue supporting Clinton."
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert [(q.cue, q.text) for q in quotes] == [
        ("says", "Machado promised to continue supporting Clinton")
    ]
    assert quotes[0].speaker.name == "Nick Merrill"


def test_a_new_clause_with_its_own_source_is_a_second_quote() -> None:
    article = (
        "Stein spokeswoman Melezia Figueroa said the campaign planned a protest at the "
        "debate, though she acknowledged it was unlikely to work."
    )
    assert _quotes(article) == [
        ("said", "the campaign planned a protest at the debate"),
        ("acknowledged", "it was unlikely to work"),
    ]


def test_a_chain_of_cues_in_one_sentence_stays_one_quote() -> None:
    article = "Smith said: " * 50 + "the bridge will open."
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert len(quotes) == 1


@pytest.mark.polnear
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="PolNeAR dev is not present")
def test_no_two_quotes_overlap_on_polnear_dev() -> None:
    # 354 pairs on 0ac3068 (31.7 % of the quotes in one); the gold has none.
    texts = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    assert texts
    for path in texts:
        article = path.read_text(encoding="utf-8")
        check_contract(article, extract_quotes(article))


def test_a_cue_nouns_complement_before_a_participle_is_no_quote_of_its_own() -> None:
    article = (
        "The mayor spoke on Monday. Lee also made a rare admission of her mistakes, saying "
        "that the council is reviewing the ferry contract."
    )
    quotes = extract_quotes(article)
    assert [(q.cue, q.text) for q in quotes] == [
        ("saying", "that the council is reviewing the ferry contract")
    ]
