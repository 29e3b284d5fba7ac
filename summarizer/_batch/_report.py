"""The batch job's final report, printed on stderr and written beside the results."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["BatchReport"]


class BatchReport(BaseModel):
    """What one run of the batch job did, and the state of the results file after it.

    `ok` / `error` count input lines by the *final* record of their key (so a retried
    error that succeeded counts once, as ok); `processed` and `skipped` describe this run.
    """

    input: str = Field(description="The input: a JSONL path, a folder, or '-'.")
    output: str = Field(description="The results file.")
    engine: str = Field(description="The engine that ran: offline or llm.")
    model: str | None = Field(default=None, description="LLM model, null offline.")
    lines: int = Field(default=0, description="Input lines (items) seen.")
    ok: int = Field(default=0, description="Input lines whose final record is ok.")
    error: int = Field(default=0, description="Input lines whose final record is an error.")
    error_types: dict[str, int] = Field(
        default_factory=dict, description="Final error records by error type."
    )
    skipped: int = Field(default=0, description="Lines already done before this run.")
    processed: int = Field(default=0, description="Records written by this run.")
    missing: int = Field(default=0, description="Input lines with no record: should be 0.")
    accounted: bool = Field(default=False, description="Every input line has a final record.")
    superseded: int = Field(default=0, description="Older records dropped by compaction.")
    torn_bytes: int = Field(default=0, description="Bytes of a torn last line cut on start.")
    prompt_tokens: int = Field(default=0, description="Prompt tokens used by this run.")
    completion_tokens: int = Field(default=0, description="Completion tokens used by this run.")
    total_tokens: int = Field(default=0, description="All tokens used by this run.")
    cost_usd: float | None = Field(
        default=None, description="Estimated cost of this run, null when no price is known."
    )
    rate_limit_pauses: int = Field(default=0, description="Job-wide pauses after a 429.")
    header_pauses: int = Field(
        default=0, description="Job-wide pauses because x-ratelimit-remaining-* reached 0."
    )
    cache_hits: int = Field(default=0, description="Analyses taken from --cache: no call.")
    via: str = Field(
        default="live", description="live, openai-batch (the Batch API), or ray (a Ray cluster)."
    )
    batches: list[str] = Field(
        default_factory=list, description="Batch API batch ids of this run, in round order."
    )
    wall_seconds: float = Field(default=0.0, description="Wall time of this run.")
    throughput: float = Field(default=0.0, description="Records written per second.")

    def summary_line(self) -> str:
        """One human-readable line for stderr."""
        cost = "n/a" if self.cost_usd is None else f"${self.cost_usd:.4f}"
        status = "all lines accounted for" if self.accounted else f"{self.missing} MISSING"
        return (
            f"batch: {self.lines} lines: {self.ok} ok, {self.error} error, "
            f"{self.skipped} skipped (done before); {self.processed} written in "
            f"{self.wall_seconds:.1f}s ({self.throughput:.1f}/s); tokens {self.total_tokens}, "
            f"cost {cost}; {status}"
        )
