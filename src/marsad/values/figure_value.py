"""How a figure's value reads to people, wherever it is shown (tables, pages)."""

from __future__ import annotations


def readable(value: float) -> str:
    """715,700,000,000 rather than 7.157e+11; a fraction to six significant digits."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.6g}"
