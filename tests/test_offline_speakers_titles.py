"""Titles written before a name and the place written after it, on short invented articles:
the name keeps the person's name alone, the title and place go to `role`, the kind is
`person`."""

from __future__ import annotations

import pytest

from summarizer._llm._names import SpeakerNames
from summarizer._models import Speaker
from summarizer._offline._speakers import SpeakerResolver


def resolve(article: str, mention: str) -> Speaker:
    """Resolve the first occurrence of `mention` in `article`."""
    start = article.index(mention)
    return SpeakerResolver(article).resolve(start, start + len(mention))


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("Rep. Elijah Cummings of Maryland", "Elijah Cummings", "Representative of Maryland"),
        ("Sen. Ted Cruz of Texas", "Ted Cruz", "Senator of Texas"),
        ("Gov. John Kasich of Ohio", "John Kasich", "Governor of Ohio"),
        ("President Vladimir Putin of Russia", "Vladimir Putin", "President of Russia"),
        ("Sen. Ann Byers of New York", "Ann Byers", "Senator of New York"),
    ],
)
def test_place_after_a_titled_name_goes_to_the_role(mention: str, name: str, role: str) -> None:
    article = f'"That is no purpose," said {mention}, the panel\'s senior member.\n'
    speaker = resolve(article, mention)
    assert (speaker.name, speaker.role, speaker.kind) == (name, role, "person")


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("House Speaker Paul Ryan of Wisconsin", "Paul Ryan", "House Speaker"),
        ("U.S. District Judge Emma Sullivan of Washington", "Emma Sullivan", "U.S. District Judge"),
    ],
)
def test_place_after_a_title_naming_its_body_is_where_the_person_is_from(
    mention: str, name: str, role: str
) -> None:
    # "House Speaker of Wisconsin" would misstate the title: the place stays in the mention.
    article = f'"That is no purpose," said {mention}, the senior member.\n'
    speaker = resolve(article, mention)
    assert (speaker.name, speaker.role, speaker.kind) == (name, role, "person")


def test_place_after_an_untitled_name_is_no_part_of_the_name() -> None:
    # A surname ending in "s" once made the whole phrase a plural: kind "group".
    article = "Elias Cummings of Maryland said the vote was a sham.\n"
    speaker = resolve(article, "Elias Cummings of Maryland")
    assert (speaker.name, speaker.kind) == ("Elias Cummings", "person")


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Paul Lewis of the Marlow Center for Arms Studies", "Paul Lewis"),
        ("Paul French of the National Grocers Association", "Paul French"),
    ],
)
def test_body_after_a_name_is_no_part_of_the_name(mention: str, name: str) -> None:
    # "Lewis" ends in "s" and "French" is a plural noun: both once made the phrase a group.
    speaker = resolve(f"{mention} wrote the report in December.\n", mention)
    assert (speaker.name, speaker.kind) == (name, "person")


def test_later_surname_keeps_the_title_with_its_place() -> None:
    article = 'Rep. Elias Dunmore of Maryland voted no on Tuesday.\n"It is a sham," Dunmore said.\n'
    start = article.index("Dunmore said")
    speaker = SpeakerResolver(article).resolve(start, start + len("Dunmore"))
    assert (speaker.name, speaker.role) == ("Elias Dunmore", "Representative of Maryland")


def test_place_after_a_name_inside_a_description_stays_in_the_description() -> None:
    mention = "A spokesman for Sen. Ted Cruz of Texas"
    speaker = resolve(f"{mention} said no.\n", mention)
    assert speaker.name == "a spokesman for Sen. Ted Cruz of Texas"


