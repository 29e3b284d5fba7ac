"""The stance set's merge rules: what two annotation passes must share to become gold."""

from __future__ import annotations

from types import ModuleType

import pytest

from .conftest import load_tool


@pytest.fixture(scope="module")
def merge() -> ModuleType:
    return load_tool("stance_merge")


def label(name: str, target: str | None = "x") -> dict[str, object]:
    return {"item": "i", "label": name, "target": None if name == "none" else target}


def test_polar_labels_agree_only_with_the_same_label_and_target(merge: ModuleType) -> None:
    agree = merge.agree
    assert agree(label("against", "Donald Trump"), label("against", "Trump")) == {
        "target": "Donald Trump",
        "label": "against",
    }
    assert agree(label("against", "Trump's tax plan"), label("against", "the tax plan of Trump"))
    assert agree(label("favor", "Trump"), label("against", "Trump")) is False
    assert agree(label("favor", "Hillary Clinton"), label("favor", "the FBI")) is False
    assert agree(label("favor", "Clinton"), label("neutral", "Clinton")) is False


def test_neutral_and_none_agree_as_no_polar_position(merge: ModuleType) -> None:
    agree = merge.agree
    assert agree(label("none"), label("neutral", "the vote")) is None
    assert agree(label("none"), label("none")) is None
    assert agree(label("neutral", "the vote"), label("neutral", "The vote")) == {
        "target": "the vote",
        "label": "neutral",
    }
    assert agree(label("neutral", "the vote"), label("neutral", "the FBI")) is None


def test_kappa(merge: ModuleType) -> None:
    assert merge.kappa([("a", "a"), ("b", "b")]) == 1.0
    # Agreement no better than chance: 0.
    assert merge.kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0


def test_majority_baseline(merge: ModuleType) -> None:
    from collections import Counter

    # 10 quotes, 4 against, 2 favor: all 'against' gives F1(against) = 2*.4/1.4, F1(favor) = 0.
    assert merge._majority_f1(Counter(against=4, favor=2), 10) == pytest.approx(0.8 / 1.4 / 2)
    assert merge._majority_f1(Counter(against=4), 10) == pytest.approx(0.8 / 1.4)


def test_targets_in_other_words_agree_by_a_shared_content_word(merge: ModuleType) -> None:
    same = merge.same_target
    assert same("Trump's supporters", "his supporters")
    assert same("Bernie Sanders staying in the race", "Bernie Sanders's continued candidacy")
    assert same("Americans who supported Trump", "Trump's supporters")
    assert not same("the armed forces", "Barack Obama")
    assert not same("access to federal documents", "the Obama administration")
    # Function words are not content: "about their plan" and "about their taxes" differ.
    assert not same("about their plan", "about their taxes")
