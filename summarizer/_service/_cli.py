"""`summarizer serve`: build the settings, the app, and run it under uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .._cli_options import (
    BaseUrlOpt,
    EngineOption,
    MaxCharsOpt,
    ModelOpt,
    StructuredMode,
    StructuredModeOpt,
)
from .._config import DEFAULT_MAX_CHARS, Config
from .._exceptions import SummarizerError
from ._settings import (
    DEFAULT_BURST,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PROCESSES,
    DEFAULT_RATE,
    DEFAULT_SHUTDOWN_TIMEOUT,
    ServiceSettings,
)

__all__ = ["serve_command"]

EXIT_ENGINE = 4

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            help="Where jobs are kept (default ./summarizer-data; see README for the "
            "environment variables).",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="Tokens, or sha256:<hex> of tokens, one a line (tokens may also come from "
            "the environment: see below).",
        ),
    ] = None,
    engine: Annotated[
        EngineOption, typer.Option(help="Default engine when a request says auto.")
    ] = EngineOption.auto,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    structured_mode: StructuredModeOpt = StructuredMode.auto,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    max_body_bytes: Annotated[int, typer.Option(min=1, help="Largest analyze body.")] = (
        DEFAULT_MAX_BODY_BYTES
    ),
    max_upload_bytes: Annotated[int, typer.Option(min=1, help="Largest job upload.")] = (
        DEFAULT_MAX_UPLOAD_BYTES
    ),
    max_in_flight: Annotated[
        int, typer.Option(min=1, help="Analyses at once; beyond, 503 + retry-after.")
    ] = DEFAULT_MAX_IN_FLIGHT,
    max_in_flight_per_token: Annotated[
        int | None,
        typer.Option(
            # Short: a longer name narrows every help line of `serve --help` at 80 columns.
            "--max-per-token",
            min=1,
            help="Analyses one token may have at once (default: a quarter of "
            "--max-in-flight); beyond, 503 + retry-after.",
            show_default=False,
        ),
    ] = None,
    rate: Annotated[
        float,
        typer.Option(
            min=0.001,
            help="Requests/s one token may keep up (default: 100 a core); beyond, 429 + "
            "retry-after. Requests without a valid token share one such limit per client "
            "address.",
        ),
    ] = DEFAULT_RATE,
    burst: Annotated[
        int, typer.Option(min=1, help="Requests one token may send at once after a pause.")
    ] = DEFAULT_BURST,
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes for one token's offline analyses (default: one per "
            "core); up to twice as many run while several tokens are busy.",
        ),
    ] = DEFAULT_PROCESSES,
    analysis_timeout: Annotated[
        float | None,
        typer.Option(
            min=0.001,
            help="Seconds one analysis may run before it is stopped and answered 504 "
            "(default 120, or from the environment: see README).",
            show_default=False,
        ),
    ] = None,
    shutdown_timeout: Annotated[
        int,
        typer.Option(
            min=0, help="Seconds a stopping server (SIGTERM) waits for requests in progress."
        ),
    ] = DEFAULT_SHUTDOWN_TIMEOUT,
    job_retention: Annotated[
        str | None,
        typer.Option(
            metavar="DURATION",
            # The env var's name is wider than the help column at 80: the README names it.
            help="Remove finished jobs this long after they finish: 7d, 12h, 30m "
            "(default: from the environment, see README; else keep them).",
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the summarizer over HTTP: an authenticated JSON API and a page to try it.

    Tokens come from --token-file and SUMMARIZER_API_TOKENS; the model key from
    OPENAI_API_KEY only, and it never appears in a response or a log line.
    """
    import uvicorn

    from ._app import create_app

    try:
        config = Config.from_env(
            engine=engine.value,
            max_chars=max_chars,
            model=model,
            base_url=base_url,
            structured_mode=structured_mode.value,
        )
        settings = ServiceSettings.from_env(
            config=config,
            data_dir=data_dir,
            token_file=token_file,
            max_body_bytes=max_body_bytes,
            max_upload_bytes=max_upload_bytes,
            max_in_flight=max_in_flight,
            max_in_flight_per_token=max_in_flight_per_token,
            rate=rate,
            burst=burst,
            processes=processes,
            job_retention=job_retention,
            analysis_timeout=analysis_timeout,
            shutdown_timeout=shutdown_timeout,
        )
        app = create_app(settings)
    except SummarizerError as exc:
        _err.print(f"summarizer: error: {exc.message}", markup=False)
        raise typer.Exit(EXIT_ENGINE) from exc
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        # Requests still running then are cancelled, their workers killed: a stop never
        # waits on a slow analysis (jobs are resumed on the next start).
        timeout_graceful_shutdown=settings.shutdown_timeout,
    )
