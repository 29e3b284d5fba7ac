"""The eval log: a versioned pydantic record of one run, written before anything is scored.

    EvalLog
    ├── schema_version, created_at, seconds, warnings, text_included
    ├── provenance: engine, model, structured mode, prompt version + SHA-256, package and
    │   Python versions, suites (path, kind, SHA-256, case count), cassettes (directory,
    │   mode, replayed / recorded / missing / stale counts, fixture), rescored_from
    ├── cases[]: suite, id, source, article SHA-256, output (an `Analysis`) or error
    │   ({type, message}), seconds
    └── scores: metrics (flat, what the gate reads), quotes (`ScoreReport`), summaries
        (`SummaryReport`), scored_at

Generation fills `cases`; scoring fills `scores` from `cases` and the gold alone, so a saved
log can be scored again (`summarizer eval --rescore LOG`) without calling anything. A log
stripped of text (`strip_text`, what baselines are) keeps counts and metrics only: no model
output, no snippets of the articles, so it may be committed even for outside texts.
"""

from __future__ import annotations

import json
import platform
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer._exceptions import SummarizerError
from summarizer._models import Analysis, EngineName
from summarizer._scoring import ScoreReport, SummaryReport

__all__ = [
    "EVAL_LOG_SCHEMA_VERSION",
    "CaseRecord",
    "CassetteInfo",
    "ErrorInfo",
    "EvalLog",
    "EvalLogError",
    "EvalScores",
    "Provenance",
    "SuiteInfo",
    "python_version",
    "read_log",
    "write_log",
]

EVAL_LOG_SCHEMA_VERSION = 1
"""Version of the `EvalLog` shape; readers refuse logs from a newer version."""


class EvalLogError(SummarizerError):
    """An eval log that cannot be read, written or used for what was asked."""

    type = "eval_log_error"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorInfo(_Model):
    """A failure kept as data: a machine-readable kind and what went wrong."""

    type: str = Field(
        description="`missing_text`, `text_hash_mismatch`, `gold_data_error`, "
        "`missing_cassette`, `stale_cassette`, an engine error's `type`, …"
    )
    message: str = Field(description="What went wrong, naming the case.")


class SuiteInfo(_Model):
    """One gold set a run used, pinned by hash."""

    label: str = Field(description="Short name used in case keys (`cases`, `polnear-dev`).")
    path: str = Field(description="Where it was read, relative to the project root if possible.")
    kind: Literal["cases", "polnear", "file"] = Field(
        description="A folder of project case files, a PolNeAR split, or one gold JSON file."
    )
    sha256: str = Field(description="Hash over its files' names and bytes (`suite_sha256`).")
    n_cases: int = Field(description="Cases it held, unreadable ones included.")


class CassetteInfo(_Model):
    """How the llm engine's calls were served."""

    mode: Literal["replay", "record"] = Field(description="Replayed, or recorded live.")
    directory: str = Field(description="The cassette folder of the model.")
    replayed: int = Field(default=0, description="Requests answered from cassettes.")
    recorded: int = Field(default=0, description="Requests recorded.")
    missing: int = Field(default=0, description="Requests with no cassette.")
    stale: int = Field(default=0, description="Requests whose case was recorded differently.")
    fixtures: int = Field(default=0, description="Requests answered by hand-written fixtures.")


class Provenance(_Model):
    """What produced the outputs of a run."""

    engine: EngineName = Field(description="`offline` or `llm`.")
    model: str | None = Field(default=None, description="Model name (llm engine).")
    structured_mode: str | None = Field(default=None, description="llm structured-output mode.")
    prompt_version: str | None = Field(default=None, description="Extraction prompt id.")
    prompt_sha256: str | None = Field(default=None, description="Its template's SHA-256.")
    package_version: str = Field(description="The summarizer version that ran.")
    python_version: str = Field(default="", description="The Python that ran it.")
    suites: list[SuiteInfo] = Field(default_factory=list, description="The gold sets.")
    cassettes: CassetteInfo | None = Field(default=None, description="llm engine only.")
    fixture: bool = Field(
        default=False,
        description="True when any answer came from a hand-written fixture cassette: the "
        "scores then measure the pipeline, never a model.",
    )
    rescored_from: str | None = Field(
        default=None, description="The log whose outputs were re-scored, if any."
    )
    realistic_seeds: list[int] = Field(
        default_factory=list,
        description="The seeds of the realistic answers (the gold written the way chat "
        "models write correct answers) the llm engine was fed, when it was: a pipeline "
        "fixture, whose lenient F1 is the engine's pipeline fidelity.",
    )


