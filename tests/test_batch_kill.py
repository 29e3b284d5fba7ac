"""Kill the batch job with SIGKILL mid-run, rerun it: exactly one ok record per valid id."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from .conftest import EXAMPLES, REPO
from .process_helpers import clean_env, kill_when

ARTICLE = (EXAMPLES / "article.txt").read_text(encoding="utf-8")


def test_sigkill_then_resume(tmp_path: Path) -> None:
    n = 300
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "text": ARTICLE + f"\nNote {i}.\n"}) + "\n")
        fh.write("{torn input\n")  # one malformed line: accounted as an error, not lost
    cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(out)]
    cmd += ["--engine", "offline", "--quiet"]
    env = clean_env()
    kill_when(cmd, lambda: out.exists() and out.read_bytes().count(b"\n") >= 40, env=env, poll=0.01)
    partial = out.read_bytes().count(b"\n")
    assert 40 <= partial < n, "the job must be killed mid-run"

    rerun = subprocess.run([*cmd, "--workers", "2"], cwd=REPO, env=env, check=False)
    assert rerun.returncode == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ok = Counter(r["id"] for r in recs if r["status"] == "ok")
    assert ok == Counter({f"a{i}": 1 for i in range(n)})
    assert len(recs) == n + 1
    report = json.loads((tmp_path / "out.report.json").read_text())
    assert report["accounted"] and report["ok"] == n and report["error"] == 1
    assert report["skipped"] >= 40
