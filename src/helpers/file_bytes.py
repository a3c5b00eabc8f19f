"""The bytes of input files: regular-file checks, gzip that keeps what precedes damage, lines.

``not_regular(path)`` says why a path cannot be read as a file (a dangling link, a FIFO, a
socket, a device), without opening it. ``read_bytes`` returns a file's bytes (decompressed
for ``.gz``); ``decoded_text`` and ``decoded_lines`` decode them, the latter keeping the
complete lines before a damaged gzip stream and returning a problem naming the first line
lost. ``numbered_lines`` streams the lines of byte blocks the same way.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from helpers.decoding import InputError, decode_bytes
from helpers.records import Problem

BLOCK = 1 << 20  # bytes read (or decompressed) at a time
_SPECIAL = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def gunzip_blocks(fh: BinaryIO) -> Iterator[bytes]:
    """Decompressed blocks of a gzip stream (one or more members).

    Raises InputError after the last good block when the data is corrupt or ends early, so
    a caller keeps everything before the damage.
    """
    inflate, pending, done = zlib.decompressobj(wbits=31), False, 0
    while block := fh.read(BLOCK):
        while block:
            if not pending and not block.strip(b"\x00"):
                return  # zero padding after the last member
            pending = True
            try:
                out = inflate.decompress(block)
            except zlib.error as err:
                if not done:
                    raise InputError(f"not gzip data, or damaged at the start ({err})") from None
                raise InputError(f"corrupt gzip data after {done:,} bytes ({err})") from None
            done += len(out)
            if out:
                yield out
            if not inflate.eof:
                break
            block, inflate, pending = inflate.unused_data, zlib.decompressobj(wbits=31), False
    if pending:
        raise InputError(f"truncated gzip file (the data ends early, after {done:,} bytes)")


def file_blocks(path: Path) -> Iterator[bytes]:
    """The bytes of ``path`` in blocks, decompressed when the name ends in ``.gz``."""
    with open(path, "rb") as fh:
        if path.name.lower().endswith(".gz"):
            yield from gunzip_blocks(fh)
        else:
            while block := fh.read(BLOCK):
                yield block


def read_all(path: Path) -> tuple[bytes, str | None]:
    """All bytes of ``path`` (decompressed) and, for a damaged gzip, what went wrong."""
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes(), None
    parts: list[bytes] = []
    try:
        for block in file_blocks(path):
            parts.append(block)
    except InputError as err:
        return b"".join(parts), str(err)
    return b"".join(parts), None


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, decompressed when its name ends in ``.gz``.

    Args:
        path: the file.

    Returns:
        Its bytes.

    Raises:
        InputError: the gzip data is damaged (the message says where).

    Example:
        >>> import gzip, tempfile
        >>> from pathlib import Path
        >>> from helpers.corpus import read_bytes
        >>> path = Path(tempfile.mkdtemp()) / "a.txt.gz"
        >>> _ = path.write_bytes(gzip.compress(b"hello"))
        >>> read_bytes(path)
        b'hello'
    """
    data, damage = read_all(path)
    if damage:
        raise InputError(damage)
    return data


def decoded_text(path: Path, encoding: str | None) -> tuple[str, str]:
    """The text of a one-document (or one-structure) file; damage loses the whole file."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("empty file")
    return decode_bytes(data, encoding)


def decoded_lines(path: Path, encoding: str | None) -> tuple[str, str, Problem | None]:
    """The text of a line-based file; after damage, the complete lines before it and a
    problem naming the first line lost."""
    data, damage = read_all(path)
    if not data.strip():
        raise InputError(damage or "empty file")
    if not damage:
        return (*decode_bytes(data, encoding), None)
    for cut in range(4):  # the damage may split a multi-byte character
        try:
            text, enc = decode_bytes(data[: len(data) - cut], encoding)
            break
        except InputError:
            if cut == 3:
                raise
    end = text.rfind("\n") + 1
    first_lost = text.count("\n", 0, end) + 1
    lost = Problem(f"{path}#line={first_lost}", f"{damage}: line {first_lost} and after are lost")
    return text[:end], enc, lost


def numbered_lines(blocks: Iterable[bytes], path: Path) -> Iterator[tuple[int, bytes | Problem]]:
    """Numbered lines of a byte stream; after damage, a problem naming the first lost line."""
    n, pending = 0, []  # pending: the pieces of a line that spans blocks
    try:
        for block in blocks:
            lines = block.split(b"\n")
            if len(lines) == 1:
                pending.append(block)
                continue
            if pending:
                pending.append(lines[0])
                lines[0] = b"".join(pending)
            pending = [lines.pop()]
            for line in lines:
                n += 1
                yield n, line
    except InputError as err:
        yield n + 1, Problem(f"{path}#line={n + 1}", f"{err}: line {n + 1} and after are lost")
        return
    if rest := b"".join(pending):
        yield n + 1, rest


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (dangling link, FIFO, socket, device), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return f"dangling symbolic link to {os.readlink(path)}"
        return "no such file"
    except OSError as err:
        if os.path.islink(path):
            return f"unreadable symbolic link ({err.strerror or err})"
        return f"cannot read file: {err.strerror or err}"
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file but {_SPECIAL.get(stat.S_IFMT(mode), 'a special file')}"
