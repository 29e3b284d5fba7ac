"""Analyses driven in rounds of Batch-format requests (OpenAI's Batch API, vLLM's batch
runner, or files carried by hand).

The llm engine's analysis is a sans-IO conversation (`LLMEngine.conversation`): it yields a
request, is sent the answer, and yields the next request or returns the `Analysis`. Live,
each answer comes back in seconds; here, a *round* sends the current request of every
unfinished conversation as one Batch file, and its results (the output and error files,
matched by `custom_id` = the item's id) are fed back. A conversation finishes in round 1
unless its answer needs a follow-up, exactly as live: invalid JSON or a schema violation
(a re-ask, with the validation errors), ``finish_reason: "length"`` (the same request
with a larger output budget, then the chunk split in two), or a long article (one
request per chunk, then the summary of summaries). Answers are validated, grounded and
verified by the engine's own code, so records, rejected quotes and usage are the live
path's.

A request that got no answer (expired, cancelled, a failed batch, a 429 or 5xx inside the
batch) is sent again, unchanged, in the next round. Other errors (a refusal, a 400) are
thrown into the conversation and end it as the live client's error would. The number of
rounds is bounded by the caller; what is still unfinished then becomes an error record:
the last failure if the request kept failing, else `IncompleteConversation`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._exceptions import (
    BatchRequestFailed,
    IncompleteConversation,
    ModelError,
    ModelUnavailable,
    RateLimited,
)
from ._cache import AnalysisCache
from ._items import BatchItem, load_text
from ._records import from_exception, ok_record

if TYPE_CHECKING:
    from .._llm._client import ChatRequest, ChatResult
    from .._llm._engine import LLMEngine

__all__ = [
    "CHAT_URL",
    "Conversation",
    "FileSource",
    "RoundSource",
    "Rounds",
    "iter_lines",
    "read_results",
    "request_digest",
    "retryable",
    "run_rounds",
]

CHAT_URL = "/v1/chat/completions"
"""The `url` of every Batch request line (and the batch's `endpoint`)."""

Record = dict[str, Any]
Outcome = "ChatResult | ModelError"


def retryable(error: ModelError) -> bool:
    """Whether a request that failed this way is sent again in the next round."""
    return isinstance(error, RateLimited | ModelUnavailable | BatchRequestFailed)


@dataclass
class Conversation:
    """One article's analysis between rounds: its generator and its current request."""

    item: BatchItem
    text: str
    steps: Any  # the engine's generator
    request: ChatRequest
    failures: int = 0
    last_error: ModelError | None = None


class Rounds:
    """Starts conversations, writes their requests as Batch lines, feeds them results."""

    def __init__(
        self,
        engine: LLMEngine,
        cache: AnalysisCache | None = None,
        *,
        price_factor: float = 1.0,
        price_note: str | None = None,
    ) -> None:
        self.engine = engine
        self.cache = cache
        # What these requests cost relative to the price table (the Batch API's discount),
        # applied to each analysis's estimated cost and said in its warnings.
        self.price_factor = price_factor
        self.price_note = price_note

    def start(self, item: BatchItem) -> Conversation | Record:
        """A conversation for `item`, or its final record (unreadable text, a cache hit)."""
        try:
            text = load_text(item, self.engine.config.max_chars)
        except Exception as exc:
            return from_exception(item, exc)
        if self.cache is not None and (hit := self.cache.get(text)) is not None:
            return ok_record(item, hit, cached=True)
        steps = self.engine.conversation(text)
        try:
            request = next(steps)
        except StopIteration as done:  # pragma: no cover - every analysis asks at least once
            return self._finished(item, text, done.value)
        except Exception as exc:
            return from_exception(item, exc)
        return Conversation(item=item, text=text, steps=steps, request=request)

    def line(self, conversation: Conversation) -> Record:
        """The Batch request line of the conversation's current request."""
        from .._llm._client import chat_request_body

        return {
            "custom_id": conversation.item.id,
            "method": "POST",
            "url": CHAT_URL,
            "body": chat_request_body(conversation.request, self.engine.settings),
        }

    def feed(self, conversation: Conversation, outcome: ChatResult | ModelError) -> Record | None:
        """Give the conversation its request's outcome; its final record when it ended."""
        if isinstance(outcome, ModelError) and retryable(outcome):
            conversation.failures += 1
            conversation.last_error = outcome
            return None  # the same request goes out again next round
        return self._advance(conversation, outcome)

    def give_up(self, conversation: Conversation, rounds: int) -> Record:
        """The final record of a conversation still unfinished after the last round."""
        error = conversation.last_error
        if error is None or conversation.failures == 0:
            error = IncompleteConversation(
                f"the analysis still needed another request (a re-ask, a larger output "
                f"budget or the next chunk) after {rounds} round(s)",
                attempts=0,
            )
        else:
            error.message = f"{error.message} (no answer after {conversation.failures} round(s))"
            error.args = (error.message,)
            error.attempts = conversation.failures
        record = self._advance(conversation, error)
        assert record is not None
        return record

    def _advance(
        self, conversation: Conversation, outcome: ChatResult | ModelError
    ) -> Record | None:
        item = conversation.item
        try:
            if isinstance(outcome, ModelError):
                # Thrown in, the engine adds its own accounting (usage and attempts of every
                # earlier request) and re-raises, or recovers (a truncated chunk is split).
                conversation.request = conversation.steps.throw(outcome)
            else:
                conversation.request = conversation.steps.send(outcome)
        except StopIteration as done:
            return self._finished(item, conversation.text, done.value)
        except Exception as exc:
            return from_exception(item, exc)
        conversation.last_error = None
        conversation.failures = 0
        return None

    def _finished(self, item: BatchItem, text: str, analysis: Any) -> Record:
        if self.price_factor != 1.0:
            usage = analysis.meta.usage
            if usage.cost_usd is not None:
                usage.cost_usd = round(usage.cost_usd * self.price_factor, 8)
            if self.price_note:
                analysis.meta.warnings.append(self.price_note)
        result = analysis.model_dump(mode="json")
        if self.cache is not None:
            self.cache.put(text, result)
        return ok_record(item, result)


def request_digest(line: Mapping[str, Any]) -> str:
    """A digest of a request line's body (to check that a resumed round is the same)."""
    body = json.dumps(line.get("body"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def iter_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file, skipping blank and unparseable lines."""
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except (ValueError, RecursionError):  # bad JSON, huge numbers, deep nesting
                continue
            if isinstance(value, dict):
                yield value


def read_results(
    paths: list[Path], engine: LLMEngine, wanted: Callable[[str], bool] | None = None
) -> dict[str, ChatResult | ModelError]:
    """`custom_id` → outcome over Batch output / error files (the last line for an id wins).

    `wanted`, when given, keeps only the ids it accepts (the conversations in this round).
    """
    from .._llm._client import batch_line_outcome

    outcomes: dict[str, ChatResult | ModelError] = {}
    for path in paths:
        for line in iter_lines(path):
            custom_id = line.get("custom_id")
            if not isinstance(custom_id, str) or (wanted is not None and not wanted(custom_id)):
                continue
            _, outcome = batch_line_outcome(line, model=engine.model, settings=engine.settings)
            outcomes[custom_id] = outcome
    return outcomes


RoundSource = Callable[[int, list[Conversation]], "dict[str, ChatResult | ModelError] | None"]
"""Runs round N for these conversations and returns the outcomes by `custom_id`; None when
no further round is available (import: no more results files)."""


def run_rounds(
    rounds: Rounds,
    pending: dict[str, Conversation],
    source: RoundSource,
    write: Callable[[Record], None],
    max_rounds: int,
    *,
    finish: bool = True,
) -> int:
    """Drive `pending` (by id) through at most `max_rounds` rounds, writing each final
    record as soon as it is known; return the rounds run. With `finish`, what is still
    unfinished then gets its error record (`Rounds.give_up`) and nothing is left pending;
    without, it stays in `pending` at its next request."""
    from .._exceptions import BatchRequestFailed

    number = 0
    while pending and number < max_rounds:
        outcomes = source(number + 1, list(pending.values()))
        if outcomes is None:
            break
        number += 1
        for custom_id, conversation in list(pending.items()):
            outcome = outcomes.get(custom_id)
            if outcome is None:
                outcome = BatchRequestFailed(
                    f"round {number} returned no result for this request", code="missing_result"
                )
            record = rounds.feed(conversation, outcome)
            if record is not None:
                write(record)
                del pending[custom_id]
    if finish:
        for conversation in pending.values():
            write(rounds.give_up(conversation, number))
        pending.clear()
    return number


class FileSource:
    """The `RoundSource` of results files given by hand (output and error files of any
    number of rounds, in round order): round N gives each conversation the next unused
    line for its `custom_id`, so the output and error files of one round, or the results
    of successive rounds, can be given together. None once no conversation has one left.
    """

    def __init__(self, paths: list[Path], engine: LLMEngine) -> None:
        from collections import deque

        from .._llm._client import batch_line_outcome

        self.queues: dict[str, deque[ChatResult | ModelError]] = {}
        for path in paths:
            for line in iter_lines(path):
                custom_id = line.get("custom_id")
                if isinstance(custom_id, str):
                    _, outcome = batch_line_outcome(
                        line, model=engine.model, settings=engine.settings
                    )
                    self.queues.setdefault(custom_id, deque()).append(outcome)

    def __call__(
        self, number: int, conversations: list[Conversation]
    ) -> dict[str, ChatResult | ModelError] | None:
        out = {}
        for conversation in conversations:
            queue = self.queues.get(conversation.item.id)
            if queue:
                out[conversation.item.id] = queue.popleft()
        return out or None
