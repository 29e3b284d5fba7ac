"""The command-line interface: parse, call the library, render, map errors to exit codes.

Exit codes: 0 success; 1 an unexpected summarizer error or an unwritable output;
2 bad usage; 3 the input is not an analysable article (missing, a directory, empty, binary,
wrongly encoded, too large; for `batch`, not JSONL); 4 the engine or configuration cannot
run; 5 gold data that cannot be read, or none at all; 6 the model endpoint failed (rate
limits exhausted, outage, auth, refusal, truncated or invalid output).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from ._api import Summarizer
from ._batch._cli import batch_app
from ._cli_options import (
    BaseUrlOpt,
    EngineOption,
    MaxCharsOpt,
    ModelOpt,
    ModelTableOpt,
    PromptsDirOpt,
    ReportFormat,
    StructuredMode,
    StructuredModeOpt,
    reflow_help,
)
from ._config import DEFAULT_MAX_CHARS, Config
from ._evals._cli import eval_command
from ._exceptions import (
    ArticleTooLarge,
    ConfigError,
    EngineUnavailable,
    GoldDataError,
    InvalidArticle,
    ModelError,
    SummarizerError,
)
from ._input import read_article
from ._service._cli import serve_command
from ._version import __version__

__all__ = ["app", "main"]

EXIT_ERROR = 1
EXIT_INPUT = 3
EXIT_ENGINE = 4
EXIT_GOLD = 5
EXIT_MODEL = 6

app = typer.Typer(
    name="summarizer",
    help="Faithful summaries of news articles, with every quote verified and attributed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    """Formats of `summarizer analyze`."""

    json = "json"
    markdown = "markdown"
    html = "html"


def _fail(exc: SummarizerError) -> NoReturn:
    if isinstance(exc, InvalidArticle):
        code = EXIT_INPUT
    elif isinstance(exc, EngineUnavailable | ConfigError):
        code = EXIT_ENGINE
    elif isinstance(exc, GoldDataError):
        code = EXIT_GOLD
    elif isinstance(exc, ModelError):
        code = EXIT_MODEL
    else:
        code = EXIT_ERROR
    if isinstance(exc, ArticleTooLarge):
        exc = exc.for_cli()
    _err.print(f"summarizer: error: {exc.message}", markup=False)
    raise typer.Exit(code)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _err.print(f"summarizer: error: cannot write {output}: {exc.strerror}", markup=False)
        raise typer.Exit(EXIT_ERROR) from exc
    _err.print(f"wrote {output}", markup=False)


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"summarizer {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Faithful summaries of news articles, with every quote verified and attributed."""


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="Article file (.txt or .html), or - for stdin.")],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    engine: Annotated[
        EngineOption, typer.Option(help="auto: llm when one is configured, else offline.")
    ] = EngineOption.auto,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    encoding: Annotated[
        str | None, typer.Option(help="Input encoding (default: UTF-8, or as a BOM says).")
    ] = None,
    sentences: Annotated[
        int, typer.Option(min=2, max=5, help="Sentences in the summary (offline engine).")
    ] = 3,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    prompts_dir: PromptsDirOpt = None,
    model_table: ModelTableOpt = None,
) -> None:
    """Analyse one article: summary, attributed quotes, stances.

    The API key is read from OPENAI_API_KEY only (never a flag, so it stays out of shell
    history and process lists).
    """
    from ._render import render_html, render_json, render_markdown

    try:
        config = Config.from_env(
            engine=engine.value,
            max_chars=max_chars,
            summary_sentences=sentences,
            model=model,
            base_url=base_url,
            structured_mode=structured_mode.value,
            prompts_dir=prompts_dir,
            model_table=model_table,
        )
        article = read_article(path, max_chars=max_chars, encoding=encoding)
        with Summarizer(config) as summarizer:
            result = summarizer.analyze(article.text, source=article.source)
    except SummarizerError as exc:
        _fail(exc)
    if format is OutputFormat.json:
        _write(render_json(result), output)
    elif format is OutputFormat.html:
        _write(render_html(result, article.text, title=article.title), output)
    else:
        md = render_markdown(result, article.text)
        if output is None and sys.stdout.isatty():
            from rich.markdown import Markdown

            Console().print(Markdown(md))
        else:
            _write(md, output)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="Article file (.txt or .html), or - for stdin.")],
    encoding: Annotated[str | None, typer.Option(help="Input encoding.")] = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
) -> None:
    """Print the article text that `analyze` sees (the body extracted from HTML)."""
    try:
        article = read_article(path, max_chars=max_chars, encoding=encoding)
    except SummarizerError as exc:
        _fail(exc)
    sys.stdout.write(article.text if article.text.endswith("\n") else article.text + "\n")


@app.command()
def score(
    gold: Annotated[
        Path, typer.Option(help="Gold data: a PolNeAR split folder, or project gold JSON files.")
    ],
    engine: Annotated[EngineOption, typer.Option(help="Engine to score.")] = EngineOption.offline,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    worst: Annotated[
        int, typer.Option(min=0, help="List this many articles with the lowest lenient F1.")
    ] = 10,
    details: Annotated[
        int,
        typer.Option(
            min=0, help="For this many of them, list missed, spurious and mis-attributed quotes."
        ),
    ] = 0,
) -> None:
    """Score an engine's quotes against gold annotations (precision, recall, F1, speakers)."""
    from ._scoring import load_gold_any, render_report, score_documents

    try:
        summarizer = Summarizer(Config.from_env(engine=engine.value))
        docs = load_gold_any(gold)
        report = score_documents(docs, summarizer.analyze)
    except SummarizerError as exc:
        _fail(exc)
    if format is ReportFormat.json:
        _write(report.model_dump_json(indent=2) + "\n", output)
        return
    console = Console(file=sys.stdout if output is None else None, record=output is not None)
    console.print(render_report(report, worst=worst, details=details))
    if output is not None:
        _write(console.export_text(), output)


app.command("eval")(eval_command)
app.add_typer(batch_app, name="batch")
app.command("serve")(serve_command)
reflow_help(app)
reflow_help(batch_app)


def main() -> None:
    """Console-script entry point."""
    app()
