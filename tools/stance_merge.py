"""Merge two stance annotation passes into the stance development set (evals/stance/).

    python tools/stance_merge.py WORK_DIR [--polnear ../shared/data/polnear] [--out evals/stance]

`WORK_DIR` holds `worksheet.jsonl` (from `tools/stance_worksheet.py`) and the two passes,
`pass-A.jsonl` and `pass-B.jsonl` (one `{"item", "label", "target", "note"}` a line, by the
rules of evals/stance/GUIDELINES.md). Writes, under `--out`:

- `cases/`: one case file per article, in the project gold format (evals/GOLD_FORMAT.md), with the
  article's PolNeAR attributions (content spans, source, cue) and a stance for each: only
  attributions both passes agree on are kept (see `agree`), the others are left out of the
  case, so a disagreement is never scored as either label;
- `agreement.json`: counts, observed agreement and Cohen's kappa, per pass and per label,
  the label distribution of the kept gold, and the majority baselines.

The case files hold offsets, the text's SHA-256, short speaker names, cues and targets:
never the article's sentences. Deterministic: the same passes give the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer._scoring._brat import load_polnear  # noqa: E402
from summarizer._scoring._gold import GoldQuote, load_gold  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_OUT = ROOT / "evals" / "stance"
LABELS = ("favor", "against", "neutral", "none")
POLAR = ("favor", "against")
TARGET_SIMILARITY = 85  # rapidfuzz token_set_ratio at or above which two targets agree
MAX_CUE_WORDS = 8  # a longer cue is a clause: stored as its spans only
_ARTICLES = re.compile(r"^(the|a|an)\s+")
STEM = 5
_FUNCTION_WORDS = frozenset(
    "that this these those their there them they with from into onto about under over "
    "after before against between through during without within whose which what when "
    "where will would could should have been being more most much many some such than "
    "then also only very just like".split()
)


def polarity(label: str) -> str:
    """`favor`, `against`, or `other` (neutral and none: what the metric counts as neither)."""
    return label if label in POLAR else "other"


def normal_target(target: str | None) -> str:
    """A target compared loosely: lower case, no leading article, no possessive or punctuation."""
    text = (target or "").lower().replace("’", "'").replace("'s ", " ").strip()
    text = re.sub(r"[^\w\s]", " ", text)
    return _ARTICLES.sub("", " ".join(text.split()))


def _stems(text: str) -> set[str]:
    """The content words of a normalised target, cut to `STEM` letters ("supporters" and
    "supported" share "suppo")."""
    return {w[:STEM] for w in text.split() if len(w) >= 4 and w not in _FUNCTION_WORDS}


def same_target(a: str | None, b: str | None) -> bool:
    """Whether two annotators' targets name the same thing: equal, one inside the other
    ("Trump" ~ "Donald Trump"), close by `TARGET_SIMILARITY`, or sharing a content word
    ("Trump's supporters" ~ "his supporters"; "Bernie Sanders staying in the race" ~
    "Bernie Sanders's continued candidacy"). The metric scores labels only; the target is
    kept for readers and later work, so it is checked to catch two readings of one quote
    that are about different things, not to demand the same words."""
    x, y = normal_target(a), normal_target(b)
    if not x or not y:
        return False
    if x == y or x in y or y in x or fuzz.token_set_ratio(x, y) >= TARGET_SIMILARITY:
        return True
    return bool(_stems(x) & _stems(y))


def agree(a: dict[str, Any], b: dict[str, Any]) -> dict[str, str] | bool | None:
    """The gold stance two labels agree on: a stance dict, None (no position), or False
    when they disagree. Polar labels agree when the label and the target agree; neutral
    and none agree with each other (neither is favor or against), and keep a neutral
    target only when both gave the same one."""
    pa, pb = polarity(a["label"]), polarity(b["label"])
    if pa != pb:
        return False
    if pa in POLAR:
        if not same_target(a["target"], b["target"]):
            return False
        target = max(a["target"], b["target"], key=lambda t: (len(t), t))
        return {"target": target, "label": pa}
    if a["label"] == b["label"] == "neutral" and same_target(a["target"], b["target"]):
        return {
            "target": max(a["target"], b["target"], key=lambda t: (len(t), t)),
            "label": "neutral",
        }
    return None


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels over the same items."""
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    left, right = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _check_pass(name: str, labels: list[dict[str, Any]], items: list[dict[str, Any]]) -> None:
    if [x["item"] for x in labels] != [x["item"] for x in items]:
        raise SystemExit(f"pass {name}: its items are not the worksheet's, in its order")
    for x in labels:
        if x["label"] not in LABELS or (x["label"] == "none") != (x.get("target") is None):
            raise SystemExit(f"pass {name}: bad label or target on {x['item']}: {x}")


def _speaker_name(source: str) -> str:
    """PolNeAR's source span as a name: cut before an appositive or a parenthesis ("Paul
    Rieckhoff, founder and CEO of …" → "Paul Rieckhoff"); the span's offsets are kept, and
    the scorer matches speakers by them."""
    return re.split(r",|\(", source, maxsplit=1)[0].strip() or source


