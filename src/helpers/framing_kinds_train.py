"""Fit and measure the quotation-kind model on the development gold (``make train``).

The gold (``../shared/gold/quote-kinds-dev``, see its README) gives spans by offsets into
the raw source texts. Each document is normalised as ``read_corpus`` does
(``helpers.text.normalise``) and its quotations are paired as ``find_quotes`` does; a gold
span is matched to the quotation whose marks map back to the same raw offsets (else the
one overlapping it most), so the features are those ``find_quotes`` computes at run time.
A span the pairing misses keeps its gold marks, mapped into the normalised text.

``examples()`` returns one row per gold span with its features; ``feature_names`` keeps the
named features and the sentence words present for at least ``MIN_WORD_SPANS`` training
spans; ``fit`` fits a multinomial
logistic regression (L2; ``C`` and the class weights, balanced or none, chosen by
document-grouped cross-validation inside the training data); ``model_dict`` turns it into the JSON stored as
``helpers/quote_kinds_model.json``; ``cross_validated`` gives out-of-fold predictions with
documents grouped (``groups``: documents that share a quoted passage of 40 or more
characters, such as Wikipedia articles repeating the same statements, form one group).
Needs scikit-learn; prediction at run time does not (``helpers.framing_kinds``).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold
from threadpoolctl import threadpool_limits

from helpers.framing_attribution import quote_features
from helpers.framing_kinds import FEATURES, MODEL_PATH, WORD_FEATURE, restrict
from helpers.framing_quotes import KINDS, Q, pair_marks, quote_records
from helpers.paths import ROOT
from helpers.text import normalise

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "quote-kinds-dev" / "quote_kinds_dev.tsv"
EXTRA = ROOT / "data" / "gold" / "quote_kinds_extra.tsv"  # spans labelled for this project
CORPORA = SHARED / "corpora"
SEED = 0
C_GRID = (0.1, 0.3, 1.0, 3.0)
# Class weights: one per span, or "balanced" (equal total weight per kind); the inner
# cross-validation picks one, with C and the weight of the extra spans.
WEIGHT_GRID: tuple[str | None, ...] = (None, "balanced")
EXTRA_WEIGHT_GRID = (0.3, 1.0)  # weight of a span of data/gold in the fit (a gold span: 1)
N_SPLITS = 5
HELD_OUT_SHARE = 0.2  # of the gold's groups, untouched while the features were developed
_SHARED_PASSAGE = 40  # characters: documents quoting the same passage this long are one group
MIN_WORD_SPANS = 5  # a sentence word is a feature when the sentences of this many spans have it


def read_spans(path: Path, *, gold: bool = True) -> pd.DataFrame:
    """Labelled spans of a TSV without quoting: ``id, source, doc_id, start, end, kind`` and,
    for the development gold (``gold=True``), ``sample`` and ``span``; extra spans get
    ``sample`` "extra" and an empty ``span`` (the repository keeps offsets, never text)."""
    if not path.exists():
        raise FileNotFoundError(f"{path} not found (the gold needs ../shared next to the repo)")
    with path.open(encoding="utf-8", newline="") as fh:
        table = pd.DataFrame(list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)))
    needed = {"id", "source", "doc_id", "start", "end", "kind"} | (
        {"sample", "span"} if gold else set()
    )
    if missing := needed - set(table.columns):
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    if unknown := set(table["kind"]) - set(KINDS) - {"none"}:
        raise ValueError(f"{path}: unknown kinds {sorted(unknown)}")
    if not gold:
        table = table.assign(sample="extra", span="")
    return table.astype({"start": "int64", "end": "int64"})


def raw_texts(gold: pd.DataFrame, corpora: Path = CORPORA) -> dict[tuple[str, str], str]:
    """The raw text of every document of ``gold``, keyed ``(source, doc_id)``, loaded as the
    gold README says (whole file; a JSON Lines record's ``text``; a CSV row's ``text``)."""
    wanted = defaultdict(set)
    for source, doc_id in zip(gold["source"], gold["doc_id"], strict=True):
        wanted[source].add(doc_id)
    out: dict[tuple[str, str], str] = {}
    for source, ids in sorted(wanted.items()):
        path = corpora / source
        if source.endswith((".txt", ".md")):
            out[(source, next(iter(ids)))] = path.read_text(encoding="utf-8")
        elif source.endswith(".jsonl"):
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    record = json.loads(line)
                    if record.get("doc_id") in ids:
                        out[(source, record["doc_id"])] = record["text"]
        elif source.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                for record in csv.DictReader(fh):
                    if record["url"] in ids:
                        out[(source, record["url"])] = record["text"]
        else:
            raise ValueError(f"gold source {source}: unknown format")
        lost = [i for i in ids if (source, i) not in out]
        if lost:
            raise ValueError(f"gold source {source}: documents not found: {sorted(lost)[:3]}")
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _best_match(raw_spans: list[tuple[int, int]], start: int, end: int) -> tuple[int | None, bool]:
    """Index of the quotation whose raw marks are ``(start, end)``, else of the one covering
    at least half of it most (None if none does), and whether the match is exact."""
    best, overlap = None, 0.5
    for k, (lo, hi) in enumerate(raw_spans):
        if (lo, hi) == (start, end):
            return k, True
        shared = (min(hi, end) - max(lo, start)) / (end - start)
        if shared >= overlap:
            best, overlap = k, shared
    return best, False


def _document_examples(raw: str, spans: pd.DataFrame) -> list[dict]:
    """Features of the labelled ``spans`` of one raw document (see module docstring)."""
    norm = normalise(raw)
    text, offsets = norm.text, norm.offsets
    raw_of = offsets.to_raw(np.arange(len(text) + 1))
    quotes = []
    for start, end, mark_start, mark_end, depth, _ in pair_marks(text):
        quotes.append((*_trim(text, start, end), mark_start, mark_end, depth))
    raw_spans = [(int(raw_of[q[2]]), int(offsets.to_raw(q[3], end=True))) for q in quotes]
    out = []
    for row in spans.itertuples(index=False):
        k, matched = _best_match(raw_spans, row.start, row.end)
        if k is not None:
            start, end, mark_start, mark_end, depth = quotes[k]
        else:  # not paired as in the gold: take the gold marks, mapped into the text
            mark_start = int(np.searchsorted(raw_of, row.start, side="left"))
            mark_end = int(np.searchsorted(raw_of, row.end, side="left"))
            width = 2 if text.startswith("''", mark_start) else 1
            start, end = _trim(text, mark_start + width, max(mark_start + width, mark_end - width))
            depth = 0
        _, features = quote_features(text, start, end, mark_start, mark_end, depth=depth)
        out.append({"id": row.id, "matched": matched, "features": features})
    return out


def runtime_kinds(spans: pd.DataFrame, corpora: Path = CORPORA) -> pd.Series:
    """The kind ``find_quotes`` gives each span (index as ``spans``) on the normalised text of
    its document, matched by raw offsets as in ``examples``; "none" where no quotation matches."""
    texts = raw_texts(spans, corpora)
    out = pd.Series("none", index=spans.index, dtype=object)
    for (source, doc_id), part in spans.groupby(["source", "doc_id"], sort=True):
        norm = normalise(texts[(source, doc_id)])
        rows = quote_records(norm.text)
        raw_spans = [
            (
                int(norm.offsets.to_raw(r[Q["mark_start"]])),
                int(norm.offsets.to_raw(r[Q["mark_end"]], end=True)),
            )
            for r in rows
        ]
        for index, row in part.iterrows():
            k, _ = _best_match(raw_spans, row["start"], row["end"])
            if k is not None:
                out[index] = rows[k][Q["kind"]]
    return out


def groups(gold: pd.DataFrame) -> pd.Series:
    """Cross-validation group of each gold row: its document (``source`` + ``doc_id``), with
    documents that share a quoted span of 40 or more characters joined into one group."""
    docs = (gold["source"] + "#" + gold["doc_id"]).tolist()
    parent = {d: d for d in docs}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    first_doc: dict[str, str] = {}
    for doc, span in zip(docs, gold["span"], strict=True):
        if len(span) < _SHARED_PASSAGE:
            continue
        other = first_doc.setdefault(span, doc)
        a, b = root(doc), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return pd.Series([root(d) for d in docs], index=gold.index, name="group")


def held_out(gold: pd.DataFrame, share: float = HELD_OUT_SHARE) -> pd.Series:
    """True for the rows of the development ``gold`` (columns ``source``, ``span``) in a
    fixed ``share`` of its cross-validation groups (``groups`` of the gold alone), chosen per
    corpus (the folder or file of ``source``) as the groups first by the BLAKE2 hash of their
    name. Kept out of every choice made while the features were developed and scored once at
    the end (``helpers.evaluate.quote_kinds``)."""
    group = groups(gold)
    corpus = gold["source"].str.replace(r"/[^/]*\.(?:txt|md)$", "", regex=True)
    first_corpus = corpus.groupby(group).min()
    chosen = set()
    for _, names in first_corpus.groupby(first_corpus, sort=True):
        ranked = sorted(names.index, key=lambda g: hashlib.blake2b(g.encode()).hexdigest())
        chosen.update(ranked[: round(share * len(ranked))])
    return group.isin(chosen)


def examples(
    gold: Path = GOLD, extra: Path | None = EXTRA, corpora: Path = CORPORA
) -> pd.DataFrame:
    """One row per labelled span (the development ``gold``, then the ``extra`` spans): the
    span columns but ``span``, ``group``, ``matched`` (``find_quotes`` paired the same marks)
    and ``features`` (dict, as ``helpers.framing_kinds``)."""
    spans = read_spans(gold)
    if extra is not None:
        spans = pd.concat([spans, read_spans(extra, gold=False)], ignore_index=True)
    texts = raw_texts(spans, corpora)
    extra_rows = spans["sample"] == "extra"
    spans.loc[extra_rows, "span"] = [  # for the groups: extra spans share passages too
        re.sub(r"[\t\r\n]", " ", texts[(r.source, r.doc_id)][r.start : r.end])
        for r in spans[extra_rows].itertuples()
    ]  # as the gold's ``span`` column
    rows = []
    for (source, doc_id), part in spans.groupby(["source", "doc_id"], sort=True):
        rows += _document_examples(texts[(source, doc_id)], part)
    found = pd.DataFrame(rows).set_index("id")
    out = spans.assign(group=groups(spans)).join(found, on="id")
    return out.drop(columns=["span"]).reset_index(drop=True)


def feature_names(features: list[dict[str, str]], min_spans: int = MIN_WORD_SPANS) -> list[str]:
    """The columns of a model fitted on the spans with ``features``: ``FEATURES``, then the
    sentence words (``word:<w>``) present for at least ``min_spans`` of them, sorted."""
    counts = Counter(f for present in features for f in present if f.startswith(WORD_FEATURE))
    return FEATURES + sorted(f for f, n in counts.items() if n >= min_spans)


def design(features: list[dict[str, str]], names: list[str] = FEATURES) -> np.ndarray:
    """Binary matrix: one row per quotation, one column per feature of ``names`` (present
    features not in ``names`` are left out)."""
    index = {f: k for k, f in enumerate(names)}
    x = np.zeros((len(features), len(names)))
    for i, present in enumerate(features):
        for f in present:
            if f in index:
                x[i, index[f]] = 1.0
    return x


def _logistic(c: float, weights: str | None) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight=weights, max_iter=5000, tol=1e-6)


def _folds(
    y: np.ndarray, group: np.ndarray, is_gold: np.ndarray, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped folds of the gold rows: ``(train, test)`` row indices, ``test`` the gold rows
    of one fold, ``train`` the other gold rows and every extra row whose group has no test
    row (extra spans train, they are never scored)."""
    gold_rows, extra_rows = np.flatnonzero(is_gold), np.flatnonzero(~is_gold)
    splitter = StratifiedGroupKFold(N_SPLITS, shuffle=True, random_state=seed)
    out = []
    for train, test in splitter.split(gold_rows, y[gold_rows], group[gold_rows]):
        train, test = gold_rows[train], gold_rows[test]
        held_out = set(group[test])
        extra = [i for i in extra_rows if group[i] not in held_out]
        out.append((np.concatenate([train, extra]).astype("int64"), test))
    return out


