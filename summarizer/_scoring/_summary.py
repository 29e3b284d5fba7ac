"""Summary checks that need no model: key-fact coverage, unsupported numbers and names.

All three read the summary's headline, text and key points (`summary_strings`) and are
deterministic string measures, deliberately independent of the engines' own lexicons so
that tuning an engine never moves the ruler it is measured with.

Key-fact coverage
    A gold key fact ("The bridge reopens in May.") is reduced to its *content words*:
    Unicode word tokens, lower-cased, stopwords out, each cut to a crude stem
    (`content_stem`: possessive and plural/verb endings off, a final "e" off, a doubled
    final consonant undoubled, so "reopens"/"reopened"/"reopening" → "reopen" and
    "closes"/"closed"/"close" → "clos"); numbers keep their digits with thousands
    separators removed ("1,200" → "1200"). The fact is *covered* when at least
    `KEY_FACT_MIN_SHARE` (60 %) of its distinct content stems occur among the summary's.
    A fact with no content word is not counted. Coverage over a set of documents is
    micro: covered facts / facts.

Unsupported numbers
    Every number in the summary (digits, with "," "." inside: "3.5", "1,200", "40%" → "40")
    whose normal form (`normal_number`: separators and trailing zeros of decimals dropped)
    is not among the article's numbers. Number words ("three") are not checked.

Unsupported names
    Capitalised words of the summary (first character upper-case: "Okoro", "NASA",
    "McKinsey") whose case-folded form is not a word of the article, nor its stem a stem of
    one (a sentence-initial "Officials" is supported by "official"); consecutive ones are
    reported together ("Maria Gomez"). Stopwords are never names, nor is a lone capitalised
    word opening a sentence ("Residents fear …"; a run of two or more still counts). A
    headline in title case (most of its non-stopword words capitalised) is skipped: its
    capitals are style, not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from summarizer._models import Summary
from summarizer._text import FUNCTION_WORDS

__all__ = [
    "KEY_FACT_MIN_SHARE",
    "SummaryCheck",
    "SummaryReport",
    "aggregate_summaries",
    "check_summary",
    "content_stem",
    "content_stems",
    "fact_covered",
    "normal_number",
    "summary_strings",
    "unsupported_names",
    "unsupported_numbers",
]

KEY_FACT_MIN_SHARE = 0.6
"""A key fact is covered when at least this share of its content stems is in the summary."""

# English function words plus reporting verbs: they carry no fact of their own. Month and
# weekday names are content ("May" is a date here, not a modal).
_STOPWORDS = FUNCTION_WORDS | {"saying", "tells", "us"}
_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_MIN_STEM = 3
_UNDOUBLED = frozenset("lsz")  # "fall", "press", "buzz" keep their double letter


def normal_number(token: str) -> str:
    """A number's comparable form: "1,200" → "1200", "3.50" → "3.5", "2." → "2"."""
    digits = token.replace(",", "").rstrip(".")
    if "." in digits:
        whole, _, fraction = digits.partition(".")
        fraction = fraction.rstrip("0")
        digits = f"{whole}.{fraction}" if fraction else whole
    return digits.lstrip("0") or "0"


def content_stem(word: str) -> str | None:
    """The crude stem of one token, or None for a stopword (see the module docstring)."""
    if word[0].isdigit():
        return normal_number(word)
    lowered = _POSSESSIVE.sub("", word.casefold()).replace("’", "'")
    if lowered in _STOPWORDS or len(lowered) < 2:
        return None
    stem = lowered
    for suffix, replacement in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
            stem = stem[: -len(suffix)] + replacement
            break
    if stem.endswith("e") and len(stem) > _MIN_STEM:
        stem = stem[:-1]
    if len(stem) > _MIN_STEM and stem[-1] == stem[-2] and stem[-1] not in _UNDOUBLED:
        stem = stem[:-1]
    return stem


def content_stems(text: str) -> set[str]:
    """The distinct content stems of `text`."""
    stems = (content_stem(token) for token in _WORD.findall(text))
    return {stem for stem in stems if stem}


def summary_strings(summary: Summary) -> list[str]:
    """The strings a summary shows a reader: headline, text, key points."""
    return [summary.headline, summary.text, *summary.key_points]


def fact_covered(fact: str, summary_stems: set[str]) -> bool | None:
    """Whether `fact` is covered by a summary with these stems; None if it has no content."""
    stems = content_stems(fact)
    if not stems:
        return None
    return len(stems & summary_stems) >= KEY_FACT_MIN_SHARE * len(stems)


