"""Running an eval: options in, a scored `EvalLog` out (what `summarizer eval` calls).

Engines in an eval:

* ``offline`` runs the offline engine.
* ``llm`` *replays* by default: every model request is answered from the cassettes of
  the model (``evals/cassettes/<model>/``) and nothing goes over the network. A request
  with no cassette becomes the case's `missing_cassette` or `stale_cassette` error.
* ``llm`` with ``record=True`` calls the configured endpoint and writes the cassettes.
* ``auto`` is ``offline``, unless recording: an eval is deterministic and offline unless
  asked otherwise, whatever the environment configures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import httpx

from summarizer._api import Summarizer
from summarizer._config import DEFAULT_MODEL, Config
from summarizer._exceptions import ConfigError, GoldDataError
from summarizer._version import __version__

from ._cassettes import CassetteStore, RecordingTransport, ReplayTransport, model_directory
from ._fixtures import fixture_transport
from ._log import CaseRecord, CassetteInfo, EvalLog, Provenance, python_version
from ._run import generate, score_log
from ._suite import DEFAULT_SUITE, LoadedSuite, load_suites

__all__ = [
    "DEFAULT_BASELINE_DIR",
    "DEFAULT_CASSETTES",
    "DEFAULT_LOG_DIR",
    "DEFAULT_THRESHOLDS",
    "REPLAY_BASE_URL",
    "EvalOptions",
    "default_baseline",
    "default_log_path",
    "record_fixture_cassettes",
    "run_eval",
]

DEFAULT_CASSETTES = Path("evals") / "cassettes"
"""Cassettes of recorded model calls, one folder per model, relative to the project root."""
DEFAULT_LOG_DIR = Path("evals") / "logs"
"""Where run logs go by default (ignored by git: the folder carries its own .gitignore)."""
DEFAULT_BASELINE_DIR = Path("evals") / "baseline"
"""Baseline logs (metrics only) the gate compares with."""
DEFAULT_THRESHOLDS = Path("evals") / "thresholds.json"
"""The gate's floors, ceilings and tolerated drops."""
REPLAY_BASE_URL = "http://cassettes.invalid/v1"
"""The endpoint a replay pretends to call (`.invalid` never resolves: nothing can leak)."""


@dataclass(frozen=True)
class EvalOptions:
    """What to run: engine options as for `analyze`, suites, and record/replay."""

    engine: Literal["auto", "offline", "llm"] = "auto"
    model: str | None = None
    base_url: str | None = None
    structured_mode: str | None = None
    prompts_dir: Path | None = None
    model_table: Path | None = None
    suites: Sequence[Path] = field(default_factory=tuple)
    record: bool = False
    cassettes: Path | None = None
    realistic_seeds: Sequence[int] = ()
    """When given, the llm engine is fed realistic answers written from each case's gold
    (`_realistic`), one run per seed: a pipeline fixture, never a model's score."""

    def engine_name(self) -> Literal["offline", "llm"]:
        """The engine that will run (`auto` is offline unless recording or realistic)."""
        if self.engine == "auto":
            return "llm" if self.record or self.realistic_seeds else "offline"
        return self.engine


def default_log_path(root: Path, engine: str, *, now: datetime | None = None) -> Path:
    """`evals/logs/<UTC timestamp>-<engine>.json` under `root`."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return root / DEFAULT_LOG_DIR / f"{stamp}-{engine}.json"


def default_baseline(root: Path, engine: str, model: str | None) -> Path:
    """The repository suite's baseline of an engine: `offline.json`, `llm-<model>.json`."""
    name = engine if engine == "offline" or not model else f"llm-{model_directory('.', model).name}"
    return root / DEFAULT_BASELINE_DIR / f"{name}.json"


def _llm_model(options: EvalOptions, env_config: Config) -> str:
    return options.model or env_config.model or DEFAULT_MODEL


