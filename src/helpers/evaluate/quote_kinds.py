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

Held out: a fixed 20% of the gold's groups (``held_out``) took no part in developing the
features or the labelling of the extra spans; the model fitted on the other 80% (plus the
extra spans, setting chosen by inner cross-validation) is scored once on them.

Leave one corpus out: each of the four corpora of the gold (UN speeches, White House
statements, Wikinews, Wikipedia) scored by the model fitted on the other three alone: how
the kinds carry over to a genre the model has not seen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing_kinds import restrict
from helpers.framing_kinds_train import (
    GOLD,
    cross_validated,
    design,
    examples,
    feature_names,
    fit,
    held_out,
    read_spans,
    runtime_kinds,
)
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


def _fitted_predictions(train: pd.DataFrame, part: pd.DataFrame) -> list[str]:
    """The kinds of the rows of ``part`` by the model fitted on the rows of ``train`` (both
    from ``examples``; setting chosen by inner cross-validation, sentence words from
    ``train``), as ``KindModel.predict`` decides."""
    names = feature_names(list(train["features"]))
    x, y = design(list(train["features"]), names), train["kind"].to_numpy()
    model, _ = fit(x, y, train["group"].to_numpy(), (train["sample"] != "extra").to_numpy())
    classes = tuple(str(c) for c in model.classes_)
    predicted = []
    for features, row in zip(
        part["features"], model.predict_proba(design(list(part["features"]), names)), strict=True
    ):
        p = restrict(list(row), classes, features)
        predicted.append(classes[int(np.argmax(p))])
    return predicted


def held_out_predictions(table: pd.DataFrame) -> pd.DataFrame:
    """The held-out gold rows of ``table`` (from ``examples``) with ``predicted``: the kind
    given by the model fitted on the rows of the other groups (the rest of the gold and the
    extra spans)."""
    gold = read_spans(GOLD)
    test = table["id"].isin(set(gold.loc[held_out(gold), "id"]))
    train = table[~table["group"].isin(set(table.loc[test, "group"]))]  # nor shared passages
    part = table[test]
    return part.assign(predicted=_fitted_predictions(train, part))


def corpus_of(source: pd.Series) -> pd.Series:
    """The corpus of each gold ``source``: its first folder ("ungdc-arm-aze", "wikinews-…")."""
    return source.str.split("/").str[0]


def by_corpus_predictions(table: pd.DataFrame) -> pd.DataFrame:
    """The gold rows of ``table`` (from ``examples``) with ``corpus`` and ``predicted``: the
    kind given by the model fitted on the other corpora alone (gold and extra spans), so each
    corpus is scored as a genre the model has not seen."""
    corpus = corpus_of(table["source"])
    is_gold = table["sample"] != "extra"
    parts = []
    for name in sorted(corpus[is_gold].unique()):
        part = table[is_gold & (corpus == name)]
        predicted = _fitted_predictions(table[corpus != name], part)
        parts.append(part.assign(corpus=name, predicted=predicted))
    return pd.concat(parts)


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
    report(
        held_out_predictions(table),
        "predicted",
        "Held out (a fixed 20% of the gold's groups, untouched while the features were "
        "developed; model fitted on the rest):",
    )
    loco = by_corpus_predictions(table)
    print("\nLeave one corpus out (fitted on the other three corpora; a genre not seen):")
    for name, part in loco.groupby("corpus", sort=True):
        s = scores(part["kind"], part["predicted"])
        print(f"  {name}: {len(part)} spans, accuracy {s.loc['accuracy', 'f1']:.3f}, "
              f"macro F1 {s.loc['macro', 'f1']:.3f}")  # fmt: skip
    report(loco, "predicted", "  all corpora, pooled:")
    shipped = gold.assign(shipped=runtime_kinds(gold))
    report(
        shipped,
        "shipped",
        "Shipped model through find_quotes — IN-SAMPLE (trained on these spans):",
    )


if __name__ == "__main__":
    main()
