"""`summarizer batch`: parse options, run the job, print the report, choose the exit code.

`batch` is a small command group: `run` (the job), `export` and `import` (Batch-format files
carried by hand). `summarizer batch INPUT -o OUT …` stays the way to run the job: the group
(`BatchGroup`) treats a first argument that is not one of its command names as the input of
`run`. An input file literally named `run`, `export` or `import` needs `batch run NAME`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from .._cli_options import (
    BaseUrlOpt,
    EngineOption,
    MaxCharsOpt,
    ModelOpt,
    StructuredMode,
    StructuredModeOpt,
)
from .._config import DEFAULT_MAX_CHARS, Config
from .._exceptions import ConfigError, EngineUnavailable, InvalidArticle, SummarizerError
from ._items import is_uri
from ._job import report_path, run_batch
from ._options import DEFAULT_CONCURRENCY, BatchOptions
from ._progress import ProgressDisplay

__all__ = ["BatchGroup", "batch_app", "batch_command", "export_command", "import_command"]

EXIT_UNACCOUNTED = 1
EXIT_INPUT = 3
EXIT_ENGINE = 4

_err = Console(stderr=True, highlight=False, soft_wrap=True)


class Via(StrEnum):
    """How `batch run` sends the llm engine's requests."""

    live = "live"
    openai_batch = "openai-batch"
    ray = "ray"


InputArg = Annotated[
    str,
    typer.Argument(
        help="A JSONL file, a folder of .txt/.html files, - for stdin, or a JSONL file's URI "
        "(s3://, gs://, file://; read with pyarrow, which the ray extra installs)."
    ),
]
ResultsOpt = Annotated[
    Path, typer.Option("--output", "-o", help="Results JSONL (appended to; reruns resume).")
]


def batch_command(
    input: InputArg,
    output: ResultsOpt,
    engine: Annotated[
        EngineOption, typer.Option(help="auto: llm when one is configured, else offline.")
    ] = EngineOption.auto,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
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
        bool, typer.Option("--retry-errors", help="Re-run ids whose last record is an error.")
    ] = False,
    cache: Annotated[
        Path | None,
        typer.Option(
            help="Cache analyses here by article + configuration; a rerun makes no calls. "
            "Off by default."
        ),
    ] = None,
    via: Annotated[
        Via,
        typer.Option(
            help="llm engine: send requests one by one (live), or through OpenAI's Batch API "
            "(openai-batch: cheaper, results within 24 h; rerun the same command to resume). "
            "ray (either engine): analyse on a Ray cluster (pip install 'summarizer[ray]')."
        ),
    ] = Via.live,
    poll_interval: Annotated[
        float,
        typer.Option(min=0.0, help="openai-batch: seconds between polls at first (grows 1.5x)."),
    ] = 30.0,
    max_rounds: Annotated[
        int,
        typer.Option(
            min=1,
            help="openai-batch: rounds at most (follow-ups such as re-asks, and resubmits "
            "of expired or failed requests, each take one).",
        ),
    ] = 6,
    batch_size: Annotated[
        int,
        typer.Option(
            min=1,
            help="openai-batch: requests per batch at most (OpenAI allows 50,000); a larger "
            "input runs as consecutive parts, one batch per part and round.",
        ),
    ] = 50_000,
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="ray: the cluster to run on (ray://HOST:10001, HOST:6379 or auto). Default: "
            "RAY_ADDRESS, else a local cluster started for the job."
        ),
    ] = None,
    num_cpus: Annotated[
        int | None,
        typer.Option(min=1, help="ray: CPUs of the local cluster (default: all of them)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no report.")] = False,
) -> None:
    """Analyse many articles into a JSONL of results, one line per input line.

    Rerunning the same command resumes: ids already in OUTPUT are skipped, error records
    are retried with --retry-errors (the new record replaces the old). A report is printed
    on stderr and written to OUTPUT.report.json. Exit 1 if any input line is unaccounted
    for; errors of single articles are records, not failures of the job. Exit 3, writing
    nothing, for an input of which no line is a JSON object (an article, a binary file).
    """
    options = BatchOptions(
        concurrency=concurrency,
        workers=workers,
        rpm=rpm,
        tpm=tpm,
        retry_errors=retry_errors,
        cache_dir=cache,
        via="ray" if via is Via.ray else "openai-batch" if via is Via.openai_batch else "live",
        ray_address=ray_address,
        num_cpus=num_cpus,
        poll_interval=poll_interval,
        max_rounds=max_rounds,
        batch_max_requests=batch_size,
        require_jsonl=True,
    )
    config_options = {
        "engine": engine.value,
        "max_chars": max_chars,
        "model": model,
        "base_url": base_url,
        "structured_mode": structured_mode.value,
    }
    _run_job(config_options, input, output, options, quiet=quiet)


