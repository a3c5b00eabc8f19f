"""Temporal tagging accuracy (``make eval``): TempEval-3 Task A and years among bare numbers.

TempEval-3: reads ``../shared/gold/timeml-tbaq/{TimeBank,AQUAINT}/*.tml`` at run time, strips
the inline tags of ``<TEXT>`` to get the raw text with gold offsets, takes the DCT from the DCT
TIMEX3, and prints pooled relaxed/strict/value F1 and type accuracy (DCT excluded), per-type
errors, and the same scores for ``dateparser.search_dates`` on the same documents.

Years: ``data/labels/year_numbers.tsv`` labels four-digit numbers of the UN speeches in
``../shared/corpora/ungdc-arm-aze/speeches`` (offsets into the raw files; each file is
tagged with its year as a year-precision DCT) and of the White House statements (offsets into
a record's ``text``; its ``date`` is the DCT) as ``year`` or ``not_year``; each text is
normalised and tagged, and a number counts as read as a year when a DATE/TIME expression
covers it with that year in its value.
Printed: recall of the years and false-positive rate on the other numbers, per sample (the
context speeches split by session parity into a development and a held-out half).
"""

from __future__ import annotations

import html
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.paths import ROOT
from helpers.text import normalise
from helpers.timex import find_timexes

GOLD = ROOT.parent / "shared" / "gold" / "timeml-tbaq"
SPEECHES = ROOT.parent / "shared" / "corpora" / "ungdc-arm-aze" / "speeches"
CORPORA = ROOT.parent / "shared" / "corpora"  # sources "<file>.jsonl#<doc_id>" are under it
YEAR_LABELS = ROOT / "data" / "labels" / "year_numbers.tsv"
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: name, raw text, DCT (``YYYY-MM-DD``) and gold timexes."""

    name: str
    text: str
    dct: str
    timexes: pd.DataFrame  # start, end, text, type, value


def parse_tml(markup: str, name: str = "") -> GoldDoc:
    """Parse one TimeML file's content: raw ``<TEXT>`` text, DCT and gold TIMEX3 offsets."""
    dct_attrs = dict(_ATTR.findall(_DCT.search(markup).group(1)))
    body = _TEXT.search(markup).group(1)
    parts: list[str] = []
    length, pos = 0, 0
    rows: list[dict] = []
    open_timex: dict | None = None
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            open_timex["end"] = length
            rows.append(open_timex)
            open_timex = None
        else:
            attrs = dict(_ATTR.findall(m.group(3)))
            open_timex = {"start": length, "type": attrs.get("type"), "value": attrs.get("value")}
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    gold = pd.DataFrame(rows, columns=["start", "end", "type", "value"])
    gold.insert(2, "text", [text[s:e] for s, e in zip(gold["start"], gold["end"], strict=True)])
    return GoldDoc(name, text, dct_attrs["value"][:10], gold)


def load_gold(folder: Path = GOLD) -> list[GoldDoc]:
    """All ``.tml`` documents under ``folder`` (sorted by path)."""
    paths = sorted(folder.glob("*/*.tml"))
    return [parse_tml(p.read_text(encoding="utf-8"), p.stem) for p in paths]


