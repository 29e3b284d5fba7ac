"""Quotation-mark scanning: where the article's quotations open and close.

One left-to-right pass over every paragraph with a stack of open marks. Whether a mark
opens or closes is read from what flanks it (a mark after a space and before a letter
opens, one after a letter and before a space or punctuation closes), so straight and curly
marks can be mixed in one article and typographers' slips (“…“, ”…”) still pair up; the
mark's own shape decides only when its neighbours do not.

Rules worth knowing:

- double marks (" “ ” „ « », and '' as some wire copy writes them) open quotations;
  guillemets and „…“ pair as they do in European text; single marks (‘ ’ ') only when a closing
  single mark follows in the same paragraph, and only from outside a word, because a
  lone ’ is far more often an apostrophe ("don’t", "voters’", "’90s") than a quotation;
  a single letter between single marks is two apostrophes ("rock ’n’ roll"), not a quotation;
- a quotation inside another one is reported with `depth` 1 (‘…’ inside “…”);
- a quotation left open at the end of a paragraph continues when the next paragraph opens
  with a quotation mark (the newspaper convention for multi-paragraph quotes): one
  quotation with one part per paragraph, the repeated opening marks left out;
- otherwise an unclosed double quotation of at least `MIN_AUTOCLOSE_WORDS` words is closed
  at the end of its paragraph (a forgotten closing mark); shorter ones and unclosed single
  quotations are dropped as stray marks. A stray mark never fails the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .._text import Segment, paragraphs

__all__ = ["MIN_AUTOCLOSE_WORDS", "QuotedSpan", "find_quotations"]

MIN_AUTOCLOSE_WORDS = 3
"""An unclosed double quotation needs this many words to be closed at paragraph end."""

_DOUBLE_OPEN = "“„«‟"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‛"
_SINGLE_CLOSE = "’"
_STRAIGHT_DOUBLE = '"'
_STRAIGHT_SINGLE = "'"
_ALL_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE + "\"'"
# Two apostrophes stand for a double mark in some wire copy (''like this'').
_MARK_RE = re.compile("''|[" + re.escape(_ALL_MARKS) + "]")
_WORD_RE = re.compile(r"\w+")

# Characters after which a mark sits at the left edge of a quotation.
_LEFT_CONTEXT = frozenset(" \t\u00a0([{—–-/:;,") | frozenset(_ALL_MARKS)
# Characters before which a mark sits at the right edge of a quotation.
_RIGHT_CONTEXT = frozenset(" \t\u00a0)]}—–-/.,;:!?…") | frozenset(_ALL_MARKS)


@dataclass(slots=True)
class QuotedSpan:
    """One quotation: its marks and its content parts (marks excluded), in article order."""

    open: int
    """Offset of the opening mark."""
    close: int | None
    """Offset of the closing mark; None when closed at a paragraph end without one."""
    close_width: int = 1
    """Length of the closing mark (2 for '')."""
    parts: list[tuple[int, int]] = field(default_factory=list)
    """Content parts without the marks, one per paragraph the quotation runs through."""
    depth: int = 0
    """0 for a top-level quotation, 1 for one nested inside another, and so on."""
    double: bool = True
    """True for double marks (and guillemets), False for single marks."""

    @property
    def start(self) -> int:
        """Offset of the first content character."""
        return self.parts[0][0]

    @property
    def end(self) -> int:
        """Offset one past the last content character."""
        return self.parts[-1][1]

    @property
    def outer_end(self) -> int:
        """Offset one past the closing mark (or the content when there is none)."""
        return self.close + self.close_width if self.close is not None else self.end


@dataclass(slots=True)
class _Open:
    pos: int
    double: bool
    parts: list[tuple[int, int]]
    content_start: int


def _role(text: str, pos: int, lo: int, hi: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for the mark at `pos`, from its flanking characters."""
    prev = text[pos - 1] if pos > lo else " "
    nxt = text[pos + width] if pos + width < hi else " "
    left = prev in _LEFT_CONTEXT or prev.isspace()
    right = nxt in _RIGHT_CONTEXT or nxt.isspace()
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    char = text[pos]
    if char in _DOUBLE_OPEN or char in _SINGLE_OPEN:
        return "open"
    if char in _DOUBLE_CLOSE or char in _SINGLE_CLOSE:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_double(text: str, lo: int, hi: int) -> bool:
    if text.startswith("''", lo):
        return _role(text, lo, lo, hi, 2) != "close"
    return (
        lo < hi
        and text[lo] in _DOUBLE_OPEN + _STRAIGHT_DOUBLE
        and (_role(text, lo, lo, hi) != "close")
    )


