"""Implicit stances (#13 item 4): the reporting cue's side, lexicon cues anywhere in the quote,
and the tone of its words, toward the target it names, a "he"/"she" resolved from the
article before it, a role ("the Texas senator") or a described measure ("such a ban")."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import analyze
from summarizer._models import Stance
from summarizer._stance import detect_stance
from summarizer._stance_tone import tone, tone_settings

TARGETS = ["Riverside Housing Act", "Northwind Energy", "Dana Whitfield", "Omar Haddad"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def implicit(
    quote: str,
    *,
    cue: str | None = "said",
    speaker: str | None = "Ana Ruiz",
    context: str = "",
) -> Stance | None:
    text = f"{cue} {quote}" if cue else quote
    return detect_stance(
        text, targets=TARGETS, speaker=speaker, cue=cue, quote=quote, context=context
    )


@pytest.mark.parametrize(
    ("quote", "label", "evidence"),
    [
        # Verdicts no targeted rule reads: the target is not where an attitude verb or a
        # linking verb would put it.
        (
            "Northwind Energy has treated the town shamefully and lied about the spill",
            "against",
            "lied",
        ),
        (
            "Northwind Energy's new plant is a gift to the valley and a lifeline for families",
            "favor",
            "lifeline",
        ),
    ],
)
def test_evaluative_words_about_a_named_target(quote: str, label: str, evidence: str) -> None:
    assert implicit(quote) == Stance(target="Northwind Energy", label=label, evidence=evidence)


def test_he_or_she_is_the_person_named_before_the_quote() -> None:
    context = "Council member Omar Haddad voted against the budget on Monday. "
    quote = "He is a disgrace and a danger to this city,"
    stance = implicit(quote, cue=None, speaker="Ana Rivera", context=context)
    assert stance is not None
    assert (stance.target, stance.label) == ("Omar Haddad", "against")
    # Without the article before it, "he" names nobody: no stance rather than a guess.
    assert implicit(quote, cue=None, speaker="Ana Rivera") is None


def test_a_reported_he_is_the_speaker_not_the_last_person_named() -> None:
    context = "Dana Whitfield closed the pier. Omar Haddad spoke at the meeting. "
    # "(Haddad) said he was furious": he is Haddad himself, who is never his own target.
    assert implicit("he was furious and humiliated", speaker="Omar Haddad", context=context) is None


def test_a_role_names_the_person_named_before() -> None:
    context = "Omar Haddad unveiled his second ad on Monday. "
    quote = "that the billionaire developer's jobs plan is a great success"
    stance = implicit(quote, cue="said in a statement", speaker="Jason Miller", context=context)
    assert stance == Stance(target="Omar Haddad", label="favor", evidence="great")


def test_tone_alone_needs_a_target_the_quote_names() -> None:
    context = "Omar Haddad unveiled his second ad on Monday. "
    # The words' tone (no lexicon cue) is weaker evidence than a verdict: toward a named
    # target it counts, toward one resolved from the article before it does not.
    named = implicit("Omar Haddad's message of hope is working beautifully", context=context)
    assert named is not None and (named.target, named.label) == ("Omar Haddad", "favor")
    assert implicit("his message of hope is working beautifully", context=context) is None


def test_the_reporting_cue_takes_a_side() -> None:
    # "X criticized Y's budget": the possessive keeps the targeted rule from reading it;
    # the cue itself is the speaker's act.
    assert implicit("Dana Whitfield's budget", cue="criticized") == Stance(
        target="Dana Whitfield", label="against", evidence="criticized"
    )
    assert implicit("that Dana Whitfield's budget would hurt renters", cue="warned") == Stance(
        target="Dana Whitfield", label="against", evidence="warned"
    )
    # A negated cue takes none.
    assert implicit("Dana Whitfield's budget", cue="declined to criticize") is None


def test_a_described_measure_in_subject_position() -> None:
    assert implicit('that such a ban would be "unacceptable and cruel."', cue="warned") == Stance(
        target="such a ban", label="against", evidence="warned"
    )
    # The object of a clause is not what it judges: "ignored a cheaper plan" says nothing
    # against the plan.
    assert implicit("the council had ignored a cheaper plan to brace the pier") is None


@pytest.mark.parametrize(
    ("quote", "cue"),
    [
        # Facts, schedules and events: their words are not a position.
        ("The vote on the Riverside Housing Act is on Tuesday,", "said"),
        (
            "the attack on the Northwind Energy depot killed three people and injured a guard",
            "said",
        ),
        # Data: what a document or a poll shows describes; it takes no side.
        ("Dana Whitfield's approval slid sharply after a difficult month", "showed"),
        ("Dana Whitfield trails at 31 percent after a difficult month", "said"),
    ],
)
def test_no_stance_where_the_words_take_no_side(quote: str, cue: str) -> None:
    assert implicit(quote, cue=cue) is None


def test_rules_that_rule_a_cue_out_are_not_overridden_by_tone() -> None:
    # A negated attack is no side, whatever else the quote's words say.
    assert implicit("we will not sue Northwind Energy, which has been awful") is None
    # Someone else's attitude toward the target is not the speaker's.
    assert implicit("critics oppose the Riverside Housing Act and hate it") is None


def test_tone_reads_vader_without_news_words() -> None:
    settings = tone_settings()
    assert {"attack", "killed", "won", "security", "support"} <= settings.news_neutral
    assert tone("Three people were killed in the attack on the depot.") is None
    read = tone("He is a liar and a disgrace.")
    assert read is not None and read.label == "against" and read.evidence in ("liar", "disgrace")
    assert settings.against_below < 0 < settings.favor_above


def test_readme_example_article_takes_the_stances_its_speakers_state() -> None:
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"), engine="offline")
    rows = {(r.speaker, r.target, r.label) for r in analysis.stances}
    assert ("Elena Ortiz", "the council's decision", "favor") in rows
    assert ("David Reyes", "the closure", "against") in rows
    # Every stance the article shows is one of its speakers' stated positions on the pier's
    # closure: nothing toward the engineers, the association or the state.
    assert {target.lower() for _, target, _ in rows} <= {
        "the council's decision",
        "this closure",
        "the closure",
    }


def test_a_name_is_no_evaluation() -> None:
    # "Great" in a company's name: the quote states a fact about it, and takes no side.
    quote = "Great Lakes Shipping will close the Duluth yard on Monday"
    assert tone(quote) is not None  # read with the name, the tone would lean favor
    text = f"said {quote}"
    targets = ["Great Lakes Shipping"]
    assert detect_stance(text, targets=targets, speaker="Ana Ruiz", cue="said", quote=quote) is None
