"""Prompt templates as versioned files, and the article as delimited, numbered data.

Templates are Jinja2 files named `NAME.vVERSION.j2` (`extract.v1.j2`) with the blocks
`system`, `user` and `reask` (the message sent after an answer failed validation);
`prompts/README.md` describes the format.
They ship as the package `summarizer.prompts` (the repository's top-level `prompts/`
folder); a folder of the user's own overrides them by name.

The article never reaches a template raw: `render` numbers its paragraphs and wraps them
in a tag whose name carries a code derived from the text's SHA-256, so nothing in the
article can close the data block early (it would have to contain its own hash), and the
same article always renders to the same prompt.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jinja2

from .._exceptions import ConfigError
from .._text import paragraphs

__all__ = [
    "PACKAGED_PROMPTS",
    "ChunkInfo",
    "PromptTemplate",
    "available_prompts",
    "data_block",
    "load_prompt",
]

PACKAGED_PROMPTS = "summarizer.prompts"
"""The package the built-in templates ship in."""

_FILE_NAME = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.j2$")
_REQUEST = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)(?:\.v(?P<version>[1-9][0-9]*))?$")
_ROLES = ("system", "user")
_BLOCKS = (*_ROLES, "reask")
_NONCE_CHARS = 16  # 64 bits: no article can be searched into containing its own tag


@dataclass(frozen=True, slots=True)
class ChunkInfo:
    """Where a part of a long article stands: `index` (0-based) of `total` parts.

    `first_paragraph` is the number, in the whole article, of the paragraph the part
    starts in, so the part's paragraphs are numbered as in the article.
    """

    index: int
    total: int
    first_paragraph: int = 1


def data_block(content: str | Sequence[str], *, first: int = 1) -> str:
    """Text as a delimited block with numbered items, safe to put in a prompt.

    A string is split into paragraphs (`summarizer._text.paragraphs`); a sequence gives
    one item per element, its line breaks folded into spaces. Items are numbered `[P1]`,
    `[P2]`, … from `first`. The block is wrapped in `<article_CODE>` … `</article_CODE>`
    where CODE comes from the SHA-256 of the items, and is never found inside them.
    """
    if isinstance(content, str):
        items = [p.text for p in paragraphs(content)]
    else:
        items = [" ".join(str(item).split()) for item in content]
    body = "\n".join(f"[P{n}] {text}" for n, text in enumerate(items, start=first))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    tag = f"article_{digest[:_NONCE_CHARS]}"
    salt = 0
    while tag in body:  # unreachable in practice; kept so the guarantee is unconditional
        salt += 1
        digest = hashlib.sha256(f"{salt}:{body}".encode()).hexdigest()
        tag = f"article_{digest[:_NONCE_CHARS]}"
    return f"<{tag}>\n{body}\n</{tag}>"


_ENV = jinja2.Environment(
    autoescape=False,  # plain-text prompts, not HTML
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


@dataclass(frozen=True)
class PromptTemplate:
    """A loaded prompt template: identity, provenance and a `render` to chat messages."""

    name: str
    version: int
    sha256: str
    source: str
    text: str = field(repr=False)
    _template: jinja2.Template = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        """`NAME.vVERSION`, as recorded in `meta.prompt_version`."""
        return f"{self.name}.v{self.version}"

    def render(
        self,
        article: str | Sequence[str],
        *,
        chunk: ChunkInfo | None = None,
        **extra: Any,
    ) -> list[dict[str, str]]:
        """Chat messages (system, then user) for `article`.

        `article` is the article text (or, for a chunk, the chunk's text), or a sequence of
        items (such as chunk summaries) numbered one per element; it reaches the template
        only as `data_block`. `extra` variables are passed to the template as they are.
        """
        first = chunk.first_paragraph if chunk is not None else 1
        context = {**extra, "article": data_block(article, first=first), "chunk": chunk}
        return [{"role": role, "content": self._block(role, context)} for role in _ROLES]

    def render_reask(self, errors: Sequence[str], **extra: Any) -> str:
        """The user message asking again after an answer failed validation with `errors`.

        It follows the conversation so far (the first request and the rejected answer),
        so it states only what was wrong.
        """
        return self._block("reask", {**extra, "errors": list(errors)})

    def _block(self, name: str, context: dict[str, Any]) -> str:
        block = self._template.blocks[name]
        try:
            return "".join(block(self._template.new_context(context))).strip()
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt {self.id} ({self.source}): {exc}") from exc


def _packaged_dir() -> Traversable:
    try:
        return resources.files(PACKAGED_PROMPTS)
    except ModuleNotFoundError:
        # An editable install made before prompts/ was mapped into the package does not
        # know `summarizer.prompts`; the folder is still beside the sources.
        return Path(__file__).resolve().parents[2] / "prompts"


def _scan(folder: Traversable) -> dict[str, dict[int, Traversable]]:
    found: dict[str, dict[int, Traversable]] = {}
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        m = _FILE_NAME.match(entry.name)
        if m and entry.is_file():
            found.setdefault(m["name"], {})[int(m["version"])] = entry
    return found


def available_prompts(directory: Path | None = None) -> list[str]:
    """Every template id (`extract.v1`, …) in the package and in `directory`, sorted."""
    ids: set[str] = set()
    for folder in (_packaged_dir(), *([Path(directory)] if directory else [])):
        for name, versions in _scan(folder).items():
            ids.update(f"{name}.v{v}" for v in versions)
    return sorted(ids)


def _compile(entry: Traversable, name: str, version: int, source: str) -> PromptTemplate:
    data = entry.read_bytes()
    try:
        text = data.decode("utf-8")
        template = _ENV.from_string(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"prompt {source} is not UTF-8 text") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"prompt {source}, line {exc.lineno}: {exc.message}") from exc
    missing = [b for b in _BLOCKS if b not in template.blocks]
    if missing:
        raise ConfigError(f"prompt {source} lacks the block(s) {', '.join(missing)}")
    return PromptTemplate(
        name=name,
        version=version,
        sha256=hashlib.sha256(data).hexdigest(),
        source=source,
        text=text,
        _template=template,
    )


def load_prompt(name: str = "extract", *, directory: Path | None = None) -> PromptTemplate:
    """The template `name` ("extract": highest version; "extract.v1": that version).

    A `directory` of the user's own is searched first: if it holds any version of `name`,
    the choice is made among its files alone, so an override keeps applying when a later
    release ships a higher version. Raises `ConfigError` when nothing matches or the file
    is not a valid template.
    """
    m = _REQUEST.match(name)
    if m is None:
        raise ConfigError(f"invalid prompt name {name!r}: expected NAME or NAME.vN")
    base, wanted = m["name"], int(m["version"]) if m["version"] else None
    folders: list[tuple[Traversable, str]] = []
    if directory is not None:
        user_dir = Path(directory)
        if not user_dir.is_dir():
            raise ConfigError(f"prompt directory {user_dir} does not exist")
        folders.append((user_dir, str(user_dir)))
    folders.append((_packaged_dir(), PACKAGED_PROMPTS))
    for folder, label in folders:
        versions = _scan(folder).get(base, {})
        if wanted is not None and wanted not in versions:
            continue
        if versions:
            version = wanted if wanted is not None else max(versions)
            entry = versions[version]
            return _compile(entry, base, version, f"{label}/{entry.name}")
    known = ", ".join(available_prompts(directory)) or "none"
    raise ConfigError(f"no prompt template {name!r} (available: {known})")
