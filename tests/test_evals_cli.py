"""`summarizer eval` as a user runs it: logs, rescoring, reports, the gate, reported errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from summarizer._evals._cli import EXIT_CHECK
from summarizer._evals._log import EvalLog
from summarizer._main import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "fixtures" / "evals" / "suite"


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, ["eval", *map(str, args)])


def read(path: Path) -> EvalLog:
    return EvalLog.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.fixture
def run_log(tmp_path: Path) -> Path:
    path = tmp_path / "run.json"
    result = invoke("--suite", SUITE, "--log", path)
    assert result.exit_code == 0, result.output
    return path


def thresholds(tmp_path: Path, **groups: dict[str, float]) -> Path:
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps({"default": groups}), encoding="utf-8")
    return path


def test_a_run_writes_a_versioned_log_with_provenance_and_outputs(run_log: Path) -> None:
    log = read(run_log)
    assert log.schema_version == 1
    p = log.provenance
    assert (p.engine, p.model, p.prompt_version, p.fixture) == ("offline", None, None, False)
    assert p.package_version and p.python_version
    [suite] = p.suites
    assert (suite.label, suite.path, suite.kind, suite.n_cases) == (
        "suite",
        "tests/fixtures/evals/suite",
        "cases",
        2,
    )
    assert re.fullmatch(r"[0-9a-f]{64}", suite.sha256)
    assert [c.key for c in log.cases] == ["suite/harbor-vote", "suite/pronoun-speaker"]
    assert all(c.output is not None and c.error is None and c.seconds for c in log.cases)
    assert log.scores is not None and log.scores.metrics["cases"] == 2.0


def test_rescore_equals_the_original_scores(run_log: Path, tmp_path: Path) -> None:
    result = invoke("--rescore", run_log, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    original = read(run_log)
    assert original.scores is not None
    assert report["metrics"] == original.scores.metrics
    assert report["provenance"]["rescored_from"] == str(run_log)
    assert [c["key"] for c in report["cases"]] == [c.key for c in original.cases]


def test_rescore_scores_the_saved_outputs_not_a_new_run(run_log: Path, tmp_path: Path) -> None:
    data = json.loads(run_log.read_text(encoding="utf-8"))
    for case in data["cases"]:
        case["output"]["quotes"] = []  # as if the engine had found nothing
    doctored = tmp_path / "doctored.json"
    doctored.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("--rescore", doctored, "--format", "json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["lenient_recall"] == 0.0 and metrics["lenient_precision"] == 0.0


def test_json_output_carries_per_case_detail(tmp_path: Path) -> None:
    result = invoke("--suite", SUITE, "--no-log", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["fixture"] is False and report["log"] is None
    cases = {c["key"]: c for c in report["cases"]}
    assert list(cases) == ["suite/harbor-vote", "suite/pronoun-speaker"]
    harbor = cases["suite/harbor-vote"]
    # All four gold quotes are found with the right speaker and nothing else (the fragment
    # "the plan, according to the Harbor Fishermen's Union" that overlapped the gold "Local
    # fishermen oppose the plan" went with issue #13's one quote per attribution).
    assert harbor["error"] is None
    assert (harbor["n_gold"], harbor["n_predicted"]) == (4, 4)
    assert harbor["missed"] == []
    assert harbor["spurious"] == []
    assert (harbor["speaker_correct"], harbor["speaker_total"]) == (4, 4)
    assert harbor["wrong_speakers"] == []
    assert harbor["lenient_f1"] == pytest.approx(1.0)
    assert (harbor["key_facts"], harbor["key_facts_covered"]) == (2, 2)
    pronoun = cases["suite/pronoun-speaker"]
    assert (pronoun["n_gold"], pronoun["n_predicted"], pronoun["lenient_f1"]) == (2, 2, 1.0)
    assert pronoun["missed"] == pronoun["spurious"] == pronoun["wrong_speakers"] == []
    for case in cases.values():
        # The detail agrees with the counts: matched = gold - missed = predicted - spurious.
        matched = case["n_gold"] - len(case["missed"])
        assert matched == case["n_predicted"] - len(case["spurious"])
        assert case["lenient_f1"] == pytest.approx(
            2 * matched / (case["n_gold"] + case["n_predicted"])
        )
        assert case["unsupported_numbers"] == case["unsupported_names"] == []
        assert case["seconds"] > 0
    assert report["metrics"]["cases"] == 2.0


def test_a_missing_or_changed_outside_text_is_reported_not_skipped(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    shutil.copytree(SUITE, suite)
    article = tmp_path / "article.txt"
    article.write_text("Ada Brook said it works.\n", encoding="utf-8")
    for name, text_path, sha in (
        ("gone", "no/such/article.txt", "0" * 64),
        ("changed", str(article), "f" * 64),
    ):
        case = {"id": name, "text_path": text_path, "sha256": sha, "quotes": []}
        (suite / f"{name}.json").write_text(json.dumps(case), encoding="utf-8")
    log_path = tmp_path / "log.json"
    result = invoke("--suite", suite, "--log", log_path)
    assert result.exit_code == 0, result.output
    errors = {c.id: c.error for c in read(log_path).cases if c.error}
    assert errors["gone"] is not None and errors["gone"].type == "missing_text"
    assert "'no/such/article.txt' cannot be read" in errors["gone"].message
    assert errors["changed"] is not None and errors["changed"].type == "text_hash_mismatch"
    assert "Errors" in result.stdout and "missing_text" in result.stdout
    log = read(log_path)
    assert log.scores is not None and log.scores.metrics["errors"] == 2.0
    assert log.scores.metrics["cases"] == 4.0
    # The gate counts them: errors are capped at zero.
    gate = invoke(
        "--suite",
        suite,
        "--no-log",
        "--check",
        "--thresholds",
        thresholds(tmp_path, max={"errors": 0}),
    )
    assert gate.exit_code == EXIT_CHECK
    assert "errors 2 is above its maximum 0" in gate.stdout


def test_check_passes_against_its_own_baseline(run_log: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    made = invoke("--suite", SUITE, "--no-log", "--write-baseline", baseline)
    assert made.exit_code == 0, made.output
    limits = thresholds(tmp_path, min={"lenient_f1": 0.1}, max_drop={"lenient_f1": 0.0})
    result = invoke(
        "--suite", SUITE, "--no-log", "--check", "--thresholds", limits, "--baseline", baseline
    )
    assert result.exit_code == 0, result.output
    assert "check passed" in result.stdout


def test_check_fails_below_a_threshold_naming_the_metric(tmp_path: Path) -> None:
    # The offline engine gets every quote of this suite (lenient F1 1.0) and half its
    # stances (macro-F1 0.5).
    limits = thresholds(tmp_path, min={"stance_macro_f1": 0.9, "speaker_accuracy": 0.1})
    result = invoke("--suite", SUITE, "--no-log", "--check", "--thresholds", limits)
    assert result.exit_code == EXIT_CHECK
    assert "check FAILED" in result.stdout
    assert re.search(r"stance_macro_f1 0\.\d{3} is below its minimum 0\.900", result.stdout)
    assert "speaker_accuracy" not in result.stdout.split("check FAILED")[1]


def test_check_fails_when_a_metric_drops_from_the_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert invoke("--suite", SUITE, "--no-log", "--write-baseline", baseline).exit_code == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    current = data["scores"]["metrics"]["lenient_f1"]
    data["scores"]["metrics"]["lenient_f1"] = current + 0.05  # a better past to fall from
    baseline.write_text(json.dumps(data), encoding="utf-8")
    limits = thresholds(tmp_path, max_drop={"lenient_f1": 0.02})
    result = invoke(
        "--suite",
        SUITE,
        "--no-log",
        "--check",
        "--thresholds",
        limits,
        "--baseline",
        baseline,
        "--format",
        "json",
    )
    assert result.exit_code == EXIT_CHECK
    gate = json.loads(result.stdout)["gate"]
    assert gate["passed"] is False
    [failure] = gate["failures"]
    assert failure["metric"] == "lenient_f1" and failure["kind"] == "regressed"
    assert failure["message"] == (
        f"lenient_f1 dropped by 0.050 from the baseline's {current + 0.05:.3f} to "
        f"{current:.3f} (tolerance 0.020)"
    )


def test_a_baseline_is_metrics_only(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert invoke("--suite", SUITE, "--no-log", "--write-baseline", baseline).exit_code == 0
    log = read(baseline)
    assert not log.text_included
    assert all(case.output is None for case in log.cases)
    assert log.scores is not None
    assert all(not d.missed and not d.spurious and not d.pairs for d in log.scores.quotes.documents)
    text = baseline.read_text(encoding="utf-8")
    assert "bridge" not in text and "waterfront" not in text  # no article text at all
    refused = invoke("--rescore", baseline)
    assert refused.exit_code == 1
    assert "metrics only" in refused.output


def doctored_log(source: Path, target: Path) -> Path:
    """A copy of a run log where the pronoun case lost its second quote."""
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    for case in data["cases"]:
        if case["id"] == "pronoun-speaker":
            case["output"]["quotes"] = case["output"]["quotes"][:1]
    data["scores"] = None
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def test_html_report_compares_two_runs_and_highlights_regressions(
    run_log: Path, tmp_path: Path
) -> None:
    worse = doctored_log(run_log, tmp_path / "worse.json")
    page = tmp_path / "report.html"
    result = invoke("--rescore", run_log, "--rescore", worse, "--report", page)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # Self-contained: no script, no external asset, no URL of any kind.
    assert "<script" not in html and "src=" not in html and "://" not in html
    assert "Content-Security-Policy" in html
    assert "run.json" in html and "worse.json" in html
    assert 'class="regressed"><td>suite/pronoun-speaker' in html
    assert 'lenient_recall <span class="bad">regression</span>' in html
    assert "missed: q" in html  # the lost gold quote, named
    # The terminal shows the same comparison.
    assert "Cases that changed" in result.stdout and "suite/pronoun-speaker" in result.stdout


def test_compare_a_run_with_a_saved_log(run_log: Path, tmp_path: Path) -> None:
    worse = doctored_log(run_log, tmp_path / "worse.json")
    result = invoke("--suite", SUITE, "--no-log", "--compare", worse, "--format", "json")
    assert result.exit_code == 0, result.output
    comparison = json.loads(result.stdout)["comparison"]
    improved = [c["key"] for c in comparison["cases"] if c["improved"]]
    assert improved == ["suite/pronoun-speaker"]
    assert not any(m["regressed"] for m in comparison["metrics"])


def test_default_suite_and_log_location_in_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    shutil.copytree(SUITE, tmp_path / "evals" / "cases")
    monkeypatch.chdir(tmp_path / "evals")  # anywhere inside the checkout
    result = invoke()
    assert result.exit_code == 0, result.output
    [log] = (tmp_path / "evals" / "logs").glob("*-offline.json")
    assert (tmp_path / "evals" / "logs" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert read(log).provenance.suites[0].path == "evals/cases"
    assert f"log: {log}" in " ".join(result.stdout.split())


def test_no_suite_outside_a_checkout_is_a_gold_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("--suite", tmp_path / "nothing-here", "--no-log")
    assert result.exit_code == 5
    assert "no such suite" in result.output


@pytest.mark.parametrize("polnear", [False, True])
def test_an_empty_suite_is_a_gold_error_not_a_perfect_score(tmp_path: Path, polnear: bool) -> None:
    # It scored P/R/F1 100.0 over 0 cases and `--check` passed.
    suite = tmp_path / "empty"
    suite.mkdir()
    if polnear:
        (suite / "text").mkdir()
        (suite / "attributions").mkdir()
    result = invoke("--suite", suite, "--check", "--no-log")
    assert result.exit_code == 5, result.output
    assert "empty suite" in result.output
    assert "100.0" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rescore", "a", "--rescore", "b", "--rescore", "c"], "one log, or two"),
        (["--rescore", "a", "--record"], "takes no --record"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_a_log_from_a_newer_version_is_refused(run_log: Path) -> None:
    data = json.loads(run_log.read_text(encoding="utf-8"))
    data["schema_version"] = 99
    run_log.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("--rescore", run_log)
    assert result.exit_code == 1
    assert "newer summarizer" in result.output


def test_record_needs_an_endpoint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    result = invoke("--suite", SUITE, "--record", "--cassettes", tmp_path, "--no-log")
    assert result.exit_code == 4
    assert "no model endpoint is configured" in result.output


def test_text_from_cases_is_never_read_as_terminal_markup(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    case = {"id": "odd [/] [bold]id", "text_path": "missing [/].txt", "sha256": "0" * 64}
    (suite / "odd.json").write_text(json.dumps(case), encoding="utf-8")
    result = invoke("--suite", suite, "--no-log")
    assert result.exit_code == 0, result.output
    assert "odd [/] [bold]id" in result.stdout


def test_record_from_a_live_endpoint_then_replay_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--record` over real sockets to the loopback fake, then a replay that needs no server."""
    from summarizer.testing import FakeModel

    key = "sk-live-" + "Q7w" * 12
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    answer = {
        "summary": {"headline": "Council vote", "text": "The council voted.", "key_points": []},
        "quotes": [
            {
                "text": "This is a good day for the waterfront",
                "paragraph": 2,
                "type": "direct",
                "speaker": {
                    "name": "Rosa Diaz",
                    "mention": "Rosa Diaz",
                    "role": None,
                    "kind": "person",
                },
                "cue": "said",
                "stance": None,
            }
        ],
    }
    cassettes = tmp_path / "cassettes"
    recorded = tmp_path / "recorded.json"
    with FakeModel(answer, api_key=key) as fake:
        result = invoke(
            "--suite",
            SUITE,
            "--record",
            "--model",
            "gpt-4o-mini",
            "--base-url",
            fake.base_url,
            "--cassettes",
            cassettes,
            "--log",
            recorded,
        )
        assert result.exit_code == 0, result.output
        assert len(fake.requests) == 2
    for path in (cassettes / "gpt-4o-mini").glob("*.json"):
        assert key not in path.read_text(encoding="utf-8"), path
    index = json.loads((cassettes / "gpt-4o-mini" / "index.json").read_text(encoding="utf-8"))
    assert index["model"] == "gpt-4o-mini" and index["fixture"] is False
    assert set(index["cases"]) == {"suite/harbor-vote", "suite/pronoun-speaker"}
    log = read(recorded)
    assert log.provenance.cassettes is not None and log.provenance.cassettes.recorded == 2
    assert log.provenance.fixture is False

    # The server is gone: the replay answers from the cassettes alone, identically.
    replayed = tmp_path / "replayed.json"
    result = invoke(
        "--suite",
        SUITE,
        "--engine",
        "llm",
        "--model",
        "gpt-4o-mini",
        "--cassettes",
        cassettes,
        "--log",
        replayed,
    )
    assert result.exit_code == 0, result.output
    again = read(replayed)
    assert again.scores is not None and log.scores is not None
    assert again.scores.metrics == log.scores.metrics
    assert again.provenance.cassettes is not None and again.provenance.cassettes.replayed == 2
