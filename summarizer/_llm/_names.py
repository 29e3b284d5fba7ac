"""The model's speaker names, held to the article's: one name per person, the article's form.

Models name speakers in their own words: a title glued on ("OpenAI CEO Sam Altman"), an
honorific ("Mr. Altman"), a company suffix ("Microsoft Corp."), a first name from what they
know ("Mark Zuckerberg" where the article says "Meta CEO Zuckerberg"). None of that is a
reason to lose a quote, and none of it may reach the output as the speaker's name: the
contract's `speaker.name` is the fullest name the article gives, with titles in `role`.

`SpeakerNames.resolve` finds the model's name in the article, nearest the quote: the
name's last proper word (its surname, or an organisation's name) is looked for first,
widened to the words before it that the article also has. That occurrence is then resolved
by the offline engine's `SpeakerResolver`, so both engines name a person the same way:
"Altman", "Mr. Altman" and "OpenAI CEO Sam Altman" are all "Sam Altman" when the article
names him so, with his role. A name of which no proper word is in the article is nobody the
article knows: the quote is kept with its speaker unknown. The resolver indexes the whole
article, so it is built only when a name needs it: a name the article has as it stands,
whole words all capitalised and no fuller form before it, is its own canonical form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._models import SpeakerKind
from .._offline._doc import Doc, as_doc
from .._offline._speaker_words import lexicon
from .._offline._speakers import SpeakerResolver

__all__ = [
    "NAME_WORD",
    "ArticleWords",
    "Resolved",
    "SpeakerNames",
    "Words",
    "canonicalise",
    "is_pronoun",
    "whole_word_positions",
]

NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
"""A word of a name: a letter, then letters, digits, apostrophes, periods or hyphens."""
_LETTER = re.compile(r"[^\W\d_]")  # what a `NAME_WORD` starts with
_NOT_NAMES = frozenset(
    "a an the of and or for at in on to by with from its his her their our my your".split()
)
# A speaker "name" made of these alone is a pronoun the model did not resolve.
_PRONOUNS = frozenset("i me we us you he him she her they them it one".split())
_DETERMINERS = frozenset("a an the".split())
# Put before a name by models, never part of it: the resolver reads the article's own titles.
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame".split())
# Put after a name by models ("Microsoft Corp.", "Jr."); the article's form wins.
_COMPANY_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc gmbh ag sa nv group "
    "holdings jr sr ii iii".split()
)
# How far (characters) before a found word the article's preceding words are compared.
_WIDEN_REACH = 80


@dataclass(frozen=True, slots=True)
class Resolved:
    """The article's name for the speaker the model named (None: nobody the article knows)."""

    name: str | None
    role: str | None = None
    kind: SpeakerKind | None = None
    """The resolver's kind, when it resolved the name (else the model's stands)."""
    mention: tuple[int, int] | None = None
    """Where in the article the name was found, when it was looked for."""
    note: str | None = None
    """A warning for the user: the model's form is not the article's."""


