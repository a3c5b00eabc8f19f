"""Execute the notebooks on a corpus and render HTML reports (``make report``).

With ``--in-place`` (``make notebooks``) the notebooks are instead re-executed in place on
their default parameters, papermill's timing metadata is removed (so reruns give clean
diffs) and their jupytext ``.py`` twins are synced.

``python -m helpers.build_reports --corpus PATH --reports DIR notebooks/01-corpus.ipynb ...``
runs each notebook with papermill (parameters ``corpus``, ``reports`` and, when given,
``group_by`` and ``processed``: the key or folder of a finished ``helpers.pipeline`` run,
from whose Parquet tables the notebooks then render), writes the executed copy and ``<name>.html`` to ``DIR`` and an
``index.html`` linking them and the charts in ``DIR/figures``. The notebooks in
``notebooks/`` are never modified. A failing notebook is still rendered (up to the error);
the command then exits with status 1 and names it.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter


def run_notebook(notebook: Path, out_dir: Path, parameters: dict[str, str]) -> str | None:
    """Execute ``notebook`` into ``out_dir`` and render it to HTML; return an error or None."""
    executed = out_dir / notebook.name
    error = None
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            cwd=str(notebook.parent),
            progress_bar=False,
        )
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    body, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
    executed.with_suffix(".html").write_text(body, encoding="utf-8")
    return error


def refresh_in_place(notebook: Path) -> str | None:
    """Re-execute ``notebook`` in place on its defaults; drop timing metadata; sync its twin."""
    error = None
    try:
        papermill.execute_notebook(
            str(notebook), str(notebook), cwd=str(notebook.parent), progress_bar=False
        )
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    nb = nbformat.read(notebook, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, notebook)
    subprocess.run(
        [sys.executable, "-m", "jupytext", "--quiet", "--sync", str(notebook)], check=True
    )
    return error


def write_index(out_dir: Path, corpus: str, notebooks: list[Path], errors: dict[str, str]) -> Path:
    """Write ``index.html`` linking every report and chart; all text is escaped."""
    items = []
    for nb in notebooks:
        name = nb.with_suffix(".html").name
        status = (
            f" — <strong>failed</strong>: {html.escape(errors[nb.name])}"
            if nb.name in errors
            else ""
        )
        items.append(f'<li><a href="{html.escape(name)}">{html.escape(nb.stem)}</a>{status}</li>')
    figures = sorted((out_dir / "figures").glob("*.png"))
    charts = "".join(
        f'<li><a href="figures/{html.escape(f.name)}">{html.escape(f.stem)}</a> '
        f'(<a href="figures/{html.escape(f.with_suffix(".csv").name)}">data</a>)</li>'
        for f in figures
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Framing, terms and chronology reports</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}</style>
</head><body>
<h1>Reports</h1>
<p>Corpus: <code>{html.escape(corpus)}</code></p>
<h2>Notebooks</h2><ol>{"".join(items)}</ol>
<h2>Charts (PNG and the CSV of the plotted numbers)</h2><ul>{charts or "<li>none</li>"}</ul>
</body></html>
"""
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--corpus", default="data/raw")
    parser.add_argument("--reports", default="reports", type=Path)
    parser.add_argument("--group-by", default="")
    parser.add_argument("--processed", default="", help="key or folder of a pipeline run")
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="re-execute the notebooks in place on their defaults (make notebooks)",
    )
    args = parser.parse_args(argv)
    if args.in_place:
        failed = [nb.name for nb in args.notebooks if refresh_in_place(nb.resolve())]
        for name in failed:
            print(f"notebooks: {name} FAILED", file=sys.stderr)
        return 1 if failed else 0
    corpus = Path(args.corpus)
    if not corpus.exists() and not any(ch in args.corpus for ch in "*?["):
        parser.error(f"corpus not found: {args.corpus}")
    out_dir = args.reports.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters = {
        "corpus": str(corpus.resolve()) if corpus.exists() else str(Path.cwd() / args.corpus),
        "reports": str(out_dir),
    }
    if args.group_by:
        parameters["group_by"] = args.group_by
    if args.processed:
        folder = Path(args.processed)
        parameters["processed"] = str(folder.resolve()) if folder.is_dir() else args.processed
    errors = {}
    for nb in args.notebooks:
        print(f"report: {nb.name} on {args.corpus}", flush=True)
        error = run_notebook(nb.resolve(), out_dir, parameters)
        if error:
            errors[nb.name] = error
            print(f"report: {nb.name} FAILED: {error}", file=sys.stderr, flush=True)
    shown = f"{args.processed} (processed tables)" if args.processed else args.corpus
    index = write_index(out_dir, shown, args.notebooks, errors)
    print(f"report: {index}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
