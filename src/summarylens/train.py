"""Rebuild the shipped models from the corpus: ``summarylens train``.

Training uses scikit-learn; the result is written as plain JSON weights that
``themes.ThemeModel`` scores with NumPy, so nothing is unpickled and run-time
commands never import scikit-learn. Training is deterministic: the same corpus
gives the same file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from summarylens.corpus import Corpus, CorpusPair, CorpusReport
from summarylens.files import write_atomic
from summarylens.themes import (
    ThemeModel,
    features,
    keyword_features,
    keyword_theme,
    load_taxonomy,
    model_path,
    model_theme,
)

REGULARISATION = 4.0
DECIMALS = 6


def single_threaded() -> Any:
    """BLAS on one thread while fitting: the sums' order, and so the weights' last
    digits, must not depend on the machine (or on Dask having set thread counts)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


@dataclass(frozen=True)
class Example:
    report: str
    heading: str
    body: str
    theme: str


def theme_examples(report: CorpusReport) -> list[Example]:
    """Gold sections with a theme, each with the text down to its next heading of
    the same or a higher level (as ``structure`` gives it at run time)."""
    text = report.source_text()
    sections = report.gold()["sections"]
    starts = [text.index(section["heading"]) for section in sections]
    examples = []
    for index, section in enumerate(sections):
        if section["theme"] is None:
            continue
        later = [
            starts[j]
            for j in range(index + 1, len(sections))
            if sections[j]["level"] <= section["level"]
        ]
        end = min([*later, len(text)])
        heading_end = starts[index] + len(section["heading"])
        examples.append(
            Example(report.id, section["heading"], text[heading_end:end], section["theme"])
        )
    return examples


def fit_sklearn(examples: list[Example]) -> tuple[Any, Any]:
    """The fitted tf-idf vectorizer and classifier (features: tf-idf, then keywords)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    classifier = LogisticRegression(C=REGULARISATION, max_iter=5000)
    with single_threaded():
        classifier.fit(design_matrix(vectorizer, examples, fit=True), [e.theme for e in examples])
    return vectorizer, classifier


def design_matrix(vectorizer: Any, examples: list[Example], fit: bool = False) -> Any:
    """Sparse, as tf-idf comes: a dense copy of tens of thousands of term columns made
    each fit (and each cross-validation fold) many times slower."""
    from scipy import sparse

    terms = [_terms(e) for e in examples]
    tfidf = vectorizer.fit_transform(terms) if fit else vectorizer.transform(terms)
    keywords = [_keywords(e) for e in examples]
    return sparse.hstack([tfidf, sparse.csr_matrix(keywords)], format="csr")


@cache
def _terms(example: Example) -> tuple[str, ...]:
    """A section's terms, segmented once for the final fit and every fold."""
    return tuple(features(example.heading, example.body))


@cache
def _keywords(example: Example) -> tuple[float, ...]:
    return tuple(keyword_features(example.heading, example.body, load_taxonomy()))


def fit_themes(examples: list[Example]) -> ThemeModel:
    """Train, then keep only plain arrays: what ``ThemeModel`` needs to score."""
    import numpy as np

    vectorizer, classifier = fit_sklearn(examples)
    vocabulary = {term: int(index) for term, index in sorted(vectorizer.vocabulary_.items())}
    coef, intercept = classifier.coef_.round(DECIMALS), classifier.intercept_.round(DECIMALS)
    if len(classifier.classes_) == 2:  # binary sklearn keeps one row; make it two
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    return ThemeModel(tuple(classifier.classes_), vocabulary, vectorizer.idf_, coef, intercept)


def cross_validate(examples: list[Example]) -> dict[str, dict[str, float]]:
    """Leave one organisation out: accuracy of ``model_theme`` (heading keywords, then
    the model) and of keywords alone on it."""
    taxonomy = load_taxonomy()
    by_org: dict[str, list[Example]] = {}
    for example in examples:
        by_org.setdefault(example.report.split("/")[0], []).append(example)
    results = {}
    for org, held_out in by_org.items():
        model = fit_themes([e for e in examples if e.report.split("/")[0] != org])
        model_right = sum(
            model_theme(model, e.heading, e.body, taxonomy) == e.theme for e in held_out
        )
        keyword_right = sum(keyword_theme(e.heading, e.body, taxonomy) == e.theme for e in held_out)
        results[org] = {
            "sections": len(held_out),
            "model": round(model_right / len(held_out), 3),
            "keywords": round(keyword_right / len(held_out), 3),
        }
    return results


def _pooled(folds: dict[str, dict[str, float]], scorer: str) -> float:
    """Accuracy over all held-out sections, each fold weighted by its size."""
    total = sum(fold["sections"] for fold in folds.values())
    return sum(fold[scorer] * fold["sections"] for fold in folds.values()) / total


def gold_matrices(pair: CorpusPair, analysed: dict[str, Any]) -> tuple[list, list]:
    """The later report's sentences, and each detected commitment of the pair with
    its feature matrix and its gold link (None when gold has none for it)."""
    from summarylens.audit import candidate_features
    from summarylens.evaluate import gold_commitment_links

    earlier, later = analysed[pair.earlier.id], analysed[pair.later.id]
    links = gold_commitment_links(pair, earlier, later)
    sentences, matrices = candidate_features(earlier, later)
    return sentences, [(c, matrix, links.get(c.id)) for c, matrix in matrices]


def link_examples(
    pair: CorpusPair, analysed: dict[str, Any]
) -> tuple[list[list[float]], list[int]]:
    """Features of every (detected commitment, later sentence) pair of a corpus pair,
    labelled 1 when the sentence holds gold evidence for that commitment."""
    rows, labels = [], []
    sentences, commitments = gold_matrices(pair, analysed)
    for _commitment, matrix, gold in commitments:
        spans = gold["evidence_spans"] if gold else []
        rows += matrix.tolist()
        labels += [
            int(any(s < sentence.end and e > sentence.start for s, e in spans))
            for sentence in sentences
        ]
    return rows, labels


