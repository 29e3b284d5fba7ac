"""Mention finding: every name in the article, people clustered by surname.

`NameIndex` turns the name groups of the whole article into entities once (full names
first, so that a surname met earlier still finds its full name), records each mention with
its sentence, quotation and subjecthood, votes genders from titles and pronouns, and looks
names up (surname, first name, organisation) for the later layers.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import replace

from .._models import SpeakerKind
from ._name_groups import NameGroups
from ._speaker_entities import Entity, Gender, Mention, NameGroup
from ._speaker_words import FEMALE_PRONOUNS, MALE_PRONOUNS, POSSESSIVE_PRONOUNS, fold

__all__ = ["NameIndex"]


class NameIndex(NameGroups):
    """The article's people and organisations, found once."""

    # ------------------------------------------------------------------ index

    def _index(self) -> None:
        """Find every name in the article, cluster people by surname, record the mentions."""
        groups = [self._classify(i, j, floor=0) for i, j in self._scan_groups(0, len(self._ts))]
        # Full names first, so that a surname met earlier ("Caddell" in a headline) still
        # finds "Pat Caddell".
        linked: list[tuple[NameGroup, Entity]] = []
        # Names opening with a word that may be a verb or an epithet ("Injecting Clinton")
        # wait until every full name is known: only then can "Clinton" find its person.
        openers: list[NameGroup] = []
        for g in groups:
            if g.kind == "person" and g.hi - g.name_lo >= 2:
                if self._weak_opener(g.name_lo):
                    openers.append(g)
                else:
                    linked.append((g, self._add_person(g)))
            elif g.kind == "org":
                linked.append((g, self._add_org(g)))
        for g in openers:
            # Cut to a surname, the group is linked with the other surnames below.
            if self._without_opener(g) is None or g.hi - g.name_lo >= 2:
                linked.append((g, self._add_person(g)))
        linked += self._link_surnames([g for g in groups if g.kind == "person"])
        linked.sort(key=lambda pair: pair[0].lo)
        self._record_mentions(linked)
        self._vote_pronoun_gender()
        for entity in self._all_people():
            if entity.gender is None:
                m, f = entity.votes
                entity.gender = "m" if m > f else "f" if f > m else None

    def _link_surnames(self, people: list[NameGroup]) -> list[tuple[NameGroup, Entity]]:
        """Attach one-word names ("Clinton", "Mrs. Clinton") to the people named in full."""
        in_sentence: dict[int, int] = {}
        for g in people:
            sentence = self._sentence_of(self._ts[g.lo])
            in_sentence[sentence] = in_sentence.get(sentence, 0) + 1
        linked: list[tuple[NameGroup, Entity]] = []
        for g in people:
            if g.hi - g.name_lo != 1:
                continue
            pos = self._ts[g.name_lo]
            hint = g.gender
            if hint is None and in_sentence.get(self._sentence_of(pos)) == 1:
                # "President Obama … his": the pronoun keeps a lone "Michelle Obama" from
                # claiming the bare surname.
                hint = self._pronoun_gender_after(g.hi - 1)
            entity = self._lookup_single(g.name_lo, hint, pos, allow_orgs=False)
            if (
                entity is not None
                and g.evidence
                and entity.positions[0] > pos
                and not self._same_title_later(g, people)
            ):
                # "President Obama" before any full name is not the "Michelle Obama" met
                # later; an untitled headline "Caddell" still is "Pat Caddell", and a
                # headline "Mayor Ortiz" is the "Mayor Elena Ortiz" of the body.
                entity = None
            if entity is None and (g.evidence or hint is not None):
                g.gender = hint
                entity = self._add_person(g)
            if entity is not None:
                if entity.gender is None and g.gender is not None:
                    entity.gender = g.gender
                insort(entity.positions, pos)
                if (
                    g.lo == g.name_lo  # untitled: "Mrs. Khan" says which Khan by itself
                    and entity.tokens
                    and fold(self._low[g.name_lo]) == entity.tokens[-1]
                ):
                    insort(entity.by_surname, pos)
                linked.append((g, entity))
        return linked

    def _without_opener(self, g: NameGroup) -> Entity | None:
        """The known person that name group `g` means without its first word, when that
        word reads as a verb, an adverb or an epithet ("Injecting Clinton", "Everything
        Trump", "Crooked Hillary"); `g` then starts after it. Otherwise None, and `g` is
        left as it is: only a person the article names elsewhere is read this way, so an
        unknown name keeps its first word ("Morning Consult")."""
        if g.kind != "person" or g.hi - g.name_lo < 2 or not self._weak_opener(g.name_lo):
            return None
        rest = replace(g, name_lo=g.name_lo + 1)
        entity = self._lookup_name(rest, self._ts[rest.name_lo])
        if entity is not None:
            g.name_lo += 1
        return entity

    def _same_title_later(self, g: NameGroup, people: list[NameGroup]) -> bool:
        """Whether a full name with `g`'s surname is given the same title later on."""
        if not g.role:
            return False
        surname = self._text[self._ts[g.name_lo] : self._te[g.hi - 1]]
        title = g.role.casefold()
        return any(
            p.hi - p.name_lo > 1
            and p.role is not None
            and p.role.casefold() == title
            and self._text[self._ts[p.hi - 1] : self._te[p.hi - 1]] == surname
            for p in people
        )

    def _record_mentions(self, linked: list[tuple[NameGroup, Entity]]) -> None:
        """Roles, sentence, quotation and subjecthood of every linked name, in text order."""
        # Names inside another name's title ("Clinton" in "Clinton communication director
        # Jennifer Palmieri") are modifiers, never the subject of their sentence.
        in_titles = {t for g, _ in linked for t in range(g.role_lo, g.lo)}
        last_sentence = -1
        for g, entity in linked:
            pos = self._ts[g.name_lo] if g.name_lo < g.hi else self._ts[g.lo]
            if g.kind == "person":
                title = self._affiliated_role(g, len(self._ts)) or g.role
                if title:
                    entity.add_role(self._role_rank(title), pos, title)
                appositive = self._appositive_role(g.hi - 1)
                if appositive:
                    entity.add_role(self._appositive_rank(appositive), pos, appositive)
                for role in filter(None, (title, appositive)):
                    self._vote_role_gender(entity, role)
            sentence = self._sentence_of(pos)
            quote = self._quote_of(pos)
            poss = self._poss[g.hi - 1] or g.lo in in_titles or self._modifies_noun(g.hi - 1)
            subject = sentence != last_sentence and quote < 0 and not poss
            if subject:
                last_sentence = sentence
            end = self._te[g.hi - 1]
            self._mentions.append(Mention(pos, end, entity, sentence, quote, subject, poss))

    def _modifies_noun(self, k: int) -> bool:
        """True when the name ending at token `k` qualifies a noun ("Trump supporters")."""
        nxt = k + 1
        if nxt >= len(self._ts) or self._cap[nxt] or not self._joins(k, nxt):
            return False
        word = self._low[nxt]
        lex = self._lex
        return (
            word in lex.titles
            or word in lex.group_nouns
            or word in lex.org_nouns
            or word in lex.role_modifiers
        )

    def _all_people(self) -> list[Entity]:
        seen: dict[int, Entity] = {}
        for bucket in self._by_surname.values():
            for e in bucket:
                seen[id(e)] = e
        return list(seen.values())

    def _pronoun_gender_after(self, k: int) -> Gender | None:
        """The gender of third-person pronouns after token `k` in its sentence, if one."""
        sentence = self._sentence_of(self._ts[k])
        end = (
            self._sent_starts[sentence + 1]
            if sentence + 1 < len(self._sent_starts)
            else len(self._text)
        )
        words = set(self._low[k + 1 : self._tok_range(self._ts[k], end)[1]])
        male, female = bool(words & MALE_PRONOUNS), bool(words & FEMALE_PRONOUNS)
        if male == female:
            return None
        return "m" if male else "f"

    def _vote_role_gender(self, entity: Entity, role: str) -> None:
        for word in role.lower().split():
            if word in self._lex.female_nouns:
                entity.votes[1] += 2
            elif word in self._lex.male_nouns:
                entity.votes[0] += 2

    def _vote_pronoun_gender(self) -> None:
        """Gender from pronouns in a sentence that mentions exactly one ungendered person."""
        by_sentence: dict[int, list[Mention]] = {}
        for m in self._mentions:
            if m.quote < 0 and m.entity.kind == "person":
                by_sentence.setdefault(m.sentence, []).append(m)
        n = len(self._sent_starts)
        for sentence, found in by_sentence.items():
            people = {id(m.entity): m.entity for m in found}
            if len(people) != 1:
                continue
            (entity,) = people.values()
            if entity.gender is not None:
                continue
            start = found[0].start
            end = self._sent_starts[sentence + 1] if sentence + 1 < n else len(self._text)
            lo, hi = self._tok_range(start, end)
            words = set(self._low[lo:hi])
            male, female = bool(words & MALE_PRONOUNS), bool(words & FEMALE_PRONOUNS)
            if male != female:
                entity.votes[0 if male else 1] += 1

    def _name_tokens(self, lo: int, hi: int) -> tuple[str, ...]:
        return tuple(fold(w) for w in self._low[lo:hi])

    def _surname_keys(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        core = [t for t in tokens if t not in self._lex.suffixes] or list(tokens)
        keys = [core[-1]]
        if 2 <= len(core) <= 3 and core[0] in self._lex.family_first:
            keys.append(core[0])
        return tuple(keys)

    def _same_person(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        suffix = self._lex.suffixes
        if {t for t in a if t in suffix} != {t for t in b if t in suffix}:
            return False
        a = tuple(t for t in a if t not in suffix)
        b = tuple(t for t in b if t not in suffix)
        if not a or not b or a[-1] != b[-1]:
            return False
        if a[0] == b[0] or a == b[-len(a) :] or b == a[-len(b) :]:
            return True
        return (len(a[0]) == 1 or len(b[0]) == 1) and a[0][0] == b[0][0]

    def _add_person(self, g: NameGroup) -> Entity:
        tokens = self._name_tokens(g.name_lo, g.hi)
        name = self._slice(g.name_lo, g.hi)
        keys = self._surname_keys(tokens)
        for entity in self._by_surname.get(keys[0], []):
            if len(tokens) == 1 and (
                len(entity.tokens) > 1 or entity.gender not in (None, g.gender)
            ):
                # Surname lookups already failed for this one ("President Obama" before
                # "Michelle Obama"): it is someone else.
                continue
            if self._same_person(tokens, entity.tokens):
                if len(tokens) > len(entity.tokens):
                    entity.name, entity.tokens = name, tokens
                    self._index_first(entity)
                if len(tokens) >= 2:
                    entity.full_count += 1
                entity.evidence = entity.evidence or g.evidence
                if entity.gender is None:
                    entity.gender = g.gender
                insort(entity.positions, self._ts[g.name_lo])
                return entity
        entity = Entity(
            name=name,
            kind="person",
            tokens=tokens,
            gender=g.gender,
            evidence=g.evidence,
            full_count=1 if len(tokens) >= 2 else 0,
            positions=[self._ts[g.name_lo]],
        )
        for key in keys:
            self._by_surname.setdefault(key, []).append(entity)
        self._index_first(entity)
        return entity

    def _index_first(self, entity: Entity) -> None:
        if len(entity.tokens) >= 2 and len(entity.tokens[0]) > 1:
            entity.first = entity.tokens[0]
            bucket = self._by_first.setdefault(entity.first, [])
            if entity not in bucket:
                bucket.append(entity)

    def _org_name(self, g: NameGroup) -> str:
        lo = g.lo
        while lo < g.hi - 1 and self._low[lo] in ("the",):
            lo += 1
        return self._slice(lo, g.hi)

    def _add_org(self, g: NameGroup) -> Entity:
        name = self._org_name(g)
        key = name.lower()
        entity = self._orgs.get(key)
        pos = self._ts[g.lo]
        if entity is None:
            entity = Entity(name=name, kind="organization", tokens=tuple(key.split()))
            self._orgs[key] = entity
            self._org_list.append(entity)
            words = [w for w in name.split() if w[:1].isupper()]
            if len(words) >= 2:
                self._orgs.setdefault("#" + "".join(w[0] for w in words).lower(), entity)
        insort(entity.positions, pos)
        return entity

    # ------------------------------------------------------------------ lookups

    def _pick(self, candidates: list[Entity], gender: Gender | None, pos: int) -> Entity | None:
        """Choose among people sharing a name: gender, then recency, then salience."""
        if gender is not None:
            candidates = [e for e in candidates if e.gender in (None, gender)]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        sentence = self._sentence_of(pos)
        recent = [
            e
            for e in candidates
            if (last := e.last_before(pos)) >= 0 and self._sentence_of(last) >= sentence - 1
        ]
        if len(recent) == 1:
            chosen = recent[0]
            if (
                gender is None
                and len(chosen.tokens) >= 2
                and not self._called_by_surname(chosen, pos)
                and not self._subject_like(chosen.last_before(pos))
            ):
                # A bare surname names the one the article already calls by it, unless the
                # other was just the subject: "Cruz said" after "a photo of Heidi Cruz" is
                # still Ted Cruz, "Cruz" all along; after "Heidi Cruz spoke" it is Heidi.
                bare = [
                    e for e in candidates if len(e.tokens) >= 2 and self._called_by_surname(e, pos)
                ]
                if len(bare) == 1:
                    return bare[0]
            return chosen
        pool = recent or candidates
        return max(pool, key=lambda e: (len(e.positions), e.full_count, e.last_before(pos)))

    def _called_by_surname(self, entity: Entity, pos: int) -> bool:
        """Whether the article calls `entity` by the untitled surname alone before `pos`."""
        return bool(entity.by_surname) and entity.by_surname[0] < pos

    def _subject_like(self, pos: int) -> bool:
        """Whether the name at `pos` may be its clause's subject: not right after a
        lower-case word ("a photo of Heidi Cruz", "met with Bill Clinton") nor in apposition
        to a relation ("his wife, Gabriela Lazar,")."""
        k = bisect_left(self._ts, pos)
        prev = k - 1
        if prev < 0 or self._sentence_of(self._ts[prev]) != self._sentence_of(pos):
            return True
        gap = self._text[self._re[prev] : pos].strip()
        if self._cap[prev]:
            return True
        if not gap:
            return False
        return not (gap == "," and prev >= 1 and self._low[prev - 1] in POSSESSIVE_PRONOUNS)

    def _lookup_single(
        self, k: int, gender: Gender | None, pos: int, *, allow_orgs: bool = True
    ) -> Entity | None:
        """The entity a one-word name refers to: surname, first name, organisation."""
        word = fold(self._low[k])
        people = self._by_surname.get(word)
        if people:
            found = self._pick(people, gender, pos)
            if found is not None:
                return found
        by_first = self._by_first.get(word)
        if by_first and (self._is_first_name(k) or word not in self._by_surname):
            found = self._pick(by_first, gender, pos)
            if found is not None:
                return found
        if not allow_orgs:
            return None
        return self._lookup_org(k, pos)

    def _lookup_org(self, k: int, pos: int) -> Entity | None:
        word = self._low[k]
        entity = self._orgs.get(word) or self._orgs.get("#" + word)
        if entity is not None:
            return entity
        if word in self._lex.org_keywords:
            ending = [e for e in self._org_list if e.tokens and e.tokens[-1] == word]
            if ending:
                return max(ending, key=lambda e: e.last_before(pos))
        return None

    def _lookup_name(self, g: NameGroup, pos: int) -> Entity | None:
        """The person a (possibly multi-word) name part refers to."""
        if g.hi - g.name_lo == 1:
            return self._lookup_single(g.name_lo, g.gender, pos, allow_orgs=False)
        tokens = self._name_tokens(g.name_lo, g.hi)
        for key in self._surname_keys(tokens):
            same = [e for e in self._by_surname.get(key, []) if self._same_person(tokens, e.tokens)]
            if same:
                return self._pick(same, g.gender, pos) or same[0]
        return None

    def _description(self, name: str, kind: SpeakerKind) -> Entity:
        key = name.lower()
        entity = self._descriptions.get(key)
        if entity is None:
            entity = Entity(name=name, kind=kind)
            self._descriptions[key] = entity
        return entity
