"""The offline engine: deterministic analysis with no network and no model download.

The article is segmented once (`_doc.Doc`: paragraphs, sentences, token views, quotation
marks) and every stage reads that one `Doc`. Quotation marks, reporting cues and
attribution patterns find the quotes (`_extract`), names and pronouns are resolved to
speakers (`_speakers`), a lexicon assigns stances only where the text shows one
(`summarizer._stance`), and an extractive summary picks sentences by position and
centrality (`_summary`).
"""

from __future__ import annotations

import hashlib

from .._config import Config
from .._models import Analysis, Meta, Quote
from .._stance import candidate_targets, cue_chains, detect_stance, speaks_for, stance_rows
from .._verify import verify_quotes
from .._version import __version__
from ._doc import Doc
from ._extract import extract_quotes
from ._summary import summarize

__all__ = ["analyze_offline"]


CONTEXT_CHARS = 2000
"""How much of the article before a quote `detect_stance` may search for a "he"/"she"."""


def _with_stances(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    article = doc.text
    targets = candidate_targets(article)
    chains = cue_chains(article, quotes)
    # A chain's unnamed link ("…, saying that if he …") speaks for the chain's speaker.
    speakers = [q.speaker.name for q in quotes]
    for chain in chains:
        named = next((speakers[i] for i in chain if speakers[i]), None)
        for i in chain:
            speakers[i] = speakers[i] or named
    found = []
    for q, speaker in zip(quotes, speakers, strict=True):
        # The reporting clause can carry the position ("X criticised Y, saying …"), so the
        # stance reads the quote's span plus its cue when the cue sits outside it.
        lo, hi = q.start, q.end
        if q.cue_start is not None and q.cue_end is not None:
            lo, hi = min(q.start, q.cue_start), max(q.end, q.cue_end)
        # The context resolves "he"/"she" to the person named just before.
        stance = detect_stance(
            article[lo:hi],
            targets=targets,
            speaker=speaker,
            cue=q.cue,
            quote=q.text,
            context=article[max(0, lo - CONTEXT_CHARS) : lo],
            article=doc,
            start=lo,
        )
        if (
            stance is not None
            and stance.label == "against"
            and speaks_for(q.speaker.role, stance.target)
        ):
            # "We are on the wrong side of this issue", said by OpenAI's CEO, judges a policy of
            # the speaker's own organisation, not the organisation: no position toward it.
            stance = None
        found.append(stance)
    # One clause's coordinated cues ("rejected …, saying …") are one position, often shown
    # by one link only: a link without a stance takes the chain's first one.
    out = list(quotes)
    for chain in chains:
        shared = next((found[i] for i in chain if found[i] is not None), None)
        for i in chain:
            stance = found[i] or shared
            if stance is not None:
                out[i] = quotes[i].model_copy(update={"stance": stance})
    return out


def analyze_offline(article: str, config: Config) -> Analysis:
    """Analyse `article` with the offline engine; the text must already be validated."""
    warnings: list[str] = []
    doc = Doc(article)
    found = extract_quotes(doc, warnings)
    doc.release("name_tokens")  # the speakers' view: no later stage reads it
    quotes, rejected = verify_quotes(article, found)
    quotes = _with_stances(doc, quotes)
    summary = summarize(doc, sentences=config.summary_sentences, quotes=quotes)
    meta = Meta(
        engine="offline",
        version=__version__,
        rejected=rejected,
        warnings=warnings,
        article_sha256=hashlib.sha256(article.encode("utf-8")).hexdigest(),
        article_chars=len(article),
    )
    return Analysis(summary=summary, quotes=quotes, stances=stance_rows(quotes), meta=meta)
