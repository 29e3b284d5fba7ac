"""Reporting cues: which words of an article introduce an attribution ("said", "according
to", "told", "believes", ":" in "Speaker: statement").

A hand-written verb list reaches about 40 % of PolNeAR's cues, so the cue detector is a
small logistic model over each token and its neighbours, learned from PolNeAR's train split
by `tools/build_cue_lexicon.py` and shipped as `summarizer/data/cues.json` (feature weights
and word counts, no text). Context decides what a word list cannot: "support" is a cue in
"voters who support him" but not in "his support fell", "said" is one unless inside a
quotation.

Both the build script and the detector call `token_features`, so training and use cannot
drift apart.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "CUE_THRESHOLD",
    "CueLexicon",
    "Token",
    "load_lexicon",
    "token_features",
    "tokenize",
]

CUE_THRESHOLD = 0.5
"""Default probability above which a token counts as part of a cue (the lexicon may override)."""

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_QUOTE_CHARS = frozenset("\"'“”‘’„«»‟‛")
_DASH_CHARS = frozenset("-–—")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets and lower-cased, normalised form."""

    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        """True for letters/digits, False for punctuation."""
        return self.text[0].isalnum() or self.text[0] == "_"


def _norm(text: str) -> str:
    if text in _QUOTE_CHARS:
        return '"'
    if text in _DASH_CHARS:
        return "-"
    return text.lower().replace("’", "'")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words (inner hyphens and apostrophes kept) and single punctuation marks, with offsets."""
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), _norm(m.group()))
        for m in _TOKEN_RE.finditer(text, start, end)
    ]


def _shape(text: str) -> str:
    if text[0].isupper():
        return "Xx" if not text.isupper() or len(text) == 1 else "XX"
    if text[0].isdigit():
        return "d"
    return "x"


def token_features(tokens: Sequence[Token], i: int, quoted: Sequence[bool]) -> list[str]:
    """The features of token `i`: its word, neighbours, shape and nearby quotation marks.

    `quoted[j]` tells whether token `j` lies inside a quotation; a cue next to a
    quotation's edge ("…,” said X") reads differently from one in running text.
    """
    n = len(tokens)
    w = tokens[i].norm
    p1 = tokens[i - 1].norm if i > 0 else "<s>"
    p2 = tokens[i - 2].norm if i > 1 else "<s>"
    n1 = tokens[i + 1].norm if i + 1 < n else "</s>"
    n2 = tokens[i + 2].norm if i + 2 < n else "</s>"
    feats = [
        "b",
        "w=" + w,
        "p=" + p1,
        "n=" + n1,
        "pw=" + p1 + " " + w,
        "wn=" + w + " " + n1,
        "pp=" + p2 + " " + p1,
        "nn=" + n1 + " " + n2,
        "s=" + _shape(tokens[i].text),
    ]
    if len(w) > 4:
        feats.append("suf=" + w[-3:])
    if i > 0 and tokens[i - 1].is_word:
        feats.append("ps=" + _shape(tokens[i - 1].text))
    if i + 1 < n and tokens[i + 1].is_word:
        feats.append("ns=" + _shape(tokens[i + 1].text))
    before = any(quoted[j] for j in range(max(0, i - 4), i))
    after = any(quoted[j] for j in range(i + 1, min(n, i + 5)))
    if before:
        feats.append("qb")
    if after:
        feats.append("qa")
    return feats


@dataclass(frozen=True)
class CueLexicon:
    """The learned cue model: feature weights, a bias and the decision threshold."""

    weights: dict[str, float]
    threshold: float
    counts: dict[str, tuple[int, int]]
    """word → (times part of a cue in train, occurrences in train), for reference."""
    np_left: dict[str, tuple[int, int]]
    """word → (inside a source, first word past it) walking left from a cue."""
    np_right: dict[str, tuple[int, int]]
    """word → (inside a source, first word past it) walking right from a cue."""

    def probability(self, feats: Sequence[str]) -> float:
        """P(token is part of a cue) under the logistic model."""
        get = self.weights.get
        z = sum(get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def _from_json(data: dict[str, Any]) -> CueLexicon:
    def pairs(key: str) -> dict[str, tuple[int, int]]:
        return {w: (int(c[0]), int(c[1])) for w, c in data.get(key, {}).items()}

    return CueLexicon(
        weights={k: float(v) for k, v in data["weights"].items()},
        threshold=float(data.get("threshold", CUE_THRESHOLD)),
        counts=pairs("counts"),
        np_left=pairs("np_left"),
        np_right=pairs("np_right"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The cue model shipped in `summarizer/data/cues.json` (read once, then cached)."""
    raw = resources.files("summarizer").joinpath("data/cues.json").read_text(encoding="utf-8")
    return _from_json(json.loads(raw))
