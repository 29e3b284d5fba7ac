"""What we know about chat models: context window, output limit and price.

The table ships as `summarizer/data/models.json`; users override or extend it with a JSON
file (or a mapping) of the same shape. Prices are estimates with a stated date, never a
bill: `estimate_cost` returns None rather than guess when a model has no price.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._exceptions import ConfigError

__all__ = ["ModelInfo", "estimate_cost", "load_model_info", "match_model"]

_TABLE_FILE = "models.json"


class _Entry(BaseModel):
    """One row of the table; every field optional so overrides can be partial."""

    model_config = ConfigDict(extra="forbid")

    context_window: int | None = Field(default=None, gt=0)
    max_output_tokens: int | None = Field(default=None, gt=0)
    max_input_tokens: int | None = Field(default=None, gt=0)
    input_usd_per_mtok: float | None = Field(default=None, ge=0)
    output_usd_per_mtok: float | None = Field(default=None, ge=0)


class ModelInfo(BaseModel):
    """Limits and prices of one model, as the table (with overrides) gives them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(description="The model name asked for.")
    matched: str | None = Field(
        description="The table entry that matched, or null when the default row was used."
    )
    context_window: int = Field(gt=0, description="Prompt + completion tokens the model takes.")
    max_output_tokens: int = Field(gt=0, description="Most completion tokens per request.")
    max_input_tokens: int | None = Field(
        default=None, description="A separate prompt limit, when the vendor states one."
    )
    input_usd_per_mtok: float | None = Field(
        default=None, description="USD per million prompt tokens (estimate), if known."
    )
    output_usd_per_mtok: float | None = Field(
        default=None, description="USD per million completion tokens (estimate), if known."
    )
    prices_as_of: str | None = Field(
        default=None, description="When the prices were taken from the vendor's page."
    )

    @property
    def input_limit(self) -> int:
        """Most prompt tokens a request may carry, ignoring the output reservation."""
        if self.max_input_tokens is None:
            return self.context_window
        return min(self.context_window, self.max_input_tokens)


@functools.cache
def _packaged_table() -> dict[str, Any]:
    raw = resources.files("summarizer").joinpath("data", _TABLE_FILE).read_text("utf-8")
    table: dict[str, Any] = json.loads(raw)
    return table


def _read_overrides(overrides: Path | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(overrides, Mapping):
        return overrides
    try:
        data = json.loads(Path(overrides).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the model table {overrides}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"the model table {overrides} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"the model table {overrides} must be a JSON object")
    return data


def _entry(raw: object, where: str) -> dict[str, Any]:
    try:
        return _Entry.model_validate(raw).model_dump(exclude_unset=True)
    except ValidationError as exc:
        raise ConfigError(f"invalid model table entry {where}: {exc}") from exc


def _merged(overrides: Path | Mapping[str, Any] | None) -> dict[str, Any]:
    table = copy.deepcopy(_packaged_table())
    if overrides is None:
        return table
    extra = _read_overrides(overrides)
    unknown = set(extra) - {"about", "prices", "default", "models"}
    if unknown:
        raise ConfigError(f"unknown keys in the model table overrides: {sorted(unknown)}")
    if "prices" in extra:
        table["prices"] = extra["prices"]
    if "default" in extra:
        table["default"].update(_entry(extra["default"], "'default'"))
    models = extra.get("models", {})
    if not isinstance(models, Mapping):
        raise ConfigError("'models' in the model table overrides must be an object")
    for name, raw in models.items():
        key = str(name).lower()
        table["models"].setdefault(key, {}).update(_entry(raw, repr(name)))
    return table


def match_model(model: str, names: Iterable[str]) -> str | None:
    """The table entry for `model`: the same name, else the longest `name-` prefix.

    A provider prefix ("openai/") and a fine-tune prefix ("ft:") are ignored; matching is
    case-insensitive (table names are lower case).
    """
    bare = model.strip().lower().rsplit("/", 1)[-1].removeprefix("ft:")
    bare = bare.split(":", 1)[0]  # "ft:gpt-4o-mini:org::id" -> "gpt-4o-mini"
    best: str | None = None
    for key in names:
        if (bare == key or bare.startswith(key + "-")) and (best is None or len(key) > len(best)):
            best = key
    return best


def load_model_info(model: str, overrides: Path | Mapping[str, Any] | None = None) -> ModelInfo:
    """Limits and prices for `model` from the packaged table merged with `overrides`.

    Unknown models get the table's conservative default row (8192-token window, no price).
    Raises `ConfigError` when the overrides cannot be read or do not fit the shape.
    """
    table = _merged(overrides)
    matched = match_model(model, table["models"])
    row = dict(table["default"])
    if matched is not None:
        row.update(table["models"][matched])
    prices = table.get("prices") or {}
    try:
        return ModelInfo(
            model=model,
            matched=matched,
            prices_as_of=prices.get("as_of") if isinstance(prices, Mapping) else None,
            **row,
        )
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"incomplete model table row for {model!r}: {exc}") from exc


def estimate_cost(info: ModelInfo, prompt_tokens: int, completion_tokens: int) -> float | None:
    """Estimated USD cost of the tokens, or None when the model has no known price."""
    if info.input_usd_per_mtok is None or info.output_usd_per_mtok is None:
        return None
    cost = (
        prompt_tokens * info.input_usd_per_mtok + completion_tokens * info.output_usd_per_mtok
    ) / 1_000_000
    # Rounded so JSON output does not carry float noise (0.30000000000000004).
    return round(cost, 8)
