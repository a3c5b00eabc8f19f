"""Notebook parameters for ``make report``: what each notebook declares and a study's YAML.

A study is one YAML mapping of parameter name → value (papermill's own ``-f`` format), e.g.
``terms: [tariffs, sanctions]``; each notebook receives the entries its ``parameters`` cell
declares. ``notebook_parameters`` reads those declarations, ``read_params`` the YAML and
``params_for`` picks one notebook's share.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import papermill
import yaml

from helpers.preflight import InputProblem


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """The parameters declared in ``notebook``'s ``parameters`` cell: name → default value
    (the literal; the source text when it is not a literal)."""
    declared = papermill.inspect_notebook(str(notebook))
    out = {}
    for name, info in declared.items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            out[name] = info["default"]
    return out


def read_params(path: Path) -> dict[str, Any]:
    """The parameters in the YAML file ``path`` (one mapping of name → value)."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputProblem(
            f"PARAMS={path}: cannot read it ({err.strerror or err}). Give a YAML file of "
            "parameters, e.g. one line `group_by: iso3`."
        ) from None
    except yaml.YAMLError as err:
        raise InputProblem(f"PARAMS={path} is not valid YAML: {err}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
        raise InputProblem(
            f"PARAMS={path}: expected one mapping of parameter names to values (e.g. "
            f"`terms: [tariffs, sanctions]`), found a {type(loaded).__name__}."
        )
    return loaded


def unknown_params(given: Mapping[str, Any], declared: Mapping[str, Mapping[str, Any]]) -> str:
    """A warning naming the ``given`` parameters that no notebook declares ("" if none)."""
    known = sorted({name for params in declared.values() for name in params})
    unknown = sorted(set(given) - set(known))
    if not unknown:
        return ""
    return (
        f"unknown parameter(s) {', '.join(unknown)} (ignored); the notebooks' parameters are "
        f"{', '.join(known)}"
    )


def params_for(given: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``given`` that a notebook with parameters ``defaults`` declares; one
    string given for a list parameter (``terms: tariffs``) becomes a one-item list."""
    out = {}
    for name, value in given.items():
        if name not in defaults:
            continue
        if isinstance(defaults[name], list) and isinstance(value, (str, int, float)):
            value = [value]
        out[name] = value
    return out


def effective(
    given: Mapping[str, Any], declared: Mapping[str, Mapping[str, Any]], names: Sequence[str]
) -> dict[str, Any]:
    """Each of ``names`` as given, else the default of the first notebook declaring it."""
    out = {}
    for name in names:
        if name in given:
            out[name] = given[name]
            continue
        for defaults in declared.values():
            if name in defaults:
                out[name] = defaults[name]
                break
    return out