def run_eval(
    options: EvalOptions,
    *,
    root: Path,
    upstream: httpx.BaseTransport | None = None,
    fixture: bool = False,
    on_case: Callable[[CaseRecord], None] | None = None,
) -> EvalLog:
    """Load the suites, run the engine on every case, score, and return the log.

    `upstream` replaces the network under a recording (tests and benchmarks record from a
    stand-in endpoint); `fixture=True` labels what is recorded as hand-written fixtures.
    Raises `GoldDataError` when a suite path is not a suite; everything that goes wrong
    with one case is that case's error in the log.
    """
    created = datetime.now(UTC)
    paths = list(options.suites) or [root / DEFAULT_SUITE]
    if not options.suites and not paths[0].is_dir():
        raise GoldDataError(
            "the repository suite is not here; run from a checkout or give --suite PATH",
            path=str(paths[0]),
        )
    suites = load_suites(paths, root=root)
    engine = options.engine_name()
    if options.realistic_seeds:
        return _realistic_run(options, suites, engine, created, on_case)
    store: CassetteStore | None = None
    structured_mode: str | None = None
    prompt_version = prompt_sha = model = None
    env_config = Config.from_env()
    if engine == "offline":
        config = Config.from_env(
            engine="offline", prompts_dir=options.prompts_dir, model_table=options.model_table
        )
        summarizer = Summarizer(config)
    else:
        from summarizer._llm._prompts import load_prompt
        from summarizer._llm._schema import pick_structured_mode

        model = _llm_model(options, env_config)
        store = CassetteStore(
            model_directory(options.cassettes or root / DEFAULT_CASSETTES, model), model=model
        )
        if options.record:
            config = Config.from_env(
                engine="llm",
                model=model,
                base_url=options.base_url,
                structured_mode=options.structured_mode,
                prompts_dir=options.prompts_dir,
                model_table=options.model_table,
            )
            structured_mode = pick_structured_mode(config.base_url, config.structured_mode)
            recorder = RecordingTransport(store, inner=upstream, fixture=fixture)
            summarizer = Summarizer(config, transport=recorder, async_transport=recorder)
            store.index.structured_mode = structured_mode
            store.index.model = model
        else:
            # The recording's mode, so that the replayed requests hash as recorded; the
            # API key is dropped: a replay sends nothing anywhere.
            mode = options.structured_mode or store.index.structured_mode or "auto"
            config = Config.from_env(
                engine="llm",
                model=model,
                base_url=options.base_url or REPLAY_BASE_URL,
                structured_mode=mode,
                prompts_dir=options.prompts_dir,
                model_table=options.model_table,
            ).model_copy(update={"api_key": None})
            structured_mode = pick_structured_mode(config.base_url, config.structured_mode)
            replay = ReplayTransport(store)
            summarizer = Summarizer(config, transport=replay, async_transport=replay)
        prompt = load_prompt("extract", directory=config.prompts_dir)
        prompt_version, prompt_sha = prompt.id, prompt.sha256

    started = time.perf_counter()
    with summarizer:
        records = generate(suites, summarizer.analyze, store=store, on_case=on_case)
    seconds = time.perf_counter() - started
    cassettes = None
    if store is not None:
        kinds = [miss.kind for miss in store.misses]
        cassettes = CassetteInfo(
            mode="record" if options.record else "replay",
            directory=_shown(store.directory, root),
            replayed=store.replayed,
            recorded=store.recorded,
            missing=kinds.count("missing_cassette"),
            stale=kinds.count("stale_cassette"),
            fixtures=store.fixtures,
        )
    provenance = Provenance(
        engine=summarizer.engine,
        model=model,
        structured_mode=structured_mode,
        prompt_version=prompt_version,
        prompt_sha256=prompt_sha,
        package_version=__version__,
        python_version=python_version(),
        suites=[suite.info for suite in suites],
        cassettes=cassettes,
        # Recording fixtures or replaying any: the numbers are the pipeline's, not a model's.
        fixture=bool(store is not None and (store.fixtures or (options.record and fixture))),
    )
    log = EvalLog(created_at=created, seconds=seconds, provenance=provenance, cases=records)
    return score_log(log, suites)


def _realistic_run(
    options: EvalOptions,
    suites: Sequence[LoadedSuite],
    engine: str,
    created: datetime,
    on_case: Callable[[CaseRecord], None] | None,
) -> EvalLog:
    """The llm engine on realistic answers of `suites` (see `EvalOptions.realistic_seeds`)."""
    from summarizer._llm._prompts import load_prompt

    from ._realistic import realistic_records

    if engine != "llm" or options.record:
        raise ConfigError(
            "realistic answers are fed to the llm engine and never recorded: use them "
            "without --record and with --engine llm or auto"
        )
    model = _llm_model(options, Config.from_env())
    started = time.perf_counter()
    seeded, records = realistic_records(
        suites, list(options.realistic_seeds), model=model, on_case=on_case
    )
    prompt = load_prompt("extract", directory=options.prompts_dir)
    provenance = Provenance(
        engine="llm",
        model=model,
        prompt_version=prompt.id,
        prompt_sha256=prompt.sha256,
        package_version=__version__,
        python_version=python_version(),
        suites=[suite.info for suite in seeded],
        fixture=True,
        realistic_seeds=list(options.realistic_seeds),
    )
    seconds = time.perf_counter() - started
    log = EvalLog(created_at=created, seconds=seconds, provenance=provenance, cases=records)
    return score_log(log, seeded)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def record_fixture_cassettes(
    suites: Sequence[LoadedSuite],
    directory: Path,
    *,
    model: str,
    root: Path,
) -> EvalLog:
    """Write fixture cassettes for every readable case of `suites` (answers from the gold).

    For tests and benchmarks of the replay path: the cassettes, the index and the returned
    log are all labelled fixture.
    """
    docs = {case.key: case.doc for suite in suites for case in suite.cases if case.doc is not None}
    options = EvalOptions(
        engine="llm",
        model=model,
        base_url="http://fixture.invalid/v1",
        suites=[root / suite.info.path for suite in suites],
        record=True,
        cassettes=directory,
    )
    return run_eval(options, root=root, upstream=fixture_transport(docs), fixture=True)
