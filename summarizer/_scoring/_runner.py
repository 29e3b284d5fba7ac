"""Scoring runs: analyse each gold document, compare, aggregate, render.

Generation and scoring are separate: `score_predictions` scores an `Analysis` that already
exists (saved output re-scored without running an engine), and `score_documents` is the
loop that calls an engine and turns its failures into data instead of aborting the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, Field
from rich.console import Group
from rich.table import Table
from rich.text import Text

from summarizer._exceptions import SummarizerError
from summarizer._models import Analysis, StanceLabel
from summarizer._scoring._gold import CharSpan, GoldDocument, span_text
from summarizer._scoring._metrics import (
    PRF,
    align,
    cue_correct,
    predicted_spans,
    prf,
    speaker_correct,
    stance_macro_f1,
)

__all__ = [
    "LEVELS",
    "DocumentError",
    "DocumentScore",
    "Level",
    "MatchedPair",
    "MissedQuote",
    "ScoreReport",
    "SpeakerMiss",
    "SpuriousQuote",
    "StancePair",
    "render_report",
    "score_documents",
    "score_predictions",
]

Level = Literal["lenient", "strict", "exact"]
"""A matching level: overlap/gold > 0.3, > 0.8, or identical trimmed spans."""

LEVELS: tuple[Level, ...] = ("lenient", "strict", "exact")
"""The matching levels, loosest first."""

SNIPPET_CHARS = 100
"""Longest text excerpt kept in per-document detail."""


def _snippet(text: str, spans: list[CharSpan]) -> str:
    excerpt = " ".join(span_text(text, spans).split())
    return excerpt if len(excerpt) <= SNIPPET_CHARS else excerpt[: SNIPPET_CHARS - 1] + "…"


class MatchedPair(BaseModel):
    """A predicted quote aligned with a gold quote, and the levels it passes."""

    pred_id: str = Field(description="The predicted quote's id.")
    gold_id: str | None = Field(description="The gold quote's id, if it has one.")
    gold_index: int = Field(description="Index of the gold quote in the document.")
    ratio: float = Field(description="Overlap / gold length, after trimming.")
    level: Level | None = Field(description="Tightest level passed; None below lenient.")


class MissedQuote(BaseModel):
    """A gold quote no prediction matched leniently."""

    gold_id: str | None = Field(description="The gold quote's id, if it has one.")
    gold_index: int = Field(description="Index of the gold quote in the document.")
    spans: list[CharSpan] = Field(description="Its content spans.")
    snippet: str = Field(description="The start of its text.")
    speaker: str | None = Field(description="Its gold speaker.")
    best_ratio: float = Field(description="Overlap ratio of the prediction aligned to it, or 0.")


class SpuriousQuote(BaseModel):
    """A prediction that matched no gold quote leniently."""

    pred_id: str = Field(description="The predicted quote's id.")
    spans: list[CharSpan] = Field(description="Its content spans.")
    snippet: str = Field(description="The start of its text.")
    speaker: str | None = Field(description="Its predicted speaker name.")


class SpeakerMiss(BaseModel):
    """A matched pair whose speaker is wrong."""

    pred_id: str = Field(description="The predicted quote's id.")
    gold_id: str | None = Field(description="The gold quote's id, if it has one.")
    predicted: str | None = Field(description="Predicted speaker name.")
    predicted_mention: str | None = Field(description="Predicted mention text.")
    gold: str | None = Field(description="Gold speaker name (None: no source).")
    snippet: str = Field(description="The start of the gold quote's text.")


class StancePair(BaseModel):
    """Gold and predicted stance labels of one matched pair where either has a stance."""

    gold: StanceLabel | None = Field(description="Gold label, None when no stance.")
    predicted: StanceLabel | None = Field(description="Predicted label, None when no stance.")


class DocumentScore(BaseModel):
    """Counts and detail for one gold document."""

    doc_id: str = Field(description="The gold document's id.")
    annotator: str | None = Field(default=None, description="Its annotator, when known.")
    n_gold: int = Field(description="Gold quotes.")
    n_predicted: int = Field(description="Predicted quotes.")
    matched: dict[Level, int] = Field(description="Matched pairs per level.")
    speaker_correct: int = Field(description="Lenient pairs with the right speaker.")
    speaker_total: int = Field(
        description="Lenient pairs (every gold quote has a speaker or explicitly none)."
    )
    cue_correct: int = Field(description="Lenient pairs with gold cue whose cue is right.")
    cue_total: int = Field(description="Lenient pairs whose gold has a cue.")
    type_correct: int = Field(default=0, description="Lenient pairs with the gold quote type.")
    type_total: int = Field(default=0, description="Lenient pairs whose gold has a type.")
    bad_offsets: list[str] = Field(
        default_factory=list,
        description="Predicted quote ids whose `text` is not `article[start:end]` (engine bug).",
    )
    stance_pairs: list[StancePair] = Field(
        default_factory=list, description="Label pairs for stance F1 (empty when not annotated)."
    )
    pairs: list[MatchedPair] = Field(default_factory=list, description="The alignment.")
    missed: list[MissedQuote] = Field(default_factory=list, description="Unmatched gold.")
    spurious: list[SpuriousQuote] = Field(default_factory=list, description="Unmatched output.")
    wrong_speakers: list[SpeakerMiss] = Field(default_factory=list, description="Bad speakers.")
    seconds: float | None = Field(default=None, description="Time the analysis took, if run.")

    def level(self, level: Level) -> PRF:
        """Precision, recall and F1 of this document at one level."""
        return prf(self.matched[level], self.n_predicted, self.n_gold)


class DocumentError(BaseModel):
    """A document the run could not score, kept as data."""

    doc_id: str = Field(description="The gold document's id.")
    type: str = Field(description="Machine-readable kind (the error's `type`, or class name).")
    message: str = Field(description="What went wrong.")


class ScoreReport(BaseModel):
    """Aggregate and per-document results of scoring a gold set (micro over documents)."""

    format_version: int = Field(default=1, description="Version of this report's shape.")
    levels: dict[Level, PRF] = Field(description="Precision / recall / F1 per level.")
    speaker_accuracy: float | None = Field(description="Correct speakers / lenient pairs.")
    speaker_correct: int = Field(description="Numerator of speaker accuracy.")
    speaker_total: int = Field(description="Denominator of speaker accuracy.")
    cue_accuracy: float | None = Field(description="Correct cues / lenient pairs with gold cue.")
    cue_correct: int = Field(description="Numerator of cue accuracy.")
    cue_total: int = Field(description="Denominator of cue accuracy.")
    type_accuracy: float | None = Field(
        default=None, description="Right quote types / lenient pairs whose gold has a type."
    )
    type_correct: int = Field(default=0, description="Numerator of type accuracy.")
    type_total: int = Field(default=0, description="Denominator of type accuracy.")
    bad_offsets: int = Field(
        default=0, description="Predicted quotes whose text does not sit at their offsets."
    )
    stance_macro_f1: float | None = Field(
        description="Macro-F1 over favor/against; None when no stance was annotated or given."
    )
    n_documents: int = Field(description="Documents scored (errors excluded).")
    n_gold: int = Field(description="Gold quotes in scored documents.")
    n_predicted: int = Field(description="Predicted quotes in scored documents.")
    documents: list[DocumentScore] = Field(description="Per-document results.")
    errors: list[DocumentError] = Field(description="Documents that could not be scored.")
    seconds: float = Field(default=0.0, description="Wall time of the run.")


def score_predictions(doc: GoldDocument, analysis: Analysis) -> DocumentScore:
    """Score one existing analysis of `doc.text` against the document's gold quotes."""
    predicted, gold = analysis.quotes, doc.quotes
    alignment = align(doc.text, predicted, gold)
    matched: dict[Level, int] = {
        "lenient": sum(pair.lenient for pair in alignment),
        "strict": sum(pair.strict for pair in alignment),
        "exact": sum(pair.exact for pair in alignment),
    }
    pairs: list[MatchedPair] = []
    wrong: list[SpeakerMiss] = []
    stance: list[StancePair] = []
    speaker_ok = speaker_total = cue_ok = cue_total = type_ok = type_total = 0
    for link in alignment:
        quote, gold_quote = predicted[link.pred_index], gold[link.gold_index]
        level: Level | None = (
            "exact"
            if link.exact
            else "strict"
            if link.strict
            else "lenient"
            if link.lenient
            else None
        )
        pairs.append(
            MatchedPair(
                pred_id=quote.id,
                gold_id=gold_quote.id,
                gold_index=link.gold_index,
                ratio=link.ratio,
                level=level,
            )
        )
        if level is None:
            continue
        speaker_total += 1
        if speaker_correct(quote, gold_quote):
            speaker_ok += 1
        else:
            wrong.append(
                SpeakerMiss(
                    pred_id=quote.id,
                    gold_id=gold_quote.id,
                    predicted=quote.speaker.name,
                    predicted_mention=quote.speaker.mention,
                    gold=gold_quote.speaker,
                    snippet=_snippet(doc.text, gold_quote.spans),
                )
            )
        if gold_quote.cue is not None or gold_quote.cue_spans:
            cue_total += 1
            cue_ok += cue_correct(quote, gold_quote)
        if gold_quote.type is not None:
            type_total += 1
            type_ok += quote.type == gold_quote.type
        gold_label = gold_quote.stance.label if gold_quote.stance else None
        pred_label = quote.stance.label if quote.stance else None
        if doc.stance_annotated and (gold_label or pred_label):
            stance.append(StancePair(gold=gold_label, predicted=pred_label))

    lenient_gold = {link.gold_index for link in alignment if link.lenient}
    lenient_pred = {link.pred_index for link in alignment if link.lenient}
    best = {link.gold_index: link.ratio for link in alignment}
    missed = [
        MissedQuote(
            gold_id=quote.id,
            gold_index=index,
            spans=quote.spans,
            snippet=_snippet(doc.text, quote.spans),
            speaker=quote.speaker,
            best_ratio=best.get(index, 0.0),
        )
        for index, quote in enumerate(gold)
        if index not in lenient_gold
    ]
    spurious = [
        SpuriousQuote(
            pred_id=quote.id,
            spans=predicted_spans(quote),
            snippet=_snippet(doc.text, predicted_spans(quote)),
            speaker=quote.speaker.name,
        )
        for index, quote in enumerate(predicted)
        if index not in lenient_pred
    ]
    return DocumentScore(
        doc_id=doc.id,
        annotator=doc.annotator,
        n_gold=len(gold),
        n_predicted=len(predicted),
        matched=matched,
        speaker_correct=speaker_ok,
        speaker_total=speaker_total,
        cue_correct=cue_ok,
        cue_total=cue_total,
        type_correct=type_ok,
        type_total=type_total,
        bad_offsets=[q.id for q in predicted if doc.text[q.start : q.end] != q.text],
        stance_pairs=stance,
        pairs=pairs,
        missed=missed,
        spurious=spurious,
        wrong_speakers=wrong,
    )


