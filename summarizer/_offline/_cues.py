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
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

from ._doc import Token, tokenize, word_fields

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
        self.tokens = tokens
        self.quoted = quoted

    # Built on first use: `CueLexicon.probabilities` reads the tokens and `quoted` only.

    @cached_property
    def norms(self) -> list[str]:
        """Each token's normal form, with two padding marks at either end."""
        return ["<s>", "<s>", *(t.norm for t in self.tokens), "</s>", "</s>"]

    @cached_property
    def shapes(self) -> list[str]:
        """Each token's capitalisation shape ("Xx", "XX", "d", "x")."""
        return [_shape(t.text) for t in self.tokens]

    @cached_property
    def words(self) -> list[bool]:
        """Whether each token is a word (not punctuation)."""
        return [t.is_word for t in self.tokens]

    @cached_property
    def _quoted_before(self) -> list[int]:
        # quoted_before[j] = number of quoted tokens among the first j.
        return list(accumulate(map(int, self.quoted), initial=0))

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
    def _arrays(self) -> _Arrays:
        return _Arrays(self.weights)

    def probabilities(self, f: Features, indices: Sequence[int]) -> list[float]:
        """`probability(f(i))` for every token `i` of `indices`, the same floats.

        Scoring token by token looked up some sixteen weights per word in Python; here
        each kind of feature is looked up for every token at once in numpy arrays, and the
        weights are added in `Features.__call__`'s order, one kind at a time (float
        addition is not associative: another order could move a probability across the
        threshold; elementwise float64 addition rounds as Python's does, and a feature a
        token lacks adds 0.0, which changes no sum). The logistic itself stays `math.exp`,
        whose last bit numpy's vectorised exp does not promise.
        """
        if len(indices) < _ARRAYS_FROM:
            # A few tokens (the LLM engine's checks score one or two at a time): numpy's
            # fixed cost per call, some 50 µs, is more than scoring them one by one.
            return [self.probability(f(i)) for i in indices]
        import numpy as np  # here, not at import: the LLM engine and the CLI never need it

        a = self._arrays
        tokens = f.tokens
        n = len(tokens)
        # What a token contributes by its text alone: one cached row per text, joined.
        rows = np.frombuffer(a.rows(list(map(_TEXT, tokens)))).reshape(-1, 5)
        word_id = rows[:, 0].astype(np.intp)
        shape = rows[:, 3].astype(np.intp)
        is_word = rows[:, 4] != 0.0
        ids = np.concatenate((a.pads[:2], word_id, a.pads[2:]))
        q = np.zeros(n + 1, np.intp)
        np.cumsum(np.array(f.quoted, np.intp), out=q[1:])

        # Every bigram of the padded article looked up once, for the four pair kinds.
        bigram = ids[:-1] * a.size + ids[1:]
        keys = a.pair_keys
        at = np.minimum(np.searchsorted(keys, bigram), len(keys) - 1)
        pairs = np.where((keys[at] == bigram)[:, None], a.pair_weights[at], 0.0)
        # Neighbour shapes, per token of the article (0.0 where the feature is absent).
        ps2 = np.zeros(n)
        ps2[2:] = a.ps2[shape[:-2] * len(_SHAPE_IDS) + shape[1:-1]]
        ps = np.zeros(n)
        ps[1:] = np.where(is_word[:-1], a.ps[shape[:-1]], 0.0)
        ns = np.zeros(n)
        ns[:-1] = np.where(is_word[1:], a.ns[shape[1:]], 0.0)

        i = np.array(indices, np.intp)
        z = a.bias + a.w[ids[i + 2]]
        z += a.p[ids[i + 1]]
        z += a.n[ids[i + 3]]
        z += pairs[i + 1, 0]  # previous word + word
        z += pairs[i + 2, 1]  # word + next word
        z += pairs[i, 2]  # the two previous words
        z += pairs[i + 3, 3]  # the two next words
        z += a.s[shape[i]]
        z += rows[i, 1]  # suffix
        z += rows[i, 2]  # stem
        z += ps2[i]
        z += ps[i]
        z += ns[i]
        z += np.where(q[i] != q[np.maximum(i - 4, 0)], a.qb, 0.0)
        z += np.where(q[np.minimum(n, i + 5)] != q[i + 1], a.qa, 0.0)
        exp = math.exp
        return [0.0 if v < -30 else 1.0 / (1.0 + exp(-v)) for v in z.tolist()]


_ROW = struct.Struct("=5d")

_ARRAYS_FROM = 12
"""How many tokens `CueLexicon.probabilities` scores with numpy at once, at least: one
token costs 52 µs so against 2.8 µs one by one, eight of a 90-token stretch 66 µs against
39 µs (best of 5 × 2,000 calls); a whole article's hundreds gain from numpy."""

_ROWS_KEPT = 16384

_TEXT = itemgetter(2)  # Token.text, read without a Python-level call per token

_SHAPE_IDS = {"Xx": 0, "XX": 1, "d": 2, "x": 3}
"""`_shape`'s values, as indices into the shape weight arrays."""

