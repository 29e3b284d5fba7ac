"""Chunk planning, token budgets, de-duplication across overlaps, and the model table."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from summarizer._exceptions import ConfigError
from summarizer._llm._chunking import (
    Chunk,
    budget_for,
    dedupe_by_span,
    plan_chunks,
    span_overlap,
)
from summarizer._llm._models_table import (
    ModelInfo,
    estimate_cost,
    load_model_info,
    match_model,
)
from summarizer._llm._tokens import TokenCounter, reset_cache
from summarizer._text import paragraphs, sentences

WORDS = (
    "council harbor pier vote storm engineers report mayor closure families fishing "
    "repairs state budget million percent commercial landings timber piles surge"
).split()
NAMES = ["Elena Ortiz", "David Reyes", "Tomás Okafor", "the association", "a spokesperson"]


class WordCounter:
    """A deterministic stand-in for a tokenizer: one token per whitespace-separated word."""

    def count(self, text: str) -> int:
        return len(text.split())


def invented_article(paragraph_count: int, seed: int = 7) -> str:
    """A long article of invented paragraphs: sentences, quotes, varied lengths."""
    rng = random.Random(seed)
    paras = ["Harbor Council Closes Pier After Storm Damage"]
    for _ in range(paragraph_count):
        sents = []
        for _ in range(rng.randint(1, 5)):
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
            if rng.random() < 0.3:
                sents.append(f'"{body.capitalize()}," {rng.choice(NAMES)} said.')
            else:
                sents.append(body.capitalize() + ".")
        paras.append(" ".join(sents))
    return "\n\n".join(paras) + "\n"


@pytest.fixture(autouse=True)
def offline_counter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """TokenCounter in these tests is the estimate: no tiktoken file is ever cached here."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    reset_cache()
    yield
    reset_cache()


def check_chunks(
    article: str, chunks: list[Chunk], counter: WordCounter | TokenCounter, max_tokens: int
) -> None:
    assert [c.index for c in chunks] == list(range(len(chunks)))
    covered = [False] * len(article)
    for chunk in chunks:
        assert chunk.text == article[chunk.start : chunk.end]
        assert chunk.tokens == counter.count(chunk.text) <= max_tokens
        for pos in range(chunk.start, chunk.end):
            covered[pos] = True
    missing = [i for i, ch in enumerate(article) if not ch.isspace() and not covered[i]]
    assert not missing, f"uncovered characters at {missing[:5]}"
    for before, after in itertools.pairwise(chunks):
        assert before.start < after.start and before.end < after.end


# -- plan_chunks ------------------------------------------------------------------------------


def test_long_article_splits_with_overlap() -> None:
    article = invented_article(80)
    counter = WordCounter()
    chunks = plan_chunks(article, counter, max_tokens=300, overlap_tokens=60)
    assert len(chunks) > 3
    check_chunks(article, chunks, counter, 300)
    starts = {p.start for p in paragraphs(article)}
    ends = {p.end for p in paragraphs(article)}
    for before, after in itertools.pairwise(chunks):
        assert after.start in starts and before.end in ends  # paragraph boundaries only
        assert after.start < before.end, "consecutive chunks should overlap"
        # At least 60 tokens of whole paragraphs, and not one paragraph more than needed.
        shared_paras = [p for p in paragraphs(article) if after.start <= p.start < before.end]
        shared = counter.count(article[after.start : before.end])
        without_first = (
            counter.count(article[shared_paras[1].start : before.end])
            if len(shared_paras) > 1
            else 0
        )
        assert without_first < 60
        assert shared >= 60 or counter.count(article[after.start : after.end]) > 300 - 60
    # first_paragraph numbers the chunk's first paragraph in the whole article.
    numbers = {p.start: n for n, p in enumerate(paragraphs(article), start=1)}
    assert [c.first_paragraph for c in chunks] == [numbers[c.start] for c in chunks]


def test_no_overlap_gives_consecutive_chunks() -> None:
    article = invented_article(40)
    chunks = plan_chunks(article, WordCounter(), max_tokens=200, overlap_tokens=0)
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert article[before.end : after.start].strip() == ""


