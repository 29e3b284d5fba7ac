"""The reported-speech labels of PolNeAR dev (evals/polnear-speech/): how two passes merge,
how the fidelity suite uses them, and that the shipped labels fit the corpus they label."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from summarizer._scoring import GoldDocument, GoldQuote, load_polnear

from .conftest import POLNEAR, REPO, load_tool

LABELS = REPO / "evals" / "polnear-speech" / "labels.jsonl"


@pytest.fixture(scope="module")
def merge() -> ModuleType:
    return load_tool("speech_merge")


@pytest.fixture(scope="module")
def fidelity() -> ModuleType:
    return load_tool("llm_fidelity")


def item(name: str) -> dict[str, object]:
    return {
        "item": name,
        "doc": "d",
        "gold_id": name,
        "content_spans": [[0, 1]],
        "text_sha256": "h",
    }


def test_only_labels_both_passes_give_are_kept(merge: ModuleType) -> None:
    items = [item("1"), item("2"), item("3"), item("4")]
    a = [
        {"item": "1", "label": "speech"},
        {"item": "2", "label": "not_speech"},
        {"item": "3", "label": "speech"},
        {"item": "4", "label": "unsure"},
    ]
    b = [
        {"item": "1", "label": "speech"},
        {"item": "2", "label": "not_speech"},
        {"item": "3", "label": "not_speech"},
        {"item": "4", "label": "unsure"},
    ]
    kept, figures = merge.merge(items, a, b)
    assert [(k["gold_id"], k["label"]) for k in kept] == [("1", "speech"), ("2", "not_speech")]
    assert set(kept[0]) == {"doc", "gold_id", "content_spans", "text_sha256", "label"}
    assert figures["kept"] == 2 and figures["observed_agreement"] == 0.75
    assert figures["disagreements"] == {"speech/not_speech": 1}


def test_a_pass_that_misses_an_item_or_invents_a_label_is_refused(merge: ModuleType) -> None:
    items = [item("1"), item("2")]
    full = [{"item": "1", "label": "speech"}, {"item": "2", "label": "speech"}]
    with pytest.raises(SystemExit, match="exactly once"):
        merge.merge(items, full, full[:1])
    with pytest.raises(SystemExit, match="unknown labels"):
        merge.merge(items, full, [full[0], {"item": "2", "label": "maybe"}])


def doc(text: str, *quotes: tuple[str, tuple[int, int]]) -> GoldDocument:
    return GoldDocument(
        id="article_ab12",
        text=text,
        quotes=[GoldQuote(id=qid, spans=[span], type="indirect") for qid, span in quotes],
    )


def write_labels(path: Path, text: str, *rows: tuple[str, tuple[int, int], str]) -> Path:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [
        json.dumps(
            {
                "doc": "article_ab12",
                "gold_id": qid,
                "content_spans": [list(span)],
                "text_sha256": digest,
                "label": label,
            }
        )
        for qid, span, label in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_speech_suite_drops_only_attributions_labelled_no_speech(
    fidelity: ModuleType, tmp_path: Path
) -> None:
    text = "Ortiz said the plan works. His plan to win failed."
    gold = doc(text, ("E1", (11, 25)), ("E2", (31, 37)), ("E3", (0, 5)))
    labels = write_labels(
        tmp_path / "labels.jsonl",
        text,
        ("E1", (11, 25), "speech"),
        ("E2", (31, 37), "not_speech"),
        ("E3", (0, 9), "not_speech"),  # another span: not this attribution
    )
    (kept,) = fidelity.reported_speech_only([gold], labels)
    assert [q.id for q in kept.quotes] == ["E1", "E3"]


def test_the_speech_suite_refuses_an_article_that_is_not_the_one_labelled(
    fidelity: ModuleType, tmp_path: Path
) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", "Another text.", ("E1", (0, 1), "speech"))
    with pytest.raises(SystemExit, match="not the text"):
        fidelity.reported_speech_only([doc("Ortiz said so.", ("E1", (0, 5)))], labels)


@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="needs ../shared/data/polnear")
def test_the_shipped_labels_fit_polnear_dev() -> None:
    docs = {d.id: d for d in load_polnear(POLNEAR / "dev", one_per_article=True)}
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert rows and {row["label"] for row in rows} == {"speech", "not_speech"}
    seen = set()
    for row in rows:
        gold = docs[row["doc"]]
        assert hashlib.sha256(gold.text.encode("utf-8")).hexdigest() == row["text_sha256"]
        spans = [tuple(span) for span in row["content_spans"]]
        assert any(q.id == row["gold_id"] and list(q.spans) == spans for q in gold.quotes)
        key = (row["doc"], row["gold_id"])
        assert key not in seen
        seen.add(key)
