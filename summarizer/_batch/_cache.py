"""A content-addressed cache of analyses, so a rerun with the same configuration makes no
model calls.

The key is the SHA-256 of: the article's SHA-256, the engine, the model, the prompt
template's SHA-256, every `Config` field that changes the output, and the package version
(a new release may analyse differently). One JSON file per key, written to a temporary
name and renamed, so concurrent writers (worker processes) and crashes never leave half a
file. Only successful analyses are cached: errors may be transient.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .._config import DEFAULT_MODEL, Config
from .._version import __version__

__all__ = ["AnalysisCache"]

# Config fields that change what an analysis says; transport settings (timeouts, retries,
# connections, the key) do not, so they stay out of the key.
_OUTPUT_FIELDS = (
    "summary_sentences",
    "structured_mode",
    "max_output_tokens",
    "max_reasks",
    "temperature",
    "seed",
    "max_chunk_tokens",
    "chunk_overlap_tokens",
    "max_chars",
)


class AnalysisCache:
    """Analyses (as JSON-ready dicts) by article text, under `directory`."""

    def __init__(self, directory: Path, config: Config, engine: str) -> None:
        self.directory = directory
        prompt_sha = None
        if engine == "llm":
            from .._llm._prompts import load_prompt

            prompt_sha = load_prompt("extract", directory=config.prompts_dir).sha256
        identity: dict[str, Any] = {
            "version": __version__,
            "engine": engine,
            "model": (config.model or DEFAULT_MODEL) if engine == "llm" else None,
            "base_url": config.base_url if engine == "llm" else None,
            "prompt_sha256": prompt_sha,
            "params": {name: getattr(config, name) for name in _OUTPUT_FIELDS},
        }
        self._salt = json.dumps(identity, sort_keys=True, default=str).encode()

    def key(self, text: str) -> str:
        """The cache key of `text` under this configuration."""
        article = hashlib.sha256(text.encode("utf-8")).digest()
        return hashlib.sha256(self._salt + b"\x00" + article).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, text: str) -> dict[str, Any] | None:
        """The cached analysis of `text`, or None (a damaged entry counts as a miss)."""
        try:
            data = json.loads(self._path(self.key(text)).read_bytes())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, text: str, analysis: dict[str, Any]) -> None:
        """Store an analysis; failures to write are ignored (the cache is an optimisation)."""
        path = self._path(self.key(text))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(json.dumps(analysis, ensure_ascii=False).encode())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
