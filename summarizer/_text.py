"""Text segmentation with offsets: paragraphs, sentences and tokens of an article.

Every segment is a `(start, end)` pair into the original string, so whatever is built on
them (quotes, summaries) can point back into the article exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "FUNCTION_WORDS",
    "Segment",
    "paragraph_sentences",
    "paragraphs",
    "sentences",
    "word_texts",
    "words",
]


class Segment(NamedTuple):
    """A half-open range of the article and its text (a named tuple: cheap to build, and
    an article makes hundreds)."""

    start: int
    end: int
    text: str


FUNCTION_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according might must
    shall mr mrs ms
""".split()
)
"""English function words and the commonest reporting verbs: they carry no fact of their
own, so summaries and summary checks skip them when comparing content."""


# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr inc corp co ltd
    u.s u.k u.n e.g i.e vs etc jan feb mar apr aug sept sep oct nov dec no fig
    ariz calif colo conn fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# Words that start a new sentence after a dotted acronym ("… in the U.S. The …").
_SENTENCE_STARTERS = frozenset(
    "The He She It They We I But And In A An This That These Those There His Her Its Their".split()
)

# Titles that stand before a name: "Sen. Ted Cruz" never ends a sentence at the period.
_TITLES = frozenset(
    "mr mrs ms dr sen rep gov gen st lt col maj capt sgt prof rev pres supt det atty hon fr".split()
)

# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, then space.
_SENT_END = re.compile(r"""[.!?…]+["'”’»«“‘›‹)\]]*(?=\s+|$)""")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_NEXT_CHAR = re.compile(r"\s+(\S)")
_NEXT_WORD = re.compile(r"\s*(\S[^ ]*)")


def paragraphs(text: str) -> list[Segment]:
    """Split on line breaks (news text puts one paragraph per line); blank lines are dropped."""
    out: list[Segment] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            out.append(Segment(start, start + len(stripped), stripped))
        pos += len(line)
    return out


def _token_before(text: str, pos: int) -> str:
    """The run of word characters and periods ending at `pos` (the `[\\w.]+` before it)."""
    # A backward scan: a `$`-anchored regex over text[:pos] would rescan the whole prefix at
    # every candidate period, quadratic in the article's length.
    i = pos
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_."):
        i -= 1
    return text[i:pos]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Smith")."""
    if text[dot] != ".":
        return False
    found = _token_before(text, dot)
    if not found:
        return False
    token = found.lower()
    if token in _ABBREVIATIONS:
        return True
    # Single capital initial ("George W. Bush") or dotted acronym ("U.S.").
    return len(token) == 1 or bool(re.fullmatch(r"(?:\w\.)+\w", token))


def _next_word(text: str, pos: int, end: int) -> str:
    """`text[pos:end].lstrip().split(" ", 1)[0]`: the first non-blank character after
    `pos` and what follows it up to the next space (without copying the paragraph)."""
    found = _NEXT_WORD.match(text, pos, end)
    return found.group(1) if found else ""


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Sentences of `text[start:end]` (by default the whole text), never crossing paragraphs."""
    end = len(text) if end is None else end
    whole = start == 0 and end == len(text)
    return paragraph_sentences(text, paragraphs(text if whole else text[start:end]), start)


def paragraph_sentences(text: str, paras: Sequence[Segment], offset: int = 0) -> list[Segment]:
    """Sentences of the paragraphs `paras` of `text` (their offsets shifted by `offset`):
    `sentences` for a caller that has the paragraphs already."""
    out: list[Segment] = []
    for para in paras:
        p_start = offset + para.start
        p_end = offset + para.end
        s_start = p_start
        for m in _SENT_END.finditer(text, p_start, p_end):
            if _is_abbreviation(text, m.start()) and m.end() - m.start() == 1:
                # "U.S. officials" continues; "U.S. The" would need a capital check.
                # Matched in place, not on a slice to the paragraph's end: copying the rest
                # of the paragraph at every abbreviation was quadratic in a long paragraph.
                nxt = _NEXT_CHAR.match(text, m.end(), p_end)
                if not nxt or not nxt.group(1).isupper() or m.start() - s_start < 3:
                    continue
                token = _token_before(text, m.start())
                if token and token.lower().rstrip(".") in _TITLES:
                    continue
                if token and len(token) == 1:
                    continue
                if (
                    token
                    and "." in token
                    and _next_word(text, m.end(), p_end) not in _SENTENCE_STARTERS
                ):
                    continue
            seg_end = m.end()
            seg = text[s_start:seg_end].strip()
            if seg:
                lead = len(text[s_start:seg_end]) - len(text[s_start:seg_end].lstrip())
                out.append(Segment(s_start + lead, s_start + lead + len(seg), seg))
            s_start = seg_end
        tail = text[s_start:p_end]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            seg = tail.strip()
            out.append(Segment(s_start + lead, s_start + lead + len(seg), seg))
    return out


def words(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Word tokens (letters, digits, inner hyphens/apostrophes/periods) with offsets."""
    end = len(text) if end is None else end
    # Tuples made without the named tuple's own __new__ (a Python call per word).
    new = tuple.__new__
    return [new(Segment, (m.start(), m.end(), m.group())) for m in _WORD.finditer(text, start, end)]


def word_texts(text: str) -> list[str]:
    """The texts of `words(text)`, without their offsets (cheaper when those are not read)."""
    return _WORD.findall(text)
