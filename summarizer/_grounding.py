"""Grounding: locate a proposed quote in the article and return offsets into the original string.

Every engine proposes quote text (an LLM may alter it slightly); grounding decides where, if
anywhere, that text stands in the article. A span is only ever returned when
`article[start:end] == text`; a quote that cannot be located comes back as a
`GroundingFailure` with a reason, so callers can report it in `meta.rejected` and never as a
quote.

Matching is tried in order, cheapest first:

1. **exact / normalized** — a `str.find` of the normalized quote in the normalized article.
   Normalization (applied identically to both, with a map back to original offsets):

   - double quotation marks (“ ” „ ‟ « » ″ ") are dropped, so a quote matches with or without
     them, curly or straight; single marks (‘ ’ ‚ ‛ ‹ › ' ` ´ ′) become ``'`` between two
     letters/digits (apostrophes: don’t) and are dropped elsewhere (quotation marks);
   - every run of whitespace (line breaks, NBSP, thin spaces) becomes one space; zero-width
     characters and soft hyphens are dropped;
   - every dash (- ‐ ‑ ‒ – — ― − and "--") becomes ``-``, absorbing the spaces around it,
     so "well-known", "a — b" and "a -- b" compare equal;
   - "…", "..." and any run of periods holding one become one "…", absorbing the spaces
     around it;
   - letters are case-folded and NFKD-decomposed. Case is deliberately tolerated: a quote
     whose letters differ only in case is a *normalized* match (models re-capitalise the first
     word of a fragment). Accents are not: "resume" does not normalize to "résumé".

   The method is ``exact`` when the article's characters equal the proposal's (after the edge
   trimming below), else ``normalized``.
2. **elided** — a proposal with "…", "..." or "[…]" in the middle is split there and the
   pieces are matched (normalized) in order, each within `MAX_ELISION_GAP` characters of the
   previous one; the span is the hull from the first piece to the last, and `parts` says
   where each piece stands (a split quote's parts, its attribution between them).
3. **fuzzy** — `rapidfuzz.fuzz.partial_ratio_alignment` on the normalized text, refined to
   the best-scoring window and snapped to word boundaries; accepted only when its similarity
   is at least `min_score`.

Edges, applied the same way whatever the method:

- the proposal is trimmed of outer whitespace, quotation marks and punctuation (``. , ; : ! ?
  …``) before matching, so a model adding or dropping a trailing period is harmless;
- a leading "that" the article does not have at that place is the model's too (reported
  speech proposed as "that the plan failed" where the article says "said the plan failed"):
  when the proposal is not found with it, it is looked for without it;
- the returned span never starts or ends with whitespace, holds the quote's own outer
  quotation marks only to balance one inside it (below), and never ends with ``,``, ``;`` or
  ``:`` (that punctuation belongs to the attribution: “We will win,” she said grounds to
  ``We will win``);
- terminal ``.``, ``!`` or ``?`` right after the matched content is included exactly when it
  stands inside a closing quotation mark, whether or not the proposal had it: “We will win.”
  grounds to ``We will win.``, but "she said prices would rise." to ``prices would rise``
  (outside marks the period ends the reporting sentence, as in PolNeAR's content spans); a
  dotted acronym keeps its period (``the U.S.``);
- when the span holds an unbalanced quotation mark (it opens a nested quote), the closing mark
  just after it is included, so the span reads ``called it “a disaster”`` rather than
  ``called it “a disaster``.

Among several matches, the one whose start is nearest to `hint` wins when a hint is given,
else the first in the article.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, overload

from rapidfuzz import fuzz

__all__ = [
    "DEFAULT_MIN_SCORE",
    "MAX_ELISION_GAP",
    "Grounded",
    "Grounder",
    "GroundingFailure",
    "GroundingMethod",
    "ground",
]

DEFAULT_MIN_SCORE: Final = 0.9
"""Fuzzy similarity (0–1) below which a quote is rejected rather than grounded."""

MAX_ELISION_GAP: Final = 300
"""Most normalized characters an elision ("…" in a proposed quote) may stand for."""

GroundingMethod = Literal["exact", "normalized", "fuzzy", "elided", "anchored"]
"""How a quote was located; see the module docstring. `anchored` is never this module's:
the llm engine's anchor (`_llm._anchor`) found the article clause a paraphrase renders."""

