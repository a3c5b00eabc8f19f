"""Run every evaluation module in this package (``make eval``), in name order."""

import importlib
import pkgutil

import helpers.evaluate as package

for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
    if info.name.startswith("_") or info.name == "common":
        continue
    print(f"\n=== eval: {info.name} ===", flush=True)
    importlib.import_module(f"helpers.evaluate.{info.name}").main()
