"""Every `--help` of the CLI reads cleanly, and a bad choice gets a clean message."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from summarizer._main import app

runner = CliRunner()

# What typer 0.27+ printed instead of readable help: type placeholders (`<bool>`,
# `<list[Path]>`, `<str>`), braces around required arguments (`{path}`), pydantic's errors.
RAW = re.compile(r"<(?:bool|str|int|float|path|list\[)[^>]*>|\{[a-z_]+\}|Value error")


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command, as the words a user types after `summarizer`."""
    paths: list[tuple[str, ...]] = [()]
    stack: list[tuple[tuple[str, ...], Any]] = [((), typer.main.get_command(app))]
    while stack:
        path, command = stack.pop()
        # A group has `commands` (typer ships its own click: no isinstance on a public class).
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            paths.append((*path, name))
            stack.append(((*path, name), sub))
    return paths


COMMANDS = _command_paths()


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(p) for p in COMMANDS}
    assert {"analyze", "extract", "score", "eval", "serve", "batch"} <= names
    assert {"batch run", "batch export", "batch import"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "summarizer")
@pytest.mark.parametrize("columns", ["80", "200"])
def test_every_help_reads_cleanly(path: tuple[str, ...], columns: str) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output
    found = RAW.findall(result.output)
    assert not found, f"raw placeholders {found} in `{' '.join(path)} --help`:\n{result.output}"
    # Nothing cut short: an option name or a word wider than its column ends in "…".
    assert "…" not in result.output, result.output


def test_docstring_paragraphs_are_not_broken_mid_sentence() -> None:
    # typer kept the docstring's source line breaks: "stays out of shell⏎history" at any width.
    result = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "200"})
    assert (
        "The API key is read from OPENAI_API_KEY only (never a flag, so it stays out of shell "
        "history and process lists)." in result.output
    )


def test_a_bad_choice_names_the_choices_plainly() -> None:
    result = runner.invoke(app, ["analyze", "x.txt", "--format", "pdf"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "'pdf' is not one of 'json', 'markdown', 'html'" in result.output
    assert "Value error" not in result.output
