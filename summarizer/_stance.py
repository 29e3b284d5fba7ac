"""Stance: a speaker's position toward a named target, only where the words show one.

Shared by the engines. `detect_stance` reads one quote (with its reporting clause when the
caller adds it) against the names the article gives (`candidate_targets`); `stance_rows`
folds the per-quote positions into one row per (speaker, target).

The evidence is lexical and conservative, because a wrong stance is worse than none:

- A cue (`summarizer/data/stance_lexicon.json`) counts only when a named target sits in
  the same clause in the position its grammar expects: after an attitude verb or phrase
  ("we oppose X", "proud of X"), or before a predicate or a linking verb
  ("X lied", "X is a disaster"). Pronoun targets ("we oppose it") are never guessed.
- An attitude verb whose subject is someone else named in the clause ("Jones opposes X",
  said by Smith) is that other person's position, not the speaker's: no stance.
- Negation: a negated favor cue is opposition ("we do not support X" → against); a
  negated against cue is not support ("we have no plans to sue X" → no stance, because
  declining to attack is not taking a side); a softened negation ("refused to endorse X",
  "no plans to back X") gives no stance either. Questions and `if`-clauses give none.
- `neutral` only from phrases that state no side ("declined to take a position on X",
  "neither supports nor opposes X"), which win over the cues inside them.
- Conflicting cues toward one target: what follows a contrast ("…, but X is dangerous")
  decides; without a contrast the quote gets no stance.
- Described targets: when no named target carries a position, "I"/"we" with an explicit
  verb ("I support the council's decision", "we are against this closure") gives the noun
  phrase after it, in the text's words, as the target; so does a lexicon verdict on a
  clause-opening plan, decision or measure ("The evacuation is a mistake").
- Implicit positions, when none of the above fires: the reporting cue's own side
  ("slammed", "praised"), the lexicon's cues anywhere in the quote, and, toward a target
  the quote names, the tone of its words (`summarizer._stance_tone`). The target is the one
  the quote names most, else the person last named before a "he"/"she" or a role ("the
  Texas senator"), else a measure in subject position ("such a ban"). A cue the targeted
  rules turned down for a reason that means "no side" (a question, a condition, a negation,
  someone else's attitude, a victim, an agent) vetoes all but the reporting cue.
"""

from __future__ import annotations

import dataclasses
import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from ._models import Quote, Stance, StanceLabel, StanceRow
from ._stance_tone import tone, tone_settings
from ._text import Segment, word_texts, words

if TYPE_CHECKING:
    from ._offline._doc import Doc

__all__ = ["candidate_targets", "cue_chains", "detect_stance", "speaks_for", "stance_rows"]

CueKind = Literal["verb", "phrase", "predicate", "adjective", "noun", "neutral"]

WINDOW_AFTER = 3
"""Tokens allowed between an attitude verb or phrase and the target that follows it."""
WINDOW_BEFORE = 4
"""Function tokens allowed between a target and the predicate that follows it."""
LINK_WINDOW = 8
"""Tokens allowed between a target and an adjective or noun cue joined by a linking verb."""
NEGATION_WINDOW = 4
"""How far back (in tokens, within the clause) a negator reaches a cue."""

_LEXICON_FILE = "stance_lexicon.json"


@dataclass(frozen=True, slots=True)
class _Cue:
    tokens: tuple[str, ...]
    label: StanceLabel
    kind: CueKind
    entry: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    index: dict[str, tuple[_Cue, ...]]
    no_flip: frozenset[str]
    subject_required: frozenset[str]
    negators: frozenset[str]
    soft_negators: frozenset[str]
    softeners: frozenset[str]
    not_negators: frozenset[str]
    intensifiers: frozenset[str]
    fillers: frozenset[str]
    auxiliaries: frozenset[str]
    linking: frozenset[str]
    contrast: frozenset[str]
    conditionals: frozenset[str]
    third_party: frozenset[str]
    first_person: frozenset[str]
    reported_subjects: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    # Derived sets, built once here rather than on every cue.
    subject_skip: frozenset[str] = frozenset()
    object_function: frozenset[str] = frozenset()
    object_links: frozenset[str] = frozenset()
    predicate_function: frozenset[str] = frozenset()


def _norm(token: str) -> str:
    return token.lower().replace("’", "'")


def _tokens(entry: str) -> tuple[str, ...]:
    # Lexicon entries are plain words separated by spaces, tokenised as `words` would.
    return tuple(_norm(entry).split())


def _inflect(verb: str, irregular: dict[str, list[str]]) -> set[str]:
    """Regular inflections of a verb lemma (over-generating is harmless: no such words)."""
    forms = {verb, *irregular.get(verb, ())}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        es = "es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"
        forms |= {verb + es, verb + "ed", verb + "ing"}
        if len(verb) >= 3 and verb[-1] in "bdglmnprt" and verb[-2] in "aeiou":
            # Doubled final consonant: slam → slammed, ban → banning.
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


_LITERAL_GROUPS: tuple[tuple[str, CueKind], ...] = (
    ("phrases", "phrase"),
    ("predicates", "predicate"),
    ("adjectives", "adjective"),
)


@cache
def _lexicon() -> _Lexicon:
    """The stance lexicon, read from package data once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("summarizer").joinpath("data", _LEXICON_FILE).read_text("utf-8")
    )
    irregular: dict[str, list[str]] = raw["irregular"]
    cues: dict[tuple[str, ...], _Cue] = {}

    def add(tokens: tuple[str, ...], label: StanceLabel, kind: CueKind, entry: str) -> None:
        # First entry wins: a later duplicate (same words, other list) would be ambiguous.
        if tokens and tokens not in cues:
            cues[tokens] = _Cue(tokens, label, kind, entry)

    for entry in raw["neutral"]["phrases"]:
        add(_tokens(entry), "neutral", "neutral", entry)
    for label in ("favor", "against"):
        groups: dict[str, list[str]] = raw[label]
        for entry in groups["verbs"]:
            head, *rest = _tokens(entry)
            for form in sorted(_inflect(head, irregular)):
                add((form, *rest), label, "verb", entry)
        for group, cue_kind in _LITERAL_GROUPS:
            for entry in groups[group]:
                add(_tokens(entry), label, cue_kind, entry)
        for entry in groups["nouns"]:
            toks = _tokens(entry)
            add(toks, label, "noun", entry)
            add((*toks[:-1], _plural(toks[-1])), label, "noun", entry)

    index: defaultdict[str, list[_Cue]] = defaultdict(list)
    for cue in cues.values():
        index[cue.tokens[0]].append(cue)

    def words_of(key: str) -> frozenset[str]:
        return frozenset(_norm(w) for w in raw[key])

    lex = _Lexicon(
        index={k: tuple(sorted(v, key=lambda c: -len(c.tokens))) for k, v in index.items()},
        no_flip=words_of("no_flip"),
        subject_required=words_of("subject_required"),
        negators=words_of("negators"),
        soft_negators=words_of("soft_negators"),
        softeners=words_of("softeners"),
        not_negators=words_of("not_negators"),
        intensifiers=words_of("intensifiers"),
        fillers=words_of("fillers"),
        auxiliaries=words_of("auxiliaries"),
        linking=words_of("linking_verbs"),
        contrast=words_of("contrast"),
        conditionals=words_of("conditionals"),
        third_party=words_of("third_party_subjects"),
        first_person=words_of("first_person"),
        reported_subjects=words_of("reported_subjects"),
        determiners=words_of("determiners"),
        prepositions=words_of("prepositions"),
    )
    return dataclasses.replace(
        lex,
        subject_skip=lex.auxiliaries | lex.intensifiers | lex.negators | _PRE_VERBAL,
        object_function=lex.auxiliaries
        | lex.prepositions
        | lex.determiners
        | lex.linking
        | _BARRIERS
        | _TIME_WORDS
        | {"and", "or", "but", "nor", "not"},
        object_links=lex.determiners
        | lex.intensifiers
        | lex.first_person
        | _TITLES
        | _OBJECT_LINKS,
        predicate_function=lex.auxiliaries
        | lex.intensifiers
        | lex.negators
        | lex.linking
        | lex.fillers
        | lex.determiners,
    )


# --- targets -------------------------------------------------------------------------

# Words that make a capitalised sequence an organisation, a body or a law, not a person.
_ORG_WORDS = frozenset(
    """
    department ministry agency committee council commission court party group inc corp
    corporation company co ltd llc plc bank university college institute foundation
    association union administration office bureau service services act bill law order
    board house senate congress assembly parliament center centre fund organization
    organisation network news times post journal press media club team campaign church
    hospital school authority reserve forces army navy police care security state states
    republic kingdom nations street airlines motors systems technologies labs studios
    institution city county island islands river lake bay valley park avenue square day
    week convention conference summit
    """.split()
)

# Titles before a name ("President", "CEO"): kept out of target names.
_TITLES = frozenset(
    """
    ceo cfo cto coo president sen senator gov governor rep representative congressman
    congresswoman secretary chairman chairwoman chairperson chair minister mr mrs ms dr
    judge director spokesman spokeswoman spokesperson founder co-founder cofounder mayor
    pope professor prof ambassador commissioner lt col capt sgt adm gen rev chancellor
    premier chief executive sheriff detective officer deputy sir dame lord lady king queen
    prince princess president-elect candidate nominee speaker leader justice attorney
    vice prime general
    """.split()
)
_MULTI_TITLES: tuple[tuple[str, ...], ...] = (
    ("secretary", "of", "state"),
    ("speaker", "of", "the", "house"),
    ("chief", "executive", "officer"),
    ("attorney", "general"),
    ("surgeon", "general"),
    ("secretary", "general"),
    ("prime", "minister"),
    ("vice", "president"),
    ("chief", "executive"),
    ("first", "lady"),
    ("majority", "leader"),
    ("minority", "leader"),
    ("press", "secretary"),
)
_MULTI_TITLE_HEADS = frozenset(t[0] for t in _MULTI_TITLES)
_DEMONYMS = frozenset(
    """
    american americans chinese japanese british english french german germans russian
    russians european europeans indian korean canadian mexican italian spanish israeli
    israelis palestinian palestinians iranian iraqi syrian ukrainian african asian
    australian brazilian turkish saudi arab arabs muslim muslims christian christians
    jewish catholic western eastern northern southern
    """.split()
)
_CONNECTORS = frozenset(
    {"of", "the", "for", "de", "del", "da", "van", "von", "der", "du", "la", "le", "al", "bin"}
)
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday
    """.split()
)
# Capitalised only because they open a sentence.
_LEAD_STOP = frozenset(
    """
    the a an in on at but and or so this that these those it he she we they i you his her
    its our their my your when while after before if as for with from by to of according
    however meanwhile regarding prior recently still also yet then there here what which
    who how why where some many most all both each every no not one two three first last
    next other another such than though although because since until unless despite like very
    during under over into about among between without within through further moreover
    besides wherever whenever unlike including except instead yes oh well now today
    yesterday tomorrow earlier later thus hence therefore indeed perhaps maybe even only just
    nevertheless nonetheless whatever whoever ever
    """.split()
)


