"""The files of a corpus source: folders walked in sorted order, links followed once.

``scan_sources(source)`` expands a file, folder, glob or list of these into the regular
files to read, as ``(path, id)`` pairs, and the problems met on the way: dangling links,
FIFOs, sockets and devices (never opened), unreadable folders, and a note for each link to a
folder already read (so a link loop is read once). ``expand_sources`` gives the files only.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from helpers.file_bytes import not_regular
from helpers.records import Problem


def scan_sources(
    source: str | Path | Sequence[str | Path],
) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The regular files of ``source`` in a deterministic order, and the problems met.

    Folders are read recursively in sorted order, hidden entries skipped; symbolic links to
    folders are followed once.

    Args:
        source: a file, folder, glob, or a list of these.

    Returns:
        ``(files, problems)``: ``(path, id)`` pairs, and the problems met on the way
        (dangling links, FIFOs, sockets, devices, unreadable folders; a link to a folder
        already read is a note).

    Raises:
        FileNotFoundError: a path that does not exist.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from helpers.corpus import scan_sources
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "b.txt").write_text("x"), (folder / "a.txt").write_text("y")
        >>> files, problems = scan_sources(folder)
        >>> [(path.name, doc_id) for path, doc_id in files], problems
        ([('a.txt', 'a'), ('b.txt', 'b')], [])
    """
    items = [source] if isinstance(source, (str, Path)) else list(source)
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            _walk(path, (), {os.path.realpath(path)}, files, problems)
        elif os.path.lexists(path):
            _add_file(path, _strip_suffixes(path.name), files, problems)
        elif glob.has_magic(str(item)):
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            if not matches:
                raise FileNotFoundError(f"no files match {item}")
            for m in matches:
                if not m.is_dir():
                    _add_file(m, _strip_suffixes(m.name), files, problems)
        else:
            raise FileNotFoundError(f"no such file or folder: {item}")
    return files, problems


def expand_sources(source: str | Path | Sequence[str | Path]) -> list[tuple[Path, str]]:
    """The regular files of ``source`` as ``(path, id)`` pairs (see :func:`scan_sources`).

    Args:
        source: a file, folder, glob, or a list of these.

    Returns:
        The ``(path, id)`` pairs, in a deterministic order; the problems are left out.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from helpers.corpus import expand_sources
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "speech.txt").write_text("x")
        >>> [(path.name, doc_id) for path, doc_id in expand_sources(folder)]
        [('speech.txt', 'speech')]
    """
    return scan_sources(source)[0]


def _add_file(path: Path, rel: str, files: list[tuple[Path, str]], problems: list[Problem]) -> None:
    why = not_regular(path)
    if why:
        problems.append(Problem(str(path), why))
    else:
        files.append((path, rel))


def _walk(
    folder: Path,
    rel: tuple[str, ...],
    visited: set[str],
    files: list[tuple[Path, str]],
    problems: list[Problem],
) -> None:
    """Files under ``folder`` in sorted order; each real folder is entered once."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        problems.append(Problem(str(folder), f"cannot read folder: {err.strerror or err}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symbolic links
        except OSError:
            is_dir = False
        if not is_dir:
            _add_file(path, _strip_suffixes("/".join((*rel, entry.name))), files, problems)
            continue
        real = os.path.realpath(path)
        if real in visited:
            problems.append(
                Problem(str(path), f"a link to folder {real}, which is read already", lost=False)
            )
            continue
        visited.add(real)
        _walk(path, (*rel, entry.name), visited, files, problems)


def _strip_suffixes(name: str) -> str:
    name = name[:-3] if name.lower().endswith(".gz") else name
    return name.rsplit(".", 1)[0] if "." in Path(name).name else name
