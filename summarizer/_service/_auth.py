"""Bearer tokens: loaded once, kept only as SHA-256 hashes, checked in constant time.

Token file format: one entry a line; blank lines and lines starting with `#` are ignored.
An entry is either a token as it is, or `sha256:<64 hex digits>`, the hash of a token, so
the file need not hold any secret. `SUMMARIZER_API_TOKENS` adds tokens, comma-separated.

A presented token is hashed and compared with `hmac.compare_digest` against *every* stored
hash (no early exit), so the time taken says nothing about which, or how much, matched.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from pathlib import Path

from .._exceptions import ConfigError

__all__ = ["TokenStore", "hash_token"]

_HASH_ENTRY = re.compile(r"^sha256:([0-9a-fA-F]{64})$")


def hash_token(token: str) -> str:
    """The hex SHA-256 of a token, as stored and as written in a token file."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """The accepted tokens' hashes. `verify` returns the matching hash (the caller's id)."""

    def __init__(self, hashes: Iterable[str]) -> None:
        self._hashes = tuple(dict.fromkeys(h.lower() for h in hashes))

    @classmethod
    def load(cls, tokens: Iterable[str] = (), token_file: Path | None = None) -> TokenStore:
        """Tokens given as they are plus the entries of `token_file`; at least one needed."""
        hashes = [hash_token(t) for t in tokens if t]
        if token_file is not None:
            try:
                lines = token_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"cannot read token file {token_file}: {exc.strerror}") from exc
            for line in lines:
                entry = line.strip()
                if not entry or entry.startswith("#"):
                    continue
                match = _HASH_ENTRY.match(entry)
                hashes.append(match.group(1) if match else hash_token(entry))
        if not hashes:
            raise ConfigError(
                "no API tokens: set SUMMARIZER_API_TOKENS (comma-separated) or pass --token-file"
            )
        return cls(hashes)

    def __len__(self) -> int:
        return len(self._hashes)

    def verify(self, token: str | None) -> str | None:
        """The stored hash `token` matches, or None; time independent of where it matched."""
        if not token:
            return None
        presented = hash_token(token).encode("ascii")
        found: str | None = None
        for stored in self._hashes:
            if hmac.compare_digest(presented, stored.encode("ascii")):
                found = stored
        return found
