"""One pipeline: every per-document step over a corpus, written as partitioned Parquet.

``process(source)`` reads a file, folder or glob (as ``read_corpus``) shard by shard, runs
the steps of :mod:`helpers.pipeline_steps` (normalise, sentences, token counts, quotations,
framing markers and frames, timexes and events) partition by partition and writes
``<out>/<key>/<table>/part-NNNNN.parquet`` for each table in ``TABLES``. ``key`` (see
:func:`corpus_key`) digests everything that changes a result: the content of each input,
the options, the code, library versions and the lexicons. It returns a :class:`Processed`,
which reads the tables back one partition at a time (see :mod:`helpers.pipeline_tables`).

A partition is one input file, a byte range of a large JSON Lines file or a run of row
groups of a large Parquet file (about ``partition_bytes``), so memory stays bounded by the
partition, not the corpus; what scanning the sources met (dangling links, FIFOs, sockets,
devices, unreadable folders, links to folders already read) is one last partition. Nothing
stops a run: a file, line or record that cannot be read or processed becomes a row of the
``failures`` table (``doc_id, source, step, reason``); notes on what was loaded (a date
left empty, a value kept as text, the day/month order chosen for ambiguous dates) are rows
of ``notes`` (``doc_id, source, reason``), as ``read_corpus`` lists them in ``problems``
with ``lost`` False. :attr:`Processed.problems` shows both as ``read_corpus`` does.

A partition is finished when its marker ``_done/part-NNNNN.json`` exists (written last, by
rename, after its tables) and matches its part files (rows, size, BLAKE2b, Parquet footer;
see :mod:`helpers.pipeline_markers`); every run checks each marker, reuses the intact
partitions and does the others again. ``python -m helpers.pipeline --verify KEY`` checks a
finished run. Engines: ``"inprocess"`` (default) or ``"dask"`` with ``client`` a
``distributed.Client``, a scheduler address, or None for a ``LocalCluster`` of 2 worker
processes with 1 thread each. Both write identical tables. Unlike ``read_corpus`` the
pipeline keeps documents with repeated text, and makes doc ids unique within a partition
only (the manifest counts ids repeated across partitions). Hidden temporary files of
writes that were killed are removed by the next run.

Ambiguous numeric dates (``01/02/2020``) are read as ``dayfirst`` says; None (default)
decides for the whole corpus as ``read_corpus`` does, from a pre-pass over the inputs' date
fields (day first if more dates show a day above 12 first than second; the evidence is
kept in ``date_order.json`` of the run and in the manifest, so a rerun does not read again).
"""

from __future__ import annotations

import hashlib
import json
import platform
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers.corpus_dates import choose_dayfirst, date_order
from helpers.corpus_sources import scan_sources
from helpers.decoding import BOMS
from helpers.fingerprint import file_digest, lexicons_digest
from helpers.paths import LEXICONS, processed_dir
from helpers.pipeline_markers import (
    MANIFEST,
    TOTALS,
    part_name,
    partition_damage,
    replace_atomically,
    run_damage,
    stale_temporaries,
    stray_parts,
    write_marker,
    write_table,
)
from helpers.pipeline_steps import (
    FAILURE_COLUMNS,
    LOSING_STEPS,
    NOTE_COLUMNS,
    OPTIONAL_TABLES,
    STEPS,
    TABLES,
    partition_tables,
)
from helpers.readers import (
    Problem,
    Record,
    json_line_records,
    pick_columns,
    read_file,
    record_from_row,
)

PIPELINE_VERSION = "5"
PARTITION_BYTES = 8_000_000
ENGINES = ("inprocess", "dask")
# libraries whose versions are part of the key (their behaviour shapes the tables)
_LIBRARIES = ("numpy", "pandas", "pyarrow", "charset-normalizer", "ftfy", "trafilatura",
              "lxml_html_clean", "PyYAML", "dateparser")  # fmt: skip
