"""Attribution patterns: from quotation marks and cues to (content, cue, source) triples.

Two passes over the article, both on tokens with offsets:

1. Quotations. A top-level quotation takes the attribution beside it: after its closing
   mark ("…,” said X." / "…,” X said.") or before its opening mark when the quotation ends
   the sentence ("X said: “…”"). A quotation split by its attribution ("…,” she said,
   “…”) is one quote with two parts, and a paragraph that is nothing but a quotation with no
   cue of its own continues the quote of the paragraph before (PolNeAR annotates both ways,
   and so do newspapers' readers).
2. Reported speech. Every other cue outside quotations is read with the structure of an
   English reporting clause: "According to X, CONTENT" / "CONTENT, according to X",
   post-posed "CONTENT, X said." / "CONTENT, said X.", "X said (that) CONTENT",
   "X told Y (that) CONTENT", a headline "Speaker: statement", and a clause ending in ":"
   whose content is the next paragraph. Content that carries a quotation is `mixed`.

The source is the noun phrase beside the cue. Its edges come from statistics learned with
the cue model (which words PolNeAR's train split puts inside a source and which first
outside it); pronouns and relative pronouns ("he", "who") stand alone, as annotated.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .._models import QuoteType
from .._text import paragraphs, sentences
from ._cues import CueLexicon, Token, load_lexicon, token_features, tokenize
from ._quotes import QuotedSpan, find_quotations

__all__ = ["ADJACENT_CUE_THRESHOLD", "Attribution", "find_attributions"]

ADJACENT_CUE_THRESHOLD = 0.12
"""Cue probability enough for a word right after a quotation's closing mark ("…,” he
quipped"): the position itself is strong evidence of attribution."""

