"""What the model is asked to return: pydantic models the response schema is derived from.

These are deliberately not the output contract: the model proposes quote *text* (verbatim)
and a paragraph number as a hint; offsets are never trusted from a model, they come from
grounding the text in the article.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["LLMExtraction", "LLMQuote", "LLMSpeaker", "LLMStance", "LLMSummary"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LLMSpeaker(_Strict):
    """The source of a quote as the model names it."""

    name: str | None = Field(
        description="Fullest name the article gives for the source (resolve pronouns and "
        "short forms); a description like 'an OpenAI spokesperson' if that is all; null if "
        "the article names no source."
    )
    mention: str | None = Field(
        description="The words at the attribution, verbatim ('he', 'Altman', 'the company')."
    )
    role: str | None = Field(description="Title or affiliation the article gives, else null.")
    kind: Literal["person", "organization", "group", "unknown"] = Field(
        description="What kind of source this is."
    )


class LLMStance(_Strict):
    """A position the speaker takes in the quote toward a named target."""

    target: str = Field(description="The named person, organisation or policy.")
    label: Literal["favor", "against", "neutral"] = Field(description="The position.")


class LLMQuote(_Strict):
    """One attributed statement."""

    text: str = Field(
        description="The quoted content copied verbatim from the article, without the "
        "speaker, the reporting verb or the surrounding quotation marks."
    )
    paragraph: int | None = Field(
        description="Number of the article paragraph the quote starts in (a hint only)."
    )
    type: Literal["direct", "indirect", "mixed"] = Field(
        description="direct: inside quotation marks; indirect: reported speech; mixed: "
        "reported speech with a quoted fragment."
    )
    speaker: LLMSpeaker = Field(description="Who said it.")
    cue: str | None = Field(description="The reporting words ('said', 'according to'), or null.")
    stance: LLMStance | None = Field(
        description="The speaker's position toward a named target, or null when none is taken."
    )


class LLMSummary(_Strict):
    """A faithful summary."""

    headline: str = Field(description="One line.")
    text: str = Field(description="Two to five sentences, faithful to the article.")
    key_points: list[str] = Field(description="Three to five short points.")


class LLMExtraction(_Strict):
    """The whole answer for one article (or one chunk of a long article)."""

    summary: LLMSummary = Field(description="Summary of the article text given.")
    quotes: list[LLMQuote] = Field(description="Every attributed statement, in article order.")
