"""The support checks' article indexes: each fast path gives what the plain one gives
(`summarizer._llm._support.ArticleEvidence`: word list, word positions, the model's cue
words scored around each occurrence)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from summarizer._grounding import Grounded
from summarizer._llm import _occurrence
from summarizer._llm._support import CLAIMED_CUE_MIN, ArticleEvidence, Support
from summarizer._offline._cues import Features, load_lexicon, tokenize

from .test_llm_support import tokenized_lengths

TRICKY = [
    "Altman's plan, the workers' union and O’Neill’s view; Jones' dog.",
    "3said it, _told them, -warned ‘officials’ that x's y’s z'",
    "Straße STRASSE İstanbul ſaid K-9 Kelvin",  # folds to more characters: plain path
    "a\u0345b said",  # a combining mark casefolded to a letter: plain path
    "said''s and ''said and said-'s and s'",
    "",
]


def _plain(evidence: ArticleEvidence) -> ArticleEvidence:
    """The same article with the case-folded fast paths turned off."""
    evidence.__dict__["_folded"] = None
    return evidence


def _texts() -> list[str]:
    rng = random.Random(7)
    alphabet = "aAsS'’-_3 éſK.,\nxyzİß\u0345"
    return TRICKY + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)
    ]


def test_word_list_is_the_plain_one() -> None:
    for text in _texts():
        assert ArticleEvidence(text)._words == _plain(ArticleEvidence(text))._words, text


def test_word_positions_are_the_index() -> None:
    for text in _texts():
        index = ArticleEvidence(text)._index
        probes = set(index) | {key[:2] for key in index} | {"s", "said", "altman"}
        for word in probes:
            assert ArticleEvidence(text)._where(word) == index.get(word, []), (text, word)


@pytest.mark.parametrize(
    ("article", "cue", "fast", "window"),
    [
        ("The records show that repairs cost more.", "show", True, True),
        ("The shows ran long. Repairs cost more, records show.", "show", True, True),
        ("Attribute that to Sam Altman. We will buy DeepSeek.", "attribute", False, False),
        # The model's word is no cue here, another token of the window is: `_cue` finds it.
        ("The city sent a letter: repairs cost more.", "sent", False, True),
    ],
)
def test_claimed_cue_word_as_the_window_scores_it(
    article: str, cue: str, fast: bool, window: bool
) -> None:
    span = (0, len(article))
    claimed = frozenset({cue})
    assert ArticleEvidence(article)._claimed_word_cue(*span, (), 0, claimed) is fast
    assert (ArticleEvidence(article)._cue(*span, (), 0, claimed) is not None) is window
    found = ArticleEvidence(article)._find_cue(*span, (), 0, claimed)
    assert (found is not None) is window


def test_words_standing_once_are_all_the_occurrences(monkeypatch: pytest.MonkeyPatch) -> None:
    # `choose_occurrence` skips its search when the words stand nowhere else: the search
    # would have found fewer than two occurrences then.
    searched: list[str] = []
    search = _occurrence._occurrences

    def record(article: str, text: str) -> list[tuple[int, int]]:
        searched.append(text)
        return []

    monkeypatch.setattr(_occurrence, "_occurrences", record)
    skipped = 0
    for article in _texts()[:800]:
        evidence = ArticleEvidence(article)
        for m in re.finditer(r"\w[\w'’]*(?: \w+)?", article):
            found = Grounded(m.start(), m.end(), m.group(), "exact", 1.0)
            searched.clear()
            chosen = _occurrence.choose_occurrence(
                article, evidence, found, speaker=None, mention=None, cue=None, taken=set()
            )
            if not searched:
                skipped += 1
                assert chosen is found and len(search(article, m.group())) < 2, article
    assert skipped > 100


def test_a_check_repeated_is_the_check_kept() -> None:
    article = 'Repairs cost more. "We will pay," Ana Ruiz said. The city sent a letter.'
    evidence = ArticleEvidence(article)
    start = article.index("We will")
    end = start + len("We will pay")

    def check(evidence: ArticleEvidence) -> Support:
        return evidence.check(start, end, speaker="Ana Ruiz", mention="Ana Ruiz", cue="said")

    first = check(evidence)
    assert first.reported and first.speaker
    assert check(evidence) is first
    assert check(ArticleEvidence(article)) == first


def test_occurrences_are_the_first_in_article_order_whatever_the_hash_seed() -> None:
    # Both capitalisations were collected in a set's order up to a shared bound: with one
    # form frequent, which occurrences came back depended on PYTHONHASHSEED.
    from summarizer._llm._occurrence import MAX_OCCURRENCES, _occurrences

    article = "The rise. " * 10 + "the rise. " * (3 * MAX_OCCURRENCES)
    found = _occurrences(article, "the rise")
    assert len(found) == MAX_OCCURRENCES
    assert found[:2] == [(0, 8), (10, 18)]
    assert found == sorted(found)
    assert all(article[a:b].lower() == "the rise" for a, b in found)


_MARKS = frozenset({":", "-", "―"})


def _plain_cue(
    evidence: ArticleEvidence,
    start: int,
    end: int,
    skip: tuple[tuple[int, int], ...],
    depth: int,
    claimed: frozenset[str],
) -> tuple[bool, tuple[int, int] | None]:
    """What `_cue` decides, computed plainly: the whole article tokenized, every token of the
    range in `_cue`'s order (the model's cue words first unless it named a mark) scored one
    by one from its features strings."""
    tokens = tokenize(evidence.article)
    features = Features(tokens, [evidence.depth_at(t.start) > 0 for t in tokens])
    lexicon = load_lexicon()
    order = [i for i, t in enumerate(tokens) if start <= t.start < end]
    if not claimed & _MARKS:
        order = [i for i in order if tokens[i].norm in claimed] + [
            i for i in order if tokens[i].norm not in claimed
        ]
    for i in order:
        token = tokens[i]
        if not (token.is_word or token.norm in _MARKS):
            continue
        if any(a <= token.start < b for a, b in skip) or evidence.depth_at(token.start) > depth:
            continue
        p = lexicon.probability(features(i))
        label = evidence._label(tokens, i) if token.norm in claimed else None
        if p >= lexicon.threshold or (
            token.norm in claimed and (p >= CLAIMED_CUE_MIN or label is not None)
        ):
            return True, label
    return False, None


def _articles() -> list[str]:
    cases = Path(__file__).resolve().parents[1] / "evals" / "cases"
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(cases.glob("*.json"))
    ]
    example = Path(__file__).resolve().parents[1] / "examples" / "article.txt"
    return [example.read_text(encoding="utf-8"), *texts]


def test_cue_found_stretch_by_stretch_is_the_plain_one() -> None:
    # `_cue` tokenizes and scores a range a stretch at a time in article order, the model's
    # cue words first when the range has them, batches of probabilities together: what it
    # decides (a cue or none, and a punctuation cue's label) is the plain computation's.
    rng = random.Random(11)
    compared = found = 0
    for article in _articles():
        words = [t.norm for t in tokenize(article) if t.is_word]
        evidence = ArticleEvidence(article)  # shared, as by an analysis: its caches fill up
        for _ in range(60):
            start = rng.randrange(len(article))
            end = min(len(article), start + rng.choice([5, 40, 120, 400, 1500]))
            claimed = frozenset(
                rng.choice([(), (":",), ("-",), ("said",), ("show",), (rng.choice(words),)])
            )
            skip = ((start, start + rng.randrange(1, 60)),) if rng.random() < 0.5 else ()
            depth = rng.choice([0, 0, 1])
            got = evidence._cue(start, end, skip, depth, claimed)
            expected = _plain_cue(evidence, start, end, skip, depth, claimed)
            assert (got is not None, got.label if got else None) == expected, (start, end)
            compared += 1
            found += expected[0]
    assert compared > 1000 and 200 < found < compared - 200


def test_a_cue_near_a_long_range_start_leaves_the_rest_untokenized(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A headline's "Mayor Ortiz:" settles the look for a punctuation cue: the long
    # paragraph after it is not tokenized for the cue model.
    article = 'Mayor Ortiz: "We Cannot Wait"\n\n' + "The council met and voted again. " * 60
    tokenized = tokenized_lengths(monkeypatch, article)
    found = ArticleEvidence(article)._cue(0, len(article), (), 0, frozenset({":"}))
    assert found is not None and found.label == (0, article.index(":"))
    assert sum(tokenized) < 300 < len(article)
