"""Batch input: a JSONL file, a folder of articles, or stdin, read one item at a time.

Nothing here reads the whole input: a JSONL source is iterated line by line and a folder
is listed lazily (sorted per directory so ids come in a stable order across reruns).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = ["BatchItem", "ItemError", "iter_items"]

_FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm"})


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
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fname in sorted(filenames):
            p = Path(dirpath, fname)
            if p.suffix.lower() not in _FOLDER_SUFFIXES:
                continue
            line += 1
            # The id is the path below the folder, so files with one name in two
            # sub-folders stay distinct.
            yield BatchItem(id=p.relative_to(root).as_posix(), line=line, path=str(p))


def _iter_jsonl(fh: IO[bytes], *, base: Path) -> Iterator[BatchItem]:
    for number, raw in enumerate(fh, start=1):
        if not raw.strip():
            # Blank lines are not items; counting them would make every file's trailing
            # newline an error.
            continue
        yield _parse_line(raw, number, base)


def _parse_line(raw: bytes, line: int, base: Path) -> BatchItem:
    fallback = f"line:{line}"
    try:
        obj = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return BatchItem(fallback, line, error=ItemError("malformed_line", f"line {line}: {exc}"))
    if not isinstance(obj, dict):
        return BatchItem(
            fallback,
            line,
            error=ItemError("malformed_line", f"line {line}: expected a JSON object"),
        )
    raw_id = obj.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or raw_id == "":
        return BatchItem(
            fallback,
            line,
            error=ItemError("malformed_line", f"line {line}: missing or invalid 'id'"),
        )
    item_id = str(raw_id)
    extras = {k: obj[k] for k in ("title", "url", "metadata") if k in obj}
    sources = [k for k in ("text", "path", "html") if obj.get(k) is not None]
    if len(sources) != 1:
        what = "none" if not sources else ", ".join(sources)
        return BatchItem(
            item_id,
            line,
            extras=extras,
            error=ItemError(
                "missing_text" if not sources else "malformed_line",
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
            error=ItemError("malformed_line", f"line {line}: {key!r} must be a string"),
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
