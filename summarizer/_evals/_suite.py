"""Eval suites: where they are, what they hold (case by case), and a hash that pins them.

A suite is a folder of project case files (`evals/GOLD_FORMAT.md`), one such file, or a
PolNeAR split folder. Cases load one by one, so a case that cannot be read (its outside
text is missing, its hash differs, its annotations do not fit) becomes a `LoadedCase` with
an error, reported with the others, instead of stopping the run or vanishing from it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import summarizer
from summarizer._exceptions import GoldDataError
from summarizer._scoring import GoldDocument, load_gold, load_polnear
from summarizer._scoring._brat import is_polnear_root, is_polnear_split

from ._log import ErrorInfo, SuiteInfo

__all__ = [
    "DEFAULT_SUITE",
    "LoadedCase",
    "LoadedSuite",
    "SuiteKind",
    "load_suite",
    "load_suites",
    "project_root",
    "recorded_path",
    "resolve_recorded",
    "suite_kind",
    "suite_sha256",
]

DEFAULT_SUITE = Path("evals") / "cases"
"""The repository's own suite, relative to the project root."""

SuiteKind = Literal["cases", "polnear", "file"]
"""A folder of project case files, a PolNeAR split, or one case file."""


def project_root(start: Path | None = None) -> Path:
    """The checkout an eval runs in.

    The nearest folder at or above `start` (default: the working directory) holding both
    `pyproject.toml` and `evals/`; else the checkout the package was imported from (an
    editable install), when it has `evals/`; else `start` itself.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "evals").is_dir():
            return folder
    checkout = Path(summarizer.__file__).resolve().parents[1]
    if (checkout / "evals").is_dir():
        return checkout
    return here


def recorded_path(path: Path, root: Path) -> str:
    """`path` as a log records it: relative to `root` (POSIX separators) when possible."""
    resolved = path.resolve()
    try:
        return Path(os.path.relpath(resolved, root)).as_posix()
    except ValueError:  # another drive on Windows
        return resolved.as_posix()


def resolve_recorded(recorded: str, root: Path) -> Path:
    """Where a recorded suite path is now: against `root`, else as it stands."""
    candidate = Path(recorded).expanduser()
    if candidate.is_absolute():
        return candidate
    anchored = root / candidate
    return anchored if anchored.exists() else candidate


def suite_kind(path: Path) -> SuiteKind:
    """`polnear`, `cases` or `file`; `GoldDataError` when the path is none of them."""
    if path.is_dir():
        if is_polnear_root(path):
            list(load_polnear(path))  # raises, naming the splits to choose from
        return "polnear" if is_polnear_split(path) else "cases"
    if path.is_file():
        return "file"
    raise GoldDataError(
        "no such suite: not a case file, a folder of them, or a PolNeAR split", path=str(path)
    )


def _suite_files(path: Path, kind: SuiteKind) -> list[Path]:
    if kind == "polnear":
        return sorted([*(path / "text").glob("*.txt"), *(path / "attributions").glob("*.ann")])
    if kind == "cases":
        return sorted(path.glob("*.json"))
    return [path]


def suite_sha256(path: Path, kind: SuiteKind | None = None) -> str:
    """SHA-256 over the suite's files: each one's path within the suite and its bytes' hash."""
    kind = kind or suite_kind(path)
    digest = hashlib.sha256()
    base = path if path.is_dir() else path.parent
    for file in _suite_files(path, kind):
        digest.update(file.relative_to(base).as_posix().encode("utf-8"))
        digest.update(b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).hexdigest().encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class LoadedCase:
    """One case of a suite: its gold document, or why it could not be read."""

    suite: str
    id: str
    source: str | None
    doc: GoldDocument | None
    error: ErrorInfo | None

    @property
    def key(self) -> str:
        """`suite/id`: unique within a run."""
        return f"{self.suite}/{self.id}"


@dataclass(frozen=True)
class LoadedSuite:
    """A suite's description (for the log) and its cases."""

    info: SuiteInfo
    cases: list[LoadedCase]


