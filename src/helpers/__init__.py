"""Helpers for analytical research notebooks: corpus, text, framing, terms, chronology."""

__version__ = "0.1.0"
