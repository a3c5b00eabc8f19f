"""Accuracy measured on the gold data in ``../shared/gold`` (``make eval``)."""