_JSONL = (".jsonl", ".ndjson")
# readers whose dates are ISO (document metadata, trafilatura): never ambiguous, not pre-read
_ISO_DATES = (".pdf", ".docx", ".html", ".htm")
DATE_ORDER = "date_order.json"  # the evidence of the day/month pre-pass, kept in the run folder
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
    (``"row_groups"``); ``first_line`` numbers its first line or row in the file. The
    problems met while scanning the sources are one partition (``"scan"``) holding them as
    ``(source, reason, lost)`` in ``problems``; ``path`` is then the first one's source."""

    index: int
    path: str
    rel_id: str
    start: int = 0
    stop: int | None = None
    first_line: int = 1
    unit: str = "file"
    problems: tuple[tuple[str, str, bool], ...] = ()

    def fields(self) -> dict[str, Any]:
        """The fields as a marker or the manifest stores them (JSON: lists, not tuples)."""
        return json.loads(json.dumps(asdict(self)))


def _splittable(path: Path, encoding: str | None) -> bool:
    """Plain UTF-8 JSON Lines (no other encoding, not gzip) can be read in byte ranges."""
    if encoding or path.suffix.lower() not in _JSONL:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:  # unreadable: read whole, its reader reports the problem
        return False
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
    large Parquet files by row groups (about ``partition_bytes`` each); last, one partition
    of the problems met while scanning the sources (dangling links, FIFOs, …), if any."""
    return _plan(*scan_sources(source), partition_bytes, encoding)


def _plan(
    files: list[tuple[Path, str]],
    scanned: list[Problem],
    partition_bytes: int,
    encoding: str | None,
) -> list[Partition]:
    parts: list[Partition] = []
    for path, rel in files:
        try:
            size = path.stat().st_size
        except OSError:  # gone or unreadable: one partition, its reader reports the problem
            size = 0
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
    if scanned:
        problems = tuple((p.source, p.reason, p.lost) for p in scanned)
        parts.append(Partition(len(parts), scanned[0].source, "", unit="scan", problems=problems))
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
    if part.unit == "scan":
        yield from (Problem(source, reason, lost) for source, reason, lost in part.problems)
    elif part.unit == "bytes":
        yield from _jsonl_range(part, columns)
    elif part.unit == "row_groups":
        yield from _row_groups(part, columns)
    else:
        yield from read_file(Path(part.path), part.rel_id, encoding=encoding, columns=columns)


def _environment() -> dict[str, str]:
    """Versions of Python and of the libraries whose behaviour shapes the tables."""
    found = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def _code_digest() -> str:
    """Digest of the names and bytes of the ``helpers`` modules and model files (quote kinds)."""
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for module in sorted([*here.glob("*.py"), *here.glob("*.json")]):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def _content_digest(path: Path) -> str:
    """BLAKE2b of a regular file's bytes; other kinds of file (a FIFO) are never opened."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "not a regular file"
        return file_digest(path)
    except OSError as err:
        return f"unreadable: {type(err).__name__}"


def corpus_key(source: str | Path | Sequence[str | Path], options: Mapping[str, Any]) -> str:
    """``corpus-<name>-<hash>``: the name of the first input and a hash of everything that
    changes a result: the pipeline version, ``options``, the code of the ``helpers`` modules,
    the versions of Python and the main libraries, the lexicons of ``data/lexicons`` (and of
    ``options["lexicons"]`` when given), each input file's path, id and content digest, and
    the problems met while scanning the sources (a dangling link, a FIFO)."""
    return _key(source, *scan_sources(source), options)


def _key(
    source: str | Path | Sequence[str | Path],
    files: list[tuple[Path, str]],
    scanned: list[Problem],
    options: Mapping[str, Any],
) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(json.dumps([PIPELINE_VERSION, dict(options), _environment()], sort_keys=True,
                        default=str).encode())  # fmt: skip
    h.update(_code_digest().encode())
    h.update(lexicons_digest(LEXICONS).encode())
    if options.get("lexicons"):
        h.update(lexicons_digest(options["lexicons"]).encode())
    for path, rel in files:
        h.update(f"{path}\0{path.resolve()}\0{rel}\0{_content_digest(path)}\n".encode())
    for problem in scanned:
        h.update(f"{problem.source}\0{problem.reason}\0{problem.lost}\n".encode())
    first = Path(source if isinstance(source, (str, Path)) else source[0])
    name = "".join(c if c.isalnum() else "-" for c in first.name.split(".")[0].lower()) or "glob"
    return f"corpus-{name.strip('-')[:40]}-{h.hexdigest()}"