# Capitalised only because they open a sentence, and never a name.
_INDEFINITES = frozenset(
    "somebody someone nobody everybody everyone anybody anyone nothing something".split()
)


# A hyphen continues a name only before a capital or digit: "Coca-Cola", "DeepSeek-R1",
# but "Trump-only" is "Trump".
_NAME = r"(?:[A-Z][\w'’&]*(?:-[A-Z0-9][\w'’&]*)*(?:\.\w+)*|[a-z][A-Z][\w'’]*)"
_CONNECTOR = r"(?:of|the|for|de|del|da|van|von|der|du|la|le|al|bin)"
# A run of capitalised words joined by spaces, "&" or hyphens, with "of"/"the"/"for"
# allowed between them ("Bank of America", "Department of the Treasury").
_NAME_RUN = re.compile(rf"(?<![\w'’]){_NAME}(?:(?: | ?& ?|-)(?:{_CONNECTOR} )*{_NAME})*")
_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*")
_TOKEN_JOINERS = "-'’.&"
_WORD_CHAR = re.compile(r"\w")


def _is_word_char(c: str) -> bool:
    return _WORD_CHAR.match(c) is not None


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_LOWER_BEFORE = re.compile(r"[\w'’-]")  # what `_LOWER_WORD` may not follow
_LOWER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")  # what its match goes on through
_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def _occurrences(article: str, word: str, holds: Callable[[int], bool], enough: int) -> int:
    """How many occurrences of `word` in `article` satisfy `holds(at)`, counted up to
    `enough` (the search stops there); 0 for an empty word."""
    count = 0
    at = article.find(word) if word else -1
    while at >= 0 and count < enough:
        count += holds(at)
        at = article.find(word, at + 1)
    return count


def _match_title(low: list[str], i: int) -> int:
    """Length of a title starting at token `i` that precedes a name, else 0."""
    if low[i] not in _TITLES and low[i] not in _MULTI_TITLE_HEADS:
        return 0
    for title in _MULTI_TITLES:
        if tuple(low[i : i + len(title)]) == title:
            return len(title)
    if low[i] not in _TITLES:
        return 0
    if i + 1 >= len(low):
        # "the CEO said": a title with no name after it is no name either.
        return 1
    # "Justice Department", "General Motors": the capital word is part of a name.
    return 0 if low[i + 1].removesuffix("'s") in _ORG_WORDS else 1


def candidate_targets(article: str) -> list[str]:
    """Capitalised name-like sequences in `article` (people, bodies, places, laws), longest first.

    Titles ("President", "CEO"), a leading "the", possessive "'s", sentence-opening function
    words, months and demonyms are left out; "Sam Altman" and "Altman" both appear when the
    article uses both, longest first.
    """

    def opens_sentence(pos: int) -> bool:
        # After terminal punctuation, a colon, a quotation mark, a line break or a comma
        # with no space ("but,Judging"): places where a capital says nothing about a name.
        k = pos - 1
        while k >= 0 and article[k] in " \t":
            k -= 1
        while k >= 0 and article[k] in "\"'”’»)":
            k -= 1
        return k < 0 or article[k] in '.!?…:;"“‘(\n' or (article[k] == "," and k == pos - 1)

    @cache
    def written_lower(low: str) -> bool:
        # Whether `low` is a whole `_LOWER_WORD` match of the article: read from its own
        # occurrences, not from the set of every lower-case word. A match cannot start
        # inside another (the lookbehind refuses what a match goes on through), so an
        # occurrence is one when the lookbehind holds and no match character follows.
        if not _LOWER_WORD.fullmatch(low):
            return False

        def whole(at: int) -> bool:
            end = at + len(low)
            return (at == 0 or not _LOWER_BEFORE.match(article, at - 1)) and (
                end == len(article) or article[end] not in _LOWER_CHARS
            )

        return _occurrences(article, low, whole, 1) == 1

    @cache
    def stands_twice(word: str) -> bool:
        # Whether `word` is a whole `_TOKEN` match of the article at least twice: read from
        # its own occurrences, as `capitalised_inside`, not by counting every token of the
        # article. `_TOKEN` scans left to right, so a match starts at a word character
        # unless a word character or a joiner after one comes before it (the match before
        # would have gone on through it); from there it is the word if it ends with it.
        # Cached: a word asked about again (every "U.S." of an article opening sentences
        # with it) would otherwise rescan the article each time.

        def token(at: int) -> bool:
            before = article[at - 1] if at else " "
            joined = before in _TOKEN_JOINERS and at > 1 and _is_word_char(article[at - 2])
            if _is_word_char(before) or joined:
                return False
            m = _TOKEN.match(article, at)
            return m is not None and m.end() == at + len(word)

        return _occurrences(article, word, token, 2) == 2

    @cache
    def capitalised_inside(word: str) -> bool:
        # Whether `word` is a whole `_CAPITAL_WORD` match somewhere inside a sentence. Found
        # from the word's own occurrences, for the few words asked about: testing every
        # capital of the article for a sentence start cost more than the rest of this.
        # A match starts wherever `.match` finds one (a capital inside a longer run fails
        # the lookbehind), and it is the word when it ends where the word does.

        def inside(at: int) -> bool:
            m = _CAPITAL_WORD.match(article, at)
            return m is not None and m.end() == at + len(word) and not opens_sentence(at)

        return _occurrences(article, word, inside, 1) == 1

    def common_word(word: str, pos: int) -> bool:
        # A capital at a sentence start hides a common word ("Distillation is …", "Recently"):
        # the article uses it in lower case too, or it has an adverb/participle ending and
        # never stands capitalised inside a sentence.
        if not opens_sentence(pos):
            return False
        if written_lower(word.lower()):
            return True
        if not word.lower().endswith(("ly", "ing", "ed")):
            return False
        return not capitalised_inside(word)

    def lone_opener(word: str, pos: int) -> bool:
        # A one-word name standing once, at a sentence start, and never capitalised inside
        # a sentence is a common word there ("Fear.", "Second, …", "Yep.", "Don't"), unless
        # it names a measure.
        if not opens_sentence(pos):
            return False
        if word.lower().endswith(("n't", "n’t")):
            return True
        if len(word) >= 7 and word.lower().endswith(_MEASURE_SUFFIXES):
            return False  # "Sequestration severely handicapped …": a measure, a target
        if stands_twice(word):
            return False
        return not capitalised_inside(word)

    found: dict[str, int] = {}

    def keep(toks: list[re.Match[str]], possessive: bool) -> None:
        low = [_norm(t.group()) for t in toks]
        while (
            len(toks) > 1
            and opens_sentence(toks[0].start())
            and (low[0] in _LEAD_STOP or common_word(toks[0].group(), toks[0].start()))
        ):
            toks, low = toks[1:], low[1:]
        while toks and low[0] in _CONNECTORS:
            toks, low = toks[1:], low[1:]
        while toks and low[-1] in _CONNECTORS:
            toks, low = toks[:-1], low[:-1]
        if not toks or any(
            w in _LEAD_STOP and t.group()[:1].isupper()
            for w, t in zip(low[1:], toks[1:], strict=True)
        ):
            return  # "Who Called For …": a title-case headline, not a name
        start, end = toks[0].start(), toks[-1].end()
        if possessive:
            end -= 2
        elif "." in toks[-1].group() and article[end : end + 1] == ".":
            end += 1  # "U.S." keeps its final dot
        if len(toks) == 1:
            w = low[0].removesuffix("'s")
            if (
                len(w) < 2
                or w.isdigit()
                or w in _CALENDAR
                or w in _TITLES
                or w in _LEAD_STOP
                or w.split("'")[0] in _LEAD_STOP  # "I'm", "We're", "They've"
                or w in _INDEFINITES
                or common_word(article[start:end], start)
                or lone_opener(article[start:end], start)
            ):
                return
        elif all(t.group().isupper() for t in toks):
            return  # "FORT MERRILL —": a dateline or a headline in capitals, not a name
        found.setdefault(article[start:end], start)

    for run in _NAME_RUN.finditer(article):
        toks = list(_TOKEN.finditer(article, run.start(), run.end()))
        low = [_norm(t.group()) for t in toks]
        part: list[re.Match[str]] = []
        i = 0
        while i < len(toks):
            width = _match_title(low, i)
            if width or (low[i] in _DEMONYMS and len(toks) == 1):
                keep(part, False)
                part = []
                i += width or 1
                continue
            part.append(toks[i])
            if low[i].endswith("'s"):
                keep(part, True)
                part = []
            i += 1
        keep(part, False)
    return sorted(found, key=lambda n: (-len(n.split()), -len(n), found[n]))


