"""What an analyst types into a page's fields, checked before any question is asked: each
problem is an i18n key the page shows next to its field, in the page's language (the browser's
own "Please match the requested format" says neither what nor where)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.values.partial_date import PartialDate

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_QUERY = 500  # characters of a search query (the API's limit too)
# the ids the ingest form accepts: what a file name, a URL path or a feed's key looks like
DOC_ID = re.compile(r"^[A-Za-z0-9_.:/\-]+$")


@dataclass
class Problems:
    """Problems by field name: ``{"since": "date_month"}``; empty when all is well."""

    by_field: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def add(self, name: str, key: str) -> None:
        self.by_field.setdefault(name, key)

    def get(self, name: str) -> str:
        return self.by_field.get(name, "")


def date_problem(value: str) -> str:
    """The i18n key of what is wrong with a date typed into a field, "" when nothing is."""
    if not value:
        return ""
    found = _DATE.match(value)
    if not found:
        return "date_format"
    if found.group(2) and not 1 <= int(found.group(2)) <= 12:
        return "date_month"
    try:
        PartialDate.parse(value)
    except ValueError:
        return "date_day"
    return ""


def check_range(since: str, until: str, problems: Problems | None = None) -> Problems:
    """Both ends valid, and the range not reversed (which would silently list nothing)."""
    problems = problems if problems is not None else Problems()
    for name, value in (("since", since), ("until", until)):
        key = date_problem(value)
        if key:
            problems.add(name, key)
    if since and until and not problems and PartialDate.parse(since).low > PartialDate.parse(until).high:
        problems.add("until", "date_order")
    return problems


def check_query(q: str, problems: Problems) -> Problems:
    if len(q) > MAX_QUERY:
        problems.add("q", "query_too_long")
    return problems