def test_overlap_never_stalls_progress() -> None:
    article = invented_article(30)
    counter = WordCounter()
    # Overlap as large as the budget: each chunk must still bring something new.
    chunks = plan_chunks(article, counter, max_tokens=120, overlap_tokens=120)
    check_chunks(article, chunks, counter, 120)


def test_with_a_token_counter_estimating_each_chunk_is_within_budget() -> None:
    # The TokenCounter the engine uses, here on its estimate (`offline_counter`: no BPE
    # file is cached). Unlike WordCounter it is not additive (breaks between paragraphs
    # cost tokens, and each call rounds up), so a chunk's own count differs from the sum
    # of its paragraphs' counts.
    article = invented_article(60, seed=3)
    counter = TokenCounter("gpt-4o-mini")
    assert not counter.exact and counter.warning is not None
    chunks = plan_chunks(article, counter, max_tokens=400, overlap_tokens=50)
    assert len(chunks) > 2
    check_chunks(article, chunks, counter, 400)


def test_article_that_fits_is_one_chunk_covering_everything() -> None:
    article = "\n\n  Title\n\nOne paragraph of text.\n\n\n"
    counter = WordCounter()
    exact = counter.count(article)
    for budget in (exact, exact + 100):
        (chunk,) = plan_chunks(article, counter, max_tokens=budget, overlap_tokens=10)
        assert (chunk.index, chunk.start, chunk.end, chunk.text) == (0, 0, len(article), article)
        assert chunk.tokens == exact and chunk.first_paragraph == 1
    assert len(plan_chunks(article, counter, max_tokens=exact - 1)) == 2
    blank = "  \n\n  \n"
    assert plan_chunks(blank, TokenCounter("gpt-4o"), max_tokens=1)[0].text == blank


def test_huge_paragraph_splits_at_sentences() -> None:
    sents = [f"Sentence number {i} says the pier will close soon." for i in range(60)]
    article = "Headline\n\n" + " ".join(sents) + "\n\nLast paragraph."
    counter = WordCounter()
    chunks = plan_chunks(article, counter, max_tokens=50, overlap_tokens=0)
    check_chunks(article, chunks, counter, 50)
    sentence_ends = {s.end for s in sentences(article)}
    assert all(c.end in sentence_ends for c in chunks)
    assert all(c.first_paragraph == 2 for c in chunks[1:-1])


def test_sentence_without_periods_splits_at_words() -> None:
    article = " ".join(f"item{i}" for i in range(500))  # one endless "sentence"
    counter = WordCounter()
    chunks = plan_chunks(article, counter, max_tokens=64, overlap_tokens=8)
    check_chunks(article, chunks, counter, 64)
    for chunk in chunks:  # never inside a word
        assert chunk.start == 0 or article[chunk.start - 1] == " "
        assert chunk.end == len(article) or article[chunk.end] == " "


def test_single_giant_word_is_cut_by_characters() -> None:
    article = "Intro line.\n" + "x" * 3000 + "\nOutro line."
    counter = TokenCounter("gpt-4o")
    chunks = plan_chunks(article, counter, max_tokens=100, overlap_tokens=0)
    check_chunks(article, chunks, counter, 100)


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        plan_chunks("text", WordCounter(), max_tokens=0)
    with pytest.raises(ValueError, match="overlap_tokens"):
        plan_chunks("text", WordCounter(), max_tokens=10, overlap_tokens=-1)


# -- budget_for -------------------------------------------------------------------------------


def test_budget_for() -> None:
    info = load_model_info("gpt-4o-mini")
    assert budget_for(info, prompt_overhead_tokens=1500, output_tokens=16384) == (
        128000 - 16384 - 1500
    )
    # gpt-5 has a separate input limit below its context window.
    gpt5 = load_model_info("gpt-5")
    assert budget_for(gpt5, prompt_overhead_tokens=1000, output_tokens=8000) == 272000 - 1000
    local = load_model_info("my-llama")
    assert budget_for(local, 1500, 2048) == 8192 - 2048 - 1500
    with pytest.raises(ConfigError, match="no room for the article"):
        budget_for(local, 1500, 8000)


# -- dedupe_by_span ---------------------------------------------------------------------------


@dataclass
class Item:
    start: int
    end: int
    chunk: int


def span(item: Item) -> tuple[int, int]:
    return (item.start, item.end)


