"""Term frequency: tokens, counts, quoted vs bare use, KWIC, keyness, collocations, trends.

quanteda-like names: ``tokens``, ``dfm``, ``kwic``, ``textstat_*`` (tables) and
``textplot_*`` (charts). Every table keeps ``doc_id`` and character offsets where it
refers to a place in a text. The pieces live in ``helpers.terms_*`` modules:

- ``terms_tokens``: ``TOKEN_PATTERN``, ``tokens``, ``stopwords``, ``ngrams``, ``as_docs``
- ``terms_dfm``: ``count_matrix``, ``dfm``/``Dfm``, ``as_dfm``, ``dfm_group``, ``dfm_remove``,
  ``textstat_frequency``
- ``terms_quoted``: ``quoted_use``, ``textstat_quoted``, ``quoted_wide``
- ``terms_kwic``: ``kwic``; ``terms_match``: ``compile_patterns`` (word/phrase/glob/regex)
- ``terms_stats``: ``textstat_keyness``, ``textstat_collocations``, ``textstat_collocates``;
  ``helpers.groups``: ``pick_groups`` (the keyness pair)
- ``terms_trends``: ``textstat_trends``, ``count_periods``; ``terms_plot``: ``textplot_*``
"""

from helpers.groups import pick_groups
from helpers.terms_dfm import (
    Dfm,
    as_dfm,
    count_matrix,
    dfm,
    dfm_group,
    dfm_remove,
    textstat_frequency,
)
from helpers.terms_kwic import kwic
from helpers.terms_match import compile_patterns
from helpers.terms_plot import (
    textplot_frequency,
    textplot_keyness,
    textplot_quoted,
    textplot_trends,
)
from helpers.terms_quoted import USE_KINDS, quoted_use, quoted_wide, textstat_quoted
from helpers.terms_stats import (
    textstat_collocates,
    textstat_collocations,
    textstat_keyness,
)
from helpers.terms_tokens import TOKEN_PATTERN, as_docs, ngrams, stopwords, tokens
from helpers.terms_trends import count_periods, textstat_trends

__all__ = [
    "TOKEN_PATTERN",
    "USE_KINDS",
    "Dfm",
    "as_dfm",
    "as_docs",
    "compile_patterns",
    "count_matrix",
    "count_periods",
    "dfm",
    "dfm_group",
    "dfm_remove",
    "kwic",
    "ngrams",
    "pick_groups",
    "quoted_use",
    "quoted_wide",
    "stopwords",
    "textplot_frequency",
    "textplot_keyness",
    "textplot_quoted",
    "textplot_trends",
    "textstat_collocates",
    "textstat_collocations",
    "textstat_frequency",
    "textstat_keyness",
    "textstat_quoted",
    "textstat_trends",
    "tokens",
]
