"""Speaker resolution: names, titles, roles, kinds and pronouns, on short invented articles."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer._models import Speaker
from summarizer._offline._speakers import SpeakerResolver

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def resolve_in_order(article: str, *mentions: str) -> list[Speaker]:
    """Resolve each mention at its next occurrence, in article order, as the extractor does.

    "Clinton|said the race" resolves "Clinton" where it is followed by " said the race".
    """
    resolver = SpeakerResolver(article)
    out: list[Speaker] = []
    pos = 0
    for item in mentions:
        mention, _, context = item.partition("|")
        start = article.index(f"{mention} {context}" if context else mention, pos)
        pos = start + len(mention)
        out.append(resolver.resolve(start, pos))
    return out


TECH = (
    "Meta CEO Mark Zuckerberg and Sam Altman, co-founder and CEO of OpenAI, met in Paris.\n"
    '"We are not in a race," Altman said on Tuesday.\n'
    "Meta CEO Zuckerberg disagreed. He said the race had already started.\n"
    "An OpenAI spokesperson declined to comment. Market research organization Gartner said "
    "spending would double. They expect the boom to last.\n"
)


def test_title_is_stripped_from_name_and_kept_as_role() -> None:
    (zuck,) = resolve_in_order(TECH, "Meta CEO Zuckerberg")
    assert zuck.name == "Mark Zuckerberg"
    assert zuck.role == "Meta CEO"
    assert zuck.kind == "person"


def test_short_form_resolves_to_full_name_with_appositive_role() -> None:
    (altman,) = resolve_in_order(TECH, "Altman")
    assert altman.name == "Sam Altman"
    assert altman.role == "co-founder and CEO of OpenAI"


def test_description_is_kept_when_no_name_is_given() -> None:
    (spokesperson,) = resolve_in_order(TECH, "An OpenAI spokesperson")
    assert spokesperson.name == "an OpenAI spokesperson"
    assert spokesperson.kind == "person"
    # The name says the role already; a role it contains would be shown twice.
    assert spokesperson.role is None


def test_a_role_the_description_contains_is_not_repeated() -> None:
    article = (
        "A spokesperson for the Fishermen's Association said members would ask for help. "
        "The association's president, Tomás Okafor, said he was disappointed.\n"
    )
    spokesperson, okafor = resolve_in_order(
        article,
        "A spokesperson for the Fishermen's Association",
        "The association's president, Tomás Okafor",
    )
    assert spokesperson.name == "a spokesperson for the Fishermen's Association"
    assert spokesperson.role is None
    assert (okafor.name, okafor.role) == ("Tomás Okafor", "association's president")


def test_organisation_named_after_its_description_and_they_refers_to_it() -> None:
    gartner, they = resolve_in_order(TECH, "Market research organization Gartner", "They")
    assert (gartner.name, gartner.kind, gartner.role) == ("Gartner", "organization", None)
    assert (they.name, they.kind) == ("Gartner", "organization")


def test_we_inside_a_quotation_is_its_speaker() -> None:
    (we,) = resolve_in_order(TECH, "We")
    assert we.name == "Sam Altman"


def test_mention_offsets_slice_back_exactly_and_trailing_punctuation_is_trimmed() -> None:
    article = "Hillary Clinton, the Democratic nominee, said she would win.\n"
    resolver = SpeakerResolver(article)
    start = 0
    end = article.index(" said")  # "Hillary Clinton, the Democratic nominee,"
    speaker = resolver.resolve(start, end)
    assert speaker.mention == "Hillary Clinton, the Democratic nominee"
    assert speaker.mention_start is not None and speaker.mention_end is not None
    assert article[speaker.mention_start : speaker.mention_end] == speaker.mention
    assert speaker.name == "Hillary Clinton"
    assert speaker.role == "Democratic nominee"


def test_mister_and_title_forms_resolve_to_the_full_name() -> None:
    article = (
        "Donald J. Trump spoke in Ohio. Republican presidential nominee Donald Trump said the "
        "polls were wrong.\nMr. Trump later said he would win. Trump's campaign manager "
        "Kellyanne Conway agreed.\n"
    )
    mr, conway = resolve_in_order(article, "Mr. Trump", "Trump's campaign manager Kellyanne Conway")
    assert mr.name == "Donald J. Trump"
    assert mr.role == "Republican presidential nominee"
    assert conway.name == "Kellyanne Conway"
    assert conway.role == "Trump's campaign manager"


SAME_SURNAME = (
    "Hillary Clinton campaigned in Iowa with Bill Clinton on Monday.\n"
    "Mrs. Clinton said she was confident. Mr. Clinton said he agreed.\n"
    "Bill Clinton then spoke about the economy. Clinton said the numbers were strong.\n"
    "Later, Hillary Clinton answered questions. Clinton said the race was close.\n"
)


def test_same_surname_is_told_apart_by_honorific_and_pronoun() -> None:
    mrs, she, mr, he = resolve_in_order(SAME_SURNAME, "Mrs. Clinton", "she", "Mr. Clinton", "he")
    assert (mrs.name, she.name) == ("Hillary Clinton", "Hillary Clinton")
    assert (mr.name, he.name) == ("Bill Clinton", "Bill Clinton")


def test_bare_shared_surname_goes_to_the_one_just_named() -> None:
    first, second = resolve_in_order(
        SAME_SURNAME, "Clinton|said the numbers", "Clinton|said the race"
    )
    assert first.name == "Bill Clinton"
    assert second.name == "Hillary Clinton"


def test_pronoun_chain_across_paragraphs_with_two_speakers() -> None:
    article = (
        "Senator Maria Lopez met Governor Tom Becker in Denver on Friday.\n"
        '"We need water for farmers," Lopez said. She added that the plan was overdue.\n'
        "Becker was less sure. He said the state could not pay for it.\n"
        'She disagreed. "It pays for itself," she said, and he laughed.\n'
    )
    speakers = resolve_in_order(
        article, "Lopez|said", "She|added", "Becker", "He|said", "She|disagreed", "she|said", "he"
    )
    names = [s.name for s in speakers]
    assert names == [
        "Maria Lopez",
        "Maria Lopez",
        "Tom Becker",
        "Tom Becker",
        "Maria Lopez",
        "Maria Lopez",
        "Tom Becker",
    ]
    assert [s.mention for s in speakers[1:3]] == ["She", "Becker"]


def test_pronoun_mention_keeps_its_own_words() -> None:
    article = "Anna Berg runs the lab. She said the results were clear.\n"
    (she,) = resolve_in_order(article, "She")
    assert she.mention == "She"
    assert she.name == "Anna Berg"
    assert she.kind == "person"


def test_gender_learned_from_earlier_pronoun_use() -> None:
    # Neither first name is in the gender lists; the first sentence says which is which.
    article = (
        "Taiwo Adeyemi runs the cooperative, and she founded it in 2010.\n"
        "Kofi Mensah joined later, and he keeps the books.\n"
        "She said the cooperative would grow.\n"
    )
    (she,) = resolve_in_order(article, "She|said")
    assert she.name == "Taiwo Adeyemi"


def test_they_refers_to_a_named_organisation() -> None:
    article = (
        "Acme Robotics Inc. announced layoffs on Monday. The company cited weak demand.\n"
        "They said more cuts were possible.\n"
    )
    company, they = resolve_in_order(article, "The company", "They")
    assert (company.name, company.kind) == ("Acme Robotics Inc", "organization")
    assert (they.name, they.kind) == ("Acme Robotics Inc", "organization")


@pytest.mark.parametrize(
    ("article", "mention", "name"),
    [
        ("José Álvarez leads the union. Álvarez said talks failed.", "Álvarez", "José Álvarez"),
        ("ByteDance founder Zhang Yiming left. Zhang said he was tired.", "Zhang", "Zhang Yiming"),
        (
            "Beto O'Rourke spoke in El Paso. O'Rourke said he would run.",
            "O'Rourke",
            "Beto O'Rourke",
        ),
        ("George W. Bush spoke in Dallas. Bush said he was proud.", "Bush", "George W. Bush"),
        ("Pierre de Vos teaches law. De Vos said the ruling was wrong.", "De Vos", "Pierre de Vos"),
        (
            "Eva Müller-Lüdenscheidt spoke. Müller-Lüdenscheidt said no.",
            "Müller-Lüdenscheidt",
            "Eva Müller-Lüdenscheidt",
        ),
    ],
)
def test_non_english_and_compound_names(article: str, mention: str, name: str) -> None:
    resolver = SpeakerResolver(article)
    start = article.index(f"{mention} said")
    assert resolver.resolve(start, start + len(mention)).name == name


@pytest.mark.parametrize(
    ("article", "mention", "name", "kind"),
    [
        ("Officials said the bridge would reopen.", "Officials", "officials", "group"),
        ("Some Democrats said the bill went too far.", "Some Democrats", "some Democrats", "group"),
        ("The White House said it was pleased.", "The White House", "White House", "organization"),
        ("The campaign said the ad was fair.", "The campaign", "the campaign", "organization"),
        ("A new poll said voters were split.", "A new poll", "a new poll", "unknown"),
        (
            "The Associated Press said the count was slow.",
            "The Associated Press",
            "Associated Press",
            "organization",
        ),
    ],
)
def test_kinds_of_sources(article: str, mention: str, name: str, kind: str) -> None:
    resolver = SpeakerResolver(article)
    speaker = resolver.resolve(0, len(mention))
    assert (speaker.name, speaker.kind) == (name, kind)


def test_possessive_pronoun_owner_is_resolved() -> None:
    article = "Governor Tom Becker spoke on Friday. His campaign said the race was tight.\n"
    (campaign,) = resolve_in_order(article, "His campaign")
    assert campaign.name == "Tom Becker's campaign"
    assert campaign.kind == "organization"


def test_definite_description_matches_an_earlier_title() -> None:
    article = "Sen. Lindsey Graham met Mayor Ana Ruiz. The senator said the talks went well.\n"
    (senator,) = resolve_in_order(article, "The senator")
    assert senator.name == "Lindsey Graham"
    assert senator.role == "Senator"


def test_relative_pronoun_takes_its_antecedent() -> None:
    article = "The plan drew fire from Rep. Joan Ortiz, who said it was reckless.\n"
    (who,) = resolve_in_order(article, "who")
    assert who.name == "Joan Ortiz"
    assert who.mention == "who"


def test_pronoun_without_any_antecedent_has_no_name() -> None:
    article = "She said the storm was coming.\n"
    (she,) = resolve_in_order(article, "She")
    assert (she.name, she.kind, she.mention) == (None, "unknown", "She")


def test_first_person_outside_quotes_is_the_unnamed_writer() -> None:
    article = "I asked the mayor about the budget.\n"
    (i,) = resolve_in_order(article, "I")
    assert i.name is None


def test_span_outside_the_article_is_rejected() -> None:
    resolver = SpeakerResolver("Short.")
    with pytest.raises(ValueError, match="outside the article"):
        resolver.resolve(3, 99)


def test_empty_article_and_empty_span() -> None:
    speaker = SpeakerResolver("").resolve(0, 0)
    assert speaker.name is None
    assert speaker.mention == ""


@pytest.mark.polnear
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/data/polnear/dev is absent")
def test_polnear_dev_source_spans_resolve() -> None:
    articles = 0
    for ann in sorted((POLNEAR_DEV / "attributions").glob("*.ann")):
        name = ann.name.rsplit("_", 1)[0]
        text = (POLNEAR_DEV / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].startswith("Source "):
                fragments = parts[1].split(" ", 1)[1].split(";")
                spans.add((int(fragments[0].split()[0]), int(fragments[-1].split()[1])))
        resolver = SpeakerResolver(text)
        for start, end in sorted(spans):
            speaker = resolver.resolve(start, end)
            assert speaker.mention_start is not None and speaker.mention_end is not None
            assert text[speaker.mention_start : speaker.mention_end] == speaker.mention
            assert start <= speaker.mention_start <= speaker.mention_end <= end
        articles += 1
    assert articles > 0


def test_they_after_names_joined_by_and_is_the_pair() -> None:
    article = (
        "Acme Robotics Inc. reported on Monday.\n"
        "When Northwind Corp. and Globex Inc. met investors, they both promised more spending.\n"
    )
    (they,) = resolve_in_order(article, "they both")
    assert (they.name, they.kind) == ("Northwind Corp. and Globex Inc", "group")


def test_title_before_a_comma_and_name_after_it() -> None:
    article = (
        "The Harbor Union met on Friday. Its president, Tomás Okafor, said the deal was bad.\n"
    )
    (okafor,) = resolve_in_order(article, "Its president, Tomás Okafor")
    assert okafor.name == "Tomás Okafor"
    assert okafor.role == "president"


def test_possessive_inside_an_organisation_name() -> None:
    article = "The Brookhaven Fishermen's Association said the closure hurt its members.\n"
    speaker = SpeakerResolver(article).resolve(0, article.index(" said"))
    assert (speaker.name, speaker.kind) == ("Brookhaven Fishermen's Association", "organization")


def test_surname_that_is_also_a_title_word() -> None:
    article = "SoftBank Group CEO Masayoshi Son said the fund would grow.\n"
    speaker = SpeakerResolver(article).resolve(0, article.index(" said"))
    assert (speaker.name, speaker.role) == ("Masayoshi Son", "SoftBank Group CEO")


def test_name_inside_another_persons_title_is_not_the_antecedent() -> None:
    article = (
        "Hillary Clinton spoke in Ohio on Monday.\n"
        "Clinton communication director Jennifer Palmieri said the race was close. "
        '"We are not worried," she said.\n'
    )
    (she,) = resolve_in_order(article, "she|said.")
    assert she.name == "Jennifer Palmieri"


def test_overlong_mention_falls_back_to_the_name_in_it() -> None:
    article = "Sam Altman spoke in Tokyo. Altman also made a prediction about chips.\n"
    start = article.index("Altman also")
    speaker = SpeakerResolver(article).resolve(start, start + len("Altman also made a"))
    assert speaker.name == "Sam Altman"


def test_mention_that_is_a_prepositional_phrase_names_no_one() -> None:
    article = "In an interview with the media in Tokyo, the plan was described.\n"
    speaker = SpeakerResolver(article).resolve(0, article.index(","))
    assert (speaker.name, speaker.kind) == (None, "unknown")


def test_titled_surname_before_a_relatives_full_name_is_someone_else() -> None:
    article = (
        "President Obama opened the museum on Saturday.\n"
        "He was joined by first lady Michelle Obama, who spoke about her mother.\n"
        "Mr. Obama said the day was historic. Mrs. Obama said she was moved.\n"
    )
    president, mr, mrs = resolve_in_order(article, "President Obama", "Mr. Obama", "Mrs. Obama")
    assert (president.name, president.role) == ("Obama", "President")
    assert mr.name == "Obama"
    assert mrs.name == "Michelle Obama"


def test_headline_surname_finds_the_full_name_given_later() -> None:
    article = (
        "Caddell: Voters Are Worried About the Race\n\n"
        "Longtime Democratic pollster Pat Caddell said on Thursday that voters were uneasy.\n"
    )
    caddell, pat = resolve_in_order(article, "Caddell", "Longtime Democratic pollster Pat Caddell")
    assert caddell.name == pat.name == "Pat Caddell"
    assert caddell.role == "longtime Democratic pollster"


def test_initialism_is_an_organisation_not_a_surname() -> None:
    article = "Kim Jong Un spoke on Monday. The U.N. said it would vote on sanctions.\n"
    un, it = resolve_in_order(article, "The U.N.", "it")
    assert (un.name, un.kind) == ("U.N.", "organization")
    assert it.kind == "organization"


def test_titled_surname_in_the_headline_is_the_same_titled_person_of_the_body() -> None:
    # "President Obama" before "Michelle Obama" are two people; "Mayor Ortiz" in a headline
    # and "Mayor Elena Ortiz" in the body are one, because the title matches.
    article = (
        'Pier Closes; Mayor Ortiz: "We Cannot Wait"\n\n'
        "Mayor Elena Ortiz said the vote was overdue.\n"
    )
    resolver = SpeakerResolver(article)
    start = article.index("Mayor Ortiz") + len("Mayor ")
    assert resolver.resolve(start, start + len("Ortiz")).name == "Elena Ortiz"


def _recent_person_by_sorting(
    resolver: SpeakerResolver, pos: int, gender: str | None
) -> object | None:
    """`_recent_person` as first written: every candidate before `pos`, sorted."""
    hi = bisect.bisect_left(resolver._mention_starts, pos)
    candidates = [(m.start, m.entity) for m in resolver._mentions[:hi]]
    candidates += [h for h in resolver._history if h[0] < pos]
    candidates.sort(key=lambda c: c[0])
    for _, entity in reversed(candidates):
        if entity.kind == "person" and (gender is None or entity.gender in (None, gender)):
            return entity
    return None


@pytest.mark.parametrize("shuffled", [False, True])
def test_history_lookups_match_their_plain_definitions(shuffled: bool) -> None:
    # The extractor resolves in article order, so the resolved speakers' positions are
    # sorted and lookups bisect them; resolved in any other order they are scanned. Both
    # must read as the plain definitions do.
    article = (Path(__file__).resolve().parents[1] / "examples" / "article.txt").read_text()
    spans = [m.span() for m in re.finditer(r"\b(?:[A-Z][a-z]+|he|she|they|it)\b", article)]
    order = random.Random(7).sample(spans, len(spans)) if shuffled else spans
    resolver = SpeakerResolver(article)
    for start, end in order:
        resolver.resolve(start, end)
    assert resolver._history_sorted is not shuffled
    assert len(resolver._history) > 20
    for pos in range(0, len(article) + 1, 7):
        before = [h for h in resolver._history if h[0] < pos]
        for n in (1, 3):
            assert resolver._history_last(pos, n) == before[-n:]
        for gender in (None, "m", "f"):
            expected = _recent_person_by_sorting(resolver, pos, gender)
            assert resolver._recent_person(pos, gender) is expected


# Issue #13, item 2: the fullest name the article gives, and the author of a document.


def test_document_from_a_person_is_that_persons_statement() -> None:
    article = "The plan is dead, according to a statement from Maria Roe, a senior adviser.\n"
    (roe,) = resolve_in_order(article, "a statement from Maria Roe")
    assert (roe.name, roe.kind, roe.role) == ("Maria Roe", "person", "senior adviser")
    assert roe.mention == "a statement from Maria Roe"


@pytest.mark.parametrize(
    ("article", "mention", "name", "kind"),
    [
        (
            "A research report from market research firm Gartner said spending would grow.",
            "A research report from market research firm Gartner",
            "Gartner",
            "organization",
        ),
        (
            "Donald Trump spoke on Monday. A letter from his campaign said the rally was on.",
            "A letter from his campaign",
            "Donald Trump's campaign",
            "organization",
        ),
        ("The report said unemployment rose.", "The report", "the report", "unknown"),
    ],
)
def test_document_is_resolved_to_its_author(
    article: str, mention: str, name: str, kind: str
) -> None:
    (speaker,) = resolve_in_order(article, mention)
    assert (speaker.name, speaker.kind) == (name, kind)


def test_title_before_the_name_outranks_a_party_appositive() -> None:
    article = (
        "Senator Robert E. Lindqvist, Republican of Ohio, said the bill was dead.\n"
        '"It is over," Lindqvist said.\n'
    )
    first, second = resolve_in_order(article, "Lindqvist, Republican of Ohio", "Lindqvist|said.")
    assert first.name == second.name == "Robert E. Lindqvist"
    assert first.role == second.role == "Senator"


def test_mention_cut_at_a_middle_initial_is_read_with_the_rest_of_the_name() -> None:
    article = "Benjamin J. Rhodes, an aide, recalled the talks. Maria T. Okafor agreed.\n"
    rhodes, okafor = resolve_in_order(article, "Benjamin J", "Okafor")
    assert (rhodes.name, rhodes.mention) == ("Benjamin J. Rhodes", "Benjamin J")
    assert okafor.name == "Maria T. Okafor"


@pytest.mark.parametrize(
    ("article", "mention", "name"),
    [
        (
            "Donald Trump Calls Out Ted Cruz Over Debate\nTed Cruz calls it a smear. Cruz said so.",
            "Cruz|said",
            "Ted Cruz",
        ),
        (
            "Chris Christie Calls Hillary Clinton A Disgrace\nClinton said she was right.",
            "Clinton|said",
            "Hillary Clinton",
        ),
        (
            "Neither Hillary Clinton nor her aides replied. Clinton said neither would.",
            "Clinton|said",
            "Hillary Clinton",
        ),
        (
            "Korean-born Monte Haines said the war was over. Haines said so.",
            "Haines|said so",
            "Monte Haines",
        ),
    ],
)
def test_words_that_open_or_cut_a_capitalised_run_are_no_part_of_the_name(
    article: str, mention: str, name: str
) -> None:
    (speaker,) = resolve_in_order(article, mention)
    assert speaker.name == name


def test_mention_cut_before_its_head_noun_is_read_with_it() -> None:
    article = "Related reports stated that researchers had noticed the leak.\n"
    (reports,) = resolve_in_order(article, "Related")
    assert (reports.name, reports.mention) == ("related reports", "Related")


@pytest.mark.parametrize(
    ("article", "mention", "name"),
    [
        (
            "According to the engineering firm Calder & Boyd, the piles could fail.",
            "the engineering firm Calder & Boyd",
            "Calder & Boyd",
        ),
        (
            "Johnson & Johnson said it would appeal the verdict.",
            "Johnson & Johnson",
            "Johnson & Johnson",
        ),
        ("Procter&Gamble said sales rose.", "Procter&Gamble", "Procter&Gamble"),
    ],
)
def test_an_ampersand_joins_the_name_of_one_organisation(
    article: str, mention: str, name: str
) -> None:
    (firm,) = resolve_in_order(article, mention)
    assert (firm.name, firm.kind, firm.role) == (name, "organization", None)


@pytest.mark.parametrize(
    ("article", "mention"),
    [
        # A headline before the article names him.
        (
            "Acme CEO: We will not sue\nMaria Roe, co-founder and CEO of Acme, said on Monday "
            "that the firm had no plans to sue. Acme CEO Roe added that talks went on.\n",
            "Acme CEO",
        ),
        # A sub-headline after he was named.
        (
            "Maria Roe, co-founder and CEO of Acme, spoke on Monday. Bob Stone, the CFO of "
            "Zenith, did too.\nAcme CEO: We will not sue\n",
            "Acme CEO",
        ),
    ],
)
def test_a_title_with_no_name_is_the_person_the_article_gives_that_title(
    article: str, mention: str
) -> None:
    (ceo,) = resolve_in_order(article, mention)
    assert (ceo.name, ceo.kind, ceo.role) == ("Maria Roe", "person", "Acme CEO")


def test_a_title_whose_qualifier_no_person_holds_stays_an_organisation() -> None:
    article = "Maria Roe, co-founder and CEO of Acme, spoke.\nZenith CEO: We will sue\n"
    (ceo,) = resolve_in_order(article, "Zenith CEO")
    assert ceo.name != "Maria Roe"


def test_the_body_after_a_titles_of_is_an_organisation_not_a_person() -> None:
    article = "Maria Roe, co-founder and CEO of Acme, spoke on Monday. Acme said sales rose.\n"
    roe, acme = resolve_in_order(article, "Maria Roe", "Acme|said")
    assert (roe.name, roe.role) == ("Maria Roe", "co-founder and CEO of Acme")
    assert (acme.name, acme.kind) == ("Acme", "organization")


def test_an_organisations_own_of_is_part_of_its_name() -> None:
    article = "According to records from the Idaho Department of Water Resources, it failed.\n"
    (records,) = resolve_in_order(article, "records from the Idaho Department of Water Resources")
    assert (records.name, records.kind) == ("Idaho Department of Water Resources", "organization")


@pytest.mark.parametrize(
    ("article", "mention", "name"),
    [
        (
            "Acme Corp and Cobalt announced a plant.\n",
            "Acme Corp and Cobalt",
            "Acme Corp and Cobalt",
        ),
        (
            "Maria Roe met voters. Both Roe and Tom Hale said it was rigged.\n",
            "Both Roe and Tom Hale",
            "Maria Roe and Tom Hale",
        ),
        (
            "Acme Corp, Cobalt, and Zenith announced a plant.\n",
            "Acme Corp, Cobalt, and Zenith",
            "Acme Corp, Cobalt, and Zenith",
        ),
        (
            "Maria Roe met voters. Tom Hale, Roe and Sen. Ann Lee of Ohio said it was rigged.\n",
            "Tom Hale, Roe and Sen. Ann Lee of Ohio",
            "Tom Hale, Maria Roe and Ann Lee",
        ),
    ],
)
def test_names_joined_by_and_are_one_group_speaker_not_the_last_name(
    article: str, mention: str, name: str
) -> None:
    # "Microsoft and Meta emphasized …" was Meta's alone; each conjunct keeps its full name,
    # and a list with commas ("SoftBank Group, OpenAI, and Oracle") is one group too.
    *_, joined = resolve_in_order(article, *(["Maria Roe"] if "Maria" in article else []), mention)
    assert (joined.name, joined.kind) == (name, "group")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Companies such as SoftBank Group, OpenAI, and Oracle also announced that they "
            "would build data centres.",
            "SoftBank Group, OpenAI, and Oracle",
        ),
        (
            "Carson, Fiorina and Huckabee said the debate was rigged.",
            "Carson, Fiorina and Huckabee",
        ),
        ("In Ohio, Carson and Fiorina said the debate was rigged.", "Carson and Fiorina"),
        ("Among Republicans, Carson and Fiorina said the debate was rigged.", "Carson and Fiorina"),
        ("Together, Carson and Fiorina said the debate was rigged.", "Carson and Fiorina"),
        ("Also Monday, Carson and Fiorina said the debate was rigged.", "Carson and Fiorina"),
        ("On Monday, Carson, a surgeon, and Fiorina said the debate was rigged.", "Fiorina"),
        ("Sam Altman, co-founder and CEO of OpenAI, said the debate was rigged.", "Sam Altman"),
    ],
)
def test_a_listed_source_is_the_whole_list_not_its_last_name(sentence: str, speaker: str) -> None:
    # The seed's "SoftBank Group, OpenAI, and Oracle also announced …" was Oracle's alone:
    # the source phrase stopped at the list's last comma. An adjunct before the names ("In
    # Ohio,"), an appositive ("Carson, a surgeon,") or a title phrase is no list.
    (quote,) = Summarizer(engine="offline").analyze(sentence).quotes
    assert quote.speaker.name == speaker