def load_suite(path: str | Path, *, root: Path, label: str | None = None) -> LoadedSuite:
    """Load every case of one suite; unreadable cases are kept, with their error.

    Raises `GoldDataError` only when `path` is not a suite at all, or holds no case.
    """
    location = Path(path)
    kind = suite_kind(location)
    if kind != "file" and not any(
        file.suffix == (".ann" if kind == "polnear" else ".json")
        for file in _suite_files(location, kind)
    ):
        # Scored, nothing gives P/R/F1 of 100 and passes every gate.
        raise GoldDataError(
            "empty suite: no annotation files in attributions/"
            if kind == "polnear"
            else "empty suite: no case files (*.json) in this folder",
            path=str(location),
        )
    name = label or _label(location, kind)
    if kind == "polnear":
        cases = _polnear_cases(location, name, root)
    elif kind == "cases":
        cases = [_project_case(file, name, root) for file in _suite_files(location, kind)]
    else:
        cases = [_project_case(location, name, root)]
    info = SuiteInfo(
        label=name,
        path=recorded_path(location, root),
        kind=kind,
        sha256=suite_sha256(location, kind),
        n_cases=len(cases),
    )
    return LoadedSuite(info=info, cases=cases)


def load_suites(paths: Iterable[Path], *, root: Path) -> list[LoadedSuite]:
    """Load several suites, giving each a distinct label (`cases`, `cases-2`, …)."""
    suites: list[LoadedSuite] = []
    taken: set[str] = set()
    for path in paths:
        base = _label(Path(path), suite_kind(Path(path)))
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        suites.append(load_suite(path, root=root, label=name))
    return suites


def _label(path: Path, kind: SuiteKind) -> str:
    resolved = path.resolve()
    if kind == "polnear":
        return f"polnear-{resolved.name}"
    return resolved.name if kind == "cases" else resolved.stem


def _polnear_cases(path: Path, label: str, root: Path) -> list[LoadedCase]:
    cases: list[LoadedCase] = []
    try:
        for doc in load_polnear(path):
            source = recorded_path(Path(doc.source), root) if doc.source else None
            cases.append(LoadedCase(label, doc.id, source, doc, None))
    except GoldDataError as exc:
        # The reader stops at the first bad file; what it read so far is kept and the
        # failure is reported as a case of its own.
        failed = Path(exc.path).stem if exc.path else "(load)"
        cases.append(
            LoadedCase(
                label,
                failed,
                recorded_path(Path(exc.path), root) if exc.path else None,
                None,
                ErrorInfo(type=exc.type, message=exc.message),
            )
        )
    return cases


def _project_case(file: Path, label: str, root: Path) -> LoadedCase:
    """One project case file; its outside text is checked first for a precise error kind."""
    source = recorded_path(file, root)
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = f"{file}: cannot read the case: {exc}"
        return LoadedCase(
            label, file.stem, source, None, ErrorInfo(type="gold_data_error", message=message)
        )
    case_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(case_id, str) or not case_id:
        case_id = file.stem
    if isinstance(raw, dict) and isinstance(raw.get("text_path"), str):
        problem = _outside_text_problem(raw, file, case_id)
        if problem is not None:
            return LoadedCase(label, case_id, source, None, problem)
    try:
        docs = list(load_gold(file))
    except GoldDataError as exc:
        return LoadedCase(
            label, case_id, source, None, ErrorInfo(type=exc.type, message=exc.message)
        )
    return LoadedCase(label, case_id, source, docs[0], None)


def _outside_text_problem(raw: dict[str, object], file: Path, case_id: str) -> ErrorInfo | None:
    text_path = str(raw["text_path"])
    target = Path(text_path).expanduser()
    if not target.is_absolute():
        target = file.parent / target
    try:
        data = target.read_bytes()
    except OSError as exc:
        return ErrorInfo(
            type="missing_text",
            message=f"case {case_id!r} ({file.name}): its text {text_path!r} cannot be read "
            f"({exc.strerror or exc}); the annotations are kept, the text lives outside the "
            "repository",
        )
    expected = raw.get("sha256")
    actual = hashlib.sha256(data).hexdigest()
    if isinstance(expected, str) and actual != expected.lower():
        return ErrorInfo(
            type="text_hash_mismatch",
            message=f"case {case_id!r} ({file.name}): its text {text_path!r} has SHA-256 "
            f"{actual[:12]}…, not the {expected[:12]}… it was annotated on",
        )
    return None
