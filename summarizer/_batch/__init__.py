"""The batch job: many articles in, one result line per input line out, resumable.

`run_batch(config, source, output, options)` is the library entry point; the CLI command
`summarizer batch` (`_cli.py`) is a thin layer over it.

Input (`_items`): a JSONL file (`{"id", "text" | "path" | "html"}`, optional `title`,
`url`, `metadata` copied into the record; a relative `path` is relative to the JSONL
file), a folder of `.txt` / `.html` files (id = path below the folder), or `-` (JSONL on
stdin). Read one line at a time.

Output (`_output`): one JSON line per input line, `{"id", "line", "status": "ok",
"analysis"}` or `{"id", "line", "status": "error", "error": {"type", "message",
"attempts"}}` (plus the carried fields; `"cached": true` when the analysis came from the
cache). The offline engine writes lines in input order (with `workers` too, so identical
runs write identical files); the llm engine in completion order. Each is written whole
with one `write` and flushed to the OS at once; fsynced at most once a second and at the
end. The output must not be the input, and an existing output must be a results file
(`_output.check_output`): anything else is refused before it is touched.

Resume: a rerun reads the output first, through its on-disk index (`_index`,
`OUTPUT.index` while a job runs; nothing per line is held in memory). A torn last line
(a crash mid-write) is cut away. Ids whose last record is ok are skipped; error records
are skipped too unless `retry_errors`, when the new record is appended and supersedes
the old one (the last record per id wins), and at the end the file is compacted
(rewritten to a temporary file and renamed) back to one line per input line. Malformed
lines get the id `line:N` when no id is readable (keyed by the line, so a real id
`line:N` is not a repeat of it); a repeated id is analysed once, each repeat getting a
`duplicate_id` error record keyed by its line (final: never retried). The report counts
input lines by their final record and says whether every line is accounted for.

Throughput (`_limits`, `_live`, `_pool`): the llm engine runs `concurrency` asyncio workers under
job-wide RPM / TPM token buckets (reserve the estimated tokens, settle with the real
usage). The workers drive the engine's conversation request by request, so every request
(re-asks, larger budgets, chunks, and the job's retries of 429s and outages: the engine's
own transport retries are off in the job) passes the buckets. A 429 pauses every worker
until `retry_after`; the server's `x-ratelimit-*` headers supply limits not given and
pause the job when a remaining budget reaches 0, until its reset. No pause is longer than
`max_retry_after` (the chat client's, 60 s, unless given): a 429 asking for longer holds
the job that long, then the article is asked once more, and a second such answer ends it
with a `rate_limited` error record (with the server's `retry_after`), for a rerun with
`retry_errors`. The offline engine
runs in `workers` processes fed a bounded window of chunks, so the input is still
streamed.

OpenAI Batch API (`via="openai-batch"`, `_openai_batch`, `_rounds`): the same
conversations, sent in rounds of batches (upload, create, poll, download, map by
`custom_id` = id); answers are validated and grounded by the engine as live. Follow-ups
(re-ask after invalid JSON or a schema violation, larger budget after truncation, next
chunk) go in the next round; requests that expired or failed are resubmitted, and only
those; after `max_rounds` batches what is unfinished becomes an error record (the last
failure, or `incomplete_conversation`). The state needed to resume (request files, file
and batch ids, downloads) is saved in `OUTPUT.openai-batch/` before each step depends
on it, so a rerun resumes polling instead of resubmitting; removed when done. An input
too large for one batch (`batch_max_requests`, `batch_max_bytes`) runs as consecutive
parts of lines, cut at lines saved before their first batch.

By hand (`_exchange`): `export_requests` writes the Batch request lines (the next round's,
given earlier results), and `via="files"` (`summarizer batch import`) reads results files.

Cache (`_cache`): off unless `cache_dir` is given; content-addressed by article, engine,
model, prompt and parameters, so a rerun with the same configuration makes no calls.
Layers (tests/test_batch_layers.py): input reading (`_items`) and the results file
(`_output`, `_index`) at the bottom; the records every runner writes (`_records`), the
options and the plan above them; then the runners, siblings that import none of each
other: the local ones (`_pool`, `_live`), `_openai_batch`, `_exchange` and `_ray` (which
runs the local ones' parts on a cluster); `_job` dispatches to one of them.
"""

from ._dataset import SummarizerUDF
from ._job import BatchOptions, run_batch
from ._report import BatchReport

__all__ = ["BatchOptions", "BatchReport", "SummarizerUDF", "run_batch"]
