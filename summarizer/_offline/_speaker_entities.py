"""The records the speaker resolver builds: entities (the sources of one article), their
mentions, capitalised name groups, and the result of resolving one mention."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal

from .._models import SpeakerKind

__all__ = ["Entity", "Gender", "Mention", "NameGroup", "Resolution"]

Gender = Literal["m", "f"]
"""A person's grammatical gender as the article shows it."""


@dataclass(eq=False, slots=True)
class Entity:
    """One source: a person, an organisation, or a description used as a speaker."""

    name: str
    kind: SpeakerKind
    tokens: tuple[str, ...] = ()
    first: str | None = None
    gender: Gender | None = None
    evidence: bool = False
    full_count: int = 0
    positions: list[int] = field(default_factory=list)
    # Where the article calls this person by the surname alone ("Cruz said"), in order.
    by_surname: list[int] = field(default_factory=list)
    votes: list[int] = field(default_factory=lambda: [0, 0])
    # What the roles the article gives come to, kept as they are added (reading them then
    # costs the same however many there are): the best role's sort key and text, and the
    # words of all roles (lowercased, stripped).
    best_role: tuple[tuple[int, int, int], str] | None = None
    role_words: set[str] = field(default_factory=set)

    def add_role(self, rank: int, pos: int, text: str) -> None:
        """Record a role the article gives at `pos`; `rank` 0 (appositive) ranks first,
        before titles written before the name."""
        key = (rank, -len(text.split()), pos)  # the best: lowest rank, most words, earliest
        if self.best_role is None or key < self.best_role[0]:
            self.best_role = (key, text)
        self.role_words.update(w.strip(".,'’").lower() for w in text.split())

    def role(self) -> str | None:
        """The best role the article gives, if any."""
        return None if self.best_role is None else self.best_role[1]

    def last_before(self, pos: int) -> int:
        """Offset of the last mention before `pos`, or -1."""
        i = bisect_left(self.positions, pos)
        return self.positions[i - 1] if i else -1


@dataclass(slots=True)
class Mention:
    """A name found in the article, linked to its entity."""

    start: int
    end: int
    entity: Entity
    sentence: int
    quote: int
    subject: bool
    poss: bool


@dataclass(slots=True)
class NameGroup:
    """A run of capitalised tokens split into role prefix and name part."""

    role_lo: int  # where a title written before the name starts (== lo without one)
    lo: int
    hi: int
    name_lo: int
    kind: Literal["person", "org", "group", "none"]
    gender: Gender | None
    role: str | None
    evidence: bool


@dataclass(slots=True)
class Resolution:
    entity: Entity | None
    name: str | None
    kind: SpeakerKind
    role: str | None = None
