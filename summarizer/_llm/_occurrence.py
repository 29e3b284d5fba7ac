"""Which occurrence of a proposal's words the model meant, when the article has them twice.

Grounding finds a proposal's words nearest the paragraph the model named (or the start of
its chunk). Short quotes ("Machado", "the devil", "so") often stand in an article more than
once, and the nearest occurrence is then often not the attribution the model meant: there
nothing reports it (rejected as narration) or it is another attribution's (dropped as a
duplicate). The model's claims say which one it meant: of the occurrences of
the very same words (a sentence's first letter aside), one no other proposal of the same
answer took wins (a second quote at the same place would be lost as a duplicate), then one
where the article reports them as the claimed speaker's (`_support`); among those, one
with the model's cue and mention as it wrote them near it, then the one grounding found.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Final

from .._grounding import Grounded
from ._support import ArticleEvidence

__all__ = ["MAX_OCCURRENCES", "NEAR", "choose_occurrence"]

MAX_OCCURRENCES: Final = 32
"""Occurrences of a proposal's words weighed at most: each may cost one support check."""

NEAR: Final = 300
"""Characters on each side of an occurrence in which the model's cue and mention, as it
wrote them, are looked for."""


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
    text = found.text
    if article.find(text, found.start + 1) < 0 and article.rfind(text, 0, found.end - 1) < 0:
        # Its words stand nowhere else, in whatever case its first letter is: found alone.
        swapped = text[:1].swapcase() + text[1:]
        if swapped == text or swapped not in article:
            return found
    spans = _occurrences(article, text)
    if len(spans) < 2:
        return found
    claims = [c.casefold() for c in (cue, mention) if c]

    def order(span: tuple[int, int]) -> tuple[int, int]:  # the least first
        start, end = span
        around = article[max(0, start - NEAR) : end + NEAR].casefold()
        return (-sum(claim in around for claim in claims), abs(start - found.start))

    def attributed(span: tuple[int, int]) -> bool:
        start, end = span
        support = evidence.check(
            start,
            end,
            speaker=speaker,
            mention=mention,
            cue=cue,
            parts=evidence.quoted_parts(start, end),
        )
        return support.reported and (speaker is None or support.speaker)

    free = [span for span in spans if span[0] not in taken] or spans
    ordered = sorted(free, key=order)
    # Support checks cost: the first occurrence in that order the article attributes.
    start, end = next((span for span in ordered if attributed(span)), ordered[0])
    if start == found.start:
        return found
    return Grounded(start, end, article[start:end], found.method, found.score)


def _occurrences(article: str, text: str) -> list[tuple[int, int]]:
    """Where `text` stands as whole words, its first letter in either case (a sentence's
    first word is capitalised), at most `MAX_OCCURRENCES` of them, in article order."""
    size = len(text)
    found: list[int] = []
    # Each form's first MAX_OCCURRENCES, in a fixed order (not a set's, which depends on the
    # hash seed): the first MAX_OCCURRENCES of both together are among them.
    for needle in dict.fromkeys((text, text[0].swapcase() + text[1:])):
        kept = 0
        at = article.find(needle)
        while at >= 0 and kept < MAX_OCCURRENCES:
            end = at + size
            if not (at and article[at - 1].isalnum()) and not (
                end < len(article) and article[end].isalnum()
            ):
                found.append(at)
                kept += 1
            at = article.find(needle, at + 1)
    return [(at, at + size) for at in sorted(found)[:MAX_OCCURRENCES]]
