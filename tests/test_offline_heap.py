"""The offline engine freezes the collector's view of the process once, after its first
analysis (`summarizer._offline._heap`)."""

from __future__ import annotations

import gc

from summarizer import Summarizer
from summarizer._offline import _heap


def test_the_first_analysis_freezes_the_live_objects_once() -> None:
    with Summarizer(engine="offline") as s:
        s.analyze("“We will build it,” the mayor said on Monday.")
        frozen = gc.get_freeze_count()
        assert _heap._frozen and frozen > 0
        kept: list[object] = []  # a new tracked object: not frozen by the next analysis
        kept.append(kept)
        s.analyze("“We will build it,” the mayor said on Monday.")
        assert gc.get_freeze_count() == frozen
        assert gc.is_tracked(kept)
