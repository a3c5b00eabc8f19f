"""Framing devices in text: quotations typed and attributed, reported speech, framing
vocabulary (delegitimising / evaluative markers, Policy Frames Codebook dimensions) and
per-document or per-group profiles.

Text level: ``find_quotes(text)``, ``find_attributions(text)`` (options ``speaker``, ``title``:
the document's own speaker, ``document_speaker(metadata)``, and its title).
Corpus level (``docs`` from ``read_corpus``): ``quotes_table``, ``attributions_table``,
``lexicon_table`` / ``markers_table`` / ``frames_table``, ``frame_scores``.
Profiles: ``textstat_framing``, ``textstat_quote_kinds``, ``textstat_scare_terms``,
``textstat_quoted_sources``, ``textstat_scare_by_group``. Display: ``highlight_quotes`` and the ``textplot_*`` charts.
"""

from helpers.framing_names import document_speaker
from helpers.framing_plot import (
    highlight_quotes,
    textplot_framing_heatmap,
    textplot_quote_kinds,
    textplot_quoted_sources,
    textplot_scare_by_group,
    textplot_scare_terms,
)
from helpers.framing_profile import (
    UNRESOLVED,
    busiest_document,
    largest_documents,
    largest_groups,
    textstat_framing,
    textstat_quote_kinds,
    textstat_quoted_sources,
    textstat_scare_by_group,
    textstat_scare_terms,
    word_counts,
)
from helpers.framing_quotes import COLUMNS, KINDS, find_quotes
from helpers.framing_reported import ATTRIBUTION_COLUMNS, find_attributions
from helpers.framing_tables import (
    HIT_COLUMNS,
    attributions_table,
    frame_scores,
    frames_table,
    lexicon_table,
    markers_table,
    quotes_table,
)

__all__ = [
    "ATTRIBUTION_COLUMNS", "COLUMNS", "HIT_COLUMNS", "KINDS", "UNRESOLVED", "attributions_table",
    "busiest_document", "document_speaker", "find_attributions", "find_quotes", "frame_scores", "frames_table", "highlight_quotes",
    "largest_documents", "largest_groups", "lexicon_table", "markers_table", "quotes_table", "textplot_framing_heatmap",
    "textplot_quote_kinds", "textplot_quoted_sources", "textplot_scare_by_group", "textplot_scare_terms",
    "textstat_framing", "textstat_quote_kinds", "textstat_quoted_sources",
    "textstat_scare_by_group", "textstat_scare_terms", "word_counts",
]  # fmt: skip
