"""The batch job with hostile inputs: every line still ends as exactly one record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._output import scan
from summarizer._exceptions import InvalidArticle, SummarizerError

from .conftest import EXAMPLES

ARTICLE = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
OFFLINE = Config(engine="offline")


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def jsonl(*rows: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


# --- 1: lines json.loads cannot take, or ids that cannot be written -------------------------


def test_unparseable_and_unwritable_lines_are_error_records(tmp_path: Path) -> None:
    body = jsonl(
        {"id": "ok1", "text": ARTICLE},
        '{"id": "\\ud800x", "text": "x"}',  # a lone surrogate in the id
        '{"id": ' + "7" * 5000 + ', "text": "x"}',  # an int too long for int()
        '{"id": "big", "text": "x", "metadata": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,  # nested past the recursion limit
        '{"id": "sur-title", "text": "' + "a" * 20 + '", "title": "\\udc80"}',
        '{"id": "sur-path", "path": "\\ud800.txt"}',
        {"id": "after", "text": ARTICLE},
    )
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(body, encoding="utf-8")
    report = run_batch(OFFLINE, src, out)
    recs = records(out)  # the whole file is valid UTF-8
    by_line = {r["line"]: r for r in recs}
    assert sorted(by_line) == list(range(1, 9)) and len(recs) == 8
    assert report.accounted and report.lines == 8
    assert by_line[1]["status"] == "ok" and by_line[8]["status"] == "ok"
    for line in (2, 3, 4, 5, 6, 7):
        assert by_line[line]["status"] == "error", by_line[line]
        assert by_line[line]["error"]["type"] == "malformed_line", by_line[line]
        assert f"line {line}" in by_line[line]["error"]["message"]
    assert "surrogate" in by_line[2]["error"]["message"]
    assert "recursion" in by_line[5]["error"]["message"] or "deep" in by_line[5]["error"]["message"]
    # The rerun reads the same file back and has nothing to do.
    again = run_batch(OFFLINE, src, out)
    assert again.processed == 0 and again.skipped == 8 and again.accounted


def test_results_file_with_hostile_lines_is_still_scanned(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(
        jsonl(
            {"id": "a", "status": "ok"},
            "[" * 100_000 + "]" * 100_000,
            '{"id": ' + "7" * 5000 + ', "status": "ok"}',
            '{"id": "\\ud800", "status": "ok"}',
        ),
        encoding="utf-8",
    )
    assert len(scan(out)) == 2


# --- 2: folder entries whose names are not UTF-8 --------------------------------------------


def test_folder_with_undecodable_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "fold"
    folder.mkdir()
    raw = os.fsencode(folder)
    try:
        with open(raw + b"/caf\xe9.txt", "wb") as fh:
            fh.write(ARTICLE.encode())
    except OSError:  # pragma: no cover - a file system that wants UTF-8 names
        pytest.skip("file system refuses non-UTF-8 names")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    # A valid name spelled like the escaped one: the two must still get distinct ids.
    (folder / "caf\\xe9.txt").write_text(ARTICLE + "\nMore.\n", encoding="utf-8")
    (folder / "z.txt").write_text(ARTICLE + "\nEnd.\n", encoding="utf-8")
    os.mkdir(raw + b"/d\xff")
    with open(raw + b"/d\xff/in.txt", "wb") as fh:
        fh.write(b"not \xff analysable")
    out = tmp_path / "out.jsonl"
    report = run_batch(OFFLINE, folder, out)
    recs = records(out)
    ids = [r["id"] for r in recs]
    assert len(recs) == 5 and len(set(ids)) == 5, ids
    assert report.accounted and report.lines == 5
    status = {r["id"]: r["status"] for r in recs}
    assert status.pop("d\\xff/in.txt") == "error"  # its bytes are not UTF-8: analysed, refused
    assert status.pop("a.txt") == status.pop("z.txt") == status.pop("caf\\xe9.txt") == "ok"
    assert list(status.values()) == ["ok"]  # the file named caf<0xe9>.txt, under its own id
    assert report.error_types == {"decoding_error": 1}
    again = run_batch(OFFLINE, folder, out)
    assert again.processed == 0 and again.skipped == 5


# --- 3: an output that is the input, or not a results file at all --------------------------


def test_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "same.jsonl"
    src.write_text(jsonl({"id": "a", "text": ARTICLE}) + '{"id": "tail", "text": "x"}')
    before = src.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(src)
    for output in (src, link):
        # A process with a deadline: reading the file being appended to never ends.
        cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(output)]
        result = subprocess.run(
            [*cmd, "--engine", "offline", "-q"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1, result.stderr
        assert "is the input" in result.stderr
        assert src.read_bytes() == before
    assert not (tmp_path / "same.report.json").exists()
    with src.open("rb") as stdin:  # the input on stdin, the same file as output
        result = subprocess.run(
            [sys.executable, "-m", "summarizer", "batch", "-", "-o", str(src), "-q"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and "is the input" in result.stderr
    assert src.read_bytes() == before


def test_export_onto_its_input_is_refused(tmp_path: Path) -> None:
    from summarizer._batch._exchange import export_requests

    src = tmp_path / "in.jsonl"
    src.write_text(jsonl({"id": "a", "text": ARTICLE}), encoding="utf-8")
    before = src.read_bytes()
    with pytest.raises(SummarizerError, match="is the input"):
        export_requests(Config(engine="llm"), src, src)
    assert src.read_bytes() == before


def test_an_output_that_is_not_a_results_file_is_left_alone(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl({"id": "a", "text": ARTICLE}), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nno newline at the end")
    other = tmp_path / "other.jsonl"
    other.write_text(jsonl({"id": "b", "text": ARTICLE}) + '{"id": "c", "te')
    for output in (notes, other):
        before = output.read_bytes()
        with pytest.raises(SummarizerError, match="not a results file"):
            run_batch(OFFLINE, src, output)
        assert output.read_bytes() == before
    # A results file torn on its first record is still resumed.
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(b'{"id": "a", "li')
    report = run_batch(OFFLINE, src, torn)
    assert report.torn_bytes == 15 and report.ok == 1
    assert [r["id"] for r in records(torn)] == ["a"]


# --- 4: UTF-16 / UTF-32 input ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_utf32_input_are_read_whole(tmp_path: Path, encoding: str) -> None:
    rows = [
        {"id": "a", "text": ARTICLE},
        {"id": "\u0a0a\u010a", "text": ARTICLE + "\nNote.\n"},  # code units holding 0x0a
        "{broken",
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(jsonl(*rows).encode(encoding))
    report = run_batch(OFFLINE, src, out)
    by_line = {r["line"]: r for r in records(out)}
    assert sorted(by_line) == [1, 2, 3] and report.lines == 3 and report.accounted
    assert by_line[1]["status"] == "ok" and by_line[1]["id"] == "a"
    assert by_line[2]["status"] == "ok" and by_line[2]["id"] == "\u0a0a\u010a"
    assert by_line[3]["error"]["type"] == "malformed_line"


def test_a_utf16_line_in_a_utf8_file_is_one_error(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(
        jsonl({"id": "a", "text": ARTICLE}).encode()
        + json.dumps({"id": "w", "text": "x"}).encode("utf-16-le")
        + b"\n"
        + jsonl({"id": "b", "text": ARTICLE}).encode()
    )
    report = run_batch(OFFLINE, src, out)
    by_line = {r["line"]: r for r in records(out)}
    assert sorted(by_line) == [1, 2, 3] and report.accounted
    assert by_line[2]["error"]["type"] == "malformed_line"
    assert by_line[3]["status"] == "ok"


# --- 5: the offline pool writes in input order ----------------------------------------------


def test_worker_pool_writes_in_input_order(tmp_path: Path) -> None:
    rows: list[Any] = [{"id": "slow", "text": (ARTICLE + "\n") * 12}]
    rows += [{"id": f"f{i}", "text": ARTICLE + f"\nNote {i}.\n"} for i in range(5)]
    rows += ["{bad", {"id": "f1", "text": ARTICLE}, {"id": "last", "text": ARTICLE}]
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(*rows), encoding="utf-8")
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    run_batch(OFFLINE, src, one)
    run_batch(OFFLINE, src, many, BatchOptions(workers=2, chunk_size=1))
    lines = [r["line"] for r in records(many)]
    assert lines == list(range(1, 10))
    assert many.read_bytes() == one.read_bytes()


# --- 6: keys that cannot collide ------------------------------------------------------------


def test_keys_do_not_collide(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        jsonl(
            "{not json",  # gets the fallback id line:1
            {"id": "line:1", "text": ARTICLE},  # a real id, not a repeat of it
            {"id": "A", "text": ARTICLE},
            {"id": "A\u0000line:5", "text": ARTICLE + "\nNote.\n"},
            {"id": "A", "text": ARTICLE},  # a repeat, on line 5
        ),
        encoding="utf-8",
    )
    report = run_batch(OFFLINE, src, out)
    by_line = {r["line"]: r for r in records(out)}
    assert sorted(by_line) == [1, 2, 3, 4, 5] and report.accounted
    assert by_line[1]["id"] == "line:1" and by_line[1]["error"]["type"] == "malformed_line"
    assert by_line[2]["status"] == "ok"
    assert by_line[4]["status"] == "ok"
    assert by_line[5]["error"]["type"] == "duplicate_id"
    assert (report.ok, report.error) == (3, 2)
    again = run_batch(OFFLINE, src, out, BatchOptions(retry_errors=True))
    assert again.processed == 1 and again.skipped == 4  # only the malformed line is redone
    assert len(records(out)) == 5 and again.accounted


# --- an input that is not JSONL at all -------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        ARTICLE.encode("utf-8"),  # one article: was 9 malformed_line records, exit 0
        bytes(range(256)) * 40,  # binary: was 11 records, exit 0
        b'"just a string"\n[1, 2]\n42\n',  # JSON, but no line is an object
    ],
    ids=["article", "binary", "json-not-objects"],
)
def test_an_input_with_no_json_object_line_is_refused_before_writing(
    tmp_path: Path, content: bytes
) -> None:
    src, out = tmp_path / "article.txt", tmp_path / "x.jsonl"
    src.write_bytes(content)
    cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(out)]
    result = subprocess.run([*cmd, "--engine", "offline"], capture_output=True, timeout=120)
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    assert "this is not JSONL" in stderr and "summarizer analyze" in stderr
    assert "folder of .txt/.html files" in stderr
    assert not out.exists() and not (tmp_path / "x.report.json").exists()
    # On stdin too (read once: its first lines are held while looking).
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", "-", "-o", str(out), "--engine", "offline"],
        input=content,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 3 and b"this is not JSONL" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("stdin", [False, True])
def test_one_json_object_line_makes_it_jsonl(
    tmp_path: Path, stdin: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its other lines are malformed records as before; an object without a usable id is
    # JSON too (its own malformed_line), so such a file is not refused either.
    body = "not json\n" * 3 + jsonl({"id": "a", "text": ARTICLE}, {"text": "no id"}) + "x\n"
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(body, encoding="utf-8")
    options = BatchOptions(require_jsonl=True)
    if stdin:
        with src.open("rb") as fh:
            monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=fh))
            report = run_batch(OFFLINE, "-", out, options)
    else:
        report = run_batch(OFFLINE, src, out, options)
    assert report.accounted and report.lines == 6 and report.ok == 1
    assert report.error_types == {"malformed_line": 5}
    only_bad_ids = tmp_path / "noid.jsonl"
    only_bad_ids.write_text(jsonl({"text": "x"}, {"id": None, "text": "y"}), encoding="utf-8")
    again = run_batch(OFFLINE, only_bad_ids, tmp_path / "noid-out.jsonl", options)
    assert again.error_types == {"malformed_line": 2}


def test_a_jsonl_file_is_read_by_uri_as_by_path(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="URIs are read with pyarrow (the ray extra)")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    src = tmp_path / "in.jsonl"
    rows = [{"id": "t", "text": ARTICLE}, {"id": "p", "path": "a.txt"}, {"id": "t"}]
    src.write_text("".join(json.dumps(row) + "\n" for row in rows) + "{torn\n", encoding="utf-8")
    by_path, by_uri = tmp_path / "path.jsonl", tmp_path / "uri.jsonl"
    run_batch(OFFLINE, src, by_path)
    report = run_batch(OFFLINE, src.as_uri(), by_uri)
    # A relative `path` is beside the JSONL file, as for a path.
    assert by_uri.read_bytes() == by_path.read_bytes()
    assert report.input == src.as_uri() and report.ok == 2 and report.accounted
    with pytest.raises(InvalidArticle, match="cannot read nope://x"):
        run_batch(OFFLINE, "nope://x/in.jsonl", tmp_path / "never.jsonl")
