"""Name patterns: runs of capitalised tokens read as titles, names and organisations.

`NameGroups` is the lowest layer of the speaker resolver: token and sentence look-ups, the
scan for capitalised runs ("Meta CEO Mark Zuckerberg", "Secretary of State"), their split
into a role written before the name and the name itself, and appositive roles ("Sam
Altman, co-founder and CEO of OpenAI,"). It reads the segmentation `SpeakerResolver` builds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Literal

from ._speaker_entities import Entity, Gender, Mention, NameGroup
from ._speaker_words import (
    ABBREV_EXTRA,
    COMPOUND_PREFIXES,
    DETERMINERS,
    NICKNAME_WORDS,
    PLAIN_HONORIFICS,
    POSSESSIVE,
    PRONOUNS,
    STATUS_MODIFIERS,
    SURNAME_TITLES,
    WEAK_ROLES,
    Lexicon,
    cue_words,
    expand_role,
    fold,
)

__all__ = ["NameGroups"]

_APPOSITIVE = re.compile(
    r"(?:\s+of\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?(?:\s*\([^()\n]{1,40}\))?"
    r",\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;:()\n“”\"]{2,140}?)"
    r"(?=\s*(?:,|;|\.(?:\s|$)|\)|—|–|\s+who\b|\s+which\b|\s+said\b|\s+says\b|\s+told\b|$))"
)
# "Calder & Boyd", "AT&T": an ampersand joins the words of one firm's name.
_AMPERSANDS = frozenset(["&", " & ", "\xa0&\xa0", " &\xa0"])
# A hyphenated word whose second part is in lower case ("Korean-born", "Co-moderator").
_LOWER_COMPOUND = re.compile(r"-[a-z]")


class NameGroups:
    """Token look-ups and name patterns over one article's segmentation."""

    # The article's segmentation and index, set by `SpeakerResolver.__init__`.
    _text: str
    _lex: Lexicon
    _ts: list[int]  # token starts
    _re: list[int]  # token ends, possessive included
    _te: list[int]  # token ends without a possessive 's
    _poss: list[bool]
    _cap: list[bool]
    _low: list[str]
    _lower_words: set[str]
    _group_starts: list[int]
    _sent_starts: list[int]
    _quotes: list[tuple[int, int]]
    _quote_starts: list[int]
    _headlines: list[tuple[int, int]]
    _by_surname: dict[str, list[Entity]]
    _by_first: dict[str, list[Entity]]
    _orgs: dict[str, Entity]
    _org_list: list[Entity]
    _descriptions: dict[str, Entity]
    _mentions: list[Mention]
    _mention_starts: list[int]
    _history: list[tuple[int, Entity]]
    _history_at: list[int]
    _history_sorted: bool

    def _joins(self, a: int, b: int) -> bool:
        """True when token `b` may continue a name that token `a` belongs to."""
        gap = self._text[self._re[a] : self._ts[b]]
        if gap in (" ", "\xa0") or gap in _AMPERSANDS:
            return True
        if gap in (". ", ".\xa0"):
            word = self._low[a]
            return (
                len(word) == 1
                or word in self._lex.honorifics
                or word in self._lex.abbreviations
                or word in ABBREV_EXTRA
                or "." in self._text[self._ts[a] : self._re[a]]
            )
        return False

    def _tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the tokens lying inside `[start, end)`."""
        return bisect_left(self._ts, start), bisect_right(self._te, end)

    def _slice(self, lo: int, hi: int) -> str:
        """Text of tokens `lo..hi-1`, whitespace normalised, possessive dropped; the period
        that closes "U.N." or "Jr." is kept."""
        end = self._te[hi - 1]
        last = self._text[self._ts[hi - 1] : end]
        if self._text[end : end + 1] == "." and ("." in last or self._low[hi - 1] in ("jr", "sr")):
            end += 1
        return " ".join(self._text[self._ts[lo] : end].split())

    def _sentence_of(self, pos: int) -> int:
        return max(bisect_right(self._sent_starts, pos) - 1, 0)

    def _in_headline(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._headlines)

    def _quote_of(self, pos: int) -> int:
        """Index of the quotation containing `pos`, or -1."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self._quotes[i][1]:
            return i
        return -1

    # ------------------------------------------------------------------ name groups

    def _starts_group(self, k: int) -> bool:
        return self._cap[k] and self._low[k] not in self._lex.stop_words

    def _scan_groups(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Runs of capitalised tokens in `[lo, hi)`: names, titles and organisations."""
        lex = self._lex
        low, cap = self._low, self._cap
        out: list[tuple[int, int]] = []
        starts = self._group_starts
        n = bisect_left(starts, lo)
        while n < len(starts) and starts[n] < hi:
            i = starts[n]
            n += 1
            j = i + 1
            while j < hi and self._joins(j - 1, j):
                # A possessive ends a name, except inside one ("Fishermen's Association").
                if self._poss[j - 1] and not (cap[j] and low[j] in lex.org_keywords):
                    break
                word = low[j]
                if cap[j] and (word not in lex.stop_words or self._is_acronym(j)):
                    j += 1
                    continue
                nxt = j + 1 < hi and cap[j + 1] and self._joins(j, j + 1)
                if word in lex.particles and nxt:
                    j += 1
                    continue
                # "Secretary of State", "University of the South": "of" links two capitals.
                if word == "of" and (low[j - 1] in lex.titles or low[j - 1] in lex.org_keywords):
                    if nxt:
                        j += 1
                        continue
                    if (
                        j + 2 < hi
                        and low[j + 1] == "the"
                        and cap[j + 2]
                        and self._joins(j, j + 1)
                        and self._joins(j + 1, j + 2)
                    ):
                        j += 2
                        continue
                break
            while j - 1 > i and not cap[j - 1]:
                j -= 1
            out.append((i, j))
            n = bisect_left(starts, j, n)
        return out

    def _name_end(self, end: int) -> int:
        """Where the name ending at `end` really ends: a span cut at a middle initial
        ("Benjamin J" of "Benjamin J. Rhodes") is read with the rest of the name."""
        k = bisect_right(self._te, end) - 1
        if k < 0 or self._te[k] != end or len(self._low[k]) != 1 or not self._cap[k]:
            return end
        if k + 1 >= len(self._ts) or not self._cap[k + 1] or not self._joins(k, k + 1):
            return end
        groups = self._scan_groups(k, len(self._ts))
        if not groups or groups[0][0] != k:
            return end
        return self._te[groups[0][1] - 1]

    def _head_after(self, end: int) -> int:
        """The end of the head noun right after a mention that stops at a modifier: a
        span cut before its noun ("Related" of "Related reports stated") is read with it."""
        k = bisect_right(self._te, end) - 1
        if k < 0 or self._te[k] != end or k + 1 >= len(self._ts) or self._poss[k]:
            return end
        word, noun = self._low[k], self._low[k + 1]
        if word in PRONOUNS or word in DETERMINERS or self._cap[k + 1]:
            return end
        if self._text[self._re[k] : self._ts[k + 1]] != " ":
            return end
        lex = self._lex
        if noun in lex.group_nouns or noun in lex.document_nouns:
            return self._te[k + 1]
        return end

    def _is_first_name(self, k: int) -> Gender | None:
        """'m' or 'f' for a known first name, None otherwise."""
        word = fold(self._low[k])
        if word in self._lex.male:
            return "m"
        if word in self._lex.female:
            return "f"
        return None

    def _classify(self, i: int, j: int, floor: int) -> NameGroup:
        """Split group `[i, j)` into role and name and say what it names."""
        lex = self._lex
        low, cap = self._low, self._cap
        first: int | None = None
        gender: Gender | None = None
        # A known first name starts the name: "Meta CEO Mark Zuckerberg", "Howard Dean".
        # In a title-case headline a capitalised verb ends it ("Trump Calls Out Ted Cruz"):
        # there a word the article also writes in lower case is no part of a name.
        headline = self._in_headline(self._ts[i])
        for f in range(i, j - 1):
            g = self._is_first_name(f)
            if g is None or low[f] in lex.non_name:
                continue
            inner = all(
                (
                    cap[k]
                    and low[k] not in lex.non_name
                    and not (headline and (low[k] in self._lower_words or low[k] in cue_words()))
                )
                or low[k] in lex.particles
                or low[k] in lex.suffixes
                for k in range(f + 1, j - 1)
            )
            last = low[j - 1]
            if inner and cap[j - 1] and last not in lex.stop_words and last not in lex.org_keywords:
                first, gender = f, g
                break
        if first is not None:
            name_lo = first
            # Initials before it ("J. Edgar Hoover"), or an unlisted first name that opens
            # the run ("Cornell William Brooks", not "Ferrera Sent Donald Trump"); a word
            # the article writes in lower case, an adverb, a participle or an epithet opens
            # no name ("Neither Hillary Clinton", "Celebrating Hillary Clinton", "Korean-born
            # X", "Crooked Hillary Clinton").
            while name_lo > i and cap[name_lo - 1] and not self._poss[name_lo - 1]:
                word = low[name_lo - 1]
                if len(word) > 1 and (
                    name_lo - 1 != i
                    or word in lex.non_name
                    or word in lex.places
                    or word in lex.known_orgs
                    or self._is_acronym(name_lo - 1)
                    or word in self._lower_words
                    or self._weak_opener(name_lo - 1)
                    or self._lower_compound(i)
                    # At a sentence or headline start the capital says nothing: an unlisted
                    # word there is as likely a verb ("Hold Melania Trump to …").
                    or self._sentence_initial(i)
                ):
                    break
                name_lo -= 1
        else:
            name_lo = j
            while name_lo > i:
                word = low[name_lo - 1]
                if word in lex.particles and name_lo < j:
                    name_lo -= 1
                    continue
                surname_title = (
                    name_lo == j
                    and word in SURNAME_TITLES
                    and name_lo - 2 >= i
                    and cap[name_lo - 2]
                    and low[name_lo - 2] not in lex.non_name
                )
                if not surname_title and (
                    not cap[name_lo - 1]
                    or word in lex.non_name
                    or word in lex.places
                    or self._lower_compound(name_lo - 1)
                ):
                    break
                name_lo -= 1
        if first is None and i < name_lo < j and self._after_of(name_lo, i):
            # "CEO of Acme", "Secretary of the Treasury": what follows a title's "of" is
            # the body it heads, never the person's name.
            return NameGroup(i, name_lo, j, j, "org", None, None, False)
        prefix = range(i, name_lo)
        honorific = next((low[k] for k in reversed(prefix) if low[k] in lex.honorifics), None)
        if gender is None and honorific is not None:
            gender = lex.honorifics[honorific]
        role, role_lo = self._prefix_role(i, name_lo, floor) if name_lo < j else (None, i)
        titled = honorific is not None or any(low[k] in lex.role_words for k in prefix)
        kind: Literal["person", "org", "group", "none"] = "none"
        words = low[i:j]
        name_words = low[name_lo:j]
        family_first = 2 <= len(name_words) <= 3 and fold(name_words[0]) in lex.family_first
        if self._ampersand(i, j):
            kind, name_lo, role_lo = "org", j, i  # a firm named for its partners
        elif name_lo < j and (first is not None or titled or role is not None or family_first):
            kind = "person"
        elif (
            any(w in lex.org_keywords for w in words)
            or any(w in lex.known_orgs for w in words)
            or (j - i == 1 and self._is_acronym(i))
        ):
            kind = "org"
        elif j - i == 1 and low[i] in lex.group_nouns:
            kind = "group"
        elif (
            name_lo < j
            and not all(w in lex.places or w in lex.not_name for w in name_words)
            and name_words[0] not in self._lower_words  # "Team Trump", "Morning Consult"
            and not self._in_headline(self._ts[i])
        ):
            kind = "person"
        if kind == "person" and name_lo == j:
            kind = "none"
        if kind == "person" and j - name_lo == 1 and self._org_context(name_lo, floor):
            kind = "org"
        evidence = first is not None or titled or role is not None or family_first
        return NameGroup(
            role_lo,
            i,
            j,
            name_lo,
            kind,
            gender,
            role if kind == "person" else None,
            evidence,
        )

    def _after_of(self, k: int, floor: int) -> bool:
        """Whether token `k` follows a title's "of" (or "of the") at or after `floor`:
        "CEO of Acme", not "Department of Water Resources" (an organisation's own name)."""
        if k - 1 >= floor and self._low[k - 1] == "the":
            k -= 1
        return (
            k - 2 >= floor
            and self._low[k - 1] == "of"
            and self._low[k - 2] in self._lex.titles
            and self._low[k - 2] not in self._lex.org_keywords
        )

    def _affiliation(self, k: int, hi: int) -> int:
        """Where an "of <Place>" written right after the name ending at token `k` ends
        ("Cummings of Maryland", "Putin of Russia", "Smith of the Heritage Foundation"),
        looking no further than `hi`; `k + 1` when none follows. Only a run of capitals
        counts: "Clinton of all people" has no affiliation."""
        of = k + 1
        hi = min(hi, of + 6)  # a place or a body is a few words; bounds the scan
        if self._poss[k] or of + 1 >= hi or self._low[of] != "of" or not self._joins(k, of):
            return of
        start = of + 1
        if self._low[start] == "the" and start + 1 < hi and self._joins(of, start):
            start += 1
        if not self._joins(start - 1, start):
            return of
        groups = self._scan_groups(start, hi)
        if not groups or groups[0][0] != start:
            return of
        end = groups[0][1]
        if self._poss[end - 1]:
            return of  # "Murray of Christie's campaign": the owner of what follows
        words = self._low[start:end]
        if fold(words[-1]) in self._by_surname and not all(w in self._lex.places for w in words):
            return of  # "…, said Patrick Murray of Christie": about a person, from no place
        return end

    def _affiliated_role(self, g: NameGroup, hi: int) -> str | None:
        """The title of person `g` with the place or body written after the name: "Rep.
        Elijah Cummings of Maryland" → "Representative of Maryland", "President Vladimir
        Putin of Russia" → "President of Russia" (the place says whom the title serves,
        and "Governor of Ohio" is how the title itself reads); None without a title."""
        if g.role is None or g.kind != "person" or self._names_a_body(g.role):
            return None
        end = self._affiliation(g.hi - 1, hi)
        if end <= g.hi + 1:
            return None
        return f"{g.role} {self._slice(g.hi, end)}"

    def _names_a_body(self, role: str) -> bool:
        """Whether a title already says what it serves ("House Speaker", "CBC Chairman",
        "U.S. District Judge"): the place after the name is then where the person is
        from, and "House Speaker of Wisconsin" would misstate the title."""
        lex = self._lex
        for raw in role.split():
            word = raw.strip(".,").lower().replace(".", "")
            if (
                word in lex.places
                or word in lex.org_keywords
                or word in lex.known_orgs
                or word in lex.not_name
                or "." in raw.strip(".")
                or (len(word) >= 2 and raw.isupper())
            ):
                return True
        return False

    def _ampersand(self, i: int, j: int) -> bool:
        """Whether an "&" joins two words of group `[i, j)` ("Calder & Boyd", "AT&T")."""
        return any(
            self._text[self._re[k] : self._ts[k + 1]].strip() == "&" for k in range(i, j - 1)
        )

    def _weak_opener(self, k: int) -> bool:
        """True when token `k`, opening a run of capitals, reads as a verb, an adverb or an
        epithet rather than a name ("Injecting Clinton's", "Everything Trump says",
        "Crooked Hillary"): a participle, an -ly adverb or a listed nickname word, unless
        it is a known first name ("Kelly", "Sterling")."""
        word = self._low[k]
        if word in NICKNAME_WORDS:
            return True
        return (
            len(word) > 4 and word.endswith(("ing", "ly", "ed")) and self._is_first_name(k) is None
        )

    def _lower_compound(self, k: int) -> bool:
        """A hyphenated word whose second part is in lower case ("Korean-born"), unless it
        reads as a romanised given name ("Ban Ki-moon", "Kim Jong-un", "Park Geun-hye")."""
        if _LOWER_COMPOUND.search(self._text, self._ts[k], self._te[k]) is None:
            return False
        return not self._name_syllables(k)

    def _name_syllables(self, k: int) -> bool:
        """Whether token `k` is two short syllables joined by a hyphen ("Ki-moon"): each of
        2 to 4 letters, the first no prefix ("Co-host", "Ex-wife", "Pro-life"), the
        second no title and no word the article writes on its own ("Pop-up")."""
        parts = self._low[k].split("-")
        if len(parts) != 2 or not all(2 <= len(p) <= 4 and p.isalpha() for p in parts):
            return False
        head, tail = parts
        return (
            head not in COMPOUND_PREFIXES
            and tail not in self._lower_words
            and tail not in self._lex.titles
            and tail not in self._lex.role_modifiers
        )

    def _is_initialism(self, k: int) -> bool:
        """A dotted or short capitals-only abbreviation: "U.N.", "FBI", but not "PENCE"."""
        raw = self._text[self._ts[k] : self._te[k]]
        return self._is_acronym(k) and ("." in raw or len(raw) <= 3)

    def _is_acronym(self, k: int) -> bool:
        raw = self._text[self._ts[k] : self._te[k]].replace(".", "")
        return (
            2 <= len(raw) <= 6
            and raw.isupper()
            and raw.isalpha()
            and self._low[k] not in self._lex.role_words
        )

    def _org_context(self, k: int, floor: int) -> bool:
        """True when the word before token `k` calls it an organisation ("firm Gartner")."""
        if self._low[k] in self._lex.known_orgs:
            return True
        return k - 1 >= floor and self._joins(k - 1, k) and self._low[k - 1] in self._lex.org_nouns

    def _prefix_role(self, i: int, name_lo: int, floor: int) -> tuple[str | None, int]:
        """The title written before a name ("longtime Democratic pollster", "Meta CEO") and
        the token where it starts."""
        lex = self._lex
        low = self._low
        k = i
        while k - 1 >= floor and self._joins(k - 1, k):
            word = low[k - 1]
            if self._poss[k - 1]:
                k -= 1
                break
            if word == "and" and k - 2 >= floor and low[k - 2] in lex.titles:
                k -= 1
                continue
            if (
                word in lex.titles
                or word in lex.role_modifiers
                or self._hyphen_title(word)
                or (self._cap[k - 1] and word not in lex.stop_words)
            ):
                k -= 1
                continue
            break
        while k < i and low[k] in ("and",):
            k += 1
        tokens = range(k, name_lo)
        if not any(low[t] in lex.role_words or self._hyphen_title(low[t]) for t in tokens):
            return None, i
        # Honorifics at the edge of the role are not part of it ("Sen. Mr." never occurs,
        # but "Dr." after "Former President" would).
        end = name_lo
        while end > k and low[end - 1] in PLAIN_HONORIFICS:
            end -= 1
        if end <= k or low[end - 1] == "and":
            # "and" right before the name joins another person to it ("Larry King and Ed
            # Schultz", "the president and Hillary Rodham Clinton"): no title of this one.
            return None, i
        role = " ".join(self._text[self._ts[k] : self._re[end - 1]].split())
        if (
            low[k] in lex.role_modifiers
            and low[k] not in lex.not_name
            and self._sentence_initial(k)
            and (low[k] in STATUS_MODIFIERS or (k + 1 < end and not self._cap[k + 1]))
        ):
            # "Former President" or "Campaign manager" opening a sentence; "Attorney
            # General", "Press Secretary", "Vice President" are titles in their own right.
            role = role[0].lower() + role[1:]
        return expand_role(role), k

    def _role_rank(self, role: str) -> int:
        """1 for a title, 2 for a bare party or relation ("Republican", "rival")."""
        words = {w.strip(".,").lower() for w in role.split()}
        return 1 if words & (self._lex.role_words - WEAK_ROLES) else 2

    def _appositive_rank(self, role: str) -> int:
        """0 for an appositive holding a title ("co-founder and CEO of OpenAI"), the best
        role there is; 2 for a bare party or relation ("Republican of Ohio"), which a title
        written before the name outranks."""
        return 0 if self._role_rank(role) == 1 else 2

    def _hyphen_title(self, word: str) -> bool:
        return "-" in word and word.rsplit("-", 1)[1] in self._lex.titles

    def _appositive_role(self, k: int) -> str | None:
        """ "Sam Altman, co-founder and CEO of OpenAI," → "co-founder and CEO of OpenAI"."""
        if self._poss[k]:
            return None
        m = _APPOSITIVE.match(self._text, self._re[k])
        if not m:
            return None
        role = m.group("role").strip()
        raw = role.split()
        words = [w.lower().strip(".,'’").removesuffix("'s").removesuffix("’s") for w in raw]
        if not words or len(words) > 16:
            return None
        # A role opens with a title, a modifier or a name ("CNN's", "Meta"), never with a
        # verb ("…, succeeded X as president") or a function word.
        lex = self._lex
        opener = words[0]
        if not (
            raw[0][0].isupper()
            or raw[0][0].isdigit()
            or opener in lex.titles
            or opener in lex.role_modifiers
            or self._hyphen_title(opener)
        ):
            return None
        if opener in lex.stop_words and not raw[0].endswith(POSSESSIVE):
            return None
        if not any(w in lex.titles or self._hyphen_title(w) for w in words[:6]):
            return None
        return expand_role(role)

    def _sentence_initial(self, k: int) -> bool:
        """True when token `k` opens a sentence, a line or a quotation."""
        before = self._text[max(self._ts[k] - 2, 0) : self._ts[k]]
        sentence_start = self._sent_starts[self._sentence_of(self._ts[k])]
        return self._ts[k] == sentence_start or any(c in before for c in "\"“‘'\n")
