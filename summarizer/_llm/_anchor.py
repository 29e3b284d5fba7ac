"""Paraphrased reported speech, anchored to the article's own words.

Models shorten and reword indirect speech: "the police of Trayvon Martin and Michael Brown"
for the article's "the police killings of Trayvon Martin and Michael Brown", "would" for
"will". Grounding rejects such a proposal (it is not the article's text). The statement is
still the article's, so `Anchorer.anchor` looks for the clause it renders: in a sentence
holding a word of the speaker's name or mention, the run of words aligned with the
proposal's (an LCS alignment of the two word sequences), from the first to the last content
word in common, widened over the function words the proposal has beside them.

What comes back is always a span of the article: the model's words are never reported, only
shown in the caller's warning. It is accepted when it shares at least `MIN_SHARED` content
words with the proposal, holds at least `MIN_COVERAGE` of the proposal's content words, and
the word sequences' similarity (Indel, normalized) is at least `MIN_SIMILARITY`; else the
best candidate's similarity is returned for the rejection's reason. Whether the article
reports the clause as the speaker's statement (a reporting cue in its sentence, the speaker
there) is not decided here: the caller checks the span as it checks any grounded quote.

The article's sentences and words are indexed once, on the first proposal that needs them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import Indel, LCSseq

from .._text import sentences, words

__all__ = [
    "MIN_COVERAGE",
    "MIN_SHARED",
    "MIN_SIMILARITY",
    "Anchored",
    "Anchorer",
    "NotAnchored",
]

MIN_SHARED: Final = 2
"""Fewest content words a clause must share with the proposal to render it."""

MIN_COVERAGE: Final = 0.6
"""Least share of the proposal's content words the clause must hold."""

MIN_SIMILARITY: Final = 0.6
"""Least similarity (0-1, over word sequences) between the proposal and the clause."""

_CANDIDATES: Final = 4
"""Sentences aligned per proposal: those sharing the most content words with it."""

# Words that carry no content of their own: they neither choose a sentence nor bound a span
# (a span still takes them in beside its content words, as the proposal has them).
_FUNCTION_WORDS: Final = frozenset(
    """a an the this that these those and or but nor so yet of to in on at by for with from
    into onto over under about as than then there here it its it's is are was were be been
    being am do does did has have had having will would shall should can could may might
    must not no he she they we you i me him her them us his hers their theirs our your my
    who whom whose which what when where why how if whether also just very more most
    said says say told""".split()
)
_PRONOUNS: Final = frozenset("he she they we i it".split())


@dataclass(frozen=True, slots=True)
class Anchored:
    """The article's clause a paraphrase renders: `article[start:end] == text`."""

    start: int
    end: int
    text: str
    similarity: float
    """Similarity of the proposal's words and the clause's (0-1)."""


@dataclass(frozen=True, slots=True)
class NotAnchored:
    """No clause renders the proposal well enough; `similarity` is the best one's (0 when
    no sentence of the speaker shares `MIN_SHARED` content words with it)."""

    similarity: float


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    words: list[str]
    """Its words, case-folded, with "’" as "'"."""
    spans: list[tuple[int, int]]
    """Where each word stands in the article."""


