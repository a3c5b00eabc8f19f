"""Quotation kinds (``find_quotes`` column ``kind``) on the development gold
``../shared/gold/quote-kinds-dev``: document-grouped cross-validation and the shipped model.

Cross-validation: 5 folds of the gold split by document (``StratifiedGroupKFold``, seed 0),
documents that share a quoted passage of 40 or more characters in one group (the 2020 war
and Battle of Shusha (2020) Wikipedia articles repeat the same statements); the model is
refitted on each training part (plus the extra spans of ``data/gold``, never tested), with
``C`` and class weights chosen inside it. Scores: per-kind precision, recall and F1, macro F1
(over the four kinds) and accuracy, for the natural sample, the enriched sample and both, and
the confusion matrix. The shipped model (trained on everything) is scored too, through
``find_quotes`` on the normalised texts: an in-sample figure, not an estimate of accuracy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing_kinds_train import GOLD, cross_validated, examples, runtime_kinds
from helpers.framing_quotes import KINDS

SAMPLES = ("natural", "enriched", "all")


def scores(gold: pd.Series, predicted: pd.Series) -> pd.DataFrame:
    """Per-kind ``precision, recall, f1, support`` (rows: the kinds, then ``macro`` and
    ``accuracy``; a kind never predicted has precision 0)."""
    rows = {}
    for kind in KINDS:
        tp = int(((gold == kind) & (predicted == kind)).sum())
        n_pred, n_gold = int((predicted == kind).sum()), int((gold == kind).sum())
        p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        rows[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, n_gold)
    table = pd.DataFrame.from_dict(
        rows, orient="index", columns=["precision", "recall", "f1", "support"]
    )
    macro = table[["precision", "recall", "f1"]].mean()
    table.loc["macro"] = [*macro, len(gold)]
    accuracy = float((gold.to_numpy() == predicted.to_numpy()).mean()) if len(gold) else 0.0
    table.loc["accuracy"] = [np.nan, np.nan, accuracy, len(gold)]
    return table.astype({"support": "int64"})


def confusion(gold: pd.Series, predicted: pd.Series) -> pd.DataFrame:
    """Counts of gold kind (rows) by predicted kind (columns)."""
    table = pd.crosstab(pd.Categorical(gold, KINDS), pd.Categorical(predicted, KINDS), dropna=False)
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def report(table: pd.DataFrame, predicted: str, title: str) -> None:
    """Print scores and confusion matrices of column ``predicted`` against ``kind``, per sample."""
    print(f"\n{title}")
    for sample in SAMPLES:
        part = table if sample == "all" else table[table["sample"] == sample]
        s = scores(part["kind"], part[predicted])
        print(f"\n  {sample}: {len(part)} spans, accuracy {s.loc['accuracy', 'f1']:.3f}, "
              f"macro F1 {s.loc['macro', 'f1']:.3f}, scare F1 {s.loc['scare', 'f1']:.3f}")  # fmt: skip
        lines = s.drop(index="accuracy").round(3).to_string().splitlines()
        print("\n".join("    " + line for line in lines))
        print("    confusion (rows gold, columns predicted):")
        print(
            "\n".join(
                "      " + line
                for line in confusion(part["kind"], part[predicted]).to_string().splitlines()
            )
        )


def main() -> None:
    """Print the cross-validated and the in-sample scores (or why they cannot be computed)."""
    if not GOLD.exists():
        print(f"eval skipped: {GOLD} not found (needs ../shared next to the repo)")
        return
    table = examples()
    gold = table[table["sample"] != "extra"]
    n_docs = gold[["source", "doc_id"]].drop_duplicates().shape[0]
    print(f"quote-kinds-dev: {len(gold)} spans in {n_docs} documents, {gold['group'].nunique()} "
          f"cross-validation groups; {len(table) - len(gold)} extra training spans (data/gold); "
          f"find_quotes pairs the gold marks exactly for {int(gold['matched'].sum())} of {len(gold)}")  # fmt: skip
    cv = cross_validated(table)
    report(cv, "predicted", "Document-grouped 5-fold cross-validation (refitted per fold):")
    shipped = gold.assign(shipped=runtime_kinds(gold))
    report(
        shipped,
        "shipped",
        "Shipped model through find_quotes — IN-SAMPLE (trained on these spans):",
    )


if __name__ == "__main__":
    main()
