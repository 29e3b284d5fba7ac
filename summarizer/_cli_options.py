"""Choices shared by the CLI's commands (`analyze`, `score`, `eval`), defined once."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

__all__ = [
    "BaseUrlOpt",
    "EngineOption",
    "ModelOpt",
    "ReportFormat",
    "StructuredMode",
    "StructuredModeOpt",
]


class EngineOption(StrEnum):
    """Values of `--engine`."""

    auto = "auto"
    offline = "offline"
    llm = "llm"


class StructuredMode(StrEnum):
    """Values of `--structured-mode`."""

    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"
    tools = "tools"


class ReportFormat(StrEnum):
    """Formats of `score` and `eval`: a terminal table, or JSON for machines."""

    table = "table"
    json = "json"


# Options every engine-running command takes, declared once (typer reads `Annotated`).
ModelOpt = Annotated[
    str | None, typer.Option(help="LLM model (default gpt-4o-mini, or SUMMARIZER_MODEL).")
]
"""`--model`."""

BaseUrlOpt = Annotated[
    str | None,
    typer.Option(help="OpenAI-compatible endpoint (default OPENAI_BASE_URL or OpenAI)."),
]
"""`--base-url`."""

StructuredModeOpt = Annotated[
    StructuredMode, typer.Option(help="How structured output is requested.")
]
"""`--structured-mode`."""
