"""Reworded reported speech is reported in the article's words, or rejected: never invented."""

from __future__ import annotations

from typing import Any

from summarizer import Analysis, Summarizer
from summarizer._llm._anchor import Anchored, Anchorer, NotAnchored
from summarizer._llm._engine import ANCHORED_WARNING, NOT_FOUND
from summarizer.testing import FakeModel

from .test_llm_engine import KEY, SUMMARY
from .test_llm_names import proposal

ARTICLE = (
    "Film Looks at Police Killings\n"
    "\n"
    "DuVernay said the documentary examines the police killings of Trayvon Martin and "
    "Michael Brown in the context of mass incarceration. The film opens on Friday.\n"
    "\n"
    "The council will vote on the budget in June, according to Mayor Ortiz. "
    "The budget includes money for three new libraries and a bus depot. "
    "Ortiz toured the depot site on Tuesday with three council members.\n"
    "\n"
    '"We will build the libraries before the depot," Ortiz said.\n'
    "\n"
    "The river, Asante said, would return to its natural course within a decade.\n"
)


def analyse(*quotes: dict[str, Any], article: str = ARTICLE) -> Analysis:
    with (
        FakeModel({"summary": SUMMARY, "quotes": list(quotes)}) as fake,
        Summarizer(
            engine="llm",
            base_url=fake.base_url,
            model="gpt-4o-mini",
            api_key=KEY,
            structured_mode="json_schema",
        ) as s,
    ):
        return s.analyze(article)


def test_a_shortened_reported_clause_is_reported_in_the_article_s_words() -> None:
    said = "the police of Trayvon Martin and Michael Brown"  # "killings" left out
    result = analyse(proposal(said, "Ava DuVernay"))
    assert result.meta.rejected == []
    (quote,) = result.quotes
    assert quote.text == "the police killings of Trayvon Martin and Michael Brown"
    assert ARTICLE[quote.start : quote.end] == quote.text
    assert quote.type == "indirect" and quote.speaker.name == "DuVernay"
    (warning,) = [w for w in result.meta.warnings if w.startswith(ANCHORED_WARNING)]
    # The warning shows the model's proposal and the similarity; the output, only the article.
    assert repr(said) in warning and "similarity 0.9" in warning


def test_a_changed_tense_is_anchored_in_a_sentence_of_the_speaker() -> None:
    result = analyse(proposal("that the council would vote on the budget in June", "Ortiz"))
    (quote,) = result.quotes
    assert quote.text == "The council will vote on the budget in June"
    assert quote.speaker.name == "Ortiz"


def test_a_paraphrase_of_narration_is_not_made_anyone_s_statement() -> None:
    # The sentence names her but holds no reporting words: the anchor finds it, the
    # attribution rule still refuses it, as it refuses the verbatim sentence.
    said = "that she toured the depot site on Tuesday with three members of the council"
    result = analyse(proposal(said, "Ortiz"))
    assert result.quotes == []
    (rejected,) = result.meta.rejected
    assert rejected.reason.startswith(NOT_FOUND) and "not reported speech" in rejected.reason


def test_quoted_words_are_reported_only_verbatim() -> None:
    result = analyse(
        proposal("we will build libraries before we build the depot", "Ortiz", type="direct")
    )
    assert result.quotes == []
    (rejected,) = result.meta.rejected
    assert "inside quotation marks" in rejected.reason


def test_too_loose_a_rendering_or_another_speaker_s_sentence_is_rejected() -> None:
    result = analyse(
        proposal("the mayor promised a vote on spending before summer", "Ortiz"),
        proposal("the police of Trayvon Martin and Michael Brown", "Ortiz"),
    )
    assert result.quotes == []
    assert all(r.reason.startswith(NOT_FOUND) for r in result.meta.rejected)
    assert len(result.meta.rejected) == 2


def test_the_anchorer_reports_the_best_similarity_below_its_threshold() -> None:
    anchorer = Anchorer(ARTICLE)
    found = anchorer.anchor("the council will vote on the budget in June", ["Ortiz"])
    assert isinstance(found, Anchored) and found.similarity == 1.0
    loose = anchorer.anchor("council members disliked the budget and the film", ["Ortiz"])
    assert isinstance(loose, NotAnchored) and 0 < loose.similarity < 0.6
    assert anchorer.anchor("nothing here at all", ["Ortiz"]) == NotAnchored(0.0)


def test_reported_speech_given_whole_with_its_attribution_is_one_quote_of_two_parts() -> None:
    whole = "The river, Asante said, would return to its natural course within a decade"
    result = analyse(proposal(whole, "Kwame Asante"))
    assert result.meta.rejected == []
    (quote,) = result.quotes
    assert [ARTICLE[s.start : s.end] for s in quote.spans] == [
        "The river",
        "would return to its natural course within a decade",
    ]
    assert quote.type == "indirect" and quote.speaker.name == "Asante"


def test_a_long_attribution_clause_inside_reported_speech_given_whole_splits_it_too() -> None:
    # Nine words between the commas ("as one of Mr. Obama's climate advisers pointed out"):
    # refused as nobody's statement while the clause could hold at most eight.
    article = (
        "Hawaii, as one of Mr. Obama's climate advisers pointed out, normally does not get "
        "back-to-back hurricanes.\n"
    )
    whole = article.strip().rstrip(".")
    result = analyse(proposal(whole, "one of Mr. Obama's climate advisers"), article=article)
    assert result.meta.rejected == []
    (quote,) = result.quotes
    assert [article[s.start : s.end] for s in quote.spans] == [
        "Hawaii",
        "normally does not get back-to-back hurricanes",
    ]
    assert quote.type == "indirect"
