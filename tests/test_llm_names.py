"""The llm engine names each speaker as the article does, whatever form the model used."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from summarizer import Analysis, Summarizer
from summarizer._llm._names import SpeakerNames, whole_word_positions
from summarizer.testing import FakeModel

from .test_llm_engine import KEY, SUMMARY

ARTICLE = (
    "AI Chiefs Trade Barbs\n"
    "\n"
    "Sam Altman, the chief executive of OpenAI, said the company would not sue its rivals. "
    '"We build, we do not litigate," Altman told reporters.\n'
    "\n"
    "Meta CEO Zuckerberg said open models would win the decade. Microsoft said in a "
    "statement that it welcomed the competition.\n"
    "\n"
    '"Open source is a slogan," Mr. Altman added later.\n'
)


def proposal(text: str, name: str | None, **kw: Any) -> dict[str, Any]:
    """A correct quote, its speaker written the way chat models write them."""
    return {
        "text": text,
        "paragraph": None,
        "type": kw.get("type", "indirect"),
        "speaker": {
            "name": name,
            "mention": kw.get("mention", name),
            "role": kw.get("role"),
            "kind": kw.get("kind", "person"),
        },
        "cue": kw.get("cue", "said"),
        "stance": kw.get("stance"),
    }


def analyse(*quotes: dict[str, Any]) -> Analysis:
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
        return s.analyze(ARTICLE)


AGAINST_META = {"target": "Meta", "label": "against"}


def test_titles_honorifics_and_short_forms_are_one_name_with_its_role() -> None:
    result = analyse(
        proposal("the company would not sue its rivals", "OpenAI CEO Sam Altman"),
        proposal(
            "We build, we do not litigate",
            "Altman",
            type="direct",
            cue="told reporters",
            stance=AGAINST_META,
        ),
        proposal("Open source is a slogan", "Mr. Altman", type="direct", stance=AGAINST_META),
    )
    assert result.meta.rejected == []
    assert [q.speaker.name for q in result.quotes] == ["Sam Altman"] * 3
    assert {q.speaker.role for q in result.quotes} == {"chief executive of OpenAI"}
    # The stance rows aggregate by that one name.
    assert [(r.speaker, r.quote_ids) for r in result.stances] == [("Sam Altman", ["q2", "q3"])]


def test_a_first_name_the_article_does_not_give_is_dropped_with_a_warning() -> None:
    result = analyse(proposal("open models would win the decade", "Mark Zuckerberg"))
    assert result.meta.rejected == []
    (quote,) = result.quotes
    assert quote.speaker.name == "Zuckerberg"
    assert quote.speaker.role == "Meta CEO"
    assert quote.speaker.mention == "Zuckerberg"
    assert any(
        "'Mark Zuckerberg', a form the article does not have" in w and "'Zuckerberg'" in w
        for w in result.meta.warnings
    )


def test_a_company_suffix_is_not_part_of_the_name() -> None:
    result = analyse(
        proposal("it welcomed the competition", "Microsoft Corp.", kind="organization")
    )
    (quote,) = result.quotes
    assert quote.speaker.name == "Microsoft"
    assert quote.speaker.kind == "organization"


def test_a_speaker_of_whom_nothing_is_in_the_article_is_unknown_and_the_quote_kept() -> None:
    result = analyse(proposal("open models would win the decade", "Jane Doe"))
    assert result.meta.rejected == []
    (quote,) = result.quotes
    assert quote.text == "open models would win the decade"
    assert quote.speaker.name is None and quote.speaker.kind == "unknown"
    assert quote.speaker.role is None and quote.speaker.mention is None
    assert any("'Jane Doe' of whom nothing is in the article" in w for w in result.meta.warnings)


def test_a_resolved_name_is_still_held_to_the_article_s_attribution() -> None:
    # Altman's surname is near the quote, but the article attributes it to Zuckerberg: the
    # name the model gave is resolved, and the claim still checked (and not supported).
    result = analyse(proposal("open models would win the decade", "Mr. Altman"))
    (quote,) = result.quotes
    assert quote.speaker.name is None
    assert any("does not attribute a quote to 'Sam Altman'" in w for w in result.meta.warnings)


FAMILY = (
    "Okafor siblings split over shipyard sale\n"
    "\n"
    "Marguerite Okafor, the company's chief executive, said the sale was the only way. Her "
    "brother, Daniel Okafor, who runs the repair division, called the deal a liquidation.\n"
    "\n"
    "Ms. Okafor rejected that. The offer guarantees every employee a job, she said.\n"
)


def test_an_honorific_the_article_also_writes_tells_one_of_a_family_from_another() -> None:
    answer = {
        "summary": SUMMARY,
        "quotes": [proposal("The offer guarantees every employee a job", "Ms. Okafor")],
    }
    with (
        FakeModel(answer) as fake,
        Summarizer(engine="llm", base_url=fake.base_url, model="gpt-4o-mini", api_key=KEY) as s,
    ):
        result = s.analyze(FAMILY)
    (quote,) = result.quotes
    assert quote.speaker.name == "Marguerite Okafor"


def test_an_organisation_and_a_description_keep_one_form_each() -> None:
    article = (
        "Talks stall\n\nThe IMF said the loan would wait. Demonstrators said they would "
        "return. The IMF also said reforms were overdue. demonstrators said they were tired.\n"
    )
    answer = {
        "summary": SUMMARY,
        "quotes": [
            proposal("the loan would wait", "the IMF", kind="organization"),
            proposal("reforms were overdue", "IMF", kind="organization"),
            proposal("they would return", "Demonstrators", kind="group"),
            proposal("they were tired", "demonstrators", kind="group"),
        ],
    }
    with (
        FakeModel(answer) as fake,
        Summarizer(engine="llm", base_url=fake.base_url, model="gpt-4o-mini", api_key=KEY) as s,
    ):
        result = s.analyze(article)
    assert [q.speaker.name for q in result.quotes] == ["IMF", "Demonstrators"] * 2


def test_the_type_is_what_the_article_s_quotation_marks_make_it() -> None:
    # Labels swapped by the model: a quotation called indirect, reported speech called mixed.
    result = analyse(
        proposal("We build, we do not litigate", "Altman", type="indirect", cue="told reporters"),
        proposal("the company would not sue its rivals", "Sam Altman", type="mixed"),
    )
    assert [(q.text, q.type) for q in result.quotes] == [
        ("the company would not sue its rivals", "indirect"),
        ("We build, we do not litigate", "direct"),
    ]


def test_one_name_whichever_apostrophe_the_answer_or_the_article_uses() -> None:
    article = (
        "Police chief speaks\n\nJames O’Neill said the department would hire more officers. "
        "The plan was funded, said O'Neill.\n"
    )
    answer = {
        "summary": SUMMARY,
        "quotes": [
            proposal("the department would hire more officers", "James O’Neill"),
            proposal("The plan was funded", "O'Neill"),
        ],
    }
    with (
        FakeModel(answer) as fake,
        Summarizer(engine="llm", base_url=fake.base_url, model="gpt-4o-mini", api_key=KEY) as s,
    ):
        result = s.analyze(article)
    assert [q.speaker.name for q in result.quotes] == ["James O’Neill"] * 2


def test_a_one_word_name_the_article_also_writes_longer_is_the_longer_name() -> None:
    # "Peabody" is a plain capitalised word, but the article writes it as the start of an
    # organisation's name too: one name for it whichever form the model gives.
    from summarizer._llm._names import SpeakerNames

    article = (
        "Patriot Coal was spun off from the coal giant Peabody Energy in 2007.\n\n"
        "Patriot took the unionized mines, while Peabody kept its other operations. Peabody "
        "said the split was fair. Consol declined to comment.\n"
    )
    names = SpeakerNames(article)
    at = article.index("the split was fair")
    end = at + len("the split was fair")
    assert names.resolve("Peabody", at, end).name == "Peabody Energy"
    assert names.resolve("Peabody Energy", at, end).name == "Peabody Energy"
    assert names.resolve("Peabody Energy Corp.", at, end).name == "Peabody Energy"
    # A one-word name the article never writes longer stays as it stands.
    assert names.resolve("Patriot", at, end).name == "Patriot Coal"
    assert names.resolve("Consol", at, end).name == "Consol"


def test_whole_word_positions_are_the_lookbehind_pattern_s_matches() -> None:
    # `SpeakerNames._nearest` finds a name's word with `str.find` and two edge tests, not a
    # pattern opening with a lookbehind (tried at every offset of the article): the same
    # positions, overlapping candidates included ("aa" in "aaaa", "U.S" in "U.S.U.S").
    rng = random.Random(5)
    alphabet = "aAbB.'’-_3 é\n,"
    texts = ["aaaa aa", "U.S.U.S U.S", "Ortiz's Ortiz’ -Ortiz Ortiz- Ortiz_ 3Ortiz Ortiz."]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    words = ["a", "aa", "aA", "a.b", "U.S", "Ortiz", "b'", "é", "a-b"]
    for text in texts:
        for word in words:
            pattern = rf"(?<![\w'’-]){re.escape(word)}(?![\w-])"
            expected = [m.start() for m in re.finditer(pattern, text)]
            assert whole_word_positions(text, word) == expected, (text, word)


def test_a_name_needing_the_resolver_is_found_without_a_lookbehind_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = "Union leader Sam Okoro said the strike would begin. Okoro later left."
    scanned: list[str] = []
    finditer = re.finditer

    def spy(pattern: Any, text: str, *args: Any) -> Any:
        if isinstance(pattern, str) and pattern.startswith("(?<!"):
            scanned.append(pattern)
        return finditer(pattern, text, *args)

    monkeypatch.setattr(re, "finditer", spy)
    start = article.index("the strike")
    resolved = SpeakerNames(article).resolve("Mr. Okoro", start, start + 10)
    assert resolved.name == "Sam Okoro"
    assert scanned == []


def test_a_title_or_party_before_a_name_goes_to_the_role_and_the_short_form_follows() -> None:
    # "Rival" and "Democrat" open the article's own phrases, capitalised: they are no part
    # of the name. With them read as names, "Clinton" had three fuller forms (and "A
    # spokeswoman for Hillary Clinton" a fourth) and kept its short form.
    from summarizer._llm._names import canonicalise

    article = (
        "Rival Hillary Clinton had mocked the claim. Later, Democrat Hillary Clinton said the "
        "debate was hers. A spokeswoman for Hillary Clinton said nothing.\n\n"
        "Bill Clinton campaigned in Ohio on Tuesday. Hours later, Clinton said the tweets "
        "were unhinged.\n"
    )
    names = SpeakerNames(article)
    at = article.index("the debate was hers")
    rival = names.resolve("Rival Hillary Clinton", at, at + 10)
    democrat = names.resolve("Democrat Hillary Clinton", at, at + 10)
    assert (rival.name, democrat.name) == ("Hillary Clinton", "Hillary Clinton")
    assert rival.role and democrat.role
    quotes = [
        {"speaker": {"name": name, "role": None}}
        for name in ("Hillary Clinton", "A spokeswoman for Hillary Clinton", "Clinton")
    ]
    canonicalise(quotes)
    assert [q["speaker"]["name"] for q in quotes] == [
        "Hillary Clinton",
        "A spokeswoman for Hillary Clinton",
        "Hillary Clinton",
    ]


def test_a_middle_initial_does_not_make_two_names_of_one_person() -> None:
    from summarizer._llm._names import canonicalise

    quotes = [
        {"speaker": {"name": name, "role": None}}
        for name in ("Loretta E. Lynch", "Loretta Lynch", "Lynch", "George W. Bush")
    ]
    canonicalise(quotes)
    assert [q["speaker"]["name"] for q in quotes] == [
        "Loretta E. Lynch",
        "Loretta E. Lynch",
        "Loretta E. Lynch",
        "George W. Bush",
    ]


def test_a_list_of_sources_is_one_source_and_a_title_inside_a_name_goes_to_the_role() -> None:
    article = (
        "The AI Race\n"
        "OpenAI said it would not sue the startup DeepSeek.\n"
        "Meta CEO Zuckerberg said the company would spend heavily. Later, companies such as "
        "SoftBank Group, OpenAI, and Oracle announced a joint venture called Stargate.\n"
    )
    names = SpeakerNames(article)
    at = article.index("the company would spend")
    for given in ("Meta CEO Zuckerberg", "DeepSeek. Meta CEO Zuckerberg"):
        found = names.resolve(given, at, at + 10)
        assert (found.name, found.role) == ("Zuckerberg", "Meta CEO"), given
    at = article.index("a joint venture")
    # Was "SoftBank", with "OpenAI, and Oracle" as its role (an appositive after a comma).
    found = names.resolve("SoftBank Group, OpenAI, and Oracle", at, at + 10)
    assert found.name == "SoftBank Group, OpenAI, and Oracle" and found.role is None
    # A name and its role after a comma is still one person.
    found = names.resolve("Zuckerberg, CEO of Meta", article.index("the company"), at)
    assert found.name == "Zuckerberg"


def test_a_party_tag_after_a_titled_name_is_no_part_of_it() -> None:
    # With its title sent to the resolver, "(D)" was taken for the surname: the name "D".
    article = "Virginia Gov. Terry McAuliffe (D) said the state would appeal the ruling."
    found = SpeakerNames(article).resolve("Gov. Terry McAuliffe (D)", 38, 60)
    assert (found.name, found.role) == ("Terry McAuliffe", "Governor")
    # Before an appositive too: the name was "R-Ohio".
    article = '"We want answers," said Rep. Jim Jordan (R-Ohio), an oversight panel member.'
    given = "Rep. Jim Jordan (R-Ohio), an oversight panel member,"
    assert SpeakerNames(article).resolve(given, 1, 16).name == "Jim Jordan"


def test_a_description_with_a_title_word_is_its_own_form_without_the_resolver() -> None:
    # "spokesperson" is a title word, but in a description opening with a determiner it names
    # no person: the description stands as the article words it, and the resolver (which
    # indexes the whole article) is not built for it.
    article = (
        "A spokesperson for the Brookhaven Fishermen's Association said its members would "
        "ask the state for emergency mooring space.\n"
    )
    names = SpeakerNames(article)
    at = article.index("its members")
    given = "a spokesperson for the Brookhaven Fishermen's Association"
    assert names.resolve(given, at, at + 11).name == given
    assert names._resolver is None
