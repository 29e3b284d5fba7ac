"""Which occurrence of a proposal's words the model meant, when the article has them twice.

Grounding finds a proposal's words nearest the paragraph the model named (or the start of
its chunk). Short quotes ("Machado", "the devil", "so") often stand in an article more than
once, and the nearest occurrence is then often not the attribution the model meant: there
nothing reports it (rejected as narration) or it is another attribution's (dropped as a
duplicate). The model's claims say which one it meant: of the occurrences of
the very same words (a sentence's first letter aside), one no other proposal of the same
answer took wins (a second quote at the same place would be lost as a duplicate), then one
where the article reports them as the claimed speaker's (`_support`), then one with the
model's cue and mention as written near it, then the one grounding found.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set
from typing import Final

from .._grounding import Grounded
from ._support import ArticleEvidence

__all__ = ["MAX_OCCURRENCES", "choose_occurrence"]

MAX_OCCURRENCES: Final = 32
"""Occurrences of a proposal's words weighed at most: each costs one support check."""


def choose_occurrence(
    article: str,
    evidence: ArticleEvidence,
    found: Grounded,
    *,
    speaker: str | None,
    mention: str | None,
    cue: str | None,
    taken: Set[int],
) -> Grounded:
    """`found`, or another occurrence of its exact words that fits the model's claims better
    (see the module docstring). Split and approximate matches are kept as grounding found
    them: only the very same words elsewhere are weighed."""
    if found.parts or found.method not in ("exact", "normalized"):
        return found
    spans = _occurrences(article, found.text)
    if len(spans) < 2:
        return found

    def rank(span: tuple[int, int]) -> tuple[bool, bool, int, int]:  # the least wins
        start, end = span
        support = evidence.check(
            start,
            end,
            speaker=speaker,
            mention=mention,
            cue=cue,
            parts=evidence.quoted_parts(start, end),
        )
        attributed = support.reported and (speaker is None or support.speaker)
        around = article[support.start : support.end].casefold()
        named = sum(c is not None and c.casefold() in around for c in (cue, mention) if c)
        return (start in taken, not attributed, -named, abs(start - found.start))

    start, end = min(spans, key=rank)
    if start == found.start:
        return found
    return Grounded(start, end, article[start:end], found.method, found.score)


def _occurrences(article: str, text: str) -> list[tuple[int, int]]:
    """Where `text` stands as whole words, whatever the case of its letters (a sentence's
    first word is capitalised), at most `MAX_OCCURRENCES` of them, in article order."""
    pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
    return [m.span() for m in itertools.islice(pattern.finditer(article), MAX_OCCURRENCES)]