def test_span_overlap() -> None:
    assert span_overlap((0, 10), (0, 10)) == 1.0
    assert span_overlap((5, 5), (5, 5)) == 1.0
    assert span_overlap((0, 10), (10, 20)) == 0.0
    assert span_overlap((0, 10), (1, 10)) == pytest.approx(0.9)
    assert span_overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)


def test_dedupe_same_span_keeps_the_earlier_chunk() -> None:
    items = [Item(100, 150, chunk=0), Item(10, 40, chunk=0), Item(100, 150, chunk=1)]
    kept = dedupe_by_span(items, key=span)
    assert kept == [Item(10, 40, 0), Item(100, 150, 0)]  # article order


def test_dedupe_containment_keeps_the_longer() -> None:
    items = [Item(100, 145, chunk=0), Item(100, 150, chunk=1)]  # 45/50 = 0.9
    assert dedupe_by_span(items, key=span) == [Item(100, 150, 1)]
    items = [Item(100, 150, chunk=0), Item(102, 148, chunk=1)]
    assert dedupe_by_span(items, key=span) == [Item(100, 150, 0)]


def test_dedupe_reports_each_dropped_item_with_the_one_finally_kept() -> None:
    pairs: list[tuple[Item, Item]] = []
    items = [
        Item(100, 145, chunk=0),
        Item(10, 40, chunk=0),
        Item(100, 148, chunk=1),  # longer: replaces the first
        Item(10, 40, chunk=1),  # equal: dropped
        Item(100, 150, chunk=2),  # longer again: replaces the second
    ]
    kept = dedupe_by_span(items, key=span, on_duplicate=lambda d, k: pairs.append((d, k)))
    assert kept == [Item(10, 40, 0), Item(100, 150, 2)]
    assert pairs == [
        (Item(100, 145, 0), Item(100, 150, 2)),
        (Item(10, 40, 1), Item(10, 40, 0)),
        (Item(100, 148, 1), Item(100, 150, 2)),
    ]


def test_dedupe_keeps_distinct_quotes() -> None:
    # One quote inside another at less than 0.8, and neighbours: all different quotes.
    items = [Item(100, 200, 0), Item(100, 150, 1), Item(200, 260, 1), Item(0, 40, 1)]
    assert dedupe_by_span(items, key=span) == [
        Item(0, 40, 1),
        Item(100, 150, 1),
        Item(100, 200, 0),
        Item(200, 260, 1),
    ]
    strict = [Item(0, 100, 0), Item(0, 95, 1)]
    assert len(dedupe_by_span(strict, key=span, min_overlap=1.0)) == 2


def test_dedupe_equal_empty_spans_are_one_item() -> None:
    # Equal spans are the same item, as the docstring says, even empty ones.
    assert dedupe_by_span([Item(5, 5, 0), Item(5, 5, 1)], key=span) == [Item(5, 5, 0)]
    # An empty span next to or inside another one is not that one.
    items = [Item(5, 5, 0), Item(5, 9, 1), Item(2, 5, 2), Item(3, 8, 3), Item(5, 5, 4)]
    assert dedupe_by_span(items, key=span) == [
        Item(2, 5, 2),
        Item(3, 8, 3),
        Item(5, 5, 0),
        Item(5, 9, 1),
    ]


def _dedupe_every_pair(items: list[Item], min_overlap: float = 0.8) -> list[Item]:
    """`dedupe_by_span`'s documented rule, applied by comparing each item with every kept
    one: two items are the same when their spans are equal or overlap (intersection over
    union) by at least `min_overlap`; the longer is kept, on a tie the one seen first."""
    kept: list[tuple[tuple[int, int], int, Item]] = []
    for order, item in enumerate(items):
        new = span(item)
        same = next(
            (
                k
                for k, (old, _, _) in enumerate(kept)
                if old == new or span_overlap(new, old) >= min_overlap
            ),
            None,
        )
        if same is None:
            kept.append((new, order, item))
        elif new[1] - new[0] > kept[same][0][1] - kept[same][0][0]:
            kept[same] = (new, kept[same][1], item)
    kept.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in kept]


