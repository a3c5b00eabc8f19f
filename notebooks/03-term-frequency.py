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

# %% [markdown] papermill={"duration": 0.010135, "end_time": "2026-11-28T05:20:44.715571+00:00", "exception": false, "start_time": "2026-11-28T05:20:44.705436+00:00", "status": "completed"}
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

# %% papermill={"duration": 0.032821, "end_time": "2026-11-28T05:20:44.757964+00:00", "exception": false, "start_time": "2026-11-28T05:20:44.725143+00:00", "status": "completed"} tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob, read with helpers.corpus.read_corpus
group_by = "outlet"  # docs column used to compare groups (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures via save_chart
terms = ["elections", "so-called", "occupied"]  # terms followed through the notebook
kwic_terms = ["so-called", "elections"]  # concordance patterns (word, phrase, glob "elect*")
collocate_term = "occupied"  # node word for collocates
target = "AZE"  # keyness target group (missing: the group with most documents)
reference = "ARM"  # keyness reference group (missing: all other documents)
period = "year"  # trend periods: year, month or week
window = 5  # tokens either side in KWIC lines and collocate windows
top_n = 15  # rows in top-term tables and charts
min_count = 2  # minimum co-occurrences for collocations and collocates

# %% papermill={"duration": 3.447835, "end_time": "2026-11-28T05:20:48.212953+00:00", "exception": false, "start_time": "2026-11-28T05:20:44.765118+00:00", "status": "completed"}
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers.corpus import read_corpus
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

# %% papermill={"duration": 0.051905, "end_time": "2026-11-28T05:20:48.268013+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.216108+00:00", "status": "completed"}
c = read_corpus(corpus, progress=False)
docs = c.docs
counts = dfm(docs)
n_groups = docs[group_by].nunique() if group_by in docs.columns else 0
print(f"{len(docs)} documents, {int(counts.ntokens.sum())} word tokens, "
      f"{len(counts.features)} distinct words, {n_groups} groups by {group_by!r}")

# %% [markdown] papermill={"duration": 0.009791, "end_time": "2026-11-28T05:20:48.281196+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.271405+00:00", "status": "completed"}
# ## Top terms, with and without stop words
# With stop words the list is dominated by function words; without them the topic shows.

# %% papermill={"duration": 0.080627, "end_time": "2026-11-28T05:20:48.364567+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.283940+00:00", "status": "completed"}
with_stop = textstat_frequency(counts, n=top_n)
without_stop = textstat_frequency(dfm(docs, remove_stopwords=True), n=top_n)
pd.concat({"with stop words": with_stop[["feature", "frequency"]],
           "without stop words": without_stop[["feature", "frequency", "docfreq", "per_10k"]]},
          axis=1).round(1)

# %% papermill={"duration": 0.456165, "end_time": "2026-11-28T05:20:48.824472+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.368307+00:00", "status": "completed"}
fig, data = textplot_frequency(without_stop, n=top_n, title="Most frequent words (no stop words)")
save_chart(fig, data, "03-top-terms", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.006126, "end_time": "2026-11-28T05:20:48.876144+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.870018+00:00", "status": "completed"}
# ## Quoted or bare: how each term is used
# For each term, how many occurrences stand in scare quotes (distancing), inside someone's
# quoted words (direct), in a title, as a mention of the word itself (term), or bare. The
# seed never writes *elections* without quotation marks. Rows: the `top_n` group/term pairs with
# most occurrences.

# %% papermill={"duration": 0.081548, "end_time": "2026-11-28T05:20:48.966609+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.885061+00:00", "status": "completed"}
key = group_by if n_groups else "doc_id"
quoted = textstat_quoted(docs, terms, group_by=key if n_groups else None)
quoted_wide(quoted, key, n=top_n).round(2)

# %% papermill={"duration": 0.315858, "end_time": "2026-11-28T05:20:49.286885+00:00", "exception": false, "start_time": "2026-11-28T05:20:48.971027+00:00", "status": "completed"}
fig, data = textplot_quoted(quoted, key=key, n=top_n)
save_chart(fig, data, "03-quoted-use", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.003609, "end_time": "2026-11-28T05:20:49.294310+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.290701+00:00", "status": "completed"}
# ## Keyword in context
# Up to `window` tokens either side of each hit, quotation marks kept; `start, end` locate the
# keyword in the document text. First 20 lines per pattern.