class SpeakerNames:
    """Resolves the model's speaker names against one article (see the module docstring)."""

    def __init__(self, article: str | Doc) -> None:
        """`article`, or its `Doc` when the caller shares one (the resolver, when built,
        reads its views: paragraphs and sentences already found are not found again)."""
        self._doc = as_doc(article)
        self.article = article = self._doc.text
        self.words = ArticleWords(article)
        self._resolver: SpeakerResolver | None = None
        self._plain: dict[str, bool] = {}
        self._positions: dict[str, list[int]] = {}
        self._anywhere: dict[str, Resolved] = {}
        """Answers that do not depend on where the quote stands, by the model's name (an
        article's names repeat from quote to quote)."""

    def resolve(self, name: str, start: int, end: int) -> Resolved:
        """The article's name for `name`, given as the speaker of the quote at [start, end)."""
        known = self._anywhere.get(name)
        if known is not None:
            return known
        cleaned, appositive = _clean(name)
        words = NAME_WORD.findall(cleaned)
        proper = [w for w in words if w[0].isupper() and w.casefold() not in _NOT_NAMES]
        if not proper:
            # A description ("officials", "a spokesman for the campaign"): the article's
            # words when it has them, as the model gave them.
            known = Resolved(cleaned) if self.words.mention(cleaned) else self._unknown(name)
            self._anywhere[name] = known
            return known
        if cleaned == name and self._plain_name(name, words):
            if words[0].casefold() == "the" and all(w[0].isupper() for w in words[1:]):
                # An organisation is named without its article ("White House"), as the
                # offline engine names it.
                known = Resolved(name.split(None, 1)[1])
            else:
                known = Resolved(name)
            self._anywhere[name] = known
            return known
        # The surname, or the organisation's name: a first name alone ("Sam") would take
        # anyone who shares it for the speaker.
        word = proper[-1].rstrip(".")
        at = self._nearest(word, start, end)
        if at is None:
            return self._unknown(name)
        # The words before it as the model wrote them: an honorific the article also has
        # ("Ms. Okafor") tells the resolver which of a family is meant.
        listed = _is_list(name)
        written = NAME_WORD.findall(name if listed else name.partition(",")[0])
        last = len(written) - 1 - written[::-1].index(proper[-1])
        s, e = self._widen(at, at + len(word), written[:last], commas=listed)
        if self._resolver is None:
            self._resolver = SpeakerResolver(self._doc)
        speaker = self._resolver.resolve(s, e)
        canonical = speaker.name or self.article[s:e]
        note = None
        if not self.words.mention(cleaned):
            note = (
                f"the model named a speaker {name!r}, a form the article does not have; "
                f"reported as the article names them, {canonical!r}"
            )
        return Resolved(
            canonical,
            role=speaker.role or appositive,
            kind=speaker.kind if speaker.name else None,
            mention=(s, e),
            note=note,
        )

    def _unknown(self, name: str) -> Resolved:
        return Resolved(
            None,
            note=f"the model named a speaker {name!r} of whom nothing is in the article; "
            "reported with its speaker unknown",
        )

    def _plain_name(self, name: str, words: Sequence[str]) -> bool:
        """True when `name` is its own canonical form: whole words of the article as it
        stands, all capitalised or a description opening with a determiner, and (one word)
        with no capitalised word before it there."""
        known = self._plain.get(name)
        if known is None:
            # A description opening with a determiner ("a spokesperson for the Fishermen's
            # Association") is its own form as the article words it; a bare title before a
            # name ("market research firm Gartner") is not.
            described = words[0].casefold() in _DETERMINERS
            known = False
            if _sentence_end_inside(words) or _titled(name, words):
                # The resolver puts a title in `role` and names the person; words across a
                # sentence's end ("DeepSeek. Meta CEO Zuckerberg") are no one name either.
                pass
            elif described or all(w[0].isupper() for w in words):
                # "A spokesperson" opening a sentence is the description "a spokesperson".
                found = self._stands(name, fold=described)
                known = bool(found)
                if known and len(words) == 1:
                    # A word the article also writes as the start of a longer name ("Peabody
                    # Energy", "Gartner Research") is that name's short form.
                    size = len(name)
                    known = not any(
                        self._capitalised_before(at) or self._capitalised_after(at + size)
                        for at in found
                    )
            self._plain[name] = known
        return known

    def _stands(self, name: str, *, fold: bool) -> list[int]:
        """Where `name` stands as whole words in the article (case-folded when `fold`)."""
        if fold:
            text, needle = self.words.folded, name.casefold()
        else:
            text, needle = self.article, name
        found = []
        n, size = len(text), len(needle)
        at = text.find(needle)
        while at >= 0:
            stop = at + size
            if (at == 0 or not _in_word(text[at - 1])) and (
                stop == n or not (text[stop].isalnum() or text[stop] in "_'’-")
            ):
                found.append(at)
            at = text.find(needle, at + 1)
        if not found and len(name.split()) > 1:
            # The article may break the name across a line or space it twice.
            pattern = rf"(?<![\w'’.-]){_phrase(name)}(?![\w'’-])"
            flags = re.IGNORECASE if fold else 0
            found = [m.start() for m in re.finditer(pattern, self.article, flags)]
        return found

    def _capitalised_before(self, at: int) -> bool:
        """Whether a capitalised word stands right before `at`, across white space only."""
        text = self.article
        j = at - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j == at - 1 or j < 0:
            return False
        k = j
        while k >= 0 and _in_word(text[k]):
            k -= 1
        word = text[k + 1 : j + 1]
        first = _LETTER.search(word)
        return first is not None and first.start() == 0 and word[0].isupper()

    def _capitalised_after(self, stop: int) -> bool:
        """Whether a capitalised word follows `stop` across spaces or tabs only (a line break
        or a sentence's end is no part of a name)."""
        text = self.article
        j = stop
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        return j > stop and j < len(text) and text[j].isupper()

    def _nearest(self, word: str, start: int, end: int) -> int | None:
        """Where `word` stands as a whole word nearest the quote at [start, end), outside
        it if it occurs outside it at all."""
        positions = self._positions.get(word)
        if positions is None:
            positions = self._positions[word] = whole_word_positions(self.article, word)
        best: tuple[bool, int, int] | None = None
        for at in positions:
            inside = at < end and at + len(word) > start
            distance = start - at if at < start else at - end
            key = (inside, abs(distance), at)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def _widen(
        self, s: int, e: int, before: Sequence[str], *, commas: bool = False
    ) -> tuple[int, int]:
        """[s, e) widened over the words before it that are the model's name's words
        before the found one, in order ("Sam" before "Altman"), on its line (a line break
        ends a headline or a paragraph: "DeepSeek." before it is no part of "Meta CEO
        Zuckerberg"), across commas too for a list of names."""
        gap = r"[^\S\n]+" if not commas else r",?[^\S\n]+"
        for word in reversed(before):
            lo = max(0, s - _WIDEN_REACH)
            match = re.search(rf"(?<![\w'’-]){re.escape(word)}{gap}$", self.article[lo:s])
            if match is None:
                break
            s = lo + match.start()
        return s, e


