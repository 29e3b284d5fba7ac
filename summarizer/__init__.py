"""summarizer: faithful news summaries with verified, attributed quotes and stances.

    >>> from summarizer import analyze
    >>> result = analyze(text)            # -> Analysis
    >>> result.quotes[0].speaker.name

Everything public is importable from here; modules with a leading underscore are private.
"""

from ._api import Summarizer, analyze
from ._config import DEFAULT_MAX_CHARS, DEFAULT_SUMMARY_SENTENCES, Config
from ._exceptions import (
    ArticleNotFound,
    ArticleTooLarge,
    AuthenticationFailed,
    BadRequest,
    BatchRequestFailed,
    BinaryArticle,
    ConfigError,
    DecodingError,
    EmptyArticle,
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
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_SUMMARY_SENTENCES",
    "Analysis",
    "Article",
    "ArticleNotFound",
    "ArticleTooLarge",
    "AuthenticationFailed",
    "BadRequest",
    "BatchRequestFailed",
    "BinaryArticle",
    "Config",
    "ConfigError",
    "DecodingError",
    "EmptyArticle",
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
    "Span",
    "Speaker",
    "Stance",
    "StanceRow",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "Usage",
    "__version__",
    "analyze",
    "ground",
    "read_article",
    "render_html",
    "render_json",
    "render_markdown",
]
