"""Count the offline engine's speaker names that are clauses or fragments, on PolNeAR.

    python tools/speaker_names.py [--polnear ../shared/data/polnear] [--splits train dev]
                                  [--engine-root DIR] [--sample N] [--seed S] [--examples N]

Runs the offline extraction on every article of the splits (train and dev; never test),
collects the speaker name of every quote that has one, and counts the names that the
noun-phrase check (`summarizer/_offline/_np_check.py`, always taken from this checkout)
calls a clause or a fragment, by reason, with examples. `--engine-root` runs the engine of
another checkout (say a worktree of an older commit) against this checkout's check, to
compare before and after. The check is the engine's own, so on an engine that applies it
the count is 0 by construction: `--sample N` prints N names drawn at random (seeded), to be
read by hand, which is the independent measure.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def _load_check() -> Callable[[str], str | None]:
    """This checkout's `fragment_reason`, loaded by path (the engine may be another's)."""
    sys.path.insert(0, str(ROOT))
    from summarizer._offline._np_check import fragment_reason

    sys.path.remove(str(ROOT))
    for name in [m for m in sys.modules if m == "summarizer" or m.startswith("summarizer.")]:
        del sys.modules[name]
    return fragment_reason


def _load_engine(root: Path) -> ModuleType:
    sys.path.insert(0, str(root))
    spec = importlib.util.find_spec("summarizer._offline._extract")
    if spec is None or spec.origin is None or not spec.origin.startswith(str(root)):
        raise SystemExit(f"no summarizer package under {root}")
    import summarizer._offline._extract as extract

    return extract


def speaker_names(extract: ModuleType, polnear: Path, splits: list[str]) -> list[str]:
    """The speaker name of every extracted quote that has one, over the splits' articles."""
    names: list[str] = []
    for split in splits:
        for path in sorted((polnear / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            names += [q.speaker.name for q in extract.extract_quotes(text) if q.speaker.name]
    return names


def main(argv: list[str] | None = None) -> int:
    """Print the count, the reasons and examples, and a sample to read."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--splits", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    parser.add_argument("--engine-root", type=Path, default=ROOT)
    parser.add_argument("--sample", type=int, default=0, help="print N random names to read")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--examples", type=int, default=3, help="examples per reason")
    args = parser.parse_args(argv)
    check = _load_check()
    extract = _load_engine(args.engine_root.resolve())
    names = speaker_names(extract, args.polnear, args.splits)
    reasons = {name: check(name) for name in set(names)}
    flagged = [name for name in names if reasons[name] is not None]
    share = len(flagged) / len(names) if names else 0.0
    print(f"engine: {args.engine_root.resolve()}  splits: {' '.join(args.splits)}")
    print(f"speaker names: {len(names)}  clauses or fragments: {len(flagged)} ({share:.1%})")
    by_reason: dict[str, list[str]] = {}
    for name in flagged:
        reason = reasons[name] or ""
        by_reason.setdefault(re.split("['\"]", reason)[0].strip(), []).append(name)
    for reason, found in sorted(by_reason.items(), key=lambda item: -len(item[1])):
        examples = [n for n, _ in Counter(found).most_common(args.examples)]
        print(f"  {len(found):5}  {reason}: {examples}")
    if args.sample:
        print(f"\nrandom sample of {args.sample} names (seed {args.seed}), to read by hand:")
        for name in random.Random(args.seed).sample(names, min(args.sample, len(names))):
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
