"""Build the eval suite's gold cases (`evals/cases/*.json`) from compact authoring specs.

    python tools/make_case.py                 # build every spec in evals/specs/ into evals/cases/
    python tools/make_case.py split-quotes    # build only these cases (ids or spec paths)
    python tools/make_case.py --check         # fail if a case JSON differs from its spec
    python tools/make_case.py --show ID ...   # print each gold quote as the offsets slice it

A spec is a Python module `evals/specs/<id>.py` holding data only (no imports):

    ID = "split-quotes"                        # the case id (file name: evals/cases/<ID>.json)
    NOTES = "what the case exercises, and the annotation decisions taken"
    LONG = False                               # True: allowed over 900 words (the long case)
    KEY_FACTS = ["2-4 short statements, in our own words"]
    TEXT = '''the article, exactly as the offsets will index it'''
    SPEAKERS = {"petrov": {"name": "Hana Petrov", "aliases": ["Petrov", "Ms. Petrov"]}}
    QUOTES = [
        {
            "content": ["We lost the ovens", "but we never lost the customers."],  # parts
            "speaker": "petrov",               # a SPEAKERS key, or None (no source named)
            "mention": "[[Petrov]] said, “but",  # where the source stands at this attribution
            "cue": "Petrov [[said]], “but",
            "type": "direct",                  # direct | indirect | mixed
            "stance": ("the recovery grant", "favor"),  # or None
        },
    ]

A *locator* finds one substring of TEXT. It is a string, or `(string, n)` for the n-th
(0-based) occurrence in the whole text. Inside the string, `[[` and `]]` may mark the part
that is meant, the rest being context that makes the match unique:
`"“Honestly?” [[Reddy]] asked"` locates the name, not the rest.

- `content` (a locator, or a list of them for the parts of a split or multi-paragraph quote)
  must match exactly once in the whole text, unless an occurrence index is given.
- `mention` and `cue` are looked for in the paragraphs the content spans (occurrences inside
  the content itself do not count) and must be unique there; when absent there they must be
  unique in the whole text. `None` means there is no such words at this attribution.
  A `cue` may be a list of locators (a discontinuous cue: "wrote … in a statement").
- Every located span must begin and end on a word boundary, must not begin or end with
  white space or a quotation mark (the content is given without its surrounding marks),
  and the parts of one quote must come in text order without overlapping.

The JSON written is the project gold format of `evals/GOLD_FORMAT.md`: the article inline
(`text`), quotes in text order with their `text` as a check field, and it is loaded back
with `summarizer._scoring.load_gold` before the file is written. The JSON files are the
source of truth the suite reads; the specs are how they are authored and re-checked.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import types
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "evals" / "specs"
CASES = ROOT / "evals" / "cases"
sys.path.insert(0, str(ROOT))

from summarizer._scoring import load_gold  # noqa: E402

MARKS = "\"'“”‘’„‟«»‹›″"
STANCE_LABELS = {"favor", "against", "neutral"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
MIN_WORDS, MAX_WORDS = 150, 900
ANNOTATOR = "project authors (eval suite, issue 4)"


class SpecError(Exception):
    """A spec that cannot be turned into a case: the message says where and why."""


@dataclass(frozen=True)
class Located:
    start: int
    end: int


def _parse_locator(locator: object, where: str) -> tuple[str, int, int, int | None]:
    """Split a locator into (search string, mark start, mark end, occurrence index)."""
    index: int | None = None
    if isinstance(locator, tuple | list) and len(locator) == 2 and isinstance(locator[1], int):
        index = locator[1]
        locator = locator[0]
    if not isinstance(locator, str) or not locator:
        raise SpecError(f"{where}: a locator is a non-empty string or (string, n), not {locator!r}")
    if locator.count("[[") > 1 or locator.count("]]") > 1:
        raise SpecError(f"{where}: at most one [[...]] mark in {locator!r}")
    if "[[" in locator:
        head, _, rest = locator.partition("[[")
        inner, sep, tail = rest.partition("]]")
        if not sep or not inner:
            raise SpecError(f"{where}: unbalanced or empty [[...]] in {locator!r}")
        return head + inner + tail, len(head), len(head) + len(inner), index
    if "]]" in locator:
        raise SpecError(f"{where}: ']]' without '[[' in {locator!r}")
    return locator, 0, len(locator), index


def _occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(text) if hi is None else hi
    found: list[int] = []
    at = text.find(needle, lo, hi)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“", "‹": "›"}


def _check_span(text: str, span: Located, where: str) -> None:
    piece = text[span.start : span.end]
    if piece != piece.strip():
        raise SpecError(f"{where}: {piece!r} begins or ends with white space")
    # The content is given without its surrounding marks; a mixed quote may still begin
    # with the opening mark of a fragment that closes inside it, or end with the closing
    # mark of a fragment that opened inside it.
    if piece[0] in MARKS and not (
        piece[0] in PAIRS and PAIRS[piece[0]] in piece[1:].rstrip(MARKS + ".?!,")
    ):
        raise SpecError(f"{where}: {piece!r} begins with a quotation mark")
    if piece[-1] in MARKS and not any(
        close == piece[-1] and opener in piece[1:-1] for opener, close in PAIRS.items()
    ):
        raise SpecError(f"{where}: {piece!r} ends with a quotation mark")
    before = text[span.start - 1] if span.start > 0 else " "
    after = text[span.end] if span.end < len(text) else " "
    if _is_word(piece[0]) and _is_word(before):
        raise SpecError(f"{where}: {piece!r} starts inside a word")
    if _is_word(piece[-1]) and _is_word(after):
        raise SpecError(f"{where}: {piece!r} ends inside a word")


def locate(
    text: str,
    locator: object,
    where: str,
    window: tuple[int, int] | None = None,
    exclude: list[Located] | None = None,
) -> Located:
    """Find a locator's span: unique in `window` (if given and it matches there), else in text."""
    needle, mark_start, mark_end, index = _parse_locator(locator, where)

    def usable(at: int) -> bool:
        span = Located(at + mark_start, at + mark_end)
        return not any(span.start < x.end and x.start < span.end for x in exclude or [])

    if index is not None:
        hits = _occurrences(text, needle)
        if index >= len(hits):
            raise SpecError(f"{where}: {needle!r} occurs {len(hits)} time(s), no index {index}")
        at = hits[index]
    else:
        at = -1
        if window is not None:
            hits = [a for a in _occurrences(text, needle, *window) if a + len(needle) <= window[1]]
            hits = [a for a in hits if usable(a)]
            if len(hits) > 1:
                raise SpecError(
                    f"{where}: {needle!r} occurs {len(hits)} times in the quote's paragraphs; "
                    "add context with [[...]] or give an occurrence index"
                )
            if hits:
                at = hits[0]
        if at == -1:
            hits = [a for a in _occurrences(text, needle) if usable(a)]
            if len(hits) != 1:
                raise SpecError(
                    f"{where}: {needle!r} occurs {len(hits)} times in the text (needs exactly "
                    "one); add context with [[...]] or give an occurrence index"
                )
            at = hits[0]
    span = Located(at + mark_start, at + mark_end)
    _check_span(text, span, where)
    return span


