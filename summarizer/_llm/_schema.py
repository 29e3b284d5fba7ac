"""Structured output: a strict-mode JSON schema derived from pydantic, in each request shape.

OpenAI's strict mode accepts a subset of JSON Schema: every property listed in `required`
(optional means nullable), `additionalProperties: false` on every object, no `default`, no
`oneOf`, a `$ref` with no sibling keywords, and few validation keywords. `strict_schema`
rewrites pydantic's schema into that subset; validation keywords it drops are written into
the description so the model still reads them, and our own pydantic validation still
enforces them on the answer. The other servers (llama.cpp, llama-cpp-python, vLLM, Ollama)
accept the same schema or ignore parts of it, which is why answers are always validated.

Modes (`StructuredMode`):

- `json_schema`: `response_format={"type": "json_schema", "json_schema": {…, "strict": true}}`
  (OpenAI, Azure OpenAI, and most hosted OpenAI-compatible APIs);
- `json_object`: `response_format={"type": "json_object", "schema": …}`, the shape llama.cpp
  server and llama-cpp-python read; servers that only know JSON mode ignore `schema`;
- `tools`: one strict function tool that the model is forced to call.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any, Literal, cast, get_args
from urllib.parse import urlsplit

from pydantic import BaseModel

from .._exceptions import ConfigError

__all__ = [
    "STRUCTURED_MODES",
    "StructuredMode",
    "pick_structured_mode",
    "request_options_for",
    "response_format_for",
    "schema_name",
    "strict_schema",
    "tool_choice_for",
    "tools_for",
]

StructuredMode = Literal["json_schema", "json_object", "tools"]
"""How the response schema is sent: see the module docstring."""

STRUCTURED_MODES: tuple[str, ...] = get_args(StructuredMode)
"""The accepted modes, plus "auto" for `pick_structured_mode`."""

# Validation keywords strict mode rejects (or did, depending on the model): kept as words.
_MOVED_KEYWORDS: dict[str, str] = {
    "minLength": "at least {} character(s)",
    "maxLength": "at most {} character(s)",
    "pattern": "matching the pattern {}",
    "format": "in {} format",
    "minimum": "at least {}",
    "maximum": "at most {}",
    "exclusiveMinimum": "greater than {}",
    "exclusiveMaximum": "less than {}",
    "multipleOf": "a multiple of {}",
    "minItems": "at least {} item(s)",
    "maxItems": "at most {} item(s)",
    "uniqueItems": "no repeated items",
    "minProperties": "at least {} properties",
    "maxProperties": "at most {} properties",
}
# Keywords that carry nothing for the model and cost tokens, or that strict mode rejects.
_DROPPED_KEYWORDS = frozenset({"title", "default", "examples", "discriminator", "$schema"})

_PRIMITIVES = frozenset({"string", "integer", "number", "boolean"})


def _describe(node: dict[str, Any], notes: list[str]) -> None:
    if notes:
        text = node.get("description", "").rstrip()
        extra = "; ".join(notes)
        node["description"] = f"{text} ({extra})" if text else extra.capitalize()


def _nullable(options: list[Any]) -> Any | None:
    """`[X, {"type": "null"}]` as `{"type": [X's type, "null"]}` when X is a bare primitive."""
    if len(options) != 2 or {"type": "null"} not in options:
        return None
    other = options[0] if options[1] == {"type": "null"} else options[1]
    if (
        isinstance(other, dict)
        and set(other) <= {"type", "description"}
        and other.get("type") in _PRIMITIVES
    ):
        return {**other, "type": [other["type"], "null"]}
    return None


def _strict(node: Any, path: str) -> Any:
    if isinstance(node, list):
        return [_strict(item, path) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        # Strict mode rejects keywords beside $ref; the target carries its own description.
        return {"$ref": node["$ref"]}
    out: dict[str, Any] = {}
    notes = [
        text.format(node[key])
        for key, text in _MOVED_KEYWORDS.items()
        if key in node and (key != "uniqueItems" or node[key])
    ]
    for key, value in node.items():
        if key in _DROPPED_KEYWORDS:
            continue
        if key in _MOVED_KEYWORDS:
            continue
        if key == "oneOf":  # pydantic emits oneOf for discriminated unions
            key = "anyOf"
        if key == "const":
            key, value = "enum", [value]
        if key in ("properties", "$defs"):
            out[key] = {name: _strict(sub, f"{path}.{name}") for name, sub in value.items()}
        else:
            out[key] = _strict(value, path)
    if "anyOf" in out:
        collapsed = _nullable(out["anyOf"])
        if collapsed is not None:
            out.pop("anyOf")
            out = {**collapsed, **out}
    if out.get("type") == "object" or "properties" in out:
        extra = out.get("additionalProperties")
        if isinstance(extra, dict) or ("properties" not in out and extra is not False):
            raise ValueError(
                f"{path or 'the root'} is a free-form mapping; strict structured output needs "
                f"every key named (use a model or a list of pairs)"
            )
        out["additionalProperties"] = False
        out.setdefault("properties", {})
        # Optional fields are already nullable in pydantic's schema (`X | None`); listing
        # every property as required is what strict mode asks and what our models expect.
        out["required"] = list(out["properties"])
    _describe(out, notes)
    return out


@functools.cache
def _cached_schema(model: type[BaseModel]) -> dict[str, Any]:
    raw = model.model_json_schema(mode="validation")
    schema = cast(dict[str, Any], _strict(raw, ""))
    if schema.get("type") != "object":
        raise ValueError(f"{model.__name__}: the root of a response schema must be an object")
    return schema


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of `model`, rewritten for strict structured output (a fresh copy).

    Every property is required (optional fields stay nullable), every object has
    `additionalProperties: false`, `default`/`title` are dropped, `oneOf` becomes `anyOf`,
    `const` becomes a one-value `enum`, a `$ref` stands alone, `$defs` are kept, and
    validation keywords (`minLength`, `maximum`, `pattern`, …) move into the description.
    Raises `ValueError` for what strict mode cannot express (a free-form `dict` field).
    """
    return copy.deepcopy(_cached_schema(model))


