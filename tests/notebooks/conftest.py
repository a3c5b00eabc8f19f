"""nbval on the executed copies in this folder (``make test-notebooks``): skipped, with the
reason, when the corpus a copy was run on is absent (``../shared`` is not mounted)."""

from __future__ import annotations

import ast
import glob
from pathlib import Path

import nbformat
import pytest

HERE = Path(__file__).resolve().parent


def stored_corpus(notebook: Path) -> str | None:
    """The ``corpus`` papermill injected into the stored copy ``notebook`` (None if none)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "corpus":
                    return ast.literal_eval(node.value)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the cells of a stored copy as skipped when its corpus is not there."""
    missing: dict[Path, str | None] = {}
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if path.parent != HERE or path.suffix != ".ipynb":
            continue
        if path not in missing:
            corpus = stored_corpus(path)
            absent = corpus is not None and not glob.glob(str(HERE / corpus))
            missing[path] = corpus if absent else None
        if missing[path]:
            item.add_marker(
                pytest.mark.skip(
                    reason=f"corpus {missing[path]} is absent (../shared not mounted); "
                    "the stored run cannot be checked"
                )
            )
