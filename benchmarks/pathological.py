"""Degenerate articles for the offline engine: time and peak memory per shape.

    .venv/bin/python benchmarks/pathological.py [--chars 500000] [--shape NAME ...]
        [--timeout 120] [--memory-limit-gb 8] [--seed 0] [--random 3]
    .venv/bin/python benchmarks/pathological.py --list
    .venv/bin/python benchmarks/pathological.py --write NAME --chars 40000 > article.txt

Each shape is a function of a length and a seeded `random.Random` that builds an article of
exactly that many characters (by default `DEFAULT_MAX_CHARS`, the longest article the
engine accepts): text repeated without end ("according to Smith, …"), a paragraph of
random news words, quotation marks that never close, thousands of tiny paragraphs, and so
on, plus the two long articles of `offline_speed.py --scaling` (a quote-dense paragraph
repeated, the PolNeAR dev articles joined) and `--random N` seeded random mixes of every
ingredient. Each is analysed in a fresh process, so that the peak memory (`ru_maxrss` of
that process, read with `os.wait4`, interpreter and lexicons included) is the shape's own;
a process that uses more than `--timeout` seconds of CPU time (or ten times that on the
wall clock) is killed and reported as such, and `--memory-limit-gb`
caps its address space so that a runaway shape cannot take the machine down.

Target (issue 12): every shape at 500,000 characters in at most 10 s and 1 GB. The table
(Markdown) gives the analysis's wall-clock and CPU time (without start-up and lexicon
loading) and judges the CPU time, which other jobs on a shared machine do not inflate;
the exit status is 1 when a shape misses the target.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from offline_speed import DEFAULT_TEXTS, dense_article

from summarizer import Summarizer
from summarizer._config import DEFAULT_MAX_CHARS

TARGET_SECONDS = 10.0
TARGET_MB = 1024.0

Shape = Callable[[int, random.Random], str]

# Issue 12's third input: no punctuation at all, so the paragraph is one long sentence.
_WORDS = (
    "the mayor said council Smith will he she they that a of to in budget city according "
    "told and but on Tuesday Park Ellen vote plan would not"
).split()
_NEWS_WORDS = [*_WORDS, *"“ ” , . : —".split()]
_NAMES = "Smith Jones Ellen Park Ivy Hale Mayor Council Trump Clinton".split()
_CUES = "said told added warned argued claimed insisted noted according says stated".split()


def _repeat(unit: str) -> Shape:
    def build(chars: int, rng: random.Random) -> str:
        return (unit * (chars // len(unit) + 1))[:chars]

    return build


def _join_random(pieces: list[str], sep: str = " ") -> Shape:
    def build(chars: int, rng: random.Random) -> str:
        out: list[str] = []
        size = 0
        while size < chars:
            piece = rng.choice(pieces)
            out.append(piece)
            size += len(piece) + len(sep)
        return sep.join(out)[:chars]

    return build


def _random_words(chars: int, rng: random.Random) -> str:
    return _join_random(_WORDS)(chars, rng)


def _random_news(chars: int, rng: random.Random) -> str:
    return _join_random(_NEWS_WORDS)(chars, rng)


def _one_huge_quote(chars: int, rng: random.Random) -> str:
    tail = "” Smith said."
    body = _join_random([w for w in _NEWS_WORDS if w not in "“”"])(chars - len(tail) - 1, rng)
    return "“" + body + tail


def _huge_quote_then_cues(chars: int, rng: random.Random) -> str:
    # One quotation over half the article, then a long run of short reported speech.
    half = chars // 2
    quote = "“" + _repeat("the budget will pass and ")(half - 2, rng) + "”\n"
    return (quote + _repeat("Smith said the budget is fine. ")(chars - len(quote), rng))[:chars]


def _tiny_paragraphs(chars: int, rng: random.Random) -> str:
    return _join_random(["Smith said.", "“Yes.”", "He said:", "No.", "Jones:"], "\n")(chars, rng)


def _random_mix(chars: int, rng: random.Random) -> str:
    """Every ingredient above, in random order, with random paragraph breaks."""
    pieces = [
        *_NEWS_WORDS,
        *_NAMES,
        *_CUES,
        "according to Smith,",
        "Smith said:",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "—",
        "–",
        "-",
        ":",
        ";",
        "?",
        "!",
        "…",
        "U.S.",
        "Sen.",
        "Dr.",
        "he",
        "she",
        "who",
        "it",
        "that",
        "\n",
        "\n\n",
        '"a"',
        "“Yes,” he said.",
    ]
    return _join_random(pieces)(chars, rng)


def _dev_joined(chars: int, rng: random.Random) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_TEXTS.glob("*.txt"))]
    joined = "\n\n".join(texts)
    while joined and len(joined) < chars:
        joined += "\n\n" + joined
    return joined[:chars]


SHAPES: dict[str, Shape] = {
    # The three of issue 12.
    "according-to": _repeat("according to Smith, "),
    "said-colon": _repeat("Smith said: "),
    "random-words": _random_words,
    "random-words-punctuated": _random_news,
    # Quotation marks.
    "short-quotes": _repeat("“Yes,” he said. "),
    "short-quotes-paragraphs": _repeat("“Yes,” he said.\n"),
    "split-quotes": _repeat("“We will,” Smith said, “see.” "),
    "quoted-a": _repeat('"a" '),
    "unbalanced-open": _repeat("“Smith said the budget "),
    "unbalanced-close": _repeat("Smith said the budget” "),
    "straight-quotes": _repeat('"Yes" said Smith " '),
    "apostrophes": _repeat("Smith's 'plan' isn't ' "),
    "nested-quotes": _repeat("“‘“‘Smith said "),
    "one-huge-quote": _one_huge_quote,
    "huge-quote-then-cues": _huge_quote_then_cues,
    # Paragraphs and sentences.
    "tiny-paragraphs": _tiny_paragraphs,
    "blank-lines": _repeat("Smith said.\n\n\n\n"),
    "one-letter-sentences": _repeat("A. "),
    "abbreviations": _repeat("Sen. Dr. U.S. Mr. "),
    # Names, pronouns, cues.
    "names-pronouns": _repeat("Smith he she they him Mayor Ellen Park her it who "),
    "capitalised-run": _repeat("Mayor Ellen Park Council Budget Smith Jones "),
    "cues-no-quotes": _repeat("said told added warned argued claimed "),
    "subject-cue": _repeat("Smith said Jones told Park warned "),
    "said-that": _repeat("Smith said that "),
    "nested-said": _repeat(
        "Jones said Park told Hale that Smith said Ellen Park warned that Lee said Ivy Hale "
        "argued that Kim said Ray claimed the mayor opposes Smith and backs Jones. "
    ),
    "told-reporters-that": _repeat("Smith told reporters that "),
    "he-said-comma": _repeat("he said, "),
    "saying": _repeat("Smith spoke, saying "),
    "passive": _repeat("it is expected to be said "),
    "speaker-colon-lines": _repeat("SMITH: we will see the budget.\n"),
    # Punctuation.
    "dashes-colons": _repeat("Smith — said: – the - budget: — "),
    "commas": _repeat(", "),
    "no-spaces": _repeat("x"),
    # Long realistic articles (offline_speed.py --scaling).
    "dense-paragraph": lambda chars, rng: dense_article(chars),
    "dev-joined": _dev_joined,
}


def build(shape: str, chars: int, seed: int) -> str:
    """The article of `shape` (or `random-N`, a seeded random mix) at `chars` characters."""
    if shape.startswith("random-mix-"):
        rng = random.Random(f"{seed}:{shape}")
        return _random_mix(chars, rng)
    return SHAPES[shape](chars, random.Random(seed))


def _child(shape: str, chars: int, seed: int) -> int:
    """Analyse one shape in this process and print what happened as one JSON line."""
    article = build(shape, chars, seed)
    s = Summarizer(engine="offline")
    s.analyze("Warm-up: “Lexicons load,” Smith said.")
    t0, c0 = time.perf_counter(), time.process_time()
    analysis = s.analyze(article)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        json.dumps(
            {
                "chars": len(article),
                "seconds": seconds,
                "cpu": cpu,
                "quotes": len(analysis.quotes),
                "warnings": analysis.meta.warnings,
            }
        )
    )
    return 0


@dataclass
class Result:
    """One shape's analysis in its own process."""

    shape: str
    peak_mb: float
    """Peak RSS of the whole process (interpreter, lexicons and article included)."""
    chars: int = 0
    seconds: float = 0.0
    """Wall-clock time of the analysis alone."""
    cpu: float = 0.0
    """CPU time of the analysis alone."""
    quotes: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    """Why no figures: killed at the timeout, or the process's last line of error."""

    @property
    def ok(self) -> bool:
        """Within the target; judged on CPU time, which other jobs on a shared machine do
        not inflate as they do the wall clock."""
        return self.error is None and self.cpu <= TARGET_SECONDS and self.peak_mb <= TARGET_MB

    def row(self) -> str:
        """The result as a Markdown table row."""
        verdict = "yes" if self.ok else "no"
        if self.error is not None:
            return f"| {self.shape} | | | {self.error} | | {self.peak_mb:,.0f} | {verdict} |"
        warned = f" ({len(self.warnings)} warning)" if self.warnings else ""
        return (
            f"| {self.shape} | {self.chars:,} | {self.quotes}{warned} | {self.seconds:.2f} | "
            f"{self.cpu:.2f} | {self.peak_mb:,.0f} | {verdict} |"
        )


