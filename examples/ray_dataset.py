"""Analyse a Ray Dataset of articles with `SummarizerUDF` (one Summarizer per actor).

    pip install 'summarizer[ray]'
    python examples/ray_dataset.py                      # the example article, 4 copies
    python examples/ray_dataset.py articles.jsonl       # {"id", "text" | "path" | "html"} lines
    python examples/ray_dataset.py articles.jsonl -o results/   # JSONL files, one per block
    RAY_ADDRESS=ray://head:10001 python examples/ray_dataset.py s3://bucket/articles/

`ray.init()` connects to RAY_ADDRESS, else starts a local cluster. Each output row is the
record `summarizer batch` writes for that input line: `id`, `status`, `analysis` and
`error` (the last two as JSON text). The offline engine runs here; drop `engine` (or set
it to "llm") and set OPENAI_API_KEY to use a model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import ray

from summarizer import SummarizerUDF

ARTICLE = Path(__file__).with_name("article.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="JSONL file(s) or folder Ray Data can read")
    parser.add_argument("-o", "--output", help="write JSONL files to this folder")
    parser.add_argument("--actors", type=int, default=2, help="Summarizers in parallel")
    args = parser.parse_args(argv)

    ray.init(ignore_reinit_error=True)
    if args.input:
        ds = ray.data.read_json(args.input, lines=True)
    else:
        text = ARTICLE.read_text(encoding="utf-8")
        ds = ray.data.from_items([{"id": f"copy-{i}", "text": text} for i in range(4)])

    results = ds.map_batches(
        SummarizerUDF,  # the class: Ray builds one per actor, each with its own Summarizer
        fn_constructor_kwargs={"engine": "offline"},
        concurrency=(1, args.actors),  # from 1 actor: leaves a CPU to the reading
        batch_size=16,
    )
    if args.output:
        results.write_json(args.output)
        print(f"results written to {args.output}")
        return 0
    for row in results.iter_rows():
        if row["status"] == "ok":
            analysis = json.loads(row["analysis"])
            print(
                f"{row['id']}: {analysis['summary']['headline']} ({len(analysis['quotes'])} quotes)"
            )
        else:
            print(f"{row['id']}: error: {json.loads(row['error'])['message']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