def unsupported_numbers(summary: Summary, article: str) -> list[str]:
    """Numbers in the summary that the article does not contain, in order, without repeats."""
    known = {normal_number(token) for token in _NUMBER.findall(article)}
    out: list[str] = []
    for text in summary_strings(summary):
        for token in _NUMBER.findall(text):
            shown = token.rstrip(".,")
            if normal_number(token) not in known and shown not in out:
                out.append(shown)
    return out


def unsupported_names(summary: Summary, article: str) -> list[str]:
    """Capitalised words (runs of them) in the summary that are not words of the article."""
    known = {_POSSESSIVE.sub("", w.casefold()) for w in _NAME_WORD.findall(article)}
    # Stems too, so a sentence-initial "Officials" is found in an article saying "official".
    known_stems = content_stems(article)
    texts = [summary.text, *summary.key_points]
    if not _title_case(summary.headline):
        texts.insert(0, summary.headline)
    out: list[str] = []
    for text in texts:
        run: list[str] = []
        run_initial = False
        last_end = -1
        for match in _NAME_WORD.finditer(text):
            word = _POSSESSIVE.sub("", match.group()).rstrip(".")
            unsupported = (
                bool(word)
                and word[0].isupper()
                and word.casefold() not in _STOPWORDS
                and word.casefold() not in known
                and content_stem(word) not in known_stems
            )
            if unsupported and run and text[last_end : match.start()].strip() == "":
                run.append(word)
            else:
                _flush(run, run_initial, out)
                run = [word] if unsupported else []
                run_initial = unsupported and _sentence_initial(text, match.start())
            last_end = match.end()
        _flush(run, run_initial, out)
    return out


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip().rstrip("\"'“”‘’«»(")
    return not before or before[-1] in ".!?:;"


def _flush(run: list[str], initial: bool, out: list[str]) -> None:
    # A lone capitalised word opening a sentence ("Residents …") is a capital of grammar,
    # not a name; two or more in a row ("Maria Gomez …") are a name wherever they stand.
    if not run or (initial and len(run) == 1):
        return
    name = " ".join(run)
    if name not in out:
        out.append(name)


def _title_case(headline: str) -> bool:
    words = [w for w in _NAME_WORD.findall(headline) if w.casefold() not in _STOPWORDS]
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 3 and capitalised > len(words) / 2


class SummaryCheck(BaseModel):
    """The summary checks of one document."""

    doc_id: str = Field(description="The gold document's id.")
    key_facts: int = Field(description="Gold key facts with at least one content word.")
    covered: int = Field(description="Of those, facts the summary covers.")
    uncovered: list[str] = Field(default_factory=list, description="The facts not covered.")
    unsupported_numbers: list[str] = Field(
        default_factory=list, description="Numbers in the summary absent from the article."
    )
    unsupported_names: list[str] = Field(
        default_factory=list, description="Capitalised names in the summary absent from it."
    )

    @property
    def coverage(self) -> float | None:
        """Covered / key facts; None when the document has no key facts."""
        return self.covered / self.key_facts if self.key_facts else None


def check_summary(
    doc_id: str, summary: Summary, article: str, key_facts: Sequence[str]
) -> SummaryCheck:
    """Run the three checks on one summary of `article` against its gold key facts."""
    stems: set[str] = set()
    for text in summary_strings(summary):
        stems |= content_stems(text)
    counted = covered = 0
    uncovered: list[str] = []
    for fact in key_facts:
        verdict = fact_covered(fact, stems)
        if verdict is None:
            continue
        counted += 1
        if verdict:
            covered += 1
        else:
            uncovered.append(fact)
    return SummaryCheck(
        doc_id=doc_id,
        key_facts=counted,
        covered=covered,
        uncovered=uncovered,
        unsupported_numbers=unsupported_numbers(summary, article),
        unsupported_names=unsupported_names(summary, article),
    )


class SummaryReport(BaseModel):
    """Summary checks over a set of documents."""

    key_fact_coverage: float | None = Field(
        description="Covered facts / facts (micro); None when no document has key facts."
    )
    key_facts: int = Field(description="Key facts counted.")
    covered: int = Field(description="Key facts covered.")
    unsupported_numbers: int = Field(description="Unsupported numbers, summed.")
    unsupported_names: int = Field(description="Unsupported names, summed.")
    documents: list[SummaryCheck] = Field(description="Per-document checks.")


def aggregate_summaries(checks: Iterable[SummaryCheck]) -> SummaryReport:
    """Sum per-document checks into a report."""
    documents = list(checks)
    facts = sum(check.key_facts for check in documents)
    covered = sum(check.covered for check in documents)
    return SummaryReport(
        key_fact_coverage=covered / facts if facts else None,
        key_facts=facts,
        covered=covered,
        unsupported_numbers=sum(len(check.unsupported_numbers) for check in documents),
        unsupported_names=sum(len(check.unsupported_names) for check in documents),
        documents=documents,
    )