@dataclass(frozen=True, slots=True, eq=False)
class _Targets:
    pattern: re.Pattern[str] | None
    canonical: dict[str, str]


@lru_cache(maxsize=4096)  # read for every name the context before a quote gives
def _person_like(name: str) -> bool:
    parts = name.split()
    return (
        2 <= len(parts) <= 4
        and all(p[:1].isupper() for p in parts)
        and not any(_norm(p).strip(".") in _ORG_WORDS for p in parts)
        and _norm(parts[-1]) not in _DEMONYMS  # "African Americans": a people, no person
        and not any(_norm(p) in _CALENDAR for p in parts)  # "Florida Friday"
    )


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, grouped by first character: it
    matches as the flat alternation does (the same words in the same order wherever a
    character can start one), but each position tries only the words that start with its
    character. The words must not differ by the case of their first character alone."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
        for first, group in by_first.items()
    )


@lru_cache(maxsize=256)
def _target_matcher(targets: tuple[str, ...]) -> _Targets:
    """Aliases → canonical target, longest target first, so "Altman" resolves to "Sam Altman"."""
    canonical: dict[str, str] = {}
    surname_of: dict[str, str] = {}
    ambiguous: set[str] = set()
    ordered = sorted(
        {t.strip() for t in targets if t.strip()}, key=lambda t: (-len(t.split()), -len(t), t)
    )
    for target in ordered:
        forms = [target]
        if target.lower().startswith("the ") and len(target) > 4:
            forms.append(target[4:])
        for form in forms:
            canonical.setdefault(form, target)
        if _person_like(target):
            surname = target.split()[-1]
            if len(surname) >= 3:
                if surname in surname_of and surname_of[surname] != target:
                    ambiguous.add(surname)  # two Clintons: the surname names neither
                surname_of.setdefault(surname, target)
    for surname, target in surname_of.items():
        if surname in ambiguous:
            if canonical.get(surname) != surname:
                canonical.pop(surname, None)
        elif canonical.get(surname, surname) == surname:
            canonical[surname] = target
    if not canonical:
        return _Targets(None, {})
    pattern = re.compile(rf"(?<!\w)(?:{_alternation(canonical)})(?!\w)")
    return _Targets(pattern, canonical)


# --- detection -----------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"""[.;:!?…]+(?=[\s"'”’»)\]]|$)|[—–]|\s--\s""")
_TERMINAL = re.compile(r"""[.!?]+(?=[\s"'”’»)\]]|$)""")


@dataclass(frozen=True, slots=True)
class _Mention:
    first: int
    last: int
    target: str
    possessive: bool


@dataclass(frozen=True, slots=True)
class _Hit:
    target: str
    label: StanceLabel
    start: int
    end: int
    token: int


_EXPLAIN = frozenset("explain explains explained explaining".split())


class _Doc:
    """One text, tokenised, with clause, question and quotation state per token.

    Clause and question state are computed on first use: most quotes stop at "no target
    named here" or "no cue here", before either is needed.
    """

    def __init__(self, text: str, lex: _Lexicon, toks: list[Segment] | None = None) -> None:
        self.text = text
        self.lex = lex
        # `_norm` of each word, inlined. Without `toks` the words' offsets wait until a
        # rule reads them: most quotes hold no cue, and their words' texts are enough.
        if toks is None:
            self.low = [w.lower().replace("’", "'") for w in word_texts(text)]
        else:
            self.toks = toks
            self.low = [t.text.lower().replace("’", "'") for t in toks]

    @cached_property
    def toks(self) -> list[Segment]:
        """The words of the text with their offsets (`summarizer._text.words`)."""
        return words(self.text)

    @cached_property
    def clause(self) -> list[int]:
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.text)]
        breaks += [
            t.start for t, w in zip(self.toks, self.low, strict=True) if w in self.lex.contrast
        ]
        breaks.sort()
        return [bisect_right(breaks, t.start) for t in self.toks]

    @cached_property
    def question(self) -> list[bool]:
        terminals = [(m.start(), m.group()) for m in _TERMINAL.finditer(self.text)]
        ends = [p for p, _ in terminals]
        out = []
        for t in self.toks:
            k = bisect_right(ends, t.start)
            out.append(k < len(terminals) and "?" in terminals[k][1])
        return out

    @cached_property
    def _quoted(self) -> list[bool]:
        # The marks before each token counted in one pass: counting the whole prefix at
        # every cue was quadratic in a long quote.
        out: list[bool] = []
        straight = curly = pos = 0
        text = self.text
        for t in self.toks:
            straight += text.count('"', pos, t.start)
            curly += text.count("“", pos, t.start) + text.count("«", pos, t.start)
            curly -= text.count("”", pos, t.start) + text.count("»", pos, t.start)
            pos = t.start
            out.append(straight % 2 == 1 or curly > 0)
        return out

    def quoted(self, i: int) -> bool:
        """Whether token `i` stands inside quotation marks opened earlier in the text: an
        odd number of straight double marks before it, or more opening than closing curly
        double marks (and guillemets)."""
        return self._quoted[i]

    def clause_start(self, i: int) -> int:
        """The first token of token `i`'s clause (clause numbers never decrease)."""
        return bisect_left(self.clause, self.clause[i])

    @cached_property
    def _conditionals_before(self) -> list[int]:
        out = [0]
        prev = ""
        for w in self.low:
            # "explained why he backs X" asserts that he does: the reason, not a question.
            explained = w == "why" and prev in _EXPLAIN
            out.append(out[-1] + (w in self.lex.conditionals and not explained))
            prev = w
        return out

    def has_conditional(self, lo: int, hi: int) -> bool:
        """Whether a conditional ("if", "why", …) stands among tokens `[lo, hi)`."""
        return lo < hi and self._conditionals_before[hi] > self._conditionals_before[lo]

    def same_clause(self, a: int, b: int) -> bool:
        return self.clause[a] == self.clause[b]


def _is_negator(doc: _Doc, lex: _Lexicon, k: int) -> bool:
    w = doc.low[k]
    if w not in lex.negators and not w.endswith("n't"):
        return False
    nxt = doc.low[k + 1] if k + 1 < len(doc.low) else ""
    return nxt not in lex.not_negators


def _negation(doc: _Doc, lex: _Lexicon, i: int) -> tuple[Literal["hard", "soft"] | None, int]:
    """('hard' | 'soft' | None, token index of the negator) for the cue at token `i`."""
    lo = max(0, i - NEGATION_WINDOW)
    window = [k for k in range(lo, i) if doc.same_clause(k, i)]
    negators = [k for k in window if _is_negator(doc, lex, k)]
    soft = any(doc.low[k] in lex.soft_negators for k in window)
    if negators:
        if soft or any(doc.low[k] in lex.softeners for k in window if k > negators[0]):
            return "soft", negators[0]
        return "hard", negators[0]
    if soft:
        return "soft", i
    return None, i


def _subject(doc: _Doc, lex: _Lexicon, i: int) -> int | None:
    """The nearest token before `i` in its clause that is not an auxiliary or adverb."""
    skip = lex.subject_skip
    k = i - 1
    while k >= 0 and doc.same_clause(k, i) and i - k <= 6:
        w = doc.low[k]
        if w not in skip and not w.endswith(("n't", "ly")):
            return k
        k -= 1
    return None


# Between a subject and its verb: "she is willing to vote for X", "we are ready to back X".
_PRE_VERBAL = frozenset(
    """
    willing ready able trying planning expected likely set prepared eager happy proud going
    about to decided chose vowed pledged promised intend intends intended plan plans
    """.split()
)


class _Veto:
    """A cue the rules read and turned down for a reason that says "no side": a question,
    a condition, a negation, someone else's attitude, a victim ("X was betrayed"), an agent
    ("an attack from X") or the object of a noun ("the attack on X"). The quote's tone must
    not then take a side anyway."""


_VETO = _Veto()


