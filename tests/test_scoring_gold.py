"""Reading gold: PolNeAR brat standoff and the project's JSON cases."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer._exceptions import GoldDataError
from summarizer._scoring import (
    GoldDocument,
    load_gold,
    load_gold_any,
    load_polnear,
    parse_ann,
    polnear_quote_type,
)
from summarizer._scoring._gold import span_text

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

# Text written for these tests.
ARTICLE = (
    "Budget Row: Council Split\n"
    'The mayor said the plan was "reckless" and would be withdrawn. '
    '"We will not sign it," Dana Reyes told the board, "not this year."\n'
    "Critics fear higher fares, according to the union."
)


def at(fragment: str, text: str = ARTICLE) -> tuple[int, int]:
    """The span of the first occurrence of `fragment` in `text`."""
    start = text.index(fragment)
    return start, start + len(fragment)


def t_line(ident: str, kind: str, *spans: tuple[int, int], text: str = ARTICLE) -> str:
    """A brat T line for `spans` of `text`, written the way brat writes it."""
    offsets = ";".join(f"{start} {end}" for start, end in spans)
    return f"{ident}\t{kind} {offsets}\t{span_text(text, list(spans))}"


def fake_ann() -> str:
    """An .ann file covering the cases PolNeAR has: split content, no source, notes."""
    first, second = at('"We will not sign it,"'), at('"not this year."')
    return "\n".join(
        [
            t_line("T1", "Source", at("The mayor")),
            t_line("T2", "Cue", at("said")),
            t_line("T3", "Content", at('the plan was "reckless" and would be withdrawn')),
            t_line("T4", "Attribution", at("said")),
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            t_line("T5", "Content", first, second),
            t_line("T6", "Cue", at("told")),
            t_line("T7", "Source", at("Dana Reyes")),
            t_line("T8", "Attribution", at("told")),
            "E2\tSource:T7 Content:T5 Attribution:T8 Cue:T6",
            t_line("T9", "Attribution-no-source", at("fear")),
            t_line("T10", "Cue", at("fear")),
            t_line("T11", "Content", at("higher fares")),
            "E3\tAttribution-no-source:T9 Cue:T10 Content:T11",
            t_line("T12", "Attribution-no-source", at("according to")),
            "E4\tAttribution-no-source:T12 ",
            "#1\tAnnotatorNotes T5\tsplit by its attribution",
            "",
        ]
    )


# --- brat ------------------------------------------------------------------------------


def test_parse_ann_reads_split_content_and_missing_source() -> None:
    quotes = parse_ann(fake_ann(), ARTICLE, source="fake.ann")
    assert [q.id for q in quotes] == ["E1", "E2", "E3"]  # E4 has no content: no quote
    mayor, reyes, critics = quotes
    assert mayor.speaker == "The mayor" and mayor.cue == "said"
    assert mayor.type == "mixed"
    assert reyes.spans == [at('"We will not sign it,"'), at('"not this year."')]
    assert reyes.speaker == "Dana Reyes" and reyes.speaker_spans == [at("Dana Reyes")]
    assert reyes.type == "direct"
    assert critics.speaker is None and critics.speaker_spans == []
    assert critics.type == "indirect"


def test_parse_ann_merges_a_second_content() -> None:
    ann = "\n".join(
        [
            t_line("T1", "Content", at('"We will not sign it,"')),
            t_line("T2", "Source", at("Dana Reyes")),
            t_line("T3", "Cue", at("told")),
            t_line("T4", "Content", at('"not this year."')),
            "E1\tCue:T3 Source:T2 Content:T1 Content2:T4",
        ]
    )
    [quote] = parse_ann(ann, ARTICLE)
    assert quote.spans == [at('"We will not sign it,"'), at('"not this year."')]


def test_parse_ann_rejects_text_that_does_not_match_with_file_and_line() -> None:
    start, end = at("Dana Reyes")
    ann = f"T1\tSource {start} {end}\tDana Reyes\nT2\tCue {start} {end}\tDana Rayes\n"
    with pytest.raises(GoldDataError) as caught:
        parse_ann(ann, ARTICLE, source="x_ab12.ann")
    assert caught.value.path == "x_ab12.ann"
    assert "line 2" in str(caught.value) and "Dana Rayes" in str(caught.value)


def test_parse_ann_reads_a_span_written_over_several_lines() -> None:
    start, end = at("Council Split\nThe mayor")
    ann = f"T1\tSource {start} {end}\tCouncil Split\nThe mayor\nT2\tCue 0 6\tBudget\n"
    assert parse_ann(ann, ARTICLE) == []  # consumed without complaint; no event, no quote


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T1\tSource 5 4\tx", "outside the article"),
        ("T1\tSource 0 99999\tx", "outside the article"),
        ("T1\tSource zero six\tBudget", "malformed offsets"),
        ("E1\tContent:T7", "unknown T7"),
        ("something else", "unrecognised line"),
    ],
)
def test_parse_ann_errors(line: str, message: str) -> None:
    with pytest.raises(GoldDataError, match=message):
        parse_ann(line + "\n", ARTICLE, source="bad.ann")


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        ('He said: "All of it is true."', '"All of it is true."', "direct"),
        ('He said: "All of it is true."', "All of it is true", "direct"),
        ("He said: “All of it is true.”", "“All of it is true.”", "direct"),
        ("She called it “absurd” and left.", "it “absurd” and left", "mixed"),
        ("She called it ‘absurd’ and left.", "it ‘absurd’ and left", "mixed"),
        ("She said it’s absurd.", "it’s absurd", "indirect"),
        ('"One part.\n\n"Second paragraph."', '"One part.\n\n"Second paragraph."', "direct"),
        ("“Outer ‘inner’ outer.”", "“Outer ‘inner’ outer.”", "direct"),
    ],
)
def test_polnear_quote_type(text: str, fragment: str, expected: str) -> None:
    assert polnear_quote_type(text, [at(fragment, text)]) == expected


def test_polnear_quote_type_follows_marks_between_parts() -> None:
    text = '"First part, “nested start. Nested end,” and more," he said.'
    parts = [at('"First part, “nested start.', text), at("Nested end,” and more,", text)]
    assert polnear_quote_type(text, parts) == "direct"


def make_split(root: Path, annotators: tuple[str, ...] = ("ab12", "cd34")) -> Path:
    """A PolNeAR-shaped split folder holding ARTICLE annotated by `annotators`."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "paper_2016-01-01_budget-row.txt").write_text(ARTICLE, encoding="utf-8")
    for annotator in annotators:
        (root / "attributions" / f"paper_2016-01-01_budget-row_{annotator}.ann").write_text(
            fake_ann(), encoding="utf-8"
        )
    return root


