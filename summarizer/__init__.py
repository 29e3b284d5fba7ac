"""summarizer: faithful news summaries with verified, attributed quotes and stances.

    >>> from summarizer import analyze
    >>> result = analyze(text)            # -> Analysis
    >>> result.quotes[0].speaker.name

Everything public is importable from here; modules with a leading underscore are private.
"""

import typing as _typing

from ._api import Summarizer, analyze
from ._batch import BatchOptions, BatchReport, SummarizerUDF, run_batch
from ._config import DEFAULT_MAX_CHARS, DEFAULT_SUMMARY_SENTENCES, Config
from ._exceptions import (
    ArticleNotFound,
    ArticleTooLarge,
    AuthenticationFailed,
    BadRequest,
    BatchRequestFailed,
    BinaryArticle,
    ClusterError,
    ConfigError,
    DecodingError,
    EmptyArticle,
    EncodingMismatch,
    EngineUnavailable,
    GoldDataError,
    IncompleteConversation,
    InvalidArticle,
    InvalidModelOutput,
    ModelError,
    ModelRefused,
    ModelUnavailable,
    OutputTruncated,
    RateLimited,
    SummarizerError,
)
from ._grounding import Grounded, Grounder, GroundingFailure, ground
from ._input import Article, read_article
from ._models import (
    Analysis,
    Meta,
    Quote,
    Rejection,
    Span,
    Speaker,
    Stance,
    StanceRow,
    Summary,
    Usage,
)
from ._render import render_html, render_json, render_markdown
from ._service import ServiceSettings
from ._version import __version__

if _typing.TYPE_CHECKING:
    from ._service import create_app

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_SUMMARY_SENTENCES",
    "Analysis",
    "Article",
    "ArticleNotFound",
    "ArticleTooLarge",
    "AuthenticationFailed",
    "BadRequest",
    "BatchOptions",
    "BatchReport",
    "BatchRequestFailed",
    "BinaryArticle",
    "ClusterError",
    "Config",
    "ConfigError",
    "DecodingError",
    "EmptyArticle",
    "EncodingMismatch",
    "EngineUnavailable",
    "GoldDataError",
    "Grounded",
    "Grounder",
    "GroundingFailure",
    "IncompleteConversation",
    "InvalidArticle",
    "InvalidModelOutput",
    "Meta",
    "ModelError",
    "ModelRefused",
    "ModelUnavailable",
    "OutputTruncated",
    "Quote",
    "RateLimited",
    "Rejection",
    "ServiceSettings",
    "Span",
    "Speaker",
    "Stance",
    "StanceRow",
    "Summarizer",
    "SummarizerError",
    "SummarizerUDF",
    "Summary",
    "Usage",
    "__version__",
    "analyze",
    "create_app",
    "ground",
    "read_article",
    "render_html",
    "render_json",
    "render_markdown",
    "run_batch",
]


def __getattr__(name: str) -> _typing.Any:
    # `create_app` loads FastAPI, which only the HTTP service needs: imported on first use.
    if name == "create_app":
        from ._service import create_app

        return create_app
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
