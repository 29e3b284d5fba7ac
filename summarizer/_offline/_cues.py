"""Reporting cues: which words of an article introduce an attribution ("said", "according
to", "told", "believes", ":" in "Speaker: statement").

A hand-written verb list reaches about 40 % of PolNeAR's cues, so the cue detector is a
small logistic model over each token and its neighbours, learned from PolNeAR's train split
by `tools/build_cue_lexicon.py` and shipped as `summarizer/data/cues.json` (feature weights
and word counts, no text). Context decides what a word list cannot: "support" is a cue in
"voters who support him" but not in "his support fell", "said" is one unless inside a
quotation.

The cue model also carries, per word, how often it sits inside a source phrase next to a
cue and how often it is the first word past one; `_attribution` walks source phrases with
those counts. Both the build script and the detector compute features with `Features`, so
training and use cannot drift apart.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

from ._doc import Token, tokenize

__all__ = [
    "CUE_THRESHOLD",
    "CueLexicon",
    "Features",
    "Token",
    "load_lexicon",
    "token_features",
    "tokenize",
]

CUE_THRESHOLD = 0.5
"""Default probability above which a token counts as part of a cue (the lexicon may override)."""


def _shape(text: str) -> str:
    if text[0].isupper():
        return "Xx" if not text.isupper() or len(text) == 1 else "XX"
    if text[0].isdigit():
        return "d"
    return "x"


@lru_cache(maxsize=8192)  # bounded, as `_doc._norm`: a batch meets millions of words
def _stem(word: str) -> str:
    """A crude stem, so that "insists", "insisted" and "insisting" share evidence."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class Features:
    """Per-token features of one article for the cue model (computed once per article).

    `quoted[j]` tells whether token `j` lies inside a quotation; a cue next to a
    quotation's edge ("…,” said X") reads differently from one in running text.
    """

    def __init__(self, tokens: Sequence[Token], quoted: Sequence[bool]) -> None:
        self.norms = ["<s>", "<s>", *(t.norm for t in tokens), "</s>", "</s>"]
        self.shapes = [_shape(t.text) for t in tokens]
        self.words = [t.is_word for t in tokens]
        # quoted_before[j] = number of quoted tokens among the first j.
        counts = [0]
        for flag in quoted:
            counts.append(counts[-1] + flag)
        self._quoted_before = counts

    def __call__(self, i: int) -> list[str]:
        """The features of token `i`: its word, neighbours, shape and nearby quotation marks.

        `CueLexicon.probabilities` reads the same features in the same order without
        building their strings: a change here is made there too (tests/test_cues.py checks
        that both give the same probabilities).
        """
        norms = self.norms
        p2, p1, w, n1, n2 = norms[i : i + 5]
        feats = [
            "b",
            "w=" + w,
            "p=" + p1,
            "n=" + n1,
            "pw=" + p1 + " " + w,
            "wn=" + w + " " + n1,
            "pp=" + p2 + " " + p1,
            "nn=" + n1 + " " + n2,
            "s=" + self.shapes[i],
        ]
        if len(w) > 4:
            feats.append("suf=" + w[-3:])
            feats.append("st=" + _stem(w))
        if i > 1:
            feats.append("ps2=" + self.shapes[i - 2] + self.shapes[i - 1])
        n = len(self.shapes)
        if i > 0 and self.words[i - 1]:
            feats.append("ps=" + self.shapes[i - 1])
        if i + 1 < n and self.words[i + 1]:
            feats.append("ns=" + self.shapes[i + 1])
        q = self._quoted_before
        if q[i] - q[max(0, i - 4)]:
            feats.append("qb")
        if q[min(n, i + 5)] - q[i + 1]:
            feats.append("qa")
        return feats


