"""One article, segmented once: paragraphs, sentences, token views and quotations.

As spaCy builds its `Doc` once and passes it through the pipeline, the offline engine
builds one `Doc` per article and every stage (attribution, speakers, stance, summary) reads
its segmentation from it instead of re-splitting the text. Each view is computed on first
use and then kept, so a stage that never asks for one costs nothing, and a change to how
the article is split or tokenised is made here, once.

The stages need different token views, all defined in this module:

- `tokens`: words (inner hyphens and apostrophes kept) and single punctuation marks, with a
  normalised form, as the cue model and the attribution patterns read them;
- `name_tokens`: words only, with periods after a single letter kept inside ("U.S",
  "E.J"), as the speaker resolver assembles names from them;
- `words_in(start, end)`: `summarizer._text.words`, word tokens with inner periods
  ("U.S."), of one span, as the stance detector reads a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from .._text import Segment, paragraph_sentences, paragraphs, words
from ._quotes import QuotedSpan, find_quotations

__all__ = ["Doc", "NameTokens", "Token", "as_doc", "tokenize", "word_fields"]

# Cue view: a word with inner hyphens/apostrophes, or any single non-space symbol.
_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# Name view: letters, then letters/digits joined by inner hyphens or apostrophes, or by
# periods after a single letter ("U.S", "A.F.L", but "said.Trump" is two words). Written
# as runs of word characters between joiners (the same matches as repeating one character
# or joiner at a time, which made the engine branch at every character).
_NAME_TOKEN_RE = re.compile(r"[^\W_]\w*(?:(?:[-'’]|(?<=\b[^\W\d_])\.)(?=[^\W_])\w*)*")
_QUOTE_CHARS = frozenset("\"'“”‘’„«»‟‛")
_DASH_CHARS = frozenset("-–—")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets and lower-cased, normalised form."""

    start: int
    end: int
    text: str
    norm: str
    is_word: bool
    """True for letters/digits, False for punctuation."""


# Bounded small: a batch of millions of articles meets millions of distinct words, and a
# 65,536-entry cache here and in the summary's stemmer held ~28 MiB once full (100k vs 1k
# lines in benchmarks/batch_memory.py: 1.47x peak memory); 8,192 keeps the common words.
@lru_cache(maxsize=8192)
def word_fields(text: str) -> tuple[str, str, bool]:
    """A token's `text`, `norm` and `is_word` fields, which depend on its text alone."""
    if text in _QUOTE_CHARS:
        norm = '"'
    elif text in _DASH_CHARS:
        norm = "-"
    else:
        norm = text.lower().replace("’", "'")
    return text, norm, text[0].isalnum() or text[0] == "_"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words (inner hyphens and apostrophes kept) and single punctuation marks, with offsets."""
    end = len(text) if end is None else end
    # This runs over every token of the article: a comprehension, the word's fields from
    # one cached call joined to the match's span, and tuples made without the named
    # tuple's own __new__ (a Python call per token). One match at a time: a list of them
    # all (for C-level maps) was faster alone, but ~1,000 live match objects per article
    # doubled the cyclic collector's young collections, and with them its full ones.
    new = tuple.__new__
    return [
        new(Token, m.span() + word_fields(m.group())) for m in _TOKEN_RE.finditer(text, start, end)
    ]


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


@dataclass(frozen=True, slots=True)
class NameTokens:
    """The name view of an article: parallel lists of each word's start, end and text."""

    starts: list[int]
    ends: list[int]
    texts: list[str]


class Doc:
    """An article and its segmentation, each view computed once on first use.

    Stages read the views; none may change them (they are shared by every stage).
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Doc({len(self.text)} chars)"

    def release(self, *views: str) -> None:
        """Drop the named views once no later stage reads them, so that they do not add
        to the memory the next stage builds (a view asked for again is recomputed)."""
        for name in views:
            if not isinstance(getattr(type(self), name, None), cached_property):
                raise ValueError(f"Doc has no view {name!r}")
            self.__dict__.pop(name, None)

    @cached_property
    def paragraphs(self) -> list[Segment]:
        """Non-blank lines, stripped (news text puts one paragraph per line)."""
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences of every paragraph, in article order (never crossing a paragraph)."""
        return paragraph_sentences(self.text, self.paragraphs)

    @cached_property
    def tokens(self) -> list[Token]:
        """The cue view: words and single punctuation marks with their normal forms."""
        return tokenize(self.text)

    @cached_property
    def name_tokens(self) -> NameTokens:
        """The name view: words, with periods kept after single letters ("U.S", "E.J")."""
        found = list(_NAME_TOKEN_RE.finditer(self.text))
        return NameTokens(
            list(map(_START, found)), list(map(_END, found)), list(map(_GROUP, found))
        )

    def words_in(self, start: int, end: int) -> list[Segment]:
        """The word view (`summarizer._text.words`: inner periods kept, "U.S.") of
        `text[start:end]`, offsets relative to `start`.

        Made per span, not once for the article: the stance detector reads the words of a
        few quotes only, and the whole article's words cost more than all of those.
        """
        return words(self.text[start:end])

    @cached_property
    def quotations(self) -> list[QuotedSpan]:
        """Every quotation (top-level and nested) by opening mark, as `find_quotations`."""
        return find_quotations(self.text, self.paragraphs)


def as_doc(article: str | Doc) -> Doc:
    """`article` itself when it is a `Doc`, else a new `Doc` of the text."""
    return article if isinstance(article, Doc) else Doc(article)
