"""The cue model's fast scorer gives the very probabilities of its features, token by token."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer._offline import _cues as cues_module
from summarizer._offline._cues import CueLexicon, Features, load_lexicon, tokenize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

# Invented: quotations at both ends, a colon cue, symbols ("=", "&"), capitals, digits,
# curly marks and a word long enough for the suffix and stem features.
TEXTS = [
    EXAMPLE,
    '"We will appeal," said Dana Whitfield, the union\'s lawyer.',
    "Mayor Ortiz: 'We cannot wait.' Critics insisted the plan = a tax & a loss of 4,000 jobs",
    "According to the report, officials are reconsidering. “It is over,” he told reporters",
    "said",
    "",
]


def _quoted(tokens: list[object], n: int) -> list[bool]:
    # Every third token quoted, so both quotation features fire somewhere.
    return [k % 3 == 0 for k in range(n)]


def _assert_all_at_once_equals_one_by_one(lexicon: CueLexicon, text: str) -> None:
    """`probabilities` of every token (and of none) equal `probability` token by token, in
    and out of quotation marks: the same floats."""
    tokens = tokenize(text)
    for quoted in ([False] * len(tokens), _quoted(list(tokens), len(tokens))):
        features = Features(tokens, quoted)
        indices = list(range(len(tokens)))
        expected = [lexicon.probability(features(i)) for i in indices]
        assert lexicon.probabilities(features, indices) == expected
        assert lexicon.probabilities(features, []) == []


@pytest.mark.parametrize("text", TEXTS)
def test_probabilities_equal_the_features_probabilities(text: str) -> None:
    _assert_all_at_once_equals_one_by_one(load_lexicon(), text)


def test_probabilities_of_the_chosen_tokens_only() -> None:
    lexicon = load_lexicon()
    tokens = tokenize(EXAMPLE)
    features = Features(tokens, [False] * len(tokens))
    chosen = [k for k, t in enumerate(tokens) if t.norm in ("said", "told", "according")]
    assert chosen
    got = lexicon.probabilities(features, chosen)
    assert got == [lexicon.probability(features(i)) for i in chosen]
    assert max(got) >= lexicon.threshold  # a reporting verb of the example is a cue


def _lexicon(weights: dict[str, float]) -> CueLexicon:
    return CueLexicon(weights=weights, threshold=0.5, counts={}, np_left={}, np_right={})


@pytest.mark.parametrize(
    "weights",
    [
        {},  # no weight at all: every token scores the bias alone
        {"b": -0.25, "w=said": 3.0, "s=Xx": 0.5, "qb": 0.75},  # no pair weights
        {  # one weight of every kind, on words of the text and on words it lacks
            "b": -1.5,
            "w=said": 2.0,
            "w=absent": 9.0,
            "p=<s>": 0.125,
            "n=</s>": -0.5,
            'pw=" said': 1.25,
            "wn=said the": 0.375,
            "pp=plan ,": -0.0625,
            "nn=the mayor": 0.5,
            "nn=absent pair": 7.0,
            "suf=ted": 0.25,
            "st=insist": 1.5,
            "s=XX": -0.75,
            "ps2=Xxx": 0.1,
            "ps=x": 0.2,
            "ns=Xx": 0.3,
            "qb": 0.4,
            "qa": -0.6,
        },
    ],
)
def test_probabilities_of_any_weights_equal_the_features_probabilities(
    weights: dict[str, float],
) -> None:
    text = "\u201cThe plan,\u201d said the mayor. Critics insisted, and NASA agreed: 4,000 jobs"
    _assert_all_at_once_equals_one_by_one(_lexicon(weights), text)


def test_probabilities_stay_the_same_when_the_kept_rows_are_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A bound smaller than one article: each new article drops the rows kept before it.
    monkeypatch.setattr(cues_module, "_ROWS_KEPT", 3)
    lexicon = _lexicon(load_lexicon().weights)
    for text in [EXAMPLE, TEXTS[2], EXAMPLE, TEXTS[2]]:
        tokens = tokenize(text)
        features = Features(tokens, _quoted(list(tokens), len(tokens)))
        indices = list(range(len(tokens)))
        expected = [lexicon.probability(features(i)) for i in indices]
        assert lexicon.probabilities(features, indices) == expected


def test_probabilities_stay_the_same_when_another_thread_clears_the_kept_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every row computed, the rows kept are dropped, as another thread's article reaching
    # the bound would drop them between this call's filling and its reading.
    lexicon = _lexicon(load_lexicon().weights)
    arrays = lexicon._arrays
    compute = arrays._row

    def computed_then_cleared(text: str) -> bytes:
        row = compute(text)
        arrays._rows.clear()
        return row

    monkeypatch.setattr(arrays, "_row", computed_then_cleared)
    tokens = tokenize(EXAMPLE)
    features = Features(tokens, [False] * len(tokens))
    indices = list(range(len(tokens)))
    expected = [lexicon.probability(features(i)) for i in indices]
    assert lexicon.probabilities(features, indices) == expected


def test_a_few_tokens_are_scored_one_by_one_without_the_arrays() -> None:
    # The LLM engine's checks score one or two tokens at a time: numpy's fixed cost per call
    # was some twenty times the scoring itself. The same floats either way.
    lexicon = _lexicon(load_lexicon().weights)
    tokens = tokenize(EXAMPLE)
    features = Features(tokens, [False] * len(tokens))
    few = list(range(cues_module._ARRAYS_FROM - 1))
    assert lexicon.probabilities(features, few) == [lexicon.probability(features(i)) for i in few]
    assert "_arrays" not in vars(lexicon)  # never built
    many = list(range(cues_module._ARRAYS_FROM))
    assert lexicon.probabilities(features, many) == [lexicon.probability(features(i)) for i in many]
    assert "_arrays" in vars(lexicon)