def _evaluate(
    doc: _Doc,
    lex: _Lexicon,
    i: int,
    e: int,
    cue: _Cue,
    mentions: list[_Mention],
    speaker_tokens: set[int],
) -> _Hit | _Veto | None:
    """The stance one cue match carries; `_VETO` when a reason that says "no side" rules it
    out; None when it simply finds no target in its grammatical place."""
    if doc.question[i]:
        return _VETO
    clause_start = doc.clause_start(i)
    if doc.has_conditional(clause_start, i):
        return _VETO  # "if X wins, we back him", "why they shouldn't vote for X": not asserted

    target: _Mention | None
    if cue.kind in ("verb", "phrase", "neutral"):
        target = _target_after(doc, lex, e, mentions)
        if target is None:
            return _VETO if _agent_after(doc, e, mentions) else None
        if cue.kind != "neutral" and not _speaker_is_subject(
            doc, lex, i, clause_start, cue, mentions, speaker_tokens
        ):
            return _VETO
    else:
        target = _target_before(doc, lex, i, cue, mentions)
        if target is None:
            return _VETO if _victim_or_object_before(doc, lex, i, cue, mentions) else None

    if cue.kind == "neutral":
        return _Hit(target.target, "neutral", doc.toks[i].start, doc.toks[e].end, i)
    strength, neg_at = _negation(doc, lex, i)
    label: StanceLabel = cue.label
    if strength is not None:
        if cue.label == "against" or strength == "soft" or cue.entry in lex.no_flip:
            return _VETO
        label = "against"
    start = doc.toks[min(neg_at, i)].start
    return _Hit(target.target, label, start, doc.toks[e].end, i)


def _agent_after(doc: _Doc, e: int, mentions: list[_Mention]) -> bool:
    """Whether the first target after the cue ending at `e` is its agent ("an attack from X",
    "criticised by X")."""
    n = bisect_right(mentions, e, key=_first)
    if n >= len(mentions):
        return False
    m = mentions[n]
    return (
        m.first - e - 1 <= WINDOW_AFTER
        and doc.same_clause(m.first, e)
        and any(doc.low[k] in ("from", "by") for k in range(e + 1, m.first))
    )


def _victim_or_object_before(
    doc: _Doc, lex: _Lexicon, i: int, cue: _Cue, mentions: list[_Mention]
) -> bool:
    """Whether the target just before the cue at `i` is its victim ("X was betrayed") or the
    object of a preposition ("the attack on X was despicable"), not what it judges."""
    n = bisect_left(mentions, i, key=_last) - 1
    window = WINDOW_BEFORE if cue.kind == "predicate" else LINK_WINDOW
    if n < 0 or i - mentions[n].last - 1 > window or not doc.same_clause(mentions[n].last, i):
        return False
    m = mentions[n]
    if m.first > 0 and doc.low[m.first - 1] in lex.prepositions and doc.same_clause(m.first - 1, i):
        return True
    between = [doc.low[k] for k in range(m.last + 1, i)]
    return (
        cue.kind == "predicate"
        and cue.tokens[0].endswith("ed")
        and any(w in _BE_FORMS for w in between)
    )


# Words that end the object of an attitude verb: what follows them is not its target
# ("attack from X" names the attacker, "vote for her than for X" compares).
_BARRIERS = frozenset(
    """
    by from than until unless because since after before when while if whether which who
    whom whose where that in at during across throughout around near inside outside into
    within
    """.split()
)
_OBJECT_LINKS = frozenset("of on to for with against about what all both your".split())
_BE_FORMS = frozenset("be been being is are was were am get gets got".split())
_TIME_WORDS = frozenset("today yesterday tomorrow now again too also then tonight".split())


def _target_after(doc: _Doc, lex: _Lexicon, e: int, mentions: list[_Mention]) -> _Mention | None:
    """The named object of the cue ending at token `e`: the head of the noun phrase after it."""
    function = lex.object_function
    between_ok = lex.object_links
    # Mentions are in text order; only the first one after the cue is ever examined.
    for n in range(bisect_right(mentions, e, key=_first), len(mentions)):
        m = mentions[n]
        if m.first - e - 1 > WINDOW_AFTER or not doc.same_clause(m.first, e):
            return None
        # Only determiners, titles and the like may stand between: after a content word
        # ("welcomed extradition to X", "support the repeal of X") X is not the object.
        if any(
            doc.low[k] in _BARRIERS or (doc.toks[k].text.islower() and doc.low[k] not in between_ok)
            for k in range(e + 1, m.first)
        ):
            return None
        # "Republican presidential nominee Donald Trump": the last name is the head.
        for n_later in range(n + 1, len(mentions)):
            later = mentions[n_later]
            between = range(m.last + 1, later.first)
            gap = doc.text[doc.toks[m.last].end : doc.toks[later.first].start]
            if (
                len(between) > 3
                or not doc.same_clause(m.last, later.first)
                or any(not (c.isspace() or c.isalnum() or c in "-'’.") for c in gap)
                or m.possessive
                or not all(
                    doc.low[k] in _TITLES
                    or (doc.toks[k].text.islower() and doc.low[k] not in function)
                    for k in between
                )
            ):
                break
            m = later
        nxt = m.last + 1
        if (
            not m.possessive
            and nxt < len(doc.toks)
            and doc.same_clause(nxt, m.last)
            and doc.toks[nxt].text.isalpha()
            and doc.toks[nxt].text.islower()
            and doc.low[nxt] not in function
            and not doc.low[nxt].endswith("ly")
            and doc.toks[nxt].start == doc.toks[m.last].end + 1
        ):
            return None  # "the Texas program", "his Board role": X only modifies the object
        return m
    return None


def _speaker_is_subject(
    doc: _Doc,
    lex: _Lexicon,
    i: int,
    clause_start: int,
    cue: _Cue,
    mentions: list[_Mention],
    speaker_tokens: set[int],
) -> bool:
    """False when the attitude plainly belongs to someone other than the speaker."""
    if i > 0 and doc.same_clause(i - 1, i) and doc.low[i - 1] in lex.determiners:
        return False  # "the attack on X", "their support for X": a noun, someone's act
    if (
        cue.kind == "verb"
        and cue.tokens[0].endswith("ed")
        and any(doc.low[k] in _BE_FORMS for k in range(max(clause_start, i - 4), i))
    ):
        return False  # "X, which is seen as aligned with Y": a passive describes, not takes

    def ours(k: int) -> bool:
        # "I"/"we", or in reported speech "he"/"she" outside quotation marks: the speaker
        # (he "rejects X's comments": the marks open after the subject).
        w = doc.low[k]
        return w in lex.first_person or (w in lex.reported_subjects and not doc.quoted(k))

    # "Jones opposes X", or "Soros regretted supporting X", said by Smith: the subject is
    # another named source, unless "I"/"we" or the speaker comes between.
    # Mentions are in text order, so the last one ending before the cue starts latest and
    # leaves the fewest tokens before it: if any mention of the clause qualifies, it does.
    n = bisect_left(mentions, i, key=_last) - 1
    if n >= 0:
        m = mentions[n]
        if clause_start <= m.first and not any(
            k in speaker_tokens or ours(k) for k in range(m.last + 1, i)
        ):
            return False
    k = _subject(doc, lex, i)
    if k is None:
        # The text opens with the cue: the caller passed the reporting clause ("criticized
        # X"), whose subject is the speaker.
        return clause_start == 0
    if doc.low[k] in lex.third_party:
        return False
    if doc.quoted(k) and doc.low[k] in lex.reported_subjects:
        return False  # inside quotation marks, "she" is someone the speaker talks about
    if cue.entry in lex.subject_required:
        return k in speaker_tokens or ours(k)
    return True


def _target_before(
    doc: _Doc, lex: _Lexicon, i: int, cue: _Cue, mentions: list[_Mention]
) -> _Mention | None:
    """The named subject a predicate, adjective or noun cue is said of."""
    function = lex.predicate_function
    window = WINDOW_BEFORE if cue.kind == "predicate" else LINK_WINDOW
    # Only the last mention ending before the cue is ever examined.
    for n in range(bisect_left(mentions, i, key=_last) - 1, -1, -1):
        m = mentions[n]
        if i - m.last - 1 > window or not doc.same_clause(m.last, i):
            return None
        if (
            m.first > 0
            and doc.low[m.first - 1] in lex.prepositions
            and doc.same_clause(m.first - 1, i)
        ):
            return None  # "the attack on X was despicable": X is not the subject
        between = list(range(m.last + 1, i))
        # "X's plan is dangerous": the possessor stands for what it owns.
        lead = 0
        if m.possessive:
            while lead < min(2, len(between)) and doc.low[between[lead]] not in function:
                lead += 1
        rest = [doc.low[k] for k in between[lead:]]
        if any(w not in function and not w.endswith("n't") for w in rest):
            return None
        if cue.kind == "predicate":
            if cue.tokens[0].endswith("ed") and any(w in _BE_FORMS for w in rest):
                return None  # "X was betrayed": X is the victim, not the culprit
            return m
        # "Clinton's genuine empathy" praises Clinton; "Louisiana's crisis" is no verdict on it.
        linked = any(w in lex.linking for w in rest) or (
            m.possessive and not between and cue.kind == "adjective"
        )
        return m if linked else None
    return None


def _first(m: _Mention) -> int:
    return m.first


def _last(m: _Mention) -> int:
    return m.last


def _mentions(
    doc: _Doc, matcher: _Targets, self_targets: frozenset[str]
) -> tuple[list[_Mention], set[int]]:
    """Target mentions (token ranges) and the tokens that name the speaker."""
    if matcher.pattern is None:
        return [], set()
    starts = [t.start for t in doc.toks]
    out: list[_Mention] = []
    speaker_tokens: set[int] = set()
    for m in matcher.pattern.finditer(doc.text):
        first = bisect_right(starts, m.start()) - 1
        last = bisect_right(starts, m.end() - 1) - 1
        if first < 0:
            continue
        target = matcher.canonical[m.group()]
        if target in self_targets:
            speaker_tokens.update(range(first, last + 1))
            continue
        possessive = doc.low[last].endswith("'s") and doc.toks[last].end > m.end()
        out.append(_Mention(first, last, target, possessive))
    return out, speaker_tokens


