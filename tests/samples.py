"""Sample corpora and notebook runs shared by the tests (import as ``samples``)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import papermill

from helpers.paths import ROOT

TEXTS = [
    "The so-called “elections” held on 12 May 2020 were condemned. The minister said: "
    "“We reject this provocation.” In 1994 a ceasefire was signed.",
    "Officials met in Geneva last week. Talks began in 1992 and resumed in March 2019.",
    "The ‘referendum’ was called illegal by observers, the spokesman said on Monday.",
    "Nothing happened. Trade grew by 5% in 2018 and 2019, the report says.",
]


def write_corpus(folder: Path, n: int = 24, extra_lines: tuple[str, ...] = ()) -> Path:
    """A JSON Lines corpus of ``n`` short documents in groups A/B, dated 2019-2021."""
    path = folder / "small.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = {
                "doc_id": f"d{i:03d}",
                "text": f"Document {i}. " + TEXTS[i % len(TEXTS)],
                "date": f"{2019 + i % 3}-0{1 + i % 9}-1{i % 10}",
                "group": "AB"[i % 2],
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def run_notebook(name: str, out: Path, **parameters: object) -> Path:
    """Execute ``notebooks/<name>.ipynb`` with ``parameters`` (charts to ``out/figures``);
    return the folder of its charts. Raises papermill's error if a cell fails."""
    out.mkdir(parents=True, exist_ok=True)
    notebook = ROOT / "notebooks" / f"{name}.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(out / notebook.name),
        parameters={"reports": str(out), **parameters},
        cwd=str(notebook.parent),
        progress_bar=False,
    )
    return out / "figures"


def chart_tables(figures: Path) -> dict[str, pd.DataFrame]:
    """The CSV of every chart in ``figures``, by chart name."""
    return {path.stem: pd.read_csv(path) for path in sorted(figures.glob("*.csv"))}
