"""Gold annotations: the models every loader produces, and the project's own JSON format.

The JSON format is described for annotators in `evals/GOLD_FORMAT.md`. Texts the project
did not write are never stored beside their annotations: a case points at the text by path
and pins it by SHA-256, so a changed or missing text is an error instead of a silent
mis-scoring.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer._exceptions import GoldDataError
from summarizer._models import QuoteType, StanceLabel

__all__ = [
    "CharSpan",
    "GoldDocument",
    "GoldQuote",
    "GoldStance",
    "load_gold",
    "load_gold_any",
    "read_text_exact",
    "span_text",
]

CharSpan = tuple[int, int]
"""A half-open character range `(start, end)` in a document's text."""

_Fail = Callable[[str], GoldDataError]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldStance(_Model):
    """The position a gold quote takes toward a named target."""

    target: str = Field(description="What the position is about.")
    label: StanceLabel = Field(description="`favor`, `against` or `neutral`.")


class GoldQuote(_Model):
    """One annotated attribution: content parts, type, speaker, cue and stance."""

    id: str | None = Field(default=None, description="Annotation id ('E3', 'q1'), if any.")
    spans: list[CharSpan] = Field(
        min_length=1, description="Content parts `(start, end)`; several when discontinuous."
    )
    type: QuoteType | None = Field(default=None, description="Quote type, None when unknown.")
    speaker: str | None = Field(
        default=None, description="Canonical speaker name; None when the text names no source."
    )
    speaker_aliases: list[str] = Field(
        default_factory=list, description="Other names accepted for the speaker."
    )
    speaker_spans: list[CharSpan] = Field(
        default_factory=list, description="Where the source is mentioned at this attribution."
    )
    cue: str | None = Field(default=None, description="The reporting words, None when absent.")
    cue_spans: list[CharSpan] = Field(default_factory=list, description="Where the cue stands.")
    stance: GoldStance | None = Field(default=None, description="Stance, None when none.")

    @model_validator(mode="after")
    def _ordered_spans(self) -> GoldQuote:
        for start, end in [*self.spans, *self.speaker_spans, *self.cue_spans]:
            if start < 0 or end < start:
                raise ValueError(f"bad span ({start}, {end})")
        return self

    @property
    def start(self) -> int:
        """Offset of the first content character."""
        return min(start for start, _ in self.spans)

    @property
    def end(self) -> int:
        """Offset one past the last content character."""
        return max(end for _, end in self.spans)


class GoldDocument(_Model):
    """An article and its gold quotes, as read from one annotation file."""

    id: str = Field(description="Unique within a gold set (PolNeAR: the `.ann` file stem).")
    text: str = Field(description="The article exactly as the offsets index it.")
    quotes: list[GoldQuote] = Field(default_factory=list, description="Gold quotes, text order.")
    annotator: str | None = Field(default=None, description="Annotator id, when known.")
    key_facts: list[str] = Field(
        default_factory=list, description="Facts a faithful summary should carry."
    )
    source: str | None = Field(default=None, description="The file the annotations came from.")
    stance_annotated: bool = Field(
        default=True,
        description="False when the gold set does not annotate stance (PolNeAR): a null gold "
        "stance then means 'unknown', not 'no position', and stance is not scored.",
    )

    @model_validator(mode="after")
    def _spans_inside_text(self) -> GoldDocument:
        size = len(self.text)
        for index, quote in enumerate(self.quotes):
            for start, end in [*quote.spans, *quote.speaker_spans, *quote.cue_spans]:
                if end > size:
                    label = quote.id or f"quotes[{index}]"
                    raise ValueError(
                        f"{label}: span ({start}, {end}) runs past the end of the text "
                        f"({size} characters)"
                    )
        return self


def span_text(text: str, spans: list[CharSpan]) -> str:
    """The text of `spans`, parts joined by one space (brat's rule for discontinuous spans)."""
    return " ".join(text[start:end] for start, end in spans)