def _sentence_end_inside(words: Sequence[str]) -> bool:
    """Whether a word before the last of a name ends a sentence: a word of two letters or
    more ending with a period that is no abbreviation ("DeepSeek." but not "Sen.", "Jr.",
    "U.S.", "E.")."""
    lex = lexicon()
    known = (lex.abbreviations, lex.honorifics, _HONORIFICS, _COMPANY_SUFFIXES)
    for word in words[:-1]:
        core = word.rstrip(".")
        if core != word and len(core) > 1 and core.isalpha():
            folded = core.casefold()
            if not any(folded in k for k in known):
                return True
    return False


def whole_word_positions(text: str, word: str) -> list[int]:
    """Where `word` (not empty) stands in `text` with neither a word character, an
    apostrophe nor a hyphen right before it, nor a word character or a hyphen right after
    it: the matches of `(?<![\\w'’-])word(?![\\w-])`, found with `str.find` (a pattern
    opening with a lookbehind is tried at every offset: about 0.27 ms a word on a
    17,000-character article, once per name that needs the resolver)."""
    found: list[int] = []
    size, n = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < n else " "
        if not (before.isalnum() or before in "_'’-") and not (after.isalnum() or after in "_-"):
            found.append(at)
            at = text.find(word, at + size)  # as `finditer`, after the match
        else:
            at = text.find(word, at + 1)
    return found


def _phrase(name: str) -> str:
    """A pattern for `name`'s words with any white space between them."""
    return r"\s+".join(re.escape(w) for w in name.split())


def _titled(name: str, words: Sequence[str]) -> bool:
    """Whether a title stands in a name before its last word, however the article writes
    it: opening it ("Secretary General Ban Ki-moon", "Rep. Elijah Cummings"; not with a
    bracket, "Gov. Terry McAuliffe (D)", whose last word is no surname to look for) or
    anywhere ("Rival Hillary Clinton", "Meta CEO Zuckerberg"). Never in a description
    opening with a determiner ("a spokesperson for the … Association"), its own form."""
    if len(words) < 2 or words[0].casefold() in _DETERMINERS:
        return False
    lex = lexicon()
    first = words[0].casefold().rstrip(".")
    if (
        "(" not in name
        and (first in lex.abbreviations or first in lex.titles)
        and first not in lex.not_name
    ):
        return True
    return any(w.casefold().rstrip(".") in lex.role_words for w in words[:-1])


