"""The error hierarchy. Every error the library raises on purpose is a `SummarizerError`.

    SummarizerError
    ├── ConfigError                 bad or contradictory configuration
    ├── EngineUnavailable           the requested engine cannot run here (e.g. `llm` not built yet)
    ├── InvalidArticle              the input cannot be analysed
    │   ├── ArticleNotFound         a path that does not exist or is not a file
    │   ├── EmptyArticle            empty or whitespace-only text
    │   ├── BinaryArticle           the bytes are not text (NUL bytes, an image, a zip …)
    │   ├── DecodingError           text, but not in the expected encoding
    │   ├── EncodingMismatch        decodes in the encoding given, into garbage
    │   └── ArticleTooLarge         longer than the configured limit
    ├── GoldDataError               gold annotations that cannot be read or do not fit their text
    ├── ClusterError                a Ray cluster could not be reached, or lost a task for good
    └── ModelError                  the model endpoint failed, or answered with nothing usable
        ├── RateLimited             429; `retry_after` seconds when the server said
        ├── ModelUnavailable        5xx, timeouts, dropped connections (retried, then raised)
        ├── AuthenticationFailed    401 / 403: not retried
        ├── BadRequest              400 / 404 / 422: the request itself is wrong; not retried
        ├── ModelRefused            the model refused, or a content filter stopped it
        ├── OutputTruncated         finish_reason "length" even after a larger budget
        ├── InvalidModelOutput      not JSON, or not the schema, after the bounded re-asks
        ├── BatchRequestFailed      a Batch API request expired, was cancelled or failed
        └── IncompleteConversation  a batch ended before the analysis got all its answers

Errors carry their data as attributes so callers (the CLI, the batch job, the eval log) can
report them without parsing messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

UsageLike = Mapping[str, Any]
"""Token usage as a plain mapping (`prompt_tokens`, `completion_tokens`, …)."""

__all__ = [
    "ArticleNotFound",
    "ArticleTooLarge",
    "AuthenticationFailed",
    "BadRequest",
    "BatchRequestFailed",
    "BinaryArticle",
    "ClusterError",
    "ConfigError",
    "DecodingError",
    "EmptyArticle",
    "EncodingMismatch",
    "EngineUnavailable",
    "GoldDataError",
    "IncompleteConversation",
    "InvalidArticle",
    "InvalidModelOutput",
    "ModelError",
    "ModelRefused",
    "ModelUnavailable",
    "OutputTruncated",
    "RateLimited",
    "SummarizerError",
    "UsageLike",
]


class SummarizerError(Exception):
    """Base class of every error the summarizer raises on purpose."""

    #: Short machine-readable name used in batch error records and eval logs.
    type: str = "summarizer_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(SummarizerError):
    """Configuration that cannot work (unknown engine, negative limits, …)."""

    type = "config_error"


class EngineUnavailable(SummarizerError):
    """The requested engine cannot run in this installation or configuration."""

    type = "engine_unavailable"

    def __init__(self, engine: str, reason: str) -> None:
        super().__init__(f"engine {engine!r} is not available: {reason}")
        self.engine = engine
        self.reason = reason


class InvalidArticle(SummarizerError):
    """The input cannot be analysed."""

    type = "invalid_article"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + message)
        self.source = source


class ArticleNotFound(InvalidArticle):
    """The path does not exist or is not a regular file."""

    type = "not_found"

    def __init__(self, path: str, reason: str = "no such file") -> None:
        super().__init__(reason, source=path)
        self.path = path
        self.reason = reason


class EmptyArticle(InvalidArticle):
    """The article is empty or whitespace only."""

    type = "empty_article"

    def __init__(self, *, source: str | None = None) -> None:
        super().__init__("the article is empty or whitespace only", source=source)


class BinaryArticle(InvalidArticle):
    """The bytes are not text at all."""

    type = "binary_article"

    def __init__(self, detail: str, *, source: str | None = None) -> None:
        super().__init__(f"binary input, not text ({detail})", source=source)
        self.detail = detail


class DecodingError(InvalidArticle):
    """Text that is not valid in the expected encoding."""

    type = "decoding_error"

    def __init__(self, encoding: str, position: int, *, source: str | None = None) -> None:
        super().__init__(
            f"not valid {encoding} (first bad byte at offset {position}); "
            f"re-encode the file as UTF-8 or pass --encoding",
            source=source,
        )
        self.encoding = encoding
        self.position = position


class ArticleTooLarge(InvalidArticle):
    """The article exceeds the configured size limit (`size` and `limit` in characters;
    `at_least` when the input was too long to count to its end).

    `hint` names the setting that raises the limit for whoever reads the message:
    ``Config.max_chars`` for the library, the CLI gives ``--max-chars``.
    """

    type = "article_too_large"

    def __init__(
        self,
        size: int,
        limit: int,
        *,
        unit: str = "characters",
        source: str | None = None,
        hint: str = "Config.max_chars",
        at_least: bool = False,
    ) -> None:
        more = "at least " if at_least else ""
        super().__init__(
            f"article has {more}{size:,} {unit}, over the limit of {limit:,} characters "
            f"(raise it with {hint})",
            source=source,
        )
        self.size = size
        self.unit = unit
        self.limit = limit
        self.at_least = at_least

    def for_cli(self) -> ArticleTooLarge:
        """The same error, its message naming the command line's ``--max-chars``."""
        return ArticleTooLarge(
            self.size,
            self.limit,
            unit=self.unit,
            source=self.source,
            hint="--max-chars",
            at_least=self.at_least,
        )


