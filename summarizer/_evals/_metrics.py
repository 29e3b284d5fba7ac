"""The flat metrics of an eval run: names, directions, and how they are read off the scores.

These names are what `evals/thresholds.json`, the gate, the JSON output and the reports
use. Ratios are in [0, 1]; counts are summed over the suite.

========================  =========  =====================================================
name                      better     meaning
========================  =========  =====================================================
lenient_precision, …      higher     quote P / R / F1 at each level (lenient, strict,
strict_f1, exact_recall                exact), micro over documents
speaker_accuracy          higher     right speaker / leniently matched quotes
cue_accuracy              higher     right cue / matched quotes whose gold has a cue
type_accuracy             higher     right quote type / matched quotes with a gold type
stance_macro_f1           higher     macro-F1 over favor / against (null if no stance)
key_fact_coverage         higher     covered key facts / key facts (null if none)
unsupported_numbers       lower      numbers in summaries absent from their article
unsupported_names         lower      capitalised names in summaries absent from it
bad_offsets               lower      quotes whose text is not at their offsets
errors                    lower      cases with no output (engine, gold or cassette)
cases                     —          cases in the run (informational)
========================  =========  =====================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer._scoring import LEVELS, ScoreReport, SummaryReport

__all__ = ["METRICS", "MetricSpec", "flat_metrics", "metric_spec"]


@dataclass(frozen=True)
class MetricSpec:
    """One flat metric: its name, label, direction and whether it is a ratio."""

    name: str
    label: str
    higher_is_better: bool | None
    ratio: bool


METRICS: tuple[MetricSpec, ...] = (
    *(
        MetricSpec(f"{level}_{part}", f"{level} {label}", True, True)
        for level in LEVELS
        for part, label in (("precision", "P"), ("recall", "R"), ("f1", "F1"))
    ),
    MetricSpec("speaker_accuracy", "speaker accuracy", True, True),
    MetricSpec("cue_accuracy", "cue accuracy", True, True),
    MetricSpec("type_accuracy", "quote type accuracy", True, True),
    MetricSpec("stance_macro_f1", "stance macro-F1", True, True),
    MetricSpec("key_fact_coverage", "key-fact coverage", True, True),
    MetricSpec("unsupported_numbers", "unsupported numbers", False, False),
    MetricSpec("unsupported_names", "unsupported names", False, False),
    MetricSpec("bad_offsets", "quotes off their offsets", False, False),
    MetricSpec("errors", "cases with errors", False, False),
    MetricSpec("cases", "cases", None, False),
)
"""Every flat metric, in report order."""

_BY_NAME = {spec.name: spec for spec in METRICS}


def metric_spec(name: str) -> MetricSpec | None:
    """The spec of a metric name, or None if there is no such metric."""
    return _BY_NAME.get(name)


def flat_metrics(
    quotes: ScoreReport, summaries: SummaryReport, *, cases: int
) -> dict[str, float | None]:
    """The flat metrics of a scored run (`cases` counts every case, errors included)."""
    values: dict[str, float | None] = {}
    for level in LEVELS:
        score = quotes.levels[level]
        values[f"{level}_precision"] = score.precision
        values[f"{level}_recall"] = score.recall
        values[f"{level}_f1"] = score.f1
    values["speaker_accuracy"] = quotes.speaker_accuracy
    values["cue_accuracy"] = quotes.cue_accuracy
    values["type_accuracy"] = quotes.type_accuracy
    values["stance_macro_f1"] = quotes.stance_macro_f1
    values["key_fact_coverage"] = summaries.key_fact_coverage
    values["unsupported_numbers"] = float(summaries.unsupported_numbers)
    values["unsupported_names"] = float(summaries.unsupported_names)
    values["bad_offsets"] = float(quotes.bad_offsets)
    values["errors"] = float(len(quotes.errors))
    values["cases"] = float(cases)
    return values
