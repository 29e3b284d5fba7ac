"""Scoring saved outputs (`score_cases`): hand-computed numbers, empty sides, errors as data."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from summarizer import Analysis, Meta, Quote, Span, Speaker, Summary
from summarizer._evals._log import CaseRecord, ErrorInfo
from summarizer._evals._run import score_cases
from summarizer._evals._suite import LoadedCase
from summarizer._scoring import GoldDocument, GoldQuote

# Two gold quotes, one reported by each speaker.
TEXT = "Ann Lee said the plan works well. Bo Kim said the plan fails badly, he said."
PLAN_WORKS = (TEXT.index("the plan works"), TEXT.index(" well") + 5)
PLAN_FAILS = (TEXT.index("the plan fails"), TEXT.index(" badly") + 6)


def quote(qid: str, start: int, end: int, name: str | None) -> Quote:
    return Quote(
        id=qid,
        text=TEXT[start:end],
        start=start,
        end=end,
        spans=[Span(start=start, end=end)],
        type="indirect",
        speaker=Speaker(name=name, kind="person" if name else "unknown"),
        cue="said",
    )


def analysis(
    *quotes: Quote, text: str = TEXT, summary: str = "Ann Lee backs the plan."
) -> Analysis:
    return Analysis(
        summary=Summary(headline="Plan", text=summary, key_points=[]),
        quotes=list(quotes),
        stances=[],
        meta=Meta(
            engine="offline",
            version="0",
            article_sha256=hashlib.sha256(text.encode()).hexdigest(),
            article_chars=len(text),
        ),
    )


def case(
    doc_id: str, gold: list[GoldQuote], text: str = TEXT, facts: list[str] | None = None
) -> LoadedCase:
    doc = GoldDocument(id=doc_id, text=text, quotes=gold, key_facts=facts or [])
    return LoadedCase("s", doc_id, None, doc, None)


def record(doc_id: str, output: Analysis | None, text: str = TEXT, **kw: object) -> CaseRecord:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return CaseRecord.model_validate(
        {"suite": "s", "id": doc_id, "article_sha256": digest, "output": output, **kw}
    )


GOLD = [
    GoldQuote(spans=[PLAN_WORKS], speaker="Ann Lee", cue="said"),
    GoldQuote(spans=[PLAN_FAILS], speaker="Bo Kim", cue="said"),
]


def test_hand_computed_levels_speakers_and_key_facts() -> None:
    # q1 covers "the plan works" only (14 of 19 gold characters: lenient, not strict); q2
    # is exact but names the wrong speaker; nothing is spurious.
    q1 = quote("q1", PLAN_WORKS[0], PLAN_WORKS[0] + len("the plan works"), "Ann Lee")
    q2 = quote("q2", *PLAN_FAILS, "Ann Lee")
    scores = score_cases(
        [record("d", analysis(q1, q2))],
        {"s/d": case("d", GOLD, facts=["Ann Lee backs the plan.", "Bo Kim opposes it."])},
    )
    m = scores.metrics
    assert (m["lenient_precision"], m["lenient_recall"]) == (1.0, 1.0)
    assert (m["strict_precision"], m["strict_recall"]) == (0.5, 0.5)
    assert m["exact_f1"] == 0.5
    assert m["speaker_accuracy"] == 0.5
    assert m["key_fact_coverage"] == 0.5  # "Bo Kim opposes it": bo, kim, oppos → 0 of 3
    [doc] = scores.quotes.documents
    assert [w.gold for w in doc.wrong_speakers] == ["Bo Kim"]


def test_empty_predictions_and_empty_gold() -> None:
    scores = score_cases(
        [record("a", analysis()), record("b", analysis(quote("q1", *PLAN_WORKS, "Ann Lee")))],
        {"s/a": case("a", GOLD), "s/b": case("b", [])},
    )
    # a: 0 predicted of 2 gold; b: 1 predicted, 0 gold → 0 matched of 1 predicted, 2 gold.
    assert scores.metrics["lenient_precision"] == 0.0
    assert scores.metrics["lenient_recall"] == 0.0
    only_empty = score_cases([record("e", analysis())], {"s/e": case("e", [])})
    assert only_empty.metrics["lenient_f1"] == 1.0  # nothing to find, nothing found
    assert only_empty.metrics["speaker_accuracy"] is None  # no pair to judge


@pytest.mark.parametrize(
    ("records", "cases", "kind"),
    [
        (
            [record("x", None, error=ErrorInfo(type="stale_cassette", message="m"))],
            {},
            "stale_cassette",
        ),
        ([record("gone", analysis())], {}, "case_not_in_suite"),
        ([record("d", analysis(), text="another text")], {"s/d": case("d", GOLD)}, "text_changed"),
        (
            [record("d", analysis())],
            {"s/d": LoadedCase("s", "d", None, None, ErrorInfo(type="missing_text", message="m"))},
            "missing_text",
        ),
    ],
)
def test_failures_become_errors_and_leave_the_counts(
    records: list[CaseRecord], cases: dict[str, LoadedCase], kind: str
) -> None:
    scores = score_cases(records, cases)
    assert [e.type for e in scores.quotes.errors] == [kind]
    assert scores.metrics["errors"] == 1.0 and scores.quotes.n_documents == 0
    assert scores.scored_at <= datetime.now(UTC)
