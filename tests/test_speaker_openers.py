"""One name per person: verbs, adverbs and epithets written before a name are not part of it,
and a bare surname goes to the person the article calls by it (issues #13 item 2, #14 item 2).

The articles are invented; each imitates a PolNeAR dev article that gave one person two names.
"""

from __future__ import annotations

from summarizer._llm._names import SpeakerNames
from summarizer._models import Speaker
from summarizer._offline._speakers import SpeakerResolver


def resolve_in_order(article: str, *mentions: str) -> list[Speaker]:
    """Resolve each mention at its next occurrence, in article order ("Cruz|said in July"
    resolves "Cruz" where " said in July" follows it)."""
    resolver = SpeakerResolver(article)
    out: list[Speaker] = []
    pos = 0
    for item in mentions:
        mention, _, context = item.partition("|")
        start = article.index(f"{mention} {context}" if context else mention, pos)
        pos = start + len(mention)
        out.append(resolver.resolve(start, pos))
    return out


CAMPAIGN = (
    "Donald Trump and Hillary Clinton met in a debate on Monday.\n"
    'He says, "Working that microphone was harder than working Crooked Hillary Clinton."\n'
    'In one tweet, Trump said: "Did Crooked Hillary help her become a citizen?"\n'
    "Injecting Clinton's marital troubles into the campaign is Trump's latest effort.\n"
    "Clinton said the remarks were beneath the office.\n"
    "Everything Trump says is a lie, one reader wrote.\n"
)


def test_a_nickname_before_a_full_name_is_no_new_person() -> None:
    (crooked,) = resolve_in_order(CAMPAIGN, "Crooked Hillary Clinton")
    assert crooked.name == "Hillary Clinton"


def test_a_nickname_before_a_first_name_is_the_person_of_that_name() -> None:
    (crooked,) = resolve_in_order(CAMPAIGN, "Crooked Hillary|help")
    assert crooked.name == "Hillary Clinton"


def test_a_participle_opening_a_sentence_is_no_part_of_a_name() -> None:
    injecting, later = resolve_in_order(CAMPAIGN, "Injecting Clinton", "Clinton|said the remarks")
    assert injecting.name == "Hillary Clinton"
    assert later.name == "Hillary Clinton"


def test_a_pronoun_ending_in_ing_opening_a_sentence_is_no_part_of_a_name() -> None:
    (everything,) = resolve_in_order(CAMPAIGN, "Everything Trump")
    assert everything.name == "Donald Trump"


def test_a_verb_opening_a_headline_is_no_part_of_the_name_after_it() -> None:
    article = (
        "Hold Melania Trump to her husband's standards.\n"
        "Several weeks ago, Donald Trump said that Melania Trump would tell her story.\n"
        '"I have always followed the law," Melania Trump said.\n'
    )
    (headline,) = resolve_in_order(article, "Hold Melania Trump")
    assert headline.name == "Melania Trump"


def test_an_unknown_name_keeps_its_first_word() -> None:
    # Only a person the article names elsewhere loses the word before it.
    (poll,) = resolve_in_order("Morning Consult said the race was close.\n", "Morning Consult")
    assert poll.name == "Morning Consult"


def test_a_listed_first_name_ending_like_an_adverb_stays_in_the_name() -> None:
    (kelly,) = resolve_in_order("Kelly Ayotte said she would not vote for him.\n", "Kelly Ayotte")
    assert kelly.name == "Kelly Ayotte"


CRUZ = (
    "Sen. Ted Cruz endorsed Donald Trump on Friday.\n"
    "Cruz said he had made the decision after months of thought.\n"
    "Trump also retweeted an unflattering photo of Heidi Cruz during the primary.\n"
    '"I am not in the habit of supporting people who attack my wife," Cruz said in July.\n'
)


def test_a_bare_surname_goes_to_the_one_the_article_calls_by_it() -> None:
    (july,) = resolve_in_order(CRUZ, "Cruz|said in July")
    assert july.name == "Ted Cruz"


def test_a_bare_surname_after_an_appositive_relation_goes_to_the_one_called_by_it() -> None:
    article = (
        "Marcel Lehel Lazar, a former taxi driver, was sentenced on Thursday.\n"
        "Lazar said he was sorry.\n"
        '"Life is very hard," his wife, Gabriela Violeta Lazar, wrote to the court.\n'
        "A high school graduate, Lazar told reporters about the passwords.\n"
    )
    (told,) = resolve_in_order(article, "Lazar|told reporters")
    assert told.name == "Marcel Lehel Lazar"


def test_a_bare_surname_after_the_other_as_subject_still_goes_to_the_subject() -> None:
    article = (
        "Sen. Ted Cruz endorsed Donald Trump on Friday.\n"
        "Cruz said he had made the decision after months of thought.\n"
        "Heidi Cruz spoke to supporters in Houston.\n"
        '"We are proud of this campaign," Cruz said.\n'
    )
    (proud,) = resolve_in_order(article, "Cruz|said.")
    assert proud.name == "Heidi Cruz"


def test_the_llm_engine_names_the_person_once() -> None:
    # The model's "Clinton" near "Injecting Clinton's" is the article's Hillary Clinton.
    names = SpeakerNames(CAMPAIGN)
    at = CAMPAIGN.index("Injecting")
    assert names.resolve("Clinton", at, at + 40).name == "Hillary Clinton"
    at = CAMPAIGN.index("Everything")
    assert names.resolve("Trump", at, at + 30).name == "Donald Trump"
