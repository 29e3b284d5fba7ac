"""Word lists of the speaker resolver: closed word classes written here, and the name and
title lexicons of `data/names.json` and `data/titles_lexicon.json`, loaded once."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ._cues import load_lexicon
from ._speaker_entities import Gender

__all__ = [
    "ABBREV_EXTRA",
    "BARE",
    "COMPANY",
    "COMPOUND_PREFIXES",
    "DETERMINERS",
    "FEMALE_PRONOUNS",
    "FIRST_PRONOUNS",
    "IT_PRONOUNS",
    "LEADING_PREPOSITIONS",
    "MALE_PRONOUNS",
    "NICKNAME_WORDS",
    "NUMBERS",
    "PARTIES",
    "PLAIN_HONORIFICS",
    "PLURAL_PRONOUNS",
    "POSSESSIVE",
    "POSSESSIVE_PRONOUNS",
    "PREPOSITIONS",
    "PRONOUNS",
    "PRONOUN_TAIL",
    "RELATIVES",
    "ROLE_SYNONYMS",
    "SECOND_PRONOUNS",
    "SINGULAR_PERSON",
    "STATUS_MODIFIERS",
    "SURNAME_TITLES",
    "WEAK_ROLES",
    "Lexicon",
    "cue_words",
    "expand_role",
    "fold",
    "lexicon",
]

POSSESSIVE = ("'s", "’s")
ABBREV_EXTRA = frozenset({"st", "jr", "sr", "mt", "ft", "no"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
IT_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PRONOUNS = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
)
SECOND_PRONOUNS = frozenset({"you", "your", "yours", "yourself", "yourselves"})
RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "my", "our", "your"})
# Epithets written capitalised before a name ("Crooked Hillary", "Lyin' Ted", "Little
# Marco"): a nickname, never a part of the name. Words ending in -ed/-ing/-ly are caught by
# their ending (`NameGroups._weak_opener`); these are the others.
NICKNAME_WORDS = frozenset(
    "crazy lyin lying little sleepy goofy shifty nasty low-energy liddle slick tricky "
    "honest dopey sloppy phony mini lil".split()
)
# Prefixes of a lower-case compound ("Co-host", "Ex-wife", "Anti-war"): such a word is a
# modifier, never the hyphenated given name it may look like ("Ki-moon").
COMPOUND_PREFIXES = frozenset(
    "co ex pro anti non pre post mid vice self all semi pan neo sub pop pay two one".split()
)
PRONOUNS = (
    MALE_PRONOUNS
    | FEMALE_PRONOUNS
    | PLURAL_PRONOUNS
    | IT_PRONOUNS
    | FIRST_PRONOUNS
    | SECOND_PRONOUNS
    | RELATIVES
)
DETERMINERS = frozenset(
    "the a an this that these those one another some many most several few all both other "
    "others any no".split()
)
# Words that end the head of a description ("small groups of protesters").
PREPOSITIONS = frozenset(
    "of by in at for from with on to about within outside inside among including like such "
    "as than via except filed released published issued conducted".split()
)
# Prepositions that open an adverbial phrase, never a source ("About 4 in 10" may be one).
LEADING_PREPOSITIONS = frozenset(
    "of by in at for from with on to via during after before under into through".split()
)
# Counting words: a phrase built on them names a group ("about four in 10 voters").
NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
    "thousands millions half third quarter majority minority plurality percent".split()
)
SINGULAR_PERSON = frozenset({"someone", "somebody", "anyone", "anybody", "nobody", "one"})
# Honorifics that say nothing about a role (unlike "Sen." or "Prof.").
PLAIN_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady madam monsieur senor señor senora señora herr "
    "frau".split()
)
# Modifiers that say when or how someone holds a title ("Former President", "Acting
# Director"), not which title: written in lower case even when a sentence opens with them.
STATUS_MODIFIERS = frozenset(
    "former longtime long-time onetime one-time then late current incoming outgoing acting "
    "interim future would-be retired self-described prominent veteran".split()
)
# Words that stand for a title in another form ("the candidate" for a nominee).
ROLE_SYNONYMS = {
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
WEAK_ROLES = frozenset(
    "democrat republican independent libertarian conservative liberal progressive socialist "
    "moderate centrist rival friend ally opponent critic supporter backer person man woman "
    "member resident voter".split()
)
# Title words that are also surnames, read as names after a capitalised word
# ("Masayoshi Son", "Carole King").
SURNAME_TITLES = frozenset(
    "son king dean bishop major judge priest cardinal marshal baker guard sheriff chancellor "
    "pope prince abbott friend fellow".split()
)
# Words that make an organisation's name a company's ("the company" may point back to it).
COMPANY = frozenset(
    "inc corp corporation co company ltd llc plc gmbh ag sa nv group holdings technologies "
    "systems labs motors airlines bank bancorp industries enterprises pharmaceuticals".split()
)
# Party words: a description naming one never matches a role naming the other.
PARTIES = (frozenset({"democratic", "democrat"}), frozenset({"republican", "gop"}))
# Words that cannot head a description on their own.
BARE = frozenset({"the", "a", "an", "this", "no", "another", "other"})
# Words that may follow a pronoun without changing whom it names ("they both").
PRONOUN_TAIL = frozenset({"both", "all", "each", "themselves", "himself", "herself", "too", "also"})


@dataclass(frozen=True, slots=True)
class Lexicon:
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
def lexicon() -> Lexicon:
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
    role_words = (titles | frozenset(abbreviations) | frozenset(honorifics)) - PLAIN_HONORIFICS
    return Lexicon(
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
def fold(word: str) -> str:
    """Lowercase without diacritics, so "José" finds "jose" in the first-name list."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    words = sorted((w for w in lexicon().abbreviations if " " not in w), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(w.capitalize() for w in words) + r")\b\.?")


def expand_role(role: str) -> str:
    """Spell out title abbreviations: "Minnesota Gov." → "Minnesota Governor"."""
    expansions = lexicon().abbreviations
    return _abbreviation_pattern().sub(lambda m: expansions[m.group(1).lower()], role)


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Words that are part of a reporting cue in most of their uses in PolNeAR train
    ("says", "calls", "slams"), from the cue model's counts: in a title-case headline they
    are the verb, never part of a name."""
    return frozenset(
        word
        for word, (in_cue, seen) in load_lexicon().counts.items()
        if word.isalpha() and seen >= 3 and 2 * in_cue >= seen
    )