def token_features(tokens: Sequence[Token], i: int, quoted: Sequence[bool]) -> list[str]:
    """The features of token `i` (see `Features`; build one of those for a whole article)."""
    return Features(tokens, quoted)(i)


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
        z = sum(map(self.weights.get, feats, repeat(0.0)))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @cached_property
    def _tables(self) -> _Tables:
        return _Tables.of(self.weights)

    def probabilities(self, f: Features, indices: Sequence[int]) -> list[float]:
        """`probability(f(i))` for every token `i` of `indices`, the same floats.

        Scoring every word of an article built some fifteen feature strings per word only
        to look them up; here each feature is looked up by the words it is made of, and
        the weights are added in `Features.__call__`'s order (float addition is not
        associative: another order could move a probability across the threshold).
        """
        t = self._tables
        bias, words_w, prev_w, next_w, suffix_w, stem_w = (t.bias, t.w, t.p, t.n, t.suf, t.st)
        pw, wn, pp, nn = t.pw, t.wn, t.pp, t.nn
        shape_w, ps2_w, ps_w, ns_w, qb, qa = t.s, t.ps2, t.ps, t.ns, t.qb, t.qa
        none: dict[str, float] = {}
        norms, shapes, is_word, q = f.norms, f.shapes, f.words, f._quoted_before
        n = len(shapes)
        exp = math.exp
        out: list[float] = []
        for i in indices:
            p2, p1, w, n1, n2 = norms[i : i + 5]
            z = bias + words_w.get(w, 0.0)
            z += prev_w.get(p1, 0.0)
            z += next_w.get(n1, 0.0)
            z += pw.get(p1, none).get(w, 0.0)
            z += wn.get(w, none).get(n1, 0.0)
            z += pp.get(p2, none).get(p1, 0.0)
            z += nn.get(n1, none).get(n2, 0.0)
            z += shape_w.get(shapes[i], 0.0)
            if len(w) > 4:
                z += suffix_w.get(w[-3:], 0.0)
                z += stem_w.get(_stem(w), 0.0)
            if i > 1:
                z += ps2_w.get(shapes[i - 2] + shapes[i - 1], 0.0)
            if i > 0 and is_word[i - 1]:
                z += ps_w.get(shapes[i - 1], 0.0)
            if i + 1 < n and is_word[i + 1]:
                z += ns_w.get(shapes[i + 1], 0.0)
            if q[i] - q[max(0, i - 4)]:
                z += qb
            if q[min(n, i + 5)] - q[i + 1]:
                z += qa
            out.append(0.0 if z < -30 else 1.0 / (1.0 + exp(-z)))
        return out


@dataclass(frozen=True, slots=True)
class _Tables:
    """The cue model's weights by feature kind, keyed by the words a feature is made of."""

    bias: float
    w: dict[str, float]
    p: dict[str, float]
    n: dict[str, float]
    suf: dict[str, float]
    st: dict[str, float]
    pw: dict[str, dict[str, float]]
    wn: dict[str, dict[str, float]]
    pp: dict[str, dict[str, float]]
    nn: dict[str, dict[str, float]]
    s: dict[str, float]
    ps2: dict[str, float]
    ps: dict[str, float]
    ns: dict[str, float]
    qb: float
    qa: float

    @classmethod
    def of(cls, weights: dict[str, float]) -> _Tables:
        """Split `weights` ("kind=word", "kind=first second") into tables by kind."""
        single: dict[str, dict[str, float]] = {k: {} for k in _SINGLE_KINDS}
        pairs: dict[str, dict[str, dict[str, float]]] = {k: {} for k in _PAIR_KINDS}
        for feature, weight in weights.items():
            kind, sep, rest = feature.partition("=")
            if not sep:
                continue  # "b", "qb", "qa": read by name below
            if kind in pairs:
                # Normal forms hold no space (a token is a word or one mark).
                first, _, second = rest.partition(" ")
                pairs[kind].setdefault(first, {})[second] = weight
            elif kind in single:
                single[kind][rest] = weight
            else:
                raise ValueError(f"cue model feature of unknown kind: {feature!r}")
        return cls(
            bias=0 + weights.get("b", 0.0),  # `sum` starts at 0
            w=single["w"],
            p=single["p"],
            n=single["n"],
            suf=single["suf"],
            st=single["st"],
            pw=pairs["pw"],
            wn=pairs["wn"],
            pp=pairs["pp"],
            nn=pairs["nn"],
            s=single["s"],
            ps2=single["ps2"],
            ps=single["ps"],
            ns=single["ns"],
            qb=weights.get("qb", 0.0),
            qa=weights.get("qa", 0.0),
        )


_SINGLE_KINDS = ("w", "p", "n", "suf", "st", "s", "ps2", "ps", "ns")
_PAIR_KINDS = ("pw", "wn", "pp", "nn")


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
