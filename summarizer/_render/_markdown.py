"""A Markdown report, readable as plain text in a terminal and as a rendered file."""

from __future__ import annotations

import hashlib
import re

from .._models import Analysis, Quote
from .._verify import quote_problem
from ._html import content_texts

__all__ = ["render_markdown"]

# Characters that would start emphasis, code, links or raw HTML, or end a table cell. Only
# these are escaped, so the text stays readable in a terminal.
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
# A line that begins like a heading, list item, quote, rule or fence would change structure.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=~]|\d+(?=[.)]))")
_SPACE = re.compile(r"\s+")
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible, they
# reorder what a terminal or viewer shows after them ("Trojan Source"), so a quote could be
# displayed as other words than it holds. Shown by name; the JSON keeps the article's text.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _visible_bidi(m: re.Match[str]) -> str:
    return f"<U+{ord(m.group()):04X}>"


def _inline(text: str) -> str:
    """Escape `text` for a single line of Markdown (a heading, list item or table cell)."""
    return _INLINE.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _line(text: str) -> str:
    """Escape a line that stands at the start of a block."""
    escaped = _inline(text)

    def escape(m: re.Match[str]) -> str:
        # A digit cannot be backslash-escaped; the '.' or ')' after it can.
        if m.group(2)[0].isdigit():
            return m.group(1) + m.group(2) + "\\"
        return m.group(1) + "\\" + m.group(2)

    return _BLOCK_START.sub(escape, escaped, count=1)


def _blockquote(text: str) -> list[str]:
    out = []
    for raw in text.splitlines() or [""]:
        body = _line(raw)
        out.append(f"> {body}" if body else ">")
    return out


def _who(quote: Quote) -> str:
    name = quote.speaker.name or "Unattributed"
    who = f"**{_inline(name)}**"
    if quote.speaker.role:
        who += f" ({_inline(quote.speaker.role)})"
    return who


def _quote(quote: Quote, article: str | None) -> list[str]:
    stance = (
        f"{quote.stance.label} toward {_inline(quote.stance.target)}"
        if quote.stance
        else "no stance"
    )
    cue = _inline(quote.cue) if quote.cue else "no cue"
    lines = [f"### {_inline(quote.id)}", "", f"{_who(quote)} — {cue} — {quote.type} — {stance}", ""]
    problem = quote_problem(quote, article)
    parts = (
        content_texts(quote) if problem is None or quote_problem(quote) is None else [quote.text]
    )
    for i, part in enumerate(parts):
        if i:
            lines.append(">")
            lines.append("> […]")
            lines.append(">")
        lines.extend(_blockquote(part))
    lines.append("")
    where = f"Offsets {quote.start}–{quote.end}"
    if len(quote.spans) > 1:
        where += " (parts " + ", ".join(f"{s.start}–{s.end}" for s in quote.spans) + ")"
    lines.append(where)
    if problem is not None:
        lines.append("")
        lines.append(f"**Not located:** {_inline(problem)}")
    lines.append("")
    return lines


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def render_markdown(analysis: Analysis, article: str | None = None) -> str:
    """The analysis as Markdown; with `article`, quotes whose offsets don't fit are flagged."""
    summary, meta = analysis.summary, analysis.meta
    out = [f"# {_line(summary.headline)}", ""]
    if article is not None:
        digest = hashlib.sha256(article.encode("utf-8", "surrogatepass")).hexdigest()
        if digest != meta.article_sha256:
            out += ["**Warning:** this is not the article that was analysed (SHA-256 differs).", ""]
    out += [_line(summary.text), ""]
    if summary.key_points:
        out += ["## Key points", ""]
        out += [f"- {_line(p)}" for p in summary.key_points]
        out.append("")

    out += ["## Quotes", ""]
    if analysis.quotes:
        for quote in analysis.quotes:
            out += _quote(quote, article)
    else:
        out += ["None.", ""]

    out += ["## Stances", ""]
    if analysis.stances:
        rows = [
            [_inline(r.speaker), _inline(r.target), r.label, _inline(", ".join(r.quote_ids))]
            for r in analysis.stances
        ]
        out += _table(["Speaker", "Target", "Label", "Quotes"], rows)
    else:
        out.append("None.")
    out.append("")

    out += ["## Meta", ""]
    out.append(f"- Engine: {meta.engine}")
    out.append(f"- Model: {_inline(meta.model) if meta.model else '—'}")
    if meta.prompt_version:
        out.append(f"- Prompt: {_inline(meta.prompt_version)}")
    out.append(f"- Version: {_inline(meta.version)}")
    usage = meta.usage
    if usage.total_tokens:
        cost = f", ≈ ${usage.cost_usd:.4f}" if usage.cost_usd is not None else ""
        out.append(
            f"- Usage: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion"
            f" tokens{cost}"
        )
    out.append(f"- Article: {meta.article_chars} characters, sha256 {meta.article_sha256[:12]}")
    out += ["", "### Warnings", ""]
    out += [f"- {_line(w)}" for w in meta.warnings] or ["None."]
    out += ["", "### Rejected", ""]
    if meta.rejected:
        rows = [
            [_inline(r.text), _inline(r.speaker) if r.speaker else "—", _inline(r.reason)]
            for r in meta.rejected
        ]
        out += _table(["Proposed", "Speaker", "Reason"], rows)
    else:
        out.append("None.")
    # Last, over everything, so no field can carry one through; after the escaping, so the
    # name's brackets stay literal (`<U+202E>` is no HTML tag).
    return _BIDI.sub(_visible_bidi, "\n".join(out)) + "\n"
