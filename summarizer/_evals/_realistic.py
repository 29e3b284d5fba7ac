"""Realistic answers: the gold, written the way chat models write correct answers.

A pipeline fixture, never a model's score. `fixture_answer` gives the gold exactly as the
article words it; real models answer with the same content in their own surface forms. For
each gold quote `realistic_answer` draws, with a seeded generator, some of what models
do to correct content:

- speakers: a title or role glued on from the article ("Meta CEO Zuckerberg"), an
  honorific ("Mr. Altman"), a first name from outside knowledge on a name the article gives
  as one word ("Mark Zuckerberg"), a company suffix on an organisation ("Gartner Inc."),
  the full name given as the mention;
- quote text: the outer quotation marks kept, curly and straight marks swapped, the
  trailing period dropped or added, "that" added before or dropped from reported speech,
  line breaks as spaces, the first letter's case changed, a split quote's parts joined with
  "..." or "…" or given whole with the attribution between them, reported speech reworded
  (a word dropped, a tense changed);
- the type label swapped.

Every answer quote renders exactly one gold quote, so the answers taken as they are score
1.0: `measure_fidelity` runs the llm engine on them (through a stand-in endpoint: no
network) and reports the engine's scores, which are then its *pipeline fidelity*: the share
of correct content it keeps. It also counts what a reader would notice: overlapping
quotes, and gold speakers given more than one name in one analysis.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from summarizer._llm._engine import ANCHORED_WARNING, NOT_FOUND, UNREPORTED
from summarizer._models import Analysis
from summarizer._scoring import (
    DocumentScore,
    GoldDocument,
    GoldQuote,
    aggregate,
    score_predictions,
)

from ._fixtures import _completion, _fixture_summary, _schema_of, fixture_answer
from ._log import CaseRecord
from ._run import generate
from ._suite import LoadedSuite

__all__ = [
    "REALISTIC_BASE_URL",
    "VARIATIONS",
    "FidelityReport",
    "measure_fidelity",
    "realistic_answer",
    "realistic_records",
    "realistic_suite_label",
    "realistic_transport",
]

REALISTIC_BASE_URL = "http://fixture.invalid/v1"
"""The endpoint a realistic run pretends to call (`.invalid` never resolves)."""


VARIATIONS = (
    "title",
    "honorific",
    "first_name",
    "company_suffix",
    "mention_as_name",
    "outer_marks",
    "swap_marks",
    "trailing_period",
    "that",
    "line_breaks",
    "first_letter_case",
    "ellipsis_join",
    "with_attribution",
    "reword",
    "type_label",
)
"""What `realistic_answer` may do to a correct answer (counted in `FidelityReport.applied`)."""

_RATE = 0.3  # each applicable variation is drawn with this probability, per quote
_FIRST_NAMES = ("John", "Maria", "David", "Anna", "Michael", "Sarah", "James", "Laura")
_HONORIFICS = ("Mr.", "Ms.", "Dr.")
_SUFFIXES = ("Inc.", "Corp.", "Co.", "Group")
_ORG_WORDS = frozenset(
    "department ministry agency committee council company corporation group party "
    "campaign office administration commission bureau association institute university "
    "foundation times post news network board union court police".split()
)
_ROLE_WORDS = frozenset(
    "ceo president senator sen. gov. governor mayor minister secretary chairman chief "
    "director spokesman spokeswoman spokesperson rep. representative judge general "
    "professor analyst founder leader candidate".split()
)
_DETERMINERS = frozenset("a an the".split())
_CONNECTORS = frozenset("of and for & de".split())
_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_STRAIGHT = str.maketrans({'"': "“", "'": "’"})
_REWORDS = (("will", "would"), ("is", "was"), ("are", "were"), ("has", "had"), ("can", "could"))
_WORD = re.compile(r"\S+")


def _is_org(name: str) -> bool:
    words = name.split()
    return (len(words) == 1 and name.isupper() and len(name) > 1) or any(
        w.lower().strip(".,") in _ORG_WORDS for w in words
    )


def _is_proper_name(name: str) -> bool:
    """A person's name as written ("Sam Okoro", "Okafor", "Hans-Peter Zürcher"): what models
    put honorifics and first names on; not a description ("a spokesman", "the groups") or
    an acronym ("IMF")."""
    words = name.split()
    return 1 <= len(words) <= 4 and all(
        w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("'", "").isalpha()
        for w in words
    )


def _is_org_name(name: str) -> bool:
    """An organisation's proper name ("Gartner", "Peabody Energy", "Bank of England"): what
    models put a company suffix on; not a description ("the Obama administration", "A New
    York judge")."""
    words = name.split()
    return (
        bool(words)
        and words[0].lower() not in _DETERMINERS
        and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words)
    )