def _fitted(
    x: np.ndarray, y: np.ndarray, is_gold: np.ndarray, setting: tuple
) -> LogisticRegression:
    """The model of ``setting`` = ``(C, class weights, weight of an extra span)``."""
    c, weights, extra_weight = setting
    sample_weight = np.where(is_gold, 1.0, extra_weight)
    with threadpool_limits(limits=1):  # a small problem: threads of the BLAS only cost time
        return _logistic(c, weights).fit(x, y, sample_weight=sample_weight)


def choose(
    x: np.ndarray, y: np.ndarray, group: np.ndarray, is_gold: np.ndarray, seed: int = SEED
) -> tuple[float, str | None, float]:
    """The ``(C, class weights, extra-span weight)`` of ``C_GRID`` x ``WEIGHT_GRID`` x
    ``EXTRA_WEIGHT_GRID`` with the best macro F1 on the gold rows in grouped
    cross-validation on (x, y) (``_folds``); ties keep the earlier grid entry."""
    folds = _folds(y, group, is_gold, seed)
    tested = np.concatenate([test for _, test in folds])
    best, best_f1 = (C_GRID[0], WEIGHT_GRID[0], EXTRA_WEIGHT_GRID[0]), -1.0
    for setting in itertools.product(C_GRID, WEIGHT_GRID, EXTRA_WEIGHT_GRID):
        pred = np.empty(len(y), dtype=object)
        for train, test in folds:
            pred[test] = _fitted(x[train], y[train], is_gold[train], setting).predict(x[test])
        f1 = f1_score(y[tested], pred[tested], average="macro", labels=list(KINDS), zero_division=0)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = setting, f1
    return best