class CaseRecord(_Model):
    """One case's outcome: the engine's output or the error, never both."""

    suite: str = Field(description="The suite's label.")
    id: str = Field(description="The case id within its suite.")
    source: str | None = Field(
        default=None, description="The gold file it came from, relative to the project root."
    )
    article_sha256: str | None = Field(
        default=None, description="SHA-256 of the article analysed (None if it was not read)."
    )
    output: Analysis | None = Field(default=None, description="The engine's analysis.")
    error: ErrorInfo | None = Field(default=None, description="Why there is no output.")
    seconds: float | None = Field(default=None, description="Time the analysis took.")

    @property
    def key(self) -> str:
        """`suite/id`: unique within a run."""
        return f"{self.suite}/{self.id}"


class EvalScores(_Model):
    """Scores of a run, computed from its cases and the gold only."""

    scored_at: datetime = Field(description="When the scoring ran (UTC).")
    metrics: dict[str, float | None] = Field(
        description="Flat metrics the gate and the reports read (see `summarizer._evals._metrics`)."
    )
    quotes: ScoreReport = Field(description="Quote extraction and attribution.")
    summaries: SummaryReport = Field(description="Key facts, unsupported numbers and names.")


class EvalLog(_Model):
    """One eval run: provenance, per-case outputs or errors, and (once scored) scores."""

    schema_version: int = Field(
        default=EVAL_LOG_SCHEMA_VERSION, description="Version of this shape."
    )
    created_at: datetime = Field(description="When the run started (UTC).")
    seconds: float = Field(default=0.0, description="Wall time of the generation.")
    provenance: Provenance = Field(description="What produced the outputs.")
    cases: list[CaseRecord] = Field(default_factory=list, description="Per case, suite order.")
    scores: EvalScores | None = Field(default=None, description="None until scored.")
    warnings: list[str] = Field(default_factory=list, description="Anything to know.")
    text_included: bool = Field(
        default=True,
        description="False for a stripped log (a baseline): outputs and snippets removed.",
    )

    @property
    def errors(self) -> list[CaseRecord]:
        """The cases that have an error instead of an output."""
        return [case for case in self.cases if case.error is not None]

    def strip_text(self) -> EvalLog:
        """A copy with the model outputs and every text excerpt removed (metrics kept)."""
        stripped = self.model_copy(deep=True)
        stripped.text_included = False
        for case in stripped.cases:
            case.output = None
        if stripped.scores is not None:
            for doc in stripped.scores.quotes.documents:
                doc.pairs, doc.missed, doc.spurious, doc.wrong_speakers = [], [], [], []
            for check in stripped.scores.summaries.documents:
                check.uncovered, check.unsupported_numbers, check.unsupported_names = [], [], []
        return stripped


def python_version() -> str:
    """`implementation major.minor.patch`, for provenance."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def read_log(path: str | Path) -> EvalLog:
    """Read an eval log; `EvalLogError` if it is missing, not a log, or from a newer version."""
    location = Path(path)
    try:
        raw = location.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvalLogError(f"{location}: cannot read the eval log: {exc.strerror}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EvalLogError(f"{location}: not an eval log (not JSON: {exc.msg})") from exc
    # Checked before validation: a newer shape would otherwise fail as "not a log".
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, int) and version > EVAL_LOG_SCHEMA_VERSION:
        raise EvalLogError(
            f"{location}: written by a newer summarizer (log schema {version}, this one "
            f"reads up to {EVAL_LOG_SCHEMA_VERSION})"
        )
    try:
        return EvalLog.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise EvalLogError(f"{location}: not an eval log ({where}: {error['msg']})") from exc


def write_log(log: EvalLog, path: str | Path) -> Path:
    """Write `log` as indented JSON, creating the folder; returns the path."""
    location = Path(path)
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        location.write_text(log.model_dump_json(indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise EvalLogError(f"{location}: cannot write the eval log: {exc.strerror}") from exc
    return location