def _speaker_words(speaker: str | None) -> set[str]:
    if not speaker:
        return set()
    return {w for w in re.findall(r"[\w.'’-]+", speaker) if w[:1].isupper() and len(w) >= 2}


@lru_cache(maxsize=1024)
def _self_targets(matcher: _Targets, speaker: str | None) -> frozenset[str]:
    """The targets that name the speaker (or the body they speak for)."""
    words_ = _speaker_words(speaker)
    return frozenset(t for t in set(matcher.canonical.values()) if _is_self(t, speaker, words_))


def _is_self(target: str, speaker: str | None, speaker_words: set[str]) -> bool:
    if speaker is None:
        return False
    if target == speaker:
        return True
    target_words = {w for w in target.split() if w[:1].isupper()}
    return bool(target_words and speaker_words) and (
        target_words <= speaker_words or speaker_words <= target_words
    )


@cache
def _cue_heads() -> dict[str, tuple[frozenset[str], tuple[_Cue, ...]]]:
    """First word → the second words of its cues, and its one-word cues in index order."""
    return {
        first: (
            frozenset(c.tokens[1] for c in cues if len(c.tokens) > 1),
            tuple(c for c in cues if len(c.tokens) == 1),
        )
        for first, cues in _lexicon().index.items()
    }


def _match_cues(doc: _Doc, lex: _Lexicon, blocked: set[int]) -> list[tuple[int, int, _Cue]]:
    """Non-overlapping cue matches: longest first, neutral phrases before polar cues."""
    n = len(doc.low)
    found: list[tuple[int, int, _Cue]] = []
    index = lex.index
    for i in [k for k, w in enumerate(doc.low) if w in index]:  # words that open a cue
        if i in blocked:
            continue
        cues = index[doc.low[i]]
        # A cue's second word stands within the next three tokens (two intensifiers may come
        # first): checked on a slice before the walk below, which most cues fail. Common
        # first words ("has", "is", "a", "the") open dozens of cues: when none of their
        # second words is ahead, only the one-word cues are left to try.
        ahead = doc.low[i + 1 : i + 4]
        seconds, singles = _cue_heads()[doc.low[i]]
        if seconds.isdisjoint(ahead):
            cues = singles
        for cue in cues:
            if len(cue.tokens) > 1 and cue.tokens[1] not in ahead:
                continue
            j = i
            for want in cue.tokens[1:]:
                k = j + 1
                # "a total disaster", "a big fan of": intensifiers may sit inside a cue.
                while (
                    k < n and doc.low[k] != want and doc.low[k] in lex.intensifiers and k - j <= 2
                ):
                    k += 1
                if k >= n or doc.low[k] != want or k in blocked or not doc.same_clause(k, i):
                    break
                j = k
            else:
                found.append((i, j, cue))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2].kind != "neutral", f[0]))
    taken: set[int] = set()
    chosen: list[tuple[int, int, _Cue]] = []
    for i, j, cue in found:
        span = range(i, j + 1)
        if any(k in taken for k in span):
            continue
        taken.update(span)
        chosen.append((i, j, cue))
    return sorted(chosen, key=lambda f: f[0])


def _resolve(doc: _Doc, lex: _Lexicon, hits: list[_Hit]) -> _Hit | None:
    """One position from the hits toward one target: unanimous, or settled by a contrast."""
    labels = {h.label for h in hits}
    polar = [h for h in hits if h.label != "neutral"]
    if len(labels) == 1:
        return hits[0]
    if len({h.label for h in polar}) == 1:
        return polar[0]  # a stated side outweighs a stated non-commitment in the same quote
    last = polar[-1]
    contrasts = [k for k, w in enumerate(doc.low) if w in lex.contrast and k < last.token]
    if contrasts:
        pivot = contrasts[-1]
        after = [h for h in polar if h.token > pivot]
        before = [h for h in polar if h.token < pivot]
        if before and len({h.label for h in after}) == 1:
            return after[0]
    return None


def detect_stance(
    text: str,
    *,
    targets: Sequence[str],
    speaker: str | None = None,
    cue: str | None = None,
    quote: str | None = None,
    context: str = "",
    article: Doc | None = None,
    start: int = 0,
) -> Stance | None:
    """The position `text` takes toward one of `targets`, or None without evidence.

    Targeted rules first: an attitude verb, a verdict or a predicate with a named target in
    its grammatical place. Without a named target, a side stated in the first person toward a
    described one ("I support the council's decision") gives that noun phrase, in the text's
    words, as the target. Failing both, the quote's tone (`_tone_stance`): the side of the
    reporting `cue` ("slammed", "praised"), else of lexicon cues anywhere in the `quote`
    (its content, without the reporting clause; default `text`), else of its evaluative
    words, toward the target the quote names or, for "he"/"she", the last person named in
    `context` (the article before the quote).

    `article`, when given, is the segmented article `text` was cut from at `start`: its
    words are read from there rather than tokenised again.
    """
    if not text.strip():
        return None
    stance, vetoed = _targeted_stance(text, targets, speaker, article, start)
    if stance is not None:
        return stance
    content = text if quote is None else quote
    reported = _first_person_stance(content, _REPORTED_FP_PATTERN)
    if reported is not None:
        return reported
    desired = _desired_stance(cue, content, text)
    if desired is not None:
        return desired
    rest = _without_sentences(content, vetoed) if vetoed else content
    return _tone_stance(content, rest, targets, speaker, cue, context)


def _targeted_stance(
    text: str,
    targets: Sequence[str],
    speaker: str | None,
    article: Doc | None = None,
    start: int = 0,
) -> tuple[Stance | None, tuple[str, ...]]:
    """The stance the targeted rules find, and the sentences of `text` where they turned a
    cue down for a reason that says "no side" (`_Veto`); all of `text` when they found cues
    that conflict."""
    lex = _lexicon()
    matcher = _target_matcher(tuple(targets))
    if matcher.pattern is None:
        return _described_stance(text), ()
    self_targets = _self_targets(matcher, speaker)
    if not any(
        matcher.canonical[m.group()] not in self_targets for m in matcher.pattern.finditer(text)
    ):
        # The common case: no target named but the speaker, nothing to tokenise (on a long
        # quote of a long article, tokenising it only to find that was most of the work).
        return _described_stance(text), ()
    toks = None
    if article is not None and article.text[start : start + len(text)] == text:
        toks = article.words_in(start, start + len(text))
    doc = _Doc(text, lex, toks)
    speaker_words = _speaker_words(speaker)
    mentions, speaker_tokens = _mentions(doc, matcher, self_targets)
    if not mentions:
        return _described_stance(text), ()
    speaker_tokens |= {
        k
        for k, t in enumerate(doc.toks)
        if t.text.removesuffix("'s").removesuffix("’s") in speaker_words
    }
    blocked = {k for m in mentions for k in range(m.first, m.last + 1)}
    hits: defaultdict[str, list[_Hit]] = defaultdict(list)
    vetoed: list[str] = []
    for i, e, cue in _match_cues(doc, lex, blocked):
        hit = _evaluate(doc, lex, i, e, cue, mentions, speaker_tokens)
        if isinstance(hit, _Hit):
            hits[hit.target].append(hit)
        elif hit is _VETO:
            vetoed.append(_sentence_at(text, doc.toks[i].start))
    if not hits:
        return _described_stance(text), tuple(vetoed)
    # The target with the most evidence; on a tie, the one the quote reaches first.
    target, found = min(hits.items(), key=lambda kv: (-len(kv[1]), kv[1][0].token))
    chosen = _resolve(doc, lex, found)
    if chosen is None:
        return None, (text,)
    stance = Stance(target=target, label=chosen.label, evidence=text[chosen.start : chosen.end])
    return stance, ()


def _sentence_at(text: str, pos: int) -> str:
    """The sentence of `text` around character `pos` (terminal punctuation bounds it)."""
    lo = max((m.end() for m in _TERMINAL.finditer(text, 0, pos)), default=0)
    end = _TERMINAL.search(text, pos)
    return text[lo : end.end() if end else len(text)].strip()


def _without_sentences(text: str, sentences: Sequence[str]) -> str:
    """`text` without `sentences`: a cue turned down for a reason that says "no side" ("if
    Trump is elected", "Trump started attacking Latinos") speaks for its sentence only."""
    kept = []
    lo = 0
    for m in [*_TERMINAL.finditer(text), None]:
        hi = m.end() if m else len(text)
        part = text[lo:hi].strip()
        if part and not any(part in v or v in part for v in sentences):
            kept.append(part)
        lo = hi
    return " ".join(kept)


# --- first-person positions toward a described target -----------------------------------

