"""Coreference: pronouns and relative pronouns resolved to the article's sources.

he/she score earlier people of compatible gender (recency, subjecthood, previous
speakers); "they" takes coordinated names, organisations, plural nouns or a singular they;
"it" an organisation; "I"/"we" inside a quotation the speaker it is attributed to;
"who"/"which"/"that" the phrase they attach to.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ._name_index import NameIndex
from ._speaker_entities import Entity, Gender, NameGroup, Resolution
from ._speaker_words import (
    DETERMINERS,
    FEMALE_PRONOUNS,
    FIRST_PRONOUNS,
    IT_PRONOUNS,
    MALE_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVES,
    SECOND_PRONOUNS,
)

__all__ = ["Coreference"]

# Reporting verbs close enough after a quotation to name its speaker.
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|explained|"
    r"continued|stated|argued|argues|noted|notes|insisted|replied|declared|claimed|claims|"
    r"warned|recalled|according)\b"
)
# Separators of names in a list ("Microsoft and Meta", "A, B, and C").
_AND = re.compile(r"\.?\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)")
# Antecedent scores for he/she: by distance in sentences (0 = the same sentence), then
# bonuses and penalties. Checked on PolNeAR train and dev by asking, at each named
# source, which antecedent a pronoun standing there would get.
_RECENCY = (3.0, 2.0, 1.0, 0.5)
_WINDOW = len(_RECENCY) - 1
_SUBJECT = 1.0  # first name in its sentence, outside quotation marks
_QUOTED = 1.5  # named only inside another quotation
_POSSESSOR = 0.5  # "Trump's campaign", "Trump supporters": a modifier, seldom the subject
_UNGENDERED = 0.6  # gender unknown: compatible, but less sure
_UNSURE = 0.5  # no first name, title or honorific says it is a person
_LAST_SPEAKER = 1.5  # the previous quote's speaker
_RECENT_SPEAKER = 1.0  # one of the two speakers before it


class Coreference(NameIndex):
    """Pronoun resolution over the name index."""

    def _analyse(self, s: int, e: int) -> Resolution:
        """Resolve the mention at `[s, e)`; the description layer above provides it."""
        raise NotImplementedError

    def _resolve_name(self, g: NameGroup, pos: int, appositive: str | None) -> Resolution:
        """Resolve a name group; the description layer above provides it."""
        raise NotImplementedError

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, word: str, pos: int) -> Resolution | None:
        if word in MALE_PRONOUNS:
            return self._person_pronoun("m", pos)
        if word in FEMALE_PRONOUNS:
            return self._person_pronoun("f", pos)
        if word in PLURAL_PRONOUNS:
            return self._they(pos)
        if word in IT_PRONOUNS:
            org = self._recent_org(pos)
            if org is not None:
                return Resolution(org, org.name, org.kind)
            return Resolution(None, None, "unknown")
        if word in FIRST_PRONOUNS:
            return self._first_person(pos)
        if word in SECOND_PRONOUNS:
            return Resolution(None, None, "unknown")
        if word in RELATIVES:
            return self._relative(pos)
        return None

    def _window_start(self, pos: int) -> int:
        sentence = max(self._sentence_of(pos) - _WINDOW, 0)
        return bisect_left(self._mention_starts, self._sent_starts[sentence])

    def _history_last(self, pos: int, n: int) -> list[tuple[int, Entity]]:
        """The last `n` resolved speakers (in resolution order) among those before `pos`."""
        if self._history_sorted:  # those before `pos` are a prefix: no need to scan them all
            i = bisect_left(self._history_at, pos)
            return self._history[max(0, i - n) : i]
        return [h for h in self._history if h[0] < pos][-n:]

    def _person_pronoun(self, gender: Gender, pos: int) -> Resolution:
        sentence = self._sentence_of(pos)
        quote = self._quote_of(pos)
        scores: dict[int, tuple[float, int, Entity]] = {}

        def add(entity: Entity, score: float, at: int) -> None:
            old = scores.get(id(entity))
            if old is None or (score, at) > old[:2]:
                scores[id(entity)] = (score, at, entity)

        def compatible(entity: Entity) -> bool:
            return entity.kind == "person" and entity.gender in (None, gender)

        hi = bisect_left(self._mention_starts, pos)
        for m in self._mentions[self._window_start(pos) : hi]:
            entity = m.entity
            if not compatible(entity):
                continue
            score = _RECENCY[min(sentence - m.sentence, _WINDOW)]
            score += _SUBJECT if m.subject else 0.0
            score -= _QUOTED if m.quote >= 0 and m.quote != quote else 0.0
            score -= _POSSESSOR if m.poss else 0.0
            score -= _UNGENDERED if entity.gender is None else 0.0
            score -= _UNSURE if not entity.evidence else 0.0
            add(entity, score, m.start)
        for rank, (at, entity) in enumerate(reversed(self._history_last(pos, 3))):
            if not compatible(entity):
                continue
            distance = sentence - self._sentence_of(at)
            base = _RECENCY[distance] if distance <= _WINDOW else 0.0
            old = scores.get(id(entity))
            score = old[0] if old else base - (_UNGENDERED if entity.gender is None else 0.0)
            add_bonus = _LAST_SPEAKER if rank == 0 else _RECENT_SPEAKER
            scores[id(entity)] = (score + add_bonus, max(at, old[1] if old else at), entity)
        if scores:
            entity = max(scores.values(), key=lambda t: (t[0], t[1]))[2]
        else:
            found = self._recent_person(pos, gender) or self._recent_person(pos, None)
            if found is None:
                return Resolution(None, None, "unknown")
            entity = found
        if entity.gender is None:
            entity.gender = gender
        return Resolution(entity, entity.name, entity.kind, entity.role())

    def _recent_person(self, pos: int, gender: Gender | None) -> Entity | None:
        """The most recent person before `pos` anywhere in the article: the latest of the
        names found and the speakers resolved (a resolved one on a tie)."""

        def person(entity: Entity) -> bool:
            return entity.kind == "person" and (gender is None or entity.gender in (None, gender))

        named: tuple[int, Entity] | None = None
        for k in range(bisect_left(self._mention_starts, pos) - 1, -1, -1):
            if person(self._mentions[k].entity):
                named = (self._mentions[k].start, self._mentions[k].entity)
                break
        resolved: tuple[int, Entity] | None = None
        if self._history_sorted:
            for k in range(bisect_left(self._history_at, pos) - 1, -1, -1):
                if person(self._history[k][1]):
                    resolved = self._history[k]
                    break
        else:  # the latest position; of equal ones, the last resolved
            for at, entity in self._history:
                if at < pos and person(entity) and (resolved is None or at >= resolved[0]):
                    resolved = (at, entity)
        if resolved is not None and (named is None or resolved[0] >= named[0]):
            return resolved[1]
        return named[1] if named is not None else None

    def _recent_org(self, pos: int, groups: bool = False) -> Entity | None:
        """The most recent organisation (or group) within the window before `pos`."""
        kinds = ("organization", "group") if groups else ("organization",)
        best: tuple[int, Entity] | None = None
        for at, entity in self._history_last(pos, 3):
            if entity.kind in kinds and self._sentence_of(pos) - self._sentence_of(at) <= 6:
                best = (at, entity)
        if best is not None:
            return best[1]
        hi = bisect_left(self._mention_starts, pos)
        for m in reversed(self._mentions[self._window_start(pos) : hi]):
            if m.entity.kind in kinds:
                return m.entity
        return None

    def _they(self, pos: int) -> Resolution:
        # The sentence itself first ("When Microsoft and Meta met, they …"), then earlier
        # speakers and organisations, then plural nouns of the previous sentence.
        sentence = self._sentence_of(pos)
        chain = self._coordination(sentence, pos)
        if chain is not None:
            return Resolution(chain, chain.name, "group")
        near = self._recent_plural(pos, sentence)
        lo = bisect_left(self._mention_starts, self._sent_starts[sentence])
        hi = bisect_left(self._mention_starts, pos)
        orgs = [m for m in self._mentions[lo:hi] if m.entity.kind == "organization"]
        if orgs and (near is None or orgs[-1].start > near[0]):
            return Resolution(orgs[-1].entity, orgs[-1].entity.name, "organization")
        if near is not None:
            return Resolution(near[1], near[1].name, "group")
        org = self._recent_org(pos, groups=True)
        if org is not None:
            return Resolution(org, org.name, org.kind)
        earlier = self._recent_plural(pos, max(sentence - 1, 0))
        if earlier is not None:
            return Resolution(earlier[1], earlier[1].name, "group")
        history = self._history_last(pos, 1)
        if history and history[-1][1].gender is None and history[-1][1].kind == "person":
            entity = history[-1][1]
            return Resolution(entity, entity.name, entity.kind, entity.role())
        return Resolution(None, None, "group")

    def _coordination(self, sentence: int, pos: int) -> Entity | None:
        """Names joined by "and" before `pos` in the sentence: "Microsoft and Meta"."""
        lo = bisect_left(self._mention_starts, self._sent_starts[sentence])
        hi = bisect_left(self._mention_starts, pos)
        found = self._mentions[lo:hi]
        best: tuple[int, int] | None = None
        first, anded = 0, False
        for n in range(1, len(found) + 1):
            gap = self._text[found[n - 1].end : found[n].start] if n < len(found) else ""
            if n < len(found) and _AND.fullmatch(gap):
                # A comma alone joins a list only when an "and" closes it.
                anded = anded or "and" in gap or "&" in gap
                continue
            if n - first >= 2 and anded:
                best = (first, n - 1)
            first, anded = n, False
        if best is None:
            return None
        name = " ".join(self._text[found[best[0]].start : found[best[1]].end].split())
        return self._description(name, "group")

    def _recent_plural(self, pos: int, sentence: int) -> tuple[int, Entity] | None:
        """The last plural noun phrase from `sentence` up to `pos` ("White House officials")."""
        lo, hi = self._tok_range(self._sent_starts[sentence], pos)
        lex = self._lex
        for k in range(hi - 1, lo - 1, -1):
            word = self._low[k]
            if word in lex.group_nouns and word not in lex.stop_words and word not in DETERMINERS:
                if self._quote_of(self._ts[k]) >= 0:
                    continue
                start = k
                while (
                    start - 1 >= lo
                    and self._joins(start - 1, start)
                    and self._cap[start - 1]
                    and self._low[start - 1] not in lex.stop_words
                ):
                    start -= 1
                name = " ".join(self._text[self._ts[start] : self._te[k]].split())
                return self._ts[start], self._description(name, "group")
        return None

    def _first_person(self, pos: int) -> Resolution:
        """ "I"/"we" inside a quotation: the speaker the quotation is attributed to."""
        quote = self._quote_of(pos)
        if quote >= 0:
            q_start, q_end = self._quotes[quote]
            after = self._text[q_end : q_end + 80].split("\n", 1)[0]
            if _REPORTING.search(after):
                found = self._speaker_near(q_end, q_end + len(after))
                if found is not None:
                    return found
            line = self._text.rfind("\n", 0, q_start) + 1
            lo = max(self._sent_starts[self._sentence_of(q_start)], line)
            if lo < q_start and _REPORTING.search(self._text[lo:q_start]):
                found = self._speaker_near(lo, q_start, last=True)
                if found is not None:
                    return found
            history = self._history_last(pos, 1)
            if history:
                entity = history[-1][1]
                return Resolution(entity, entity.name, entity.kind, entity.role())
        # Outside quotation marks "I" is the writer, whom the article does not name.
        return Resolution(None, None, "unknown")

    def _speaker_near(self, start: int, end: int, last: bool = False) -> Resolution | None:
        """The first (or last) name or third-person pronoun in `[start, end)`."""
        lo, hi = self._tok_range(start, end)
        order = range(hi - 1, lo - 1, -1) if last else range(lo, hi)
        for k in order:
            word = self._low[k]
            if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
                return self._person_pronoun("m" if word in MALE_PRONOUNS else "f", self._ts[k])
            if self._starts_group(k):
                groups = self._scan_groups(k, hi)
                if groups:
                    g = self._classify(*groups[0], floor=k)
                    if g.kind in ("person", "org"):
                        return self._resolve_name(g, self._ts[k], None)
        return None

    def _relative(self, pos: int) -> Resolution:
        """ "who"/"which"/"that": the phrase the clause attaches to."""
        k = bisect_left(self._ts, pos) - 1
        floor = self._sent_starts[self._sentence_of(pos)]
        if k < 0 or self._ts[k] < floor:
            return Resolution(None, None, "unknown")
        # Walk back to the start of the noun phrase: the previous comma or clause break.
        start = k
        while start - 1 >= 0 and self._ts[start - 1] >= floor:
            gap = self._text[self._re[start - 1] : self._ts[start]]
            if any(c in gap for c in ',;:()“”"') or self._low[start - 1] in (
                "said",
                "says",
                "told",
                "and",
                "or",
                "but",
                "by",
                "to",
                "of",
                "with",
                "for",
                "from",
                "than",
                "that",
                "as",
                "is",
                "was",
                "are",
                "were",
                "on",
                "in",
                "at",
            ):
                break
            start -= 1
        word = self._low[k]
        if start == k and word in self._lex.stop_words and word not in DETERMINERS:
            return Resolution(None, None, "unknown")
        result = self._analyse(self._ts[start], self._te[k])
        return result
