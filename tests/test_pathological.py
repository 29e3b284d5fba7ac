"""Degenerate articles: the offline engine stays near-linear in the article's length.

Issue 12 found inputs that took minutes and gigabytes at 500,000 characters ("according
to Smith, " or "Smith said: " repeated, a paragraph of random words). No timed assertion
here: the structural tests check what bounds the work (how many quotes may overlap), and
the others run an input long enough that the quadratic code took ten times the limit or
more under a CPU-time limit (`ITIMER_PROF`, so a loaded machine does not trip it) that
the linear code stays far below. `benchmarks/pathological.py` times every shape at full
size.
"""

from __future__ import annotations

import random
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import Summarizer
from summarizer._models import Quote
from summarizer._offline._attribution import find_attributions
from summarizer._offline._clauses import SAFE_CUT, WEAK_CUT
from summarizer._offline._clauses import balanced as _balanced
from summarizer._offline._clauses import cut_clause as _cut_clause
from summarizer._offline._clauses import n_words as _n_words
from summarizer._offline._extract import extract_quotes
from summarizer._stance import detect_stance
from summarizer._text import words

_WORDS = (
    "the mayor said council Smith will he she they that a of to in budget city according "
    "told and but on Tuesday Park Ellen vote plan would not"
).split()


class CPULimitExceeded(BaseException):
    """The block used more CPU time than its limit (a BaseException, so that no `except
    Exception` on the way swallows it)."""


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Fail the block once it has used `seconds` of CPU time (SIGPROF, main thread)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise CPULimitExceeded(f"more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def repeated(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def random_words(chars: int) -> str:
    rng = random.Random(12)
    out: list[str] = []
    while sum(map(len, out)) + len(out) < chars:
        out.append(rng.choice(_WORDS))
    return " ".join(out)[:chars]


# --- the functions that scanned the document once per quote ----------------------------------


@pytest.mark.parametrize(
    ("prefix", "unit", "chars"),
    [
        # A quote's kind counted over its whole content, and the content's end searched
        # to the sentence end, at every cue of one endless sentence.
        ("", "Smith said: ", 80_000),
        ("", "Smith said the budget” ", 100_000),
        ("", "Smith said that ", 80_000),
        ("", "Smith spoke and then went on, saying ", 120_000),
        ("", "according to Smith according to Jones ", 160_000),
        # The content before a post-posed cue counted word by word from the sentence start.
        ("", "the budget is fine, Smith said ", 100_000),
        # The comma after a fronted phrase searched from the sentence start at every cue.
        ("On Tuesday ", "the mayor and said the budget ", 80_000),
    ],
)
def test_attributions_of_an_endless_sentence_in_linear_time(
    prefix: str, unit: str, chars: int
) -> None:
    # The per-cue scans took 6-13 s of CPU at these lengths; now a few tenths of a second.
    text = prefix + repeated(unit, chars)
    find_attributions("Lexicons load first, “the mayor said.”")
    with cpu_limit(3):
        find_attributions(text)


def test_quotations_continuing_attributions_of_many_paragraphs_in_linear_time() -> None:
    # Each quotation that continues the attribution before it looked through every
    # attribution of the article for that one: 8 s of CPU at 160,000 characters.
    article = repeated("Smith said.\n“Yes.”\nHe said:\nNo.\nJones:\n", 160_000)
    find_attributions("Lexicons load first, “the mayor said.”")
    with cpu_limit(3):
        assert find_attributions(article)


# --- crashes found by benchmarks/pathological.py ---------------------------------------


def test_an_attribution_trimmed_to_nothing_before_a_lone_quotation() -> None:
    # Found by benchmarks/pathological.py (random-mix-3): the quotation “e r w continues
    # the attribution before it, one of which has no content left; finding the one ending
    # last read the end of that empty one and raised IndexError.
    article = '«-” claimed" d… “e r w'
    analysis = Summarizer(engine="offline").analyze(article)
    assert analysis.meta.article_chars == len(article)


# --- the summary --------------------------------------------------------------------------


def _cut_clause_plainly(text: str, max_words: int, min_words: int, strict: bool) -> str:
    """`_cut_clause` as it was: every candidate head sliced, stripped and counted."""

    if _n_words(text) <= max_words:
        return text
    for pattern in (SAFE_CUT, None if strict else WEAK_CUT):
        if pattern is None:
            break
        best = ""
        for m in pattern.finditer(text):
            head = text[: m.start()].rstrip(" ,;:—–-")
            n = _n_words(head)
            if n > max_words:
                break
            if n >= min_words and _balanced(head):
                best = head
        if best:
            return best
    if strict:
        return ""
    import re

    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text[: ends[max_words - 1]].rstrip(" ,;:—–-") if len(ends) > max_words else text


_PIECES = ["a", "b", "and", "but", "which", ",", ";", "—", "-", ":", "“", "”", "(", ")", "\t"]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=60),
    st.integers(1, 12),
    st.integers(0, 6),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_cut_clause_keeps_its_plain_definition(
    pieces: list[str], max_words: int, min_words: int, strict: bool
) -> None:
    rng = random.Random(len(pieces))
    text = "".join(p + rng.choice(["", " ", "  "]) for p in pieces)
    assert _cut_clause(text, max_words, min_words, strict=strict) == _cut_clause_plainly(
        text, max_words, min_words, strict
    )


