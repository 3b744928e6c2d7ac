"""Decode article bytes: UTF-8, UTF-16 (with or without BOM) and Windows-1256.

Arabic sources still publish in Windows-1256 and UTF-16. Detection is deterministic:
byte-order marks first, then strict UTF-8, then UTF-16 by its zero bytes, then
Windows-1256 when the result reads as Arabic. Anything else is refused with the reason.
"""

from __future__ import annotations

import codecs
import unicodedata


class DecodeError(ValueError):
    pass


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\f")
    return controls / len(text) < 0.01


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff") / len(letters)


def _utf16_order(data: bytes) -> str | None:
    """UTF-16 without a BOM: Arabic code units are 0x06xx, Latin 0x00xx, so one byte
    of each pair is mostly 0x00 or 0x06."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    high = set(range(0x00, 0x07))
    if sum(b in high for b in odd) / len(odd) > 0.9 and even.count(0) < len(even) * 0.5:
        return "utf-16-le"
    if sum(b in high for b in even) / len(even) > 0.9 and odd.count(0) < len(odd) * 0.5:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodeError` saying why not."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}"
                ) from exc
    utf8_but_controls = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text, "utf-8"
        utf8_but_controls = True  # UTF-16 without a BOM often decodes as UTF-8 full of control characters
    order = _utf16_order(data)
    if order:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            text = ""
        if text and _looks_like_text(text):
            return text, order
    if utf8_but_controls:
        raise DecodeError("valid UTF-8 but mostly control characters: binary data, not an article")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"neither UTF-8, UTF-16 nor Windows-1256: {exc}") from exc
    if _looks_like_text(text) and _arabic_share(text) >= 0.5:
        return text, "cp1256"
    raise DecodeError("not text in UTF-8, UTF-16 or Windows-1256 (binary data or an unsupported encoding)")
