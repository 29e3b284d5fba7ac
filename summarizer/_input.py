"""Reading articles: bytes to text, with clear errors for what is not an article.

Offsets in an `Analysis` index the text this module returns. For plain text that is the
file decoded as it stands (no newline or whitespace normalisation, so offsets index the
file's characters); for HTML it is the article body extracted from the page, which
`summarizer extract` prints so offsets can be checked against it.
"""

from __future__ import annotations

import codecs
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ._exceptions import (
    ArticleNotFound,
    ArticleTooLarge,
    BinaryArticle,
    DecodingError,
    EmptyArticle,
    InvalidArticle,
)

__all__ = [
    "Article",
    "check_text",
    "decode_bytes",
    "extract_html",
    "looks_like_html",
    "read_article",
]

ArticleFormat = Literal["text", "html"]

# Signatures of common binary formats people hand us by mistake, with a readable name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


@dataclass(frozen=True, slots=True)
class Article:
    """An article ready for analysis."""

    text: str
    source: str
    format: ArticleFormat
    title: str | None = None


def decode_bytes(data: bytes, *, encoding: str | None = None, source: str | None = None) -> str:
    """Decode `data` as text, refusing binary input and naming the encoding problem."""
    if not data.strip():
        raise EmptyArticle(source=source)
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise BinaryArticle(f"looks like {name}", source=source)
    if encoding is None:
        for bom, codec in _BOMS:
            if data.startswith(bom):
                encoding = codec
                break
    if encoding is None and b"\x00" in data[:8192]:
        raise BinaryArticle("contains NUL bytes", source=source)
    codec = encoding or "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodingError(exc.encoding.upper(), exc.start, source=source) from exc
    except LookupError as exc:
        raise InvalidArticle(f"unknown encoding {codec!r}", source=source) from exc
    return text.removeprefix("\ufeff")


def check_text(text: str, *, max_chars: int, source: str | None = None) -> str:
    """Validate text handed to the analyser directly; returns it unchanged."""
    if not text.strip():
        raise EmptyArticle(source=source)
    if "\x00" in text:
        raise BinaryArticle("contains NUL characters", source=source)
    if len(text) > max_chars:
        raise ArticleTooLarge(len(text), max_chars, source=source)
    return text


def looks_like_html(data: bytes, name: str | None = None) -> bool:
    """True for `.html`/`.htm` files and for content that starts like an HTML page."""
    if name and Path(name).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    return bool(_HTML_SNIFF.match(data[:2048]))


def extract_html(html: str, *, source: str | None = None) -> tuple[str, str | None]:
    """Return (article body text, title) from an HTML page, the title as first line."""
    with warnings.catch_warnings():
        # trafilatura's dependencies warn at import time on newer Pythons; not actionable here.
        warnings.simplefilter("ignore")
        import trafilatura

    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "").strip() if meta is not None else ""
    if not body or not body.strip():
        raise InvalidArticle("no article text found in the HTML page", source=source)
    body = body.strip()
    if title and not body.startswith(title):
        return f"{title}\n\n{body}", title
    return body, title or None


def read_article(
    path: str | Path,
    *,
    max_chars: int,
    encoding: str | None = None,
    format: ArticleFormat | None = None,
) -> Article:
    """Read a file (or `-` for standard input) into an `Article`, extracting HTML bodies."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise ArticleNotFound(name)
        # Refuse before reading a huge file whole; HTML gets room for its markup.
        size = p.stat().st_size
        byte_limit = max_chars * 4 * (20 if format == "html" or looks_like_html(b"", name) else 1)
        if size > byte_limit:
            raise ArticleTooLarge(size, max_chars, unit="bytes", source=name)
        data = p.read_bytes()
        source = name
    is_html = format == "html" or (
        format is None and looks_like_html(data, None if name == "-" else name)
    )
    text = decode_bytes(data, encoding=encoding, source=source)
    title: str | None = None
    if is_html:
        text, title = extract_html(text, source=source)
    check_text(text, max_chars=max_chars, source=source)
    return Article(text=text, source=source, format="html" if is_html else "text", title=title)
