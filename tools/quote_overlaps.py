"""Count the offline engine's quotes whose content overlaps another quote's, and the gold's.

    python tools/quote_overlaps.py [--split dev] [--polnear ../shared/data/polnear]
    python tools/quote_overlaps.py --text article.txt [--text other.txt …]

PolNeAR is univocal (no character belongs to two attributions' contents), so every
overlapping pair of predictions is at least one quote too many. Two quotes overlap when
their content spans (`Quote.spans`, the words without the attribution between split
parts) share a character. Prints, per source, the quotes, the overlapping pairs and the
quotes that belong to at least one pair; `--show N` prints N pairs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._offline._extract import extract_quotes  # noqa: E402
from summarizer._scoring._brat import load_polnear  # noqa: E402
from summarizer._verify import content_ranges  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"

Ranges = Sequence[tuple[int, int]]


def overlapping_pairs(contents: Sequence[Ranges]) -> list[tuple[int, int]]:
    """Index pairs `(i, j)`, `i < j`, of contents that share a character."""
    order = sorted(range(len(contents)), key=lambda k: min(s for s, _ in contents[k]))
    pairs = []
    for n, i in enumerate(order):
        end_i = max(e for _, e in contents[i])
        for j in order[n + 1 :]:
            if min(s for s, _ in contents[j]) >= end_i:
                break
            if any(a < f and s < b for a, b in contents[i] for s, f in contents[j]):
                pairs.append((min(i, j), max(i, j)))
    return pairs


def _count(docs: Iterable[tuple[str, list[Ranges]]], show: int, label: str) -> None:
    quotes = pairs = involved = 0
    shown = 0
    for text, contents in docs:
        found = overlapping_pairs(contents)
        quotes += len(contents)
        pairs += len(found)
        involved += len({k for pair in found for k in pair})
        for i, j in found:
            if shown < show:
                shown += 1
                first = " / ".join(text[s:e] for s, e in contents[i])
                second = " / ".join(text[s:e] for s, e in contents[j])
                print(f"  [{label}] {first[:90]!r}\n      overlaps {second[:90]!r}")
    share = involved / quotes if quotes else 0.0
    print(
        f"{label}: {quotes} quotes, {pairs} overlapping pairs, "
        f"{involved} quotes in a pair ({share:.1%})"
    )


def _predicted(texts: Iterable[str]) -> Iterable[tuple[str, list[Ranges]]]:
    for text in texts:
        yield text, [content_ranges(q) for q in extract_quotes(text)]


def main(argv: list[str] | None = None) -> int:
    """Count and print the overlaps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--text", type=Path, action="append", default=[], help="an article")
    parser.add_argument("--show", type=int, default=0, help="print this many pairs")
    args = parser.parse_args(argv)
    if args.text:
        texts = [path.read_text(encoding="utf-8") for path in args.text]
        _count(_predicted(texts), args.show, "offline")
        return 0
    docs = list(load_polnear(args.polnear / args.split))
    gold: list[tuple[str, list[Ranges]]] = [
        (doc.text, [list(q.spans) for q in doc.quotes]) for doc in docs
    ]
    _count(gold, args.show, f"gold {args.split}")
    texts = list(dict.fromkeys(doc.text for doc in docs))
    _count(_predicted(texts), args.show, f"offline {args.split}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
