"""`summarizer batch export` / `import` need no model endpoint: nothing is sent."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer._main import app

ARTICLE = 'Ann Lee said: "It works."'


def _answer(*texts: str) -> str:
    quotes = [
        {
            "text": text,
            "paragraph": 1,
            "type": "direct",
            "speaker": {"name": "Ann Lee", "mention": "Ann Lee", "role": None, "kind": "person"},
            "cue": "said",
            "stance": None,
        }
        for text in texts
    ]
    summary = {"headline": "Lee", "text": "Ann Lee said it works.", "key_points": []}
    return json.dumps({"summary": summary, "quotes": quotes})


def _output_line(custom_id: str, content: str) -> str:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 900, "completion_tokens": 80, "total_tokens": 980},
    }
    response = {"status_code": 200, "request_id": "req_1", "body": body}
    return json.dumps(
        {"id": "batch_req_1", "custom_id": custom_id, "response": response, "error": None}
    )


def test_export_then_import_without_an_endpoint(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    requests = tmp_path / "requests.jsonl"
    runner = CliRunner()

    res = runner.invoke(
        app, ["batch", "export", str(source), "-o", str(requests), "--model", "gpt-4o-mini"]
    )
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in requests.read_text(encoding="utf-8").splitlines()]
    assert line["custom_id"] == "a" and line["url"] == "/v1/chat/completions"
    assert line["body"]["model"] == "gpt-4o-mini"
    assert line["body"]["response_format"]["type"] == "json_schema"  # OpenAI's shapes

    results = tmp_path / "results.jsonl"
    results.write_text(_output_line("a", _answer("It works.", "It fails.")) + "\n")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(
        app,
        ["batch", "import", str(source), str(results), "-o", str(out), "--model", "gpt-4o-mini"],
    )
    assert res.exit_code == 0, res.output
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "ok"
    quotes = record["analysis"]["quotes"]
    assert [(q["text"], q["start"], q["end"]) for q in quotes] == [("It works.", 15, 24)]
    assert ARTICLE[15:24] == "It works."
    (rejected,) = record["analysis"]["meta"]["rejected"]
    assert rejected["text"] == "It fails." and rejected["reason"].startswith("not found")
