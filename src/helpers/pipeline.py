"""One pipeline: every per-document step over a corpus, written as partitioned Parquet.

``process(source)`` reads a file, folder or glob (as ``read_corpus``) shard by shard, runs
the steps of :mod:`helpers.pipeline_steps` (normalise, sentences, token counts, quotations,
framing markers and frames, timexes and events) partition by partition and writes
``<out>/<key>/<table>/part-NNNNN.parquet`` for each table in ``TABLES``; ``key`` comes from
the input files (path, size, mtime) and the options. It returns a :class:`Processed`,
which reads the tables back one partition at a time (see :mod:`helpers.pipeline_tables`).

A partition is one input file, a byte range of a large JSON Lines file or a run of row
groups of a large Parquet file (about ``partition_bytes``), so memory stays bounded by the
partition, not the corpus. A partition is finished when its marker ``_done/part-NNNNN.json``
exists (written last, by rename, after its tables); a rerun skips finished partitions. Engines: ``"inprocess"`` (default) or
``"dask"`` with ``client`` a ``distributed.Client``, a scheduler address, or None for a
``LocalCluster`` of 2 worker processes with 1 thread each. Both write identical tables.
Unlike ``read_corpus`` the pipeline keeps documents with repeated text, and makes doc ids
unique within a partition only (the manifest counts ids repeated across partitions).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from helpers.corpus import expand_sources
from helpers.decoding import BOMS
from helpers.paths import processed_dir
from helpers.pipeline_steps import OPTIONAL_TABLES, TABLES, partition_tables
from helpers.readers import (
    Problem,
    Record,
    json_line_records,
    pick_columns,
    read_file,
    record_from_row,
)

PIPELINE_VERSION = "3"
PARTITION_BYTES = 8_000_000
ENGINES = ("inprocess", "dask")
_JSONL = (".jsonl", ".ndjson")
# The LocalCluster's workers run without the statistical profiler (it cost them ~8% CPU) and
# without Dask's MALLOC_TRIM_THRESHOLD_=65536, which returns freed memory to the system at
# once: with it a partition took 80,000 page faults instead of 12,000-38,000 (memory stays
# bounded by the partition anyway).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@dataclass(frozen=True)
class Partition:
    """One unit of work: a whole file (``unit="file"``), the lines of a JSON Lines file in
    bytes ``[start, stop)`` (``"bytes"``) or row groups ``[start, stop)`` of a Parquet file
    (``"row_groups"``); ``first_line`` numbers its first line or row in the file."""

    index: int
    path: str
    rel_id: str
    start: int = 0
    stop: int | None = None
    first_line: int = 1
    unit: str = "file"


def _splittable(path: Path, encoding: str | None) -> bool:
    """Plain UTF-8 JSON Lines (no other encoding, not gzip) can be read in byte ranges."""
    if encoding or path.suffix.lower() not in _JSONL:
        return False
    with path.open("rb") as fh:
        head = fh.read(8)
    return not any(head.startswith(bom) for bom, name in BOMS if name != "utf-8-sig")


def _line_starts(path: Path, size: int, partition_bytes: int) -> list[tuple[int, int]]:
    """``(byte offset, line number)`` of the line starts closest after each multiple of
    ``partition_bytes``, beginning with ``(0, 1)``."""
    cuts = [(0, 1)]
    with path.open("rb") as fh:
        target = partition_bytes
        while target < size:
            fh.seek(target)
            fh.readline()
            pos = fh.tell()
            if pos >= size:
                break
            if pos > cuts[-1][0]:
                cuts.append((pos, 0))
            target = pos + partition_bytes
        lines, done = 1, 0
        fh.seek(0)
        for k in range(1, len(cuts)):
            lines += fh.read(cuts[k][0] - done).count(b"\n")
            done = cuts[k][0]
            cuts[k] = (cuts[k][0], lines)
    return cuts


def plan(
    source: str | Path | Sequence[str | Path],
    partition_bytes: int = PARTITION_BYTES,
    encoding: str | None = None,
) -> list[Partition]:
    """The partitions of ``source``: one per file; large JSON Lines files split by bytes,
    large Parquet files by row groups (about ``partition_bytes`` each)."""
    parts: list[Partition] = []
    for path, rel in expand_sources(source):
        size = path.stat().st_size
        if size > partition_bytes and _splittable(path, encoding):
            cuts = _line_starts(path, size, partition_bytes)
            stops = [c[0] for c in cuts[1:]] + [size]
            for (start, line), stop in zip(cuts, stops, strict=True):
                parts.append(Partition(len(parts), str(path), rel, start, stop, line, "bytes"))
        elif size > partition_bytes and path.name.lower().endswith(".parquet"):
            for start, stop, row in _row_group_ranges(path, partition_bytes):
                parts.append(Partition(len(parts), str(path), rel, start, stop, row, "row_groups"))
        else:
            parts.append(Partition(len(parts), str(path), rel))
    return parts


def _row_group_ranges(path: Path, partition_bytes: int) -> list[tuple[int, int, int]]:
    """``(first, stop, first_row)`` runs of row groups of about ``partition_bytes``
    (compressed); a file that is not valid Parquet is one run, left to the reader."""
    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # noqa: BLE001 - read_file reports the problem
        return [(0, 1, 1)]
    runs, first, row, size = [], 0, 1, 0
    for i in range(meta.num_row_groups):
        size += _compressed(meta, i)
        if size >= partition_bytes or i == meta.num_row_groups - 1:
            runs.append((first, i + 1, row))
            row += sum(meta.row_group(k).num_rows for k in range(first, i + 1))
            first, size = i + 1, 0
    return runs or [(0, 1, 1)]


def _compressed(meta: pq.FileMetaData, i: int) -> int:
    """Compressed bytes of row group ``i``."""
    group = meta.row_group(i)
    return sum(group.column(c).total_compressed_size for c in range(group.num_columns))


def _row_groups(part: Partition, columns: Mapping[str, str] | None) -> Iterator[Record | Problem]:
    """The records in row groups ``[start, stop)`` of a Parquet file (as ``read_file``)."""
    try:
        table = pq.ParquetFile(part.path).read_row_groups(range(part.start, part.stop or 1))
        chosen = pick_columns(table.column_names, columns)
    except Exception as err:  # noqa: BLE001 - corrupt file or no text column
        yield Problem(part.path, f"unreadable Parquet file: {err}")
        return
    for n, row in enumerate(table.to_pylist(), start=part.first_line):
        yield record_from_row(row, chosen, f"{part.path}#row={n}", f"{part.rel_id}#{n}", None)


def _jsonl_range(part: Partition, columns: Mapping[str, str] | None) -> Iterator[Record | Problem]:
    """The records of the JSON Lines in ``part`` (as ``helpers.readers`` reads the file)."""
    return json_line_records(_range_lines(part), part.path, part.rel_id, columns)


def _range_lines(part: Partition) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of the byte range of ``part``."""
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        pos, n = part.start, part.first_line - 1
        while part.stop is None or pos < part.stop:
            line = fh.readline()
            if not line:
                break
            pos += len(line)
            n += 1
            yield n, line[3:] if n == 1 and line.startswith(b"\xef\xbb\xbf") else line


