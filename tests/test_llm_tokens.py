"""Token counting: never the network, exact with a cached BPE file, an estimate that errs high.

tiktoken's official BPE files cannot be fetched here, so the exact path runs only where one
is already cached (`test_exact_counts_with_a_real_cached_file` skips otherwise); the
decision that leads to it (right directory, right file name, right SHA-256) is tested with
files made on the spot.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiktoken.load
import tiktoken.registry
from tiktoken_ext import openai_public  # type: ignore[import-untyped]  # no py.typed

from summarizer._llm import _tokens
from summarizer._llm._tokens import (
    DEFAULT_ENCODING,
    ESTIMATE_ERROR_NOTE,
    TokenCounter,
    bpe_cache_path,
    cached_bpe_file,
    encoding_name_for,
    estimate_tokens,
    reset_cache,
)

# The environment the test run started with: a real cache may be configured there.
_REAL_ENV = dict(os.environ)

ENGLISH = (
    "Mayor Elena Ortiz said the council had voted 7-2 on Tuesday to close the pier. "
    '"We cannot wait for another storm," she told reporters outside City Hall.\n\n'
    "Repairs are expected to cost about $14 million, according to council records."
)


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test starts with an empty tiktoken cache and no download possible."""
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)

    def no_download(blobpath: str) -> bytes:
        raise AssertionError(f"tiktoken tried to download {blobpath}")

    # The boundary where tiktoken would reach the network: reaching it fails the test.
    monkeypatch.setattr(tiktoken.load, "read_file", no_download)
    reset_cache()
    yield cache
    reset_cache()


# -- where tiktoken caches, exactly as tiktoken.load.read_file_cached does ----------------


def test_cache_path_follows_tiktoken_precedence() -> None:
    url = "https://example.invalid/enc.tiktoken"
    name = hashlib.sha1(url.encode()).hexdigest()
    both = {"TIKTOKEN_CACHE_DIR": "/a", "DATA_GYM_CACHE_DIR": "/b"}
    assert bpe_cache_path(url, both) == Path("/a") / name
    assert bpe_cache_path(url, {"DATA_GYM_CACHE_DIR": "/b"}) == Path("/b") / name
    default = Path(tempfile.gettempdir()) / "data-gym-cache" / name
    assert bpe_cache_path(url, {}) == default
    # An empty TIKTOKEN_CACHE_DIR disables tiktoken's cache: it would always download.
    assert bpe_cache_path(url, {"TIKTOKEN_CACHE_DIR": "", "DATA_GYM_CACHE_DIR": "/b"}) is None


def test_cache_path_reads_the_process_environment(empty_cache: Path) -> None:
    url, _ = _tokens._BPE_FILES["o200k_base"]
    assert bpe_cache_path(url) == empty_cache / hashlib.sha1(url.encode()).hexdigest()


def test_known_files_match_the_installed_tiktoken() -> None:
    """Our URL and SHA-256 per encoding are the ones tiktoken itself will use."""
    for name, (url, sha256) in _tokens._BPE_FILES.items():
        source = inspect.getsource(getattr(openai_public, name))
        assert url in source, name
        assert sha256 in source, name


def test_cached_file_is_used_only_with_the_right_hash(empty_cache: Path) -> None:
    url = "https://example.invalid/fake.tiktoken"
    data = b"IQ== 0\nIg== 1\n"  # a tiny BPE file in tiktoken's format
    path = empty_cache / hashlib.sha1(url.encode()).hexdigest()

    found, reason = cached_bpe_file(url, hashlib.sha256(data).hexdigest())
    assert found is None and reason is not None and "not in the cache" in reason

    path.write_bytes(data)
    assert cached_bpe_file(url, hashlib.sha256(data).hexdigest()) == (path, None)

    # A file tiktoken would reject (and then re-download) counts as missing, and is kept.
    found, reason = cached_bpe_file(url, "0" * 64)
    assert found is None and reason is not None and "wrong SHA-256" in reason
    assert path.exists()


