"""The llm engine: prompt → structured answer → validation → grounding → support → `Analysis`.

The conversation logic (re-asks after invalid output, a larger budget after truncation,
splitting a chunk that still does not fit, chunk-by-chunk extraction and the summary of
summaries) is written once, as generators that *yield* `ChatRequest`s and receive
`ChatResult`s. A sync and an async driver feed them from `ChatClient` / `AsyncChatClient`,
so both APIs behave identically and the logic never touches the network itself.

Grounding locates each proposed quote in the article; reworded reported speech that it
cannot locate is anchored to the article clause it renders (`_anchor`), and reported in the
article's words. `_support` then checks what the model claims about it (quoted or reported,
by whom) against the article's own evidence; `_names` gives each speaker the article's one
name for them, and `_overlaps` keeps one quote where several share words.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import re
import threading
import typing
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from .._config import DEFAULT_MODEL, Config
from .._exceptions import InvalidModelOutput, ModelError, OutputTruncated
from .._grounding import Grounded, Grounder, GroundingFailure
from .._models import Analysis, Meta, Quote, Rejection, SpeakerKind, Summary, Usage
from .._offline._doc import Doc
from .._overlaps import without_overlaps
from .._stance import stance_rows
from .._verify import verify_quotes
from .._version import __version__
from ._anchor import MIN_SIMILARITY, Anchorer, NotAnchored
from ._chunking import Chunk, budget_for, dedupe_by_span, plan_chunks
from ._client import (
    DEFAULT_BASE_URL,
    AsyncChatClient,
    ChatClient,
    ChatRequest,
    ChatResult,
    ClientSettings,
    may_hold_secret,
    redact,
)
from ._models_table import estimate_cost, load_model_info
from ._names import Resolved, SpeakerNames, canonicalise, is_pronoun
from ._occurrence import choose_occurrence
from ._prompts import ChunkInfo, load_prompt
from ._response import LLMExtraction, LLMQuote, LLMSummary
from ._schema import pick_structured_mode, request_options_for
from ._support import ArticleEvidence
from ._tokens import TokenCounter

__all__ = ["ANCHORED_WARNING", "NOT_FOUND", "UNREPORTED", "LLMEngine"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
Conversation = Generator[ChatRequest, ChatResult, T]

ANCHORED_WARNING = "a paraphrase was anchored to the article's words"
"""Opens the warning of each quote reported through `_anchor` (counted by the fidelity tool)."""
NOT_FOUND = "not found in the article"
"""Opens the reason of each proposal neither grounded nor anchored."""
UNREPORTED = "neither inside quotation marks nor reported"
"""Opens the reason of each proposal found but not presented as anyone's statement."""

# A split reported statement's attribution: a clause of at most this many words between two
# of these marks (", as one of Mr. Obama's climate advisers pointed out," has nine; the
# clause must still hold a reporting cue and the speaker to report the parts).
_ATTRIBUTION_WORDS = 12
_CLAUSE_MARK = re.compile(r"[,;]")
# How far (characters) around a grounded quote the speaker's mention and the cue are sought.
_ATTRIBUTION_WINDOW = 400
# Shortest configured key looked for in the model's text (see LLMEngine._redacted).
_MIN_SECRET_CHARS = 8
# How many times a chunk whose answer is still truncated at the largest budget is halved.
_MAX_SPLIT_DEPTH = 2
_QUOTES = TypeAdapter(list[Quote])
# An answer whose JSON sits in a Markdown code fence (local models in json_object mode).
_FENCE = re.compile(r"```[\w-]*[ \t]*\n?(.*?)\n?[ \t]*```", re.DOTALL)