_DOUBLE_QUOTES: Final = frozenset('"“”„‟«»″‶〝〞〟＂')
_SINGLE_QUOTES: Final = frozenset("'‘’‚‛‹›`´′‵＇")
_DASHES: Final = frozenset("-‐‑‒–—―−⁃﹘﹣－")
_ZERO_WIDTH: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_ELLIPSIS: Final = "…"
# ASCII characters no rule above touches, spaces, periods and straight apostrophes:
# `_plain_end` cuts such a run before a longer space, a period of an ellipsis or an
# apostrophe used as a quotation mark, and what is left maps one to one (lowercased).
_PLAIN_RUN: Final = re.compile(r"[A-Za-z0-9!#$%&()*+,./:;<=>?@\[\\\]^_{|}~' ]+")
# Any double quotation mark, and any single mark (a quotation mark or an apostrophe).
_DOUBLE_MARK: Final = re.compile("[" + re.escape("".join(sorted(_DOUBLE_QUOTES))) + "]")
_SINGLE_MARK: Final = re.compile("[" + re.escape("".join(sorted(_SINGLE_QUOTES))) + "]")
# A single mark between two letters or digits (an apostrophe, when no zero-width character
# stands beside it), and any zero-width character.
_APOSTROPHE: Final = re.compile(r"(?<=[^\W_])" + _SINGLE_MARK.pattern + r"(?=[^\W_])")
_ZERO_WIDTH_MARK: Final = re.compile("[" + "".join(sorted(_ZERO_WIDTH)) + "]")

# Trimmed from the normalized proposal: outer punctuation is the model's to add or drop.
_LEFT_TRIM: Final = " .,;:…"
_RIGHT_TRIM: Final = " .,;:!?…"
# Every character for which `str.isspace()` is true (a test checks the list).
_WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# What the trim above removes from a proposal's edges, as original characters: whitespace,
# zero-width characters, quotation marks (a single mark at an edge is never an apostrophe)
# and the trimmed punctuation. `_plain_proposal` strips these from the raw proposal.
_RAW_LEFT: Final = (
    _WHITESPACE + "".join(sorted(_ZERO_WIDTH | _DOUBLE_QUOTES | _SINGLE_QUOTES)) + _LEFT_TRIM
)
_RAW_RIGHT: Final = _RAW_LEFT + "!?"
# `_plain_proposal`: the characters a plain core may hold, with the ASCII character each
# non-ASCII one among them normalizes to (all are single marks, double marks, dashes or
# spaces).
_PLAIN_FOLDS: Final = {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\xa0": " "}
_PLAIN_PROPOSAL: Final = re.compile(
    "[A-Za-z0-9!#$%&()*+,./:;<=>?@" + re.escape("[\\]^_{|}~' \"" + "".join(_PLAIN_FOLDS)) + "-]+"
)
_ASCII_ALNUM: Final = re.compile(r"[A-Za-z0-9]")
# Terminal punctuation a span takes in when it stands inside the closing quotation mark; not
# "…", which marks a pause or a cut as often as an end.
_TERMINAL: Final = frozenset(".!?")
# "the U.S" grounds to "the U.S.": that period is the abbreviation's, not the sentence's.
_ACRONYM_END: Final = re.compile(r"(?:^|[^\w.])\w(?:\.\w)+$")
# Between the span and a closing mark that balances it, e.g. the comma in “…,” she said.
_BEFORE_CLOSE: Final = frozenset(".,;:!?…")
_ELISION_SPLIT: Final = re.compile(r"[\[(]?…[\])]?")
# The complementizer a model may put before reported speech (normalized: lowercase).
_THAT: Final = "that "
# How far a fuzzy alignment's edges may move while refining, and how far they snap to a word.
_REFINE_MAX: Final = 8
_SNAP_MAX: Final = 12
# Fuzzy search first looks this far around a hint before searching the whole article.
_HINT_WINDOW: Final = 500


@dataclass(frozen=True, slots=True)
class Grounded:
    """A quote located in the article: `article[start:end] == text`."""

    start: int
    end: int
    text: str
    method: GroundingMethod
    score: float
    parts: tuple[tuple[int, int], ...] = ()
    """For an `elided` match, where each piece stands (the first starts at `start`, the last
    ends at `end`; between them the article's words the proposal left out, such as the
    attribution of a split quote). Empty otherwise: the quote is one part."""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"inconsistent span [{self.start}, {self.end}) for {self.text!r}")