def read_partition(
    part: Partition, encoding: str | None = None, columns: Mapping[str, str] | None = None
) -> Iterator[Record | Problem]:
    """Stream the raw records (or problems) of one partition."""
    if part.unit == "bytes":
        yield from _jsonl_range(part, columns)
    elif part.unit == "row_groups":
        yield from _row_groups(part, columns)
    else:
        yield from read_file(Path(part.path), part.rel_id, encoding=encoding, columns=columns)


def corpus_key(source: str | Path | Sequence[str | Path], options: Mapping[str, Any]) -> str:
    """``corpus-<name>-<hash>``: the name of the first input, a hash of the input files
    (path, size, mtime), the options and the code (and model files) of the ``helpers`` modules."""
    files = expand_sources(source)
    h = hashlib.blake2b(digest_size=8)
    h.update(json.dumps([PIPELINE_VERSION, dict(options)], sort_keys=True, default=str).encode())
    code = [*Path(__file__).parent.glob("*.py"), *Path(__file__).parent.glob("*.json")]
    for module in sorted(code):  # the modules and the model files (quote kinds)
        h.update(module.read_bytes())
    for path, rel in files:
        st = path.stat()
        h.update(f"{path.resolve()}\0{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    first = Path(source if isinstance(source, (str, Path)) else source[0])
    name = "".join(c if c.isalnum() else "-" for c in first.name.split(".")[0].lower()) or "glob"
    return f"corpus-{name.strip('-')[:40]}-{h.hexdigest()}"


def _replace_atomically(path: Path, write: Any) -> None:
    """Write via ``write(tmp_path)`` to a hidden temporary name, then rename to ``path``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    write(tmp)
    os.replace(tmp, path)


def _input_bytes(part: Partition) -> int:
    """Bytes of input in ``part`` (compressed row-group sizes for Parquet row groups)."""
    if part.unit == "bytes":
        return (part.stop or 0) - part.start
    if part.unit == "row_groups":
        meta = pq.ParquetFile(part.path).metadata
        return sum(_compressed(meta, i) for i in range(part.start, part.stop or 1))
    return Path(part.path).stat().st_size


def run_partition(part: Partition, folder: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """Process one partition into ``folder`` unless already finished; return its summary
    (``index``, ``docs``, ``failures``, ``bytes``, ``reused``)."""
    root = Path(folder)
    marker = root / "_done" / f"part-{part.index:05d}.json"
    if marker.exists():
        return {**json.loads(marker.read_text()), "reused": True}
    records = read_partition(part, options.get("encoding"), options.get("columns"))
    tables = partition_tables(records, tokens=bool(options.get("tokens")))
    for name, table in tables.items():
        target = root / name / f"part-{part.index:05d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(target, lambda tmp, t=table: t.to_parquet(tmp, index=False))
    size = _input_bytes(part)
    summary = {
        "index": part.index,
        "docs": len(tables["docs"]),
        "failures": len(tables["failures"]),
        "bytes": size,
    }
    marker.parent.mkdir(parents=True, exist_ok=True)
    _replace_atomically(marker, lambda tmp: tmp.write_text(json.dumps(summary)))
    return {**summary, "reused": False}


def _run_dask(
    parts: list[Partition], folder: Path, options: Mapping[str, Any], client: Any
) -> list[dict[str, Any]]:
    import dask
    from distributed import Client, LocalCluster, as_completed

    owned: list[Any] = []
    if client is None:
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
        client = Client(cluster)
        owned = [client, cluster]
    elif isinstance(client, str):
        client = Client(client)
        owned = [client]
    try:
        futures = client.map(
            run_partition, parts, folder=str(folder), options=dict(options), pure=False
        )
        return [future.result() for future in as_completed(futures)]
    finally:
        for item in owned:
            item.close()


def process(
    source: str | Path | Sequence[str | Path],
    *,
    engine: str = "inprocess",
    client: Any = None,
    out: str | Path | None = None,
    partition_bytes: int = PARTITION_BYTES,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    tokens: bool = False,
) -> Processed:
    """Run the pipeline over ``source`` and return the :class:`Processed` tables.

    ``out``: parent folder of ``<key>/`` (default ``data/processed``; with a remote Dask
    cluster, a folder every worker can write). ``encoding`` and ``columns`` as in
    ``read_corpus``. ``tokens`` also writes the ``tokens`` table (one row per token, about
    ten times the size of the text on disk). Finished partitions of an earlier run with the
    same key are reused.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    options = {
        "encoding": encoding,
        "columns": dict(columns) if columns else None,
        "partition_bytes": partition_bytes,
    }
    if tokens:  # only then, so that keys of runs without tokens stay as they were
        options["tokens"] = True
    key = corpus_key(source, options)
    folder = (Path(out) if out is not None else processed_dir()) / key
    if (folder / "manifest.json").exists():
        return Processed(folder)
    folder.mkdir(parents=True, exist_ok=True)
    parts = plan(source, partition_bytes, encoding)
    if engine == "dask":
        summaries = _run_dask(parts, folder, options, client)
    else:
        summaries = [run_partition(p, str(folder), options) for p in parts]
    summaries.sort(key=lambda s: s["index"])
    result = Processed(folder)
    repeated = Counter(
        Counter(d for frame in result.iter("docs", ["doc_id"]) for d in frame["doc_id"]).values()
    )
    manifest = {
        "key": key,
        "version": PIPELINE_VERSION,
        "options": options,
        "sources": [str(s) for s in ([source] if isinstance(source, (str, Path)) else source)],
        "partitions": [asdict(p) for p in parts],
        "tables": list(TABLES) + (["tokens"] if tokens else []),
        "docs": sum(s["docs"] for s in summaries),
        "failures": sum(s["failures"] for s in summaries),
        "bytes": sum(s["bytes"] for s in summaries),
        "reused_partitions": sum(s["reused"] for s in summaries),
        "repeated_doc_ids": sum(n for times, n in repeated.items() if times > 1),
    }
    _replace_atomically(
        folder / "manifest.json",
        lambda tmp: tmp.write_text(json.dumps(manifest, indent=1, default=str)),
    )
    return result


@dataclass(frozen=True)
class Processed:
    """The Parquet tables of one pipeline run, read back a partition at a time."""

    folder: Path

    @property
    def key(self) -> str:
        """The corpus key (the folder name)."""
        return self.folder.name

    @property
    def manifest(self) -> dict[str, Any]:
        """Sources, options, partitions and totals of the run (empty while unfinished)."""
        path = self.folder / "manifest.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def partitions(self, table: str) -> list[Path]:
        """The Parquet files of ``table``, in partition order."""
        if table not in TABLES + OPTIONAL_TABLES:
            raise KeyError(f"no table {table!r}; tables: {', '.join(TABLES + OPTIONAL_TABLES)}")
        if not (self.folder / table).is_dir() and (self.folder / "docs").is_dir():
            if table in OPTIONAL_TABLES:
                raise KeyError(f"no {table!r} table in {self.folder}: process with {table}=True")
            version = self.manifest.get("version")
            raise KeyError(
                f"no {table!r} table in {self.folder} (written by pipeline version {version}, "
                f"this is version {PIPELINE_VERSION}): process the corpus again"
            )
        return sorted((self.folder / table).glob("part-*.parquet"))

    def iter(self, table: str, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """``table`` one partition at a time (only ``columns`` if given)."""
        for path in self.partitions(table):
            yield pd.read_parquet(path, columns=list(columns) if columns else None)

    def read(self, table: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The whole of ``table`` in memory: for small corpora, tests and single documents."""
        frames = [f for f in self.iter(table, columns) if len(f)]
        if not frames:
            return next(self.iter(table, columns), pd.DataFrame())
        return pd.concat(frames, ignore_index=True)

    @property
    def failures(self) -> pd.DataFrame:
        """Documents or inputs that failed a step: ``doc_id, source, step, reason``."""
        return self.read("failures")


def open_processed(key: str | Path, out: str | Path | None = None) -> Processed:
    """The :class:`Processed` tables of a finished run, by key (under ``out``, default
    ``data/processed``) or by folder path."""
    path = Path(key)
    folder = path if path.is_dir() else (Path(out) if out is not None else processed_dir()) / key
    if not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"no finished pipeline run in {folder}")
    return Processed(folder)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m helpers.pipeline SOURCE [--scheduler ADDRESS | --dask] [--out FOLDER]``:
    process SOURCE and print the corpus key and totals."""
    import argparse

    from helpers.pipeline import process  # run as __main__: tasks must refer to the package

    parser = argparse.ArgumentParser(prog="python -m helpers.pipeline", description=main.__doc__)
    parser.add_argument("source", nargs="+", help="files, folders or globs of the corpus")
    parser.add_argument("--dask", action="store_true", help="Dask LocalCluster, 2 workers")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (tcp://host:8786)")
    parser.add_argument("--out", help="parent folder of <key>/ (default data/processed)")
    parser.add_argument("--partition-mb", type=float, default=PARTITION_BYTES / 1e6)
    parser.add_argument("--tokens", action="store_true", help="also write one row per token")
    args = parser.parse_args(argv)
    engine = "dask" if args.dask or args.scheduler else "inprocess"
    source = args.source[0] if len(args.source) == 1 else args.source
    p = process(source, engine=engine, client=args.scheduler, out=args.out,
                partition_bytes=int(args.partition_mb * 1e6), tokens=args.tokens)  # fmt: skip
    info = p.manifest
    print(
        f"{p.key}: {info['docs']} documents, {info['failures']} failures, "
        f"{len(info['partitions'])} partitions ({info['reused_partitions']} reused) in {p.folder}"
    )


if __name__ == "__main__":
    main()
