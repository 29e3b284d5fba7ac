"""The offline engine's `Doc`: one segmentation of the article, read by every stage."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from types import ModuleType

import pytest

from summarizer._config import Config
from summarizer._offline._attribution import find_attributions
from summarizer._offline._doc import Doc, NameTokens, as_doc, tokenize
from summarizer._offline._engine import analyze_offline
from summarizer._offline._extract import extract_quotes
from summarizer._offline._quotes import QuotedSpan, find_quotations
from summarizer._offline._speakers import SpeakerResolver
from summarizer._offline._summary import summarize
from summarizer._stance import candidate_targets, detect_stance
from summarizer._text import Segment, paragraphs, sentences, words

from .conftest import load_tool

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

# Invented for these tests: initials, titles, an abbreviation, nested and split quotations,
# a quotation running over two paragraphs, and a paragraph with leading blanks.
ARTICLE = (
    "Harbor Board Backs U.S. Plan for Pier 9\n\n"
    "  Sen. Maria T. Okafor said on Tuesday that the U.S. Army Corps would pay for the work. "
    '"The market is strong," Okafor said, "and the ‘old pier’ is not."\n'
    "The mayor's office disagreed. “We oppose this closure,” said Mayor Ann Lee.\n"
    "“It will hurt the fishermen.\n"
    "“And it will hurt the town,” she added.\n"
    "E.J. Dionne, a columnist, wrote that the plan was sound.\n"
)


def test_views_are_the_segmentation_functions_results() -> None:
    doc = Doc(ARTICLE)
    assert doc.paragraphs == paragraphs(ARTICLE)
    assert doc.sentences == sentences(ARTICLE)
    assert doc.tokens == tokenize(ARTICLE)
    assert doc.quotations == find_quotations(ARTICLE)
    names = doc.name_tokens
    assert [ARTICLE[s:e] for s, e in zip(names.starts, names.ends, strict=True)] == names.texts
    assert "E.J" in names.texts and "U.S" in names.texts  # periods after single letters


def test_each_view_is_computed_once() -> None:
    doc = Doc(ARTICLE)
    assert doc.sentences is doc.sentences
    assert doc.tokens is doc.tokens
    assert doc.quotations is doc.quotations
    assert doc.name_tokens is doc.name_tokens
    assert as_doc(doc) is doc
    assert as_doc(ARTICLE).text == ARTICLE


def test_a_released_view_is_freed_and_recomputed_when_asked_again() -> None:
    doc = Doc(ARTICLE)
    tokens = doc.tokens
    doc.release("tokens", "quotations")  # quotations never computed: nothing to drop
    assert "tokens" not in vars(doc)
    assert doc.tokens == tokens and doc.tokens is not tokens
    with pytest.raises(ValueError, match="no view 'text'"):
        doc.release("text")


@pytest.mark.parametrize(("start", "end"), [(0, 40), (42, 130), (5, 7), (130, 130), (0, None)])
def test_words_in_a_span_are_the_words_of_the_slice(start: int, end: int | None) -> None:
    end = len(ARTICLE) if end is None else end
    assert Doc(ARTICLE).words_in(start, end) == words(ARTICLE[start:end])


def test_sentences_of_a_range_keep_their_article_offsets() -> None:
    start = ARTICLE.index("The mayor's")
    found = sentences(ARTICLE, start, len(ARTICLE))
    assert found[0].text == "The mayor's office disagreed."
    assert all(ARTICLE[s.start : s.end] == s.text for s in found)
    assert found == [s for s in sentences(ARTICLE) if s.start >= start]


@pytest.mark.parametrize("text", [ARTICLE, EXAMPLE], ids=["invented", "example"])
def test_stages_give_the_same_results_from_a_doc_as_from_the_text(text: str) -> None:
    doc = Doc(text)
    assert find_attributions(doc) == find_attributions(text)
    assert extract_quotes(doc) == extract_quotes(text)
    quotes = extract_quotes(text)
    assert summarize(doc, quotes=quotes) == summarize(text, quotes=quotes)
    by_text, by_doc = SpeakerResolver(text), SpeakerResolver(doc)
    for q in quotes:
        if q.speaker.mention_start is not None and q.speaker.mention_end is not None:
            span = (q.speaker.mention_start, q.speaker.mention_end)
            assert by_doc.resolve(*span) == by_text.resolve(*span)


def test_stance_reads_the_words_of_its_span_from_the_doc() -> None:
    doc = Doc(EXAMPLE)
    targets = candidate_targets(EXAMPLE)
    quotes = analyze_offline(EXAMPLE, Config()).quotes
    assert quotes
    for q in quotes:
        alone = detect_stance(q.text, targets=targets, speaker=q.speaker.name)
        located = detect_stance(
            q.text, targets=targets, speaker=q.speaker.name, article=doc, start=q.start
        )
        # A wrong `start` is noticed (the span is not the text), never misread.
        misplaced = detect_stance(
            q.text, targets=targets, speaker=q.speaker.name, article=doc, start=q.start + 1
        )
        assert located == alone == misplaced


class _ParagraphSentences(Doc):
    """A Doc whose sentences are its whole paragraphs: a different sentence splitter."""

    @cached_property
    def sentences(self) -> list[Segment]:
        return list(self.paragraphs)


class _NoQuotations(Doc):
    """A Doc that finds no quotation marks."""

    @cached_property
    def quotations(self) -> list[QuotedSpan]:
        return []


SUMMARY_ARTICLE = "\n\n".join(
    f"The council of town {n} met on Monday to vote on the harbor budget for the year. "
    f"Members of town {n} then approved a new plan to repair the old stone pier."
    for n in ("Alder", "Birch", "Cedar", "Dunmore", "Elm")
)


def test_the_summary_reads_its_sentences_from_the_doc() -> None:
    # Two sentences are one paragraph's two when the Doc splits sentences, two whole
    # paragraphs (two towns) when its sentences are paragraphs.
    towns = ("Alder", "Birch", "Cedar", "Dunmore", "Elm")
    split = summarize(SUMMARY_ARTICLE, sentences=2)
    assert sum(f"town {n} " in split.text for n in towns) == 1
    whole = summarize(_ParagraphSentences(SUMMARY_ARTICLE), sentences=2)
    paras = [p.text for p in paragraphs(SUMMARY_ARTICLE)]
    assert whole.text.startswith(tuple(paras))
    assert sum(f"town {n} " in whole.text for n in towns) == 2


def test_attribution_reads_its_quotation_marks_from_the_doc() -> None:
    text = "“We will rebuild the pier by the end of the year,” Mayor Ann Lee said on Monday.\n"
    assert [q.type for q in extract_quotes(text)] == ["direct"]
    assert "direct" not in [q.type for q in extract_quotes(_NoQuotations(text))]


class _NoNames(Doc):
    """A Doc whose name view holds no word."""

    @cached_property
    def name_tokens(self) -> NameTokens:
        return NameTokens([], [], [])


def test_speakers_read_their_words_from_the_doc() -> None:
    text = "Ann Lee runs the harbor. She said the pier would close."
    start = text.index("She")
    assert SpeakerResolver(text).resolve(start, start + 3).name == "Ann Lee"
    assert SpeakerResolver(_NoNames(text)).resolve(start, start + 3).name is None


# -- tools/offline_snapshot.py ---------------------------------------------------------------


def _snapshot_tool() -> ModuleType:
    return load_tool("offline_snapshot")


def test_snapshot_tool_finds_no_change_between_two_runs_and_names_a_changed_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _snapshot_tool()
    a, b = tmp_path / "a.digest", tmp_path / "b.digest"
    assert tool.main(["write", str(a), "--only", "example", "--json", str(tmp_path / "j")]) == 0
    assert tool.main(["write", str(b), "--only", "example"]) == 0
    assert (tmp_path / "j" / "example__article.json").is_file()
    assert EXAMPLE[:60] not in a.read_text(encoding="utf-8")  # names and digests only
    assert tool.main(["compare", str(a), str(b)]) == 0
    name, digest = b.read_text(encoding="utf-8").splitlines()[0].split(" ")
    b.write_text(f"{name} {'0' * len(digest)}\n", encoding="utf-8")
    capsys.readouterr()
    assert tool.main(["compare", str(a), str(b)]) == 1
    assert f"changed  {name}" in capsys.readouterr().out