def fit(
    x: np.ndarray, y: np.ndarray, group: np.ndarray, is_gold: np.ndarray, *, seed: int = SEED
) -> tuple[LogisticRegression, tuple]:
    """The model fitted on all of (x, y) with the setting ``choose`` picks, and the setting."""
    setting = choose(x, y, group, is_gold, seed)
    return _fitted(x, y, is_gold, setting), setting


def cross_validated(table: pd.DataFrame, *, seed: int = SEED) -> pd.DataFrame:
    """Out-of-fold predictions for the development gold rows of ``table`` (from
    ``examples``): those rows with ``fold``, ``predicted`` and ``p`` (its probability), as
    ``KindModel.predict`` decides (direct ruled out by ``restrict``).
    Folds split the gold by ``group``; each training part also gets every extra span whose
    group has no test row (``_folds``); the setting (``choose``) is chosen inside each
    training part by the same kind of cross-validation, and the sentence words kept as
    features (``feature_names``) from the training part alone."""
    features = list(table["features"])
    y, group = table["kind"].to_numpy(), table["group"].to_numpy()
    is_gold = (table["sample"] != "extra").to_numpy()
    fold = np.zeros(len(y), dtype="int64")
    pred = np.empty(len(y), dtype=object)
    prob = np.zeros(len(y))
    for k, (train, test) in enumerate(_folds(y, group, is_gold, seed)):
        x = design(features, feature_names([features[i] for i in train]))
        model, _ = fit(x[train], y[train], group[train], is_gold[train], seed=seed)
        fold[test] = k
        classes = tuple(str(c) for c in model.classes_)
        for i, row in zip(test, model.predict_proba(x[test]), strict=True):
            p = restrict(list(row), classes, table["features"].iloc[i])
            best = int(np.argmax(p))
            pred[i], prob[i] = classes[best], p[best]
    return table[is_gold].assign(fold=fold[is_gold], predicted=pred[is_gold], p=prob[is_gold])


