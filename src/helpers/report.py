"""Saving charts the way an investigation repo does: every PNG has the CSV of its numbers.

``save_chart(fig, data, name)`` writes ``<reports>/figures/<name>.png`` and
``<name>.csv`` (the plotted numbers, one row per plotted value) and returns both paths.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from helpers.paths import reports_dir

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def save_chart(
    fig: plt.Figure, data: pd.DataFrame, name: str, reports: str | Path | None = None
) -> tuple[Path, Path]:
    """Save ``fig`` as PNG and ``data`` as CSV under ``<reports>/figures/``; return the paths.

    ``name`` is a file stem such as ``01-docs-per-year`` (lower case, digits, ``-``, ``_``).
    The PNG carries no timestamp metadata, so reruns give identical files.
    """
    if not _NAME.match(name):
        raise ValueError(f"chart name {name!r}: use lower-case letters, digits, '-' or '_'")
    folder = Path(reports) if reports is not None else reports_dir()
    folder = folder / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    png, csv = folder / f"{name}.png", folder / f"{name}.csv"
    fig.savefig(png, dpi=120, bbox_inches="tight", metadata={"Software": None})
    data.to_csv(csv, index=False)
    return png, csv
