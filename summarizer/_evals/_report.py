"""What a run looks like to people and machines: terminal tables, an HTML comparison, JSON.

    compare_logs(before, after)  →  Comparison (metric deltas, per-case diffs, regressions)
    render_terminal(log, ...)    →  rich renderable
    render_html(after, before)   →  one self-contained page (inline style, no script, no URL)
    json_report(log, ...)        →  EvalReport (what `--format json` prints)

A run that replayed hand-written fixtures is labelled as such everywhere it is shown.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from summarizer._scoring import DocumentScore, render_report

from ._gate import EPSILON, GateResult
from ._log import EVAL_LOG_SCHEMA_VERSION, CassetteInfo, EvalLog, Provenance
from ._metrics import METRICS, metric_spec

__all__ = [
    "FIXTURE_BANNER",
    "REALISTIC_BANNER",
    "CaseDelta",
    "CaseSummary",
    "Comparison",
    "EvalReport",
    "MetricDelta",
    "case_summaries",
    "compare_logs",
    "json_report",
    "pipeline_fidelity",
    "render_html",
    "render_terminal",
    "run_label",
]

FIXTURE_BANNER = (
    "FIXTURE RUN: the answers replayed are hand-written pipeline fixtures, not a model's "
    "output. These numbers check the record/replay and scoring pipeline; they are not a "
    "model's score."
)
"""Shown on every report of a run that replayed fixture cassettes."""

REALISTIC_BANNER = (
    "PIPELINE FIXTURES: the llm engine was fed the gold written the way chat models write "
    "correct answers (realistic answers, seeds {seeds}), not a model's output. The answers "
    "score 1.0 as they are, so quote F1 here is the engine's pipeline fidelity, not a "
    "model's score."
)
"""Shown on every report of a run on realistic answers, in place of `FIXTURE_BANNER`."""


# --- comparison -----------------------------------------------------------------------------


class MetricDelta(BaseModel):
    """One metric in two runs."""

    name: str = Field(description="The flat metric's name.")
    before: float | None = Field(description="Its value in the earlier (reference) run.")
    after: float | None = Field(description="Its value in the later run.")
    delta: float | None = Field(description="after − before, when both exist.")
    regressed: bool = Field(description="Moved the wrong way by more than its tolerance.")
    improved: bool = Field(description="Moved the right way.")


class CaseDelta(BaseModel):
    """One case in two runs."""

    key: str = Field(description="`suite/id`.")
    before_f1: float | None = Field(description="Lenient F1 before (None: error or absent).")
    after_f1: float | None = Field(description="Lenient F1 after.")
    before_error: str | None = Field(default=None, description="Error type before, if any.")
    after_error: str | None = Field(default=None, description="Error type after, if any.")
    newly_missed: list[str] = Field(default_factory=list, description="Gold quotes lost.")
    newly_found: list[str] = Field(default_factory=list, description="Gold quotes gained.")
    new_spurious: list[str] = Field(default_factory=list, description="New false quotes.")
    gone_spurious: list[str] = Field(default_factory=list, description="False quotes gone.")
    speaker_changes: list[str] = Field(
        default_factory=list, description="Speakers that became wrong or right."
    )
    regressed: bool = Field(description="Anything got worse.")
    improved: bool = Field(description="Anything got better and nothing worse.")


class Comparison(BaseModel):
    """Two runs side by side."""

    before: str = Field(description="Label of the reference run.")
    after: str = Field(description="Label of the run compared with it.")
    metrics: list[MetricDelta] = Field(description="Every flat metric.")
    cases: list[CaseDelta] = Field(description="Every case present in either run.")

    @property
    def regressions(self) -> list[str]:
        """Names of metrics and keys of cases that regressed."""
        return [m.name for m in self.metrics if m.regressed] + [
            c.key for c in self.cases if c.regressed
        ]


def run_label(log: EvalLog, name: str | None = None) -> str:
    """A short description of a run: engine, model, prompt, fixture mark, file."""
    p = log.provenance
    parts: list[str] = [p.engine]
    if p.model:
        parts.append(p.model)
    if p.prompt_version:
        parts.append(p.prompt_version)
    if p.fixture:
        parts.append("(fixture)")
    if name:
        parts.append(f"[{name}]")
    return " ".join(parts)


def _doc_scores(log: EvalLog) -> dict[str, DocumentScore]:
    return {doc.doc_id: doc for doc in log.scores.quotes.documents} if log.scores else {}


def _errors(log: EvalLog) -> dict[str, str]:
    return {err.doc_id: err.type for err in log.scores.quotes.errors} if log.scores else {}


def _quote_label(gold_id: str | None, index: int, snippet: str) -> str:
    short = snippet if len(snippet) <= 60 else snippet[:59] + "…"
    return f"{gold_id or f'#{index}'}: {short}"


def compare_logs(
    before: EvalLog,
    after: EvalLog,
    *,
    tolerances: Mapping[str, float] | None = None,
    before_name: str | None = None,
    after_name: str | None = None,
) -> Comparison:
    """Compare two scored runs; a metric regresses when it moves the wrong way by more than
    its tolerance (`max_drop` of the thresholds; any move when none is given)."""
    tolerances = tolerances or {}
    old_metrics = before.scores.metrics if before.scores else {}
    new_metrics = after.scores.metrics if after.scores else {}
    metrics: list[MetricDelta] = []
    for spec in METRICS:
        old, new = old_metrics.get(spec.name), new_metrics.get(spec.name)
        delta = new - old if old is not None and new is not None else None
        regressed = improved = False
        if delta is not None and spec.higher_is_better is not None:
            worse = -delta if spec.higher_is_better else delta
            regressed = worse > tolerances.get(spec.name, 0.0) + EPSILON
            improved = worse < -EPSILON
        metrics.append(
            MetricDelta(
                name=spec.name,
                before=old,
                after=new,
                delta=delta,
                regressed=regressed,
                improved=improved,
            )
        )
    old_docs, new_docs = _doc_scores(before), _doc_scores(after)
    old_errors, new_errors = _errors(before), _errors(after)
    keys = list(dict.fromkeys([*(c.key for c in before.cases), *(c.key for c in after.cases)]))
    cases = [
        _case_delta(
            key, old_docs.get(key), new_docs.get(key), old_errors.get(key), new_errors.get(key)
        )
        for key in keys
    ]
    return Comparison(
        before=run_label(before, before_name),
        after=run_label(after, after_name),
        metrics=metrics,
        cases=cases,
    )


def _case_delta(
    key: str,
    old: DocumentScore | None,
    new: DocumentScore | None,
    old_error: str | None,
    new_error: str | None,
) -> CaseDelta:
    old_f1 = old.level("lenient").f1 if old else None
    new_f1 = new.level("lenient").f1 if new else None
    newly_missed: list[str] = []
    newly_found: list[str] = []
    new_spurious: list[str] = []
    gone_spurious: list[str] = []
    speakers: list[str] = []
    if old is not None and new is not None:
        old_missed = {m.gold_index: m for m in old.missed}
        new_missed = {m.gold_index: m for m in new.missed}
        newly_missed = [
            _quote_label(m.gold_id, i, m.snippet)
            for i, m in new_missed.items()
            if i not in old_missed
        ]
        newly_found = [
            _quote_label(m.gold_id, i, m.snippet)
            for i, m in old_missed.items()
            if i not in new_missed
        ]
        old_spans = {tuple(map(tuple, s.spans)): s for s in old.spurious}
        new_spans = {tuple(map(tuple, s.spans)): s for s in new.spurious}
        new_spurious = [s.snippet for k, s in new_spans.items() if k not in old_spans]
        gone_spurious = [s.snippet for k, s in old_spans.items() if k not in new_spans]
        old_wrong = {w.gold_id: w for w in old.wrong_speakers}
        new_wrong = {w.gold_id: w for w in new.wrong_speakers}
        for gold_id, wrong in new_wrong.items():
            if gold_id not in old_wrong:
                speakers.append(
                    f"{gold_id}: now {wrong.predicted or '—'} (gold {wrong.gold or '—'})"
                )
        for gold_id, wrong in old_wrong.items():
            if gold_id not in new_wrong:
                speakers.append(f"{gold_id}: fixed (was {wrong.predicted or '—'})")
    worse = (
        (new_error is not None and old_error is None)
        or (old_f1 is not None and new_f1 is not None and new_f1 < old_f1 - EPSILON)
        or bool(newly_missed or new_spurious)
        or (
            old is not None
            and new is not None
            and new.speaker_correct < old.speaker_correct
            and new.speaker_total <= old.speaker_total
        )
    )
    better = not worse and (
        (old_error is not None and new_error is None)
        or (old_f1 is not None and new_f1 is not None and new_f1 > old_f1 + EPSILON)
        or bool(newly_found or gone_spurious)
    )
    return CaseDelta(
        key=key,
        before_f1=old_f1,
        after_f1=new_f1,
        before_error=old_error,
        after_error=new_error,
        newly_missed=newly_missed,
        newly_found=newly_found,
        new_spurious=new_spurious,
        gone_spurious=gone_spurious,
        speaker_changes=speakers,
        regressed=worse,
        improved=better,
    )


# --- JSON -----------------------------------------------------------------------------------


class CaseSummary(BaseModel):
    """One case's numbers and problems, for machines."""

    key: str = Field(description="`suite/id`.")
    error: dict[str, str] | None = Field(default=None, description="{type, message}, if any.")
    n_gold: int | None = Field(default=None, description="Gold quotes.")
    n_predicted: int | None = Field(default=None, description="Predicted quotes.")
    lenient_f1: float | None = Field(default=None, description="Lenient F1 of the case.")
    speaker_correct: int | None = Field(default=None, description="Right speakers.")
    speaker_total: int | None = Field(default=None, description="Matched quotes.")
    key_facts: int | None = Field(default=None, description="Key facts.")
    key_facts_covered: int | None = Field(default=None, description="Key facts covered.")
    missed: list[str] = Field(default_factory=list, description="Gold quotes not found.")
    spurious: list[str] = Field(default_factory=list, description="Predictions matching none.")
    wrong_speakers: list[str] = Field(default_factory=list, description="predicted ≠ gold.")
    unsupported_numbers: list[str] = Field(default_factory=list, description="In the summary.")
    unsupported_names: list[str] = Field(default_factory=list, description="In the summary.")
    seconds: float | None = Field(default=None, description="Analysis time.")


