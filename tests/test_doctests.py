"""The examples in the docstrings of the package run as written (doctest)."""

from __future__ import annotations

import doctest
import importlib
import inspect
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


def test_every_public_function_of_the_api_has_args_returns_and_an_example():
    from helpers import chronology, corpus, framing, overview, terms

    undocumented = []
    for module in (framing, terms, chronology, corpus, overview):
        names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
        for name in names:
            f = getattr(module, name)
            doc = f.__doc__ or ""
            if inspect.isfunction(f) and not all(s in doc for s in ("Args:", "Returns:", ">>> ")):
                undocumented.append(f"{module.__name__}.{name}")
    assert not undocumented