@dataclass(frozen=True, slots=True)
class GroundingFailure:
    """A proposed quote that could not be located, and why."""

    text: str
    reason: str


class _Offsets(Sequence[int]):
    """One original offset per normalized character, stored as segments.

    Most of a text normalizes one to one, so the map is kept as segments: segment k starts
    at normalized position `at[k]` with value `base[k]` and grows by `step[k]` (1 in a one-to-one
    run, 0 for a single character). Indexing costs a bisection; building costs a few appends
    per segment instead of two list items per character.
    """

    __slots__ = ("_at", "_base", "_n", "_step")

    def __init__(self, at: list[int], base: list[int], step: list[int], n: int) -> None:
        self._at, self._base, self._step, self._n = at, base, step, n

    def __len__(self) -> int:
        return self._n

    def at(self, pos: int) -> int:
        """`self[pos]` for `0 <= pos < len(self)`, without the checks."""
        k = bisect.bisect_right(self._at, pos) - 1
        return self._base[k] + (pos - self._at[k]) * self._step[k]

    @overload
    def __getitem__(self, pos: int) -> int: ...
    @overload
    def __getitem__(self, pos: slice) -> list[int]: ...
    def __getitem__(self, pos: int | slice) -> int | list[int]:
        if type(pos) is int and 0 <= pos < self._n:  # the common case, first
            return self.at(pos)
        if isinstance(pos, slice):
            return [self[i] for i in range(*pos.indices(self._n))]
        if pos < 0:
            pos += self._n
        if not 0 <= pos < self._n:
            raise IndexError("normalized position out of range")
        return self.at(pos)


@dataclass(frozen=True, slots=True)
class _Normalized:
    """Normalized text and, per normalized character, the original range it came from."""

    text: str
    starts: _Offsets
    ends: _Offsets


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """Case-fold and compatibility-decompose one character that has no special rule."""
    folded = unicodedata.normalize("NFKD", char).casefold()
    # Decompositions that yield spaces or marks ("¨" -> " ̈") would dodge the whitespace and
    # quote rules, which only look at original characters.
    if any(c.isspace() or c in _DOUBLE_QUOTES or c in _SINGLE_QUOTES for c in folded):
        return char.casefold()
    return folded


def _ellipsis_end(text: str, i: int) -> int:
    """End of the ellipsis starting at `i`, or `i` when there is none.

    A whole run of periods and "…" is one ellipsis when it holds "…" or three periods, so
    "U.S.…" and "U.S...." compare equal whichever period the writer counted as the ellipsis.
    """
    j = i
    while j < len(text) and text[j] in ".…":
        j += 1
    run = text[i:j]
    return j if _ELLIPSIS in run or len(run) >= 3 else i