class EvalReport(BaseModel):
    """`summarizer eval --format json`: everything a machine needs about a run."""

    schema_version: int = Field(default=EVAL_LOG_SCHEMA_VERSION, description="Shape version.")
    fixture: bool = Field(description="True: a pipeline check on hand-written fixtures.")
    pipeline_fidelity: float | None = Field(
        default=None,
        description="A run on realistic answers (`provenance.realistic_seeds`): the llm "
        "engine's lenient F1 over the answers' own; null otherwise.",
    )
    provenance: Provenance = Field(description="What produced the outputs.")
    metrics: dict[str, float | None] = Field(description="The flat metrics.")
    cases: list[CaseSummary] = Field(description="Per case.")
    gate: GateResult | None = Field(default=None, description="With --check.")
    comparison: Comparison | None = Field(default=None, description="With --compare.")
    warnings: list[str] = Field(default_factory=list, description="Anything to know.")
    log: str | None = Field(default=None, description="Where the run's log was written.")


def case_summaries(log: EvalLog) -> list[CaseSummary]:
    """Per-case numbers of a scored run, in case order."""
    docs = _doc_scores(log)
    checks = {c.doc_id: c for c in log.scores.summaries.documents} if log.scores else {}
    errors = {e.doc_id: e for e in log.scores.quotes.errors} if log.scores else {}
    out: list[CaseSummary] = []
    for case in log.cases:
        key = case.key
        error = errors.get(key)
        doc = docs.get(key)
        check = checks.get(key)
        out.append(
            CaseSummary(
                key=key,
                error={"type": error.type, "message": error.message} if error else None,
                n_gold=doc.n_gold if doc else None,
                n_predicted=doc.n_predicted if doc else None,
                lenient_f1=doc.level("lenient").f1 if doc else None,
                speaker_correct=doc.speaker_correct if doc else None,
                speaker_total=doc.speaker_total if doc else None,
                key_facts=check.key_facts if check else None,
                key_facts_covered=check.covered if check else None,
                missed=[_quote_label(m.gold_id, m.gold_index, m.snippet) for m in doc.missed]
                if doc
                else [],
                spurious=[s.snippet for s in doc.spurious] if doc else [],
                wrong_speakers=[
                    f"{w.gold_id}: {w.predicted or '—'} ≠ {w.gold or '—'}"
                    for w in doc.wrong_speakers
                ]
                if doc
                else [],
                unsupported_numbers=check.unsupported_numbers if check else [],
                unsupported_names=check.unsupported_names if check else [],
                seconds=case.seconds,
            )
        )
    return out


