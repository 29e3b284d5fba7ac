"""Shared fixtures: paths to the example article and to ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SEED = SHARED / "seeds" / "000_63ceeae6211ee247.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture
def example_text() -> str:
    """The README's example article (written for this repository)."""
    return (EXAMPLES / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_llm_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or endpoint (`auto` would go to the LLM)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "OPENAI_ORG_ID"):
        monkeypatch.delenv(name, raising=False)