def model_dict(model: LogisticRegression, names: list[str] = FEATURES, **about) -> dict:
    """The fitted ``model`` as the JSON-ready dict ``helpers.framing_kinds`` reads: classes,
    intercept, one weight per class for each feature (6 decimals), and ``about`` notes."""
    classes = [str(c) for c in model.classes_]
    return {
        "about": {
            "model": "multinomial logistic regression over binary features "
            "(helpers.framing_kinds); p = softmax(intercept + sum of weights of present features)",
            "C": float(model.C),
            "class_weight": model.class_weight or "none",
            "scikit_learn": sklearn.__version__,
            **about,
        },
        "classes": classes,
        "intercept": [round(float(v), 6) for v in model.intercept_],
        "weights": {
            f: [round(float(v), 6) for v in model.coef_[:, k]] for k, f in enumerate(names)
        },
    }


def write_model(data: dict, path: Path = MODEL_PATH) -> Path:
    """Write ``data`` as indented JSON (one feature per line), deterministic byte for byte."""
    lines = ["{"]
    lines.append(f'  "about": {json.dumps(data["about"], ensure_ascii=False)},')
    lines.append(f'  "classes": {json.dumps(data["classes"])},')
    lines.append(f'  "intercept": {json.dumps(data["intercept"])},')
    lines.append('  "weights": {')
    items = list(data["weights"].items())
    for k, (f, w) in enumerate(items):
        lines.append(f"    {json.dumps(f)}: {json.dumps(w)}{',' if k < len(items) - 1 else ''}")
    lines += ["  }", "}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def refit() -> dict:
    """The shipped model refitted on all the development gold plus the extra spans: the
    JSON-ready dict of :func:`model_dict` (what ``make train`` writes)."""
    table = examples()
    table = table[table["kind"].isin(KINDS)]
    names = feature_names(list(table["features"]))
    x, y = design(list(table["features"]), names), table["kind"].to_numpy()
    is_gold = (table["sample"] != "extra").to_numpy()
    model, setting = fit(x, y, table["group"].to_numpy(), is_gold)
    counts = table["kind"].value_counts().reindex(KINDS).to_dict()
    n_extra = int((table["sample"] == "extra").sum())
    return model_dict(
        model,
        names,
        sentence_words=f"{len(names) - len(FEATURES)} words of the sentence outside the marks "
        f"(features word:<w>), each present for at least {MIN_WORD_SPANS} training spans",
        trained_on=f"quote-kinds-dev ({len(table) - n_extra} spans) and "
        f"data/gold/quote_kinds_extra.tsv ({n_extra} spans): {counts}",
        extra_span_weight=setting[2],
        C_grid=list(C_GRID),
        class_weight_grid=[w or "none" for w in WEIGHT_GRID],
        extra_span_weight_grid=list(EXTRA_WEIGHT_GRID),
        seed=SEED,
    )


def main() -> None:
    """Refit the shipped model on all the development gold and write it (``make train``)."""
    if not GOLD.exists():
        raise SystemExit(f"train skipped: {GOLD} not found (needs ../shared next to the repo)")
    data = refit()
    path = write_model(data)
    about = data["about"]
    print(
        f"wrote {path.relative_to(ROOT)}: {len(FEATURES)} named features and "
        f"{len(data['weights']) - len(FEATURES)} sentence words, classes {data['classes']}, "
        f"C={about['C']}, class weights {about['class_weight']}, extra-span weight "
        f"{about['extra_span_weight']} (chosen by grouped {N_SPLITS}-fold CV), {about['trained_on']}"
    )


if __name__ == "__main__":
    main()
