"""The CLI as a user runs it: a real subprocess for the main path, CliRunner for the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import Analysis, read_article
from summarizer._config import DEFAULT_MAX_CHARS
from summarizer._main import EXIT_ENGINE, EXIT_GOLD, EXIT_INPUT, app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"
EXAMPLE_HTML = EXAMPLE.with_suffix(".html")


def test_analyze_json_is_exactly_the_contract() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "analyze", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    analysis = Analysis.model_validate(data)  # extra="forbid": no stray keys
    text = EXAMPLE.read_text(encoding="utf-8")
    assert analysis.quotes  # the example has quotes: the check below is not vacuous
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)
    assert set(data) == {"summary", "quotes", "stances", "meta"}


SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_63ceeae6211ee247.txt"


def test_output_does_not_depend_on_the_hash_seed() -> None:
    # Two runs in one process share the string hash seed, so they cannot show an order that
    # comes from iterating a set or dict of strings; two processes with different seeds can.
    paths = [EXAMPLE] + ([SEED] if SEED.exists() else [])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.append(
            [
                subprocess.run(
                    [sys.executable, "-m", "summarizer", "analyze", str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                    env=env,
                ).stdout
                for path in paths
            ]
        )
    assert outputs[0] == outputs[1]
    assert all(json.loads(out)["quotes"] for out in outputs[0])


def test_analyze_stdin_markdown_and_html(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    md = runner.invoke(app, ["analyze", "-", "--format", "markdown"], input=text)
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# ")
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["analyze", str(EXAMPLE_HTML), "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Whitfield" in page


def test_extract_prints_the_text_offsets_refer_to() -> None:
    res = runner.invoke(app, ["extract", str(EXAMPLE_HTML)])
    assert res.exit_code == 0
    assert "<p>" not in res.stdout and "Natarajan" in res.stdout
    # Exactly the text `analyze` sees, character for character, plus a final newline.
    article = read_article(EXAMPLE_HTML, max_chars=DEFAULT_MAX_CHARS)
    assert not article.text.endswith("\n")
    assert res.stdout == article.text + "\n"
    # So the offsets `analyze` reports slice the quotes back out of the printed text.
    analyzed = runner.invoke(app, ["analyze", str(EXAMPLE_HTML)])
    assert analyzed.exit_code == 0, analyzed.output
    quotes = Analysis.model_validate_json(analyzed.stdout).quotes
    assert quotes
    assert all(res.stdout[q.start : q.end] == q.text for q in quotes)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\nxxxx", "PNG"),
        (b"caf\xe9 au lait", "UTF-8"),
    ],
)
def test_bad_input_exits_3_with_a_clear_message(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    res = runner.invoke(app, ["analyze", str(p)])
    assert res.exit_code == EXIT_INPUT
    assert needle in res.stderr
    assert "Traceback" not in res.output


def test_missing_file_and_size_limit(tmp_path: Path) -> None:
    res = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt")])
    assert res.exit_code == EXIT_INPUT and "no such file" in res.stderr
    res = runner.invoke(app, ["analyze", str(EXAMPLE), "--max-chars", "100"])
    assert res.exit_code == EXIT_INPUT and "over the limit" in res.stderr


def test_too_large_says_characters_and_the_flag_for_file_and_stdin(tmp_path: Path) -> None:
    # A file spoke of bytes, stdin of characters, and both told CLI users of Config.max_chars.
    text = EXAMPLE.read_text(encoding="utf-8")
    from_file = runner.invoke(app, ["analyze", str(EXAMPLE), "--max-chars", "100"])
    from_stdin = runner.invoke(app, ["analyze", "-", "--max-chars", "100"], input=text)
    for res, source in ((from_file, str(EXAMPLE)), (from_stdin, "<stdin>")):
        assert res.exit_code == EXIT_INPUT
        assert (
            f"{source}: article has {len(text):,} characters, over the limit of 100 "
            "characters (raise it with --max-chars)" in res.stderr
        )
        assert "bytes" not in res.stderr and "Config" not in res.stderr


def test_directory_and_process_substitution(tmp_path: Path) -> None:
    res = runner.invoke(app, ["analyze", str(tmp_path)])
    assert res.exit_code == EXIT_INPUT and "is a directory" in res.stderr
    # `analyze <(cmd)` hands over /dev/fd/N, a pipe: it is read, not "no such file".
    proc = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m summarizer extract <(cat "{EXAMPLE}")'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == EXAMPLE.read_text(encoding="utf-8")


def test_utf8_read_as_utf16_exits_3_naming_utf8(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b'Ann Lee said: "It works." The end.\n')  # 36 bytes: even
    res = runner.invoke(app, ["analyze", str(p), "--encoding", "utf-16"])
    assert res.exit_code == EXIT_INPUT
    assert "most likely UTF-8" in res.stderr


@pytest.mark.parametrize("polnear", [False, True])
def test_score_on_an_empty_gold_set_is_a_gold_error(tmp_path: Path, polnear: bool) -> None:
    # `score --gold /etc` reported P/R/F1 100.0 over 0 documents, exit 0.
    if polnear:
        (tmp_path / "text").mkdir()
        (tmp_path / "attributions").mkdir()
    else:
        (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    res = runner.invoke(app, ["score", "--gold", str(tmp_path)])
    assert res.exit_code == EXIT_GOLD, res.output
    assert "empty PolNeAR split" in res.stderr if polnear else "no gold data here" in res.stderr
    assert "100.0" not in res.output


def test_engine_llm_without_an_endpoint_fails_clearly() -> None:
    res = runner.invoke(app, ["analyze", str(EXAMPLE), "--engine", "llm"])
    assert res.exit_code == EXIT_ENGINE
    assert "no model endpoint is configured" in res.stderr


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("summarizer ")
