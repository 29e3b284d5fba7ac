"""PolNeAR's brat standoff (`.ann`) files read into `GoldDocument`s.

A split folder holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`.
Lines used (see ../shared/data/polnear/README.md):

    T<n>\t<Kind> <start> <end>[;<start> <end>…]\t<text>
    E<n>\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>

Every T line's offsets are checked against its text: brat joins the parts of a
discontinuous span with one space. A span that crosses a line break cannot be written on
one line, so brat writes its text over several lines and the lines after a T line carry
the rest (three such spans in train); the reader consumes them as part of that span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from summarizer._exceptions import GoldDataError
from summarizer._models import QuoteType
from summarizer._scoring._gold import (
    CharSpan,
    GoldDocument,
    GoldQuote,
    read_text_exact,
    span_text,
)

__all__ = [
    "is_polnear_root",
    "is_polnear_split",
    "load_polnear",
    "parse_ann",
    "polnear_quote_type",
]

_T_LINE = re.compile(r"T\d+\t")
_E_LINE = re.compile(r"E\d+\t")
# Annotator notes (#), attributes (A/M), relations (R), normalisations (N) and
# equivalences (*) carry nothing the scorer uses.
_IGNORED_LINE = re.compile(r"[#AMRN*]\d*\t")
_OFFSETS = re.compile(r"(\d+) (\d+)")
_ROLE_DIGITS = re.compile(r"\d+$")


@dataclass(frozen=True)
class _TextBound:
    kind: str
    spans: list[CharSpan]
    text: str


def is_polnear_split(path: Path) -> bool:
    """True when `path` holds `text/` and `attributions/`, as one PolNeAR split does."""
    return (path / "text").is_dir() and (path / "attributions").is_dir()


def is_polnear_root(path: Path) -> bool:
    """True when `path` is a PolNeAR corpus root (split folders, no `text/` of its own)."""
    return not is_polnear_split(path) and any(
        is_polnear_split(path / split) for split in ("train", "dev", "test")
    )


def load_polnear(path: str | Path, *, one_per_article: bool = False) -> Iterator[GoldDocument]:
    """Read one PolNeAR split: one `GoldDocument` per `.ann` file (so one per annotator).

    `path` is a split folder (with `text/` and `attributions/`). A corpus root is refused
    with a `GoldDataError` naming the splits to pick from, since mixing splits would score
    tuning data as held-out data. `one_per_article` keeps only the first annotator's file
    (in file-name order) of an article annotated several times. The path is checked at
    once; files are read lazily.
    """
    location = Path(path)
    if not location.is_dir():
        raise GoldDataError("no such PolNeAR folder", path=str(location))
    if not is_polnear_split(location):
        splits = [s for s in ("train", "dev", "test") if is_polnear_split(location / s)]
        if splits:
            choices = " or ".join(str(location / s) for s in splits)
            raise GoldDataError(
                f"this is a PolNeAR corpus root; pick one split: {choices}", path=str(location)
            )
        raise GoldDataError(
            "not a PolNeAR split: expected 'text/' and 'attributions/' folders",
            path=str(location),
        )
    if not any((location / "attributions").glob("*.ann")):
        raise GoldDataError(
            "empty PolNeAR split: no .ann files in attributions/", path=str(location)
        )
    return _iter_split(location, one_per_article=one_per_article)


def _iter_split(location: Path, *, one_per_article: bool) -> Iterator[GoldDocument]:
    seen: set[str] = set()
    for ann in sorted((location / "attributions").glob("*.ann")):
        article, sep, annotator = ann.stem.rpartition("_")
        if not sep or not article:
            raise GoldDataError("file name lacks the '_<annotator>.ann' suffix", path=str(ann))
        if one_per_article and article in seen:
            continue
        seen.add(article)
        text_file = location / "text" / f"{article}.txt"
        try:
            text = read_text_exact(text_file)
            content = read_text_exact(ann)
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldDataError(
                f"cannot read the article or its annotations: {exc}", path=str(ann)
            ) from exc
        quotes = parse_ann(content, text, source=str(ann))
        try:
            doc = GoldDocument(
                id=ann.stem,
                text=text,
                quotes=quotes,
                annotator=annotator,
                source=str(ann),
                stance_annotated=False,
            )
        except ValidationError as exc:  # pragma: no cover - parse_ann checks bounds first
            raise GoldDataError(str(exc), path=str(ann)) from exc
        yield doc


def parse_ann(content: str, text: str, *, source: str = "<ann>") -> list[GoldQuote]:
    """Parse one `.ann` file against its article into gold quotes, in text order.

    Attributions without content (PolNeAR has a few bare `Attribution-no-source` events)
    yield no quote. Raises `GoldDataError` naming `source` and the line for any span that
    falls outside the text or whose text differs from the article's.
    """
    lines = content.split("\n")
    bounds: dict[str, _TextBound] = {}
    events: list[tuple[int, str, dict[str, list[str]]]] = []
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        lineno = index + 1
        index += 1
        if not line.strip() or _IGNORED_LINE.match(line):
            continue
        if _T_LINE.match(line):
            ident, bound, extra = _parse_text_bound(line, lines, index, text, source, lineno)
            bounds[ident] = bound
            index += extra
        elif _E_LINE.match(line):
            ident, _, args = line.partition("\t")
            roles: dict[str, list[str]] = {}
            for token in args.split():
                role, colon, target = token.partition(":")
                if not colon or not target:
                    raise _error(source, lineno, f"malformed event argument {token!r}")
                roles.setdefault(_ROLE_DIGITS.sub("", role), []).append(target)
            events.append((lineno, ident, roles))
        else:
            raise _error(source, lineno, f"unrecognised line {line[:60]!r}")

    quotes: list[GoldQuote] = []
    for lineno, ident, roles in events:
        found = {
            role: _resolve(roles, role, bounds, source, lineno)
            for role in ("Content", "Source", "Cue")
        }
        content_bounds, sources, cues = found["Content"], found["Source"], found["Cue"]
        if not content_bounds:
            continue
        spans = sorted({span for bound in content_bounds for span in bound.spans})
        speaker_spans = sorted({span for bound in sources for span in bound.spans})
        cue_spans = sorted({span for bound in cues for span in bound.spans})
        quotes.append(
            GoldQuote(
                id=ident,
                spans=spans,
                type=polnear_quote_type(text, spans),
                speaker=" ".join(bound.text for bound in sources) or None,
                speaker_spans=speaker_spans,
                cue=" ".join(bound.text for bound in cues) or None,
                cue_spans=cue_spans,
            )
        )
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    return quotes


def _resolve(
    roles: dict[str, list[str]],
    role: str,
    bounds: dict[str, _TextBound],
    source: str,
    lineno: int,
) -> list[_TextBound]:
    """The text bounds an event names for `role` (`Content` includes `Content2`, …)."""
    missing = [target for target in roles.get(role, []) if target not in bounds]
    if missing:
        raise _error(source, lineno, f"{role} refers to unknown {missing[0]}")
    return [bounds[target] for target in roles.get(role, [])]


def _parse_text_bound(
    line: str, lines: list[str], next_index: int, text: str, source: str, lineno: int
) -> tuple[str, _TextBound, int]:
    """One T line → (id, bound, number of continuation lines it consumed)."""
    fields = line.split("\t", 2)
    if len(fields) < 2:
        raise _error(source, lineno, "T line without kind and offsets")
    ident, header = fields[0], fields[1]
    written = fields[2] if len(fields) == 3 else ""
    kind, _, offsets = header.partition(" ")
    spans: list[CharSpan] = []
    for part in offsets.split(";"):
        match = _OFFSETS.fullmatch(part.strip())
        if not match:
            raise _error(source, lineno, f"{ident}: malformed offsets {offsets!r}")
        start, end = int(match.group(1)), int(match.group(2))
        if end < start or end > len(text):
            raise _error(
                source,
                lineno,
                f"{ident}: span {start} {end} is outside the article ({len(text)} characters)",
            )
        spans.append((start, end))
    expected = span_text(text, spans)
    consumed = 0
    if written != expected and "\n" in expected:
        consumed = expected.count("\n")
        written = "\n".join([written, *lines[next_index : next_index + consumed]])
    if written != expected:
        raise _error(
            source,
            lineno,
            f"{ident} {kind}: annotated text {written[:80]!r} differs from the article's "
            f"{expected[:80]!r}",
        )
    return ident, _TextBound(kind, spans, expected), consumed


def _error(source: str, lineno: int, message: str) -> GoldDataError:
    return GoldDataError(f"line {lineno}: {message}", path=source)


# Quotation marks that open or close a quotation. Single marks count only as curly ‘…’
# pairs: a straight apostrophe is far more often an elision than a quotation.
_OPENERS = "“„«"
_CLOSERS = "”»"
_STRAIGHT = '"'
_MARKS = _OPENERS + _CLOSERS + _STRAIGHT
_INNER_PUNCT = ",.;:!?…"


def polnear_quote_type(text: str, spans: list[CharSpan]) -> QuoteType:
    """`direct` when all content sits inside quotation marks, `mixed` when part does, else
    `indirect`.

    Marks just outside the content (PolNeAR sometimes leaves them out of the span) count; a
    mark opening a new paragraph continues an open quotation, as multi-paragraph quotes do;
    and the marks between the parts of a split quote are followed, so a part that starts
    inside a nested quotation is read as such.
    """
    inside = sorted(spans)
    region_start, _ = _widen_to_marks(text, *inside[0])
    _, region_end = _widen_to_marks(text, *inside[-1])
    counted = [False] * (region_end - region_start)
    for start, end in inside:
        for position in range(start, end):
            counted[position - region_start] = True
    resets = {
        _widen_to_marks(text, start, end)[0]
        for (_, previous_end), (start, end) in itertools.pairwise(inside)
        if start - previous_end > _FAR_GAP
    }
    quoted, unquoted = _count_quoted(text, region_start, region_end, counted, resets)
    if quoted and not unquoted:
        return "direct"
    return "mixed" if quoted else "indirect"


# Parts further apart than this (PolNeAR's second `Content` of one attribution can be
# paragraphs away) are read independently: marks in between belong to other quotes.
_FAR_GAP = 300


def _widen_to_marks(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and text[start - 1] in _MARKS:
        start -= 1
    after = end
    while after < len(text) and text[after] in _INNER_PUNCT:
        after += 1
    if after < len(text) and text[after] in _MARKS:
        end = after + 1
    return start, end


def _count_quoted(
    text: str, start: int, end: int, counted: list[bool], resets: set[int]
) -> tuple[int, int]:
    """(counted letters and digits inside quotation marks, those outside) in `text[start:end]`."""
    stack: list[str] = []
    quoted = unquoted = 0
    paragraph_start = False
    for position in range(start, end):
        if position in resets:
            stack.clear()
        char = text[position]
        if char == "\n":
            paragraph_start = True
            continue
        if char.isspace():
            continue
        continues_quote = paragraph_start and bool(stack)
        paragraph_start = False
        if char in _OPENERS:
            if not continues_quote:
                stack.append("curly")
        elif char in _CLOSERS:
            if "curly" in stack:
                while stack.pop() != "curly":
                    pass
        elif char == _STRAIGHT:
            if continues_quote:
                continue
            if "straight" in stack:
                while stack.pop() != "straight":
                    pass
            else:
                stack.append("straight")
        elif char == "‘" and (position == 0 or not text[position - 1].isalnum()):
            stack.append("single")
        elif (
            char == "’"
            and stack
            and stack[-1] == "single"
            and (position + 1 >= len(text) or not text[position + 1].isalnum())
        ):
            stack.pop()
        elif char.isalnum() and counted[position - start]:
            if stack:
                quoted += 1
            else:
                unquoted += 1
    return quoted, unquoted
