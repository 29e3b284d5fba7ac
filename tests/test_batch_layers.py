"""The batch package's modules depend on each other one way: runners are siblings.

Every module of `summarizer._batch` has a layer; a module imports only modules of lower
layers (at the top, inside functions or for type checking alike). So the runners (the
local ones, OpenAI Batch, files, Ray) never import each other or the job that dispatches
to them, and the record builders and input reading sit below all of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import summarizer._batch

PACKAGE = Path(summarizer._batch.__file__).parent

LAYERS: dict[str, int] = {
    # The results file, the report's shape, the cache, rate limits: nothing of the job.
    "_output": 0,
    "_report": 0,
    "_cache": 0,
    "_limits": 0,
    # Input reading, then the records built from it, the options and the plan.
    "_items": 1,
    "_index": 1,
    "_records": 2,
    "_options": 2,
    "_sniff": 2,
    "_plan": 3,
    # What runners are built of: the local offline pool, the local llm workers, rounds of
    # Batch-format requests; and the Dataset UDF over the same records.
    "_pool": 4,
    "_live": 4,
    "_rounds": 4,
    "_dataset": 4,
    "_progress": 4,
    # The runners other than the local ones: siblings.
    "_openai_batch": 5,
    "_exchange": 5,
    "_ray": 5,
    # The job that dispatches to a runner, then its command line and the package.
    "_job": 6,
    "_cli": 7,
    "__init__": 8,
}

RUNNERS = ("_pool", "_live", "_openai_batch", "_exchange", "_ray")


def _imports(path: Path) -> set[str]:
    """The sibling modules `path` imports anywhere in its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.level == 0 and (node.module or "").startswith("summarizer._batch."):
                found.add((node.module or "").split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("summarizer._batch."):
                    found.add(alias.name.split(".")[2])
    return found


def _graph() -> dict[str, set[str]]:
    return {path.stem: _imports(path) for path in sorted(PACKAGE.glob("*.py"))}


def test_every_module_has_a_layer() -> None:
    assert sorted(_graph()) == sorted(LAYERS)


def test_imports_go_to_lower_layers_only() -> None:
    upward = [
        f"{module} (layer {LAYERS[module]}) imports {target} (layer {LAYERS[target]})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if target in LAYERS and LAYERS[target] >= LAYERS[module]
    ]
    assert upward == []


def test_runners_import_no_other_runner_and_share_the_record_layer() -> None:
    graph = _graph()
    for runner in RUNNERS:
        allowed = {"_pool", "_live"} if runner == "_ray" else set()
        assert graph[runner] & {*RUNNERS, "_job"} <= allowed, runner
    # Every record of every runner is built in one place.
    for module in ("_pool", "_live", "_rounds", "_dataset", "_plan"):
        assert "_records" in graph[module], module
