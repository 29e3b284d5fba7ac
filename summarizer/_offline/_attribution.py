"""Attribution patterns: from quotation marks and cues to (content, cue, source) triples.

Three passes over the article, all on tokens with offsets (conventions follow PolNeAR's
annotation, on which the statistics were learned):

1. Quotations. A top-level quotation takes the attribution beside it: after its closing
   mark ("…,” said X." / "…,” X said.") or before its opening mark when the quotation ends
   the sentence ("X said: “…”", "X told reporters, “…”"). A quotation split by its
   attribution ("…,” she said, “…”) is one quote with one part per piece.
2. Headlines and transcripts: "Speaker: statement".
3. Reported speech. Every other cue outside quotations is read with the structure of an
   English reporting clause: "According to X, CONTENT" / "CONTENT, according to X",
   post-posed "CONTENT, X said." / "CONTENT, said X." / "CONTENT, X said, MORE",
   pre-posed "X said (that) CONTENT" / "X told Y that CONTENT", a clause ending in ":"
   whose content is the next paragraph, participles and coordinated verbs that share the
   clause's source ("…, saying …", "… but said …"), and passives and raising verbs
   ("is expected to", "seems"), which have no source unless an agent is named.

Afterwards a quoted sentence with no attribution of its own joins the attribution just
before it (the next sentence of its paragraph, or a paragraph that continues a quote).
Content keeps a complementizer ("that X"), leaves out quotation marks and the comma an
attribution adds; content carrying a quotation is `mixed`. The source is the noun phrase
beside the cue, whose edges come from statistics learned with the cue model (which words
PolNeAR's train split puts inside a source, and which first outside it); pronouns and
relative pronouns ("he", "who") stand alone, as annotated, for the resolver to resolve.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from operator import and_

from .._models import QuoteType
from ._cues import CueLexicon, Features, Token, load_lexicon
from ._doc import Doc, as_doc
from ._framing import is_framing
from ._nesting import univocal
from ._quotes import QuotedSpan
from ._speaker_words import lexicon

__all__ = ["ADJACENT_CUE_THRESHOLD", "SUBJECT_CUE_FACTOR", "Attribution", "find_attributions"]

ADJACENT_CUE_THRESHOLD = 0.12
"""Cue probability enough for a word right after a quotation's closing mark ("…,” he
quipped"): the position itself is strong evidence of attribution."""

SUBJECT_CUE_FACTOR = 0.7
"""A cue this fraction of the threshold probable still counts when a subject stands right
before it at the start of its clause ("Most residents believe …")."""

