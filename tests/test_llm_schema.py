"""Strict JSON schemas from pydantic models, the request shapes, and the mode heuristic.

`jsonschema` is not a dependency, so the strict-mode rules are checked structurally over
every node, and instances are checked with a small validator for the subset of JSON
Schema that strict mode allows (enough to show the schema accepts what our models produce
and rejects what they reject).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field

from summarizer._exceptions import ConfigError
from summarizer._llm._response import LLMExtraction, LLMSummary
from summarizer._llm._schema import (
    pick_structured_mode,
    request_options_for,
    response_format_for,
    schema_name,
    strict_schema,
    tool_choice_for,
    tools_for,
)

FORBIDDEN = {
    "default",
    "oneOf",
    "title",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "discriminator",
    "const",
}


def nodes(schema: Any) -> Iterator[dict[str, Any]]:
    """Every schema object in `schema` (not the property-name maps themselves)."""
    if isinstance(schema, list):
        for item in schema:
            yield from nodes(item)
    elif isinstance(schema, dict):
        yield schema
        for key, value in schema.items():
            if key in ("properties", "$defs"):
                for sub in value.values():
                    yield from nodes(sub)
            elif key in ("items", "anyOf"):
                yield from nodes(value)


def assert_strict(schema: dict[str, Any]) -> None:
    assert schema["type"] == "object"
    defs = schema.get("$defs", {})
    for node in nodes(schema):
        assert not FORBIDDEN & set(node), node
        if "$ref" in node:
            assert set(node) == {"$ref"}, node  # strict mode rejects siblings of $ref
            assert node["$ref"].removeprefix("#/$defs/") in defs
        if node.get("type") == "object" or "properties" in node:
            assert node["additionalProperties"] is False, node
            assert node["required"] == list(node["properties"]), node


class Validator:
    """Validates an instance against the strict-mode subset of JSON Schema."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root

    def ok(self, value: Any, schema: dict[str, Any] | None = None) -> bool:
        schema = self.root if schema is None else schema
        if "$ref" in schema:
            return self.ok(value, self.root["$defs"][schema["$ref"].removeprefix("#/$defs/")])
        if "anyOf" in schema:
            return any(self.ok(value, option) for option in schema["anyOf"])
        if "enum" in schema and value not in schema["enum"]:
            return False
        kinds = schema.get("type")
        if kinds is not None:
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(self._is(value, kind) for kind in kinds):
                return False
        if isinstance(value, dict) and "properties" in schema:
            props = schema["properties"]
            if set(value) - set(props) or set(schema["required"]) - set(value):
                return False
            return all(self.ok(value[k], props[k]) for k in value)
        if isinstance(value, list) and "items" in schema:
            return all(self.ok(item, schema["items"]) for item in value)
        return True

    @staticmethod
    def _is(value: Any, kind: str) -> bool:
        return {
            "object": isinstance(value, dict),
            "array": isinstance(value, list),
            "string": isinstance(value, str),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, int | float) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "null": value is None,
        }[kind]


EXTRACTION = {
    "summary": {"headline": "Pier closes", "text": "The pier closes.", "key_points": ["a"]},
    "quotes": [
        {
            "text": "We cannot wait for another storm",
            "paragraph": 3,
            "type": "direct",
            "speaker": {"name": "Elena Ortiz", "mention": "she", "role": None, "kind": "person"},
            "cue": "told reporters",
            "stance": {"target": "the closure", "label": "favor"},
        },
        {
            "text": "the vote was overdue",
            "paragraph": None,
            "type": "indirect",
            "speaker": {"name": None, "mention": None, "role": None, "kind": "unknown"},
            "cue": None,
            "stance": None,
        },
    ],
}


# -- LLMExtraction --------------------------------------------------------------------------


def test_extraction_schema_is_strict() -> None:
    schema = strict_schema(LLMExtraction)
    assert_strict(schema)
    assert set(schema["$defs"]) == {"LLMQuote", "LLMSpeaker", "LLMStance", "LLMSummary"}


def test_extraction_schema_accepts_what_the_model_accepts() -> None:
    check = Validator(strict_schema(LLMExtraction))
    assert LLMExtraction.model_validate(EXTRACTION)
    assert check.ok(EXTRACTION)
    assert check.ok(json.loads(LLMExtraction.model_validate(EXTRACTION).model_dump_json()))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("quotes"),
        lambda d: d["quotes"][0].update(type="quoted"),
        lambda d: d["quotes"][0]["speaker"].pop("role"),
        lambda d: d["quotes"][0].update(stance={"target": "x", "label": "pro"}),
        lambda d: d["quotes"][0].update(paragraph="3"),
        lambda d: d["summary"].update(key_points="a"),
    ],
)
def test_extraction_schema_rejects_what_the_model_rejects(breakage: Any) -> None:
    broken = json.loads(json.dumps(EXTRACTION))
    breakage(broken)
    assert not Validator(strict_schema(LLMExtraction)).ok(broken)
    with pytest.raises(ValueError):
        LLMExtraction.model_validate(broken, strict=True)


def test_nullable_fields_keep_their_type() -> None:
    quote = strict_schema(LLMExtraction)["$defs"]["LLMQuote"]["properties"]
    assert quote["cue"]["type"] == ["string", "null"]
    assert quote["paragraph"]["type"] == ["integer", "null"]
    assert quote["stance"]["anyOf"] == [{"$ref": "#/$defs/LLMStance"}, {"type": "null"}]
    assert "description" in quote["stance"]


