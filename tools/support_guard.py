"""How often the llm engine's support check reports narration as someone's reported speech.

    python tools/support_guard.py [--split dev]

An adversarial stand-in for a model that attributes narration (no model, no network): in
each PolNeAR sentence that holds no gold attribution (no content, cue or source of one),
for i = 1..5, the words after word i are proposed as the indirect quote of the words before
it, with word i as the cue ("Sam Altman | took | the first flight to Tokyo"). Printed: the
proposals, and the share that `summarizer._llm._support.ArticleEvidence.check` reports
(lower is a stronger guard; genuine reported speech such sentences lack).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._llm._support import ArticleEvidence  # noqa: E402
from summarizer._offline._cues import tokenize  # noqa: E402
from summarizer._scoring import load_polnear  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Count the proposals and those reported; print one line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    args = parser.parse_args(argv)
    gold = ROOT.parent / "shared" / "data" / "polnear" / args.split
    total = reported = 0
    for doc in load_polnear(gold, one_per_article=True):
        evidence = ArticleEvidence(doc.text)
        marked: set[int] = set()
        for quote in doc.quotes:
            for start, end in [*quote.spans, *quote.cue_spans, *quote.speaker_spans]:
                marked.update(range(start, end))
        for a, b in evidence._sentences:
            if not marked.isdisjoint(range(a, b)):
                continue
            words = [t for t in tokenize(doc.text, a, b) if t.is_word]
            for i in range(1, min(6, len(words) - 2)):
                cue, start, end = words[i], words[i + 1].start, words[-1].end
                speaker = doc.text[a : cue.start].strip()
                if evidence.quoted_type(start, end) != "indirect" or not any(
                    c.isalpha() for c in speaker
                ):
                    continue
                total += 1
                found = evidence.check(start, end, speaker=speaker, mention=speaker, cue=cue.text)
                reported += found.reported
    print(
        f"{args.split}: narration proposals {total}, reported {reported} ({reported / total:.1%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
