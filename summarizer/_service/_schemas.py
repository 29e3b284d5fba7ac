"""Request and response bodies of the HTTP API (the `Analysis` contract is the library's)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from .._config import EngineChoice
from .._input import lone_surrogate

__all__ = [
    "MAX_DEPTH",
    "AnalyzeRequest",
    "ErrorBody",
    "Health",
    "JobArticle",
    "JobCounts",
    "JobList",
    "JobStatus",
    "surrogate_problem",
    "too_deep",
]

JobState = Literal["queued", "running", "done", "failed"]

MAX_DEPTH = 100
"""Deepest nesting of JSON lists and objects the service takes in an article (the article
is level 1). Python's parser stops near 1000 levels, at a depth that depends on the stack
already in use: a line the server read could then fail in the batch runner. Far below."""


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """True when `value` nests lists and objects more than `limit` levels deep."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def surrogate_problem(value: object) -> str | None:
    """What is wrong with a value holding a lone surrogate (None when it holds none)."""
    found = lone_surrogate(value)
    if found is None:
        return None
    return f"holds a lone surrogate (U+{ord(found):04X}), which is not text"


# "Exactly one of text and html", for the OpenAPI document (the validators enforce it): a
# branch matches when its field is a string, and `oneOf` requires exactly one match, so
# the other field must be absent or null. Clients and fuzzers can then build valid bodies.
_ONE_SOURCE: dict[str, Any] = {
    "oneOf": [
        {"required": [field], "properties": {field: {"type": "string"}}}
        for field in ("text", "html")
    ]
}

# An article with a direct quote and a speaker: shown in the docs, sent first by fuzzers.
_ANALYZE_EXAMPLE: dict[str, Any] = {
    "text": "The harbor council voted 7-2 on Tuesday to close Pier 9. Mayor Elena Ortiz said "
    'the vote was overdue. "We cannot wait for another storm," she told reporters.',
    "engine": "offline",
}


class AnalyzeRequest(BaseModel):
    """One article, as text or as an HTML page, and optionally the engine and model."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={**_ONE_SOURCE, "examples": [_ANALYZE_EXAMPLE]}
    )

    text: StrictStr | None = Field(default=None, description="The article as plain text.")
    html: StrictStr | None = Field(default=None, description="The article as an HTML page.")
    engine: EngineChoice = Field(default="auto", description="auto, offline or llm.")
    model: StrictStr | None = Field(
        default=None, min_length=1, max_length=200, description="LLM model (llm engine)."
    )

    @model_validator(mode="after")
    def _one_source(self) -> AnalyzeRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class JobArticle(BaseModel):
    """One article of a job: an id and its text or HTML (never a server path)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_ONE_SOURCE)

    id: StrictStr | StrictInt = Field(description="Unique within the job.")
    text: StrictStr | None = None
    html: StrictStr | None = None
    title: StrictStr | None = None
    url: StrictStr | None = None
    metadata: dict[str, Any] | None = None

    @field_validator("id", "title", "url", "metadata")
    @classmethod
    def _no_lone_surrogates(cls, value: Any) -> Any:
        # These are copied into the job's records (UTF-8 JSON); a bad text or html is not,
        # and gets the article an `invalid_article` record instead.
        problem = surrogate_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> JobArticle:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        if self.id == "":
            raise ValueError("'id' must not be empty")
        return self


class JobCounts(BaseModel):
    """How far a job is: input lines, and those with a final record."""

    total: int = Field(description="Articles (input lines) in the job.")
    done: int = Field(description="Articles with a result or error record.")
    ok: int | None = Field(default=None, description="Ok records (when finished).")
    error: int | None = Field(default=None, description="Error records (when finished).")
    missing: int | None = Field(default=None, description="Lines with no record: 0 when done.")


class JobStatus(BaseModel):
    """A job's state as `GET /v1/jobs/{id}` reports it."""

    id: str
    status: JobState
    engine: EngineChoice
    model: str | None = None
    created: float = Field(description="Unix time the job was accepted.")
    finished: float | None = None
    counts: JobCounts
    error_types: dict[str, int] = Field(default_factory=dict)
    runs: int = Field(default=0, description="Times the batch runner started on it (resumes).")
    failure: dict[str, str] | None = Field(
        default=None, description="Why the job as a whole failed: {type, message}."
    )


class JobList(BaseModel):
    """`GET /v1/jobs`: the caller's jobs, newest first, a page at a time."""

    jobs: list[JobStatus]
    next: str | None = Field(
        default=None,
        description="Pass as `?cursor=` for the next page; null on the last page.",
    )


class Health(BaseModel):
    """`GET /healthz`."""

    status: Literal["ok"] = "ok"
    version: str
    in_flight: int
    jobs_pending: int


class ErrorDetail(BaseModel):
    """What went wrong."""

    type: str
    message: str
    hint: str | None = Field(
        default=None, description="What an API caller can do about it, when there is advice."
    )


class ErrorBody(BaseModel):
    """Every error response."""

    error: ErrorDetail
