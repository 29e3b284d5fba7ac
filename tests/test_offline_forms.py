"""Attribution forms the offline engine used to miss (issue #13, item 3)."""

from __future__ import annotations

import pytest

from summarizer import analyze
from summarizer._offline._extract import extract_quotes

from .test_offline_extract import check_contract


def _one(article: str) -> tuple[str, str | None, str | None, str | None]:
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert len(quotes) == 1, [q.text for q in quotes]
    q = quotes[0]
    return q.text, q.cue, q.speaker.mention, q.type


@pytest.mark.parametrize(
    ("article", "mention"),
    [
        ('"Trump must stop." ― Carla Sanchez', "Carla Sanchez"),
        ("“We will rebuild the pier,” —Ann Lee, mayor of Sandport", "Ann Lee"),
        ("“We will rebuild the pier.”― Edwin G. Monroy\n“Next line.” said nobody", None),
        ('The rally drew a crowd.\n\n"We will rebuild the pier."\n\n- Ann Lee.\n\nShe left.', None),
    ],
    ids=["horizontal-bar", "em-dash-title", "initial", "next-line"],
)
def test_dash_attribution(article: str, mention: str | None) -> None:
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    first = quotes[0]
    assert first.type == "direct"
    assert first.text.rstrip(".") in ("Trump must stop", "We will rebuild the pier")
    assert first.cue is not None and first.cue.strip() in ("―", "—", "-")
    expected = mention or first.speaker.mention
    assert first.speaker.mention == expected
    assert first.speaker.name in ("Carla Sanchez", "Ann Lee", "Edwin G. Monroy")


def test_a_dash_before_a_sentence_is_no_attribution() -> None:
    article = "“We will rebuild the pier,” she wrote ― Ann Lee was not there."
    assert extract_quotes(article)[0].speaker.mention == "she"


def test_headline_quote_inside_the_article() -> None:
    article = (
        "The company met on Monday.\n\n"
        "OpenAI CEO: Will not sue DeepSeek and will win with strength!\n\n"
        "The meeting ended."
    )
    text, cue, mention, _ = _one(article)
    assert (text, cue, mention) == (
        "Will not sue DeepSeek and will win with strength",
        ":",
        "OpenAI CEO",
    )


def test_headline_quote_in_marks_leaves_the_marks_out() -> None:
    article = "Mayor Ortiz: 'We Cannot Wait'\n\nThe council met on Monday."
    assert _one(article) == ("We Cannot Wait", ":", "Mayor Ortiz", "direct")


@pytest.mark.parametrize(
    ("title", "text", "mention"),
    [
        (
            'Ferry Board Ends Night Crossings; Captain Ruiz: "We Will Not Sail Blind"',
            "We Will Not Sail Blind",
            "Captain Ruiz",
        ),
        (
            "EXCLUSIVE – Dana Whitfield: The Levy Will Pass in March",
            "The Levy Will Pass in March",
            "Dana Whitfield",
        ),
        (
            "RELATED: Harbor master: Pier 4 will reopen on Friday",
            "Pier 4 will reopen on Friday",
            "Harbor master",
        ),
    ],
    ids=["after-semicolon", "after-dash", "title-after-rubric"],
)
def test_headline_quote_in_a_later_clause_of_the_title(title: str, text: str, mention: str) -> None:
    article = f"{title}\n\nThe board met on Monday and voted 5-2."
    quotes = [q for q in extract_quotes(article) if q.cue == ":"]
    assert [(q.text, q.speaker.mention) for q in quotes] == [(text, mention)]


@pytest.mark.parametrize(
    "article",
    [
        "The council met.\n\nUpdate: The vote was moved to Friday\n\nIt ended late.",
        "The Latest: Harbor pier closes after a storm\n\nThe council met on Monday.",
        "Breaking: Harbor pier closes after a storm\n\nThe council met on Monday.",
        "Editor’s note: This story was updated on Monday\n\nThe council met on Monday.",
        "[Video: FULL SPEECH: Mayor Lee at the Harbor Forum]\n\nThe council met on Monday.",
        "The One Thing Both Sides Want: A Safer Pier\n\nThe council met on Monday.",
    ],
)
def test_a_rubric_is_no_speaker(article: str) -> None:
    assert not [q for q in extract_quotes(article) if q.cue == ":"]


@pytest.mark.parametrize("verb", ["wrote", "said"])
def test_addressee_then_adding(verb: str) -> None:
    article = f'Ms. Reyes {verb} to the governor, adding, "I urge you to reconsider."'
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert [(q.text, q.cue) for q in quotes] == [("I urge you to reconsider.", "adding")]
    assert quotes[0].speaker.name == "Reyes"


