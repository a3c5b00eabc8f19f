"""A three-document corpus for the examples in the docstrings (run as doctests by make test)."""

from __future__ import annotations

import pandas as pd


def example_docs() -> pd.DataFrame:
    """Three short documents as a docs table: ``doc_id, text, side, date``.

    Returns:
        A DataFrame of three rows: the seed's own sentence about the so-called "elections"
        (AZE, 2020-04-24), a direct quotation (ARM, 1994-05-20) and a plain report of
        elections (AZE, 2019-10-30).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> example_docs()[["doc_id", "side", "date"]]
          doc_id side       date
        0      a  AZE 2020-04-24
        1      b  ARM 1994-05-20
        2      c  AZE 2019-10-30
    """
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [
                "Armenia held so-called “elections” on 31 March 2020.",
                "“We will never accept this,” the minister said in 1994.",
                "Elections were held in Baku in October 2019.",
            ],
            "side": ["AZE", "ARM", "AZE"],
            "date": pd.to_datetime(["2020-04-24", "1994-05-20", "2019-10-30"]),
        }
    )
