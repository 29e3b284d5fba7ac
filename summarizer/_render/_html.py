"""One self-contained HTML report: the article with every quote highlighted by speaker.

The page must open offline (an air-gapped newsroom), so it carries its CSS and its few
lines of JavaScript inline and loads nothing; a Content-Security-Policy built from their
hashes makes sure nothing else can run or load even if escaping were ever to fail.
Everything that comes from the article or the analysis is untrusted and goes through
Jinja2's autoescaping.

`render_html_report` also returns that policy, for a server to send as a header too; the
script is the same in every report, and `report_script_source` names it for a page that
shows reports in a frame (a `srcdoc` frame is bound by its parent's policy as well).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import jinja2
from markupsafe import Markup

from .._models import Analysis, Quote
from .._verify import content_ranges, quote_problem

__all__ = [
    "DEFAULT_PALETTE",
    "UNATTRIBUTED_COLOUR",
    "HtmlReport",
    "content_texts",
    "render_html",
    "render_html_report",
    "report_script_source",
]

DEFAULT_PALETTE: tuple[str, ...] = (
    "#77AADD",
    "#EE8866",
    "#44BB99",
    "#FFAABB",
    "#EEDD88",
    "#BBCC33",
    "#99DDFF",
    "#AAAA00",
)
"""Paul Tol's 'light' scheme, made for filled areas under black text and distinguishable
under the common colour-vision deficiencies; reordered so the first speakers get the most
different hues."""

UNATTRIBUTED_COLOUR = "#DDDDDD"
"""Quotes whose speaker the engine could not name get Tol's pale grey, never a hue."""

# Once the palette runs out, colours repeat, and an underline style tells the cycles apart
# so two speakers never look identical.
_CYCLE_MARKS: tuple[str, ...] = ("none", "dashed", "dotted", "double", "solid")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def content_texts(quote: Quote) -> list[str]:
    """The words of each content range, cut from the quote's own text (no article needed)."""
    return [quote.text[a - quote.start : b - quote.start] for a, b in content_ranges(quote)]


def _article_sha256(article: str) -> str:
    # surrogatepass: a lone surrogate in the input must not crash a report about it.
    return hashlib.sha256(article.encode("utf-8", "surrogatepass")).hexdigest()


def _csp_source(text: str) -> str:
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _content_security_policy(style: str, script: str) -> Markup:
    """The report's policy: its one style and one script, by hash, and nothing else.

    Markup, so the template writes it as it is: autoescaped, its quotes became `&#39;`,
    which a browser reads back in an attribute but a reader of the text does not.
    """
    return Markup(
        f"default-src 'none'; style-src {_csp_source(style)}; "
        f"script-src {_csp_source(script)}; base-uri 'none'; form-action 'none'"
    )


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["content_security_policy"] = _content_security_policy
    return env


# ---------------------------------------------------------------------------------------
# The view the template renders: plain data, no markup.


@dataclass(frozen=True, slots=True)
class _SpeakerView:
    css: str
    name: str
    role: str | None
    colour: str
    underline: str
    quotes: int
    hidden: int


@dataclass(slots=True)
class _QuoteView:
    ref: str
    id: str
    speaker: _SpeakerView
    role: str | None
    cue: str | None
    type: str
    stance: str
    parts: list[str]
    offsets: str
    problem: str | None
    tip: str = ""


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    # Innermost first: the first one lends its colour.
    quotes: tuple[_QuoteView, ...] = ()
    # Quotes whose first highlighted character is here, so the quote list can link to them.
    anchors: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        """Classes of the highlight: the colouring speaker, and whether quotes overlap here."""
        extra = " multi" if len(self.quotes) > 1 else ""
        return f"hl {self.quotes[0].speaker.css}{extra}"

    @property
    def refs(self) -> str:
        """Space-separated refs of every quote covering the piece."""
        return " ".join(q.ref for q in self.quotes)

    @property
    def described_by(self) -> str:
        """Ids of the hidden descriptions a screen reader reads for this piece."""
        return " ".join(f"desc-{q.ref}" for q in self.quotes)

    @property
    def tip(self) -> str:
        """Tooltip text: every covering quote, innermost first."""
        return "\n\n".join(q.tip for q in self.quotes)


