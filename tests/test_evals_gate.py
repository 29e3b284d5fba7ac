"""The regression gate: it fails when it should, passes when it should, and names what fell."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer._evals._gate import (
    Thresholds,
    ThresholdSet,
    check_gate,
    load_thresholds,
    profile_of,
)
from summarizer._evals._log import EvalLog, EvalLogError, EvalScores, Provenance, SuiteInfo
from summarizer._evals._metrics import METRICS
from summarizer._scoring import aggregate, aggregate_summaries

REPO = Path(__file__).resolve().parents[1]
SUITE = SuiteInfo(label="cases", path="evals/cases", kind="cases", sha256="1" * 64, n_cases=3)


def run(
    metrics: Mapping[str, float | None],
    *,
    suites: list[SuiteInfo] | None = None,
    engine: str = "offline",
    model: str | None = None,
) -> EvalLog:
    scores = EvalScores(
        scored_at=datetime.now(UTC),
        metrics=dict(metrics),
        quotes=aggregate([], []),
        summaries=aggregate_summaries([]),
    )
    provenance = Provenance.model_validate(
        {
            "engine": engine,
            "model": model,
            "package_version": "0",
            "suites": [s.model_dump() for s in (suites or [SUITE])],
        }
    )
    return EvalLog(created_at=datetime.now(UTC), provenance=provenance, scores=scores)


LIMITS = ThresholdSet(
    min={"lenient_f1": 0.7, "speaker_accuracy": 0.8},
    max={"errors": 0, "unsupported_numbers": 1},
    max_drop={"lenient_f1": 0.02, "errors": 0, "stance_macro_f1": 0.05},
)
GOOD = {"lenient_f1": 0.80, "speaker_accuracy": 0.9, "errors": 0.0, "unsupported_numbers": 1.0}


def test_passes_when_everything_holds() -> None:
    result = check_gate(run(GOOD), LIMITS, baseline=run(GOOD), baseline_name="base.json")
    assert result.passed and not result.failures
    assert result.checked == 4 + 2  # min and max bounds, then lenient_f1 and errors drops
    assert result.profile == "cases"


def test_a_value_equal_to_its_bound_passes() -> None:
    at_bounds = {**GOOD, "lenient_f1": 0.7, "speaker_accuracy": 0.8}
    assert check_gate(run(at_bounds), LIMITS).passed


def test_fails_below_a_minimum_and_names_it() -> None:
    result = check_gate(run({**GOOD, "speaker_accuracy": 0.75}), LIMITS)
    assert not result.passed
    [failure] = result.failures
    assert (failure.metric, failure.kind) == ("speaker_accuracy", "below_min")
    assert failure.message == "speaker_accuracy 0.750 is below its minimum 0.800"


def test_fails_above_a_maximum() -> None:
    result = check_gate(run({**GOOD, "errors": 2.0}), LIMITS)
    assert [(f.metric, f.kind) for f in result.failures] == [("errors", "above_max")]
    assert "errors 2 is above its maximum 0" in result.failures[0].message


def test_fails_on_a_drop_beyond_tolerance_but_not_within() -> None:
    base = run({**GOOD, "lenient_f1": 0.85})
    within = check_gate(run({**GOOD, "lenient_f1": 0.835}), LIMITS, baseline=base)
    assert within.passed
    fell = check_gate(run({**GOOD, "lenient_f1": 0.82}), LIMITS, baseline=base, baseline_name="b")
    [failure] = fell.failures
    assert (failure.metric, failure.kind) == ("lenient_f1", "regressed")
    assert failure.message == (
        "lenient_f1 dropped by 0.030 from the baseline's 0.850 to 0.820 (tolerance 0.020)"
    )


def test_counts_regress_upwards() -> None:
    base = run(GOOD)
    worse = run({**GOOD, "errors": 1.0})
    result = check_gate(worse, ThresholdSet(max_drop={"errors": 0}), baseline=base)
    assert [f.message for f in result.failures] == [
        "errors rose by 1 from the baseline's 0 to 1 (tolerance 0)"
    ]


def test_null_metrics_are_not_checked() -> None:
    limits = ThresholdSet(min={"stance_macro_f1": 0.5}, max_drop={"stance_macro_f1": 0.0})
    result = check_gate(
        run({**GOOD, "stance_macro_f1": None}),
        limits,
        baseline=run({**GOOD, "stance_macro_f1": 0.9}),
    )
    assert result.passed and result.checked == 0


def test_a_baseline_of_other_suites_or_engine_fails_the_gate() -> None:
    changed = SUITE.model_copy(update={"sha256": "2" * 64})
    result = check_gate(run(GOOD), LIMITS, baseline=run(GOOD, suites=[changed]))
    [failure] = result.failures
    assert failure.kind == "baseline_mismatch"
    assert "cases changed since" in failure.message and "--write-baseline" in failure.message
    other = check_gate(run(GOOD), LIMITS, baseline=run(GOOD, engine="llm", model="m"))
    assert "engine llm model m" in other.failures[0].message


def test_profiles_override_the_default_metric_by_metric(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.json"
    path.write_text(
        json.dumps(
            {
                "default": {"min": {"lenient_f1": 0.5, "cue_accuracy": 0.5}},
                "profiles": {"polnear-dev": {"min": {"lenient_f1": 0.7}}},
            }
        ),
        encoding="utf-8",
    )
    thresholds = load_thresholds(path)
    assert thresholds.for_profile("polnear-dev").min == {"lenient_f1": 0.7, "cue_accuracy": 0.5}
    assert thresholds.for_profile("cases").min == {"lenient_f1": 0.5, "cue_accuracy": 0.5}
    polnear = SuiteInfo(label="polnear-dev", path="x", kind="polnear", sha256="3" * 64, n_cases=1)
    assert profile_of(run(GOOD, suites=[polnear, SUITE])) == "polnear-dev+cases"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"default": {"min": {"lenient_f2": 0.5}}}', "unknown metric 'lenient_f2'"),
        ('{"default": {"max_drop": {"lenient_f1": -0.1}}}', "negative"),
        ('{"default": {"minimum": {}}}', "Extra inputs"),
        ("not json", "not JSON"),
    ],
)
def test_a_bad_thresholds_file_is_refused(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalLogError, match=problem):
        load_thresholds(path)


def test_the_repository_thresholds_and_baselines_are_usable() -> None:
    thresholds = load_thresholds(REPO / "evals" / "thresholds.json")
    assert isinstance(thresholds, Thresholds)
    assert thresholds.default.max["errors"] == 0 and thresholds.default.max_drop
    assert thresholds.for_profile("cases").min["lenient_f1"] > 0
    names = {spec.name for spec in METRICS}
    for path in sorted((REPO / "evals" / "baseline").glob("*.json")):
        baseline = EvalLog.model_validate_json(path.read_text(encoding="utf-8"))
        # Baselines are metrics only: no model output, no article text, committed safely.
        assert not baseline.text_included, path
        assert all(case.output is None for case in baseline.cases), path
        assert baseline.scores is not None and set(baseline.scores.metrics) <= names, path