def score_documents(
    docs: Iterable[GoldDocument],
    analyze: Callable[[str], Analysis],
    *,
    on_document: Callable[[DocumentScore | DocumentError], None] | None = None,
) -> ScoreReport:
    """Run `analyze` on every document's text and score it; failures become `errors`.

    An exception from `analyze` (or output that is not an `Analysis`) is recorded as a
    `DocumentError` and the run goes on; such documents are left out of the aggregate
    counts. Documents sharing a text (one article, several annotators) are analysed once.
    A `GoldDataError` raised while reading `docs` propagates: gold that cannot be read is
    the caller's to report, never a silently smaller gold set. `on_document` is called
    after each document, e.g. to advance a progress bar.
    """
    started = time.perf_counter()
    cache: dict[str, tuple[Analysis | DocumentError, float]] = {}
    scores: list[DocumentScore] = []
    errors: list[DocumentError] = []
    for doc in docs:
        if doc.text not in cache:
            cache[doc.text] = _run(doc, analyze)
        outcome, seconds = cache[doc.text]
        result: DocumentScore | DocumentError
        if isinstance(outcome, DocumentError):
            result = outcome.model_copy(update={"doc_id": doc.id})
            errors.append(result)
        else:
            result = score_predictions(doc, outcome)
            result.seconds = seconds
            scores.append(result)
        if on_document is not None:
            on_document(result)
    report = aggregate(scores, errors)
    report.seconds = time.perf_counter() - started
    return report


