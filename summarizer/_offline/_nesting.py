"""One attribution per stretch of text: overlapping attributions resolved, as PolNeAR does.

PolNeAR is univocal: no character of an article belongs to two attributions' contents (0
overlapping pairs among dev's 2,319 gold quotes, 18 duplicates among train's 22,465). Our
cue patterns find attributions inside other attributions' content, and what PolNeAR's
annotators do with them depends on how the inner one is attached (measured on dev, 1891
predictions of which 599 overlapped another, `tools/quote_overlaps.py`):

- **Nested reported speech** ("Merrill says Machado promised to continue …", "a letter
  that says he has …"): the inner cue's source stands inside the outer content. The
  annotators keep the outer attribution whole and do not annotate the inner one (177
  outer-only matches against 3 inner-only), so the inner one is dropped.
- **Coordinated and participial cues** sharing the outer source ("Trump said he would
  order a review and warned against hackers", "X spoke Tuesday, arguing that …"): the
  inner cue has no source of its own inside the outer content. The annotators give each
  verb its own attribution, so the outer content ends before the inner cue.
- Anything else still overlapping (two patterns claiming the same words) keeps the
  attribution met first in article order and drops the other, so that the result holds
  no overlap whatever the patterns found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypeVar

from .._models import QuoteType

__all__ = ["Nestable", "univocal"]

Ranges = list[tuple[int, int]]


class Nestable(Protocol):
    """What the resolution reads and cuts: an attribution's content parts, type, cue and
    source (offsets into the text), as `_attribution.Attribution` has them."""

    parts: Ranges
    kind: QuoteType
    cue: tuple[int, int] | None
    source: tuple[int, int] | None


_A = TypeVar("_A", bound=Nestable)

# What the outer content may end with once cut before a coordinated cue: the comma, dash
# or conjunction that joined the two clauses belongs to neither.
_TRAILING_JOIN = re.compile(
    r"(?:[\s,;:—–―-]|\b(?:and|but|or|while|then|also|before|after|by|as well as|even|though"
    r"|although|yet|whereas)\b)+\Z",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w")
# What stands before the source of a new clause inside another attribution's content
# ("…, though she acknowledged", "… and Democrats accused"): that clause is an attribution
# of its own, not reported speech nested in the first.
_CLAUSE_BREAK = re.compile(
    r"(?:[,;:—–―(]|\s-|\b(?:and|but|though|although|while|yet|whereas))\s*\Z", re.IGNORECASE
)
# What joins a coordinated cue to the clause before it ("…, saying", "… and warned", "…
# but then said"); a cue right after a word of the content is nested in it instead
# ("Merrill says Machado promised …").
_COORDINATION = re.compile(
    r"(?:[,;:—–―(]|\s-|\b(?:and|but|or|while|yet|though|although|whereas|before|after|by))"
    r"\s*(?:(?:also|then|later|again|still|even|\w+ly)\s+)*\Z",
    re.IGNORECASE,
)


# A cue noun's complement and nothing more: "of" and at most three words.
_COMPLEMENT_ONLY = re.compile(r"of(?:\s+[\w'’-]+){1,3}", re.IGNORECASE)


def _within(ranges: Ranges, start: int, end: int) -> bool:
    """Whether `[start, end)` intersects one of `ranges`."""
    return any(s < end and start < e for s, e in ranges)


def _overlap(a: Ranges, b: Ranges) -> bool:
    return any(_within(a, s, e) for s, e in b)


def _cut(text: str, parts: Ranges, at: int) -> Ranges:
    """`parts` cut before offset `at`, without the joining words and punctuation left at
    the cut; empty when no word remains."""
    kept = [(s, min(e, at)) for s, e in parts if s < at]
    if not kept:
        return []
    s, e = kept[-1]
    m = _TRAILING_JOIN.search(text, s, e)
    if m is not None:
        e = m.start()
    kept[-1] = (s, e)
    return [(s, e) for s, e in kept if e > s and _WORD.search(text, s, e)]


def _resolve(
    text: str, outer: Nestable, inner: Nestable, kind: Callable[[Ranges], QuoteType]
) -> Nestable | None:
    """Make way for `inner`, whose cue lies in `outer`'s content: the attribution to drop,
    or None when `outer` was cut before `inner` and both stay."""
    assert inner.cue is not None
    at = min(inner.cue[0], inner.parts[0][0])
    if inner.source is not None and _within(outer.parts, inner.source[0], inner.source[0] + 1):
        if not _CLAUSE_BREAK.search(text, max(0, inner.source[0] - 12), inner.source[0]):
            return inner  # nested reported speech: the outer attribution is the one annotated
        at = min(at, inner.source[0])  # a clause of its own: the outer content ends before it
    elif not _COORDINATION.search(text, max(0, at - 30), at):
        return inner  # "X says Y promised …": the inner cue's subject is outer content
    parts = _cut(text, outer.parts, at)
    if not parts or _COMPLEMENT_ONLY.fullmatch(text, parts[0][0], parts[-1][1]):
        # Nothing of the outer content stands before the inner attribution, or only the
        # complement of the cue's noun ("made an admission of her errors, saying that …"):
        # what was said is the inner attribution's.
        return outer
    outer.parts = parts
    outer.kind = kind(parts)
    return None


def _contains_cue(outer: Nestable, inner: Nestable) -> bool:
    return inner.cue is not None and _within(outer.parts, inner.cue[0], inner.cue[0] + 1)


def univocal(text: str, attributions: list[_A], kind: Callable[[Ranges], QuoteType]) -> list[_A]:
    """`attributions` (sorted by content start) with no two contents overlapping.

    `kind` recomputes an attribution's type when its content is cut. One sweep in article
    order: each attribution is checked against the kept ones still open at its start;
    since the kept ones never overlap one another, few are open at once.
    """
    kept: list[_A] = []
    dropped: set[int] = set()  # ids of kept ones a later, outer attribution replaced
    open_: list[_A] = []
    for attr in attributions:
        start = attr.parts[0][0]
        open_ = [a for a in open_ if a.parts[-1][1] > start]
        alive = True
        for old in list(open_):
            if not _overlap(old.parts, attr.parts):
                continue
            if _contains_cue(old, attr):
                loser = _resolve(text, old, attr, kind)
            elif _contains_cue(attr, old):
                loser = _resolve(text, attr, old, kind)
            else:
                loser = attr  # two patterns claimed the same words: the first one stays
            if loser is old or (loser is None and _overlap(old.parts, attr.parts)):
                # `old` goes when it is the one to drop; a cut that still overlaps (the
                # inner content came before its cue) falls back to the first one staying.
                if loser is old:
                    dropped.add(id(old))
                    open_.remove(old)
                    continue
                loser = attr
            if loser is attr:
                alive = False
                break
        if alive:
            kept.append(attr)
            open_.append(attr)
    return [a for a in kept if id(a) not in dropped]
