"""The regression gate: floors, ceilings and tolerated drops, checked against a baseline.

`evals/thresholds.json`::

    {
      "schema_version": 1,
      "default":  {"min": {...}, "max": {...}, "max_drop": {...}},
      "profiles": {"cases": {...}, "polnear-dev": {...}}
    }

A run's *profile* is the labels of its suites joined by ``+`` (the repository's suite is
``cases``; PolNeAR dev is ``polnear-dev``). The profile's entries override the default
ones metric by metric. `min` is a floor and `max` a ceiling on a metric's value; `max_drop`
is how far a metric may move the wrong way from the baseline (down for "higher is better"
metrics, up for the counts). A metric whose value is null (no stance annotated, no key
facts) is not checked. Names are checked against `METRICS` when the file is read, so a
typo fails loudly instead of silently guarding nothing.

A baseline is only comparable when it was made with the same engine (and model) on the
same suites (same hashes); otherwise the gate fails and says how to regenerate it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ._log import EvalLog, EvalLogError
from ._metrics import metric_spec

__all__ = [
    "EPSILON",
    "GateFailure",
    "GateResult",
    "ThresholdSet",
    "Thresholds",
    "check_gate",
    "load_thresholds",
    "profile_of",
]

EPSILON = 1e-9
"""Slack for float comparisons: a value equal to its bound passes."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ThresholdSet(_Model):
    """Bounds for one profile."""

    min: dict[str, float] = Field(default_factory=dict, description="Floors per metric.")
    max: dict[str, float] = Field(default_factory=dict, description="Ceilings per metric.")
    max_drop: dict[str, float] = Field(
        default_factory=dict, description="Largest tolerated move the wrong way from baseline."
    )

    @model_validator(mode="after")
    def _known_metrics(self) -> ThresholdSet:
        for group in (self.min, self.max, self.max_drop):
            for name in group:
                if metric_spec(name) is None:
                    raise ValueError(f"unknown metric {name!r}")
        for name, tolerance in self.max_drop.items():
            if tolerance < 0:
                raise ValueError(f"max_drop of {name!r} is negative")
        return self

    def merged(self, override: ThresholdSet | None) -> ThresholdSet:
        """These bounds with `override`'s entries taking precedence."""
        if override is None:
            return self
        return ThresholdSet(
            min={**self.min, **override.min},
            max={**self.max, **override.max},
            max_drop={**self.max_drop, **override.max_drop},
        )


class Thresholds(_Model):
    """The thresholds file."""

    schema_version: int = Field(default=1, description="Version of this shape.")
    note: str | None = Field(default=None, description="Free text for maintainers.")
    default: ThresholdSet = Field(default_factory=ThresholdSet, description="For every run.")
    profiles: dict[str, ThresholdSet] = Field(
        default_factory=dict, description="Per profile (suite labels joined by '+')."
    )

    def for_profile(self, profile: str) -> ThresholdSet:
        """The bounds that apply to a run of `profile`."""
        return self.default.merged(self.profiles.get(profile))