def read_text_exact(path: Path) -> str:
    """Read a UTF-8 file without newline translation, so offsets index the bytes as written."""
    # Text mode would turn "\r\n" into "\n" and shift every offset after it.
    return path.read_bytes().decode("utf-8")


def load_gold(path: str | Path, *, root: str | Path | None = None) -> Iterator[GoldDocument]:
    """Read project-format gold cases from one JSON file, or every `*.json` directly in a folder.

    `text_path` entries resolve against `root` when given, else against the JSON file's folder.
    Raises `GoldDataError` (with the case id and the reason) for anything that cannot be read
    or does not fit its text; the path itself (one that holds no case included) is checked
    before the first case is yielded.
    """
    location = Path(path)
    if location.is_dir():
        # Not recursive: subfolders may hold other JSON (recorded responses, reports).
        files = sorted(location.glob("*.json"))
        if not files:
            # Scored, no documents give P/R/F1 of 100.
            raise GoldDataError(
                "no gold data here: expected gold case files (*.json) or a PolNeAR split "
                "(text/ and attributions/ folders)",
                path=str(location),
            )
    elif location.is_file():
        files = [location]
    else:
        raise GoldDataError("no such gold file or folder", path=str(location))
    base = Path(root) if root is not None else None
    return (_load_case(file, base) for file in files)


def load_gold_any(path: str | Path, *, root: str | Path | None = None) -> Iterator[GoldDocument]:
    """Load gold from PolNeAR-style brat folders or the project's JSON format, by what is there."""
    # Imported here because the brat reader builds on this module's models.
    from summarizer._scoring._brat import is_polnear_root, is_polnear_split, load_polnear

    location = Path(path)
    if location.is_dir() and (is_polnear_split(location) or is_polnear_root(location)):
        return load_polnear(location)
    return load_gold(location, root=root)


