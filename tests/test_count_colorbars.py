"""Heat maps of counts label their colour bars with whole numbers only."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.chronology import textplot_decade_heatmap
from helpers.framing_plot import textplot_scare_by_group


def _ticks(fig: plt.Figure) -> list[float]:
    bar = fig.axes[-1]  # the colour bar's axes
    lo, hi = bar.get_ylim()
    return [t for t in bar.get_yticks() if lo - 1e-9 <= t <= hi + 1e-9]


def test_scare_heat_map_has_integer_colorbar_ticks():
    table = pd.DataFrame(
        {
            "side": ["A", "A", "B", "B"],
            "term": ["elections", "regime", "elections", "regime"],
            "count": [3, 0, 1, 2],
            "uncertain": [0, 1, 0, 0],
        }
    )
    fig = textplot_scare_by_group(table, "side")
    ticks = _ticks(fig)
    plt.close(fig)
    assert ticks and all(float(t).is_integer() for t in ticks)
    assert {0.0, 3.0} <= set(ticks)


def test_decade_heat_map_colorbar_shows_whole_counts():
    matrix = pd.DataFrame(
        {"pub_year": [2019, 2019, 2020], "decade": [1990, 2010, 2010], "n_mentions": [1, 40, 7]}
    )
    fig, _ = textplot_decade_heatmap(matrix)
    bar = fig.axes[-1]
    labels = [t.get_text() for t in bar.get_yticklabels()]
    positions = bar.get_yticks()
    plt.close(fig)
    assert labels == ["0", "1", "2", "5", "10", "20"]
    np.testing.assert_allclose(positions, np.log10(1 + np.array([0, 1, 2, 5, 10, 20])))
