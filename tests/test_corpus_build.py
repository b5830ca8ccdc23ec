"""corpus/reports/ is exactly what tools/corpus_build.py makes from corpus/sources/."""

from __future__ import annotations

import corpus_build

from summarylens import corpus as corpus_module


def test_delivered_reports_are_rebuilt_byte_for_byte(tmp_path):
    corpus = corpus_module.load()
    built = corpus_build.build(corpus.root, tmp_path)
    assert len(built) == len([r for r in corpus.reports if r.source.exists()])
    for path in built:
        committed = corpus.root / "reports" / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale: make corpus"


def test_big5_reports_survive_the_round_trip():
    """After s2t and Big5, the pipeline's simplified text must equal the source's."""
    from summarylens.evaluate import comparable
    from summarylens.pipeline import clean_file

    for report in corpus_module.load().reports:
        if report.format == "big5" and report.source.exists():
            text = "".join(article.text for article in clean_file(report.delivered).articles)
            assert comparable(text) == comparable(report.source_text()), report.id
