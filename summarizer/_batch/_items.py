"""Batch input: a JSONL file, a folder of articles, or stdin, read one item at a time.

Nothing here reads the whole input: a JSONL source is iterated line by line and a folder
is listed lazily (sorted per directory so ids come in a stable order across reruns).

A JSONL source is UTF-8, each line decoded on its own (a bad byte spoils one line). A
source that starts with a UTF-16 or UTF-32 byte-order mark, or whose first bytes show the
NULs of UTF-16 / UTF-32 text, is decoded as one stream of that encoding instead, and
split into lines after decoding (splitting its bytes at 0x0a would cut characters).

Whatever a line holds, it becomes one item: JSON that `json.loads` refuses (bad syntax,
bytes that are not UTF-8, an integer too long to convert, nesting past the recursion
limit), and ids, paths, HTML or carried fields with lone surrogates (which no encoding
can write) are `malformed_line` items. A line `{"id": null, "unreadable": WHY}` is how the
service stores an upload line that was not JSON: its item is `malformed_line` with WHY.

`allow_paths=False` (the service's jobs) makes a `path` line an error item and refuses a
folder source: nothing read here then names a file to open.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, AnyStr

from .._exceptions import InvalidArticle
from .._input import check_text, extract_html, lone_surrogate, read_article
from ._output import MALFORMED, fallback_id

__all__ = [
    "PATH_REFUSED",
    "BatchItem",
    "ItemError",
    "LineSplitter",
    "UnreadableLine",
    "is_uri",
    "iter_items",
    "load_line",
    "load_text",
]

PATH_REFUSED = "path_not_allowed"
"""The error type of a `path` line in a run that reads no files (`allow_paths=False`)."""

_FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm"})

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

_MARK_ERRORS = "summarizer.batch.mark"
# Bytes a UTF-16 / UTF-32 decoder refuses become a lone surrogate, which such a decoder
# never yields otherwise: a line holding one is reported instead of parsed.


def _mark(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "\udfff", exc.end


codecs.register_error(_MARK_ERRORS, _mark)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class ItemError:
    """Why an input line cannot be analysed (becomes an error record)."""

    type: str
    message: str


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One input line: what to analyse, or why it cannot be.

    `line` is the 1-based line number (the position in the listing for folders). Exactly
    one of `text`, `path`, `html` and `error` is set.
    """

    id: str
    line: int
    text: str | None = None
    path: str | None = None
    html: str | None = None
    error: ItemError | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def iter_items(source: str | Path, *, allow_paths: bool = True) -> Iterator[BatchItem]:
    """Items from `source`: `-` (JSONL on stdin), a folder, a JSONL file, or a JSONL file
    named by a URI (`is_uri`: ``s3://…``, ``file://…``; read with pyarrow, `_iter_uri`).

    With `allow_paths=False` no item ever names a file to read: a `path` line is a
    `path_not_allowed` error item, and a folder source is refused (`InvalidArticle`).
    """
    name = str(source)
    if name == "-":
        # Bytes, decoded per line: a bad byte then spoils one line, not the whole job.
        yield from _iter_jsonl(sys.stdin.buffer, base=Path.cwd(), allow_paths=allow_paths)
        return
    if is_uri(name):
        yield from _iter_uri(name, allow_paths=allow_paths)
        return
    path = Path(source)
    if path.is_dir():
        if not allow_paths:
            raise InvalidArticle(
                f"{name} is a folder: its files would be read by path, which this run does "
                "not allow",
                source=name,
            )
        yield from _iter_folder(path)
        return
    with path.open("rb") as fh:
        yield from _iter_jsonl(fh, base=path.parent, allow_paths=allow_paths)


def is_uri(source: str | Path) -> bool:
    """Whether `source` is a URI (``s3://…``, ``gs://…``, ``file://…``), not a local path."""
    return isinstance(source, str) and _URI.match(source) is not None


