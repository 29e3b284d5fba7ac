"""Tone: whether a quote's words evaluate, and which way, when no targeted stance rule fires.

Most positions in news are implicit ("He is not only a racist, but a danger to the free
world"): no attitude verb, no verdict on a named subject. `tone` reads them with VADER
(vaderSentiment 3.3, MIT: a lexicon of ~7,500 scored words with rules for negation,
intensifiers and "but" clauses), after taking out of its lexicon the words that in news
name a topic, an event or an outcome, or the speaker's own feeling, rather than judge a
target ("security", "attack", "won", "collapse", "regret";
`summarizer/data/stance_tone.json`). Without that, a report of a shooting reads as
opposition to whoever it names.

The caller (`summarizer._stance`) decides whether a tone becomes a stance: it needs a
target, and cues of documents and data ("according to", "the poll showed") keep theirs
neutral.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
    BOOSTER_DICT,
    SentimentIntensityAnalyzer,
    SentiText,
)

from ._models import StanceLabel

__all__ = ["Tone", "ToneSettings", "tone", "tone_settings"]

_SETTINGS_FILE = "stance_tone.json"
_WORD = re.compile(r"[\w][\w'’-]*")
# VADER reads a text as one sentence and its negation and idiom checks rescan every word for
# each word: time grows with the square of the length. A text longer than this many words
# (longer than all but one of PolNeAR train's 22,465 gold quotes, whose 99.9th percentile is
# 157 words) is scored window by window.
MAX_TONE_WORDS = 400


@dataclass(frozen=True, slots=True)
class ToneSettings:
    """What `tone` and its caller read from `stance_tone.json`."""

    against_below: float
    favor_above: float
    news_neutral: frozenset[str]
    against_cues: tuple[str, ...]
    reporting_cues: frozenset[str]


@dataclass(frozen=True, slots=True)
class Tone:
    """An evaluative reading of a text: its side and the word that weighs most for it."""

    label: StanceLabel
    score: float
    evidence: str


@cache
def tone_settings() -> ToneSettings:
    """The tone settings, read from package data once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("summarizer").joinpath("data", _SETTINGS_FILE).read_text("utf-8")
    )
    return ToneSettings(
        against_below=float(raw["against_below"]),
        favor_above=float(raw["favor_above"]),
        news_neutral=frozenset(raw["news_neutral"]),
        against_cues=tuple(raw["against_cues"]),
        reporting_cues=frozenset(raw["reporting_cues"]),
    )


@cache
def _analyzer() -> Any:
    # VADER reads its lexicon from its own package files: nothing is downloaded.
    analyzer = SentimentIntensityAnalyzer()
    for word in tone_settings().news_neutral:
        analyzer.lexicon.pop(word, None)
    return analyzer


def _compound(analyzer: Any, text: str) -> float:
    """VADER's compound score of `text`; past `MAX_TONE_WORDS` words, the mean of its
    consecutive windows' scores, so that the time stays linear in the length."""
    words = text.split()
    if len(words) <= MAX_TONE_WORDS:
        return _polarity(analyzer, text)
    windows = [
        " ".join(words[i : i + MAX_TONE_WORDS]) for i in range(0, len(words), MAX_TONE_WORDS)
    ]
    return sum(_polarity(analyzer, w) for w in windows) / len(windows)


def _polarity(analyzer: Any, text: str) -> float:
    """`analyzer.polarity_scores(text)["compound"]`, the same float.

    `polarity_scores` first copies the text character by character to spell out its
    emoji, a fifth of its time on a quote; a text with no emoji comes out of that copy
    as it went in (stripped), so for one the rest of `polarity_scores` (vaderSentiment
    3.3.2, MIT) runs here directly. tests/test_stance_tone_vader.py checks both agree.
    """
    if not analyzer.emojis.keys().isdisjoint(text):
        return float(analyzer.polarity_scores(text)["compound"])
    text = text.strip()
    sentitext = SentiText(text)
    sentiments: list[float] = []
    words_and_emoticons = sentitext.words_and_emoticons
    for i, item in enumerate(words_and_emoticons):
        valence = 0
        if item.lower() in BOOSTER_DICT:
            sentiments.append(valence)
            continue
        if (
            i < len(words_and_emoticons) - 1
            and item.lower() == "kind"
            and words_and_emoticons[i + 1].lower() == "of"
        ):
            sentiments.append(valence)
            continue
        sentiments = analyzer.sentiment_valence(valence, sentitext, item, i, sentiments)
    sentiments = analyzer._but_check(words_and_emoticons, sentiments)
    return float(analyzer.score_valence(sentiments, text)["compound"])


def tone(text: str) -> Tone | None:
    """The side `text`'s evaluative words take (VADER's compound score past the thresholds of
    `stance_tone.json`), or None when they take none."""
    settings = tone_settings()
    analyzer = _analyzer()
    lexicon: dict[str, float] = analyzer.lexicon
    # VADER scores nothing without a lexicon word (its rules only weigh those): most factual
    # quotes stop here, at the cost of a dictionary look-up per word.
    if not any(
        w.lower() in lexicon or w.strip(string.punctuation).lower() in lexicon for w in text.split()
    ):
        return None
    score = _compound(analyzer, text)
    label: StanceLabel
    if score < settings.against_below:
        label = "against"
    elif score > settings.favor_above:
        label = "favor"
    else:
        return None
    sign = 1.0 if label == "favor" else -1.0
    best: tuple[float, str] | None = None
    for m in _WORD.finditer(text):
        valence = lexicon.get(m.group().lower().replace("’", "'"))
        if (
            valence is not None
            and valence * sign > 0
            and (best is None or valence * sign > best[0])
        ):
            best = (valence * sign, m.group())
    # The compound can lean one way through punctuation or an idiom alone: the evidence is
    # then the whole text.
    return Tone(label=label, score=score, evidence=best[1] if best else text)
