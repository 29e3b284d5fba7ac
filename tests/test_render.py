"""Renderers: JSON is the contract, Markdown keeps its structure, HTML is safe and exact."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import _render
from summarizer._models import (
    Analysis,
    Meta,
    Quote,
    Rejection,
    Span,
    Speaker,
    Stance,
    StanceRow,
    Summary,
)
from summarizer._render import (
    render_html,
    render_html_report,
    render_json,
    render_markdown,
    report_script_source,
)
from summarizer._verify import quote_problem

# An invented article: a quote split by its attribution, reported speech carrying a nested
# direct quote by someone else, and a plain indirect quote.
ARTICLE = (
    "Riverton delays its bridge vote\n"
    "\n"
    '"We will not rush this," Mayor Ana Ruiz said on Tuesday. '
    '"The bridge must be safe and affordable."\n'
    'Council member Tom Becker said Ruiz had promised "a bridge for everyone" '
    "but delivered only delays.\n"
    "Ruiz said later that she still backed the plan.\n"
)

RUIZ = "Ana Ruiz"
BECKER = "Tom Becker"


def _at(article: str, text: str) -> tuple[int, int]:
    start = article.index(text)
    return start, start + len(text)


def _quote(
    article: str,
    qid: str,
    parts: list[str],
    speaker: str | None,
    *,
    role: str | None = None,
    type: str = "direct",
    cue: str | None = "said",
    stance: Stance | None = None,
) -> Quote:
    spans = [Span(start=a, end=b) for a, b in (_at(article, p) for p in parts)]
    start, end = spans[0].start, spans[-1].end
    return Quote.model_validate(
        {
            "id": qid,
            "text": article[start:end],
            "start": start,
            "end": end,
            "spans": spans,
            "type": type,
            "speaker": Speaker(name=speaker, role=role, kind="person"),
            "cue": cue,
            "stance": stance,
        }
    )


def _meta(article: str, **extra: object) -> Meta:
    return Meta.model_validate(
        {
            "engine": "offline",
            "version": "0.1.0",
            "article_sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
            "article_chars": len(article),
            **extra,
        }
    )


def _analysis(article: str, quotes: list[Quote], **kw: object) -> Analysis:
    return Analysis(
        summary=Summary(
            headline=str(kw.pop("headline", "Riverton delays its bridge vote")),
            text="The council postponed a vote. The mayor and a council member disagree.",
            key_points=["Vote delayed", "Mayor backs the plan"],
        ),
        quotes=quotes,
        stances=list(kw.pop("stances", [])),  # type: ignore[call-overload]
        meta=_meta(article, **kw),
    )


@pytest.fixture
def analysis() -> Analysis:
    """Four quotes over ARTICLE, two stance rows, a warning and a rejected quote."""
    quotes = [
        _quote(
            ARTICLE,
            "q1",
            ["We will not rush this,", "The bridge must be safe and affordable."],
            RUIZ,
            role="Mayor",
        ),
        _quote(
            ARTICLE,
            "q2",
            ['Ruiz had promised "a bridge for everyone" but delivered only delays'],
            BECKER,
            role="Council member",
            type="mixed",
            stance=Stance(target="Ana Ruiz", label="against"),
        ),
        _quote(ARTICLE, "q3", ["a bridge for everyone"], RUIZ, cue="promised"),
        _quote(
            ARTICLE,
            "q4",
            ["she still backed the plan"],
            RUIZ,
            type="indirect",
            stance=Stance(target="the bridge plan", label="favor"),
        ),
    ]
    return _analysis(
        ARTICLE,
        quotes,
        stances=[
            StanceRow(speaker=RUIZ, target="the bridge plan", label="favor", quote_ids=["q4"]),
            StanceRow(
                speaker=BECKER, target="Bridge | Tunnel plan", label="against", quote_ids=["q2"]
            ),
        ],
        warnings=["fallback used"],
        rejected=[Rejection(text="a made-up line", reason="not found in the article")],
    )


# ---------------------------------------------------------------------------------------
# An HTML reader that checks nesting and collects highlights.

_VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}


@dataclass
class _Mark:
    refs: list[str]
    classes: list[str]
    text: str = ""


@dataclass
class _Page(HTMLParser):
    stack: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    marks: list[_Mark] = field(default_factory=list)
    tags: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)
    swatches: dict[str, str] = field(default_factory=dict)
    style: str = ""
    script: str = ""
    _in: str | None = None
    _legend_item: list[str] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        a = dict(attrs)
        if tag == "mark":
            if any(t == "mark" for t in self.stack):
                self.errors.append("nested mark")
            self.marks.append(
                _Mark((a.get("data-quotes") or "").split(), (a["class"] or "").split())
            )
        if tag in {"style", "script"}:
            self._in = tag
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.style += data
        elif self._in == "script":
            self.script += data
        elif "mark" in self.stack:
            self.marks[-1].text += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def _ref_to_quote(analysis: Analysis) -> dict[str, Quote]:
    # The renderer numbers quotes in list order, independently of their (untrusted) ids.
    return {f"quote-{i}": q for i, q in enumerate(analysis.quotes, start=1)}


def _expected_highlight(article: str, quote: Quote) -> str:
    ranges = [(s.start, s.end) for s in quote.spans] or [(quote.start, quote.end)]
    return "".join(re.sub(r"[\r\n]", "", article[a:b]) for a, b in ranges)


# ---------------------------------------------------------------------------------------
# JSON


def test_json_round_trips_with_only_contract_keys(analysis: Analysis) -> None:
    out = render_json(analysis)
    assert out.endswith("}\n")
    assert Analysis.model_validate_json(out) == analysis
    assert json.loads(out) == analysis.model_dump(mode="json")


def test_all_is_complete_and_sorted() -> None:
    assert _render.__all__ == [
        "HtmlReport",
        "render_html",
        "render_html_report",
        "render_json",
        "render_markdown",
        "report_script_source",
    ]
    assert all(callable(getattr(_render, name)) for name in _render.__all__)


# ---------------------------------------------------------------------------------------
# Markdown


def test_markdown_has_headline_quotes_stances_and_meta(analysis: Analysis) -> None:
    md = render_markdown(analysis, ARTICLE)
    assert md.startswith("# Riverton delays its bridge vote\n")
    assert "- Vote delayed" in md
    for quote in analysis.quotes:
        for span in quote.spans:
            assert ARTICLE[span.start : span.end] in md.replace("\\", "")
    # The split quote shows its two parts, not the attribution between them.
    assert "said on Tuesday" not in md
    assert "**Ana Ruiz** (Mayor) — said — direct — no stance" in md
    assert "**Tom Becker** (Council member) — said — mixed — against toward Ana Ruiz" in md
    assert "| Speaker | Target | Label | Quotes |" in md
    assert "| Tom Becker | Bridge \\| Tunnel plan | against | q2 |" in md
    assert "- Engine: offline" in md
    assert "- fallback used" in md
    assert "| a made\\-up line |" not in md  # '-' mid-line needs no escape
    assert "| a made-up line | — | not found in the article |" in md
    assert "Not located" not in md


def test_markdown_tables_keep_their_columns() -> None:
    article = 'A | B said "x | y".\n'
    q = _quote(article, "q1", ["x | y"], "A | B", role="role|pipe")
    a = _analysis(
        article,
        [q],
        stances=[StanceRow(speaker="A | B", target="t|u", label="neutral", quote_ids=["q1"])],
        rejected=[Rejection(text="p|q", reason="r|s", speaker="x|y")],
    )
    md = render_markdown(a)
    # Each table is a run of consecutive "|" lines: header, separator, rows.
    tables: list[list[str]] = []
    previous = ""
    for line in md.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert [t[0] for t in tables] == [
        "| Speaker | Target | Label | Quotes |",
        "| Proposed | Speaker | Reason |",
    ]
    for header, _separator, *rows in tables:
        assert len(rows) == 1
        # Every row has its own table's column count once escaped pipes are left out.
        for row in rows:
            assert len(re.findall(r"(?<!\\)\|", row)) == header.count("|"), row
    assert tables[0][2] == "| A \\| B | t\\|u | neutral | q1 |"
    assert tables[1][2] == "| p\\|q | x\\|y | r\\|s |"
    assert "x \\| y" in md


def test_markdown_escapes_structure_breaking_text() -> None:
    article = "# Not a heading\n*bold* <b>x</b> [link](y)\n> quote\n"
    q = _quote(article, "q1", [article.strip()], "<b>x</b>", type="indirect", cue=None)
    md = render_markdown(_analysis(article, [q], headline="# deep [x](y)"))
    assert md.startswith("# \\# deep \\[x\\](y)\n")
    assert "<b>" not in md
    assert "\\*bold\\*" in md
    assert "> \\# Not a heading" in md
    assert "> \\> quote" in md
    assert "**\\<b\\>x\\</b\\>** — no cue — indirect" in md


BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


def test_markdown_shows_bidi_controls_by_name_and_json_keeps_them() -> None:
    # U+202E reversed what a terminal showed after it: a quote could read as other words.
    article = 'Eve \u202eLee\u202c said "pay \u2066100\u2069 now \u202e!tsrif" on Monday.\n'
    q = _quote(article, "q1", ["pay \u2066100\u2069 now \u202e!tsrif"], "Eve \u202eLee\u202c")
    a = _analysis(
        article,
        [q],
        headline="".join(BIDI) + "Headline",
        stances=[
            StanceRow(speaker="Eve \u202eLee", target="t\u202d", label="favor", quote_ids=["q1"])
        ],
        warnings=["w\u202a"],
        rejected=[Rejection(text="r\u202b", reason="x\u2067", speaker="s\u2068")],
    )
    md = render_markdown(a, article)
    assert not any(c in md for c in BIDI), [c for c in BIDI if c in md]
    assert "<U+202E>" in md and "<U+2066>" in md and "<U+2069>" in md
    assert (
        "# <U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069>Headline" in md
    )
    assert "> pay <U+2066>100<U+2069> now <U+202E>!tsrif" in md
    # JSON is the contract: the article's characters, so offsets still slice to the text.
    data = json.loads(render_json(a))
    quote = data["quotes"][0]
    assert "\u202e" in quote["text"] and article[quote["start"] : quote["end"]] == quote["text"]
    assert data["summary"]["headline"] == "".join(BIDI) + "Headline"


def test_markdown_flags_quotes_that_do_not_fit_the_article(analysis: Analysis) -> None:
    other = ARTICLE.replace("Tuesday", "Monday.")
    md = render_markdown(analysis, other)
    assert "this is not the article that was analysed" in md
    assert "**Not located:** article\\[" in md


# ---------------------------------------------------------------------------------------
# HTML


def test_html_is_well_formed_and_highlights_exactly_the_quotes(analysis: Analysis) -> None:
    page = _parse(render_html(analysis, ARTICLE))
    quotes = _ref_to_quote(analysis)
    assert page.marks
    for ref, quote in quotes.items():
        shown = "".join(m.text for m in page.marks if ref in m.refs)
        assert shown == _expected_highlight(ARTICLE, quote), ref
    # The attribution inside the split quote is left alone.
    assert all("said on Tuesday" not in m.text for m in page.marks)
    # In document order, the highlights are exactly the union of all spans.
    covered = sorted({i for q in quotes.values() for s in q.spans for i in range(s.start, s.end)})
    assert "".join(m.text for m in page.marks) == "".join(ARTICLE[i] for i in covered)


def test_html_nested_quote_takes_the_colour_and_lists_both(analysis: Analysis) -> None:
    page = _parse(render_html(analysis, ARTICLE))
    inner = [m for m in page.marks if m.text == "a bridge for everyone"]
    assert len(inner) == 1
    # The nested quote (q3, Ruiz) is innermost: listed first, and its speaker's colour wins.
    assert inner[0].refs == ["quote-3", "quote-2"]
    ruiz_colour = next(m.classes[1] for m in page.marks if m.refs == ["quote-1"])
    assert inner[0].classes[1] == ruiz_colour
    assert "multi" in inner[0].classes


def test_html_same_speaker_same_colour_everywhere(analysis: Analysis) -> None:
    html = render_html(analysis, ARTICLE)
    page = _parse(html)
    quotes = _ref_to_quote(analysis)
    colour_of: dict[str | None, set[str]] = {}
    for m in page.marks:
        speaker = quotes[m.refs[0]].speaker.name
        colour_of.setdefault(speaker, set()).add(m.classes[1])
    assert all(len(c) == 1 for c in colour_of.values())
    assert colour_of[RUIZ] != colour_of[BECKER]
    # The legend and the stance table use the same classes.
    for speaker, (css,) in colour_of.items():
        assert re.search(rf'<span class="swatch {css}" aria-hidden="true"></span>{speaker}', html)
    # Each class has one colour, defined once.
    rules = re.findall(r"\.(s\d+) \{ background-color: (#[0-9A-F]{6})", page.style)
    assert len({c for c, _ in rules}) == len(rules)
    assert len({col for _, col in rules}) == len(rules)


def test_html_tooltips_are_keyboard_reachable_and_describe_the_quote(analysis: Analysis) -> None:
    html = render_html(analysis, ARTICLE)
    page = _parse(html)
    for tag, attrs in page.tags:
        if tag == "mark":
            a = dict(attrs)
            assert a["tabindex"] == "0"
            assert a["data-tip"]
            refs = (a["data-quotes"] or "").split()
            assert (a["aria-describedby"] or "").split() == [f"desc-{r}" for r in refs]
    tips = [dict(attrs)["data-tip"] for tag, attrs in page.tags if tag == "mark"]
    assert "q1 · Ana Ruiz (Mayor)\ncue: said · direct\nstance: no stance" in tips
    nested = next(t for t in tips if t and t.startswith("q3"))
    # q3 names no role itself; the one Ruiz was given elsewhere carries over.
    assert nested.startswith("q3 · Ana Ruiz (Mayor)\ncue: promised · direct")
    assert "q2 · Tom Becker (Council member)" in nested
    assert "stance: against toward Ana Ruiz" in nested
    assert ":focus::after" in page.style


def test_html_has_summary_legend_stances_and_meta(analysis: Analysis) -> None:
    html = render_html(analysis, ARTICLE, title="Report <1>")
    assert "<title>Report &lt;1&gt;</title>" in html
    assert "The council postponed a vote." in html
    assert "<li>Mayor backs the plan</li>" in html
    assert "· 3 quotes</span>" in html  # Ruiz in the legend
    assert "· 1 quote</span>" in html
    assert "Bridge | Tunnel plan" in html
    assert '<span class="label-against">against</span>' in html
    assert "fallback used" in html
    assert "a made-up line" in html and "not found in the article" in html
    assert "summarizer 0.1.0" in html
    # Paragraphs follow the article's lines; the blank line makes none.
    assert html.count("<p>") == 4


def test_html_is_self_contained() -> None:
    article = 'Ana Ruiz said "it is fine".\n'
    a = _analysis(article, [_quote(article, "q1", ["it is fine"], RUIZ)])
    html = render_html(a, article)
    assert "http://" not in html and "https://" not in html
    page = _parse(html)
    for tag, attrs in page.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed"}
        for name, value in attrs:
            if name in {"src", "href", "action", "formaction", "srcset"}:
                assert value is not None and value.startswith("#"), (tag, name, value)
    assert "url(" not in page.style
    assert "@import" not in page.style and "@font-face" not in page.style


def test_html_content_security_policy_names_the_inline_style_and_script(
    analysis: Analysis,
) -> None:
    html = render_html(analysis, ARTICLE)
    page = _parse(html)
    csp = next(
        dict(attrs)["content"]
        for tag, attrs in page.tags
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp

    def source(text: str) -> str:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        return "'sha256-" + base64.b64encode(digest).decode() + "'"

    assert f"style-src {source(page.style)};" in csp
    assert f"script-src {source(page.script)};" in csp
    assert " style=" not in html  # inline style attributes would be blocked
    # Written as it is read, not as entities: whoever reads the text (a server that sends
    # the policy as a header, a page that admits the report's script) finds the same.
    assert f'content="{csp}"' in html
    report = render_html_report(analysis, ARTICLE)
    assert report.html == html and report.content_security_policy == csp
    assert report_script_source() == source(page.script)


def test_html_renders_untrusted_text_inert() -> None:
    article = (
        'Hacker <b>x</b> said "<script>alert(1)</script>" today.\n'
        'Then ""><img src=x onerror=alert(1)>" appeared.\n'
    )
    quotes = [
        _quote(article, "q1", ["<script>alert(1)</script>"], "<b>x</b>", role="<i>r</i>"),
        _quote(
            article,
            '"><svg onload=alert(1)>',
            ['"><img src=x onerror=alert(1)>'],
            "<b>x</b>",
            cue="<u>said</u>",
            stance=Stance(target="<script>t</script>", label="favor"),
        ),
    ]
    a = _analysis(
        article,
        quotes,
        headline="<script>alert(2)</script>",
        stances=[StanceRow(speaker="<b>x</b>", target="</td><td>", label="favor", quote_ids=[])],
        warnings=["<img src=y>"],
        rejected=[Rejection(text="<iframe>", reason="<b>r</b>", speaker="<b>x</b>")],
    )
    html = render_html(a, article, title="<title>")
    page = _parse(html)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "nav",
        "span",
        "div",
        "mark",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "q",
        "strong",
        "dl",
        "dt",
        "dd",
        "script",
    }
    assert {tag for tag, _ in page.tags} <= allowed
    assert sum(tag == "script" for tag, _ in page.tags) == 1
    assert "alert" not in page.script
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name, _ in attrs), tag
        if tag in {"b", "i", "u", "img", "svg", "iframe"}:
            pytest.fail(f"untrusted <{tag}> rendered as markup")
    for raw in ("<script>alert", "<img", "<b>", "<svg", "<iframe", "<i>", "<u>"):
        assert raw not in html
    # ... yet the text is still there for the reader, escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    # And the quotes are still highlighted.
    for ref, quote in _ref_to_quote(a).items():
        assert "".join(m.text for m in page.marks if ref in m.refs) == quote.text


def test_html_lists_quotes_with_bad_offsets_instead_of_crashing() -> None:
    article = 'Ana Ruiz said "yes".\nTom Becker said "no".\n'
    good = _quote(article, "q1", ["yes"], RUIZ)
    beyond = Quote(
        id="q2",
        text="x" * 10,
        start=len(article) - 2,
        end=len(article) + 8,
        type="direct",
        speaker=Speaker(name=BECKER),
    )
    mismatch = Quote(
        id="q3", text="maybe", start=0, end=5, type="direct", speaker=Speaker(name=BECKER)
    )
    stray_span = Quote(
        id="q4",
        text="no",
        start=article.index("no"),
        end=article.index("no") + 2,
        spans=[Span(start=0, end=3)],
        type="direct",
        speaker=Speaker(name=BECKER),
    )
    # Bypasses validation, as a careless engine might.
    broken = Quote.model_construct(
        id="q5", text="abc", start=9, end=2, spans=[], type="direct", speaker=Speaker(name=None)
    )
    a = _analysis(article, [good, beyond, mismatch, stray_span])
    a.quotes.append(broken)
    html = render_html(a, article)
    page = _parse(html)
    assert [m.refs for m in page.marks] == [["quote-1"]]
    assert "Quotes that cannot be shown in the article" in html
    assert "lie outside the article" in html
    assert "article[0:5] does not match the quote text" in html
    assert "span 0–3 lies outside the quote" in html
    assert "offsets 9–2 are not a range" in html
    assert "· 3 quotes, 3 not shown</span>" in html
    # Markdown copes with the same analysis.
    md = render_markdown(a, article)
    assert md.count("**Not located:**") == 4


def test_html_overlapping_quotes_stay_well_formed() -> None:
    article = "one two three four five six\n"
    q1 = _quote(article, "q1", ["one two three four"], RUIZ)
    q2 = _quote(article, "q2", ["three four five six"], BECKER)
    page = _parse(render_html(_analysis(article, [q1, q2]), article))
    assert [(m.text, m.refs) for m in page.marks] == [
        ("one two ", ["quote-1"]),
        ("three four", ["quote-1", "quote-2"]),  # q1 is the shorter, so innermost
        (" five six", ["quote-2"]),
    ]


def test_html_quote_across_paragraphs_is_highlighted_in_each() -> None:
    article = 'She said: "First part.\nSecond part." Done.\n'
    q = _quote(article, "q1", ["First part.\nSecond part."], "Ana Ruiz")
    page = _parse(render_html(_analysis(article, [q]), article))
    assert [m.text for m in page.marks] == ["First part.", "Second part."]


def test_html_palette_keeps_many_speakers_apart() -> None:
    names = [f"Speaker {i}" for i in range(20)]
    article = " ".join(f'{n} said "w{i}".' for i, n in enumerate(names)) + "\n"
    quotes = [_quote(article, f"q{i}", [f"w{i}"], n) for i, n in enumerate(names)]
    quotes.append(_quote(article, "qx", ["said"], None))
    page = _parse(render_html(_analysis(article, quotes), article))
    rules = re.findall(r"\.(s\d+) \{ ([^}]*)\}", page.style)
    assert len(rules) == 21
    assert len({body for _, body in rules}) == 21


def test_html_without_quotes_or_stances() -> None:
    article = "Nothing was said.\n"
    html = render_html(_analysis(article, []), article)
    page = _parse(html)
    assert page.marks == []
    assert "No attributed quotes were found." in html


def test_html_warns_when_given_another_article(analysis: Analysis) -> None:
    html = render_html(analysis, ARTICLE + "Extra.\n")
    assert "is not the one that was analysed" in html


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet="ab \n<&\"'", min_size=1, max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.lists(
                    st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
                    min_size=1,
                    max_size=3,
                ),
                max_size=5,
            ),
        )
    )
)
def test_html_any_overlap_is_well_formed_and_exact(
    case: tuple[str, list[list[list[int]]]],
) -> None:
    article, span_lists = case
    quotes = []
    for i, ranges in enumerate(span_lists):
        ranges = sorted(ranges)
        start, end = ranges[0][0], max(b for _, b in ranges)
        quotes.append(
            Quote(
                id=f"q{i}",
                text=article[start:end],
                start=start,
                end=end,
                spans=[Span(start=a, end=b) for a, b in ranges],
                type="direct",
                speaker=Speaker(name=f"S{i % 3}"),
            )
        )
    a = _analysis(article, quotes)
    page = _parse(render_html(a, article))
    # Line breaks and whitespace-only lines are not shown, so neither are their highlights.
    visible = {
        i
        for m in re.finditer(r"[^\r\n]+", article)
        if m.group().strip()
        for i in range(m.start(), m.end())
    }
    for ref, quote in _ref_to_quote(a).items():
        if quote_problem(quote, article) is not None:
            # Quotes with no visible content (whitespace, empty spans) are refused by the
            # shared check and listed as not displayable, not highlighted.
            assert quote_problem(quote, article) == "empty quote"
            continue
        chars = sorted({i for s in quote.spans for i in range(s.start, s.end)} & visible)
        shown = "".join(m.text for m in page.marks if ref in m.refs)
        assert shown == "".join(article[i] for i in chars)
