"""The batch job with the offline engine: accounting, resume, torn lines, inputs."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._index import ResultIndex
from summarizer._batch._items import BatchItem, iter_items
from summarizer._batch._output import id_key, key_hash, scan, truncate_torn_tail
from summarizer._main import app

from .conftest import EXAMPLES

ARTICLE = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
OFFLINE = Config(engine="offline")


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def mixed_input(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "t1", "text": ARTICLE, "title": "T", "url": "u", "metadata": {"k": 1}},
            {"id": 2, "path": "a.txt"},
            {"id": "h", "html": f"<html><body><article><p>{ARTICLE}</p></article></body></html>"},
            "{not json",
            "[1, 2]",
            {"text": "no id"},
            {"id": "t1", "text": ARTICLE},  # repeat
            {"id": "t1", "text": ARTICLE},  # and again
            {"id": "missing"},
            {"id": "gone", "path": "nope.txt"},
            {"id": "empty", "text": "   "},
            {"id": "both", "text": "x", "html": "y"},
            "",  # blank lines are not items
        ],
    )


def test_every_line_accounted_with_typed_errors(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = run_batch(OFFLINE, mixed_input(tmp_path), out)
    recs = records(out)
    assert len(recs) == report.lines == 12
    assert report.accounted and report.missing == 0
    by_line = {r["line"]: r for r in recs}
    assert by_line[1]["status"] == "ok"
    assert by_line[1]["metadata"] == {"k": 1} and by_line[1]["title"] == "T"
    assert by_line[1]["url"] == "u"
    assert by_line[2]["id"] == "2" and by_line[2]["status"] == "ok"
    assert by_line[3]["status"] == "ok"
    kinds = {line: r["error"]["type"] for line, r in by_line.items() if r["status"] == "error"}
    assert kinds == {
        4: "malformed_line",
        5: "malformed_line",
        6: "malformed_line",
        7: "duplicate_id",
        8: "duplicate_id",
        9: "missing_text",
        10: "not_found",
        11: "empty_article",
        12: "malformed_line",
    }
    assert by_line[4]["id"] == "line:4" and "line 4" in by_line[4]["error"]["message"]
    assert report.ok == 3 and report.error == 9
    assert report.error_types["duplicate_id"] == 2
    saved = json.loads((tmp_path / "out.report.json").read_text())
    assert saved["ok"] == 3 and saved["accounted"] is True


def test_rerun_skips_everything_and_writes_nothing(tmp_path: Path) -> None:
    src, out = mixed_input(tmp_path), tmp_path / "out.jsonl"
    run_batch(OFFLINE, src, out)
    before = out.read_bytes()
    report = run_batch(OFFLINE, src, out)
    assert out.read_bytes() == before
    assert report.skipped == 12 and report.processed == 0 and report.accounted
    assert report.ok == 3 and report.error == 9


def test_resume_finishes_a_partial_output(tmp_path: Path) -> None:
    rows = [{"id": f"a{i}", "text": ARTICLE + f"\nNote {i}.\n"} for i in range(10)]
    src, out = write_jsonl(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    run_batch(OFFLINE, write_jsonl(tmp_path / "head.jsonl", rows[:4]), out)
    report = run_batch(OFFLINE, src, out)
    assert report.skipped == 4 and report.processed == 6
    ids = [r["id"] for r in records(out)]
    assert sorted(ids) == sorted(r["id"] for r in rows)


def test_torn_last_line_is_cut_and_redone(tmp_path: Path) -> None:
    rows = [{"id": f"a{i}", "text": ARTICLE} for i in range(3)]
    src, out = write_jsonl(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    run_batch(OFFLINE, src, out)
    data = out.read_bytes()
    lines = data.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:40])  # a crash mid-write
    report = run_batch(OFFLINE, src, out)
    assert report.torn_bytes == 40
    assert report.processed == 1 and report.skipped == 2
    recs = records(out)
    assert sorted(r["id"] for r in recs) == ["a0", "a1", "a2"]
    assert all(r["status"] == "ok" for r in recs)


def test_truncate_torn_tail_long_line(tmp_path: Path) -> None:
    p = tmp_path / "f"
    p.write_bytes(b'{"a": 1}\n' + b"x" * 200_000)
    assert truncate_torn_tail(p) == 200_000
    assert p.read_bytes() == b'{"a": 1}\n'
    p.write_bytes(b"y" * 10)
    assert truncate_torn_tail(p) == 10 and p.read_bytes() == b""


def test_errors_retried_only_on_request_and_superseded(tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "ok", "text": ARTICLE},
            {"id": "f", "path": "later.txt"},
            {"id": "ok", "text": "x"},
        ],
    )
    out = tmp_path / "out.jsonl"
    first = run_batch(OFFLINE, src, out)
    assert (first.ok, first.error) == (1, 2)
    (tmp_path / "later.txt").write_text(ARTICLE, encoding="utf-8")
    again = run_batch(OFFLINE, src, out)
    assert again.processed == 0 and again.error == 2
    retried = run_batch(OFFLINE, src, out, BatchOptions(retry_errors=True))
    # The file error is redone and now succeeds; the duplicate is final and not redone.
    assert retried.processed == 1 and retried.superseded == 1
    assert (retried.ok, retried.error, retried.lines) == (2, 1, 3)
    recs = records(out)
    assert len(recs) == 3  # compacted: one line per input line
    assert {r["id"]: r["status"] for r in recs if r["id"] == "f"} == {"f": "ok"}


def test_compact_keeps_last_record_per_key(tmp_path: Path) -> None:
    p = write_jsonl(
        tmp_path / "o.jsonl",
        [
            {"id": "a", "status": "error", "error": {"type": "x"}},
            {"id": "b", "status": "ok"},
            "garbage",
            {"id": "a", "status": "ok"},
        ],
    )
    with ResultIndex.open(p) as index:
        assert index.compact() == 2
    assert scan(p) == {key_hash(id_key("b")): True, key_hash(id_key("a")): True}
    with ResultIndex.open(p) as index:
        assert index.compact() == 0


def test_folder_input(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "two.html").write_text(
        f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8"
    )
    (folder / "three.txt").write_bytes(b"\x89PNG\r\n")
    (folder / "skip.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = run_batch(OFFLINE, folder, out)
    status = {r["id"]: r["status"] for r in records(out)}
    assert status == {"one.txt": "ok", "three.txt": "error", "sub/two.html": "ok"}
    assert report.accounted and report.error_types == {"binary_article": 1}


def test_stdin_input_through_the_cli(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"id": f"s{i}", "text": ARTICLE}) for i in range(3)) + "\n"
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["batch", "-", "-o", str(out), "--engine", "offline"], input=body
    )
    assert result.exit_code == 0, result.output
    assert sorted(r["id"] for r in records(out)) == ["s0", "s1", "s2"]
    assert "3 ok" in result.output and "all lines accounted for" in result.output


def test_iter_items_is_lazy() -> None:
    # A generator over a stream: items come before the stream ends. The pipe's write end
    # stays open, as with a producer that has written one line and not yet the next, so a
    # reader that wants more than that line blocks until the end of the test.
    read_fd, write_fd = os.pipe()
    stdin = io.TextIOWrapper(os.fdopen(read_fd, "rb"))
    got: list[BatchItem] = []
    failed: list[BaseException] = []
    arrived = threading.Event()
    items = iter_items("-")

    def first() -> None:
        try:
            got.append(next(items))
        except BaseException as exc:  # reported below, not lost in the thread
            failed.append(exc)
        arrived.set()

    thread = threading.Thread(target=first, daemon=True)
    old = sys.stdin
    try:
        sys.stdin = stdin
        os.write(write_fd, b'{"id": 1, "text": "a"}\n')
        thread.start()
        in_time = arrived.wait(timeout=5)
    finally:
        os.close(write_fd)  # the end of the stream: a reader still waiting returns now
        if thread.ident is not None:
            thread.join(timeout=5)
        sys.stdin = old
        stdin.close()
    assert not failed, failed
    assert in_time, "iter_items read past the first line before yielding it"
    assert [item.id for item in got] == ["1"]


def test_cli_missing_input_and_quiet(tmp_path: Path) -> None:
    runner = CliRunner()
    gone = runner.invoke(app, ["batch", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "o")])
    assert gone.exit_code == 3
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": ARTICLE}])
    quiet = runner.invoke(
        app, ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "offline", "-q"]
    )
    assert quiet.exit_code == 0 and quiet.output == ""


def test_llm_engine_without_endpoint_is_a_config_error(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": ARTICLE}])
    result = CliRunner().invoke(
        app, ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "llm"]
    )
    assert result.exit_code == 4


@pytest.mark.parametrize("workers", [2])
def test_process_pool_matches_single_process(tmp_path: Path, workers: int) -> None:
    rows = [{"id": f"a{i}", "text": ARTICLE + f"\nNote {i}.\n"} for i in range(40)]
    rows.append({"id": "a3", "text": ARTICLE})
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    run_batch(OFFLINE, src, one)
    report = run_batch(OFFLINE, src, many, BatchOptions(workers=workers, chunk_size=4))
    assert report.accounted and report.ok == 40 and report.error == 1

    def by_id(p: Path) -> dict[tuple[str, int], Any]:
        return {(r["id"], r["line"]): r for r in records(p)}

    assert by_id(one) == by_id(many)


def test_plain_progress_lines_when_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer._batch import _progress

    monkeypatch.setattr(_progress, "PLAIN_INTERVAL", 0.0)
    stream = io.StringIO()
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": ARTICLE} for i in range(3)])
    with _progress.ProgressDisplay(stream=stream) as display:
        run_batch(OFFLINE, src, tmp_path / "o.jsonl", BatchOptions(progress=display))
    assert "batch: 3 lines read, 3 written (3 ok, 0 errors)" in stream.getvalue()
    quiet = io.StringIO()
    with _progress.ProgressDisplay(stream=quiet, quiet=True) as display:
        run_batch(OFFLINE, src, tmp_path / "o2.jsonl", BatchOptions(progress=display))
    assert quiet.getvalue() == ""
