"""Summary checks on tiny hand-computed examples: key facts, numbers, names."""

from __future__ import annotations

import pytest

from summarizer import Summary
from summarizer._scoring import (
    KEY_FACT_MIN_SHARE,
    aggregate_summaries,
    check_summary,
    content_stems,
    unsupported_names,
    unsupported_numbers,
)
from summarizer._scoring._summary import content_stem, fact_covered, normal_number

ARTICLE = (
    "Mayor Ada Brook said on Monday that the Elm Street bridge will reopen in May after "
    "repairs costing $1,200,000. Officials expect 3.5 million crossings a year."
)


def summary(text: str, headline: str = "Bridge news", points: list[str] | None = None) -> Summary:
    return Summary(headline=headline, text=text, key_points=points or [])


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("reopens", "reopen"),
        ("reopened", "reopen"),
        ("reopening", "reopen"),
        ("closes", "clos"),
        ("close", "clos"),
        ("running", "run"),
        ("cities", "city"),
        ("Brook's", "brook"),
        ("1,200", "1200"),
        ("3.50", "3.5"),
        ("the", None),
        ("said", None),
    ],
)
def test_crude_stems(word: str, stem: str | None) -> None:
    assert content_stem(word) == stem


def test_content_stems_drop_stopwords_and_keep_numbers() -> None:
    assert content_stems("The bridge reopens in May, said the mayor.") == {
        "bridg",
        "reopen",
        "may",
        "mayor",
    }


def test_key_fact_threshold_is_sixty_percent_of_content_words() -> None:
    assert KEY_FACT_MIN_SHARE == 0.6
    # "Bridge reopens May after repairs": bridg, reopen, may, repair → 4 stems (after: stop).
    fact = "The bridge reopens in May after repairs."
    assert fact_covered(fact, {"bridg", "reopen"}) is False  # 2/4 = 0.5
    assert fact_covered(fact, {"bridg", "reopen", "may"}) is True  # 3/4 = 0.75
    assert fact_covered("It is what it is.", {"bridg"}) is None  # no content word: not counted


def test_check_summary_counts_coverage_numbers_and_names() -> None:
    made_up = summary(
        "The Elm Street bridge reopened in June after $1.2 million of repairs. "
        "Engineer Carla Mendes praised the work.",
        points=["3.5 million crossings a year", "Costs were 40% over budget"],
    )
    check = check_summary(
        "d1",
        made_up,
        ARTICLE,
        ["The bridge reopens in May.", "Repairs cost $1.2 million.", "Crossings: 3.5 million."],
    )
    # Fact 1: bridg, reopen, may → bridg, reopen present: 2/3 ≥ 0.6 → covered.
    # Fact 2: repair, cost, 1.2, million → repair, 1.2, million: 3/4 → covered.
    # Fact 3: crossing, 3.5, million → all three → covered.
    assert (check.key_facts, check.covered, check.coverage) == (3, 3, 1.0)
    # "1.2" is not "1,200,000" and 40 appears nowhere; 3.5 is supported.
    assert check.unsupported_numbers == ["1.2", "40"]
    # "June" and the engineer are invented; "Engineer" opens a two-word run with the name.
    assert check.unsupported_names == ["June", "Engineer Carla Mendes"]


def test_an_uncovered_fact_is_listed() -> None:
    check = check_summary("d", summary("The mayor spoke."), ARTICLE, ["Repairs cost a lot."])
    assert (check.key_facts, check.covered, check.uncovered) == (1, 0, ["Repairs cost a lot."])
    assert check.coverage == 0.0


def test_numbers_compare_by_value_not_by_format() -> None:
    assert normal_number("1,200,000") == "1200000"
    assert normal_number("3.50") == "3.5"
    assert normal_number("007") == "7"
    assert (
        unsupported_numbers(summary("Repairs cost $1200000 for 3.50 million trips."), ARTICLE) == []
    )


def test_sentence_initial_words_and_title_case_headlines_are_not_names() -> None:
    text = "Residents were told the bridge reopens. Officials agree. “Ada Brook” spoke."
    assert unsupported_names(summary(text, headline="Bridge Reopening Wins Praise"), ARTICLE) == []
    # A headline in sentence case is checked like the text.
    assert unsupported_names(summary("x", headline="Carla Mendes praises bridge"), ARTICLE) == [
        "Carla Mendes"
    ]


def test_aggregate_is_micro_over_documents() -> None:
    one = check_summary("a", summary("The bridge reopens in May."), ARTICLE, ["Bridge reopens."])
    two = check_summary("b", summary("Nothing here."), ARTICLE, ["Bridge reopens.", "May."])
    none = check_summary("c", summary("Nothing."), ARTICLE, [])
    report = aggregate_summaries([one, two, none])
    assert (report.key_facts, report.covered) == (3, 1)
    assert report.key_fact_coverage == pytest.approx(1 / 3)
    assert aggregate_summaries([none]).key_fact_coverage is None
