"""No two reported quotes share a character: one rule for the quotes an engine found.

A reader names one speaker for a stretch of text. When an engine's quotes overlap (a
quotation nested in another: "My supervisor said, 'Just stack it lower,' and walked away";
reported speech proposed twice with different edges; a short quote located inside a longer
one), `without_overlaps` keeps one of them and reports the rest:

1. **Duplicates merge.** Quotes with the same content ranges are one quote: the first by
   the order below is kept, and what it lacks (speaker, role, cue, stance) is taken from the
   others; a duplicate that names another speaker is reported in a note.
2. **The outer attribution wins.** Of quotes whose content ranges overlap, the one a reader
   would name is kept: a quote with a speaker before one without, then one that does not
   swallow its own attribution (below), then the longer (the outer quotation, whose speaker
   is the one the article quotes), then the earlier. The others are left out, each with a
   note naming what was kept in its place.

A quote swallows its attribution when it holds the cue of an overlapping quote of the same
speaker: "for the closure, said the vote was overdue" holds the "said" of "the vote was
overdue", both Ortiz's; what is said never includes the words that say who said it. A
quote holding the cue of *another* speaker's quote is nesting, not that: Fisk's "the lender
intends to keep a seat" holds the lender's "intends", and is the outer attribution.

Content ranges are a quote's `spans` (its extent when it has none): a split quote's
attribution between its parts is not the quote, so a quote standing there does not overlap
it. The quotes come back in article order, with their ids unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._models import Quote
from ._verify import content_ranges

__all__ = ["without_overlaps"]

_SHOWN = 80
"""Characters of a quote's text shown in a note."""


def without_overlaps(quotes: Sequence[Quote]) -> tuple[list[Quote], list[str]]:
    """`quotes` with no two overlapping, and a note for each quote merged away with another
    speaker or left out (see the module docstring)."""
    ranges = [content_ranges(q) for q in quotes]
    neighbours = _overlapping(ranges)
    if not any(neighbours):  # the common case: nothing to decide
        return sorted(quotes, key=lambda q: (q.start, q.end)), []
    swallows = [_swallows(i, quotes, ranges, neighbours[i]) for i in range(len(quotes))]
    order = sorted(range(len(quotes)), key=lambda i: _rank(quotes[i], swallows[i]))
    kept: dict[int, Quote] = {}  # by index in `quotes`: the quote kept there, maybe merged
    notes: list[str] = []
    for i in order:
        quote = quotes[i]
        same = next((k for k in neighbours[i] if k in kept and ranges[k] == ranges[i]), None)
        if same is not None:
            kept[same], note = _merged(kept[same], quote)
            if note is not None:
                notes.append(note)
            continue
        clash = next((k for k in neighbours[i] if k in kept), None)
        if clash is not None:
            winner = kept[clash]
            notes.append(
                f"a quote overlapping another was left out: {quote.text[:_SHOWN]!r} "
                f"({_who(quote)}), inside or across {winner.text[:_SHOWN]!r} ({_who(winner)})"
            )
            continue
        kept[i] = quote
    return sorted(kept.values(), key=lambda q: (q.start, q.end)), notes


def _overlapping(ranges: Sequence[Sequence[tuple[int, int]]]) -> list[list[int]]:
    """For each quote, the indexes of the quotes whose content ranges overlap its own (or
    equal them), found by one sweep over the ranges in article order."""
    neighbours: list[list[int]] = [[] for _ in ranges]
    pieces = sorted((s, e, i) for i, own in enumerate(ranges) for s, e in own)
    open_: list[tuple[int, int]] = []  # (end, quote) of pieces still open at the sweep
    for s, e, i in pieces:
        open_ = [(end, k) for end, k in open_ if end > s]
        for _, k in open_:
            if k != i and k not in neighbours[i]:
                neighbours[i].append(k)
                neighbours[k].append(i)
        open_.append((e, i))
    return neighbours


def _rank(quote: Quote, swallows: bool) -> tuple[bool, bool, int, int, int]:
    """Sort key: first the quote a reader would name (see the module docstring)."""
    return (
        quote.speaker.name is None,
        swallows,
        -(quote.end - quote.start),
        quote.start,
        quote.end,
    )


def _swallows(
    i: int,
    quotes: Sequence[Quote],
    ranges: Sequence[Sequence[tuple[int, int]]],
    neighbours: Sequence[int],
) -> bool:
    """Whether quote `i` holds the cue of an overlapping quote of its speaker."""
    name = quotes[i].speaker.name
    if name is None:
        return False
    for k in neighbours:
        other = quotes[k]
        at, stop = other.cue_start, other.cue_end
        if (
            other.speaker.name == name
            and at is not None
            and stop is not None
            and any(s <= at and stop <= e for s, e in ranges[i])
        ):
            return True
    return False


def _merged(kept: Quote, duplicate: Quote) -> tuple[Quote, str | None]:
    """`kept` with what it lacks taken from `duplicate` (the same words), and a note when
    the two name different speakers."""
    update: dict[str, Any] = {}
    speaker = kept.speaker
    other = duplicate.speaker
    note = None
    if speaker.name is None and other.name is not None:
        update["speaker"] = other
    elif speaker.name is not None and other.name is not None and speaker.name != other.name:
        note = (
            f"one quote was attributed both to {speaker.name!r} and to {other.name!r}; "
            f"{speaker.name!r} was kept: {kept.text[:_SHOWN]!r}"
        )
    elif speaker.name == other.name and speaker.role is None and other.role is not None:
        update["speaker"] = speaker.model_copy(update={"role": other.role})
    if kept.cue is None and duplicate.cue is not None:
        update.update(cue=duplicate.cue, cue_start=duplicate.cue_start, cue_end=duplicate.cue_end)
    if kept.stance is None and duplicate.stance is not None and note is None:
        update["stance"] = duplicate.stance
    return (kept.model_copy(update=update) if update else kept), note


def _who(quote: Quote) -> str:
    return quote.speaker.name or "speaker unknown"
