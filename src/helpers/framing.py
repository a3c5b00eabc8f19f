"""Framing devices in text: quotations typed and attributed (see ``framing_quotes``)."""

from helpers.framing_quotes import COLUMNS, KINDS, find_quotes

__all__ = ["COLUMNS", "KINDS", "find_quotes"]
