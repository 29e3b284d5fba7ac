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
    swallowing = _swallowing(quotes)
    ranked = sorted(quotes, key=lambda q: _rank(q, id(q) in swallowing))
    kept: list[Quote] = []
    ranges: list[list[tuple[int, int]]] = []
    notes: list[str] = []
    for quote in ranked:
        mine = content_ranges(quote)
        same = next((k for k, other in enumerate(ranges) if other == mine), None)
        if same is not None:
            kept[same], note = _merged(kept[same], quote)
            if note is not None:
                notes.append(note)
            continue
        clash = next((k for k, other in enumerate(ranges) if _overlap(mine, other)), None)
        if clash is not None:
            winner = kept[clash]
            notes.append(
                f"a quote overlapping another was left out: {quote.text[:_SHOWN]!r} "
                f"({_who(quote)}), inside or across {winner.text[:_SHOWN]!r} ({_who(winner)})"
            )
            continue
        kept.append(quote)
        ranges.append(mine)
    kept.sort(key=lambda q: (q.start, q.end))
    return kept, notes


def _rank(quote: Quote, swallows: bool) -> tuple[bool, bool, int, int, int]:
    """Sort key: first the quote a reader would name (see the module docstring)."""
    return (
        quote.speaker.name is None,
        swallows,
        -(quote.end - quote.start),
        quote.start,
        quote.end,
    )


def _swallowing(quotes: Sequence[Quote]) -> set[int]:
    """The `id`s of the quotes that hold the cue of an overlapping quote of their speaker."""
    out = set()
    for quote in quotes:
        name, mine = quote.speaker.name, content_ranges(quote)
        if name is None:
            continue
        for other in quotes:
            at, stop = other.cue_start, other.cue_end
            if (
                other is not quote
                and other.speaker.name == name
                and at is not None
                and stop is not None
                and any(s <= at and stop <= e for s, e in mine)
                and _overlap(mine, content_ranges(other))
            ):
                out.add(id(quote))
                break
    return out


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s < f and r < e for s, e in a for r, f in b)


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
