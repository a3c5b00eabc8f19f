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

# %% [markdown] papermill={"duration": 0.012833, "end_time": "2026-11-28T04:51:28.373411+00:00", "exception": false, "start_time": "2026-11-28T04:51:28.360578+00:00", "status": "completed"}
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

# %% papermill={"duration": 0.031539, "end_time": "2026-11-28T04:51:28.413359+00:00", "exception": false, "start_time": "2026-11-28T04:51:28.381820+00:00", "status": "completed"} tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob processed when `processed` is empty
group_by = "outlet"  # docs column to compare groups by (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV
processed = ""  # corpus key or folder of a finished pipeline run (empty: process `corpus`)
terms = ["so-called", "elections", "occupation", "aggression", "peace"]  # single words
freq = "year"  # publication timeline period: "year", "month" or "day"
top_groups = 12  # tables and charts per group show the largest groups only

# %% papermill={"duration": 4.300658, "end_time": "2026-11-28T04:51:32.729749+00:00", "exception": false, "start_time": "2026-11-28T04:51:28.429091+00:00", "status": "completed"}
import matplotlib.pyplot as plt
import pandas as pd

from helpers import pipeline_tables as pt
from helpers.chronology import textplot_publication_timeline, textplot_referenced_years
from helpers.framing import textplot_quote_kinds
from helpers.pipeline import open_processed, process
from helpers.report import save_chart
from helpers.terms import textplot_frequency, textplot_keyness

pd.set_option("display.max_colwidth", 60)

# %% papermill={"duration": 0.399678, "end_time": "2026-11-28T04:51:33.132170+00:00", "exception": false, "start_time": "2026-11-28T04:51:32.732492+00:00", "status": "completed"}
p = open_processed(processed) if processed else process(corpus)
sizes = pt.group_sizes(p, group_by)
by = group_by if len(sizes) > 1 else None  # one group: compare nothing, show the corpus
sizes = sizes.sort_values(["n_docs", "n_tokens", "group"], ascending=[False, False, True])
shown = sizes["group"].head(top_groups).tolist() if by else ["all"]
info = p.manifest
print(f"{info['docs']} documents in {len(p.partitions('docs'))} partition(s), "
      f"{info['failures']} failure(s), {len(sizes)} group(s) by {group_by!r}")
sizes.head(top_groups)

# %% [markdown] papermill={"duration": 0.008103, "end_time": "2026-11-28T04:51:33.145080+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.136977+00:00", "status": "completed"}
# ## Failures
# Inputs or documents that failed a step (`read`, `normalise`, `sentences`, `quotes`,
# `counts`, `framing`, `events`), with the reason; the run went on without them.

# %% papermill={"duration": 0.042802, "end_time": "2026-11-28T04:51:33.193629+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.150827+00:00", "status": "completed"}
failures = p.failures
print("No failures." if failures.empty else f"{len(failures)} failure(s); the first 10:")
failures.head(10)

# %% [markdown] papermill={"duration": 0.008101, "end_time": "2026-11-28T04:51:33.209077+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.200976+00:00", "status": "completed"}
# ## Publication timeline

# %% papermill={"duration": 0.029904, "end_time": "2026-11-28T04:51:33.246808+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.216904+00:00", "status": "completed"}
timeline = pt.textstat_publication_timeline(p, freq, by)
if timeline["period"].nunique() > 1:
    fig, data = textplot_publication_timeline(timeline, by)
    save_chart(fig, data, "05-publication-timeline", reports=reports)
    plt.show()
else:
    print(f"All documents fall in one {freq} period: no timeline to draw.")
timeline.head(12)

# %% [markdown] papermill={"duration": 0.002275, "end_time": "2026-11-28T04:51:33.251788+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.249513+00:00", "status": "completed"}
# ## Most frequent words (stop words removed)
# `per_10k`: uses per 10,000 word tokens of the corpus.

# %% papermill={"duration": 0.880544, "end_time": "2026-11-28T04:51:34.137469+00:00", "exception": false, "start_time": "2026-11-28T04:51:33.256925+00:00", "status": "completed"}
frequency = pt.textstat_frequency(p, n=20, remove_stopwords=True)
fig, data = textplot_frequency(frequency, n=20, title="Most frequent words")
save_chart(fig, data, "05-frequency", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.008089, "end_time": "2026-11-28T04:51:34.153095+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.145006+00:00", "status": "completed"}
# ## Terms of interest: bare and in quotation marks
# How often each term is used bare or inside quotation marks of each kind (scare quotes
# distance the writer from a word), per group.

# %% papermill={"duration": 0.084852, "end_time": "2026-11-28T04:51:34.245309+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.160457+00:00", "status": "completed"}
uses = pt.textstat_terms(p, terms, by)
uses[uses["group"].isin(shown)].pivot_table(
    index=["group", "feature"], columns="quote_kind", values="frequency",
    aggfunc="sum", fill_value=0)

# %% [markdown] papermill={"duration": 0.007413, "end_time": "2026-11-28T04:51:34.260729+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.253316+00:00", "status": "completed"}
# ## Keyness: words of the largest group against all the others

# %% papermill={"duration": 0.025619, "end_time": "2026-11-28T04:51:34.298627+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.273008+00:00", "status": "completed"}
if by:
    target = shown[0]
    key = pt.textstat_keyness(p, target, by)
    fig, data = textplot_keyness(key, n=10, labels=(str(target), "other groups"))
    save_chart(fig, data, "05-keyness", reports=reports)
    plt.show()
else:
    print(f"Keyness compares groups; this corpus has one group by {group_by!r}.")

# %% [markdown] papermill={"duration": 0.012176, "end_time": "2026-11-28T04:51:34.325160+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.312984+00:00", "status": "completed"}
# ## Quotation kinds per group

# %% papermill={"duration": 0.359075, "end_time": "2026-11-28T04:51:34.692069+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.332994+00:00", "status": "completed"}
kinds = pt.textstat_quote_kinds(p, by)
kinds = kinds[kinds["group"].isin(shown)]
if kinds["count"].sum():
    fig = textplot_quote_kinds(kinds, "group")
    save_chart(fig, kinds, "05-quote-kinds", reports=reports)
    plt.show()
else:
    print("No quotations found.")
kinds[kinds["count"] > 0]

# %% [markdown] papermill={"duration": 0.016468, "end_time": "2026-11-28T04:51:34.725290+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.708822+00:00", "status": "completed"}
# ## Framing vocabulary per group
# Hits of the markers and frames lexicons per 1,000 word tokens (top 15 rows, largest groups).

# %% papermill={"duration": 0.067009, "end_time": "2026-11-28T04:51:34.801261+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.734252+00:00", "status": "completed"}
rates = pt.textstat_lexicon_rates(p, by)
rates = rates[rates["group"].isin(shown)]
rates.sort_values(["per_1000", "group", "family"], ascending=[False, True, True]).head(15)

# %% [markdown] papermill={"duration": 0.017427, "end_time": "2026-11-28T04:51:34.834526+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.817099+00:00", "status": "completed"}
# ## Historical depth: which years the texts refer to

# %% papermill={"duration": 0.328121, "end_time": "2026-11-28T04:51:35.178687+00:00", "exception": false, "start_time": "2026-11-28T04:51:34.850566+00:00", "status": "completed"}
years = pt.textstat_referenced_years(p, by)
if len(years):
    fig, data = textplot_referenced_years(years, by, top=top_groups)
    save_chart(fig, data, "05-referenced-years", reports=reports)
    plt.show()
else:
    print("No dated references found.")
depth = pt.textstat_historical_depth(p, by)
depth[depth[by].isin(shown)] if by else depth