def fit_links(pairs: list[CorpusPair]) -> tuple[dict[str, Any], dict[str, float]]:
    """Logistic regression over the audit features, the mention model, and the
    evidence threshold that gives the best audit on the training pairs (see
    ``audit_threshold``)."""
    from summarylens.audit import FEATURES, MENTION_FEATURES
    from summarylens.evaluate import analyse_reports

    reports = {r.id: r for p in pairs for r in (p.earlier, p.later)}
    analysed = {item.report.id: item for item in analyse_reports(reports.values())}
    coef, intercept, candidates, evidence = fit_link_weights(pairs, analysed)
    chosen, objective = audit_threshold(coef, intercept, pairs, analysed)
    model = {
        "features": list(FEATURES),
        "coef": list(coef),
        "intercept": intercept,
        "threshold": chosen.threshold,
        "mention_features": list(MENTION_FEATURES),
        "mention_coef": list(chosen.mention_coef),
        "mention_intercept": chosen.mention_intercept,
    }
    summary = {"pairs": len(pairs), "candidates": candidates, "evidence": evidence}
    return model, {**summary, "audit_objective_at_threshold": round(objective, 3)}


def fit_link_weights(
    pairs: list[CorpusPair], analysed: dict[str, Any]
) -> tuple[tuple[float, ...], float, int, int]:
    """The link model's weights and intercept (rounded: reproducible), fitted on
    every (commitment, later sentence) pair of ``pairs``; with the numbers of
    candidates and of evidence sentences among them."""
    from sklearn.linear_model import LogisticRegression

    mains = {rid: item.main for rid, item in analysed.items()}
    rows, labels = [], []
    for pair in pairs:
        pair_rows, pair_labels = link_examples(pair, mains)
        rows += pair_rows
        labels += pair_labels
    classifier = LogisticRegression(C=1.0, max_iter=5000)
    with single_threaded():
        classifier.fit(rows, labels)
    coef = tuple(round(float(w), 6) for w in classifier.coef_[0])
    return coef, round(float(classifier.intercept_[0]), 6), len(rows), sum(labels)


THRESHOLDS = (0.1, 0.15, 0.2, 0.25)


def fit_mention_weights(
    commitments: list[tuple[Any, Any, dict | None]], model: Any
) -> tuple[tuple[float, ...], float]:
    """The mention model for a link model: over every detected commitment with a
    gold link (from ``gold_matrices``), whether gold says the later report speaks to it."""
    from sklearn.linear_model import LogisticRegression

    from summarylens.audit import mention_features

    rows, labels = [], []
    for _commitment, matrix, gold in commitments:
        if gold is None or not len(matrix):
            continue
        probabilities = model.probabilities(matrix)
        rows.append(mention_features(matrix, probabilities, model.threshold).tolist())
        labels.append(int(gold["status"] != "not_mentioned"))
    classifier = LogisticRegression(C=1.0, max_iter=5000)
    with single_threaded():
        classifier.fit(rows, labels)
    coef = tuple(round(float(w), 6) for w in classifier.coef_[0])
    return coef, round(float(classifier.intercept_[0]), 6)


def audit_threshold(
    coef: tuple[float, ...], intercept: float, pairs: list[CorpusPair], analysed: dict[str, Any]
) -> tuple[Any, float]:
    """The link model, with its mention model, whose evidence threshold audits the
    training pairs best: status macro-F1 + evidence hit rate + target accuracy, what
    ``evaluate`` reports. Chosen this way (not by F1 over all candidate sentences)
    it held up better with each dev organisation held out in turn."""
    from summarylens.audit import LinkModel
    from summarylens.evaluate import judge_pairs, score_evidence, score_status, score_targets

    mains = {rid: item.main for rid, item in analysed.items()}
    commitments = [c for pair in pairs for c in gold_matrices(pair, mains)[1]]
    best: tuple[Any, float] = (None, -1.0)
    for threshold in THRESHOLDS:
        plain = LinkModel(coef, intercept, threshold)
        model = LinkModel(coef, intercept, threshold, *fit_mention_weights(commitments, plain))
        judged = judge_pairs(pairs, analysed, model)
        scores = (score_status(judged, "dev").f1, score_evidence(judged, "dev").accuracy,
                  score_targets(judged, "dev").accuracy)  # fmt: skip
        objective = sum(score or 0.0 for score in scores)
        if objective > best[1]:
            best = (model, objective)
    return best


def train(corpus: Corpus, out: Path | None = None) -> dict[str, Any]:
    """Train the theme and link models on the dev split and write them.

    The theme model is marked for use only if, held out one organisation at a
    time, it classifies more sections right than the taxonomy's keywords alone.
    """
    dev = corpus.in_split("dev")
    examples = [example for report in dev.reports for example in theme_examples(report)]
    model = fit_themes(examples)
    folds = cross_validate(examples)
    summary = {
        "trained_on": sorted(report.id for report in dev.reports),
        "sections": len(examples),
        "cross_validation": folds,
        "use_model": _pooled(folds, "model") > _pooled(folds, "keywords"),
    }
    out = out or model_path()
    write_atomic(out, json.dumps({**summary, "model": model.to_json()}, ensure_ascii=False) + "\n")
    links, link_summary = fit_links(list(dev.pairs))
    links_out = out.with_name("links.json")
    write_atomic(links_out, json.dumps({**link_summary, "model": links}, indent=1) + "\n")
    return {**summary, "path": str(out), "links": {**link_summary, "path": str(links_out)}}