def json_report(
    log: EvalLog,
    *,
    gate: GateResult | None = None,
    comparison: Comparison | None = None,
    log_path: str | None = None,
) -> EvalReport:
    """The machine-readable report of a scored run."""
    return EvalReport(
        fixture=log.provenance.fixture,
        pipeline_fidelity=pipeline_fidelity(log),
        provenance=log.provenance,
        metrics=log.scores.metrics if log.scores else {},
        cases=case_summaries(log),
        gate=gate,
        comparison=comparison,
        warnings=log.warnings,
        log=log_path,
    )


# --- terminal -------------------------------------------------------------------------------


def _value(name: str, value: float | None) -> str:
    if value is None:
        return "—"
    spec = metric_spec(name)
    return f"{100 * value:.1f}" if spec is None or spec.ratio else f"{value:g}"


def _delta(name: str, delta: float | None) -> str:
    if delta is None:
        return ""
    spec = metric_spec(name)
    return f"{100 * delta:+.1f}" if spec is None or spec.ratio else f"{delta:+g}"


def _provenance_line(p: Provenance) -> str:
    parts = [f"engine {p.engine}"]
    if p.model:
        parts.append(f"model {p.model}")
    if p.prompt_version:
        parts.append(f"prompt {p.prompt_version} ({(p.prompt_sha256 or '')[:12]})")
    if p.structured_mode:
        parts.append(f"mode {p.structured_mode}")
    if p.cassettes is not None:
        parts.append("cassettes " + _cassette_line(p.cassettes))
    parts.append("suites " + ", ".join(f"{s.label} ({s.n_cases})" for s in p.suites))
    parts.append(f"summarizer {p.package_version}")
    if p.rescored_from:
        parts.append(f"re-scored from {p.rescored_from}")
    return " · ".join(parts)


