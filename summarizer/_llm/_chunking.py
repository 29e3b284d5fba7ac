"""Long articles: token budgets, chunks at paragraph boundaries, and de-duplication by span.

A chunk is a slice of the article (`article[start:end] == text`), so whatever is found in a
chunk maps back to article offsets by adding `start`. Chunks break between paragraphs;
a paragraph too long for any chunk breaks between sentences, and a sentence too long
between words, as last resorts. Consecutive chunks share about `overlap_tokens` of whole
paragraphs, so the text before a boundary (the name a "he said" refers to) is in the
chunk after it too; `dedupe_by_span` then removes what both chunks found.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .._exceptions import ConfigError
from .._text import Segment, paragraphs, sentences, words
from ._models_table import ModelInfo

__all__ = [
    "DEFAULT_MIN_OVERLAP",
    "Chunk",
    "TextCounter",
    "budget_for",
    "dedupe_by_span",
    "plan_chunks",
    "span_overlap",
]

T = TypeVar("T")

DEFAULT_MIN_OVERLAP = 0.8
"""Spans whose overlap (intersection over union) reaches this are one item."""


class TextCounter(Protocol):
    """Anything that counts tokens in a string (`TokenCounter` is one)."""

    def count(self, text: str) -> int:
        """Tokens in `text`."""
        ...


@dataclass(frozen=True, slots=True)
class Chunk:
    """A slice of the article sent to the model on its own.

    `first_paragraph` is the 1-based number, in the whole article, of the paragraph the
    chunk starts in, so paragraph hints in prompts are numbered as in the article.
    """

    index: int
    start: int
    end: int
    text: str
    tokens: int
    first_paragraph: int = 1


def budget_for(model_info: ModelInfo, prompt_overhead_tokens: int, output_tokens: int) -> int:
    """Article tokens that fit one request beside the prompt and the reserved output.

    Raises `ConfigError` when nothing is left for the article.
    """
    room = min(model_info.context_window - output_tokens, model_info.input_limit)
    budget = room - prompt_overhead_tokens
    if budget <= 0:
        raise ConfigError(
            f"{model_info.model}: a {model_info.context_window}-token context leaves no room "
            f"for the article after {prompt_overhead_tokens} prompt tokens and "
            f"{output_tokens} output tokens; lower the output budget or pick a larger model"
        )
    return budget


def _split_long(
    article: str, seg: Segment, counter: TextCounter, max_tokens: int
) -> list[tuple[Segment, int]]:
    """`seg` as units of at most `max_tokens`: sentences, else runs of words, else chars."""
    if (n := counter.count(seg.text)) <= max_tokens:
        return [(seg, n)]
    parts = sentences(article, seg.start, seg.end)
    if len(parts) > 1:
        out: list[tuple[Segment, int]] = []
        for part in parts:
            out.extend(_split_long(article, part, counter, max_tokens))
        return out
    return _split_words(article, seg, counter, max_tokens)


def _split_words(
    article: str, seg: Segment, counter: TextCounter, max_tokens: int
) -> list[tuple[Segment, int]]:
    """One sentence over budget (a list, a table, text without periods): runs of words.

    Word costs (each with the text before it) are summed, which over-counts slightly and
    keeps this linear; a single word over budget (a pasted blob) is cut by characters.
    """
    out: list[tuple[Segment, int]] = []
    start, end, size = seg.start, seg.start, 0
    for w in words(article, seg.start, seg.end):
        cost = counter.count(article[end : w.end])
        if end > start and size + cost > max_tokens:
            out.append(_unit(article, start, end, counter))
            start, size = w.start, counter.count(article[w.start : w.end])
        else:
            size += cost
        end = w.end
        while size > max_tokens:
            cut = _char_cut(article, start, end, counter, max_tokens)
            out.append(_unit(article, start, cut, counter))
            start, size = cut, counter.count(article[cut:end])
    if seg.end > start:
        out.append(_unit(article, start, seg.end, counter))
    return out


def _unit(article: str, start: int, end: int, counter: TextCounter) -> tuple[Segment, int]:
    text = article[start:end]
    return Segment(start, end, text), counter.count(text)


def _char_cut(article: str, start: int, end: int, counter: TextCounter, max_tokens: int) -> int:
    """The largest `cut` in (start, end) with article[start:cut] within budget (bisection)."""
    lo, hi = start + 1, end
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if counter.count(article[start:mid]) <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return lo


def plan_chunks(
    article: str, counter: TextCounter, *, max_tokens: int, overlap_tokens: int = 0
) -> list[Chunk]:
    """Split `article` into chunks of at most `max_tokens` tokens.

    An article that fits is one chunk covering all of it (`start == 0`,
    `end == len(article)`). Otherwise chunks run from the start of a paragraph (or
    sentence, for an over-long paragraph) to the end of one, and each chunk after the first
    repeats the trailing paragraphs of the one before: at least `overlap_tokens` of them,
    rounded up to a whole paragraph, where the budget leaves room beside the chunk's next
    new paragraph (none when `overlap_tokens` is 0). Together the chunks cover every
    non-blank character of the article; each chunk's own token count is checked.
    """
    if max_tokens <= 0:
        raise ValueError(f"max_tokens must be positive, got {max_tokens}")
    if overlap_tokens < 0:
        raise ValueError(f"overlap_tokens must be >= 0, got {overlap_tokens}")
    total = counter.count(article)
    if total <= max_tokens:
        return [Chunk(0, 0, len(article), article, total)]

    units: list[Segment] = []
    para_of: list[int] = []  # 1-based paragraph number of each unit
    gaps: list[int] = []  # tokens of the break before each unit (0 for the first)
    prefix = [0]  # prefix[u]: tokens of units[:u], each with the break before it
    gap_cost: dict[str, int] = {}
    for number, para in enumerate(paragraphs(article), start=1):
        for seg, n in _split_long(article, para, counter, max_tokens):
            gap = article[units[-1].end : seg.start] if units else ""
            if gap not in gap_cost:
                gap_cost[gap] = counter.count(gap) if gap else 0
            units.append(seg)
            para_of.append(number)
            gaps.append(gap_cost[gap])
            prefix.append(prefix[-1] + gap_cost[gap] + n)

    if not units:  # blank text over budget (only with absurd budgets): nothing to split
        return [Chunk(0, 0, len(article), article, total)]

    def cost(i: int, j: int) -> int:
        # Additive (an upper bound for BPE, whose pieces do not cross line breaks, and for
        # the estimate, which rounds up per call); each chunk is counted exactly below.
        return prefix[j + 1] - prefix[i] - gaps[i]

    chunks: list[Chunk] = []
    i, last, done = 0, len(units) - 1, -1  # done: the last unit already in a chunk
    while True:
        j = i
        while j < last and cost(i, j + 1) <= max_tokens:
            j += 1
        text = article[units[i].start : units[j].end]
        n = counter.count(text)
        while n > max_tokens and j > i:  # the additive bound was not an upper bound here
            j -= 1
            text = article[units[i].start : units[j].end]
            n = counter.count(text)
        if j <= done:  # the overlap left no room for anything new: drop it this time
            i = done + 1
            continue
        done = j
        chunks.append(Chunk(len(chunks), units[i].start, units[j].end, text, n, para_of[i]))
        if j == last:
            return chunks
        # Step back over whole units until the overlap reaches `overlap_tokens` (rounded up
        # to a whole unit: the paragraph before a boundary is the context that resolves a
        # "he said" after it), as long as the next new unit still fits beside it.
        k = j + 1
        while (
            k - 1 > i
            and (k > j or cost(k, j) < overlap_tokens)
            and cost(k - 1, j + 1) <= max_tokens
        ):
            k -= 1
        i = k


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two character ranges (1.0 for equal ones, even empty)."""
    if a == b:
        return 1.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def dedupe_by_span(
    items: Iterable[T],
    key: Callable[[T], tuple[int, int]],
    *,
    min_overlap: float = DEFAULT_MIN_OVERLAP,
    on_duplicate: Callable[[T, T], None] | None = None,
) -> list[T]:
    """Drop items found twice across chunk overlaps; return the rest in article order.

    Two items are the same when their `key` spans (article offsets) are equal or overlap by
    at least `min_overlap` (intersection over union; for one span inside another that is
    shorter / longer). Of two such items the longer span is kept, and on equal length the
    one seen first, i.e. from the earlier chunk. The result is sorted by span, ties in
    input order. `on_duplicate(dropped, kept)`, when given, is called for each item dropped,
    with the item finally kept in its place, in the order they were dropped.
    """
    kept: list[tuple[tuple[int, int], int, T]] = []
    dropped: list[tuple[T, int]] = []  # (item, its slot in `kept`)
    # The kept spans by start, to look only at those that can intersect a new span (they
    # start before it ends, and less than the longest kept span before it starts), or be
    # equal to it (an empty span, which intersects nothing, is the same as an equal one).
    by_start: list[tuple[int, int]] = []  # (start, index into kept)
    longest = 0
    for order, item in enumerate(items):
        span = key(item)
        lo = bisect.bisect_left(by_start, (span[0] - longest, -1))
        hi = bisect.bisect_left(by_start, (span[1] + (span[0] == span[1]), -1))
        same = None  # the first kept item (in keeping order) that is the same quote
        for _, pos in by_start[lo:hi]:
            other = kept[pos][0]
            # Disjoint spans cannot be the same quote, unless equal (empty): skip the
            # division for them.
            if other != span and (other[1] <= span[0] or span[1] <= other[0]):
                continue
            if (same is None or pos < same) and span_overlap(span, other) >= min_overlap:
                same = pos
        if same is None:
            by_start.insert(
                bisect.bisect_left(by_start, (span[0], len(kept))), (span[0], len(kept))
            )
            kept.append((span, order, item))
        elif span[1] - span[0] > kept[same][0][1] - kept[same][0][0]:
            old = kept[same][0]
            by_start.remove((old[0], same))
            bisect.insort(by_start, (span[0], same))
            dropped.append((kept[same][2], same))
            kept[same] = (span, kept[same][1], item)
        else:
            dropped.append((item, same))
        longest = max(longest, span[1] - span[0])
    if on_duplicate is not None:
        for item, slot in dropped:
            on_duplicate(item, kept[slot][2])
    kept.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in kept]