# "I support the council's decision", "we are against this closure": the speaker states a
# side in so many words, toward a noun phrase the article describes rather than names.
# Deliberately narrow (a wrong stance costs more trust than a miss): the subject is "I" or
# "we", the verb is one of a few explicit ones, and its object opens with a determiner or a
# possessive, so "we oppose it" and "I support that we wait" give nothing.
_FP_VERBS: dict[str, StanceLabel] = {
    "support": "favor",
    "back": "favor",
    "welcome": "favor",
    "praise": "favor",
    "applaud": "favor",
    "endorse": "favor",
    "oppose": "against",
    "reject": "against",
    "condemn": "against",
    "criticise": "against",
    "criticize": "against",
    "denounce": "against",
    "deplore": "against",
    "vote for": "favor",
    "votes for": "favor",
    "voted for": "favor",
    "vote against": "against",
    "votes against": "against",
    "voted against": "against",
}
_FP_PHRASES: dict[str, StanceLabel] = {
    "against": "against",
    "opposed to": "against",
    "in favor of": "favor",
    "in favour of": "favor",
}
_FP_ADVERBS = (
    r"(?:do|does|did|will|would|'ll|’ll|'d|’d|must|should|can|could|continue to|also|still"
    r"|all|both|really|strongly|fully|firmly|totally|completely|wholeheartedly|absolutely"
    r"|certainly|very|much|warmly|unequivocally|categorically|utterly|roundly|not|never"
    r"|n't|n’t)"
)
_FP_BE = r"(?:am|are|'m|’m|'re|’re|remain|stand|were|was)"


def _fp_pattern(subject: str, before: str) -> re.Pattern[str]:
    return re.compile(
        before + r"(?P<subj>" + subject + r")(?P<mods>(?:(?:\s+|(?=['’]))" + _FP_ADVERBS + r")*)"
        r"(?:\s+|(?=['’]))"
        r"(?:(?P<verb>" + "|".join(_FP_VERBS) + r")(?:s|d|ed)?"
        r"|" + _FP_BE + r"(?P<bemods>(?:\s+" + _FP_ADVERBS + r")*)\s+"
        r"(?P<phrase>" + "|".join(p.replace(" ", r"\s+") for p in _FP_PHRASES) + r"))"
        r"\s+(?P<np>(?:the|this|that|these|those|our|their|his|her|its|your|my|any|every)\s"
        r"[^.,;:!?—–()\[\]\"“”]*)"
    )


_FP_PATTERN = _fp_pattern(r"I|[Ww]e", r"(?<![\w'’])")
# Reported speech: "(that) she would vote against any budget …" — the clause's subject is
# the speaker when it opens the content in lower case (a direct quote's "He" is someone
# else).
_REPORTED_FP_PATTERN = _fp_pattern(r"he|she|they", r"^\W*(?:that\s+)?")
_NP_WORD = re.compile(r"[\w][\w'’-]*")
# Words that end a noun phrase: what follows them is a clause, a complement or an adjunct.
_NP_STOP = frozenset(
    """
    and or but nor because since as if when while whether which who whom whose where that
    than to in on at for of with without by from about after before until unless into over
    under through is are was were be been being will would should could can may might must
    has have had do does did not so we i you he she they it them us him
    """.split()
)
_NP_FIRST = frozenset("the this that these those our their his her its your my any every".split())
_NP_ENDS_NOT = _NP_STOP | _NP_FIRST
NP_MAX_WORDS = 7
"""Words a described target may have, its determiners and one "of" included."""


def _noun_phrase(span: str) -> str | None:
    """The noun phrase opening `span` (determiner first), in its own words, or None.

    One "of" may extend it ("the repeal of the law", "any kind of tax"); a stop word,
    punctuation or NP_MAX_WORDS words end it.
    """
    kept: list[re.Match[str]] = []
    after_of = False
    for m in _NP_WORD.finditer(span):
        word = _norm(m.group())
        if kept and span[kept[-1].end() : m.start()].strip():
            break  # punctuation between words ends the phrase
        if kept and word == "of" and not after_of and "of" not in (_norm(k.group()) for k in kept):
            after_of = True
        elif kept and (word in _NP_STOP or (word in _NP_FIRST and not after_of)):
            break
        else:
            after_of = False
        kept.append(m)
        if len(kept) >= NP_MAX_WORDS:
            break
    while kept and _norm(kept[-1].group()) in _NP_ENDS_NOT:
        kept.pop()  # "the repeal of" or "the repeal of the": no object after all
    if len(kept) < 2 or _norm(kept[-1].group()).endswith("ly"):
        return None
    return span[kept[0].start() : kept[-1].end()]


def _described_stance(text: str) -> Stance | None:
    """A position toward a described (not named) target: first person first, then a verdict."""
    return _first_person_stance(text) or _described_subject_stance(text)


def _first_person_stance(text: str, pattern: re.Pattern[str] = _FP_PATTERN) -> Stance | None:
    """A stance stated in the first person (or by `pattern`'s subject) toward a described
    target, or None."""
    if pattern is _FP_PATTERN and "I" not in text and "we" not in text.lower():
        return None
    found: dict[str, list[tuple[StanceLabel, int, int]]] = defaultdict(list)
    for m in pattern.finditer(text):
        if _in_question_or_condition(text, m.start(), m.end()):
            continue
        mods = (m.group("mods") or "") + " " + (m.group("bemods") or "")
        negated = bool(re.search(r"\b(?:not|never)\b|n['’]t\b", mods))
        if m.group("verb"):
            label = _FP_VERBS[m.group("verb").lower()]
        else:
            label = _FP_PHRASES[" ".join(m.group("phrase").lower().split())]
        if negated:
            # "we do not support X" is opposition; "we do not oppose X" is no side.
            if label == "against" or re.search(r"\b(?:would|could|might)\b", mods):
                continue
            label = "against"
        target = _noun_phrase(m.group("np"))
        if target is None:
            continue
        found[target].append((label, m.start("subj"), m.start("np") + len(target)))
    return _agreed(text, found)


# "pushed for the closure", "called for more information about …", "Democrats want
# policies that create more revenue": who asks for something takes its side. The cue must
# end in the verb (its object is the content) and the content be a noun phrase: "wants to
# …", "called for him to resign" or "urged Congress to act" give nothing.
_DEMAND_CUE = re.compile(
    r"(?:^|\s)(?:wants?|wanted|wanting|demands?|demanded|demanding"
    r"|(?:calls?|called|calling|push|pushes|pushed|pushing|press|presses|pressed|pressing"
    r"|asks?|asked|asking|argues?|argued|arguing|advocates?|advocated|advocating)\s+for)$",
    re.IGNORECASE,
)
_NOT_AN_OBJECT = frozenset(
    """
    to that if whether what why how who whom when where which it he she they we i you him
    them us me there here not no so as and but or yet nor with without across for from in
    on at by of because while although though after before during since until given
    """.split()
)
# An auxiliary before any relative word makes the content a clause ("Texas was called for
# Cruz"), not a thing asked for ("policies that would create revenue" stays one).
_CLAUSE_VERBS = frozenset(
    "is are was were am be been has have had will would can could shall should must may "
    "might did does do".split()
)
_RELATIVES = frozenset("that which who whom whose where".split())
DEMAND_MAX_WORDS = 12
"""Words an object may have when it is the whole content ("policies that create more
revenue in the immediate term", "the notion that the episode should be water under the
bridge"); a longer one is cut to its noun phrase."""


def _desired_stance(cue: str | None, content: str, text: str = "") -> Stance | None:
    """Favor toward what a demand or wish cue ("called for", "wants") asks for, or None.

    `text` is the cue and content as the article gives them: a "to" between them ("wants
    to take America backward") makes the content an action, not a thing.
    """
    if not cue or not _DEMAND_CUE.search(cue.strip()) or _negated_cue(cue):
        return None
    at, to = text.find(cue), text.find(content)
    if at >= 0 and at + len(cue) <= to and re.search(r"\bto\b", text[at + len(cue) : to]):
        return None
    target = _object_phrase(content)
    return None if target is None else Stance(target=target, label="favor", evidence=cue.strip())


def _negated_cue(cue: str) -> bool:
    lex = _lexicon()
    return any(
        w in lex.negators or w in lex.soft_negators or w.endswith("n't")
        for w in (_norm(t.text) for t in words(cue))
    )


def _object_phrase(content: str) -> str | None:
    """`content` as the noun phrase a cue takes as its object ("the closure", "policies
    that create more revenue"), in its words; None when it is a clause, an infinitive, a
    pronoun, a question, or an object with its own infinitive ("Ann Lee to resign")."""
    thing = content.strip().strip("\"'“”‘’").rstrip(".,;:!").strip()
    found = [_norm(w) for w in _NP_WORD.findall(thing)]
    if len(found) < 2 or found[0] in _NOT_AN_OBJECT or "?" in thing:
        return None
    for w in found:
        if w in _RELATIVES:
            break
        if w in _CLAUSE_VERBS:
            return None
    if "to" in found[1:4]:
        return None  # "want Trump to resign": the wish is the clause, not Trump
    phrase = _noun_phrase(thing)
    if len(found) <= DEMAND_MAX_WORDS and not any(c in thing for c in ".;:!"):
        return thing
    return phrase


# "The evacuation is a mistake", "the mill is a good idea": a verdict on a described
# subject, which must open its sentence or clause (so "the man who said the plan is bad"
# gives nothing) and be followed by a plain linking verb and a lexicon adjective or noun.
_DESCRIBED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?;:\"“”‘’—–(\n])\s*|(?<=,)\s+(?:and|but)\s+|(?<=\s)(?:and|but)\s+)"
    r"(?P<np>(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ur|[Tt]heir|[Yy]our)\s[^.,;:!?—–()\"“”]*?)"
    r"\s+(?:is|was|are|were|remains|looks|sounds)\s+(?P<pred>[^.,;:!?—–()\"“”]+)"
)
_VERDICT_KINDS = frozenset({"adjective", "noun"})
_VERDICT_ENDS = frozenset("for to of in on at and but because since with from by as".split())
# What a verdict may be passed on: decisions, plans and measures, not the weather or the
# economy ("the economy is weak" describes; "the closure is a mistake" takes a side).
_MEASURE_HEADS = frozenset(
    """
    plan plans decision decisions deal deals proposal proposals bill bills law laws rule rules
    policy policies order orders project projects idea ideas move vote ruling scheme program
    programme budget tax taxes tariff tariffs ban cuts cut levy increase hike merger sale
    offer agreement treaty reform reforms strategy approach initiative measure measures
    closure shutdown repeal legislation regulation regulations mandate sanctions stadium
    pipeline
    """.split()
)
_MEASURE_SUFFIXES = ("tion", "sion", "ment", "sal", "val", "ure")