def render_terminal(
    log: EvalLog,
    *,
    gate: GateResult | None = None,
    comparison: Comparison | None = None,
    worst: int = 10,
    details: int = 0,
) -> RenderableType:
    """The terminal report: provenance, quote tables, summary checks, comparison, gate."""
    parts: list[RenderableType] = []
    seeds = log.provenance.realistic_seeds
    if seeds:
        banner = REALISTIC_BANNER.format(seeds=", ".join(map(str, seeds)))
        parts.append(Text(banner, style="bold black on yellow"))
    elif log.provenance.fixture:
        parts.append(Text(FIXTURE_BANNER, style="bold black on yellow"))
    parts.append(Text(_provenance_line(log.provenance), style="dim"))
    if log.scores is not None:
        parts.append(render_report(log.scores.quotes, worst=worst, details=details))
        fidelity = pipeline_fidelity(log)
        if fidelity is not None:
            parts.append(
                Text(f"pipeline fidelity (lenient F1 / the answers' own 1.0): {fidelity:.3f}")
            )
        parts.append(_summary_table(log, worst))
    if comparison is not None:
        parts.append(_comparison_table(comparison))
    for warning in log.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    if gate is not None:
        parts.append(_gate_text(gate))
    return Group(*parts)


def pipeline_fidelity(log: EvalLog) -> float | None:
    """A realistic run's pipeline fidelity: the engine's lenient F1 over the answers' own
    (1.0, each answer renders one gold quote); None for any other run."""
    if not log.provenance.realistic_seeds or log.scores is None:
        return None
    return log.scores.quotes.levels["lenient"].f1


def _summary_table(log: EvalLog, worst: int) -> RenderableType:
    assert log.scores is not None
    report = log.scores.summaries
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    coverage = report.key_fact_coverage
    grid.add_row(
        "key-fact coverage",
        f"{_value('key_fact_coverage', coverage)} % ({report.covered}/{report.key_facts})",
    )
    grid.add_row(
        "unsupported numbers",
        Text(
            str(report.unsupported_numbers), style="bold red" if report.unsupported_numbers else ""
        ),
    )
    grid.add_row(
        "unsupported names",
        Text(str(report.unsupported_names), style="bold red" if report.unsupported_names else ""),
    )
    problems = [
        c for c in report.documents if c.uncovered or c.unsupported_numbers or c.unsupported_names
    ]
    if not problems or worst <= 0:
        return Group(Text("Summaries", style="italic"), grid)
    shown = f"first {worst} of {len(problems)}" if len(problems) > worst else str(len(problems))
    table = Table(title=f"Summary problems ({shown})", title_justify="left")
    for column in ("case", "facts not covered", "unsupported"):
        table.add_column(column)
    for check in problems[:worst]:
        table.add_row(
            Text(check.doc_id),
            Text("\n".join(check.uncovered)),
            Text(", ".join([*check.unsupported_numbers, *check.unsupported_names])),
        )
    return Group(Text("Summaries", style="italic"), grid, table)


