"""Gold data and scoring: read annotated articles, align predictions with them, measure.

    load_polnear / load_gold / load_gold_any  →  GoldDocument(s)
    score_documents(docs, analyze)             →  ScoreReport (errors kept as data)
    score_predictions(doc, analysis)           →  DocumentScore (re-score saved output)
    check_summary(id, summary, text, facts)    →  SummaryCheck (key facts, unsupported
                                                  numbers and names; no model needed)
    render_report(report)                      →  rich renderable for the terminal

The matching conventions are documented in `summarizer._scoring._metrics`; the project's
gold format in `evals/GOLD_FORMAT.md`.
"""

from __future__ import annotations

from summarizer._scoring._brat import load_polnear, parse_ann, polnear_quote_type
from summarizer._scoring._gold import (
    GoldDocument,
    GoldQuote,
    GoldStance,
    load_gold,
    load_gold_any,
)
from summarizer._scoring._metrics import (
    LENIENT_THRESHOLD,
    PRF,
    STRICT_THRESHOLD,
    Alignment,
    align,
    char_set,
    cue_correct,
    names_agree,
    speaker_correct,
    stance_macro_f1,
)
from summarizer._scoring._runner import (
    LEVELS,
    DocumentError,
    DocumentScore,
    Level,
    MatchedPair,
    MissedQuote,
    ScoreReport,
    SpeakerMiss,
    SpuriousQuote,
    StancePair,
    aggregate,
    render_report,
    score_documents,
    score_predictions,
)
from summarizer._scoring._summary import (
    KEY_FACT_MIN_SHARE,
    SummaryCheck,
    SummaryReport,
    aggregate_summaries,
    check_summary,
    content_stems,
    unsupported_names,
    unsupported_numbers,
)

__all__ = [
    "KEY_FACT_MIN_SHARE",
    "LENIENT_THRESHOLD",
    "LEVELS",
    "PRF",
    "STRICT_THRESHOLD",
    "Alignment",
    "DocumentError",
    "DocumentScore",
    "GoldDocument",
    "GoldQuote",
    "GoldStance",
    "Level",
    "MatchedPair",
    "MissedQuote",
    "ScoreReport",
    "SpeakerMiss",
    "SpuriousQuote",
    "StancePair",
    "SummaryCheck",
    "SummaryReport",
    "aggregate",
    "aggregate_summaries",
    "align",
    "char_set",
    "check_summary",
    "content_stems",
    "cue_correct",
    "load_gold",
    "load_gold_any",
    "load_polnear",
    "names_agree",
    "parse_ann",
    "polnear_quote_type",
    "render_report",
    "score_documents",
    "score_predictions",
    "speaker_correct",
    "stance_macro_f1",
    "unsupported_names",
    "unsupported_numbers",
]
