"""Generation and scoring, kept apart.

    generate(suites, analyze, store)  →  [CaseRecord]   (calls the engine, nothing scored)
    score_cases(records, cases)       →  EvalScores     (reads outputs and gold, calls nothing)
    rescore(log, root)                →  EvalLog        (a saved log scored again)

An exception while analysing a case, a replay miss, and a case whose gold cannot be read
all become the case's `ErrorInfo`; the run goes on and the error is counted and shown.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from summarizer._exceptions import GoldDataError, SummarizerError
from summarizer._models import Analysis
from summarizer._scoring import (
    DocumentError,
    DocumentScore,
    SummaryCheck,
    aggregate,
    aggregate_summaries,
    check_summary,
    score_predictions,
)

from ._cassettes import CaseState, CassetteStore
from ._log import CaseRecord, ErrorInfo, EvalLog, EvalLogError, EvalScores
from ._metrics import flat_metrics
from ._suite import LoadedCase, LoadedSuite, load_suite, resolve_recorded

__all__ = ["generate", "rescore", "score_cases", "score_log", "sha256_text"]


def sha256_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes (as `Meta.article_sha256` has it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generate(
    suites: Sequence[LoadedSuite],
    analyze: Callable[[str], Analysis],
    *,
    store: CassetteStore | None = None,
    on_case: Callable[[CaseRecord], None] | None = None,
) -> list[CaseRecord]:
    """Analyse every readable case; one record per case, in suite order.

    Cases sharing a text (one PolNeAR article, several annotators) are analysed once. With
    a `store`, each case's model calls are attributed to it (`CassetteStore.case`) so that
    a replay miss is reported as that case's `missing_cassette` / `stale_cassette` error.
    """
    records: list[CaseRecord] = []
    done: dict[str, CaseRecord] = {}
    for suite in suites:
        for case in suite.cases:
            if case.doc is None:
                record = CaseRecord(
                    suite=case.suite, id=case.id, source=case.source, error=case.error
                )
            else:
                digest = sha256_text(case.doc.text)
                if digest in done:
                    first = done[digest]
                    record = first.model_copy(
                        update={"suite": case.suite, "id": case.id, "source": case.source}
                    )
                else:
                    record = _analyse(case, digest, analyze, store)
                    done[digest] = record
            records.append(record)
            if on_case is not None:
                on_case(record)
    return records


def _analyse(
    case: LoadedCase,
    digest: str,
    analyze: Callable[[str], Analysis],
    store: CassetteStore | None,
) -> CaseRecord:
    assert case.doc is not None
    scope: contextlib.AbstractContextManager[CaseState | None] = (
        store.case(case.key, digest) if store is not None else contextlib.nullcontext()
    )
    started = time.perf_counter()
    with scope as state:
        try:
            output = analyze(case.doc.text)
        except Exception as exc:  # every failure is the case's data, never the run's end
            error = _error_info(exc, state)
            return CaseRecord(
                suite=case.suite,
                id=case.id,
                source=case.source,
                article_sha256=digest,
                error=error,
                seconds=time.perf_counter() - started,
            )
    return CaseRecord(
        suite=case.suite,
        id=case.id,
        source=case.source,
        article_sha256=digest,
        output=output,
        seconds=time.perf_counter() - started,
    )


def _error_info(exc: BaseException, state: CaseState | None) -> ErrorInfo:
    if state is not None and state.misses:
        # The client saw a 404 from the replay; the miss says what really happened.
        miss = state.misses[0]
        return ErrorInfo(type=miss.kind, message=miss.message)
    kind = exc.type if isinstance(exc, SummarizerError) else type(exc).__name__
    message = exc.message if isinstance(exc, SummarizerError) else str(exc)
    return ErrorInfo(type=kind, message=message)


def score_cases(records: Sequence[CaseRecord], cases: Mapping[str, LoadedCase]) -> EvalScores:
    """Score saved outputs against the gold of `cases` (by `suite/id` key).

    A record with an error stays an error; an output whose case is gone from the suite, or
    whose article is no longer the case's text (hash), becomes one.
    """
    scores: list[DocumentScore] = []
    checks: list[SummaryCheck] = []
    errors: list[DocumentError] = []
    for record in records:
        failure = _scoring_failure(record, cases.get(record.key))
        if failure is not None:
            errors.append(
                DocumentError(doc_id=record.key, type=failure.type, message=failure.message)
            )
            continue
        case = cases[record.key]
        assert case.doc is not None and record.output is not None
        doc = case.doc.model_copy(update={"id": record.key})
        score = score_predictions(doc, record.output)
        score.seconds = record.seconds
        scores.append(score)
        checks.append(check_summary(record.key, record.output.summary, doc.text, doc.key_facts))
    quotes = aggregate(scores, errors)
    quotes.seconds = sum(record.seconds or 0.0 for record in records)
    summaries = aggregate_summaries(checks)
    return EvalScores(
        scored_at=datetime.now(UTC),
        metrics=flat_metrics(quotes, summaries, cases=len(records)),
        quotes=quotes,
        summaries=summaries,
    )


def _scoring_failure(record: CaseRecord, case: LoadedCase | None) -> ErrorInfo | None:
    if record.error is not None:
        return record.error
    if record.output is None:
        return ErrorInfo(type="no_output", message=f"case {record.key!r} has no output")
    if case is None:
        return ErrorInfo(
            type="case_not_in_suite",
            message=f"case {record.key!r} is no longer in its suite",
        )
    if case.doc is None:
        assert case.error is not None
        return case.error
    if record.article_sha256 is not None and record.article_sha256 != sha256_text(case.doc.text):
        return ErrorInfo(
            type="text_changed",
            message=f"case {record.key!r}: its text changed since the output was made",
        )
    return None


def score_log(log: EvalLog, suites: Sequence[LoadedSuite]) -> EvalLog:
    """`log` with its scores computed from its cases and the gold of `suites`."""
    cases = {case.key: case for suite in suites for case in suite.cases}
    return log.model_copy(update={"scores": score_cases(log.cases, cases)})


def rescore(log: EvalLog, *, root: Path, source: str | None = None) -> EvalLog:
    """Score a saved log again from its outputs, reading the gold of the suites it records.

    Nothing is analysed and no model is called. A suite whose files changed since the run
    (hash) is scored as it is now, with a warning in the new log; an output whose article
    changed is an error. A stripped log (a baseline) has no outputs and is refused.
    """
    if not log.text_included:
        raise EvalLogError(
            "this log holds metrics only (a baseline, written without outputs): there is "
            "nothing to re-score; re-score the full log the run wrote"
        )
    suites: list[LoadedSuite] = []
    warnings = [w for w in log.warnings if not w.startswith("re-scored:")]
    for info in log.provenance.suites:
        path = resolve_recorded(info.path, root)
        try:
            suite = load_suite(path, root=root, label=info.label)
        except GoldDataError as exc:
            raise EvalLogError(
                f"the log's suite {info.label!r} ({info.path}) cannot be loaded: {exc.message}"
            ) from exc
        if suite.info.sha256 != info.sha256:
            warnings.append(
                f"re-scored: suite {info.label!r} ({info.path}) changed since the run "
                f"(SHA-256 {info.sha256[:12]}… → {suite.info.sha256[:12]}…); scored "
                "against the gold as it is now"
            )
        suites.append(suite)
    provenance = log.provenance.model_copy(update={"rescored_from": source})
    scored = score_log(log, suites)
    return scored.model_copy(update={"warnings": warnings, "provenance": provenance})
