"""The output contract of DESIGN.md as pydantic v2 models.

These models know nothing of any engine or provider: engines build them, renderers and
scorers read them. Field names and meanings are a stable contract; fields may be added,
never renamed or removed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Analysis",
    "EngineName",
    "Meta",
    "Quote",
    "QuoteType",
    "Rejection",
    "Span",
    "Speaker",
    "SpeakerKind",
    "Stance",
    "StanceLabel",
    "StanceRow",
    "Summary",
    "Usage",
]

QuoteType = Literal["direct", "indirect", "mixed"]
"""`direct`: inside quotation marks; `indirect`: reported speech; `mixed`: reported speech
carrying a quoted fragment."""

SpeakerKind = Literal["person", "organization", "group", "unknown"]
"""What kind of source a speaker is."""

StanceLabel = Literal["favor", "against", "neutral"]
"""A speaker's position toward a named target."""

EngineName = Literal["offline", "llm"]
"""The engine that produced an analysis."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A half-open character range `[start, end)` in the article string."""

    start: int = Field(ge=0, description="Offset of the first character (Python str index).")
    end: int = Field(ge=0, description="Offset one past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Speaker(_Model):
    """Who a quote is attributed to."""

    name: str | None = Field(
        description=(
            "The fullest name the article gives for the source ('Sam Altman', not 'he' or "
            "'Altman'); an organisation or a description ('an OpenAI spokesperson') when that "
            "is all the article gives; null only when the article names no source."
        )
    )
    mention: str | None = Field(
        default=None,
        description="The words at the attribution, as they stand in the article ('he', 'Altman').",
    )
    mention_start: int | None = Field(
        default=None, ge=0, description="Offset of `mention` in the article, when known."
    )
    mention_end: int | None = Field(
        default=None, ge=0, description="End offset of `mention` in the article, when known."
    )
    role: str | None = Field(
        default=None,
        description="Title or affiliation if the article gives one ('CEO of OpenAI'), else null.",
    )
    kind: SpeakerKind = Field(
        default="unknown", description="`person`, `organization`, `group` or `unknown`."
    )


class Stance(_Model):
    """A speaker's position, in one quote, toward a named target."""

    target: str = Field(description="What the position is about: a named person, body or policy.")
    label: StanceLabel = Field(description="`favor`, `against` or `neutral`.")
    evidence: str | None = Field(
        default=None,
        description="The words in the quote that carry the position (for auditing), if any.",
    )


class Quote(_Model):
    """One attributed statement, located exactly in the article."""

    id: str = Field(description="Stable within the result: `q1`, `q2`, … in article order.")
    text: str = Field(
        description=(
            "The quoted content exactly as it stands in the article: `article[start:end]`. "
            "For a quote split by its attribution this covers both parts and the attribution "
            "between them; `spans` lists the content parts alone."
        )
    )
    start: int = Field(ge=0, description="Offset of `text` in the input string.")
    end: int = Field(ge=0, description="End offset of `text`: `article[start:end] == text`.")
    spans: list[Span] = Field(
        default_factory=list,
        description=(
            "The content parts, in order, without quotation marks around them or the "
            "attribution between them; one span for an unsplit quote."
        ),
    )
    type: QuoteType = Field(description="`direct`, `indirect` or `mixed`.")
    speaker: Speaker = Field(description="Who said it.")
    cue: str | None = Field(
        default=None,
        description="The reporting words ('said', 'told reporters', 'according to'), or null.",
    )
    cue_start: int | None = Field(default=None, ge=0, description="Offset of `cue`, when known.")
    cue_end: int | None = Field(default=None, ge=0, description="End offset of `cue`, when known.")
    stance: Stance | None = Field(
        default=None, description="The position the quote takes, or null when it takes none."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Quote:
        if self.end < self.start:
            raise ValueError(f"quote end {self.end} is before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("quote text length does not match end - start")
        return self


class StanceRow(_Model):
    """One row per (speaker, target): the position a speaker takes across the article."""

    speaker: str = Field(description="The speaker's canonical name.")
    target: str = Field(description="The target of the position.")
    label: StanceLabel = Field(description="`favor`, `against` or `neutral`.")
    quote_ids: list[str] = Field(description="The quotes the position rests on.")


class Summary(_Model):
    """A faithful summary of the article."""

    headline: str = Field(description="One line.")
    text: str = Field(description="2–5 sentences, faithful to the article.")
    key_points: list[str] = Field(default_factory=list, description="Short strings.")


class Usage(_Model):
    """Tokens and estimated cost, summed over every attempt (zero for the offline engine)."""

    prompt_tokens: int = Field(default=0, ge=0, description="Prompt tokens over all attempts.")
    completion_tokens: int = Field(default=0, ge=0, description="Completion tokens, all attempts.")
    total_tokens: int = Field(default=0, ge=0, description="prompt + completion.")
    cost_usd: float | None = Field(
        default=None, description="Estimated cost in US dollars, null when no price is known."
    )


class Rejection(_Model):
    """Engine output that failed verification; never mixed into `quotes`."""

    text: str = Field(description="What the engine proposed.")
    reason: str = Field(description="Why it was rejected.")
    speaker: str | None = Field(default=None, description="The speaker proposed with it, if any.")


class Meta(_Model):
    """Provenance and diagnostics."""

    engine: EngineName = Field(description="`offline` or `llm`: which engine ran.")
    model: str | None = Field(default=None, description="Model name (null for offline).")
    prompt_version: str | None = Field(default=None, description="Prompt version (null offline).")
    prompt_sha256: str | None = Field(default=None, description="Prompt template SHA-256.")
    version: str = Field(description="The summarizer package version that produced this.")
    usage: Usage = Field(default_factory=Usage, description="Tokens and estimated cost.")
    rejected: list[Rejection] = Field(
        default_factory=list, description="Output that failed grounding, with the reason."
    )
    warnings: list[str] = Field(
        default_factory=list, description="Anything the user should know (fallbacks, truncation)."
    )
    article_sha256: str = Field(description="SHA-256 of the analysed article text (UTF-8).")
    article_chars: int = Field(ge=0, description="Length of the analysed article in characters.")


class Analysis(_Model):
    """The result of analysing one article: summary, quotes, stances and provenance."""

    summary: Summary = Field(description="Headline, 2–5 sentence summary and key points.")
    quotes: list[Quote] = Field(
        default_factory=list, description="Every attributed statement, in article order."
    )
    stances: list[StanceRow] = Field(
        default_factory=list, description="One row per (speaker, target)."
    )
    meta: Meta = Field(description="Provenance, usage, rejected output and warnings.")
