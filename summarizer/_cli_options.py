"""Choices and options shared by the CLI's commands, defined once."""

from __future__ import annotations

import inspect
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "BaseUrlOpt",
    "EngineOption",
    "MaxCharsOpt",
    "ModelOpt",
    "ModelTableOpt",
    "PromptsDirOpt",
    "ReportFormat",
    "StructuredMode",
    "StructuredModeOpt",
    "reflow_help",
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

MaxCharsOpt = Annotated[
    int, typer.Option(min=1, help="Refuse articles longer than this many characters.")
]
"""`--max-chars` (default `DEFAULT_MAX_CHARS`)."""

PromptsDirOpt = Annotated[
    Path | None, typer.Option(help="A folder of prompt templates overriding the packaged.")
]
"""`--prompts-dir`."""

ModelTableOpt = Annotated[
    Path | None, typer.Option(help="JSON overriding context windows and prices per model.")
]
"""`--model-table`."""


_LINE_BREAK = re.compile(r"(?<=\S)\n(?=\S)(?![-*] )")


def reflow_help(app: typer.Typer) -> None:
    """Give `app`'s commands their docstrings as help, each paragraph on one line.

    typer's rich help keeps a docstring's single line breaks after its first paragraph, so
    text wrapped at the source's 100 columns broke mid-sentence in any other width; joined,
    rich wraps it to the terminal. List items (``- `` or ``* ``) keep their own lines.
    """
    for info in app.registered_commands:
        if info.help is None and info.callback is not None and info.callback.__doc__:
            info.help = _LINE_BREAK.sub(" ", inspect.cleandoc(info.callback.__doc__))
