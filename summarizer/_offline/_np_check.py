"""The noun-phrase check: a speaker's name is a noun phrase, never a clause or a fragment.

A speaker is a person, an organisation, a group or a document, so its name is a noun
phrase ("Sam Altman", "a spokesman for the campaign", "the mayor's top aides", "The
report"). When the source span the extractor hands over is cut wrong, the resolver used to
return it as the name: a clause ("the network released a letter from", "X's son was acting
out"), a fragment ("Looking", "up", "during an", "'s records", "000 people"), or a framing
("it is worth"). An unknown speaker is better than a wrong one, so the resolver asks
`fragment_reason` about every name it is about to return and returns none when it answers.

The check reads the words of the name only, with closed word classes (auxiliaries,
prepositions, determiners, pronouns) and a few suffix rules; it does not need the article.
Measured with `tools/speaker_names.py` over PolNeAR train and dev (see evals/README.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ._speaker_words import lexicon

__all__ = ["fragment_reason"]

_WORD = re.compile(r"[^\W_][\w'’.-]*|['’]s\b|[^\w\s]")

# Verbs that make a clause of whatever they stand in: auxiliaries, modals, copulas and the
# commonest reporting verbs (a name never holds them in lower case).
_VERBS = frozenset(
    """is are was were be been being am has have had having do does did doing will would
    shall should can could may might must 's 're 've 'd 'm ’s ’re ’ve ’d ’m isn't aren't
    wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't couldn't
    shouldn't said says say told tells tell wrote writes added adds asked asks stated
    claimed argued noted warned insisted explained announced acknowledged reported
    continue continues continued remain remains remained want wants wanted seem seems
    seemed appear appears appeared get gets got take takes took make makes made go goes
    went come comes came keep keeps kept try tries tried give gives gave spent spends
    thinks think thought knew knows believe believes believed""".split()
)
# Subject pronouns: a name holding one after its first word is a clause ("the day I became").
_SUBJECTS = frozenset("i he she we they it you".split())
_PREPOSITIONS = frozenset(
    """of in on at by for from with to into onto about over under after before during
    through via among amid against between without within toward towards than as like
    upon across behind despite""".split()
)
_DETERMINERS = frozenset("a an the this that these those every each another no".split())
_POSSESSIVES = frozenset("his her its their my our your whose".split())
_CONJUNCTIONS = frozenset("and or but nor so yet if because although though while when".split())
# Adverbs and particles that end a verb phrase, never a noun phrase ("leaders have long",
# "stripping out", "Democrats also").
_ADVERBS = frozenset(
    """up out down off back away also too not never only just still even already again
    then now long almost soon later ago very so much more most less least here there
    however meanwhile instead rather perhaps maybe""".split()
)
# Words that open a counted or quantified noun phrase ("almost half of respondents").
# Quantifiers that leave their noun behind when they end a phrase ("candidates get many").
_QUANTIFIERS = frozenset("many much several some any few all both".split())
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen hundred thousand "
    "million billion".split()
)
_QUANTIFYING = frozenset(
    "about over under around nearly almost only just more most less fewer roughly some".split()
)
# A lone lower-case word that is one of these is no source ("going", "up").
_FUNCTION = (
    _PREPOSITIONS
    | _DETERMINERS
    | _POSSESSIVES
    | _CONJUNCTIONS
    | _ADVERBS
    | _VERBS
    | frozenset("nothing nobody none everything something".split())
)
_DOCUMENTS = frozenset(
    """statement letter report memo email e-mail message post tweet interview release
    document filing ad video poll survey study analysis""".split()
)
_INDEFINITE = frozenset({"a", "an"})
_RELATIVES = frozenset("who whom whose which".split())
_PRONOUN_TAIL = frozenset("both all each themselves himself herself too also".split())
# Capitalised at a sentence start, these are still no source.
_PRONOUN_LIKE = frozenset("nothing nobody none everything something".split()) | _DETERMINERS


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


@lru_cache(maxsize=8192)
def fragment_reason(name: str) -> str | None:
    """Why `name` cannot name a speaker (it is a clause or a fragment), or None when it
    reads as a noun phrase."""
    words = _words(name)
    if not words:
        return "no words"
    if not any(w[0].isalpha() for w in words):
        return "no letters"  # "0", "2,000"
    first, last = words[0], words[-1]
    if not first[0].isalnum():
        return "starts inside a word"  # "'s records", ", the union"
    if first[0].isdigit() and first.startswith("0"):
        return "starts inside a number"  # "000 people" from "10,000 people"
    if len(words) == 1 and len(first) == 1 and first.isalpha():
        return "a single letter"
    lows = [w.lower() for w in words]
    for w in lows:
        stem, mark, _ = w.replace("’", "'").partition("'")
        if mark and stem in _SUBJECTS:
            return f"holds the clause {w!r}"  # "it's still a rare candidate", "he'd"
    for k, w in enumerate(words):
        low = lows[k]
        if w[0].islower() and low in _VERBS:
            return f"holds the verb {w!r}"
        if k > 0 and low in _SUBJECTS and (w[0].islower() or w == "I"):
            return f"holds the subject {w!r}"
    if len(words) == 1:
        return _lone_word(first)
    if lows[0] in _SUBJECTS and not all(w in _PRONOUN_TAIL for w in lows[1:]):
        return f"a clause on the subject {first!r}"  # "he spent much of his speech"
    if lows[-1] in _QUANTIFIERS or (last[0].isdigit() and lows[-2].endswith(("'s", "’s"))):
        return f"ends with {last!r}"  # "candidates get many", "Donald Trump's 34"
    if lows[0] in _RELATIVES:
        return f"opens with {first!r}"  # "whose new book"
    if lows[0] in _QUANTIFYING and lows[1] not in _FUNCTION:
        pass  # "about 4 in 10 voters", "only three senators", "most states"
    elif lows[0] in _PREPOSITIONS | _CONJUNCTIONS or (first[0].islower() and lows[0] in _ADVERBS):
        return f"opens with {first!r}"
    if lows[-1] in _PREPOSITIONS | _DETERMINERS | _POSSESSIVES | _CONJUNCTIONS:
        return f"ends with {last!r}"
    if last[0].islower() and lows[-1] in _ADVERBS:
        return f"ends with {last!r}"
    if first.endswith("ing") and first[0].isupper() and lows[1] in _DETERMINERS | _POSSESSIVES:
        return f"opens with the verb {first!r}"  # "Claiming the", "Having said"
    verb = _finite_participle(words, lows)
    if verb is not None:
        return f"holds the verb {verb!r}"
    if lows[0] in _INDEFINITE and len(words) == 2 and lows[1] in _DOCUMENTS:
        return "a document nobody is named for"  # "a statement"
    return None


def _lone_word(word: str) -> str | None:
    low = word.lower()
    if low in _NUMBER_WORDS or low in _QUANTIFIERS:
        return f"the lone quantity {word!r}"  # "two", "many"
    if low in lexicon().abbreviations:
        return f"the title {word!r} without a name"  # "Rep", "Sen"
    if low in _FUNCTION and (word[0].islower() or low in _PRONOUN_LIKE):
        return f"the function word {word!r}"
    if not low.endswith(("ly", "ing")) or len(low) <= 4:
        return None
    lex = lexicon()
    if low in lex.places or low in lex.known_orgs or low in lex.titles:
        return None  # "Beijing", "Wyoming"
    # A lone "-ly" or "-ing" word is an adverb or a verb cut from its clause ("Deeply",
    # "Looking", "going"); names so built are rare enough ("Manning") to lose.
    return f"the lone word {word!r}"


def _finite_participle(words: list[str], lows: list[str]) -> str | None:
    """A lower-case "-ed" verb after a noun, ending the phrase or followed by its object:
    "the program attracted", "the network released a letter from". Before a noun or after a
    determiner it is an adjective ("a retired general", "elected officials")."""
    for k in range(1, len(words)):
        w = words[k]
        if not (w[0].islower() and lows[k].endswith("ed") and len(w) > 4):
            continue
        before = lows[k - 1]
        if before in _DETERMINERS | _POSSESSIVES | _PREPOSITIONS | _ADVERBS or before == "and":
            continue
        if k == len(words) - 1:
            return w
        after = lows[k + 1]
        if after in _DETERMINERS | _POSSESSIVES or after in _SUBJECTS:
            return w
    return None
