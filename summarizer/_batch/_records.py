"""The result records every runner writes, built from input items.

The local job, the OpenAI Batch rounds, the files import, the Ray runner and
`SummarizerUDF` build their records here, so a record of an article is the same whatever
ran it: `{"id", "line", carried fields, "status": "ok", "analysis"}` or `{…, "status":
"error", "error": {"type", "message", "attempts"}}` (see `summarizer._batch`).
"""

from __future__ import annotations

import math
from typing import Any

from .._api import Summarizer
from .._exceptions import ModelError, RateLimited, SummarizerError
from ._cache import AnalysisCache
from ._items import BatchItem, load_text

__all__ = ["analyze_item", "base", "error_record", "from_exception", "ok_record"]


def base(item: BatchItem) -> dict[str, Any]:
    """The fields every record of `item` starts with: id, line and the carried fields."""
    return {"id": item.id, "line": item.line, **item.extras}


def error_record(
    item: BatchItem, type: str, message: str, attempts: int = 0, usage: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An error record; `attempts` counts model requests (0 when none was made)."""
    error: dict[str, Any] = {"type": type, "message": message, "attempts": attempts}
    if usage:
        error["usage"] = usage
    return {**base(item), "status": "error", "error": error}


def from_exception(item: BatchItem, exc: BaseException) -> dict[str, Any]:
    """The error record of `item` for an exception raised while analysing it."""
    if isinstance(exc, ModelError):
        record = error_record(item, exc.type, exc.message, exc.attempts, exc.usage)
        wait = exc.retry_after if isinstance(exc, RateLimited) else None
        if wait is not None and math.isfinite(wait) and wait >= 0:  # JSON has no inf / NaN
            record["error"]["retry_after"] = wait
        return record
    if isinstance(exc, SummarizerError):
        return error_record(item, exc.type, exc.message)
    # A bug must not stop the job; the record names the exception class to find it by.
    return error_record(item, "internal_error", f"{type(exc).__name__}: {exc}")


def ok_record(item: BatchItem, analysis: dict[str, Any], *, cached: bool = False) -> dict[str, Any]:
    """The ok record of `item` with its `analysis` (marked `cached` when it came from the cache)."""
    record = {**base(item), "status": "ok", "analysis": analysis}
    if cached:
        # Marked so the tally does not count the cached usage as spent again.
        record["cached"] = True
    return record


def analyze_item(
    summarizer: Summarizer, item: BatchItem, cache: AnalysisCache | None = None
) -> dict[str, Any]:
    """Analyse one item synchronously (or take it from `cache`); always returns a record."""
    try:
        text = load_text(item, summarizer.config.max_chars)
        if cache is not None and (hit := cache.get(text)) is not None:
            return ok_record(item, hit, cached=True)
        analysis = summarizer.analyze(text).model_dump(mode="json")
    except Exception as exc:
        return from_exception(item, exc)
    if cache is not None:
        cache.put(text, analysis)
    return ok_record(item, analysis)