@dataclass(slots=True)
class _StanceView:
    speaker: str
    swatch: _SpeakerView | None
    target: str
    label: str
    quote_ids: list[str]


@dataclass(slots=True)
class _Report:
    title: str
    analysis: Analysis
    speakers: list[_SpeakerView]
    quotes: list[_QuoteView]
    paragraphs: list[list[_Piece]]
    stances: list[_StanceView]
    undisplayable: list[_QuoteView]
    renderer_warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------


def _speaker_key(quote: Quote) -> str | None:
    return quote.speaker.name or None


def _speakers(
    quotes: Sequence[Quote], problems: Sequence[str | None]
) -> dict[str | None, _SpeakerView]:
    order: list[str | None] = []
    counts: dict[str | None, int] = {}
    hidden: dict[str | None, int] = {}
    roles: dict[str | None, str | None] = {}
    for quote, problem in zip(quotes, problems, strict=True):
        key = _speaker_key(quote)
        if key not in counts:
            order.append(key)
            counts[key] = hidden[key] = 0
            roles[key] = None
        counts[key] += 1
        hidden[key] += problem is not None
        roles[key] = roles[key] or quote.speaker.role
    views: dict[str | None, _SpeakerView] = {}
    hue = 0
    for index, key in enumerate(order):
        if key is None:
            colour, underline = UNATTRIBUTED_COLOUR, "none"
        else:
            cycle, slot = divmod(hue, len(DEFAULT_PALETTE))
            colour = DEFAULT_PALETTE[slot]
            underline = _CYCLE_MARKS[cycle % len(_CYCLE_MARKS)]
            hue += 1
        views[key] = _SpeakerView(
            css=f"s{index}",
            name=key if key is not None else "Unattributed",
            role=roles[key],
            colour=colour,
            underline=underline,
            quotes=counts[key],
            hidden=hidden[key],
        )
    return views


def _stance_text(quote: Quote) -> str:
    if quote.stance is None:
        return "no stance"
    return f"{quote.stance.label} toward {quote.stance.target}"


def _tip(view: _QuoteView) -> str:
    who = view.speaker.name
    if view.role:
        who += f" ({view.role})"
    return "\n".join(
        [
            f"{view.id} · {who}",
            f"cue: {view.cue or '—'} · {view.type}",
            f"stance: {view.stance}",
        ]
    )


