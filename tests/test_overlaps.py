"""No two reported quotes overlap: the outer attribution is kept, duplicates merge."""

from __future__ import annotations

from summarizer import Summarizer
from summarizer._models import Quote, Span, Speaker, Stance
from summarizer._overlaps import without_overlaps
from summarizer.testing import FakeModel

from .test_llm_engine import KEY, SUMMARY
from .test_llm_names import proposal

ARTICLE = (
    "“My supervisor looked at the cracked upright and said, ‘Just stack it lower,’ and walked "
    "away,” Rahimi said. The union, Ortiz said, will file a complaint."
)


def make(
    fragment: str,
    name: str | None,
    *,
    parts: tuple[str, ...] = (),
    cue: str | None = None,
    role: str | None = None,
    stance: Stance | None = None,
    qid: str = "q0",
) -> Quote:
    start = ARTICLE.index(fragment)
    end = start + len(fragment)
    spans = [Span(start=ARTICLE.index(p), end=ARTICLE.index(p) + len(p)) for p in parts]
    return Quote(
        id=qid,
        text=fragment,
        start=start,
        end=end,
        spans=spans or [Span(start=start, end=end)],
        type="direct",
        speaker=Speaker(name=name, role=role, kind="person" if name else "unknown"),
        cue=cue,
        stance=stance,
    )


OUTER = (
    "My supervisor looked at the cracked upright and said, ‘Just stack it lower,’ and walked away"
)
INNER = "Just stack it lower"


def test_a_nested_quotation_gives_way_to_the_outer_one_with_a_note() -> None:
    outer, inner = make(OUTER, "Aisha Rahimi", qid="q1"), make(INNER, "Brent Kowalczyk", qid="q2")
    kept, notes = without_overlaps([inner, outer])
    assert kept == [outer]
    (note,) = notes
    assert "'Just stack it lower' (Brent Kowalczyk)" in note and "(Aisha Rahimi)" in note


def test_a_quote_with_a_speaker_is_kept_over_a_longer_one_without() -> None:
    outer, inner = make(OUTER, None), make(INNER, "Brent Kowalczyk")
    assert without_overlaps([outer, inner])[0] == [inner]


def test_crossing_quotes_keep_the_longer_then_the_earlier() -> None:
    long = make("cracked upright and said", "Rahimi")
    short = make("said, ‘Just stack", "Rahimi")
    assert without_overlaps([short, long])[0] == [long]
    first, second = make("looked at the", "Rahimi"), make("the cracked", "Rahimi")
    assert without_overlaps([second, first])[0] == [first]


def test_duplicates_merge_what_each_knows() -> None:
    stance = Stance(target="the union", label="favor")
    bare = make(INNER, None)
    named = make(INNER, "Brent Kowalczyk", cue="said", role="supervisor", stance=stance)
    (kept,), notes = without_overlaps([bare, named])
    assert kept.speaker.name == "Brent Kowalczyk" and kept.cue == "said" and kept.stance == stance
    assert notes == []
    # Two names for the same words: the first kept, the other reported.
    (kept,), notes = without_overlaps([named, make(INNER, "Aisha Rahimi")])
    assert kept.speaker.name == "Brent Kowalczyk" and "'Aisha Rahimi'" in notes[0]
    # The same name: the role one of them knows is kept.
    (kept,), _ = without_overlaps([make(INNER, "Brent Kowalczyk"), named])
    assert kept.speaker.role == "supervisor"


def test_a_quote_in_a_split_quote_s_attribution_does_not_overlap_it() -> None:
    split = make(
        "The union, Ortiz said, will file a complaint",
        "Ortiz",
        parts=("The union", "will file a complaint"),
        qid="q1",
    )
    between = make("Ortiz said", "Ortiz", qid="q2")
    kept, notes = without_overlaps([between, split])
    assert kept == [split, between] and notes == []  # article order, ids unchanged


def test_the_llm_engine_reports_no_two_overlapping_quotes() -> None:
    quotes = [
        proposal(OUTER, "Rahimi", type="direct"),
        proposal(INNER, "the supervisor", type="direct"),
        proposal("The union will file a complaint", "Ortiz"),
        proposal("will file a complaint", "Ortiz"),
    ]
    with (
        FakeModel({"summary": SUMMARY, "quotes": quotes}) as fake,
        Summarizer(engine="llm", base_url=fake.base_url, model="gpt-4o-mini", api_key=KEY) as s,
    ):
        result = s.analyze(ARTICLE)
    spans = [(p.start, p.end) for q in result.quotes for p in q.spans]
    assert not any(a < d and c < b for i, (a, b) in enumerate(spans) for c, d in spans[i + 1 :])
    assert [q.id for q in result.quotes] == [f"q{i}" for i in range(1, len(result.quotes) + 1)]
    assert [q.speaker.name for q in result.quotes] == ["Rahimi", "Ortiz"]


def test_a_quote_holding_its_own_attribution_gives_way_to_the_one_without() -> None:
    article = "Ortiz voted for the closure, said the vote was overdue."
    said = article.index("said")

    def at(fragment: str, cue: bool) -> Quote:
        start = article.index(fragment)
        return Quote(
            id="q0",
            text=fragment,
            start=start,
            end=start + len(fragment),
            spans=[Span(start=start, end=start + len(fragment))],
            type="indirect",
            speaker=Speaker(name="Ortiz", kind="person"),
            cue="said" if cue else None,
            cue_start=said if cue else None,
            cue_end=said + 4 if cue else None,
        )

    swallowed = at("for the closure, said the vote was overdue", cue=False)
    clean = at("the vote was overdue", cue=True)
    assert without_overlaps([swallowed, clean])[0] == [clean]
    # Another speaker's cue inside a quote is nesting: the outer one is kept.
    nested = clean.model_copy(update={"speaker": Speaker(name="the lender", kind="group")})
    assert without_overlaps([swallowed, nested])[0] == [swallowed]
