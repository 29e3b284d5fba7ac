"""The offline extractive summary: everything it returns is cut from the article."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from summarizer._exceptions import EmptyArticle
from summarizer._models import Quote, Speaker, Summary
from summarizer._offline._summary import (
    _attributed_outside,
    _Marks,
    _orphaned,
    _quote_state,
    _QuoteSpans,
    summarize,
    support_check,
)
from summarizer._text import Segment, sentences

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_63ceeae6211ee247.txt"

# Invented articles, written for these tests.
TITLED = (
    "\n\n".join(
        [
            "Riverton Council Approves New Bridge Plan",
            "RIVERTON (Metro Wire) — The Riverton city council voted 7-2 on Tuesday to approve a "
            "$40 million plan to replace the ageing Mill Street bridge.",
            "Mayor Dana Whitfield said the new bridge would open in 2027 and would carry a "
            "protected cycle lane alongside two traffic lanes.",
            "Construction is expected to close the crossing for eighteen months, forcing "
            "commuters onto the northern ring road.",
            "Council member Omar Haddad, who voted against the bridge plan, said the cost "
            'estimate for the bridge was "wildly optimistic."',
            "Local businesses on Mill Street have asked the council for compensation during the "
            "bridge closure.",
            "The council will publish the final bridge designs in March after a public "
            "consultation.",
            "Click here to subscribe to our daily newsletter.",
            "© 2025 Metro Wire. All rights reserved.",
        ]
    )
    + "\n"
)

UNTITLED = (
    "\n".join(
        [
            "The regional water authority said on Monday that it would raise household tariffs by "
            "nine percent from April, citing the cost of repairing pipes damaged during last "
            "winter's floods, and warned that further increases could follow if the government "
            "does not approve emergency funding.",
            "The increase will add about 38 dollars a year to the average household water bill, "
            "the authority said.",
            "Consumer groups called the rise unfair to pensioners, who already spend a large "
            "share of their income on utilities.",
            "The authority's chief executive, Priya Raman, said the flood repairs had cost three "
            "times the original estimate.",
            "A government spokesperson said ministers would consider the emergency funding "
            "request next month.",
            "Tariffs rose by four percent last year after a similar dispute over pipe maintenance.",
        ]
    )
    + "\n"
)

SHORT_LEAD = (
    "\n".join(
        [
            "Heavy snow closed the main mountain pass on Friday.",
            "Road crews expect to reopen the pass by Sunday morning if the weather clears.",
            "Drivers were told to use the coastal highway until further notice from the regional "
            "roads agency.",
        ]
    )
    + "\n"
)


def test_headline_from_title_line() -> None:
    summary = summarize(TITLED)
    assert summary.headline == "Riverton Council Approves New Bridge Plan"
    assert "Riverton Council Approves" not in summary.text


def test_headline_from_long_lead_is_its_main_clause() -> None:
    summary = summarize(UNTITLED)
    lead = UNTITLED.splitlines()[0]
    # The reporting verb's setting ("on Monday") goes, and the cut falls at a clause end.
    assert summary.headline == (
        "The regional water authority said that it would raise household tariffs by nine "
        "percent from April"
    )
    assert len(summary.headline) <= 100
    assert support_check(summary, UNTITLED) == []
    # The summary opens with the lead, which carries the news the headline shortens.
    assert summary.text.startswith(lead)


def test_headline_from_short_lead_is_the_whole_sentence() -> None:
    summary = summarize(SHORT_LEAD)
    assert summary.headline == "Heavy snow closed the main mountain pass on Friday"
    assert "\n" not in summary.headline


@pytest.mark.parametrize("article", [TITLED, UNTITLED])
def test_text_is_two_to_five_verbatim_sentences(article: str) -> None:
    summary = summarize(article)
    assert support_check(summary, article) == []
    parts = sentences(summary.text)
    assert 2 <= len(parts) <= 5
    for part in parts:
        assert part.text in article


@pytest.mark.parametrize(("asked", "expected"), [(0, 2), (1, 2), (3, 3), (4, 4), (9, 5)])
def test_sentence_count_is_clamped(asked: int, expected: int) -> None:
    summary = summarize(UNTITLED + TITLED, sentences=asked)
    assert len(sentences(summary.text)) == expected


def test_chosen_sentences_keep_article_order() -> None:
    summary = summarize(TITLED, sentences=4)
    positions = [TITLED.index(s.text) for s in sentences(summary.text)]
    assert positions == sorted(positions)


def test_boilerplate_and_dateline_are_excluded() -> None:
    summary = summarize(TITLED, sentences=5)
    everything = " ".join([summary.headline, summary.text, *summary.key_points])
    for furniture in ("Click here", "subscribe", "All rights reserved", "©", "RIVERTON (Metro"):
        assert furniture not in everything


def test_broadcast_boilerplate_is_excluded() -> None:
    article = (
        "Flood Warnings Extended Across the Valley\n"
        "Forecasters extended flood warnings for the valley until Thursday evening.\n"
        "River levels at the old mill gauge rose by a metre overnight after heavy rain.\n"
        "Emergency crews moved sandbags to the low-lying streets near the harbour.\n"
        "Morning Report airs on Channel 4 at 7 a.m. weekdays.\n"
    )
    summary = summarize(article, sentences=5)
    assert "airs on" not in summary.text
    assert all("airs on" not in p for p in summary.key_points)


def test_key_points_are_short_distinct_substrings() -> None:
    for article in (TITLED, UNTITLED):
        summary = summarize(article)
        assert 3 <= len(summary.key_points) <= 5
        assert len(set(summary.key_points)) == len(summary.key_points)
        for point in summary.key_points:
            assert point in article
            assert len(point.split()) <= 25
            assert point != summary.headline
        for a in summary.key_points:
            for b in summary.key_points:
                assert a == b or a not in b


def test_key_points_follow_article_order() -> None:
    summary = summarize(UNTITLED)
    positions = [UNTITLED.index(p) for p in summary.key_points]
    assert positions == sorted(positions)


def test_support_check_catches_invented_text() -> None:
    summary = summarize(TITLED)
    assert support_check(summary, TITLED) == []
    invented = "The mayor resigned in disgrace on Wednesday."
    forged = summary.model_copy(update={"text": summary.text + " " + invented})
    assert support_check(forged, TITLED) == [invented]
    forged = summary.model_copy(update={"headline": "Riverton Council Rejects Bridge"})
    assert support_check(forged, TITLED) == ["Riverton Council Rejects Bridge"]
    forged = summary.model_copy(update={"key_points": [*summary.key_points, "Taxes will double."]})
    assert support_check(forged, TITLED) == ["Taxes will double."]


def test_support_check_normalises_whitespace_only() -> None:
    article = "Ferries  were cancelled\non Monday.   Winds reached 90 km/h at the harbour mouth."
    ok = Summary(
        headline="Ferries were cancelled on Monday",
        text="Ferries were cancelled on Monday. Winds reached 90 km/h at the harbour mouth.",
        key_points=["Winds reached 90 km/h"],
    )
    assert support_check(ok, article) == []
    # A changed word is not whitespace.
    changed = ok.model_copy(update={"text": "Ferries were canceled on Monday."})
    assert support_check(changed, article) == ["Ferries were canceled on Monday."]


def test_unattributed_quote_continuation_is_kept_out() -> None:
    article = (
        "Dock Workers Extend Strike\n"
        'Union leader Ana Ruiz said the dock strike would continue into a third week. "We will '
        "not go back until the port authority listens. Every dock shift lost in this strike is "
        "the port authority's choice, not the dock workers'. We are ready to talk,\" Ruiz told "
        "reporters at the harbour gate.\n"
        "The port authority said it had offered a four percent pay rise over two years.\n"
        "Shipping companies have diverted eleven container vessels to neighbouring ports.\n"
        "Retailers warned that shelves could empty before the holiday season if the strike lasts.\n"
        "The strike began after talks on shift patterns collapsed in early October.\n"
    )
    continuation = (
        "Every dock shift lost in this strike is the port authority's choice, "
        "not the dock workers'."
    )
    # The middle sentence of a three-sentence quote: its own quotation marks balance (it has
    # none), and it is central to the article, so only its place inside a quotation opened
    # earlier, whose speaker is named in another sentence, keeps it out.
    assert continuation in [s.text for s in sentences(article)]
    assert not any(mark in continuation for mark in '"“”«»')
    summary = summarize(article, sentences=4)
    assert continuation not in summary.text
    assert continuation not in summary.key_points
    assert len(sentences(summary.text)) == 4
    assert support_check(summary, article) == []


def test_quotes_argument_marks_orphaned_fragments() -> None:
    article = (
        "Library Hours Cut\n"
        "The city library will close on Sundays from next month, its director said.\n"
        "Director Helen Okafor said budget cuts left no alternative for the library service.\n"
        "The change was approved without a public vote by the library board.\n"
        "Opening hours on weekdays will not change under the new library plan.\n"
        "Readers can still return books through the outdoor library drop box.\n"
    )
    orphan_sentence = "The change was approved without a public vote by the library board."
    start = article.index(orphan_sentence)
    mention = article.index("Helen Okafor")
    quote = Quote(
        id="q1",
        text=orphan_sentence,
        start=start,
        end=start + len(orphan_sentence),
        type="indirect",
        speaker=Speaker(
            name="Helen Okafor",
            mention="Helen Okafor",
            mention_start=mention,
            mention_end=mention + len("Helen Okafor"),
            kind="person",
        ),
    )
    # Without quotes nothing marks the sentence: it makes the summary (and so, since no
    # sentence appears twice, not the key points).
    without = summarize(article, sentences=4)
    assert orphan_sentence in without.text
    assert orphan_sentence not in without.key_points
    # Given the quote, whose speaker is named in another sentence, it makes neither.
    with_quote = summarize(article, sentences=4, quotes=[quote])
    assert orphan_sentence not in with_quote.text
    assert orphan_sentence not in with_quote.key_points
    assert support_check(with_quote, article) == []
    # The same quote attributed inside its own sentence is no orphan.
    cue = article.index("approved", start)
    attributed = quote.model_copy(
        update={
            "speaker": Speaker(name="Helen Okafor", kind="person"),
            "cue": "approved",
            "cue_start": cue,
            "cue_end": cue + len("approved"),
        }
    )
    kept = summarize(article, sentences=4, quotes=[attributed])
    assert orphan_sentence in kept.text


def test_title_abbreviation_does_not_split_a_name() -> None:
    article = (
        "Senate Panel Backs Rail Funding\n"
        "A transport bill from Sen. Maria Lopez cleared the committee on Thursday.\n"
        "The bill gives rail operators 2 billion dollars for new signalling and rolling stock.\n"
        "Supporters of Sen. Maria Lopez say the rail bill could pass the full Senate by June.\n"
        "Rail unions welcomed the signalling money but asked for more staff funding.\n"
    )
    summary = summarize(article, sentences=5)
    # `_text.sentences` ends a sentence at "Sen."; the summary must rejoin the name.
    assert "Maria Lopez" in summary.text
    assert summary.text.count("Maria Lopez") == summary.text.count("Sen. Maria Lopez")
    assert all(not p.startswith("Maria Lopez") for p in summary.key_points)


def test_one_sentence_article() -> None:
    article = "The museum will reopen its east wing to visitors on Saturday after repairs."
    summary = summarize(article)
    assert summary.text == article
    assert support_check(summary, article) == []
    # Its one sentence is the summary: a key point could only repeat it.
    assert summary.key_points == []


def test_two_sentence_article_uses_what_exists() -> None:
    article = (
        "Bakery Wins Regional Prize\n"
        "A family bakery in Eastfield won the regional bread prize for its rye loaf on Sunday.\n"
    )
    summary = summarize(article, sentences=5)
    assert summary.headline == "Bakery Wins Regional Prize"
    assert summary.text == (
        "A family bakery in Eastfield won the regional bread prize for its rye loaf on Sunday."
    )


def test_empty_article_is_an_error() -> None:
    with pytest.raises(EmptyArticle):
        summarize("  \n\n ")


def test_deterministic() -> None:
    assert summarize(UNTITLED) == summarize(UNTITLED)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not present")
def test_seed_article() -> None:
    article = SEED.read_text(encoding="utf-8")
    summary = summarize(article)
    assert support_check(summary, article) == []
    parts = sentences(summary.text)
    assert 2 <= len(parts) <= 5
    assert all(p.text in article for p in parts)
    assert 3 <= len(summary.key_points) <= 5
    assert "\n" not in summary.headline


def _orphaned_by_looking_at_all(sent: Segment, quotes: list[Quote]) -> bool | None:
    """`_orphaned` as first written: every quote looked at."""
    verdicts = [
        _attributed_outside(q, sent)
        for q in quotes
        if not (q.end <= sent.start or q.start >= sent.end)
    ]
    if True in verdicts:
        return True
    return False if False in verdicts else None


def test_quote_and_mark_lookups_match_their_plain_definitions() -> None:
    # The summary finds the quotes in a sentence and counts the marks before it by
    # bisection (looking at every quote, or counting in the text, made long articles
    # quadratic); both must answer as the plain definitions do.
    rng = random.Random(11)
    for _ in range(300):
        n = rng.randrange(20, 400)
        text = "".join(rng.choice('ab "“”«» .') for _ in range(n))
        quotes = []
        for k in range(rng.randrange(0, 8)):
            start = rng.randrange(n)
            end = rng.randrange(start, min(n, start + rng.choice((5, 40, 400))) + 1)
            anchor = rng.choice([None, (start, end), (max(0, start - 9), max(0, start - 3))])
            quotes.append(
                Quote.model_construct(
                    id=f"q{k}",
                    type="direct",
                    text=text[start:end],
                    start=start,
                    end=end,
                    speaker=Speaker.model_construct(
                        name="X",
                        mention_start=anchor[0] if anchor else None,
                        mention_end=anchor[1] if anchor else None,
                    ),
                    cue_start=None,
                    cue_end=None,
                )
            )
        spans, marks = _QuoteSpans(quotes), _Marks(text)
        for _ in range(10):
            a = rng.randrange(n)
            b = rng.randrange(a, n + 1)
            sent = Segment(a, b, text[a:b])
            assert _orphaned(sent, spans) == _orphaned_by_looking_at_all(sent, quotes)
            para = Segment(0, n, text)
            before = text[:a]
            opened = sum(before.count(c) for c in "“«") > sum(before.count(c) for c in "”»")
            assert _quote_state(marks, sent, [para], 0) == (before.count('"') % 2 == 1 or opened)


@pytest.mark.parametrize("first", [".\n", "* * *\n", "—\n", ". ", "...\n"])
def test_a_wordless_first_line_is_never_the_headline(first: str) -> None:
    article = first + "The mayor resigned on Monday after a long scandal. He said he was sorry.\n"
    summary = summarize(article)
    assert summary.headline == "The mayor resigned on Monday after a long scandal"
    assert all(any(c.isalnum() for c in point) for point in summary.key_points)
    assert support_check(summary, article) == []
