"""Reading articles: encodings, binary input, HTML extraction, size limits."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from summarizer import (
    ArticleNotFound,
    ArticleTooLarge,
    BinaryArticle,
    DecodingError,
    EmptyArticle,
    read_article,
)
from summarizer._input import check_text, decode_bytes, looks_like_html

TEXT = "“It works,” said Ana Lima.\nShe added that it was cheap.\n"


def test_utf8_text_is_returned_unchanged(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT + "\r\nSecond line.\r\n", encoding="utf-8")
    article = read_article(p, max_chars=10_000)
    # No newline normalisation: offsets must index the file's own characters.
    assert article.text == TEXT + "\r\nSecond line.\r\n"
    assert article.format == "text"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_decides_the_encoding(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + TEXT.encode(codec)) == TEXT


def test_latin1_is_refused_with_the_position_and_accepted_with_encoding(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Café owner José said it was fine.".encode("latin-1"))
    with pytest.raises(DecodingError) as info:
        read_article(p, max_chars=10_000)
    assert info.value.encoding == "UTF-8"
    assert info.value.position == 3
    assert "UTF-8" in str(info.value) and "--encoding" in str(info.value)
    assert read_article(p, max_chars=10_000, encoding="latin-1").text.startswith("Café")


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"text\x00with\x00nuls", "NUL"),
    ],
)
def test_binary_input_is_named(data: bytes, detail: str) -> None:
    with pytest.raises(BinaryArticle) as info:
        decode_bytes(data, source="x.bin")
    assert detail in str(info.value)
    assert str(info.value).startswith("x.bin: ")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(data)
    with pytest.raises(EmptyArticle):
        read_article(p, max_chars=100)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound) as info:
        read_article(tmp_path / "nope.txt", max_chars=100)
    assert "no such file" in str(info.value)


def test_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound):
        read_article(tmp_path, max_chars=100)


def test_too_large_text_and_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleTooLarge) as info:
        check_text("word " * 100, max_chars=50)
    assert info.value.size == 500 and info.value.limit == 50
    p = tmp_path / "big.txt"
    p.write_text("x" * 1000, encoding="utf-8")
    # A file far over the limit is refused from its size, before it is read whole.
    with pytest.raises(ArticleTooLarge) as info2:
        read_article(p, max_chars=100)
    assert info2.value.unit == "bytes"


def test_html_body_is_extracted_with_title(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<!doctype html><html><head><title>Bridge Reopens</title></head><body>"
        "<nav>Home | Sports | Weather</nav><article><h1>Bridge Reopens</h1>"
        "<p>The old bridge reopened on Friday after two years of repairs, city officials said.</p>"
        "<p>“It is stronger than ever,” said engineer Mia Holt, who led the work on the site.</p>"
        "</article><footer>Subscribe now. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(p, max_chars=10_000)
    assert article.format == "html"
    assert article.title == "Bridge Reopens"
    assert article.text.startswith("Bridge Reopens")
    assert "said engineer Mia Holt" in article.text
    assert "<p>" not in article.text and "Subscribe" not in article.text


def test_html_is_sniffed_without_extension() -> None:
    assert looks_like_html(b"  <!DOCTYPE html><html>")
    assert looks_like_html(b"", "story.HTM")
    assert not looks_like_html(b"The council met on Tuesday <3")
