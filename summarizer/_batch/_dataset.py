"""`SummarizerUDF`: the batch job's analysis as a callable class for `Dataset.map_batches`.

For people who already hold a Ray Dataset (or anything that hands out batches as columns):

    ds.map_batches(SummarizerUDF, fn_constructor_kwargs={"engine": "offline"},
                   concurrency=4, batch_size=16)

Ray builds one instance per actor, so each actor builds its `Summarizer` once. Input rows
are the batch job's input lines (`id` and one of `text`, `path`, `html`); each becomes the
record the batch job would write for it: the columns `id`, `status` (`ok` or `error`),
`analysis` (the contract's JSON, as text, or None) and `error` (`{type, message,
attempts}` as JSON text, or None). JSON text, not nested columns: Arrow needs one schema
for every block of a dataset, and analyses differ in shape from article to article (no
quotes here, a stance there); `json.loads` gives back exactly what the batch job writes.

Nothing here imports Ray: the class works on plain column mappings (numpy arrays or
lists) and on pandas DataFrames, whatever `batch_format` is asked for.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._api import Summarizer, resolve_engine
from .._config import Config
from ._cache import AnalysisCache
from ._items import _parse_line
from ._records import analyze_item, error_record

__all__ = ["SummarizerUDF"]


def _native(value: Any) -> Any:
    """A numpy / pandas scalar or array as the Python value JSON knows."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) else value


class SummarizerUDF:
    """Analyse a batch of rows `{id, text | path | html}` into the batch job's records.

    `config` (or, without it, `Config.from_env(**options)`) chooses the engine and its
    settings; `cache_dir` shares the batch job's analysis cache. One `Summarizer` is built
    per instance and kept: pass the class to `map_batches` with `concurrency=N` for N
    actors. Returns the columns `id`, `status`, `analysis` and `error` (see the module).
    """

    def __init__(
        self, config: Config | None = None, *, cache_dir: Path | None = None, **options: Any
    ) -> None:
        self.config = config if config is not None else Config.from_env(**options)
        self.summarizer = Summarizer(self.config)
        engine = resolve_engine(self.config)
        self._cache = AnalysisCache(cache_dir, self.config, engine) if cache_dir else None

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        """The records of `batch` (a mapping of columns, or a pandas DataFrame)."""
        if not isinstance(batch, Mapping) and hasattr(batch, "to_dict"):
            batch = batch.to_dict("list")  # pandas
        columns = {str(name): _native(values) for name, values in batch.items()}
        size = len(next(iter(columns.values()))) if columns else 0
        out: dict[str, list[Any]] = {"id": [], "status": [], "analysis": [], "error": []}
        for index in range(size):
            # A column a row lacks holds None, or NaN where pandas read it: absent both.
            row = {
                name: values[index]
                for name, values in columns.items()
                if not _missing(values[index])
            }
            # The batch job's own line parser: the same checks, the same error records.
            line = json.dumps(row, ensure_ascii=False, default=str)
            item = _parse_line(line, index + 1, Path.cwd(), None, True)
            record = self.record(item) if item.error is None else _error(item)
            out["id"].append(record["id"])
            out["status"].append(record["status"])
            analysis = record.get("analysis")
            out["analysis"].append(None if analysis is None else _dumps(analysis))
            error = record.get("error")
            out["error"].append(None if error is None else _dumps(error))
        return out

    def record(self, item: Any) -> dict[str, Any]:
        """The batch job's record of one item."""
        return analyze_item(self.summarizer, item, self._cache)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _error(item: Any) -> dict[str, Any]:
    return error_record(item, item.error.type, item.error.message)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
