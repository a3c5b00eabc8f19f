"""Which groups to compare: one choice, made the same way in every notebook.

``group_sizes(docs, group_by)`` counts documents and words per group. ``choose_groups``
names the groups a notebook compares: the ``groups`` asked for, else the largest groups by
number of documents (ties: more words, then name), leaving out groups with fewer than
``min_docs`` documents and saying which. ``pick_groups`` gives the keyness pair (target =
largest chosen group, reference = the next one, unless named). ``chosen_first`` and
``select_groups`` order or filter a table by the chosen groups.

``docs`` is a documents table: in memory (``text``) or the pipeline's metadata
(``helpers.pipeline_tables.read_docs``, with ``n_words``); both give the same choice.

Groups can also be periods of the publication date: ``group_by="publication_year"`` (or
``"publication_month"``) groups by the year (month) of ``date``, as text ("2021", "2021-03");
``with_group_column`` adds that column to a docs table, and the pipeline's tables derive it
partition by partition. ``"year"`` and ``"pub_year"`` (``"month"``, ``"pub_month"``) mean the
same when the documents have no column of that name: the derived column has another name
because the chronology tables already use ``year`` (the referenced year) and ``pub_year``.
Documents without a date are in no group.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import pandas as pd

from helpers.overview import group_labels, word_counts

NONE_LABEL = "(none)"  # label of documents without a value in the group column
MAX_GROUPS = 12  # groups compared when none are named
MIN_DOCS = 3  # smaller groups are left out of automatic comparisons
_LISTED = 10  # group names listed in a note
# groups that are periods of the publication date: column name → strftime format
PERIOD_GROUPS = {"publication_year": "%Y", "publication_month": "%Y-%m"}
PERIOD_ALIASES = {
    "year": "publication_year",
    "pub_year": "publication_year",
    "month": "publication_month",
    "pub_month": "publication_month",
}


def group_column(group_by: str | None, columns: Collection[str]) -> str | None:
    """The docs column that ``group_by`` names, given the docs' ``columns``: ``group_by``
    itself when it is a column; for ``"year"``/``"pub_year"`` (``"month"``/``"pub_month"``)
    that is not a column, ``"publication_year"`` (``"publication_month"``); else unchanged."""
    if not group_by or group_by in columns:
        return group_by
    return PERIOD_ALIASES.get(group_by, group_by)


def period_labels(dates: pd.Series, name: str) -> pd.Series:
    """The period ``name`` (a key of ``PERIOD_GROUPS``) of each date as text ("2021",
    "2021-03"); missing where the date is."""
    dates = pd.to_datetime(dates)
    labels = dates.dt.strftime(PERIOD_GROUPS[name])
    return labels.where(dates.notna()).astype("object").rename(name)


def with_group_column(docs: pd.DataFrame, group_by: str | None) -> tuple[pd.DataFrame, str | None]:
    """``docs`` with the publication-period column ``group_by`` asks for, and its name.

    Args:
        docs: documents table (with ``date`` for a period grouping).
        group_by: a docs column, or a period grouping (``PERIOD_GROUPS``, ``PERIOD_ALIASES``).

    Returns:
        ``(docs, column)``: ``docs`` unchanged when ``group_by`` is one of its columns (or
        names no period), else a copy with the period column derived from ``date``; and
        the column to group by (``group_column``).
    """
    name = group_column(group_by, docs.columns)
    if name in PERIOD_GROUPS and name not in docs.columns and "date" in docs.columns:
        docs = docs.assign(**{name: period_labels(docs["date"], name)})
    return docs, name


def _check_column(docs: pd.DataFrame, group_by: str) -> None:
    if group_by not in docs.columns:
        columns = ", ".join(str(c) for c in docs.columns if c != "text")
        raise KeyError(
            f"group_by {group_by!r} is not a column of the documents; columns: {columns}"
        )


def _words(docs: pd.DataFrame) -> pd.Series:
    """Words per document: counted in ``text``, else the pipeline's ``n_words``, else 0."""
    if "text" in docs.columns:
        return word_counts(docs["text"].fillna(""))
    if "n_words" in docs.columns:
        return docs["n_words"].fillna(0).astype("int64")
    return pd.Series(0, index=docs.index, dtype="int64")


