"""Matching predicted quotes to gold quotes, and the measures DESIGN.md reports.

Conventions (the ones published quote-extraction evaluations use, made exact here):

- A quote is the set of character offsets of its content: `Quote.spans` when given, else
  `[start, end)`; a gold quote is the union of its spans. Every span is first trimmed of
  quotation marks, whitespace and `,.;:` at both ends, because PolNeAR puts the marks and
  the closing comma inside its content spans and our engines leave them out. A span that
  would trim to nothing is kept whole.
- Predicted and gold quotes are aligned one-to-one by the Hungarian algorithm, maximising
  the summed overlap ratio `|pred ∩ gold| / |gold|`, the quantity the thresholds apply to.
  The alignment is computed once and each level thresholds the same pairs: a pair matches
  when the ratio is > 0.3 (lenient) or > 0.8 (strict), and exactly when both character sets
  are identical. (Re-aligning per level could only add pairs whose overlap the lenient
  alignment judged worse; one alignment keeps the levels nested: exact ⊆ strict ⊆ lenient.)
- Precision = matched / predicted, recall = matched / gold. A ratio whose denominator is 0
  is 1.0 when the numerator's side is empty too (nothing predicted, nothing to find) and
  0.0 otherwise, so an empty document scored empty is perfect and any other empty side is
  a miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

# scipy ships no type stubs and the project installs none.
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from summarizer._models import Quote, StanceLabel
from summarizer._scoring._gold import CharSpan, GoldQuote

__all__ = [
    "LENIENT_THRESHOLD",
    "PRF",
    "STANCE_LABELS",
    "STRICT_THRESHOLD",
    "TRIM_CHARS",
    "Alignment",
    "align",
    "align_char_sets",
    "char_set",
    "cue_correct",
    "head_name",
    "names_agree",
    "predicted_spans",
    "prf",
    "speaker_correct",
    "stance_macro_f1",
    "trim_span",
]

LENIENT_THRESHOLD = 0.3
"""A pair matches leniently when overlap / gold length is strictly above this."""

STRICT_THRESHOLD = 0.8
"""A pair matches strictly when overlap / gold length is strictly above this."""

TRIM_CHARS = frozenset("\"'“”‘’„‟«»‹›″,.;:")
"""Characters trimmed from both ends of every span before comparing (plus whitespace)."""

STANCE_LABELS: tuple[StanceLabel, ...] = ("favor", "against")
"""The labels stance macro-F1 averages over; `neutral` is the absence of both."""


class Alignment(BaseModel):
    """One predicted–gold pair chosen by the alignment, with its overlap."""

    model_config = ConfigDict(frozen=True)

    pred_index: int = Field(description="Index into the predicted quotes.")
    gold_index: int = Field(description="Index into the gold quotes.")
    overlap: int = Field(description="Characters the two trimmed sets share.")
    pred_chars: int = Field(description="Size of the predicted trimmed character set.")
    gold_chars: int = Field(description="Size of the gold trimmed character set.")

    @property
    def ratio(self) -> float:
        """Overlap as a share of the gold quote."""
        return self.overlap / self.gold_chars if self.gold_chars else 0.0

    @property
    def lenient(self) -> bool:
        """Matched at the lenient level."""
        return self.ratio > LENIENT_THRESHOLD

    @property
    def strict(self) -> bool:
        """Matched at the strict level."""
        return self.ratio > STRICT_THRESHOLD

    @property
    def exact(self) -> bool:
        """The trimmed character sets are identical."""
        return self.overlap == self.gold_chars == self.pred_chars


class PRF(BaseModel):
    """Counts and precision / recall / F1 at one matching level."""

    matched: int = Field(description="Aligned pairs that pass the level.")
    predicted: int = Field(description="Predicted quotes.")
    gold: int = Field(description="Gold quotes.")
    precision: float = Field(description="matched / predicted (see the module's conventions).")
    recall: float = Field(description="matched / gold (see the module's conventions).")
    f1: float = Field(description="Harmonic mean of precision and recall.")


def prf(matched: int, predicted: int, gold: int) -> PRF:
    """Precision, recall and F1 from counts, with the empty-side convention of this module."""
    precision = _ratio(matched, predicted, other_empty=gold == 0)
    recall = _ratio(matched, gold, other_empty=predicted == 0)
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return PRF(
        matched=matched,
        predicted=predicted,
        gold=gold,
        precision=precision,
        recall=recall,
        f1=f1,
    )


def _ratio(part: int, whole: int, *, other_empty: bool) -> float:
    if whole:
        return part / whole
    return 1.0 if other_empty else 0.0


def trim_span(text: str, start: int, end: int) -> CharSpan:
    """`(start, end)` narrowed past quotation marks, whitespace and `,.;:` at both ends."""
    end = min(end, len(text))
    while start < end and (text[start] in TRIM_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in TRIM_CHARS or text[end - 1].isspace()):
        end -= 1
    return start, end


def char_set(text: str, spans: Iterable[CharSpan]) -> frozenset[int]:
    """The trimmed character offsets the spans cover (untrimmed if trimming empties them)."""
    spans = list(spans)
    chars: set[int] = set()
    for start, end in spans:
        trimmed_start, trimmed_end = trim_span(text, start, end)
        chars.update(range(trimmed_start, trimmed_end))
    if not chars:
        for start, end in spans:
            chars.update(range(start, end))
    return frozenset(chars)


def predicted_spans(quote: Quote) -> list[CharSpan]:
    """The content parts of a predicted quote: `spans` when given, else `[start, end)`."""
    if quote.spans:
        return [(span.start, span.end) for span in quote.spans]
    return [(quote.start, quote.end)]


def align_char_sets(
    predicted: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]
) -> list[Alignment]:
    """Hungarian one-to-one alignment of character sets; pairs with no overlap are dropped."""
    if not predicted or not gold:
        return []
    overlap = np.array([[len(p & g) for g in gold] for p in predicted], dtype=np.int64)
    sizes = np.array([max(len(g), 1) for g in gold], dtype=np.float64)
    rows, cols = linear_sum_assignment(overlap / sizes, maximize=True)
    return [
        Alignment(
            pred_index=int(row),
            gold_index=int(col),
            overlap=int(overlap[row, col]),
            pred_chars=len(predicted[row]),
            gold_chars=len(gold[col]),
        )
        for row, col in zip(rows, cols, strict=True)
        if overlap[row, col] > 0
    ]


def align(text: str, predicted: Sequence[Quote], gold: Sequence[GoldQuote]) -> list[Alignment]:
    """Align predicted quotes with gold quotes of `text`, one-to-one, maximising overlap."""
    return align_char_sets(
        [char_set(text, predicted_spans(quote)) for quote in predicted],
        [char_set(text, quote.spans) for quote in gold],
    )


_PARENTHETICAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TOKEN = re.compile(r"[^\W_][\w'’.\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words that begin descriptions rather than name anyone.
_NOT_HEADS = frozenset(
    (
        "a",
        "an",
        "the",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
    )
)


def _tokens(name: str) -> list[str]:
    cleaned = _PARENTHETICAL.sub(" ", name)
    return [_POSSESSIVE.sub("", token.rstrip(".")) for token in _TOKEN.findall(cleaned)]


def head_name(name: str) -> str | None:
    """The last capitalised token of a name, lower-cased ('Rep. Jason Chaffetz (R-Utah)' →
    'chaffetz'); None when there is none ('he', 'a spokesperson')."""
    heads = [
        token for token in _tokens(name) if token[:1].isupper() and token.lower() not in _NOT_HEADS
    ]
    return heads[-1].lower() if heads else None


def names_agree(predicted: str, gold: str) -> bool:
    """Same head name, or one name's words found in order inside the other's (case-insensitive)."""
    pred_head, gold_head = head_name(predicted), head_name(gold)
    if pred_head is not None and pred_head == gold_head:
        return True
    pred_tokens = [token.lower() for token in _tokens(predicted)]
    gold_tokens = [token.lower() for token in _tokens(gold)]
    return (
        bool(pred_tokens)
        and bool(gold_tokens)
        and (_contains(gold_tokens, pred_tokens) or _contains(pred_tokens, gold_tokens))
    )


def _contains(haystack: list[str], needle: list[str]) -> bool:
    width = len(needle)
    return any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))


def _overlaps(start: int | None, end: int | None, spans: Iterable[CharSpan]) -> bool:
    if start is None or end is None:
        return False
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def speaker_correct(predicted: Quote, gold: GoldQuote) -> bool:
    """Whether a matched prediction names the gold speaker.

    With a gold source: the predicted mention overlaps a gold source span, or the predicted
    name agrees (`names_agree`) with the gold name or an alias. Without one: correct only
    when the prediction names no speaker either.
    """
    speaker = predicted.speaker
    if gold.speaker is None:
        return speaker.name is None
    if _overlaps(speaker.mention_start, speaker.mention_end, gold.speaker_spans):
        return True
    if speaker.name is None:
        return False
    return any(names_agree(speaker.name, name) for name in [gold.speaker, *gold.speaker_aliases])


def _normal_cue(cue: str) -> str:
    words = " ".join(_TOKEN.findall(cue.lower()))
    # PolNeAR annotates bare punctuation (":", "―") as the cue of headline attributions.
    return words or "".join(cue.split())


def cue_correct(predicted: Quote, gold: GoldQuote) -> bool:
    """Whether a matched prediction's cue overlaps a gold cue span or reads the same."""
    if _overlaps(predicted.cue_start, predicted.cue_end, gold.cue_spans):
        return True
    if predicted.cue is None or gold.cue is None:
        return False
    return _normal_cue(predicted.cue) == _normal_cue(gold.cue) != ""


def stance_macro_f1(
    pairs: Iterable[tuple[StanceLabel | None, StanceLabel | None]],
) -> float | None:
    """Macro-F1 over favor/against from (gold label, predicted label) pairs.

    `neutral` and None count as neither label. A label with no gold and no predicted
    occurrence is left out of the average; None when both are.
    """
    pairs = list(pairs)
    scores: list[float] = []
    for label in STANCE_LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else None