def test_dedupe_agrees_with_comparing_every_pair() -> None:
    rng = random.Random(4)
    for _ in range(3_000):
        items = []
        for chunk in range(rng.randint(0, 30)):
            start = rng.randint(0, 300)
            items.append(Item(start, start + rng.choice([0, 1, 5, 20, 60]), chunk))
        if rng.random() < 0.3:  # the usual case: no two spans intersect
            items = [
                Item(10 * k, 10 * k + rng.randint(0, 10), k) for k in range(rng.randint(0, 30))
            ]
            rng.shuffle(items)
        assert dedupe_by_span(items, key=span) == _dedupe_every_pair(items), items


# -- the model table --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "matched"),
    [
        ("gpt-4o", "gpt-4o"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("GPT-4o-mini", "gpt-4o-mini"),
        ("openai/gpt-4.1-nano", "gpt-4.1-nano"),
        ("ft:gpt-4o-mini:acme::abc123", "gpt-4o-mini"),
        ("o3-mini-2025-01-31", "o3-mini"),
        ("gpt-5-mini", "gpt-5-mini"),
        ("gpt-4-turbo-2024-04-09", "gpt-4-turbo"),
        ("gpt-4.10", None),  # a prefix must end at a dash
        ("llama3.1:8b", None),
    ],
)
def test_model_matching(model: str, matched: str | None) -> None:
    assert load_model_info(model).matched == matched


def test_unknown_models_get_the_conservative_default() -> None:
    info = load_model_info("qwen2.5-7b-instruct")
    assert (info.context_window, info.max_output_tokens) == (8192, 2048)
    assert estimate_cost(info, 1000, 1000) is None


def test_cost_estimate() -> None:
    info = load_model_info("gpt-4o-mini")
    assert info.prices_as_of is not None
    assert estimate_cost(info, 1_000_000, 0) == info.input_usd_per_mtok
    assert estimate_cost(info, 2000, 500) == pytest.approx((2000 * 0.15 + 500 * 0.6) / 1_000_000)
    assert estimate_cost(info, 0, 0) == 0.0


def test_overrides_merge_field_by_field(tmp_path: Path) -> None:
    overrides = {
        "models": {
            "gpt-4o-mini": {"input_usd_per_mtok": 0.1},
            "My-Llama": {
                "context_window": 32768,
                "input_usd_per_mtok": 0,
                "output_usd_per_mtok": 0,
            },
        },
        "default": {"context_window": 4096},
    }
    mini = load_model_info("gpt-4o-mini", overrides)
    assert mini.input_usd_per_mtok == 0.1 and mini.output_usd_per_mtok == 0.6
    assert mini.context_window == 128000
    llama = load_model_info("my-llama:q4", overrides)
    assert (llama.matched, llama.context_window, llama.max_output_tokens) == (
        "my-llama",
        32768,
        2048,
    )
    assert estimate_cost(llama, 5000, 5000) == 0.0
    assert load_model_info("other", overrides).context_window == 4096
    # The same, from a file; the packaged table is untouched afterwards.
    path = tmp_path / "models.json"
    path.write_text(json.dumps(overrides), encoding="utf-8")
    assert load_model_info("my-llama", path) == load_model_info("my-llama", overrides).model_copy(
        update={"model": "my-llama"}
    )
    assert load_model_info("gpt-4o-mini").input_usd_per_mtok == 0.15


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"modles": {}}, "unknown keys"),
        ({"models": {"x": {"context_window": -1}}}, "invalid model table entry 'x'"),
        ({"models": {"x": {"context": 1}}}, "invalid model table entry 'x'"),
        ({"models": []}, "must be an object"),
    ],
)
def test_bad_overrides(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_model_info("x", overrides)


def test_bad_override_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_model_info("x", tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_model_info("x", broken)


def test_packaged_table_is_complete() -> None:
    from importlib import resources

    raw = resources.files("summarizer").joinpath("data", "models.json").read_text("utf-8")
    table = json.loads(raw)
    assert "estimate" in table["prices"]["note"].lower() and table["prices"]["as_of"]
    for family in (
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "o1",
        "o3",
        "o4-mini",
        "gpt-5",
        "gpt-3.5-turbo",
    ):
        assert family in table["models"]
    for name in table["models"]:
        info = load_model_info(name)
        assert isinstance(info, ModelInfo) and info.matched == name
        assert info.max_output_tokens <= info.context_window
        assert info.input_usd_per_mtok is not None and info.output_usd_per_mtok is not None
        assert match_model(name, table["models"]) == name
