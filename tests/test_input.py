"""Reading articles: encodings, binary input, HTML extraction, size limits."""

from __future__ import annotations

import codecs
import io
import json
import os
import socket
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer import (
    ArticleNotFound,
    ArticleTooLarge,
    BinaryArticle,
    DecodingError,
    EmptyArticle,
    EncodingMismatch,
    InvalidArticle,
    analyze,
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
    with pytest.raises(ArticleNotFound) as info:
        read_article(tmp_path, max_chars=100)
    # It exists: "no such file" sent users looking for a typo.
    assert "is a directory" in str(info.value) and "no such file" not in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_read_like_stdin(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as fh:
            fh.write(TEXT)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        article = read_article(fifo, max_chars=10_000)
    finally:
        if writer.is_alive():  # nobody read: open a reader so the writer's open returns
            reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            writer.join(timeout=10)
            os.close(reader)
        writer.join(timeout=10)
    assert article.text == TEXT


def test_a_socket_is_not_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ArticleNotFound) as info:
            read_article(path, max_chars=100)
    assert "is not a regular file" in str(info.value)


def test_too_large_text_and_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleTooLarge) as info:
        check_text("word " * 100, max_chars=50)
    assert info.value.size == 500 and info.value.limit == 50
    p = tmp_path / "big.txt"
    p.write_text("é" * 1000, encoding="utf-8")
    # A file far over the limit is refused from its first bytes, and the message counts
    # characters as for any text (it spoke of 2,000 bytes here).
    with pytest.raises(ArticleTooLarge) as info2:
        read_article(p, max_chars=100)
    assert info2.value.unit == "characters" and info2.value.size == 1000
    assert "article has 1,000 characters, over the limit of 100 characters" in str(info2.value)
    # The library names its own setting; the CLI names its flag (tests/test_cli.py).
    assert "Config.max_chars" in str(info2.value) and "--max-chars" not in str(info2.value)
    # Between the byte bound and the limit: decoded and counted the same way.
    small = tmp_path / "small.txt"
    small.write_text("x" * 150, encoding="utf-8")
    with pytest.raises(ArticleTooLarge) as info3:
        read_article(small, max_chars=100)
    assert info3.value.size == 150 and info3.value.unit == "characters"


def test_an_endless_stream_is_refused_without_reading_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Endless(io.RawIOBase):
        """64 MiB of "a" (`yes a |` would not stop; this does, so old code fails, not hangs)."""

        left = 64 << 20

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            n = min(len(buffer), self.left)
            buffer[:n] = b"a" * n
            self.left -= n
            return n

    monkeypatch.setattr("summarizer._input._COUNT_LIMIT", 1 << 22)
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BufferedReader(Endless())))
    with pytest.raises(ArticleTooLarge) as info:
        read_article("-", max_chars=100)
    assert info.value.at_least and "at least" in str(info.value)
    assert info.value.size < 2 << 22  # counted up to the bound, not to the end


# --- an --encoding that does not fit the bytes ----------------------------------------------

ENGLISH = "The council voted 7-2 on Tuesday.\nMayor Ortiz said: \u201cWe cannot wait.\u201d\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "UTF16"])
def test_utf8_read_as_utf16_is_refused_naming_utf8(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    data = ENGLISH.encode("utf-8")
    p.write_bytes(data + b" " * (len(data) % 2))  # even: decodes without an error
    # It decoded into CJK-looking garbage and exited 0.
    with pytest.raises(EncodingMismatch) as info:
        read_article(p, max_chars=10_000, encoding=encoding)
    assert info.value.likely == "UTF-8"
    assert "UTF-8" in str(info.value) and "--encoding" in str(info.value)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "gbk", "cp500"])
def test_utf8_read_in_another_encoding_is_refused(tmp_path: Path, encoding: str) -> None:
    # "Café" read as Latin-1 is "CafÃ©"; as EBCDIC (cp500) even ASCII is garbage.
    p = tmp_path / "a.txt"
    p.write_bytes("Café owner José said it was fine, über alles.\n".encode())
    with pytest.raises(EncodingMismatch):
        read_article(p, max_chars=10_000, encoding=encoding)


def test_ascii_read_as_latin1_is_the_same_text_and_passes(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"Plain words, said Ann.\n")
    assert read_article(p, max_chars=10_000, encoding="latin-1").text == "Plain words, said Ann.\n"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café owner José said it was fine, über alles.\n", "latin-1"),
        ("CAFÉ» said the sign.\n", "latin-1"),
        ("市议会周二投票关闭九号码头，市长说：“我们不能再等了。”\n", "gbk"),
        ("市議会は火曜日に投票した。\n", "shift_jis"),
    ],
)
def test_genuine_text_in_its_encoding_is_read(tmp_path: Path, text: str, codec: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(codec))
    assert read_article(p, max_chars=10_000, encoding=codec).text == text