# Words that sit between a source and its cue ("he has also said", "Trump on Tuesday said").
_SKIP_BETWEEN = frozenset(
    """has have had 've 's 'd will would could should can may might must shall is are was
    were be been being did does do not n't never also later then once again still always
    already even just often first now too since ever soon reportedly repeatedly recently
    previously publicly privately yesterday today tonight earlier initially subsequently
    further frequently""".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_TEMPORAL_HEADS = frozenset("on last this earlier late early".split())
_PRONOUNS = frozenset("he she they we i you it who which that one".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you reporters".split())
_ADDRESSEE_CUES = frozenset(
    "told tell tells telling asked ask asks asking assured informed reminded warned "
    "briefed urged".split()
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col maj capt sgt st jr sr prof rev sens reps pres "
    "u.s u.k d r i".split()
)
# Words that open a clause before its subject, and those that open a fronted phrase whose
# comma the subject follows.
_CLAUSE_OPENERS = frozenset("but and yet so still however also meanwhile instead".split())
_FRONTED = frozenset(
    """in on at after before during while when as since although though if because
    following speaking asked despite with for by over under from unlike like amid in
    earlier later last this""".split()
)
# A cue right after these continues a clause whose subject stands further left
# ("… and said", "…, saying").
_COORDINATORS = frozenset("and but or while then before after by , — – -".split())
_LEADING_JUNK = frozenset("and or but of in for to at on by from with as so yet".split())
_CONTENT_OPENERS = frozenset(["that", ",", ":", "-", '"'])
_SENTENCE_END = frozenset(".!?")
_MARK_CHARS = frozenset("\"'“”‘’„«»")
_MAX_NP = 14


@dataclass(slots=True)
class Attribution:
    """Content parts, cue and source of one attributed statement (offsets into the text)."""

    parts: list[tuple[int, int]]
    kind: QuoteType
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None


class _Article:
    """Tokens, quotations, sentences and cue probabilities of one article."""

    def __init__(self, text: str, lexicon: CueLexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.tokens: list[Token] = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.quotes: list[QuotedSpan] = [q for q in find_quotations(text) if q.depth == 0]
        n = len(self.tokens)
        self.quote_of = [-1] * n
        self.open_tok: list[int] = []
        self.close_tok: list[int] = []
        for qi, q in enumerate(self.quotes):
            for s, e in q.parts:
                for k in range(bisect_left(self.starts, s), bisect_left(self.starts, e)):
                    self.quote_of[k] = qi
            self.open_tok.append(bisect_left(self.starts, q.open))
            close = q.close if q.close is not None else q.end
            self.close_tok.append(bisect_left(self.starts, close))
        self.quoted = [qi >= 0 for qi in self.quote_of]
        self._sentences()
        self._paragraphs()
        self.prob = [0.0] * n
        for i, tok in enumerate(self.tokens):
            if self.quoted[i] or not (tok.is_word or tok.text == ":"):
                continue
            self.prob[i] = lexicon.probability(token_features(self.tokens, i, self.quoted))

    # -- segmentation ---------------------------------------------------------------------

    def _sentences(self) -> None:
        """Sentence token ranges; a break inside a quotation or before a lower-case word
        ("…!” he said") is not a sentence break."""
        bounds: list[int] = []
        for seg in sentences(self.text):
            k = bisect_left(self.starts, seg.start)
            if bounds and k < len(self.tokens):
                tok = self.tokens[k]
                if self.quoted[k] and k > 0 and self.quote_of[k] == self.quote_of[k - 1]:
                    continue
                if tok.text[0].islower() and self._same_paragraph(bounds[-1], k):
                    continue
            bounds.append(k)
        self.sent_start = bounds or [0]

    def _same_paragraph(self, a: int, b: int) -> bool:
        if a >= len(self.tokens) or b >= len(self.tokens):
            return False
        return "\n" not in self.text[self.tokens[a].start : self.tokens[b].start]

    def _paragraphs(self) -> None:
        self.para_start = [bisect_left(self.starts, p.start) for p in paragraphs(self.text)]
        if not self.para_start:
            self.para_start = [0]

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the (quotation-aware) sentence holding token `i`."""
        k = bisect_right(self.sent_start, i) - 1
        lo = self.sent_start[max(k, 0)]
        hi = self.sent_start[k + 1] if k + 1 < len(self.sent_start) else len(self.tokens)
        p_lo, p_hi = self.paragraph(i)
        return max(lo, p_lo), min(hi, p_hi)

    def paragraph(self, i: int) -> tuple[int, int]:
        """Token range of the paragraph holding token `i`."""
        k = bisect_right(self.para_start, i) - 1
        lo = self.para_start[max(k, 0)]
        hi = self.para_start[k + 1] if k + 1 < len(self.para_start) else len(self.tokens)
        return lo, hi

    def para_index(self, i: int) -> int:
        """Index of the paragraph holding token `i`."""
        return bisect_right(self.para_start, i) - 1

    # -- spans ----------------------------------------------------------------------------

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span of tokens `[lo, hi)`."""
        return self.tokens[lo].start, self.tokens[hi - 1].end

    def content(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Character span of tokens `[lo, hi)` without edge punctuation, or None if empty."""
        while lo < hi and not self.tokens[lo].is_word and self.tokens[lo].text not in "“‘\"'(":
            lo += 1
        while hi > lo and not self.tokens[hi - 1].is_word and self.tokens[hi - 1].text in ",;:-–—":
            hi -= 1
        while hi > lo and self.tokens[hi - 1].text in _SENTENCE_END | {"…"}:
            hi -= 1
        if not any(self.tokens[k].is_word for k in range(lo, hi)):
            return None
        return self.span(lo, hi)

    def kind(self, parts: list[tuple[int, int]]) -> QuoteType:
        """`direct` when every word of the parts is quoted, `mixed` when some are."""
        quoted = unquoted = 0
        for s, e in parts:
            for k in range(bisect_left(self.starts, s), bisect_left(self.starts, e)):
                if not self.tokens[k].is_word:
                    continue
                if self.quoted[k]:
                    quoted += 1
                else:
                    unquoted += 1
        if quoted and not unquoted:
            return "direct"
        return "mixed" if quoted else "indirect"

    # -- cues -----------------------------------------------------------------------------

    def cue_group(self, i: int, threshold: float, lo: int, hi: int) -> tuple[int, int]:
        """The run of cue tokens around token `i` within `[lo, hi)`."""
        a = i
        while a - 1 >= lo and self.prob[a - 1] >= threshold:
            a -= 1
        b = i + 1
        while b < hi and self.prob[b] >= threshold:
            b += 1
        return a, b

    def first_cue(self, lo: int, hi: int, threshold: float) -> int | None:
        """The first token in `[lo, hi)` whose cue probability reaches `threshold`."""
        for k in range(lo, hi):
            if self.prob[k] >= threshold and self.tokens[k].is_word:
                return k
        return None

    # -- noun phrases ---------------------------------------------------------------------

    def _np_in(self, table: dict[str, tuple[int, int]], tok: Token) -> bool:
        counts = table.get(tok.norm)
        if counts is not None and counts[0] + counts[1] >= 3:
            return counts[0] >= counts[1]
        return tok.text[0].isupper() or tok.text[0].isdigit()

    def skippable(self, k: int) -> bool:
        """True for a word that may stand between a source and its cue ("has", "also")."""
        tok = self.tokens[k]
        norm = tok.norm
        if norm in _SKIP_BETWEEN or norm in _WEEKDAYS:
            return True
        return norm.endswith("ly") and tok.text[0].islower() and len(norm) > 4

    def left_np(self, cue: int, floor: int) -> tuple[int, int] | None:
        """Token range of the source noun phrase ending just before token `cue`."""
        k = cue - 1
        while k >= floor and self.skippable(k):
            if self.tokens[k].norm in _WEEKDAYS and k - 1 >= floor:
                if self.tokens[k - 1].norm in _TEMPORAL_HEADS:
                    k -= 1
            k -= 1
        if k < floor:
            return None
        tok = self.tokens[k]
        if tok.norm in _PRONOUNS:
            return k, k + 1
        if tok.text == ",":
            return self._apposition(k, floor)
        if tok.norm in _COORDINATORS:
            return None
        return self._walk_left(k, floor)

    def source_before(self, cue: int, s_lo: int) -> tuple[int, int] | None:
        """The source of a pre-posed cue: the phrase before it, else the clause subject."""
        np = self.left_np(cue, s_lo)
        if np is not None:
            return np
        k = cue - 1
        while k >= s_lo and self.skippable(k):
            k -= 1
        if k >= s_lo and self.tokens[k].norm in _COORDINATORS:
            return self.subject(s_lo, k)
        return None

    def _walk_left(self, k: int, floor: int) -> tuple[int, int] | None:
        end = k + 1
        table = self.lexicon.np_left
        while k >= floor and end - k <= _MAX_NP:
            tok = self.tokens[k]
            if tok.text == "." and k - 1 >= floor and self.tokens[k - 1].norm in _ABBREVIATIONS:
                k -= 2
                continue
            if tok.text == ")":
                opening = self._find_back(k, "(", floor, 8)
                if opening is None:
                    break
                k = opening - 1
                continue
            if tok.text in "-&" and k - 1 >= floor and self.tokens[k - 1].is_word:
                k -= 1
                continue
            if not tok.is_word or self.quoted[k] or not self._np_in(table, tok):
                break
            k -= 1
        start = k + 1
        while start < end and (
            self.tokens[start].norm in _LEADING_JUNK or not self.tokens[start].is_word
        ):
            start += 1
        if start >= end:
            return None
        return start, end

    def _find_back(self, k: int, char: str, floor: int, limit: int) -> int | None:
        for j in range(k - 1, max(floor, k - limit) - 1, -1):
            if self.tokens[j].text == char:
                return j
        return None

    def _apposition(self, comma: int, floor: int) -> tuple[int, int] | None:
        """"Ban Ki-moon, the secretary general, said": the name and its apposition."""
        opening = self._find_back(comma, ",", floor, 16)
        if opening is None or opening + 1 >= comma or opening - 1 < floor:
            return None
        head = self._walk_left(opening - 1, floor)
        if head is None or head[1] - head[0] > 8:
            return None
        return head[0], comma

    def subject(self, s_lo: int, cue: int) -> tuple[int, int] | None:
        """The subject of the clause a cue belongs to ("He condemned the deal, saying …")."""
        k = s_lo
        while k < cue and (self.tokens[k].norm in _CLAUSE_OPENERS or not self.tokens[k].is_word):
            k += 1
        if k < cue and self.tokens[k].norm in _FRONTED:
            # "In an interview Tuesday, Smith said …": the subject follows the comma.
            comma = next((j for j in range(k, cue) if self.tokens[j].text == ","), None)
            if comma is None:
                return None
            k = comma + 1
        if k >= cue:
            return None
        np = self.right_np(k, cue)
        if np is None or np[1] >= cue:
            return None
        if self.tokens[np[0]].norm in ("that", "which", "one"):
            return None
        return np

    def right_np(self, k: int, ceiling: int) -> tuple[int, int] | None:
        """Token range of the source noun phrase starting at token `k` ("said Jane Doe")."""
        if k >= ceiling:
            return None
        tok = self.tokens[k]
        if tok.norm in _PRONOUNS and tok.norm not in ("that", "which", "who"):
            return k, k + 1
        table = self.lexicon.np_right
        start = k
        while k < ceiling and k - start < _MAX_NP:
            tok = self.tokens[k]
            if tok.text == "." and k > start and self.tokens[k - 1].norm in _ABBREVIATIONS:
                k += 1
                continue
            if tok.text in "-&" and k > start and k + 1 < ceiling and self.tokens[k + 1].is_word:
                k += 1
                continue
            if not tok.is_word or self.quoted[k] or not self._np_in(table, tok):
                break
            k += 1
        end = k
        while end > start and self.tokens[end - 1].norm in _LEADING_JUNK:
            end -= 1
        if end <= start:
            return None
        return start, end


def find_attributions(text: str, lexicon: CueLexicon | None = None) -> list[Attribution]:
    """Every attribution in `text`, in article order of content."""
    art = _Article(text, lexicon or load_lexicon())
    used_cues: set[int] = set()
    found = _quotation_pass(art, used_cues)
    found.extend(_reported_speech_pass(art, used_cues, found))
    _continue_quotes(art, found)
    found.sort(key=lambda a: (a.parts[0][0], a.parts[-1][1]))
    out: list[Attribution] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for attr in found:
        key = tuple(attr.parts)
        if key in seen:
            continue
        seen.add(key)
        out.append(attr)
    return out


# -- pass 1: quotations ---------------------------------------------------------------------


def _quotation_pass(art: _Article, used_cues: set[int]) -> list[Attribution]:
    found: list[Attribution] = []
    absorbed: set[int] = set()
    for qi in range(len(art.quotes)):
        if qi in absorbed:
            continue
        o_tok, c_tok = art.open_tok[qi], art.close_tok[qi]
        if o_tok >= len(art.tokens):
            continue
        s_lo, s_hi = art.sentence(o_tok)
        pre_words = [k for k in range(s_lo, o_tok) if art.tokens[k].is_word]
        attr = None
        if not pre_words:
            attr = _after_quote(art, qi, c_tok, s_hi, used_cues)
        elif _ends_sentence(art, qi, c_tok, s_hi):
            attr = _before_quote(art, qi, s_lo, o_tok, used_cues)
        if attr is not None:
            _absorb_split(art, qi, attr, absorbed)
            found.append(attr)
    return found


def _attr_end(attr: Attribution) -> int:
    end = attr.parts[-1][1]
    if attr.cue is not None:
        end = max(end, attr.cue[1])
    if attr.source is not None:
        end = max(end, attr.source[1])
    return end


def _continue_quotes(art: _Article, found: list[Attribution]) -> None:
    """A quoted sentence with no attribution of its own continues the attribution just
    before it: in the next sentence of the same paragraph, or opening the next paragraph
    when that attribution closed its own (the multi-paragraph convention)."""
    claimed: set[int] = set()
    for attr in found:
        for s, _ in attr.parts:
            k = bisect_left(art.starts, s)
            if k < len(art.tokens) and art.quote_of[k] >= 0:
                claimed.add(art.quote_of[k])
    for qi, q in enumerate(art.quotes):
        if qi in claimed:
            continue
        o_tok, c_tok = art.open_tok[qi], art.close_tok[qi]
        if o_tok >= len(art.tokens):
            continue
        s_lo, s_hi = art.sentence(o_tok)
        if any(art.tokens[k].is_word for k in range(s_lo, o_tok)):
            continue
        if not _ends_sentence(art, qi, c_tok, s_hi):
            continue
        before = [a for a in found if _attr_end(a) <= q.open]
        if not before:
            continue
        best = max(before, key=_attr_end)
        end_tok = bisect_left(art.starts, _attr_end(best)) - 1
        _, end_sent_hi = art.sentence(end_tok)
        if art.para_index(end_tok) == art.para_index(o_tok):
            ok = end_sent_hi == s_lo
        else:
            ok = (
                art.para_index(o_tok) == art.para_index(end_tok) + 1
                and o_tok == art.paragraph(o_tok)[0]
                and end_sent_hi == art.paragraph(end_tok)[1]
            )
        if not ok:
            continue
        best.parts.extend(_clean_parts(art, q.parts))
        if best.kind == "indirect":
            best.kind = "mixed"
        claimed.add(qi)


def _ends_sentence(art: _Article, qi: int, c_tok: int, s_hi: int) -> bool:
    """True when nothing but punctuation follows the quotation in its sentence."""
    for k in range(c_tok + 1, s_hi):
        tok = art.tokens[k]
        if tok.is_word or (art.quote_of[k] >= 0 and art.quote_of[k] != qi):
            return False
    return True


def _after_quote(
    art: _Article, qi: int, c_tok: int, s_hi: int, used_cues: set[int]
) -> Attribution | None:
    """"…,” said X." / "…,” X said.": the attribution right after the closing mark."""
    q = art.quotes[qi]
    limit = min(s_hi, c_tok + 9)
    for k in range(c_tok + 1, limit):
        if art.quote_of[k] >= 0:
            limit = k
            break
    cue = art.first_cue(c_tok + 1, limit, ADJACENT_CUE_THRESHOLD)
    if cue is None:
        return None
    a, b = art.cue_group(cue, ADJACENT_CUE_THRESHOLD, c_tok + 1, s_hi)
    source = None
    between = [k for k in range(c_tok + 1, a) if art.tokens[k].is_word]
    if between:
        np = art.left_np(a, c_tok + 1)
        if np is None or np[0] > between[0] + 1:
            return None  # words before the cue that are no source: not an attribution
        source = np
    else:
        source = art.right_np(b, s_hi)
    used_cues.update(range(a, b))
    return Attribution(
        parts=_clean_parts(art, q.parts),
        kind="direct",
        cue=art.span(a, b),
        source=art.span(*source) if source else None,
    )


def _before_quote(
    art: _Article, qi: int, s_lo: int, o_tok: int, used_cues: set[int]
) -> Attribution | None:
    """"X said: “…”" / "X told reporters, “…”": a cue just before the opening mark."""
    q = art.quotes[qi]
    k = o_tok - 1
    while k >= s_lo and art.tokens[k].norm in _CONTENT_OPENERS:
        k -= 1
    lo = max(s_lo, k - 4)
    cue = None
    for j in range(k, lo - 1, -1):
        if art.prob[j] >= art.lexicon.threshold and art.tokens[j].is_word:
            cue = j
            break
    if cue is None:
        return None
    a, b = art.cue_group(cue, art.lexicon.threshold, s_lo, o_tok)
    # Between cue and quotation only an addressee may stand ("told reporters").
    gap = [j for j in range(b, o_tok) if art.tokens[j].is_word]
    if gap and (art.tokens[a].norm not in _ADDRESSEE_CUES and len(gap) > 2):
        return None
    np = art.source_before(a, s_lo)
    used_cues.update(range(a, b))
    return Attribution(
        parts=_clean_parts(art, q.parts),
        kind="direct",
        cue=art.span(a, b),
        source=art.span(*np) if np else None,
    )


def _absorb_split(art: _Article, qi: int, attr: Attribution, absorbed: set[int]) -> None:
    """"…,” she said, “…”": the next quotation of the paragraph joins this quote when only
    the attribution stands between them and it has no attribution of its own."""
    nxt = qi + 1
    if nxt >= len(art.quotes):
        return
    o_tok = art.open_tok[nxt]
    if art.para_index(o_tok) != art.para_index(art.close_tok[qi] - 1):
        return
    end = attr.cue[1] if attr.cue else art.quotes[qi].outer_end
    if attr.source:
        end = max(end, attr.source[1])
    gap = [
        k for k in range(art.close_tok[qi] + 1, o_tok)
        if art.tokens[k].is_word and art.tokens[k].start >= end
    ]
    if gap:
        return
    c_tok = art.close_tok[nxt]
    _, s_hi = art.sentence(o_tok)
    if art.first_cue(c_tok + 1, min(s_hi, c_tok + 6), ADJACENT_CUE_THRESHOLD) is not None:
        return
    attr.parts.extend(_clean_parts(art, art.quotes[nxt].parts))
    absorbed.add(nxt)


def _clean_parts(art: _Article, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotation parts without the comma or colon the attribution adds at their end."""
    out = []
    for s, e in parts:
        while e > s and art.text[e - 1] in ",;:–—- ":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# -- pass 2: reported speech ----------------------------------------------------------------


def _reported_speech_pass(
    art: _Article, used_cues: set[int], done: list[Attribution]
) -> list[Attribution]:
    found: list[Attribution] = []
    threshold = art.lexicon.threshold
    n = len(art.tokens)
    i = 0
    while i < n:
        if art.prob[i] < threshold or i in used_cues:
            i += 1
            continue
        s_lo, s_hi = art.sentence(i)
        a, b = art.cue_group(i, threshold, s_lo, s_hi)
        i = b
        if any(k in used_cues for k in range(a, b)):
            continue
        if not any(art.tokens[k].is_word or art.tokens[k].text == ":" for k in range(a, b)):
            continue
        attr = _reported(art, a, b, s_lo, s_hi)
        if attr is not None:
            found.append(attr)
    return found


def _reported(art: _Article, a: int, b: int, s_lo: int, s_hi: int) -> Attribution | None:
    toks = art.tokens
    cue_span = art.span(a, b)
    norms = [toks[k].norm for k in range(a, b)]
    if norms == [":"]:
        return _colon(art, a, s_lo)
    if "according" in norms:
        return _according(art, a, b, s_lo, s_hi, cue_span)
    participle = toks[a].norm.endswith("ing")
    # Post-posed: "CONTENT, X said." / "CONTENT,” X said." / "CONTENT, said X."
    np = art.left_np(a, s_lo)
    if np is not None and np[0] - 1 > s_lo and _ends_content(art, np[0] - 1) and _short_tail(
        art, a, b, s_hi
    ):
        content = art.content(s_lo, np[0])
        if content:
            return _make(art, [content], cue_span, art.span(*np))
    if not participle and a - 1 > s_lo and _ends_content(art, a - 1):
        rnp = art.right_np(b, s_hi)
        if rnp is not None and (rnp[1] >= s_hi or not toks[rnp[1]].is_word):
            content = art.content(s_lo, a)
            if content:
                return _make(art, [content], cue_span, art.span(*rnp))
    # Pre-posed: "X said (that) CONTENT", "X told Y (that) CONTENT".
    if np is None:
        np = art.source_before(a, s_lo)
    start = _content_start(art, a, b, s_hi)
    content = art.content(start, _content_end(art, start, s_hi)) if start < s_hi else None
    if content is None:
        nxt = _next_paragraph_content(art, b, s_hi)
        if nxt is None:
            return None
        parts, kind = nxt
        return Attribution(parts, kind, cue_span, art.span(*np) if np else None)
    return _make(art, [content], cue_span, art.span(*np) if np else None)


def _ends_content(art: _Article, k: int) -> bool:
    """True when token `k` can close the content of a post-posed attribution."""
    text = art.tokens[k].text
    if text in ",—–-":
        return True
    # "…,” X said": the quotation's comma sits inside the closing mark.
    j = k
    while j >= 0 and art.tokens[j].text in _MARK_CHARS:
        j -= 1
    return j < k and j >= 0 and art.quote_of[j] >= 0


def _content_end(art: _Article, start: int, s_hi: int) -> int:
    """Where the content of a pre-posed cue stops: the sentence end, or a coordinated
    clause with a cue of its own ("…, but also argued …"), which is another attribution."""
    threshold = art.lexicon.threshold
    toks = art.tokens
    for k in range(start + 1, s_hi):
        if toks[k].norm not in ("and", "but") or toks[k - 1].text != ",":
            continue
        j = k + 1
        while j < s_hi and art.skippable(j):
            j += 1
        if j < s_hi and art.prob[j] >= threshold:
            return k - 1
    return s_hi


def _make(
    art: _Article,
    parts: list[tuple[int, int]],
    cue: tuple[int, int] | None,
    source: tuple[int, int] | None,
) -> Attribution:
    return Attribution(parts, art.kind(parts), cue, source)


def _short_tail(art: _Article, a: int, b: int, s_hi: int) -> bool:
    """After a post-posed cue ends the clause: nothing, an adjunct ("on Tuesday", "in a
    statement"), an addressee ("told reporters") or a new clause after a comma."""
    toks = art.tokens
    k = b
    if k >= s_hi or not toks[k].is_word:
        return True
    if toks[a].norm in _ADDRESSEE_CUES:
        obj = art.right_np(k, s_hi) if toks[k].norm not in _OBJECT_PRONOUNS else (k, k + 1)
        if obj is not None:
            k = obj[1]
            if k >= s_hi or not toks[k].is_word:
                return True
    if toks[k].norm not in _ADJUNCT_STARTS:
        return False
    words = 0
    while k < s_hi and toks[k].is_word:
        words += 1
        k += 1
    return words <= 7 and (k >= s_hi or toks[k].text in ".,;:—–-!?(")


def _content_start(art: _Article, a: int, b: int, s_hi: int) -> int:
    """First token of the content after a pre-posed cue (past "that", an addressee, ":")."""
    toks = art.tokens
    k = b
    if toks[a].norm in _ADDRESSEE_CUES and k < s_hi:
        if toks[k].norm in _OBJECT_PRONOUNS:
            k += 1
        else:
            obj = art.right_np(k, s_hi)
            if obj is not None and toks[obj[0]].text[0].isupper():
                k = obj[1]
    # "said in a statement on Tuesday that …": skip a short adjunct before "that".
    for j in range(k, min(s_hi, k + 8)):
        if toks[j].norm == "that" and j > k and toks[k].norm in _ADJUNCT_STARTS:
            k = j
            break
        if not toks[j].is_word:
            break
    while k < s_hi and toks[k].norm in _CONTENT_OPENERS:
        k += 1
    return k


_ADJUNCT_STARTS = frozenset(
    "in on at during to with after before last earlier this yesterday today tonight "
    "monday tuesday wednesday thursday friday saturday sunday repeatedly of about "
    "from via through when while as afterward later recently".split()
)


def _next_paragraph_content(
    art: _Article, b: int, s_hi: int
) -> tuple[list[tuple[int, int]], QuoteType] | None:
    """"X said:" closing a paragraph: the next paragraph is the content."""
    last = s_hi - 1
    while last >= b and art.tokens[last].text in "\"”’'":
        last -= 1
    if last < 0 or art.tokens[last].text != ":" or any(
        art.tokens[k].is_word for k in range(b, s_hi)
    ):
        return None
    _, p_hi = art.paragraph(b)
    if p_hi >= len(art.tokens):
        return None
    n_lo, n_hi = art.paragraph(p_hi)
    qi = art.quote_of[n_lo + 1] if n_lo + 1 < n_hi else -1
    if art.tokens[n_lo].text in "\"“‘'" and qi >= 0:
        return _clean_parts(art, art.quotes[qi].parts), "direct"
    content = art.content(n_lo, n_hi)
    if content is None:
        return None
    return [content], art.kind([content])


def _colon(art: _Article, a: int, s_lo: int) -> Attribution | None:
    """"Speaker: statement" (headlines, transcripts): a short name before the colon."""
    p_lo, p_hi = art.paragraph(a)
    if a - p_lo < 1 or a - p_lo > 6:
        return None
    if not art.tokens[p_lo].text[0].isupper():
        return None
    content = art.content(a + 1, p_hi)
    if content is None:
        return None
    return _make(art, [content], art.span(a, a + 1), art.span(p_lo, a))


def _according(
    art: _Article, a: int, b: int, s_lo: int, s_hi: int, cue_span: tuple[int, int]
) -> Attribution | None:
    """"According to X, CONTENT" / "CONTENT, according to X"."""
    k = b
    if k < s_hi and art.tokens[k].norm == "to":
        k += 1
    np = art.right_np(k, s_hi)
    source = art.span(*np) if np else None
    before = art.content(s_lo, a)
    if before is not None:
        return _make(art, [before], cue_span, source)
    after_lo = np[1] if np else k
    while after_lo < s_hi and art.tokens[after_lo].text != ",":
        after_lo += 1
    content = art.content(after_lo + 1, s_hi) if after_lo < s_hi else None
    if content is None:
        return None
    return _make(art, [content], cue_span, source)