def _run(
    doc: GoldDocument, analyze: Callable[[str], Analysis]
) -> tuple[Analysis | DocumentError, float]:
    started = time.perf_counter()
    try:
        analysis = analyze(doc.text)
    except Exception as exc:  # any engine failure is recorded, never fatal to the run
        kind = exc.type if isinstance(exc, SummarizerError) else type(exc).__name__
        return DocumentError(doc_id=doc.id, type=kind, message=str(exc)), 0.0
    seconds = time.perf_counter() - started
    if not isinstance(analysis, Analysis):
        return DocumentError(
            doc_id=doc.id,
            type="bad_output",
            message=f"analyze returned {type(analysis).__name__}, not Analysis",
        ), seconds
    return analysis, seconds


def aggregate(
    scores: list[DocumentScore], errors: list[DocumentError] | None = None
) -> ScoreReport:
    """Micro-average per-document scores into a report."""
    n_gold = sum(score.n_gold for score in scores)
    n_predicted = sum(score.n_predicted for score in scores)
    speaker_ok = sum(score.speaker_correct for score in scores)
    speaker_total = sum(score.speaker_total for score in scores)
    cue_ok = sum(score.cue_correct for score in scores)
    cue_total = sum(score.cue_total for score in scores)
    type_ok = sum(score.type_correct for score in scores)
    type_total = sum(score.type_total for score in scores)
    stance = [(pair.gold, pair.predicted) for score in scores for pair in score.stance_pairs]
    return ScoreReport(
        levels={
            level: prf(sum(score.matched[level] for score in scores), n_predicted, n_gold)
            for level in LEVELS
        },
        speaker_accuracy=speaker_ok / speaker_total if speaker_total else None,
        speaker_correct=speaker_ok,
        speaker_total=speaker_total,
        cue_accuracy=cue_ok / cue_total if cue_total else None,
        cue_correct=cue_ok,
        cue_total=cue_total,
        type_accuracy=type_ok / type_total if type_total else None,
        type_correct=type_ok,
        type_total=type_total,
        bad_offsets=sum(len(score.bad_offsets) for score in scores),
        stance_macro_f1=stance_macro_f1(stance),
        n_documents=len(scores),
        n_gold=n_gold,
        n_predicted=n_predicted,
        documents=scores,
        errors=list(errors or []),
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def render_report(report: ScoreReport, *, worst: int = 10, details: int = 0) -> Group:
    """A terminal rendering: the levels table, accuracies, weakest documents and errors.

    `worst` documents with the lowest lenient F1 are listed; for the first `details` of them
    the missed, spurious and wrong-speaker quotes are shown too (snippets of the article).
    """
    levels = Table(title="Quote extraction (micro over documents)", title_justify="left")
    for column in ("level", "matched", "predicted", "gold", "P %", "R %", "F1 %"):
        levels.add_column(column, justify="left" if column == "level" else "right")
    for level, score in report.levels.items():
        levels.add_row(
            level,
            str(score.matched),
            str(score.predicted),
            str(score.gold),
            _pct(score.precision),
            _pct(score.recall),
            _pct(score.f1),
        )

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column(justify="right")
    facts.add_row(
        "speaker accuracy",
        f"{_pct(report.speaker_accuracy)} % ({report.speaker_correct}/{report.speaker_total})",
    )
    facts.add_row(
        "cue accuracy", f"{_pct(report.cue_accuracy)} % ({report.cue_correct}/{report.cue_total})"
    )
    facts.add_row(
        "quote type accuracy",
        f"{_pct(report.type_accuracy)} % ({report.type_correct}/{report.type_total})",
    )
    facts.add_row("stance macro-F1 (favor/against)", _pct(report.stance_macro_f1))
    if report.bad_offsets:
        facts.add_row(
            "quotes not at their offsets", Text(str(report.bad_offsets), style="bold red")
        )
    facts.add_row("documents scored", str(report.n_documents))
    facts.add_row(
        "errors", Text(str(len(report.errors)), style="bold red" if report.errors else "")
    )
    facts.add_row("time", f"{report.seconds:.1f} s")

    parts: list[Table | Text] = [levels, facts]
    ranked = sorted(report.documents, key=lambda doc: (doc.level("lenient").f1, doc.doc_id))
    if ranked and worst > 0:
        weakest = Table(
            title=f"Weakest {min(worst, len(ranked))} documents (lenient F1)", title_justify="left"
        )
        for column in ("document", "gold", "pred", "F1 %", "missed", "spurious", "bad spk"):
            weakest.add_column(column, justify="left" if column == "document" else "right")
        for doc in ranked[:worst]:
            weakest.add_row(
                Text(doc.doc_id),
                str(doc.n_gold),
                str(doc.n_predicted),
                _pct(doc.level("lenient").f1),
                str(len(doc.missed)),
                str(len(doc.spurious)),
                str(len(doc.wrong_speakers)),
            )
        parts.append(weakest)
        parts.extend(_detail_table(doc) for doc in ranked[: min(details, worst)])
    if report.errors:
        failed = Table(title="Errors", title_justify="left", title_style="bold red")
        for column in ("document", "type", "message"):
            failed.add_column(column)
        for error in report.errors:
            # Messages quote file names and article text: shown as written, never as markup.
            failed.add_row(Text(error.doc_id), Text(error.type), Text(error.message))
        parts.append(failed)
    return Group(*parts)


def _detail_table(doc: DocumentScore) -> Table:
    table = Table(title=Text(doc.doc_id), title_justify="left", show_lines=False)
    table.add_column("what")
    table.add_column("offsets", justify="right")
    table.add_column("text")
    table.add_column("speaker")
    for what, style, quotes in (
        ("missed", "yellow", doc.missed),
        ("spurious", "magenta", doc.spurious),
    ):
        for quote in quotes:
            table.add_row(
                Text(what, style=style),
                f"{quote.spans[0][0]}–{quote.spans[-1][1]}",
                Text(quote.snippet),
                Text(quote.speaker or "—"),
            )
    for wrong in doc.wrong_speakers:
        table.add_row(
            Text("speaker", style="red"),
            wrong.pred_id,
            Text(wrong.snippet),
            Text(f"{wrong.predicted or '—'} ≠ {wrong.gold or '—'}"),
        )
    return table
