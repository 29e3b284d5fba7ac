"""Choices shared by the CLI's commands (`analyze`, `score`, `eval`), defined once."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EngineOption", "ReportFormat", "StructuredMode"]


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
