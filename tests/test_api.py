"""The Python API and the front door."""

from __future__ import annotations

import asyncio
import inspect

import pytest

import summarizer
from summarizer import (
    Analysis,
    ArticleTooLarge,
    ConfigError,
    EmptyArticle,
    EngineUnavailable,
    Summarizer,
    analyze,
)
from summarizer._config import DEFAULT_SUMMARY_SENTENCES
from summarizer._text import sentences


def test_all_is_sorted_complete_and_importable() -> None:
    names = summarizer.__all__
    # isort-style order: CONSTANTS, then Classes, then functions and dunders.
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(summarizer, name), name
    public = {
        n
        for n, obj in vars(summarizer).items()
        if not n.startswith("_") and not inspect.ismodule(obj)
    }
    # Every public object reachable from the package is listed in __all__ (nothing leaks in
    # by accident, nothing exported is forgotten).
    assert public <= set(names), public - set(names)


def test_every_exported_callable_is_documented() -> None:
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__ and obj.__doc__.strip(), name


def test_analyze_returns_a_verified_analysis(example_text: str) -> None:
    result = analyze(example_text, engine="offline")
    assert isinstance(result, Analysis)
    assert result.meta.engine == "offline"
    assert result.meta.model is None and result.meta.prompt_sha256 is None
    assert result.quotes, "the example article has quotes"
    for i, q in enumerate(result.quotes, 1):
        assert q.id == f"q{i}"
        assert example_text[q.start : q.end] == q.text
    starts = [q.start for q in result.quotes]
    assert starts == sorted(starts)
    # The contract: 2-5 whole article sentences; the example has plenty, so the default count.
    summary_sentences = [s.text for s in sentences(result.summary.text)]
    assert len(summary_sentences) == DEFAULT_SUMMARY_SENTENCES
    article_sentences = {s.text for s in sentences(example_text)}
    assert all(s in article_sentences for s in summary_sentences), summary_sentences
    assert result.summary.headline


@pytest.mark.parametrize("n", [2, 5])
def test_summary_has_the_sentence_count_asked_for(example_text: str, n: int) -> None:
    assert len(sentences(example_text)) > 5
    result = Summarizer(engine="offline", summary_sentences=n).analyze(example_text)
    assert len(sentences(result.summary.text)) == n


def test_result_is_deterministic(example_text: str) -> None:
    a = analyze(example_text, engine="offline").model_dump_json()
    b = analyze(example_text, engine="offline").model_dump_json()
    assert a == b


def test_auto_is_offline_without_a_configured_llm(example_text: str) -> None:
    assert analyze(example_text).meta.engine == "offline"


def test_llm_engine_without_an_endpoint_fails_clearly() -> None:
    with pytest.raises(EngineUnavailable) as info:
        Summarizer(engine="llm")
    assert info.value.engine == "llm"
    assert "OPENAI_API_KEY" in str(info.value) and "--engine offline" in str(info.value)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text(text: str) -> None:
    with pytest.raises(EmptyArticle):
        analyze(text, engine="offline")


def test_size_limit_from_config() -> None:
    with pytest.raises(ArticleTooLarge):
        Summarizer(engine="offline", max_chars=10).analyze("A sentence that is long enough.")


def test_bad_override_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        Summarizer(engine="sideways")


def test_api_key_is_never_serialised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-123")
    s = Summarizer(engine="offline")
    assert s.config.api_key == "sk-secret-123"
    assert "sk-secret-123" not in s.config.model_dump_json()
    assert "sk-secret-123" not in repr(s.config)


def test_summarizer_sync_and_async(example_text: str) -> None:
    with Summarizer(engine="offline") as s:
        one = s.analyze(example_text)

    async def run() -> list[Analysis]:
        async with Summarizer(engine="offline") as s:
            return await s.analyze_many([example_text, example_text])

    many = asyncio.run(run())
    assert [m.model_dump() for m in many] == [one.model_dump()] * 2