def test_disabled_cache_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    found, reason = cached_bpe_file(*_tokens._BPE_FILES["o200k_base"])
    assert found is None and reason is not None and "TIKTOKEN_CACHE_DIR is empty" in reason
    counter = TokenCounter("gpt-4o")
    assert not counter.exact
    assert counter.warning is not None and "TIKTOKEN_CACHE_DIR is empty" in counter.warning


# -- the fallback -------------------------------------------------------------------------


def test_fallback_estimates_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="summarizer.llm"):
        first = TokenCounter("gpt-4o-mini")
        second = TokenCounter("gpt-4o")
    assert not first.exact and not second.exact
    assert first.warning is not None
    assert first.warning.startswith("token counts for gpt-4o-mini are estimates: ")
    assert "tiktoken's o200k_base file is not in the cache at " in first.warning
    assert "is never downloaded" in first.warning
    assert ESTIMATE_ERROR_NOTE in first.warning
    assert "put the file in TIKTOKEN_CACHE_DIR for exact counts" in first.warning
    # Both counters carry the warning for meta.warnings; the log has it once per process.
    assert second.warning is not None
    logged = [r for r in caplog.records if "are estimates" in r.getMessage()]
    assert len(logged) == 1
    assert first.count(ENGLISH) == estimate_tokens(ENGLISH, "o200k_base")


def test_wrong_hash_in_the_cache_falls_back_without_download(empty_cache: Path) -> None:
    url, _ = _tokens._BPE_FILES["cl100k_base"]
    stale = empty_cache / hashlib.sha1(url.encode()).hexdigest()
    stale.write_bytes(b"not the real file\n")
    counter = TokenCounter("gpt-4")
    assert not counter.exact
    assert counter.warning is not None and "wrong SHA-256" in counter.warning
    assert counter.count(ENGLISH) > 0
    assert stale.exists()