def _agreed(text: str, found: dict[str, list[tuple[StanceLabel, int, int]]]) -> Stance | None:
    """The stance toward the target with the most hits (ties: the earliest), as its first
    hit's label and evidence; None when there is none or its hits disagree."""
    if not found:
        return None
    target, hits = min(found.items(), key=lambda kv: (-len(kv[1]), kv[1][0][1]))
    if len({h[0] for h in hits}) != 1:
        return None
    label, start, end = hits[0]
    return Stance(target=target, label=label, evidence=text[start:end])


def _verdict(pred: str) -> tuple[StanceLabel, str] | None:
    """The label and words of a lexicon verdict opening `pred`, or None (negated: None)."""
    lex = _lexicon()
    low = [_norm(w) for w in re.findall(r"[\w][\w'’-]*", pred)]
    k = 0
    while k < len(low) and (low[k] in lex.determiners or low[k] in lex.intensifiers):
        k += 1
    if k >= len(low):
        return None
    for cue in lex.index.get(low[k], ()):
        if cue.kind not in _VERDICT_KINDS or tuple(low[k : k + len(cue.tokens)]) != cue.tokens:
            continue
        end = k + len(cue.tokens)
        if cue.kind == "adjective" and end < len(low) and low[end] not in _VERDICT_ENDS:
            end += 1  # "the right answer", "a terrible plan": the adjective's noun
        # "the right time to act", "a good deal of money": the cue only modifies.
        if end == len(low) or (low[end] in _VERDICT_ENDS and low[end] not in ("to", "of")):
            return cue.label, " ".join(low[k:end])
    return None


def _described_subject_stance(text: str) -> Stance | None:
    """A verdict stated on a described subject ("The evacuation is a mistake"), or None."""
    found: dict[str, list[tuple[StanceLabel, int, int]]] = defaultdict(list)
    for m in _DESCRIBED_SUBJECT.finditer(text):
        np_text = m.group("np")
        if len(np_text.split()) > 4 or _noun_phrase(np_text) != np_text:
            continue  # a clause, not a noun phrase: "The fact that we wait"
        head = _norm(np_text.split()[-1])
        if head not in _MEASURE_HEADS and not head.endswith(_MEASURE_SUFFIXES):
            continue
        if _in_question_or_condition(text, m.start("np"), m.end()):
            continue
        verdict = _verdict(m.group("pred"))
        if verdict is None:
            continue
        label, words_ = verdict
        end = text.lower().find(words_, m.start("pred"))
        found[np_text].append((label, m.start("np"), end + len(words_) if end >= 0 else m.end()))
    return _agreed(text, found)


def _in_question_or_condition(text: str, start: int, end: int) -> bool:
    """Whether the sentence around `[start, end)` asks, or the clause before it supposes."""
    rest = _TERMINAL.search(text, end)
    if rest is not None and "?" in rest.group():
        return True
    if rest is None and text.rstrip().endswith("?"):
        return True
    before = _CLAUSE_BREAK.split(text[:start])[-1].lower()
    return bool(re.search(r"\b(?:if|unless|whether|why|would you|should we)\b", before))


# --- tone: implicit positions ----------------------------------------------------------

# "According to the report …", "the poll showed …", "45 percent": data, not a position.
_PERCENT = re.compile(r"\d\s*(?:%|percent\b|per cent\b)")
_HE_SHE = re.compile(r"(?<![\w'’])(?:he|him|his|she|her|he's|she's)(?![\w'’])", re.IGNORECASE)
# "(that) he was disappointed": in reported speech the clause's subject is the speaker. In
# a direct quote ("He is a disgrace") a capital "He" is someone else.
_REPORTED_SUBJECT = re.compile(
    r"^\W*(?:that\s+)?(?:(?:if|when|because|although|while|since|as)\s+)?(?:he|she)(?![\w'’])"
)
# "the billionaire businessman", "the Texas senator", "the former president": a person the
# article named before, as "he" or "she" would be.
_ROLE_NOUNS = _TITLES | frozenset(
    """
    businessman businesswoman billionaire mogul developer candidate nominee front-runner
    frontrunner incumbent challenger neurosurgeon lawmaker politician congressman
    congresswoman councilman councilwoman commander-in-chief host star actor tycoon
    """.split()
)
# Up to three words between a determiner and the head, none of them a determiner or a word
# that ends a noun phrase ("the legislature had cut": "had" is a verb, "cut" no head).
_NOT_MODIFIERS = _alternation(_NP_STOP | _NP_FIRST | {"such", "a", "an"})
_MODIFIERS = rf"(?:(?!(?:{_NOT_MODIFIERS})\s)[\w'’-]+\s+){{0,3}}"


def _reference(determiners: str, heads: frozenset[str]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w'’])(?:{determiners})\s+{_MODIFIERS}(?P<head>{_alternation(heads)})(?![\w-])",
        re.IGNORECASE,
    )


_ROLE_REFERENCE = _reference("the|this|that", _ROLE_NOUNS)
# "such a ban", "the nuclear deal", "this plan": a measure the article describes, named in
# the quote's own words when no name is at hand.
_MEASURE_REFERENCE = _reference(
    "the|this|that|these|those|such an?|an?|his|her|their|its|our",
    frozenset(_MEASURE_HEADS | {_plural(h) for h in _MEASURE_HEADS}),
)


@cache
def _cue_sides() -> dict[str, StanceLabel]:
    """Word form → side, for reporting cues whose verb takes one ("slammed", "praised")."""
    out: dict[str, StanceLabel] = {}
    for first, cues in _lexicon().index.items():
        for c in cues:
            if c.kind == "verb" and len(c.tokens) == 1:
                out.setdefault(first, c.label)
    for verb in tone_settings().against_cues:
        for form in sorted(_inflect(verb, {})):
            out.setdefault(form, "against")
    return out


def _cue_side(cue: str | None) -> StanceLabel | None:
    """The side a reporting cue takes by itself ("slamming", "applauded"); None when it
    takes none or is negated ("did not endorse", "declined to criticise")."""
    if not cue:
        return None
    lex = _lexicon()
    low = [_norm(t.text) for t in words(cue)]
    if any(w in lex.negators or w in lex.soft_negators or w.endswith("n't") for w in low):
        return None
    sides = _cue_sides()
    return next((sides[w] for w in low if w in sides), None)


def _lexicon_side(text: str) -> tuple[tuple[StanceLabel, str] | None, bool]:
    """The side the stance lexicon's cues take anywhere in `text`, whatever they are said of,
    and whether any cue was there at all.

    The side is the majority of the asserted cues (negation as in `_evaluate`), with the
    first one's words as evidence; None on a tie, or when every cue was negated or asked
    ("we will not sue X"): the lexicon has then read the words, and said no side.
    """
    lex = _lexicon()
    doc = _Doc(text, lex)
    found: list[tuple[StanceLabel, str]] = []
    seen = False
    for i, e, cue in _match_cues(doc, lex, set()):
        if cue.kind == "neutral" or cue.entry in lex.subject_required:
            continue  # "against", "ban", "back": only their grammar tells a side
        if cue.kind == "verb" and _not_an_act(doc, lex, i, cue):
            continue
        seen = True
        if doc.question[i]:
            continue
        strength, _ = _negation(doc, lex, i)
        label: StanceLabel = cue.label
        if strength is not None:
            if label == "against" or strength == "soft" or cue.entry in lex.no_flip:
                continue
            label = "against"
        found.append((label, text[doc.toks[i].start : doc.toks[e].end]))
    counts = Counter(label for label, _ in found)
    if counts["favor"] == counts["against"]:
        return None, seen
    side: StanceLabel = "favor" if counts["favor"] > counts["against"] else "against"
    return (side, next(words_ for label, words_ in found if label == side)), seen


def _not_an_act(doc: _Doc, lex: _Lexicon, i: int, cue: _Cue) -> bool:
    """Whether the attitude verb at `i` is used as a noun ("the attack on the depot", "in
    honor of") or in the passive ("the plan had been approved"): it then names someone's act
    or describes, rather than takes a side."""
    before = doc.low[max(0, i - 3) : i]
    if before and (before[-1] in lex.determiners or before[-1] in lex.prepositions):
        return True
    return cue.tokens[0].endswith("ed") and any(w in _BE_FORMS for w in before)


