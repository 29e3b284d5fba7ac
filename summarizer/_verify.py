"""The last gate every engine's quotes pass: nothing leaves unless it stands in the article.

Engines locate quotes (the offline engine by construction, the LLM engine through
grounding); this module checks the result once more against the article string, drops what
fails into `meta.rejected` with the reason, removes duplicates and numbers the quotes in
article order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._models import Quote, Rejection

__all__ = ["content_ranges", "quote_problem", "verify_quotes"]


def content_ranges(quote: Quote) -> list[tuple[int, int]]:
    """The non-empty `[start, end)` ranges a quote's words occupy: its spans, else its extent."""
    ranges = [(s.start, s.end) for s in quote.spans] or [(quote.start, quote.end)]
    return [(a, b) for a, b in ranges if b > a]


def quote_problem(quote: Quote, article: str | None = None) -> str | None:
    """Why `quote` cannot be reported or shown (checked against `article` when given)."""
    start, end = quote.start, quote.end
    # Models built with `model_construct` skip validation, so the basics are checked again.
    if start < 0 or end < start:
        return f"offsets {start}–{end} are not a range"
    if len(quote.text) != end - start:
        return f"text is {len(quote.text)} characters but offsets {start}–{end} span {end - start}"
    if article is not None:
        if end > len(article):
            return f"offsets {start}–{end} lie outside the article ({len(article)} characters)"
        if article[start:end] != quote.text:
            return f"article[{start}:{end}] does not match the quote text"
    for span in quote.spans:
        if span.start < start or span.end > end or span.end < span.start:
            return f"span {span.start}–{span.end} lies outside the quote ({start}–{end})"
    if not quote.text.strip() or not content_ranges(quote):
        return "empty quote"
    if article is None:
        return None
    sp = quote.speaker
    if (
        sp.mention_start is not None
        and sp.mention_end is not None
        and article[sp.mention_start : sp.mention_end] != sp.mention
    ):
        return "speaker mention does not match the article at its offsets"
    if (
        quote.cue_start is not None
        and quote.cue_end is not None
        and article[quote.cue_start : quote.cue_end] != quote.cue
    ):
        return "cue does not match the article at its offsets"
    return None


def verify_quotes(article: str, quotes: Sequence[Quote]) -> tuple[list[Quote], list[Rejection]]:
    """Split `quotes` into (verified, rejected); verified are deduplicated and renumbered."""
    kept: list[Quote] = []
    rejected: list[Rejection] = []
    seen: set[tuple[int, int]] = set()
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        reason = quote_problem(quote, article)
        if reason is not None:
            rejected.append(Rejection(text=quote.text, reason=reason, speaker=quote.speaker.name))
            continue
        if (quote.start, quote.end) in seen:
            continue
        seen.add((quote.start, quote.end))
        kept.append(quote)
    numbered = [
        q if q.id == f"q{i}" else q.model_copy(update={"id": f"q{i}"})
        for i, q in enumerate(kept, 1)
    ]
    return numbered, rejected
