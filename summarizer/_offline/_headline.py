"""The offline headline: the lead sentence (or the title line) shortened to what a headline says.

A headline states the news in at most `HEADLINE_MAX_CHARS` characters, in the article's own
words and in their order. From the lead sentence it drops a dateline, a leading time
adverbial ("On February 3, local time,") and a leading connective ("However,"); then, in
this order and only while it is too long, more of what carries no news: a day or date
("on Tuesday"), an opening adverbial phrase before the subject ("Nearly six months after
erupting on Rubio,"), a short parenthesis ("(AI)", "(R-Ohio)"), the
setting of a reporting verb ("said in an interview with the media in Tokyo, Japan that" →
"said that") and an appositive after the subject ("Sam Altman, co-founder and CEO of
OpenAI, said" → "Sam Altman said"). What is still too long is cut at the last clause
boundary that fits, else after the last whole word that fits, never inside a word (only a
"word" longer than the limit, a URL or debris, is cut); a cut
does not leave the headline ending on a function word ("… to sue the") or inside an open
quotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._clauses import CUT_STRIP, SAFE_CUT, balanced, lone_adverbial, n_words

__all__ = ["HEADLINE_MAX_CHARS", "headline_from_lead", "headline_from_title", "strip_dateline"]

HEADLINE_MAX_CHARS = 100
"""A headline is at most this many characters."""
_MIN_WORDS = 3
_MIN_SHARE = 0.4  # a clause cut keeps at least this share of the limit
_LOOKAHEAD_SLACK = 40
_READ_CHARS = 1000

# "WASHINGTON (AP) — ", "LONDON, March 3 (Reuters) - ", "HEMPSTEAD, N.Y. ― ": a location
# stamp before the news.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,30}\))?"
    r"|[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa|Xinhua|"
    r"Bloomberg|[A-Z]{2,6})\)"
    r"|\([^)]{1,30}\))\s*[—–―-]{1,2}\s*"
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
DISCOURSE_LEAD = re.compile(
    r"^(?:However|Meanwhile|In other words|In particular|In addition|Moreover|Furthermore|"
    r"Still|Also|But|And|Yet|Instead|Indeed|Separately|Regarding [^,]{1,60}|"
    r"Prior to this|At the same time|On the other hand|As a result)\s*,\s*"
)
"""A connective opening a sentence ("However, "): a headline or a key point drops it."""

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June|July|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
# "on Tuesday", "last Friday night", "on Feb. 3, 2025"; a bare weekday only after a past
# or reporting verb ("ruled Friday against", "said Tuesday that"), so "Black Friday" and
# "spent Thursday morning in St. Paul" stay.
_INNER_TIME = re.compile(
    rf"\s+(?:on|last|this|late|early)\s+(?:{_WEEKDAY}{_PART_OF_DAY}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)(?=[\s,.;:!?]|$)"
    rf"|(?<=ed|id|ys|ld)\s+{_WEEKDAY}{_PART_OF_DAY}(?=\s+[a-z])"
)
# "Nearly six months after erupting on Rubio, Fox News host Sean Hannity indicated …": an
# opening adverbial or participial phrase up to its comma, when a capitalised subject follows
# it (a headline starts with a capital; "On the night, lawmakers, delegates and …" stays).
_OPENING_CLAUSE = re.compile(
    r"(?:(?:After|As|While|When|Before|Since|Although|Though|Because|If|Once|Despite|Amid|"
    r"Following|Nearly|Almost|Just|Hours|Days|Weeks|Months|Years|In|On|At|During|With|"
    r"Without|Under|For|From|By|Unlike|Like|Ahead|Even)\b|[A-Z][a-z]+ing\b)"
    r"[^,“”\"]{1,160},\s+(?=[A-Z])"
)
_MIN_CLAUSE_WORDS = 6
_LIST_GOES_ON = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?:,|\s+(?:and|or)\b)")
# A clause boundary, or a comma before a participle ("…, throwing a wrench into …").
_HEADLINE_CUT = re.compile(SAFE_CUT.pattern + r"|,\s+(?=[a-z]+ing\s)")
_PARENTHESIS = re.compile(r"\s+\([^()]{1,40}\)(?=[\s,.;:!?]|$)")
_REPORTING_VERB = (
    r"(?:said|says|told\s+\w+|announced|stated|wrote|argued|warned|claimed|insisted|"
    r"added|noted|explained|confirmed|declared)"
)
# "said in an interview with the media in Tokyo, Japan that": the setting goes, "said that"
# stays.
_REPORT_SETTING = re.compile(
    rf"\b{_REPORTING_VERB}(?P<setting>\s+(?:in|at|on|during|after|before|while|from|via|"
    r"through|over|with)\s+[^,;:“”\"]{1,70}?(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?)"
    r"(?=\s+that\b)"
)
# "Sam Altman, co-founder and CEO of OpenAI, the developer of ChatGPT, said": the subject
# (a name: up to six words, the last capitalised) keeps its verb, the appositive goes. The
# verb is a reporting verb or a past or present form, so a list ("Microsoft, Meta, and
# Google said") never matches.
_SUBJECT_APPOSITIVE = re.compile(
    r"^(?!(?:In|On|At|After|Before|During|When|While|If|As|Since|Although|Though|Because|"
    r"For|With|By|From|Despite|Amid|Under|Over|To)\b)"
    r"(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*"
    r"(?P<appositive>(?:,\s+[^,;:“”\"()]{1,160}){1,3},)(?=\s+(?:"
    + _REPORTING_VERB
    + r"|[a-z]{2,}ed|[a-z]{2,}[^s\W]s)\b)"
)
# Words that open a phrase: a cut just before one leaves a complete phrase behind it.
_PHRASE_START = frozenset(
    "for to in at on after before from with by as while when because including during amid "
    "despite and or but which who that where over into against since until without across "
    "through between among toward towards near under".split()
)
# What a headline must not end on.
_DANGLING = frozenset(
    "a an the of to and or but nor in on at for with by from as that which who whose its "
    "their his her our is was are were be been has have had will would can could should "
    "than into about after before over under says said told".split()
)


def strip_dateline(text: str) -> str:
    """`text` without a leading location stamp ("WASHINGTON (AP) — ")."""
    m = _DATELINE.match(text)
    if m and m.end() < len(text) and text[m.end()].isupper():
        return text[m.end() :]
    return text


def _drop_leads(text: str) -> str:
    text = strip_dateline(text)
    m = _TIME_LEAD.match(text)
    if m and _TIME_WORD.search(m.group()) and m.end() < len(text) and text[m.end()].isupper():
        text = text[m.end() :]
    m = DISCOURSE_LEAD.match(text)
    if m and m.end() < len(text) and (text[m.end()].isupper() or text[m.end()].isdigit()):
        text = text[m.end() :]
    return text


def _drop_opening_clause(text: str) -> str:
    m = _OPENING_CLAUSE.match(text)
    if m is None or n_words(text[m.end() :]) < _MIN_CLAUSE_WORDS:
        return text
    # "… beat out Dallas, Denver and other cities", "In Tokyo, Japan, …": a name followed
    # by a comma or "and" continues a list, it is not the subject after the opening phrase.
    if _LIST_GOES_ON.match(text, m.end()):
        return text
    return text[m.end() :]


def _drop_times(text: str) -> str:
    return _INNER_TIME.sub("", text)


def _drop_parentheses(text: str) -> str:
    return _PARENTHESIS.sub("", text)


def _drop_group(pattern: re.Pattern[str], group: str) -> Callable[[str], str]:
    def drop(text: str) -> str:
        m = pattern.search(text)
        return text[: m.start(group)] + text[m.end(group) :] if m else text

    return drop


# Each step drops one kind of constituent; they run in this order while the text is too long.
_STEPS: tuple[Callable[[str], str], ...] = (
    _drop_times,
    _drop_opening_clause,
    _drop_parentheses,
    _drop_group(_REPORT_SETTING, "setting"),
    _drop_group(_SUBJECT_APPOSITIVE, "appositive"),
)


def _full_stop_off(text: str) -> str:
    # A headline carries no full stop; keep the dot of an abbreviation ("U.S.").
    if text.endswith(".") and not re.search(r"(?:\b\w\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr)\.$", text):
        return text[:-1].rstrip()
    return text


def _fit(text: str, max_chars: int) -> str:
    """`text`, or its longest prefix of at most `max_chars` ending at a clause boundary,
    else at a word boundary, never ending on a function word or inside a quotation."""
    if len(text) <= max_chars:
        return text
    best = _clause_cut(text, max_chars)
    if best:
        return best
    words = text.split()
    fits = 0  # how many whole words fit
    length = -1
    for word in words:
        length += 1 + len(word)
        if length > max_chars:
            break
        fits += 1
    if fits == 0:
        # No word fits: a "word" that long is a URL or debris, not something to keep whole.
        return words[0][:max_chars]
    # The longest prefix that ends on a content word outside any open quotation, before a
    # preposition or conjunction if one is near ("… Pier 9 to vessels and visitors | for …").
    heads = [
        (k, head)
        for k in range(fits, 0, -1)
        if (head := " ".join(words[:k]).rstrip(CUT_STRIP)) and balanced(head) and not _dangles(head)
    ]
    for k, head in heads:
        if k >= max(_MIN_WORDS, fits // 2) and words[k].casefold() in _PHRASE_START:
            return head
    return heads[0][1] if heads else " ".join(words[:fits]).rstrip(CUT_STRIP) or words[0]


def _clause_cut(text: str, max_chars: int) -> str:
    """The longest prefix of at most `max_chars` that ends at a clause boundary, or ""."""
    # Only clause boundaries: a comma before any lower-case word splits a subject from its
    # verb as often as not ("France's party leader, Marine Le Pen | , voiced support").
    best = ""
    # Boundaries past the limit are of no use; the slack lets a lookahead ("and will") see
    # the words after a boundary near it. Searching all of a 500,000-character "sentence"
    # cost as much as the rest of the summary.
    for m in _HEADLINE_CUT.finditer(text, 0, max_chars + _LOOKAHEAD_SLACK):
        if m.start() > max_chars:
            break
        head = text[: m.start()].rstrip(CUT_STRIP)
        # A cut that keeps too little ("On Tuesday, local time") says no news.
        if len(head) < max_chars * _MIN_SHARE or n_words(head) < _MIN_WORDS:
            continue
        if balanced(head) and not _dangles(head) and not lone_adverbial(head):
            best = head
    return best


def _dangles(head: str) -> bool:
    last = head.rsplit(None, 1)[-1].casefold()
    return last in _DANGLING


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,;:.!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def headline_from_lead(sentence: str, max_chars: int = HEADLINE_MAX_CHARS) -> str:
    """A headline made of the lead sentence's words (see the module docstring)."""
    # What is left out is short (a date, a parenthesis, an appositive), so the headline
    # lies in the sentence's first thousand characters; the rest need not be read.
    words = sentence[:_READ_CHARS].split()
    if len(sentence) > _READ_CHARS and len(words) > 1 and not sentence[_READ_CHARS].isspace():
        words.pop()  # cut by the reading limit
    original = " ".join(words)
    text = _full_stop_off(_drop_leads(original))
    if n_words(text) < _MIN_WORDS:
        text = _full_stop_off(original)
    for step in _STEPS:
        if len(text) <= max_chars:
            break
        shorter = _tidy(step(text))
        if n_words(shorter) >= _MIN_WORDS:
            text = shorter
    return _full_stop_off(_fit(text, max_chars))


def headline_from_title(title: str, max_chars: int = HEADLINE_MAX_CHARS) -> str:
    """The article's own title line as the headline, cut to `max_chars` if it is longer."""
    text = " ".join(title.split()).rstrip(" ;,:—–-") or title.strip()
    return _full_stop_off(_fit(text, max_chars))