def _family(text: str, surname: str) -> bool:
    """Whether the article gives `surname` to more than one person: different capitalised
    words (not titles) stand right before it ("Marguerite Okafor", "Tobias Okafor")."""
    before = {
        m.group(1)
        for m in re.finditer(rf"\b([A-Z][\w'’-]+)\s+{re.escape(surname)}\b", text)
        if m.group(1).lower() not in _ROLE_WORDS and not m.group(1).isupper()
    }
    return len(before) > 1


def _glued_title(text: str, name: str) -> str | None:
    """The role words the article puts right before the name's first word ("Meta CEO",
    "Mayor"), if any: what a model glues on."""
    first = name.split()[0]
    # On the name's line, and after any sentence's end: "DeepSeek.\nMeta CEO Zuckerberg"
    # glues "Meta CEO", never "DeepSeek. Meta CEO".
    match = re.search(rf"((?:[A-Z][\w.&-]*[ \t]+){{1,3}}){re.escape(first)}\b", text)
    if match is None:
        return None
    before = match.group(1).split()
    ends = [k for k, w in enumerate(before) if w.endswith(".") and len(w.rstrip(".")) > 3]
    if ends:
        before = before[ends[-1] + 1 :]
    if not any(w.lower() in _ROLE_WORDS for w in before):
        return None
    return " ".join(before)


def _speaker(
    doc: GoldDocument, quote: GoldQuote, rng: random.Random, applied: list[str]
) -> dict[str, Any]:
    name = quote.speaker
    mention = doc.text[slice(*quote.speaker_spans[0])] if quote.speaker_spans else name
    out: dict[str, Any] = {"name": name, "mention": mention, "role": None, "kind": "unknown"}
    if name is None:
        return out
    org = _is_org(name)
    out["kind"] = "organization" if org else "person"
    if name.lower() in {"he", "she", "they", "it", "we", "i"}:
        return out
    if not org and _is_proper_name(name):
        # Where the article gives the surname to several people, the honorific or first name
        # a model adds is the right one, which a drawn one would not be: none is drawn.
        family = _family(doc.text, name.split()[-1])
        title = _glued_title(doc.text, name)
        if title is not None and rng.random() < _RATE:
            out["name"] = f"{title} {out['name']}"
            applied.append("title")
        elif rng.random() < _RATE / 2 and not family:
            out["name"] = f"{rng.choice(_HONORIFICS)} {name.split()[-1]}"
            applied.append("honorific")
        if len(name.split()) == 1 and name[:1].isupper() and rng.random() < _RATE and not family:
            out["name"] = out["name"].replace(name, f"{rng.choice(_FIRST_NAMES)} {name}")
            applied.append("first_name")
    elif rng.random() < _RATE / 2 and _is_org_name(name):
        out["name"] = f"{name} {rng.choice(_SUFFIXES)}"
        applied.append("company_suffix")
    if rng.random() < _RATE:
        out["mention"] = out["name"]
        applied.append("mention_as_name")
    return out


