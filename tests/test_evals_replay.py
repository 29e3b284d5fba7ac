"""Record and replay end to end, through the real llm engine, with the network shut.

The fixture answers in tests/fixtures/evals/answers/ are hand-written (each file says so);
they are recorded into cassettes through the recording transport from a stand-in endpoint
(`fixture_transport`), then replayed with every socket refused. The scores asserted are
computed by hand from those answers and the gold in tests/fixtures/evals/suite/.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from summarizer._evals._api import EvalOptions, run_eval
from summarizer._evals._cassettes import FIXTURE_NOTE
from summarizer._evals._fixtures import fixture_answer, fixture_transport
from summarizer._evals._log import EvalLog
from summarizer._evals._report import FIXTURE_BANNER, render_html
from summarizer._evals._suite import load_suites

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "evals"
SUITE = FIXTURES / "suite"
MODEL = "fixture-model"


def answers() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((FIXTURES / "answers").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["fixture"] is True and data["note"] == FIXTURE_NOTE, path
        out[data["case"]] = data["answer"]
    return out


def record(cassettes: Path, *, hand_written: bool = True) -> EvalLog:
    suites = load_suites([SUITE], root=REPO)
    docs = {case.key: case.doc for s in suites for case in s.cases if case.doc is not None}
    written = answers()
    upstream = fixture_transport(
        docs, answer=(lambda doc: written[doc.id]) if hand_written else fixture_answer
    )
    options = EvalOptions(
        engine="llm",
        model=MODEL,
        base_url="http://fixture.invalid/v1",
        suites=[SUITE],
        record=True,
        cassettes=cassettes,
    )
    return run_eval(options, root=REPO, upstream=upstream, fixture=True)


def replay(cassettes: Path, **options: Any) -> EvalLog:
    return run_eval(
        EvalOptions(engine="llm", model=MODEL, suites=[SUITE], cassettes=cassettes, **options),
        root=REPO,
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a host or open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a replay tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_replaying_hand_written_fixtures_scores_them_with_no_network(
    tmp_path: Path, no_network: None
) -> None:
    recorded = record(tmp_path)
    assert recorded.provenance.cassettes is not None
    assert recorded.provenance.cassettes.recorded == 2

    log = replay(tmp_path)
    assert log.provenance.engine == "llm" and log.provenance.model == MODEL
    assert log.provenance.prompt_version == "extract.v1"
    assert log.provenance.structured_mode == "json_object"  # as recorded
    cassettes = log.provenance.cassettes
    assert cassettes is not None
    assert (cassettes.mode, cassettes.replayed, cassettes.fixtures) == ("replay", 2, 2)
    assert log.provenance.fixture is True  # labelled: a pipeline check, not a model's score
    assert all(case.error is None for case in log.cases)

    assert log.scores is not None
    metrics = log.scores.metrics
    # Gold: 2 + 4 quotes. Answers: 2 right; then Diaz right, half of the split quote
    # (15 of 31 gold characters: lenient, not strict), the union's quote with Reyes as its
    # speaker, the Reyes quote left out, and an invented quote that grounding rejects.
    assert (metrics["lenient_precision"], metrics["lenient_recall"]) == (1.0, 5 / 6)
    assert (metrics["strict_precision"], metrics["strict_recall"]) == (4 / 5, 4 / 6)
    assert metrics["speaker_accuracy"] == 4 / 5
    assert (metrics["unsupported_numbers"], metrics["unsupported_names"]) == (1.0, 1.0)
    assert metrics["key_fact_coverage"] == 1.0
    harbor = next(case for case in log.cases if case.id == "harbor-vote")
    assert harbor.output is not None
    assert [r.text for r in harbor.output.meta.rejected] == ["the docks will open in June"]

    for path in tmp_path.joinpath(MODEL).glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name != "index.json":
            assert (data["fixture"], data["note"]) == (True, FIXTURE_NOTE)
    page = render_html(log)
    assert FIXTURE_BANNER.split(":")[0] in page


def test_replay_is_deterministic_and_matches_the_recording(tmp_path: Path) -> None:
    recorded = record(tmp_path, hand_written=False)
    first, second = replay(tmp_path), replay(tmp_path)
    assert recorded.scores is not None and first.scores is not None and second.scores is not None
    assert first.scores.metrics == second.scores.metrics == recorded.scores.metrics
    assert [c.output for c in first.cases] == [c.output for c in second.cases]


def test_a_changed_prompt_makes_every_case_a_stale_cassette(
    tmp_path: Path, no_network: None
) -> None:
    record(tmp_path / "cassettes")
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    source = (REPO / "prompts" / "extract.v1.j2").read_text(encoding="utf-8")
    edited = source.replace(
        "You list every attributed statement", "You list each attributed statement"
    )
    assert edited != source
    (prompts / "extract.v1.j2").write_text(edited, encoding="utf-8")

    log = replay(tmp_path / "cassettes", prompts_dir=prompts)
    errors = {case.id: case.error for case in log.cases}
    assert set(errors) == {"harbor-vote", "pronoun-speaker"}
    for case_id, error in errors.items():
        assert error is not None and error.type == "stale_cassette"
        assert f"'suite/{case_id}'" in error.message
        assert "the prompt or parameters changed" in error.message
        assert "messages[0] (system)" in error.message
    assert log.provenance.cassettes is not None and log.provenance.cassettes.stale == 2
    assert log.scores is not None and log.scores.metrics["errors"] == 2.0


def test_without_cassettes_every_case_is_a_missing_cassette(
    tmp_path: Path, no_network: None
) -> None:
    log = replay(tmp_path / "none")
    errors = [case.error for case in log.cases]
    assert [error.type if error else None for error in errors] == ["missing_cassette"] * 2
    assert errors[0] is not None
    assert "missing cassette for case 'suite/harbor-vote'" in errors[0].message
    assert log.provenance.fixture is False
    assert not (tmp_path / "none").exists()  # a replay writes nothing


def test_a_case_whose_article_changed_is_reported_stale(tmp_path: Path) -> None:
    record(tmp_path / "cassettes")
    suite = tmp_path / "suite"
    shutil.copytree(SUITE, suite)
    case = json.loads((suite / "harbor-vote.json").read_text(encoding="utf-8"))
    case["text"] = case["text"].replace("on Tuesday", "on Friday")
    (suite / "harbor-vote.json").write_text(json.dumps(case), encoding="utf-8")
    log = run_eval(
        EvalOptions(engine="llm", model=MODEL, suites=[suite], cassettes=tmp_path / "cassettes"),
        root=REPO,
    )
    harbor = next(c for c in log.cases if c.id == "harbor-vote")
    assert harbor.error is not None and harbor.error.type == "stale_cassette"
    assert "the article changed since the recording" in harbor.error.message
    assert next(c for c in log.cases if c.id == "pronoun-speaker").error is None
