"""Alignment and measures of `summarizer._scoring`, on small hand-computed cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from summarizer import _scoring
from summarizer._exceptions import InvalidArticle
from summarizer._models import Analysis, Meta, Quote, Span, Speaker, Stance, StanceLabel, Summary
from summarizer._scoring import (
    GoldDocument,
    GoldQuote,
    GoldStance,
    align,
    char_set,
    names_agree,
    render_report,
    score_documents,
    score_predictions,
    stance_macro_f1,
)
from summarizer._scoring._metrics import align_char_sets, prf, trim_span

# Text written for these tests; offsets below are computed from it, never typed by hand.
TEXT = (
    'Mayor Ada Brook said the bridge will reopen in May. "We are on schedule," she said. '
    "The council, according to its chair Lee Ortiz, wants a second inspection. "
    '"Safety first," Ortiz told reporters, "and then speed."'
)


def at(fragment: str, text: str = TEXT) -> tuple[int, int]:
    """The span of the first occurrence of `fragment` in `text`."""
    start = text.index(fragment)
    return start, start + len(fragment)


def quote(
    qid: str,
    spans: list[tuple[int, int]],
    *,
    name: str | None = None,
    mention: tuple[int, int] | None = None,
    cue: str | None = None,
    cue_span: tuple[int, int] | None = None,
    stance: StanceLabel | None = None,
    text: str = TEXT,
) -> Quote:
    """A predicted quote covering `spans` of `text`."""
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return Quote(
        id=qid,
        text=text[start:end],
        start=start,
        end=end,
        spans=[Span(start=s, end=e) for s, e in spans] if len(spans) > 1 else [],
        type="direct",
        speaker=Speaker(
            name=name,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
        ),
        cue=cue,
        cue_start=cue_span[0] if cue_span else None,
        cue_end=cue_span[1] if cue_span else None,
        stance=Stance(target="bridge", label=stance) if stance else None,
    )


def analysis(*quotes: Quote) -> Analysis:
    """An analysis holding `quotes`."""
    return Analysis(
        summary=Summary(headline="h", text="t"),
        quotes=list(quotes),
        meta=Meta(engine="offline", version="0", article_sha256="0" * 64, article_chars=0),
    )


def chars(start: int, end: int) -> frozenset[int]:
    return frozenset(range(start, end))


# --- trimming and character sets -------------------------------------------------------


def test_trim_strips_marks_space_and_trailing_punctuation() -> None:
    text = ' "Hello, world," '
    assert text[slice(*trim_span(text, 0, len(text)))] == "Hello, world"


def test_trim_keeps_a_span_that_would_vanish() -> None:
    assert char_set('x "" y', [(2, 4)]) == chars(2, 4)


def test_gold_marks_and_engine_without_marks_are_the_same_quote() -> None:
    gold = GoldQuote(spans=[at('"We are on schedule,"')])
    predicted = quote("q1", [at("We are on schedule")])
    [pair] = align(TEXT, [predicted], [gold])
    assert pair.exact


# --- alignment -------------------------------------------------------------------------


def test_hungarian_finds_the_pairing_greedy_misses() -> None:
    # Greedy by best ratio takes P0–G0 (1.0) and leaves P1 with nothing it overlaps;
    # the global optimum is P0–G1 (0.5) + P1–G0 (0.9).
    g0, g1 = chars(0, 10), chars(10, 20)
    p0 = chars(0, 15)  # G0 fully, half of G1
    p1 = chars(0, 9)  # 9/10 of G0 only
    pairs = align_char_sets([p0, p1], [g0, g1])
    assert {(p.pred_index, p.gold_index) for p in pairs} == {(0, 1), (1, 0)}
    assert [p.lenient for p in sorted(pairs, key=lambda p: p.pred_index)] == [True, True]


def test_threshold_boundaries_are_strict_inequalities() -> None:
    gold = [chars(0, 10)]
    at_03 = align_char_sets([chars(0, 3)], gold)[0]
    above_03 = align_char_sets([chars(0, 4)], gold)[0]
    at_08 = align_char_sets([chars(0, 8)], gold)[0]
    above_08 = align_char_sets([chars(0, 9)], gold)[0]
    assert (at_03.ratio, at_03.lenient) == (0.3, False)
    assert above_03.lenient and not above_03.strict
    assert at_08.lenient and not at_08.strict
    assert above_08.strict and not above_08.exact


def test_exact_needs_identical_sets_not_just_full_cover() -> None:
    covering = align_char_sets([chars(0, 12)], [chars(0, 10)])[0]
    assert covering.strict and not covering.exact
    assert align_char_sets([chars(0, 10)], [chars(0, 10)])[0].exact


_sets = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda p: chars(p[0], p[0] + p[1])),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(predicted=_sets, gold=_sets)
def test_alignment_is_one_to_one_and_levels_nest(
    predicted: list[frozenset[int]], gold: list[frozenset[int]]
) -> None:
    pairs = align_char_sets(predicted, gold)
    assert len({p.pred_index for p in pairs}) == len(pairs) == len({p.gold_index for p in pairs})
    for pair in pairs:
        assert pair.overlap == len(predicted[pair.pred_index] & gold[pair.gold_index]) > 0
        assert not pair.exact or pair.strict
        assert not pair.strict or pair.lenient
    matched = sum(p.lenient for p in pairs)
    score = prf(matched, len(predicted), len(gold))
    assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0


def test_pairs_without_overlap_are_not_aligned() -> None:
    assert align_char_sets([chars(0, 5)], [chars(5, 9)]) == []
    assert align_char_sets([], [chars(0, 5)]) == []


def test_discontinuous_gold_and_prediction() -> None:
    first, second = at('"Safety first,"'), at('"and then speed."')
    gold = GoldQuote(spans=[first, second])
    # Trimmed gold: "Safety first" (12) + "and then speed" (14) = 26 characters.
    only_first = quote("q1", [at("Safety first")])
    both_parts = quote("q2", [at("Safety first"), at("and then speed")])
    whole_line = quote("q3", [(first[0], second[1])])
    assert align(TEXT, [only_first], [gold])[0].ratio == pytest.approx(12 / 26)
    assert align(TEXT, [both_parts], [gold])[0].exact
    # Covering the attribution in between still counts every gold character, but is not exact.
    covering = align(TEXT, [whole_line], [gold])[0]
    assert covering.strict and not covering.exact


# --- precision / recall conventions ----------------------------------------------------


def test_prf_conventions_for_empty_sides() -> None:
    assert prf(0, 0, 0).model_dump(include={"precision", "recall", "f1"}) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    nothing_predicted = prf(0, 0, 4)
    assert (nothing_predicted.precision, nothing_predicted.recall, nothing_predicted.f1) == (
        0.0,
        0.0,
        0.0,
    )
    nothing_to_find = prf(0, 3, 0)
    assert (nothing_to_find.precision, nothing_to_find.recall) == (0.0, 0.0)
    assert prf(2, 4, 2).f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_empty_predictions_and_empty_gold() -> None:
    gold_doc = GoldDocument(id="d", text=TEXT, quotes=[GoldQuote(spans=[at("We are")])])
    missed = score_predictions(gold_doc, analysis())
    assert missed.level("lenient").recall == 0.0
    assert missed.level("lenient").precision == 0.0
    assert [m.gold_index for m in missed.missed] == [0]

    empty_doc = GoldDocument(id="e", text=TEXT)
    assert score_predictions(empty_doc, analysis()).level("exact").f1 == 1.0
    spurious = score_predictions(empty_doc, analysis(quote("q1", [at("Safety first")])))
    assert spurious.level("lenient").precision == 0.0
    assert [s.pred_id for s in spurious.spurious] == ["q1"]


# --- speakers and cues -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "agree"),
    [
        ("Pat Caddell", "longtime Democratic pollster Pat Caddell", True),
        ("Jason Chaffetz", "panel Chairman Rep. Jason Chaffetz (R-Utah)", True),
        ("Mr. Ortiz", "Lee Ortiz", True),
        ("the city council", "council", True),
        ("Hillary Clinton", "he", False),
        ("Lee Ortiz", "Ada Brook", False),
        ("an OpenAI spokesperson", "a spokesperson for OpenAI", True),
    ],
)
def test_names_agree_by_head_name_or_containment(predicted: str, gold: str, agree: bool) -> None:
    assert names_agree(predicted, gold) is agree


def _speaker_case(predicted: Quote, gold: GoldQuote) -> bool:
    doc = GoldDocument(id="d", text=TEXT, quotes=[gold])
    score = score_predictions(doc, analysis(predicted))
    assert score.speaker_total == 1
    return score.speaker_correct == 1


def test_speaker_correct_by_mention_overlap_even_for_a_pronoun() -> None:
    gold = GoldQuote(spans=[at("We are on schedule")], speaker="she", speaker_spans=[at("she")])
    by_span = quote("q1", [at("We are on schedule")], name="Ada Brook", mention=at("she"))
    assert _speaker_case(by_span, gold)


def test_speaker_wrong_when_name_differs_and_spans_do_not_overlap() -> None:
    gold = GoldQuote(spans=[at("We are on schedule")], speaker="she", speaker_spans=[at("she")])
    wrong = quote("q1", [at("We are on schedule")], name="Hillary Clinton", mention=at("Mayor"))
    assert not _speaker_case(wrong, gold)
    doc = GoldDocument(id="d", text=TEXT, quotes=[gold])
    [miss] = score_predictions(doc, analysis(wrong)).wrong_speakers
    assert (miss.predicted, miss.gold) == ("Hillary Clinton", "she")


def test_speaker_correct_through_an_alias() -> None:
    gold = GoldQuote(
        spans=[at("Safety first")], speaker="Lee Ortiz", speaker_aliases=["the council chair"]
    )
    assert _speaker_case(quote("q1", [at("Safety first")], name="council chair"), gold)


def test_unattributed_gold_needs_an_unattributed_prediction() -> None:
    gold = GoldQuote(spans=[at("Safety first")], speaker=None)
    assert _speaker_case(quote("q1", [at("Safety first")], name=None), gold)
    assert not _speaker_case(quote("q1", [at("Safety first")], name="Lee Ortiz"), gold)


def test_cue_by_span_overlap_or_normalised_text() -> None:
    told = at("told reporters")
    gold = GoldQuote(spans=[at("Safety first")], cue="told reporters", cue_spans=[told])
    cases = [
        (quote("q1", [at("Safety first")], cue="told", cue_span=(told[0], told[0] + 4)), 1),
        (quote("q1", [at("Safety first")], cue="Told  Reporters"), 1),
        (quote("q1", [at("Safety first")], cue="said"), 0),
        (quote("q1", [at("Safety first")]), 0),
    ]
    for predicted, expected in cases:
        score = score_predictions(
            GoldDocument(id="d", text=TEXT, quotes=[gold]), analysis(predicted)
        )
        assert (score.cue_correct, score.cue_total) == (expected, 1)


def test_cue_not_counted_when_gold_has_none() -> None:
    gold = GoldQuote(spans=[at("Safety first")])
    score = score_predictions(
        GoldDocument(id="d", text=TEXT, quotes=[gold]),
        analysis(quote("q1", [at("Safety first")], cue="told")),
    )
    assert score.cue_total == 0


# --- stance ----------------------------------------------------------------------------


def test_stance_macro_f1_hand_computed() -> None:
    pairs: list[tuple[StanceLabel | None, StanceLabel | None]] = [
        ("favor", "favor"),
        ("favor", "against"),
        ("against", "against"),
        (None, "favor"),
        ("neutral", None),
    ]
    # favor: tp 1, fp 1, fn 1 → 0.5; against: tp 1, fp 1, fn 0 → 2/3.
    assert stance_macro_f1(pairs) == pytest.approx((0.5 + 2 / 3) / 2)
    assert stance_macro_f1([("against", "against")]) == 1.0  # favor absent: left out
    assert stance_macro_f1([("neutral", None)]) is None


def test_stance_scored_only_where_annotated() -> None:
    gold = GoldQuote(spans=[at("Safety first")], stance=GoldStance(target="bridge", label="favor"))
    predicted = analysis(quote("q1", [at("Safety first")], stance="favor"))
    annotated = score_predictions(GoldDocument(id="d", text=TEXT, quotes=[gold]), predicted)
    assert [(p.gold, p.predicted) for p in annotated.stance_pairs] == [("favor", "favor")]
    unannotated = GoldDocument(
        id="d", text=TEXT, quotes=[GoldQuote(spans=[at("Safety first")])], stance_annotated=False
    )
    assert score_predictions(unannotated, predicted).stance_pairs == []


# --- runner ----------------------------------------------------------------------------


def test_score_documents_aggregates_micro_and_keeps_errors_as_data() -> None:
    other = "Nobody said anything here. The end."
    docs = [
        GoldDocument(
            id="a",
            text=TEXT,
            quotes=[
                GoldQuote(spans=[at('"We are on schedule,"')], speaker="Ada Brook"),
                GoldQuote(spans=[at("Safety first")], speaker="Lee Ortiz"),
            ],
        ),
        GoldDocument(id="a2", text=TEXT, quotes=[], annotator="x"),
        GoldDocument(id="broken", text=other, quotes=[GoldQuote(spans=[at("Nobody", other)])]),
    ]
    calls: list[str] = []

    def analyze(text: str) -> Analysis:
        calls.append(text)
        if text == other:
            raise InvalidArticle("cannot read it")
        return analysis(quote("q1", [at("We are on schedule")], name="Ada Brook"))

    seen: list[str] = []
    report = score_documents(docs, analyze, on_document=lambda r: seen.append(r.doc_id))
    assert calls == [TEXT, other]  # one analysis per distinct text
    assert seen == ["a", "a2", "broken"]
    assert [(e.doc_id, e.type) for e in report.errors] == [("broken", "invalid_article")]
    assert (report.n_documents, report.n_gold, report.n_predicted) == (2, 2, 2)
    lenient = report.levels["lenient"]
    assert (lenient.matched, lenient.precision, lenient.recall) == (1, 0.5, 0.5)
    assert report.levels["exact"].matched == 1
    assert (report.speaker_correct, report.speaker_total) == (1, 1)
    assert report.stance_macro_f1 is None
    assert (report.type_correct, report.type_total, report.bad_offsets) == (0, 0, 0)
    # Reports are data: they survive a JSON round trip unchanged.
    assert _scoring.ScoreReport.model_validate_json(report.model_dump_json()) == report

    console = Console(width=120, record=True)
    console.print(render_report(report, details=2))
    rendered = console.export_text()
    assert "lenient" in rendered and "broken" in rendered and "cannot read it" in rendered
    assert "missed" in rendered and "Safety first" in rendered  # details of both documents


def test_all_is_complete_and_sorted() -> None:
    public = {
        name for name in vars(_scoring) if not name.startswith("_") and name not in {"annotations"}
    }
    assert set(_scoring.__all__) == public
    assert _scoring.__all__ == sorted(_scoring.__all__, key=lambda n: (not n.isupper(), n))


def test_type_accuracy_and_offsets_that_do_not_hold() -> None:
    gold = GoldQuote(spans=[at("Safety first")], type="direct")
    good = quote("q1", [at("Safety first")])
    shifted = good.model_copy(update={"id": "q2", "start": good.start + 1, "end": good.end + 1})
    score = score_predictions(GoldDocument(id="d", text=TEXT, quotes=[gold]), analysis(good))
    assert (score.type_correct, score.type_total, score.bad_offsets) == (1, 1, [])
    score = score_predictions(GoldDocument(id="d", text=TEXT, quotes=[]), analysis(shifted))
    assert score.bad_offsets == ["q2"]
