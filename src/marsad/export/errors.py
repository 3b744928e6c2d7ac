"""The one error every export raises: the message says what to change."""

from __future__ import annotations


class ExportError(ValueError):
    """An export that cannot be made as asked; the message says what to change."""
