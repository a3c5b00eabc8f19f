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


def test_the_entry_points_and_every_textstat_have_examples():
    from helpers import chronology, framing, overview, terms

    entry_points = [
        framing.find_quotes, framing.find_attributions, terms.tokens, terms.dfm, terms.kwic,
        chronology.find_timexes, chronology.find_events, chronology.chronology,
    ]  # fmt: skip
    for module in (framing, terms, chronology, overview):
        entry_points += [getattr(module, n) for n in dir(module) if n.startswith("textstat_")]
    assert len(entry_points) >= 27
    for f in entry_points:
        doc = f.__doc__ or ""
        assert all(s in doc for s in ("Args:", "Returns:", ">>> ")), f.__name__