def _iter_uri(uri: str, *, allow_paths: bool) -> Iterator[BatchItem]:
    """The items of a JSONL file named by a URI, read through pyarrow's filesystems (what
    Ray Data reads with: S3, GCS, HDFS, … as configured for pyarrow; compressed files by
    their extension). A `path` line of such a file names a file where the job runs: with
    ``file://`` beside the JSONL file, else relative to the working directory."""
    try:
        from pyarrow import fs  # type: ignore[import-untyped]  # no py.typed
    except ImportError as exc:
        raise InvalidArticle(
            f"reading {uri} needs pyarrow: pip install 'summarizer[ray]' ({exc})", source=uri
        ) from exc
    try:
        filesystem, where = fs.FileSystem.from_uri(uri)
        stream = filesystem.open_input_stream(where)
    except (OSError, ValueError) as exc:  # not found, no credentials; ArrowInvalid: a scheme
        raise InvalidArticle(f"cannot read {uri}: {exc}", source=uri) from exc
    local = isinstance(filesystem, fs.LocalFileSystem)
    base = Path(where).parent if local else Path.cwd()
    # pyarrow's streams have no readline; buffered, they read in blocks and split here.
    with io.BufferedReader(stream) as fh:
        yield from _iter_jsonl(fh, base=base, allow_paths=allow_paths)


def load_text(item: BatchItem, max_chars: int) -> str:
    """The article text of `item` (reads a path, extracts HTML); raises `InvalidArticle`."""
    if item.path is not None:
        return read_article(item.path, max_chars=max_chars).text
    if item.html is not None:
        text, _title = extract_html(item.html, source=f"id {item.id}")
        return check_text(text, max_chars=max_chars, source=f"id {item.id}")
    assert item.text is not None
    return check_text(item.text, max_chars=max_chars, source=f"id {item.id}")


def _iter_folder(root: Path) -> Iterator[BatchItem]:
    line = 0
    escaped: set[str] = set()  # ids given to names that are not UTF-8 (rare: kept)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fname in sorted(filenames):
            p = Path(dirpath, fname)
            if p.suffix.lower() not in _FOLDER_SUFFIXES:
                continue
            line += 1
            # The id is the path below the folder, so files with one name in two
            # sub-folders stay distinct.
            item_id = _folder_id(root, p.relative_to(root).as_posix(), escaped)
            yield BatchItem(id=item_id, line=line, path=str(p))


def _folder_id(root: Path, relative: str, escaped: set[str]) -> str:
    """`relative` itself, or for a path that is not UTF-8 (its str carries surrogate
    escapes, which cannot be written) a printable spelling: backslashes doubled, each
    undecodable byte as `\\xNN`. Should that spelling name another file of the folder (or
    one given before), `#2`, `#3`, … is appended until it is unique. Stable across reruns
    of the same folder."""
    if lone_surrogate(relative) is None:
        return relative
    raw = os.fsencode(relative).replace(b"\\", b"\\\\")
    spelled = raw.decode("utf-8", "backslashreplace")
    candidate, n = spelled, 1
    while candidate in escaped or os.path.lexists(root / candidate):
        n += 1
        candidate = f"{spelled}#{n}"
    escaped.add(candidate)
    return candidate


def _iter_jsonl(fh: IO[bytes], *, base: Path, allow_paths: bool) -> Iterator[BatchItem]:
    splitter = LineSplitter()
    number = 0

    def items(lines: Sequence[bytes | str]) -> Iterator[BatchItem]:
        nonlocal number
        for line in lines:
            number += 1
            if not line.strip():
                # Blank lines are not items; counting them would make every file's
                # trailing newline an error.
                continue
            yield _parse_line(line, number, base, splitter.encoding, allow_paths)

    # Line by line, so stdin is not read ahead of what it has sent.
    for chunk in iter(fh.readline, b""):
        yield from items(splitter.feed(chunk))
    yield from items(splitter.close())