def test_load_polnear_gives_one_document_per_annotator(tmp_path: Path) -> None:
    split = make_split(tmp_path / "dev")
    docs = list(load_polnear(split))
    assert [(d.id, d.annotator) for d in docs] == [
        ("paper_2016-01-01_budget-row_ab12", "ab12"),
        ("paper_2016-01-01_budget-row_cd34", "cd34"),
    ]
    assert all(d.text == ARTICLE and len(d.quotes) == 3 for d in docs)
    assert not docs[0].stance_annotated
    assert [d.annotator for d in load_polnear(split, one_per_article=True)] == ["ab12"]


def test_load_polnear_refuses_a_corpus_root(tmp_path: Path) -> None:
    make_split(tmp_path / "train")
    make_split(tmp_path / "dev")
    with pytest.raises(GoldDataError, match="pick one split") as caught:
        load_polnear(tmp_path)
    assert str(tmp_path / "dev") in str(caught.value)
    with pytest.raises(GoldDataError, match="pick one split"):
        load_gold_any(tmp_path)


def test_load_polnear_reports_a_missing_text(tmp_path: Path) -> None:
    split = make_split(tmp_path / "dev")
    (split / "text" / "paper_2016-01-01_budget-row.txt").unlink()
    with pytest.raises(GoldDataError, match="cannot read"):
        list(load_polnear(split))


def test_load_polnear_rejects_a_folder_that_is_not_a_split(tmp_path: Path) -> None:
    with pytest.raises(GoldDataError, match="not a PolNeAR split"):
        load_polnear(tmp_path)


# --- project JSON format ---------------------------------------------------------------