# %% papermill={"duration": 0.037882, "end_time": "2026-11-28T05:20:49.335690+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.297808+00:00", "status": "completed"}
lines = kwic(docs, kwic_terms, window=window)
print(f"{len(lines)} lines", lines["pattern"].value_counts(sort=False).to_dict())
lines.groupby("pattern", sort=False).head(20)

# %% [markdown] papermill={"duration": 0.0045, "end_time": "2026-11-28T05:20:49.373815+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.369315+00:00", "status": "completed"}
# ## Collocates and collocations
# Words within `window` tokens of the node term (stop words dropped), then the corpus's
# most strongly associated word pairs (adjacent words; quotation marks between them allowed).

# %% papermill={"duration": 0.034069, "end_time": "2026-11-28T05:20:49.417226+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.383157+00:00", "status": "completed"}
textstat_collocates(docs, collocate_term, window=window, min_count=min_count).head(top_n).round(2)

# %% papermill={"duration": 0.031742, "end_time": "2026-11-28T05:20:49.455919+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.424177+00:00", "status": "completed"}
textstat_collocations(docs, min_count=min_count, remove_stopwords=True).head(top_n).round(2)

# %% [markdown] papermill={"duration": 0.007807, "end_time": "2026-11-28T05:20:49.468907+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.461100+00:00", "status": "completed"}
# ## Keyness: target group against reference
# Signed G²: bars to the right are words the target group uses more than the reference,
# bars to the left words it uses less. Needs at least two groups in `group_by`.

# %% papermill={"duration": 0.023997, "end_time": "2026-11-28T05:20:49.501117+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.477120+00:00", "status": "completed"}
pair = pick_groups(docs, group_by, target, reference)
if pair is None:
    print(f"Keyness needs at least two groups in {group_by!r}; this corpus has {n_groups}.")
else:
    tgt, ref = pair
    ref_label = "all other documents" if ref is None else str(ref)
    compared = docs if ref is None else docs[docs[group_by].isin([tgt, ref])]
    key_table = textstat_keyness(dfm(compared, remove_stopwords=True), tgt, ref, group_by=group_by)
    print(f"{tgt} ({(compared[group_by] == tgt).sum()} documents) against {ref_label}")
    fig, data = textplot_keyness(key_table, n=top_n, labels=(str(tgt), ref_label))
    save_chart(fig, data, "03-keyness", reports=reports)
    plt.show()
    display(pd.concat([key_table.head(10), key_table.tail(10)]).round(3))

# %% [markdown] papermill={"duration": 0.009608, "end_time": "2026-11-28T05:20:49.517657+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.508049+00:00", "status": "completed"}
# ## Trends of the terms over time
# Rate per 10,000 tokens per period, with the number of documents per period underneath:
# a spike made by a single document shows as a period with few documents (and a
# `top_doc_share` near 1 in the table).

# %% papermill={"duration": 0.181252, "end_time": "2026-11-28T05:20:49.715202+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.533950+00:00", "status": "completed"}
n_periods = count_periods(docs, period)
if n_periods < 2:
    print(f"Trends need dated documents from at least two periods; this corpus has {n_periods}.")
else:
    trends = textstat_trends(docs, terms, period=period)
    fig, data = textplot_trends(trends, period=period)
    save_chart(fig, data, "03-trends", reports=reports)
    plt.show()
    top_periods = trends.sort_values("per_10k", ascending=False, kind="stable").head(top_n)
    display(top_periods.round({"per_10k": 2, "top_doc_share": 2}))

# %% [markdown] papermill={"duration": 0.004241, "end_time": "2026-11-28T05:20:49.724279+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.720038+00:00", "status": "completed"}
# The same trends for the compared groups, when there are two.

# %% papermill={"duration": 0.016248, "end_time": "2026-11-28T05:20:49.744785+00:00", "exception": false, "start_time": "2026-11-28T05:20:49.728537+00:00", "status": "completed"}
if n_periods < 2 or pair is None or pair[1] is None:
    print("Group trends need two compared groups and at least two periods.")
else:
    by_group = textstat_trends(compared, terms, period=period, group_by=group_by)
    fig, data = textplot_trends(by_group, period=period, group_by=group_by)
    save_chart(fig, data, "03-trends-groups", reports=reports)
    plt.show()
