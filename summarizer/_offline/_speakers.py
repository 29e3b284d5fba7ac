"""Speaker resolution for the offline engine.

`SpeakerResolver` indexes the names of one article once (capitalised token runs, split
into title and name, typed as person or organisation, people clustered by surname) and
then turns each attribution mention the extractor finds ("Meta CEO Zuckerberg", "she",
"officials", "his campaign") into a `Speaker` with the fullest name the article gives.

This module segments the article (tokens, sentences, quotation spans, headlines); the
resolver's layers live below it, each reading that segmentation: `_name_groups` (name
patterns), `_name_index` (mention finding and the entity index), `_coreference`
(pronouns), `_descriptions` (a mention read as a noun phrase), with their records in
`_speaker_entities` and their word lists in `_speaker_words`.

Decisions (the why lives here so that the rules below can stay short):

- A person is named by the fullest form the article uses ("Hillary Rodham Clinton");
  titles, honorifics and affiliations go to `role`, never into `name`. An appositive
  ("Sam Altman, co-founder and CEO of OpenAI,") is the preferred role, then a title
  written before the name ("Meta CEO"), then a bare party or relation ("Republican").
  A title of several words is one title ("Secretary General Ban Ki-moon"): a capital that
  only opens a sentence is dropped from a status word ("former President") or before a
  lower-case word ("senior adviser"), never from "Attorney General".
- "of <Place>" after a name ends the name ("Rep. Elijah Cummings of Maryland"). After a
  bare title the place joins the role ("Representative of Maryland", as "Governor of
  Ohio" reads: the place the title serves); after a title naming its own body ("House
  Speaker") it is only where the person is from, and the role stays as written.
- A bare surname shared by several people goes to the one named in the current or
  previous sentence, else to the most-mentioned one; "Mrs."/"Ms." and "Mr." (and a lone
  pronoun in the same sentence) restrict the choice by gender first. A titled surname
  met before any full name ("President Obama" before "Michelle Obama") is its own person.
- Descriptions stay descriptions ("an OpenAI spokesperson", kind `person`, because a
  spokesperson is a human being speaking for the organisation; no role, since the name
  already says it and a role the name contains would be shown twice), except a definite
  one whose head noun matches a role the article gave someone ("the senator" after
  "Sen. Lindsey Graham"), which resolves to that person.
- A possessive owner is resolved inside the description ("his campaign" → "Donald
  Trump's campaign"), because "his campaign" means nothing out of context.
- Organisations are named without a leading "the" ("White House"), initialisms are
  never surnames ("U.N." is not "Kim Jong Un").
- Kinds: plural and counted sources ("officials", "some Democrats", "4 in 10 voters")
  are `group`; campaigns, companies, newsrooms and agencies are `organization`;
  documents ("the poll", "a report") are `unknown`, since no person, body or group is
  named; so is a mention that names no one ("in an interview").
- he/she pick the best-scoring earlier person of compatible gender: recency in
  sentences, a bonus for sentence subjects and for the previous speakers, penalties for
  names that only occur inside someone else's quotation or modify a noun ("Trump
  supporters"). When no compatible antecedent exists the most recent person is
  returned (the gender lists are fallible, and a wrong guess costs no more than none);
  with no person at all, `name` is None and the kind `unknown`.
- "they" takes names joined by "and" in its own sentence ("Microsoft and Meta"), then
  the nearest organisation or plural noun there, then recent organisations and groups,
  then plural nouns of the previous sentence, then the previous speaker (singular
  they); "it" takes organisations only; "I"/"we" inside a quotation take the speaker it
  is attributed to (else the previous speaker), outside one they are the unnamed writer
  (None); "who"/"which"/"that" take the phrase they attach to.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .._models import Speaker
from ._descriptions import Descriptions
from ._doc import Doc, as_doc
from ._np_check import fragment_reason
from ._speaker_entities import Resolution
from ._speaker_words import POSSESSIVE, lexicon

__all__ = ["SpeakerResolver"]

# Lowercase name prefixes that still start a name ("al-Assad", "d'Estaing").
_LOWER_NAME = re.compile(r"(?:al|el|ad|bin|ben|abu|d|l)[-'’][^\W\d_]")
_QUOTE_MARK = re.compile(r"[\"“”«»]")


class SpeakerResolver(Descriptions):
    """Index the names in one article once; resolve attribution mentions to canonical speakers."""

    def __init__(self, article: str | Doc) -> None:
        self._doc = as_doc(article)
        self._text = self._doc.text
        self._lex = lexicon()
        self._tokenize()
        sents = self._doc.sentences
        self._sent_starts = [s.start for s in sents] or [0]
        self._quotes = self._quote_spans()
        self._headlines = self._title_case_lines()
        self._quote_starts = [q[0] for q in self._quotes]
        self._by_surname = {}
        self._by_first = {}
        self._orgs = {}
        self._org_list = []
        self._descriptions = {}
        self._mentions = []
        # Resolved speakers in the order they were resolved, and their positions; callers
        # resolve in article order, so the positions are usually sorted (see _history_last).
        self._history = []
        self._history_at = []
        self._history_sorted = True
        self._index()
        self._mention_starts = [m.start for m in self._mentions]

    # ------------------------------------------------------------------ public API

    def resolve(self, mention_start: int, mention_end: int) -> Speaker:
        """Resolve the source mention at `article[mention_start:mention_end]` to a speaker."""
        if not 0 <= mention_start <= mention_end <= len(self._text):
            raise ValueError(
                f"mention span ({mention_start}, {mention_end}) is outside the article "
                f"(length {len(self._text)})"
            )
        s, e = self._trim(mention_start, mention_end)
        result = self._analyse(s, self._name_end(e)) if s < e else Resolution(None, None, "unknown")
        if result.name is None and s < e and (head := self._head_after(e)) > e:
            result = self._analyse(s, head)  # "Related" of "Related reports stated"
        if result.name is not None and fragment_reason(result.name) is not None:
            # A clause or a fragment is no speaker: unknown is better than wrong, and it
            # must not become an antecedent for the pronouns after it either.
            result = Resolution(None, None, "unknown")
        if result.entity is not None:
            if self._history_at and s < self._history_at[-1]:
                self._history_sorted = False
            self._history.append((s, result.entity))
            self._history_at.append(s)
            # Pronouns and descriptions count as mentions too, for recency and salience.
            positions = result.entity.positions
            i = bisect_left(positions, s)
            if i == len(positions) or positions[i] != s:
                positions.insert(i, s)
        role = result.role
        if role is not None and result.name is not None and role.lower() in result.name.lower():
            role = None  # "a spokesperson for X" says its role already: shown once
        return Speaker(
            name=result.name,
            mention=self._text[s:e],
            mention_start=s,
            mention_end=e,
            role=role,
            kind=result.kind,
        )

    # ------------------------------------------------------------------ tokens

    def _tokenize(self) -> None:
        # List comprehensions rather than one loop: this runs over every word of the
        # article and dominates construction time.
        # The name view of the Doc: words, periods kept after single letters ("U.S", "E.J").
        view = self._doc.name_tokens
        words = view.texts
        self._ts = view.starts
        self._re = view.ends  # raw end, possessive included
        self._poss = [w.endswith(POSSESSIVE) and len(w) > 2 for w in words]
        # End of the word without a possessive 's.
        self._te = [e - 2 if p else e for e, p in zip(self._re, self._poss, strict=True)]
        cores = [w[:-2] if p else w for w, p in zip(words, self._poss, strict=True)]
        self._cap = [
            w[0].isupper() or (w[0] in "abdel" and bool(_LOWER_NAME.match(w))) for w in cores
        ]
        lows = [w.lower() for w in cores]
        self._lower_words = {w for w, c in zip(lows, self._cap, strict=True) if not c}
        self._low = [
            w.replace(".", "").replace("’", "'") if "." in w or "’" in w else w for w in lows
        ]
        # Only capitalised words outside the stop list can start a name; scans skip the rest.
        stop = self._lex.stop_words
        self._group_starts = [
            k
            for k, c in enumerate(self._cap)
            if c and (self._low[k] not in stop or "." in cores[k] or cores[k].isupper())
        ]

    def _quote_spans(self) -> list[tuple[int, int]]:
        """Spans inside quotation marks, paired within each line."""
        spans: list[tuple[int, int]] = []
        text = self._text
        line_start = 0
        for line in text.splitlines(keepends=True):
            open_at = -1
            for m in _QUOTE_MARK.finditer(line):
                mark, at = m.group(), line_start + m.start()
                if open_at < 0 and mark in '"“«':
                    open_at = at
                elif open_at >= 0 and mark in '"”»':
                    spans.append((open_at, at + 1))
                    open_at = -1
            if open_at >= 0:
                spans.append((open_at, line_start + len(line.rstrip("\r\n"))))
            line_start += len(line)
        return spans

    def _title_case_lines(self) -> list[tuple[int, int]]:
        """Lines written in title case (headlines), where capitals do not mark names."""
        spans: list[tuple[int, int]] = []
        start = 0
        for line in self._text.splitlines(keepends=True):
            lo, hi = self._tok_range(start, start + len(line))
            long_words = [k for k in range(lo, hi) if len(self._low[k]) > 3]
            if len(long_words) >= 3 and sum(self._cap[k] for k in long_words) >= 0.7 * len(
                long_words
            ):
                spans.append((start, start + len(line)))
            start += len(line)
        return spans
