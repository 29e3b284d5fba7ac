"""`summarizer eval`: parse, call `summarizer._evals`, render, map the outcome to an exit code.

Exit codes are those of `summarizer._main` (1 error, 2 usage, 4 engine or configuration,
5 gold data, 6 model endpoint), plus `EXIT_CHECK` (7) when `--check` finds a regression.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from summarizer._cli_options import (
    EngineOption,
    ModelOpt,
    ModelTableOpt,
    PromptsDirOpt,
    ReportFormat,
    StructuredMode,
)
from summarizer._exceptions import SummarizerError

if TYPE_CHECKING:
    from ._gate import GateResult
    from ._log import CaseRecord, EvalLog
    from ._report import Comparison

__all__ = ["EXIT_CHECK", "eval_command"]

EXIT_CHECK = 7
"""`--check` found a metric below its threshold or fallen from the baseline."""


_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _usage(message: str) -> typer.BadParameter:
    return typer.BadParameter(message)


def eval_command(
    suite: Annotated[
        list[Path] | None,
        typer.Option(
            "--suite",
            help="A folder of case files, a PolNeAR split folder, or one gold JSON file "
            "(repeatable). Default: the repository's evals/cases.",
        ),
    ] = None,
    engine: Annotated[
        EngineOption,
        typer.Option(help="auto: offline (llm when recording). llm replays cassettes."),
    ] = EngineOption.auto,
    model: ModelOpt = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="OpenAI-compatible endpoint to record from (--record)."),
    ] = None,
    structured_mode: Annotated[
        StructuredMode | None,
        typer.Option(help="How structured output is requested (replay: as recorded)."),
    ] = None,
    prompts_dir: PromptsDirOpt = None,
    model_table: ModelTableOpt = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Call the configured endpoint and store every exchange as a cassette "
            "(secrets scrubbed). Without it the llm engine only replays.",
        ),
    ] = False,
    cassettes: Annotated[
        Path | None,
        typer.Option(help="Cassette root (one folder per model). Default: evals/cassettes."),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            # Worded without long paths: a word wider than the help column is cut with "…".
            help="Write the run's log here (default: in evals/logs, named by time and engine).",
        ),
    ] = None,
    no_log: Annotated[bool, typer.Option("--no-log", help="Write no run log.")] = False,
    rescore_logs: Annotated[
        list[Path] | None,
        typer.Option(
            "--rescore",
            help="Score a saved log again instead of running an engine (no model call). "
            "Twice: compare the two.",
        ),
    ] = None,
    compare: Annotated[
        Path | None, typer.Option(help="A log to compare this run with (the reference).")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(help="Write a self-contained HTML page (the comparison, if any)."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=f"Fail (exit {EXIT_CHECK}) when a metric is below its threshold or fell "
            "from the baseline by more than its tolerance.",
        ),
    ] = False,
    thresholds: Annotated[
        Path | None, typer.Option(help="Thresholds file (default evals/thresholds.json).")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="Baseline log for --check (default for the repository suite: the engine's "
            "in evals/baseline)."
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(help="Also write this run as a baseline: metrics only, no text."),
    ] = None,
    realistic: Annotated[
        list[int] | None,
        typer.Option(
            "--realistic",
            metavar="SEED",
            help="Feed the llm engine realistic answers written from the gold (first names, "
            "titles, swapped marks, reworded reported speech), one run per seed "
            "(repeatable): a pipeline fixture whose F1 is the engine's pipeline fidelity, "
            "never a model's score.",
        ),
    ] = None,
    worst: Annotated[int, typer.Option(min=0, help="List this many weakest cases.")] = 10,
    details: Annotated[
        int, typer.Option(min=0, help="For this many, list missed / spurious / wrong speakers.")
    ] = 0,
) -> None:
    """Score engines on the eval suite: quotes, speakers, stances, summaries; gate regressions.

    Offline and deterministic unless --record: --engine llm replays recorded cassettes.

    --record calls the configured endpoint (OPENAI_API_KEY, OPENAI_BASE_URL, --base-url).
    """
    # Imported here: the scorer loads scipy, which `summarizer --help` should not wait for.
    from summarizer._main import _fail

    from ._api import DEFAULT_THRESHOLDS, EvalOptions, run_eval
    from ._gate import check_gate, load_thresholds, profile_of
    from ._log import read_log, write_log
    from ._report import compare_logs, json_report, render_html, render_terminal
    from ._run import rescore
    from ._suite import project_root

    root = project_root()
    rescores = list(rescore_logs or [])
    if len(rescores) > 2:
        raise _usage("--rescore takes one log, or two to compare")
    if rescores and (record or suite):
        raise _usage("--rescore scores a saved log: it takes no --record or --suite")
    if realistic and (rescores or record):
        raise _usage("--realistic runs the llm engine on fixtures: no --record or --rescore")
    if len(rescores) == 2 and compare is not None:
        raise _usage("two --rescore logs are already a comparison; drop --compare")

    before: EvalLog | None = None
    before_name: str | None = None
    log_path: Path | None = None
    try:
        if rescores:
            after = rescore(read_log(rescores[-1]), root=root, source=str(rescores[-1]))
            after_name = rescores[-1].name
            if len(rescores) == 2:
                before = rescore(read_log(rescores[0]), root=root, source=str(rescores[0]))
                before_name = rescores[0].name
        else:
            options = EvalOptions(
                engine=engine.value,
                model=model,
                base_url=base_url,
                structured_mode=structured_mode.value if structured_mode else None,
                prompts_dir=prompts_dir,
                model_table=model_table,
                suites=list(suite or []),
                record=record,
                cassettes=cassettes,
                realistic_seeds=list(realistic or []),
            )
            after = run_eval(options, root=root, on_case=_progress if record else None)
            after_name = None
            if not no_log:
                log_path = write_log(after, log or _default_log(root, after))
                after_name = log_path.name
        if compare is not None:
            before, before_name = read_log(compare), compare.name
            if before.scores is None:
                before = rescore(before, root=root, source=str(compare))

        if write_baseline is not None:
            write_log(after.strip_text(), write_baseline)

        # The thresholds also set the comparison's tolerances, so they are read whenever
        # they exist; only --check (or an explicit file) makes a missing file an error.
        limits = None
        thresholds_path = thresholds or root / DEFAULT_THRESHOLDS
        if check or thresholds is not None or thresholds_path.is_file():
            limits = load_thresholds(thresholds_path).for_profile(profile_of(after))

        comparison: Comparison | None = None
        if before is not None:
            comparison = compare_logs(
                before,
                after,
                tolerances=limits.max_drop if limits else None,
                before_name=before_name,
                after_name=after_name,
            )

        gate: GateResult | None = None
        if check:
            assert limits is not None
            reference, reference_name = _baseline_for(after, baseline, root, suite)
            gate = check_gate(after, limits, baseline=reference, baseline_name=reference_name)
    except SummarizerError as exc:
        _fail(exc)

    if report is not None:
        page = render_html(after, before, comparison=comparison, gate=gate)
        _write(report, page)
    if format is ReportFormat.json:
        data = json_report(
            after,
            gate=gate,
            comparison=comparison,
            log_path=str(log_path) if log_path else None,
        )
        text = data.model_dump_json(indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            _write(output, text)
    else:
        # With --output the table goes to the file only (plain text, a fixed width).
        console = (
            Console(file=sys.stdout)
            if output is None
            else Console(file=io.StringIO(), record=True, width=120)
        )
        console.print(
            render_terminal(after, gate=gate, comparison=comparison, worst=worst, details=details)
        )
        if log_path is not None:
            console.print(f"log: {log_path}", style="dim", markup=False, soft_wrap=True)
        if output is not None:
            _write(output, console.export_text())
    if gate is not None and not gate.passed:
        raise typer.Exit(EXIT_CHECK)


def _default_log(root: Path, log: EvalLog) -> Path:
    from ._api import default_log_path

    path = default_log_path(root, log.provenance.engine)
    # The folder ignores itself, so run logs never reach a commit by accident.
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        # Best effort: if the folder cannot be written, write_log reports it.
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore.write_text("*\n", encoding="utf-8")
    return path


def _baseline_for(
    log: EvalLog, given: Path | None, root: Path, suites: list[Path] | None
) -> tuple[EvalLog | None, str | None]:
    """The baseline to compare with: the one given, else the repository suite's default."""
    from ._api import default_baseline
    from ._log import read_log

    if given is not None:
        return read_log(given), str(given)
    if suites:
        return None, None  # an outside suite has no default baseline: thresholds only
    path = default_baseline(root, log.provenance.engine, log.provenance.model)
    if not path.is_file():
        _err.print(
            f"note: no baseline at {path}: only the thresholds are checked "
            "(write one with --write-baseline)",
            markup=False,
        )
        return None, None
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return read_log(path), shown


def _progress(record: CaseRecord) -> None:
    if record.error is not None:
        status = f"error {record.error.type}"
    else:
        status = f"{len(record.output.quotes) if record.output else 0} quotes"
    _err.print(f"{record.key}: {status}", markup=False)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _err.print(f"summarizer: error: cannot write {path}: {exc.strerror}", markup=False)
        raise typer.Exit(1) from exc
    _err.print(f"wrote {path}", markup=False)
