"""The stance detector's look-ups made cheaper find exactly what the plain ones found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer._stance import (
    _cue_heads,
    _Doc,
    _lexicon,
    _match_cues,
    _target_matcher,
    candidate_targets,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

# Invented: aliases sharing first letters and prefixes ("Ann", "Anna", "Ann Lee"), a
# one-letter alias, symbols that need escaping, and matches that fail on a word after them.
TARGETS = ("Ann Lee", "Ann", "Anna Berg", "A", "AT&T", "C++ Guild", "the Clean Air Plan", "Lee")
TEXT = (
    "Ann Lee met Anna Berg and Anna. A plan by AT&T and the C++ Guild (Ann's) was called "
    "the Clean Air Plan; Clean Air Plans vary. Annex Lee, Leeds, Lee."
)


def _flat(aliases: dict[str, str]) -> re.Pattern[str]:
    # The alternation as it was: every alias, longest first, tried at every position.
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


@pytest.mark.parametrize(
    ("targets", "text"),
    [(TARGETS, TEXT), (tuple(candidate_targets(EXAMPLE)), EXAMPLE)],
)
def test_grouped_alternation_matches_as_the_flat_one(targets: tuple[str, ...], text: str) -> None:
    matcher = _target_matcher(targets)
    assert matcher.pattern is not None
    expected = [m.span() for m in _flat(matcher.canonical).finditer(text)]
    assert expected
    assert [m.span() for m in matcher.pattern.finditer(text)] == expected


def test_one_word_cues_are_what_is_left_when_no_second_word_follows() -> None:
    lex = _lexicon()
    for first, (seconds, singles) in _cue_heads().items():
        cues = lex.index[first]
        assert seconds == {c.tokens[1] for c in cues if len(c.tokens) > 1}
        assert singles == tuple(c for c in cues if len(c.tokens) == 1)
    # "has" opens dozens of cues: "has been a great" still matches, "has rained" gives none.
    doc = _Doc("The plan is a disaster, and he has been a great help. It has rained.", lex)
    found = [(doc.low[i], doc.low[j], c.entry) for i, j, c in _match_cues(doc, lex, set())]
    assert found == [("disaster", "disaster", "disaster"), ("has", "great", "has been a great")]


def test_role_and_measure_references_match_as_flat_alternations() -> None:
    from summarizer._stance import (
        _MEASURE_HEADS,
        _MEASURE_REFERENCE,
        _NP_FIRST,
        _NP_STOP,
        _ROLE_NOUNS,
        _ROLE_REFERENCE,
        _plural,
    )

    def flat(words: frozenset[str] | set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    modifiers = (
        rf"(?:(?!(?:{flat(_NP_STOP | _NP_FIRST | {'such', 'a', 'an'})})\s)[\w'’-]+\s+){{0,3}}"
    )

    def reference(determiners: str, heads: frozenset[str]) -> re.Pattern[str]:
        return re.compile(
            rf"(?<![\w'’])(?:{determiners})\s+{modifiers}(?P<head>{flat(heads)})(?![\w-])",
            re.IGNORECASE,
        )

    role = reference("the|this|that", _ROLE_NOUNS)
    measure = reference(
        "the|this|that|these|those|such an?|an?|his|her|their|its|our",
        frozenset(_MEASURE_HEADS | {_plural(h) for h in _MEASURE_HEADS}),
    )
    text = EXAMPLE + (
        " The Texas senator and the former president met THE NEW MAYOR. Such a ban, this"
        " cheaper plan and the budget cuts, his tax hike and their sanctions regime."
    )
    for ours, plain in ((_ROLE_REFERENCE, role), (_MEASURE_REFERENCE, measure)):
        expected = [(m.span(), m.group("head")) for m in plain.finditer(text)]
        assert len(expected) >= 3
        assert [(m.span(), m.group("head")) for m in ours.finditer(text)] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("Sparkling water was served. Officials said so.", []),
        # Capitalised inside a sentence: a name after all, at the start too.
        ("Sparkling water was served. The band Sparkling played on.", ["Sparkling"]),
        # Only inside a longer capitalised word: still a common word at the start.
        ("Sparkling water was served. The band Sparkling-Water played on.", ["Sparkling-Water"]),
        (
            "Sparkling water was served. The band SparklingX played. Sparkling wine too.",
            ["SparklingX"],
        ),
    ],
)
def test_a_sentence_opener_is_a_name_when_capitalised_inside_a_sentence(
    article: str, expected: list[str]
) -> None:
    assert candidate_targets(article) == expected
