"""No job upload, in any encoding or shape, makes the server read one of its files.

Two layers, each tested on its own: the service stores an upload only as re-written UTF-8
JSON after refusing `path` lines (read with the batch runner's own decoder), and the runner,
run for the service, never opens a `path` whatever the stored input holds.
"""

from __future__ import annotations

import codecs
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import BatchOptions, Config, run_batch
from summarizer._batch._items import PATH_REFUSED, iter_items
from summarizer._exceptions import InvalidArticle
from summarizer._service._errors import InvalidJson, InvalidRequest
from summarizer._service._jobs import JsonlWriter

from .service_helpers import auth, running
from .service_helpers import settings as service_settings

SECRET = "TOP-SECRET-4f1c9e"
JSONL = {**auth(), "content-type": "application/x-ndjson"}

# Every encoding the batch runner accepts, as the bytes a client could send.
ENCODINGS: dict[str, Any] = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "utf-16-be": lambda s: s.encode("utf-16-be"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-32-le": lambda s: s.encode("utf-32-le"),
    "utf-32-be": lambda s: s.encode("utf-32-be"),
    "utf-32-bom": lambda s: s.encode("utf-32"),
}


def _secrets(tmp_path: Path) -> list[str]:
    """Paths a line may name: absolute, a symlink to it, and relative ones that resolve
    inside the job's own folder (its metadata, its input)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET} is the first line of a file nobody may read.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(secret)
    return [str(secret), str(link), "job.json", "input.jsonl", "../../../secret.txt"]


def _line(item: dict[str, Any]) -> str:
    return json.dumps(item) + "\n"


def _wait(client: httpx.Client, job: str) -> None:
    deadline = time.monotonic() + 60
    while client.get(f"/v1/jobs/{job}", headers=auth()).json()["status"] not in (
        "done",
        "failed",
    ):
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _bodies(paths: list[str]) -> Iterator[tuple[str, bytes]]:
    harmless = _line({"id": "h", "text": "The mayor said the bridge will open in May."})
    for path in paths:
        attack = _line({"id": "p", "path": path})
        for name, encode in ENCODINGS.items():
            yield f"{name} {path}", encode(attack)
            yield f"{name} after a harmless line {path}", encode(harmless + attack)
            # Mixed: a harmless UTF-8 line, then the attack in another encoding (with its
            # BOM in the middle of the upload).
            yield f"utf-8 then {name} {path}", harmless.encode() + encode(attack)
            yield f"{name} then utf-8 {path}", encode(harmless) + attack.encode()


def test_no_upload_reads_a_server_file(tmp_path: Path) -> None:
    paths = _secrets(tmp_path)
    seen = 0
    with (
        running(service_settings(tmp_path)) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        for name, body in _bodies(paths):
            # Torn: also sent in 3-byte chunks, cutting characters and the word "path".
            for content in (body, [body[i : i + 3] for i in range(0, len(body), 3)]):
                r = c.post("/v1/jobs?engine=offline", content=content, headers=JSONL)
                assert SECRET not in r.text, name
                if r.status_code == 202:
                    _wait(c, r.json()["id"])
                    results = c.get(f"/v1/jobs/{r.json()['id']}/results", headers=auth()).text
                    assert SECRET not in results, name
                    for record in map(json.loads, results.splitlines()):
                        # Nothing analysed came from a file: the only ok article is "h".
                        assert record["status"] == "error" or record["id"] == "h", name
                else:
                    assert r.status_code == 400, (name, r.text)
                    seen += 1
    # The plain cases are refused at the door, whatever the encoding.
    assert seen >= len(paths) * len(ENCODINGS) * 2


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_articles_in_any_runner_encoding_are_stored_as_utf8_and_analysed(
    tmp_path: Path, encoding: str
) -> None:
    lines: list[dict[str, Any]] = [
        {"id": "a", "text": "„Wir bauen“, sagte die Bürgermeisterin. The mayor said: “Yes.”"},
        {"id": "b", "text": "Ann Lee said the plan is good.", "metadata": {"desk": "ü"}},
    ]
    body = ENCODINGS[encoding]("".join(map(_line, lines)))
    with (
        running(service_settings(tmp_path)) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        r = c.post("/v1/jobs?engine=offline", content=body, headers=JSONL)
        assert r.status_code == 202, r.text
        job = r.json()["id"]
        _wait(c, job)
        stored = (tmp_path / "data" / "jobs" / job / "input.jsonl").read_bytes()
        assert [json.loads(line) for line in stored.decode("utf-8").splitlines()] == lines
        records = [
            json.loads(x)
            for x in c.get(f"/v1/jobs/{job}/results", headers=auth()).text.splitlines()
        ]
        assert {rec["id"]: rec["status"] for rec in records} == {"a": "ok", "b": "ok"}
        assert records[1]["metadata"] == {"desk": "ü"}


def test_a_line_that_is_not_json_keeps_its_reason(tmp_path: Path) -> None:
    body = b'{"id": "a", "text": "x y"}\nnot json\n\xff\xfe{"id": 1}\n'
    with (
        running(service_settings(tmp_path)) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        r = c.post("/v1/jobs?engine=offline", content=body, headers=JSONL)
        assert r.status_code == 202, r.text
        _wait(c, r.json()["id"])
        text = c.get(f"/v1/jobs/{r.json()['id']}/results", headers=auth()).text
        errors = {
            rec["line"]: rec["error"]
            for rec in map(json.loads, text.splitlines())
            if rec["status"] == "error"
        }
        assert errors[2]["type"] == "malformed_line"
        assert errors[2]["message"].startswith("line 2: Expecting value")
        assert errors[3]["message"].startswith("line 3: not valid UTF-8")


# --- the writer alone: what it stores can name no path, however it was cut ---------------


@settings(max_examples=150, deadline=None)
@given(
    encoding=st.sampled_from(sorted(ENCODINGS)),
    garbage=st.binary(max_size=40),
    cuts=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=30),
    prefix=st.booleans(),
)
def test_stored_upload_never_names_a_path(
    tmp_path_factory: pytest.TempPathFactory,
    encoding: str,
    garbage: bytes,
    cuts: list[int],
    prefix: bool,
) -> None:
    folder = tmp_path_factory.mktemp("job")
    # A path in disguise: escapes the plain "path" test would not see in the raw bytes.
    attack = '{"id": "p", "p\\u0061th": "/etc/passwd"}\n'
    body = (garbage if prefix else b"") + ENCODINGS[encoding](attack) + (b"" if prefix else garbage)
    writer = JsonlWriter(folder / "input.jsonl")
    try:
        pos = 0
        for size in cuts * 20:
            writer.feed(body[pos : pos + size])
            pos += size
            if pos >= len(body):
                break
        writer.feed(body[pos:])
        writer.close()
    except (InvalidRequest, InvalidJson):  # refused: the service's 400
        writer.abort()
        return
    stored = (folder / "input.jsonl").read_bytes()
    for line in stored.decode("utf-8").splitlines():  # UTF-8, every line JSON
        if line:
            json.loads(line)
    # Even the permissive reader (paths allowed) finds no path in what was stored.
    assert all(item.path is None for item in iter_items(folder / "input.jsonl"))


# --- the runner alone: run for the service, it opens no file a line names ------------------


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_runner_without_paths_opens_no_file(tmp_path: Path, encoding: str) -> None:
    paths = _secrets(tmp_path)
    source = tmp_path / "input.jsonl"
    source.write_bytes(
        ENCODINGS[encoding]("".join(_line({"id": f"p{i}", "path": p}) for i, p in enumerate(paths)))
    )
    output = tmp_path / "results.jsonl"
    report = run_batch(Config(engine="offline"), source, output, BatchOptions(allow_paths=False))
    text = output.read_text(encoding="utf-8")
    assert SECRET not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["error"]["type"] for r in records] == [PATH_REFUSED] * len(paths)
    assert report.accounted and report.error == len(paths)
    # The same file with paths allowed (the CLI's default) does read them: the test's input
    # really names readable files.
    allowed = tmp_path / "allowed.jsonl"
    run_batch(Config(engine="offline"), source, allowed)
    assert SECRET in allowed.read_text(encoding="utf-8")


def test_runner_without_paths_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"{SECRET} said the mayor.")
    with pytest.raises(InvalidArticle, match="folder"):
        run_batch(
            Config(engine="offline"),
            tmp_path / "in",
            tmp_path / "out.jsonl",
            BatchOptions(allow_paths=False),
        )
    assert (
        not (tmp_path / "out.jsonl").exists() or SECRET not in (tmp_path / "out.jsonl").read_text()
    )


# --- long lines --------------------------------------------------------------------------


def test_a_line_longer_than_an_article_body_is_refused_as_it_arrives(tmp_path: Path) -> None:
    head = b'{"id": "a", "text": "x"}\n'
    with (
        running(service_settings(tmp_path, max_body_bytes=4096)) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        for encoding in ("utf-8", "utf-16-le-bom"):
            chunks_sent = 0

            def body(encode: Any = ENCODINGS[encoding]) -> Iterator[bytes]:
                nonlocal chunks_sent
                yield encode(head.decode()) + encode('{"id": "b", "text": "')
                for _ in range(1000):  # 1000 x 1 kB, never a newline
                    chunks_sent += 1
                    yield encode("a" * 1024)

            r = c.post("/v1/jobs", content=body(), headers=JSONL)
            assert r.status_code == 413, r.text
            error = r.json()["error"]
            assert error["type"] == "line_too_large" and "line 2 is over 4,096" in error["message"]
        assert [p.name for p in (tmp_path / "data" / "jobs").iterdir()] == []


def test_a_long_line_is_joined_once(tmp_path: Path) -> None:
    # 2 MB in 1-byte... too slow over HTTP; at the writer: 64 kB in 64k one-byte chunks took
    # seconds when each chunk re-copied the line so far (quadratic), and is linear now.
    writer = JsonlWriter(tmp_path / "input.jsonl", max_line=10**6)
    line = b'{"id": "a", "text": "' + b"a" * 200_000 + b'"}\n'
    for i in range(len(line)):
        writer.feed(line[i : i + 1])
    writer.close()
    assert json.loads((tmp_path / "input.jsonl").read_bytes())["text"] == "a" * 200_000