@functools.lru_cache(maxsize=4096)
def _clean(name: str) -> tuple[str, str | None]:
    """`name` without what models add around a name: an appositive after a comma (returned
    as the role: "Sam Altman, CEO of OpenAI"), honorifics before it, company suffixes
    after it. A list of names ("SoftBank Group, OpenAI, and Oracle") is one source, kept
    whole, as the offline engine names it."""
    if _is_list(name):
        return " ".join(name.split()), None
    # A bracket after a name ("Gov. Terry McAuliffe (D)", "Rep. Jim Jordan (R-Ohio), an
    # oversight panel member", "many colleges (private ones, in particular)") is no part of
    # it, and its last word is no surname to look for.
    name = _TRAILING_BRACKET.sub("", name) or name
    head, _, rest = name.partition(",")
    appositive = " ".join(rest.split()) or None
    words = (_TRAILING_BRACKET.sub("", head) or head).split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in _HONORIFICS:
        del words[0]
    while len(words) > 1 and words[-1].casefold().rstrip(".") in _COMPANY_SUFFIXES:
        del words[-1]
    return " ".join(words), appositive


_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")
_JOINER = re.compile(r"\s+(?:and|&|or)\s+")
_LEADING_JOINER = re.compile(r"(?:and|&|or)\s+")