def match(gold: pd.DataFrame, system: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one overlap matching of gold and system rows (largest overlap first)."""
    pairs = []
    for i, (gs, ge) in enumerate(zip(gold["start"], gold["end"], strict=True)):
        for j, (ss, se) in enumerate(zip(system["start"], system["end"], strict=True)):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                pairs.append((-overlap, i, j))
    used_g, used_s, out = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def score(docs: Iterable[GoldDoc], tagger: Callable[[str, str], pd.DataFrame]) -> dict:
    """Pooled TempEval-3 Task A scores and a table of all gold/system pairs and misses."""
    n_gold = n_sys = relaxed = strict = value_ok = type_ok = 0
    records = []
    for doc in docs:
        system = tagger(doc.text, doc.dct).reset_index(drop=True)
        gold = doc.timexes
        n_gold += len(gold)
        n_sys += len(system)
        pairs = match(gold, system)
        relaxed += len(pairs)
        matched_g = {i for i, _ in pairs}
        matched_s = {j for _, j in pairs}
        for i, j in pairs:
            g, s = gold.iloc[i], system.iloc[j]
            same = (g["start"], g["end"]) == (s["start"], s["end"])
            strict += same
            value_ok += g["value"] == s["value"]
            type_ok += g["type"] == s["type"]
            records.append(
                (
                    doc.name,
                    "match",
                    g["type"],
                    g["text"],
                    g["value"],
                    s["text"],
                    s["type"],
                    s["value"],
                )
            )
        for i in sorted(set(range(len(gold))) - matched_g):
            g = gold.iloc[i]
            records.append((doc.name, "missed", g["type"], g["text"], g["value"], "", "", ""))
        for j in sorted(set(range(len(system))) - matched_s):
            s = system.iloc[j]
            records.append(
                (doc.name, "spurious", s["type"], "", "", s["text"], s["type"], s["value"])
            )

    def f1(hits_p: float, hits_r: float) -> float:
        p = hits_p / n_sys if n_sys else 0.0
        r = hits_r / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    relaxed_f1 = f1(relaxed, relaxed)
    table = pd.DataFrame(
        records,
        columns=[
            "doc",
            "outcome",
            "type",
            "gold_text",
            "gold_value",
            "sys_text",
            "sys_type",
            "sys_value",
        ],
    )
    return {
        "gold": n_gold,
        "system": n_sys,
        "relaxed_p": relaxed / n_sys if n_sys else 0.0,
        "relaxed_r": relaxed / n_gold if n_gold else 0.0,
        "relaxed_f1": relaxed_f1,
        "strict_f1": f1(strict, strict),
        "value_f1": (value_ok / relaxed if relaxed else 0.0) * relaxed_f1,
        "type_acc": type_ok / relaxed if relaxed else 0.0,
        "pairs": table,
    }


def ours(text: str, dct: str) -> pd.DataFrame:
    """Our tagger, as scored."""
    return find_timexes(text, dct=dct)


def dateparser_tagger(text: str, dct: str) -> pd.DataFrame:
    """``dateparser.search_dates`` as a tagger: extents located in order, values at day precision."""
    from datetime import datetime

    from dateparser.search import search_dates

    base = datetime.fromisoformat(dct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    rows, pos = [], 0
    for extent, moment in found:
        start = text.find(extent, pos)
        if start < 0:
            continue
        pos = start + len(extent)
        has_time = moment.hour or moment.minute
        value = moment.strftime("%Y-%m-%dT%H:%M") if has_time else moment.strftime("%Y-%m-%d")
        rows.append((start, pos, extent, "TIME" if has_time else "DATE", value))
    return pd.DataFrame(rows, columns=["start", "end", "text", "type", "value"])


def per_type_errors(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per gold type: gold count, missed, wrong value, wrong type; plus spurious per system type."""
    rows = []
    for typ in ["DATE", "TIME", "DURATION", "SET"]:
        sub = pairs[pairs["type"] == typ]
        matched = sub[sub["outcome"] == "match"]
        rows.append(
            {
                "type": typ,
                "gold": int((sub["outcome"] != "spurious").sum()),
                "missed": int((sub["outcome"] == "missed").sum()),
                "wrong_value": int((matched["gold_value"] != matched["sys_value"]).sum()),
                "wrong_type": int((matched["type"] != matched["sys_type"]).sum()),
                "spurious": int((sub["outcome"] == "spurious").sum()),
            }
        )
    return pd.DataFrame(rows)


def load_year_labels(path: Path = YEAR_LABELS) -> pd.DataFrame:
    """The hand labels of four-digit numbers: ``source, start, end, label, sample, split``.

    ``split`` is ``dev`` (context speeches of even sessions), ``held-out`` (odd sessions) or,
    for the other samples, the sample name.
    """
    labels = pd.read_csv(path, sep="\t", dtype={"source": str, "label": str, "sample": str})
    bad = sorted(set(labels["label"]) - {"year", "not_year"})
    if bad:
        raise ValueError(f"{path}: labels must be year or not_year, found {bad}")
    session = labels["source"].str.extract(r"_(\d+)_\d{4}\.txt$", expand=False)
    context = labels["sample"] == "context"
    parity = pd.to_numeric(session, errors="coerce").mod(2).map({0: "dev", 1: "held-out"})
    labels["split"] = labels["sample"].where(~context, parity)
    return labels


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def year_number_starts(text: str, timexes: pd.DataFrame) -> list[int]:
    """Start offsets of the four-digit numbers of ``text`` that ``timexes`` read as years.

    A number is read as a year when a DATE or TIME expression covers it and its value begins
    with that year ("15 April 1994" -> ``1994-04-15``) or names its decade ("1990s" -> ``199``).
    """
    starts = []
    for row in timexes.itertuples(index=False):
        if row.type not in ("DATE", "TIME"):
            continue
        for m in _FOUR_DIGITS.finditer(text, row.start, row.end):
            number = m.group()
            decade = len(row.value) == 3 and number.startswith(row.value)
            if row.value.startswith(number) or decade:
                starts.append(m.start())
    return starts


def _records(labels: pd.DataFrame, corpora: Path) -> dict[str, tuple[str, str | None]]:
    """The text and ``date`` of each ``<file>.jsonl#<doc_id>`` source, read from its file."""
    wanted: dict[str, set[str]] = {}
    for source in labels["source"]:
        if "#" in source:
            file, _, doc_id = source.partition("#")
            wanted.setdefault(file, set()).add(doc_id)
    out = {}
    for file, ids in wanted.items():
        path = corpora / file
        try:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    record = json.loads(line)
                    if record.get("doc_id") in ids:
                        out[f"{file}#{record['doc_id']}"] = (record["text"], record.get("date"))
        except OSError as err:
            raise FileNotFoundError(f"{path}: labelled source not readable ({err})") from err
    return out


def predict_year_labels(
    labels: pd.DataFrame,
    folder: Path = SPEECHES,
    tagger: Callable[..., pd.DataFrame] = find_timexes,
    corpora: Path = CORPORA,
) -> pd.DataFrame:
    """``labels`` with a boolean column ``predicted``: whether ``tagger`` reads each number as
    a year. A speech file under ``folder`` is normalised (as ``read_corpus`` does) and tagged
    with the year of its name (``FRA_47_1992.txt``) as a year-precision DCT; a record
    ``<file>.jsonl#<doc_id>`` (file under ``corpora``) is its ``text`` field, tagged with its
    ``date`` as the DCT. Offsets map back to the raw text.
    """
    predicted = pd.Series(False, index=labels.index)
    records = _records(labels, corpora)
    for source, rows in labels.groupby("source", sort=True):
        if "#" in source:
            if source not in records:
                raise FileNotFoundError(f"{source}: labelled record not found under {corpora}")
            raw, date = records[source]
            dct, precision = (str(date)[:10] if date else None), "day"
        else:
            path = folder / source
            try:
                raw = path.read_text(encoding="utf-8")
            except OSError as err:
                raise FileNotFoundError(f"{path}: labelled source not readable ({err})") from err
            year = re.search(r"(\d{4})\.txt$", source)
            dct, precision = (year.group(1) if year else None), "year"
        norm = normalise(raw)
        found = tagger(norm.text, dct=dct, dct_precision=precision)
        starts = year_number_starts(norm.text, found)
        raw_starts = {int(norm.offsets.to_raw(s)) for s in starts}
        predicted[rows.index] = rows["start"].isin(raw_starts).to_numpy()
    return labels.assign(predicted=predicted)


def year_scores(predicted: pd.DataFrame) -> pd.DataFrame:
    """Per split and over all labels: ``split, years, recall, not_years, false_positive_rate``
    (years read as years / all years; other numbers read as years / all other numbers)."""
    rows = []
    order = ["dev", "held-out", "other-random", "other-enriched", "whitehouse-random",
             "whitehouse-enriched"]  # fmt: skip
    splits = [s for s in order if s in set(predicted["split"])]
    splits += sorted(set(predicted["split"]) - set(order))
    for split in [*splits, "all"]:
        sub = predicted if split == "all" else predicted[predicted["split"] == split]
        years = sub[sub["label"] == "year"]
        others = sub[sub["label"] == "not_year"]
        rows.append(
            {
                "split": split,
                "years": len(years),
                "recall": years["predicted"].mean() if len(years) else float("nan"),
                "not_years": len(others),
                "false_positive_rate": others["predicted"].mean() if len(others) else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def _print_year_scores() -> pd.DataFrame | None:
    if not SPEECHES.exists():
        print(f"year numbers skipped: {SPEECHES} not found (needs ../shared next to the repo)")
        return None
    predicted = predict_year_labels(load_year_labels())
    print(
        f"\nyear or not: {len(predicted)} hand-labelled four-digit numbers of the UN speeches "
        "and the White House statements"
    )
    print(year_scores(predicted).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return predicted


def _print_scores(name: str, s: dict) -> None:
    print(
        f"{name:<24} gold={s['gold']:>5} system={s['system']:>5} "
        f"relaxed P={s['relaxed_p']:.3f} R={s['relaxed_r']:.3f} F1={s['relaxed_f1']:.3f} "
        f"strict F1={s['strict_f1']:.3f} value F1={s['value_f1']:.3f} type acc={s['type_acc']:.3f}"
    )


def main(argv: list[str] | None = None) -> None:
    """Print our scores, per-type errors and dateparser's scores; ``--errors N`` lists N errors."""
    argv = sys.argv[1:] if argv is None else argv
    if not GOLD.exists():
        print(f"eval skipped: {GOLD} not found (needs ../shared next to the repo)")
        return
    docs = load_gold()
    print(f"TempEval-3 Task A on {len(docs)} TBAQ documents (DCT excluded), pooled")
    mine = score(docs, ours)
    _print_scores("helpers.chronology", mine)
    print("targets: relaxed F1 >= 0.88, value F1 >= 0.78 (HeidelTime TE3 test: 0.903 / 0.776)")
    print("\nper-type errors (helpers.chronology; spurious counted by system type):")
    print(per_type_errors(mine["pairs"]).to_string(index=False))
    years = _print_year_scores()
    if years is not None and "--errors" in argv:
        wrong = years[years["predicted"] != (years["label"] == "year")]
        print(wrong.drop(columns="sample").to_string(index=False))
    if "--errors" in argv:
        n = int(argv[argv.index("--errors") + 1])
        pairs = mine["pairs"]
        bad = pairs[(pairs["outcome"] != "match") | (pairs["gold_value"] != pairs["sys_value"])]
        with pd.option_context("display.width", 200, "display.max_colwidth", 40):
            print(bad.head(n).to_string(index=False))
        print(Counter(bad["outcome"]))
    if "--no-dateparser" in argv:
        return
    theirs = score(docs, dateparser_tagger)
    _print_scores("dateparser.search_dates", theirs)


if __name__ == "__main__":
    main()
