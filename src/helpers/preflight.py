"""Input checks before any notebook runs (``make report``): one clear paragraph, not a traceback.

``check_inputs(params, explicit=...)`` reads the corpus the way the notebooks will (which also
fills the corpus cache they then read from) or opens the processed run, and checks the
``columns`` mapping, ``group_by`` and any group values or document ids the user set. It
returns a one-line summary, or raises :class:`InputProblem` whose message says which path,
what was found there (files by type, problems by reason) and what to do.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.chronology_tables import RESERVED
from helpers.corpus import Corpus, expand_sources, read_corpus
from helpers.groups import PERIOD_GROUPS, group_sizes, with_group_column
from helpers.paths import processed_dir
from helpers.readers import COLUMN_NAMES, TEXT_SUFFIXES

# How a parameter is set on the make command line (others are set in the PARAMS file).
MAKE_VARIABLES = {
    "corpus": "CORPUS",
    "group_by": "GROUP_BY",
    "processed": "PROCESSED",
    "target": "TARGET",
    "reference": "REFERENCE",
}
GROUP_VALUES = ("target", "reference")  # parameters naming one value of the group_by column
# and ``groups``: a list of values of the group_by column
DOC_IDS = ("doc_id", "focus_doc")  # parameters naming one document
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".json", ".parquet")
_REASON_END = re.compile(r"[:;(]")


class InputProblem(Exception):
    """Inputs that cannot give a report; the message is the paragraph shown to the user."""


def supported_formats() -> str:
    """The file types ``read_corpus`` reads, as one phrase."""
    return f"{', '.join(sorted(TEXT_SUFFIXES))} (each optionally .gz)"


def label(name: str, value: Any) -> str:
    """``CORPUS=data/raw`` for a make variable, ``columns = {...}`` for a PARAMS entry."""
    if name in MAKE_VARIABLES:
        return f"{MAKE_VARIABLES[name]}={_show(value)}"
    return f"{name} = {_show(value)}"


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def file_types(files: Sequence[Path]) -> str:
    """``3 files (2 .pdf, 1 .docx)`` (suffixes lower-cased, ``.gz`` kept with the inner one)."""
    kinds: Counter[str] = Counter()
    for f in files:
        suffixes = [s.lower() for s in f.suffixes[-2:]]
        if suffixes[-1:] != [".gz"]:
            suffixes = suffixes[-1:]
        kinds["".join(suffixes) or "no extension"] += 1
    return f"{_n(len(files), 'file')} ({', '.join(f'{n} {k}' for k, n in kinds.most_common())})"


def reason_kind(reason: str) -> str:
    """The reason without its details: ``no text column: expected …`` → ``no text column``."""
    if reason.startswith("duplicate of "):
        return "duplicate of an earlier document"
    return _REASON_END.split(reason, maxsplit=1)[0].strip() or reason


def problem_summary(problems: pd.DataFrame, *, examples: int = 1) -> str:
    """``2 × unsupported file type '.pdf', 1 × empty file`` with the first full reasons."""
    kinds = Counter(reason_kind(r) for r in problems["reason"])
    parts = [f"{n} × {kind}" for kind, n in kinds.most_common(5)]
    if len(kinds) > 5:
        parts.append(f"{len(kinds) - 5} other reasons")
    text = ", ".join(parts)
    detailed = [
        f"{row.source}: {row.reason}"
        for row in problems.head(examples).itertuples()
        if row.reason != reason_kind(row.reason) and not row.reason.startswith("unsupported")
    ]
    return text + (f" (first: {'; '.join(detailed)})" if detailed else "")


def _advice(problems: pd.DataFrame) -> str:
    kinds = {reason_kind(r) for r in problems["reason"]}
    columns = re.search(r"found (.+)$", next(iter(problems["reason"]), ""))
    if any("text column" in k or "given for" in k for k in kinds):
        name = columns.group(1).split(", ")[0] if columns else "NAME"
        return (
            "Name the column that holds the text with a `columns` mapping in a YAML file of "
            f"parameters, e.g. `columns: {{text: {name}}}` in study.yaml, and run "
            "`make report CORPUS=… PARAMS=study.yaml` (fields you can map: "
            f"{', '.join(COLUMN_NAMES)})."
        )
    if any(k.startswith("no text layer") for k in kinds):
        return (
            "PDFs without a text layer are scans: give them a text layer with OCR first "
            "(e.g. ocrmypdf), or point CORPUS at the documents' text."
        )
    if any(k.startswith("unsupported file type") for k in kinds):
        return (
            "Convert the documents to a format that is read, or point CORPUS at the files "
            f"that are in one: {supported_formats()}."
        )
    return f"Fix or remove these inputs; formats that are read: {supported_formats()}."


def _read(corpus: Any, columns: Mapping[str, str] | None, progress: bool) -> tuple[Corpus, list]:
    """``read_corpus`` as the notebooks call it and the input files, or an :class:`InputProblem`."""
    where = label("corpus", corpus)
    try:
        files = [path for path, _ in expand_sources(corpus)]
    except FileNotFoundError as err:
        reason = str(err).replace(f" {corpus}", "").rstrip(":") if isinstance(corpus, str) else err
        raise InputProblem(
            f"{where}: {reason} (paths are relative to {Path.cwd()}). Point CORPUS at a file, "
            f"a folder or a glob of documents in a supported format: {supported_formats()}."
        ) from None
    if not files:
        raise InputProblem(
            f"{where} is an empty folder: there are no files to analyse. Point CORPUS at a "
            f"file, folder or glob of documents in a supported format: {supported_formats()}."
        )
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\d+ input\(s\) not loaded")
            c = read_corpus(corpus, columns=columns or None, progress=progress)
    except Exception as err:  # an input read_corpus cannot handle: say which, not a traceback
        raise InputProblem(
            f"{where} ({file_types(files)}): reading it failed with "
            f"{type(err).__name__}: {err}. Remove or fix the input named in this message."
        ) from err
    if c.docs.empty:
        raise InputProblem(
            f"{where} holds {file_types(files)} but no document could be read: "
            f"{problem_summary(c.problems)}. {_advice(c.problems)}"
        )
    return c, files


def _check_columns(columns: Any) -> None:
    if columns in (None, {}):
        return
    if not isinstance(columns, Mapping) or not all(isinstance(v, str) for v in columns.values()):
        raise InputProblem(
            f"{label('columns', columns)}: expected a mapping of fields to column names, e.g. "
            "`columns: {text: speech_body, date: day}` in the PARAMS file."
        )
    unknown = sorted(set(columns) - set(COLUMN_NAMES))
    if unknown:
        raise InputProblem(
            f"{label('columns', columns)}: unknown field(s) {', '.join(unknown)}; the fields "
            f"you can map to a column of your files are {', '.join(COLUMN_NAMES)}."
        )


def _open(processed: str) -> pd.DataFrame:
    """The docs table (without text) of the processed run ``processed``."""
    from helpers import pipeline_tables as pt
    from helpers.pipeline import open_processed

    try:
        p = open_processed(processed)
    except FileNotFoundError as err:
        runs = sorted(d.parent.name for d in processed_dir().glob("*/manifest.json"))
        shown = ", ".join(runs[:10]) + (" …" if len(runs) > 10 else "") if runs else "none"
        raise InputProblem(
            f"{label('processed', processed)}: {err}. Run `make process CORPUS=…` first (it "
            f"prints the key to give as PROCESSED), or give the folder of a finished run; "
            f"finished runs under {processed_dir().name}/: {shown}."
        ) from None
    docs = pt.read_docs(p)
    if docs.empty:
        raise InputProblem(
            f"{label('processed', processed)}: the run holds no documents "
            f"({len(p.failures)} failure(s)); process a corpus that has some."
        )
    return docs


def group_columns(docs: pd.DataFrame) -> str:
    """``outlet (3 values), iso3 (12 values), …``: the columns one could group by (not the
    text, the id or the pipeline's per-document counts ``n_*``)."""
    shown = [c for c in docs.columns if c not in ("text", "doc_id") and not c.startswith("n_")]
    counts = {c: docs[c].nunique() for c in shown}
    text = ", ".join(f"{c} ({_n(n, 'value')})" for c, n in counts.items() if n)
    if "date" in docs.columns and docs["date"].notna().any():
        periods = [with_group_column(docs, name)[0][name].nunique() for name in PERIOD_GROUPS]
        text += "; or the period of publication: " + ", ".join(
            f"{name} or {short} ({_n(n, 'value')})"
            for (name, short), n in zip((("publication_year", "year"),
                                         ("publication_month", "month")), periods, strict=True)
        )  # fmt: skip
    return text


def _check_groups(docs: pd.DataFrame, group_by: str, source: str, column: str) -> int:
    """The number of groups of ``column`` (the docs column ``group_by`` names)."""
    n_docs = _n(len(docs), "document")
    if column not in docs.columns:
        raise InputProblem(
            f"{label('group_by', group_by)} is not a column of the {n_docs} in {source}. "
            f"Columns you can group by: {group_columns(docs)}. Choose one of them, leave "
            "GROUP_BY empty for the notebooks' default, or map a column of your files to "
            "a field with `columns` in the PARAMS file."
        )
    if column in RESERVED:
        raise InputProblem(
            f"{label('group_by', group_by)}: the chronology tables of 04-chronology and "
            f"05-processed use the name {column!r} themselves ({', '.join(sorted(RESERVED))}), "
            "so a docs column of that name cannot be a group there. To group by the year or "
            "month of publication use GROUP_BY=publication_year or publication_month; to "
            "group by this column, give it another name in your files."
        )
    n = int(docs[column].nunique())
    if n == 0:
        raise InputProblem(
            f"{label('group_by', group_by)}: the column is empty in all {n_docs} of {source}. "
            f"Columns with values: {group_columns(docs)}."
        )
    return n


def _largest(sizes: pd.DataFrame, n: int = 8) -> str:
    """``USA (33 documents), FRA (33 documents), …``: the first ``n`` rows of ``group_sizes``."""
    rows = zip(sizes["group"].head(n), sizes["n_docs"].head(n), strict=True)
    return ", ".join(f"{g} ({_n(int(k), 'document')})" for g, k in rows)


def _named_groups(value: Any) -> list[str]:
    """The group names of a ``groups`` parameter (a list, or one name) as text."""
    if value in (None, ""):
        return []
    return [str(value)] if isinstance(value, str | int | float) else [str(v) for v in value]


def _check_values(
    docs: pd.DataFrame, params: Mapping[str, Any], explicit: Collection[str], column: Any
) -> None:
    group_by = params.get("group_by")
    sizes = None
    if column and column in docs.columns:  # largest first, as the notebooks order them
        sizes = group_sizes(docs[docs[column].notna()], column)
    for name in (*GROUP_VALUES, "groups"):
        value = params.get(name)
        wanted = _named_groups(value) if name == "groups" else [str(value)]
        if name not in explicit or value in (None, "") or not wanted or sizes is None:
            continue
        what = "names groups" if name == "groups" else "names a group"
        if sizes.empty:
            raise InputProblem(
                f"{label(name, value)} {what}, but {label('group_by', group_by)} has no "
                f"values in these documents. Set GROUP_BY to one of: {group_columns(docs)}."
            )
        missing = [g for g in wanted if g not in set(sizes["group"])]
        if missing:
            if name == "groups":
                verb = "is not a value" if len(missing) == 1 else "are not values"
                what = f"{label(name, value)}: {', '.join(missing)} {verb}"
            else:
                what = f"{label(name, value)} is not a value"
            raise InputProblem(
                f"{what} of {label('group_by', group_by)}; the largest groups are "
                f"{_largest(sizes)}. Set it to values of {group_by}, or leave it empty for "
                "the notebooks' default."
            )
    for name in DOC_IDS:
        value = params.get(name)
        if name in explicit and value not in (None, "") and value not in set(docs["doc_id"]):
            some = ", ".join(docs["doc_id"].astype("str").head(5))
            raise InputProblem(
                f"{label(name, value)} is not a document id; ids look like {some} (see the "
                "documents table of 01-corpus). Leave it empty for the notebooks' choice."
            )


def check_inputs(
    params: Mapping[str, Any], *, explicit: Collection[str] = (), progress: bool = False
) -> str:
    """Check the inputs of a report before any notebook runs; return a one-line summary.

    Args:
        params: the effective parameters (``corpus``, ``processed``, ``columns``,
            ``group_by``, and optionally ``target``, ``reference``, ``groups``, ``doc_id``,
            ``focus_doc``).
        explicit: names the user set; only those (``group_by``, group values, doc ids) are
            checked against the documents.
        progress: show a bar while the corpus is read (for a terminal).

    Returns:
        ``CORPUS=…: 448 documents from 1 file (1 .jsonl); GROUP_BY=iso3: 40 groups``.

    Raises:
        InputProblem: with the paragraph to show (path, what was found, what to do).
    """
    _check_columns(params.get("columns"))
    processed = params.get("processed")
    if processed:
        docs, where, found = _open(str(processed)), label("processed", processed), ""
    else:
        c, files = _read(params.get("corpus"), params.get("columns"), progress)
        docs, where = c.docs, label("corpus", params.get("corpus"))
        found = f" from {file_types(files)}"
        if len(c.problems):
            found += f", {len(c.problems)} input(s) not loaded: {problem_summary(c.problems)}"
    summary = f"{where}: {_n(len(docs), 'document')}{found}"
    group_by = params.get("group_by")
    docs, column = with_group_column(docs, str(group_by) if group_by else None)
    if group_by and "group_by" in explicit:  # a default column may be absent: one group then
        n = _check_groups(docs, str(group_by), where, column)
        summary += f"; {label('group_by', group_by)}: {_n(n, 'group')}"
    _check_values(docs, params, explicit, column)
    return summary
