# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Processed corpus: the analyses from the Parquet tables
#
# Corpora too large for one notebook are processed once by `helpers.pipeline` (in this
# process or on a Dask cluster): every document is normalised, split into sentences,
# tokenised and counted, searched for quotations, framing markers, frame keywords and
# temporal expressions, and each result is written as partitioned Parquet under
# `data/processed/<corpus-key>/`. This notebook reads only those tables, partition by
# partition, never the raw text, so it renders in seconds whatever the corpus size.
#
# Give `processed` (a corpus key under `data/processed`, or a folder) to render a corpus
# processed elsewhere, e.g. on a cluster; leave it empty to process `corpus` here first
# (finished runs are reused). Default corpus: the seed article in `data/raw/`.

# %% tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob processed when `processed` is empty
group_by = "outlet"  # docs column to compare groups by, e.g. "iso3" (UN speeches); "year" or "month": of publication
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV
columns = {}  # columns mapping when processing corpus: field → column of your files, e.g. {"text": "speech_body"}
processed = ""  # corpus key or folder of a finished pipeline run (empty: process `corpus`)
terms = ["so-called", "elections", "occupation", "aggression", "peace"]  # single words
freq = "year"  # publication timeline period: "year", "month" or "day"
top_groups = 12  # tables and charts per group show the largest groups only
groups = None  # groups to compare, e.g. ["ARM", "AZE"]; None: the largest by documents
min_docs = 3  # groups with fewer documents are left out of the automatic choice
target = None  # keyness target group (None or not a group: the largest compared group)
reference = None  # keyness reference group (None or not a group: the next largest one)

# %%
import matplotlib.pyplot as plt
import pandas as pd

from helpers import pipeline_tables as pt
from helpers.chronology import textplot_publication_timeline, textplot_referenced_years
from helpers import pipeline_terms as PT
from helpers.framing import textplot_quote_kinds
from helpers.groups import choose_groups, pick_groups, select_groups
from helpers.pipeline import open_processed, process
from helpers.report import save_chart
from helpers.terms import textplot_frequency, textplot_keyness

pd.set_option("display.max_colwidth", 60)

# %%
p = open_processed(processed) if processed else process(corpus, columns=columns)
group_by = pt.group_column(p, group_by)  # "year": the year of publication (publication_year)
docs = pt.read_docs(p, ["doc_id", "n_words", group_by])  # metadata only: groups are chosen from it
groups = choose_groups(docs, group_by, groups, max_groups=top_groups, min_docs=min_docs)
by = group_by if len(groups) > 1 else None  # under two groups: compare nothing, show the corpus
shown = [str(g) for g in groups] if by else ["all"]
sizes = pt.group_sizes(p, group_by)
info = p.manifest
print(f"{info['docs']} documents in {len(p.partitions('docs'))} partition(s), "
      f"{info['failures']} failure(s), {info['notes']} note(s), {len(sizes)} group(s) by {group_by!r}")
select_groups(sizes, shown, "group") if by else sizes

# %% [markdown]
# ## Failures
# Inputs or documents that failed a step (`read`, `normalise`, `sentences`, `quotes`,
# `counts`, `framing`, `events`), with the reason; the run went on without them.

# %%
failures = p.failures
print("No failures." if failures.empty else f"{len(failures)} failure(s); the first 10:")
failures.head(10)

# %% [markdown]
# Notes on documents that were loaded: a date left empty, a value kept as text, the day/month
# order chosen for ambiguous dates.

# %%
notes = p.notes
print("No notes." if notes.empty else f"{len(notes)} note(s); the first 10:")
notes.head(10)

# %% [markdown]
# ## Publication timeline

# %%
timeline = pt.textstat_publication_timeline(p, freq, by)
if timeline["period"].nunique() > 1:
    fig, data = textplot_publication_timeline(timeline, by)
    save_chart(fig, data, "05-publication-timeline", reports=reports)
    plt.show()
else:
    print(f"All documents fall in one {freq} period: no timeline to draw.")
timeline.head(12)

# %% [markdown]
# ## Most frequent words (stop words removed)
# `per_10k`: uses per 10,000 word tokens of the corpus.

# %%
frequency = pt.textstat_frequency(p, n=20, remove_stopwords=True)
fig, data = textplot_frequency(frequency, n=20, title="Most frequent words")
save_chart(fig, data, "05-frequency", reports=reports)
plt.show()

# %% [markdown]
# ## Terms of interest: bare and in quotation marks
# How often each term is used bare or inside quotation marks of each kind (scare quotes
# distance the writer from a word), per group.

# %%
uses = pt.textstat_terms(p, terms, by)
uses[uses["group"].isin(shown)].pivot_table(
    index=["group", "feature"], columns="quote_kind", values="frequency",
    aggfunc="sum", fill_value=0)

# %% [markdown]
# ## Keyness: `target` against `reference` (stop words removed)
# By default the two largest compared groups.

# %%
pair = pick_groups(docs, by, target, reference, groups=groups)
if pair:
    key = PT.textstat_keyness(p, *pair, group_by=by, remove_stopwords=True)
    fig, data = textplot_keyness(key, n=10, labels=(str(pair[0]), str(pair[1])))
    save_chart(fig, data, "05-keyness", reports=reports)
    plt.show()
else:
    print(f"Keyness compares two groups; this corpus has {len(groups)} to compare by {group_by!r}.")

# %% [markdown]
# ## Quotation kinds per group

# %%
kinds = pt.textstat_quote_kinds(p, by)
kinds = select_groups(kinds, shown, "group")
if kinds["count"].sum():
    fig = textplot_quote_kinds(kinds, "group")
    save_chart(fig, kinds, "05-quote-kinds", reports=reports)
    plt.show()
else:
    print("No quotations found.")
kinds[kinds["count"] > 0]

# %% [markdown]
# ## Framing vocabulary per group
# Hits of the markers and frames lexicons per 1,000 word tokens (top 15 rows, largest groups).

# %%
rates = pt.textstat_lexicon_rates(p, by)
rates = rates[rates["group"].isin(shown)]
rates.sort_values(["per_1000", "group", "family"], ascending=[False, True, True]).head(15)

# %% [markdown]
# ## Historical depth: which years the texts refer to

# %%
years = pt.textstat_referenced_years(p, by)
latest = pt.latest_publication_year(p)  # the chart's window ends 50 years after it
if len(years):
    fig, data = textplot_referenced_years(years, by, latest=latest, groups=shown if by else None)
    save_chart(fig, data, "05-referenced-years", reports=reports)
    plt.show()
else:
    print("No dated references found.")
depth = pt.textstat_historical_depth(p, by)
select_groups(depth, shown, by) if by else depth