@dataclass
class _Run:
    """What one analysis accumulates across every request it makes."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    warnings: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def add(self, usage: Usage | dict[str, Any] | None, attempts: int) -> None:
        if isinstance(usage, Usage):
            self.prompt_tokens += usage.prompt_tokens
            self.completion_tokens += usage.completion_tokens
        elif usage:
            self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.completion_tokens += int(usage.get("completion_tokens") or 0)
        self.attempts += attempts

    def usage_dict(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
        }

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class LLMEngine:
    """Analyses articles through any OpenAI-compatible chat endpoint.

    Owns at most one sync and one async client (built on first use, with the configured
    timeouts and connection limits); `close()` / `aclose()` release them. Safe to share
    between concurrent tasks: each analysis keeps its own state. `transport` /
    `async_transport`, when given, replace the network under those clients (httpx's
    transport API; the eval suite records and replays cassettes through them).
    """

    def __init__(
        self,
        config: Config,
        *,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self._transport = transport
        self._async_transport = async_transport
        self.model = config.model or DEFAULT_MODEL
        self.prompt = load_prompt("extract", directory=config.prompts_dir)
        self.summary_prompt = load_prompt("summarize_chunks", directory=config.prompts_dir)
        self.info = load_model_info(self.model, config.model_table)
        self.counter = TokenCounter(self.model)
        self.mode = pick_structured_mode(config.base_url, config.structured_mode)
        self.settings = ClientSettings(
            base_url=config.base_url or DEFAULT_BASE_URL,
            api_key=config.api_key,
            read_timeout=config.timeout,
            max_attempts=config.max_attempts,
            max_connections=config.max_connections,
        )
        key = config.api_key
        # A key this short ("test", "none" for a local server) is no secret: replacing it
        # would cut ordinary words out of answers, and reject quotes whose words hold it.
        # Key-shaped strings are still replaced.
        self._secret = key if key and len(key) >= _MIN_SECRET_CHARS else None
        self._client: ChatClient | None = None
        self._aclient: AsyncChatClient | None = None
        self._client_lock = threading.Lock()  # threads sharing the engine build one client
        # Per-engine constants, computed once: the request options derived from the schema,
        # and the tokens every request spends before the article (template + schema).
        self._request_options: dict[type[BaseModel], dict[str, Any]] = {
            model: request_options_for(self.mode, model) for model in (LLMExtraction, LLMSummary)
        }
        self._overhead_tokens = self.counter.count_messages(
            self.prompt.render("", chunk=ChunkInfo(index=0, total=2))
        ) + self.counter.count(json.dumps(self._request_options[LLMExtraction]))

    # -- drivers -------------------------------------------------------------------------

    def analyze(self, article: str) -> Analysis:
        """Analyse `article` (already validated) with blocking calls."""
        with self._client_lock:
            if self._client is None:
                self._client = ChatClient(self.settings, transport=self._transport)
            client = self._client
        steps = self._analysis(article)
        try:
            request = next(steps)
            while True:
                try:
                    result = client.complete(request)
                except ModelError as exc:
                    request = steps.throw(exc)
                else:
                    request = steps.send(result)
        except StopIteration as done:
            analysis: Analysis = done.value
            return analysis

    async def aanalyze(self, article: str) -> Analysis:
        """Analyse `article` (already validated) without blocking the event loop."""
        if self._aclient is None:
            self._aclient = AsyncChatClient(self.settings, transport=self._async_transport)
        client = self._aclient
        steps = self._analysis(article)
        try:
            request = next(steps)
            while True:
                try:
                    result = await client.complete(request)
                except ModelError as exc:
                    request = steps.throw(exc)
                else:
                    request = steps.send(result)
                # Work between requests (grounding, validation) is CPU-bound but short;
                # yielding here keeps many concurrent analyses fair to each other.
                await asyncio.sleep(0)
        except StopIteration as done:
            analysis: Analysis = done.value
            return analysis

    def conversation(self, article: str) -> Conversation[Analysis]:
        """The analysis of `article` as the sans-IO generator the drivers above run: it
        yields `ChatRequest`s, is sent their `ChatResult`s (or thrown the `ModelError`
        instead) and returns the `Analysis`. For other drivers: the batch job's Batch API
        rounds, and its live workers, which pace every request through the job's limits."""
        return self._analysis(article)

    def close(self) -> None:
        """Close the sync client, if one was built."""
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    async def aclose(self) -> None:
        """Close both clients, if built."""
        self.close()
        if self._aclient is not None:
            await self._aclient.close()
            self._aclient = None

    # -- the conversation ----------------------------------------------------------------

    def _options(self, response_model: type[BaseModel]) -> dict[str, Any]:
        return self._request_options[response_model]

    def _analysis(self, article: str) -> Conversation[Analysis]:
        run = _Run()
        if self.counter.warning:
            run.warn(self.counter.warning)
        chunks = self._chunks(article, run)
        extractions: list[tuple[Chunk, LLMExtraction]] = []
        for chunk in chunks:
            found = yield from self._extract(chunk, len(chunks), run, depth=0)
            extractions.extend(found)
        if len(extractions) == 1:
            llm_summary = extractions[0][1].summary
        else:
            llm_summary = yield from self._summary_of_summaries(
                [e.summary for _, e in extractions], run
            )
        return self._assemble(article, extractions, llm_summary, run)

    def _chunks(self, article: str, run: _Run) -> list[Chunk]:
        output = min(self.config.max_output_tokens, self.info.max_output_tokens)
        budget = budget_for(self.info, self._overhead_tokens, output)
        if self.config.max_chunk_tokens is not None:
            budget = min(budget, self.config.max_chunk_tokens)
        if len(article.encode("utf-8")) <= budget:
            # A BPE token is at least one byte: the article fits without counting.
            tokens = len(article.encode("utf-8"))  # an upper bound, not a count
            return [Chunk(index=0, start=0, end=len(article), text=article, tokens=tokens)]
        overlap = self.config.chunk_overlap_tokens
        chunks = plan_chunks(article, self.counter, max_tokens=budget, overlap_tokens=overlap)
        if len(chunks) > 1:
            run.warn(
                f"long article: split into {len(chunks)} chunks of at most {budget} tokens at "
                f"paragraph boundaries (overlap {overlap} tokens); "
                "quotes were merged and the summary written from the chunk summaries"
            )
        return chunks

    def _extract(
        self, chunk: Chunk, total: int, run: _Run, *, depth: int
    ) -> Conversation[list[tuple[Chunk, LLMExtraction]]]:
        info = ChunkInfo(index=chunk.index, total=total, first_paragraph=chunk.first_paragraph)
        messages = self.prompt.render(chunk.text, chunk=info if total > 1 else None)
        try:
            extraction = yield from self._ask(messages, LLMExtraction, run)
        except OutputTruncated:
            halves = self._halves(chunk)
            if depth >= _MAX_SPLIT_DEPTH or len(halves) < 2:
                raise
            run.warn(
                f"output truncated even at {self.info.max_output_tokens} tokens: a part of "
                f"the article ({chunk.end - chunk.start} characters) was split in two"
            )
            out: list[tuple[Chunk, LLMExtraction]] = []
            for half in halves:
                found = yield from self._extract(half, total, run, depth=depth + 1)
                out.extend(found)
            return out
        return [(chunk, extraction)]

    def _halves(self, chunk: Chunk) -> list[Chunk]:
        """`chunk` cut in two at paragraph boundaries, offsets kept article-relative."""
        # Counted afresh: a chunk that fitted on its byte length alone carries no exact count.
        tokens = self.counter.count(chunk.text)
        pieces = plan_chunks(chunk.text, self.counter, max_tokens=max(1, tokens // 2 + 1))
        if len(pieces) < 2:
            return []
        return [
            Chunk(
                index=chunk.index,
                start=chunk.start + p.start,
                end=chunk.start + p.end,
                text=p.text,
                tokens=p.tokens,
                first_paragraph=chunk.first_paragraph + p.first_paragraph - 1,
            )
            for p in pieces
        ]

    def _summary_of_summaries(
        self, summaries: Sequence[LLMSummary], run: _Run
    ) -> Conversation[LLMSummary]:
        items = [f"{s.headline} — {s.text}" for s in summaries]
        messages = self.summary_prompt.render(items)
        summary = yield from self._ask(messages, LLMSummary, run)
        return summary

    def _ask(
        self, messages: list[dict[str, str]], response_model: type[M], run: _Run
    ) -> Conversation[M]:
        """One structured answer: re-asked on invalid output, re-budgeted on truncation."""
        conversation = [dict(m) for m in messages]  # never mutate the caller's list
        max_tokens = min(self.config.max_output_tokens, self.info.max_output_tokens)
        reasks = 0
        while True:
            request = ChatRequest(
                model=self.model,
                messages=conversation,
                max_tokens=max_tokens,
                temperature=self.config.temperature,
                seed=self.config.seed,
                **self._options(response_model),
            )
            try:
                result = yield request
            except ModelError as exc:
                run.add(exc.usage, exc.attempts)
                exc.usage = run.usage_dict()
                exc.attempts = run.attempts
                raise
            run.add(result.usage_total, result.attempts)
            if result.truncated:
                if max_tokens < self.info.max_output_tokens:
                    bigger = min(max_tokens * 2, self.info.max_output_tokens)
                    run.warn(f"output truncated at {max_tokens} tokens; retried with {bigger}")
                    max_tokens = bigger
                    continue
                raise OutputTruncated(
                    f"the model's answer was cut at {max_tokens} output tokens "
                    f"(finish_reason 'length')",
                    attempts=run.attempts,
                    usage=run.usage_dict(),
                )
            content = result.content or ""
            try:
                return self._redacted(response_model.model_validate_json(content), run)
            except ValidationError as exc:
                errors = _validation_errors(exc)
            embedded = _embedded_json(content)
            if embedded is not None:
                try:
                    answer = response_model.model_validate_json(embedded)
                except ValidationError:
                    pass
                else:
                    run.warn(
                        "the model's JSON came inside other text (a code fence or words "
                        "around it); that JSON was used"
                    )
                    return self._redacted(answer, run)
            if reasks >= self.config.max_reasks:
                raise InvalidModelOutput(
                    f"the model's answer did not fit the schema after {reasks} re-ask(s): "
                    + "; ".join(errors[:5]),
                    errors=errors,
                    # A proxy may echo the key into an answer.
                    raw=redact(content[:4000], self.config.api_key),
                    attempts=run.attempts,
                    usage=run.usage_dict(),
                )
            reasks += 1
            run.warn(f"the model's answer did not fit the schema; re-asked ({reasks})")
            conversation = [
                *conversation,
                {"role": "assistant", "content": content},
                {"role": "user", "content": self.prompt.render_reask(errors)},
            ]

    def _redacted(self, answer: M, run: _Run) -> M:
        """`answer` with the API key, and anything that looks like a key, replaced in every
        string the model wrote. This is where every answer enters the engine, so no text of
        the model's (summary, speaker, quote, stance, role) can carry a key into the output:
        a proxy may echo the request's key, and an article may ask the model to."""
        secret = self._secret
        if not may_hold_secret(answer.model_dump_json(), secret):  # most answers: one look
            return answer
        clean = _redact_model(answer, secret)
        if clean is not answer:
            run.warn(
                "the model's answer held the API key or a string that looks like a key; redacted"
            )
        return clean

    # -- from answers to an Analysis ------------------------------------------------------

    def _assemble(
        self,
        article: str,
        extractions: Sequence[tuple[Chunk, LLMExtraction]],
        llm_summary: LLMSummary,
        run: _Run,
    ) -> Analysis:
        grounder = Grounder(article)
        # The article's paragraphs, sentences and quotations, found once for the support
        # checks and the speaker resolver (built only for a name that needs it).
        doc = Doc(article)
        para_starts = [p.start for p in doc.paragraphs]
        names = SpeakerNames(doc)
        evidence = ArticleEvidence(doc)
        anchorer = Anchorer(article)  # indexes the article only if a paraphrase needs it
        proposed: list[dict[str, Any]] = []
        for chunk, extraction in extractions:
            taken: set[int] = set()  # where this answer's quotes start, for `_occurrence`
            for item in extraction.quotes:
                quote = self._ground(
                    article,
                    names,
                    grounder,
                    evidence,
                    anchorer,
                    para_starts,
                    chunk,
                    item,
                    run,
                    taken,
                )
                if quote is not None:
                    proposed.append(quote)
                    taken.add(quote["start"])
        merged = dedupe_by_span(
            proposed, key=lambda q: (q["start"], q["end"]), on_duplicate=_speaker_conflict(run)
        )
        canonicalise(merged)
        merged.sort(key=lambda q: (q["start"], q["end"]))
        for number, quote in enumerate(merged, 1):
            quote["id"] = f"q{number}"  # verify_quotes keeps these ids when all pass
        # One validation for all of them: building each model on its own costs more.
        quotes, failed = verify_quotes(article, _QUOTES.validate_python(merged))
        run.rejected.extend(failed)
        # A reader names one speaker for a stretch of text (_overlaps).
        quotes, notes = without_overlaps(quotes)
        for note in notes:
            run.warn(note)
        for i, q in enumerate(quotes, 1):
            if q.id != f"q{i}":
                q.id = f"q{i}"  # models built above for this analysis: no copy needed
        usage = Usage(
            prompt_tokens=run.prompt_tokens,
            completion_tokens=run.completion_tokens,
            total_tokens=run.prompt_tokens + run.completion_tokens,
            cost_usd=estimate_cost(self.info, run.prompt_tokens, run.completion_tokens),
        )
        meta = Meta(
            engine="llm",
            model=self.model,
            prompt_version=self.prompt.id,
            prompt_sha256=self.prompt.sha256,
            version=__version__,
            usage=usage,
            rejected=run.rejected,
            warnings=run.warnings,
            article_sha256=hashlib.sha256(article.encode("utf-8")).hexdigest(),
            article_chars=len(article),
        )
        # The contract's headline is one line, and so is each key point.
        summary = Summary(
            headline=" ".join(llm_summary.headline.split()),
            text=llm_summary.text.strip(),
            key_points=[" ".join(p.split()) for p in llm_summary.key_points if p.strip()],
        )
        return Analysis(summary=summary, quotes=quotes, stances=stance_rows(quotes), meta=meta)

    def _ground(
        self,
        article: str,
        names: SpeakerNames,
        grounder: Grounder,
        evidence: ArticleEvidence,
        anchorer: Anchorer,
        para_starts: Sequence[int],
        chunk: Chunk,
        item: LLMQuote,
        run: _Run,
        taken: set[int],
    ) -> dict[str, Any] | None:
        """The fields of the `Quote` that `item` grounds to, or None when it is rejected.
        `taken`: where the quotes of the same answer grounded so far start."""
        hint = chunk.start
        if item.paragraph is not None and 1 <= item.paragraph <= len(para_starts):
            hint = para_starts[item.paragraph - 1]
        found = grounder.ground(item.text, hint=hint)
        if isinstance(found, GroundingFailure):
            anchored = _anchored(anchorer, found, item, hint)
            if isinstance(anchored, str):
                run.rejected.append(
                    Rejection(text=item.text, reason=anchored, speaker=item.speaker.name)
                )
                return None
            found = anchored
        else:
            # Words the article has more than once: the occurrence the model's claims fit.
            found = choose_occurrence(
                article,
                evidence,
                found,
                speaker=(item.speaker.name or "").strip() or None,
                mention=item.speaker.mention,
                cue=item.cue,
                taken=taken,
            )
        name = (item.speaker.name or "").strip() or None
        if name is not None and is_pronoun(name):
            run.warn(
                f"a speaker was given as the pronoun {name!r}, not resolved to a name; "
                "reported as unknown"
            )
            name = None
        resolved = None
        if name is not None:
            # How the model writes the name is no reason to lose the quote: the name is
            # resolved to the article's own (_names), or to nobody the article knows.
            resolved = names.resolve(name, found.start, found.end)
            if resolved.note is not None:
                run.warn(f"{resolved.note}: {found.text[:80]!r}")
            name = resolved.name
        if redact(found.text, self._secret) != found.text:
            # Redacting the article's words would break article[start:end] == text.
            run.rejected.append(
                Rejection(
                    text=redact(found.text, self._secret),
                    reason="the quote holds the API key or a string that looks like a key",
                    speaker=name,
                )
            )
            return None
        if found.method == "fuzzy":
            run.warn(
                f"a quote was matched approximately (similarity {found.score:.2f}); the "
                f"article's words were kept, the model proposed {item.text[:200]!r}"
            )
        # The model's claims about the quote are checked against the article (_support):
        # an unsupported claim never becomes a fact of the output.
        # A split quote is one quote of its parts, whether the model joined them with "…"
        # (grounding found the pieces) or gave them with the attribution between them.
        parts = found.parts or evidence.quoted_parts(found.start, found.end)
        support = evidence.check(
            found.start,
            found.end,
            speaker=name,
            mention=item.speaker.mention,
            cue=item.cue,
            parts=parts,
        )
        if not support.reported and not parts:
            # Reported speech given whole with its attribution inside ("The river, he said,
            # would return …"): its parts are the words around that clause.
            for split in _inner_attributions(article, found.start, found.end):
                checked = evidence.check(
                    found.start,
                    found.end,
                    speaker=name,
                    mention=item.speaker.mention,
                    cue=item.cue,
                    parts=split,
                )
                if checked.reported:
                    parts, support = split, checked
                    break
        if found.method == "anchored":
            refused = _refused_anchor(support.type, support.reported, name, support.speaker)
            if refused is not None:
                run.rejected.append(Rejection(text=item.text, reason=refused, speaker=name))
                return None
            run.warn(
                f"{ANCHORED_WARNING} (similarity {found.score:.2f}): the model proposed "
                f"{item.text[:200]!r}; reported as the article words it: {found.text[:200]!r}"
            )
        if not support.reported:
            # Rejected, not kept unattributed: with neither quotation marks nor a reporting
            # clause, nothing in the article makes these words anyone's statement, so they
            # are not a quote at all (narration, or an instruction injected into the text).
            run.rejected.append(
                Rejection(
                    text=item.text,
                    reason=f"{UNREPORTED} (no reporting words such as 'said' or 'according "
                    "to' in its sentence): the article does not present it as anyone's "
                    "statement",
                    speaker=name,
                )
            )
            return None
        # The type is what the article's quotation marks make it, whatever the model's label:
        # all inside them is direct, some mixed, none indirect.
        quote_type = support.type
        if item.type == "direct" and support.type != "direct":
            run.warn(
                f"a quote given as direct is not inside quotation marks in the article; "
                f"reported as {support.type}: {found.text[:80]!r}"
            )
        unsupported = name is not None and not support.speaker
        if unsupported:
            # Kept with its speaker unknown, not rejected: the words are a quotation or
            # reported speech in the article, only the claimed source is unsupported; the
            # contract has `kind: unknown` for a statement whose source is not established.
            run.warn(
                f"the article does not attribute a quote to {name!r} (no reporting words "
                f"with a mention of them near it); reported with its speaker unknown: "
                f"{found.text[:80]!r}"
            )
            name = None
        # The mention and the cue are words of the article, located near the quote; what
        # the model gave that cannot be found there is left out.
        window = (support.start, support.end)
        mention = None
        if not unsupported:
            mention = _locate(article, item.speaker.mention, found.start, found.end, window)
            if mention is None and resolved is not None and resolved.mention is not None:
                # The model's mention is not in the article as it wrote it; where its name
                # was found is, when that is in the quote's attribution window.
                at, stop = resolved.mention
                if window[0] <= at and stop <= window[1]:
                    mention = (at, stop, article[at:stop])
        cue = _locate(article, item.cue, found.start, found.end, window)
        stance = None
        if item.stance is not None:
            if names.words.mention(item.stance.target):
                stance = {"target": item.stance.target, "label": item.stance.label}
            else:
                run.warn(
                    f"a stance toward {item.stance.target!r} was dropped: the target is not "
                    "named in the article"
                )
        speaker = {
            "name": name,
            "mention": mention[2] if mention else None,
            "mention_start": mention[0] if mention else None,
            "mention_end": mention[1] if mention else None,
            "role": None if name is None else _role(item, resolved),
            "kind": _kind(item, resolved) if name is not None else "unknown",
        }
        return {
            "id": "q0",  # numbered in _assemble
            "text": found.text,
            "start": found.start,
            "end": found.end,
            # A split quote is one quote of several parts (see `parts` above).
            "spans": [{"start": a, "end": b} for a, b in parts or [(found.start, found.end)]],
            "type": quote_type,
            "speaker": speaker,
            "cue": cue[2] if cue else None,
            "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None,
            "stance": stance,
        }


def _inner_attributions(article: str, start: int, end: int) -> list[tuple[tuple[int, int], ...]]:
    """The ways `[start, end)` splits into two parts around a short clause set off by commas
    or semicolons (", he said," or ", the port's director said;"), nearest the middle first:
    where a split reported statement's attribution may stand."""
    marks = [m.start() for m in _CLAUSE_MARK.finditer(article, start, end)]
    splits: list[tuple[tuple[int, int], ...]] = []
    for a, b in itertools.pairwise(marks):
        if not 0 < len(article[a + 1 : b].split()) <= _ATTRIBUTION_WORDS:
            continue
        first = (start, len(article[start:a].rstrip()) + start)
        lead = len(article[b + 1 : end]) - len(article[b + 1 : end].lstrip())
        second = (b + 1 + lead, end)
        if first[0] < first[1] and second[0] < second[1]:
            splits.append((first, second))
    middle = (start + end) / 2
    splits.sort(key=lambda parts: abs((parts[0][1] + parts[-1][0]) / 2 - middle))
    return splits


def _anchored(
    anchorer: Anchorer, failure: GroundingFailure, item: LLMQuote, hint: int
) -> Grounded | str:
    """The article clause that `item`, not found as it stands, renders (`_anchor`), or the
    reason it is rejected. Only text the article lacks is looked for so: an empty proposal
    stays rejected as empty."""
    if not failure.reason.startswith(NOT_FOUND):
        return failure.reason
    speaker = (item.speaker.name or "", item.speaker.mention or "")
    found = anchorer.anchor(item.text, speaker, hint=hint)
    if isinstance(found, NotAnchored):
        if found.similarity == 0:
            return f"{failure.reason}; no sentence naming the speaker shares its content words"
        return (
            f"{failure.reason}; the closest clause of a sentence naming the speaker renders "
            f"it at {found.similarity:.2f}, below {MIN_SIMILARITY:.2f}"
        )
    return Grounded(found.start, found.end, found.text, "anchored", found.similarity)


def _refused_anchor(
    kind: str, reported: bool, name: str | None, speaker_supported: bool
) -> str | None:
    """Why an anchored clause is not reported, or None when it is: it must be reported
    speech (the article's quoted words are reported only as they stand) of the speaker the
    model named, whose sentence the clause was found in."""
    if kind != "indirect":
        return (
            "not found in the article as written; the closest clause is inside quotation "
            "marks, and quoted words are reported only verbatim"
        )
    if not reported or (name is not None and not speaker_supported):
        return (
            "not found in the article as written; the closest clause is not reported "
            "speech of the speaker named (no reporting words with a mention of them in "
            "its sentence)"
        )
    return None


def _role(item: LLMQuote, resolved: Resolved | None) -> str | None:
    """The role the article gives the speaker, else the model's."""
    if resolved is not None and resolved.role:
        return resolved.role
    return item.speaker.role


def _kind(item: LLMQuote, resolved: Resolved | None) -> SpeakerKind:
    """The resolver's kind for a name it resolved, else the model's."""
    if resolved is not None and resolved.kind is not None and resolved.kind != "unknown":
        return resolved.kind
    return item.speaker.kind


def _speaker_conflict(run: _Run) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    """For `dedupe_by_span`: warn when a quote dropped as a duplicate named another speaker
    than the one kept in its place."""

    def warn(dropped: dict[str, Any], kept: dict[str, Any]) -> None:
        ours, theirs = kept["speaker"]["name"], dropped["speaker"]["name"]
        # "Okoro" and "Sam Okoro" are one speaker (canonicalised below), not a conflict.
        if theirs is not None and (ours is None or ours.split()[-1:] != theirs.split()[-1:]):
            run.warn(
                f"one quote was attributed both to {ours!r} and to {theirs!r} (twice in an "
                f"answer, or by overlapping chunks); {ours!r} was kept: {kept['text'][:80]!r}"
            )

    return warn


def _redact_model(value: T, secret: str | None) -> T:
    """`value` (an answer model, a list or a string) with `redact` applied to every string
    the model wrote, or `value` itself when nothing changed. `Literal` fields ("direct",
    "person") are the schema's words, not the model's, and stay as they are."""
    if isinstance(value, str):
        clean = redact(value, secret)
        return value if clean == value else cast(T, clean)
    if isinstance(value, list):
        items = [_redact_model(v, secret) for v in value]
        changed = any(a is not b for a, b in zip(items, value, strict=True))
        return cast(T, items) if changed else value
    if isinstance(value, BaseModel):
        updates = {}
        for name, info in type(value).model_fields.items():
            if typing.get_origin(info.annotation) is Literal:
                continue
            current = getattr(value, name)
            clean = _redact_model(current, secret)
            if clean is not current:
                updates[name] = clean
        return value.model_copy(update=updates) if updates else value
    return value


def _embedded_json(content: str) -> str | None:
    """The JSON object inside `content` when it has other text around it, else None."""
    text = content.strip()
    fence = _FENCE.search(text)
    if fence is not None:
        text = fence.group(1).strip()
    start = text.find("{")
    if start < 0:
        return None
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    inner = text[start:end]
    return inner if inner != content.strip() else None


def _validation_errors(exc: ValidationError) -> list[str]:
    """Readable, bounded error lines for a re-ask (never the whole answer echoed back)."""
    out = []
    for err in exc.errors(include_url=False)[:20]:
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        out.append(f"{where}: {err['msg']}")
    return out


def _locate(
    article: str,
    words: str | None,
    start: int,
    end: int,
    within: tuple[int, int] | None = None,
) -> tuple[int, int, str] | None:
    """Where `words` stand nearest to the quote at [start, end), outside it if possible.

    Only occurrences inside `within` (the quote's attribution window), when given, count.

    Of the whole-word occurrences lying within `_ATTRIBUTION_WINDOW` characters of the quote,
    one not inside the quote beats one inside it; then the one nearer the quote wins (the
    distance between its nearer edge and the quote's other edge, or to the quote's edge for
    one before or after it), then the earlier one. Only the nearest occurrence on each side
    and those crossing the quote's edges are looked at, and those inside it only when there
    is none of these.
    """
    if not words or not words.strip():
        return None
    needle = words.strip()
    size = len(needle)
    n = len(article)
    lo = max(0, start - _ATTRIBUTION_WINDOW)
    hi = min(n, end + _ATTRIBUTION_WINDOW)
    if within is not None:
        lo, hi = max(lo, within[0]), min(hi, within[1])

    def whole(at: int) -> bool:
        stop = at + size
        return (at == 0 or not article[at - 1].isalnum()) and (
            stop == n or not article[stop].isalnum()
        )

    def distance(at: int) -> int:
        return min(abs(at - end), abs(start - at - size))

    found: list[tuple[int, int]] = []  # (distance, at) of occurrences not inside the quote
    at = article.rfind(needle, lo, start)  # the last one ending before the quote
    while at >= 0 and not whole(at):
        at = article.rfind(needle, lo, at + size - 1)
    if at >= 0:
        found.append((start - at - size, at))
    at = article.find(needle, end, hi)  # the first one starting after it
    while at >= 0 and not whole(at):
        at = article.find(needle, at + 1, hi)
    if at >= 0:
        found.append((at - end, at))
    for edge in (start, end):  # those crossing an edge of the quote
        at = article.find(needle, max(lo, edge - size + 1), min(hi, edge + size - 1))
        while at >= 0:
            if at < edge < at + size and whole(at):
                found.append((distance(at), at))
            at = article.find(needle, at + 1, min(hi, edge + size - 1))
    if not found:  # only those inside the quote are left
        at = article.find(needle, start, end)
        while at >= 0:
            if whole(at):
                found.append((distance(at), at))
            at = article.find(needle, at + 1, end)
    if not found:
        return None
    best = min(found)[1]
    return best, best + size, needle
