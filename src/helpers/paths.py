"""Project folders: where raw data, processed data, lexicons and reports live.

Paths resolve from the project root (the folder holding ``pyproject.toml`` above this
package), so they work from notebooks, tests and scripts alike. ``HELPERS_REPORTS`` and
``HELPERS_PROCESSED`` override the reports and processed-data folders.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
LEXICONS = DATA / "lexicons"


def processed_dir() -> Path:
    """Folder for derived data (cached corpora, pipeline tables)."""
    return Path(os.environ.get("HELPERS_PROCESSED", DATA / "processed"))


def reports_dir() -> Path:
    """Folder for rendered reports; figures go to its ``figures`` subfolder."""
    return Path(os.environ.get("HELPERS_REPORTS", ROOT / "reports"))
