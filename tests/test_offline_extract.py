"""The offline quote extraction: quotation marks, reporting cues and attribution patterns.

Every article here is a few invented sentences written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from summarizer._models import Analysis, Meta, Quote, Summary
from summarizer._offline._attribution import find_attributions
from summarizer._offline._cues import load_lexicon, tokenize
from summarizer._offline._extract import extract_quotes
from summarizer._offline._quotes import find_quotations
from summarizer._scoring import load_polnear, score_documents

from .conftest import POLNEAR


def parts(article: str, quote: Quote) -> list[str]:
    return [article[s.start : s.end] for s in quote.spans]


def only(article: str) -> Quote:
    quotes = extract_quotes(article)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def _source_of(article: str, cue: str) -> str:
    """The source words of the one attribution whose cue holds `cue`."""
    found = [a for a in find_attributions(article) if a.cue and cue in article[slice(*a.cue)]]
    assert len(found) == 1
    assert found[0].source is not None
    return article[slice(*found[0].source)]


def check_contract(article: str, quotes: list[Quote]) -> None:
    """Offsets point into the article; ids run q1, q2, … in article order."""
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert article[q.start : q.end] == q.text
        assert q.spans and q.spans[0].start == q.start and q.spans[-1].end == q.end
        for span in q.spans:
            assert q.start <= span.start < span.end <= q.end
        if q.cue is not None:
            assert q.cue_start is not None and q.cue_end is not None
            assert article[q.cue_start : q.cue_end] == q.cue
        sp = q.speaker
        if sp.mention is not None:
            assert sp.mention_start is not None and sp.mention_end is not None
            assert article[sp.mention_start : sp.mention_end] == sp.mention
        assert q.stance is None
    # One attribution per stretch of text, as PolNeAR annotates: no shared character.
    chars = [{c for s in q.spans for c in range(s.start, s.end)} for q in quotes]
    for i, first in enumerate(chars):
        for second in chars[i + 1 :]:
            assert not first & second, [q.text for q in quotes]


# -- quotation marks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            '"We will open the new bridge in May," said Mayor Ellen Park.',
            "We will open the new bridge in May",
        ),
        (
            "“We will open the new bridge in May,” said Mayor Ellen Park.",
            "We will open the new bridge in May",
        ),
        (
            "‘We don’t accept the ruling, and we won’t,’ said Mayor Ellen Park.",
            "We don’t accept the ruling, and we won’t",
        ),
        ("«We will stay open all winter», said Mayor Ellen Park.", "We will stay open all winter"),
        ("„We will stay open all winter“, said Mayor Ellen Park.", "We will stay open all winter"),
        (
            "''We will stay open all winter,'' said Mayor Ellen Park.",
            "We will stay open all winter",
        ),
    ],
    ids=["straight", "curly", "single-curly", "guillemets", "low-high", "two-apostrophes"],
)
def test_direct_quote_in_every_mark_style(article: str, content: str) -> None:
    quote = only(article)
    assert quote.type == "direct"
    assert parts(article, quote) == [content]
    assert quote.cue == "said"
    assert quote.speaker.mention == "Mayor Ellen Park"
    assert quote.speaker.name == "Ellen Park"
    check_contract(article, [quote])


def test_quote_marks_are_excluded_and_the_attribution_comma_too() -> None:
    article = "“The budget is balanced for the first time in ten years,” Tom Reyes said on Monday."
    quote = only(article)
    assert quote.text == "The budget is balanced for the first time in ten years"
    assert article[quote.start - 1] == "“"


def test_curly_and_straight_marks_mixed_in_one_article() -> None:
    article = (
        'Dr. Lena Ortiz praised the plan. "It is a real step forward," Ortiz said.\n\n'
        "Her colleague was less sure. “We need more data before we celebrate,” said Paul Kim.\n\n"
        'A third voice, “short and sweet," came from the back. “Mixed marks close too," Kim '
        "added."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    direct = [q for q in quotes if q.type == "direct"]
    assert [parts(article, q) for q in direct] == [
        ["It is a real step forward"],
        ["We need more data before we celebrate"],
        ["Mixed marks close too"],
    ]
    assert [q.speaker.name for q in direct] == ["Lena Ortiz", "Paul Kim", "Paul Kim"]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The voters’ choice in the ’90s was rock ’n’ roll, and it’s still 'em or us."
    assert find_quotations(text) == []
    nested = "‘I love rock ’n’ roll,’ she said. “We sell fish 'n' chips,” he said."
    assert [nested[q.start : q.end] for q in find_quotations(nested)] == [
        "I love rock ’n’ roll,",
        "We sell fish 'n' chips,",
    ]
    # Read as a quotation, ’n’ made this quote "mixed" and the next one a second, bogus quote.
    (said,) = extract_quotes("Ana Ruiz said rock ’n’ roll was back in fashion this year.")
    assert said.type == "indirect" and said.speaker.name == "Ana Ruiz"
    (loved,) = extract_quotes("The fans loved rock ’n’ roll, said Ana Ruiz.")
    assert loved.type == "indirect" and loved.speaker.name == "Ana Ruiz"


def test_single_quotes_pair_around_apostrophes() -> None:
    text = "Fans chanted ‘we don’t need your rules’ outside."
    (quote,) = find_quotations(text)
    assert text[quote.start : quote.end] == "we don’t need your rules"
    assert not quote.double


def test_stray_marks_never_fail_the_document() -> None:
    article = (
        "The memo was blunt. “This stray opening mark is never closed in its paragraph\n\n"
        "A stray ” closing mark, and a 5'11\" guard. “A real quote follows,” said Ana Ruiz.\n\n"
        '"Short'
    )
    quotes = find_quotations(article)
    texts = [article[q.start : q.end] for q in quotes]
    # A long unclosed quotation is closed at its paragraph end; marks that pair with
    # nothing are dropped.
    assert texts == [
        "This stray opening mark is never closed in its paragraph",
        "A real quote follows,",
    ]
    extracted = extract_quotes(article)
    check_contract(article, extracted)
    assert any(parts(article, q) == ["A real quote follows"] for q in extracted)


def test_multi_paragraph_quote_is_one_quote_with_a_span_per_paragraph() -> None:
    article = (
        "Coach Dana Reed spoke after the match.\n\n"
        "“We played with courage tonight. The young players stepped up.\n\n"
        "“Next week will be harder, and we know it,” Reed said.\n\n"
        "The team flies home on Sunday."
    )
    quote = only(article)
    assert quote.type == "direct"
    assert parts(article, quote) == [
        "We played with courage tonight. The young players stepped up.",
        "Next week will be harder, and we know it",
    ]
    assert quote.speaker.mention == "Reed"
    assert quote.speaker.name == "Dana Reed"
    check_contract(article, [quote])


def test_nested_quote_stays_inside_the_outer_quote() -> None:
    article = "“He told me ‘never give up’ and I listened,” said runner Amy Chen."
    quote = only(article)
    assert parts(article, quote) == ["He told me ‘never give up’ and I listened"]
    assert quote.type == "direct"
    assert quote.speaker.name == "Amy Chen"
    nested = [q for q in find_quotations(article) if q.depth == 1]
    assert [article[q.start : q.end] for q in nested] == ["never give up"]


@pytest.mark.parametrize(
    "article",
    [
        "Rescue chief Nora Vance spoke at noon. “The river is rising fast,” she said, "
        "“and we need sandbags now.”",
        "Rescue chief Nora Vance spoke at noon. “The river is rising fast,” she said. "
        "“We need sandbags now.”",
    ],
    ids=["comma", "new-sentence"],
)
def test_quote_split_by_its_attribution_is_one_quote(article: str) -> None:
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    direct = [q for q in quotes if q.type == "direct"]
    assert len(direct) == 1
    quote = direct[0]
    assert len(quote.spans) == 2
    assert parts(article, quote)[0] == "The river is rising fast"
    assert "sandbags now" in parts(article, quote)[1]
    assert quote.speaker.mention == "she"
    assert quote.speaker.name == "Nora Vance"
    # `text` covers both parts and the attribution between them.
    assert "she said" in quote.text


def test_quote_paragraph_after_a_colon_belongs_to_the_cue() -> None:
    article = (
        "Union chief Karl Moss told reporters:\n\n"
        '"We will strike on Monday if the company does not move."'
    )
    quote = only(article)
    assert quote.type == "direct"
    assert parts(article, quote) == ["We will strike on Monday if the company does not move."]
    assert quote.speaker.name == "Karl Moss"


def test_unattributed_quote_paragraph_continues_the_previous_quote() -> None:
    article = (
        "“The vote was close,” said council member Ivy Hale.\n\n"
        "“But the people have spoken, and we will respect that.”\n\n"
        "The council adjourned."
    )
    quote = only(article)
    assert len(quote.spans) == 2
    assert quote.speaker.name == "Ivy Hale"


def test_a_quotation_after_reported_speech_is_a_direct_quote_of_its_own() -> None:
    # The seed's "…, saying that OpenAI is discussing a new open source strategy. “I
    # personally think …”" was one "mixed" quote: a paraphrase and the speaker's own words
    # are two statements (DESIGN.md's gold has them so). Quotation paragraphs after the
    # direct one still continue it.
    article = (
        "Mayor Ann Lee told reporters that the council is reviewing the contract. "
        "“I think we got this one wrong.”\n\n"
        "“And we will fix it.”\n\nThe council adjourned."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert [(q.type, q.cue, parts(article, q)) for q in quotes] == [
        ("indirect", "told", ["that the council is reviewing the contract"]),
        ("direct", None, ["I think we got this one wrong.", "And we will fix it."]),
    ]
    assert {q.speaker.name for q in quotes} == {"Ann Lee"}


# -- reported speech --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "content", "mention", "cue"),
    [
        (
            "Governor Alan Brooks said that the state would expand its wildfire program.",
            "that the state would expand its wildfire program",
            "Governor Alan Brooks",
            "said",
        ),
        (
            "Governor Alan Brooks said the state would expand its wildfire program.",
            "the state would expand its wildfire program",
            "Governor Alan Brooks",
            "said",
        ),
        (
            "Governor Alan Brooks said: the state will expand its wildfire program.",
            "the state will expand its wildfire program",
            "Governor Alan Brooks",
            "said",
        ),
        (
            "The new tax will hurt small farms, Senator Mia Cole said on Tuesday.",
            "The new tax will hurt small farms",
            "Senator Mia Cole",
            "said",
        ),
        (
            "The new tax will hurt small farms, said Senator Mia Cole.",
            "The new tax will hurt small farms",
            "Senator Mia Cole",
            "said",
        ),
        (
            "According to the city auditor, the project is six months behind schedule.",
            "the project is six months behind schedule",
            "the city auditor",
            "According to",
        ),
        (
            "The project is six months behind schedule, according to the city auditor.",
            "The project is six months behind schedule",
            "the city auditor",
            "according to",
        ),
        (
            "Principal Joan Hart told parents that the school would close early on Friday.",
            "that the school would close early on Friday",
            "Principal Joan Hart",
            "told",
        ),
        (
            "Nadia Flores has argued that the tunnel is far too expensive.",
            "that the tunnel is far too expensive",
            "Nadia Flores",
            "has argued",
        ),
        (
            "Engineer Rosa Diaz warned that the old dam could fail this spring.",
            "that the old dam could fail this spring",
            "Engineer Rosa Diaz",
            "warned",
        ),
        (
            "Tom Lee thinks the parking fee is too high.",
            "the parking fee is too high",
            "Tom Lee",
            "thinks",
        ),
        (
            "Most residents believe the park should stay open.",
            "the park should stay open",
            "Most residents",
            "believe",
        ),
        ("The club hopes to win the cup again.", "to win the cup again", "The club", "hopes"),
    ],
)
def test_reported_speech(article: str, content: str, mention: str, cue: str) -> None:
    # As in PolNeAR, the content of "said that X" keeps its complementizer: "that X".
    quote = only(article)
    assert quote.type == "indirect"
    assert quote.text == content
    assert quote.speaker.mention == mention
    assert quote.cue == cue
    check_contract(article, [quote])


def test_passive_cue_has_no_source_unless_an_agent_is_named() -> None:
    # With no agent nobody holds the view: a framing of the journalist's, not a quote.
    assert extract_quotes("The mayor is expected to announce a new housing plan next week.") == []

    article = "The budget was criticized by council member Ivy Hale on Monday."
    quote = only(article)
    assert quote.speaker.mention == "council member Ivy Hale"
    assert parts(article, quote)[0] == "The budget"


def test_headline_speaker_colon_statement() -> None:
    article = "Mia Cole: Farm tax is a mistake\n\nThe senator spoke in Lincoln on Friday."
    quote = only(article)
    assert quote.text == "Farm tax is a mistake"
    assert quote.cue == ":"
    assert quote.speaker.mention == "Mia Cole"


def test_pronoun_source_is_the_mention_and_resolves_to_the_name() -> None:
    article = (
        "Engineer Rosa Diaz warned that the dam could fail. She said repairs would take a year."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    second = quotes[-1]
    assert second.text == "repairs would take a year"
    assert second.speaker.mention == "She"
    assert second.speaker.name == "Rosa Diaz"


def test_participle_cue_takes_the_clause_subject() -> None:
    article = "Senator Mia Cole rejected the bill on Monday, saying it would hurt small farms."
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    saying = [q for q in quotes if q.cue == "saying"]
    assert len(saying) == 1
    assert saying[0].text == "it would hurt small farms"
    assert saying[0].speaker.name == "Mia Cole"


@pytest.mark.parametrize(
    ("article", "source"),
    [
        (
            '"We need change," the New York businessman said, arguing that the mills had closed.',
            "the New York businessman",
        ),
        (
            "Mia Cole voted against the bill, the budget, arguing that it would hurt farms.",
            "Mia Cole",
        ),
    ],
)
def test_participle_after_a_comma_shares_the_main_clause_source(article: str, source: str) -> None:
    # The phrase before ", arguing" (a quotation's first word, an object) is not its subject.
    arguing = [
        a for a in find_attributions(article) if a.cue and article[slice(*a.cue)] == "arguing"
    ]
    assert len(arguing) == 1
    assert arguing[0].source is not None
    assert article[slice(*arguing[0].source)] == source


def test_mixed_quote_is_reported_speech_with_a_quoted_fragment() -> None:
    article = 'Labor leader Sam Ito called the deal "a betrayal of working families" on Friday.'
    quote = only(article)
    assert quote.type == "mixed"
    assert quote.text.startswith("the deal")
    assert '"a betrayal of working families"' in quote.text
    assert quote.speaker.name == "Sam Ito"


def test_mixed_quote_with_the_attribution_after_it() -> None:
    article = "Still, the clubs are ''barely breaking even,'' Ken Wu said from his office."
    quote = only(article)
    assert quote.type == "mixed"
    assert quote.text.startswith("Still, the clubs are")
    assert quote.speaker.mention == "Ken Wu"


def test_articles_without_attributions() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("The sun rose over the harbor and the market opened.") == []
    assert find_attributions("   \n\n  ") == []


def test_several_quotes_come_back_in_article_order_with_ids() -> None:
    article = (
        "Harbor council votes on budget\n\n"
        "“The budget is balanced for the first time in a decade,” Finance Director Tom Reyes "
        "said on Monday.\n\n"
        "Council member Ivy Hale said the vote would be close. According to the clerk, the "
        "meeting runs until midnight.\n\n"
        "“We will see,” Hale said."
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    assert [q.speaker.name for q in quotes] == ["Tom Reyes", "Ivy Hale", "the clerk", "Ivy Hale"]
    assert [q.type for q in quotes] == ["direct", "indirect", "indirect", "direct"]


def test_extraction_is_deterministic() -> None:
    article = "“Fine,” said Ana Ruiz. Ruiz told reporters the plan was sound, according to aides."
    assert extract_quotes(article) == extract_quotes(article)


def test_the_cue_model_is_shipped_and_loads() -> None:
    lexicon = load_lexicon()
    assert 0 < lexicon.threshold < 1
    assert lexicon.weights
    assert lexicon.counts["said"][0] > 1000
    tokens = tokenize("Ms. Ruiz said it’s fine.")
    assert [t.text for t in tokens] == ["Ms", ".", "Ruiz", "said", "it’s", "fine", "."]


# -- PolNeAR ----------------------------------------------------------------------------------


@pytest.mark.polnear
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="PolNeAR dev is not present")
def test_polnear_dev_extraction_quality() -> None:
    # Floors a little under what tools/tune_offline.py measured (lenient F1 0.804, strict
    # 0.750, speaker accuracy 0.878): a regression fails, noise from elsewhere does not.
    def analyze(text: str) -> Analysis:
        meta = Meta(engine="offline", version="test", article_sha256="-", article_chars=len(text))
        return Analysis(
            summary=Summary(headline="", text=""), quotes=extract_quotes(text), meta=meta
        )

    report = score_documents(load_polnear(POLNEAR / "dev"), analyze)
    assert not report.errors
    assert report.levels["lenient"].f1 >= 0.78
    assert report.levels["strict"].f1 >= 0.72
    assert report.speaker_accuracy is not None and report.speaker_accuracy >= 0.85


# -- robustness ---------------------------------------------------------------------------


_PIECES = [
    "said",
    "Ana Ruiz",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    ",",
    ".",
    ":",
    "that",
    "the plan",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "''",
    "«",
    "»",
    "„",
    "according to",
    "told",
    "he",
    "is",
    "expected",
    "(",
    ")",
    "—",
    "Mr.",
    "U.S.",
    "…",
    "!",
    "?",
]


def _attributed(
    marks: tuple[str, str], words: list[str], end: str, name: str, cue: str, form: int
) -> str:
    """A sentence that reports speech: quoted before or after its attribution, or not."""
    said = " ".join(words)
    if form == 0:
        return f"{marks[0]}{said}{end}{marks[1]} {cue} {name}."
    if form == 1:
        return f"{name} {cue}: {marks[0]}{said}{end}{marks[1]}"
    return f"{name} {cue} that {said}."


# Sentences of reported speech, whole or cut by the random pieces around them: most texts
# drawn from these hold quotes, so the contract below is checked on real output.
_SENTENCES = st.builds(
    _attributed,
    st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("''", "''")]),
    st.lists(
        st.sampled_from(["we", "will", "not", "wait", "the plan", "U.S.", "is", "—"]),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["", ",", ".", "?", "…"]),
    st.sampled_from(["Ana Ruiz", "he", "the mayor", "Mr. Kim", "officials"]),
    st.sampled_from(["said", "told reporters", "according to", "added", "warned"]),
    st.integers(0, 2),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), _SENTENCES), max_size=40))
def test_any_text_yields_well_formed_quotes(pieces: list[str]) -> None:
    article = "".join(pieces)
    quotes = extract_quotes(article)
    event("quotes found" if quotes else "no quote")
    check_contract(article, quotes)
    for q in quotes:
        assert q.text.strip()
        assert q.type in ("direct", "indirect", "mixed")


def test_long_article_keeps_every_quote() -> None:
    # How the time grows with the length is measured by `benchmarks/offline_speed.py
    # --scaling`, not here: these machines are too noisy for timed tests.
    paragraph = (
        "“The harbor will reopen in May,” said Mayor Ellen Park. Council member Ivy Hale "
        "said that the budget was tight, according to aides. “We will see,” she added.\n\n"
    )
    article = paragraph * 400
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    # Three per paragraph: "Hale said that …, according to aides" is one attribution, the
    # aides' (the outer one, as PolNeAR annotates nested reported speech).
    assert len(quotes) >= 3 * 400 - 10


def test_subject_with_relative_clause_is_not_read_as_post_posed() -> None:
    # "…, said X" must not take a clause for X: the speaker is the subject before the cue.
    article = "Mayor Elena Ortiz, who pushed for the closure, said the vote was overdue.\n"
    quotes = extract_quotes(article)
    said = [q for q in quotes if q.cue == "said"]
    assert len(said) == 1
    assert said[0].text == "the vote was overdue"
    assert said[0].speaker.name is not None and "Ortiz" in said[0].speaker.name


def test_marks_around_nothing_but_punctuation_yield_no_quote() -> None:
    # Found by hypothesis: an attribution whose content trims away must not crash.
    assert extract_quotes("‘,’ said") == []


def test_lowercase_title_before_a_post_posed_full_name() -> None:
    article = "“We listened, and we found the money,” said board chair Priya Natarajan.\n"
    (quote,) = extract_quotes(article)
    assert quote.speaker.name == "Priya Natarajan"
    assert quote.speaker.mention == "board chair Priya Natarajan"


def test_paragraph_lookups_match_their_plain_definitions() -> None:
    # Long single paragraphs were quadratic: a search for a closing single mark to the
    # paragraph's end at every mark, a scan of the sentence for a word before every
    # quotation, and a copy of the paragraph's rest at every abbreviation. The lookups
    # that replace them must answer as the plain definitions do.
    import random

    from summarizer._offline._attribution import _Article
    from summarizer._offline._quotes import _closer_ahead, _LastCloser
    from summarizer._text import _next_word, paragraphs

    rng = random.Random(7)
    lexicon = load_lexicon()
    for _ in range(300):
        n = rng.randrange(0, 120)
        text = "".join(rng.choice("ab  '’‘\"“”.,!)—\n\t\u00a0") for _ in range(n))
        for para in paragraphs(text):
            closer = _LastCloser(text, para.start, para.end)
            for pos in range(para.start - 1, para.end + 1):
                assert closer.ahead(pos) == _closer_ahead(text, pos, para.end), (text, pos)
        for _ in range(10):
            a = rng.randrange(n + 1)
            b = rng.randrange(a, n + 1)
            assert _next_word(text, a, b) == text[a:b].lstrip().split(" ", 1)[0]
        art = _Article(text, lexicon)
        count = len(art.tokens)
        for lo in range(count + 1):
            for hi in range(count + 1):
                plain = [k for k in range(lo, hi) if art.tokens[k].is_word]
                assert art.word_count(lo, hi) == len(plain)
                assert art.has_word(lo, hi) == bool(plain)


def test_long_paragraphs_keep_their_quotes() -> None:
    # The degenerate paragraphs that were quadratic still read as before: straight
    # quotations pair up, lone apostrophes and unpaired curly marks yield nothing.
    assert len(find_quotations('"a" ' * 2000)) == 2000
    assert find_quotations("'a " * 2000) == []
    assert find_quotations("“‘“‘" * 500) == []


@pytest.mark.parametrize(("opening", "closing"), [("„", "“"), ("«", "»"), ("»", "«"), ("‚", "‘")])
def test_european_marks_close_their_quotation(opening: str, closing: str) -> None:
    # The quotation ended its sentence only for English closing marks: the rest ran on into
    # the journalist's next sentence, and lost its opening mark but kept the closing one.
    article = (
        f"Hans Müller said: {opening}This is a disaster for the city.{closing} Critics disagreed.\n"
    )
    quotes = extract_quotes(article)
    check_contract(article, quotes)
    (q,) = quotes
    assert "Critics" not in q.text and q.speaker.name == "Hans Müller"
    assert q.text.count(opening) == q.text.count(closing) or opening == closing


@pytest.mark.parametrize(
    ("article", "cue", "source"),
    [
        # A feeling or view the subject holds is the subject's, not a passive with no agent.
        (
            "Protesters were frustrated that the police released only some of the footage.",
            "frustrated",
            "Protesters",
        ),
        ("Mr. Clarke is convinced that the mines can be saved.", "convinced", "Mr. Clarke"),
        # A title, group or organisation noun the cue statistics never saw is a source head.
        (
            "But environmentalists worry that the plan will pollute the river.",
            "worry",
            "environmentalists",
        ),
        (
            "Connecticut's tax commissioner says no one from the state released the filings.",
            "says",
            "Connecticut's tax commissioner",
        ),
    ],
)
def test_subject_is_the_source_of_a_held_view(article: str, cue: str, source: str) -> None:
    assert _source_of(article, cue) == source


def test_a_passive_with_no_agent_still_has_no_source() -> None:
    article = "Trump is expected to announce his running mate on Friday."
    for attribution in find_attributions(article):
        assert attribution.source is None


@pytest.mark.parametrize(
    ("article", "cue", "source"),
    [
        # A participle before the cue, or after a subordinator, opens an adjunct clause.
        (
            '"It is insane," Sanders said, going on to say that the country had moved on.',
            "say",
            "Sanders",
        ),
        (
            '"We have shown the world," Mr. Obama said, not even needing to mention the boxer.',
            "mention",
            "Mr. Obama",
        ),
        # A long apposition between the name and the cue.
        (
            '"It is fiscally responsible," Leonard E. Burman, director of the centrist '
            "Urban-Brookings Tax Policy Center and a professor at the Maxwell School of "
            "Syracuse University, said of the plan.",
            "said",
            "Leonard E. Burman, director of the centrist Urban-Brookings Tax Policy Center "
            "and a professor at the Maxwell School of Syracuse University",
        ),
    ],
)
def test_source_of_a_participle_or_after_a_long_apposition(
    article: str, cue: str, source: str
) -> None:
    assert _source_of(article, cue) == source


@pytest.mark.parametrize(
    ("article", "source"),
    [
        (
            "Donald Trump, meanwhile, is supported by far fewer publications.",
            "far fewer publications",
        ),
        (
            "The nominee has been endorsed by dozens of papers ranging from the Times to the "
            "Republic.",
            "dozens of papers",
        ),
    ],
)
def test_the_agent_of_a_passive_cue_is_its_source(article: str, source: str) -> None:
    (attribution,) = find_attributions(article)
    assert attribution.source is not None
    assert article[slice(*attribution.source)] == source


@pytest.mark.parametrize(
    ("article", "cue", "source"),
    [
        # A sentence-opening participle clause shares the subject after its comma.
        (
            "Citing an unfounded conspiracy theory, Trump repeatedly accused Rafael Cruz.",
            "Citing",
            "Trump",
        ),
        ("After thanking the raucous crowd, he said the race was far from over.", "thanking", "he"),
        # After an inverted "said X", the participle is X's.
        (
            '"It was a white-hot atmosphere," said Devine, suggesting that the contests would '
            "be hard.",
            "suggesting",
            "Devine",
        ),
    ],
)
def test_participle_clause_shares_the_main_subject(article: str, cue: str, source: str) -> None:
    assert _source_of(article, cue) == source


@pytest.mark.parametrize(
    "article",
    [
        "Following an outcry, the bill, known as the Justice Act, was passed by Congress.",
        'The 30-second spot, titled "Arrogant," features a report from the weekend.',
    ],
)
def test_a_participle_that_names_something_has_no_source(article: str) -> None:
    naming = [
        a
        for a in find_attributions(article)
        if a.cue and article[slice(*a.cue)].startswith(("known", "titled"))
    ]
    assert len(naming) == 1
    assert naming[0].source is None


def test_an_apposition_before_called_is_still_the_source() -> None:
    article = "Minyon Moore, a senior adviser, called the remarks a true wake-up call."
    (attribution,) = find_attributions(article)
    assert attribution.source is not None
    assert article[slice(*attribution.source)].startswith("Minyon Moore")


@pytest.mark.parametrize(
    ("article", "source"),
    [
        # An apposition holding an adjunct or an age: the name stands before it.
        (
            "Clinton, during a town hall meeting in Columbus, Ohio, said coal jobs would go.",
            "Clinton, during a town hall meeting in Columbus, Ohio",
        ),
        (
            "Cory James, 22, of Flint, Mich., said he had not given up hope.",
            "Cory James, 22, of Flint, Mich.",
        ),
        # "according to" a phrase the source statistics do not start.
        (
            "Clinton had a bigger cash balance, according to figures her campaign released Friday.",
            "figures her campaign released Friday",
        ),
    ],
)
def test_source_before_an_adjunct_apposition_or_after_according_to(
    article: str, source: str
) -> None:
    (attribution,) = find_attributions(article)
    assert attribution.source is not None
    assert article[slice(*attribution.source)] == source


@pytest.mark.parametrize(
    ("article", "name"),
    [
        ("Said Ellis: “I don’t get the sense she is interested in tax reform.”", "Ellis"),
        ('Said Comey, "The thought that an error on our part is connected is painful."', "Comey"),
    ],
)
def test_a_cue_opening_the_sentence_has_its_source_after_it(article: str, name: str) -> None:
    quote = only(article)
    assert quote.speaker.name == name
    assert quote.cue == "Said"
    assert quote.text.startswith(("I don’t", "The thought"))


def test_a_dateline_is_never_the_subject() -> None:
    article = (
        "WASHINGTON (Reuters) — Sen. Chuck Grassley defended the remarks on Thursday "
        "and said it was basically the same thing."
    )
    said = [a for a in find_attributions(article) if a.cue and article[slice(*a.cue)] == "said"]
    assert len(said) == 1
    assert said[0].source is not None
    assert article[slice(*said[0].source)] == "Sen. Chuck Grassley"


def test_together_may_stand_between_a_source_and_its_cue() -> None:
    article = "China and the United States, the two biggest polluters, which together vowed to act."
    vowed = [a for a in find_attributions(article) if a.cue and "vowed" in article[slice(*a.cue)]]
    assert len(vowed) == 1
    assert vowed[0].source is not None
    assert article[slice(*vowed[0].source)] == "which"