def test_sentence_end_without_a_space_ends_the_content() -> None:
    article = (
        "OpenAI officials have stated that they are investigating signs that DeepSeek may "
        'have "distilled" its model.Distillation is a technique for transferring knowledge.'
    )
    text, cue, _, kind = _one(article)
    assert text.endswith("its model")
    assert (cue, kind) == ("have stated", "mixed")


@pytest.mark.parametrize("tail", [" last month", "", " on Tuesday"])
def test_middle_initial_in_a_name_after_the_quote(tail: str) -> None:
    article = f'"The market is strong," Maria T. Okafor said{tail}.'
    text, cue, mention, kind = _one(article)
    assert (text, cue, mention, kind) == (
        "The market is strong",
        "said",
        "Maria T. Okafor",
        "direct",
    )


def test_a_short_attribution_before_the_next_quotation_takes_the_first_too() -> None:
    article = (
        '"DeepSeek is an impressive model, so we are happy to see competitors." Altman '
        'said: "We have faced many opponents in the past."'
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert len(quotes) == 1
    assert [article[s.start : s.end] for s in quotes[0].spans] == [
        "DeepSeek is an impressive model, so we are happy to see competitors.",
        "We have faced many opponents in the past.",
    ]
    assert quotes[0].speaker.mention == "Altman"


def test_the_subject_before_a_reporting_verb_is_no_part_of_the_cue() -> None:
    article = "Related reports stated that researchers had noticed the extraction last fall."
    _, cue, mention, _ = _one(article)
    assert (cue, mention) == ("stated", "Related reports")


@pytest.mark.parametrize(
    "article", ["Coach Dana Reed spoke after the match.", "The council voted on Monday."]
)
def test_a_time_adjunct_alone_is_no_content(article: str) -> None:
    assert extract_quotes(article) == []


def test_according_to_a_described_firm_with_a_relative_clause() -> None:
    article = (
        "According to the engineering firm Calder & Boyd, which inspected the pier in "
        "September, the worst-damaged piles could fail in a storm."
    )
    text, cue, mention, _ = _one(article)
    assert (text, cue) == ("the worst-damaged piles could fail in a storm", "According to")
    assert mention == "the engineering firm Calder & Boyd"


def test_according_to_takes_the_whole_source_up_to_its_comma() -> None:
    # The phrase walker stopped at "talk": the speaker was named "conservative".
    article = (
        "According to conservative talk radio host Rush Limbaugh, the move reeks of fear "
        "and desperation."
    )
    text, cue, mention, _ = _one(article)
    assert (text, cue) == ("the move reeks of fear and desperation", "According to")
    assert mention == "conservative talk radio host Rush Limbaugh"
    (quote,) = analyze(article, engine="offline").quotes
    assert (quote.speaker.name, quote.speaker.role) == (
        "Rush Limbaugh",
        "conservative talk radio host",
    )


def test_a_quotation_after_two_attributions_follows_the_one_that_stays() -> None:
    # "conceded her errors, saying that …" is read as two attributions of one source; the
    # quotation after them is the speaker's own words (a direct quote of its own, with
    # that attribution's source), so it must not be lost with the one nesting drops.
    article = (
        "The ferry service will resume in May.\n"
        "Lee also conceded her errors, saying that the council is discussing a new ferry "
        "plan. “I think we chose the wrong operator and we need a different tender.”\n"
        "The council meets on Friday."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    said, own = quotes[-2:]
    assert (said.text, said.cue, said.type) == (
        "that the council is discussing a new ferry plan",
        "saying",
        "indirect",
    )
    assert (own.text, own.cue, own.type) == (
        "I think we chose the wrong operator and we need a different tender.",
        None,
        "direct",
    )
    assert said.speaker.name == own.speaker.name == "Lee"


def test_a_bare_plural_subject_after_a_subordinator_is_the_source() -> None:
    article = "The mayor closed the pier after inspectors found that the tide had eaten its piles."
    text, cue, mention, _ = _one(article)
    assert (text, cue, mention) == ("that the tide had eaten its piles", "found", "inspectors")


@pytest.mark.parametrize(
    ("article", "first"),
    [
        (
            "Mayor Lee called on Friday for a review of the contract, saying that the "
            "tender was rushed.",
            "on Friday for a review of the contract",
        ),
        (
            "The board voted to close the pier after inspectors found that the tide had "
            "eaten its piles.",
            "to close the pier after inspectors found that the tide had eaten its piles",
        ),
    ],
    ids=["participle", "subordinate-clause"],
)
def test_a_cue_takes_no_that_beyond_another_clause(article: str, first: str) -> None:
    # The adjunct between a cue and its "that" ("said in a statement on Friday that …")
    # stops at a new clause: the "that" there belongs to another cue.
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert quotes[0].text == first
