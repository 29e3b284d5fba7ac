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
can write) are `malformed_line` items.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .._input import lone_surrogate
from ._output import MALFORMED, fallback_id

__all__ = ["BatchItem", "ItemError", "iter_items"]

_FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm"})

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


def iter_items(source: str | Path) -> Iterator[BatchItem]:
    """Items from `source`: `-` (JSONL on stdin), a folder, or a JSONL file."""
    name = str(source)
    if name == "-":
        # Bytes, decoded per line: a bad byte then spoils one line, not the whole job.
        yield from _iter_jsonl(sys.stdin.buffer, base=Path.cwd())
        return
    path = Path(source)
    if path.is_dir():
        yield from _iter_folder(path)
        return
    with path.open("rb") as fh:
        yield from _iter_jsonl(fh, base=path.parent)


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


def _iter_jsonl(fh: IO[bytes], *, base: Path) -> Iterator[BatchItem]:
    # Read the first bytes (whole lines, so stdin is not read ahead of what it has sent)
    # to tell UTF-8 from UTF-16 / UTF-32.
    head: list[bytes] = []
    size = 0
    while size < 4:
        raw = fh.readline()
        if not raw:
            break
        head.append(raw)
        size += len(raw)
    encoding = _wide_encoding(b"".join(head)[:4])
    for number, line in enumerate(_lines(head, fh, encoding), start=1):
        if not line.strip():
            # Blank lines are not items; counting them would make every file's trailing
            # newline an error.
            continue
        yield _parse_line(line, number, base, encoding)


def _lines(head: list[bytes], rest: Iterable[bytes], encoding: str | None) -> Iterator[bytes | str]:
    """The lines of the source: bytes (UTF-8, decoded one by one), or str (decoded)."""
    if encoding is not None:
        yield from _decode_lines(_chain(head, rest), encoding)
        return
    if head and head[0].startswith(codecs.BOM_UTF8):
        head[0] = head[0][len(codecs.BOM_UTF8) :]
    yield from _chain(head, rest)


def _chain(head: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest


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


def _decode_lines(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    """The lines of a stream in `encoding`, split at "\\n" after decoding."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=_MARK_ERRORS)
    rest = ""
    for chunk in chunks:
        rest += decoder.decode(chunk)
        if "\n" in rest:
            *lines, rest = rest.split("\n")
            yield from (line + "\n" for line in lines)
    rest += decoder.decode(b"", final=True)
    if rest:
        yield rest


def _malformed(line: int, message: str, item_id: str | None = None) -> BatchItem:
    return BatchItem(
        fallback_id(line) if item_id is None else item_id,
        line,
        error=ItemError(MALFORMED, f"line {line}: {message}"),
    )


def _parse_line(raw: bytes | str, line: int, base: Path, encoding: str | None) -> BatchItem:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _malformed(line, f"not valid UTF-8 ({exc})")
    else:
        text = raw
        if lone_surrogate(text) is not None:
            return _malformed(line, f"not valid {(encoding or 'utf-8').upper()}")
    try:
        obj = json.loads(text)
    except RecursionError:
        return _malformed(line, "JSON nested too deeply (past the recursion limit)")
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        if "\x00" in text and encoding is None:
            return _malformed(line, f"contains NUL bytes: UTF-16 or UTF-32 text? ({exc})")
        return _malformed(line, str(exc))
    if not isinstance(obj, dict):
        return _malformed(line, "expected a JSON object")
    raw_id = obj.get("id")
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