class LineSplitter:
    """Cuts a JSONL byte stream, fed in chunks of any size, into its lines.

    This is how the batch runner reads every JSONL source, and how the service reads an
    upload before storing it, so the two can never see different lines in the same bytes.
    The first four bytes tell UTF-8 from UTF-16 / UTF-32 (`encoding`, None for UTF-8):

    - UTF-8 (a leading BOM dropped): lines are `bytes`, cut at 0x0a and decoded one by one
      by the reader, so a bad byte spoils one line;
    - UTF-16 / UTF-32: the stream is decoded as a whole and cut at "\\n" after decoding
      (cutting its bytes at 0x0a would cut characters); lines are `str`, and bytes the
      decoder refuses become a lone surrogate, which the reader reports.

    Each line keeps its "\\n" (the last one may have none). A line is held in pieces until
    its end arrives, so a long line fed in many chunks is joined once.
    """

    def __init__(self) -> None:
        self.encoding: str | None = None
        self._decided = False
        self._head = b""
        self._decoder: codecs.IncrementalDecoder | None = None
        # The unfinished line, in pieces: bytes (UTF-8) or text (decoded).
        self._raw: list[bytes] = []
        self._text: list[str] = []
        self._held = 0  # the length of those pieces

    def feed(self, data: bytes) -> Sequence[bytes | str]:
        """The lines completed by `data`."""
        if not self._decided:
            self._head += data
            if len(self._head) < 4:
                return []
            data, self._head = self._decide(), b""
        return self._split(data, final=False)

    def close(self) -> Sequence[bytes | str]:
        """The last lines, at the end of the stream."""
        data = b""
        if not self._decided:
            data, self._head = self._decide(), b""
        return self._split(data, final=True)

    @property
    def pending(self) -> int:
        """About the bytes held for the line not yet ended (characters, for what came of
        a decoded upload in the chunk that ended the line before)."""
        return len(self._head) + self._held

    def _decide(self) -> bytes:
        self._decided = True
        head = self._head
        self.encoding = _wide_encoding(head[:4])
        if self.encoding is not None:
            self._decoder = codecs.getincrementaldecoder(self.encoding)(errors=_MARK_ERRORS)
        elif head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        return head

    def _split(self, data: bytes, *, final: bool) -> Sequence[bytes | str]:
        # `_held` is counted as the line grows (in bytes sent): summing a long line's many
        # pieces on every feed would be quadratic. After a line ends, one piece is left.
        lines: Sequence[bytes | str]
        if self._decoder is None:
            lines = _cut(self._raw, data, b"\n", final)
            if lines:
                self._held = sum(map(len, self._raw))
        else:
            lines = _cut(self._text, self._decoder.decode(data, final=final), "\n", final)
            if lines:
                self._held = sum(map(len, self._text))
        if not lines:
            self._held += len(data)
        return lines


def _cut(parts: list[AnyStr], data: AnyStr, newline: AnyStr, final: bool) -> list[AnyStr]:
    """The lines that `data` completes, after the unfinished line's `parts` (updated)."""
    empty = newline[:0]
    pieces = data.split(newline)
    rest = pieces.pop()
    if pieces:
        parts.append(pieces[0])
        pieces[0] = empty.join(parts)
        parts.clear()
    lines = [piece + newline for piece in pieces]
    if rest:
        parts.append(rest)
    if final and parts:
        lines.append(empty.join(parts))
        parts.clear()
    return lines


def _wide_encoding(start: bytes) -> str | None:
    """UTF-16 / UTF-32 by a byte-order mark, or by the NULs of their ASCII (as RFC 4627
    and `json.detect_encoding` tell): a UTF-8 JSON line never starts with a NUL."""
    for bom, name in _BOMS:
        if start.startswith(bom):
            return name
    if len(start) < 2:
        return None
    if start[0] == 0:
        return "utf-32-be" if start[1] == 0 else "utf-16-be"
    if start[1] == 0:
        return "utf-32-le" if len(start) >= 4 and start[2] == start[3] == 0 else "utf-16-le"
    return None


def _malformed(line: int, message: str, item_id: str | None = None) -> BatchItem:
    return BatchItem(
        fallback_id(line) if item_id is None else item_id,
        line,
        error=ItemError(MALFORMED, f"line {line}: {message}"),
    )


class UnreadableLine(ValueError):
    """A JSONL line that gives no JSON value; `syntax` is False when it may well be valid
    JSON that this parser cannot hold (an integer over 4300 digits, nesting past the
    recursion limit), so what it says cannot be known."""

    def __init__(self, message: str, *, syntax: bool) -> None:
        super().__init__(message)
        self.message = message
        self.syntax = syntax