@pytest.mark.parametrize(
    "mention",
    ["Rep. Elias Cummings in a statement", "Rep. Elias Cummings on Tuesday"],
)
def test_titled_surname_ending_in_s_is_a_person_not_a_plural(mention: str) -> None:
    speaker = resolve(f"{mention} said no.\n", mention)
    assert (speaker.name, speaker.role, speaker.kind) == (
        "Elias Cummings",
        "Representative",
        "person",
    )


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("Secretary General Ban Ki-moon", "Ban Ki-moon", "Secretary General"),
        ("U.N. Secretary General Ban Ki-moon", "Ban Ki-moon", "U.N. Secretary General"),
        ("North Korean leader Kim Jong-un", "Kim Jong-un", "North Korean leader"),
        ("Attorney General Loretta Lynch", "Loretta Lynch", "Attorney General"),
        ("Press Secretary Josh Earnest", "Josh Earnest", "Press Secretary"),
        ("Chief Justice John Roberts", "John Roberts", "Chief Justice"),
        ("Vice President Joe Biden", "Joe Biden", "Vice President"),
    ],
)
def test_multi_word_title_opening_a_sentence_is_split_from_the_name(
    mention: str, name: str, role: str
) -> None:
    speaker = resolve(f"{mention} condemned the attack on Tuesday.\n", mention)
    assert (speaker.name, speaker.role, speaker.kind) == (name, role, "person")


def test_status_word_opening_a_sentence_is_still_lower_case() -> None:
    mention = "Former President Bill Clinton"
    speaker = resolve(f"{mention} condemned the attack.\n", mention)
    assert (speaker.name, speaker.role) == ("Bill Clinton", "former President")


@pytest.mark.parametrize(
    ("mention", "name"),
    [("Korean-born Jane Lee", "Jane Lee"), ("Co-host Jane Lee", "Jane Lee")],
)
def test_lower_case_compound_before_a_name_is_no_part_of_it(mention: str, name: str) -> None:
    speaker = resolve(f"The vote was close. {mention} said so.\n", mention)
    assert speaker.name == name


def test_description_in_capitals_keeps_its_capitals() -> None:
    article = 'The vote was close.\n"We are worried," FELLOW DOCTORS wrote to the board.\n'
    speaker = resolve(article, "FELLOW DOCTORS")
    assert (speaker.name, speaker.kind) == ("FELLOW DOCTORS", "group")


@pytest.mark.parametrize(
    ("model_name", "name", "role"),
    [
        ("Secretary General Ban Ki-moon", "Ban Ki-moon", "Secretary General"),
        ("Rep. Elijah Cummings", "Elijah Cummings", "Representative"),
        ("Rep. Elijah Cummings of Maryland", "Elijah Cummings", "Representative of Maryland"),
    ],
)
def test_llm_engine_names_a_titled_speaker_as_the_resolver_does(
    model_name: str, name: str, role: str
) -> None:
    # The LLM engine took a name the article writes as it stands for its own canonical
    # form, title and all; a title opening it now sends it to the resolver.
    article = (
        "Secretary General Ban Ki-moon condemned the test.\n"
        '"No," said Rep. Elijah Cummings of Maryland, the panel\'s senior member.\n'
    )
    resolved = SpeakerNames(article).resolve(model_name, 0, len(article))
    assert (resolved.name, resolved.role, resolved.kind) == (name, role, "person")


def test_a_name_joined_by_and_is_another_person_not_a_title() -> None:
    # "Larry King and" was Ed Schultz's title, and "Mr. King" then resolved to Ed Schultz
    # through the title's words: four of Larry King's quotes went to another man.
    article = (
        "Last week, I caught Larry King on his show. A reader would ask: Larry King and Ed "
        "Schultz are on a Russian network?\n\n"
        '"I have never been edited," Mr. King, 82, said. Mr. Schultz said he was free.\n'
    )
    king = resolve(article, "Mr. King, 82")
    assert king.name != "Ed Schultz" and "King" in (king.name or "")
    schultz = resolve(article, "Mr. Schultz")
    assert (schultz.name, schultz.role) == ("Ed Schultz", None)
    # "and" between two titles is still one title.
    speaker = resolve(
        "Labor leader and civil rights activist Dolores Huerta said no.\n",
        "Labor leader and civil rights activist Dolores Huerta",
    )
    assert (speaker.name, speaker.role) == (
        "Dolores Huerta",
        "labor leader and civil rights activist",
    )
