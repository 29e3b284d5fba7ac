"""The cyclic garbage collector and the offline engine's long-lived objects.

Every full collection of CPython's cyclic garbage collector walks every tracked object of
the process: after the first analysis that is some 49,000 of them (the interpreter's and
the libraries' functions, types and modules, the engine's lexicons, cue model and compiled
patterns), and a full collection took 10-25 ms on the 2-core machine, longer than an
analysis. An analysis's short-lived objects trigger one every 20 or so analyses.

The library never freezes from `Summarizer.analyze`: freezing is a decision about the whole
process, which belongs to whoever owns it. The batch job's processes, which are ours (the
single-process job and the pool's and Ray's workers), call it after their first analysis;
a program of yours may call it too.

`freeze_after_first_analysis` moves, once per process, every object alive after the
first analysis into the collector's permanent generation (`gc.freeze`), which no later
collection walks; objects created later are collected as before, and reference counting
frees frozen objects as usual. The one cost: an object that was alive at that moment and
later becomes part of an unreachable reference cycle is never reclaimed. It runs after a
full collection, so no garbage of the first analysis is frozen; what is left alive then is
the engine's tables and whatever the batch worker holds, which lives as long as the
process.

Measured on PolNeAR dev (`benchmarks/offline_ab.py`): see benchmarks/README.md.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["freeze_after_first_analysis"]

_lock = threading.Lock()
_frozen = False


def freeze_after_first_analysis() -> None:
    """Collect, then freeze the collector's view of every live object; once per process."""
    global _frozen
    if _frozen:
        return
    with _lock:
        if _frozen:
            return
        gc.collect()
        gc.freeze()
        _frozen = True
