"""Helpers the templates call: links that keep a page's state, the direction of a text, a
number with its noun in the page's language."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import QueryParams

# Arabic-script letters (Arabic, its supplements and presentation forms) and Hebrew: the
# scripts written right to left that an article may hold
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def link(path: str, params: QueryParams | dict[str, str], /, **changes: str | int | None) -> str:
    """``path`` with the page's parameters, ``changes`` applied: a value replaces the key's
    values, ``None`` or "" removes the key; empty parameters are dropped, so no link reads
    ``?&page=2`` or holds a key twice."""
    pairs = list(params.multi_items()) if isinstance(params, QueryParams) else list(params.items())
    changed = {k: ("" if v is None else str(v)) for k, v in changes.items()}
    kept = [(k, v) for k, v in pairs if k not in changed and v != ""]
    kept += [(k, v) for k, v in changed.items() if v != ""]
    return path + ("?" + urlencode(kept) if kept else "")


def text_dir(text: str | None) -> str:
    """``rtl`` when most letters of ``text`` are of a right-to-left script, else ``ltr``: the
    direction a quoted sentence keeps whatever the interface language (an Arabic sentence with
    «CSTO» in it still ends with its full stop on the left)."""
    rtl = other = 0
    for char in text or "":
        if not char.isalpha():
            continue
        code = ord(char)
        if any(low <= code <= high for low, high in _RTL_RANGES):
            rtl += 1
        else:
            other += 1
    return "rtl" if rtl >= other and rtl else "ltr"


def text_lang(text: str | None) -> str:
    """The language attribute of a quoted text when its script says it: Arabic for Arabic
    script; "" (unknown) otherwise."""
    return "ar" if text_dir(text) == "rtl" else ""


def arabic_plural_form(n: int) -> str:
    """The CLDR plural category of ``n`` in Arabic: zero, one, two, few (3–10), many
    (11–99), other (100, 101, 102 …)."""
    rest = n % 100
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def english_plural_form(n: int) -> str:
    return "one" if n == 1 else "other"


def query_string(params: dict[str, str]) -> str:
    return urlencode([(k, v) for k, v in params.items() if v != ""])
