"""Reading articles: bytes to text, with clear errors for what is not an article.

Offsets in an `Analysis` index the text this module returns. For plain text that is the
file decoded as it stands (no newline or whitespace normalisation, so offsets index the
file's characters); for HTML it is the article body extracted from the page, which
`summarizer extract` prints so offsets can be checked against it.
"""

from __future__ import annotations

import codecs
import re
import stat
import sys
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ._exceptions import (
    ArticleNotFound,
    ArticleTooLarge,
    BinaryArticle,
    DecodingError,
    EmptyArticle,
    EncodingMismatch,
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
_HTML_START = r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])"
_HTML_SNIFF = re.compile(b"^" + _HTML_START.encode(), re.I)
# Decoded text: a BOM left in front (or one decode_bytes did not strip) does not hide the page.
_HTML_SNIFF_TEXT = re.compile("^\ufeff?" + _HTML_START, re.I)
# The charset an HTML page declares, read from its first bytes as ASCII: <meta charset=…>,
# <meta http-equiv="Content-Type" content="text/html; charset=…">, or an XML declaration.
_DECLARED_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:+-]+)"""
    rb"""|^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([a-z0-9._:+-]+)""",
    re.I,
)
_CHARSET_SNIFF_BYTES = 2048
# As browsers read them (the WHATWG Encoding Standard), these labels all mean Windows-1252,
# whose five unassigned bytes stand for the C1 controls; pages labelled ISO-8859-1 routinely
# hold its curly quotes and dashes in 0x80-0x9F. Names as `codecs.lookup(label).name` gives.
_WINDOWS_1252_CODECS = frozenset({"iso8859-1", "ascii", "cp1252"})
_UNASSIGNED_IN_CP1252 = re.compile(rb"([\x81\x8d\x8f\x90\x9d])")
_ASCII_SAMPLE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_READ_CHUNK = 1 << 20
_COUNT_LIMIT = 1 << 30  # bytes read at most to count the characters of a too-large input
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: object) -> str | None:
    """The first lone surrogate in `value` (a string, or JSON lists and objects, keys too).

    JSON's "\\ud800" escape gives one: not a character, and no UTF-8 record can hold it.
    Walked with a stack, not recursion, so any nesting the parser let through is fine.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found is not None:
                return found.group()
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


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
    explicit = encoding is not None
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
        if explicit and _reads_as_utf8(data):
            raise EncodingMismatch(
                exc.encoding.upper(),
                "UTF-8",
                f"not valid {exc.encoding.upper()} at byte {exc.start}, but valid UTF-8",
                source=source,
            ) from exc
        raise DecodingError(exc.encoding.upper(), exc.start, source=source) from exc
    except LookupError as exc:
        raise InvalidArticle(f"unknown encoding {codec!r}", source=source) from exc
    if explicit and _misread_utf8(data, text, codec):
        raise EncodingMismatch(
            codec.upper(),
            "UTF-8",
            "its bytes are valid UTF-8 text, which reads differently",
            source=source,
        )
    return text.removeprefix("\ufeff")


def _misread_utf8(data: bytes, text: str, codec: str) -> bool:
    """True when `data`, decoded in `codec` as `text`, is UTF-8 read in the wrong encoding.

    Read otherwise, UTF-8 is garbage: pairs of bytes as CJK-looking characters in UTF-16,
    "CafÃ©" for "Café" in Latin-1. Genuine UTF-16/32 has NUL bytes (in every ASCII
    character, space and line break) or a BOM. In a one-byte or CJK encoding, valid UTF-8
    happens by chance only in short runs (an accented capital before a symbol, "É»", is
    "ɻ"), so it counts only with characters real UTF-8 text has: Latin-1 and Latin
    Extended-A letters and symbols (U+00A0-U+017F), or any of three bytes or more (curly
    quotes, dashes, CJK). ASCII read as Latin-1 decodes the same and passes.
    """
    if not _reads_as_utf8(data):
        return False
    as_utf8 = data.decode("utf-8").removeprefix("\ufeff")
    if text.removeprefix("\ufeff") == as_utf8:
        return False
    if codecs.lookup(codec).name.startswith(("utf-16", "utf-32")):
        return True
    return any(0xA0 <= ord(c) <= 0x17F or ord(c) >= 0x800 for c in as_utf8)