def load_thresholds(path: str | Path) -> Thresholds:
    """Read a thresholds file; `EvalLogError` naming the problem if it cannot be used."""
    location = Path(path)
    try:
        return Thresholds.model_validate(json.loads(location.read_text(encoding="utf-8")))
    except OSError as exc:
        raise EvalLogError(f"{location}: cannot read thresholds: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise EvalLogError(f"{location}: thresholds are not JSON ({exc.msg})") from exc
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise EvalLogError(f"{location}: bad thresholds ({where}: {error['msg']})") from exc


def profile_of(log: EvalLog) -> str:
    """The profile of a run: its suite labels joined by '+'."""
    return "+".join(suite.label for suite in log.provenance.suites)


class GateFailure(_Model):
    """One reason the gate failed."""

    metric: str | None = Field(description="The metric that fell, if the reason is one.")
    kind: Literal["below_min", "above_max", "regressed", "baseline_mismatch", "not_scored"] = Field(
        description="Which rule failed."
    )
    message: str = Field(description="What fell, by how much, against what.")


class GateResult(_Model):
    """The gate's verdict on one run."""

    passed: bool = Field(description="True when nothing fell.")
    profile: str = Field(description="The profile whose thresholds applied.")
    baseline: str | None = Field(default=None, description="The baseline compared with.")
    failures: list[GateFailure] = Field(default_factory=list, description="What fell.")
    checked: int = Field(default=0, description="Bounds checked.")


def _fmt(value: float, ratio: bool) -> str:
    return f"{value:.3f}" if ratio else f"{value:g}"


def check_gate(
    log: EvalLog,
    thresholds: ThresholdSet,
    *,
    baseline: EvalLog | None = None,
    baseline_name: str | None = None,
) -> GateResult:
    """Check a scored run against its bounds and, when given, its baseline."""
    profile = profile_of(log)
    failures: list[GateFailure] = []
    if log.scores is None:
        failure = GateFailure(metric=None, kind="not_scored", message="the run was not scored")
        return GateResult(passed=False, profile=profile, failures=[failure])
    metrics = log.scores.metrics
    checked = 0
    bounds: tuple[tuple[dict[str, float], str, str, Callable[[float, float], bool]], ...] = (
        (thresholds.min, "below_min", "below its minimum", lambda v, b: v < b - EPSILON),
        (thresholds.max, "above_max", "above its maximum", lambda v, b: v > b + EPSILON),
    )
    for limits, kind, words, broken in bounds:
        for name, bound in limits.items():
            value = metrics.get(name)
            if value is None:
                continue
            checked += 1
            spec = metric_spec(name)
            ratio = spec.ratio if spec else True
            if broken(value, bound):
                failures.append(
                    GateFailure(
                        metric=name,
                        kind=kind,
                        message=f"{name} {_fmt(value, ratio)} is {words} {_fmt(bound, ratio)}",
                    )
                )
    if baseline is not None:
        mismatch = _incomparable(log, baseline)
        if mismatch:
            failures.append(
                GateFailure(
                    metric=None,
                    kind="baseline_mismatch",
                    message=f"baseline {baseline_name or ''} is not comparable: {mismatch}; "
                    "regenerate it with `summarizer eval --write-baseline FILE` on the same "
                    "suites and engine",
                )
            )
        elif baseline.scores is None:
            failures.append(
                GateFailure(
                    metric=None, kind="baseline_mismatch", message="the baseline was not scored"
                )
            )
        else:
            before = baseline.scores.metrics
            for name, tolerance in thresholds.max_drop.items():
                old, new = before.get(name), metrics.get(name)
                spec = metric_spec(name)
                if old is None or new is None or spec is None or spec.higher_is_better is None:
                    continue
                checked += 1
                worse = old - new if spec.higher_is_better else new - old
                if worse > tolerance + EPSILON:
                    verb = "dropped" if spec.higher_is_better else "rose"
                    failures.append(
                        GateFailure(
                            metric=name,
                            kind="regressed",
                            message=f"{name} {verb} by {_fmt(worse, spec.ratio)} from the "
                            f"baseline's {_fmt(old, spec.ratio)} to {_fmt(new, spec.ratio)} "
                            f"(tolerance {_fmt(tolerance, spec.ratio)})",
                        )
                    )
    return GateResult(
        passed=not failures,
        profile=profile,
        baseline=baseline_name,
        failures=failures,
        checked=checked,
    )


def _incomparable(log: EvalLog, baseline: EvalLog) -> str | None:
    ours, theirs = log.provenance, baseline.provenance
    if (ours.engine, ours.model) != (theirs.engine, theirs.model):
        return (
            f"it is of engine {theirs.engine}"
            + (f" model {theirs.model}" if theirs.model else "")
            + f", this run of engine {ours.engine}"
            + (f" model {ours.model}" if ours.model else "")
        )
    if ours.fixture != theirs.fixture:
        return "one of the two runs replays hand-written fixtures, the other does not"
    mine = [(s.label, s.sha256) for s in ours.suites]
    base = [(s.label, s.sha256) for s in theirs.suites]
    if mine != base:
        changed = [label for label, sha in mine if (label, sha) not in base] or [
            label for label, _ in base
        ]
        return (
            "it was made on different suites or different versions of them "
            f"({', '.join(changed)} changed since)"
        )
    return None
