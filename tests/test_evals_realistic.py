"""Realistic answers: gold content in the surface forms chat models use, as pipeline fixtures."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer._evals._log import EvalLog
from summarizer._evals._realistic import (
    VARIATIONS,
    measure_fidelity,
    realistic_answer,
)
from summarizer._main import app
from summarizer._scoring import GoldDocument, GoldQuote

runner = CliRunner()
SUITE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "evals" / "suite"

TEXT = (
    'Meta CEO Zuckerberg said the company will keep spending. "We are confident," '
    "Zuckerberg told analysts on Wednesday.\n"
    '"The market is strong," Maria Okafor said, "and it will grow."\n'
    "Gartner said that spending on data centres would double by 2028."
)


def _doc() -> GoldDocument:
    def at(fragment: str) -> tuple[int, int]:
        start = TEXT.index(fragment)
        return start, start + len(fragment)

    return GoldDocument(
        id="realistic",
        text=TEXT,
        quotes=[
            GoldQuote(
                spans=[at("the company will keep spending")],
                type="indirect",
                speaker="Zuckerberg",
                speaker_spans=[at("Zuckerberg")],
                cue="said",
            ),
            GoldQuote(
                spans=[at("We are confident,")], type="direct", speaker="Zuckerberg", cue="told"
            ),
            GoldQuote(
                spans=[at("The market is strong,"), at("and it will grow.")],
                type="direct",
                speaker="Maria Okafor",
                cue="said",
            ),
            GoldQuote(
                spans=[at("spending on data centres would double by 2028")],
                type="indirect",
                speaker="Gartner",
                cue="said",
            ),
        ],
    )


def test_answers_are_deterministic_per_seed_and_differ_between_seeds() -> None:
    doc = _doc()
    assert realistic_answer(doc, 1) == realistic_answer(doc, 1)
    assert any(realistic_answer(doc, 1) != realistic_answer(doc, s) for s in range(2, 6))


def test_every_variation_is_drawn_over_many_seeds() -> None:
    applied: list[str] = []
    for seed in range(200):
        realistic_answer(_doc(), seed, applied)
    # Each variation this article allows is drawn at least once; none is unknown.
    assert set(applied) <= set(VARIATIONS)
    assert set(VARIATIONS) - set(applied) == {"company_suffix", "line_breaks"}


def test_variants_keep_the_content_and_change_only_its_form() -> None:
    for seed in range(50):
        answer = realistic_answer(_doc(), seed)
        assert len(answer["quotes"]) == 4
        for quote in answer["quotes"]:
            words = {w.strip('".,“”…').lower() for w in quote["text"].split()} - {"that", "..."}
            assert len(words & {w.strip('".,').lower() for w in TEXT.split()}) >= len(words) - 2
        names = {q["speaker"]["name"] for q in answer["quotes"]}
        assert all("Zuckerberg" in n or "Okafor" in n or "Gartner" in n for n in names)


def test_fidelity_is_measured_through_the_llm_engine() -> None:
    report = measure_fidelity([_doc()], [1, 2, 3])
    assert report.variants == 3 and report.gold == 12 and report.errors == 0
    assert 0 < report.fidelity <= 1
    assert sum(report.applied.values()) > 0


def test_honorifics_and_first_names_go_on_names_only() -> None:
    from summarizer._evals._realistic import _is_proper_name

    assert _is_proper_name("Sam Okoro") and _is_proper_name("Hans-Peter Zürcher")
    assert not _is_proper_name("the groups") and not _is_proper_name("IMF")
    assert not _is_proper_name("a spokesman for the campaign")


def test_every_proposal_is_counted_on_one_path() -> None:
    report = measure_fidelity([_doc()], [1, 2, 3], exact=True)
    # Exact answers are what the engine's checks keep of perfect answers: the ceiling.
    assert report.exact_f1 == 1.0 and report.relative == report.fidelity
    found = report.paths["verbatim"] + report.paths["anchored"] + report.paths["not_found"]
    assert found == report.gold == 12
    assert set(report.paths) == {"verbatim", "anchored", "not_found", "not_reported"}


def test_no_honorific_or_first_name_is_drawn_for_a_surname_several_people_share() -> None:
    text = (
        "Marguerite Okafor said the farm would be sold. Tobias Okafor said it would not. "
        "Okafor later said talks had begun."
    )
    start = text.index("talks had begun")
    doc = GoldDocument(
        id="family",
        text=text,
        quotes=[
            GoldQuote(
                spans=[(start, start + len("talks had begun"))],
                type="indirect",
                speaker="Okafor",
                cue="said",
            )
        ],
    )
    names = {realistic_answer(doc, seed)["quotes"][0]["speaker"]["name"] for seed in range(100)}
    assert names == {"Okafor"}  # a drawn "Mr." or "Anna" would name the wrong sibling


def test_company_suffixes_go_on_organisation_names_only() -> None:
    from summarizer._evals._realistic import _is_org_name

    assert _is_org_name("Gartner") and _is_org_name("Bank of England")
    assert not _is_org_name("the Obama administration")
    assert not _is_org_name("A New York judge")


def test_summarizer_eval_runs_realistic_answers_as_pipeline_fixtures(tmp_path: Path) -> None:
    log_path = tmp_path / "realistic.json"
    result = runner.invoke(
        app,
        [
            "eval",
            "--suite",
            str(SUITE),
            "--realistic",
            "1",
            "--realistic",
            "2",
            "--log",
            str(log_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "PIPELINE FIXTURES" in result.output and "not a model's score" in result.output
    assert "pipeline fidelity" in result.output
    log = EvalLog.model_validate_json(log_path.read_text(encoding="utf-8"))
    p = log.provenance
    assert (p.engine, p.fixture, p.realistic_seeds) == ("llm", True, [1, 2])
    assert [s.label for s in p.suites] == ["suite@realistic-1", "suite@realistic-2"]
    assert len(log.cases) == 4 and all(c.output is not None for c in log.cases)
    # The JSON report carries the figure; a saved run re-scores to the same one.
    rescored = runner.invoke(app, ["eval", "--rescore", str(log_path), "--format", "json"])
    assert rescored.exit_code == 0, rescored.output
    report = json.loads(rescored.stdout)
    assert report["fixture"] is True
    assert log.scores is not None
    fidelity = log.scores.metrics["lenient_f1"]
    assert fidelity is not None and fidelity > 0.5
    assert report["pipeline_fidelity"] == fidelity


def test_realistic_answers_are_never_recorded() -> None:
    result = runner.invoke(app, ["eval", "--suite", str(SUITE), "--realistic", "1", "--record"])
    assert result.exit_code == 2


def test_cases_sharing_a_text_are_analysed_with_the_first_case_s_answers() -> None:
    from summarizer._evals._log import SuiteInfo
    from summarizer._evals._realistic import realistic_records
    from summarizer._evals._run import score_log
    from summarizer._evals._suite import LoadedCase, LoadedSuite

    first = _doc()
    # A second annotator of the same article marked one quote only.
    second = first.model_copy(update={"id": "realistic-b", "quotes": first.quotes[3:]})
    info = SuiteInfo(label="pair", path="pair", kind="cases", sha256="0" * 64, n_cases=2)
    cases = [LoadedCase("pair", d.id, None, d, None) for d in (first, second)]
    seeded, records = realistic_records([LoadedSuite(info, cases)], [1], model="gpt-4o-mini")
    log = EvalLog(created_at=datetime.now(UTC), provenance=_provenance(seeded), cases=records)
    scores = score_log(log, seeded).scores
    assert scores is not None
    by_key = {d.doc_id: d for d in scores.quotes.documents}
    # The first case is analysed from its own answers: every one of its quotes is found.
    assert by_key["pair@realistic-1/realistic"].level("lenient").recall == 1.0


def _provenance(suites: list[Any]) -> Any:
    from summarizer._evals._log import Provenance

    return Provenance(engine="llm", package_version="0", suites=[s.info for s in suites])


def test_a_glued_title_is_taken_from_the_name_s_own_sentence() -> None:
    from summarizer._evals._realistic import _glued_title

    # Was "DeepSeek. Meta CEO": the title ran back over a line break and a sentence's end.
    assert _glued_title("Its rival is DeepSeek.\nMeta CEO Zuckerberg said so.", "Zuckerberg") == (
        "Meta CEO"
    )
    assert _glued_title("He met DeepSeek. Meta CEO Zuckerberg said so.", "Zuckerberg") == (
        "Meta CEO"
    )
    # An abbreviated title is no sentence's end.
    assert _glued_title("Massachusetts Sen. Elizabeth Warren spoke.", "Elizabeth Warren") == (
        "Massachusetts Sen."
    )