def _load_case(file: Path, root: Path | None) -> GoldDocument:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldDataError(f"cannot read gold case: {exc}", path=str(file)) from exc
    if not isinstance(raw, dict):
        raise GoldDataError("a gold case must be a JSON object", path=str(file))
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not case_id:
        raise GoldDataError("gold case has no string 'id'", path=str(file))

    def fail(reason: str) -> GoldDataError:
        return GoldDataError(f"case {case_id!r}: {reason}", path=str(file))

    known = {
        "id",
        "text",
        "text_path",
        "sha256",
        "quotes",
        "key_facts",
        "annotator",
        "notes",
        "stance_annotated",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise fail(f"unknown field(s) {unknown}")
    outside = "text_path" in raw
    if outside == ("text" in raw):
        raise fail("give exactly one of 'text' (inline) or 'text_path' + 'sha256'")
    if outside:
        text = _read_outside_text(raw, file, root, fail)
    else:
        if not isinstance(raw["text"], str):
            raise fail("'text' must be a string")
        text = raw["text"]
        if "sha256" in raw and _sha256(text.encode("utf-8")) != raw["sha256"]:
            raise fail("inline text does not match its 'sha256'")

    quotes_raw = raw.get("quotes", [])
    if not isinstance(quotes_raw, list):
        raise fail("'quotes' must be a list")
    quotes = [
        _parse_quote(item, f"q{index + 1}", text, outside, fail)
        for index, item in enumerate(quotes_raw)
    ]
    try:
        return GoldDocument(
            id=case_id,
            text=text,
            quotes=sorted(quotes, key=lambda quote: (quote.start, quote.end)),
            annotator=raw.get("annotator"),
            key_facts=raw.get("key_facts", []),
            source=str(file),
            stance_annotated=raw.get("stance_annotated", True),
        )
    except ValidationError as exc:
        raise fail(_first_error(exc)) from exc


def _read_outside_text(raw: dict[str, Any], file: Path, root: Path | None, fail: _Fail) -> str:
    text_path = raw["text_path"]
    expected = raw.get("sha256")
    if not isinstance(text_path, str) or not isinstance(expected, str):
        raise fail("'text_path' needs a string path and a string 'sha256' of the file's bytes")
    target = Path(text_path).expanduser()
    if not target.is_absolute():
        target = (root if root is not None else file.parent) / target
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise fail(f"text file {str(target)!r} cannot be read ({exc.strerror or exc})") from exc
    actual = _sha256(data)
    if actual != expected.lower():
        raise fail(
            f"text file {str(target)!r} has SHA-256 {actual}, not the {expected} the "
            "annotations were made on"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"text file {str(target)!r} is not UTF-8") from exc


def _parse_quote(item: object, default_id: str, text: str, outside: bool, fail: _Fail) -> GoldQuote:
    if not isinstance(item, dict):
        raise fail(f"{default_id}: a quote must be a JSON object")
    label = str(item.get("id", default_id))
    known = {"id", "start", "end", "spans", "text", "type", "speaker", "cue", "cue_spans", "stance"}
    unknown = sorted(set(item) - known)
    if unknown:
        raise fail(f"{label}: unknown field(s) {unknown}")
    if "spans" in item:
        if "start" in item or "end" in item:
            raise fail(f"{label}: give 'start'/'end' or 'spans', not both")
        spans = _spans(item["spans"], label, "spans", fail)
    elif "start" in item and "end" in item:
        spans = _spans([[item["start"], item["end"]]], label, "start/end", fail)
    else:
        raise fail(f"{label}: a quote needs 'start' and 'end', or 'spans'")
    for start, end in spans:
        if end > len(text):
            raise fail(
                f"{label}: span ({start}, {end}) runs past the end of the text "
                f"({len(text)} characters)"
            )
    if "text" in item:
        # Outside texts must not be copied into the repository, not even quote by quote.
        if outside:
            raise fail(f"{label}: 'text' is not allowed in a case whose text lives outside")
        if item["text"] != span_text(text, spans):
            raise fail(
                f"{label}: 'text' {item['text']!r} is not what the spans cover "
                f"({span_text(text, spans)!r})"
            )

    speaker_name: str | None = None
    aliases: list[str] = []
    speaker_spans: list[tuple[int, int]] = []
    speaker = item.get("speaker")
    if isinstance(speaker, str):
        speaker_name = speaker
    elif isinstance(speaker, dict):
        extra = sorted(set(speaker) - {"name", "aliases", "spans"})
        if extra:
            raise fail(f"{label}: unknown speaker field(s) {extra}")
        speaker_name = speaker.get("name")
        aliases = speaker.get("aliases", [])
        speaker_spans = _spans(speaker.get("spans", []), label, "speaker.spans", fail)
    elif speaker is not None:
        raise fail(f"{label}: 'speaker' must be an object, a string or null")

    try:
        return GoldQuote(
            id=label,
            spans=spans,
            type=item.get("type"),
            speaker=speaker_name,
            speaker_aliases=aliases,
            speaker_spans=speaker_spans,
            cue=item.get("cue"),
            cue_spans=_spans(item.get("cue_spans", []), label, "cue_spans", fail),
            stance=item.get("stance"),
        )
    except ValidationError as exc:
        raise fail(f"{label}: {_first_error(exc)}") from exc


def _spans(value: object, label: str, field: str, fail: _Fail) -> list[tuple[int, int]]:
    if not isinstance(value, list):
        raise fail(f"{label}: '{field}' must be a list of [start, end] pairs")
    spans: list[tuple[int, int]] = []
    for pair in value:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
        ):
            raise fail(f"{label}: '{field}' holds {pair!r}, not a [start, end] pair of integers")
        start, end = pair
        if start < 0 or end < start:
            raise fail(f"{label}: '{field}' holds the reversed span [{start}, {end}]")
        spans.append((start, end))
    return spans


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
