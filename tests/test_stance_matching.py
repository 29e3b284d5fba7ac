"""The stance detector's look-ups made cheaper find exactly what the plain ones found."""

from __future__ import annotations

from summarizer._stance import (
    _cue_heads,
    _Doc,
    _lexicon,
    _match_cues,
)


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
