"""Content fingerprints for cache and corpus keys: files by their bytes, never by mtime.

``file_digest(path)`` is the BLAKE2b digest of a file's bytes (read in 1 MiB blocks, about
1 GB/s); ``lexicons_digest()`` digests every lexicon file under ``data/lexicons`` (names and
bytes), so an edited lexicon changes every key that includes it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.paths import LEXICONS

_BLOCK = 1 << 20


def file_digest(path: str | Path, digest_size: int = 16) -> str:
    """Hex BLAKE2b digest of the bytes of ``path``."""
    h = hashlib.blake2b(digest_size=digest_size)
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


def lexicons_digest(folder: str | Path = LEXICONS, digest_size: int = 16) -> str:
    """Hex BLAKE2b digest of the names and bytes of every ``*.csv`` lexicon in ``folder``."""
    h = hashlib.blake2b(digest_size=digest_size)
    for path in sorted(Path(folder).glob("*.csv")):
        h.update(path.name.encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()
