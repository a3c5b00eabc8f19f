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

# %% [markdown] papermill={"duration": 0.004788, "end_time": "2026-11-28T04:15:08.601147+00:00", "exception": false, "start_time": "2026-11-28T04:15:08.596359+00:00", "status": "completed"}
# # 01 · The corpus
#
# What is in the corpus, what could not be read and why, how long the documents are, and how
# they spread over time and over outlets or groups. Every later notebook reads the corpus the
# same way (`helpers.corpus.read_corpus`), so the problems listed here are the documents that
# every analysis leaves out.
#
# Default corpus: the seed article in `data/raw/` (Trend News Agency, Baku, 2020-04-24).

# %% papermill={"duration": 0.020643, "end_time": "2026-11-28T04:15:08.626568+00:00", "exception": false, "start_time": "2026-11-28T04:15:08.605925+00:00", "status": "completed"} tags=["parameters"]
corpus = "../data/raw"  # a file, folder, glob or list: .txt .md .csv .tsv .jsonl .json .parquet .html (.gz)
group_by = "outlet"  # docs column to compare groups by (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV

# %% papermill={"duration": 1.823583, "end_time": "2026-11-28T04:15:10.454688+00:00", "exception": false, "start_time": "2026-11-28T04:15:08.631105+00:00", "status": "completed"}
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

# %% papermill={"duration": 0.094687, "end_time": "2026-11-28T04:15:10.552742+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.458055+00:00", "status": "completed"}
c = read_corpus(corpus, progress=False)
print(f"{len(c.docs)} documents loaded, {len(c.problems)} inputs not loaded")

# %% [markdown] papermill={"duration": 0.012177, "end_time": "2026-11-28T04:15:10.573339+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.561162+00:00", "status": "completed"}
# ## Documents
# One row per document. `source` is the file (and the line or record within it); `processing`
# records what normalisation changed, so the raw text can always be recovered.

# %% papermill={"duration": 0.03314, "end_time": "2026-11-28T04:15:10.618293+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.585153+00:00", "status": "completed"}
c.docs.drop(columns=["text"]).head(10)

# %% [markdown] papermill={"duration": 0.014249, "end_time": "2026-11-28T04:15:10.641348+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.627099+00:00", "status": "completed"}
# ## Problems
# Every input that is not a document above is listed here with the reason.

# %% papermill={"duration": 0.020671, "end_time": "2026-11-28T04:15:10.673732+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.653061+00:00", "status": "completed"}
c.problems.groupby("reason").size().rename("inputs").to_frame() if len(c.problems) else "No problems: every input was loaded."

# %% papermill={"duration": 0.025411, "end_time": "2026-11-28T04:15:10.710504+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.685093+00:00", "status": "completed"}
c.problems.head(20)

# %% [markdown] papermill={"duration": 0.012236, "end_time": "2026-11-28T04:15:10.733310+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.721074+00:00", "status": "completed"}
# ## Text lengths

# %% papermill={"duration": 0.044296, "end_time": "2026-11-28T04:15:10.785472+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.741176+00:00", "status": "completed"}
lengths = textstat_lengths(c.docs)
lengths.describe().loc[["count", "mean", "min", "50%", "max"]].round(1)

# %% papermill={"duration": 0.524545, "end_time": "2026-11-28T04:15:11.321620+00:00", "exception": false, "start_time": "2026-11-28T04:15:10.797075+00:00", "status": "completed"}
fig = textplot_lengths(lengths)
save_chart(fig, lengths, "01-lengths", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.012232, "end_time": "2026-11-28T04:15:11.345354+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.333122+00:00", "status": "completed"}
# ## Documents over time
# The period (year or month) follows the span of the dates; undated documents are counted
# separately rather than dropped.

# %% papermill={"duration": 0.037268, "end_time": "2026-11-28T04:15:11.394335+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.357067+00:00", "status": "completed"}
period = choose_period(c.docs)
per_period = docs_per_period(c.docs, period)
per_period.tail(15)

# %% papermill={"duration": 0.3287, "end_time": "2026-11-28T04:15:11.737802+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.409102+00:00", "status": "completed"}
fig = textplot_timeline(per_period, title=f"Documents per {period}")
save_chart(fig, per_period, "01-docs-per-period", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.012329, "end_time": "2026-11-28T04:15:11.761412+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.749083+00:00", "status": "completed"}
# ## Documents by group

# %% papermill={"duration": 0.052347, "end_time": "2026-11-28T04:15:11.821449+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.769102+00:00", "status": "completed"}
per_group = docs_per_group(c.docs, group_by)
per_group.head(20)

# %% papermill={"duration": 0.305369, "end_time": "2026-11-28T04:15:12.130878+00:00", "exception": false, "start_time": "2026-11-28T04:15:11.825509+00:00", "status": "completed"}
fig = textplot_groups(per_group, title=f"Documents per {group_by}")
save_chart(fig, per_group.head(20), "01-docs-per-group", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.008216, "end_time": "2026-11-28T04:15:12.145396+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.137180+00:00", "status": "completed"}
# ## A closer look at the first document
# Its parsed metadata, and its paragraphs and sentences with character offsets into the
# normalised text (the unit every later table refers to).

# %% papermill={"duration": 0.020364, "end_time": "2026-11-28T04:15:12.177457+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.157093+00:00", "status": "completed"}
first = c.docs.iloc[0]
first.drop("text").to_frame("value")

# %% papermill={"duration": 0.038032, "end_time": "2026-11-28T04:15:12.229826+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.191794+00:00", "status": "completed"}
paragraphs = c.paragraphs().query("doc_id == @first.doc_id").copy()
paragraphs["text"] = [first.text[s:e] for s, e in zip(paragraphs.start, paragraphs.end)]
paragraphs.head(10)

# %% papermill={"duration": 0.052346, "end_time": "2026-11-28T04:15:12.293470+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.241124+00:00", "status": "completed"}
sentences = c.sentences().query("doc_id == @first.doc_id").copy()
sentences["text"] = [first.text[s:e] for s, e in zip(sentences.start, sentences.end)]
print(f"{len(sentences)} sentences in {len(paragraphs)} paragraphs")
sentences.head(15)

# %% [markdown] papermill={"duration": 0.012133, "end_time": "2026-11-28T04:15:12.321305+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.309172+00:00", "status": "completed"}
# ## Back to the raw text
# Any span in the normalised text maps back to the raw file, so a number in a chart can be
# checked against the source.

# %% papermill={"duration": 0.028641, "end_time": "2026-11-28T04:15:12.361805+00:00", "exception": false, "start_time": "2026-11-28T04:15:12.333164+00:00", "status": "completed"}
start, end = sentences.start.iloc[0], sentences.end.iloc[0]
raw = c.raw_text(first.doc_id)
raw_start, raw_end = c.to_raw(first.doc_id, start), c.to_raw(first.doc_id, end, end=True)
print(f"normalised [{start}:{end}] -> raw [{raw_start}:{raw_end}]")
print(raw[raw_start:raw_end])
