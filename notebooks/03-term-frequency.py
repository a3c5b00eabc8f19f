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
# # 03 · Term frequency: how often, by whom, and how — plainly or in quotation marks
#
# Counts of words across the corpus (with and without stop words), the split of a term's
# occurrences into scare-quoted, quoted speech, titles, mentions and bare use, keyword-in-context
# lines, collocates, keyness of one group against another and trends over time.
#
# **Method notes.** Tokens are runs of letters and digits; hyphenated words ("so-called",
# "Nagorno-Karabakh"), apostrophes ("Azerbaijan’s") and numbers ("1,000") stay whole; counts are
# lower-cased. Stop words come from the editable list `data/lexicons/stopwords_en.csv`.
# Quotation kinds come from `helpers.framing.find_quotes`; a word inside nested quotes takes the
# innermost quote's kind. Keyness is the signed log-likelihood G² (+ = more frequent in the
# target group) with p-values and the log ratio (log2 of the ratio of relative frequencies) as
# effect size. Collocates: PMI = log2(observed / expected), t-score = (O − E) / √O. Rates are
# per 10,000 word tokens. Every row keeps `doc_id` and character offsets `start, end` where it
# points into a text.
#
# **Processed mode.** Set `processed` to the key or folder of a finished `helpers.pipeline` run
# (`make process`) to compute every table from its Parquet tables, one partition at a time,
# instead of reading the whole corpus into memory; the tables and charts are the same (the
# pipeline keeps documents with repeated text, which `read_corpus` drops).

# %% tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob, read with helpers.corpus.read_corpus
processed = ""  # key or folder of a finished helpers.pipeline run (make process); empty: read corpus
group_by = "outlet"  # docs column to compare groups by, e.g. "iso3" (UN speeches); "year" or "month": of publication
reports = "../reports"  # charts go to <reports>/figures via save_chart
columns = {}  # read_corpus columns mapping: field → column of your files, e.g. {"text": "speech_body"}
terms = ["elections", "so-called", "occupied"]  # terms followed through the notebook
kwic_terms = ["so-called", "elections"]  # concordance patterns (word, phrase, glob "elect*")
collocate_term = "occupied"  # node word for collocates
target = "AZE"  # keyness target group (not a group: the largest compared group)
reference = "ARM"  # keyness reference group (not a group: the next largest compared group)
period = "year"  # trend periods: year, month or week
window = 5  # tokens either side in KWIC lines and collocate windows
top_n = 15  # rows in top-term tables and charts
min_count = 2  # minimum co-occurrences for collocations and collocates
groups = None  # groups to compare, e.g. ["ARM", "AZE"]; None: the largest by documents
min_docs = 3  # groups with fewer documents are left out of the automatic choice

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers import pipeline_tables as pt
from helpers import pipeline_terms as PT
from helpers.corpus import read_corpus
from helpers.groups import choose_groups, select_groups, with_group_column
from helpers.labels import format_table
from helpers.pipeline import open_processed
from helpers.report import save_chart
from helpers.terms import (
    count_periods,
    dfm,
    kwic,
    pick_groups,
    quoted_wide,
    textplot_frequency,
    textplot_keyness,
    textplot_quoted,
    textplot_trends,
    textstat_collocates,
    textstat_collocations,
    textstat_frequency,
    textstat_keyness,
    textstat_quoted,
    textstat_trends,
)

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 160)

# %%
if processed:
    p = open_processed(processed)
    docs = pt.read_docs(p)  # metadata only: the texts stay in the tables
    docs, group_by = with_group_column(docs, group_by)  # "year": the year of publication
    n_tokens, n_words = PT.corpus_totals(p, group_by)  # group counts: reused by keyness
else:
    docs = read_corpus(corpus, columns=columns, progress=False).docs
    docs, group_by = with_group_column(docs, group_by)  # "year": the year of publication
    counts = dfm(docs)
    n_tokens, n_words = int(counts.ntokens.sum()), len(counts.features)
n_groups = docs[group_by].nunique() if group_by in docs.columns else 0
print(f"{len(docs)} documents, {n_tokens} word tokens, "
      f"{n_words} distinct words, {n_groups} groups by {group_by!r}")

# %% [markdown]
# ## Top terms, with and without stop words
# With stop words the list is dominated by function words; without them the topic shows.

# %%
if processed:
    with_stop = pt.textstat_frequency(p, n=top_n)
    without_stop = pt.textstat_frequency(p, n=top_n, remove_stopwords=True)
else:
    with_stop = textstat_frequency(counts, n=top_n)
    without_stop = textstat_frequency(dfm(docs, remove_stopwords=True), n=top_n)
pd.concat({"with stop words": with_stop[["feature", "frequency"]],
           "without stop words": without_stop[["feature", "frequency", "docfreq", "per_10k"]]},
          axis=1).round(1)