def test_odd_length_utf8_read_as_utf16_names_utf8_too(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"Odd: " + ENGLISH.encode("utf-8")[: 2 * 20 + 1])
    with pytest.raises(EncodingMismatch) as info:
        read_article(p, max_chars=10_000, encoding="utf-16-le")
    assert "most likely UTF-8" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "市议会周二以七比二投票关闭九号码头。",  # no ASCII at all: no NUL byte in UTF-16
        "Ein Beispiel, über das alle sprachen.\n",
    ],
)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_genuine_utf16_and_utf32_without_bom_are_read(
    tmp_path: Path, text: str, codec: str
) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(codec))
    assert read_article(p, max_chars=10_000, encoding=codec).text == text
    generic = codec.rsplit("-", 1)[0]  # utf-16 / utf-32: native order without a BOM
    if codec.endswith("le") == (sys.byteorder == "little"):
        assert read_article(p, max_chars=10_000, encoding=generic).text == text


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


# --- text handed over directly: surrogates, non-str values, invisible-only text -----------


def test_lone_surrogate_is_refused_with_its_offset() -> None:
    # json.loads accepts "\ud83d", so a batch JSONL line can carry one.
    text = json.loads(r'"John Smith said \"hi \ud83d there friend.\""')
    with pytest.raises(InvalidArticle) as info:
        check_text(text, max_chars=10_000, source="id 7")
    assert "surrogate" in str(info.value) and "offset 20" in str(info.value)
    assert str(info.value).startswith("id 7: ")
    with pytest.raises(InvalidArticle, match="offset 20"):
        analyze(text, engine="offline")
    # A pair left as two code points cannot be encoded either: the first one is named.
    with pytest.raises(InvalidArticle, match="U\\+D83D at offset 3"):
        check_text("Hi \ud83d\ude00 there.", max_chars=100)
    # A real astral character is fine.
    assert check_text("Hi \U0001f600 there.", max_chars=100) == "Hi \U0001f600 there."


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (b"John Smith said hi.", "bytes"),
        (bytearray(b"John Smith said hi."), "bytearray"),
        (None, "NoneType"),
        (42, "int"),
    ],
)
def test_non_str_text_is_refused_by_name(value: object, kind: str) -> None:
    with pytest.raises(InvalidArticle) as info:
        check_text(value, max_chars=100)
    assert f"expected str, got {kind}" in str(info.value)
    if kind.startswith("byte"):
        assert "read_article" in str(info.value)
    with pytest.raises(InvalidArticle, match=f"got {kind}"):
        analyze(value, engine="offline")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200b", "\u00ad \u00ad\n", "\ufeff\ufeff", "\u2060\u200d \t\u200c", "\u202e\n"],
)
def test_invisible_only_text_is_empty(tmp_path: Path, text: str) -> None:
    with pytest.raises(EmptyArticle):
        check_text(text, max_chars=100)
    with pytest.raises(EmptyArticle):
        analyze(text, engine="offline")
    p = tmp_path / "zw.txt"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(EmptyArticle):
        read_article(p, max_chars=100)


def test_invisible_characters_among_words_are_kept() -> None:
    text = "Co\u00adoperation\u200b works."
    assert check_text(text, max_chars=100) == text


# --- HTML sniffed after decoding (BOM, UTF-16) ----------------------------------------------

PAGE = (
    "<html><head><title>T</title></head><body><p>The mayor said &#8220;no&#8221; "
    "to the plan on Monday.</p></body></html>"
)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_html_with_a_bom_is_sniffed_after_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: bytes, codec: str
) -> None:
    data = bom + PAGE.encode(codec)
    p = tmp_path / "page"  # no .html suffix: the content decides
    p.write_bytes(data)
    _stdin(monkeypatch, data)
    for article in (read_article(p, max_chars=10_000), read_article("-", max_chars=10_000)):
        assert article.format == "html"
        assert article.title == "T"
        assert "The mayor said “no” to the plan" in article.text
        assert "<p>" not in article.text
    assert looks_like_html("\ufeff<html><body>")


def test_plain_text_with_a_bom_stays_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, codecs.BOM_UTF8 + TEXT.encode())
    article = read_article("-", max_chars=10_000)
    assert article.format == "text" and article.text == TEXT