def _paragraph_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi == -1 else hi


def _load_spec(path: Path) -> types.ModuleType:
    module = types.ModuleType(f"spec_{path.stem.replace('-', '_')}")
    module.__file__ = str(path)
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, module.__dict__)
    return module


def build_case(spec: types.ModuleType) -> dict[str, Any]:
    """Turn one spec into the case dictionary (project gold format)."""
    case_id = getattr(spec, "ID", None)
    if not isinstance(case_id, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id):
        raise SpecError(f"{spec.__file__}: ID must be a kebab-case string, not {case_id!r}")
    text: str = spec.TEXT
    if "\r" in text or "[[" in text or "]]" in text:
        raise SpecError(f"{case_id}: TEXT must not hold carriage returns or '[[' / ']]'")
    words = len(text.split())
    if not getattr(spec, "LONG", False) and not MIN_WORDS <= words <= MAX_WORDS:
        raise SpecError(f"{case_id}: {words} words, outside {MIN_WORDS}-{MAX_WORDS}")
    key_facts = list(spec.KEY_FACTS)
    if not 2 <= len(key_facts) <= 4:
        raise SpecError(f"{case_id}: give 2-4 key facts, not {len(key_facts)}")
    speakers: dict[str, dict[str, Any]] = getattr(spec, "SPEAKERS", {})

    quotes: list[dict[str, Any]] = []
    for number, item in enumerate(spec.QUOTES, start=1):
        where = f"{case_id} QUOTES[{number - 1}]"
        unknown = set(item) - {"content", "speaker", "mention", "cue", "type", "stance"}
        if unknown:
            raise SpecError(f"{where}: unknown key(s) {sorted(unknown)}")
        content = item["content"]
        locators = content if isinstance(content, list) else [content]
        parts = [locate(text, loc, f"{where} content") for loc in locators]
        for first, second in itertools.pairwise(parts):
            if second.start < first.end:
                raise SpecError(f"{where}: content parts overlap or are out of order")
        window = _paragraph_window(text, parts[0].start, parts[-1].end)

        quote: dict[str, Any] = {}
        if len(parts) == 1:
            quote["start"], quote["end"] = parts[0].start, parts[0].end
        else:
            quote["spans"] = [[p.start, p.end] for p in parts]
        quote["text"] = " ".join(text[p.start : p.end] for p in parts)

        if item.get("type") not in QUOTE_TYPES:
            raise SpecError(f"{where}: type must be one of {sorted(QUOTE_TYPES)}")
        quote["type"] = item["type"]

        key = item.get("speaker")
        if key is None:
            quote["speaker"] = None
            if item.get("mention") is not None:
                raise SpecError(f"{where}: a mention without a speaker")
        else:
            if key not in speakers:
                raise SpecError(f"{where}: speaker {key!r} is not in SPEAKERS")
            person = speakers[key]
            speaker: dict[str, Any] = {"name": person["name"]}
            aliases = [a for a in person.get("aliases", []) if a != person["name"]]
            if aliases:
                speaker["aliases"] = aliases
            if item.get("mention") is not None:
                mention = locate(text, item["mention"], f"{where} mention", window, parts)
                speaker["spans"] = [[mention.start, mention.end]]
            quote["speaker"] = speaker

        cue = item.get("cue")
        if cue is None:
            quote["cue"] = None
        else:
            cue_locators = cue if isinstance(cue, list) else [cue]
            cue_spans = [locate(text, c, f"{where} cue", window, parts) for c in cue_locators]
            quote["cue"] = " ".join(text[c.start : c.end] for c in cue_spans)
            quote["cue_spans"] = [[c.start, c.end] for c in cue_spans]

        stance = item.get("stance")
        if stance is None:
            quote["stance"] = None
        else:
            target, label = stance
            if label not in STANCE_LABELS or not target:
                raise SpecError(f"{where}: stance must be (target, favor|against|neutral)")
            quote["stance"] = {"target": target, "label": label}
        quotes.append(quote)

    quotes.sort(key=lambda q: (q.get("start", q.get("spans", [[0]])[0][0]), q["text"]))
    for number, quote in enumerate(quotes, start=1):
        quote_id = f"q{number}"
        quotes[number - 1] = {"id": quote_id, **quote}
    return {
        "id": case_id,
        "annotator": ANNOTATOR,
        "notes": spec.NOTES,
        "text": text,
        "quotes": quotes,
        "key_facts": key_facts,
    }


