"""The analyst's questions over a store: members at a date, profiles, events, timelines,
the network at a date, claims, figures and full-text search."""

from marsad.query.api import Marsad, QueryError, open

__all__ = ["Marsad", "QueryError", "open"]