def test_cut_clause_of_an_endless_clause_in_linear_time() -> None:
    # A first sentence of 100,000 commas: each candidate cut sliced and stripped the text
    # back to its start (minutes); now a few milliseconds.
    with cpu_limit(5):
        assert _cut_clause(", " * 100_000, 40) == ""


# --- stance -------------------------------------------------------------------------------


def test_stance_does_not_tokenise_a_quote_that_names_only_its_speaker() -> None:
    # "Smith said: Smith said: …": each long quote was tokenised to find that its only
    # target was its own speaker.
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call" and frame.f_code is words.__code__:
            calls += 1

    text = repeated("Smith said: ", 2000)
    sys.setprofile(count)
    try:
        found = detect_stance(text, targets=["Smith", "Jones"], speaker="Smith")
    finally:
        sys.setprofile(None)
    assert found is None
    assert calls == 0


# --- overlapping quotes --------------------------------------------------------------------


def _chars(quote: Quote) -> set[int]:
    return {c for span in quote.spans for c in range(span.start, span.end)}


@pytest.mark.parametrize(
    "unit",
    ["Smith said: ", "according to Smith, ", "Smith said that ", "he said, ", "Smith said it” "],
)
def test_a_cue_repeated_without_end_gives_no_overlapping_quotes(unit: str) -> None:
    # Every cue of one endless sentence is an attribution whose content runs over all the
    # others (quadratic output, gigabytes at 500,000 characters, when all were kept);
    # reported speech nested in another attribution's content is part of that content.
    article = repeated(unit, 6000)
    quotes = extract_quotes(article)
    assert quotes
    chars = [_chars(q) for q in quotes]
    assert sum(map(len, chars)) == len(set().union(*chars)) <= len(article)


def test_nested_reported_speech_is_one_quote() -> None:
    # Five reporting clauses nested in one sentence, as deep as the 927 reference texts go:
    # PolNeAR annotates the outermost one, whose content holds the others.
    article = (
        "Jones said Park told Hale that Smith said Lee warned that the mayor would resign "
        "before the vote.\n"
    )
    quotes = extract_quotes(article)
    assert [(q.cue, q.speaker.mention) for q in quotes] == [("said", "Jones")]
    assert quotes[0].text.startswith("Park told Hale that Smith said Lee warned")


# --- whole analyses of issue 12's inputs -----------------------------------------------------


@pytest.mark.parametrize(
    "article",
    [
        pytest.param(repeated("according to Smith, ", 100_000), id="according-to"),
        pytest.param(repeated("Smith said: ", 100_000), id="said-colon"),
        pytest.param(random_words(100_000), id="random-words"),
    ],
)
def test_issue_12_inputs_are_analysed_in_linear_time(article: str) -> None:
    # The quadratic engine took 5-26 s at 40,000 characters; at 100,000 that is 30 s or
    # more. Linear, the analysis takes well under a second.
    s = Summarizer(engine="offline")
    s.analyze("Lexicons load first, “the mayor said.”")
    with cpu_limit(10):
        analysis = s.analyze(article)
    assert analysis.meta.article_chars == len(article)


def test_stance_targets_of_repeated_sentence_openers_in_linear_time() -> None:
    # "Sen. Dr. U.S. Mr. " repeated opens a sentence with the same abbreviations thousands
    # of times; asking each time whether the word stands twice rescanned the article (23 s
    # at 80,000 characters). Asked once per word, the whole analysis takes under a second.
    from summarizer._stance import candidate_targets

    article = repeated("Sen. Dr. U.S. Mr. ", 100_000)
    candidate_targets("Lexicons load first.")
    with cpu_limit(10):
        targets = candidate_targets(article)
    assert targets == []  # titles and a lone abbreviation name nobody
