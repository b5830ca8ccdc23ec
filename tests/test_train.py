"""``summarylens train`` rebuilds the shipped theme model exactly, and scores without sklearn."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from summarylens import corpus as corpus_module
from summarylens.themes import ThemeModel, load_taxonomy, model_path
from summarylens.train import design_matrix, fit_sklearn, fit_themes, theme_examples, train


def test_shipped_model_is_what_training_on_the_corpus_gives(tmp_path):
    corpus = corpus_module.load()
    summary = train(corpus, tmp_path / "themes.json")
    for name in ("themes.json", "links.json"):
        built = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        shipped = hashlib.sha256(model_path().with_name(name).read_bytes()).hexdigest()
        assert built == shipped, f"src/summarylens/models/{name} is stale: run `summarylens train`"
    assert summary["links"]["evidence"] > 100
    assert summary["trained_on"] and all(not r.startswith("county/") for r in summary["trained_on"])
    dev_organisations = {r.id.split("/")[0] for r in corpus.in_split("dev").reports}
    assert set(summary["cross_validation"]) == dev_organisations


def test_numpy_scoring_matches_sklearn():
    examples = [e for r in corpus_module.load().in_split("dev").reports for e in theme_examples(r)]
    held_out, training = examples[::5], [e for i, e in enumerate(examples) if i % 5]
    vectorizer, classifier = fit_sklearn(training)
    expected = classifier.predict(design_matrix(vectorizer, held_out))
    model = ThemeModel.from_json(json.loads(json.dumps(fit_themes(training).to_json())))
    taxonomy = load_taxonomy()
    assert [model.predict(e.heading, e.body, taxonomy) for e in held_out] == list(expected)


def test_analyse_does_not_import_sklearn(seed_path):
    probe = (
        "import sys; from summarylens.pipeline import analyse_file; "
        f"analyse_file({str(seed_path)!r}); print('sklearn' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
