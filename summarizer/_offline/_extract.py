"""The offline engine's quote extraction: attributions found in the text, made `Quote`s.

`extract_quotes` is the entry point the engine calls. Attributions come from
`_attribution` (quotation marks, learned cues, reporting-clause patterns); each source
mention goes to the speaker resolver in article order, so that pronouns can lean on the
speakers before them. Stance is left to the stance module.
"""

from __future__ import annotations

from collections.abc import Callable

from .._models import Quote, Span, Speaker
from ._attribution import Attribution, find_attributions
from ._doc import Doc, as_doc

__all__ = ["MAX_OVERLAPPING_QUOTES", "extract_quotes"]

MAX_OVERLAPPING_QUOTES = 8
"""At most this many quotes may cover any one character of the article.

Quotes nest in real news ("X said Y told him that …"), but rarely deep: at most 5 in the
927 PolNeAR train/dev articles, examples and seed. Text that chains a cue without end
("Smith said: Smith said: …", "according to Smith, according to Smith, …") in one sentence
makes every cue an attribution whose content runs over all the others, so the quotes' text
alone grows as the square of the article's length (gigabytes at 500,000 characters) and so
does everything that reads it. Beyond the bound, the longest of the overlapping quotes are
left out, with a warning; nothing is left out below it."""

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


def _quote(article: str, attr: Attribution, resolve: _Resolve) -> Quote:
    start, end = attr.parts[0][0], attr.parts[-1][1]
    if attr.source is not None:
        speaker = resolve(*attr.source)
    else:
        speaker = Speaker(name=None, kind="unknown")
    cue = article[attr.cue[0] : attr.cue[1]] if attr.cue else None
    return Quote(
        id="q0",
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


def _span(attr: Attribution) -> tuple[int, int]:
    return attr.parts[0][0], attr.parts[-1][1]


def _bounded_overlap(
    attributions: list[Attribution], bound: int = MAX_OVERLAPPING_QUOTES
) -> list[Attribution]:
    """`attributions` (sorted by span) without the fewest needed to keep at most `bound`
    over any character: scanned in order of start, whenever one too many are open, the
    one reaching furthest is dropped (the classic greedy, which keeps as many as any
    choice could)."""
    dropped: set[int] = set()
    open_: list[int] = []  # indices of the kept attributions still open, at most the bound
    for k, attr in enumerate(attributions):
        start = _span(attr)[0]
        open_ = [j for j in open_ if _span(attributions[j])[1] > start]
        open_.append(k)
        if len(open_) > bound:
            # The furthest end goes; between equal ends, the longest (earliest start).
            far = max(open_, key=lambda j: (_span(attributions[j])[1], -j))
            open_.remove(far)
            dropped.add(far)
    return [a for k, a in enumerate(attributions) if k not in dropped]


def extract_quotes(article: str | Doc, warnings: list[str] | None = None) -> list[Quote]:
    """Every attributed statement in `article` (the text or its `Doc`), in article order,
    with ids q1, q2, …

    When quotes overlap beyond `MAX_OVERLAPPING_QUOTES`, the excess is left out and a
    sentence saying so is appended to `warnings` (when given).
    """
    doc = as_doc(article)
    article = doc.text
    attributions = find_attributions(doc)
    doc.release("tokens", "quotations")  # read by attribution only: freed before the index
    if not attributions:
        return []
    bounded = _bounded_overlap(attributions)
    if len(bounded) < len(attributions) and warnings is not None:
        warnings.append(
            f"{len(attributions) - len(bounded)} of {len(attributions)} attributions left "
            f"out: more than {MAX_OVERLAPPING_QUOTES} overlapped one another (text that "
            "repeats a reporting cue in one long sentence)"
        )
    attributions = bounded
    resolve = _resolver(doc)

    # Sources are resolved in the order they are mentioned, the order a reader meets them.
    def mention_order(k: int) -> int:
        source = attributions[k].source
        return source[0] if source is not None else -1

    order = sorted(range(len(attributions)), key=mention_order)
    quotes: list[Quote | None] = [None] * len(attributions)
    for k in order:
        quotes[k] = _quote(article, attributions[k], resolve)
    ordered = sorted((q for q in quotes if q is not None), key=lambda q: (q.start, q.end))
    return [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(ordered, 1)]
