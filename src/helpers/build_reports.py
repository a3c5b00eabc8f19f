"""Execute the notebooks on a corpus and render HTML reports (``make report``).

``python -m helpers.build_reports --corpus PATH --reports DIR notebooks/01-corpus.ipynb ...``
runs each notebook with papermill (parameters ``corpus``, ``reports`` and, when given,
``group_by``), writes the executed copy and ``<name>.html`` to ``DIR`` and an
``index.html`` linking them and the charts in ``DIR/figures``. The notebooks in
``notebooks/`` are never modified. A failing notebook is still rendered (up to the error);
the command then exits with status 1 and names it.
"""

from __future__ import annotations

import argparse
import html
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
    args = parser.parse_args(argv)
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
    errors = {}
    for nb in args.notebooks:
        print(f"report: {nb.name} on {args.corpus}", flush=True)
        error = run_notebook(nb.resolve(), out_dir, parameters)
        if error:
            errors[nb.name] = error
            print(f"report: {nb.name} FAILED: {error}", file=sys.stderr, flush=True)
    index = write_index(out_dir, args.corpus, args.notebooks, errors)
    print(f"report: {index}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
