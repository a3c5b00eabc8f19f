"""Chronology: temporal expressions normalised to TimeML TIMEX3, the events they date, timelines.

The public face of the chronology modules:

- ``find_timexes(text, dct)``: dates, times, durations and sets as TIMEX3 (``helpers.timex``);
- ``find_events(text, dct)``: for each timex its clause and a short event label
  (``helpers.chronology_events``);
- ``chronology(docs, group_by)`` and the ``textstat_*`` tables (``helpers.chronology_tables``);
- ``textplot_*`` charts (``helpers.chronology_plot``).
"""

from helpers.chronology_events import event_label, find_events, value_point
from helpers.chronology_plot import (
    textplot_decade_heatmap,
    textplot_publication_timeline,
    textplot_referenced_years,
    textplot_timeline,
)
from helpers.chronology_tables import (
    chronology,
    document_timeline,
    format_publication,
    latest_publication_year,
    referenced_window,
    richest_document,
    textstat_decade_matrix,
    textstat_earliest_mentions,
    textstat_historical_depth,
    textstat_publication_timeline,
    textstat_referenced_outliers,
    textstat_referenced_years,
    textstat_types,
)
from helpers.timex import TIMEX_COLUMNS, find_timexes

__all__ = [
    "TIMEX_COLUMNS",
    "chronology",
    "document_timeline",
    "event_label",
    "referenced_window",
    "find_events",
    "find_timexes",
    "format_publication",
    "latest_publication_year",
    "richest_document",
    "textplot_decade_heatmap",
    "textplot_publication_timeline",
    "textplot_referenced_years",
    "textplot_timeline",
    "textstat_decade_matrix",
    "textstat_earliest_mentions",
    "textstat_historical_depth",
    "textstat_publication_timeline",
    "textstat_referenced_outliers",
    "textstat_referenced_years",
    "textstat_types",
    "value_point",
]
