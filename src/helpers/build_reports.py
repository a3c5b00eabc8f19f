"""Execute the notebooks on a corpus and render HTML reports (``make report``).

``python -m helpers.build_reports [--corpus PATH] [--params study.yaml] [-p NAME VALUE]
notebooks/01-corpus.ipynb ...`` first checks the inputs (``helpers.preflight``: the corpus
is read once, with a progress bar in a terminal, and cached for the notebooks; a bad input
stops here with one paragraph and exit status 2), runs the pipeline for ``05-processed``
when it needs it, then executes each notebook with papermill (kernel working directory:
where the command runs, so paths stay as given), one line per notebook with its time, and
writes the executed copy, ``<name>.html`` (without code cells unless ``--keep-code``) and
``index.html`` to ``--reports``. The first failing notebook is shown once (its cell and
error) and the rest are not run; exit status 1. The notebooks in ``notebooks/`` are never
modified by this mode.

Parameters reach every notebook that declares them: from ``--params`` (one YAML mapping,
papermill's format), then ``-p NAME VALUE`` (VALUE read as YAML), then the named options
(``--corpus``, ``--group-by``, ``--processed``, ``--reports``, ``--terms``, ``--target``,
``--reference``). Unknown names are reported with the list of known ones.

``--in-place`` (``make notebooks``) re-executes the notebooks in place on their defaults and
syncs their jupytext twins; ``--store DIR`` (``make test-notebooks``) writes executed copies
to ``DIR`` run from there (paths relative to it), for nbval to rerun. Both remove
papermill's timing metadata so reruns give clean diffs.
"""

from __future__ import annotations

import argparse
import os
import re
import site
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
import papermill
import yaml
import zmq
from jupyter_client.manager import AsyncKernelManager
from nbconvert import HTMLExporter
from traitlets.config import Config

from helpers.paths import ROOT
from helpers.preflight import InputProblem, check_inputs
from helpers.report import write_index
from helpers.report_params import (
    effective,
    notebook_parameters,
    params_for,
    read_params,
    unknown_params,
)

# parameters the input check looks at; path parameters rewritten for a stored copy's folder
CHECKED = (
    "corpus",
    "processed",
    "columns",
    "group_by",
    "target",
    "reference",
    "groups",
    "doc_id",
    "focus_doc",
)
PATHS = ("corpus", "reports", "processed")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_FILE = re.compile(r"[^\s'\"]*/ipykernel_\d+/\d+\.py")


def kernel_config() -> Config:
    """Kernel settings for papermill: CurveZMQ transport encryption when pyzmq has it and
    the kernel supports it (ipykernel warns on every start about an unencrypted transport)."""
    config = Config()
    if zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"
    return config


class QuietKernelManager(AsyncKernelManager):
    """papermill's kernel manager without the interrupt it sends a kernel before asking it to
    shut down: an idle ipykernel logs that SIGINT as "KeyboardInterrupt caught in kernel".
    Interrupts at any other time go through; a kernel that ignores the shutdown request is
    still ended after ``shutdown_wait_time``."""

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


def execute(notebook: Path, output: Path, parameters: Mapping[str, Any], cwd: Path) -> None:
    """Run ``notebook`` into ``output`` with papermill (a cell bar in a terminal).

    Raises:
        papermill.PapermillExecutionError: a cell failed (``output`` holds the run so far).
    """
    bar = {"desc": notebook.stem, "leave": False} if sys.stderr.isatty() else False
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=dict(parameters),
        cwd=str(cwd),
        progress_bar=bar,
        config=kernel_config(),
        kernel_manager_class=QuietKernelManager,
    )


def path_prefixes() -> list[tuple[str, str]]:
    """``(absolute prefix, shown as)`` pairs, longest first: the project root and the
    working folder (shown relative), site-packages folders, the home folder (``~/``)."""
    pairs = {str(ROOT): "", str(Path.cwd()): "", str(Path.home()): "~/"}
    for folder in [*site.getsitepackages(), site.getusersitepackages()]:
        pairs[folder] = "site-packages/"
    out = {}
    for prefix, shown in pairs.items():
        for variant in {prefix, str(Path(prefix).resolve())}:
            if variant != os.sep:
                out[variant.rstrip(os.sep) + os.sep] = shown
    return sorted(out.items(), key=lambda pair: -len(pair[0]))


def relative_paths(text: str, prefixes: list[tuple[str, str]]) -> str:
    """``text`` with the absolute ``prefixes`` replaced and the kernel's temporary cell
    files (``/tmp/ipykernel_123/456.py``, in warnings) shown as ``<cell>``."""
    for prefix, shown in prefixes:
        text = text.replace(prefix, shown)
    return _CELL_FILE.sub("<cell>", text)


