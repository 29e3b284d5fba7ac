"""Two reporting frames the cue model scores low but a reader never misreads.

The support check (`_support`) takes reported speech as someone's when a reporting cue
stands in its sentence. The cue model learned its cues from PolNeAR train, and two frames
of news English escape it where their words are rare there:

- **a finding**: a poll, survey, study, report or estimate as the source of what it found,
  introduced by a preposition ("In this poll, Trump rose 1 point", "Trump did fare well in
  online and snap polls", "300,000 acres have been damaged, by one estimate"). "According
  to the poll" is a cue the model knows; "in the poll" says the same;
- **a trailing attribution**: the statement, a comma, the source and a reporting verb
  ending the sentence ("Secrecy is not a stranger …, the candidate's former doctor
  maintains."), the verb a form of a reporting verb (`REPORTING_VERBS`).

Each is a frame of the article's own words: a model's claim cannot make one up, so an
article that does not report the words this way still reports nothing (narration stays
narration). Both were found reading the PolNeAR dev attributions the check refused, which
two labelling passes sorted into reported speech and the actions, intentions, attitudes and
nominal phrases the check refuses by design (`evals/polnear-speech/`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from .._offline._cues import Token

__all__ = [
    "FINDING_PREPOSITIONS",
    "REPORTING_VERBS",
    "finding_at",
    "reporting_verb",
    "trailing_cue",
]

FINDING_PREPOSITIONS: Final = frozenset({"in", "of", "by", "from", "per"})
"""The prepositions that introduce a finding's source ("in this poll", "by one estimate")."""

DOCUMENT_NOUNS: Final = frozenset(
    "poll polls polling survey surveys study studies report reports estimate estimates "
    "analysis analyses census data figures statistics tally count forecast forecasts "
    "projection projections audit audits assessment assessments findings research "
    "account accounts calculation calculations review reviews ranking rankings".split()
)
"""Words naming what states findings: the head of a finding's source. Narrower than the
offline lexicon's `document_nouns`, which holds bills, deals, laws and letters too: "in the
deal" or "in the bill" introduces no finding."""

FINDING_REACH: Final = 10
"""Tokens after the preposition within which the source's noun must stand ("In the previous
Washington Post/ABC News national poll" has it ninth)."""

TRAILING_WORDS: Final = 10
"""At most this many tokens of source between a trailing attribution's comma and its verb
("the Democratic presidential candidate's former doctor" is six)."""

REPORTING_VERBS: Final = frozenset(
    "say tell state maintain insist argue contend claim assert add note explain write "
    "report warn concede acknowledge admit recall predict suggest observe remark reply "
    "respond answer ask announce declare confirm deny estimate conclude complain counter "
    "caution allege testify stress emphasize emphasise tweet post yell shout scream "
    "believe think reckon".split()
)
"""The verbs of a trailing attribution: English verbs that report speech, writing or a
stated view (a closed class; PolNeAR train's counts are no guide for the rare ones: it
marks "smile" 3 times in 8 and "maintain" 15 in 43, and never saw "maintains")."""

_BREAKS: Final = frozenset({",", ";", ":", ".", "!", "?", '"', "(", ")"})
"""Tokens that end a finding's source phrase."""

_ENDS: Final = frozenset({".", "!", "?"})


def finding_at(tokens: Sequence[Token], i: int, source: frozenset[str]) -> bool:
    """Whether token `i` is a preposition introducing a finding whose source names one of
    `source`'s words (case-folded): a document noun of `source` follows it within
    `FINDING_REACH` tokens, before any punctuation that ends the phrase."""
    if tokens[i].norm not in FINDING_PREPOSITIONS:
        return False
    for token in tokens[i + 1 : i + 1 + FINDING_REACH]:
        if token.norm in _BREAKS:
            return False
        if token.norm in DOCUMENT_NOUNS and token.norm in source:
            return True
    return False


def trailing_cue(
    tokens: Sequence[Token],
    after: int,
    claimed: frozenset[str],
    stands_for: Callable[[int, int], bool],
) -> bool:
    """Whether the tokens from `after` (the first past the quote) are a trailing
    attribution: closing marks, a comma, at most `TRAILING_WORDS` tokens of source in which
    `stands_for(start, end)` finds the claimed speaker, then a verb of `claimed` that is a
    reporting verb (`reporting_verb`), then the sentence's end."""
    k = after
    while k < len(tokens) and tokens[k].norm == '"':
        k += 1
    if k >= len(tokens) or tokens[k].norm != ",":
        return False
    first = k + 1
    for v in range(first + 1, min(len(tokens), first + TRAILING_WORDS + 1)):
        token = tokens[v]
        if token.norm in _ENDS or token.norm == ",":
            return False
        ends = v + 1 == len(tokens) or tokens[v + 1].norm in _ENDS
        if ends and token.is_word and token.norm in claimed and reporting_verb(token.norm):
            return stands_for(tokens[first].start, token.start)
    return False


def reporting_verb(word: str) -> bool:
    """Whether `word` is a form of one of `REPORTING_VERBS` ("maintains", "insisted")."""
    return word in _FORMS


def _forms(verb: str) -> set[str]:
    """The regular forms of `verb`: "maintain", "maintains", "maintained", "maintaining";
    "deny", "denies", "denied"; "note", "noted", "noting"; "admit", "admitted"."""
    forms = {verb}
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    else:
        forms.add(verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"))
        forms.add(verb + ("d" if verb.endswith("e") else "ed"))
    forms.add((verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing")
    if len(verb) > 3 and verb[-1] in "tnpgmr" and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "admitted"
    return forms


_VOWELS: Final = frozenset("aeiou")
_FORMS: Final = frozenset(
    {form for verb in REPORTING_VERBS for form in _forms(verb)}
    | set(
        "said told wrote written thought saying telling".split()  # irregular
    )
)
