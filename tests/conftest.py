"""Shared fixtures: paths to the example article and to ../shared data when present."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SEED = SHARED / "seeds" / "000_63ceeae6211ee247.txt"
EXAMPLES = REPO / "examples"


def load_tool(name: str) -> ModuleType:
    """The script `tools/<name>.py` imported as a module (tools are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses of the tool look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def example_text() -> str:
    """The README's example article (written for this repository)."""
    return (EXAMPLES / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_llm_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or endpoint (`auto` would go to the LLM)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "OPENAI_ORG_ID"):
        monkeypatch.delenv(name, raising=False)
