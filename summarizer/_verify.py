"""The last gate every engine's quotes pass: nothing leaves unless it stands in the article.

Engines locate quotes (the offline engine by construction, the LLM engine through
grounding); this module checks the result once more against the article string, drops what
fails into `meta.rejected` with the reason, removes duplicates and numbers the quotes in
article order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._models import Quote, Rejection

__all__ = ["verify_quotes"]


def _problem(article: str, quote: Quote) -> str | None:
    """Why `quote` cannot be reported, or None when it is sound."""
    if quote.end > len(article):
        return f"offsets {quote.start}:{quote.end} lie outside the article ({len(article)} chars)"
    if article[quote.start : quote.end] != quote.text:
        return "text does not match the article at its offsets"
    if not quote.text.strip():
        return "empty quote"
    for span in quote.spans:
        if not (quote.start <= span.start < span.end <= quote.end):
            return f"content span {span.start}:{span.end} lies outside the quote"
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
        reason = _problem(article, quote)
        if reason is not None:
            rejected.append(Rejection(text=quote.text, reason=reason, speaker=quote.speaker.name))
            continue
        if (quote.start, quote.end) in seen:
            continue
        seen.add((quote.start, quote.end))
        kept.append(quote)
    numbered = [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(kept, 1)]
    return numbered, rejected