def _cache_tiny_o200k_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make o200k_base load, without the network, from a BPE file made on the spot.

    The file is in tiktoken's format like the one in
    `test_cached_file_is_used_only_with_the_right_hash`, but holds every byte as a token of
    its own (a byte-level BPE needs them all to encode any text) and no merges: a text is as
    many tokens as it has UTF-8 bytes. It is cached under a URL and SHA-256 our table is
    pointed at; tiktoken's own o200k_base constructor (its pattern and special tokens) reads
    it through its own cache lookup, since `empty_cache` makes any download fail.
    """
    url = "https://example.invalid/bytes.tiktoken"
    data = b"".join(base64.b64encode(bytes([b])) + b" %d\n" % b for b in range(256))
    sha256 = hashlib.sha256(data).hexdigest()
    (cache / hashlib.sha1(url.encode()).hexdigest()).write_bytes(data)
    monkeypatch.setitem(_tokens._BPE_FILES, "o200k_base", (url, sha256))
    monkeypatch.setattr(
        openai_public,
        "load_tiktoken_bpe",
        lambda *_a, **_k: tiktoken.load.load_tiktoken_bpe(url, sha256),
    )
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})  # tiktoken's own cache


def test_special_token_strings_are_plain_text(
    empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cache_tiny_o200k_file(empty_cache, monkeypatch)
    counter = TokenCounter("gpt-4o")
    assert counter.exact and counter.warning is None
    text = "<|endoftext|> and <|endofprompt|>"
    # The encoding does know them as special tokens (one token each, when allowed) ...
    encoding = tiktoken.get_encoding("o200k_base")
    assert encoding.encode("<|endoftext|>", allowed_special="all") == [encoding.eot_token]
    # ... but in an article they are plain text: byte by byte here, and never an error.
    assert counter.count(text) == len(text.encode("utf-8"))
    assert counter.count_messages([{"role": "user", "content": text}]) == (
        3 + counter.count("user") + len(text) + 3
    )


def test_count_messages_adds_openai_overhead() -> None:
    counter = TokenCounter("gpt-4o")
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": ENGLISH, "name": "editor"},
    ]
    fields = sum(counter.count(v) for m in messages for v in m.values())
    # 3 per message, 1 per name, 3 to prime the reply.
    assert counter.count_messages(messages) == fields + 2 * 3 + 1 + 3
    assert counter.count_messages([]) == 3


# -- the estimate -------------------------------------------------------------------------


def test_estimate_errs_high_on_english() -> None:
    words = len(ENGLISH.split())
    # English news runs about 1.2 tokens per word and 4.9 characters per token (measured
    # on PolNeAR with the real encodings); the estimate stays above both rules of thumb.
    assert estimate_tokens(ENGLISH) >= words
    assert estimate_tokens(ENGLISH) >= len(ENGLISH) / 5
    assert estimate_tokens(ENGLISH) <= len(ENGLISH) / 2


def test_estimate_is_additive_enough_for_budgets() -> None:
    """A text's estimate never exceeds the sum of its paragraphs' (chunking relies on it)."""
    parts = ENGLISH.split("\n\n")
    assert estimate_tokens(ENGLISH) <= sum(estimate_tokens(p) for p in parts) + 2


def test_estimate_prices_scripts() -> None:
    chinese = "市政府周二宣布将在未来三年内投资两百亿元用于改善城市公共交通系统。"
    russian = "Городские власти во вторник объявили о модернизации транспорта."
    hindi = "नगर सरकार ने मंगलवार को घोषणा की।"
    # Han runs near a token per character; cl100k_base is less frugal outside English.
    assert estimate_tokens(chinese, "o200k_base") >= 0.9 * len(chinese)
    for text in (chinese, russian, hindi):
        assert estimate_tokens(text, "cl100k_base") > estimate_tokens(text, "o200k_base")
    # Combining vowel signs belong to their word instead of counting as punctuation.
    assert estimate_tokens(hindi, "o200k_base") < len(hindi)


def test_estimate_edge_cases() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("   ") == 2  # a double space is a token of its own
    assert estimate_tokens("\n\n\n") >= 1
    assert estimate_tokens("1234567") == 4  # digits in threes (3) plus the margin
    blob = "x" * 5000  # a long run is priced without being cached
    assert estimate_tokens(blob) >= 5000 / 8
    assert estimate_tokens("UNESCO") > estimate_tokens("unesco")  # acronyms split up


# -- which encoding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "encoding", "known"),
    [
        ("gpt-4o", "o200k_base", True),
        ("gpt-4o-mini-2024-07-18", "o200k_base", True),
        ("openai/gpt-4.1-mini", "o200k_base", True),
        ("o3-mini", "o200k_base", True),
        ("gpt-5", "o200k_base", True),
        ("gpt-4", "cl100k_base", True),
        ("gpt-3.5-turbo", "cl100k_base", True),
        ("gpt-oss-20b", "o200k_harmony", True),
        ("llama3.1:8b", DEFAULT_ENCODING, False),
        ("davinci", DEFAULT_ENCODING, False),  # a pre-chat encoding we do not load
    ],
)
def test_encoding_for_model(model: str, encoding: str, known: bool) -> None:
    assert encoding_name_for(model) == (encoding, known)


def test_harmony_shares_the_o200k_file() -> None:
    counter = TokenCounter("gpt-oss-120b")
    assert counter.warning is not None and "o200k_harmony" in counter.warning
    assert "fb374d419588a4632f3f557e76b4b70aebbca790" in counter.warning  # o200k's file


# -- the exact path, where a real file is cached ------------------------------------------


def _real_cache_dir() -> str | None:
    url, sha256 = _tokens._BPE_FILES["o200k_base"]
    env = {k: v for k, v in _REAL_ENV.items() if k in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR")}
    path, _ = cached_bpe_file(url, sha256, env)
    return str(path.parent) if path is not None else None


@pytest.mark.skipif(_real_cache_dir() is None, reason="no real o200k_base file cached here")
def test_exact_counts_with_a_real_cached_file(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = _real_cache_dir()
    assert cache is not None
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", cache)
    counter = TokenCounter("gpt-4o")
    assert counter.exact and counter.warning is None
    exact = counter.count(ENGLISH)
    assert exact == len(tiktoken.get_encoding("o200k_base").encode_ordinary(ENGLISH))
    assert exact <= estimate_tokens(ENGLISH) <= 1.4 * exact
    proxy = TokenCounter("my-local-model")
    assert not proxy.exact and proxy.warning is None and proxy.count(ENGLISH) == exact