def _normalize(text: str) -> _Normalized:
    """Normalize `text` as the module docstring describes, keeping the map to `text`."""
    out: list[str] = []
    # Segments of the offset map (see `_Offsets`): where each starts in the normalized text,
    # its original start and end there, and its step. `m` is the normalized length so far.
    at: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    step: list[int] = []
    m = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _ZERO_WIDTH or c in _DOUBLE_QUOTES:
            i += 1
        elif c in _SINGLE_QUOTES:
            if _is_apostrophe(text, i):
                out.append("'")
                at.append(m)
                starts.append(i)
                ends.append(i + 1)
                step.append(0)
                m += 1
            i += 1
        elif c.isspace():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _ZERO_WIDTH):
                j += 1
            if out and out[-1] == " ":
                # Only dropped characters separate this run from the previous one.
                ends[-1] = j
            elif not out or out[-1] not in ("-", _ELLIPSIS):
                out.append(" ")
                at.append(m)
                starts.append(i)
                ends.append(j)
                step.append(0)
                m += 1
            i = j
        elif c in _DASHES or (c in ".…" and _ellipsis_end(text, i) > i):
            if c in _DASHES:
                j = i + 1
                while j < n and text[j] in _DASHES:
                    j += 1
                norm = "-"
            else:
                j = _ellipsis_end(text, i)
                norm = _ELLIPSIS
            if out and out[-1] == " ":
                out.pop()
                at.pop(), starts.pop(), ends.pop(), step.pop()
                m -= 1
            if norm == "-" and out and out[-1] == "-":
                ends[-1] = j
            else:
                out.append(norm)
                at.append(m)
                starts.append(i)
                ends.append(j)
                step.append(0)
                m += 1
            i = j
        elif (j := _plain_end(text, i)) > i:
            # Fast path: a run of ASCII characters with no special rule maps one to one.
            out.append(text[i:j].lower())
            at.append(m)
            starts.append(i)
            ends.append(i + 1)
            step.append(1)
            m += j - i
            i = j
        else:
            folded = c.lower() if c < "\x80" else _fold(c)
            for f in folded:
                out.append(f)
                at.append(m)
                starts.append(i)
                ends.append(i + 1)
                step.append(0)
                m += 1
            i += 1
    return _Normalized("".join(out), _Offsets(at, starts, step, m), _Offsets(at, ends, step, m))


def _plain_end(text: str, i: int) -> int:
    """End of the run at `i` that normalizes one to one (lowercased), or `i` when none."""
    run = _PLAIN_RUN.match(text, i)
    if run is None:
        return i
    j = run.end()
    double = text.find("  ", i, j)  # a single space maps to itself, a longer run does not
    if double >= 0:
        j = double
    if "." in run.group():
        cut = text.find("..", i, j)
        if cut >= 0:
            j = cut
        elif j < len(text) and text[j] == _ELLIPSIS and text[j - 1] == ".":
            j -= 1
    lone = _lone_apostrophe(text, i, j)
    if lone >= 0:
        j = lone
    # A cut run may end in its single space; that space goes the slow way (it may merge
    # with what follows), so the run never ends in one.
    return j - 1 if j > i and text[j - 1] == " " else j


def _lone_apostrophe(text: str, i: int, j: int) -> int:
    """The first "'" in `text[i:j]` not between two letters or digits of that range, or -1."""
    at = text.find("'", i, j)
    while at >= 0:
        if not (at > i and text[at - 1].isalnum() and at + 1 < j and text[at + 1].isalnum()):
            return at
        at = text.find("'", at + 1, j)
    return -1


def _plain_proposal(quote: str) -> tuple[str, str] | None:
    """The proposal's trimmed core and its normalized text, when that is cheap to know.

    Most proposals are plain: stripped of what the trim removes at their edges, they hold
    ASCII letters, digits and punctuation, single spaces, apostrophes between letters,
    dashes between words and double quotation marks (and the common non-ASCII forms of
    these). Such a core normalizes to its lowercase with "'" for each apostrophe, "-" for
    each dash, " " for each space and its double marks dropped, and it is what the slow path
    would slice out of the proposal. None sends the proposal the slow way.
    """
    core = quote.lstrip(_RAW_LEFT).rstrip(_RAW_RIGHT)
    if not _PLAIN_PROPOSAL.fullmatch(core):
        return None
    folded = core
    if not core.isascii():
        for char, ascii_char in _PLAIN_FOLDS.items():
            if char in folded:
                folded = folded.replace(char, ascii_char)
    if _lone_apostrophe(folded, 0, len(folded)) >= 0:  # every single mark an apostrophe
        return None
    if '"' in folded:
        folded = folded.replace('"', "")
    # Not a longer space, two periods, or a dash beside a space or another dash.
    if (
        "  " in folded
        or ".." in folded
        or " -" in folded
        or "- " in folded
        or "--" in folded
        or not _ASCII_ALNUM.search(folded)
    ):
        return None
    return core, folded.lower()