def _reads_as_utf8(data: bytes) -> bool:
    """True when `data` is plausibly UTF-8 text: valid, without a BOM of another encoding,
    NUL and control characters, with whitespace (so a few lucky bytes do not count)."""
    if any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _CONTROL_BYTES.search(data) and any(c in data for c in b" \n\t")


def _is_blank(text: str) -> bool:
    """True when nothing would show: whitespace and format characters (zero-width spaces
    and joiners, soft hyphens, BOMs, direction marks: Unicode category Cf) only."""
    # Stops at the first visible character, so real articles cost next to nothing.
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def check_text(text: object, *, max_chars: int, source: str | None = None) -> str:
    """Validate text handed to the analyser directly; returns it unchanged."""
    if not isinstance(text, str):
        kind = type(text).__name__
        hint = "; decode it or use read_article" if isinstance(text, bytes | bytearray) else ""
        raise InvalidArticle(f"expected str, got {kind}{hint}", source=source)
    if _is_blank(text):
        raise EmptyArticle(source=source)
    if "\x00" in text:
        raise BinaryArticle("contains NUL characters", source=source)
    if len(text) > max_chars:
        raise ArticleTooLarge(len(text), max_chars, source=source)
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        # Not text in any encoding; json.loads lets "\ud83d" through, UTF-8 refuses it.
        raise InvalidArticle(
            f"contains a lone surrogate (U+{ord(surrogate.group()):04X} at offset "
            f"{surrogate.start()}), which is not a character; fix the text or its producer",
            source=source,
        )
    return text


def looks_like_html(data: bytes | str, name: str | None = None) -> bool:
    """True for `.html`/`.htm` files and for content that starts like an HTML page.

    Give it the decoded text where there is one: raw bytes in UTF-16 or behind a BOM do
    not match.
    """
    if name and Path(name).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    if isinstance(data, str):
        return bool(_HTML_SNIFF_TEXT.match(data[:2048]))
    return bool(_HTML_SNIFF.match(data[:2048]))


def _declared_charset(data: bytes, *, source: str) -> tuple[str, str] | None:
    """(label, codec) for the charset an HTML page declares in its first bytes, or None.

    Only for pages that are not UTF-8 and have no BOM; raises `InvalidArticle` for a
    charset Python does not know or one the page cannot be in (it was read as ASCII).
    """
    found = _DECLARED_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise InvalidArticle(
            f"the page declares charset {label!r}, which is not a known encoding; pass --encoding",
            source=source,
        ) from None
    try:
        ascii_compatible = _ASCII_SAMPLE.decode(codec) == _ASCII_SAMPLE.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        ascii_compatible = False
    if not ascii_compatible:
        raise InvalidArticle(
            f"the page declares charset {label!r}, but without a byte-order mark it cannot "
            f"be in it (the declaration itself reads as ASCII); pass --encoding",
            source=source,
        )
    return label, codec


def _decode_declared(data: bytes, label: str, codec: str, *, source: str) -> str:
    """Decode an HTML page by the charset it declares, saying so when the bytes are not."""
    if codec in _WINDOWS_1252_CODECS:
        # Every byte has a meaning: the odd pieces of the split are the unassigned bytes.
        parts = _UNASSIGNED_IN_CP1252.split(data)
        return "".join(p.decode("latin-1" if i % 2 else "cp1252") for i, p in enumerate(parts))
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        name = label.upper()
        error = DecodingError(name, exc.start, source=source)
        # Same type and attributes as any decoding error; the message names the declaration.
        error.message = (
            f"{source}: not valid {name}, the charset the page declares (first bad byte at "
            f"offset {exc.start}); fix the page's declaration or pass --encoding"
        )
        error.args = (error.message,)
        raise error from exc


