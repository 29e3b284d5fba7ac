"""The body of `POST /v1/analyze` and `/v1/report`: JSON, or the article itself as text or HTML.

- `application/json` (or none, or any `application/*+json`): an `AnalyzeRequest`,
  read as FastAPI would (bad JSON is 400 `invalid_json`, a wrong shape 422);
- `text/plain`: the body is the article's text, decoded by the `charset` parameter
  (UTF-8 when there is none; a leading byte-order mark is dropped), so offsets index it;
- `text/html`: the body is an HTML page, decoded the same way, its article extracted;
- anything else: 415 naming these three.

`engine` and `model` come from the query string for a text or HTML body; a JSON body may
give them itself, or take them from the query too, but not differently in both places.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from .._config import EngineChoice
from ._errors import InvalidJson, InvalidRequest, UndecodableBody, UnsupportedMedia, unreadable_json
from ._schemas import AnalyzeRequest

__all__ = ["ARTICLE_MEDIA_TYPES", "analyze_request", "media_type"]

ARTICLE_MEDIA_TYPES = ("application/json", "text/plain", "text/html")
"""What the analysis routes take, in the order their 415 names them."""

_CHARSET = re.compile(r""";\s*charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def media_type(content_type: str) -> str:
    """The media type of a Content-Type header, lower-cased, without its parameters."""
    return content_type.split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    kind, _, subtype = media.partition("/")
    return media == "" or (
        kind == "application" and (subtype == "json" or subtype.endswith("+json"))
    )


def analyze_request(
    raw: bytes,
    content_type: str,
    *,
    engine: EngineChoice | None = None,
    model: str | None = None,
) -> AnalyzeRequest:
    """The request a body of `content_type` makes, with the query's engine and model."""
    media = media_type(content_type)
    query = {"engine": engine, "model": model}
    if _is_json(media):
        return _from_json(raw, {k: v for k, v in query.items() if v is not None})
    if media in ("text/plain", "text/html"):
        text = _decode(raw, content_type)
        field = "text" if media == "text/plain" else "html"
        return _validated({field: text, **query, "engine": engine or "auto"})
    accepted = ", ".join(ARTICLE_MEDIA_TYPES[:-1]) + f" or {ARTICLE_MEDIA_TYPES[-1]}"
    raise UnsupportedMedia(f"send {accepted}, not {media or content_type!r}")


def _from_json(raw: bytes, query: dict[str, Any]) -> AnalyzeRequest:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        # As FastAPI's own parsing, which this replaces: bad UTF-8, a syntax error, a
        # number over 4300 digits (ValueErrors), nesting too deep (RecursionError).
        raise InvalidJson(f"the request body is {unreadable_json(exc)}") from exc
    if isinstance(data, dict):
        for name, value in query.items():
            if name in data and data[name] != value:
                raise InvalidRequest(
                    f"{name!r} is {data[name]!r} in the body but {value!r} in the query; "
                    "give it in one place"
                )
            data.setdefault(name, value)
    return _validated(data)


def _validated(data: object) -> AnalyzeRequest:
    try:
        return AnalyzeRequest.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": ("body", *e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        ) from exc


def _decode(raw: bytes, content_type: str) -> str:
    found = _CHARSET.search(content_type)
    label = found.group(1) if found else "utf-8"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise UnsupportedMedia(
            f"charset {label!r} is not an encoding this server knows; send UTF-8"
        ) from None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise UndecodableBody(label.upper(), exc.start) from exc
    return text.removeprefix("\ufeff")
