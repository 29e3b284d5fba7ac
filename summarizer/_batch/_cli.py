"""`summarizer batch`: parse options, run the job, print the report, choose the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .._cli_options import BaseUrlOpt, EngineOption, ModelOpt, StructuredMode, StructuredModeOpt
from .._config import DEFAULT_MAX_CHARS, Config
from .._exceptions import ConfigError, EngineUnavailable, SummarizerError
from ._job import DEFAULT_CONCURRENCY, BatchOptions, report_path, run_batch
from ._progress import ProgressDisplay

__all__ = ["batch_command"]

EXIT_UNACCOUNTED = 1
EXIT_INPUT = 3
EXIT_ENGINE = 4

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def batch_command(
    input: Annotated[
        str, typer.Argument(help="A JSONL file, a folder of .txt/.html files, or - for stdin.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Results JSONL (appended to; reruns resume).")
    ],
    engine: Annotated[
        EngineOption, typer.Option(help="auto: llm when one is configured, else offline.")
    ] = EngineOption.auto,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Refuse articles longer than this many characters.")
    ] = DEFAULT_MAX_CHARS,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Model requests in flight at once (llm engine).")
    ] = DEFAULT_CONCURRENCY,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for the offline engine (one per core).")
    ] = 1,
    rpm: Annotated[
        float | None, typer.Option(min=0.001, help="Requests-per-minute limit (llm engine).")
    ] = None,
    tpm: Annotated[
        float | None, typer.Option(min=1, help="Tokens-per-minute limit (llm engine).")
    ] = None,
    retry_errors: Annotated[
        bool, typer.Option(help="Re-run ids whose last record is an error.")
    ] = False,
    cache: Annotated[
        Path | None,
        typer.Option(
            help="Cache analyses here by article + configuration; a rerun makes no calls. "
            "Off by default."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no report.")] = False,
) -> None:
    """Analyse many articles into a JSONL of results, one line per input line.

    Rerunning the same command resumes: ids already in OUTPUT are skipped, error records
    are retried with --retry-errors (the new record replaces the old). A report is printed
    on stderr and written to OUTPUT.report.json. Exit 1 if any input line is unaccounted
    for; errors of single articles are records, not failures of the job.
    """
    try:
        config = Config.from_env(
            engine=engine.value,
            max_chars=max_chars,
            model=model,
            base_url=base_url,
            structured_mode=structured_mode.value,
        )
        if input != "-" and not Path(input).exists():
            _err.print(f"summarizer: error: no such input: {input}", markup=False)
            raise typer.Exit(EXIT_INPUT)
        options = BatchOptions(
            concurrency=concurrency,
            workers=workers,
            rpm=rpm,
            tpm=tpm,
            retry_errors=retry_errors,
            cache_dir=cache,
        )
        with ProgressDisplay(quiet=quiet) as display:
            options.progress = display
            report = run_batch(config, input, output, options)
    except (ConfigError, EngineUnavailable) as exc:
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_ENGINE) from exc
    except SummarizerError as exc:
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED) from exc
    except OSError as exc:
        _err.print(f"summarizer: error: {exc.filename}: {exc.strerror}", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED) from exc
    if not quiet:
        _err.print(report.summary_line(), markup=False)
        _err.print(f"report: {report_path(output)}", markup=False)
    if not report.accounted:
        _err.print(f"summarizer: error: {report.missing} input lines have no record", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED)