def _tidy_output(output: dict, prefixes: list[tuple[str, str]], images: bool) -> None:
    if "text" in output:
        output["text"] = relative_paths(output["text"], prefixes)
    if "evalue" in output:
        output["evalue"] = relative_paths(output["evalue"], prefixes)
        output["traceback"] = [relative_paths(t, prefixes) for t in output["traceback"]]
    data = output.get("data", {})
    for kind in list(data):
        if kind.startswith("image/") and not images:
            del data[kind]
        elif kind.startswith("text/") and isinstance(data[kind], str):
            data[kind] = relative_paths(data[kind], prefixes)


def tidy_executed(path: Path, *, stored: bool = False) -> None:
    """Remove papermill's metadata (times, absolute paths, the random id of the cell it
    injects) from the notebook at ``path`` and show the paths in its outputs relative to
    the project (``path_prefixes``).

    ``stored``: a copy for nbval — also drop its jupytext pairing (it has no twin) and the
    image data of its outputs (nbval does not compare images; the charts are in
    ``reports/figures``), keeping their text so that nbval still sees every output.
    """
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    if stored:
        nb.metadata.pop("jupytext", None)
    prefixes = path_prefixes()
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill draws a new random id on every run
        for output in cell.get("outputs", []):
            _tidy_output(output, prefixes, images=not stored)
    nbformat.write(nb, path)