def _text(doc: GoldDocument, quote: GoldQuote, rng: random.Random, applied: list[str]) -> str:
    parts = [doc.text[s:e] for s, e in quote.spans]
    start, end = quote.spans[0][0], quote.spans[-1][1]
    draw = rng.random()
    if len(parts) > 1 and draw < 0.5:
        text = f" {rng.choice(('...', '…'))} ".join(p.strip() for p in parts)
        applied.append("ellipsis_join")
    elif len(parts) > 1 and draw < 0.75:
        text = doc.text[start:end]  # the parts with the attribution between them
        applied.append("with_attribution")
    else:
        text = max(parts, key=len)
    before, after = doc.text[max(0, start - 1) : start], doc.text[end : end + 1]
    if before in '“"«' and before and after in '”"»' and after and rng.random() < _RATE:
        text = f"{before}{text}{after}"
        applied.append("outer_marks")
    if rng.random() < _RATE:
        swapped = (
            text.translate(_CURLY) if any(c in text for c in "“”‘’") else text.translate(_STRAIGHT)
        )
        if swapped != text:
            text = swapped
            applied.append("swap_marks")
    if rng.random() < _RATE:
        text = text[:-1] if text.endswith(".") else f"{text}."
        applied.append("trailing_period")
    if quote.type == "indirect" and rng.random() < _RATE:
        text = text[5:] if text.lower().startswith("that ") else f"that {text}"
        applied.append("that")
    if "\n" in text:
        text = " ".join(text.split())
        applied.append("line_breaks")
    if rng.random() < _RATE / 2 and text[:1].isalpha():
        text = (text[0].lower() if text[0].isupper() else text[0].upper()) + text[1:]
        applied.append("first_letter_case")
    if quote.type == "indirect" and rng.random() < _RATE:
        reworded = _reword(text, rng)
        if reworded != text:
            text = reworded
            applied.append("reword")
    return text


def _reword(text: str, rng: random.Random) -> str:
    """A model's light rewording of reported speech: a tense changed, or a word dropped."""
    words = text.split(" ")
    for old, new in _REWORDS:
        if old in words:
            words[words.index(old)] = new
            return " ".join(words)
    if len(words) >= 8:
        del words[rng.randrange(2, len(words) - 2)]
    return " ".join(words)


def realistic_answer(
    doc: GoldDocument, seed: int, applied: list[str] | None = None
) -> dict[str, Any]:
    """The extraction answer (the `LLMExtraction` shape) for `doc`, variant `seed`.

    Deterministic in (`doc.id`, `seed`). What was done is appended to `applied`.
    """
    done = applied if applied is not None else []
    quotes = []
    for index, quote in enumerate(doc.quotes):
        rng = random.Random(f"{doc.id}:{seed}:{index}")
        speaker = _speaker(doc, quote, rng, done)
        kind = quote.type or "indirect"
        if rng.random() < _RATE / 2:
            kind = rng.choice([t for t in ("direct", "indirect", "mixed") if t != kind])
            done.append("type_label")
        quotes.append(
            {
                "text": _text(doc, quote, rng, done),
                "paragraph": None,
                "type": kind,
                "speaker": speaker,
                "cue": quote.cue,
                "stance": quote.stance.model_dump() if quote.stance else None,
            }
        )
    return {"summary": _fixture_summary(doc), "quotes": quotes}


def realistic_suite_label(label: str, seed: int) -> str:
    """The label a suite's cases carry in a realistic run of `seed` (one run holds several
    seeds, each case once per seed)."""
    return f"{label}@realistic-{seed}"


