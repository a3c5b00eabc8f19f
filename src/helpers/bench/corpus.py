"""Benchmark: load + normalise + sentence-split the White House corpus (cache cold).

Reference run in the same process: a bare ``json.loads`` pass over the same file. Peak memory
is measured in a fresh child process (peak RSS, VmHWM, above the RSS after imports), so arrow-backed
pandas buffers count too. Targets: >= 10 MB/s on one core, peak memory <= 4x corpus size.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings

from helpers.bench.common import WHITE_HOUSE, mb, require

REPEATS = 3
CHILD = """
import json, re, sys, warnings, psutil
warnings.simplefilter("ignore")
from helpers.corpus import read_corpus
base = psutil.Process().memory_info().rss
c = read_corpus(sys.argv[1], cache=False, progress=False)
s = c.sentences()
# VmHWM: this process's own peak RSS (ru_maxrss would include the parent's image before exec)
status = open("/proc/self/status").read()
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024
print(json.dumps({"base": base, "peak": peak, "docs": len(c.docs), "sentences": len(s)}))
"""


def load_and_split(path) -> tuple[int, int]:
    from helpers.corpus import read_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the corpus holds a few duplicates, listed as problems
        corpus = read_corpus(path, cache=False, progress=False)
    return len(corpus.docs), len(corpus.sentences())


def json_pass(path) -> int:
    with path.open(encoding="utf-8") as fh:
        return sum(len(json.loads(line)["text"]) for line in fh if line.strip())


def main() -> None:
    path = require(WHITE_HOUSE)
    size = path.stat().st_size
    ref = ours = float("inf")
    for _ in range(REPEATS):  # interleaved, best of REPEATS: the machine may be shared
        start = time.perf_counter()
        chars = json_pass(path)
        ref = min(ref, time.perf_counter() - start)
        start = time.perf_counter()
        docs, sentences = load_and_split(path)
        ours = min(ours, time.perf_counter() - start)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    memory = json.loads(child.stdout)
    extra = memory["peak"] - memory["base"]
    print(f"corpus: {path.name}, {mb(size):.1f} MB on disk, {chars / 1e6:.1f} M characters of text")
    print(f"best of {REPEATS} interleaved runs, one core, cache cold")
    print(f"reference json.loads pass : {mb(size) / ref:8.1f} MB/s ({ref:.2f} s)")
    print(
        f"read_corpus + sentences   : {mb(size) / ours:8.1f} MB/s ({ours:.2f} s; {docs} documents, "
        f"{sentences} sentences)"
    )
    print(f"ratio to json.loads       : {ref / ours:8.3f}  (target: >= 10 MB/s absolute)")
    print(
        f"peak memory (child RSS)   : {mb(extra):8.1f} MB above imports = {extra / size:.2f}x "
        f"corpus size (target <= 4x)"
    )


if __name__ == "__main__":
    main()