def render_html(executed: Path, *, keep_code: bool) -> Path:
    """``<name>.html`` next to ``executed``; code cells and prompts only with ``keep_code``."""
    exporter = HTMLExporter(
        exclude_input=not keep_code,
        exclude_input_prompt=not keep_code,
        exclude_output_prompt=not keep_code,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    html_path = executed.with_suffix(".html")
    html_path.write_text(body, encoding="utf-8")
    return html_path


def describe_failure(name: str, err: papermill.PapermillExecutionError, seconds: float) -> str:
    """The failing cell's source and its error, once, for the terminal."""
    source = "\n".join(f"    {line}" for line in err.source.splitlines())
    frames = [
        line.strip()
        for line in _ANSI.sub("", "\n".join(err.traceback)).splitlines()
        if line.startswith(("Cell In", "File "))
    ]
    where = f" ({relative_paths(frames[-1].rstrip(':'), path_prefixes())})" if frames else ""
    return (
        f"report: {name} FAILED after {seconds:.1f} s in this cell:\n{source}\n"
        f"  {err.ename}: {err.evalue}{where}"
    )


def relative_to(name: str, value: Any, folder: Path) -> Any:
    """Path parameter ``name`` (a path, glob or list) as seen from ``folder``; a processed
    run given by its key (not a folder) stays as it is."""
    if isinstance(value, list):
        return [relative_to(name, v, folder) for v in value]
    if (
        not isinstance(value, str)
        or not value
        or (name == "processed" and not Path(value).is_dir())
    ):
        return value
    return os.path.relpath(Path(value).absolute(), folder.absolute())


def clear_figures(reports: Path, notebooks: list[Path]) -> None:
    """Remove the charts an earlier run of these notebooks left in ``reports/figures``."""
    for nb in notebooks:
        prefix = nb.stem.split("-", 1)[0] + "-"
        for f in (reports / "figures").glob(f"{prefix}*"):
            if f.suffix in (".png", ".csv", ".json"):
                f.unlink()


def prepare_pipeline(params: Mapping[str, Any], notebooks: list[Path], progress: bool) -> None:
    """Run the pipeline here (with a bar) when ``05-processed`` will process the corpus
    itself, so the notebook finds the finished run."""
    from helpers.pipeline import process

    if params.get("processed") or not any(nb.stem.startswith("05-") for nb in notebooks):
        return
    start = time.perf_counter()
    process(params["corpus"], columns=params.get("columns") or None, progress=progress)
    print(f"report: {'pipeline':<20} {time.perf_counter() - start:7.1f} s", flush=True)


def gather(args: argparse.Namespace) -> dict[str, Any]:
    """The parameters the user gave: PARAMS file, then ``-p``, then the named options."""
    given = read_params(args.params) if args.params else {}
    for name, value in args.parameter:
        given[name] = yaml.safe_load(value)
    named = {
        "corpus": args.corpus,
        "group_by": args.group_by,
        "processed": args.processed,
        "reports": args.reports,
        "target": args.target,
        "reference": args.reference,
    }
    given.update({k: v for k, v in named.items() if v})
    if args.terms:
        given["terms"] = [t.strip() for t in args.terms.split(",") if t.strip()]
    return given


def run_reports(args: argparse.Namespace, notebooks: list[Path], given: dict[str, Any]) -> int:
    """``make report``: check, run, render, index; the exit status."""
    declared = {nb.stem: notebook_parameters(nb) for nb in notebooks}
    given = {"corpus": "data/raw", "reports": "reports", **given}
    warning = unknown_params(given, declared)
    if warning:
        print(f"report: {warning}", file=sys.stderr, flush=True)
    explicit = set(given)
    checked = effective(given, declared, CHECKED)
    tty = sys.stderr.isatty()
    start = time.perf_counter()
    try:
        summary = check_inputs(checked, explicit=explicit, progress=tty)
        print(f"report: {summary} ({time.perf_counter() - start:.1f} s)", flush=True)
    except InputProblem as problem:
        print(f"report: stopped before running any notebook.\n{problem}", file=sys.stderr)
        return 2
    out_dir = Path(given["reports"])
    if args.store:
        out_dir = args.store
        given["reports"] = str(Path("reports") / "tests")
    out_dir.mkdir(parents=True, exist_ok=True)
    cwd = out_dir if args.store else Path.cwd()
    clear_figures(Path(given["reports"]), notebooks)
    prepare_pipeline(checked, notebooks, tty)
    statuses: list[tuple[str, str]] = []
    failed = None
    for nb in notebooks:
        if failed:
            statuses.append((nb.stem, f"not run: {failed} failed first"))
            continue
        params = params_for(given, declared[nb.stem])
        if args.store:
            params.update({k: relative_to(k, params[k], cwd) for k in PATHS if k in params})
        executed = out_dir / nb.name
        start = time.perf_counter()
        try:
            execute(nb, executed, params, cwd)
            statuses.append((nb.stem, ""))
            print(f"report: {nb.stem:<20} {time.perf_counter() - start:7.1f} s", flush=True)
        except papermill.PapermillExecutionError as err:
            failed = nb.stem
            statuses.append((nb.stem, f"failed: {err.ename}: {err.evalue}"))
            failure = describe_failure(nb.stem, err, time.perf_counter() - start)
            print(failure, file=sys.stderr, flush=True)
        except Exception as err:  # the kernel died or did not start: no cell to show
            failed = nb.stem
            statuses.append((nb.stem, f"failed: {type(err).__name__}: {err}"))
            print(f"report: {nb.stem} FAILED: {type(err).__name__}: {err}", file=sys.stderr)
        if not executed.exists():
            continue
        tidy_executed(executed, stored=bool(args.store))
        if not args.store:
            render_html(executed, keep_code=args.keep_code)
    if failed:
        rest = [name for name, status in statuses if status.startswith("not run")]
        print(
            f"report: not run: {', '.join(rest) or 'none'}; fix the error above and run again",
            file=sys.stderr,
        )
    if not args.store:
        shown = {k: v for k, v in given.items() if k in explicit}
        print(f"report: {write_index(out_dir, statuses, shown)}")
    return 1 if failed else 0


def refresh_in_place(notebook: Path) -> str | None:
    """Re-execute ``notebook`` in place on its defaults; drop timing metadata; sync its twin."""
    error = None
    try:
        execute(notebook, notebook, {}, notebook.parent)
    except papermill.PapermillExecutionError as err:
        error = describe_failure(notebook.stem, err, 0.0)
    tidy_executed(notebook)
    subprocess.run(
        [sys.executable, "-m", "jupytext", "--quiet", "--sync", str(notebook)], check=True
    )
    return error


def parser() -> argparse.ArgumentParser:
    """The command line of ``python -m helpers.build_reports``."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="+", type=Path)
    p.add_argument("--corpus", help="file, folder or glob (default data/raw)")
    p.add_argument("--reports", help="output folder (default reports)")
    p.add_argument("--group-by", help="docs column to compare groups by")
    p.add_argument("--processed", help="key or folder of a finished helpers.pipeline run")
    p.add_argument("--params", type=Path, help="YAML file: parameter name -> value")
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="one parameter (VALUE read as YAML: '[a, b]' is a list); repeatable",
    )
    p.add_argument("--terms", help="comma-separated terms of interest (parameter terms)")
    p.add_argument("--target", help="keyness target group (parameter target)")
    p.add_argument("--reference", help="keyness reference group (parameter reference)")
    p.add_argument("--keep-code", action="store_true", help="keep code cells in the HTML")
    p.add_argument("--store", type=Path, help="write executed copies for nbval to this folder")
    p.add_argument(
        "--in-place",
        action="store_true",
        help="re-execute the notebooks in place on their defaults (make notebooks)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 a notebook failed, 2 bad input)."""
    args = parser().parse_args(argv)
    notebooks = [nb.resolve() for nb in args.notebooks]
    if args.in_place:
        errors = [e for e in map(refresh_in_place, notebooks) if e]
        for error in errors:
            print(error, file=sys.stderr)
        return 1 if errors else 0
    try:
        given = gather(args)
    except InputProblem as problem:
        print(f"report: stopped before running any notebook.\n{problem}", file=sys.stderr)
        return 2
    return run_reports(args, notebooks, given)


if __name__ == "__main__":
    sys.exit(main())