def _input_bytes(part: Partition) -> int:
    """Bytes of input in ``part`` (compressed row-group sizes for Parquet row groups)."""
    if part.unit == "bytes":
        return (part.stop or 0) - part.start
    if part.unit == "scan":
        return 0
    try:
        if part.unit == "row_groups":
            meta = pq.ParquetFile(part.path).metadata
            return sum(_compressed(meta, i) for i in range(part.start, part.stop or 1))
        return Path(part.path).stat().st_size
    except Exception:  # noqa: BLE001 - an unreadable input counts no bytes; reading says why
        return 0


def _reason(err: BaseException) -> str:
    """``Type: message`` of an exception, the package named unless built in (``zlib.error``),
    at most 2,000 characters."""
    kind, package = type(err).__name__, type(err).__module__.split(".")[0]
    name = kind if package == "builtins" else f"{package}.{kind}"
    return f"{name}: {err}"[:2000]


def _where(part: Partition) -> str:
    """The input of ``part`` as a failure's ``source``."""
    if part.unit == "bytes":
        return f"{part.path}#bytes={part.start}-{part.stop}"
    if part.unit == "row_groups":
        return f"{part.path}#row_groups={part.start}-{part.stop}"
    return part.path  # a file, or the first problem of the scan


def read_guarded(part: Partition, options: Mapping[str, Any]) -> Iterator[Record | Problem]:
    """The records of ``part`` (as ``read_partition``); an exception while reading ends the
    partition's records with a problem naming it (the records before it are kept)."""
    n = 0
    try:
        for item in read_partition(part, options.get("encoding"), options.get("columns")):
            n += isinstance(item, Record)
            yield item
    except MemoryError:
        raise
    except Exception as err:  # noqa: BLE001 - whatever a reader raises, the run goes on
        rest = "the rest of this input is not read"
        yield Problem(_where(part), f"{_reason(err)} (reading stopped after {n} records; {rest})")


def _failure_rows(items: Sequence[Record], step: str, err: BaseException) -> list[dict[str, Any]]:
    return [
        {"doc_id": r.doc_id, "source": r.source, "step": step, "reason": _reason(err)}
        for r in items
    ]


def _arrow_tables(
    items: Iterable[Record | Problem],
    options: Mapping[str, Any],
    failures: Sequence[Mapping[str, Any]] = (),
) -> dict[str, pa.Table]:
    """The partition's tables as Arrow tables (``failures`` added to its failures); raises
    ``_StepError`` naming the step (``normalise`` or ``write``) that failed."""
    dates = options.get("dates")
    try:
        tables = partition_tables(
            items,
            tokens=bool(options.get("tokens")),
            lexicons=options.get("lexicons"),
            dayfirst=options.get("dayfirst"),
            decided=(dates["dayfirst"], dates["why"]) if dates else None,
        )
    except MemoryError:
        raise
    except Exception as err:
        raise _StepError("normalise", err) from err
    if failures:
        extra = pd.DataFrame(list(failures), columns=FAILURE_COLUMNS).astype("str")
        tables["failures"] = pd.concat([tables["failures"], extra], ignore_index=True)
    try:
        return {name: pa.Table.from_pandas(t, preserve_index=False) for name, t in tables.items()}
    except MemoryError:
        raise
    except Exception as err:
        raise _StepError("write", err) from err


class _StepError(Exception):
    """A failure of the partition's records taken together, at ``step``."""

    def __init__(self, step: str, err: BaseException) -> None:
        super().__init__(step, err)
        self.step, self.err = step, err