def _tone_target(
    text: str, targets: Sequence[str], speaker: str | None, context: str
) -> tuple[str, bool] | None:
    """What an implicit position is about, and whether `text` names it: the target `text`
    refers to most (first on a tie), not the speaker; else a measure it describes.

    A "he"/"she" refers to the person the quote names (the one it names most), or, when it
    names none, to the last person `context` names (a role, "the Texas senator", likewise):
    "Fear. I am afraid that Donald Trump will win. … He has spread hate" is about Trump,
    "He is obsessed with Mexico" about the person named before, not about Mexico.
    """
    matcher = _target_matcher(tuple(targets))
    if matcher.pattern is None:
        return None
    self_targets = _self_targets(matcher, speaker)
    # "the Texas senator" is a person, not Texas: names inside a role are not counted.
    roles = [m.span() for m in _ROLE_REFERENCE.finditer(text) if m.group("head").islower()]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    subject = False  # a named target opens a sentence: the quote speaks of it
    for m in matcher.pattern.finditer(text):
        target = matcher.canonical[m.group()]
        if target not in self_targets and not any(a <= m.start() < b for a, b in roles):
            counts[target] += 1
            first.setdefault(target, m.start())
            before = text[: m.start()].rstrip(" \t\n\"'“”‘’")
            subject = subject or not before or before[-1] in ".!?;:"
    refs = len(_HE_SHE.findall(_REPORTED_SUBJECT.sub("", text, 1))) + len(roles)
    named = [t for t in counts if _person_like(t)]
    if refs and named:
        counts[min(named, key=lambda t: (-counts[t], first[t]))] += refs
    elif refs and context:
        person = _last_person(context, matcher, self_targets)
        if person is not None and not subject and (not counts or refs > max(counts.values())):
            return person, False
    if counts:
        return min(counts, key=lambda t: (-counts[t], first[t])), True
    measure = _measure_reference(text)
    return (measure, False) if measure else None


# "― Sonya Herridge, 24, Texas" under a pull quote: the signature names who said the quote
# above, not whom the next one is about.
_SIGNATURE = re.compile(r"(?:^|\n|[\"”’]\s*)[―—–]\s*$")


# "spoke in Des Moines": a name after a preposition of place is a place.
_PLACE_BEFORE = re.compile(r"(?<![\w'’])(?:in|at|near|across|throughout)\s+$")


def _last_person(context: str, matcher: _Targets, self_targets: frozenset[str]) -> str | None:
    """The last person `context` names, not the speaker and not in a quote's signature."""
    assert matcher.pattern is not None
    # Paragraph by paragraph from the end, rather than every name of the context: no alias
    # holding a line break, no match crosses one, so the matches from a paragraph's start
    # (lookbehinds still see the text before it) are those of a scan from the context's.
    whole = any("\n" in alias for alias in matcher.canonical)
    hi = len(context)
    while True:
        lo = 0 if whole else context.rfind("\n", 0, hi) + 1
        found = []
        for m in matcher.pattern.finditer(context, lo):
            if m.start() >= hi:
                break
            found.append(m)
        for m in reversed(found):
            target = matcher.canonical[m.group()]
            if (
                target not in self_targets
                and _person_like(target)
                and not _SIGNATURE.search(context, max(0, m.start() - 4), m.start())
                and not _PLACE_BEFORE.search(context, max(0, m.start() - 8), m.start())
            ):
                return target
        if lo == 0:
            return None
        hi = lo - 1


def _measure_reference(text: str) -> str | None:
    """The first plan, decision or measure `text` describes as the subject of a clause
    ("that such a ban would be …"), in its words. An object ("they ignored a cheaper plan")
    is not what the clause judges."""
    for m in _MEASURE_REFERENCE.finditer(text):
        before = text[: m.start()].rstrip(" \t\n\"'“”‘’")
        if not before or before[-1] in ".,;:!?—–(" or _norm(before.split()[-1]) == "that":
            return m.group()
    return None


def _without_names(text: str, targets: Sequence[str]) -> str:
    """`text` with the names it gives replaced by "someone": a name is no evaluation
    ("Northwind Energy", "the Justice Department", "Liberty University")."""
    matcher = _target_matcher(tuple(targets))
    return text if matcher.pattern is None else matcher.pattern.sub("someone", text)


def _tone_stance(
    text: str,
    rest: str,
    targets: Sequence[str],
    speaker: str | None,
    cue: str | None,
    context: str,
) -> Stance | None:
    """An implicit position: the reporting cue's side; else the lexicon's anywhere in
    `rest` (`text` without the sentences where the targeted rules turned a cue down for a
    reason that says "no side"); else, toward a target the quote names and unless it reports
    data (reporting cues, percentages), the tone of `rest`'s words. None without a target."""
    cue_label = _cue_side(cue)
    if cue_label is not None and cue:
        found = _tone_target(text, targets, speaker, context)
        if found is None:
            # "rejected the notion that …": a sided cue, toward the object it names.
            obj = _object_phrase(text)
            return None if obj is None else Stance(target=obj, label=cue_label, evidence=cue)
        return Stance(target=found[0], label=cue_label, evidence=cue)
    # The target of what is left: "We have no plans to sue X. We will build excellent
    # products" says nothing of X once the turned-down sentence is gone.
    found = _tone_target(rest, targets, speaker, context) if rest.strip() else None
    if found is None:
        return None
    target, named = found
    plain = _without_names(rest, targets)
    side, seen = _lexicon_side(plain)
    # The tone of the words alone is weaker evidence: only toward a target the quote names.
    if side is None and not seen and named:
        cue_words = {_norm(t.text) for t in words(cue)} if cue else set()
        if cue_words & tone_settings().reporting_cues or _PERCENT.search(text):
            return None
        read = tone(plain)
        side = (read.label, read.evidence) if read is not None else None
    if side is None:
        return None
    return Stance(target=target, label=side[0], evidence=side[1])


# --- aggregation ---------------------------------------------------------------------


_CHAIN_GAP = re.compile(r"[\s,;]*(?:(?:and|but)\s+)?(?:also\s+|then\s+|later\s+)?")
"""What may stand between one attribution's content and the next one's cue when both are
verbs of one clause: "X has shown fury toward Y, slamming …", "X rejected …, saying …"."""


def cue_chains(article: str, quotes: Sequence[Quote]) -> list[list[int]]:
    """Group `quotes` (in article order) into chains of one speaker's coordinated cues.

    Quote nesting gives each coordinated or participial cue its own quote ("Carson has
    shown fury toward Cruz's campaign, slamming the Texas senator …" is two), where PolNeAR
    annotates one attribution and one position. The position is usually carried by one
    link only (the "slamming", the "saying that …"), so the chain's links share it.
    Returns lists of indexes into `quotes`; a quote outside any chain is a chain of one.
    """
    chains: list[list[int]] = []
    for i, q in enumerate(quotes):
        if chains and i > 0:
            prev = quotes[i - 1]
            same = q.speaker.name is None or q.speaker.name == prev.speaker.name
            if (
                same
                and prev.speaker.name is not None
                and q.cue_start is not None
                and q.cue_start >= prev.end
                and _CHAIN_GAP.fullmatch(article, prev.end, q.cue_start)
            ):
                chains[-1].append(i)
                continue
        chains.append([i])
    return chains


_TARGET_DETERMINER = re.compile(
    r"^(?:the|this|that|these|those|our|their|his|her|its|my|your)\s+", re.IGNORECASE
)


def _target_key(target: str) -> str:
    """A target without its leading determiner, case-folded: "this closure" and "the
    closure" (or "the Clean Air Plan" and "Clean Air Plan") are one noun phrase."""
    return _TARGET_DETERMINER.sub("", target.strip()).casefold()


def speaks_for(role: str | None, target: str) -> bool:
    """Whether `target` is the organisation the speaker's `role` says they speak or work for
    ("co-founder and CEO of OpenAI", "Microsoft CEO" and the target "OpenAI", "Microsoft")."""
    if not role:
        return False
    key = _target_key(target)
    if not key or not key[:1].isalnum():
        return False
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", role.casefold()) is not None


def stance_rows(quotes: Sequence[Quote]) -> list[StanceRow]:
    """One row per (speaker name, target) over quotes with a stance, sorted by speaker, target.

    Targets that differ only in a leading determiner ("the closure", "this closure") or case
    are one row, under the fullest form the quotes give.

    Label: the majority of favor vs against quotes; explicit neutral quotes count only when
    the speaker takes no side anywhere, since a stated position outweighs a declined one.
    A favor/against tie goes to the speaker's last quote in article order, read as the
    position the article leaves them holding; every quote stays listed in `quote_ids`.
    """
    groups: defaultdict[tuple[str, str], list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.stance is None or not q.speaker.name:
            continue
        groups[(q.speaker.name, _target_key(q.stance.target))].append(q)
    rows: list[StanceRow] = []
    for (speaker, _), members in groups.items():
        members.sort(key=lambda q: (q.start, q.end))
        # "the closure" and "this closure" are one target: the row gives its fullest form,
        # the first the article uses on a tie.
        target = max(
            (q.stance.target for q in members if q.stance is not None),
            key=lambda t: (len(t.split()), len(_target_key(t))),
        )
        counts = Counter(q.stance.label for q in members if q.stance is not None)
        label: StanceLabel
        if counts["favor"] > counts["against"]:
            label = "favor"
        elif counts["against"] > counts["favor"]:
            label = "against"
        elif counts["favor"] == 0:
            label = "neutral"
        else:
            last = next(
                q.stance.label
                for q in reversed(members)
                if q.stance is not None and q.stance.label != "neutral"
            )
            label = last
        rows.append(
            StanceRow(
                speaker=speaker, target=target, label=label, quote_ids=[q.id for q in members]
            )
        )
    rows.sort(key=lambda r: (r.speaker.casefold(), r.speaker, r.target.casefold(), r.target))
    return rows