@contextmanager
def _exits() -> Iterator[None]:
    """Turn what stops a whole job into a message on stderr and its exit code."""
    try:
        yield
    except (ConfigError, EngineUnavailable) as exc:
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_ENGINE) from exc
    except InvalidArticle as exc:  # the input is no batch input at all (`NotJsonl`)
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_INPUT) from exc
    except SummarizerError as exc:
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED) from exc
    except OSError as exc:
        _err.print(f"summarizer: error: {exc.filename}: {exc.strerror}", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED) from exc


def _require_input(input: str) -> None:
    # A URI is opened by the job, which says what is wrong with it (`_items`).
    if input != "-" and not is_uri(input) and not Path(input).exists():
        _err.print(f"summarizer: error: no such input: {input}", markup=False)
        raise typer.Exit(EXIT_INPUT)


def _run_job(
    config_options: dict[str, Any],
    input: str,
    output: Path,
    options: BatchOptions,
    *,
    quiet: bool,
) -> None:
    with _exits():
        config = Config.from_env(**config_options)
        _require_input(input)
        with ProgressDisplay(quiet=quiet) as display, display.logging():
            options.progress = display
            report = run_batch(config, input, output, options)
    if not quiet:
        _err.print(report.summary_line(), markup=False)
        _err.print(f"report: {report_path(output)}", markup=False)
    if not report.accounted:
        _err.print(f"summarizer: error: {report.missing} input lines have no record", markup=False)
        raise typer.Exit(EXIT_UNACCOUNTED)


def export_command(
    input: InputArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Batch requests JSONL to write (replaced).")
    ],
    results: Annotated[
        list[Path] | None,
        typer.Option(
            "--results",
            "-r",
            help="Results files of earlier rounds (output and error files, in round order; "
            "repeat the option): write the next round's requests instead.",
        ),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
) -> None:
    """Write the Batch API requests of INPUT, for OpenAI's Batch API or vLLM's batch runner.

    Each line is {"custom_id": ID, "method": "POST", "url": "/v1/chat/completions", "body":
    the request the llm engine would send}. Run it anywhere that reads this format, then
    `summarizer batch import INPUT RESULTS... -o OUT.jsonl`. Input lines that cannot be
    analysed are not exported (import gives them their error records).
    """
    from ._exchange import export_requests

    with _exits():
        config = Config.from_env(
            engine="llm",
            max_chars=max_chars,
            model=model,
            base_url=base_url,
            structured_mode=structured_mode.value,
        )
        _require_input(input)
        report = export_requests(config, input, output, list(results or []))
    _err.print(
        f"export: {report.lines} lines: {report.requests} requests written to {output}, "
        f"{report.finished} already finished by the results given, {report.errors} with errors",
        markup=False,
    )


def import_command(
    input: InputArg,
    results: Annotated[
        list[Path],
        typer.Argument(
            help="Batch results files: output and error files, of one or more rounds in order."
        ),
    ],
    output: ResultsOpt,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    retry_errors: Annotated[
        bool, typer.Option("--retry-errors", help="Re-run ids whose last record is an error.")
    ] = False,
    cache: Annotated[
        Path | None, typer.Option(help="Cache the analyses here, as `batch run` does.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No report.")] = False,
) -> None:
    """Turn Batch results into a results JSONL, exactly as `batch run` would write it.

    Give the same INPUT and engine options as to `batch export`: the answers are validated,
    grounded and verified like live ones. An analysis that needs another request (a
    re-ask, a larger budget, the next chunk) gets an incomplete_conversation record: export
    again with --results to get those requests, then import all results files in order
    with --retry-errors.
    """
    for path in results:
        if not path.is_file():
            _err.print(f"summarizer: error: no such results file: {path}", markup=False)
            raise typer.Exit(EXIT_INPUT)
    options = BatchOptions(
        retry_errors=retry_errors,
        cache_dir=cache,
        via="files",
        results_files=list(results),
        require_jsonl=True,
    )
    config_options = {
        "engine": "llm",
        "max_chars": max_chars,
        "model": model,
        "base_url": base_url,
        "structured_mode": structured_mode.value,
    }
    _run_job(config_options, input, output, options, quiet=quiet)


class BatchGroup(TyperGroup):
    """`summarizer batch`: a group whose default command is `run`.

    A first argument that is not a command name (nor --help) is the INPUT of `run`, so
    `summarizer batch INPUT -o OUT` works as it always has."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["run", *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=BatchGroup,
    name="batch",
    no_args_is_help=True,
    add_completion=False,
    help="Analyse many articles into a JSONL of results, one line per input line.\n\n"
    "summarizer batch INPUT -o OUT.jsonl [OPTIONS] is short for summarizer batch run "
    "INPUT -o OUT.jsonl [OPTIONS] (see summarizer batch run --help). export and import "
    "write and read Batch API files by hand.",
)
batch_app.command("run")(batch_command)
batch_app.command("export")(export_command)
batch_app.command("import")(import_command)