# Words that sit between a source and its cue ("he has also said", "Trump on Tuesday said").
_SKIP_BETWEEN = frozenset(
    """has have had 've 's 'd will would could should can may might must shall is are was
    were be been being did does do not n't never also later then once again still always
    already even just often first now too since ever soon reportedly repeatedly recently
    previously publicly privately yesterday today tonight earlier initially subsequently
    further frequently together""".split()
)
# What a quotation's content may start with: its own opening mark, in any style (“…”,
# „…“, «…», »…«, ‘…’, ‚…‘, ‹…›), or a parenthesis.
_OPENING = frozenset("“‘\"'(„«»‚‹›")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TEMPORAL_HEADS = frozenset("on last this earlier late early next".split())
_TIME_WORDS = frozenset(
    "yesterday today tonight week weekend month year morning afternoon evening night".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words of an adjunct the cue model lets onto a cue's end ("said last month", "said in an
# interview"); particles stay ("called for", "pointed to").
_TIME_EDGE = _TEMPORAL_HEADS | _TIME_WORDS | _WEEKDAYS | frozenset("in at during".split())
_GLUED_STOP = re.compile(r"\.(?=[A-Z][a-z])")
_PRONOUNS = frozenset("he she they we i you it who which that one".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you reporters".split())
# Verbs of speaking whose "to X" names the addressee ("wrote to the governor").
_SPEAKING_TO = frozenset(
    "said says say wrote writes write spoke speaks speak talked talks explained explains "
    "complained complains confided confides replied replies remarked remarks".split()
)
_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
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
    following speaking asked despite with for by over under from unlike like amid
    earlier later last this""".split()
)
# A cue right after these continues a clause whose subject stands further left
# ("… and said", "…, saying").
_COORDINATORS = frozenset("and but or while then before after by , — – -".split())
_ARTICLES = frozenset("a an the".split())
_NOT_CUE_EDGE = _ARTICLES | frozenset("in on of to for with about at by from".split())
_BE = frozenset("is are was were be been being 's 're".split())
_LEADING_JUNK = frozenset(
    """and or but of in for to at on by from with as so yet regarding despite amid following
    like unlike including about""".split()
)
# Words that open an adjunct between a cue and its content or quotation ("said in a
# statement that", "said on Tuesday").
_ADJUNCT_STARTS = frozenset(
    "in on at during to with after before last earlier this yesterday today tonight "
    "monday tuesday wednesday thursday friday saturday sunday repeatedly of about "
    "from via through when while as afterward later recently".split()
)
# A raising verb's subject is what the statement is about, not who makes it ("X seems …");
# PolNeAR leaves such attributions without a source, as it does passives.
_RAISING = frozenset("seem seems seemed appear appears appeared".split())
_IRREGULAR_PARTICIPLES = frozenset(
    "said told asked known seen thought held heard felt found made shown sent".split()
)
_CLAUSE_PUNCT = frozenset([",", ":", "-"])
_SENTENCE_END = frozenset(".!?")
_MARK_CHARS = frozenset("\"'“”‘’„«»")
_MAX_NP = 14
# Longest apposition between a source's name and its cue, in tokens ("Leonard E. Burman,
# director of the centrist Urban-Brookings Tax Policy Center and a professor at …, said").
_MAX_APPOSITION = 32
_DATELINE_DASHES = frozenset("—―–-")
_ADJUNCT_PREPOSITIONS = frozenset("in of at from near during on for with since".split())
# What may stand before a list of names and show that its first conjunct is no name of
# the list ("In Ohio, Smith and Lee", "During a town hall broadcast by CNN, Democrats …").
_LIST_OPENERS = _LEADING_JUNK | _ADJUNCT_PREPOSITIONS | frozenset("among between".split())
# Sentence adverbs, capitalised when they open the sentence ("Together, Clarke and …").
_SENTENCE_ADVERBS = frozenset(
    """together indeed however meanwhile still instead moreover overall yet now then also
    again here there first second third finally thus therefore nonetheless nevertheless
    afterward afterwards later earlier separately similarly additionally otherwise""".split()
)


def _sentence_adverb(norm: str) -> bool:
    # "Apparently", "Reportedly"; not "Kelly", "Reilly" (names are short).
    return norm in _SENTENCE_ADVERBS or (norm.endswith("ly") and len(norm) > 6)


@dataclass(slots=True)
class Attribution:
    """Content parts, cue and source of one attributed statement (offsets into the text)."""

    parts: list[tuple[int, int]]
    kind: QuoteType
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None


class _Article:
    """Tokens, quotations, sentences and cue probabilities of one article."""

    def __init__(self, text: str | Doc, lexicon: CueLexicon) -> None:
        self.doc = doc = as_doc(text)
        self.text = doc.text
        self.lexicon = lexicon
        self.tokens: list[Token] = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.quotes: list[QuotedSpan] = [q for q in doc.quotations if q.depth == 0]
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
        is_word = [tok.is_word for tok in self.tokens]
        self.words_before = list(accumulate(is_word, initial=0))
        """Number of word tokens before token `k` (so `has_word` needs no scan)."""
        self.quoted_words_before = list(accumulate(map(and_, is_word, self.quoted), initial=0))
        """Number of quoted word tokens before token `k` (so `kind` needs no scan)."""
        self.claimed: set[int] = set()
        """Quotations already given to an attribution."""
        self.sources: dict[int, tuple[int, int]] = {}
        """Cue token → source span, for the attributions found so far."""
        self._sentences()
        self._paragraphs()
        self.prob = [0.0] * n
        scored = [
            i
            for i, tok in enumerate(self.tokens)
            if not self.quoted[i] and (tok.is_word or tok.text == ":")
        ]
        features = Features(self.tokens, self.quoted)
        for i, p in zip(scored, lexicon.probabilities(features, scored), strict=True):
            self.prob[i] = p

    # -- segmentation ---------------------------------------------------------------------

    def _sentences(self) -> None:
        """Sentence token ranges; a break inside a quotation or before a lower-case word
        ("…!” he said") is not a sentence break."""
        bounds: list[int] = []
        for seg in self.doc.sentences:
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
        self.para_start = [bisect_left(self.starts, p.start) for p in self.doc.paragraphs]
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

    def word_count(self, lo: int, hi: int) -> int:
        """Number of word tokens in `[lo, hi)` (0 when the range is empty)."""
        return self.words_before[hi] - self.words_before[lo] if lo < hi else 0

    def has_word(self, lo: int, hi: int) -> bool:
        """Whether a word token lies in `[lo, hi)`: a sentence-long scan repeated for every
        quotation of a long paragraph was quadratic."""
        return self.word_count(lo, hi) > 0

    def para_index(self, i: int) -> int:
        """Index of the paragraph holding token `i`."""
        return bisect_right(self.para_start, i) - 1

    # -- spans ----------------------------------------------------------------------------

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span of tokens `[lo, hi)`."""
        return self.tokens[lo].start, self.tokens[hi - 1].end

    def content(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Character span of tokens `[lo, hi)` without edge punctuation, or None if empty."""
        while lo < hi and not self.tokens[lo].is_word and self.tokens[lo].text not in _OPENING:
            lo += 1
        while hi > lo and not self.tokens[hi - 1].is_word and self.tokens[hi - 1].text in ",;:-–—":
            hi -= 1
        while hi > lo and self.tokens[hi - 1].text in _SENTENCE_END | {"…"}:
            hi -= 1
        if not self.has_word(lo, hi):
            return None
        return self.span(lo, hi)

    def kind(self, parts: list[tuple[int, int]]) -> QuoteType:
        """`direct` when every word of the parts is quoted, `mixed` when some are."""
        quoted = unquoted = 0
        for s, e in parts:
            lo, hi = bisect_left(self.starts, s), bisect_left(self.starts, e)
            if lo < hi:
                in_quotes = self.quoted_words_before[hi] - self.quoted_words_before[lo]
                quoted += in_quotes
                unquoted += self.word_count(lo, hi) - in_quotes
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
        # A cue starts with its verb (or "according"), never with an article or preposition
        # the model let in, and never ends on an article.
        while a < i and self.tokens[a].norm in _NOT_CUE_EDGE:
            a += 1
        # "Related reports stated": before a finite reporting verb ending the group, a word
        # that is no auxiliary or adverb is the subject's head, not the cue's first word.
        if b - a >= 2 and self.tokens[b - 1].norm in _FINITE_REPORTING:
            while a < b - 1 and not (self.skippable(a) or self.tokens[a].norm in _BE):
                a += 1
        while b - 1 > i and (
            self.tokens[b - 1].norm in _ARTICLES or self.tokens[b - 1].norm in _TIME_EDGE
        ):
            b -= 1
        return a, b

    @cached_property
    def coordinated_cues(self) -> tuple[list[int], list[int]]:
        """Tokens `k` that follow ", and" / ", but" (at `k - 1`, `k`) and the first word
        `j` after them that is not skippable, when `j` is a cue: a clause coordinated with
        a cue of its own ("…, but also argued …"), both lists in article order."""
        toks = self.tokens
        threshold = self.lexicon.threshold
        ks: list[int] = []
        cues: list[int] = []
        for k in range(1, len(toks)):
            if toks[k - 1].text != "," or toks[k].norm not in ("and", "but"):
                continue
            j = k + 1
            while j < len(toks) and self.skippable(j):
                j += 1
            if j < len(toks) and self.prob[j] >= threshold:
                ks.append(k)
                cues.append(j)
        return ks, cues

    # The next non-word, word and comma token at or after a token, by bisection: runs
    # scanned to their end from every cue of a long unpunctuated sentence were quadratic.

    @cached_property
    def _non_words(self) -> list[int]:
        return [k for k, tok in enumerate(self.tokens) if not tok.is_word]

    @cached_property
    def _words(self) -> list[int]:
        return [k for k, tok in enumerate(self.tokens) if tok.is_word]

    @cached_property
    def _commas(self) -> list[int]:
        return [k for k, tok in enumerate(self.tokens) if tok.text == ","]

    @cached_property
    def glued_stops(self) -> list[int]:
        """Periods that end a sentence with no space after them ("model.Distillation"):
        a lower-case word before, a capitalised word after, touching both."""
        # A search for ".X" over the text, not a loop over every token: most have none.
        text = self.text
        return [
            bisect_left(self.starts, m.start())
            for m in _GLUED_STOP.finditer(text)
            if m.start() >= 2
            and text[m.start() - 2 : m.start()].isalpha()
            and text[m.start() - 2 : m.start()].islower()
        ]

    def _next_in(self, positions: list[int], k: int) -> int:
        i = bisect_left(positions, k)
        return positions[i] if i < len(positions) else len(self.tokens)

    def word_run_end(self, k: int) -> int:
        """The first token at or after `k` that is not a word (or the end)."""
        return self._next_in(self._non_words, k)

    def next_word(self, k: int) -> int:
        """The first word token at or after `k` (or the end)."""
        return self._next_in(self._words, k)

    def next_comma(self, k: int) -> int:
        """The first "," token at or after `k` (or the end)."""
        return self._next_in(self._commas, k)

    def earlier_source(self, cue: int, s_lo: int) -> tuple[int, int] | None:
        """The source of the nearest earlier cue in the same sentence, if it has one."""
        for k in range(cue - 1, s_lo - 1, -1):
            source = self.sources.get(k)
            if source is not None:
                return source
        return None

    def outer_source(self, cue: int, s_lo: int) -> tuple[int, int] | None:
        """The source of the nearest earlier cue in the same sentence whose source is not
        itself reported speech: in "X said he didn't believe …, arguing" the source "he"
        of "believe" stands right after the cue "said", so "arguing" is X's."""
        for k in range(cue - 1, s_lo - 1, -1):
            source = self.sources.get(k)
            if source is None:
                continue
            j = bisect_left(self.starts, source[0]) - 1
            if j >= s_lo and self.tokens[j].norm == "that":
                j -= 1
            if j >= s_lo and j != k and self.prob[j] >= self.lexicon.threshold:
                continue  # not "said Devine, suggesting": there the cue itself comes first
            return source
        return None

    def first_cue(self, lo: int, hi: int, threshold: float) -> int | None:
        """The first token in `[lo, hi)` whose cue probability reaches `threshold`."""
        for k in range(lo, hi):
            if self.prob[k] >= threshold and self.tokens[k].is_word:
                return k
        return None

    # -- noun phrases ---------------------------------------------------------------------

    def _np_known(self, table: dict[str, tuple[int, int]], tok: Token) -> bool | None:
        """Whether a word belongs to a source phrase, by the statistics; None if unseen."""
        counts = table.get(tok.norm)
        if counts is not None and counts[0] + counts[1] >= 3:
            return counts[0] >= counts[1]
        if tok.text[0].isupper() or tok.text[0].isdigit():
            return True
        return None

    def _np_in(self, table: dict[str, tuple[int, int]], k: int, step: int, first: bool) -> bool:
        """Whether token `k` extends a source phrase walked in direction `step` (±1).

        A word the statistics never saw next to a cue ("auditor", "runner") is taken when
        its neighbour further along belongs to the phrase ("the auditor", "runner Amy
        Chen"), or when it closes a phrase already begun ("… the city auditor,").
        """
        tok = self.tokens[k]
        known = self._np_known(table, tok)
        if known is not None:
            return known
        if not tok.is_word or not tok.text[0].isalpha():
            return False
        if tok.norm in _source_nouns():
            return True  # "environmentalists worry", "the state's tax commissioner says"
        j = k + step
        if not 0 <= j < len(self.tokens):
            return not first
        after = self.tokens[j]
        if (
            first
            and step < 0
            and _bare_plural(tok)
            and (not after.is_word or after.norm in _SUBORDINATORS)
        ):
            # "…, after engineers found that …": a plural noun the statistics never saw,
            # alone between a clause opening and its cue, is the clause's subject.
            return True
        if not after.is_word:
            return not first and step > 0
        if step > 0:
            # "the engineering firm Calder & Boyd": two modifiers before the name.
            if after.text[0].isupper():
                return True
            nxt = j + 1
            return (
                after.text.isalpha()
                and nxt < len(self.tokens)
                and self.tokens[nxt].is_word
                and self.tokens[nxt].text[0].isupper()
            )
        # "the auditor said", "NFL legend said": a determiner or modifier the statistics
        # know, or a name, to the left.
        counts = table.get(after.norm)
        if counts is not None and counts[0] + counts[1] >= 3:
            return counts[0] >= counts[1]
        return after.text[0].isupper()

    def _temporal(self, k: int) -> bool:
        """Whether token `k` opens a time adjunct ("Tuesday", "on Monday", "last week")."""
        norm = self.tokens[k].norm
        if norm in _WEEKDAYS or norm in _TIME_WORDS:
            return True
        if norm in _TEMPORAL_HEADS and k + 1 < len(self.tokens):
            nxt = self.tokens[k + 1].norm
            return nxt in _WEEKDAYS or nxt in _TIME_WORDS or nxt in _MONTHS
        return False

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
            if (
                self.tokens[k].norm in _WEEKDAYS
                and k - 1 >= floor
                and self.tokens[k - 1].norm in _TEMPORAL_HEADS
            ):
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
        np = self._walk_left(k, floor)
        return np if np is None else self._listed_before(np, floor)

    def _listed_before(self, np: tuple[int, int], floor: int) -> tuple[int, int]:
        """The whole list when `np` is its last names ("SoftBank Group, OpenAI, and Oracle
        announced", "Carson, Fiorina and Huckabee said"): the walk stops at a comma, which
        left the last conjunct alone as the source. Every conjunct is a capitalised phrase;
        an adjunct ("In Ohio, Smith and Lee", "Among Republicans,") or a sentence adverb
        ("Together, Clarke and Van Voorhis") before the names is not one."""
        start, end = np
        tokens = self.tokens
        if not self._names_only(start, end):
            return np
        j = start - 1
        if any(tokens[m].norm in ("and", "or") for m in range(start, end)):
            if not (j >= floor and tokens[j].text == ","):
                return np
        elif j - 1 >= floor and tokens[j].norm in ("and", "or") and tokens[j - 1].text == ",":
            j -= 1
        else:
            return np
        first = start
        while j - 1 >= floor and tokens[j].text == ",":
            piece = self._walk_left(j - 1, floor)
            if piece is None or piece[1] != j:
                break
            p0 = piece[0]
            while p0 < j and not self._names_only(p0, j):
                p0 += 1  # "companies such as SoftBank Group": the names after "such as"
            if p0 == j or tokens[p0].norm in _LIST_OPENERS:
                break
            before = p0 - 1
            introduced = before >= floor and (
                tokens[before].norm == "including"
                or (
                    tokens[before].norm == "as"
                    and before > floor
                    and tokens[before - 1].norm == "such"
                )
            )
            if p0 > piece[0] and not introduced:
                break
            if before >= floor and tokens[before].norm in _LIST_OPENERS and not introduced:
                break
            if _sentence_adverb(tokens[p0].norm) or any(self._temporal(m) for m in range(p0, j)):
                break  # "Together, Clarke and …", "Also Monday, Goodlatte and …"
            first = p0
            if introduced:
                break
            j = before
        return (first, end) if first < start else np

    def _names_only(self, start: int, end: int) -> bool:
        """Whether every word of `[start, end)` is capitalised, but for "and", "or", "of"
        and what stands in brackets ("Sen. Pat Toomey (Pa.) and Sen. Ann Lee of Ohio")."""
        depth = 0
        for m in range(start, end):
            tok = self.tokens[m]
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
            elif (
                depth == 0
                and tok.is_word
                and tok.norm not in ("and", "or", "of")
                and not tok.text[0].isupper()
            ):
                return False
        return self.tokens[start].text[0].isupper()

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
            if tok.text == "." and k - 1 >= floor and _abbreviation(self.tokens[k - 1]):
                k -= 2
                continue
            if tok.text == ")":
                opening = self._find_back(k, "(", floor, 8)
                if opening is None:
                    break
                k = opening - 1
                continue
            if tok.text in "-&%" and k - 1 >= floor and self.tokens[k - 1].is_word:
                k -= 1
                continue
            if not tok.is_word or self.quoted[k]:
                break
            if not self._np_in(table, k, -1, k == end - 1):
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
        """The name and its apposition before a cue ("Ban Ki-moon, the secretary general, said")."""
        opening = self._find_back(comma, ",", floor, _MAX_APPOSITION)
        if opening is None or opening + 1 >= comma or opening - 1 < floor:
            return None
        head = self._walk_left(opening - 1, floor)
        for _ in range(3):
            # "Clinton, during a meeting in Columbus, Ohio, said", "Cory James, 22, of
            # Flint, Mich., said": a phrase inside an adjunct or an age is no head; the
            # name stands before an earlier comma.
            if head is None or not self._in_adjunct(head[0], floor):
                break
            earlier = self._find_back(head[0], ",", floor, _MAX_APPOSITION)
            if earlier is None or earlier - 1 < floor:
                return None
            head = self._walk_left(earlier - 1, floor)
        if head is None or head[1] - head[0] > 8:
            return None
        # "Sam Altman, co-founder and CEO of OpenAI, the developer of ChatGPT, said": a
        # second apposition; the name is the phrase before it when it is capitalised.
        before = head[0] - 1
        if before - 1 >= floor and self.tokens[before].text == ",":
            name = self._walk_left(before - 1, floor)
            if name is not None and self.tokens[name[1] - 1].text[0].isupper():
                return name[0], comma
        return head[0], comma

    def _after_dateline(self, lo: int, hi: int) -> int:
        """The first token after a dateline opening a sentence ("WASHINGTON (Reuters) —",
        "ORLANDO ―", "LOS ANGELES, Sept. 28 (UPI) —"), or `lo` when there is none: a
        dateline names where the story was filed, never the subject."""
        k = lo
        while k < hi and self.tokens[k].is_word and self.tokens[k].text.isupper():
            k += 1
        if k == lo or len(self.tokens[lo].text) < 2:
            return lo
        for j in range(k, min(hi, k + 12)):
            if self.tokens[j].text in _DATELINE_DASHES:
                return j + 1
        return lo

    def _in_adjunct(self, start: int, floor: int) -> bool:
        """Whether the phrase starting at token `start` is a number (an age) or the object
        of a preposition or a participle ("in Columbus", "facing a challenge")."""
        if self.tokens[start].text[0].isdigit():
            return True
        k = start - 1
        while k >= floor and self.tokens[k].is_word and k > start - 6:
            norm = self.tokens[k].norm
            if norm in _ADJUNCT_PREPOSITIONS or (norm.endswith("ing") and len(norm) > 4):
                return True
            if norm not in _ARTICLES and not (k == start - 1 and norm in _ADJUNCT_PREPOSITIONS):
                break
            k -= 1
        return False

    def subject(self, s_lo: int, cue: int) -> tuple[int, int] | None:
        """The subject of the clause a cue belongs to ("He condemned the deal, saying …")."""
        k = self._after_dateline(s_lo, cue)
        while k < cue and (self.tokens[k].norm in _CLAUSE_OPENERS or not self.tokens[k].is_word):
            k += 1
        if k < cue and self.tokens[k].norm in _FRONTED:
            # "In an interview Tuesday, Smith said …": the subject follows the comma.
            comma = self.next_comma(k)
            if comma >= cue:
                return None
            k = comma + 1
            while k < cue and not self.tokens[k].is_word:
                k += 1
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
        if tok.norm in _LEADING_JUNK or tok.norm in _ADJUNCT_STARTS:
            return None  # "said in an interview …": an adjunct, not a source
        table = self.lexicon.np_right
        start = k
        while k < ceiling and k - start < _MAX_NP:
            tok = self.tokens[k]
            if tok.text == "." and k > start and _abbreviation(self.tokens[k - 1]):
                k += 1
                continue
            if tok.text in "-&" and k > start and k + 1 < ceiling and self.tokens[k + 1].is_word:
                k += 1
                continue
            if self._temporal(k):
                break
            if tok.norm in _FINITE_VERBS:
                # "…, said the vote was overdue": the source ends before a verb, so what
                # follows the cue is a clause, not a post-posed source.
                break
            if k > start and self.prob[k] >= self.lexicon.threshold:
                break  # a reporting verb ends the phrase: "Ms. Reyes | said to …"
            if not tok.is_word or self.quoted[k] or not self._np_in(table, k, 1, k == start):
                break
            k += 1
        end = k
        while end > start and self.tokens[end - 1].norm in _LEADING_JUNK:
            end -= 1
        if end <= start:
            return self._titled_name(start, ceiling)
        return start, end

    def _titled_name(self, k: int, ceiling: int) -> tuple[int, int] | None:
        """A lowercase title run before a capitalised name ("said board chair Priya
        Natarajan"), which the learned table does not start a source with."""
        j = k
        while j < ceiling and j - k < _MAX_TITLE_WORDS and self.tokens[j].text.islower():
            if not self.tokens[j].is_word or self.tokens[j].norm in _FINITE_VERBS:
                return None
            j += 1
        if j == k or j >= ceiling or not self.tokens[j].text[:1].isupper():
            return None
        end = j
        while end < ceiling and self.tokens[end].is_word and self.tokens[end].text[:1].isupper():
            end += 1
        # A full name (two capitalised words or more), not a lone "Tuesday" or "Senate".
        return (k, end) if end - j >= 2 else None


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """Nouns that head a source phrase (titles, groups, organisations: "commissioner",
    "protesters", "union"), from the speaker lexicon: one the cue statistics never saw
    next to a cue still belongs to the source phrase."""
    lex = lexicon()
    return lex.titles | lex.group_nouns | lex.org_nouns


def _bare_plural(tok: Token) -> bool:
    """A lower-case plural noun ("engineers", "inspectors"): what a bare subject looks like."""
    text = tok.text
    return (
        len(text) > 4
        and text.isalpha()
        and text.islower()
        and text.endswith("s")
        and not text.endswith(("ss", "us", "is"))
    )


# Words after which a clause, so its subject, starts ("after engineers found").
_SUBORDINATORS = frozenset(
    "after before because since when while as although though if once until and but that "
    "where whereas unless".split()
)

# Lowercase words a title may take before a name ("board chair", "assistant police chief").
_MAX_TITLE_WORDS = 3

# Finite verbs and auxiliaries never stand inside a post-posed source noun phrase.
_FINITE_VERBS = frozenset(
    "is was were are am be been has have had will would could should can may might must "
    "does did do shall".split()
)


def find_attributions(text: str | Doc, lexicon: CueLexicon | None = None) -> list[Attribution]:
    """Every attribution in `text` (or the segmented article), in article order of content."""
    art = _Article(text, lexicon or load_lexicon())
    used_cues: set[int] = set()
    found = _quotation_pass(art, used_cues)
    found.extend(_speaker_colon_pass(art, used_cues))
    found.extend(_reported_speech_pass(art, used_cues))
    for attr in found:
        attr.parts = _ordered(attr.parts)
    # An attribution whose content trimmed away to nothing ("‘,’ said") reports nothing,
    # and a framing with no holder of the view reports no one.
    found = [attr for attr in found if attr.parts and not is_framing(art.text, attr)]
    found.sort(key=lambda a: (a.parts[0][0], a.parts[-1][1]))
    out: list[Attribution] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for attr in found:
        key = tuple(attr.parts)
        if key in seen:
            continue
        seen.add(key)
        out.append(attr)
    out = univocal(art.text, out, art.kind)
    # Continuations join the attribution that survived: joined to one that `univocal`
    # then dropped ("made a rare admission …, saying that …" read twice), a quotation
    # would be lost with it.
    _continue_quotes(art, out)
    for attr in out:
        attr.parts = _ordered(attr.parts)
    return out


def _ordered(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts in article order, overlapping ones merged (the contract promises both)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(parts):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# -- pass 1: quotations ---------------------------------------------------------------------


def _quotation_pass(art: _Article, used_cues: set[int]) -> list[Attribution]:
    found: list[Attribution] = []
    absorbed: set[int] = set()
    for qi in range(len(art.quotes)):
        if qi in absorbed:
            continue
        bounds = _quote_sentence(art, qi)
        if bounds is None:
            continue
        o_tok, c_tok, s_lo, s_hi = bounds
        s_hi = _past_short_sentence(art, c_tok, s_hi)
        attr = None
        if not art.has_word(s_lo, o_tok):
            attr = _after_quote(art, qi, c_tok, s_hi, used_cues)
            if attr is None:
                attr = _after_dash(art, qi, c_tok)
        elif _ends_sentence(art, qi, c_tok, s_hi):
            attr = _before_quote(art, qi, s_lo, o_tok, used_cues)
        if attr is not None:
            _absorb_split(art, qi, attr, absorbed)
            art.claimed.add(qi)
            art.claimed.update(absorbed)
            _record(art, attr)
            found.append(attr)
    return found


def _quote_sentence(art: _Article, qi: int) -> tuple[int, int, int, int] | None:
    """Opening and closing tokens of quotation `qi` and the sentence span around it (a
    multi-paragraph quotation closes in a later paragraph than it opens), or None when the
    quotation opens at the very end of the text."""
    o_tok, c_tok = art.open_tok[qi], art.close_tok[qi]
    if o_tok >= len(art.tokens):
        return None
    s_lo, _ = art.sentence(o_tok)
    _, s_hi = art.sentence(max(c_tok - 1, o_tok))
    return o_tok, c_tok, s_lo, s_hi


def _record(art: _Article, attr: Attribution) -> None:
    """Remember the source at the attribution's cue, for later cues of its clause."""
    if attr.cue is not None and attr.source is not None:
        art.sources[bisect_left(art.starts, attr.cue[0])] = attr.source


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
    when that attribution closed its own (the multi-paragraph convention). After reported
    speech it is a direct quote of its own, with that attribution's source."""
    claimed: set[int] = set()
    for attr in found:
        for s, _ in attr.parts:
            k = bisect_left(art.starts, s)
            if k < len(art.tokens) and art.quote_of[k] >= 0:
                claimed.add(art.quote_of[k])
    # The attribution ending last before each quotation (the first in `found` among equal
    # ends), found in one sweep: a pass over every attribution for every quotation was
    # quadratic (thousands of short paragraphs). Quotations come in article order and only
    # the chosen attribution grows, to the end of a quotation that closes before the next
    # one opens, so it stays the best so far.
    by_end: list[int] | None = None
    admitted = 0
    best_n = -1
    for qi, q in enumerate(art.quotes):
        if qi in claimed:
            continue
        bounds = _quote_sentence(art, qi)
        if bounds is None:
            continue
        o_tok, c_tok, s_lo, s_hi = bounds
        if art.has_word(s_lo, o_tok):
            continue
        if not _ends_sentence(art, qi, c_tok, s_hi):
            continue
        if by_end is None:
            # An attribution whose content trimmed away has no end (it is dropped afterwards).
            with_end = [n for n, a in enumerate(found) if a.parts]
            by_end = sorted(with_end, key=lambda n: _attr_end(found[n]))
        while admitted < len(by_end) and _attr_end(found[by_end[admitted]]) <= q.open:
            n = by_end[admitted]
            admitted += 1
            if best_n < 0 or (_attr_end(found[n]), -n) > (_attr_end(found[best_n]), -best_n):
                best_n = n
        if best_n < 0:
            continue
        best = found[best_n]
        if _attr_end(best) > q.open:  # never seen; the plain definition, to be sure
            before = [a for a in found if a.parts and _attr_end(a) <= q.open]
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
        if best.kind == "indirect":
            # After reported speech ("…, saying that X. “Y.”") the quotation is the
            # speaker's own words, a second statement: a quote of its own with the same
            # source and no cue, as DESIGN.md's gold rules and a reader have it. PolNeAR
            # joins it (dev lenient F1 0.806 -> 0.804 for this; evals/README.md).
            found.append(Attribution(_clean_parts(art, q.parts), "direct", None, best.source))
            best_n = len(found) - 1  # a next quotation paragraph continues this one
        else:
            best.parts.extend(_clean_parts(art, q.parts))
        claimed.add(qi)


def _past_short_sentence(art: _Article, c_tok: int, s_hi: int) -> int:
    """Extend a quotation's sentence over a short next one that may attribute it.

    The splitter reads "…wrong!” Trump said." as two sentences, and "…competitors.” Altman
    said: “We have …”" too, where only the words before the next quotation count.
    """
    toks = art.tokens
    if s_hi >= len(toks) or art.has_word(c_tok, s_hi):
        return s_hi
    _, p_hi = art.paragraph(c_tok)
    if s_hi >= p_hi:
        return s_hi
    _, nxt_hi = art.sentence(s_hi)
    quoted = art.quoted_words_before[nxt_hi] - art.quoted_words_before[s_hi]
    words = art.word_count(s_hi, nxt_hi) - quoted
    return nxt_hi if words <= 8 and not art.quoted[s_hi] else s_hi


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
    """The attribution right after the closing mark ("…,” said X." / "…,” X said.")."""
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


def _after_dash(art: _Article, qi: int, c_tok: int) -> Attribution | None:
    """A pull quote's attribution after a dash: "“…” ― Carla Sanchez" on the quotation's
    line, or a line of its own after it ("- Bernie Sanders.", "-President Obama, tweeting
    …"), as PolNeAR's Huffington Post and fact-check articles print them."""
    q = art.quotes[qi]
    toks = art.tokens
    if q.close is None or c_tok >= len(toks):
        return None
    _, p_hi = art.paragraph(c_tok)
    k = c_tok + 1
    while k < p_hi and (toks[k].text in ".,;!?" or toks[k].norm == '"'):
        k += 1
    if k >= p_hi:
        # The attribution may stand on the next line: a short one that opens with a dash.
        if k >= len(toks) or art.para_index(k) != art.para_index(c_tok) + 1:
            return None
        p_hi = art.paragraph(k)[1]
        if art.word_count(k, p_hi) > _MAX_DASH_LINE_WORDS:
            return None
    dash = k
    while k < p_hi and k - dash < 2 and toks[k].text in "―—–-":
        k += 1
    if k == dash:
        return None
    name = _dashed_name(art, k, p_hi)
    if name is None:
        return None
    return Attribution(_clean_parts(art, q.parts), "direct", art.span(dash, k), art.span(*name))


def _dashed_name(art: _Article, k: int, hi: int) -> tuple[int, int] | None:
    """The capitalised name at token `k` (initials and titles included) when it ends its
    line or is followed by a comma, a period or a parenthesis ("― Edwin G. Monroy",
    "-Michelle Marks, Philadelphia")."""
    toks = art.tokens
    start = k
    while k < hi:
        tok = toks[k]
        capitalised = tok.is_word and tok.text[0].isupper()
        initial = tok.text == "." and k > start and _abbreviation(toks[k - 1])
        joined = tok.text in "-'’" and k > start and k + 1 < hi and toks[k + 1].is_word
        if not (capitalised or initial or joined):
            break
        k += 1
    end = k
    while end > start and not toks[end - 1].is_word:
        end -= 1
    if end == start or (k < hi and toks[k].text not in ",.("):
        return None
    return start, end


_MAX_DASH_LINE_WORDS = 12
"""Words a line holding only a dash attribution may have ("-President Obama, tweeting after
Clinton's speech.")."""


def _abbreviation(tok: Token) -> bool:
    """Whether a period after `tok` belongs to it: a title ("Sen.") or an initial, as the
    middle initial of "Maria T. Okafor" (everywhere in US news) which ended the name."""
    return tok.norm in _ABBREVIATIONS or (len(tok.text) == 1 and tok.text.isupper())


def _before_quote(
    art: _Article, qi: int, s_lo: int, o_tok: int, used_cues: set[int]
) -> Attribution | None:
    """A cue just before the opening mark ("X said: “…”" / "X told reporters, “…”")."""
    q = art.quotes[qi]
    toks = art.tokens
    k = o_tok - 1
    while k >= s_lo and (toks[k].norm in _CLAUSE_PUNCT or toks[k].norm == '"'):
        k -= 1
    if k < s_lo or toks[k].norm == "that":
        return None  # "said that “…”" is reported speech carrying a quotation: mixed
    colon = any(toks[j].text == ":" for j in range(k + 1, o_tok))
    # "X told reporters on Monday after the vote: “…”": a colon introduces the quotation
    # whatever stands between it and the cue.
    lo = s_lo if colon else max(s_lo, k - 5)
    cue = None
    for j in range(k, lo - 1, -1):
        if art.prob[j] >= art.lexicon.threshold and toks[j].is_word:
            cue = j
            break
    if cue is None:
        return None
    a, b = art.cue_group(cue, art.lexicon.threshold, s_lo, o_tok)
    # "Said Ellis: “…”", "Said Comey, “…”": the cue opens the sentence, its source
    # follows it.
    inverted = art.right_np(a + 1, o_tok) if _inverted(art, a, s_lo) else None
    if inverted is not None:
        b = a + 1
    elif not colon and not _attribution_gap(art, a, b, k + 1):
        return None
    np = inverted or art.source_before(a, s_lo)
    used_cues.update(range(a, b))
    return Attribution(
        parts=_clean_parts(art, q.parts),
        kind="direct",
        cue=art.span(a, b),
        source=art.span(*np) if np else None,
    )


def _inverted(art: _Article, a: int, s_lo: int) -> bool:
    """Whether cue token `a` is a reporting verb opening its sentence ("Said Ellis: …")."""
    tok = art.tokens[a]
    return tok.norm in _INVERTED and tok.text[0].isupper() and _opens_sentence(art, a, s_lo)


def _attribution_gap(art: _Article, a: int, b: int, end: int) -> bool:
    """Whether tokens `[b, end)` between a cue and a quotation belong to the attribution:
    nothing, an addressee ("told reporters"), or a short adjunct ("in a statement")."""
    toks = art.tokens
    words = [k for k in range(b, end) if toks[k].is_word]
    if not words:
        return True
    if toks[a].norm in _ADDRESSEE_CUES:
        obj = (b, b + 1) if toks[b].norm in _OBJECT_PRONOUNS else art.right_np(b, end)
        if obj is not None and not any(toks[k].is_word for k in range(obj[1], end)):
            return True
    return toks[words[0]].norm in _ADJUNCT_STARTS and len(words) <= 6


def _absorb_split(art: _Article, qi: int, attr: Attribution, absorbed: set[int]) -> None:
    """Join the next quotation of the paragraph to a quote split by its attribution.

    In "…,” she said, “…”" only the attribution stands between the two quotations, and the
    second has no attribution of its own.
    """
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
        k
        for k in range(art.close_tok[qi] + 1, o_tok)
        if art.tokens[k].is_word and art.tokens[k].start >= end
    ]
    if gap:
        return
    c_tok = art.close_tok[nxt]
    _, s_hi = art.sentence(max(c_tok - 1, o_tok))
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


def _speaker_colon_pass(art: _Article, used_cues: set[int]) -> list[Attribution]:
    """Headlines of the form "Speaker: statement" and "NAME: …" turns of a transcript.

    In a headline the speaker may also open a later clause of it, after a semicolon, a bar
    or a dash ("Council Votes to Close the Pier; Mayor Lee: 'We Cannot Wait'", "EXCLUSIVE
    – Jane Roe: …"): each clause is read as a headline of its own.
    """
    found: list[Attribution] = []
    toks = art.tokens
    for index, p_lo in enumerate(art.para_start):
        p_hi = art.para_start[index + 1] if index + 1 < len(art.para_start) else len(toks)
        starts = [p_lo]
        if index == 0 or _headline_shape(art, p_lo, p_hi):
            starts += [
                k + 1
                for k in range(p_lo + 1, p_hi - 1)
                if toks[k].text in _HEADLINE_BREAKS and not art.quoted[k]
            ]
        for lo in starts:
            past = _past_rubric(art, lo, p_hi, used_cues)
            while past != lo:  # "[Video: FULL SPEECH: …": rubric after rubric
                lo, past = past, _past_rubric(art, past, p_hi, used_cues)
            attr = _speaker_colon(art, index, lo, p_lo, p_hi, used_cues)
            if attr is not None:
                found.append(attr)
                break
    return found


def _speaker_colon(
    art: _Article, index: int, lo: int, p_lo: int, p_hi: int, used_cues: set[int]
) -> Attribution | None:
    """The "Speaker: statement" starting at token `lo` of the paragraph `[p_lo, p_hi)`."""
    toks = art.tokens
    colon = next((k for k in range(lo, min(p_hi, lo + 7)) if toks[k].text == ":"), None)
    if colon is None or colon == lo or colon in used_cues or art.quoted[colon]:
        return None
    name = [toks[k] for k in range(lo, colon)]
    words = [t for t in name if t.is_word]
    if not words or not name[0].text[0].isupper():
        return None
    shouting = all(t.text.isupper() for t in words)
    if not (index == 0 or shouting or _headline(art, p_lo, p_hi, words)):
        return None
    # A name, or in a headline a title or description ("Fisheries minister:", "Port
    # director:"), never a clause ("The One Thing Both Sides Want:").
    lower = [t for t in name if not (t.text[0].isupper() or t.text in ".-'’")]
    if (
        lower
        and (
            len(words) > 3
            or any(not t.is_word or t.norm in _LEADING_JUNK | _NEGATIONS for t in lower)
        )
    ) or any(t.norm in _NOT_IN_HEADLINE_NAME for t in words[1:]):
        return None
    content = art.content(colon + 1, p_hi)
    if content is None or sum(1 for k in range(colon + 1, p_hi) if toks[k].is_word) < 3:
        return None
    s, e = content
    if art.text[s] in _MARK_CHARS and art.text[e - 1] in _MARK_CHARS and e - s > 2:
        content = (s + 1, e - 1)  # "Mayor Ortiz: 'We Cannot Wait'": the words, no marks
    used_cues.add(colon)
    return _make(art, [content], art.span(colon, colon + 1), art.span(lo, colon))


def _past_rubric(art: _Article, lo: int, p_hi: int, used_cues: set[int]) -> int:
    """The token after a rubric opening a headline ("RELATED:", "The Latest:", "Breaking
    News:"), which names no speaker (its colon is no cue for a later pass either); `lo`
    when there is none."""
    toks = art.tokens
    colon = next((k for k in range(lo, min(p_hi, lo + 7)) if toks[k].text == ":"), None)
    if colon is None or colon == lo:
        return lo
    if any(toks[k].text in _HEADLINE_BREAKS for k in range(lo, colon)):
        return lo  # "EXCLUSIVE – Jane Roe:": the speaker opens the next clause
    words = [toks[k] for k in range(lo, colon) if toks[k].is_word]
    if words and (words[0].norm in _RUBRICS or words[-1].norm in _RUBRIC_ENDS):
        used_cues.add(colon)
        return colon + 1
    return lo


def _headline_shape(art: _Article, p_lo: int, p_hi: int) -> bool:
    """Short and not closed by a period: a headline or subhead inside the article."""
    return art.word_count(p_lo, p_hi) <= _MAX_HEADLINE_WORDS and art.tokens[p_hi - 1].text != "."


def _headline(art: _Article, p_lo: int, p_hi: int, name: list[Token]) -> bool:
    """Whether a paragraph reads as a headline inside the article ("OpenAI CEO: Will not
    sue DeepSeek and will win with strength!"): short, not closed by a period, and its
    speaker a short name."""
    return _headline_shape(art, p_lo, p_hi) and len(name) <= 4


# Lower-case words that make what stands before a headline's colon a clause or a topic
# rather than a speaker ("Trump Says Clinton Lied:", "The One Thing Both Sides Want:").
_NOT_IN_HEADLINE_NAME = _FINITE_VERBS | frozenset(
    "says said want wants need needs this that these those what why how for to with from "
    "about".split()
)

_NEGATIONS = frozenset("no not more never".split())

# What separates the clauses of a compound headline.
_HEADLINE_BREAKS = frozenset(";|–—―")
_MAX_HEADLINE_WORDS = 20
# Last words of a rubric ("The Latest:", "Delegate Update:", "Paid Notice:"); a rubric's
# first word may be any of _RUBRICS, but "Judicial Watch:" is a speaker.
_RUBRIC_ENDS = frozenset("latest update updated note notice daily correction clarification".split())
_RUBRICS = frozenset(
    """update updated related read watch photo photos video source sources note editor
    correction clarification advertisement listen see also more click follow warning
    breaking exclusive analysis opinion latest revealed look boom notice daily full""".split()
)


def _reported_speech_pass(art: _Article, used_cues: set[int]) -> list[Attribution]:
    found: list[Attribution] = []
    threshold = art.lexicon.threshold
    weak = threshold * SUBJECT_CUE_FACTOR
    n = len(art.tokens)
    i = done = 0
    while i < n:
        p = art.prob[i]
        if p < weak or i in used_cues:
            i += 1
            continue
        s_lo, s_hi = art.sentence(i)
        if p < threshold and not _subject_before(art, i, s_lo):
            i += 1
            continue
        a, b = art.cue_group(i, min(p, threshold), max(s_lo, done), s_hi)
        i = done = b
        if all(art.skippable(k) or art.tokens[k].norm in _NOT_CUE_EDGE for k in range(a, b)):
            continue  # "has", "also": auxiliaries and adverbs the model let through alone
        if any(k in used_cues for k in range(a, b)):
            continue
        if not any(art.tokens[k].is_word or art.tokens[k].text == ":" for k in range(a, b)):
            continue
        attr = _reported(art, a, b, s_lo, s_hi)
        if attr is not None and _naming(art, a, b, s_lo, s_hi):
            attr.source = None
        if attr is not None:
            _record(art, attr)
            found.append(attr)
    return found


def _naming(art: _Article, a: int, b: int, s_lo: int, s_hi: int) -> bool:
    """Whether cue `[a, b)` is a reduced passive that names something ("the bill, known as
    …", "the spot, titled …"): whoever named it is not said, and the noun before it is
    what is named, not a source. ("called" is left out: "X, a senior adviser, called …"
    is X speaking.)"""
    toks = art.tokens
    verb = toks[a].norm
    if verb not in _NAMING or a - 1 < s_lo:
        return False
    if verb != "known" and toks[a - 1].text != ",":
        return False
    return not any(toks[k].norm == "by" for k in range(b, min(b + 2, s_hi)))


# Reporting verbs that may open a sentence before their source ("Said Ellis: …").
_INVERTED = frozenset("said says added adds asked asks wrote writes".split())
# Participles that name rather than report (PolNeAR gives them no source).
_NAMING = frozenset("known dubbed titled nicknamed labeled labelled branded".split())


def _subject_before(art: _Article, i: int, s_lo: int) -> bool:
    """True when a named or pronoun subject opens the clause right before token `i`
    ("Most residents believe", "She hopes"): structure that vouches for a weaker cue."""
    toks = art.tokens
    if not toks[i].is_word or toks[i].norm.endswith("ing") or i == 0:
        return False
    if toks[i - 1].norm == "to" or toks[i - 1].norm in _BE:
        return False  # an infinitive or a participle, not a finite verb after its subject
    np = art.left_np(i, s_lo)
    if np is None or np[1] != i:
        return False
    before = np[0] - 1
    if before >= s_lo and toks[before].is_word and toks[before].norm not in _CLAUSE_OPENERS:
        return False
    head = toks[np[1] - 1]
    if head.norm in _PRONOUNS - {"that", "which", "it"} or head.text[0].isupper():
        return True
    counts = art.lexicon.np_left.get(head.norm, (0, 0))
    return counts[0] >= 3 and counts[0] >= counts[1]


def _reported(art: _Article, a: int, b: int, s_lo: int, s_hi: int) -> Attribution | None:
    toks = art.tokens
    cue_span = art.span(a, b)
    norms = [toks[k].norm for k in range(a, b)]
    if norms == [":"]:
        return _colon(art, a, s_lo)
    if "according" in norms:
        return _according(art, a, b, s_lo, s_hi, cue_span)
    participle = toks[a].norm.endswith("ing")
    if _is_passive(art, a, b):
        return _passive(art, a, b, s_lo, s_hi, cue_span)
    opener = _participle_opener(art, a, s_lo)
    if opener is not None and _opens_sentence(art, opener, s_lo):
        # "Citing a conspiracy theory, Trump accused …", "After thanking the crowd, he
        # said …": the subject of the main clause after the comma.
        comma = art.next_comma(opener)
        k = comma + 1
        while k < s_hi and not art.tokens[k].is_word:
            k += 1
        np = art.right_np(k, s_hi) if comma < s_hi else None
        if np is not None and not any(art.quoted[j] for j in range(*np)):
            return _participle_clause(art, a, b, s_lo, s_hi, cue_span, art.span(*np))
    if opener is not None and _after_comma(art, opener, s_lo):
        return _participle_clause(art, a, b, s_lo, s_hi, cue_span, art.outer_source(a, s_lo))
    # Post-posed: "CONTENT, X said." / "CONTENT,” X said." / "CONTENT, said X."
    np = art.left_np(a, s_lo)
    if (
        np is not None
        and np[0] - 1 > s_lo
        and _ends_content(art, np[0] - 1)
        and _clause_like(art, s_lo, np[0] - 1)
        and _short_tail(art, a, b, s_hi)
    ):
        content = art.content(s_lo, np[0])
        if content:
            return _make(art, _with_resumed(art, content, b, s_hi), cue_span, art.span(*np))
    if not participle and a - 1 > s_lo and _ends_content(art, a - 1):
        rnp = art.right_np(b, s_hi)
        if rnp is not None and (rnp[1] >= s_hi or toks[rnp[1]].text in ".,;!?—–-("):
            content = art.content(s_lo, a)
            if content:
                parts = _with_resumed(art, content, rnp[1], s_hi)
                return _make(art, parts, cue_span, art.span(*rnp))
    # Pre-posed: "X said (that) CONTENT", "X told Y (that) CONTENT".
    if np is None:
        np = art.source_before(a, s_lo)
    source = art.span(*np) if np else None
    if source is None and (participle or _after_coordinator(art, a, s_lo)):
        # "…,” Manchin said, referring to …" / "… admitted X but said Y": the source of
        # the sentence's earlier cue.
        source = art.earlier_source(a, s_lo)
    return _content_after(art, a, b, s_hi, cue_span, source)


def _participle_opener(art: _Article, a: int, s_lo: int) -> int | None:
    """The participle that opens a cue's clause: the cue's first word ("arguing") or the
    word before it ("going on to say", "needing to mention"), else None."""
    toks = art.tokens
    if _is_participle(toks[a].norm):
        return a
    k = a - 1
    if k - 1 >= s_lo and toks[k].norm == "to":
        k -= 1  # "needing to mention"
    if k >= s_lo and toks[k].is_word and _is_participle(toks[k].norm):
        return k
    return None


def _is_participle(norm: str) -> bool:
    return len(norm) > 4 and norm.endswith("ing") and norm not in _NOT_PARTICIPLES


def _after_comma(art: _Article, a: int, s_lo: int) -> bool:
    """Whether the participle at `a` opens an adjunct clause: after a comma or a
    subordinator ("…, arguing", "before asking her", "by announcing", "despite admitting")."""
    k = a - 1
    while k >= s_lo and (art.skippable(k) or art.tokens[k].norm in _NEGATIONS):
        k -= 1
    return k >= s_lo and (art.tokens[k].text == "," or art.tokens[k].norm in _SUBORDINATORS)


# What opens a participle clause that shares the main clause's subject.
_SUBORDINATORS = frozenset("before after by while when without despite since".split())
_NEGATIONS = frozenset("not never".split())
# Words ending in "-ing" that are no participles, or prepositions ("Regarding concerns
# about …, the firm was silent": the firm voices no concern).
_NOT_PARTICIPLES = frozenset(
    """bring during thing nothing something anything everything morning evening spring
    string swing sting wing king ceiling regarding concerning including following
    according considering excluding pending barring notwithstanding""".split()
)


def _opens_sentence(art: _Article, k: int, s_lo: int) -> bool:
    """Whether token `k` opens its sentence, after punctuation or a subordinator at most."""
    j = s_lo
    while j < k and (not art.tokens[j].is_word or art.tokens[j].norm in _SUBORDINATORS):
        j += 1
    return j == k


def _participle_clause(
    art: _Article,
    a: int,
    b: int,
    s_lo: int,
    s_hi: int,
    cue_span: tuple[int, int],
    source: tuple[int, int] | None,
) -> Attribution | None:
    """', arguing that …': a participle clause has no subject of its own; it shares the
    main clause's, so the phrase before its comma (often the end of a quotation or an
    object) is no source. The source is the one given (the sentence's earlier cue's, not
    one nested in another's content), else the subject of the main clause when that lies
    outside any quotation."""
    if source is None:
        np = art.subject(s_lo, a)
        if np is not None and not any(art.quoted[k] for k in range(*np)):
            source = art.span(*np)
    return _content_after(art, a, b, s_hi, cue_span, source)


def _content_after(
    art: _Article,
    a: int,
    b: int,
    s_hi: int,
    cue_span: tuple[int, int],
    source: tuple[int, int] | None,
) -> Attribution | None:
    """The attribution of the cue `[a, b)` whose content follows it in the sentence, or
    opens the next paragraph when the sentence ends with the cue ("… said:")."""
    start = _content_start(art, a, b, s_hi)
    content = art.content(start, _content_end(art, start, s_hi)) if start < s_hi else None
    if content is None:
        nxt = _next_paragraph_content(art, min(start, s_hi - 1), s_hi)
        if nxt is None:
            return None
        parts, kind = nxt
        return Attribution(parts, kind, cue_span, source)
    if _adjunct_only(art, start, content):
        return None  # "spoke after the match", "voted on Monday": when, not what
    return _make(art, [content], cue_span, source)


def _adjunct_only(art: _Article, start: int, content: tuple[int, int]) -> bool:
    """Whether a pre-posed cue's content is a short time or place adjunct and nothing else."""
    tok = art.tokens[start]
    if tok.norm not in _ADJUNCT_ONLY_STARTS and not art._temporal(start):
        return False
    end = bisect_left(art.starts, content[1])
    return art.word_count(start, end) <= _MAX_ADJUNCT_WORDS and not any(
        art.tokens[k].norm in _FINITE_VERBS or art.tokens[k].norm == "that"
        for k in range(start, end)
    )


_FINITE_REPORTING = frozenset(
    "said says stated states told tells wrote writes added adds noted notes argued argues "
    "claimed claims warned warns insisted insists".split()
)
"""Finite reporting verbs: what stands before one in a cue group is its subject."""

# Participles after "be" that describe what the subject feels or holds, not what is done
# to it: "Protesters were frustrated that …" is the protesters' view. On PolNeAR train
# the gold source of "be worried / concerned / convinced / assured / focused / divided /
# outraged / impressed / inclined / shocked" is the subject in 37 of 37 cases, while
# that of "be expected / asked / seen / criticized" is almost never the subject.
_EXPERIENCER = frozenset(
    """worried concerned convinced assured focused divided outraged impressed inclined
    shocked devoted frustrated determined disappointed pleased surprised troubled alarmed
    angered encouraged dismayed satisfied heartened thrilled relieved disturbed annoyed
    offended delighted confused""".split()
)
_ADJUNCT_ONLY_STARTS = frozenset("after before during since until".split())
_MAX_ADJUNCT_WORDS = 5


def _after_coordinator(art: _Article, a: int, s_lo: int) -> bool:
    k = a - 1
    while k >= s_lo and art.skippable(k):
        k -= 1
    return k >= s_lo and art.tokens[k].norm in _COORDINATORS


def _is_passive(art: _Article, a: int, b: int) -> bool:
    """A passive cue ("is expected", "was asked", "is increasingly seen") or a raising verb
    ("seems", "appeared"): either way the subject is no source."""
    toks = art.tokens
    verb = next((k for k in range(a, b) if not art.skippable(k) and toks[k].norm not in _BE), a)
    if toks[verb].norm in _RAISING:
        return True
    norm = toks[verb].norm
    if not (norm.endswith(("ed", "en")) or norm in _IRREGULAR_PARTICIPLES):
        return False
    if norm in _EXPERIENCER:
        return False  # "Protesters were frustrated that …": the subject holds the view
    k = verb - 1
    while k >= 0 and art.skippable(k) and toks[k].norm not in _BE:
        k -= 1
    return k >= 0 and toks[k].norm in _BE


def _passive(
    art: _Article, a: int, b: int, s_lo: int, s_hi: int, cue_span: tuple[int, int]
) -> Attribution | None:
    """A passive or raising cue ("Trump is expected to announce …").

    The content is the subject and what follows the cue; the source is the agent ("was
    criticized by X") or, usually, nobody.
    """
    toks = art.tokens
    source = None
    k = b
    if k < s_hi and toks[k].norm == "by":
        agent = art.right_np(k + 1, s_hi) or _agent(art, k + 1, s_hi)
        if agent is not None:
            source = art.span(*agent)
            k = agent[1]
    parts = []
    while a - 1 >= s_lo and (art.tokens[a - 1].norm in _BE or art.skippable(a - 1)):
        a -= 1
    subject = art.left_np(a, s_lo)
    if subject is not None:
        parts.append(art.span(*subject))
    after = art.content(k, _content_end(art, k, s_hi)) if k < s_hi else None
    if after is not None:
        parts.append(after)
    if not parts:
        return None
    return _make(art, parts, cue_span, source)


def _agent(art: _Article, k: int, s_hi: int) -> tuple[int, int] | None:
    """The agent phrase after a passive cue's "by" when the source statistics do not
    start one there ("supported by far fewer publications", "endorsed by dozens of
    papers"): the words up to a punctuation mark, a quotation or a clause word."""
    toks = art.tokens
    end = k
    while (
        end < s_hi
        and end - k < _MAX_NP
        and toks[end].is_word
        and not art.quoted[end]
        and toks[end].norm not in _AGENT_STOPS
        and toks[end].norm not in _FINITE_VERBS
    ):
        end += 1
    return (k, end) if end > k else None


# Words that end a passive's agent phrase: a clause or an adjunct begins.
_AGENT_STOPS = frozenset(
    "that which who whom whose after before when while because since as if to for on in at "
    "during ranging including".split()
)


def _with_resumed(
    art: _Article, first: tuple[int, int], k: int, s_hi: int
) -> list[tuple[int, int]]:
    """The content parts of "CONTENT, she said, MORE CONTENT".

    The content resumes after the attribution's closing comma, unless a new reporting
    clause starts there (", adding …").
    """
    toks = art.tokens
    if k < s_hi:
        k = min(art.word_run_end(k), s_hi)
    if k + 1 >= s_hi or toks[k].text != ",":
        return [first]
    nxt = toks[k + 1]
    if not nxt.is_word or nxt.norm.endswith("ing") or art.prob[k + 1] >= art.lexicon.threshold:
        return [first]
    if nxt.norm in ("who", "which", "according"):
        return [first]
    second = art.content(k + 1, s_hi)
    return [first, second] if second else [first]


def _clause_like(art: _Article, lo: int, hi: int) -> bool:
    """Whether `[lo, hi)` can be the content of a post-posed cue rather than a fronted
    phrase ("On February 3, local time, X said …")."""
    words = art.word_count(lo, hi)
    if words < 3:
        return False
    return art.tokens[art.next_word(lo)].norm not in _FRONTED or words > 8


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
    # The first ", and"/", but" after `start` whose next word past auxiliaries and adverbs
    # is a cue, found by bisection: scanning to the sentence end from every cue of a long
    # sentence was quadratic. The cue after a later coordinator lies no nearer, so if the
    # first one's is past the sentence, so are all the others'.
    ks, cues = art.coordinated_cues
    n = bisect_left(ks, start + 1)
    if n < len(ks) and ks[n] < s_hi and cues[n] < s_hi:
        s_hi = ks[n] - 1
    # "… its model.Distillation is a technique …": a sentence end with no space after it,
    # which the sentence splitter reads as one word, ends the content all the same.
    glued = art.glued_stops
    n = bisect_left(glued, start + 1)
    if n < len(glued) and glued[n] < s_hi:
        return glued[n]
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
    run_end = min(art.word_run_end(k), s_hi)
    words, k = run_end - k, run_end
    return words <= 7 and (k >= s_hi or toks[k].text in ".,;:—–-!?(")


def _content_start(art: _Article, a: int, b: int, s_hi: int) -> int:
    """First token of the content after a pre-posed cue (past "that", an addressee, ":")."""
    toks = art.tokens
    k = b
    that = next(
        (j for j in range(k, min(s_hi, k + 7)) if not toks[j].is_word or toks[j].norm == "that"),
        None,
    )
    if toks[a].norm in _ADDRESSEE_CUES and that is not None and toks[that].norm == "that":
        k = that  # "told parents that …"
    elif toks[a].norm in _ADDRESSEE_CUES and k < s_hi:
        if toks[k].norm in _OBJECT_PRONOUNS:
            k += 1
        else:
            obj = art.right_np(k, s_hi)
            if obj is not None and toks[obj[0]].text[0].isupper():
                k = obj[1]
    # "wrote to the governor, adding, …": an addressee ending its clause is not content.
    if k + 1 < s_hi and toks[a].norm in _SPEAKING_TO and toks[k].norm == "to":
        nxt = toks[k + 1]
        if nxt.norm in _OBJECT_PRONOUNS:
            addressee: tuple[int, int] | None = (k + 1, k + 2)
        elif nxt.norm in _DETERMINERS or nxt.text[0].isupper():
            addressee = art.right_np(k + 1, s_hi)
        else:
            addressee = None
        if addressee is not None and (addressee[1] >= s_hi or toks[addressee[1]].text in ",.;:!?"):
            k = addressee[1]
    # "said in an interview in Tokyo, Japan, that …": skip a short adjunct before "that".
    if k < s_hi and toks[k].norm in _ADJUNCT_STARTS:
        for j in range(k + 1, min(s_hi, k + 12)):
            if toks[j].norm == "that":
                k = j
                break
            if not toks[j].is_word and toks[j].text != ",":
                break
            if toks[j].norm in _SUBORDINATORS or (
                toks[j].norm.endswith("ing") and art.prob[j] >= art.lexicon.threshold
            ):
                # "voted to close the pier after engineers found that", "called for a
                # review, saying that": the "that" of another clause's cue.
                break
    # PolNeAR keeps the complementizer: the content of "said that X" is "that X".
    while k < s_hi and toks[k].norm in _CLAUSE_PUNCT:
        k += 1
    return k


def _next_paragraph_content(
    art: _Article, b: int, s_hi: int
) -> tuple[list[tuple[int, int]], QuoteType] | None:
    """The next paragraph as content, when "X said:" closes a paragraph."""
    last = s_hi - 1
    while last >= b and art.tokens[last].text in "\"”’'":
        last -= 1
    if last < 0 or art.tokens[last].text != ":" or art.has_word(b, s_hi):
        return None
    _, p_hi = art.paragraph(b)
    if p_hi >= len(art.tokens):
        return None
    n_lo, n_hi = art.paragraph(p_hi)
    qi = art.quote_of[n_lo + 1] if n_lo + 1 < n_hi else -1
    if art.tokens[n_lo].text in "\"“‘'" and qi >= 0:
        if qi in art.claimed:
            return None  # the quotation has an attribution of its own
        art.claimed.add(qi)
        return _clean_parts(art, art.quotes[qi].parts), "direct"
    content = art.content(n_lo, n_hi)
    if content is None:
        return None
    return [content], art.kind([content])


def _colon(art: _Article, a: int, s_lo: int) -> Attribution | None:
    """A colon cue after a short name ("Speaker: statement" in headlines, transcripts)."""
    p_lo, p_hi = art.paragraph(a)
    if a - p_lo < 1 or a - p_lo > 6:
        return None
    if not art.tokens[p_lo].text[0].isupper():
        return None
    content = art.content(a + 1, p_hi)
    if content is None:
        return None
    return _make(art, [content], art.span(a, a + 1), art.span(p_lo, a))


_ACCORDING_WORDS = 10
"""At most this many tokens between "according to" and the comma closing its source."""


def _according(
    art: _Article, a: int, b: int, s_lo: int, s_hi: int, cue_span: tuple[int, int]
) -> Attribution | None:
    """The attribution of "According to X, CONTENT" / "CONTENT, according to X"."""
    k = b
    if k < s_hi and art.tokens[k].norm == "to":
        k += 1
    # "according to fundraising reports through Jan. 31": what the source statistics do
    # not start is still the phrase after "to".
    np = art.right_np(k, s_hi) or _agent(art, k, s_hi)
    source = art.span(*np) if np else None
    before = art.content(s_lo, a)
    if before is not None:
        return _make(art, [before], cue_span, source)
    after_lo = np[1] if np else k
    while after_lo < s_hi and art.tokens[after_lo].text != ",":
        after_lo += 1
    if np and np[1] < after_lo <= k + _ACCORDING_WORDS:
        # "According to conservative talk radio host Rush Limbaugh, CONTENT": the source is
        # all the words before the comma (the phrase walker stopped at "talk").
        source = art.span(k, after_lo)
    # "According to the firm Calder & Boyd, which inspected the pier, CONTENT": the
    # relative clause describes the source.
    if after_lo + 1 < s_hi and art.tokens[after_lo + 1].norm in ("which", "who"):
        after_lo += 1
        while after_lo < s_hi and art.tokens[after_lo].text != ",":
            after_lo += 1
    content = art.content(after_lo + 1, s_hi) if after_lo < s_hi else None
    if content is None:
        return None
    return _make(art, [content], cue_span, source)