# --- the charset an HTML page declares ------------------------------------------------------


def _latin1_page(head: str, body: str = "Caf\xe9 owner Jos\xe9 said it was fine.") -> bytes:
    return (
        f"<!doctype html><html><head>{head}<title>Caf\xe9</title></head>"
        f"<body><article><p>{body}</p></article></body></html>"
    ).encode("latin-1")


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="iso-8859-1">',
        "<meta charset=ISO-8859-1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=latin1'>",
    ],
)
@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_declared_charset_of_an_html_page_is_honoured(tmp_path: Path, head: str, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(_latin1_page(head))
    article = read_article(p, max_chars=10_000)
    assert article.format == "html"
    assert "Café owner José said it was fine." in article.text
    assert article.title == "Café"


def test_declared_latin1_means_windows_1252_as_browsers_read_it(tmp_path: Path) -> None:
    # Pages labelled ISO-8859-1 routinely hold Windows-1252 quotes (0x93/0x94).
    p = tmp_path / "page.html"
    page = _latin1_page('<meta charset="iso-8859-1">', "Jos\xe9 said it was fine.")
    p.write_bytes(page.replace(b"Jos", b"\x93Jos").replace(b"fine.", b"fine.\x94"))
    assert "“José said it was fine.”" in read_article(p, max_chars=10_000).text
    # The five bytes Windows-1252 leaves unassigned are read as browsers read them (as C1
    # controls, which extraction then drops), not refused.
    p.write_bytes(page.replace(b"fine.", b"fine.\x81").replace(b"iso-8859-1", b"windows-1252"))
    assert "José said it was fine." in read_article(p, max_chars=10_000).text


def test_declared_charset_errors_are_clear(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(_latin1_page('<meta charset="klingon-8">'))
    with pytest.raises(InvalidArticle, match=r"'klingon-8'.*not a known encoding"):
        read_article(p, max_chars=10_000)
    # ASCII-compatible bytes cannot be in the UTF-16 they claim: refused, not guessed.
    p.write_bytes(_latin1_page('<meta charset="utf-16">'))
    with pytest.raises(InvalidArticle, match="'utf-16'"):
        read_article(p, max_chars=10_000)
    # Bytes that are not in the charset declared (a Latin-1 page labelled EUC-JP).
    p.write_bytes(_latin1_page('<meta charset="euc-jp">'))
    with pytest.raises(DecodingError) as info:
        read_article(p, max_chars=10_000)
    assert info.value.encoding == "EUC-JP" and info.value.position == 3 + p.read_bytes().find(
        b"Caf"
    )
    assert "the charset the page declares" in str(info.value)
    assert "--encoding" in str(info.value)
    # No declaration: still refused as not UTF-8, never guessed.
    p.write_bytes(_latin1_page(""))
    with pytest.raises(DecodingError) as info2:
        read_article(p, max_chars=10_000)
    assert info2.value.encoding == "UTF-8"


def test_encoding_option_overrides_the_declared_charset(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(_latin1_page('<meta charset="iso-8859-1">'))
    with pytest.raises(DecodingError) as info:
        read_article(p, max_chars=10_000, encoding="utf-8")
    assert info.value.encoding == "UTF-8"
    assert "Café" in read_article(p, max_chars=10_000, encoding="cp1252").text
    # Plain text is never read by a charset that merely looks declared in it.
    t = tmp_path / "note.txt"
    t.write_bytes(b'The tag <meta charset="latin1"> is old, caf\xe9 owners said.')
    with pytest.raises(DecodingError):
        read_article(t, max_chars=10_000)


def test_a_page_on_stdin_gets_room_for_its_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    # Standard input may be a page: its markup does not count against the article's limit.
    body = "<p>Ann Lee said the council would vote on the pier next week.</p>"
    markup = "<div class='nav'><a href='/x'>link</a></div>" * 60
    page = f"<!doctype html><html><head><title>T</title></head><body>{markup}"
    page += f"<article>{body * 3}</article>{markup}</body></html>"
    assert len(page) > 4 * 600
    _stdin(monkeypatch, page.encode())
    article = read_article("-", max_chars=600)
    assert article.format == "html" and "Ann Lee said" in article.text
    # Plain text on stdin is held to the limit in characters as ever.
    _stdin(monkeypatch, b"word " * 200)
    with pytest.raises(ArticleTooLarge) as info:
        read_article("-", max_chars=600)
    assert info.value.size == 1000 and info.value.unit == "characters"
