"""Write the annotation worksheets of the stance development set (evals/stance/).

    python tools/stance_worksheet.py OUT_DIR [--polnear ../shared/data/polnear]

Picks the articles (seeded: one from dev and one from train per outlet, each with 10 to 35
attributions, by the first annotator's file) and writes `OUT_DIR/worksheet.jsonl`: one item
per PolNeAR attribution, with the content, source and cue as they stand in the article
and the paragraph around it, for annotators to read beside evals/stance/GUIDELINES.md.

The worksheet holds article text: it is written outside the repository and never committed.
`tools/stance_merge.py` turns two passes of labels over it into the committed case files
(offsets, the text's SHA-256, targets and labels only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._scoring._brat import load_polnear  # noqa: E402
from summarizer._scoring._gold import GoldDocument  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
SEED = 13
MIN_QUOTES, MAX_QUOTES = 10, 35
SPLITS = ("dev", "train")  # never test


def pick_articles(polnear: Path) -> list[tuple[str, GoldDocument]]:
    """One dev and one train article per outlet, drawn with `SEED`, in a stable order."""
    rng = random.Random(SEED)
    picked: list[tuple[str, GoldDocument]] = []
    for split in SPLITS:
        by_outlet: dict[str, list[GoldDocument]] = defaultdict(list)
        for doc in load_polnear(polnear / split, one_per_article=True):
            if MIN_QUOTES <= len(doc.quotes) <= MAX_QUOTES:
                by_outlet[doc.id.split("_", 1)[0]].append(doc)
        for outlet in sorted(by_outlet):
            picked.append((split, rng.choice(sorted(by_outlet[outlet], key=lambda d: d.id))))
    return picked


def article_name(doc: GoldDocument) -> str:
    """The text file's stem (the `.ann` stem less its annotator suffix)."""
    return doc.id.rpartition("_")[0]


def _paragraph(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right >= 0 else len(text)].strip()


def worksheet(polnear: Path) -> list[dict[str, object]]:
    """The items of every picked article, in article and text order."""
    items: list[dict[str, object]] = []
    for split, doc in pick_articles(polnear):
        name = article_name(doc)
        path = polnear / split / "text" / f"{name}.txt"
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        for n, quote in enumerate(doc.quotes, start=1):
            start, end = quote.spans[0][0], quote.spans[-1][1]
            items.append(
                {
                    "item": f"{name}#{quote.id or n}",
                    "article": f"{split}/text/{name}.txt",
                    "sha256": sha,
                    "content": " … ".join(doc.text[s:e] for s, e in quote.spans),
                    "source": quote.speaker,
                    "cue": quote.cue,
                    "context": _paragraph(doc.text, start, end),
                }
            )
    return items


def main(argv: list[str] | None = None) -> int:
    """Write the worksheet; print how many articles and items it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    args = parser.parse_args(argv)
    items = worksheet(args.polnear)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "worksheet.jsonl").open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    articles = len({item["article"] for item in items})
    print(f"{articles} articles, {len(items)} items -> {args.out / 'worksheet.jsonl'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
