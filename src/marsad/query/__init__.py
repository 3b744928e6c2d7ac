"""The analyst's questions over a store: members at a date, profiles, events, timelines,
the network at a date, claims, figures and full-text search."""

from marsad.query.api import EventQuery, Marsad, QueryError, open

__all__ = ["EventQuery", "Marsad", "QueryError", "open"]