def group_sizes(docs: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """Documents and words per group: ``group`` (the value as text; missing values are
    "(none)"), ``n_docs``, ``n_words``; largest first: most documents, then most words,
    then ``group`` in alphabetical order.

    Raises:
        KeyError: ``group_by`` is not a column of ``docs`` (the message lists the columns).
    """
    _check_column(docs, group_by)
    frame = pd.DataFrame(
        {"group": group_labels(docs, group_by).to_numpy(), "n_words": _words(docs).to_numpy()}
    )
    table = frame.groupby("group", as_index=False).agg(
        n_docs=("n_words", "size"), n_words=("n_words", "sum")
    )
    table = table.astype({"n_docs": "int64", "n_words": "int64"})
    return table.sort_values(
        ["n_docs", "n_words", "group"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _values(docs: pd.DataFrame, group_by: str) -> dict[str, Any]:
    """Each group's label (its value as text) and value, documents without a value left out."""
    values = docs[group_by].dropna().drop_duplicates()
    return dict(zip(values.astype("str"), values, strict=True))


def _listing(labels: Sequence[str]) -> str:
    shown = ", ".join(labels[:_LISTED])
    return shown + (f", … ({len(labels) - _LISTED} more)" if len(labels) > _LISTED else "")


def _as_list(groups: Any) -> list[Any]:
    if groups is None:
        return []
    return [groups] if isinstance(groups, str | int | float) else list(groups)


def choose_groups(
    docs: pd.DataFrame,
    group_by: str | None,
    groups: Any = None,
    *,
    max_groups: int = MAX_GROUPS,
    min_docs: int = MIN_DOCS,
    note: bool = True,
) -> list[Any]:
    """The groups of column ``group_by`` to compare, in the order they are shown.

    Args:
        docs: documents table (with ``text`` or ``n_words``) holding ``group_by``.
        group_by: the group column; None or "" compares nothing (returns ``[]``).
        groups: group names to compare, in this order (a list, or one name); None or empty
            chooses automatically: the ``max_groups`` groups with most documents (ties: more
            words, then name; publication periods then in time order), groups under
            ``min_docs`` documents left out. Named groups
            are kept whatever their size; names not in the column are left out.
        max_groups: at most this many groups are chosen automatically.
        min_docs: groups with fewer documents are left out of the automatic choice.
        note: print what was chosen and what was left out (which groups, how many).

    Returns:
        The chosen values of ``group_by`` (as found in ``docs``); documents without a value
        are never a group.

    Raises:
        KeyError: ``group_by`` is not a column of ``docs``.
        ValueError: none of the named ``groups`` is in the column.
    """
    if not group_by:
        return []
    sizes = group_sizes(docs, group_by)
    value_of = _values(docs, group_by)
    present = sizes[sizes["group"].isin(value_of)]
    n_docs = dict(zip(present["group"], present["n_docs"], strict=True))
    lines = []
    wanted = list(dict.fromkeys(str(g) for g in _as_list(groups)))
    if wanted:
        chosen = [g for g in wanted if g in value_of]
        missing = [g for g in wanted if g not in value_of]
        if not chosen:
            largest = [
                f"{g} ({n})" for g, n in zip(present["group"], present["n_docs"], strict=True)
            ]
            raise ValueError(
                f"none of the groups {wanted} is a value of {group_by!r}; "
                f"its largest groups (documents): {_listing(largest) or 'none'}"
            )
        lines.append(f"Comparing the {len(chosen)} named group(s) by {group_by!r}: "
                     + ", ".join(f"{g} ({n_docs[g]} documents)" for g in chosen) + ".")  # fmt: skip
        if missing:
            lines.append(f"Not in {group_by!r}, left out: {_listing(missing)}.")
        small = [g for g in chosen if n_docs[g] < min_docs]
        if small:
            lines.append(f"Kept although named, with fewer than {min_docs} documents: "
                         f"{_listing(small)}.")  # fmt: skip
    else:
        eligible = present[present["n_docs"] >= min_docs]
        chosen = eligible["group"].head(max_groups).tolist()
        in_time = group_by in PERIOD_GROUPS  # periods are shown in time order
        chosen = sorted(chosen) if in_time else chosen
        lines.append(
            f"Comparing {len(chosen)} of {len(present)} group(s) by {group_by!r} (most "
            f"documents; ties: more words, then name{'; shown in time order' if in_time else ''}"
            f"): {_listing(chosen) or 'none'}."
        )
        small = present.loc[present["n_docs"] < min_docs, "group"].tolist()
        if small:
            n_small = int(present.loc[present["n_docs"] < min_docs, "n_docs"].sum())
            lines.append(f"Left out: {len(small)} group(s) with fewer than {min_docs} "
                         f"documents ({n_small} documents): {_listing(small)}.")  # fmt: skip
        extra = eligible["group"].iloc[max_groups:].tolist()
        if extra:
            lines.append(f"Not shown (max_groups={max_groups}): {len(extra)} more group(s) "
                         f"with {min_docs}+ documents: {_listing(extra)}.")  # fmt: skip
    n_none = int(docs[group_by].isna().sum())
    if n_none:
        lines.append(f"{n_none} document(s) without a {group_by!r} value ({NONE_LABEL}) "
                     "are in no group.")  # fmt: skip
    if note:
        print("\n".join(lines))
    return [value_of[g] for g in chosen]


def pick_groups(
    docs: pd.DataFrame,
    group_by: str | None,
    target: Any = None,
    reference: Any = None,
    *,
    groups: Sequence[Any] | None = None,
    min_docs: int = MIN_DOCS,
    note: bool = True,
) -> tuple[Any, Any] | None:
    """The ``(target, reference)`` groups of a keyness comparison in column ``group_by``.

    Candidates, in order: the chosen ``groups`` (default: ``choose_groups(docs, group_by,
    min_docs=min_docs)``), then every other group by size (as ``group_sizes``). ``target``
    when it is a group, else the first candidate; ``reference`` when it is a group other
    than the target, else the first other candidate (publication periods, chosen in time
    order, are candidates largest first, so the default pair is the two largest periods).
    A given target or reference that is not a group is replaced, with a printed note.

    Args:
        docs: the docs table.
        group_by: the column of the groups.
        target: the group wanted as target (None: the first candidate).
        reference: the group wanted as reference (None: the first other candidate).
        groups: the groups to choose from first.
        min_docs: groups with fewer documents come after the others.
        note: print a note when a given group is replaced.

    Returns:
        ``(target, reference)``; None when ``group_by`` is empty or not a column, or holds
        fewer than two groups.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import pick_groups
        >>> pick_groups(example_docs(), "side")
        ('AZE', 'ARM')
    """
    if not group_by or group_by not in docs.columns:
        return None
    if groups is None:
        groups = choose_groups(docs, group_by, min_docs=min_docs, note=False)
    value_of = _values(docs, group_by)
    order = [str(g) for g in groups if str(g) in value_of]
    if group_by in PERIOD_GROUPS:  # periods are chosen in time order: the largest first here
        rank = {g: i for i, g in enumerate(group_sizes(docs, group_by)["group"])}
        order.sort(key=lambda g: rank.get(g, len(rank)))
    order += [g for g in group_sizes(docs, group_by)["group"] if g in value_of and g not in order]
    if len(order) < 2:
        return None
    picked = []
    for role, given in (("target", target), ("reference", reference)):
        label = None if given is None else str(given)
        if label not in value_of or label in picked:
            fallback = next(g for g in order if g not in picked)
            if note and given is not None:
                print(
                    f"{role} {given!r} is not a separate group by {group_by!r}: using {fallback}."
                )
            label = fallback
        picked.append(label)
    return value_of[picked[0]], value_of[picked[1]]


def _keys(table: pd.DataFrame, column: str | None) -> pd.Series:
    keys = table.index.to_series() if column is None else table[column]
    return pd.Series(keys.astype("str").to_numpy(), index=range(len(table)))


def chosen_first(
    table: pd.DataFrame, groups: Sequence[Any], column: str | None = None
) -> pd.DataFrame:
    """``table`` with the rows of the chosen ``groups`` first (in their order), then the
    other rows in their current order. ``column``: the group column (the rows are then
    numbered afresh), None: the index; values are compared as text, so pipeline labels
    match."""
    rank = {str(g): i for i, g in enumerate(groups)}
    order = _keys(table, column).map(rank).fillna(len(rank))
    out = table.iloc[order.sort_values(kind="stable").index.to_numpy()]
    return out if column is None else out.reset_index(drop=True)


def select_groups(
    table: pd.DataFrame, groups: Sequence[Any], column: str | None = None
) -> pd.DataFrame:
    """The rows of ``table`` whose group (``column``, None: the index) is one of ``groups``,
    in the order of ``groups`` (rows of one group keep their order), as ``chosen_first``."""
    wanted = {str(g) for g in groups}
    keys = _keys(table, column)
    inside = table.iloc[keys.index[keys.isin(wanted)].to_numpy()]
    return chosen_first(inside, groups, column)
