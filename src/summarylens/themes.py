"""What each section is about, from a taxonomy of union-work themes.

The taxonomy is a TOML file (``data/themes.toml`` by default, any file of the
same shape with ``--taxonomy``). With the shipped taxonomy a linear model
trained on the corpus (``summarylens train``, weights in ``models/themes.json``,
scored here with NumPy: no scikit-learn at run time) decides; without a model,
or with a user's taxonomy, the taxonomy's keywords do, heading words counting
more than body words, and ``other`` when nothing matches.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from summarylens import rules
from summarylens.errors import TaxonomyError

FALLBACK = "other"
HEADING_WEIGHT = 3.0
CHAR_NGRAMS = (1, 2, 3)
MIN_WORD_LENGTH = 2


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    label_en: str
    keywords: tuple[str, ...]


def load_taxonomy(path: str | None = None) -> tuple[Theme, ...]:
    """The shipped taxonomy, or the user's file.

    Raises:
        TaxonomyError: the file is missing or not a taxonomy.
    """
    return _taxonomy(path)


@cache
def _taxonomy(path: str | None) -> tuple[Theme, ...]:
    """Read once per path, however it is asked for: ``classify`` compares each
    section's taxonomy with the shipped one, at once when they are one object."""
    if path is None:
        data = rules.load("themes")
    else:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise TaxonomyError(path, type(error).__name__) from error
    try:
        taxonomy = tuple(
            Theme(key, entry["label"], entry.get("label_en", key), tuple(entry.get("keywords", ())))
            for key, entry in data.items()
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise TaxonomyError(path or "themes.toml", "each theme needs a label") from error
    if FALLBACK not in {theme.key for theme in taxonomy}:
        taxonomy += (Theme(FALLBACK, "其他", "Other", ()),)
    return taxonomy


def _hits(text: str, taxonomy: tuple[Theme, ...]) -> list[int]:
    """Keyword occurrences per theme, in taxonomy order (whole counts: summed apart
    they add up to the same number, with the counting loops in C)."""
    return [sum(map(text.count, theme.keywords)) for theme in taxonomy]


def score(heading: str, body: str, taxonomy: tuple[Theme, ...]) -> dict[str, float]:
    """Keyword hits per theme, heading hits weighted up."""
    return {
        theme.key: HEADING_WEIGHT * in_heading + in_body
        for theme, in_heading, in_body in zip(
            taxonomy, _hits(heading, taxonomy), _hits(body, taxonomy), strict=True
        )
    }


def keyword_theme(heading: str, body: str, taxonomy: tuple[Theme, ...]) -> str:
    scores = score(heading, body, taxonomy)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else FALLBACK


def _words(text: str, words: Sequence[str] | None = None) -> list[str]:
    """Jieba's words of ``text`` (``words`` when the caller segmented it already)."""
    if words is None:
        from summarylens.extract.components import jieba_tokenizer

        words = jieba_tokenizer().lcut(text)
    return [word for word in words if len(word) >= MIN_WORD_LENGTH and word.isalnum()]


Words = tuple[Sequence[str], Sequence[str]]  # a heading's and a body's jieba words


def features(heading: str, body: str, words: Words | None = None) -> list[str]:
    """What the model sees: character n-grams of the heading (``h:``) and jieba words
    of heading (``hw:``) and body (``w:``). Training and scoring share this function."""
    heading_words, body_words = words or (None, None)
    grams = [f"h:{g}" for g in _grams(heading.strip())]
    return (
        grams
        + [f"hw:{w}" for w in _words(heading, heading_words)]
        + [f"w:{w}" for w in _words(body, body_words)]
    )


def _grams(text: str) -> list[str]:
    return [text[i : i + n] for n in CHAR_NGRAMS for i in range(len(text) - n + 1)]


def keyword_features(heading: str, body: str, taxonomy: tuple[Theme, ...]) -> list[float]:
    """Keyword scores, damped, in taxonomy order: prior knowledge the model can weigh."""
    scores = score(heading, body, taxonomy)
    return [math.log1p(scores[theme.key]) for theme in taxonomy]


@dataclass(frozen=True)
class ThemeModel:
    """Multinomial logistic regression over tf-idf features plus keyword scores."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: Any
    coef: Any
    intercept: Any

    def scores(
        self, heading: str, body: str, taxonomy: tuple[Theme, ...], words: Words | None = None
    ) -> Any:
        """Class scores of sklearn's TfidfVectorizer(sublinear_tf=True) transform and
        the keyword features, from the few columns a section's terms hit: a dense
        product over the whole vocabulary costs more and starts BLAS threads that
        starve parallel batch workers."""
        import numpy as np

        hits = [
            (self.vocabulary[term], 1 + math.log(count))
            for term, count in Counter(features(heading, body, words)).items()
            if term in self.vocabulary
        ]
        columns = np.array([index for index, _tf in hits], dtype=np.int64)
        weights = np.array([tf for _index, tf in hits]) * self.idf[columns]
        norm = np.linalg.norm(weights)
        if norm:
            weights /= norm
        keywords = np.array(keyword_features(heading, body, taxonomy))
        tfidf_part = self.coef[:, columns] @ weights if hits else 0.0
        return tfidf_part + self.coef[:, len(self.vocabulary) :] @ keywords + self.intercept

    def predict(
        self, heading: str, body: str, taxonomy: tuple[Theme, ...], words: Words | None = None
    ) -> str:
        return self.classes[int(self.scores(heading, body, taxonomy, words).argmax())]

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "vocabulary": self.vocabulary,
            "idf": self.idf.round(6).tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ThemeModel:
        import numpy as np

        return cls(
            tuple(data["classes"]),
            data["vocabulary"],
            np.asarray(data["idf"]),
            np.asarray(data["coef"]),
            np.asarray(data["intercept"]),
        )


def model_path() -> Path:
    return Path(str(resources.files("summarylens.models").joinpath("themes.json")))


@cache
def load_model() -> ThemeModel | None:
    """The shipped model; None when ``summarylens train`` has not made one or found
    it no better than keywords in cross-validation (``use_model`` in the file)."""
    path = model_path()
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    return ThemeModel.from_json(data["model"]) if data["use_model"] else None


def heading_theme(heading: str, taxonomy: tuple[Theme, ...]) -> str | None:
    """The theme a heading names by its own keywords (劳动竞赛, 女职工…), if any: the
    theme ``score`` ranks first without a body, from the heading's hits alone."""
    hits = dict(zip((theme.key for theme in taxonomy), _hits(heading, taxonomy), strict=True))
    best = max(hits, key=hits.get)
    return best if hits[best] > 0 else None


def model_theme(
    model: ThemeModel,
    heading: str,
    body: str,
    taxonomy: tuple[Theme, ...],
    words: Words | None = None,
) -> str:
    """A keyword in the heading decides; the model reads the rest. Left out for one
    organisation at a time, this beats both the model alone and keywords alone
    (``summarylens train`` reports it): the model learns a genre's unnamed topics,
    but an organisation's own headings name its union-work topics more surely."""
    return heading_theme(heading, taxonomy) or model.predict(heading, body, taxonomy, words)


def classify(
    heading: str, body: str, taxonomy: tuple[Theme, ...], words: Words | None = None
) -> str:
    """``model_theme`` with the shipped taxonomy and model, keyword scoring otherwise."""
    model = load_model()
    if model is not None and taxonomy == load_taxonomy():
        return model_theme(model, heading, body, taxonomy, words)
    return keyword_theme(heading, body, taxonomy)
