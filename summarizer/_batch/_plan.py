"""Planning: what each input line needs, decided in input order before any analysis.

A line is already done (skipped: its last record in the output is ok, or an error not to
retry), an error known without analysis (malformed, missing text, a repeated id), or work
for a runner. Every runner takes the same planned actions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ._index import ResultIndex
from ._items import BatchItem
from ._options import Tally
from ._output import DUPLICATE, id_key, is_line_keyed, key_hash, record_key
from ._records import error_record

__all__ = ["Action", "Plan"]

Action = tuple[Literal["write", "work"], Any]
"""("write", a record known without analysis) or ("work", a `BatchItem` to analyse)."""


@dataclass
class Plan:
    """Turns input items into `Action`s against the output's records, counting in `tally`.

    Per line it keeps nothing in memory: the keys seen in this run and the output's
    records are looked up in `index` (on disk)."""

    index: ResultIndex
    retry_errors: bool
    tally: Tally

    def actions(self, items: Iterator[BatchItem]) -> Iterator[Action]:
        """The action of each item that is not done yet, in input order."""
        for item in items:
            self.tally.lines += 1
            # A malformed line with no readable id is keyed by its line: never a repeat.
            line_keyed = item.error is not None and is_line_keyed(
                item.id, item.line, item.error.type
            )
            # An id's first line has the id's key (`id_key`): noting it spots a repeat.
            duplicate = not line_keyed and not self.index.first_seen(key_hash(id_key(item.id)))
            record: dict[str, Any] | None = None
            if duplicate:
                record = error_record(
                    item, DUPLICATE, f"line {item.line}: id {item.id!r} appeared earlier"
                )
            elif item.error is not None:
                record = error_record(item, item.error.type, item.error.message)
            key = key_hash(record_key(record) if record is not None else id_key(item.id))
            if duplicate or line_keyed:
                self.index.first_seen(key)  # keyed by its line: each is its own key
            done = self.index.status(key)
            # Duplicates are final: retrying cannot change them.
            if done or (done is False and (duplicate or not self.retry_errors)):
                self.tally.skipped += 1
                continue
            yield ("write", record) if record is not None else ("work", item)
