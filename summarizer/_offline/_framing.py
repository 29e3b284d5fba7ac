"""Framings that are not quotes: views the article states without saying who holds them.

"This achievement is considered a threat", "OpenAI's attitude seems to have changed", "it
is expected to invest", "It is worth mentioning that …", "it triggered concerns about …",
"Regarding concerns about …": the cue patterns read each as an attribution, but no one is
reported as saying or believing anything, so a reader sees an unattributed statement of
the journalist's dressed as a quote. They are left out unless the article names who holds
the view ("is expected by analysts to …", "concerns among investors" keep a source and
stay).

PolNeAR's annotators do annotate many of them, with no source (the cost, measured on dev
and written in evals/README.md, "Offline quote extraction: error analysis"); the issue
asks for what a reader would sign off on.
"""

from __future__ import annotations

import re
from typing import Protocol

__all__ = ["Framed", "is_framing"]


class Framed(Protocol):
    """What the check reads: an attribution's cue and source (offsets into the text)."""

    cue: tuple[int, int] | None
    source: tuple[int, int] | None


# Passive and raising verbs of opinion and expectation: with no agent, nobody holds the view.
_IMPERSONAL = frozenset(
    """seem seems seemed appear appears appeared considered expected believed thought seen
    regarded viewed deemed rumored rumoured""".split()
)
# Nouns of a state of mind that a thing, not a person, brings about ("triggered concerns").
_CONCERN = frozenset("concern concerns fear fears worry worries panic doubts anxiety".split())
_CAUSATIVE = frozenset(
    "triggered trigger triggers sparked spark sparks prompted caused fueled fuelled stoked".split()
)
# Auxiliaries and adverbs a bare framing cue may carry ("may once have seemed").
_AUXILIARY = frozenset(
    """is are was were be been being has have had may might could would will can should must
    once also still now widely generally""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
# A noun of concern as the topic of a phrase ("Regarding concerns about …", "amid fears"),
# not a verb with a subject ("residents worry that …").
_TOPIC = re.compile(
    r"\b(?:regarding|about|amid|over|despite|with|on|of|to)\s+(?:the\s+|these\s+|such\s+)?\Z",
    re.IGNORECASE,
)
# "It is worth mentioning / noting / pointing out that …": the journalist's aside.
_WORTH = re.compile(r"\bworth\s*\Z", re.IGNORECASE)


def is_framing(text: str, attr: Framed) -> bool:
    """Whether `attr` is a framing with no holder of the view (see the module docstring)."""
    if attr.cue is None:
        return False
    start, end = attr.cue
    words = [w.lower() for w in _WORD.findall(text, start, end)]
    if _WORTH.search(text, max(0, start - 12), start):
        return True
    if _CAUSATIVE.intersection(words) and _CONCERN.intersection(words):
        return True  # "it triggered concerns about …": the concerns have no holder named
    if attr.source is not None:
        return False
    if _IMPERSONAL.intersection(words) and _AUXILIARY.union(_IMPERSONAL).issuperset(words):
        return True  # a bare "is expected" or "seems"; "appeared to suggest" reports an act
    return bool(words and words[0] in _CONCERN and _TOPIC.search(text, max(0, start - 20), start))
