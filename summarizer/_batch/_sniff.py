"""Refusing an input that is not JSONL at all, before anything is written.

`summarizer batch article.txt -o out.jsonl` read a plain article (or a PDF) as JSONL and
wrote one `malformed_line` record per line, exit 0. An input none of whose lines is a JSON
object is not a batch with bad lines but the wrong kind of file: `require_jsonl` raises
`NotJsonl` for it. A file is scanned first, up to its first JSON object (so a real JSONL
costs one line); standard input cannot be read twice, so up to `STDIN_PEEK_LINES` of its
items are held and handed on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

from .._exceptions import InvalidArticle
from ._items import BatchItem
from ._output import MALFORMED, fallback_id

__all__ = ["STDIN_PEEK_LINES", "NotJsonl", "require_jsonl"]

STDIN_PEEK_LINES = 10_000
"""Lines of standard input held while looking for a JSON object; past them the job runs."""


class NotJsonl(InvalidArticle):
    """A batch input of which no line is a JSON object (an article, a binary file, …)."""

    type = "not_jsonl"

    def __init__(self, source: str, lines: int) -> None:
        none = "its only line is not" if lines == 1 else f"none of its {lines:,} lines is"
        super().__init__(
            f"this is not JSONL ({none} a JSON object); use `summarizer analyze` for one "
            "article, or a folder of .txt/.html files",
            source=source,
        )
        self.lines = lines


def is_json_object_line(item: BatchItem) -> bool:
    """False only for a line that did not parse as a JSON object at all.

    Such a line is a malformed one with its line's fallback id; a JSON object whose id is
    missing or unusable has that id too, but its message names the 'id'.
    """
    error = item.error
    if error is None or error.type != MALFORMED or item.id != fallback_id(item.line):
        return True
    return "'id'" in error.message


def require_jsonl(
    source: str | Path, open_items: Callable[[], Iterator[BatchItem]]
) -> Iterator[BatchItem]:
    """The items of `source` (`open_items()`), or `NotJsonl` when the input has lines and
    none is a JSON object. A folder is not JSONL and is passed through.

    A file is scanned in a pass of its own, up to its first JSON object, and then read
    afresh; standard input, which cannot be read twice, has its first lines held instead.
    """
    name = str(source)
    if name != "-" and Path(name).is_dir():
        return open_items()
    if name != "-":
        lines = 0
        # Left at its first JSON object, the scan's generator closes its file when dropped.
        for item in open_items():
            if is_json_object_line(item):
                return open_items()
            lines += 1
        if lines:
            raise NotJsonl(name, lines)
        return open_items()
    items = open_items()
    held: list[BatchItem] = []
    for item in items:
        held.append(item)
        if is_json_object_line(item) or len(held) >= STDIN_PEEK_LINES:
            return chain(held, items)
    if held:
        raise NotJsonl("<stdin>", len(held))
    return iter(held)
