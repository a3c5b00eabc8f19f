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
# With `processed` (the key or folder of a finished `helpers.pipeline` run, `make process`)
# the notebook renders from the pipeline's Parquet tables instead, reading the text one
# partition at a time; its problems are then the pipeline's failures, step by step, and its
# notes on loaded documents.
#
# Default corpus: the seed article in `data/raw/` (Trend News Agency, Baku, 2020-04-24).

# %% tags=["parameters"]
corpus = "../data/raw"  # a file, folder, glob or list: .txt .md .csv .tsv .jsonl .json .parquet .html (.gz)
processed = ""  # key or folder of a finished helpers.pipeline run (make process); empty: read corpus
group_by = "outlet"  # docs column to compare groups by, e.g. "iso3" (UN speeches); "year" or "month": of publication
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV
columns = {}  # read_corpus columns mapping: field → column of your files, e.g. {"text": "speech_body"}
groups = None  # groups to compare, e.g. ["ARM", "AZE"]; None: the largest by documents
min_docs = 3  # groups with fewer documents are left out of the automatic choice

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers import pipeline_overview as PO
from helpers import pipeline_tables as pt
from helpers.corpus import read_corpus
from helpers.groups import choose_groups, chosen_first, with_group_column
from helpers.overview import (
    choose_period,
    docs_per_group,
    docs_per_period,
    textplot_groups,
    textplot_lengths,
    textplot_timeline,
    textstat_lengths,
)
from helpers.pipeline import open_processed
from helpers.report import save_chart

pd.set_option("display.max_colwidth", 80)

# %%
if processed:
    p = open_processed(processed)
    docs, problems = pt.read_docs(p), p.problems  # metadata only: the text stays in the tables
else:
    c = read_corpus(corpus, columns=columns, progress=False)
    docs, problems = c.docs, c.problems
docs, group_by = with_group_column(docs, group_by)  # "year": the year of publication
lost = int(problems["lost"].sum())
notes = int((problems["step"] == "note").sum()) if processed else len(problems) - lost
later = len(problems) - lost - notes  # processed: documents that failed a step after loading
print(f"{len(docs)} documents loaded, {lost} inputs not loaded, {notes} notes"
      + (f", {later} failure(s) of later steps" if later else ""))

# %% [markdown]
# ## Documents
# One row per document. `source` is the file (and the line or record within it); `processing`
# records what normalisation changed, so the raw text can always be recovered.

# %%
docs.drop(columns=["text"], errors="ignore").head(10)

# %% [markdown]
# ## Problems
# Every input that is not a document above is listed here with the reason (and, for a
# processed corpus, the pipeline step that failed: a document that failed a later step is
# still a document, left out of that step's table only, so its row has `lost` False). Rows
# with `lost` False are notes on documents that were loaded: an impossible date left empty,
# the day/month order chosen for ambiguous dates (step `note` for a processed corpus).

# %%
problems.groupby(["lost", "step", "reason"] if processed else ["lost", "reason"]).size().rename("inputs").to_frame() if len(problems) else "No problems: every input was loaded."

# %%
with pd.option_context("display.max_colwidth", None):  # the full source and reason
    display(problems.head(20))

# %% [markdown]
# ## Text lengths

# %%
lengths = PO.textstat_lengths(p) if processed else textstat_lengths(docs)
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
period = choose_period(docs)
per_period = docs_per_period(docs, period)
per_period.tail(15)

# %%
fig = textplot_timeline(per_period, title=f"Documents per {period}")
save_chart(fig, per_period, "01-docs-per-period", reports=reports)
plt.show()

# %% [markdown]
# ## Documents by group
# The groups every notebook compares (dark bars, listed first) are those named in `groups`,
# else the largest by number of documents (ties: more words, then name), leaving out groups
# with fewer than `min_docs` documents.

# %%
per_group = PO.docs_per_group(p, group_by) if processed else docs_per_group(docs, group_by)
groups = choose_groups(docs, group_by, groups, min_docs=min_docs)
chosen_first(per_group, groups, "group").head(20)

# %%
fig = textplot_groups(per_group, title=f"Documents per {group_by}", compared=groups)
save_chart(fig, per_group, "01-docs-per-group", reports=reports)
plt.show()

# %% [markdown]
# ## A closer look at the first document
# Its parsed metadata, and its paragraphs and sentences with character offsets into the
# normalised text (the unit every later table refers to).

# %%
one = PO.document_corpus(p, docs["doc_id"].iloc[0]) if processed else c  # re-reads its raw text
first = one.docs.iloc[0]
first.drop("text").to_frame("value")

# %%
paragraphs = one.paragraphs().query("doc_id == @first.doc_id").copy()
paragraphs["text"] = [first.text[s:e] for s, e in zip(paragraphs.start, paragraphs.end)]
paragraphs.head(10)

# %%
sentences = (pt.read_document(p, first.doc_id, "sentences") if processed else c.sentences().query("doc_id == @first.doc_id")).copy()
sentences["text"] = [first.text[s:e] for s, e in zip(sentences.start, sentences.end)]
print(f"{len(sentences)} sentences in {len(paragraphs)} paragraphs")
sentences.head(15)

# %% [markdown]
# ## Back to the raw text
# Any span in the normalised text maps back to the raw file, so a number in a chart can be
# checked against the source (for a processed corpus too, when its raw files are at hand).

# %%
start, end = sentences.start.iloc[0], sentences.end.iloc[0]
try:  # the raw file is re-read from the document's source
    raw = one.raw_text(first.doc_id)
    raw_start, raw_end = one.to_raw(first.doc_id, start), one.to_raw(first.doc_id, end, end=True)
    print(f"normalised [{start}:{end}] -> raw [{raw_start}:{raw_end}]")
    print(raw[raw_start:raw_end])
except (OSError, KeyError) as err:  # a corpus processed elsewhere: its raw files are not here
    print(f"Raw offsets need the raw file, which cannot be read here ({err}); they are "
          "available where the corpus files are, read with helpers.corpus.read_corpus.")
