"""The summary's cheaper scans decide as the whole-text regexes did."""

from __future__ import annotations

import pytest

from summarizer._offline._summary import (
    _BOILERPLATE,
    _TITLE_ABBREV,
    _ends_with_title,
    _is_boilerplate,
)


@pytest.mark.parametrize(
    "text",
    [
        "The bill was written by Sen.",
        "The bill was written by Sens.",
        "It was backed by U.S. Sen.",  # a period before the title: no title
        "He met Lt.Sen.",
        "Cmdr.",
        "The vote was on Tuesday.",
        "A letter to the Atty.\n",
        "",
    ],
)
def test_title_at_the_end_is_found_in_the_tail(text: str) -> None:
    assert _ends_with_title(text) == bool(_TITLE_ABBREV.search(text))


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Click here to subscribe to our newsletter.", True),
        ("All Rights Reserved.", True),
        ("Copyright 2016 The Herald.", True),
        ("Reporting by Jane Roe; Editing by Sam Poe", True),
        ("Follow us on Twitter.", True),
        ("The mayor said the reserved seats were sold out.", False),
        ("Voters said they would follow the debate closely.", False),
    ],
)
def test_boilerplate_keys_pass_what_the_full_pattern_finds(text: str, furniture: bool) -> None:
    assert _is_boilerplate(text) is furniture
    assert bool(_BOILERPLATE.search(text)) is furniture
