"""Fixtures shared by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from samples import write_corpus

from helpers.pipeline import Processed, process


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Processed]:
    """The ``samples.write_corpus`` corpus and its pipeline run in several partitions."""
    folder = tmp_path_factory.mktemp("small")
    path = write_corpus(folder)
    return path, process(path, out=folder / "out", partition_bytes=400)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A ``distributed.Client`` of a LocalCluster of 2 single-thread worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            yield client