def _comparison_table(comparison: Comparison) -> RenderableType:
    metrics = Table(
        title=Text(f"Compared: {comparison.before}  →  {comparison.after}"), title_justify="left"
    )
    for column in ("metric", "before", "after", "Δ"):
        metrics.add_column(column, justify="left" if column == "metric" else "right")
    for m in comparison.metrics:
        style = "bold red" if m.regressed else "green" if m.improved else ""
        metrics.add_row(
            m.name,
            _value(m.name, m.before),
            _value(m.name, m.after),
            Text(_delta(m.name, m.delta), style=style),
        )
    changed = [c for c in comparison.cases if c.regressed or c.improved]
    if not changed:
        return Group(metrics, Text("No case changed.", style="dim"))
    cases = Table(title="Cases that changed", title_justify="left")
    for column in ("case", "F1 before", "F1 after", "what changed"):
        cases.add_column(column, justify="right" if "F1" in column else "left")
    for c in changed:
        what = [
            *(f"- missed {q}" for q in c.newly_missed),
            *(f"+ found {q}" for q in c.newly_found),
            *(f"- spurious {q}" for q in c.new_spurious),
            *(f"+ no longer spurious {q}" for q in c.gone_spurious),
            *(f"speaker {s}" for s in c.speaker_changes),
        ]
        if c.after_error and not c.before_error:
            what.insert(0, f"- error {c.after_error}")
        if c.before_error and not c.after_error:
            what.insert(0, f"+ error {c.before_error} fixed")
        cases.add_row(
            Text(c.key, style="bold red" if c.regressed else "green"),
            _value("lenient_f1", c.before_f1),
            _value("lenient_f1", c.after_f1),
            Text("\n".join(what)),  # article text: never read as rich markup
        )
    return Group(metrics, cases)


def _gate_text(gate: GateResult) -> RenderableType:
    against = f" against {gate.baseline}" if gate.baseline else ""
    if gate.passed:
        return Text(
            f"check passed: {gate.checked} bounds held (profile {gate.profile}{against})",
            style="bold green",
        )
    lines = [
        Text(
            f"check FAILED (profile {gate.profile}{against}): {len(gate.failures)} problem(s)",
            style="bold red",
        )
    ]
    lines.extend(Text(f"  ✗ {failure.message}", style="red") for failure in gate.failures)
    return Group(*lines)


# --- HTML -----------------------------------------------------------------------------------

_STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5b5b5b; --rule: #d6d6d6; --panel: #f6f6f3; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--rule); }
th { background: var(--panel); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.regressed td { background: #fde8e6; }
tr.improved td { background: #e6f5ea; }
.bad { color: #a3261b; font-weight: 600; }
.good { color: #1a6b3c; font-weight: 600; }
.muted { color: var(--muted); }
.banner { background: #fff4d6; border-left: 5px solid #d9a400; padding: .6rem .8rem;
  font-weight: 600; margin: .75rem 0; }
.fail { background: #fde8e6; border-left: 5px solid #a3261b; padding: .6rem .8rem; }
.pass { background: #e6f5ea; border-left: 5px solid #1a6b3c; padding: .6rem .8rem; }
ul.diff { margin: .25rem 0; padding-left: 1.2rem; }
details { margin: .4rem 0; }
summary { cursor: pointer; }
code { font-size: .9em; }
""".strip()


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _cell_value(name: str, value: float | None) -> str:
    return _e(_value(name, value))


def render_html(
    after: EvalLog,
    before: EvalLog | None = None,
    *,
    comparison: Comparison | None = None,
    gate: GateResult | None = None,
    title: str = "summarizer eval",
) -> str:
    """One self-contained HTML page: a run, or two runs side by side with their diffs.

    No script, no external asset, no URL: the inline style is allowed by hash in the page's
    Content-Security-Policy and everything else is forbidden.
    """
    style_hash = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{style_hash}'"
    runs = [log for log in (before, after) if log is not None]
    body: list[str] = [f"<h1>{_e(title)}</h1>"]
    if any(log.provenance.fixture for log in runs):
        body.append(f'<p class="banner">{_e(FIXTURE_BANNER)}</p>')
    body.append(_html_provenance(runs, comparison))
    if gate is not None:
        body.append(_html_gate(gate))
    if comparison is not None:
        body.append(_html_comparison(comparison))
    else:
        body.append(_html_metrics(after))
    body.append(_html_cases(after, comparison))
    warnings = [w for log in runs for w in log.warnings]
    if warnings:
        body.append(
            "<h2>Warnings</h2><ul>" + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _html_provenance(runs: Sequence[EvalLog], comparison: Comparison | None) -> str:
    labels = (
        [comparison.before, comparison.after] if comparison is not None else [run_label(runs[-1])]
    )
    rows: list[tuple[str, list[str]]] = []

    def row(name: str, values: list[Any]) -> None:
        rows.append((name, ["—" if v is None or v == "" else str(v) for v in values]))

    ps = [log.provenance for log in runs]
    row("engine", [p.engine for p in ps])
    row("model", [p.model for p in ps])
    row(
        "prompt",
        [
            f"{p.prompt_version} ({(p.prompt_sha256 or '')[:12]})" if p.prompt_version else None
            for p in ps
        ],
    )
    row("structured mode", [p.structured_mode for p in ps])
    row("fixture", ["yes: hand-written, not a model" if p.fixture else "no" for p in ps])
    row(
        "suites",
        [", ".join(f"{s.label} ({s.n_cases}, {s.sha256[:12]})" for s in p.suites) for p in ps],
    )
    row(
        "cassettes",
        [_cassette_line(p.cassettes) if p.cassettes else None for p in ps],
    )
    row("summarizer", [p.package_version for p in ps])
    row("created", [log.created_at.isoformat(timespec="seconds") for log in runs])
    row("re-scored from", [p.rescored_from for p in ps])
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    lines = [f"<h2>Runs</h2><table><tr><th></th>{head}</tr>"]
    for name, values in rows:
        lines.append(
            f"<tr><th>{_e(name)}</th>" + "".join(f"<td>{_e(v)}</td>" for v in values) + "</tr>"
        )
    lines.append("</table>")
    return "\n".join(lines)


def _cassette_line(c: CassetteInfo) -> str:
    return (
        f"{c.mode} {c.directory}: {c.replayed} replayed, {c.recorded} recorded, "
        f"{c.missing} missing, {c.stale} stale"
    )


def _html_gate(gate: GateResult) -> str:
    profile = _e(gate.profile)
    if gate.passed:
        return f'<p class="pass">Check passed: {gate.checked} bounds held (profile {profile}).</p>'
    items = "".join(f"<li>{_e(f.message)}</li>" for f in gate.failures)
    return (
        f'<div class="fail"><strong>Check failed</strong> (profile {profile}):'
        f"<ul>{items}</ul></div>"
    )


def _html_metrics(log: EvalLog) -> str:
    metrics = log.scores.metrics if log.scores else {}
    lines = ["<h2>Metrics</h2><table><tr><th>metric</th><th>value</th></tr>"]
    for spec in METRICS:
        value = metrics.get(spec.name)
        unit = " %" if spec.ratio and value is not None else ""
        cell = f'<td class="num">{_cell_value(spec.name, value)}{unit}</td>'
        lines.append(f"<tr><td>{_e(spec.label)}</td>{cell}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _html_comparison(comparison: Comparison) -> str:
    lines = [
        "<h2>Metrics</h2><table><tr><th>metric</th>"
        f"<th>{_e(comparison.before)}</th><th>{_e(comparison.after)}</th><th>Δ</th></tr>"
    ]
    for m in comparison.metrics:
        css = "regressed" if m.regressed else "improved" if m.improved else ""
        mark = ' <span class="bad">regression</span>' if m.regressed else ""
        lines.append(
            f'<tr class="{css}"><td>{_e(m.name)}{mark}</td>'
            f'<td class="num">{_cell_value(m.name, m.before)}</td>'
            f'<td class="num">{_cell_value(m.name, m.after)}</td>'
            f'<td class="num">{_e(_delta(m.name, m.delta))}</td></tr>'
        )
    lines.append("</table>")
    regressions = comparison.regressions
    if regressions:
        lines.append(f'<p class="bad">Regressions: {_e(", ".join(regressions))}</p>')
    else:
        lines.append('<p class="good">No regression.</p>')
    return "\n".join(lines)


def _html_cases(log: EvalLog, comparison: Comparison | None) -> str:
    summaries = {c.key: c for c in case_summaries(log)}
    if comparison is not None:
        lines = [
            "<h2>Cases</h2><table><tr><th>case</th><th>lenient F1 before</th>"
            "<th>lenient F1 after</th><th>what changed</th></tr>"
        ]
        for c in comparison.cases:
            css = "regressed" if c.regressed else "improved" if c.improved else ""
            items: list[str] = []
            if c.after_error and not c.before_error:
                items.append(f'<li class="bad">new error: {_e(c.after_error)}</li>')
            if c.before_error and not c.after_error:
                items.append(f'<li class="good">error fixed: {_e(c.before_error)}</li>')
            if c.before_error and c.after_error:
                items.append(f"<li>error in both: {_e(c.after_error)}</li>")
            items += [f'<li class="bad">missed: {_e(q)}</li>' for q in c.newly_missed]
            items += [f'<li class="good">found: {_e(q)}</li>' for q in c.newly_found]
            items += [f'<li class="bad">spurious: {_e(q)}</li>' for q in c.new_spurious]
            items += [f'<li class="good">no longer spurious: {_e(q)}</li>' for q in c.gone_spurious]
            items += [f"<li>speaker {_e(s)}</li>" for s in c.speaker_changes]
            diff = (
                f'<ul class="diff">{"".join(items)}</ul>'
                if items
                else '<span class="muted">unchanged</span>'
            )
            lines.append(
                f'<tr class="{css}"><td>{_e(c.key)}</td>'
                f'<td class="num">{_cell_value("lenient_f1", c.before_f1)}</td>'
                f'<td class="num">{_cell_value("lenient_f1", c.after_f1)}</td><td>{diff}</td></tr>'
            )
        lines.append("</table>")
    else:
        lines = [
            "<h2>Cases</h2><table><tr><th>case</th><th>gold</th><th>predicted</th>"
            "<th>lenient F1</th><th>speakers</th><th>key facts</th></tr>"
        ]
        for s in summaries.values():
            css = "regressed" if s.error else ""
            speakers = (
                f"{s.speaker_correct}/{s.speaker_total}" if s.speaker_total is not None else "—"
            )
            facts = f"{s.key_facts_covered}/{s.key_facts}" if s.key_facts else "—"
            n_gold = "—" if s.n_gold is None else s.n_gold
            n_predicted = "—" if s.n_predicted is None else s.n_predicted
            lines.append(
                f'<tr class="{css}"><td>{_e(s.key)}</td><td class="num">{_e(n_gold)}</td>'
                f'<td class="num">{_e(n_predicted)}</td>'
                f'<td class="num">{_cell_value("lenient_f1", s.lenient_f1)}</td>'
                f'<td class="num">{_e(speakers)}</td><td class="num">{_e(facts)}</td></tr>'
            )
        lines.append("</table>")
    details: list[str] = []
    for s in summaries.values():
        items = []
        if s.error:
            items.append(f'<li class="bad">{_e(s.error["type"])}: {_e(s.error["message"])}</li>')
        items += [f"<li>missed {_e(q)}</li>" for q in s.missed]
        items += [f"<li>spurious: {_e(q)}</li>" for q in s.spurious]
        items += [f"<li>wrong speaker {_e(q)}</li>" for q in s.wrong_speakers]
        items += [f"<li>unsupported number {_e(n)}</li>" for n in s.unsupported_numbers]
        items += [f"<li>unsupported name {_e(n)}</li>" for n in s.unsupported_names]
        if items:
            details.append(
                f"<details><summary>{_e(s.key)} ({len(items)})</summary>"
                f'<ul class="diff">{"".join(items)}</ul></details>'
            )
    if details:
        lines.append("<h2>Per-case detail (latest run)</h2>" + "\n".join(details))
    elif not log.text_included:
        lines.append('<p class="muted">This log holds metrics only: no per-quote detail.</p>')
    return "\n".join(lines)