def _quote(q: GoldQuote, stance: dict[str, str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"spans": [list(s) for s in q.spans], "type": q.type}
    out["speaker"] = (
        None
        if q.speaker is None
        else {"name": _speaker_name(q.speaker), "spans": [list(s) for s in q.speaker_spans]}
    )
    out["cue"] = q.cue if q.cue and len(q.cue.split()) <= MAX_CUE_WORDS else None
    out["cue_spans"] = [list(s) for s in q.cue_spans]
    out["stance"] = stance
    return out


def merge(work: Path, polnear: Path, out: Path) -> dict[str, Any]:
    """Write the case files and `agreement.json` under `out`; return the agreement data."""
    items = _read(work / "worksheet.jsonl")
    passes = {name: _read(work / f"pass-{name}.jsonl") for name in ("A", "B")}
    for name, labels in passes.items():
        _check_pass(name, labels, items)
    a_by, b_by = ({x["item"]: x for x in labels} for labels in passes.values())
    verdicts = {item["item"]: agree(a_by[item["item"]], b_by[item["item"]]) for item in items}

    by_article: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_article.setdefault(item["article"], []).append(item)
    kept: Counter[str] = Counter()
    cases = out / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    for article, article_items in by_article.items():
        split, _, filename = article.partition("/text/")
        name = filename.removesuffix(".txt")
        text_file = polnear / split / "text" / filename
        sha = hashlib.sha256(text_file.read_bytes()).hexdigest()
        if sha != article_items[0]["sha256"]:
            raise SystemExit(f"{article}: the text changed since the worksheet was written")
        doc = next(
            d
            for d in load_polnear(polnear / split, one_per_article=True)
            if d.id.rpartition("_")[0] == name
        )
        wanted = {item["item"].rpartition("#")[2] for item in article_items}
        quotes = []
        for n, q in enumerate(doc.quotes, start=1):
            key = q.id or str(n)
            verdict = verdicts.get(f"{name}#{key}")
            if key not in wanted or verdict is False:
                continue
            stance = verdict if isinstance(verdict, dict) else None
            kept[stance["label"] if stance else "no position"] += 1
            quotes.append(_quote(q, stance))
        case = {
            "id": f"stance-{name}",
            "notes": (
                f"PolNeAR {split} article {name}: its attributions (annotator file "
                f"{doc.annotator}) with stances from two independent passes under "
                "evals/stance/GUIDELINES.md; attributions the passes disagree on are left out."
            ),
            "text_path": f"../../../../shared/data/polnear/{split}/text/{filename}",
            "sha256": sha,
            "annotator": "stance: passes A and B, agreements only",
            "quotes": quotes,
        }
        (cases / f"{name}.json").write_text(json.dumps(case, indent=1, ensure_ascii=False) + "\n")

    labels4 = [(a_by[i]["label"], b_by[i]["label"]) for i in verdicts]
    labels3 = [(polarity(x), polarity(y)) for x, y in labels4]
    disagreements = Counter(
        "target" if polarity(a_by[i]["label"]) == polarity(b_by[i]["label"]) else "label"
        for i, v in verdicts.items()
        if v is False
    )
    polar = Counter(
        v["label"] for v in verdicts.values() if isinstance(v, dict) and v["label"] in POLAR
    )
    total_kept = sum(kept.values())
    majority = polar.most_common(1)[0][0] if polar else None
    report = {
        "items": len(items),
        "articles": len(by_article),
        "kept": total_kept,
        "dropped": {"label": disagreements["label"], "target": disagreements["target"]},
        "observed_agreement_polarity": round(sum(x == y for x, y in labels3) / len(labels3), 3),
        "kappa_polarity": round(kappa(labels3), 3),
        "kappa_four_labels": round(kappa(labels4), 3),
        "pass_labels": {
            name: dict(Counter(x["label"] for x in labels)) for name, labels in passes.items()
        },
        "gold_labels": dict(kept),
        "majority_polar_label": majority,
        # SemEval-2016's majority baseline: every quote gets the most frequent polar label.
        "majority_baseline_macro_f1": round(_majority_f1(polar, total_kept), 3),
    }
    (out / "agreement.json").write_text(json.dumps(report, indent=1) + "\n")
    # Whatever was written must load as gold, offsets checked against the text.
    docs = list(load_gold(cases))
    assert sum(len(d.quotes) for d in docs) == total_kept
    return report


def _majority_f1(polar: Counter[str], total: int) -> float:
    """Macro-F1 over favor/against of labelling every kept quote with the majority polar
    label (the other polar label then has F1 0; a label absent from gold and prediction
    is left out, as `stance_macro_f1` does)."""
    if not polar:
        return 0.0
    label, count = polar.most_common(1)[0]
    precision, recall = count / total, 1.0
    f1 = 2 * precision * recall / (precision + recall)
    other = [x for x in POLAR if x != label and polar[x]]
    return f1 / (1 + len(other))


def main(argv: list[str] | None = None) -> int:
    """Merge the passes and print the agreement report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    print(json.dumps(merge(args.work, args.polnear, args.out), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
