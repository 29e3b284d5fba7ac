"""The offline engine's quote extraction: attributions found in the text, made `Quote`s.

`extract_quotes` is the entry point the engine calls. Attributions come from
`_attribution` (quotation marks, learned cues, reporting-clause patterns; one attribution
per stretch of text, as `_nesting` resolves them); each source mention goes to the speaker
resolver in article order, so that pronouns can lean on the speakers before them. Stance
is left to the stance module.
"""

from __future__ import annotations

from collections.abc import Callable

from .._models import Quote, Span, Speaker
from ._attribution import Attribution, find_attributions
from ._doc import Doc, as_doc

__all__ = ["extract_quotes"]

_Resolve = Callable[[int, int], Speaker]


def _resolver(doc: Doc) -> _Resolve:
    """The article's speaker resolver, or a literal one while `_speakers` is unavailable."""
    article = doc.text
    try:
        from ._speakers import SpeakerResolver
    except ImportError:  # pragma: no cover - the resolver ships with the package

        def literal(start: int, end: int) -> Speaker:
            mention = article[start:end]
            return Speaker(name=mention, mention=mention, mention_start=start, mention_end=end)

        return literal
    return SpeakerResolver(doc).resolve


def _speaker(attr: Attribution, resolve: _Resolve) -> Speaker:
    if attr.source is not None:
        return resolve(*attr.source)
    return Speaker(name=None, kind="unknown")


def _quote(article: str, attr: Attribution, speaker: Speaker, qid: str) -> Quote:
    start, end = attr.parts[0][0], attr.parts[-1][1]
    cue = article[attr.cue[0] : attr.cue[1]] if attr.cue else None
    return Quote(
        id=qid,
        text=article[start:end],
        start=start,
        end=end,
        spans=[Span(start=s, end=e) for s, e in attr.parts],
        type=attr.kind,
        speaker=speaker,
        cue=cue,
        cue_start=attr.cue[0] if attr.cue else None,
        cue_end=attr.cue[1] if attr.cue else None,
    )


def extract_quotes(article: str | Doc, warnings: list[str] | None = None) -> list[Quote]:
    """Every attributed statement in `article` (the text or its `Doc`), in article order,
    with ids q1, q2, …

    No two quotes share a character of content (`_nesting`). `warnings` is kept for the
    engine's signature; extraction adds none today.
    """
    doc = as_doc(article)
    article = doc.text
    attributions = find_attributions(doc)
    doc.release("tokens", "quotations")  # read by attribution only: freed before the index
    if not attributions:
        return []
    resolve = _resolver(doc)

    # Sources are resolved in the order they are mentioned, the order a reader meets them.
    def mention_order(k: int) -> int:
        source = attributions[k].source
        return source[0] if source is not None else -1

    speakers: dict[int, Speaker] = {}
    for k in sorted(range(len(attributions)), key=mention_order):
        speakers[k] = _speaker(attributions[k], resolve)

    # Quotes in article order, each made once with its id.
    def text_order(k: int) -> tuple[int, int]:
        parts = attributions[k].parts
        return parts[0][0], parts[-1][1]

    return [
        _quote(article, attributions[k], speakers[k], f"q{i}")
        for i, k in enumerate(sorted(range(len(attributions)), key=text_order), 1)
    ]
