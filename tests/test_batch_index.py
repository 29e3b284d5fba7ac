"""Resume through the output's on-disk index (`_index.ResultIndex`).

The index follows the results file: whatever state a crash leaves them in (a record
written but never indexed, an index ahead of a file that lost lines, an index of another
file, an unreadable index), the rerun finishes with one record per input line, none
analysed twice, none lost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._index import ResultIndex, index_path
from summarizer._batch._output import id_key, key_hash

from .conftest import EXAMPLES

ARTICLE = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
OFFLINE = Config(engine="offline")


def _input(tmp_path: Path, n: int = 10) -> Path:
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "text": ARTICLE + f"\nNote {i}.\n"}) + "\n")
        fh.write(json.dumps({"id": "a3", "text": ARTICLE}) + "\n")  # a repeated id
        fh.write("{torn input\n")
    return src


def _finished(tmp_path: Path) -> tuple[Path, list[bytes]]:
    """The input and the lines of a finished run over it."""
    src, full = _input(tmp_path), tmp_path / "full.jsonl"
    run_batch(OFFLINE, src, full)
    return src, full.read_bytes().splitlines(keepends=True)


def _ids(out: Path) -> list[str]:
    return sorted(json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines())


def _indexed(out: Path, lines: list[bytes]) -> None:
    """Leave `out` holding `lines` and an index of them, as a job killed right then does."""
    out.write_bytes(b"".join(lines))
    ResultIndex.open(out).close()
    assert index_path(out).exists()


def test_a_finished_job_leaves_no_index(tmp_path: Path) -> None:
    src, out = _input(tmp_path), tmp_path / "out.jsonl"
    report = run_batch(OFFLINE, src, out)
    assert report.accounted and report.lines == 12
    assert not index_path(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.jsonl",
        "out.jsonl",
        "out.report.json",
    ]


def test_records_written_but_never_indexed_are_read_back_not_redone(tmp_path: Path) -> None:
    src, lines = _finished(tmp_path)
    out = tmp_path / "out.jsonl"
    # Killed after writing 8 records, of which the index had committed 5.
    _indexed(out, lines[:5])
    with out.open("ab") as fh:
        fh.write(b"".join(lines[5:8]))

    report = run_batch(OFFLINE, src, out)

    assert report.skipped == 8 and report.processed == len(lines) - 8
    assert out.read_bytes() == b"".join(lines)  # nothing twice, nothing lost, same order
    assert report.accounted and report.superseded == 0


def test_an_index_ahead_of_its_file_is_rebuilt(tmp_path: Path) -> None:
    src, lines = _finished(tmp_path)
    out = tmp_path / "out.jsonl"
    # The index covers 8 records; the file lost the last 4 of them (a power cut).
    _indexed(out, lines[:8])
    out.write_bytes(b"".join(lines[:4]))

    report = run_batch(OFFLINE, src, out)

    assert report.skipped == 4 and report.processed == len(lines) - 4
    assert out.read_bytes() == b"".join(lines)


def test_an_index_of_other_bytes_is_rebuilt(tmp_path: Path) -> None:
    src, lines = _finished(tmp_path)
    out = tmp_path / "out.jsonl"
    _indexed(out, lines[:6])
    # The same length, other records (the output replaced in place by another results
    # file): the index must not take a0..a5 for done.
    other = b"".join(lines[:6]).replace(b'"a', b'"b')
    with out.open("r+b") as fh:
        fh.write(other)

    report = run_batch(OFFLINE, src, out)

    assert report.skipped == 0 and report.processed == len(lines)
    assert report.accounted and report.ok == 10


def test_an_unreadable_index_is_rebuilt(tmp_path: Path) -> None:
    src, lines = _finished(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:5]))
    index_path(out).write_bytes(b"not a database" * 100)

    report = run_batch(OFFLINE, src, out)

    assert report.skipped == 5 and out.read_bytes() == b"".join(lines)
    assert not index_path(out).exists()


def test_a_retried_error_supersedes_through_the_index(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "f", "path": "later.txt"})
        + "\n"
        + json.dumps({"id": "g", "text": ARTICLE})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run_batch(OFFLINE, src, out).error == 1
    (tmp_path / "later.txt").write_text(ARTICLE, encoding="utf-8")
    # An index left by a killed earlier rerun: it holds f's error.
    ResultIndex.open(out).close()

    report = run_batch(OFFLINE, src, out, BatchOptions(retry_errors=True))

    assert (report.ok, report.error, report.superseded, report.processed) == (2, 0, 1, 1)
    assert _ids(out) == ["f", "g"]


def test_the_index_answers_status_and_repeats(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    rows: list[dict[str, Any]] = [
        {"id": "a", "status": "error", "error": {"type": "x"}},
        {"id": "b", "status": "ok"},
        {"id": "a", "status": "ok"},
    ]
    out.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with ResultIndex.open(out) as index:
        assert index.status(key_hash(id_key("a"))) is True  # the last record wins
        assert index.status(key_hash(id_key("c"))) is None
        assert index.first_seen(key_hash(id_key("a")))
        assert not index.first_seen(key_hash(id_key("a")))
        accounting = index.accounting()
        assert (accounting.seen, accounting.ok, accounting.missing) == (1, 1, 0)
    # `seen` belongs to one run: the next starts empty.
    with ResultIndex.open(out) as index:
        assert index.first_seen(key_hash(id_key("a")))
