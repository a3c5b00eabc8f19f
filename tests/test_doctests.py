"""The examples in the docstrings of the package run as written (doctest)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import helpers

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(helpers.__path__, "helpers.")
    if not m.name.endswith("__main__")
)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"


def test_the_entry_points_have_examples():
    from helpers import chronology, framing, terms

    entry_points = [
        framing.find_quotes, framing.find_attributions, framing.textstat_quote_kinds,
        framing.textstat_scare_terms, terms.tokens, terms.dfm, terms.kwic,
        terms.textstat_frequency, terms.textstat_keyness, chronology.find_timexes,
        chronology.find_events, chronology.chronology, chronology.textstat_referenced_years,
    ]  # fmt: skip
    for f in entry_points:
        doc = f.__doc__ or ""
        assert all(s in doc for s in ("Args:", "Returns:", ">>> ")), f.__name__