def realistic_records(
    suites: Sequence[LoadedSuite],
    seeds: Sequence[int],
    *,
    model: str,
    on_case: Callable[[CaseRecord], None] | None = None,
) -> tuple[list[LoadedSuite], list[CaseRecord]]:
    """The llm engine's outputs on the realistic answers of every readable case, per seed:
    the suites relabelled per seed (`realistic_suite_label`), and one record per case and
    seed. Nothing leaves the machine: a stand-in endpoint answers."""
    from summarizer import Config, Summarizer

    seeded: list[LoadedSuite] = []
    records: list[CaseRecord] = []
    for seed in seeds:
        relabelled = [
            _relabelled(suite, realistic_suite_label(suite.info.label, seed)) for suite in suites
        ]
        docs = [case.doc for suite in relabelled for case in suite.cases if case.doc is not None]
        # Cases sharing a text (a PolNeAR article's annotators) are analysed once (`generate`),
        # with the first one's answers, as the first case is.
        answers: dict[str, dict[str, Any]] = {}
        for doc in docs:
            if doc.text not in answers:
                answers[doc.text] = realistic_answer(doc, seed)
        config = Config(engine="llm", model=model, base_url=REALISTIC_BASE_URL, api_key="fixture")
        with Summarizer(config, transport=realistic_transport(answers)) as summarizer:
            records.extend(generate(relabelled, summarizer.analyze, on_case=on_case))
        seeded.extend(relabelled)
    return seeded, records


def _relabelled(suite: LoadedSuite, label: str) -> LoadedSuite:
    info = suite.info.model_copy(update={"label": label})
    cases = [dataclasses.replace(case, suite=label) for case in suite.cases]
    return LoadedSuite(info=info, cases=cases)


def realistic_transport(answers: dict[str, dict[str, Any]]) -> httpx.MockTransport:
    """A stand-in endpoint answering each article (found by its text in the request) with
    its answer; a chunk's request gets the whole answer (grounding keeps what is in it)."""
    counter = iter(range(1, 1 << 62))

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read() or b"{}")
        user = " ".join(str(m.get("content") or "") for m in body.get("messages", []))
        answer = next((a for text, a in answers.items() if _opening(text) in user), None)
        if answer is None:
            error = {"message": "no fixture for this article", "type": "fixture", "code": None}
            return httpx.Response(404, json={"error": error})
        wanted = answer if "quotes" in _schema_of(body).get("properties", {}) else answer["summary"]
        return httpx.Response(200, json=_completion(body, wanted, next(counter)))

    return httpx.MockTransport(handler)


def _opening(text: str) -> str:
    """An article's first line, as it stands in any prompt made of it (paragraphs may be
    numbered or re-joined there)."""
    return next((line.strip()[:80] for line in text.splitlines() if line.strip()), text)


@dataclass
class FidelityReport:
    """The llm engine's scores on realistic answers (which score 1.0 as they are)."""

    documents: int = 0
    variants: int = 0
    gold: int = 0
    lenient: dict[str, float] = field(default_factory=dict)
    strict: dict[str, float] = field(default_factory=dict)
    speaker_accuracy: float | None = None
    overlapping_pairs: int = 0
    split_speakers: int = 0
    """Gold speakers (per analysis) whose matched quotes carry more than one name."""
    rejected: int = 0
    paths: dict[str, int] = field(default_factory=dict)
    """How each proposal went: found as it stands (`verbatim`, whatever grounding's method),
    `anchored` to the article clause it rewords, or `not_found`; `not_reported` counts the
    proposals found but refused because the article does not report them as anyone's."""
    errors: int = 0
    applied: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)

    exact_f1: float | None = None
    """Lenient F1 of the engine fed the gold in the article's own words (`fixture_answer`),
    when measured: what the engine's checks keep of perfect answers, the ceiling of
    `fidelity` (the attribution rule refuses some of a corpus's gold, whatever its form)."""

    @property
    def fidelity(self) -> float:
        """Lenient F1 of the engine over the answers' own (1.0)."""
        return self.lenient.get("f1", 0.0)

    @property
    def relative(self) -> float | None:
        """`fidelity` over `exact_f1`: the share of what perfect answers keep that realistic
        answers keep too (surface forms alone)."""
        return self.fidelity / self.exact_f1 if self.exact_f1 else None


def _overlapping(spans: Sequence[tuple[int, int]]) -> int:
    ordered = sorted(spans)
    return sum(
        1 for i, (s, e) in enumerate(ordered) for s2, _ in ordered[i + 1 :] if s2 < e and s < e
    )


