"""Score the offline quote extraction on a PolNeAR split (dev by default).

    python tools/tune_offline.py [--split dev] [--polnear ../shared/data/polnear]
                                 [--limit N] [--show N]

Prints precision / recall / F1 at the lenient, strict and exact levels, speaker, cue and
type accuracy over matched quotes, and the extraction time per article. `--show N` also
prints N missed and N spurious quotes, for looking at errors. Tune on train, check on dev:
the test split is held out elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._models import Analysis, Meta, Summary  # noqa: E402
from summarizer._offline._cues import load_lexicon  # noqa: E402
from summarizer._offline._extract import extract_quotes  # noqa: E402
from summarizer._scoring._brat import load_polnear  # noqa: E402
from summarizer._scoring._runner import score_documents  # noqa: E402
from summarizer._version import __version__  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def analyze(text: str) -> Analysis:
    """An `Analysis` holding only the extracted quotes (the summary is a placeholder)."""
    return Analysis(
        summary=Summary(headline="", text=""),
        quotes=extract_quotes(text),
        meta=Meta(
            engine="offline",
            version=__version__,
            article_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            article_chars=len(text),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Score the split and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N files")
    parser.add_argument("--show", type=int, default=0, help="print N misses and N spurious")
    parser.add_argument(
        "--threshold", type=float, default=None, help="try another cue threshold than the lexicon's"
    )
    args = parser.parse_args(argv)
    if args.threshold is not None:
        lexicon = load_lexicon()
        # A tuning override of the shipped (frozen) model; the engine never does this.
        object.__setattr__(lexicon, "threshold", args.threshold)

    docs = list(load_polnear(args.polnear / args.split))
    if args.limit:
        docs = docs[: args.limit]
    texts = list(dict.fromkeys(doc.text for doc in docs))
    started = time.perf_counter()
    for text in texts:
        extract_quotes(text)
    per_article = (time.perf_counter() - started) / max(len(texts), 1)

    report = score_documents(docs, analyze)
    print(
        f"{args.split}: {report.n_documents} annotation files, {len(texts)} articles, "
        f"{report.n_gold} gold, {report.n_predicted} predicted"
    )
    for level, prf in report.levels.items():
        print(f"  {level:8s} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}")
    print(
        f"  speaker accuracy {report.speaker_accuracy or 0:.3f} "
        f"({report.speaker_correct}/{report.speaker_total})"
    )
    print(
        f"  cue accuracy     {report.cue_accuracy or 0:.3f} "
        f"({report.cue_correct}/{report.cue_total})"
    )
    print(
        f"  type accuracy    {report.type_accuracy or 0:.3f} "
        f"({report.type_correct}/{report.type_total})"
    )
    print(f"  extraction       {per_article * 1000:.1f} ms per article")
    if args.show:
        rng = random.Random(0)
        missed = [(d.doc_id, m) for d in report.documents for m in d.missed]
        spurious = [(d.doc_id, s) for d in report.documents for s in d.spurious]
        wrong = [(d.doc_id, w) for d in report.documents for w in d.wrong_speakers]
        print("\nmissed:")
        for doc_id, miss in rng.sample(missed, min(args.show, len(missed))):
            print(f"  [{doc_id[:30]}] ({miss.speaker}) {miss.snippet}")
        print("\nspurious:")
        for doc_id, spur in rng.sample(spurious, min(args.show, len(spurious))):
            print(f"  [{doc_id[:30]}] ({spur.speaker}) {spur.snippet}")
        print("\nwrong speakers:")
        for doc_id, bad in rng.sample(wrong, min(args.show, len(wrong))):
            print(
                f"  [{doc_id[:30]}] gold {bad.gold!r} got {bad.predicted!r} "
                f"({bad.predicted_mention!r}): {bad.snippet}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
