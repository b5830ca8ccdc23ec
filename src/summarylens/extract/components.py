"""spaCy registration: the jieba tokenizer, three components and their extensions.

Components read optional context a caller may set on the Doc first (``summarylens``
does, from the structure stage):

- ``doc._.parts``: ``[(part, start, end)]`` character ranges of ``review``/``plan``;
  without it every quantity is an ``actual`` and every sentence may hold a plan;
- ``doc._.headings``: ``[(start, end)]`` heading ranges, never plans or achievements;
- ``doc._.sentence_spans``: ``[(start, end)]``; without it sentences are split here.

They set ``doc._.quantities``/``doc.spans["metrics"]``, ``doc._.achievement_spans``/
``doc.spans["achievements"]`` and ``doc._.clauses``/``doc.spans["commitments"]``.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import types
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from itertools import accumulate, pairwise
from typing import Any

from summarylens.extract.commitments import find_commitments, is_achievement
from summarylens.extract.metrics import find_quantities

_ABSENT = object()
COMPONENTS = ("summarylens_metrics", "summarylens_achievements", "summarylens_commitments")
DOC_EXTENSIONS = (
    "parts", "headings", "sentence_spans", "quantities", "achievement_spans", "clauses",
)  # fmt: skip


@contextmanager
def _standing_in(stand_ins: dict[str, Any]) -> Iterator[None]:
    """Import with some modules replaced, then put back what was there, so that a
    later real import of them still works. ``compare`` must answer in 2 s, and two
    imports load what we never use: jieba imports ``pkg_resources`` only to find
    its dictionary (None makes it use its own fallback: 0.075 s), and spaCy's
    package imports its whole command line only to export ``spacy.info`` (0.2 s)."""
    saved = {name: sys.modules.get(name, _ABSENT) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is _ABSENT:
                del sys.modules[name]
            else:
                sys.modules[name] = module


@cache
def import_spacy() -> Any:
    """spaCy without its command line (``spacy.info`` is a no-op in this process)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    info = types.ModuleType("spacy.cli.info")
    info.info = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    with _standing_in({"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": info}):
        import spacy
    return spacy


@cache
def jieba_tokenizer() -> Any:
    """A private jieba instance with the genre's words: the global one stays untouched."""
    with _standing_in({"pkg_resources": None}):
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    words = resources.files("summarylens.data").joinpath("jieba_user_dict.txt")
    with resources.as_file(words) as path:
        tokenizer.load_userdict(str(path))
    return tokenizer


def word_ends(text: str) -> tuple[int, ...]:
    """Where each of jieba's words (with the genre's dictionary) ends in ``text``."""
    return tuple(accumulate(map(len, jieba_tokenizer().lcut(text, HMM=True)))) if text else ()


def make_doc(vocab: Any, text: str, ends: tuple[int, ...]) -> Any:
    """A Doc of ``text`` cut at ``ends``; it keeps both, so nothing re-joins its tokens."""
    from spacy.tokens import Doc

    words = [text[a:b] for a, b in pairwise((0, *ends))]
    doc = Doc(vocab, words=words, spaces=[False] * len(words))
    doc.user_data["word_ends"] = ends
    doc.user_data["text"] = text
    return doc


class JiebaTokenizer:
    """Builds the Doc straight from jieba's words: about 1.05× bare jieba, where
    spaCy's own jieba segmenter costs about 3×. Character offsets are exact
    because the words concatenate to the text."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        return make_doc(self.vocab, text, word_ends(text))


def doc_text(doc: Any) -> str:
    """The Doc's text, built at most once: spaCy's ``Doc.text`` joins every token on
    each read (the jieba tokenizer keeps the text it was given)."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def _ranges(doc: Any, part: str) -> list[tuple[int, int]]:
    return [(start, end) for name, start, end in doc._.parts or () if name == part]


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _sentences(doc: Any, text: str) -> list[tuple[int, int]]:
    if doc._.sentence_spans is not None:
        return doc._.sentence_spans
    from summarylens.structure import split_sentences

    return split_sentences(text)


def _spans(doc: Any, ranges: list[tuple[int, int]], label: str) -> list[Any]:
    spans = (doc.char_span(s, e, label=label, alignment_mode="expand") for s, e in ranges)
    return [span for span in spans if span is not None]


def metrics_component(doc: Any) -> Any:
    """Every quantity; in the plan part it is a ``target`` (found as an ``actual``)."""
    plan = _ranges(doc, "plan")
    quantities = [
        dataclasses.replace(q, kind="target") if _inside(q.start, plan) else q
        for q in find_quantities(doc_text(doc))
    ]
    doc._.quantities = quantities
    doc.spans["metrics"] = _spans(doc, [(q.start, q.end) for q in quantities], "METRIC")
    return doc


def _candidate_sentences(doc: Any, text: str, part: str) -> list[tuple[int, int]]:
    """Sentences of a part (all of them without part information), headings left out."""
    ranges = _ranges(doc, part) if doc._.parts else None
    headings = sorted(doc._.headings or ())
    heading_starts = [start for start, _end in headings]
    candidates = []
    for start, end in _sentences(doc, text):
        if ranges is not None and not _inside(start, ranges):
            continue
        nearest = bisect_right(heading_starts, start) - 1
        if nearest >= 0 and start < headings[nearest][1]:
            continue
        candidates.append((start, end))
    return candidates


def achievements_component(doc: Any) -> Any:
    """Review sentences that report something done."""
    text = doc_text(doc)
    found = [
        (start, end)
        for start, end in _candidate_sentences(doc, text, "review")
        if is_achievement(text[start:end])
    ]
    doc._.achievement_spans = found
    doc.spans["achievements"] = _spans(doc, found, "ACHIEVEMENT")
    return doc


def commitments_component(doc: Any) -> Any:
    """Concrete plans of the plan part, with owner, deadline, modality and action."""
    text = doc_text(doc)
    quantities = doc._.quantities if doc._.quantities is not None else find_quantities(text)
    figures = [(q.start, q.end) for q in quantities]
    clauses = list(find_commitments(text, _candidate_sentences(doc, text, "plan"), figures))
    doc._.clauses = clauses
    doc.spans["commitments"] = _spans(doc, [(c.start, c.end) for c in clauses], "COMMITMENT")
    return doc


def register() -> None:
    """Register the tokenizer, the factories and the Doc extensions; idempotent."""
    import_spacy()
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import registry

    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if "summarylens.jieba_tokenizer.v1" not in registry.tokenizers:
        registry.tokenizers.register("summarylens.jieba_tokenizer.v1", func=_tokenizer_factory)
    factories = {
        "summarylens_metrics": (metrics_component, ["doc._.quantities", "doc.spans"]),
        "summarylens_achievements": (achievements_component, ["doc._.achievement_spans"]),
        "summarylens_commitments": (commitments_component, ["doc._.clauses", "doc.spans"]),
    }
    for name, (component, assigns) in factories.items():
        if not Language.has_factory(name):
            Language.component(name, assigns=assigns, func=component)


def _tokenizer_factory() -> Any:
    """What spaCy's ``[nlp.tokenizer]`` config calls: a function from nlp to tokenizer."""
    return lambda nlp: JiebaTokenizer(nlp.vocab)
