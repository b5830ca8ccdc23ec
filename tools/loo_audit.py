"""Leave one dev organisation out: how the audit does on reports whose organisation
the link model never saw. This is how audit features and threshold rules are
chosen (``summarylens evaluate`` on dev is in-sample for the link model).

Run: ``.venv/bin/python tools/loo_audit.py`` (about 2 minutes on 2 cores).
Never run it with the test split: it prints per-organisation figures.
"""

from __future__ import annotations

import sys

from summarylens import corpus as corpus_module
from summarylens.evaluate import (
    analyse_reports,
    judge_pairs,
    score_evidence,
    score_status,
    score_targets,
)
from summarylens.train import audit_threshold, fit_link_weights


def main() -> int:
    dev = corpus_module.load().in_split("dev")
    analysed = {item.report.id: item for item in analyse_reports(dev.reports)}
    organisations = sorted({pair.earlier.id.split("/")[0] for pair in dev.pairs})
    pooled = []
    for held_out in organisations:
        training = [p for p in dev.pairs if not p.earlier.id.startswith(held_out + "/")]
        coef, intercept, _candidates, _evidence = fit_link_weights(training, analysed)
        model, _objective = audit_threshold(coef, intercept, training, analysed)
        held = [p for p in dev.pairs if p.earlier.id.startswith(held_out + "/")]
        judged = judge_pairs(held, analysed, model)
        pooled += judged
        print(held_out, model.threshold, *(f"{v:.3f}" for v in _figures(judged)))
    print("pooled: status macro-F1, status accuracy, evidence, targets")
    print(*(f"{v:.3f}" for v in _figures(pooled)))
    return 0


def _figures(judged: list) -> tuple[float, float, float, float]:
    status = score_status(judged, "dev")
    return (
        status.f1 or 0.0,
        status.accuracy or 0.0,
        score_evidence(judged, "dev").accuracy or 0.0,
        score_targets(judged, "dev").accuracy or 0.0,
    )


if __name__ == "__main__":
    sys.exit(main())