def _measure(shape: str, chars: int, seed: int, timeout: float, memory_limit: int) -> Result:
    """Run `_child` in a fresh process; its own peak RSS comes from `os.wait4`."""

    def limit() -> None:
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        # SIGXCPU at the CPU-time limit: a loaded machine does not make a shape time out.
        cpu = int(timeout)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    cmd = [sys.executable, __file__, "--child", shape, "--chars", str(chars), "--seed", str(seed)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit, text=True
    )
    killed = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > 10 * timeout:
            os.kill(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            killed = True
            break
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.communicate()
    result = Result(shape, usage.ru_maxrss / 1024)
    if killed:
        result.error = f"killed at {10 * timeout:.0f} s (wall clock)"
    elif proc.returncode == -signal.SIGXCPU:
        result.error = f"killed at {timeout:.0f} s of CPU"
    elif proc.returncode != 0:
        result.error = (err.strip().splitlines()[-1:] or [f"exit {proc.returncode}"])[0][:80]
    else:
        found = json.loads(out.strip().splitlines()[-1])
        result.chars, result.quotes = found["chars"], found["quotes"]
        result.seconds, result.cpu = found["seconds"], found["cpu"]
        result.warnings = found["warnings"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=DEFAULT_MAX_CHARS)
    parser.add_argument("--shape", action="append", help="only these shapes (repeatable)")
    parser.add_argument("--random", type=int, default=3, help="seeded random mixes to add")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120.0, help="CPU seconds per shape")
    parser.add_argument("--memory-limit-gb", type=float, default=8.0, help="0: no limit")
    parser.add_argument("--list", action="store_true", help="list the shapes and exit")
    parser.add_argument("--write", metavar="SHAPE", help="print one shape's article and exit")
    parser.add_argument("--child", metavar="SHAPE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = [*SHAPES, *(f"random-mix-{k}" for k in range(1, args.random + 1))]
    if args.child:
        return _child(args.child, args.chars, args.seed)
    if args.write:
        sys.stdout.write(build(args.write, args.chars, args.seed))
        return 0
    if args.list:
        print("\n".join(names))
        return 0
    limit = int(args.memory_limit_gb * 2**30)
    print(
        f"| shape | chars | quotes | seconds | CPU s | peak MB | ≤ {TARGET_SECONDS:.0f} s, 1 GB |"
    )
    print("|---|---|---|---|---|---|---|")
    missed = 0
    for shape in args.shape or names:
        result = _measure(shape, args.chars, args.seed, args.timeout, limit)
        missed += not result.ok
        print(result.row(), flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