def load_line(raw: bytes | str, encoding: str | None = None) -> Any:
    """The JSON value of one line from `LineSplitter` (of a source in `encoding`), or
    `UnreadableLine` saying why there is none."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableLine(f"not valid UTF-8 ({exc})", syntax=True) from exc
    else:
        text = raw
        if lone_surrogate(text) is not None:
            raise UnreadableLine(f"not valid {(encoding or 'utf-8').upper()}", syntax=True)
    try:
        return json.loads(text)
    except RecursionError as exc:
        message = "JSON nested too deeply (past the recursion limit)"
        raise UnreadableLine(message, syntax=False) from exc
    except json.JSONDecodeError as exc:
        if "\x00" in text and encoding is None:
            message = f"contains NUL bytes: UTF-16 or UTF-32 text? ({exc})"
            raise UnreadableLine(message, syntax=True) from exc
        raise UnreadableLine(str(exc), syntax=True) from exc
    except ValueError as exc:  # an integer too long to convert
        raise UnreadableLine(str(exc), syntax=False) from exc


def _parse_line(
    raw: bytes | str, line: int, base: Path, encoding: str | None, allow_paths: bool
) -> BatchItem:
    try:
        obj = load_line(raw, encoding)
    except UnreadableLine as exc:
        return _malformed(line, exc.message)
    if not isinstance(obj, dict):
        return _malformed(line, "expected a JSON object")
    raw_id = obj.get("id")
    if raw_id is None and isinstance(obj.get("unreadable"), str):
        # The service's stored form of an upload line it could not read.
        return _malformed(line, obj["unreadable"])
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or raw_id == "":
        return _malformed(line, "missing or invalid 'id'")
    item_id = str(raw_id)
    if (bad := lone_surrogate(item_id)) is not None:
        return _malformed(
            line,
            f"'id' contains a lone surrogate (U+{ord(bad):04X}), which is not a character and "
            "cannot be written; fix the id or its producer",
        )
    extras = {k: obj[k] for k in ("title", "url", "metadata") if k in obj}
    if extras:
        try:
            json.dumps(extras, ensure_ascii=False).encode()
        except (UnicodeEncodeError, RecursionError, ValueError):
            return _malformed(
                line,
                "'title', 'url' or 'metadata' holds a lone surrogate (not a character, "
                "cannot be written) or is nested too deeply",
                item_id,
            )
    sources = [k for k in ("text", "path", "html") if obj.get(k) is not None]
    if len(sources) != 1:
        what = "none" if not sources else ", ".join(sources)
        return BatchItem(
            item_id,
            line,
            extras=extras,
            error=ItemError(
                "missing_text" if not sources else MALFORMED,
                f"line {line}: exactly one of 'text', 'path', 'html' is needed (got {what})",
            ),
        )
    key = sources[0]
    value = obj[key]
    if not isinstance(value, str):
        return BatchItem(
            item_id,
            line,
            extras=extras,
            error=ItemError(MALFORMED, f"line {line}: {key!r} must be a string"),
        )
    if key != "text" and (bad := lone_surrogate(value)) is not None:
        # (Text is refused by `check_text`, as for any caller.)
        return BatchItem(
            item_id,
            line,
            extras=extras,
            error=ItemError(
                MALFORMED, f"line {line}: {key!r} contains a lone surrogate (U+{ord(bad):04X})"
            ),
        )
    if key == "path":
        if not allow_paths:
            # This run must never open a file an input line names (the service's jobs).
            message = f"line {line}: 'path' items are not accepted here; send 'text' or 'html'"
            return BatchItem(item_id, line, extras=extras, error=ItemError(PATH_REFUSED, message))
        # Relative paths are relative to the JSONL file, so a corpus folder can move.
        value = str(base / value)
    return BatchItem(
        item_id,
        line,
        text=value if key == "text" else None,
        path=value if key == "path" else None,
        html=value if key == "html" else None,
        extras=extras,
    )