def _read_file(path: Path, limit: int) -> tuple[bytes, BinaryIO | None]:
    """Up to `limit` + 1 bytes of the file (one more than the limit: too large), and the
    file left open on the rest when there is more. Pipes are read too, so `<(cmd)` works."""
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ArticleNotFound(name, "is a directory, not an article file")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise ArticleNotFound(name, "is not a regular file")
        # A FIFO or a character device (process substitution's /dev/fd/N, /dev/stdin)
        # is read as a stream, like standard input.
        fh = path.open("rb")
        try:
            data = fh.read(limit + 1)
        except OSError:
            fh.close()
            raise
    except FileNotFoundError:
        raise ArticleNotFound(name) from None
    except OSError as exc:
        raise InvalidArticle(f"cannot read: {exc.strerror}", source=name) from exc
    if len(data) <= limit:
        fh.close()
        return data, None
    return data, fh


def _count_chars(head: bytes, rest: BinaryIO | None, encoding: str | None) -> tuple[int, bool]:
    """(characters, whether counted to the end) of `head` and what `rest` still holds.

    Read in chunks and not kept; an endless stream (`yes |`, /dev/zero) is counted up
    to `_COUNT_LIMIT` bytes.
    """
    codec = encoding or next((c for bom, c in _BOMS if head.startswith(bom)), "utf-8")
    try:
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    count, read, complete = len(decoder.decode(head)), len(head), True
    if rest is not None:
        while chunk := rest.read(_READ_CHUNK):
            count += len(decoder.decode(chunk))
            read += len(chunk)
            if read >= _COUNT_LIMIT:
                complete = False
                break
    return count + len(decoder.decode(b"", final=True)), complete


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
    # Room for the bytes of `max_chars` characters (4 bytes at most each in UTF-8, UTF-16
    # and UTF-32); HTML gets 20 times that for its markup, and so does standard input,
    # which may be a page. Text over `max_chars` within this room is refused once decoded.
    html = format == "html" or (format is None and (name == "-" or looks_like_html(b"", name)))
    byte_limit = max_chars * 4 * (20 if html else 1)
    if name == "-":
        data, rest, opened = sys.stdin.buffer.read(byte_limit + 1), sys.stdin.buffer, None
        source = "<stdin>"
    else:
        data, opened = _read_file(Path(path), byte_limit)
        rest, source = opened, name
    if len(data) > byte_limit:
        # Over the limit whatever the encoding; the rest is counted, not held.
        try:
            count, complete = _count_chars(data, rest, encoding)
        finally:
            if opened is not None:
                opened.close()
        unit = "characters of HTML" if html and name != "-" else "characters"
        raise ArticleTooLarge(count, max_chars, unit=unit, source=source, at_least=not complete)
    file_name = None if name == "-" else name
    try:
        text = decode_bytes(data, encoding=encoding, source=source)
    except DecodingError:
        # An HTML page that is not UTF-8 and has no BOM may say what it is in: honour that
        # (and only that; nothing is guessed). --encoding, a BOM and valid UTF-8 come first.
        if (
            encoding is not None
            or format == "text"
            or any(data.startswith(bom) for bom, _codec in _BOMS)
            or not (format == "html" or looks_like_html(data, file_name))
        ):
            raise
        declared = _declared_charset(data, source=source)
        if declared is None:
            raise
        text = _decode_declared(data, *declared, source=source)
    # Sniffed on the decoded text, so a BOM or UTF-16 does not hide a page.
    is_html = format == "html" or (format is None and looks_like_html(text, file_name))
    title: str | None = None
    if is_html:
        text, title = extract_html(text, source=source)
    check_text(text, max_chars=max_chars, source=source)
    return Article(text=text, source=source, format="html" if is_html else "text", title=title)
