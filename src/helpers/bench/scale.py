"""Scale-out benchmark (``make bench-scale``): the pipeline over a ~1 GB corpus, two engines.

Builds a corpus of ``BENCH_SCALE_MB`` megabytes (default 1000) in a temporary folder by
replicating the White House statements with new doc ids, in JSON Lines shards of about
8 MB; runs the pipeline with the in-process engine (the reference) and with Dask on a
``LocalCluster`` of 2 worker processes; prints wall time, MB/s, the peak memory of all
processes (sum of RSS over the process tree, sampled in a thread), the throughput ratio
dask / in-process (target >= 1.7), whether the tables are identical (partition by partition),
how long the notebook 05 aggregates take from the Parquet tables, and how long each notebook
takes to render (papermill, ``processed`` = the Dask run, groups = ``release_year``; target
under a minute each). The folder is deleted, unless ``BENCH_SCALE_KEEP=1``: then its path is
printed, for rendering the reports again (``make report PROCESSED=<folder>/dask/<key>``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import papermill
import psutil

from helpers import pipeline_tables as pt
from helpers.bench.common import WHITE_HOUSE, mb, require
from helpers.build_reports import kernel_config
from helpers.paths import ROOT
from helpers.pipeline import Processed, process
from helpers.pipeline_steps import TABLES

SHARD_BYTES = 8_000_000
PEAK_LIMIT = 3e9
TARGET_RATIO = 1.7
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def build_corpus(folder: Path, size_bytes: int) -> int:
    """Write replicas of the White House statements (doc ids ``r<k>/<id>``) as JSON Lines
    shards into ``folder`` until ``size_bytes``; return the bytes written."""
    with require(WHITE_HOUSE).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    written, shard, replica = 0, 0, 0
    out = None
    while written < size_bytes:
        for row in rows:
            if out is None or out.tell() >= SHARD_BYTES:
                if out is not None:
                    out.close()
                out = (folder / f"shard-{shard:05d}.jsonl").open("wb")
                shard += 1
            line = (
                json.dumps(
                    {
                        **row,
                        "doc_id": f"r{replica:04d}/{row['doc_id']}",
                        "release_year": row["date"][:4],
                    },
                    ensure_ascii=False,
                ).encode()
                + b"\n"
            )
            out.write(line)
            written += len(line)
            if written >= size_bytes:
                break
        replica += 1
    if out is not None:
        out.close()
    return written


class PeakMemory:
    """Peak of the summed RSS of this process and all its descendants, sampled every 0.2 s,
    and the CPU seconds they used (last sample of each process)."""

    def __init__(self) -> None:
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                    times = proc.cpu_times()
                    self.cpu[proc.pid] = times.user + times.system
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(func: Callable[[], Any]) -> tuple[Any, float, int, float]:
    """``func()``; its result, wall seconds, peak memory of the process tree (bytes) and
    the CPU seconds of the process tree."""
    me = psutil.Process()
    before = sum(me.cpu_times()[:2])
    with PeakMemory() as memory:
        start = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - start
    cpu = sum(memory.cpu.values()) - before
    return result, seconds, memory.peak, cpu


def identical(a: Processed, b: Processed) -> bool:
    """Whether every table of ``a`` equals that of ``b``, compared partition by partition."""
    for table in TABLES:
        paths_a, paths_b = a.partitions(table), b.partitions(table)
        if [p.name for p in paths_a] != [p.name for p in paths_b]:
            return False
        for pa_, pb_ in zip(paths_a, paths_b, strict=True):
            if not pd.read_parquet(pa_).equals(pd.read_parquet(pb_)):
                return False
    return True


def aggregates(p: Processed) -> None:
    """The tables notebook 05 renders, from the Parquet tables."""
    pt.group_sizes(p)
    pt.textstat_frequency(p, n=20, remove_stopwords=True)
    pt.textstat_terms(p, ["so-called", "elections", "occupation", "aggression", "peace"])
    pt.textstat_quote_kinds(p)
    pt.textstat_publication_timeline(p, "month")
    pt.textstat_referenced_years(p)
    pt.textstat_historical_depth(p)
    pt.textstat_lexicon_rates(p)


def render(notebook: Path, p: Processed, corpus: Path, reports: Path) -> str | None:
    """Execute ``notebook`` with papermill on the processed tables ``p`` (groups: ``release_year``);
    return the error, or None."""
    reports.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(reports / notebook.name),
            parameters={
                "corpus": str(corpus),
                "processed": str(p.folder),
                "group_by": "release_year",
                "reports": str(reports),
            },
            cwd=str(notebook.parent),
            progress_bar=False,
            config=kernel_config(),
        )
    except papermill.PapermillExecutionError as err:
        return f"{err.ename}: {err.evalue}"
    return None


def main() -> None:
    size_mb = float(os.environ.get("BENCH_SCALE_MB", "1000"))
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        n_bytes, seconds = build(corpus, int(size_mb * 1e6))
        n_shards = len(list(corpus.iterdir()))
        print(
            f"corpus: {mb(n_bytes):.0f} MB of White House statements replicated into "
            f"{n_shards} JSON Lines shards (built in {seconds:.0f} s)",
            flush=True,
        )
        results = {}
        for engine in ("inprocess", "dask"):
            out = tmp / engine
            p, seconds, peak, cpu = run(lambda e=engine, o=out: process(corpus, engine=e, out=o))
            results[engine] = (p, seconds, peak)
            print(
                f"{engine:>9}: {seconds:7.1f} s  {mb(n_bytes) / seconds:6.2f} MB/s  "
                f"peak memory {peak / 1e9:.2f} GB (<= 3 GB: {'yes' if peak <= PEAK_LIMIT else 'NO'})"
                f"  CPU {cpu:.0f} s  {p.manifest['docs']} docs, {p.manifest['failures']} failures "
                f"in {len(p.partitions('docs'))} partitions",
                flush=True,
            )
        ratio = results["inprocess"][1] / results["dask"][1]
        print(
            f"throughput ratio dask (2 workers) / inprocess (reference): {ratio:.2f}x "
            f"(target >= {TARGET_RATIO}: {'met' if ratio >= TARGET_RATIO else 'NOT met'}; "
            f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        same = identical(results["inprocess"][0], results["dask"][0])
        print(f"identical tables (every partition of every table): {'yes' if same else 'NO'}")
        _, seconds, peak, _ = run(lambda: aggregates(results["dask"][0]))
        print(
            f"aggregates for notebook 05 from the Parquet tables: {seconds:.1f} s, "
            f"peak memory {peak / 1e9:.2f} GB (target < 60 s)",
            flush=True,
        )
        for notebook in NOTEBOOKS:
            error, seconds, peak, _ = run(
                lambda nb=notebook: render(nb, results["dask"][0], corpus, tmp / "reports")
            )
            status = f"FAILED: {error}" if error else "ok"
            print(
                f"render {notebook.stem} from the tables: {seconds:.1f} s, peak memory "
                f"{peak / 1e9:.2f} GB (target < 60 s: {'met' if seconds < 60 else 'NOT met'}) "
                f"{status}",
                flush=True,
            )
    finally:
        if os.environ.get("BENCH_SCALE_KEEP") == "1":
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def build(folder: Path, size_bytes: int) -> tuple[int, float]:
    """``build_corpus`` timed: bytes written and seconds."""
    start = time.perf_counter()
    n_bytes = build_corpus(folder, size_bytes)
    return n_bytes, time.perf_counter() - start


if __name__ == "__main__":
    main()
