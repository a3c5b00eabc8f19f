"""Saving charts the way an investigation repo does, and the index page of the reports.

``save_chart(fig, data, name)`` writes ``<reports>/figures/<name>.png``, ``<name>.csv`` (the
plotted numbers, one row per plotted value) and ``<name>.json`` (its one-line caption: the
chart's title unless ``caption`` is given) and returns the PNG and CSV paths.
``write_index(folder, ...)`` writes ``index.html``: every notebook's report and, for every
chart, a thumbnail, its caption and a link to its CSV. All text in it is escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from helpers.paths import reports_dir

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def chart_caption(fig: plt.Figure) -> str:
    """The figure's title: its suptitle, else the first axes title ("" when untitled)."""
    if fig.get_suptitle().strip():
        return fig.get_suptitle().strip()
    titles = [ax.get_title().strip() for ax in fig.axes if ax.get_title().strip()]
    return titles[0] if titles else ""


def save_chart(
    fig: plt.Figure,
    data: pd.DataFrame,
    name: str,
    reports: str | Path | None = None,
    *,
    caption: str | None = None,
) -> tuple[Path, Path]:
    """Save ``fig`` as PNG, ``data`` as CSV and the caption as JSON under ``<reports>/figures/``.

    Args:
        fig: the chart.
        data: the plotted numbers.
        name: a file stem such as ``01-docs-per-year`` (lower case, digits, ``-``, ``_``);
            the first two digits name the notebook in ``index.html``.
        reports: the reports folder (default ``helpers.paths.reports_dir()``).
        caption: one line shown under the thumbnail (default: the chart's title).

    Returns:
        The PNG and CSV paths. The PNG carries no timestamp, so reruns give identical files.
    """
    if not _NAME.match(name):
        raise ValueError(f"chart name {name!r}: use lower-case letters, digits, '-' or '_'")
    folder = Path(reports) if reports is not None else reports_dir()
    folder = folder / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    png, csv = folder / f"{name}.png", folder / f"{name}.csv"
    fig.savefig(png, dpi=120, bbox_inches="tight", metadata={"Software": None})
    data.to_csv(csv, index=False)
    text = " ".join((caption if caption is not None else chart_caption(fig)).split())
    (folder / f"{name}.json").write_text(
        json.dumps({"name": name, "caption": text}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return png, csv


def read_caption(png: Path) -> str:
    """The caption stored next to ``png`` by ``save_chart``, else one made from its name."""
    sidecar = png.with_suffix(".json")
    if sidecar.exists():
        caption = json.loads(sidecar.read_text(encoding="utf-8")).get("caption", "")
        if caption:
            return caption
    words = re.sub(r"^\d+-", "", png.stem).replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


_STYLE = """body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.5}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(15em,1fr));gap:1.2em}
figure{margin:0;border:1px solid #ddd;padding:.5em;background:#fafafa}
figure img{width:100%;height:11em;object-fit:contain;background:#fff}
figcaption{font-size:.9em}.name{color:#666;font-size:.8em}.failed{color:#b00}
dl.params{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em}
dl.params dd{margin:0;font-family:monospace}"""


def _figure(png: Path) -> str:
    e = html.escape
    caption = read_caption(png)
    csv = png.with_suffix(".csv")
    data = f' · <a href="figures/{e(csv.name)}">data (CSV)</a>' if csv.exists() else ""
    return (
        f'<figure><a href="figures/{e(png.name)}"><img src="figures/{e(png.name)}" '
        f'alt="{e(caption)}" loading="lazy"></a><figcaption>{e(caption)}{data}<br>'
        f'<span class="name">{e(png.stem)}</span></figcaption></figure>'
    )


def write_index(
    folder: Path,
    notebooks: Sequence[tuple[str, str]],
    parameters: Mapping[str, object],
) -> Path:
    """Write ``<folder>/index.html`` and return its path.

    Args:
        folder: the reports folder (``<name>.html`` reports, charts in ``figures/``).
        notebooks: ``(name, status)`` per notebook in run order; status "" when it ran,
            else what happened ("failed: …", "not run: …"); a failed one still links its
            report (rendered up to the error).
        parameters: the parameters the notebooks were given, shown as a list.
    """
    e = html.escape
    items = []
    for name, status in notebooks:
        link = f'<a href="{e(name)}.html">{e(name)}</a>'
        if status.startswith("not run"):
            link = e(name)
        note = f' — <span class="failed">{e(status)}</span>' if status else ""
        items.append(f"<li>{link}{note}</li>")
    params = "".join(f"<dt>{e(k)}</dt><dd>{e(repr(v))}</dd>" for k, v in parameters.items())
    figures = sorted((folder / "figures").glob("*.png"))
    sections = []
    for name, _ in notebooks:
        prefix = name.split("-", 1)[0] + "-"
        shown = [_figure(f) for f in figures if f.name.startswith(prefix)]
        if shown:
            sections.append(f'<h3>{e(name)}</h3><div class="charts">{"".join(shown)}</div>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Framing, terms and chronology reports</title>
<style>{_STYLE}</style>
</head><body>
<h1>Reports</h1>
<h2>Parameters</h2><dl class="params">{params}</dl>
<h2>Notebooks</h2><ol>{"".join(items)}</ol>
<h2>Charts</h2>
<p>Each chart links to its PNG and to the CSV of the plotted numbers.</p>
{"".join(sections) or "<p>No charts.</p>"}
</body></html>
"""
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
