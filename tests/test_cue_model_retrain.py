"""The shipped cue model is what `tools/build_cue_lexicon.py` learns from PolNeAR train.

Issue #13 item 6: a learned component is trained by a script from train only, shipped as a
small deterministic file and reproduced by retraining. This test retrains it (about a
minute of CPU) and compares the result with `summarizer/data/cues.json` byte for byte, so a
hand edit of the file, or a change to the features that is not followed by retraining,
fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import POLNEAR, REPO, load_tool

TRAIN = POLNEAR / "train"


@pytest.mark.polnear
@pytest.mark.skipif(not TRAIN.is_dir(), reason="../shared/data/polnear/train is not present")
def test_retraining_the_cue_model_reproduces_the_shipped_file(tmp_path: Path) -> None:
    out = tmp_path / "cues.json"
    assert load_tool("build_cue_lexicon").main(["--polnear", str(POLNEAR), "--out", str(out)]) == 0
    shipped = REPO / "summarizer" / "data" / "cues.json"
    if out.read_bytes() == shipped.read_bytes():
        return  # the case on the machine that built it
    # Another CPU may sum floats in another order: then the counts and statistics are still
    # equal, and each weight (rounded to 3 decimals) within a rounding step; a feature kept
    # on one side only is one whose weight sits at the keep bound.
    new, old = (json.loads(p.read_text(encoding="utf-8")) for p in (out, shipped))
    assert {k: v for k, v in new.items() if k != "weights"} == {
        k: v for k, v in old.items() if k != "weights"
    }
    shared = new["weights"].keys() & old["weights"].keys()
    assert len(shared) >= 0.999 * len(old["weights"])
    assert all(abs(new["weights"][f] - old["weights"][f]) <= 0.002 for f in shared)
