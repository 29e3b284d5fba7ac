"""Where a sentence may be cut and still read as a clause: shared by headlines and key points.

Everything here works on one string and returns a prefix of it; nothing re-segments the
article.
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["balanced", "cut_clause", "lone_adverbial", "n_words"]

# Where a long sentence may be cut and still read as a clause: before a semicolon or a
# dash, or before a conjunction, relative pronoun or participle that starts a new clause.
# A bare comma or "and" is not enough ("V3 and R1", "Tokyo, Japan" are not clause ends).
SAFE_CUT = re.compile(
    r"\s*;\s|\s[—–]\s|\s--\s"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|because|which|who|whose|saying|"
    r"adding|noting|arguing|warning|as|after|before|since|so|yet|with|according|amid|"
    r"despite|even|including|following|where|when|or|if|unless|until|leaving|making|"
    r"prompting|sending|citing)\b)"
    r"|\s+(?=(?:but|while|whereas|although|because|unless)\s)"
    r"|\s+(?=and\s+(?:will|would|has|have|had|is|was|are|were|can|could|should|must|may|"
    r"might|said|says|plans|wants|he|she|they|it|we|I)\b)"
)
"""Clause boundaries: a cut just before one leaves a clause that reads on its own."""
WEAK_CUT = re.compile(r",\s+(?![A-Z0-9])")
"""A comma before a lower-case word: a weaker boundary, tried when no clause end fits."""

CUT_STRIP = " ,;:—–-"
_ADVERBIAL_START = re.compile(
    r"(?:According to|In|On|At|After|Before|During|Since|Until|For|From|With|Without|By|"
    r"Under|Over|Despite|Amid|Among|Following|Unlike|Like|As|Regarding)\b"
)
_WHITESPACE_WORD = re.compile(r"\S+")


def n_words(text: str) -> int:
    """Whitespace words: close enough for length limits, and cheap on a hot path."""
    return len(text.split())


def lone_adverbial(head: str) -> bool:
    """Whether a cut left only the phrase that opens a sentence ("According to the firm
    Calder & Boyd", cut before ", which inspected …"): no clause, so no statement."""
    return bool(_ADVERBIAL_START.match(head)) and "," not in head


def balanced(text: str) -> bool:
    """True when `text` opens no quotation or bracket it does not close."""
    if text.count('"') % 2:
        return False
    if sum(text.count(c) for c in "“«") != sum(text.count(c) for c in "”»"):
        return False
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def cut_clause(text: str, max_words: int, min_words: int = 8, *, strict: bool = False) -> str:
    """`text` if short enough, else its longest prefix ending at a clause boundary.

    With `strict`, return "" when no clause boundary fits rather than cutting elsewhere.
    """
    if n_words(text) <= max_words:
        return text
    # Each candidate head is `text[:m.start()].rstrip(CUT_STRIP)`; its end and word count
    # come from the previous candidate's and a bisection, and it is copied only when it
    # may be chosen: slicing and counting from the start at every candidate was quadratic
    # in a long first sentence ("… , , , …" never reaches `max_words`).
    word_starts = [m.start() for m in _WHITESPACE_WORD.finditer(text)]
    for pattern in (SAFE_CUT, None if strict else WEAK_CUT):
        if pattern is None:
            break
        best = ""
        last_pos = last_end = 0
        checked = -1
        for m in pattern.finditer(text):
            end = m.start()
            while end > last_pos and text[end - 1] in CUT_STRIP:
                end -= 1
            if end == last_pos:
                end = last_end  # only strippable characters since the last candidate
            last_pos, last_end = m.start(), end
            n = bisect_left(word_starts, end)  # == n_words(text[:end])
            if n > max_words:
                break
            if n >= min_words and end != checked:
                checked = end
                head = text[:end]
                if balanced(head):
                    best = head
        if best:
            return best
    if strict:
        return ""
    # No usable boundary: a word boundary keeps the result a contiguous, readable prefix.
    ends = [m.end() for m in _WHITESPACE_WORD.finditer(text)]
    return text[: ends[max_words - 1]].rstrip(CUT_STRIP) if len(ends) > max_words else text
