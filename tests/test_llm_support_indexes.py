"""The support checks' article indexes: each fast path gives what the plain one gives
(`summarizer._llm._support.ArticleEvidence`: word list, word positions, the model's cue
words scored around each occurrence)."""

from __future__ import annotations

import random
import re

import pytest

from summarizer._grounding import Grounded
from summarizer._llm import _occurrence
from summarizer._llm._support import ArticleEvidence, Support

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