def measure_fidelity(
    docs: Iterable[GoldDocument],
    seeds: Sequence[int],
    *,
    model: str = "gpt-4o-mini",
    exact: bool = False,
) -> FidelityReport:
    """Run the llm engine on every document's realistic answers, one run per seed; with
    `exact`, also on the exact answers (`FidelityReport.exact_f1`)."""
    from summarizer import Config, Summarizer

    report = FidelityReport()
    applied: list[str] = []
    scores = []
    docs = list(docs)
    report.documents = len(docs)
    for seed in seeds:
        answers = {doc.text: realistic_answer(doc, seed, applied) for doc in docs}
        transport = realistic_transport(answers)
        config = Config(
            engine="llm", model=model, base_url="http://fixture.invalid/v1", api_key="fixture"
        )
        with Summarizer(config, transport=transport) as summarizer:
            for doc in docs:
                report.variants += 1
                report.gold += len(doc.quotes)
                try:
                    analysis = summarizer.analyze(doc.text)
                except Exception:  # an engine failure is a lost document, counted
                    report.errors += 1
                    continue
                score = score_predictions(doc, analysis)
                scores.append(score)
                report.rejected += len(analysis.meta.rejected)
                _count_paths(report.paths, len(answers[doc.text]["quotes"]), analysis)
                for warning in analysis.meta.warnings:
                    key = warning.split(":")[0][:60]
                    report.warnings[key] = report.warnings.get(key, 0) + 1
                report.overlapping_pairs += _overlapping(
                    [(span.start, span.end) for q in analysis.quotes for span in q.spans]
                )
                report.split_speakers += _split_speakers(doc, analysis, score)
    total = aggregate(scores)
    report.lenient = total.levels["lenient"].model_dump()
    report.strict = total.levels["strict"].model_dump()
    report.speaker_accuracy = total.speaker_accuracy
    for name in applied:
        report.applied[name] = report.applied.get(name, 0) + 1
    if exact:
        perfect = {doc.text: fixture_answer(doc) for doc in docs}
        config = Config(engine="llm", model=model, base_url=REALISTIC_BASE_URL, api_key="fixture")
        with Summarizer(config, transport=realistic_transport(perfect)) as summarizer:
            kept = [score_predictions(doc, summarizer.analyze(doc.text)) for doc in docs]
        report.exact_f1 = aggregate(kept).levels["lenient"].f1
    return report


def _count_paths(paths: dict[str, int], proposals: int, analysis: Analysis) -> None:
    """Add one analysis's proposals to `paths` (see `FidelityReport.paths`). A chunked
    article's chunks are each sent the whole answer, so its proposals are counted once, by
    their text."""
    anchored = sum(w.startswith(ANCHORED_WARNING) for w in analysis.meta.warnings)
    not_found = len({r.text for r in analysis.meta.rejected if r.reason.startswith(NOT_FOUND)})
    unreported = len({r.text for r in analysis.meta.rejected if r.reason.startswith(UNREPORTED)})
    for path, n in (
        ("verbatim", max(0, proposals - anchored - not_found)),
        ("anchored", anchored),
        ("not_found", not_found),
        ("not_reported", unreported),
    ):
        paths[path] = paths.get(path, 0) + n


def _split_speakers(doc: GoldDocument, analysis: Analysis, score: DocumentScore) -> int:
    """Gold speakers whose leniently matched quotes carry more than one predicted name."""
    by_id = {quote.id: quote for quote in analysis.quotes}
    names: dict[str, set[str]] = {}
    for pair in score.pairs:
        gold = doc.quotes[pair.gold_index].speaker
        predicted = by_id[pair.pred_id].speaker.name
        if pair.level is not None and gold and predicted:
            names.setdefault(gold, set()).add(predicted)
    return sum(1 for found in names.values() if len(found) > 1)
