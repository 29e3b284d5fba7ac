"""Speaker resolution for the offline engine.

`SpeakerResolver` indexes the names of one article once (capitalised token runs, split
into title and name, typed as person or organisation, people clustered by surname) and
then turns each attribution mention the extractor finds ("Meta CEO Zuckerberg", "she",
"officials", "his campaign") into a `Speaker` with the fullest name the article gives.

Decisions (the why lives here so that the rules below can stay short):

- A person is named by the fullest form the article uses ("Hillary Rodham Clinton");
  titles, honorifics and affiliations go to `role`, never into `name`. An appositive
  ("Sam Altman, co-founder and CEO of OpenAI,") is the preferred role, then a title
  written before the name ("Meta CEO"), then a bare party or relation ("Republican").
- A bare surname shared by several people goes to the one named in the current or
  previous sentence, else to the most-mentioned one; "Mrs."/"Ms." and "Mr." (and a lone
  pronoun in the same sentence) restrict the choice by gender first. A titled surname
  met before any full name ("President Obama" before "Michelle Obama") is its own person.
- Descriptions stay descriptions ("an OpenAI spokesperson", kind `person`, because a
  spokesperson is a human being speaking for the organisation; the description minus its
  article is also the role), except a definite one whose head noun matches a role the
  article gave someone ("the senator" after "Sen. Lindsey Graham"), which resolves to
  that person.
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

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from .._models import Speaker, SpeakerKind
from ._doc import Doc, as_doc

__all__ = ["SpeakerResolver"]

Gender = Literal["m", "f"]

_POSSESSIVE = ("'s", "’s")
# Lowercase name prefixes that still start a name ("al-Assad", "d'Estaing").
_LOWER_NAME = re.compile(r"(?:al|el|ad|bin|ben|abu|d|l)[-'’][^\W\d_]")
_QUOTE_MARK = re.compile(r"[\"“”«»]")
_ABBREV_EXTRA = frozenset({"st", "jr", "sr", "mt", "ft", "no"})

# Reporting verbs close enough after a quotation to name its speaker.
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|explained|"
    r"continued|stated|argued|argues|noted|notes|insisted|replied|declared|claimed|claims|"
    r"warned|recalled|according)\b"
)

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_IT_PRONOUNS = frozenset({"it", "its", "itself"})
_FIRST_PRONOUNS = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
)
_SECOND_PRONOUNS = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "my", "our", "your"})
_DETERMINERS = frozenset(
    "the a an this that these those one another some many most several few all both other "
    "others any no".split()
)
# Words that end the head of a description ("small groups of protesters").
_PREPOSITIONS = frozenset(
    "of by in at for from with on to about within outside inside among including like such "
    "as than via except filed released published issued conducted".split()
)
# Prepositions that open an adverbial phrase, never a source ("About 4 in 10" may be one).
_LEADING_PREPOSITIONS = frozenset(
    "of by in at for from with on to via during after before under into through".split()
)
# Counting words: a phrase built on them names a group ("about four in 10 voters").
_NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
    "thousands millions half third quarter majority minority plurality percent".split()
)
_SINGULAR_PERSON = frozenset({"someone", "somebody", "anyone", "anybody", "nobody", "one"})
# Honorifics that say nothing about a role (unlike "Sen." or "Prof.").
_PLAIN_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady madam monsieur senor señor senora señora herr "
    "frau".split()
)
# Words that stand for a title in another form ("the candidate" for a nominee).
_ROLE_SYNONYMS = {
    "candidate": frozenset({"candidate", "nominee", "hopeful", "front-runner", "frontrunner"}),
    "nominee": frozenset({"nominee", "candidate"}),
    "senator": frozenset({"senator", "sen"}),
    "governor": frozenset({"governor", "gov"}),
    "congressman": frozenset({"congressman", "representative", "rep"}),
    "congresswoman": frozenset({"congresswoman", "representative", "rep"}),
    "lawmaker": frozenset(
        {"lawmaker", "senator", "representative", "congressman", "congresswoman", "sen", "rep"}
    ),
}
# Role words that say little on their own: kept only when nothing better is given.
_WEAK_ROLES = frozenset(
    "democrat republican independent libertarian conservative liberal progressive socialist "
    "moderate centrist rival friend ally opponent critic supporter backer person man woman "
    "member resident voter".split()
)
# Title words that are also surnames, read as names after a capitalised word
# ("Masayoshi Son", "Carole King").
_SURNAME_TITLES = frozenset(
    "son king dean bishop major judge priest cardinal marshal baker guard sheriff chancellor "
    "pope prince abbott friend fellow".split()
)
# Words that make an organisation's name a company's ("the company" may point back to it).
_COMPANY = frozenset(
    "inc corp corporation co company ltd llc plc gmbh ag sa nv group holdings technologies "
    "systems labs motors airlines bank bancorp industries enterprises pharmaceuticals".split()
)
# Party words: a description naming one never matches a role naming the other.
_PARTIES = (frozenset({"democratic", "democrat"}), frozenset({"republican", "gop"}))
# Words that cannot head a description on their own.
_BARE = frozenset({"the", "a", "an", "this", "no", "another", "other"})
# Words that may follow a pronoun without changing whom it names ("they both").
_PRONOUN_TAIL = frozenset(
    {"both", "all", "each", "themselves", "himself", "herself", "too", "also"}
)
# Separators of names in a list ("Microsoft and Meta", "A, B, and C").
_AND = re.compile(r"\.?\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)")
# Antecedent scores for he/she: by distance in sentences (0 = the same sentence), then
# bonuses and penalties. Checked on PolNeAR train and dev by asking, at each named
# source, which antecedent a pronoun standing there would get.
_RECENCY = (3.0, 2.0, 1.0, 0.5)
_WINDOW = len(_RECENCY) - 1
_SUBJECT = 1.0  # first name in its sentence, outside quotation marks
_QUOTED = 1.5  # named only inside another quotation
_POSSESSOR = 0.5  # "Trump's campaign", "Trump supporters": a modifier, seldom the subject
_UNGENDERED = 0.6  # gender unknown: compatible, but less sure
_UNSURE = 0.5  # no first name, title or honorific says it is a person
_LAST_SPEAKER = 1.5  # the previous quote's speaker
_RECENT_SPEAKER = 1.0  # one of the two speakers before it
_APPOSITIVE = re.compile(
    r"(?:\s+of\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?(?:\s*\([^()\n]{1,40}\))?"
    r",\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;:()\n“”\"]{2,140}?)"
    r"(?=\s*(?:,|;|\.(?:\s|$)|\)|—|–|\s+who\b|\s+which\b|\s+said\b|\s+says\b|\s+told\b|$))"
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word lists of `data/names.json` and `data/titles_lexicon.json`."""

    male: frozenset[str]
    female: frozenset[str]
    family_first: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    honorifics: dict[str, Gender | None]
    abbreviations: dict[str, str]
    titles: frozenset[str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    org_keywords: frozenset[str]
    known_orgs: frozenset[str]
    org_nouns: frozenset[str]
    group_nouns: frozenset[str]
    document_nouns: frozenset[str]
    places: frozenset[str]
    not_name: frozenset[str]
    stop_words: frozenset[str]
    # Derived: words that can never be part of a person's name.
    non_name: frozenset[str]
    role_words: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("summarizer").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    names = _read("names.json")
    lex = _read("titles_lexicon.json")

    def fs(values: list[str]) -> frozenset[str]:
        return frozenset(values)

    honorifics: dict[str, Gender | None] = dict(lex["honorifics"])
    abbreviations: dict[str, str] = dict(lex["abbreviations"])
    titles = fs(lex["titles"])
    org_keywords = fs(lex["org_keywords"])
    not_name = fs(lex["not_name"])
    stop_words = fs(lex["stop_words"])
    group_nouns = fs(lex["group_nouns"])
    role_words = (titles | frozenset(abbreviations) | frozenset(honorifics)) - _PLAIN_HONORIFICS
    return _Lexicon(
        male=fs(names["male"]),
        female=fs(names["female"]),
        family_first=fs(names["family_name_first"]),
        particles=fs(names["particles"]),
        suffixes=fs(names["suffixes"]),
        honorifics=honorifics,
        abbreviations=abbreviations,
        titles=titles,
        female_nouns=fs(lex["female_nouns"]),
        male_nouns=fs(lex["male_nouns"]),
        role_modifiers=fs(lex["role_modifiers"]),
        org_keywords=org_keywords,
        known_orgs=fs(lex["known_orgs"]),
        org_nouns=fs(lex["org_nouns"]),
        group_nouns=group_nouns,
        document_nouns=fs(lex["document_nouns"]),
        places=fs(lex["places"]),
        not_name=not_name,
        stop_words=stop_words,
        non_name=(
            titles
            | frozenset(honorifics)
            | frozenset(abbreviations)
            | org_keywords
            | not_name
            | stop_words
            | group_nouns
        ),
        role_words=role_words,
    )


@lru_cache(maxsize=4096)
def _fold(word: str) -> str:
    """Lowercase without diacritics, so "José" finds "jose" in the first-name list."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(eq=False, slots=True)
class _Entity:
    """One source: a person, an organisation, or a description used as a speaker."""

    name: str
    kind: SpeakerKind
    tokens: tuple[str, ...] = ()
    first: str | None = None
    gender: Gender | None = None
    evidence: bool = False
    full_count: int = 0
    positions: list[int] = field(default_factory=list)
    votes: list[int] = field(default_factory=lambda: [0, 0])
    # What the roles the article gives come to, kept as they are added (reading them then
    # costs the same however many there are): the best role's sort key and text, and the
    # words of all roles (lowercased, stripped).
    best_role: tuple[tuple[int, int, int], str] | None = None
    role_words: set[str] = field(default_factory=set)

    def add_role(self, rank: int, pos: int, text: str) -> None:
        """Record a role the article gives at `pos`; `rank` 0 (appositive) ranks first,
        before titles written before the name."""
        key = (rank, -len(text.split()), pos)  # the best: lowest rank, most words, earliest
        if self.best_role is None or key < self.best_role[0]:
            self.best_role = (key, text)
        self.role_words.update(w.strip(".,'’").lower() for w in text.split())

    def role(self) -> str | None:
        """The best role the article gives, if any."""
        return None if self.best_role is None else self.best_role[1]

    def last_before(self, pos: int) -> int:
        """Offset of the last mention before `pos`, or -1."""
        i = bisect_left(self.positions, pos)
        return self.positions[i - 1] if i else -1


@dataclass(slots=True)
class _Mention:
    """A name found in the article, linked to its entity."""

    start: int
    end: int
    entity: _Entity
    sentence: int
    quote: int
    subject: bool
    poss: bool


@dataclass(slots=True)
class _Group:
    """A run of capitalised tokens split into role prefix and name part."""

    role_lo: int  # where a title written before the name starts (== lo without one)
    lo: int
    hi: int
    name_lo: int
    kind: Literal["person", "org", "group", "none"]
    gender: Gender | None
    role: str | None
    evidence: bool


@dataclass(slots=True)
class _Result:
    entity: _Entity | None
    name: str | None
    kind: SpeakerKind
    role: str | None = None


class SpeakerResolver:
    """Index the names in one article once; resolve attribution mentions to canonical speakers."""

    def __init__(self, article: str | Doc) -> None:
        self._doc = as_doc(article)
        self._text = self._doc.text
        self._lex = _lexicon()
        self._tokenize()
        sents = self._doc.sentences
        self._sent_starts = [s.start for s in sents] or [0]
        self._quotes = self._quote_spans()
        self._headlines = self._title_case_lines()
        self._quote_starts = [q[0] for q in self._quotes]
        self._by_surname: dict[str, list[_Entity]] = {}
        self._by_first: dict[str, list[_Entity]] = {}
        self._orgs: dict[str, _Entity] = {}
        self._org_list: list[_Entity] = []
        self._descriptions: dict[str, _Entity] = {}
        self._mentions: list[_Mention] = []
        # Resolved speakers in the order they were resolved, and their positions; callers
        # resolve in article order, so the positions are usually sorted (see _history_last).
        self._history: list[tuple[int, _Entity]] = []
        self._history_at: list[int] = []
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
        result = self._analyse(s, e) if s < e else _Result(None, None, "unknown")
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
        return Speaker(
            name=result.name,
            mention=self._text[s:e],
            mention_start=s,
            mention_end=e,
            role=result.role,
            kind=result.kind,
        )

    # ------------------------------------------------------------------ tokens

    def _tokenize(self) -> None:
        # List comprehensions rather than one loop: this runs over every word of the
        # article and dominates construction time.
        # The name view of the Doc: words, periods kept after single letters ("U.S", "E.J").
        view = self._doc.name_tokens
        words = view.texts
        self._ts: list[int] = view.starts
        self._re: list[int] = view.ends  # raw end, possessive included
        self._poss: list[bool] = [w.endswith(_POSSESSIVE) and len(w) > 2 for w in words]
        # End of the word without a possessive 's.
        self._te: list[int] = [e - 2 if p else e for e, p in zip(self._re, self._poss, strict=True)]
        cores = [w[:-2] if p else w for w, p in zip(words, self._poss, strict=True)]
        self._cap: list[bool] = [
            w[0].isupper() or (w[0] in "abdel" and bool(_LOWER_NAME.match(w))) for w in cores
        ]
        lows = [w.lower() for w in cores]
        self._lower_words = {w for w, c in zip(lows, self._cap, strict=True) if not c}
        self._low: list[str] = [
            w.replace(".", "").replace("’", "'") if "." in w or "’" in w else w for w in lows
        ]
        # Only capitalised words outside the stop list can start a name; scans skip the rest.
        stop = self._lex.stop_words
        self._group_starts = [
            k
            for k, c in enumerate(self._cap)
            if c and (self._low[k] not in stop or "." in cores[k] or cores[k].isupper())
        ]

    def _joins(self, a: int, b: int) -> bool:
        """True when token `b` may continue a name that token `a` belongs to."""
        gap = self._text[self._re[a] : self._ts[b]]
        if gap in (" ", "\xa0"):
            return True
        if gap in (". ", ".\xa0"):
            word = self._low[a]
            return (
                len(word) == 1
                or word in self._lex.honorifics
                or word in self._lex.abbreviations
                or word in _ABBREV_EXTRA
                or "." in self._text[self._ts[a] : self._re[a]]
            )
        return False

    def _tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the tokens lying inside `[start, end)`."""
        return bisect_left(self._ts, start), bisect_right(self._te, end)

    def _slice(self, lo: int, hi: int) -> str:
        """Text of tokens `lo..hi-1`, whitespace normalised, possessive dropped; the period
        that closes "U.N." or "Jr." is kept."""
        end = self._te[hi - 1]
        last = self._text[self._ts[hi - 1] : end]
        if self._text[end : end + 1] == "." and ("." in last or self._low[hi - 1] in ("jr", "sr")):
            end += 1
        return " ".join(self._text[self._ts[lo] : end].split())

    # ------------------------------------------------------------------ sentences, quotes

    def _sentence_of(self, pos: int) -> int:
        return max(bisect_right(self._sent_starts, pos) - 1, 0)

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

    def _in_headline(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._headlines)

    def _quote_of(self, pos: int) -> int:
        """Index of the quotation containing `pos`, or -1."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self._quotes[i][1]:
            return i
        return -1

    # ------------------------------------------------------------------ name groups

    def _starts_group(self, k: int) -> bool:
        return self._cap[k] and self._low[k] not in self._lex.stop_words

    def _scan_groups(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Runs of capitalised tokens in `[lo, hi)`: names, titles and organisations."""
        lex = self._lex
        low, cap = self._low, self._cap
        out: list[tuple[int, int]] = []
        starts = self._group_starts
        n = bisect_left(starts, lo)
        while n < len(starts) and starts[n] < hi:
            i = starts[n]
            n += 1
            j = i + 1
            while j < hi and self._joins(j - 1, j):
                # A possessive ends a name, except inside one ("Fishermen's Association").
                if self._poss[j - 1] and not (cap[j] and low[j] in lex.org_keywords):
                    break
                word = low[j]
                if cap[j] and (word not in lex.stop_words or self._is_acronym(j)):
                    j += 1
                    continue
                nxt = j + 1 < hi and cap[j + 1] and self._joins(j, j + 1)
                if word in lex.particles and nxt:
                    j += 1
                    continue
                # "Secretary of State", "University of the South": "of" links two capitals.
                if word == "of" and (low[j - 1] in lex.titles or low[j - 1] in lex.org_keywords):
                    if nxt:
                        j += 1
                        continue
                    if (
                        j + 2 < hi
                        and low[j + 1] == "the"
                        and cap[j + 2]
                        and self._joins(j, j + 1)
                        and self._joins(j + 1, j + 2)
                    ):
                        j += 2
                        continue
                break
            while j - 1 > i and not cap[j - 1]:
                j -= 1
            out.append((i, j))
            n = bisect_left(starts, j, n)
        return out

    def _is_first_name(self, k: int) -> Gender | None:
        """'m' or 'f' for a known first name, None otherwise."""
        word = _fold(self._low[k])
        if word in self._lex.male:
            return "m"
        if word in self._lex.female:
            return "f"
        return None

    def _classify(self, i: int, j: int, floor: int) -> _Group:
        """Split group `[i, j)` into role and name and say what it names."""
        lex = self._lex
        low, cap = self._low, self._cap
        first: int | None = None
        gender: Gender | None = None
        # A known first name starts the name: "Meta CEO Mark Zuckerberg", "Howard Dean".
        for f in range(i, j - 1):
            g = self._is_first_name(f)
            if g is None or low[f] in lex.non_name:
                continue
            inner = all(
                (cap[k] and low[k] not in lex.non_name)
                or low[k] in lex.particles
                or low[k] in lex.suffixes
                for k in range(f + 1, j - 1)
            )
            last = low[j - 1]
            if inner and cap[j - 1] and last not in lex.stop_words and last not in lex.org_keywords:
                first, gender = f, g
                break
        if first is not None:
            name_lo = first
            # Initials before it ("J. Edgar Hoover"), or an unlisted first name that opens
            # the run ("Cornell William Brooks", not "Ferrera Sent Donald Trump").
            while name_lo > i and cap[name_lo - 1] and not self._poss[name_lo - 1]:
                word = low[name_lo - 1]
                if len(word) > 1 and (
                    name_lo - 1 != i
                    or word in lex.non_name
                    or word in lex.places
                    or word in lex.known_orgs
                    or self._is_acronym(name_lo - 1)
                ):
                    break
                name_lo -= 1
        else:
            name_lo = j
            while name_lo > i:
                word = low[name_lo - 1]
                if word in lex.particles and name_lo < j:
                    name_lo -= 1
                    continue
                surname_title = (
                    name_lo == j
                    and word in _SURNAME_TITLES
                    and name_lo - 2 >= i
                    and cap[name_lo - 2]
                    and low[name_lo - 2] not in lex.non_name
                )
                if not surname_title and (
                    not cap[name_lo - 1] or word in lex.non_name or word in lex.places
                ):
                    break
                name_lo -= 1
        prefix = range(i, name_lo)
        honorific = next((low[k] for k in reversed(prefix) if low[k] in lex.honorifics), None)
        if gender is None and honorific is not None:
            gender = lex.honorifics[honorific]
        role, role_lo = self._prefix_role(i, name_lo, floor) if name_lo < j else (None, i)
        titled = honorific is not None or any(low[k] in lex.role_words for k in prefix)
        kind: Literal["person", "org", "group", "none"] = "none"
        words = low[i:j]
        name_words = low[name_lo:j]
        family_first = 2 <= len(name_words) <= 3 and _fold(name_words[0]) in lex.family_first
        if name_lo < j and (first is not None or titled or role is not None or family_first):
            kind = "person"
        elif (
            any(w in lex.org_keywords for w in words)
            or any(w in lex.known_orgs for w in words)
            or (j - i == 1 and self._is_acronym(i))
        ):
            kind = "org"
        elif j - i == 1 and low[i] in lex.group_nouns:
            kind = "group"
        elif (
            name_lo < j
            and not all(w in lex.places or w in lex.not_name for w in name_words)
            and name_words[0] not in self._lower_words  # "Team Trump", "Morning Consult"
            and not self._in_headline(self._ts[i])
        ):
            kind = "person"
        if kind == "person" and name_lo == j:
            kind = "none"
        if kind == "person" and j - name_lo == 1 and self._org_context(name_lo, floor):
            kind = "org"
        evidence = first is not None or titled or role is not None or family_first
        return _Group(
            role_lo,
            i,
            j,
            name_lo,
            kind,
            gender,
            role if kind == "person" else None,
            evidence,
        )

    def _is_initialism(self, k: int) -> bool:
        """A dotted or short capitals-only abbreviation: "U.N.", "FBI", but not "PENCE"."""
        raw = self._text[self._ts[k] : self._te[k]]
        return self._is_acronym(k) and ("." in raw or len(raw) <= 3)

    def _is_acronym(self, k: int) -> bool:
        raw = self._text[self._ts[k] : self._te[k]].replace(".", "")
        return (
            2 <= len(raw) <= 6
            and raw.isupper()
            and raw.isalpha()
            and self._low[k] not in self._lex.role_words
        )

    def _org_context(self, k: int, floor: int) -> bool:
        """True when the word before token `k` calls it an organisation ("firm Gartner")."""
        if self._low[k] in self._lex.known_orgs:
            return True
        return k - 1 >= floor and self._joins(k - 1, k) and self._low[k - 1] in self._lex.org_nouns

    def _prefix_role(self, i: int, name_lo: int, floor: int) -> tuple[str | None, int]:
        """The title written before a name ("longtime Democratic pollster", "Meta CEO") and
        the token where it starts."""
        lex = self._lex
        low = self._low
        k = i
        while k - 1 >= floor and self._joins(k - 1, k):
            word = low[k - 1]
            if self._poss[k - 1]:
                k -= 1
                break
            if word == "and" and k - 2 >= floor and low[k - 2] in lex.titles:
                k -= 1
                continue
            if (
                word in lex.titles
                or word in lex.role_modifiers
                or self._hyphen_title(word)
                or (self._cap[k - 1] and word not in lex.stop_words)
            ):
                k -= 1
                continue
            break
        while k < i and low[k] in ("and",):
            k += 1
        tokens = range(k, name_lo)
        if not any(low[t] in lex.role_words or self._hyphen_title(low[t]) for t in tokens):
            return None, i
        # Honorifics at the edge of the role are not part of it ("Sen. Mr." never occurs,
        # but "Dr." after "Former President" would).
        end = name_lo
        while end > k and low[end - 1] in _PLAIN_HONORIFICS:
            end -= 1
        if end <= k:
            return None, i
        role = " ".join(self._text[self._ts[k] : self._re[end - 1]].split())
        if (
            low[k] in lex.role_modifiers
            and low[k] not in lex.not_name
            and self._sentence_initial(k)
        ):
            role = role[0].lower() + role[1:]  # "Former President" opening a sentence
        return _expand_role(role), k

    def _role_rank(self, role: str) -> int:
        """1 for a title, 2 for a bare party or relation ("Republican", "rival")."""
        words = {w.strip(".,").lower() for w in role.split()}
        return 1 if words & (self._lex.role_words - _WEAK_ROLES) else 2

    def _hyphen_title(self, word: str) -> bool:
        return "-" in word and word.rsplit("-", 1)[1] in self._lex.titles

    def _appositive_role(self, k: int) -> str | None:
        """ "Sam Altman, co-founder and CEO of OpenAI," → "co-founder and CEO of OpenAI"."""
        if self._poss[k]:
            return None
        m = _APPOSITIVE.match(self._text, self._re[k])
        if not m:
            return None
        role = m.group("role").strip()
        raw = role.split()
        words = [w.lower().strip(".,'’").removesuffix("'s").removesuffix("’s") for w in raw]
        if not words or len(words) > 16:
            return None
        # A role opens with a title, a modifier or a name ("CNN's", "Meta"), never with a
        # verb ("…, succeeded X as president") or a function word.
        lex = self._lex
        opener = words[0]
        if not (
            raw[0][0].isupper()
            or raw[0][0].isdigit()
            or opener in lex.titles
            or opener in lex.role_modifiers
            or self._hyphen_title(opener)
        ):
            return None
        if opener in lex.stop_words and not raw[0].endswith(_POSSESSIVE):
            return None
        if not any(w in lex.titles or self._hyphen_title(w) for w in words[:6]):
            return None
        return _expand_role(role)

    # ------------------------------------------------------------------ index

    def _index(self) -> None:
        """Find every name in the article, cluster people by surname, record the mentions."""
        groups = [self._classify(i, j, floor=0) for i, j in self._scan_groups(0, len(self._ts))]
        # Full names first, so that a surname met earlier ("Caddell" in a headline) still
        # finds "Pat Caddell".
        linked: list[tuple[_Group, _Entity]] = []
        for g in groups:
            if g.kind == "person" and g.hi - g.name_lo >= 2:
                linked.append((g, self._add_person(g)))
            elif g.kind == "org":
                linked.append((g, self._add_org(g)))
        linked += self._link_surnames([g for g in groups if g.kind == "person"])
        linked.sort(key=lambda pair: pair[0].lo)
        self._record_mentions(linked)
        self._vote_pronoun_gender()
        for entity in self._all_people():
            if entity.gender is None:
                m, f = entity.votes
                entity.gender = "m" if m > f else "f" if f > m else None

    def _link_surnames(self, people: list[_Group]) -> list[tuple[_Group, _Entity]]:
        """Attach one-word names ("Clinton", "Mrs. Clinton") to the people named in full."""
        in_sentence: dict[int, int] = {}
        for g in people:
            sentence = self._sentence_of(self._ts[g.lo])
            in_sentence[sentence] = in_sentence.get(sentence, 0) + 1
        linked: list[tuple[_Group, _Entity]] = []
        for g in people:
            if g.hi - g.name_lo != 1:
                continue
            pos = self._ts[g.name_lo]
            hint = g.gender
            if hint is None and in_sentence.get(self._sentence_of(pos)) == 1:
                # "President Obama … his": the pronoun keeps a lone "Michelle Obama" from
                # claiming the bare surname.
                hint = self._pronoun_gender_after(g.hi - 1)
            entity = self._lookup_single(g.name_lo, hint, pos, allow_orgs=False)
            if (
                entity is not None
                and g.evidence
                and entity.positions[0] > pos
                and not self._same_title_later(g, people)
            ):
                # "President Obama" before any full name is not the "Michelle Obama" met
                # later; an untitled headline "Caddell" still is "Pat Caddell", and a
                # headline "Mayor Ortiz" is the "Mayor Elena Ortiz" of the body.
                entity = None
            if entity is None and (g.evidence or hint is not None):
                g.gender = hint
                entity = self._add_person(g)
            if entity is not None:
                if entity.gender is None and g.gender is not None:
                    entity.gender = g.gender
                insort(entity.positions, pos)
                linked.append((g, entity))
        return linked

    def _same_title_later(self, g: _Group, people: list[_Group]) -> bool:
        """Whether a full name with `g`'s surname is given the same title later on."""
        if not g.role:
            return False
        surname = self._text[self._ts[g.name_lo] : self._te[g.hi - 1]]
        title = g.role.casefold()
        return any(
            p.hi - p.name_lo > 1
            and p.role is not None
            and p.role.casefold() == title
            and self._text[self._ts[p.hi - 1] : self._te[p.hi - 1]] == surname
            for p in people
        )

    def _record_mentions(self, linked: list[tuple[_Group, _Entity]]) -> None:
        """Roles, sentence, quotation and subjecthood of every linked name, in text order."""
        # Names inside another name's title ("Clinton" in "Clinton communication director
        # Jennifer Palmieri") are modifiers, never the subject of their sentence.
        in_titles = {t for g, _ in linked for t in range(g.role_lo, g.lo)}
        last_sentence = -1
        for g, entity in linked:
            pos = self._ts[g.name_lo] if g.name_lo < g.hi else self._ts[g.lo]
            if g.kind == "person":
                if g.role:
                    entity.add_role(self._role_rank(g.role), pos, g.role)
                appositive = self._appositive_role(g.hi - 1)
                if appositive:
                    entity.add_role(0, pos, appositive)
                for role in filter(None, (g.role, appositive)):
                    self._vote_role_gender(entity, role)
            sentence = self._sentence_of(pos)
            quote = self._quote_of(pos)
            poss = self._poss[g.hi - 1] or g.lo in in_titles or self._modifies_noun(g.hi - 1)
            subject = sentence != last_sentence and quote < 0 and not poss
            if subject:
                last_sentence = sentence
            end = self._te[g.hi - 1]
            self._mentions.append(_Mention(pos, end, entity, sentence, quote, subject, poss))

    def _modifies_noun(self, k: int) -> bool:
        """True when the name ending at token `k` qualifies a noun ("Trump supporters")."""
        nxt = k + 1
        if nxt >= len(self._ts) or self._cap[nxt] or not self._joins(k, nxt):
            return False
        word = self._low[nxt]
        lex = self._lex
        return (
            word in lex.titles
            or word in lex.group_nouns
            or word in lex.org_nouns
            or word in lex.role_modifiers
        )

    def _all_people(self) -> list[_Entity]:
        seen: dict[int, _Entity] = {}
        for bucket in self._by_surname.values():
            for e in bucket:
                seen[id(e)] = e
        return list(seen.values())

    def _pronoun_gender_after(self, k: int) -> Gender | None:
        """The gender of third-person pronouns after token `k` in its sentence, if one."""
        sentence = self._sentence_of(self._ts[k])
        end = (
            self._sent_starts[sentence + 1]
            if sentence + 1 < len(self._sent_starts)
            else len(self._text)
        )
        words = set(self._low[k + 1 : self._tok_range(self._ts[k], end)[1]])
        male, female = bool(words & _MALE_PRONOUNS), bool(words & _FEMALE_PRONOUNS)
        if male == female:
            return None
        return "m" if male else "f"

    def _vote_role_gender(self, entity: _Entity, role: str) -> None:
        for word in role.lower().split():
            if word in self._lex.female_nouns:
                entity.votes[1] += 2
            elif word in self._lex.male_nouns:
                entity.votes[0] += 2

    def _vote_pronoun_gender(self) -> None:
        """Gender from pronouns in a sentence that mentions exactly one ungendered person."""
        by_sentence: dict[int, list[_Mention]] = {}
        for m in self._mentions:
            if m.quote < 0 and m.entity.kind == "person":
                by_sentence.setdefault(m.sentence, []).append(m)
        n = len(self._sent_starts)
        for sentence, found in by_sentence.items():
            people = {id(m.entity): m.entity for m in found}
            if len(people) != 1:
                continue
            (entity,) = people.values()
            if entity.gender is not None:
                continue
            start = found[0].start
            end = self._sent_starts[sentence + 1] if sentence + 1 < n else len(self._text)
            lo, hi = self._tok_range(start, end)
            words = set(self._low[lo:hi])
            male, female = bool(words & _MALE_PRONOUNS), bool(words & _FEMALE_PRONOUNS)
            if male != female:
                entity.votes[0 if male else 1] += 1

    def _name_tokens(self, lo: int, hi: int) -> tuple[str, ...]:
        return tuple(_fold(w) for w in self._low[lo:hi])

    def _surname_keys(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        core = [t for t in tokens if t not in self._lex.suffixes] or list(tokens)
        keys = [core[-1]]
        if 2 <= len(core) <= 3 and core[0] in self._lex.family_first:
            keys.append(core[0])
        return tuple(keys)

    def _same_person(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        suffix = self._lex.suffixes
        if {t for t in a if t in suffix} != {t for t in b if t in suffix}:
            return False
        a = tuple(t for t in a if t not in suffix)
        b = tuple(t for t in b if t not in suffix)
        if not a or not b or a[-1] != b[-1]:
            return False
        if a[0] == b[0] or a == b[-len(a) :] or b == a[-len(b) :]:
            return True
        return (len(a[0]) == 1 or len(b[0]) == 1) and a[0][0] == b[0][0]

    def _add_person(self, g: _Group) -> _Entity:
        tokens = self._name_tokens(g.name_lo, g.hi)
        name = self._slice(g.name_lo, g.hi)
        keys = self._surname_keys(tokens)
        for entity in self._by_surname.get(keys[0], []):
            if len(tokens) == 1 and (
                len(entity.tokens) > 1 or entity.gender not in (None, g.gender)
            ):
                # Surname lookups already failed for this one ("President Obama" before
                # "Michelle Obama"): it is someone else.
                continue
            if self._same_person(tokens, entity.tokens):
                if len(tokens) > len(entity.tokens):
                    entity.name, entity.tokens = name, tokens
                    self._index_first(entity)
                if len(tokens) >= 2:
                    entity.full_count += 1
                entity.evidence = entity.evidence or g.evidence
                if entity.gender is None:
                    entity.gender = g.gender
                insort(entity.positions, self._ts[g.name_lo])
                return entity
        entity = _Entity(
            name=name,
            kind="person",
            tokens=tokens,
            gender=g.gender,
            evidence=g.evidence,
            full_count=1 if len(tokens) >= 2 else 0,
            positions=[self._ts[g.name_lo]],
        )
        for key in keys:
            self._by_surname.setdefault(key, []).append(entity)
        self._index_first(entity)
        return entity

    def _index_first(self, entity: _Entity) -> None:
        if len(entity.tokens) >= 2 and len(entity.tokens[0]) > 1:
            entity.first = entity.tokens[0]
            bucket = self._by_first.setdefault(entity.first, [])
            if entity not in bucket:
                bucket.append(entity)

    def _org_name(self, g: _Group) -> str:
        lo = g.lo
        while lo < g.hi - 1 and self._low[lo] in ("the",):
            lo += 1
        return self._slice(lo, g.hi)

    def _add_org(self, g: _Group) -> _Entity:
        name = self._org_name(g)
        key = name.lower()
        entity = self._orgs.get(key)
        pos = self._ts[g.lo]
        if entity is None:
            entity = _Entity(name=name, kind="organization", tokens=tuple(key.split()))
            self._orgs[key] = entity
            self._org_list.append(entity)
            words = [w for w in name.split() if w[:1].isupper()]
            if len(words) >= 2:
                self._orgs.setdefault("#" + "".join(w[0] for w in words).lower(), entity)
        insort(entity.positions, pos)
        return entity

    # ------------------------------------------------------------------ lookups

    def _pick(self, candidates: list[_Entity], gender: Gender | None, pos: int) -> _Entity | None:
        """Choose among people sharing a name: gender, then recency, then salience."""
        if gender is not None:
            candidates = [e for e in candidates if e.gender in (None, gender)]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        sentence = self._sentence_of(pos)
        recent = [
            e
            for e in candidates
            if (last := e.last_before(pos)) >= 0 and self._sentence_of(last) >= sentence - 1
        ]
        if len(recent) == 1:
            return recent[0]
        pool = recent or candidates
        return max(pool, key=lambda e: (len(e.positions), e.full_count, e.last_before(pos)))

    def _lookup_single(
        self, k: int, gender: Gender | None, pos: int, *, allow_orgs: bool = True
    ) -> _Entity | None:
        """The entity a one-word name refers to: surname, first name, organisation."""
        word = _fold(self._low[k])
        people = self._by_surname.get(word)
        if people:
            found = self._pick(people, gender, pos)
            if found is not None:
                return found
        by_first = self._by_first.get(word)
        if by_first and (self._is_first_name(k) or word not in self._by_surname):
            found = self._pick(by_first, gender, pos)
            if found is not None:
                return found
        if not allow_orgs:
            return None
        return self._lookup_org(k, pos)

    def _lookup_org(self, k: int, pos: int) -> _Entity | None:
        word = self._low[k]
        entity = self._orgs.get(word) or self._orgs.get("#" + word)
        if entity is not None:
            return entity
        if word in self._lex.org_keywords:
            ending = [e for e in self._org_list if e.tokens and e.tokens[-1] == word]
            if ending:
                return max(ending, key=lambda e: e.last_before(pos))
        return None

    def _lookup_name(self, g: _Group, pos: int) -> _Entity | None:
        """The person a (possibly multi-word) name part refers to."""
        if g.hi - g.name_lo == 1:
            return self._lookup_single(g.name_lo, g.gender, pos, allow_orgs=False)
        tokens = self._name_tokens(g.name_lo, g.hi)
        for key in self._surname_keys(tokens):
            same = [e for e in self._by_surname.get(key, []) if self._same_person(tokens, e.tokens)]
            if same:
                return self._pick(same, g.gender, pos) or same[0]
        return None

    # ------------------------------------------------------------------ resolution

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop surrounding blanks and trailing punctuation that is not an abbreviation's."""
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while start < end:
            ch = text[end - 1]
            if ch.isspace() or ch in ",;:—–-(\"“”'‘’":
                end -= 1
                continue
            if ch == ".":
                i = bisect_right(self._te, end - 1) - 1
                word = self._low[i] if i >= 0 and self._te[i] == end - 1 else ""
                raw = self._text[self._ts[i] : self._te[i]] if word else ""
                if (
                    "." in raw  # "U.S."
                    or len(word) == 1
                    or word in self._lex.abbreviations
                    or word in _ABBREV_EXTRA
                    or word in self._lex.honorifics
                    or word in ("inc", "corp", "co", "ltd")
                ):
                    break
                end -= 1
                continue
            break
        return start, end

    def _analyse(self, s: int, e: int) -> _Result:
        lex = self._lex
        lo, hi = self._tok_range(s, e)
        if lo >= hi:
            return self._part_of_word(s, e)
        while hi - lo > 2 and self._low[lo] == "at" and self._low[lo + 1] in ("least", "most"):
            lo += 2  # "at least one commentator"
        first = self._low[lo]
        if "'" in first and first.split("'")[0] in _PLURAL_PRONOUNS | _MALE_PRONOUNS:
            first = first.split("'")[0]  # "They're", "he'd"
        elif "'" in first and first.split("'")[0] in _FEMALE_PRONOUNS | _IT_PRONOUNS:
            first = first.split("'")[0]
        raw = self._text[self._ts[lo] : self._te[lo]]
        plain = raw == "I" or not (raw.isupper() or "." in raw)  # "US", "U.S." are no pronouns
        if plain and not self._poss[lo] and all(w in _PRONOUN_TAIL for w in self._low[lo + 1 : hi]):
            pronoun = self._pronoun(first, s)  # "he", "they both"
            if pronoun is not None:
                return pronoun
        if first in _LEADING_PREPOSITIONS:
            return _Result(None, None, "unknown")  # a phrase, not a source: "in an interview"
        # The head phrase ends at an appositive comma, a relative clause or a bracket.
        head_hi = hi
        appositive = None
        comma = False
        for k in range(lo, hi):
            if k > lo and self._low[k] in ("who", "whom", "whose", "which", "that", "including"):
                head_hi = k
                break
            gap = self._text[self._re[k] : self._ts[k + 1]] if k + 1 < hi else ""
            if "," in gap or "(" in gap or "—" in gap or "–" in gap:
                head_hi = k + 1
                if "," in gap:
                    comma = True
                    appositive = self._appositive_role(k)
                break
        last = head_hi - 1
        groups = self._scan_groups(lo, head_hi)
        if groups and groups[-1][1] == head_hi:
            i, j = groups[-1]
            if (not self._poss[j - 1] or j - 1 == hi - 1) and all(
                self._modifier_like(k) for k in range(lo, i)
            ):
                g = self._classify(i, j, lo)
                # "Senate Republicans" is a group described, "Associated Press" a name.
                if g.kind == "org" or self._low[last] not in lex.group_nouns:
                    return self._resolve_name(g, s, appositive)
        noun = next((k for k in range(lo + 1, head_hi) if self._low[k] in _PREPOSITIONS), head_hi)
        noun_word = self._low[noun - 1]  # "His former business partner at Lenox"
        if comma and (noun_word in lex.titles or self._hyphen_title(noun_word)):
            # "its president, Tomás Okafor": the name after the comma, the title before it.
            named = self._named_after_comma(head_hi, hi)
            if named is not None:
                start = lo
                while start < last and (
                    self._low[start] in _DETERMINERS or self._low[start] in _POSSESSIVE_PRONOUNS
                ):
                    start += 1
                role = named.role or _expand_role(self._slice(start, head_hi))
                return self._resolve_name(named, s, role)
        return self._describe(lo, head_hi, s, appositive)

    def _named_after_comma(self, lo: int, hi: int) -> _Group | None:
        """The person named by the phrase `[lo, hi)` up to its next comma, if it is a name
        with only modifiers before it ("longtime Clinton aide Huma Abedin")."""
        end = lo
        while end < hi:
            end += 1
            if end < hi and "," in self._text[self._re[end - 1] : self._ts[end]]:
                break
        groups = self._scan_groups(lo, end)
        if not groups or groups[-1][1] != end:
            return None
        i, j = groups[-1]
        if not all(self._modifier_like(k) for k in range(lo, i)):
            return None
        g = self._classify(i, j, lo)
        return g if g.kind == "person" else None

    def _part_of_word(self, s: int, e: int) -> _Result:
        """A mention cut out of a longer word ("Sanders" in "Sanders-endorsed")."""
        word = _fold(self._text[s:e].lower())
        people = self._by_surname.get(word) or self._by_first.get(word)
        if people:
            found = self._pick(people, None, s)
            if found is not None:
                return _Result(found, found.name, "person", found.role())
        org = self._orgs.get(word)
        if org is not None:
            return _Result(org, org.name, "organization")
        return _Result(None, None, "unknown")

    def _modifier_like(self, k: int) -> bool:
        """True for words that may stand before a name in one noun phrase ("Cruz
        constituent Dan Golvach"), false for the prepositions and verbs of a longer
        phrase ("a report from WKOW", "Altman also made a")."""
        word = self._low[k]
        lex = self._lex
        if self._cap[k] or self._poss[k] or word in _DETERMINERS or word == "and":
            return True
        if word in lex.titles or word in lex.role_modifiers or self._hyphen_title(word):
            return True
        return not (word in _PREPOSITIONS or word in lex.stop_words or word.endswith("ed"))

    def _resolve_name(self, g: _Group, pos: int, appositive: str | None) -> _Result:
        if g.hi - g.lo == 1 and self._is_initialism(g.lo):
            g.kind, g.name_lo = "org", g.hi  # "U.N.", "FBI": never a surname ("Kim Jong Un")
        elif g.kind == "org" and g.hi - g.lo == 1 and _fold(self._low[g.lo]) in self._by_surname:
            g.kind, g.name_lo = "person", g.lo  # "PENCE" in a transcript is Mike Pence
        if g.kind == "org" or g.name_lo == g.hi:
            entity = self._lookup_org(g.hi - 1, pos) if g.hi - g.lo == 1 else None
            if entity is None:
                entity = self._orgs.get(self._org_name(g).lower())
            if entity is None:
                entity = self._description(self._org_name(g), "organization")
            return _Result(entity, entity.name, "organization")
        entity = self._lookup_name(g, pos)
        if entity is None and g.hi - g.name_lo == 1:
            entity = self._lookup_org(g.name_lo, pos)
            if entity is not None:
                return _Result(entity, entity.name, "organization")
        if entity is None:
            if g.hi - g.lo == 1 and not g.evidence and self._common_word(g.lo):
                return self._describe(g.lo, g.hi, pos, appositive)
            name = self._slice(g.name_lo, g.hi)
            if g.kind == "group":
                entity = self._description(name, "group")
                return _Result(entity, name, "group")
            entity = _Entity(
                name=name,
                kind="person",
                tokens=self._name_tokens(g.name_lo, g.hi),
                gender=g.gender,
                evidence=g.evidence,
            )
            for key in self._surname_keys(entity.tokens):
                self._by_surname.setdefault(key, []).append(entity)
            self._index_first(entity)
        if entity.gender is None and g.gender is not None:
            entity.gender = g.gender
        for role in filter(None, (appositive, g.role)):
            entity.add_role(0 if role is appositive else self._role_rank(role), pos, role)
        return _Result(entity, entity.name, entity.kind, appositive or g.role or entity.role())

    def _description(self, name: str, kind: SpeakerKind) -> _Entity:
        key = name.lower()
        entity = self._descriptions.get(key)
        if entity is None:
            entity = _Entity(name=name, kind=kind)
            self._descriptions[key] = entity
        return entity

    def _describe(self, lo: int, hi: int, pos: int, appositive: str | None) -> _Result:
        """A source named by a description: "an OpenAI spokesperson", "his campaign"."""
        lex = self._lex
        low = self._low
        while hi - 1 > lo and low[hi - 1] in lex.stop_words and low[hi - 1] not in _DETERMINERS:
            hi -= 1  # "most Democrats today", "his speech Tuesday"
        # The head noun comes before any prepositional phrase: "small groups of protesters".
        head_k = next((k for k in range(lo + 1, hi) if low[k] in _PREPOSITIONS), hi) - 1
        while head_k > lo and low[head_k] in lex.stop_words and low[head_k] not in _DETERMINERS:
            head_k -= 1  # "a report Tuesday from WKOW"
        head = low[head_k]
        counted = any(w in _NUMBERS or w.isdigit() for w in low[lo:hi])
        if (
            head in lex.stop_words
            and head not in _DETERMINERS
            and head not in _SINGULAR_PERSON
            and head not in lex.group_nouns
            and head not in lex.titles
            and not counted
        ):
            return _Result(None, None, "unknown")
        text = " ".join(self._text[self._ts[lo] : self._te[hi - 1]].split())
        if self._common_start(lo):
            text = text[0].lower() + text[1:]
        kind = self._description_kind(head)
        if counted and (head == "one" or (kind == "unknown" and head not in lex.document_nouns)):
            kind = "group"  # "about one in five", "less than a third"
        # A possessive owner: "his campaign", "Mrs. Clinton's aides".
        for k in range(lo, head_k):
            if (k == lo and low[k] in _POSSESSIVE_PRONOUNS) or (self._poss[k] and self._cap[k]):
                owner, owner_lo = self._owner(lo, k, pos)
                if owner is not None and owner.name:
                    before = " ".join(self._text[self._ts[lo] : self._ts[owner_lo]].split())
                    if before and self._common_start(lo):
                        before = before[0].lower() + before[1:]
                    rest = " ".join(self._text[self._re[k] : self._te[hi - 1]].split())
                    name = f"{before} {owner.name}'s {rest}".lstrip()
                    entity = self._description(name, kind)
                    role = rest if kind == "person" else None
                    return _Result(entity, name, kind, appositive or role)
                break
        if low[lo] == "the" and head in lex.titles and kind == "person" and head_k == hi - 1:
            person = self._by_role(lo, hi, pos)
            if person is not None:
                return _Result(person, person.name, "person", person.role())
        if (
            low[lo] == "the"
            and head in ("company", "firm", "startup", "organization")
            and hi - lo == 2
        ):
            orgs = [
                e
                for e in self._org_list
                if e.last_before(pos) >= 0 and (len(e.tokens) == 1 or set(e.tokens) & _COMPANY)
            ]
            if orgs:
                org = max(orgs, key=lambda e: e.last_before(pos))
                return _Result(org, org.name, "organization")
        if (kind == "unknown" and head not in lex.document_nouns) or head in _BARE:
            # Not a description we can read ("Altman also made a"): a name in it will do.
            for i, j in self._scan_groups(lo, hi):
                g = self._classify(i, j, i)
                if g.kind in ("person", "org") and not self._common_word(i):
                    return self._resolve_name(g, pos, None)
            if head in _BARE:
                return _Result(None, None, "unknown")
        entity = self._description(text, kind)
        role = None
        if kind == "person" and hi - lo > 1 and head not in _SINGULAR_PERSON:
            start = lo + 1 if low[lo] in _DETERMINERS else lo
            role = _expand_role(" ".join(self._text[self._ts[start] : self._te[hi - 1]].split()))
        return _Result(entity, text, kind, appositive or role)

    def _sentence_initial(self, k: int) -> bool:
        """True when token `k` opens a sentence, a line or a quotation."""
        before = self._text[max(self._ts[k] - 2, 0) : self._ts[k]]
        sentence_start = self._sent_starts[self._sentence_of(self._ts[k])]
        return self._ts[k] == sentence_start or any(c in before for c in "\"“‘'\n")

    def _common_word(self, k: int) -> bool:
        """True for a capitalised word that is a common word here ("Repairs", "Regarding")."""
        word = self._low[k]
        if word in self._lex.stop_words:
            return True
        # Mid-sentence capitals mark names; at a sentence start they may not.
        if not self._sentence_initial(k):
            return False
        return word in self._lower_words or (word.endswith("s") and not word.endswith("ss"))

    def _common_start(self, k: int) -> bool:
        """True when token `k` is capitalised only because it starts a sentence."""
        word = self._low[k]
        lex = self._lex
        if not self._cap[k] or word in lex.not_name or word in lex.places or self._is_acronym(k):
            return False
        if (
            word in _DETERMINERS
            or word in _POSSESSIVE_PRONOUNS
            or word in lex.stop_words
            or word in lex.group_nouns
            or word in lex.document_nouns
            or word in lex.org_nouns
            or word in lex.titles
            or word in lex.role_modifiers
        ):
            return True
        if (
            word in self._by_surname
            or word in self._by_first
            or word in self._orgs
            or word in lex.known_orgs
            or self._is_first_name(k)
        ):
            return False
        return self._sentence_initial(k)

    def _description_kind(self, head: str) -> SpeakerKind:
        lex = self._lex
        if head in _SINGULAR_PERSON:
            return "person"
        if head in lex.org_nouns:
            return "organization"
        if head in lex.titles or self._hyphen_title(head):
            return "person"
        if head in lex.document_nouns:
            return "unknown"
        if (
            head in lex.group_nouns
            or head in _DETERMINERS
            or (head.endswith("s") and not head.endswith("ss"))
        ):
            return "group"
        return "unknown"

    def _owner(self, lo: int, k: int, pos: int) -> tuple[_Entity | None, int]:
        """Whose the possessive at token `k` is, and the token where the owner starts."""
        word = self._low[k]
        if word in _POSSESSIVE_PRONOUNS:
            result = self._pronoun(word, pos)
            return (result.entity if result is not None else None), k
        groups = self._scan_groups(lo, k + 1)
        if not groups:
            return None, k
        g = self._classify(*groups[-1], floor=lo)
        return self._resolve_name(g, pos, None).entity, g.lo

    def _by_role(self, lo: int, hi: int, pos: int) -> _Entity | None:
        """The person whose role matches a definite description ("the senator")."""
        head = self._low[hi - 1]
        wanted = _ROLE_SYNONYMS.get(head, frozenset({head}))
        described = set(self._low[lo:hi])
        best: tuple[int, _Entity] | None = None
        for entity in self._all_people():
            last = entity.last_before(pos)
            if last < 0 or entity.best_role is None:
                continue
            words = entity.role_words
            if any(party & described and not party & words for party in _PARTIES):
                continue  # "the Democratic candidate" is not the Republican one
            if "vice" in words and "vice" not in described:
                continue  # nor is "the Republican nominee" his running mate
            if words & wanted and (best is None or last > best[0]):
                best = (last, entity)
        return best[1] if best else None

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, word: str, pos: int) -> _Result | None:
        if word in _MALE_PRONOUNS:
            return self._person_pronoun("m", pos)
        if word in _FEMALE_PRONOUNS:
            return self._person_pronoun("f", pos)
        if word in _PLURAL_PRONOUNS:
            return self._they(pos)
        if word in _IT_PRONOUNS:
            org = self._recent_org(pos)
            if org is not None:
                return _Result(org, org.name, org.kind)
            return _Result(None, None, "unknown")
        if word in _FIRST_PRONOUNS:
            return self._first_person(pos)
        if word in _SECOND_PRONOUNS:
            return _Result(None, None, "unknown")
        if word in _RELATIVES:
            return self._relative(pos)
        return None

    def _window_start(self, pos: int) -> int:
        sentence = max(self._sentence_of(pos) - _WINDOW, 0)
        return bisect_left(self._mention_starts, self._sent_starts[sentence])

    def _history_last(self, pos: int, n: int) -> list[tuple[int, _Entity]]:
        """The last `n` resolved speakers (in resolution order) among those before `pos`."""
        if self._history_sorted:  # those before `pos` are a prefix: no need to scan them all
            i = bisect_left(self._history_at, pos)
            return self._history[max(0, i - n) : i]
        return [h for h in self._history if h[0] < pos][-n:]

    def _person_pronoun(self, gender: Gender, pos: int) -> _Result:
        sentence = self._sentence_of(pos)
        quote = self._quote_of(pos)
        scores: dict[int, tuple[float, int, _Entity]] = {}

        def add(entity: _Entity, score: float, at: int) -> None:
            old = scores.get(id(entity))
            if old is None or (score, at) > old[:2]:
                scores[id(entity)] = (score, at, entity)

        def compatible(entity: _Entity) -> bool:
            return entity.kind == "person" and entity.gender in (None, gender)

        hi = bisect_left(self._mention_starts, pos)
        for m in self._mentions[self._window_start(pos) : hi]:
            entity = m.entity
            if not compatible(entity):
                continue
            score = _RECENCY[min(sentence - m.sentence, _WINDOW)]
            score += _SUBJECT if m.subject else 0.0
            score -= _QUOTED if m.quote >= 0 and m.quote != quote else 0.0
            score -= _POSSESSOR if m.poss else 0.0
            score -= _UNGENDERED if entity.gender is None else 0.0
            score -= _UNSURE if not entity.evidence else 0.0
            add(entity, score, m.start)
        for rank, (at, entity) in enumerate(reversed(self._history_last(pos, 3))):
            if not compatible(entity):
                continue
            distance = sentence - self._sentence_of(at)
            base = _RECENCY[distance] if distance <= _WINDOW else 0.0
            old = scores.get(id(entity))
            score = old[0] if old else base - (_UNGENDERED if entity.gender is None else 0.0)
            add_bonus = _LAST_SPEAKER if rank == 0 else _RECENT_SPEAKER
            scores[id(entity)] = (score + add_bonus, max(at, old[1] if old else at), entity)
        if scores:
            entity = max(scores.values(), key=lambda t: (t[0], t[1]))[2]
        else:
            found = self._recent_person(pos, gender) or self._recent_person(pos, None)
            if found is None:
                return _Result(None, None, "unknown")
            entity = found
        if entity.gender is None:
            entity.gender = gender
        return _Result(entity, entity.name, entity.kind, entity.role())

    def _recent_person(self, pos: int, gender: Gender | None) -> _Entity | None:
        """The most recent person before `pos` anywhere in the article: the latest of the
        names found and the speakers resolved (a resolved one on a tie)."""

        def person(entity: _Entity) -> bool:
            return entity.kind == "person" and (gender is None or entity.gender in (None, gender))

        named: tuple[int, _Entity] | None = None
        for k in range(bisect_left(self._mention_starts, pos) - 1, -1, -1):
            if person(self._mentions[k].entity):
                named = (self._mentions[k].start, self._mentions[k].entity)
                break
        resolved: tuple[int, _Entity] | None = None
        if self._history_sorted:
            for k in range(bisect_left(self._history_at, pos) - 1, -1, -1):
                if person(self._history[k][1]):
                    resolved = self._history[k]
                    break
        else:  # the latest position; of equal ones, the last resolved
            for at, entity in self._history:
                if at < pos and person(entity) and (resolved is None or at >= resolved[0]):
                    resolved = (at, entity)
        if resolved is not None and (named is None or resolved[0] >= named[0]):
            return resolved[1]
        return named[1] if named is not None else None

    def _recent_org(self, pos: int, groups: bool = False) -> _Entity | None:
        """The most recent organisation (or group) within the window before `pos`."""
        kinds = ("organization", "group") if groups else ("organization",)
        best: tuple[int, _Entity] | None = None
        for at, entity in self._history_last(pos, 3):
            if entity.kind in kinds and self._sentence_of(pos) - self._sentence_of(at) <= 6:
                best = (at, entity)
        if best is not None:
            return best[1]
        hi = bisect_left(self._mention_starts, pos)
        for m in reversed(self._mentions[self._window_start(pos) : hi]):
            if m.entity.kind in kinds:
                return m.entity
        return None

    def _they(self, pos: int) -> _Result:
        # The sentence itself first ("When Microsoft and Meta met, they …"), then earlier
        # speakers and organisations, then plural nouns of the previous sentence.
        sentence = self._sentence_of(pos)
        chain = self._coordination(sentence, pos)
        if chain is not None:
            return _Result(chain, chain.name, "group")
        near = self._recent_plural(pos, sentence)
        lo = bisect_left(self._mention_starts, self._sent_starts[sentence])
        hi = bisect_left(self._mention_starts, pos)
        orgs = [m for m in self._mentions[lo:hi] if m.entity.kind == "organization"]
        if orgs and (near is None or orgs[-1].start > near[0]):
            return _Result(orgs[-1].entity, orgs[-1].entity.name, "organization")
        if near is not None:
            return _Result(near[1], near[1].name, "group")
        org = self._recent_org(pos, groups=True)
        if org is not None:
            return _Result(org, org.name, org.kind)
        earlier = self._recent_plural(pos, max(sentence - 1, 0))
        if earlier is not None:
            return _Result(earlier[1], earlier[1].name, "group")
        history = self._history_last(pos, 1)
        if history and history[-1][1].gender is None and history[-1][1].kind == "person":
            entity = history[-1][1]
            return _Result(entity, entity.name, entity.kind, entity.role())
        return _Result(None, None, "group")

    def _coordination(self, sentence: int, pos: int) -> _Entity | None:
        """Names joined by "and" before `pos` in the sentence: "Microsoft and Meta"."""
        lo = bisect_left(self._mention_starts, self._sent_starts[sentence])
        hi = bisect_left(self._mention_starts, pos)
        found = self._mentions[lo:hi]
        best: tuple[int, int] | None = None
        first, anded = 0, False
        for n in range(1, len(found) + 1):
            gap = self._text[found[n - 1].end : found[n].start] if n < len(found) else ""
            if n < len(found) and _AND.fullmatch(gap):
                # A comma alone joins a list only when an "and" closes it.
                anded = anded or "and" in gap or "&" in gap
                continue
            if n - first >= 2 and anded:
                best = (first, n - 1)
            first, anded = n, False
        if best is None:
            return None
        name = " ".join(self._text[found[best[0]].start : found[best[1]].end].split())
        return self._description(name, "group")

    def _recent_plural(self, pos: int, sentence: int) -> tuple[int, _Entity] | None:
        """The last plural noun phrase from `sentence` up to `pos` ("White House officials")."""
        lo, hi = self._tok_range(self._sent_starts[sentence], pos)
        lex = self._lex
        for k in range(hi - 1, lo - 1, -1):
            word = self._low[k]
            if word in lex.group_nouns and word not in lex.stop_words and word not in _DETERMINERS:
                if self._quote_of(self._ts[k]) >= 0:
                    continue
                start = k
                while (
                    start - 1 >= lo
                    and self._joins(start - 1, start)
                    and self._cap[start - 1]
                    and self._low[start - 1] not in lex.stop_words
                ):
                    start -= 1
                name = " ".join(self._text[self._ts[start] : self._te[k]].split())
                return self._ts[start], self._description(name, "group")
        return None

    def _first_person(self, pos: int) -> _Result:
        """ "I"/"we" inside a quotation: the speaker the quotation is attributed to."""
        quote = self._quote_of(pos)
        if quote >= 0:
            q_start, q_end = self._quotes[quote]
            after = self._text[q_end : q_end + 80].split("\n", 1)[0]
            if _REPORTING.search(after):
                found = self._speaker_near(q_end, q_end + len(after))
                if found is not None:
                    return found
            line = self._text.rfind("\n", 0, q_start) + 1
            lo = max(self._sent_starts[self._sentence_of(q_start)], line)
            if lo < q_start and _REPORTING.search(self._text[lo:q_start]):
                found = self._speaker_near(lo, q_start, last=True)
                if found is not None:
                    return found
            history = self._history_last(pos, 1)
            if history:
                entity = history[-1][1]
                return _Result(entity, entity.name, entity.kind, entity.role())
        # Outside quotation marks "I" is the writer, whom the article does not name.
        return _Result(None, None, "unknown")

    def _speaker_near(self, start: int, end: int, last: bool = False) -> _Result | None:
        """The first (or last) name or third-person pronoun in `[start, end)`."""
        lo, hi = self._tok_range(start, end)
        order = range(hi - 1, lo - 1, -1) if last else range(lo, hi)
        for k in order:
            word = self._low[k]
            if word in _MALE_PRONOUNS or word in _FEMALE_PRONOUNS:
                return self._person_pronoun("m" if word in _MALE_PRONOUNS else "f", self._ts[k])
            if self._starts_group(k):
                groups = self._scan_groups(k, hi)
                if groups:
                    g = self._classify(*groups[0], floor=k)
                    if g.kind in ("person", "org"):
                        return self._resolve_name(g, self._ts[k], None)
        return None

    def _relative(self, pos: int) -> _Result:
        """ "who"/"which"/"that": the phrase the clause attaches to."""
        k = bisect_left(self._ts, pos) - 1
        floor = self._sent_starts[self._sentence_of(pos)]
        if k < 0 or self._ts[k] < floor:
            return _Result(None, None, "unknown")
        # Walk back to the start of the noun phrase: the previous comma or clause break.
        start = k
        while start - 1 >= 0 and self._ts[start - 1] >= floor:
            gap = self._text[self._re[start - 1] : self._ts[start]]
            if any(c in gap for c in ',;:()“”"') or self._low[start - 1] in (
                "said",
                "says",
                "told",
                "and",
                "or",
                "but",
                "by",
                "to",
                "of",
                "with",
                "for",
                "from",
                "than",
                "that",
                "as",
                "is",
                "was",
                "are",
                "were",
                "on",
                "in",
                "at",
            ):
                break
            start -= 1
        word = self._low[k]
        if start == k and word in self._lex.stop_words and word not in _DETERMINERS:
            return _Result(None, None, "unknown")
        result = self._analyse(self._ts[start], self._te[k])
        return result


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    words = sorted((w for w in _lexicon().abbreviations if " " not in w), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(w.capitalize() for w in words) + r")\b\.?")


def _expand_role(role: str) -> str:
    """Spell out title abbreviations: "Minnesota Gov." → "Minnesota Governor"."""
    expansions = _lexicon().abbreviations
    return _abbreviation_pattern().sub(lambda m: expansions[m.group(1).lower()], role)
