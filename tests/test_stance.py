"""Stance detection, aggregation and target candidates, on invented sentences."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from summarizer import analyze
from summarizer._models import Quote, Speaker, Stance, StanceLabel
from summarizer._stance import _lexicon, candidate_targets, detect_stance, stance_rows

TARGETS = [
    "Riverside Housing Act",
    "Northwind Energy",
    "Dana Whitfield",
    "Omar Haddad",
    "the Clean Air Plan",
    "Whitfield",
    "Haddad",
]


def stance(text: str, speaker: str | None = "Ana Ruiz") -> Stance | None:
    return detect_stance(text, targets=TARGETS, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "target", "label", "evidence"),
    [
        ("I fully support the Riverside Housing Act.", "Riverside Housing Act", "favor", "support"),
        ("We strongly oppose Northwind Energy.", "Northwind Energy", "against", "oppose"),
        (
            "The Riverside Housing Act is a total disaster for renters.",
            "Riverside Housing Act",
            "against",
            "disaster for",
        ),
        ("Northwind Energy is dangerous.", "Northwind Energy", "against", "dangerous"),
        ("Whitfield has done a great job.", "Dana Whitfield", "favor", "a great job"),
        ("I am a huge fan of Dana Whitfield.", "Dana Whitfield", "favor", "a huge fan of"),
        ("Haddad lied to the council and should resign.", "Omar Haddad", "against", "lied to"),
        ("We are proud of Whitfield.", "Dana Whitfield", "favor", "proud of"),
        (
            "Whitfield must stop portraying renters as freeloaders.",
            "Dana Whitfield",
            "against",
            "must stop",
        ),
        ("We will sue Northwind Energy.", "Northwind Energy", "against", "sue"),
        ("We welcome the Clean Air Plan.", "the Clean Air Plan", "favor", "welcome"),
        (
            "Whitfield is the right choice for Riverton.",
            "Dana Whitfield",
            "favor",
            "the right choice",
        ),
    ],
)
def test_favor_and_against(text: str, target: str, label: StanceLabel, evidence: str) -> None:
    found = stance(text)
    assert found == Stance(target=target, label=label, evidence=evidence)
    assert found.evidence is not None and found.evidence in text


def test_surname_resolves_to_fullest_target() -> None:
    found = detect_stance("Whitfield is honest.", targets=["Whitfield", "Dana Whitfield"])
    assert found is not None and found.target == "Dana Whitfield"


def test_negated_support_is_opposition() -> None:
    assert stance("We do not support the Riverside Housing Act.") == Stance(
        target="Riverside Housing Act", label="against", evidence="not support"
    )
    assert stance("I don't trust Northwind Energy.") == Stance(
        target="Northwind Energy", label="against", evidence="don't trust"
    )


@pytest.mark.parametrize(
    "text",
    [
        # Declining to attack is not support: no stance rather than a guess.
        "We have no plans to sue Northwind Energy at the moment.",
        "We will not sue Northwind Energy.",
        "Northwind Energy is not a threat to anyone.",
        # Withholding an act (a soft negation) is not opposition either.
        "She refused to endorse Whitfield.",
        # Not praising is not attacking.
        "He did not praise Whitfield.",
    ],
)
def test_negations_that_take_no_side(text: str) -> None:
    assert stance(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Northwind Energy will build the plant next year.",
        "The council met Dana Whitfield on Tuesday to discuss the Riverside Housing Act.",
        "Whitfield said the vote would take place in March.",
    ],
)
def test_no_evidence_no_stance(text: str) -> None:
    assert stance(text) is None


@pytest.mark.parametrize(
    "text",
    ["We oppose it completely.", "He is a disaster.", "They deserve credit.", "I support her."],
)
def test_pronoun_targets_are_not_guessed(text: str) -> None:
    assert stance(text) is None


def test_target_must_occur_in_the_text() -> None:
    # A named target from elsewhere is not what "the plan" is: the described one is.
    assert detect_stance("The plan is great.", targets=["Riverside Housing Act"]) == Stance(
        target="The plan", label="favor", evidence="great"
    )
    assert detect_stance("The Riverside Housing Act is great.", targets=[]) is None


@pytest.mark.parametrize(
    ("text", "target", "label", "evidence"),
    [
        (
            '"I strongly support the stadium," Mayor Ann Lee said.',
            "the stadium",
            "favor",
            "I strongly support the stadium",
        ),
        (
            "and I support the council's decision without reservation.",
            "the council's decision",
            "favor",
            "I support the council's decision",
        ),
        (
            "I oppose this closure because it punishes the people who did nothing wrong.",
            "this closure",
            "against",
            "I oppose this closure",
        ),
        ("We are against the deal, full stop.", "the deal", "against", "We are against the deal"),
        ("We're firmly opposed to the new tax.", "the new tax", "against", None),
        ("We welcome this decision.", "this decision", "favor", "We welcome this decision"),
        ("I condemn the raid.", "the raid", "against", "I condemn the raid"),
        (
            "I am not in favor of any kind of new tax.",
            "any kind of new tax",
            "against",
            "I am not in favor of any kind of new tax",
        ),
        ("We do not support the plan.", "the plan", "against", "We do not support the plan"),
    ],
)
def test_first_person_stance_toward_a_described_target(
    text: str, target: str, label: StanceLabel, evidence: str | None
) -> None:
    found = detect_stance(text, targets=["Ann Lee"], speaker="Ann Lee")
    assert found is not None
    assert (found.target, found.label) == (target, label)
    assert found.evidence is not None and found.evidence in text
    assert found.evidence == (evidence or found.evidence)
    # The same holds when the article names nobody at all.
    assert detect_stance(text, targets=[], speaker=None) == found


@pytest.mark.parametrize(
    "text",
    [
        "We do not oppose the plan.",  # declining to attack is not taking a side
        "I would not support the plan.",
        "I support it.",
        "I support that we wait.",
        "If we back the plan, the town pays.",
        "Do you think we support the plan?",
        "They support the plan.",
        "The residents oppose the closure.",
        "I support the.",
    ],
)
def test_first_person_stance_needs_the_words(text: str) -> None:
    assert detect_stance(text, targets=[], speaker="Ann Lee") is None


def test_a_named_target_comes_before_a_described_one() -> None:
    found = stance("I support the new rules, and Northwind Energy is a disaster.")
    assert found is not None and found.target == "Northwind Energy"


def test_readme_example_article_gets_its_stances() -> None:
    # The README's example article states both sides in the first person.
    article = (Path(__file__).parents[1] / "examples" / "article.txt").read_text("utf-8")
    rows = {(r.speaker, r.target, r.label) for r in analyze(article, engine="offline").stances}
    assert ("Elena Ortiz", "the council's decision", "favor") in rows
    # "the closure" (q6) and "this closure" (q8) are one target: one row, both quotes.
    assert ("David Reyes", "the closure", "against") in rows
    # "Mayor Elena Ortiz, who pushed for the closure, …"
    assert ("Elena Ortiz", "the closure", "favor") in rows
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "The union declined to take a position on the Riverside Housing Act.",
            "declined to take a position on",
        ),
        (
            "The union neither supports nor opposes the Riverside Housing Act.",
            "neither supports nor opposes",
        ),
        ("The union has no view on the Riverside Housing Act.", "has no view on"),
    ],
)
def test_explicit_neutral(text: str, evidence: str) -> None:
    assert stance(text) == Stance(
        target="Riverside Housing Act", label="neutral", evidence=evidence
    )


def test_someone_elses_position_is_not_the_speakers() -> None:
    text = "Haddad opposes the Riverside Housing Act."
    # Said by someone else, it reports Haddad's position, not the speaker's.
    assert stance(text, speaker="Dana Whitfield") is None
    # With Haddad as the speaker it is his own reporting clause.
    assert stance(text, speaker="Omar Haddad") == Stance(
        target="Riverside Housing Act", label="against", evidence="opposes"
    )


def test_speaker_is_never_their_own_target() -> None:
    assert stance("Whitfield is doing a great job.", speaker="Dana Whitfield") is None


def test_reporting_clause_without_subject_belongs_to_the_speaker() -> None:
    assert stance("criticized Northwind Energy for the delays", speaker="Omar Haddad") == Stance(
        target="Northwind Energy", label="against", evidence="criticized"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Do you support the Riverside Housing Act?",
        "If Northwind Energy pays its taxes, we will support Northwind Energy.",
        "Whitfield was betrayed by her own party.",
        "Residents fear a fresh attack from Haddad.",
        "Critics oppose the Riverside Housing Act.",
        "The attack on Whitfield was despicable.",
    ],
)
def test_questions_conditionals_passives_and_agents(text: str) -> None:
    assert stance(text) is None


def test_contrast_decides_a_conflict() -> None:
    assert stance("Whitfield is a decent person, but Whitfield is wrong about the bridge.") == (
        Stance(target="Dana Whitfield", label="against", evidence="wrong")
    )


def test_unresolved_conflict_gives_no_stance() -> None:
    assert stance("Whitfield is honest and Whitfield is reckless.") is None


def test_curly_apostrophes_and_case() -> None:
    found = stance("I don’t support the Riverside Housing Act.")
    assert found == Stance(
        target="Riverside Housing Act", label="against", evidence="don’t support"
    )


def test_lexicon_is_real_data_loaded_once() -> None:
    raw = json.loads(
        resources.files("summarizer").joinpath("data", "stance_lexicon.json").read_text("utf-8")
    )
    polar = [e for label in ("favor", "against") for group in raw[label].values() for e in group]
    assert len(polar) >= 300
    assert sum(" " in e for e in polar) >= 100  # multiword cues
    assert raw["neutral"]["phrases"]
    assert _lexicon() is _lexicon()


# --- candidate_targets ----------------------------------------------------------------

ARTICLE = (
    "\n".join(
        [
            "Riverton Votes On Housing",
            "President Dana Whitfield met Northwind Energy executives in Riverton on Monday.",
            "Construction of the plant has not started. Whitfield said the Affordable Care Act "
            "and the Riverside Housing Act were unrelated.",
            "Northwind Energy's plan was criticised by the Bank of Riverton. Recently, the "
            "council said construction would wait until March.",
        ]
    )
    + "\n"
)


def test_candidate_targets() -> None:
    found = candidate_targets(ARTICLE)
    for name in (
        "Dana Whitfield",
        "Northwind Energy",
        "Riverton",
        "Affordable Care Act",
        "Riverside Housing Act",
        "Whitfield",
        "Bank of Riverton",
    ):
        assert name in found
    for junk in (
        "President",
        "President Dana Whitfield",
        "The",
        "Construction",
        "Recently",
        "March",
    ):
        assert junk not in found
    assert "Northwind Energy's" not in found
    lengths = [len(n.split()) for n in found]
    assert lengths == sorted(lengths, reverse=True)


def test_candidate_targets_feed_detect_stance() -> None:
    article = (
        "Mayor Dana Whitfield praised Northwind Energy on Monday. Whitfield is a liar, Haddad said."
    )
    targets = candidate_targets(article)
    assert detect_stance("Whitfield is a liar", targets=targets, speaker="Haddad") == Stance(
        target="Dana Whitfield", label="against", evidence="is a liar"
    )


def test_candidate_targets_empty_text() -> None:
    assert candidate_targets("") == []
    assert candidate_targets("no capitals here at all.") == []


# --- stance_rows ----------------------------------------------------------------------

ROWS_ARTICLE = (
    "Haddad said he supports the Riverside Housing Act. Haddad called the Riverside Housing Act "
    "a disaster. Haddad praised the Clean Air Plan. Whitfield backs the Clean Air Plan. Ruiz "
    "declined to take a position on the Clean Air Plan. Ruiz said the Clean Air Plan was fine. "
    "Whitfield again backed the Clean Air Plan. Haddad warned the Riverside Housing Act would "
    "fail. Haddad later said the Riverside Housing Act had merits. Ruiz would not comment on the "
    "Clean Air Plan."
)


def _quote(qid: str, fragment: str, speaker: str | None, label: StanceLabel | None) -> Quote:
    start = ROWS_ARTICLE.index(fragment)
    return Quote(
        id=qid,
        text=fragment,
        start=start,
        end=start + len(fragment),
        type="indirect",
        speaker=Speaker(name=speaker, kind="person"),
        stance=None if label is None else Stance(target=_target(fragment), label=label),
    )


def _target(fragment: str) -> str:
    return "Riverside Housing Act" if "Riverside" in fragment else "Clean Air Plan"


def test_stance_rows_aggregate_per_speaker_and_target() -> None:
    quotes = [
        _quote("q7", "again backed the Clean Air Plan", "Dana Whitfield", "favor"),
        _quote("q1", "he supports the Riverside Housing Act", "Omar Haddad", "favor"),
        _quote("q2", "called the Riverside Housing Act a disaster", "Omar Haddad", "against"),
        _quote("q3", "praised the Clean Air Plan", "Omar Haddad", "favor"),
        _quote("q4", "backs the Clean Air Plan", "Dana Whitfield", "favor"),
        _quote("q5", "declined to take a position on the Clean Air Plan", "Ana Ruiz", "neutral"),
        _quote("q6", "the Clean Air Plan was fine", "Ana Ruiz", None),
    ]
    rows = stance_rows(quotes)
    assert [(r.speaker, r.target, r.label, r.quote_ids) for r in rows] == [
        ("Ana Ruiz", "Clean Air Plan", "neutral", ["q5"]),
        ("Dana Whitfield", "Clean Air Plan", "favor", ["q4", "q7"]),
        ("Omar Haddad", "Clean Air Plan", "favor", ["q3"]),
        # One favor, one against: the later quote in the article decides; both stay listed.
        ("Omar Haddad", "Riverside Housing Act", "against", ["q1", "q2"]),
    ]


def test_stance_rows_majority_and_neutral_rules() -> None:
    # Article order is against, against, favor: the majority and the last quote disagree,
    # so only a real majority count gives "against".
    quotes = [
        _quote("q1", "called the Riverside Housing Act a disaster", "Omar Haddad", "against"),
        _quote("q2", "warned the Riverside Housing Act would", "Omar Haddad", "against"),
        _quote("q3", "the Riverside Housing Act had merits", "Omar Haddad", "favor"),
        _quote("q4", "declined to take a position on the Clean Air Plan", "Ana Ruiz", "neutral"),
        _quote("q5", "the Clean Air Plan was fine", "Ana Ruiz", "favor"),
        _quote("q6", "would not comment on the Clean Air Plan", "Ana Ruiz", "neutral"),
    ]
    starts = [q.start for q in quotes]
    assert starts[0] < starts[1] < starts[2] and starts[3] < starts[4] < starts[5]
    rows = {(r.speaker, r.target): r for r in stance_rows(quotes)}
    haddad = rows[("Omar Haddad", "Riverside Housing Act")]
    assert haddad.label == "against"  # 2 against 1, though the last quote is favor
    assert haddad.quote_ids == ["q1", "q2", "q3"]
    # A stated side outweighs a declined one, whether the declined ones come before or after.
    ruiz = rows[("Ana Ruiz", "Clean Air Plan")]
    assert ruiz.label == "favor"
    assert ruiz.quote_ids == ["q4", "q5", "q6"]


def test_stance_rows_skip_unnamed_speakers_and_empty_input() -> None:
    assert stance_rows([]) == []
    assert stance_rows([_quote("q1", "praised the Clean Air Plan", None, "favor")]) == []


def test_stance_lookups_match_their_plain_definitions() -> None:
    # A long quote made the stance reader quadratic: counting the marks before every cue,
    # walking back to the clause's start, scanning every mention. The precomputed state
    # and the bisections that replace them must answer as the plain definitions do.
    import random
    from bisect import bisect_left, bisect_right

    from summarizer._stance import _Doc, _first, _last, _mentions, _target_matcher

    rng = random.Random(5)
    lex = _lexicon()
    vocabulary = ["Smith", "Jones", "Smith's", "if", "why", "and", "but", "attacked", "he"]
    vocabulary += ["said", '"', "“", "”", "«", "»", ",", ".", ";", "—", "?"]
    matcher = _target_matcher(("Smith", "Jones"))
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(1, 40)))
        doc = _Doc(text, lex)
        for i, tok in enumerate(doc.toks):
            before = text[: tok.start]
            curly = sum(before.count(c) for c in "“«") - sum(before.count(c) for c in "”»")
            assert doc.quoted(i) == (before.count('"') % 2 == 1 or curly > 0)
            start = i
            while start > 0 and doc.same_clause(start - 1, i):
                start -= 1
            assert doc.clause_start(i) == start
            for lo in range(i + 1):
                plain = any(doc.low[k] in lex.conditionals for k in range(lo, i))
                assert doc.has_conditional(lo, i) == plain
        mentions, _ = _mentions(doc, matcher, frozenset())
        for k in range(-1, len(doc.toks) + 1):
            after = [n for n, m in enumerate(mentions) if m.first > k]
            assert bisect_right(mentions, k, key=_first) == (after[0] if after else len(mentions))
            ending = [n for n, m in enumerate(mentions) if m.last < k]
            assert bisect_left(mentions, k, key=_last) - 1 == (ending[-1] if ending else -1)
            # The last mention ending before `k` also starts latest among them.
            assert all(mentions[n].first <= mentions[ending[-1]].first for n in ending)


@pytest.mark.parametrize(
    ("text", "target", "label"),
    [
        ("This village has survived. The evacuation is a mistake.", "The evacuation", "against"),
        ("The council's decision is a disaster for renters.", "The council's decision", "against"),
        ("The plan is the right answer, and we will fight for it.", "The plan", "favor"),
    ],
)
def test_verdict_on_a_described_measure(text: str, target: str, label: StanceLabel) -> None:
    found = detect_stance(text, targets=[], speaker="Ann Lee")
    assert found is not None and (found.target, found.label) == (target, label)


@pytest.mark.parametrize(
    "text",
    [
        "The weather was terrible.",  # a description, not a side on a measure
        "The plan is not a good idea.",  # negated verdicts are left alone
        "The man who said the plan is bad left.",
        "Is the plan a mistake?",
        "This is the right time to act.",
        "The deal is a good deal of money.",
    ],
)
def test_verdict_needs_a_measure_and_a_plain_statement(text: str) -> None:
    assert detect_stance(text, targets=[], speaker="Ann Lee") is None


def test_tone_of_a_very_long_text_is_read_in_bounded_windows() -> None:
    # VADER rescans every word of its text for each word: a 12,000-word quote took a minute.
    # Past MAX_TONE_WORDS the text is scored window by window, never as a whole.
    from summarizer import _stance_tone

    seen: list[int] = []
    original = _stance_tone._polarity  # VADER's score of one text

    def spy(analyzer: object, text: str) -> float:
        seen.append(len(text.split()))
        return original(analyzer, text)

    _stance_tone._polarity = spy
    try:
        rant = "The plan is a disaster and a terrible waste. " * 1500
        read = _stance_tone.tone(rant)
        short = _stance_tone.tone("The plan is a disaster and a terrible waste.")
    finally:
        _stance_tone._polarity = original
    assert read is not None and read.label == "against"
    assert short is not None and short.label == "against"
    assert max(seen) <= _stance_tone.MAX_TONE_WORDS
    assert sum(seen) == len(rant.split()) + 9


@pytest.mark.parametrize(
    "sentence",
    [
        "Carson has shown little signs of stemming his seething fury toward Ted Cruz's "
        "campaign, slamming the Texas senator for failing to stem the misinformation.",
        "Carson rejected the notion that the episode should be water under the bridge, "
        "saying that Ted Cruz's campaign was rotten and dishonest.",
    ],
)
def test_coordinated_cues_share_one_position(sentence: str) -> None:
    # Quote nesting gives each verb of "X did A, slamming B" its own quote; PolNeAR (and
    # the stance set) annotate one attribution with one position, carried by one verb.
    article = f"Ben Carson spoke in Des Moines on Friday.\n\n{sentence}\n"
    quotes = [q for q in analyze(article, engine="offline").quotes if q.start > 45]
    assert len(quotes) == 2
    assert [q.stance.label if q.stance else None for q in quotes] == ["against", "against"]


def test_a_new_speakers_cue_starts_a_new_position() -> None:
    article = (
        "Ben Carson spoke in Des Moines on Friday.\n\n"
        "Carson said the caucus went smoothly, and Ted Cruz slammed the Iowa party "
        "for its dishonest count.\n"
    )
    quotes = analyze(article, engine="offline").quotes
    first = next(q for q in quotes if q.cue == "said")
    assert first.stance is None


def test_stance_rows_one_target_whatever_its_determiner() -> None:
    quotes = [
        _quote("q1", "called the Riverside Housing Act a disaster", "Omar Haddad", "against"),
        _quote("q2", "warned the Riverside Housing Act would", "Omar Haddad", "against"),
    ]
    quotes[1] = quotes[1].model_copy(
        update={"stance": Stance(target="the Riverside Housing Act", label="against")}
    )
    rows = stance_rows(quotes)
    assert [(r.target, r.quote_ids) for r in rows] == [("the Riverside Housing Act", ["q1", "q2"])]


SIGNED = (
    "Readers shared their thoughts on Donald Trump after the debate.\n\n"
    "“Mr. Trump has never run anything but his own brand.”\n― Sonya Herridge, 24, Texas\n\n"
)


@pytest.mark.parametrize(
    ("quote", "target", "label"),
    [
        # "he" in a quote that names nobody is the person named before, not the signature of
        # the quote above, and not a place the quote mentions.
        ("“He has said hateful things, and his remarks hurt us.”", "Donald Trump", "against"),
        ("“He can’t answer a question. He is obsessed with Mexico.”", "Donald Trump", None),
        # A quote that names its person and says "he" more often than anything else.
        (
            "“Fear. I am afraid that Donald Trump will win. He spreads hate.”",
            "Donald Trump",
            "against",
        ),
    ],
)
def test_he_refers_to_the_person_not_a_signature(
    quote: str, target: str, label: StanceLabel | None
) -> None:
    article = f"{SIGNED}{quote}\n― Carla Sanchez, 31, Ohio\n"
    found = [q for q in analyze(article, engine="offline").quotes if q.text in quote]
    assert len(found) == 1
    stance = found[0].stance
    if label is None:
        assert stance is None or stance.target == target
    else:
        assert stance is not None and (stance.target, stance.label) == (target, label)


def test_a_turned_down_cue_speaks_for_its_sentence_only() -> None:
    # "If X is elected" is a condition: its sentence takes no side, the others still do.
    targets = candidate_targets("Donald Trump spoke in Ohio.")
    judged = "The debate showed Donald Trump for who he is. An out of touch, narcissistic man."
    condition = "If Donald Trump is elected, this country gets the president it deserves."
    stance = detect_stance(f"{judged} {condition}", targets=targets, speaker="Ann Lee")
    assert stance is not None and stance.label == "against"
    assert detect_stance(condition, targets=targets, speaker="Ann Lee") is None


@pytest.mark.parametrize(
    ("cue", "content", "target"),
    [
        ("pushed for", "the closure", "the closure"),
        (
            "continued to call for",
            "more information about the shooting",
            "more information about the shooting",
        ),
        ("want", "policies that create more revenue", "policies that create more revenue"),
        ("demanded", "a recount", "a recount"),
        # Not a thing asked for: an infinitive, a clause, a person with a wish, a negation.
        ("want", "to know what happened", ""),
        ("called for", "him to resign", ""),
        ("want", "Ann Lee to resign", ""),
        ("did not call for", "a recount", ""),
        ("said", "a recount", ""),
        ("called for", "Texas was called for Cruz after the polls closed", ""),
        ("want", "And yet, across most of Europe", ""),
        ("demanded", "Quiet", ""),
        ("wants", "Trump to lose, big", ""),
    ],
)
def test_who_asks_for_something_favors_it(cue: str, content: str, target: str) -> None:
    stance = detect_stance(
        f"{cue} {content}", targets=[], speaker="Ann Lee", cue=cue, quote=content
    )
    if not target:
        assert stance is None
    else:
        assert stance is not None and (stance.target, stance.label) == (target, "favor")


def test_reported_subject_before_a_partial_quote_is_the_speaker() -> None:
    # The quotation marks open after "he": he is the speaker, who rejects the comments.
    article = (
        "Benjamin Netanyahu tweeted on Thursday that he "
        '"rejects Donald Trump\'s latest comments about Muslims."\n'
    )
    (quote,) = analyze(article, engine="offline").quotes
    assert quote.stance is not None
    assert (quote.stance.target, quote.stance.label) == ("Donald Trump", "against")
    # Inside the marks, "he" is someone the speaker talks about.
    inside = 'Ann Lee said: "He rejects Donald Trump\'s latest comments."\n'
    assert analyze(inside, engine="offline").quotes[0].stance is None


@pytest.mark.parametrize(
    ("cue", "label"),
    [("explained", "favor"), ("asked", None), ("wondered", None)],
)
def test_explaining_why_asserts_asking_why_does_not(cue: str, label: str | None) -> None:
    content = "why he backs Dana Whitfield over Omar Haddad"
    found = detect_stance(f"{cue} {content}", targets=TARGETS, speaker="Ana Ruiz", cue=cue)
    assert (found.label if found else None) == label


def test_a_role_is_the_person_not_the_place_it_names() -> None:
    article = (
        "Ben Carson spoke about Ted Cruz in Des Moines on Friday.\n\n"
        "Carson slammed the Texas senator for failing to stem the misinformation.\n"
    )
    (quote,) = [q for q in analyze(article, engine="offline").quotes if q.cue == "slammed"]
    assert quote.stance is not None
    assert (quote.stance.target, quote.stance.label) == ("Ted Cruz", "against")


def test_a_cue_that_takes_a_side_toward_the_object_it_names() -> None:
    article = (
        "Ben Carson spoke in Des Moines on Friday.\n\n"
        "Carson rejected the notion that the episode should be water under the bridge, "
        'saying that if he "found something that was rotten, I would fix it."\n'
    )
    quotes = analyze(article, engine="offline").quotes
    stances = [(q.stance.target, q.stance.label) if q.stance else None for q in quotes[-2:]]
    # The second link's "he" is Carson himself, not someone named before: the chain's
    # position is its first link's, toward what it rejects.
    notion = "the notion that the episode should be water under the bridge"
    assert stances == [(notion, "against"), (notion, "against")]


def test_what_is_left_after_a_turned_down_sentence_needs_its_own_target() -> None:
    # "no plans to sue X" takes no side; the next sentence praises the speaker's own work.
    targets = candidate_targets("Sam Altman of OpenAI spoke about DeepSeek.")
    quote = (
        "We have no plans to sue DeepSeek at the moment. We will only continue to build "
        "excellent products and lead the world with our model strength."
    )
    found = detect_stance(
        f"told reporters {quote}", targets=targets, speaker="Sam Altman", cue="told", quote=quote
    )
    assert found is None


def test_a_wish_to_act_is_no_thing_asked_for() -> None:
    # The "to" stands between the cue and the content the extraction gives.
    text = "wants to take America backward"
    quote = "take America backward"
    assert detect_stance(text, targets=[], speaker="Ann Lee", cue="wants", quote=quote) is None


def test_a_lone_sentence_opener_is_no_name() -> None:
    article = (
        "Fear. I am afraid that Donald Trump will win, she said. Second, the polls are close. "
        "Sequestration severely handicapped the army. Trump spoke. Yep. Sure enough, he did."
    )
    targets = candidate_targets(article)
    assert "Donald Trump" in targets and "Sequestration" in targets
    assert not {"Fear", "Second", "Yep", "Sure"} & set(targets)


def test_a_named_subject_outweighs_he_said_he_tweeted() -> None:
    # "he" in the quote does not make it about the last person named before it when the
    # quote opens a sentence on a name of its own; it does when the name is an object.
    from summarizer._stance import _tone_target

    targets = ["Alicia Machado", "Democrats", "Mexico"]
    context = "Alicia Machado spoke in Miami on Monday."
    opens = 'Democrats and the media focus on "he said this, he tweeted that."'
    assert _tone_target(opens, targets, "Mike Pence", context) == ("Democrats", True)
    inside = "He can't answer a question. And he is obsessed with Mexico."
    assert _tone_target(inside, targets, "Ann Lee", context) == ("Alicia Machado", False)


def test_places_and_days_are_no_person() -> None:
    from summarizer._stance import _person_like

    assert _person_like("Ted Cruz") and _person_like("Alicia Machado")
    for name in ("Inauguration Day", "Mexico City", "Florida Friday", "Hoover Institution"):
        assert not _person_like(name)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ana Ruiz said she would vote against any city budget that pays for the closures.",
            ("any city budget", "against", "she would vote against any city budget"),
        ),
        (
            "Ana Ruiz said that she supports the new stadium plan.",
            ("the new stadium plan", "favor", "she supports the new stadium plan"),
        ),
        # Inside quotation marks, a capital "He" is someone the speaker talks about.
        ('Ana Ruiz said: "He would vote against the plan."', None),
    ],
)
def test_reported_first_person(sentence: str, expected: tuple[str, str, str] | None) -> None:
    (quote,) = analyze(sentence + "\n", engine="offline").quotes
    found = quote.stance
    assert (None if found is None else (found.target, found.label, found.evidence)) == expected


def test_self_criticism_is_no_position_against_the_speakers_own_organisation() -> None:
    # "We're on the wrong side of this issue", said by the firm's chief executive, judges a
    # policy of the firm, not the firm; a rival's verdict on it is still a position.
    from summarizer import Summarizer
    from summarizer._stance import speaks_for

    article = (
        "Jane Roe, the chief executive of Acme, spoke to reporters on Monday.\n\n"
        'Roe made a rare admission, saying that Acme is reviewing its pricing. "I personally '
        "think we're on the wrong side of this issue and Acme needs a different strategy,\" "
        "she said.\n\nBob Lane, a rival executive, said Acme was a disaster for the industry.\n"
    )
    analysis = Summarizer(engine="offline").analyze(article)
    by_speaker = {(q.speaker.name, q.text[:12]): q.stance for q in analysis.quotes}
    assert by_speaker[("Jane Roe", "I personally")] is None
    lane = by_speaker[("Bob Lane", "Acme was a d")]
    assert lane is not None and (lane.target, lane.label) == ("Acme", "against")
    assert [(r.speaker, r.target, r.label) for r in analysis.stances] == [
        ("Bob Lane", "Acme", "against")
    ]
    assert speaks_for("co-founder and CEO of OpenAI", "OpenAI")
    assert speaks_for("Microsoft CEO", "Microsoft")
    assert not speaks_for("Microsoft CEO", "Micro")
    assert not speaks_for(None, "OpenAI")
