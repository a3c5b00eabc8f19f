"""Sample corpora and notebook runs shared by the tests (import as ``samples``)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import papermill
import pytest

from helpers.build_reports import kernel_config
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
        config=kernel_config(),
    )
    return out / "figures"


def chart_tables(figures: Path) -> dict[str, pd.DataFrame]:
    """The CSV of every chart in ``figures``, by chart name."""
    return {path.stem: pd.read_csv(path) for path in sorted(figures.glob("*.csv"))}


UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc-arm-aze" / "ungdc_subset.jsonl"


def un_subset(folder: Path) -> Path:
    """Every 40th UN General Debate speech (12 speeches, many countries) as JSON Lines in
    ``folder``; the calling test is skipped when ``../shared`` is absent."""
    if not UNGDC.exists():
        pytest.skip(f"shared corpus not found: {UNGDC} (needs ../shared next to the repo)")
    path = folder / "un.jsonl"
    with UNGDC.open(encoding="utf-8") as fh:
        path.write_text("".join(itertools.islice(fh, 0, None, 40)), encoding="utf-8")
    return path


def assert_same_charts(
    name: str, out: Path, processed: Path, expected: Sequence[str], **parameters: object
) -> None:
    """Run notebook ``name`` in memory and on the ``processed`` tables with the same
    ``parameters``: the charts ``expected`` are drawn, and every chart of the memory run is
    drawn from the tables too, with an identical CSV."""
    memory = chart_tables(run_notebook(name, out / "memory", **parameters))
    tables = chart_tables(
        run_notebook(name, out / "processed", processed=str(processed), **parameters)
    )
    assert set(expected) <= set(memory) and set(memory) <= set(tables)
    for chart, table in memory.items():
        pd.testing.assert_frame_equal(tables[chart], table, obj=chart)