def _trim(norm: str) -> tuple[int, int]:
    """The `[a, b)` range of `norm` left after trimming outer spaces and punctuation."""
    a, b = 0, len(norm)
    while a < b and norm[a] in _LEFT_TRIM:
        a += 1
    while b > a and norm[b - 1] in _RIGHT_TRIM:
        b -= 1
    return a, b


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark between two letters/digits (don’t), ignoring zero-width characters."""
    before, after = i - 1, i + 1
    while before >= 0 and text[before] in _ZERO_WIDTH:
        before -= 1
    while after < len(text) and text[after] in _ZERO_WIDTH:
        after += 1
    return before >= 0 and after < len(text) and text[before].isalnum() and text[after].isalnum()


def _quote_like_singles(text: str, start: int, end: int) -> int:
    """How many single marks in `text[start:end]` are quotation marks, not apostrophes."""
    marks = len(_SINGLE_MARK.findall(text, start, end))
    if not marks:
        return 0
    lo, hi = max(0, start - 1), min(len(text), end + 1)
    if _ZERO_WIDTH_MARK.search(text, lo, hi):  # rare: the rule looks through them
        return sum(
            not _is_apostrophe(text, m.start()) for m in _SINGLE_MARK.finditer(text, start, end)
        )
    # A regex's lookbehind sees before `start`; its lookahead sees up to `hi`.
    return marks - sum(m.start() < end for m in _APOSTROPHE.finditer(text, start, hi))


def _is_quote_like_single(text: str, i: int) -> bool:
    """A single mark used as a quotation mark rather than as an apostrophe."""
    return text[i] in _SINGLE_QUOTES and not _is_apostrophe(text, i)


class Grounder:
    """Normalizes the article and its index map once; grounds many quotes against it."""

    def __init__(self, article: str) -> None:
        self.article: Final = article
        self._norm = _normalize(article)

    def ground(
        self, quote: str, *, hint: int | None = None, min_score: float = DEFAULT_MIN_SCORE
    ) -> Grounded | GroundingFailure:
        """Locate `quote` in the article; a `GroundingFailure` says why when it cannot.

        `hint` is an offset near which the quote is expected (the nearest match wins);
        `min_score` is the least fuzzy similarity accepted, in (0, 1].
        """
        if not 0 < min_score <= 1:
            raise ValueError(f"min_score must be in (0, 1], not {min_score}")
        plain = _plain_proposal(quote)
        if plain is not None:
            # The common case, without normalizing the proposal: see `_plain_proposal`.
            proposed, core = plain
        else:
            if all(c.isspace() or c in _ZERO_WIDTH for c in quote):
                return GroundingFailure(quote, "empty quote")
            qnorm = _normalize(quote)
            a, b = _trim(qnorm.text)
            core = qnorm.text[a:b]
            if not any(c.isalnum() for c in core):
                return GroundingFailure(quote, "empty quote: no letters or digits")
            proposed = quote[qnorm.starts[a] : qnorm.ends[b - 1]]
        text = self._norm.text

        found = self._nearest(self._occurrences(core), hint)
        if found is not None:
            return self._finish(*found, "normalized", 1.0, proposed=proposed)
        # Reported speech opens with "that" as often in a model's answer as not, whatever
        # the article wrote ("said the plan" proposed as "that the plan"): a leading "that"
        # the article does not have there is the model's, like outer punctuation.
        bare = core[len(_THAT) :] if core.startswith(_THAT) else None
        if bare is not None and any(c.isalnum() for c in bare):
            found = self._nearest(self._occurrences(bare), hint)
            if found is not None:
                return self._finish(*found, "normalized", 1.0)
        else:
            bare = None

        for searched in (core, bare) if bare is not None else (core,):
            if _ELLIPSIS in searched:
                pieces = self._elided(searched, hint)
                if pieces is not None:
                    return self._finish(pieces[0][0], pieces[-1][1], "elided", 1.0, pieces=pieces)

        if len(text) == 0:
            return GroundingFailure(quote, "not found in the article (the article is empty)")
        window, score = self._fuzzy(core, hint, min_score)
        if bare is not None and score < min_score:
            window, score = max(
                (window, score), self._fuzzy(bare, hint, min_score), key=lambda found: found[1]
            )
        elif bare is not None and window is not None and not text.startswith(_THAT, window[0]):
            # The "that" was aligned to another word ("say the program" for "that the
            # program"): the article's reporting verb must not become the quote's first word.
            alternative, similar = self._fuzzy(bare, hint, min_score)
            if alternative is not None and similar >= min_score:
                window, score = alternative, similar
        if window is not None and score >= min_score:
            return self._finish(*window, "fuzzy", score)
        return GroundingFailure(
            quote, f"not found in the article: best match {score:.2f} below {min_score:.2f}"
        )

    # -- search -----------------------------------------------------------------------------

    def _nearest(
        self, found: Iterable[tuple[int, int]], hint: int | None
    ) -> tuple[int, int] | None:
        """Of the normalized spans `found`, in article order, the one whose original start
        is nearest `hint` (ties: the earlier one), or the first without a hint. Reading stops
        at the first span past the hint: later ones only move further away."""
        at = self._norm.starts.at
        best, best_distance = None, 0
        for span in found:
            if hint is None:
                return span
            start = at(span[0])
            if best is None or abs(start - hint) < best_distance:
                best, best_distance = span, abs(start - hint)
            if start > hint:
                break
        return best

    def _occurrences(self, needle: str) -> Iterator[tuple[int, int]]:
        """The normalized spans of `needle`, in article order."""
        text = self._norm.text
        pos = text.find(needle)
        while pos >= 0:
            yield pos, pos + len(needle)
            pos = text.find(needle, pos + 1)

    def _elided(self, core: str, hint: int | None) -> tuple[tuple[int, int], ...] | None:
        """The normalized spans of the proposal's pieces found in order, or None."""
        pieces = [p[slice(*_trim(p))] for p in _ELISION_SPLIT.split(core)]
        pieces = [p for p in pieces if p]
        if len(pieces) < 2:
            return None
        found = {spans[0]: spans for spans in self._piece_spans(pieces)}
        first = self._nearest(((s, e) for s, e in found), hint)
        return None if first is None else found[first]

    def _piece_spans(self, pieces: list[str]) -> Iterator[tuple[tuple[int, int], ...]]:
        """For each occurrence of the first piece, in article order, the normalized spans of
        all pieces, each found within `MAX_ELISION_GAP` of the one before."""
        text = self._norm.text
        first = text.find(pieces[0])
        while first >= 0:
            spans = [(first, first + len(pieces[0]))]
            for piece in pieces[1:]:
                end = spans[-1][1]
                at = text.find(piece, end, end + MAX_ELISION_GAP + len(piece))
                if at < 0:
                    break
                spans.append((at, at + len(piece)))
            else:
                yield tuple(spans)
            first = text.find(pieces[0], first + 1)

    def _fuzzy(
        self, core: str, hint: int | None, min_score: float
    ) -> tuple[tuple[int, int] | None, float]:
        """Best fuzzy window `[s, e)` in normalized text and its similarity (0–1)."""
        text = self._norm.text
        if len(core) >= len(text):
            s, e = self._refine(core, 0, len(text))
            return ((s, e) if s < e else None), fuzz.ratio(core, text[s:e]) / 100
        lo = 0
        alignment = None
        if hint is not None:
            center = bisect.bisect_left(self._norm.starts, hint)
            lo = max(0, center - len(core) - _HINT_WINDOW)
            hi = min(len(text), center + 2 * len(core) + _HINT_WINDOW)
            alignment = fuzz.partial_ratio_alignment(
                core, text[lo:hi], score_cutoff=min_score * 100
            )
        if alignment is None:
            lo = 0
            alignment = fuzz.partial_ratio_alignment(core, text)
        if alignment is None or alignment.score == 0:
            return None, 0.0
        s, e = lo + alignment.dest_start, lo + alignment.dest_end
        # partial_ratio compares windows of the quote's length; let the edges move so an
        # inserted or deleted character does not cut a word, then judge the whole window.
        if alignment.score >= min_score * 100 - 10:
            s, e = self._refine(core, s, e)
        score = fuzz.ratio(core, text[s:e]) / 100
        return ((s, e) if s < e else None), score

    def _refine(self, core: str, s: int, e: int) -> tuple[int, int]:
        """Move a fuzzy window's edges to maximize similarity, then snap them to words."""
        text = self._norm.text
        k = min(_REFINE_MAX, max(2, len(core) // 10))
        for _ in range(2):
            s = max(
                range(max(0, s - k), min(e, s + k + 1)),
                key=lambda x: (fuzz.ratio(core, text[x:e]), -abs(x - s)),
            )
            e = max(
                range(max(s + 1, e - k), min(len(text), e + k) + 1),
                key=lambda x: (fuzz.ratio(core, text[s:x]), -abs(x - e)),
            )
        for _ in range(_SNAP_MAX):
            if 0 < s < e and text[s - 1].isalnum() and text[s].isalnum():
                s -= 1
        for _ in range(_SNAP_MAX):
            if s < e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                e += 1
        while s < e and text[s] in _LEFT_TRIM:
            s += 1
        while e > s and text[e - 1] in _RIGHT_TRIM:
            e -= 1
        return s, e

    # -- result -----------------------------------------------------------------------------

    def _finish(
        self,
        ns: int,
        ne: int,
        method: GroundingMethod,
        score: float,
        *,
        proposed: str | None = None,
        pieces: Sequence[tuple[int, int]] = (),
    ) -> Grounded:
        """Map normalized `[ns, ne)` back to the article and apply the edge rules; the
        method is "exact" instead when the article there reads `proposed`. The normalized
        `pieces` of an elided match are mapped too, the outer edges following the span's."""
        article = self.article
        n = len(article)
        ends = self._norm.ends
        start, end = self._norm.starts.at(ns), ends.at(ne - 1)
        if proposed is not None and article[start:end] == proposed:
            method = "exact"

        norm = self._norm.text
        stop = ne
        while stop < len(norm) and norm[stop] in _TERMINAL:
            stop += 1
        if stop > ne:
            after = ends.at(stop - 1)
            if after < n and (
                article[after] in _DOUBLE_QUOTES or _is_quote_like_single(article, after)
            ):
                end = after
            elif norm[ne] == "." and _ACRONYM_END.search(norm, max(0, ne - 12), ne):
                end = ends.at(ne)

        span = article[start:end]
        # Counted in C by a regex; most spans hold no mark at all.
        if len(_DOUBLE_MARK.findall(span)) % 2:
            start, end = self._balance(start, end, lambda i: article[i] in _DOUBLE_QUOTES)
        elif _quote_like_singles(article, start, end) % 2:
            start, end = self._balance(start, end, lambda i: _is_quote_like_single(article, i))

        text = article[start:end]
        assert text == article[start:end] and text.strip() == text != "", (start, end)
        parts = [(self._norm.starts.at(a), ends.at(b - 1)) for a, b in pieces]
        if parts:
            parts[0], parts[-1] = (start, parts[0][1]), (parts[-1][0], end)
        return Grounded(start, end, text, method, score, tuple(parts))

    def _balance(self, start: int, end: int, is_mark: Callable[[int], bool]) -> tuple[int, int]:
        """Take in the quotation mark that closes (or opens) one left unbalanced in the span."""
        n = len(self.article)
        stop = end
        while stop < n and stop - end < 3 and self.article[stop] in _BEFORE_CLOSE:
            stop += 1
        if stop < n and is_mark(stop):
            return start, stop + 1
        if start > 0 and is_mark(start - 1):
            return start - 1, end
        return start, end


def ground(
    article: str, quote: str, *, hint: int | None = None, min_score: float = DEFAULT_MIN_SCORE
) -> Grounded | GroundingFailure:
    """One-shot convenience wrapper around Grounder."""
    return Grounder(article).ground(quote, hint=hint, min_score=min_score)