# %%
fig, data = textplot_frequency(without_stop, n=top_n, title="Most frequent words (no stop words)")
save_chart(fig, data, "03-top-terms", reports=reports)
plt.show()

# %% [markdown]
# ## Quoted or bare: how each term is used
# For each term, how many occurrences stand in scare quotes (distancing), inside someone's
# quoted words (direct), in a title, as a mention of the word itself (term), or bare. The
# seed never writes *elections* without quotation marks. Rows: the `top_n` group/term pairs
# with most occurrences, for the compared groups (`groups`, else the largest groups with at
# least `min_docs` documents); without groups, per document.

# %%
groups = choose_groups(docs, group_by, groups, min_docs=min_docs)
key = group_by if groups else "doc_id"
by = key if groups else None
quoted = PT.textstat_quoted(p, terms, by) if processed else textstat_quoted(docs, terms, by)
quoted = select_groups(quoted, groups, key) if by else quoted
quoted_wide(quoted, key, n=top_n).round(2)

# %%
fig, data = textplot_quoted(quoted, key=key, n=top_n, docs=docs)
save_chart(fig, data, "03-quoted-use", reports=reports)
plt.show()

# %% [markdown]
# ## Keyword in context
# Up to `window` tokens either side of each hit, quotation marks kept; `start, end` locate the
# keyword in the document text. First 20 lines per pattern.

# %%
lines = PT.kwic(p, kwic_terms, window) if processed else kwic(docs, kwic_terms, window)
print(f"{len(lines)} lines", lines["pattern"].value_counts(sort=False).to_dict())
lines.groupby("pattern", sort=False).head(20)

# %% [markdown]
# ## Collocates and collocations
# Words within `window` tokens of the node term (stop words dropped), then the corpus's
# most strongly associated word pairs (adjacent words; quotation marks between them allowed).

# %%
collocates = (
    PT.textstat_collocates(p, collocate_term, window=window, min_count=min_count) if processed
    else textstat_collocates(docs, collocate_term, window=window, min_count=min_count))
collocates.head(top_n).round(2)

# %%
collocations = (
    PT.textstat_collocations(p, min_count=min_count, remove_stopwords=True) if processed
    else textstat_collocations(docs, min_count=min_count, remove_stopwords=True))
collocations.head(top_n).round(2)

# %% [markdown]
# ## Keyness: target group against reference
# Signed G²: bars to the right are words the target group uses more than the reference,
# bars to the left words it uses less. Needs at least two groups in `group_by`; `target` and
# `reference` default to the two largest compared groups. `p` below 0.001 shows as `< 0.001`.

# %%
pair = pick_groups(docs, group_by, target, reference, groups=groups)
if pair is None:
    print(f"Keyness needs at least two groups in {group_by!r}; this corpus has {n_groups}.")
else:
    tgt, ref = pair
    compared = docs[docs[group_by].isin(pair)]
    key_table = (
        PT.textstat_keyness(p, tgt, ref, group_by=group_by, remove_stopwords=True) if processed
        else textstat_keyness(dfm(compared, remove_stopwords=True), tgt, ref, group_by=group_by))
    print(f"{tgt} ({(compared[group_by] == tgt).sum()} documents) against "
          f"{ref} ({(compared[group_by] == ref).sum()} documents)")
    fig, data = textplot_keyness(key_table, n=top_n, labels=(str(tgt), str(ref)))
    save_chart(fig, data, "03-keyness", reports=reports)
    plt.show()
    display(format_table(pd.concat([key_table.head(10), key_table.tail(10)])))

# %% [markdown]
# ## Trends of the terms over time
# One panel per term: its rate per 10,000 tokens per period, each panel on its own scale,
# all sharing the period axis, with the number of documents per period underneath: a spike
# made by a single document shows as a period with few documents (and a `top_doc_share`
# near 1 in the table).

# %%
n_periods = PT.count_periods(p, period) if processed else count_periods(docs, period)
if n_periods < 2:
    print(f"Trends need dated documents from at least two periods; this corpus has {n_periods}.")
else:
    trends = (PT.textstat_trends(p, terms, period=period) if processed
              else textstat_trends(docs, terms, period=period))
    fig, data = textplot_trends(trends, period=period)
    save_chart(fig, data, "03-trends", reports=reports)
    plt.show()
    top_periods = trends.sort_values("per_10k", ascending=False, kind="stable").head(top_n)
    display(format_table(top_periods, period=period, digits=2))

# %% [markdown]
# The same trends for the keyness pair (target and reference), one line per group.

# %%
if n_periods < 2 or pair is None:
    print("Group trends need two compared groups and at least two periods.")
else:
    by_group = (
        PT.textstat_trends(p, terms, period=period, group_by=group_by, groups=pair) if processed
        else textstat_trends(compared, terms, period=period, group_by=group_by))
    fig, data = textplot_trends(by_group, period=period, group_by=group_by)
    save_chart(fig, data, "03-trends-groups", reports=reports)
    plt.show()