_PAIR_KINDS = ("pw", "wn", "pp", "nn")
"""The features of two neighbouring words, in the columns of `_Arrays.pair_weights`."""


class _Arrays:
    """The cue model's weights by feature kind, as arrays indexed by word and shape ids.

    Word id 0 stands for every word the model has no weight for; the pair of words
    (first, second) is looked up by `first * size + second` in the sorted `pair_keys`.
    """

    def __init__(self, weights: dict[str, float]) -> None:
        """Split `weights` ("kind=word", "kind=first second") into arrays by kind."""
        import numpy as np

        single: dict[str, dict[str, float]] = {k: {} for k in _SINGLE_KINDS}
        pairs: dict[str, dict[tuple[str, str], float]] = {k: {} for k in _PAIR_KINDS}
        for feature, weight in weights.items():
            kind, sep, rest = feature.partition("=")
            if not sep:
                continue  # "b", "qb", "qa": read by name below
            if kind in pairs:
                # Normal forms hold no space (a token is a word or one mark).
                first, _, second = rest.partition(" ")
                pairs[kind][first, second] = weight
            elif kind in single:
                single[kind][rest] = weight
            else:
                raise ValueError(f"cue model feature of unknown kind: {feature!r}")
        words: dict[str, None] = dict.fromkeys(("<s>", "</s>"))
        for kind in ("w", "p", "n"):
            words.update(dict.fromkeys(single[kind]))
        for table in pairs.values():
            for first, second in table:
                words[first] = words[second] = None
        self.vocab = vocab = {word: k for k, word in enumerate(words, start=1)}
        self.size = size = len(vocab) + 1
        self.pads = np.array([vocab["<s>"]] * 2 + [vocab["</s>"]] * 2, np.intp)

        def by_word(table: dict[str, float]) -> NDArray[np.float64]:
            out = np.zeros(size)
            for word, weight in table.items():
                out[vocab[word]] = weight
            return out

        def by_shape(table: dict[str, float]) -> NDArray[np.float64]:
            return np.array([table.get(shape, 0.0) for shape in _SHAPE_IDS], np.float64)

        self.bias = 0 + weights.get("b", 0.0)  # `sum` starts at 0
        self.w, self.p, self.n = by_word(single["w"]), by_word(single["p"]), by_word(single["n"])
        self.suf, self.st = single["suf"], single["st"]
        keyed: dict[int, list[float]] = {}
        for column, kind in enumerate(_PAIR_KINDS):
            for (first, second), weight in pairs[kind].items():
                keyed.setdefault(vocab[first] * size + vocab[second], [0.0] * 4)[column] = weight
        if not keyed:
            keyed[-1] = [0.0] * 4  # so that a search always has a key to land on
        order = sorted(keyed)
        self.pair_keys = np.array(order, np.int64)
        self.pair_weights = np.array([keyed[k] for k in order], np.float64).reshape(-1, 4)
        self.s = by_shape(single["s"])
        self.ps = by_shape(single["ps"])
        self.ns = by_shape(single["ns"])
        self.ps2 = np.array(
            [single["ps2"].get(a + b, 0.0) for a in _SHAPE_IDS for b in _SHAPE_IDS], np.float64
        )
        self.qb = weights.get("qb", 0.0)
        self.qa = weights.get("qa", 0.0)
        self._rows: dict[str, bytes] = {}

    def rows(self, texts: Sequence[str]) -> bytes:
        """The rows (`_row`) of `texts`, joined: each computed once and kept.

        A plain dict, not `lru_cache`: an article reads some 1,000 rows, and the cache's
        bookkeeping on every hit cost more than the look-up (0.55 against 0.3 µs each, in
        an analysis that has evicted them from the processor's caches). Bounded by
        starting afresh when full, since a batch meets millions of distinct words: about
        4 MiB, and enough for the distinct words of PolNeAR dev (9,881) to stay.
        """
        kept = self._rows
        found = list(map(kept.get, texts))
        if None in found:
            if len(kept) + len(texts) > _ROWS_KEPT:
                kept.clear()
            # Filled from what this call computes, never read back from `kept`: another
            # thread may clear it in between.
            for k, row in enumerate(found):
                if row is None:
                    row = kept.get(texts[k])
                    if row is None:
                        row = kept[texts[k]] = self._row(texts[k])
                    found[k] = row
        return b"".join(found)  # type: ignore[arg-type]

    def _row(self, text: str) -> bytes:
        """A token text's word id, suffix and stem weights, shape id and is-word flag, as
        five packed doubles (an article's rows are joined into one array without a
        Python-level step per value). Normal form and flag as `tokenize` gives them."""
        _, norm, is_word = word_fields(text)
        long = len(norm) > 4
        return _ROW.pack(
            self.vocab.get(norm, 0),
            self.suf.get(norm[-3:], 0.0) if long else 0.0,
            self.st.get(_stem(norm), 0.0) if long else 0.0,
            _SHAPE_IDS[_shape(text)],
            is_word,
        )


_SINGLE_KINDS = ("w", "p", "n", "suf", "st", "s", "ps2", "ps", "ns")


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