@functools.lru_cache(maxsize=4096)
def _is_list(name: str) -> bool:
    """Whether `name` lists several sources with commas ("SoftBank Group, OpenAI, and
    Oracle", "Smith, Jones and Lee"): a joiner in its last part, and every part a proper
    name, none opening with a title ("Sam Altman, CEO of OpenAI and Microsoft" is a name
    and its role)."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) < 2 or not all(parts):
        return False
    last = _LEADING_JOINER.sub("", parts[-1], count=1)
    if last == parts[-1] and not _JOINER.search(last):
        return False
    items = [*parts[:-1], *_JOINER.split(last)]
    role_words = lexicon().role_words
    return all(
        item[:1].isupper() and item.split()[0].casefold().rstrip(".") not in role_words
        for item in items
    )


@functools.lru_cache(maxsize=4096)
def is_pronoun(name: str) -> bool:
    """True when every word of `name` is a personal pronoun ("she", "They")."""
    words = NAME_WORD.findall(name.casefold())
    return bool(words) and all(w in _PRONOUNS for w in words)


class ArticleWords:
    """Answers "is this name mentioned in the article?" for one article.

    A name is mentioned when each of its capitalised words ("Sam Altman", "the White
    House") is a word of the article, or, for a name without one ("officials"), when one
    of its significant words is. Words with a period (initials, "U.S.") are not required:
    articles space and dot them differently. A word is a whole match of `NAME_WORD` in
    the case-folded text, less the periods it may end with ("Whitley." closing a sentence
    is the word "whitley"); a name not found so is looked for again with the name and the
    article NFKC-normalized (an "é" written as "e" and a combining accent), which is done
    only then, as most names are found at once. The article is never tokenized: only each
    candidate's occurrences are looked at, and answers are kept, since an article's names
    repeat from quote to quote.
    """

    def __init__(self, article: str) -> None:
        self._article = article
        self.folded = article.casefold()
        """The article case-folded (also what `SpeakerNames` reads a description in)."""
        self._plain = Words(self.folded)
        self._nfkc: Words | None = None
        self._names: dict[str, bool] = {}

    def mention(self, name: str) -> bool:
        """True when `name` is mentioned in the article, as the class docstring says."""
        known = self._names.get(name)
        if known is None:
            known = _mentioned(name, self._plain)
            if not known:
                if self._nfkc is None:
                    folded = unicodedata.normalize("NFKC", self._article).casefold()
                    self._nfkc = self._plain if folded == self._plain.text else Words(folded)
                normalized = unicodedata.normalize("NFKC", name)
                if normalized != name or self._nfkc is not self._plain:
                    known = _mentioned(normalized, self._nfkc)
            self._names[name] = known
        return known


def _mentioned(name: str, words: Words) -> bool:
    """`ArticleWords.mention` against one form of the article."""
    significant = [w for w in NAME_WORD.findall(name) if w.casefold() not in _NOT_NAMES]
    proper = [w.casefold() for w in significant if w[0].isupper() and "." not in w]
    if proper:
        return all(words.word(w) for w in proper)
    return any(words.word(w.casefold()) for w in significant)


class Words:
    """Whether a word occurs as a whole word in a (case-folded) text, alone or followed by
    periods ("whitley." at a sentence's end); answers are kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str, bool] = {}

    def word(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._find(word)
        return known

    def _find(self, word: str) -> bool:
        text, n, size = self.text, len(self.text), len(word)
        # A run of word characters holds at most one token: it starts at the run's first
        # letter and takes the rest of the run. So `word` (which starts with a letter) is a
        # token where it ends its run and no letter stands between the run's start and it.
        at = text.find(word)
        while at >= 0:
            stop = at + size
            # A token may end in periods ("Whitley." closing a sentence): they are not
            # part of the name.
            while stop < n and text[stop] == ".":
                stop += 1
            if stop == n or not _in_word(text[stop]):
                before = at - 1
                while before >= 0 and _in_word(text[before]) and not _LETTER.match(text[before]):
                    before -= 1
                if before < 0 or not _in_word(text[before]):
                    return True
            at = text.find(word, at + 1)
        return False


def _in_word(char: str) -> bool:
    """A character `NAME_WORD` may continue a word with."""
    return char.isalnum() or char in "_'’.-"


_INITIAL = re.compile(r"[^\W\d_]\.")


def _name_key(name: str) -> list[str]:
    """A name's words for telling its forms apart: case-folded, "’" as "'", middle initials
    left out (a name of initials alone keeps them)."""
    words = name.casefold().replace("’", "'").split()
    kept = [w for w in words[1:-1] if not _INITIAL.fullmatch(w)]
    return [*words[:1], *kept, *words[1:][-1:]] if len(words) > 1 else words


def canonicalise(quotes: Sequence[dict[str, Any]]) -> None:
    """One name per speaker, and one role: a short form ("Altman") becomes the fullest form
    the answers used for the same person ("Sam Altman") when exactly one fuller form fits,
    and a role known for a name is given to its quotes without one. `quotes` are `Quote`
    fields, changed in place."""
    # Forms differing in case only ("Demonstrators", "demonstrators" after a sentence's
    # start) are one name: the most used, then the first.
    counts = Counter(q["speaker"]["name"] for q in quotes if q["speaker"]["name"])
    by_fold: dict[str, str] = {}
    for name, _ in counts.most_common():
        by_fold.setdefault(name.casefold(), name)
    for q in quotes:
        if q["speaker"]["name"]:
            q["speaker"]["name"] = by_fold[q["speaker"]["name"].casefold()]
    names = {q["speaker"]["name"] for q in quotes if q["speaker"]["name"]}
    # "O'Neill" and "James O’Neill" share their last word whichever apostrophe each has;
    # "Loretta E. Lynch" and "Loretta Lynch" are one person: middle initials are left out.
    words = {name: _name_key(name) for name in names}
    # A fuller form ends with the short form's words, so it shares its last word.
    by_last: dict[str, list[str]] = {}
    for name in names:
        if words[name]:
            by_last.setdefault(words[name][-1], []).append(name)

    mapping: dict[str, str] = {}
    for name in names:
        short = words[name]
        if not short:
            continue
        # A description ending in a name ("A spokeswoman for Hillary Clinton") is someone
        # else: a fuller form is a name, with no determiner or preposition in it. With the
        # same words, the form with an initial is the fuller ("Loretta E. Lynch").
        fuller = {
            other
            for other in by_last[short[-1]]
            if other != name
            and words[other][-len(short) :] == short
            and (len(words[other]) > len(short) or len(other) > len(name))
            and _NOT_NAMES.isdisjoint(words[other])
        }
        # Several different fuller forms ("Bill Clinton", "Hillary Clinton"): ambiguous.
        longest = max(fuller, key=len, default=None)
        if longest and all(words[longest][-len(words[f]) :] == words[f] for f in fuller):
            mapping[name] = longest
    roles: dict[str, str] = {}
    for q in quotes:
        speaker = q["speaker"]
        canonical = mapping.get(speaker["name"] or "")
        if canonical:
            speaker["name"] = canonical
        if speaker["name"] and speaker["role"]:
            roles.setdefault(speaker["name"], speaker["role"])
    # The role, once known for a name, is that person's on each of their quotes.
    for q in quotes:
        speaker = q["speaker"]
        if speaker["name"] and not speaker["role"]:
            speaker["role"] = roles.get(speaker["name"])