def write_case(folder: Path, name: str, case: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return path


def inline_case() -> dict[str, Any]:
    first, second = at("We will not sign it"), at("not this year")
    return {
        "id": "budget-row",
        "text": ARTICLE,
        "quotes": [
            {
                "spans": [list(first), list(second)],
                "text": "We will not sign it not this year",
                "type": "direct",
                "speaker": {"name": "Dana Reyes", "aliases": ["Reyes"]},
                "cue": "told",
                "stance": {"target": "the plan", "label": "against"},
            },
            {
                "start": at("the plan was")[0],
                "end": at("withdrawn")[1],
                "type": "mixed",
                "speaker": {"name": "the mayor", "spans": [list(at("The mayor"))]},
                "cue": "said",
                "stance": None,
            },
        ],
        "key_facts": ["The council is split over the budget."],
    }


def test_load_gold_inline_case(tmp_path: Path) -> None:
    [doc] = load_gold(write_case(tmp_path, "case.json", inline_case()))
    assert doc.id == "budget-row" and doc.key_facts == ["The council is split over the budget."]
    mayor, reyes = doc.quotes  # sorted into text order
    assert mayor.speaker_spans == [at("The mayor")] and mayor.stance is None
    assert reyes.speaker_aliases == ["Reyes"] and reyes.stance is not None
    assert reyes.stance.label == "against"
    assert reyes.id == "q1" and mayor.id == "q2"


def test_load_gold_outside_text_pinned_by_hash(tmp_path: Path) -> None:
    text_file = tmp_path / "texts" / "article.txt"
    text_file.parent.mkdir()
    text_file.write_bytes(ARTICLE.encode("utf-8"))
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    case = inline_case()
    del case["text"]
    for item in case["quotes"]:
        item.pop("text", None)
    case.update(text_path="texts/article.txt", sha256=digest)
    cases = tmp_path / "cases"
    cases.mkdir()
    path = write_case(cases, "outside.json", case)

    [doc] = load_gold(path, root=tmp_path)
    assert doc.text == ARTICLE

    case["text_path"] = "../texts/article.txt"  # relative to the JSON file without a root
    [doc] = load_gold(write_case(cases, "outside.json", case))
    assert doc.text == ARTICLE


def test_load_gold_hash_mismatch_and_missing_file_name_the_case(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE + " edited", encoding="utf-8")
    good = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    case = {"id": "pinned", "text_path": "article.txt", "sha256": good, "quotes": []}
    with pytest.raises(GoldDataError, match=r"case 'pinned'.*SHA-256"):
        list(load_gold(write_case(tmp_path, "c.json", case)))
    case["text_path"] = "gone.txt"
    with pytest.raises(GoldDataError, match=r"case 'pinned'.*gone\.txt.*cannot be read"):
        list(load_gold(write_case(tmp_path, "c.json", case)))


def test_load_gold_refuses_copied_text_in_an_outside_case(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    start, end = at("Dana Reyes")
    case = {
        "id": "leaky",
        "text_path": "a.txt",
        "sha256": digest,
        "quotes": [{"start": start, "end": end, "text": "Dana Reyes"}],
    }
    with pytest.raises(GoldDataError, match="not allowed"):
        list(load_gold(write_case(tmp_path, "c.json", case)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quotes": [{"start": 0, "end": 10_000}]}, "past the end"),
        ({"quotes": [{"spans": [[5, 2]]}]}, "reversed"),
        ({"quotes": [{"start": 0}]}, "needs 'start' and 'end'"),
        ({"quotes": [{"start": 0, "end": 6, "text": "Budgie"}]}, "not what the spans cover"),
        ({"quotes": [{"start": 0, "end": 6, "type": "quoted"}]}, "type"),
        ({"quotes": [{"start": 0, "end": 6, "colour": "red"}]}, "unknown field"),
        ({"text_path": "x.txt"}, "exactly one of"),
        ({"title": "x"}, "unknown field"),
    ],
)
def test_load_gold_validation_errors(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    case: dict[str, Any] = {"id": "bad", "text": ARTICLE, **change}
    with pytest.raises(GoldDataError, match=message) as caught:
        list(load_gold(write_case(tmp_path, "bad.json", case)))
    assert "'bad'" in str(caught.value)


def test_load_gold_folder_and_dispatch(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    (cases / "nested").mkdir(parents=True)
    write_case(cases, "a.json", inline_case())
    write_case(cases, "b.json", {"id": "empty", "text": "Nothing was said."})
    write_case(cases / "nested", "c.json", {"not": "a gold case"})  # subfolders are not read
    assert [d.id for d in load_gold(cases)] == ["budget-row", "empty"]
    assert [d.id for d in load_gold_any(cases)] == ["budget-row", "empty"]
    split = make_split(tmp_path / "dev", annotators=("ab12",))
    assert [d.annotator for d in load_gold_any(split)] == ["ab12"]
    with pytest.raises(GoldDataError, match="no such gold"):
        load_gold(tmp_path / "missing")


def test_gold_document_checks_offsets_when_built_directly() -> None:
    with pytest.raises(ValueError, match="past the end"):
        GoldDocument.model_validate({"id": "d", "text": "short", "quotes": [{"spans": [[0, 9]]}]})


# --- the real corpus -------------------------------------------------------------------


@pytest.mark.polnear
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared/data/polnear is absent")
def test_polnear_dev_loads_and_every_span_fits_its_text() -> None:
    started = time.perf_counter()
    docs = list(load_polnear(POLNEAR / "dev"))
    elapsed = time.perf_counter() - started
    assert len(docs) == len(list((POLNEAR / "dev" / "attributions").glob("*.ann")))
    quotes = [quote for doc in docs for quote in doc.quotes]
    assert len(quotes) > 1000
    # The loader compares every T line with the article; check the result independently too.
    for doc in docs:
        assert doc.annotator and doc.id.endswith("_" + doc.annotator)
        for quote in doc.quotes:
            for start, end in [*quote.spans, *quote.speaker_spans, *quote.cue_spans]:
                assert 0 <= start < end <= len(doc.text)
            if quote.speaker is not None:
                assert quote.speaker == span_text(doc.text, quote.speaker_spans)
    assert {q.type for q in quotes} == {"direct", "indirect", "mixed"}
    assert any(q.speaker is None for q in quotes)
    assert any(len(q.spans) > 1 for q in quotes)
    assert elapsed < 10
