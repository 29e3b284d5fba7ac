"""What the llm engine reports of PolNeAR dev's attributions, by their reported-speech label.

    python tools/speech_audit.py [--list speech|not_speech|unlabelled]

Each dev article's gold, given to the llm engine as the model's answer in the article's own
words (`fixture_answer`, through a stand-in endpoint: no network), is analysed; each gold
attribution is then *reported* (a quote of the analysis overlaps its content) or *refused*
(the engine rejected it as nobody's statement) or *lost* otherwise, and counted by its label
in evals/polnear-speech/labels.jsonl (`unlabelled`: the two passes disagreed). A guard that
tells speech from narration reports the `speech` row and refuses the `not_speech` one.
`--list` prints the refused attributions of one label, with their cue and source.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from llm_fidelity import POLNEAR_DEV, SPEECH_LABELS, speech_key, speech_labels  # noqa: E402

from summarizer import Config, Summarizer  # noqa: E402
from summarizer._evals._fixtures import fixture_answer  # noqa: E402
from summarizer._evals._realistic import REALISTIC_BASE_URL, realistic_transport  # noqa: E402
from summarizer._llm._engine import UNREPORTED  # noqa: E402
from summarizer._scoring import load_polnear  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Analyse dev with exact answers; print the label x outcome table (and a list)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", choices=["speech", "not_speech", "unlabelled"])
    args = parser.parse_args(argv)
    docs = list(load_polnear(POLNEAR_DEV, one_per_article=True))
    labels = speech_labels(docs, SPEECH_LABELS)
    answers = {doc.text: fixture_answer(doc) for doc in docs}
    config = Config(engine="llm", model="gpt-4o-mini", base_url=REALISTIC_BASE_URL, api_key="x")
    table: Counter[tuple[str, str]] = Counter()
    listed = []
    with warnings.catch_warnings(), Summarizer(config, transport=realistic_transport(answers)) as s:
        warnings.simplefilter("ignore")
        for doc in docs:
            analysis = s.analyze(doc.text)
            refused = {r.text for r in analysis.meta.rejected if r.reason.startswith(UNREPORTED)}
            spans = [(p.start, p.end) for q in analysis.quotes for p in q.spans]
            for quote, proposed in zip(doc.quotes, answers[doc.text]["quotes"], strict=True):
                label = labels.get(speech_key(doc, quote), "unlabelled")
                if any(a < e and s < b for a, b in quote.spans for s, e in spans):
                    outcome = "reported"
                elif proposed["text"] in refused:
                    outcome = "refused"
                    if label == args.list:
                        listed.append(
                            f"{doc.id} {quote.id}: cue {quote.cue!r}, source {quote.speaker!r}"
                        )
                else:
                    outcome = "lost"
                table[(label, outcome)] += 1
    print(f"{'label':<12} {'reported':>9} {'refused':>8} {'lost':>5}")
    for label in ("speech", "not_speech", "unlabelled"):
        row = [table[(label, outcome)] for outcome in ("reported", "refused", "lost")]
        print(f"{label:<12} {row[0]:>9} {row[1]:>8} {row[2]:>5}")
    for line in listed:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