def find_quotations(text: str, split: Sequence[Segment] | None = None) -> list[QuotedSpan]:
    """Every quotation in `text` (top-level and nested), sorted by opening mark; `split` is
    the text's `paragraphs` when the caller has them already."""
    found: list[QuotedSpan] = []
    paras = [(p.start, p.end) for p in (paragraphs(text) if split is None else split)]
    carried: _Open | None = None
    for index, (lo, hi) in enumerate(paras):
        stack: list[_Open] = []
        skip_first = False
        if carried is not None:
            # The repeated opening mark of a continued quotation is not a new quotation.
            carried.content_start = lo + (2 if text.startswith("''", lo) else 1)
            stack.append(carried)
            skip_first = True
            carried = None
        closer = _LastCloser(text, lo, hi)
        for m in _MARK_RE.finditer(text, lo, hi):
            pos = m.start()
            if skip_first and pos == lo:
                continue
            char = text[pos]
            width = m.end() - pos
            if width == 2:
                _double_mark(text, pos, _role(text, pos, lo, hi, 2), stack, found, 2)
            elif char in _DOUBLE_OPEN or char in _DOUBLE_CLOSE or char == _STRAIGHT_DOUBLE:
                _double_mark(text, pos, _role(text, pos, lo, hi), stack, found)
            else:
                _single_mark(text, pos, stack, found, lo, hi, closer)
        # Unclosed single quotations are apostrophes or slips: drop them.
        while stack and not stack[-1].double:
            stack.pop()
        if not stack:
            continue
        outer = stack[0]
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        outer.parts.append(_trimmed(text, outer.content_start, hi))
        if nxt is not None and _opens_with_double(text, *nxt):
            carried = outer
            continue
        parts = [p for p in outer.parts if p[1] > p[0]]
        words = sum(len(_WORD_RE.findall(text, s, e)) for s, e in parts)
        if parts and words >= MIN_AUTOCLOSE_WORDS:
            found.append(QuotedSpan(outer.pos, None, 1, parts, 0, True))
    found.sort(key=lambda q: q.open)
    return found


def _close(
    text: str, top: _Open, pos: int, depth: int, found: list[QuotedSpan], width: int = 1
) -> None:
    parts = [*top.parts, _trimmed(text, top.content_start, pos)]
    parts = [p for p in parts if p[1] > p[0]]
    if parts:
        found.append(QuotedSpan(top.pos, pos, width, parts, depth, top.double))


def _double_mark(
    text: str,
    pos: int,
    role: str,
    stack: list[_Open],
    found: list[QuotedSpan],
    width: int = 1,
) -> None:
    has_double = any(o.double for o in stack)
    if role == "open" or (role == "either" and not has_double):
        stack.append(_Open(pos, True, [], pos + width))
        return
    if not has_double:
        return  # a stray closing mark (or inches: 5'11")
    while not stack[-1].double:
        stack.pop()  # single marks left open inside were apostrophes
    top = stack.pop()
    _close(text, top, pos, len(stack), found, width)


def _single_mark(
    text: str,
    pos: int,
    stack: list[_Open],
    found: list[QuotedSpan],
    lo: int,
    hi: int,
    closer: _LastCloser,
) -> None:
    # Single marks are read strictly from their neighbours: inside a word ("don’t") a mark
    # is an apostrophe whatever its shape.
    if _LETTER_IN_MARKS.match(text, pos) or (pos >= 2 and _LETTER_IN_MARKS.match(text, pos - 2)):
        return  # either mark of rock ’n’ roll
    prev = text[pos - 1] if pos > lo else " "
    nxt = text[pos + 1] if pos + 1 < hi else " "
    closes = not prev.isspace() and (nxt.isspace() or nxt in _RIGHT_CONTEXT)
    opens = (prev.isspace() or prev in _LEFT_CONTEXT) and not nxt.isspace()
    char = text[pos]
    if closes and not (opens and char in _SINGLE_OPEN):
        if stack and not stack[-1].double:
            top = stack.pop()
            _close(text, top, pos, len(stack), found)
        return
    if not opens or nxt.isdigit() or not closer.ahead(pos):
        return  # an apostrophe: ’90s, 'em, rock 'n' roll without a closing mark
    stack.append(_Open(pos, False, [], pos + 1))


# One letter between single marks, outside a word: the apostrophes of rock ’n’ roll (or a
# grade ‘A’), never a quotation worth attributing.
_LETTER_IN_MARKS = re.compile(r"(?<!\w)['‘’][^\W\d_]['’](?!\w)")
_SINGLE_CLOSER = re.compile(r"(?<=\S)['’](?=[\s)\].,;:!?…—–\"”»]|$)")


def _closer_ahead(text: str, pos: int, hi: int) -> bool:
    """Whether a closing single mark stands in `text[pos + 2 : hi]` (the plain definition
    `_LastCloser.ahead` answers without rescanning the paragraph)."""
    return _SINGLE_CLOSER.search(text, pos + 2, hi) is not None


class _LastCloser:
    """`_closer_ahead` for one paragraph `text[lo:hi]`, answered from the paragraph's last
    closing single mark: a search to the paragraph's end at every mark was quadratic in a
    long paragraph of marks."""

    __slots__ = ("_hi", "_last", "_lo", "_text")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._last: int | None = None  # found lazily: most paragraphs never ask

    def ahead(self, pos: int) -> bool:
        """True when a closing single mark starts at or after `pos + 2` in the paragraph."""
        if self._last is None:
            self._last = -1
            for m in _SINGLE_CLOSER.finditer(self._text, self._lo, self._hi):
                self._last = m.start()
        return self._last >= pos + 2