def _failing(
    records: list[Record], options: Mapping[str, Any], failed: _StepError | None = None
) -> list[tuple[Record, _StepError]]:
    """The records that cannot be processed, each with its error, found by halving
    ``records``; ``failed``: the error of ``records`` taken together, when known."""
    if failed is None:
        try:
            _arrow_tables(records, options)
            return []
        except _StepError as err:
            failed = err
    if len(records) <= 1:
        return [(r, failed) for r in records]
    half = len(records) // 2
    return _failing(records[:half], options) + _failing(records[half:], options)


def partition_arrow_tables(part: Partition, options: Mapping[str, Any]) -> dict[str, pa.Table]:
    """The tables of ``part``. Whatever fails is a failure row: a record that cannot be read
    (step ``read``) or processed in a step (see ``helpers.pipeline_steps``). When the records
    fail only together (a value no table can hold), the partition is read again and halved
    until the failing records are found (step ``normalise`` or ``write``); when the rest
    still fails, each record is a failure of step ``partition``."""
    try:
        return _arrow_tables(read_guarded(part, options), options)
    except _StepError as err:
        failed = err
    items = list(read_guarded(part, options))
    records = [r for r in items if isinstance(r, Record)]
    bad = _failing(records, options, failed)
    rows = [row for r, err in bad for row in _failure_rows([r], err.step, err.err)]
    ids = {id(r) for r, _ in bad}
    try:
        return _arrow_tables([r for r in items if id(r) not in ids], options, rows)
    except _StepError as whole:
        problems = [r for r in items if isinstance(r, Problem)]
        return _arrow_tables(problems, options, _failure_rows(records, "partition", whole.err))


def date_evidence(part: Partition, options: Mapping[str, Any]) -> dict[str, int]:
    """How many date values of the records of ``part`` show a day above 12 first
    (``day-first``), one second (``month-first``), or could be either (``ambiguous``): the
    pre-pass that decides the order of ambiguous dates for the whole corpus. Inputs whose
    readers give ISO dates only (PDF, DOCX, HTML) are not read."""
    name = part.path.lower().removesuffix(".gz")
    if part.unit == "scan" or name.endswith(_ISO_DATES):
        return {}
    counts: Counter[str] = Counter()
    for item in read_guarded(part, options):
        if isinstance(item, Record) and (order := date_order(item.meta.get("date"))):
            counts[order] += 1
    return dict(counts)


