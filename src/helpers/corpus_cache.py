"""The read_corpus cache: Parquet under ``data/processed/corpus-<key>/``, and its key.

``cache_key(files, scanned, options)`` digests everything that decides a result: a BLAKE2b
digest of each input file's bytes (not its size or time), the ids, the options, the code of
the reading modules (:data:`READING_MODULES` and every module that registers a reader in
``helpers.readers.READERS``), the versions of the libraries they use, and the problems met
finding the files. ``read_cached`` returns the cached docs and problems (None when absent or
damaged, then removed); ``write_cache`` writes them atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from helpers.fingerprint import file_digest
from helpers.readers import reader_modules
from helpers.records import PROBLEM_COLUMNS, Problem

# Modules whose code turns files into documents (besides those of registered readers, see
# helpers.readers.reader_modules) and libraries whose versions can change a result.
READING_MODULES = (
    "corpus",
    "corpus_cache",
    "corpus_dates",
    "corpus_sources",
    "decoding",
    "file_bytes",
    "fingerprint",
    "readers",
    "readers_documents",
    "readers_json",
    "records",
    "text",
    "text_lines",
    "text_markdown",
)
READING_LIBRARIES = (
    "pandas",
    "pyarrow",
    "numpy",
    "pyyaml",
    "python-dateutil",
    "charset-normalizer",
    "ftfy",
    "pdfminer.six",
    "python-docx",
    "pyromark",
    "trafilatura",
)


@cache
def _library_versions() -> str:
    versions = []
    for name in READING_LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return ";".join(versions)


def _code_digest() -> str:
    """A digest of the code that turns files into documents and of its libraries' versions,
    so a change to either renews caches."""
    here = Path(__file__).parent
    modules = {here / f"{name}.py" for name in READING_MODULES} | set(reader_modules())
    h = hashlib.blake2b(digest_size=8)
    h.update(_library_versions().encode())
    for module in sorted(modules):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def cache_key(
    files: list[tuple[Path, str]], scanned: list[Problem], options: dict[str, Any]
) -> str:
    """A digest of everything that decides the result: the code, the options, each file's
    path, id and content (BLAKE2b of its bytes) and the problems met finding the files."""
    h = hashlib.blake2b(digest_size=8)
    h.update(json.dumps([_code_digest(), options], sort_keys=True, default=str).encode())
    for path, rel in files:
        try:
            content = file_digest(path)
        except OSError as err:  # read_file reports it; the key only needs to differ
            content = f"unreadable: {err}"
        h.update(f"{path}\0{path.resolve()}\0{rel}\0{content}\n".encode())
    for problem in scanned:
        h.update(f"{problem.source}\0{problem.reason}\n".encode())
    return h.hexdigest()


def read_cached(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The cached ``(docs, problems)`` in ``folder``; None when there are none, or when they
    are unreadable (the folder is then removed, to be written again)."""
    if not (folder / "docs.parquet").exists():
        return None
    try:
        docs = pd.read_parquet(folder / "docs.parquet")
        problems = pd.read_parquet(folder / "problems.parquet")
        problems = problems[PROBLEM_COLUMNS].astype({"lost": bool})
    except Exception:  # noqa: BLE001 - a damaged cache is read again from the sources
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return docs, problems


def write_cache(docs: pd.DataFrame, problems: pd.DataFrame, folder: Path) -> None:
    """Write ``docs`` and ``problems`` to ``folder`` (via a temporary folder and a rename); a
    failure to write is a warning, not an error."""
    tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        docs.to_parquet(tmp / "docs.parquet", index=False)
        problems.to_parquet(tmp / "problems.parquet", index=False)
        if not folder.exists():  # else another process wrote it meanwhile
            tmp.rename(folder)
    except (OSError, ValueError, pa.ArrowException) as err:
        warnings.warn(f"corpus not cached in {folder}: {err}", stacklevel=4)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
