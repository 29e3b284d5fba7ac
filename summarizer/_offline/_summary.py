"""Extractive summary for the offline engine: headline, 2–5 sentences and key points.

Everything returned is cut from the article: whole sentences for `text`, contiguous spans
for `headline` and `key_points`. Sentences are ranked by lead position, lexical
centrality (summed TF-IDF cosine to the rest of the article) and similarity to a title
line when the article has one; boilerplate, datelines, subheadings and quote fragments
cut off from their attribution are kept out, because an extract that drops the speaker
turns someone's words into the article's claim.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .._exceptions import EmptyArticle
from .._models import Quote, Summary
from .._text import FUNCTION_WORDS, Segment
from ._doc import Doc, as_doc

__all__ = ["summarize", "support_check"]

MIN_SENTENCES = 2
MAX_SENTENCES = 5
HEADLINE_MAX_WORDS = 40
TITLE_MAX_WORDS = 20
KEY_POINT_MAX_WORDS = 25
MIN_SENTENCE_WORDS = 6

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_WS = re.compile(r"\s+")

# "may" is a modal here far more often than the month; counts and years are not content.
_STOPWORDS = FUNCTION_WORDS | {"may", "one", "two", "new", "year", "years", "time", "local"}

# Whole sentences that are site furniture, not reporting.
_BOILERPLATE = re.compile(
    r"click here|all rights reserved|©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}"
    r"|subscribe (?:to (?:our|the)|now|today|for)|sign up (?:for|to) (?:our|the) newsletter"
    r"|newsletter sign-?up|airs on\b.{0,60}\bweekdays|follow (?:us|him|her|them) on"
    r"|read more\s*:|read the full (?:story|article)|share this (?:article|story)"
    r"|(?:additional )?reporting by|editing by|listen to this article|\b\d+\s*min(?:ute)? read"
    r"|download (?:the|our) app|this (?:article|story) (?:has been|was) (?:updated|corrected)"
    r"|originally (?:published|appeared)|contact the (?:author|reporter)|https?://|www\.",
    re.IGNORECASE,
)
_BOILERPLATE_KEYS = re.compile(
    "|".join(
        re.escape(k)
        for k in (
            "click here",
            "reserved",
            "©",
            "(c)",
            "copyright",
            "subscribe",
            "sign up",
            "newsletter",
            "airs on",
            "follow ",
            "read more",
            "read the full",
            "share this",
            "reporting by",
            "editing by",
            "listen to",
            "min read",
            "minute read",
            "download",
            "this article",
            "this story",
            "originally",
            "contact the",
            "http",
            "www.",
        )
    )
)
# Weaker signals: boilerplate only in a short sentence ("Photo: Getty Images").
_BOILERPLATE_SHORT = re.compile(
    r"\b(?:subscribe|newsletter|related|photo|image|video|watch|getty|sponsored|"
    r"advertisement|recommended|privacy policy|terms of use|cookies?)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", re.I)
_DATE_LINE = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first published)\b"
    r"|^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
# "WASHINGTON (AP) — ", "LONDON, March 3 (Reuters) - ": a location stamp before the news.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,30}\))?"
    r"|[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa|Xinhua|"
    r"Bloomberg|[A-Z]{2,6})\)"
    r"|\([^)]{1,30}\))\s*[—–-]{1,2}\s*"
)
# "On February 3, local time, ": a time adverbial that a headline does without.
_TIME_LEAD = re.compile(
    r"^(?:On|In|At|Last|Earlier|Late|Early|This|During|After|Before|Since|Until|By)\b"
    r"[^,]{0,40}?,\s*(?:local time,\s*)?"
)
_TIME_WORD = re.compile(
    r"\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|week|month|year|morning|afternoon|"
    r"evening|night|today|yesterday|time",
    re.IGNORECASE,
)
_DISCOURSE_LEAD = re.compile(
    r"^(?:However|Meanwhile|In other words|In particular|In addition|Moreover|Furthermore|"
    r"Still|Also|But|And|Yet|Instead|Indeed|Separately|Regarding [^,]{1,60}|"
    r"Prior to this|At the same time|On the other hand|As a result)\s*,\s*"
)
# Sentences that lean on the one before ("He said …", "This means …") read badly alone.
_ANAPHORIC_START = re.compile(
    r"^(?:He|She|It|They|This|These|That|Those|His|Her|Its|Their|But|And|Also|Such)\b"
)
_TITLE_ABBREV = re.compile(
    r"(?<![\w.])(?:St|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Cmdr|Prof|Rev|Hon|"
    r"Pres|Supt|Gov|Atty|Mt|Ft)\.$"
)
_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|according to|stated|added|asked|wrote|tweeted|announced|"
    r"warned|argued|insisted|explained|noted|claimed|declared)\b",
    re.IGNORECASE,
)
# Single curly marks double as apostrophes, so only double marks tell quotation state.
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"

# Where a long sentence may be cut and still read as a clause: before a semicolon or a
# dash, or before a conjunction, relative pronoun or participle that starts a new clause.
# A bare comma or "and" is not enough ("V3 and R1", "Tokyo, Japan" are not clause ends).
_SAFE_CUT = re.compile(
    r"\s*;\s|\s[—–]\s|\s--\s"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|because|which|who|whose|saying|"
    r"adding|noting|arguing|warning|as|after|before|since|so|yet|with|according|amid|"
    r"despite|even|including|following|where|when|or|if|unless|until|leaving|making|"
    r"prompting|sending|citing)\b)"
    r"|\s+(?=(?:but|while|whereas|although|because|unless)\s)"
    r"|\s+(?=and\s+(?:will|would|has|have|had|is|was|are|were|can|could|should|must|may|"
    r"might|said|says|plans|wants|he|she|they|it|we|I)\b)"
)
_WEAK_CUT = re.compile(r",\s+(?![A-Z0-9])")


@dataclass
class _Sent:
    seg: Segment
    para: int
    tokens: list[str]
    vec: dict[str, float]
    lone: bool = False  # the only sentence of its paragraph
    score: float = 0.0
    orphan: bool = False  # carries a quote whose speaker is named outside it


def _norm_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _n_words(text: str) -> int:
    # Whitespace words: close enough for length limits, and cheap on a hot path.
    return len(text.split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Just enough conflation for overlap counting ("companies"/"company", "sued"/"sue").
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _terms(text: str) -> list[str]:
    return [
        _stem(w)
        for w in _WORD.findall(text.lower())
        if w not in _STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def _is_boilerplate(text: str) -> bool:
    if len(text) > 300:
        return False  # site furniture is short; long text is reporting that may mention it
    # Literal pre-check: the full regex is slow and almost every sentence is not boilerplate.
    if _BOILERPLATE_KEYS.search(text.lower()) and _BOILERPLATE.search(text):
        return True
    return _n_words(text) <= 12 and bool(_BOILERPLATE_SHORT.search(text))


def _is_furniture(para: Segment) -> bool:
    """Bylines, date stamps and boilerplate paragraphs: never headline, never summary."""
    text = para.text
    if _is_boilerplate(text):
        return True
    short = _n_words(text) <= 12
    return short and (bool(_BYLINE.match(text)) or bool(_DATE_LINE.match(text)))


def _looks_like_title(text: str) -> bool:
    n = _n_words(text)
    if n == 0 or n > TITLE_MAX_WORDS or text.endswith((":", ",")):
        return False
    if not any(c.isalnum() for c in text):  # a separator ("* * *"), not a title
        return False
    if not text.rstrip("\"'”’»)").endswith("."):
        return True
    # "Senate Passes Budget Deal." — title case betrays a headline despite the period.
    words = [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]
    capitalised = sum(1 for w in words if w[0].isupper())
    return n <= 12 and bool(words) and capitalised / len(words) >= 0.75


def _balanced(text: str) -> bool:
    """True when `text` opens no quotation or bracket it does not close."""
    if text.count('"') % 2:
        return False
    if sum(text.count(c) for c in "“«") != sum(text.count(c) for c in "”»"):
        return False
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


_CUT_STRIP = " ,;:—–-"
_WHITESPACE_WORD = re.compile(r"\S+")


def _cut_clause(text: str, max_words: int, min_words: int = 8, *, strict: bool = False) -> str:
    """`text` if short enough, else its longest prefix ending at a clause boundary.

    With `strict`, return "" when no clause boundary fits rather than cutting elsewhere.
    """
    if _n_words(text) <= max_words:
        return text
    # Each candidate head is `text[:m.start()].rstrip(_CUT_STRIP)`; its end and word count
    # come from the previous candidate's and a bisection, and it is copied only when it
    # may be chosen: slicing and counting from the start at every candidate was quadratic
    # in a long first sentence ("… , , , …" never reaches `max_words`).
    word_starts = [m.start() for m in _WHITESPACE_WORD.finditer(text)]
    for pattern in (_SAFE_CUT, None if strict else _WEAK_CUT):
        if pattern is None:
            break
        best = ""
        last_pos = last_end = 0
        checked = -1
        for m in pattern.finditer(text):
            end = m.start()
            while end > last_pos and text[end - 1] in _CUT_STRIP:
                end -= 1
            if end == last_pos:
                end = last_end  # only strippable characters since the last candidate
            last_pos, last_end = m.start(), end
            n = bisect_left(word_starts, end)  # == _n_words(text[:end])
            if n > max_words:
                break
            if n >= min_words and end != checked:
                checked = end
                head = text[:end]
                if _balanced(head):
                    best = head
        if best:
            return best
    if strict:
        return ""
    # No usable boundary: a word boundary keeps the result a contiguous, readable prefix.
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text[: ends[max_words - 1]].rstrip(" ,;:—–-") if len(ends) > max_words else text


def _strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    if m and m.end() < len(text) and text[m.end()].isupper():
        return text[m.end() :]
    return text


def _headline_from_lead(sentence: str) -> str:
    text = _strip_dateline(sentence)
    m = _TIME_LEAD.match(text)
    if m and _TIME_WORD.search(m.group()) and m.end() < len(text) and text[m.end()].isupper():
        text = text[m.end() :]
    text = _cut_clause(text, HEADLINE_MAX_WORDS)
    # A headline carries no full stop; keep the dot of an abbreviation ("U.S.").
    if text.endswith(".") and not re.search(r"(?:\b\w\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr)\.$", text):
        text = text[:-1]
    return text.strip()


class _Marks:
    """Where the article's quotation marks are, to count them in any range by bisection
    (counting in the text itself costs the range's length, once per sentence)."""

    def __init__(self, article: str) -> None:
        self._at: dict[str, list[int]] = {
            kind: [m.start() for m in re.finditer(f"[{chars}]", article)]
            for kind, chars in (("straight", '"'), ("open", _OPEN_QUOTES), ("close", _CLOSE_QUOTES))
        }

    def count(self, kind: str, start: int, end: int) -> int:
        at = self._at[kind]
        return bisect_left(at, end) - bisect_left(at, start)


def _quote_state(marks: _Marks, seg: Segment, paras: list[Segment], para: int) -> bool:
    """True when the sentence starts inside a quotation opened earlier in its paragraph."""
    start, end = paras[para].start, seg.start
    if marks.count("straight", start, end) % 2:
        return True
    return marks.count("open", start, end) > marks.count("close", start, end)


class _QuoteSpans:
    """The quotes, sorted, to find those overlapping a sentence without looking at all."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self._quotes]
        self._longest = max((q.end - q.start for q in self._quotes), default=0)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotes with characters in `[start, end)`."""
        lo = bisect_left(self._starts, start - self._longest)  # none before can reach it
        hi = bisect_left(self._starts, end)
        return [q for q in self._quotes[lo:hi] if q.end > start]


def _orphaned(sent: Segment, quotes: _QuoteSpans) -> bool | None:
    """Whether a quote in the sentence has its attribution outside it (None: no quote)."""
    verdict: bool | None = None
    for q in quotes.overlapping(sent.start, sent.end):
        outside = _attributed_outside(q, sent)
        if outside:
            return True
        if outside is not None:
            verdict = False
    return verdict


def _attributed_outside(q: Quote, sent: Segment) -> bool | None:
    """Whether none of the quote's located mention and cue lies in `sent` (None: neither
    is located)."""
    anchors = [
        (s, e)
        for s, e in ((q.speaker.mention_start, q.speaker.mention_end), (q.cue_start, q.cue_end))
        if s is not None and e is not None
    ]
    if not anchors:
        return None
    return not any(sent.start <= s and e <= sent.end for s, e in anchors)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _vectorise(token_lists: list[list[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors, one per sentence (the sentences are the documents)."""
    n = len(token_lists)
    df: Counter[str] = Counter()
    for toks in token_lists:
        df.update(set(toks))
    idf = {t: math.log((n + 1) / (d + 1)) + 1 for t, d in df.items()}
    out: list[dict[str, float]] = []
    for toks in token_lists:
        vec = {t: (1 + math.log(c) if c > 1 else 1.0) * idf[t] for t, c in Counter(toks).items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def _centrality(vecs: list[dict[str, float]]) -> list[float]:
    """Sum of cosine similarities of each vector to all others (degree centrality)."""
    # Through term postings rather than all pairs: sum_j cos(i, j) = v_i · (sum_j v_j) - 1.
    total: defaultdict[str, float] = defaultdict(float)
    for vec in vecs:
        for t, w in vec.items():
            total[t] += w
    return [sum(w * total[t] for t, w in vec.items()) - (1.0 if vec else 0.0) for vec in vecs]


def _rank(
    article: str,
    cands: list[_Sent],
    paras: list[Segment],
    title: str | None,
    quotes: Sequence[Quote],
) -> None:
    """Give every candidate its salience score (higher is better)."""
    central = _centrality([s.vec for s in cands])
    top = max(central) or 1.0
    title_vec: dict[str, float] = {}
    if title:
        tf = Counter(_terms(title))
        norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
        title_vec = {t: v / norm for t, v in tf.items()}
    title_sims = [_cosine(s.vec, title_vec) for s in cands] if title_vec else [0.0] * len(cands)
    top_title = max(title_sims) or 1.0
    marks = _Marks(article)
    spans = _QuoteSpans(quotes)
    for i, s in enumerate(cands):
        position = 1.0 / (1.0 + 0.2 * i)
        if title_vec:
            score = 0.4 * position + 0.4 * central[i] / top + 0.2 * title_sims[i] / top_title
        else:
            score = 0.5 * position + 0.5 * central[i] / top
        text = s.seg.text
        if _ANAPHORIC_START.match(text) or _DISCOURSE_LEAD.match(text) or text[:1].islower():
            score *= 0.6
        orphan = _orphaned(s.seg, spans) if quotes else None
        if orphan is None:
            # No extracted quote here: fall back on the marks themselves.
            orphan = _quote_state(marks, s.seg, paras, s.para) or (
                text[:1] in '"“' and not _REPORTING.search(text)
            )
            attributed = not orphan and bool(_REPORTING.search(text))
        else:
            attributed = not orphan
        s.orphan = orphan
        if orphan:
            score *= 0.3
        elif attributed:
            score *= 1.15  # who said what is what news summaries are made of
        if not _balanced(text):
            score *= 0.6
        if _n_words(text) > 60:
            score *= 0.8
        s.score = score


def _candidates(split: list[list[Segment]], skip: set[int]) -> list[_Sent]:
    out: list[_Sent] = []
    for p_i, segs in enumerate(split):
        if p_i in skip:
            continue
        for seg in segs:
            out.append(_Sent(seg, p_i, _terms(seg.text), {}, lone=len(segs) == 1))
    return out


def _eligible(s: _Sent) -> bool:
    text = s.seg.text
    if _n_words(text) < MIN_SENTENCE_WORDS or _is_boilerplate(text):
        return False
    if not _TERMINAL.search(text):
        return False  # a subheading or a cut-off line
    # A lone exclamation outside quotation marks is a web subheading, not reporting.
    return not (text.endswith("!") and s.lone and not re.search(r"[\"“”]", text))


def _trim_dateline(article: str, seg: Segment) -> Segment:
    text = _strip_dateline(seg.text)
    if len(text) == len(seg.text):
        return seg
    start = seg.end - len(text)
    return Segment(start, seg.end, article[start : seg.end])


def _split(doc: Doc, paras: list[Segment]) -> list[list[Segment]]:
    """The sentences of each paragraph (the article's, split once in its `Doc`)."""
    article = doc.text
    found = doc.sentences
    starts = [s.start for s in found]
    return [
        _rejoin(article, found[bisect_left(starts, p.start) : bisect_left(starts, p.end)] or [p])
        for p in paras
    ]


def _rejoin(article: str, segs: list[Segment]) -> list[Segment]:
    """Sentences of one paragraph, rejoined where the splitter broke after a title."""
    out: list[Segment] = []
    for seg in segs:
        # "The St. | Paul City Council", "to Sen. | Ted Cruz": `_text.sentences` ends a
        # sentence after most title abbreviations; a summary must not start mid-name.
        if out and _TITLE_ABBREV.search(out[-1].text) and seg.text[:1].isupper():
            prev = out.pop()
            seg = Segment(prev.start, seg.end, article[prev.start : seg.end])
        out.append(seg)
    return out


def summarize(article: str | Doc, *, sentences: int = 3, quotes: Sequence[Quote] = ()) -> Summary:
    """An extractive headline, 2–5 sentence summary and 3–5 key points, all cut from `article`.

    `sentences` is clamped to 2..5 (fewer when the article has fewer usable sentences);
    `quotes`, when given, keep out sentences whose quote is attributed outside them.
    """
    doc = as_doc(article)
    article = doc.text
    all_paras = doc.paragraphs
    if not all_paras:
        raise EmptyArticle()
    want = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))
    # Bylines, date stamps and site furniture never make the headline or the summary.
    paras = [p for p in all_paras if not _is_furniture(p)] or all_paras
    split = _split(doc, paras)

    title: str | None = None
    lead_seg: Segment | None = None
    skip: set[int] = set()
    if len(paras) > 1 and _looks_like_title(paras[0].text):
        title = paras[0].text
        headline = title.rstrip(" ;,:—–-") or title
        skip.add(0)
    else:
        # The first sentence with a word in it ("." or "—" alone makes no headline).
        worded = (seg for segs in split for seg in segs if any(c.isalnum() for c in seg.text))
        lead_seg = next(worded, split[0][0])
        headline = _headline_from_lead(lead_seg.text)

    cands = _candidates(split, skip)
    if lead_seg is not None:
        cands = [s for s in cands if s.seg.start != lead_seg.start]
    for s in cands:
        s.seg = _trim_dateline(article, s.seg)
    for s, vec in zip(cands, _vectorise([s.tokens for s in cands]), strict=True):
        s.vec = vec
    if cands:
        _rank(article, cands, paras, title, quotes)

    pool = [s for s in cands if _eligible(s)] or [
        s for s in cands if _n_words(s.seg.text) >= 3 and any(c.isalnum() for c in s.seg.text)
    ]
    chosen = _select(pool, want)
    if chosen:
        text = " ".join(s.seg.text for s in sorted(chosen, key=lambda s: s.seg.start))
    else:
        # A one-sentence article: the lead is all there is.
        text = (lead_seg or split[0][0]).text

    points = _key_points(pool, headline, len(cands)) or [headline]
    return Summary(headline=headline, text=text, key_points=points)


def _by_score(pool: list[_Sent]) -> list[_Sent]:
    return sorted(pool, key=lambda s: (-s.score, s.seg.start))


def _select(pool: list[_Sent], want: int) -> list[_Sent]:
    """Greedy by score, skipping near-repeats of what is already chosen (MMR-style)."""
    chosen: list[_Sent] = []
    ranked = _by_score(pool)
    for s in ranked:
        if len(chosen) == want:
            break
        if not any(_cosine(s.vec, c.vec) > 0.5 for c in chosen):
            chosen.append(s)
    # Redundancy is better than a summary shorter than asked for.
    rest = [s for s in ranked if s not in chosen]
    return chosen + rest[: want - len(chosen)]


def _key_point(text: str, *, strict: bool) -> str:
    m = _DISCOURSE_LEAD.match(text)
    if m and m.end() < len(text) and (text[m.end()].isupper() or text[m.end()].isdigit()):
        text = text[m.end() :]
    return _cut_clause(text, KEY_POINT_MAX_WORDS, min_words=6, strict=strict).strip()


def _key_points(pool: list[_Sent], headline: str, n_sentences: int) -> list[str]:
    """Short spans from the most salient sentences, in article order, no near-duplicates.

    3 points for a short article, 4 for a medium one, 5 for a long one; fewer only when the
    article has fewer usable sentences.
    """
    want = 3 if n_sentences < 12 else 4 if n_sentences < 30 else 5
    # Short sentences make better points than long ones cut down.
    ranked = sorted(
        (s for s in pool if not s.orphan),
        key=lambda s: (
            -s.score * (1.0 if _n_words(s.seg.text) <= KEY_POINT_MAX_WORDS else 0.8),
            s.seg.start,
        ),
    )
    picked: dict[int, tuple[_Sent, str]] = {}
    seen = [headline.casefold()]
    # First pass: clause cuts only and no overlapping content; the second pass relaxes both
    # so a short article still gets its three points.
    for strict in (True, False):
        for s in ranked:
            if len(picked) == want:
                break
            if s.seg.start in picked:
                continue
            point = _key_point(s.seg.text, strict=strict)
            if _n_words(point) < 4:
                continue
            if strict and any(_cosine(s.vec, p.vec) > 0.35 for p, _ in picked.values()):
                continue
            low = point.casefold()
            if any(low in o or o in low or fuzz.token_set_ratio(low, o) >= 80 for o in seen):
                continue
            seen.append(low)
            picked[s.seg.start] = (s, point)
    return [picked[k][1] for k in sorted(picked)]


_SENT_BOUNDARY = re.compile(r"""[.!?…]["'”’»)\]]*\s+""")


def support_check(summary: Summary, article: str) -> list[str]:
    """Summary strings not found verbatim in `article` (whitespace-normalised); [] if none."""
    source = _norm_ws(article)
    unsupported = [
        s
        for s in (summary.headline, *summary.key_points)
        if _norm_ws(s) and _norm_ws(s) not in source
    ]
    text = _norm_ws(summary.text)
    # `text` joins article sentences with spaces, so it must split, at sentence ends only,
    # into pieces each found in the article; the longest supported piece is taken first.
    cuts = [m.end() for m in _SENT_BOUNDARY.finditer(text)] + [len(text)]
    pos = 0
    while pos < len(text):
        ends = [c for c in cuts if c > pos]
        match = next((c for c in reversed(ends) if text[pos:c].strip() in source), None)
        if match is None:
            unsupported.append(text[pos : ends[0]].strip())
            pos = ends[0]
        else:
            pos = match
    return unsupported
