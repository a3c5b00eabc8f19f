"""Run every benchmark module in this package (``make bench``), in name order."""

import importlib
import pkgutil

import helpers.bench as package

SKIP = {"common", "scale"}  # shared code; the scale-out benchmark runs via `make bench-scale`

for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
    if info.name.startswith("_") or info.name in SKIP:
        continue
    print(f"\n=== bench: {info.name} ===", flush=True)
    importlib.import_module(f"helpers.bench.{info.name}").main()
