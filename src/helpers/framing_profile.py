"""Framing profiles per document or group: rates of markers and frames, quotation kinds,
scare-quoted terms and quoted sources (``textstat_*`` functions returning tidy tables).

``group_by`` is ``"doc_id"`` or any column of ``docs`` (``outlet``, ``iso3``, ``year``...);
documents with a missing value in ``group_by`` are left out. Counts keep every group x
family pair, zeros included, so groups compare directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from helpers.framing_names import given_names, is_title_word, shorter_form, source_role
from helpers.framing_quotes import KINDS
from helpers.framing_tables import LexiconSpec, lexicon_frame

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_LEADING_DETERMINER = re.compile(r"^(?:The|A|An|This|That|These|Those|His|Her|Its|Their|Our)\s")
UNRESOLVED = "(unresolved source)"  # the speaker row of quotations whose source names no one


def _groups(docs: pd.DataFrame, group_by: str) -> pd.Series:
    """The group of each document (index ``doc_id``)."""
    if group_by not in docs.columns:
        raise KeyError(f"no column {group_by!r} in the documents")
    return pd.Series(docs[group_by].to_numpy(), index=docs["doc_id"].to_numpy(), name=group_by)


def busiest_document(quotes: pd.DataFrame, docs: pd.DataFrame) -> str:
    """The document with most quotations, to show in detail.

    Args:
        quotes: a ``quotes_table``.
        docs: the docs table.

    Returns:
        Its ``doc_id`` (ties: the first in ``docs``; no quotations: the first document).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import busiest_document, quotes_table
        >>> docs = example_docs()
        >>> busiest_document(quotes_table(docs), docs)
        'a'
    """
    counts = quotes["doc_id"].value_counts()
    order = docs["doc_id"].map(counts).fillna(0).to_numpy()
    return str(docs["doc_id"].iloc[int(order.argmax())])


def largest_documents(docs: pd.DataFrame, n: int = 20) -> list[str]:
    """The ``n`` longest documents.

    Args:
        docs: the docs table (``n_chars`` when it has it, as the pipeline's docs metadata,
            else the length of ``text``).
        n: documents kept.

    Returns:
        Their ``doc_id``, longest first (ties by ``doc_id``).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import largest_documents
        >>> largest_documents(example_docs(), 2)
        ['b', 'a']
    """
    chars = docs["n_chars"] if "n_chars" in docs.columns else docs["text"].str.len()
    sizes = pd.DataFrame({"doc_id": docs["doc_id"], "chars": chars})
    return (
        sizes.sort_values(["chars", "doc_id"], ascending=[False, True])["doc_id"].head(n).tolist()
    )


def largest_groups(docs: pd.DataFrame, group_by: str, n: int = 20) -> list:
    """The ``n`` groups of ``group_by`` with most documents.

    Args:
        docs: the docs table.
        group_by: the column of the groups.
        n: groups kept.

    Returns:
        The group values, largest first (ties by group name), missing values out.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import largest_groups
        >>> largest_groups(example_docs(), "side", 1)
        ['AZE']
    """
    counts = docs[group_by].dropna().value_counts().rename("docs").reset_index()
    counts = counts.sort_values(["docs", group_by], ascending=[False, True])
    return counts[group_by].head(n).tolist()


def word_counts(docs: pd.DataFrame, group_by: str = "doc_id") -> pd.Series:
    """Number of words per document or group.

    Words are runs of letters or digits, inner ’ ' - kept; without ``text`` the ``n_words``
    column (the pipeline's docs table, same count) is summed.

    Args:
        docs: the docs table.
        group_by: ``doc_id`` or a docs column.

    Returns:
        A Series of word counts indexed by ``group_by``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import word_counts
        >>> word_counts(example_docs(), "side").to_dict()
        {'ARM': 10, 'AZE': 16}
    """
    if "text" in docs.columns:
        counted = [len(_WORD.findall(t)) for t in docs["text"]]
    else:
        counted = docs["n_words"].to_numpy(dtype="int64")
    words = pd.Series(counted, index=docs["doc_id"])
    groups = _groups(docs, group_by)
    return words.groupby(groups.reindex(words.index).to_numpy()).sum().rename("words")


def textstat_framing(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    group_by: str = "doc_id",
    lexicons: LexiconSpec | Sequence[LexiconSpec] = ("markers", "frames"),
) -> pd.DataFrame:
    """Hits per 1,000 words for each family of ``lexicons`` per document or group.

    Args:
        docs: the docs table (``doc_id``, ``text`` and the ``group_by`` column).
        hits: a ``lexicon_table`` of those documents.
        group_by: ``doc_id`` or a docs column.
        lexicons: the lexicons counted (names or ``Lexicon`` objects).

    Returns:
        A DataFrame ``<group_by>, lexicon, family, hits, words, per_1000``: every group x
        family (zeros included), families in lexicon order, groups sorted.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import lexicon_table, textstat_framing
        >>> docs = example_docs()
        >>> f = textstat_framing(docs, lexicon_table(docs), group_by="side")
        >>> print(f[f["hits"] > 0].to_string(index=False))
        side lexicon         family  hits  words  per_1000
         ARM  frames      political     1     10     100.0
         AZE markers delegitimising     1     16      62.5
         AZE  frames      political     2     16     125.0
    """
    words = word_counts(docs, group_by)
    fams = lexicon_frame(lexicons)[["lexicon", "family"]].drop_duplicates("family")
    keyed = (
        hits.assign(**{group_by: hits["doc_id"].map(_groups(docs, group_by))})
        if group_by != "doc_id"
        else hits
    )
    counts = keyed.groupby([group_by, "family"]).size().rename("hits")
    grid = pd.MultiIndex.from_product(
        [sorted(words.index), list(fams["family"])], names=[group_by, "family"]
    )
    table = counts.reindex(grid, fill_value=0).reset_index().merge(fams, on="family", how="left")
    table["words"] = table[group_by].map(words).astype("int64")
    return framing_rates(table, group_by)


def framing_rates(table: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """``<group_by>, lexicon, family, hits, words`` with ``per_1000`` = hits per 1,000 words
    (0 without words) added."""
    rates = (1000 * table["hits"] / table["words"].where(table["words"] > 0)).fillna(0.0)
    return table.assign(per_1000=rates)[
        [group_by, "lexicon", "family", "hits", "words", "per_1000"]
    ]


def textstat_quote_kinds(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str = "doc_id"
) -> pd.DataFrame:
    """Quotations by kind per document or group, every kind listed.

    Args:
        docs: the docs table (``doc_id`` and the ``group_by`` column).
        quotes: a ``quotes_table`` of those documents.
        group_by: ``doc_id`` or a docs column.

    Returns:
        A DataFrame ``<group_by>, kind, count, share`` with a row for each of the four kinds
        in each group (``share`` of the group's quotations; 0 when it has none).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textstat_quote_kinds
        >>> docs = example_docs()
        >>> k = textstat_quote_kinds(docs, quotes_table(docs), group_by="side")
        >>> print(k[k["count"] > 0].to_string(index=False))
        side   kind  count  share
         ARM direct      1    1.0
         AZE  scare      1    1.0
    """
    groups = _groups(docs, group_by)
    keyed = quotes.assign(**{group_by: quotes["doc_id"].map(groups)})
    keys = sorted(groups.dropna().unique())
    grid = pd.MultiIndex.from_product([keys, list(KINDS)], names=[group_by, "kind"])
    table = keyed.groupby([group_by, "kind"]).size().reindex(grid, fill_value=0).rename("count")
    return kind_shares(table.reset_index().astype({"count": "int64"}), group_by)


def kind_shares(table: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """``<group_by>, kind, count`` with ``share`` = each kind's share of the group's quotations
    (0 without quotations) added."""
    totals = table.groupby(group_by)["count"].transform("sum")
    return table.assign(share=(table["count"] / totals.where(totals > 0)).fillna(0.0))


def count_values(table: pd.DataFrame, key: str, column: str) -> pd.DataFrame:
    """How often each value of ``column`` occurs per ``key``: ``<key>, <column>, count``."""
    counts = table.groupby([key, column]).size().rename("count").reset_index()
    return counts.astype({"count": "int64"})


def top_values(counts: pd.DataFrame, key: str, column: str, n: int) -> pd.DataFrame:
    """The ``n`` largest ``count`` rows per ``key`` of a ``count_values`` table (ties broken
    alphabetically by ``column``), sorted by ``key``, count (descending), ``column``."""
    counts = counts.sort_values([key, "count", column], ascending=[True, False, True])
    return counts.groupby(key, sort=False).head(n).reset_index(drop=True)


def _keyed(table: pd.DataFrame, docs: pd.DataFrame, group_by: str | None) -> pd.DataFrame:
    """``table`` with its documents' group in column ``group_by`` (``all`` = "all" without ``group_by``)."""
    if group_by is None:
        return table.assign(all="all")
    return table.assign(**{group_by: table["doc_id"].map(_groups(docs, group_by))})


def scare_terms(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str | None = None
) -> pd.DataFrame:
    """One row per scare quotation: its content lower-cased, outer punctuation and markdown
    emphasis stripped (``term``), and its group (column ``group_by``, or ``all``)."""
    scare = quotes[quotes["kind"] == "scare"]
    terms = scare["text"].astype("str").str.lower().str.strip(" ,.;:_*")
    scare = scare.assign(term=terms)  # str dtype, also when empty (as read from Parquet)
    return _keyed(scare, docs, group_by)


def scare_term_counts(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str, min_p: float = 0.5
) -> pd.DataFrame:
    """Scare quotations per group and term (see ``scare_terms``): ``<group_by>, term, count,
    uncertain`` — ``count`` those whose ``kind_p`` is at least ``min_p``, ``uncertain`` the
    others (``kind_p`` below ``min_p`` or missing); one row per group and term found."""
    rows = scare_terms(docs, quotes, group_by)
    sure = rows["kind_p"].astype("float64").fillna(0.0) >= min_p
    rows = rows.assign(count=sure.astype("int64"), uncertain=(~sure).astype("int64"))
    table = rows.groupby([group_by, "term"])[["count", "uncertain"]].sum().reset_index()
    return table.astype({"count": "int64", "uncertain": "int64"})


def scare_grid(counts: pd.DataFrame, group_by: str, groups: Sequence, n: int = 15) -> pd.DataFrame:
    """The ``n`` terms with most confident scare quotations over all groups (ties by term) in
    each of ``groups`` (sorted), zeros included, from ``counts`` (a ``scare_term_counts``
    table): ``<group_by>, term, count, uncertain``, terms in order of their total."""
    totals = counts.groupby("term")["count"].sum().rename("total").reset_index()
    totals = totals[totals["total"] > 0].sort_values(["total", "term"], ascending=[False, True])
    terms = totals["term"].head(n).tolist()
    grid = pd.MultiIndex.from_product([sorted(set(groups)), terms], names=[group_by, "term"])
    table = counts.set_index([group_by, "term"])[["count", "uncertain"]].reindex(grid, fill_value=0)
    types = {"term": "str", "count": "int64", "uncertain": "int64"}  # as read from Parquet too
    return table.reset_index().astype(types)


def textstat_scare_by_group(
    docs: pd.DataFrame, quotes: pd.DataFrame, *, group_by: str, n: int = 15, min_p: float = 0.5
) -> pd.DataFrame:
    """Who distances itself from which words: scare-quoted terms per group.

    Args:
        docs: the docs table (``doc_id`` and the ``group_by`` column).
        quotes: a ``quotes_table`` of those documents.
        group_by: the docs column of the groups.
        n: the most scare-quoted terms kept (over all groups; see ``scare_grid``).
        min_p: only quotations typed scare with ``kind_p`` at least this are counted.

    Returns:
        A DataFrame ``<group_by>, term, count, uncertain``: every group x term (zeros
        included); ``uncertain`` counts the scare quotations below ``min_p``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textstat_scare_by_group
        >>> docs = example_docs()
        >>> print(textstat_scare_by_group(docs, quotes_table(docs), group_by="side")
        ...       .to_string(index=False))
        side      term  count  uncertain
         ARM elections      0          0
         AZE elections      1          0
    """
    groups = _groups(docs, group_by).dropna().unique()
    return scare_grid(scare_term_counts(docs, quotes, group_by, min_p), group_by, groups, n)


def quoted_sources(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str | None = None
) -> pd.DataFrame:
    """One row per direct quotation with a source: its ``speaker`` (the source resolved and
    in its canonical form: "he" → "Jeyhun Bayramov", "President Biden" → "Joe Biden"; a
    common noun phrase with a lower-case article, "the letter"; ``UNRESOLVED`` when the source
    names no one that could be found: "he" without antecedent, "you") and its group (column
    ``group_by``, or ``all``)."""
    direct = quotes[(quotes["kind"] == "direct") & quotes["source"].notna()]
    speaker = direct["speaker"].astype(object)
    named = speaker.notna()
    natural = (
        speaker[named]
        .astype(str)
        .str.replace(_LEADING_DETERMINER, lambda m: m.group().lower(), regex=True)
    )  # "The letter" → "the letter"; the rest as written ("the Georgians")
    speaker = natural.reindex(direct.index).where(named, UNRESOLVED).astype(object)
    role = direct["source"].astype(str).map(source_role).astype(object)
    return _keyed(direct.assign(speaker=speaker, role=role), docs, group_by)


def source_counts(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """Quotations per ``key``, speaker and the role its source was written with, from
    ``quoted_sources`` rows: ``<key>, speaker, role, count``."""
    counts = rows.groupby([key, "speaker", "role"]).size().rename("count").reset_index()
    return counts.astype({"count": "int64"})


def speaker_merges(
    totals: dict[str, int], roles: dict[str, dict[str, int]] | None = None
) -> dict[str, str]:
    """Across documents, each speaker name written shorter than a fuller one it names
    ("Biden" → "Joe Biden", "Jennifer Granholm" → "Jennifer M. Granholm", a given name alone
    "Barack" → "Barack Obama") mapped to that fuller name. ``totals``: quotations per
    speaker over the corpus; ``roles``: per speaker, its quotations per role its sources
    were written with ("president" for "President Biden"). A shorter name goes to the fuller
    one whose sources hold its most frequent role at least twice as often as any other's,
    else to the one with at least twice the quotations (with those of its own shorter forms)
    of any other it could be.
    Roles ("The President"), common noun phrases and ``UNRESOLVED`` are never merged."""
    roles = roles or {}
    names = [s for s in totals if _mergeable(s)]
    words = {s: tuple(w.lower() for w in s.split()) for s in names}
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for s in names:
        if len(words[s]) > 1:
            by_last.setdefault(words[s][-1], []).append(s)
            by_first.setdefault(words[s][0], []).append(s)
    given = given_names()
    merges: dict[str, str] = {}
    for s in names:
        ws = words[s]
        alone = len(ws) == 1 and ws[0] in given
        pool = set(by_last.get(ws[-1], [])) | (set(by_first.get(ws[0], [])) if alone else set())
        cands = [t for t in pool if t != s and shorter_form(ws, words[t], given=alone)]
        fullest = [t for t in cands if not any(shorter_form(words[t], words[u]) for u in cands)]
        if not fullest:
            continue
        own = {r: c for r, c in roles.get(s, {}).items() if r}
        if own:
            role = max(own, key=lambda r: (own[r], r))
            held = sorted(((roles.get(t, {}).get(role, 0), t) for t in fullest), reverse=True)
            if held[0][0] and (len(held) == 1 or held[0][0] >= 2 * held[1][0]):
                merges[s] = held[0][1]  # "Biden" written "President Biden" → "Joe Biden"
                continue
        weight = {t: totals[t] + sum(totals[u] for u in cands if shorter_form(words[u], words[t]))
                  for t in fullest}  # fmt: skip
        ranked = sorted(fullest, key=lambda t: (-weight[t], t))
        if len(ranked) == 1 or weight[ranked[0]] >= 2 * weight[ranked[1]]:
            merges[s] = ranked[0]
    return merges


def _mergeable(speaker: str) -> bool:
    """A person's name: capitalised words, no role or article first, not an acronym."""
    words = speaker.split()
    if speaker == UNRESOLVED or not words or _LEADING_DETERMINER.match(speaker):
        return False
    if len(words) == 1:
        return speaker[:1].isupper() and not speaker.isupper()
    return all(
        w[:1].isupper() or w in {"de", "van", "von", "bin", "al", "da", "del"} for w in words
    ) and not is_title_word(words[0])


def top_speakers(counts: pd.DataFrame, key: str, n: int) -> pd.DataFrame:
    """The ``n`` speakers with most quotations per ``key`` from ``counts`` (a
    ``source_counts`` table), names merged across documents (``speaker_merges``), then one
    ``UNRESOLVED`` row per group with quotations whose source could not be resolved (when
    there are any): ``<key>, speaker, count``."""
    totals = counts.groupby("speaker")["count"].sum().to_dict()
    by_role = counts.groupby(["speaker", "role"])["count"].sum()
    roles: dict[str, dict[str, int]] = {}
    for (speaker, role), count in by_role.items():
        roles.setdefault(speaker, {})[role] = int(count)
    merges = speaker_merges(totals, roles)
    merged = counts.assign(speaker=counts["speaker"].map(lambda s: merges.get(s, s)))
    merged = merged.groupby([key, "speaker"], sort=False)["count"].sum().reset_index()
    unresolved = merged["speaker"] == UNRESOLVED
    top = top_values(merged[~unresolved], key, "speaker", n)
    rest = merged[unresolved & (merged["count"] > 0)]
    table = pd.concat([top, rest], ignore_index=True) if len(rest) else top
    order = {k: i for i, k in enumerate(sorted(merged[key].unique()))}
    table = table.assign(_group=table[key].map(order), _last=table["speaker"] == UNRESOLVED)
    table = table.sort_values(["_group", "_last"], kind="stable").drop(columns=["_group", "_last"])
    return table.astype({"count": "int64"}).reset_index(drop=True)


def textstat_scare_terms(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """The most frequent scare-quoted terms, overall or per group (see ``scare_terms``).

    Args:
        docs: the docs table (``doc_id`` and the ``group_by`` column).
        quotes: a ``quotes_table`` of those documents.
        group_by: a docs column (None: the whole corpus).
        n: terms kept (per group).

    Returns:
        A DataFrame ``[<group_by>,] term, count``: the lower-cased words in scare quotes,
        most frequent first.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textstat_scare_terms
        >>> docs = example_docs()
        >>> print(textstat_scare_terms(docs, quotes_table(docs), group_by="side").to_string(index=False))
        side      term  count
         AZE elections      1
    """
    key = group_by or "all"
    top = top_values(count_values(scare_terms(docs, quotes, group_by), key, "term"), key, "term", n)
    return top.drop(columns="all") if group_by is None else top


def textstat_quoted_sources(
    docs: pd.DataFrame, quotes: pd.DataFrame, group_by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """The most frequent speakers of direct quotations, overall or per group.

    A name is counted once however it is written (``speaker_merges``: "Biden", "President
    Biden" and "Joe Biden" are one speaker).

    Args:
        docs: the docs table (``doc_id`` and the ``group_by`` column).
        quotes: a ``quotes_table`` of those documents.
        group_by: a docs column (None: the whole corpus).
        n: speakers kept (per group).

    Returns:
        A DataFrame ``[<group_by>,] speaker, count``; after the ``n`` speakers of each group a
        row ``UNRESOLVED`` counts its quotations whose source names no one that could be
        resolved (an unresolved "he", "you"), when there are any.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textstat_quoted_sources
        >>> docs = example_docs()
        >>> print(textstat_quoted_sources(docs, quotes_table(docs), group_by="side")
        ...       .to_string(index=False))
        side      speaker  count
         ARM the minister      1
    """
    key = group_by or "all"
    top = top_speakers(source_counts(quoted_sources(docs, quotes, group_by), key), key, n)
    return top.drop(columns="all") if group_by is None else top