def schema_name(model: type[BaseModel]) -> str:
    """The name the schema or tool is sent under (`^[a-zA-Z0-9_-]{1,64}$`)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", model.__name__)[:64]


def _description(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or model.__name__).split())


def response_format_for(mode: str, model: type[BaseModel]) -> dict[str, Any]:
    """The `response_format` request field for `mode` ("json_schema" or "json_object")."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {
                "name": schema_name(model),
                "description": _description(model),
                "schema": strict_schema(model),
                "strict": True,
            },
        }
    if mode == "json_object":
        return {"type": "json_object", "schema": strict_schema(model)}
    raise ValueError(f"no response_format for mode {mode!r}; tools mode uses tools_for()")


def tools_for(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The `tools` request field: one strict function whose parameters are the schema."""
    return [
        {
            "type": "function",
            "function": {
                "name": schema_name(model),
                "description": _description(model),
                "parameters": strict_schema(model),
                "strict": True,
            },
        }
    ]


def tool_choice_for(model: type[BaseModel]) -> dict[str, Any]:
    """The `tool_choice` request field that forces a call of `tools_for(model)`'s function."""
    return {"type": "function", "function": {"name": schema_name(model)}}


def request_options_for(mode: str, model: type[BaseModel]) -> dict[str, Any]:
    """The request fields for `mode`: `response_format`, or `tools` and `tool_choice`."""
    if mode == "tools":
        return {"tools": tools_for(model), "tool_choice": tool_choice_for(model)}
    return {"response_format": response_format_for(mode, model)}


_OPENAI_HOSTS = ("api.openai.com",)
_AZURE_SUFFIXES = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")


def pick_structured_mode(base_url: str | None, requested: str = "auto") -> StructuredMode:
    """The structured-output mode for an endpoint; an explicit `requested` mode wins.

    `auto`: `json_schema` with no base URL (the OpenAI default), for api.openai.com and for
    Azure OpenAI hosts (`*.openai.azure.com`, `*.cognitiveservices.azure.com`,
    `*.services.ai.azure.com`); `json_object` for everything else. Self-hosted servers
    (llama.cpp, llama-cpp-python, usually on localhost or a private address) read the
    `schema` beside `json_object`; other hosts at least accept JSON mode, where the schema
    may be ignored and our validation and re-ask do the work. Raises `ConfigError` for an
    unknown mode.
    """
    if requested != "auto":
        if requested not in STRUCTURED_MODES:
            raise ConfigError(
                f"unknown structured-output mode {requested!r}; "
                f"choose auto, {', '.join(STRUCTURED_MODES)}"
            )
        return cast(StructuredMode, requested)
    if not base_url:
        return "json_schema"
    host = (urlsplit(base_url if "//" in base_url else f"//{base_url}").hostname or "").lower()
    if host in _OPENAI_HOSTS or host.endswith(_AZURE_SUFFIXES):
        return "json_schema"
    return "json_object"
