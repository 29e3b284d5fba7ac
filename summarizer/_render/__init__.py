"""Renderers: an `Analysis` as JSON (the contract), Markdown (terminals, files) or HTML."""

from __future__ import annotations

from .._models import Analysis
from ._html import HtmlReport, render_html, render_html_report, report_script_source
from ._markdown import render_markdown

__all__ = [
    "HtmlReport",
    "render_html",
    "render_html_report",
    "render_json",
    "render_markdown",
    "report_script_source",
]


def render_json(analysis: Analysis) -> str:
    """The output contract exactly: `analysis.model_dump_json(indent=2)` plus a newline."""
    return analysis.model_dump_json(indent=2) + "\n"