def _lines(article: str) -> list[tuple[int, int]]:
    """`[start, end)` of every line, line breaks excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(article):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(article)))
    return out


def _sweep(
    article: str, located: Iterable[tuple[_QuoteView, Sequence[tuple[int, int]]]]
) -> list[list[_Piece]]:
    """Cut the article into flat pieces at every span boundary and line break.

    Overlapping and nested quotes would need crossing tags if each quote were one element;
    flat pieces, each knowing every quote that covers it, keep the markup well-formed.
    """
    # (start, end, order, view): order breaks ties between equal spans deterministically.
    spans: list[tuple[int, int, int, _QuoteView]] = []
    for order, (view, ranges) in enumerate(located):
        spans.extend((a, b, order, view) for a, b in ranges)
    cuts = {0, len(article)}
    for a, b, _, _ in spans:
        cuts.update((a, b))
    lines = _lines(article)
    for a, b in lines:
        cuts.update((a, b))
    points = sorted(cuts)

    starting: dict[int, list[tuple[int, int, int, _QuoteView]]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    active: list[tuple[int, int, int, _QuoteView]] = []
    segments: list[tuple[int, int, tuple[_QuoteView, ...]]] = []
    for a, b in itertools.pairwise(points):
        active = [s for s in active if s[1] > a] + starting.get(a, [])
        # Innermost wins: the shortest covering span, then the one starting later.
        active.sort(key=lambda s: (s[1] - s[0], -s[0], -s[2]))
        views: list[_QuoteView] = []
        for s in active:
            if s[3] not in views:
                views.append(s[3])
        segments.append((a, b, tuple(views)))

    paragraphs: list[list[_Piece]] = []
    anchored: set[str] = set()
    index = 0
    for line_start, line_end in lines:
        pieces: list[_Piece] = []
        while index < len(segments) and segments[index][0] < line_start:
            index += 1  # segments inside a line break are not shown
        while index < len(segments) and segments[index][1] <= line_end:
            a, b, covering = segments[index]
            index += 1
            if a == b:
                continue
            text = article[a:b]
            if pieces and pieces[-1].quotes == covering:
                pieces[-1] = _Piece(pieces[-1].text + text, covering, pieces[-1].anchors)
                continue
            anchors = tuple(v.ref for v in covering if v.ref not in anchored)
            anchored.update(anchors)
            pieces.append(_Piece(text, covering, anchors))
        if any(p.text.strip() for p in pieces):
            paragraphs.append(pieces)
    return paragraphs


def _report(analysis: Analysis, article: str, title: str | None) -> _Report:
    quotes = analysis.quotes
    problems = [quote_problem(q, article) for q in quotes]
    speakers = _speakers(quotes, problems)
    views: list[_QuoteView] = []
    located: list[tuple[_QuoteView, list[tuple[int, int]]]] = []
    for number, (quote, problem) in enumerate(zip(quotes, problems, strict=True), start=1):
        speaker = speakers[_speaker_key(quote)]
        view = _QuoteView(
            ref=f"quote-{number}",
            id=quote.id,
            speaker=speaker,
            # A role given at one mention holds for the speaker's other quotes.
            role=quote.speaker.role or speaker.role,
            cue=quote.cue,
            type=quote.type,
            stance=_stance_text(quote),
            parts=content_texts(quote) if problem is None else [quote.text],
            offsets=f"{quote.start}–{quote.end}",
            problem=problem,
        )
        view.tip = _tip(view)
        views.append(view)
        if problem is None:
            located.append((view, content_ranges(quote)))

    by_name = {v.name: v for k, v in speakers.items() if k is not None}
    stances = [
        _StanceView(
            speaker=row.speaker,
            swatch=by_name.get(row.speaker),
            target=row.target,
            label=row.label,
            quote_ids=row.quote_ids,
        )
        for row in analysis.stances
    ]
    warnings = []
    if _article_sha256(article) != analysis.meta.article_sha256:
        warnings.append(
            "The article given to the renderer is not the one that was analysed (its SHA-256 "
            "differs); highlights are shown only where the quote text still matches."
        )
    return _Report(
        title=title if title is not None else analysis.summary.headline,
        analysis=analysis,
        speakers=list(speakers.values()),
        quotes=views,
        paragraphs=_sweep(article, located),
        stances=stances,
        undisplayable=[v for v in views if v.problem is not None],
        renderer_warnings=warnings,
    )


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """A rendered report and the Content-Security-Policy its `<meta>` states."""

    html: str
    content_security_policy: str


def render_html_report(analysis: Analysis, article: str, *, title: str | None = None) -> HtmlReport:
    """The report (as `render_html`) with its policy, for a server to send as a header."""
    template = _environment().get_template("report.html.j2")
    # A module, not render(): its top-level variables (the style and script) stay readable.
    module = template.make_module({"report": _report(analysis, article, title)})
    exported = vars(module)
    policy = _content_security_policy(exported["style"], exported["script"])
    return HtmlReport(html=str(module), content_security_policy=str(policy))


def render_html(analysis: Analysis, article: str, *, title: str | None = None) -> str:
    """One self-contained HTML page: summary, highlighted article, legend, stances, meta."""
    return render_html_report(analysis, article, title=title).html


@cache
def report_script_source() -> str:
    """The CSP source (`'sha256-…'`) of the script every report carries."""
    return _csp_source(_environment().get_template("report.js").render())