def render(case: dict[str, Any]) -> str:
    return json.dumps(case, ensure_ascii=False, indent=1) + "\n"


def _spec_paths(names: list[str]) -> list[Path]:
    if not names:
        return sorted(SPECS.glob("*.py"))
    paths = []
    for name in names:
        path = Path(name)
        paths.append(path if path.suffix == ".py" else SPECS / f"{name}.py")
    return paths


def show(path: Path) -> None:
    """Print each gold quote of a case file as its offsets slice the text."""
    for doc in load_gold(path):
        print(f"== {doc.id}: {len(doc.text.split())} words, {len(doc.quotes)} quotes")
        for quote in doc.quotes:
            parts = " | ".join(doc.text[s:e] for s, e in quote.spans)
            mention = " ".join(doc.text[s:e] for s, e in quote.speaker_spans) or "-"
            stance = f" [{quote.stance.label}: {quote.stance.target}]" if quote.stance else ""
            print(
                f"  {quote.id} {quote.type:8} {quote.speaker or 'NO SOURCE'} "
                f"(at {mention!r}, cue {quote.cue!r}){stance}\n      {parts}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="case ids or spec paths (default: all)")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--show", action="store_true", help="print the quotes of the cases")
    args = parser.parse_args(argv)

    if args.show:
        ids = args.names or [p.stem for p in sorted(CASES.glob("*.json"))]
        for name in ids:
            show(CASES / f"{name}.json")
        return 0

    CASES.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in _spec_paths(args.names):
        try:
            case = build_case(_load_spec(path))
        except (SpecError, KeyError, AttributeError, ValueError) as exc:
            print(f"ERROR {path.name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        target = CASES / f"{case['id']}.json"
        rendered = render(case)
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != rendered:
                print(f"STALE {target.relative_to(ROOT)}: differs from {path.name}")
                failed += 1
            continue
        target.write_text(rendered, encoding="utf-8")
        list(load_gold(target))  # the project loader must accept what was written
        words = len(case["text"].split())
        print(f"wrote {target.relative_to(ROOT)}: {words} words, {len(case['quotes'])} quotes")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
