"""The collector's view of the process is frozen once, after the first analysis, in the
batch job's own processes only, never by the library (`summarizer._offline._heap`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from summarizer import Config, Summarizer
from summarizer._batch._items import BatchItem
from summarizer._batch._pool import set_up_worker, work_chunk
from summarizer._offline import _heap

ARTICLE = "“We will build it,” the mayor said on Monday."


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    _heap._frozen = False
    yield
    gc.unfreeze()
    _heap._frozen = False


@pytest.mark.usefixtures("unfrozen")
def test_the_library_never_freezes_the_callers_process() -> None:
    with Summarizer(engine="offline") as s:
        s.analyze(ARTICLE)
        s.analyze(ARTICLE)
    assert gc.get_freeze_count() == 0 and not _heap._frozen


@pytest.mark.usefixtures("unfrozen")
def test_a_batch_worker_freezes_once_after_its_first_chunk() -> None:
    set_up_worker(Config(engine="offline"), None)
    (record,) = work_chunk([BatchItem(id="a", line=1, text=ARTICLE)])
    assert "analysis" in record
    frozen = gc.get_freeze_count()
    assert _heap._frozen and frozen > 0
    kept: list[object] = []  # a new tracked object: not frozen by the next chunk
    kept.append(kept)
    work_chunk([BatchItem(id="b", line=2, text=ARTICLE)])
    assert gc.get_freeze_count() == frozen
    assert gc.is_tracked(kept)
