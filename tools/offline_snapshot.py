"""Snapshot the offline engine's output, to prove a refactor changes nothing (or show what).

    .venv/bin/python tools/offline_snapshot.py write /tmp/after.digest
    .venv/bin/python tools/offline_snapshot.py write /tmp/before.digest --source /tmp/base
    .venv/bin/python tools/offline_snapshot.py compare /tmp/before.digest /tmp/after.digest
    .venv/bin/python tools/offline_snapshot.py write /tmp/a.digest --json /tmp/a-json --only dev

`write` analyses every PolNeAR train and dev text, the seed articles and
examples/article.txt with the offline engine and writes one line per article: its name and
the SHA-256 of the analysis as JSON (sorted keys), then a last line digesting them all.
`--json DIR` also writes each analysis to `DIR/<name>.json`, to diff the articles that
changed; `--source DIR` imports `summarizer` from another checkout (a `git worktree` of the
commit to compare against) instead of the installed one; `--only` picks input sets.
`compare` prints the articles whose analyses differ and exits 1 if any does (0 when every
article of both files matches).

The article texts stay where they are: only names and digests are written.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INPUT_SETS = {
    "train": SHARED / "data" / "polnear" / "train" / "text",
    "dev": SHARED / "data" / "polnear" / "dev" / "text",
    "seed": SHARED / "seeds",
    "example": ROOT / "examples",
}
_TOTAL = "*total*"


def articles(sets: list[str]) -> Iterator[tuple[str, Path]]:
    """`(name, path)` of every .txt of the chosen input sets, sorted within each set."""
    for name in sets:
        folder = INPUT_SETS[name]
        for path in sorted(folder.glob("*.txt")):
            yield f"{name}/{path.stem}", path


def _analyzer(source: Path | None) -> Any:
    """The offline `Summarizer` of the installed package, or of checkout `source`."""
    if source is not None:
        sys.path.insert(0, str(source.resolve()))
    summarizer = importlib.import_module("summarizer")
    where = Path(summarizer.__file__ or "").resolve().parent
    if source is not None and source.resolve() not in where.parents:
        raise SystemExit(f"summarizer was imported from {where}, not from {source}")
    print(f"summarizer from {where}", file=sys.stderr)
    return summarizer.Summarizer(engine="offline")


def write(out: Path, sets: list[str], json_dir: Path | None, source: Path | None) -> int:
    """Analyse every article of `sets` and write the digest file `out`."""
    analyzer = _analyzer(source)
    if json_dir is not None:
        json_dir.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    t0 = time.perf_counter()
    for name, path in articles(sets):
        analysis = analyzer.analyze(path.read_text(encoding="utf-8"))
        body = json.dumps(analysis.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        lines.append(f"{name} {hashlib.sha256(body.encode('utf-8')).hexdigest()}")
        if json_dir is not None:
            target = json_dir / f"{name.replace('/', '__')}.json"
            target.write_text(body + "\n", encoding="utf-8")
    total = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    lines.append(f"{_TOTAL} {total}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    took = time.perf_counter() - t0
    print(f"{len(lines) - 1} articles in {took:.1f} s -> {out} (total {total[:16]})")
    return 0


def _read(path: Path) -> dict[str, str]:
    pairs = (line.split(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: digest for name, digest in pairs if name != _TOTAL}


def compare(a: Path, b: Path) -> int:
    """Print the articles whose digests differ between `a` and `b`; 1 if any, else 0."""
    old, new = _read(a), _read(b)
    changed = sorted(n for n in old.keys() & new.keys() if old[n] != new[n])
    only_a = sorted(old.keys() - new.keys())
    only_b = sorted(new.keys() - old.keys())
    for n in changed:
        print(f"changed  {n}")
    for n in only_a:
        print(f"only in {a}: {n}")
    for n in only_b:
        print(f"only in {b}: {n}")
    same = len(old.keys() & new.keys()) - len(changed)
    print(f"{same} identical, {len(changed)} changed, {len(only_a) + len(only_b)} unmatched")
    return 1 if changed or only_a or only_b else 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="analyse the inputs and write a digest file")
    w.add_argument("out", type=Path)
    w.add_argument("--json", type=Path, default=None, help="also write each analysis here")
    w.add_argument("--source", type=Path, default=None, help="checkout to import from")
    w.add_argument(
        "--only",
        default=",".join(INPUT_SETS),
        help=f"comma-separated input sets among {', '.join(INPUT_SETS)} (default: all)",
    )
    c = sub.add_parser("compare", help="list the articles whose analyses differ")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(args.a, args.b)
    sets = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in sets if s not in INPUT_SETS]
    if unknown:
        parser.error(f"unknown input set(s): {', '.join(unknown)}")
    return write(args.out, sets, args.json, args.source)


if __name__ == "__main__":
    raise SystemExit(main())
