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
# # 01 · The corpus
#
# What is in the corpus, what could not be read and why, how long the documents are, and how
# they spread over time and over outlets or groups. Every later notebook reads the corpus the
# same way (`helpers.corpus.read_corpus`), so the problems listed here are the documents that
# every analysis leaves out.
#
# Default corpus: the seed article in `data/raw/` (Trend News Agency, Baku, 2020-04-24).

# %% tags=["parameters"]
corpus = "../data/raw"  # a file, folder, glob or list: .txt .md .csv .tsv .jsonl .json .parquet .html (.gz)
group_by = "outlet"  # docs column to compare groups by (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV

# %%
import matplotlib.pyplot as plt
import pandas as pd

from helpers.corpus import read_corpus
from helpers.overview import (
    choose_period,
    docs_per_group,
    docs_per_period,
    textplot_groups,
    textplot_lengths,
    textplot_timeline,
    textstat_lengths,
)
from helpers.report import save_chart

pd.set_option("display.max_colwidth", 80)

# %%
c = read_corpus(corpus, progress=False)
print(f"{len(c.docs)} documents loaded, {len(c.problems)} inputs not loaded")

# %% [markdown]
# ## Documents
# One row per document. `source` is the file (and the line or record within it); `processing`
# records what normalisation changed, so the raw text can always be recovered.

# %%
c.docs.drop(columns=["text"]).head(10)

# %% [markdown]
# ## Problems
# Every input that is not a document above is listed here with the reason.

# %%
c.problems.groupby("reason").size().rename("inputs").to_frame() if len(c.problems) else "No problems: every input was loaded."

# %%
c.problems.head(20)

# %% [markdown]
# ## Text lengths

# %%
lengths = textstat_lengths(c.docs)
lengths.describe().loc[["count", "mean", "min", "50%", "max"]].round(1)

# %%
fig = textplot_lengths(lengths)
save_chart(fig, lengths, "01-lengths", reports=reports)
plt.show()

# %% [markdown]
# ## Documents over time
# The period (year or month) follows the span of the dates; undated documents are counted
# separately rather than dropped.

# %%
period = choose_period(c.docs)
per_period = docs_per_period(c.docs, period)
per_period.tail(15)

# %%
fig = textplot_timeline(per_period, title=f"Documents per {period}")
save_chart(fig, per_period, "01-docs-per-period", reports=reports)
plt.show()

# %% [markdown]
# ## Documents by group

# %%
per_group = docs_per_group(c.docs, group_by)
per_group.head(20)

# %%
fig = textplot_groups(per_group, title=f"Documents per {group_by}")
save_chart(fig, per_group, "01-docs-per-group", reports=reports)
plt.show()

# %% [markdown]
# ## A closer look at the first document
# Its parsed metadata, and its paragraphs and sentences with character offsets into the
# normalised text (the unit every later table refers to).

# %%
first = c.docs.iloc[0]
first.drop("text").to_frame("value")

# %%
paragraphs = c.paragraphs().query("doc_id == @first.doc_id").copy()
paragraphs["text"] = [first.text[s:e] for s, e in zip(paragraphs.start, paragraphs.end)]
paragraphs.head(10)

# %%
sentences = c.sentences().query("doc_id == @first.doc_id").copy()
sentences["text"] = [first.text[s:e] for s, e in zip(sentences.start, sentences.end)]
print(f"{len(sentences)} sentences in {len(paragraphs)} paragraphs")
sentences.head(15)

# %% [markdown]
# ## Back to the raw text
# Any span in the normalised text maps back to the raw file, so a number in a chart can be
# checked against the source.

# %%
start, end = sentences.start.iloc[0], sentences.end.iloc[0]
raw = c.raw_text(first.doc_id)
raw_start, raw_end = c.to_raw(first.doc_id, start), c.to_raw(first.doc_id, end, end=True)
print(f"normalised [{start}:{end}] -> raw [{raw_start}:{raw_end}]")
print(raw[raw_start:raw_end])
