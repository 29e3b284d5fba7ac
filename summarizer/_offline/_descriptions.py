"""Mentions read as noun phrases: names, descriptions, possessives and documents.

`Descriptions` is the top layer of the speaker resolver: it trims a mention, reads its head
phrase (a name with modifiers before it, an appositive after a comma, a relative clause),
and resolves it to a person or organisation of the index, a description ("an OpenAI
spokesperson", "his campaign" with its owner resolved), or a pronoun.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from .._models import SpeakerKind
from ._coreference import Coreference
from ._speaker_entities import Entity, NameGroup, Resolution
from ._speaker_words import (
    ABBREV_EXTRA,
    BARE,
    COMPANY,
    DETERMINERS,
    FEMALE_PRONOUNS,
    IT_PRONOUNS,
    LEADING_PREPOSITIONS,
    MALE_PRONOUNS,
    NUMBERS,
    PARTIES,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    PRONOUN_TAIL,
    ROLE_SYNONYMS,
    SINGULAR_PERSON,
    expand_role,
    fold,
)

__all__ = ["Descriptions"]


class Descriptions(Coreference):
    """Resolution of one source mention read as a noun phrase."""

    # ------------------------------------------------------------------ resolution

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop surrounding blanks and trailing punctuation that is not an abbreviation's."""
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while start < end:
            ch = text[end - 1]
            if ch.isspace() or ch in ",;:—–-(\"“”'‘’":
                end -= 1
                continue
            if ch == ".":
                i = bisect_right(self._te, end - 1) - 1
                word = self._low[i] if i >= 0 and self._te[i] == end - 1 else ""
                raw = self._text[self._ts[i] : self._te[i]] if word else ""
                if (
                    "." in raw  # "U.S."
                    or len(word) == 1
                    or word in self._lex.abbreviations
                    or word in ABBREV_EXTRA
                    or word in self._lex.honorifics
                    or word in ("inc", "corp", "co", "ltd")
                ):
                    break
                end -= 1
                continue
            break
        return start, end

    def _analyse(self, s: int, e: int) -> Resolution:
        lex = self._lex
        lo, hi = self._tok_range(s, e)
        if lo >= hi:
            return self._part_of_word(s, e)
        while hi - lo > 2 and self._low[lo] == "at" and self._low[lo + 1] in ("least", "most"):
            lo += 2  # "at least one commentator"
        first = self._low[lo]
        if "'" in first and first.split("'")[0] in PLURAL_PRONOUNS | MALE_PRONOUNS:
            first = first.split("'")[0]  # "They're", "he'd"
        elif "'" in first and first.split("'")[0] in FEMALE_PRONOUNS | IT_PRONOUNS:
            first = first.split("'")[0]
        raw = self._text[self._ts[lo] : self._te[lo]]
        plain = raw == "I" or not (raw.isupper() or "." in raw)  # "US", "U.S." are no pronouns
        if plain and not self._poss[lo] and all(w in PRONOUN_TAIL for w in self._low[lo + 1 : hi]):
            pronoun = self._pronoun(first, s)  # "he", "they both"
            if pronoun is not None:
                return pronoun
        if first in LEADING_PREPOSITIONS:
            return Resolution(None, None, "unknown")  # a phrase, not a source: "in an interview"
        if "," in self._text[s:e]:
            listed = self._listed(lo, hi, s)
            if listed is not None:
                return listed
        # The head phrase ends at an appositive comma, a relative clause or a bracket.
        head_hi = hi
        appositive = None
        comma = False
        for k in range(lo, hi):
            if k > lo and self._low[k] in ("who", "whom", "whose", "which", "that", "including"):
                head_hi = k
                break
            gap = self._text[self._re[k] : self._ts[k + 1]] if k + 1 < hi else ""
            if "," in gap or "(" in gap or "—" in gap or "–" in gap:
                head_hi = k + 1
                if "," in gap:
                    comma = True
                    appositive = self._appositive_role(k)
                break
        affiliated = self._affiliated_name(lo, head_hi)
        if affiliated is not None:
            head_hi = affiliated  # "Rep. Elijah Cummings of Maryland": the name ends at "of"
        last = head_hi - 1
        groups = self._scan_groups(lo, head_hi)
        joined = self._coordinated(lo, head_hi, groups, s)
        if joined is not None:
            return joined
        if groups and groups[-1][1] == head_hi:
            i, j = groups[-1]
            if (not self._poss[j - 1] or j - 1 == hi - 1) and all(
                self._modifier_like(k) for k in range(lo, i)
            ):
                g = self._classify(i, j, lo)
                if affiliated is not None:
                    g.role = self._affiliated_role(g, hi) or g.role
                # "Senate Republicans" is a group described, "Associated Press" a name, and
                # so is "David French": a first name makes the plural noun a surname.
                if (
                    g.kind == "org"
                    or self._low[last] not in lex.group_nouns
                    or (g.kind == "person" and g.name_lo < last and g.gender is not None)
                ):
                    return self._resolve_name(g, s, appositive)
        noun = next((k for k in range(lo + 1, head_hi) if self._low[k] in PREPOSITIONS), head_hi)
        noun_word = self._low[noun - 1]  # "His former business partner at Lenox"
        if comma and (noun_word in lex.titles or self._hyphen_title(noun_word)):
            # "its president, Tomás Okafor": the name after the comma, the title before it.
            named = self._named_after_comma(head_hi, hi)
            if named is not None:
                start = lo
                while start < last and (
                    self._low[start] in DETERMINERS or self._low[start] in POSSESSIVE_PRONOUNS
                ):
                    start += 1
                role = named.role or expand_role(self._slice(start, head_hi))
                return self._resolve_name(named, s, role)
        return self._describe(lo, head_hi, s, appositive)

    def _affiliated_name(self, lo: int, hi: int) -> int | None:
        """Where the name ends in a phrase `[lo, hi)` that closes with the place or body
        the person belongs to ("Sen. Ted Cruz of Texas"), else None. The name before "of"
        must be a person's by a first name or a title, or the words after it a place:
        "Friends of the Earth" is no person from the Earth."""
        for k in range(lo + 1, hi - 1):
            if self._low[k] != "of" or not self._cap[k - 1]:
                continue
            if self._affiliation(k - 1, hi) != hi:
                return None
            groups = self._scan_groups(lo, k)
            if not groups or groups[-1][1] != k:
                return None
            i, j = groups[-1]
            if not self._only_modifiers(lo, i):
                return None  # "a spokesman for Sen. Ted Cruz of Texas" stays a description
            g = self._classify(i, j, lo)
            place = all(w in self._lex.places for w in self._low[k + 1 : hi] if w != "the")
            if g.kind == "person" and (g.evidence or place):
                return k
            return None
        return None

    def _coordinated(
        self, lo: int, hi: int, groups: list[tuple[int, int]], pos: int
    ) -> Resolution | None:
        """Names joined by "and" ("Microsoft and Meta", "Both Trump and Pence") are one group
        speaker, named by each conjunct's resolved name, not the last conjunct alone."""
        if len(groups) < 2 or groups[-1][1] != hi:
            return None
        start = lo + 1 if self._low[lo] == "both" else lo
        if groups[0][0] != start:
            return None
        for (_, j), (i, _) in pairwise(groups):
            if i != j + 1 or self._low[j] != "and" or self._poss[j - 1]:
                return None
        return self._group([(i, i, j) for i, j in groups], pos, " and ", " and ")

    def _group(
        self, conjuncts: list[tuple[int, int, int]], pos: int, sep: str, last: str
    ) -> Resolution | None:
        """One group speaker named by each conjunct's resolved name, joined by `sep` and,
        before the last, `last`; None when a conjunct names no one. A conjunct is
        `(floor, lo, hi)`: its name group `[lo, hi)` and where its modifiers start."""
        names = []
        for floor, i, j in conjuncts:
            part = self._resolve_name(self._classify(i, j, floor), pos, None)
            if part.name is None:
                return None
            names.append(part.name)
        name = sep.join(names[:-1]) + last + names[-1]
        return Resolution(self._description(name, "group"), name, "group")

    def _listed(self, lo: int, hi: int, pos: int) -> Resolution | None:
        """Names listed with commas and one "and" before the last ("SoftBank Group, OpenAI,
        and Oracle", "Sens. John McCain (Ariz.), Pat Toomey (Pa.) and Chuck Grassley") are
        one group speaker, as `_coordinated`; an appositive ("Sam Altman, co-founder and
        CEO") is no list."""
        pieces: list[list[int]] = [[]]  # each conjunct's words, up to a bracket
        closed = False  # the current conjunct met a bracket: its words are complete
        oxford = joined = False
        depth = 0  # brackets open
        for k in range(lo, hi):
            if depth == 0 and self._low[k] in ("and", "or") and not self._poss[k]:
                if joined or k + 1 >= hi:
                    return None
                joined = True
                if pieces[-1]:
                    pieces.append([])
                    closed = False
                else:
                    oxford = True  # ", and"
                continue
            if depth == 0 and not closed:
                pieces[-1].append(k)
            for ch in self._text[self._re[k] : self._ts[k + 1]] if k + 1 < hi else "":
                if ch == "(":
                    depth, closed = depth + 1, True
                elif ch == ")":
                    depth = max(0, depth - 1)
                elif depth == 0 and ch in "—–;":
                    return None
                elif depth == 0 and ch == ",":
                    if joined:
                        return None  # a comma after the last conjunct: an appositive
                    pieces.append([])
                    closed = False
        if not joined or len(pieces) < (2 if oxford else 3):
            return None
        conjuncts = []
        for words in pieces:
            if not words:
                return None
            i0, i1 = words[0], words[-1] + 1
            # "Sen. Rand Paul of Kentucky": the name is the phrase before "of".
            i1 = next((k for k in range(i0 + 1, i1) if self._low[k] == "of"), i1)
            groups = self._scan_groups(i0, i1)
            if not groups or groups[-1][1] != i1:
                return None
            i, j = groups[-1]
            if not all(self._cap[k] for k in range(i0, i1)):
                return None
            if not all(self._modifier_like(k) for k in range(i0, i)):
                return None
            conjuncts.append((i0, i, j))
        return self._group(conjuncts, pos, ", ", ", and " if oxford else " and ")

    def _named_after_comma(self, lo: int, hi: int) -> NameGroup | None:
        """The person named by the phrase `[lo, hi)` up to its next comma, if it is a name
        with only modifiers before it ("longtime Clinton aide Huma Abedin")."""
        end = lo
        while end < hi:
            end += 1
            if end < hi and "," in self._text[self._re[end - 1] : self._ts[end]]:
                break
        groups = self._scan_groups(lo, end)
        if not groups or groups[-1][1] != end:
            return None
        i, j = groups[-1]
        if not all(self._modifier_like(k) for k in range(lo, i)):
            return None
        g = self._classify(i, j, lo)
        return g if g.kind == "person" else None

    def _part_of_word(self, s: int, e: int) -> Resolution:
        """A mention cut out of a longer word ("Sanders" in "Sanders-endorsed")."""
        word = fold(self._text[s:e].lower())
        people = self._by_surname.get(word) or self._by_first.get(word)
        if people:
            found = self._pick(people, None, s)
            if found is not None:
                return Resolution(found, found.name, "person", found.role())
        org = self._orgs.get(word)
        if org is not None:
            return Resolution(org, org.name, "organization")
        return Resolution(None, None, "unknown")

    def _modifier_like(self, k: int) -> bool:
        """True for words that may stand before a name in one noun phrase ("Cruz
        constituent Dan Golvach"), false for the prepositions and verbs of a longer
        phrase ("a report from WKOW", "Altman also made a")."""
        word = self._low[k]
        lex = self._lex
        if self._cap[k] or self._poss[k] or word in DETERMINERS or word == "and":
            return True
        if word in lex.titles or word in lex.role_modifiers or self._hyphen_title(word):
            return True
        return not (word in PREPOSITIONS or word in lex.stop_words or word.endswith("ed"))

    def _resolve_name(self, g: NameGroup, pos: int, appositive: str | None) -> Resolution:
        if g.hi - g.lo == 1 and self._is_initialism(g.lo):
            g.kind, g.name_lo = "org", g.hi  # "U.N.", "FBI": never a surname ("Kim Jong Un")
        elif g.kind == "org" and g.hi - g.lo == 1 and fold(self._low[g.lo]) in self._by_surname:
            g.kind, g.name_lo = "person", g.lo  # "PENCE" in a transcript is Mike Pence
        if g.name_lo == g.hi and self._low[g.hi - 1] in self._lex.titles:
            # "OpenAI CEO: Will not sue …": a title with no name is the person the article
            # names with that title ("Sam Altman, co-founder and CEO of OpenAI").
            person = self._by_title(g.lo, g.hi, pos)
            if person is not None:
                return Resolution(person, person.name, "person", self._slice(g.lo, g.hi))
        if g.kind == "org" or g.name_lo == g.hi:
            entity = self._lookup_org(g.hi - 1, pos) if g.hi - g.lo == 1 else None
            if entity is None:
                entity = self._orgs.get(self._org_name(g).lower())
            if entity is None:
                entity = self._description(self._org_name(g), "organization")
            return Resolution(entity, entity.name, "organization")
        entity = self._without_opener(g) or self._lookup_name(g, pos)
        if entity is None and g.hi - g.name_lo == 1:
            entity = self._lookup_org(g.name_lo, pos)
            if entity is not None:
                return Resolution(entity, entity.name, "organization")
        if entity is None:
            if g.hi - g.lo == 1 and not g.evidence and self._common_word(g.lo):
                return self._describe(g.lo, g.hi, pos, appositive)
            name = self._slice(g.name_lo, g.hi)
            if g.kind == "group":
                entity = self._description(name, "group")
                return Resolution(entity, name, "group")
            entity = Entity(
                name=name,
                kind="person",
                tokens=self._name_tokens(g.name_lo, g.hi),
                gender=g.gender,
                evidence=g.evidence,
            )
            for key in self._surname_keys(entity.tokens):
                self._by_surname.setdefault(key, []).append(entity)
            self._index_first(entity)
        if entity.gender is None and g.gender is not None:
            entity.gender = g.gender
        for given in filter(None, (appositive, g.role)):
            rank = self._appositive_rank(given) if given is appositive else self._role_rank(given)
            entity.add_role(rank, pos, given)
        role = appositive or g.role
        if role is None or (self._role_rank(role) == 2 and entity.best_role is not None):
            role = entity.role()  # "Republican of Ohio" says less than the "Senator" before
        return Resolution(entity, entity.name, entity.kind, role)

    def _describe(self, lo: int, hi: int, pos: int, appositive: str | None) -> Resolution:
        """A source named by a description: "an OpenAI spokesperson", "his campaign"."""
        lex = self._lex
        low = self._low
        while hi - 1 > lo and low[hi - 1] in lex.stop_words and low[hi - 1] not in DETERMINERS:
            hi -= 1  # "most Democrats today", "his speech Tuesday"
        # The head noun comes before any prepositional phrase: "small groups of protesters".
        head_k = next((k for k in range(lo + 1, hi) if low[k] in PREPOSITIONS), hi) - 1
        while head_k > lo and low[head_k] in lex.stop_words and low[head_k] not in DETERMINERS:
            head_k -= 1  # "a report Tuesday from WKOW"
        head = low[head_k]
        counted = any(w in NUMBERS or w.isdigit() for w in low[lo:hi])
        if (
            head in lex.stop_words
            and head not in DETERMINERS
            and head not in SINGULAR_PERSON
            and head not in lex.group_nouns
            and head not in lex.titles
            and not counted
        ):
            return Resolution(None, None, "unknown")
        text = " ".join(self._text[self._ts[lo] : self._te[hi - 1]].split())
        opener = self._text[self._ts[lo] : self._te[lo]]
        if self._common_start(lo) and not (len(opener) > 1 and opener.isupper()):
            text = text[0].lower() + text[1:]  # "FELLOW DOCTORS" is not "fELLOW DOCTORS"
        kind = self._description_kind(head)
        if kind == "group" and self._cap[head_k] and head not in lex.group_nouns:
            # A capitalised head that ends in "s" is a surname ("Rep. Elijah Cummings on
            # Tuesday"), not a plural, when a first name or a title makes it a person's.
            named = self._person_ending_at(lo, head_k + 1)
            if named is not None:
                return self._resolve_name(named, pos, appositive)
        if counted and (head == "one" or (kind == "unknown" and head not in lex.document_nouns)):
            kind = "group"  # "about one in five", "less than a third"
        if head in lex.document_nouns:
            author = self._author(head_k + 1, hi, pos, appositive)
            if author is not None:
                return author
        # A possessive owner: "his campaign", "Mrs. Clinton's aides".
        for k in range(lo, head_k):
            if (k == lo and low[k] in POSSESSIVE_PRONOUNS) or (self._poss[k] and self._cap[k]):
                owner, owner_lo = self._owner(lo, k, pos)
                if owner is not None and owner.name:
                    before = " ".join(self._text[self._ts[lo] : self._ts[owner_lo]].split())
                    if before and self._common_start(lo):
                        before = before[0].lower() + before[1:]
                    rest = " ".join(self._text[self._re[k] : self._te[hi - 1]].split())
                    name = f"{before} {owner.name}'s {rest}".lstrip()
                    entity = self._description(name, kind)
                    role = rest if kind == "person" else None
                    return Resolution(entity, name, kind, appositive or role)
                break
        if low[lo] == "the" and head in lex.titles and kind == "person" and head_k == hi - 1:
            person = self._by_role(lo, hi, pos)
            if person is not None:
                return Resolution(person, person.name, "person", person.role())
        if (
            low[lo] == "the"
            and head in ("company", "firm", "startup", "organization")
            and hi - lo == 2
        ):
            orgs = [
                e
                for e in self._org_list
                if e.last_before(pos) >= 0 and (len(e.tokens) == 1 or set(e.tokens) & COMPANY)
            ]
            if orgs:
                org = max(orgs, key=lambda e: e.last_before(pos))
                return Resolution(org, org.name, "organization")
        if (kind == "unknown" and head not in lex.document_nouns) or head in BARE:
            # Not a description we can read ("Altman also made a"): a name in it will do.
            for i, j in self._scan_groups(lo, hi):
                g = self._classify(i, j, i)
                if g.kind in ("person", "org") and not self._common_word(i):
                    return self._resolve_name(g, pos, None)
            if head in BARE:
                return Resolution(None, None, "unknown")
        entity = self._description(text, kind)
        role = None
        if kind == "person" and hi - lo > 1 and head not in SINGULAR_PERSON:
            start = lo + 1 if low[lo] in DETERMINERS else lo
            role = expand_role(" ".join(self._text[self._ts[start] : self._te[hi - 1]].split()))
        return Resolution(entity, text, kind, appositive or role)

    def _person_ending_at(self, lo: int, hi: int) -> NameGroup | None:
        """The person named by the capitals ending at token `hi - 1`, with only modifiers
        from `lo` before them, when a first name or a title says it is a person."""
        groups = self._scan_groups(lo, hi)
        if not groups or groups[-1][1] != hi:
            return None
        i, j = groups[-1]
        if not self._only_modifiers(lo, i):
            return None
        g = self._classify(i, j, lo)
        return g if g.kind == "person" and g.evidence and g.name_lo < g.hi else None

    def _only_modifiers(self, lo: int, hi: int) -> bool:
        """Whether tokens `[lo, hi)` only modify the name after them: no word of a longer
        phrase, and no other name ("Mrs. Clinton leading Mr. Sanders among voters" is no
        Sanders, "The Black Caucus and Sen. Schumer" not Schumer alone)."""
        return all(
            self._modifier_like(k) and not (self._cap[k] and self._low[k] not in DETERMINERS)
            for k in range(lo, hi)
        )

    def _common_word(self, k: int) -> bool:
        """True for a capitalised word that is a common word here ("Repairs", "Regarding")."""
        word = self._low[k]
        if word in self._lex.stop_words:
            return True
        # Mid-sentence capitals mark names; at a sentence start they may not.
        if not self._sentence_initial(k):
            return False
        return word in self._lower_words or (word.endswith("s") and not word.endswith("ss"))

    def _common_start(self, k: int) -> bool:
        """True when token `k` is capitalised only because it starts a sentence."""
        word = self._low[k]
        lex = self._lex
        if not self._cap[k] or word in lex.not_name or word in lex.places or self._is_acronym(k):
            return False
        if (
            word in DETERMINERS
            or word in POSSESSIVE_PRONOUNS
            or word in lex.stop_words
            or word in lex.group_nouns
            or word in lex.document_nouns
            or word in lex.org_nouns
            or word in lex.titles
            or word in lex.role_modifiers
        ):
            return True
        if (
            word in self._by_surname
            or word in self._by_first
            or word in self._orgs
            or word in lex.known_orgs
            or self._is_first_name(k)
        ):
            return False
        return self._sentence_initial(k)

    def _description_kind(self, head: str) -> SpeakerKind:
        lex = self._lex
        if head in SINGULAR_PERSON:
            return "person"
        if head in lex.org_nouns:
            return "organization"
        if head in lex.titles or self._hyphen_title(head):
            return "person"
        if head in lex.document_nouns:
            return "unknown"
        if (
            head in lex.group_nouns
            or head in DETERMINERS
            or (head.endswith("s") and not head.endswith("ss"))
        ):
            return "group"
        return "unknown"

    def _author(self, lo: int, hi: int, pos: int, appositive: str | None) -> Resolution | None:
        """Who a document is from: "a statement from Jane Roe" is Jane Roe's, "a report by
        market research firm Gartner" Gartner's, "a letter from his campaign" the campaign's.
        The document only carries the words; the speaker is its author."""
        by = next((k for k in range(lo, hi) if self._low[k] in ("from", "by")), None)
        if by is None or by + 1 >= hi:
            return None
        groups = self._scan_groups(by + 1, hi)
        if groups and groups[-1][1] == hi:
            i, j = groups[-1]
            if all(self._modifier_like(k) for k in range(by + 1, i)):
                g = self._classify(i, j, by + 1)
                if g.kind in ("person", "org"):
                    return self._resolve_name(g, pos, appositive)
        described = self._describe(by + 1, hi, pos, appositive)
        if described.name is not None and described.kind in ("person", "organization", "group"):
            return described
        return None

    def _owner(self, lo: int, k: int, pos: int) -> tuple[Entity | None, int]:
        """Whose the possessive at token `k` is, and the token where the owner starts."""
        word = self._low[k]
        if word in POSSESSIVE_PRONOUNS:
            result = self._pronoun(word, pos)
            return (result.entity if result is not None else None), k
        groups = self._scan_groups(lo, k + 1)
        if not groups:
            return None, k
        g = self._classify(*groups[-1], floor=lo)
        return self._resolve_name(g, pos, None).entity, g.lo

    def _by_title(self, lo: int, hi: int, pos: int) -> Entity | None:
        """The person a capitalised title with no name stands for ("OpenAI CEO"): one
        whose roles hold the title and every qualifier before it ("OpenAI"), mentioned
        nearest before `pos`, else (a headline announces who is named below) nearest after.
        """
        low = self._low
        title = low[hi - 1]
        wanted = ROLE_SYNONYMS.get(title, frozenset({title}))
        qualifiers = {fold(w) for w in low[lo : hi - 1] if w not in DETERMINERS}
        before: tuple[int, Entity] | None = None
        after: tuple[int, Entity] | None = None
        for entity in self._all_people():
            if entity.best_role is None or not entity.positions:
                continue
            words = {fold(w) for w in entity.role_words}
            if not words & wanted or not qualifiers <= words:
                continue
            last = entity.last_before(pos)
            if last >= 0:
                if before is None or last > before[0]:
                    before = (last, entity)
            elif after is None or entity.positions[0] < after[0]:
                after = (entity.positions[0], entity)
        found = before or after
        return found[1] if found else None

    def _by_role(self, lo: int, hi: int, pos: int) -> Entity | None:
        """The person whose role matches a definite description ("the senator")."""
        head = self._low[hi - 1]
        wanted = ROLE_SYNONYMS.get(head, frozenset({head}))
        described = set(self._low[lo:hi])
        best: tuple[int, Entity] | None = None
        for entity in self._all_people():
            last = entity.last_before(pos)
            if last < 0 or entity.best_role is None:
                continue
            words = entity.role_words
            if any(party & described and not party & words for party in PARTIES):
                continue  # "the Democratic candidate" is not the Republican one
            if "vice" in words and "vice" not in described:
                continue  # nor is "the Republican nominee" his running mate
            if words & wanted and (best is None or last > best[0]):
                best = (last, entity)
        return best[1] if best else None
