"""Pipeline fidelity of the llm engine on realistic answers (a pipeline fixture, not a model).

    python tools/llm_fidelity.py [--suite cases|seed|polnear-dev|polnear-dev-speech ...]
        [--seeds 1 2 3] [--json]

For each document of each suite and each seed, the gold is written the way chat models
write correct answers (`summarizer._evals._realistic`), served by a stand-in endpoint (no
network), and analysed by the llm engine. The answers score 1.0 as they are, so the
engine's lenient F1 is its fidelity: the share of correct content it keeps. Also printed:
the F1 of exact answers (the gold in the article's words) through the same engine and the
fidelity relative to it (what surface forms alone cost), strict F1, speaker accuracy,
overlapping quote pairs, gold speakers given more than one name in an analysis, rejected
proposals, how each proposal went (found as it stands, anchored to the clause it rewords,
not found; found but not reported as anyone's), and how often each variation was drawn.

`polnear-dev-speech` is PolNeAR dev without the attributions two labelling passes agree are
no reported speech (evals/polnear-speech/: actions, intentions, attitudes and nominal
phrases PolNeAR annotates, which the engine refuses as nobody's statement by design).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._evals._realistic import measure_fidelity  # noqa: E402
from summarizer._scoring import GoldDocument, GoldQuote, load_gold, load_polnear  # noqa: E402

POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
SPEECH_LABELS = ROOT / "evals" / "polnear-speech" / "labels.jsonl"


SpeechKey = tuple[str, str | None, tuple[tuple[int, int], ...]]
"""A labelled attribution: its document's id, its gold id and its content spans."""


def speech_labels(docs: list[GoldDocument], labels: Path) -> dict[SpeechKey, str]:
    """The agreed label (`speech` or `not_speech`) of each attribution `labels`
    (evals/polnear-speech/labels.jsonl) holds. A labelled article of `docs` whose text is
    not the one labelled is an error, never silently scored."""
    found: dict[SpeechKey, str] = {}
    digests: dict[str, str] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        digests[row["doc"]] = row["text_sha256"]
        spans = tuple((a, b) for a, b in row["content_spans"])
        found[row["doc"], row["gold_id"], spans] = row["label"]
    for doc in docs:
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if doc.id in digests and digests[doc.id] != digest:
            raise SystemExit(f"{doc.id}: not the text {labels} was labelled on")
    return found


def speech_key(doc: GoldDocument, quote: GoldQuote) -> SpeechKey:
    """`quote`'s key in `speech_labels`."""
    return doc.id, quote.id, tuple(quote.spans)


def reported_speech_only(docs: list[GoldDocument], labels: Path) -> list[GoldDocument]:
    """`docs` without the attributions that both passes of `labels` (evals/polnear-speech/)
    found no reported speech: actions, intentions, attitudes and nominal phrases PolNeAR
    annotates, which the llm engine refuses as nobody's statement by design."""
    found = speech_labels(docs, labels)
    return [
        doc.model_copy(
            update={
                "quotes": [q for q in doc.quotes if found.get(speech_key(doc, q)) != "not_speech"]
            }
        )
        for doc in docs
    ]


SUITES = {
    "cases": lambda: list(load_gold(ROOT / "evals" / "cases")),
    "seed": lambda: list(load_gold(ROOT / "evals" / "outside")),
    "polnear-dev": lambda: list(load_polnear(POLNEAR_DEV, one_per_article=True)),
    "polnear-dev-speech": lambda: reported_speech_only(
        list(load_polnear(POLNEAR_DEV, one_per_article=True)), SPEECH_LABELS
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line per suite (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", action="append", choices=sorted(SUITES))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    out = {}
    for name in args.suite or list(SUITES):
        docs: list[GoldDocument] = SUITES[name]()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = measure_fidelity(docs, args.seeds, exact=True)
        row = {
            "fidelity": round(report.fidelity, 3),
            "exact_answers_f1": report.exact_f1 and round(report.exact_f1, 3),
            "relative": report.relative and round(report.relative, 3),
            "strict_f1": round(report.strict["f1"], 3),
            "speaker_accuracy": report.speaker_accuracy and round(report.speaker_accuracy, 3),
            "overlapping_pairs": report.overlapping_pairs,
            "split_speakers": report.split_speakers,
            "rejected": report.rejected,
            "paths": report.paths,
            "errors": report.errors,
            "documents": report.documents,
            "variants": report.variants,
            "gold": report.gold,
            "applied": report.applied,
        }
        out[name] = row
        if not args.json:
            shown = {k: v for k, v in row.items() if k != "applied"}
            print(f"{name} (pipeline fixture, seeds {args.seeds}): {shown}")
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
