"""Merge two "is it reported speech?" passes into evals/polnear-speech/.

    python tools/speech_merge.py WORK_DIR [--polnear DIR] [--out evals/polnear-speech]

`WORK_DIR` holds `items.jsonl` (one PolNeAR gold attribution a line: `item`, `doc`,
`gold_id`, `content_spans`, `text_sha256`, and what the labellers read) and the two passes,
`pass_a.jsonl` and `pass_b.jsonl` (one `{"item", "label", "note"}` a line, by the rules of
evals/polnear-speech/GUIDELINES.md). Writes, under `--out`:

- `labels.jsonl`: the attributions both passes gave the same label (`speech` or
  `not_speech`), as `doc`, `gold_id`, `content_spans`, `text_sha256` and `label`, in item
  order; a disagreement (or `unsure`) is left out, so it is never taken for either label;
- `agreement.json`: counts, observed agreement and Cohen's kappa, each pass's labels, and
  the kept labels.

Offsets and the text's SHA-256 only: never the article's words. Every item's SHA-256 is
checked against the article in `--polnear`. Deterministic: the same passes give the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from stance_merge import _read as read_jsonl  # noqa: E402  (the stance set's merge: same rules)
from stance_merge import kappa  # noqa: E402

from summarizer._scoring._brat import load_polnear  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_OUT = ROOT / "evals" / "polnear-speech"
LABELS = ("speech", "not_speech", "unsure")


def merge(
    items: list[dict[str, Any]], a: list[dict[str, Any]], b: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The agreed labels and the agreement figures of two complete passes over `items`."""
    by_a, by_b = {x["item"]: x["label"] for x in a}, {x["item"]: x["label"] for x in b}
    wanted = [item["item"] for item in items]
    for name, labels in (("A", by_a), ("B", by_b)):
        if sorted(labels) != sorted(wanted) or len(labels) != len(wanted):
            raise SystemExit(f"pass {name} does not label every item exactly once")
        bad = sorted({label for label in labels.values() if label not in LABELS})
        if bad:
            raise SystemExit(f"pass {name} has unknown labels: {bad}")
    kept = [
        {
            "doc": item["doc"],
            "gold_id": item["gold_id"],
            "content_spans": item["content_spans"],
            "text_sha256": item["text_sha256"],
            "label": by_a[item["item"]],
        }
        for item in items
        if by_a[item["item"]] == by_b[item["item"]] != "unsure"
    ]
    pairs = [(by_a[k], by_b[k]) for k in wanted]
    figures = {
        "items": len(items),
        "articles": len({item["doc"] for item in items}),
        "kept": len(kept),
        "observed_agreement": round(sum(x == y for x, y in pairs) / len(pairs), 3),
        "kappa": round(kappa(pairs), 3),
        "pass_labels": {
            "A": dict(Counter(by_a.values()).most_common()),
            "B": dict(Counter(by_b.values()).most_common()),
        },
        "disagreements": dict(Counter(f"{x}/{y}" for x, y in pairs if x != y).most_common()),
        "kept_labels": dict(Counter(k["label"] for k in kept).most_common()),
    }
    return kept, figures


def check_hashes(items: list[dict[str, Any]], polnear: Path) -> None:
    """Fail unless every item's `text_sha256` is that of its article in `polnear`."""
    digests = {
        doc.id: hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        for split in ("train", "dev")
        if (polnear / split).is_dir()
        for doc in load_polnear(polnear / split)
    }
    for item in items:
        if digests.get(item["doc"]) != item["text_sha256"]:
            raise SystemExit(f"{item['item']}: {item['doc']} is not the article it was read from")


def main(argv: list[str] | None = None) -> int:
    """Merge the passes and write the labels and the agreement figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    items = read_jsonl(args.work / "items.jsonl")
    check_hashes(items, args.polnear)
    kept, figures = merge(
        items, read_jsonl(args.work / "pass_a.jsonl"), read_jsonl(args.work / "pass_b.jsonl")
    )
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for row in kept:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (args.out / "agreement.json").write_text(json.dumps(figures, indent=1) + "\n")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