class EncodingMismatch(InvalidArticle):
    """The bytes decode in the encoding given, but into garbage: they are in `likely`."""

    type = "encoding_mismatch"

    def __init__(
        self, encoding: str, likely: str, evidence: str, *, source: str | None = None
    ) -> None:
        super().__init__(
            f"read as {encoding} this is garbled text, but it is most likely {likely} "
            f"({evidence}); drop --encoding or pass --encoding {likely.lower()}",
            source=source,
        )
        self.encoding = encoding
        self.likely = likely


class GoldDataError(SummarizerError):
    """Gold annotations that cannot be read, or that do not fit their article."""

    type = "gold_data_error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class ClusterError(SummarizerError):
    """The batch job's Ray cluster could not be started or reached, or a task failed past
    its retries (`--via ray`); `address` is the cluster's when one was given. The output
    holds what was finished: rerunning the job resumes."""

    type = "cluster_error"

    def __init__(self, message: str, *, address: str | None = None) -> None:
        super().__init__(message)
        self.address = address


class ModelError(SummarizerError):
    """The model endpoint failed, or answered with nothing usable.

    `attempts` counts every request made for this call; `usage` sums the tokens of all of
    them (failed attempts cost money too); `status` is the HTTP status when there was one.
    Messages never contain the API key.
    """

    type = "model_error"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        attempts: int = 1,
        usage: UsageLike | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.attempts = attempts
        self.usage: dict[str, Any] = dict(usage or {})


class RateLimited(ModelError):
    """HTTP 429; `retry_after` is the wait the server asked for, in seconds, if it said."""

    type = "rate_limited"

    def __init__(
        self,
        message: str = "rate limited by the model endpoint",
        *,
        retry_after: float | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("status", 429)
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ModelUnavailable(ModelError):
    """A server error, a timeout or a dropped connection: worth retrying."""

    type = "model_unavailable"


class AuthenticationFailed(ModelError):
    """401 or 403: the key is missing, wrong or not allowed; retrying will not help."""

    type = "authentication_failed"


class BadRequest(ModelError):
    """400, 404 or 422: the request itself is wrong (unknown model, unsupported schema)."""

    type = "bad_request"


class ModelRefused(ModelError):
    """The model refused to answer, or a content filter stopped the answer."""

    type = "model_refused"

    def __init__(self, message: str, *, refusal: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.refusal = refusal


class OutputTruncated(ModelError):
    """The answer hit the output-token limit (finish_reason "length") every time."""

    type = "output_truncated"


class InvalidModelOutput(ModelError):
    """The answer was not valid JSON or did not fit the schema, after the bounded re-asks."""

    type = "invalid_model_output"

    def __init__(
        self, message: str, *, errors: Sequence[str] = (), raw: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.errors = list(errors)
        self.raw = raw


class BatchRequestFailed(ModelError):
    """A request of a Batch API batch got no answer: `code` is the API's reason
    (``batch_expired``, ``batch_cancelled``, ``batch_failed``, …)."""

    type = "batch_request_failed"

    def __init__(self, message: str, *, code: str = "batch_request_failed", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.code = code


class IncompleteConversation(ModelError):
    """An analysis done by batches still needed another request (a re-ask, a larger output
    budget, the next chunk) when the rounds ran out, or no results for it were given."""

    type = "incomplete_conversation"