def test_schema_is_a_fresh_copy() -> None:
    first = strict_schema(LLMExtraction)
    first["$defs"].clear()
    assert strict_schema(LLMExtraction)["$defs"]


# -- the rewriting rules, on a model that uses everything -------------------------------------


class Cat(BaseModel):
    """A cat."""

    kind: Literal["cat"]
    lives: int = Field(default=9, ge=0, le=9)


class Dog(BaseModel):
    """A dog."""

    kind: Literal["dog"]
    name: str = Field(min_length=1, max_length=20, pattern=r"^\w+$")


class Everything(BaseModel):
    """A model using every feature strict mode needs rewritten."""

    model_config = ConfigDict(extra="forbid")

    pet: Annotated[Cat | Dog, Field(discriminator="kind")]
    tags: list[str] = Field(default_factory=list, min_length=1, max_length=3)
    note: str | None = Field(default=None, description="A note.")
    when: str = Field(json_schema_extra={"format": "date-time"})
    score: float = Field(gt=0, description="Score.")


def test_rewriting_rules() -> None:
    schema = strict_schema(Everything)
    assert_strict(schema)
    props = schema["properties"]
    # Discriminated union: anyOf of $refs; the discriminator and oneOf are gone.
    assert props["pet"] == {"anyOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]}
    # Optional with a None default: required and nullable.
    assert props["note"] == {"type": ["string", "null"], "description": "A note."}
    # Constraints moved into words.
    assert props["tags"]["description"] == "At least 1 item(s); at most 3 item(s)"
    assert props["score"]["description"] == "Score. (greater than 0)"
    assert "date-time" in props["when"]["description"]
    dog = schema["$defs"]["Dog"]["properties"]["name"]
    assert dog["description"] == (
        "At least 1 character(s); at most 20 character(s); matching the pattern ^\\w+$"
    )
    cat = schema["$defs"]["Cat"]
    assert cat["properties"]["kind"]["enum"] == ["cat"]
    assert cat["properties"]["lives"]["description"] == "At least 0; at most 9"
    # Objects without extra="forbid" are closed too.
    assert cat["additionalProperties"] is False and cat["required"] == ["kind", "lives"]


def test_free_form_mappings_are_refused() -> None:
    class Loose(BaseModel):
        counts: dict[str, int]

    with pytest.raises(ValueError, match="free-form mapping"):
        strict_schema(Loose)


# -- request shapes -------------------------------------------------------------------------


def test_json_schema_response_format() -> None:
    fmt = response_format_for("json_schema", LLMExtraction)
    assert fmt["type"] == "json_schema"
    inner = fmt["json_schema"]
    assert inner["name"] == "LLMExtraction" and inner["strict"] is True
    assert inner["schema"] == strict_schema(LLMExtraction)
    assert inner["description"].startswith("The whole answer for one article")
    json.dumps(fmt)  # serialisable as it is


def test_json_object_response_format_carries_the_schema() -> None:
    fmt = response_format_for("json_object", LLMSummary)
    assert fmt == {"type": "json_object", "schema": strict_schema(LLMSummary)}


def test_tools_mode() -> None:
    (tool,) = tools_for(LLMExtraction)
    assert tool["type"] == "function"
    function = tool["function"]
    assert function["name"] == schema_name(LLMExtraction) == "LLMExtraction"
    assert function["strict"] is True
    assert function["parameters"] == strict_schema(LLMExtraction)
    choice = tool_choice_for(LLMExtraction)
    assert choice == {"type": "function", "function": {"name": "LLMExtraction"}}
    assert request_options_for("tools", LLMExtraction) == {"tools": [tool], "tool_choice": choice}
    assert request_options_for("json_object", LLMExtraction) == {
        "response_format": response_format_for("json_object", LLMExtraction)
    }
    with pytest.raises(ValueError, match="tools_for"):
        response_format_for("tools", LLMExtraction)


# -- picking a mode -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "mode"),
    [
        (None, "json_schema"),
        ("", "json_schema"),
        ("https://api.openai.com/v1", "json_schema"),
        ("https://my-res.openai.azure.com/openai/deployments/gpt4o", "json_schema"),
        ("https://my-res.cognitiveservices.azure.com/", "json_schema"),
        ("http://localhost:8080", "json_object"),
        ("http://127.0.0.1:8000/v1", "json_object"),
        ("http://[::1]:11434/v1", "json_object"),
        ("localhost:8080", "json_object"),
        ("http://gpu-box.local:8000/v1", "json_object"),
        ("https://openrouter.ai/api/v1", "json_object"),
        ("https://api.openai.com.evil.example/v1", "json_object"),
    ],
)
def test_auto_mode(base_url: str | None, mode: str) -> None:
    assert pick_structured_mode(base_url) == mode
    assert pick_structured_mode(base_url, "auto") == mode


def test_explicit_mode_wins() -> None:
    assert pick_structured_mode("http://localhost:8080", "json_schema") == "json_schema"
    assert pick_structured_mode(None, "tools") == "tools"
    assert pick_structured_mode("https://api.openai.com/v1", "json_object") == "json_object"
    with pytest.raises(ConfigError, match="unknown structured-output mode 'grammar'"):
        pick_structured_mode(None, "grammar")
