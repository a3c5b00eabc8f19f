"""Shared pieces for benchmarks: locating the shared corpora, timing and peak memory."""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.paths import ROOT

SHARED = ROOT.parent / "shared"
WHITE_HOUSE = SHARED / "corpora" / "whitehouse-briefings" / "statements_releases_2021_2025.jsonl"


def require(path: Path) -> Path:
    """Return ``path`` or exit with a clear message when the shared data is absent."""
    if not path.exists():
        raise SystemExit(f"benchmark skipped: {path} not found (needs ../shared next to the repo)")
    return path


def white_house_texts() -> tuple[list[str], int]:
    """The White House statements as a list of texts, and the file size in bytes."""
    path = require(WHITE_HOUSE)
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts, path.stat().st_size


def measure(func: Callable[[], Any]) -> tuple[Any, float, int]:
    """Run ``func`` once; return its result, wall seconds and peak traced memory in bytes."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = func()
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, seconds, peak


def time_only(func: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``func`` once without memory tracing (tracing slows Python code); return result, seconds."""
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def mb(n_bytes: float) -> float:
    """Bytes to megabytes (10**6)."""
    return n_bytes / 1e6