class Anchorer:
    """Anchors paraphrases of reported speech in one article (see the module docstring)."""

    def __init__(self, article: str) -> None:
        self.article = article
        self._sentences: list[_Sentence] | None = None
        self._index: dict[str, list[int]] = {}

    def anchor(
        self, proposal: str, speaker: Iterable[str], *, hint: int | None = None
    ) -> Anchored | NotAnchored:
        """The clause of the article `proposal` renders, in a sentence holding one of the
        `speaker` words (the model's name and mention for the source, any case); the one
        nearest `hint` among equally good ones."""
        said = [_fold(w.text) for w in words(proposal)]
        content = [w for w in said if _is_content(w)]
        if len(set(content)) < MIN_SHARED:
            return NotAnchored(0.0)
        # A pronoun is the speaker's mention as much as a name is ("she said").
        who = {_fold(w.text) for name in speaker for w in words(name)}
        who -= _FUNCTION_WORDS - _PRONOUNS
        if not who:
            return NotAnchored(0.0)
        listed, index = self._indexed()
        shared: Counter[int] = Counter()
        for word in set(content):
            shared.update(index.get(word, ()))
        ranked = sorted(
            (k for k, n in shared.items() if n >= MIN_SHARED),
            key=lambda k: (-shared[k], _distance(listed[k], hint)),
        )
        best: Anchored | None = None
        closest = 0.0
        tried = 0
        for k in ranked:
            sentence = listed[k]
            if who.isdisjoint(sentence.words):
                continue
            found, common = self._align(said, sentence)
            closest = max(closest, found.similarity)
            if (
                common >= MIN_SHARED
                and common >= MIN_COVERAGE * len(content)
                and found.similarity >= MIN_SIMILARITY
                and (best is None or found.similarity > best.similarity)
            ):
                best = found
            tried += 1
            if tried >= _CANDIDATES:
                break
        return best if best is not None else NotAnchored(closest)

    def _align(self, said: list[str], sentence: _Sentence) -> tuple[Anchored, int]:
        """The run of `sentence` aligned with the proposal's words `said`, and how many
        content words the alignment matched (the sentence shares at least one)."""
        pairs = [
            (op.src_start + i, op.dest_start + i)
            for op in LCSseq.opcodes(said, sentence.words)
            if op.tag == "equal"
            for i in range(op.src_end - op.src_start)
        ]
        matched = [(p, s) for p, s in pairs if _is_content(said[p])] or pairs
        (p_first, first), (p_last, last) = matched[0], matched[-1]
        # Widened over the function words the proposal has beside its first and last content
        # words, where the article has the same ("the police killings", not "police killings").
        while p_first > 0 and first > 0 and said[p_first - 1] == sentence.words[first - 1]:
            p_first, first = p_first - 1, first - 1
        while (
            p_last + 1 < len(said)
            and last + 1 < len(sentence.words)
            and said[p_last + 1] == sentence.words[last + 1]
        ):
            p_last, last = p_last + 1, last + 1
        start, end = sentence.spans[first][0], sentence.spans[last][1]
        similarity = Indel.normalized_similarity(said, sentence.words[first : last + 1])
        common = sum(_is_content(said[p]) for p, _ in matched)
        return Anchored(start, end, self.article[start:end], similarity), common

    def _indexed(self) -> tuple[list[_Sentence], dict[str, list[int]]]:
        """The article's sentences, and content word -> the sentences holding it; built on
        first use."""
        if self._sentences is None:
            self._sentences = []
            tokens = words(self.article)
            token_starts = [t.start for t in tokens]
            for segment in sentences(self.article):
                lo = bisect.bisect_left(token_starts, segment.start)
                hi = bisect.bisect_left(token_starts, segment.end)
                inside = tokens[lo:hi]
                k = len(self._sentences)
                sentence = _Sentence(
                    segment.start,
                    segment.end,
                    [_fold(t.text) for t in inside],
                    [(t.start, t.end) for t in inside],
                )
                self._sentences.append(sentence)
                for word in set(sentence.words):
                    if _is_content(word):
                        self._index.setdefault(word, []).append(k)
        return self._sentences, self._index


def _fold(word: str) -> str:
    """A word as compared: case-folded, one apostrophe, no trailing period or mark."""
    return word.casefold().replace("’", "'").rstrip(".'")


def _is_content(word: str) -> bool:
    return word not in _FUNCTION_WORDS and (len(word) > 1 or word.isdigit())


def _distance(sentence: _Sentence, hint: int | None) -> int:
    """How far `sentence` is from `hint` (0 when it holds it, or without a hint)."""
    if hint is None or sentence.start <= hint < sentence.end:
        return 0
    return min(abs(sentence.start - hint), abs(sentence.end - hint))
