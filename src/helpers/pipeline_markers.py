"""The ``_done`` markers of the pipeline: what a finished partition wrote, checked on every run.

A partition's tables are written first, each as ``<table>/part-NNNNN.parquet`` (by rename from
a hidden temporary name), and its marker ``_done/part-NNNNN.json`` last. The marker holds the
partition's fields (``partition``), its totals (``docs``, ``failures``, ``failures_by_step``,
``bytes`` of input), for every table the ``rows``, ``size`` (bytes) and ``blake2b`` digest of
its part file, and a ``digest`` of the marker itself, so an edited marker is caught too.
``partition_damage`` checks one partition against its marker; ``run_damage`` checks a finished
run (its manifest, every partition, stray part files). Hashing reads the files once, at
about 1 GB/s: small next to the pipeline, which writes far fewer bytes than it reads and parses.
``stale_temporaries`` finds the hidden ``.<name>.tmp-PID`` files of writes that were killed
(their process is gone, or they were last written over an hour ago), for a run to remove.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from helpers.fingerprint import file_digest

DONE = "_done"
MANIFEST = "manifest.json"
_PART = re.compile(r"part-(\d{5,})\.(?:parquet|json)$")
_TEMPORARY = re.compile(r"\..+\.tmp-(\d+)$")
STALE_SECONDS = 3600  # a temporary file untouched this long belongs to no running write
TOTALS = ("docs", "failures", "notes")  # the counts of a marker, summed in the manifest


def part_name(index: int, suffix: str = "parquet") -> str:
    """``part-NNNNN.<suffix>``: the file name of partition ``index``."""
    return f"part-{index:05d}.{suffix}"


def marker_path(folder: Path, index: int) -> Path:
    """Where the marker of partition ``index`` lives."""
    return folder / DONE / part_name(index, "json")


def replace_atomically(path: Path, write: Callable[[Path], Any]) -> None:
    """Write via ``write(tmp_path)`` to a hidden temporary name, then rename to ``path``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_table(table: pa.Table, path: Path) -> dict[str, Any]:
    """Write ``table`` to ``path`` as Parquet (atomically); return its ``rows``, ``size`` and
    ``blake2b`` digest as a marker records them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stored: dict[str, Any] = {"rows": table.num_rows}

    def write(tmp: Path) -> None:
        pq.write_table(table, tmp)
        stored["size"] = tmp.stat().st_size
        stored["blake2b"] = file_digest(tmp)

    replace_atomically(path, write)
    return stored


def _self_digest(info: Mapping[str, Any]) -> str:
    body = {k: v for k, v in info.items() if k != "digest"}
    return hashlib.blake2b(json.dumps(body, sort_keys=True).encode(), digest_size=16).hexdigest()


def write_marker(folder: Path, index: int, info: Mapping[str, Any]) -> None:
    """Write the marker of partition ``index`` (``info`` plus its own ``digest``), last."""
    path = marker_path(folder, index)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({**info, "digest": _self_digest(info)}, sort_keys=True)
    replace_atomically(path, lambda tmp: tmp.write_text(text))


def read_marker(folder: Path, index: int) -> tuple[dict[str, Any] | None, str | None]:
    """``(marker, None)`` for an intact marker, ``(None, reason)`` when it is missing,
    unreadable or was edited."""
    path = marker_path(folder, index)
    try:
        info = json.loads(path.read_text())
    except FileNotFoundError:
        return None, "no marker"
    except (OSError, ValueError) as err:
        return None, f"{DONE}/{path.name} unreadable ({type(err).__name__})"
    if not isinstance(info, dict) or info.get("digest") != _self_digest(info):
        return None, f"{DONE}/{path.name} edited or damaged (its digest does not match)"
    return info, None


def partition_damage(
    folder: Path, partition: Mapping[str, Any], tables: Sequence[str]
) -> tuple[dict[str, Any] | None, list[str]]:
    """Check a finished partition (``partition``: the fields of a ``Partition``) and its
    ``tables``: ``(marker, [])`` when intact, ``(None, reasons)`` otherwise. Each part file
    must exist with the size, footer row count and BLAKE2b digest its marker records."""
    index = int(partition["index"])
    info, reason = read_marker(folder, index)
    if info is None:
        return None, [str(reason)]
    if info.get("partition") != dict(partition):
        return None, [f"{DONE}/{part_name(index, 'json')} is the marker of another partition"]
    stored = info.get("tables", {})
    if sorted(stored) != sorted(tables):
        return None, [f"{DONE}/{part_name(index, 'json')} lists other tables"]
    damage = [d for name in tables if (d := _file_damage(folder, name, index, stored[name]))]
    return (None, damage) if damage else (info, [])


def _file_damage(folder: Path, table: str, index: int, stored: Mapping[str, Any]) -> str | None:
    """Why the part file of ``table`` does not match what its marker recorded, or None."""
    name = f"{table}/{part_name(index)}"
    path = folder / table / part_name(index)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return f"{name} missing"
    if size != stored.get("size"):
        return f"{name} has {size} bytes, its marker says {stored.get('size')}"
    try:
        rows = pq.read_metadata(path).num_rows
    except Exception as err:  # noqa: BLE001 - any unreadable footer is damage
        return f"{name} has no readable Parquet footer ({type(err).__name__})"
    if rows != stored.get("rows"):
        return f"{name} has {rows} rows, its marker says {stored.get('rows')}"
    if file_digest(path) != stored.get("blake2b"):
        return f"{name} differs from its checksum"
    return None


def stray_parts(folder: Path, n_partitions: int, tables: Sequence[str]) -> list[Path]:
    """Part files and markers in ``folder`` that belong to no partition of the run."""
    found = []
    for sub in [*tables, DONE]:
        for path in sorted((folder / sub).glob("part-*")):
            m = _PART.match(path.name)
            if not m or int(m.group(1)) >= n_partitions:
                found.append(path)
    return found


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Hidden temporary files (``.<name>.tmp-PID``) in ``folder`` and its table folders left
    by a write that was killed: their process is gone, or they are older than an hour (a
    process id reused, or a worker on another machine). Files being written are left alone."""
    now = time.time() if now is None else now
    found = []
    for path in sorted([*folder.glob(".*.tmp-*"), *folder.glob("*/.*.tmp-*")]):
        m = _TEMPORARY.match(path.name)
        if not m or not path.is_file():
            continue
        try:
            old = now - path.stat().st_mtime > STALE_SECONDS
        except FileNotFoundError:  # its write just finished
            continue
        if old or not _alive(int(m.group(1))):
            found.append(path)
    return found


def run_damage(folder: Path) -> list[str]:
    """Everything damaged or missing in the finished run in ``folder`` (empty when intact):
    its manifest, each partition's marker and part files, stray part files, and totals of the
    manifest that differ from those of the markers."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        partitions, tables = manifest["partitions"], manifest["tables"]
    except FileNotFoundError:
        return [f"{MANIFEST} missing: the run did not finish"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [f"{MANIFEST} unreadable ({type(err).__name__})"]
    damage, totals = [], dict.fromkeys(TOTALS, 0)
    for partition in partitions:
        info, reasons = partition_damage(folder, partition, tables)
        damage += [f"partition {partition['index']}: {r}" for r in reasons]
        for k in totals:
            totals[k] += info.get(k, 0) if info else 0
    damage += [
        f"{p.relative_to(folder)}: not a partition of this run"
        for p in stray_parts(folder, len(partitions), tables)
    ]
    if not damage:
        damage += [
            f"{MANIFEST}: {k} {manifest.get(k)}, the partitions hold {n}"
            for k, n in totals.items()
            if manifest.get(k) != n
        ]
    return damage