def run_partition(part: Partition, folder: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """Process one partition into ``folder`` unless it finished intact before (its marker and
    part files checked, see :mod:`helpers.pipeline_markers`); return its summary (``index``,
    ``docs``, ``failures``, ``failures_by_step``, ``notes``, ``bytes``, ``reused`` and
    ``damage``: why a finished partition was done again, or None)."""
    root = Path(folder)
    info, damage = partition_damage(root, part.fields(), _tables_of(options))
    if info is not None:
        return {**_summary(info), "reused": True, "damage": None}
    tables = partition_arrow_tables(part, options)
    stored = {
        name: write_table(table, root / name / part_name(part.index))
        for name, table in tables.items()
    }
    steps = Counter(tables["failures"].column("step").to_pylist())
    info = {
        "version": PIPELINE_VERSION,
        "partition": part.fields(),
        "docs": tables["docs"].num_rows,
        "failures": tables["failures"].num_rows,
        "failures_by_step": {s: steps[s] for s in _in_step_order(steps)},
        "notes": tables["notes"].num_rows,
        "bytes": _input_bytes(part),
        "tables": stored,
    }
    write_marker(root, part.index, info)
    had_marker = damage != ["no marker"]
    return {**_summary(info), "reused": False, "damage": "; ".join(damage) if had_marker else None}


def _summary(info: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("docs", "failures", "failures_by_step", "notes", "bytes")
    return {"index": info["partition"]["index"], **{k: info[k] for k in keys}}


def _in_step_order(steps: Iterable[str]) -> list[str]:
    return sorted(steps, key=lambda s: (STEPS.index(s) if s in STEPS else len(STEPS), s))


def _tables_of(options: Mapping[str, Any]) -> list[str]:
    return list(TABLES) + (["tokens"] if options.get("tokens") else [])


Mapper = Callable[..., list[Any]]  # (func, parts, desc, **kwargs) -> [func(part, **kwargs)]


@contextmanager
def _engine(engine: str, client: Any, progress: bool) -> Iterator[Mapper]:
    """A function that maps a function over partitions, in this process or on Dask (results
    in any order; ``client`` as in :func:`process`), with a bar when ``progress``."""
    if engine != "dask":
        yield lambda func, parts, desc, **kw: [
            func(p, **kw) for p in _bar(parts, len(parts), progress, desc)
        ]
        return
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

    def run(func: Callable[..., Any], parts: list[Partition], desc: str, **kw: Any) -> list[Any]:
        futures = client.map(func, parts, **kw, pure=False)
        return [f.result() for f in _bar(as_completed(futures), len(parts), progress, desc)]

    try:
        yield run
    finally:
        for item in owned:
            item.close()


def _bar(items: Iterable[Any], total: int, show: bool, desc: str) -> Iterable[Any]:
    """``items`` with a tqdm bar of finished partitions when ``show``."""
    return tqdm(items, total=total, unit="partition", desc=desc, disable=not show)


def _date_order(
    folder: Path, parts: list[Partition], options: Mapping[str, Any], run: Mapper
) -> dict[str, Any]:
    """How this run reads ambiguous numeric dates: ``dayfirst``, ``why`` and, when decided
    from the corpus, the ``evidence`` of the pre-pass (counts of ``day-first``,
    ``month-first`` and ``ambiguous`` dates), kept in ``<folder>/date_order.json``."""
    given = options.get("dayfirst")
    if given is not None:
        return {"dayfirst": given, "why": choose_dayfirst(given, 0, 0)[1], "evidence": None}
    path = folder / DATE_ORDER
    kinds = ("day-first", "month-first", "ambiguous")
    try:
        evidence = json.loads(path.read_text())
        if sorted(evidence) != sorted(kinds) or not all(
            isinstance(evidence[k], int) for k in kinds
        ):
            raise ValueError("not the evidence of a pre-pass")
    except (OSError, ValueError):
        total: Counter[str] = Counter()
        for counts in run(date_evidence, parts, "reading dates", options=dict(options)):
            total.update(counts)
        evidence = {k: total[k] for k in kinds}
        replace_atomically(path, lambda tmp: tmp.write_text(json.dumps(evidence)))
    chosen, why = choose_dayfirst(None, evidence["day-first"], evidence["month-first"])
    return {"dayfirst": chosen, "why": why, "evidence": evidence}


def process(
    source: str | Path | Sequence[str | Path],
    *,
    engine: str = "inprocess",
    client: Any = None,
    out: str | Path | None = None,
    partition_bytes: int = PARTITION_BYTES,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    dayfirst: bool | None = None,
    tokens: bool = False,
    lexicons: str | Path | None = None,
    progress: bool = False,
) -> Processed:
    """Run the pipeline over ``source`` and return the :class:`Processed` tables.

    ``out``: parent folder of ``<key>/`` (default ``data/processed``; with a remote Dask
    cluster, a folder every worker can write). ``encoding``, ``columns`` and ``dayfirst`` as
    in ``read_corpus``: ``dayfirst`` True or False reads ambiguous numeric dates
    (``01/02/2020``) day or month first; None decides for the whole corpus from a pre-pass
    over the date fields of the inputs; each file with ambiguous dates gets a note saying
    how they were read. ``tokens`` also writes the ``tokens`` table (one row per token, about
    ten times the size of the text on disk). ``lexicons``: a folder with ``markers.csv`` and
    ``frames.csv`` to use instead of ``data/lexicons`` (kept in the manifest, so the
    aggregates of ``helpers.pipeline_framing`` list its families). Partitions of an earlier
    run with the same key are reused when their part files match their markers; the others
    are done again, and the manifest is written anew. ``progress`` shows a bar of finished
    partitions (for a terminal).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    options: dict[str, Any] = {
        "encoding": encoding,
        "columns": dict(columns) if columns else None,
        "partition_bytes": partition_bytes,
        "dayfirst": dayfirst,
    }
    if tokens:  # only then, so that keys of runs without tokens stay as they were
        options["tokens"] = True
    if lexicons is not None:
        options["lexicons"] = str(Path(lexicons).resolve())
    files, scanned = scan_sources(source)
    key = _key(source, files, scanned, options)
    folder = (Path(out) if out is not None else processed_dir()) / key
    folder.mkdir(parents=True, exist_ok=True)
    for path in stale_temporaries(folder):
        path.unlink(missing_ok=True)
    parts = _plan(files, scanned, partition_bytes, encoding)
    with _engine(engine, client, progress) as run:
        dates = _date_order(folder, parts, options, run)
        run_options = {**options, "dates": {k: dates[k] for k in ("dayfirst", "why")}}
        summaries = run(
            run_partition, parts, "processing corpus", folder=str(folder), options=run_options
        )
    summaries.sort(key=lambda s: s["index"])
    for path in stray_parts(folder, len(parts), _tables_of(options)):
        path.unlink()
    _write_manifest(folder, key, source, options, parts, summaries, dates)
    return Processed(folder)


def _write_manifest(
    folder: Path,
    key: str,
    source: str | Path | Sequence[str | Path],
    options: Mapping[str, Any],
    parts: list[Partition],
    summaries: list[dict[str, Any]],
    dates: Mapping[str, Any],
) -> None:
    steps: Counter[str] = Counter()
    for s in summaries:
        steps.update(s["failures_by_step"])
    result = Processed(folder)
    repeated = Counter(
        Counter(d for frame in result.iter("docs", ["doc_id"]) for d in frame["doc_id"]).values()
    )
    manifest = {
        "key": key,
        "version": PIPELINE_VERSION,
        "options": options,
        "sources": [str(s) for s in ([source] if isinstance(source, (str, Path)) else source)],
        "partitions": [p.fields() for p in parts],
        "tables": _tables_of(options),
        **{total: sum(s[total] for s in summaries) for total in TOTALS},
        "failures_by_step": {s: steps[s] for s in _in_step_order(steps)},
        "lexicons": options.get("lexicons"),
        "date_order": dict(dates),
        "bytes": sum(s["bytes"] for s in summaries),
        "reused_partitions": sum(s["reused"] for s in summaries),
        "computed_partitions": [s["index"] for s in summaries if not s["reused"]],
        "damaged_partitions": {str(s["index"]): s["damage"] for s in summaries if s["damage"]},
        "repeated_doc_ids": sum(n for times, n in repeated.items() if times > 1),
    }
    replace_atomically(
        folder / MANIFEST, lambda tmp: tmp.write_text(json.dumps(manifest, indent=1, default=str))
    )


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

    @property
    def notes(self) -> pd.DataFrame:
        """Notes on inputs that were loaded: ``doc_id, source, reason`` (``doc_id`` missing
        for a note on a file, e.g. how its ambiguous dates were read)."""
        return self.read("notes")

    @property
    def problems(self) -> pd.DataFrame:
        """Failures and notes as ``read_corpus`` lists its problems: ``source, reason, lost``,
        then ``step`` (``note`` for a note) and ``doc_id``. ``lost`` is True for what is not
        in ``docs`` (failures to read, normalise or write) and False for notes and for
        documents that failed a later step (in ``docs``, missing from that step's table)."""
        failures = self.failures.reindex(columns=FAILURE_COLUMNS)  # no columns: no partitions
        notes = self.notes.reindex(columns=NOTE_COLUMNS)
        frames = [
            failures.assign(lost=failures["step"].isin(LOSING_STEPS)),
            notes.assign(lost=False, step="note"),
        ]
        columns = ["source", "reason", "lost", "step", "doc_id"]
        table = pd.concat([f[columns] for f in frames], ignore_index=True)
        return table.astype({"lost": bool})

    @property
    def lexicons(self) -> Path | None:
        """The lexicon folder the run used (``lexicons=``), or None for ``data/lexicons``."""
        folder = self.manifest.get("lexicons")
        return Path(folder) if folder else None


def open_processed(key: str | Path, out: str | Path | None = None) -> Processed:
    """The :class:`Processed` tables of a finished run, by key (under ``out``, default
    ``data/processed``) or by folder path."""
    path = Path(key)
    folder = path if path.is_dir() else (Path(out) if out is not None else processed_dir()) / key
    if not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"no finished pipeline run in {folder}")
    return Processed(folder)


def verify_run(key: str | Path, out: str | Path | None = None) -> list[str]:
    """What is damaged or missing in the finished run ``key`` (a key under ``out``, default
    ``data/processed``, or a folder): empty when every partition matches its marker."""
    path = Path(key)
    folder = path if path.is_dir() else (Path(out) if out is not None else processed_dir()) / key
    if not folder.is_dir():
        return [f"no pipeline run in {folder}"]
    return run_damage(folder)


def summary_line(p: Processed) -> str:
    """``<key>: D documents, F failures (step n, ...), N notes, P partitions (R reused,
    C computed, X redone after damage) in <folder>`` from the manifest of ``p``."""
    info = p.manifest
    steps = ", ".join(f"{s} {n}" for s, n in info["failures_by_step"].items())
    damaged = len(info["damaged_partitions"])
    computed = len(info["computed_partitions"]) - damaged
    return (
        f"{p.key}: {info['docs']} documents, {info['failures']} failures"
        + (f" ({steps})" if steps else "")
        + f", {info['notes']} notes"
        + f", {len(info['partitions'])} partitions ({info['reused_partitions']} reused, "
        f"{computed} computed, {damaged} redone after damage) in {p.folder}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers.pipeline SOURCE [--scheduler ADDRESS | --dask] [--out FOLDER]
    [--dayfirst | --monthfirst]``: process SOURCE and print the corpus key and totals (exit 0
    whatever the inputs hold; ambiguous dates decided from the corpus unless an order is
    given);
    ``python -m helpers.pipeline --verify KEY [--out FOLDER]``: check a finished run, print
    what is damaged (exit 1 if anything is)."""
    import argparse

    from helpers.pipeline import process, summary_line, verify_run  # as __main__: the package

    parser = argparse.ArgumentParser(prog="python -m helpers.pipeline", description=main.__doc__)
    parser.add_argument("source", nargs="*", help="files, folders or globs of the corpus")
    parser.add_argument("--verify", metavar="KEY", help="check the finished run KEY (or folder)")
    parser.add_argument("--dask", action="store_true", help="Dask LocalCluster, 2 workers")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (tcp://host:8786)")
    parser.add_argument("--out", help="parent folder of <key>/ (default data/processed)")
    parser.add_argument("--partition-mb", type=float, default=PARTITION_BYTES / 1e6)
    parser.add_argument("--tokens", action="store_true", help="also write one row per token")
    parser.add_argument("--lexicons", help="folder of markers.csv, frames.csv (data/lexicons)")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read 01/02/2020 as 1 February")
    order.add_argument("--monthfirst", action="store_true", help="read 01/02/2020 as 2 January")
    args = parser.parse_args(argv)
    if args.verify:
        damage = verify_run(args.verify, args.out)
        for line in damage:
            print(line)
        print(f"{args.verify}: {len(damage) or 'nothing'} damaged" + ("" if damage else ", ok"))
        return 1 if damage else 0
    if not args.source:
        parser.error("give SOURCE to process, or --verify KEY")
    engine = "dask" if args.dask or args.scheduler else "inprocess"
    source = args.source[0] if len(args.source) == 1 else args.source
    p = process(source, engine=engine, client=args.scheduler, out=args.out,
                partition_bytes=int(args.partition_mb * 1e6), tokens=args.tokens,
                lexicons=args.lexicons, progress=sys.stderr.isatty(),
                dayfirst=True if args.dayfirst else False if args.monthfirst else None)  # fmt: skip
    print(summary_line(p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
