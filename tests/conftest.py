"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import write_corpus

from helpers.pipeline import Processed, process


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Processed]:
    """The ``samples.write_corpus`` corpus and its pipeline run in several partitions."""
    folder = tmp_path_factory.mktemp("small")
    path = write_corpus(folder)
    return path, process(path, out=folder / "out", partition_bytes=400)
