"""Decode article bytes: UTF-8, UTF-16 (with or without BOM) and Windows-1256.

Arabic sources still publish in Windows-1256 and UTF-16. Detection is deterministic:
byte-order marks first, then strict UTF-8, then UTF-8 with a few invalid bytes (each
replaced by U+FFFD and reported: where and how many), then UTF-16 by its zero bytes, then
Windows-1256 when the result reads as Arabic. Anything else is refused with the reason.
"""

from __future__ import annotations

import codecs
import threading
import unicodedata
from dataclasses import dataclass


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


# UTF-8 "but for a few bytes": at most this share of the non-ASCII sequences is invalid.
# Windows-1256 Arabic read as UTF-8 fails on nearly every letter (its letters are lead
# bytes followed by more lead bytes), while a UTF-8 file with a stray byte or a character
# cut at the end has one bad sequence among thousands of good ones.
_INVALID_SHARE = 0.05
# A short text with no valid multi-byte character at all (ASCII and a stray byte) is UTF-8
# with that many bad sequences at most; more, and it is another encoding.
_INVALID_ALONE = 2
# Never more than this many replaced, whatever the share: past it the handler gives up at
# once, so a large file in another encoding costs a thousand handler calls, not millions.
_MAX_INVALID = 1000


class _TooManyInvalid(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    invalid: tuple[int, ...] = ()  # byte offsets of the invalid UTF-8 sequences replaced by U+FFFD

    def invalid_report(self, data: bytes) -> str:
        """Where the replaced bytes were, for the reader to report ("" when none were)."""
        if not self.invalid:
            return ""
        places = ", ".join(_place(data, offset) for offset in self.invalid[:3])
        more = f" and {len(self.invalid) - 3} more" if len(self.invalid) > 3 else ""
        return (
            f"{len(self.invalid)} invalid UTF-8 byte sequence(s) replaced with U+FFFD, at {places}{more}; "
            "the rest is read as UTF-8"
        )


def _place(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte {offset} (line {line})"


_replaced = threading.local()  # the offsets the error handler met, per thread (the server reads in threads)


def _note_invalid(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced.offsets.append(exc.start)
    if len(_replaced.offsets) > _MAX_INVALID:
        raise _TooManyInvalid
    return "\ufffd", exc.end


codecs.register_error("marsad-note-invalid", _note_invalid)


def _lenient_utf8(data: bytes) -> Decoded | None:
    """``data`` as UTF-8 with its invalid sequences replaced, when they are few (see
    ``_INVALID_SHARE``); None when UTF-8 clearly fails."""
    _replaced.offsets = []
    try:
        text = data.decode("utf-8", errors="marsad-note-invalid")
    except _TooManyInvalid:
        return None
    finally:
        offsets, _replaced.offsets = tuple(_replaced.offsets), []
    bad = len(offsets)
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad  # valid multi-byte characters
    if bad > _INVALID_ALONE and bad > _INVALID_SHARE * (good + bad):
        return None
    return Decoded(text, "utf-8", offsets)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodeError` saying why not (see
    :func:`decode`, which also says which bytes were replaced)."""
    decoded = decode(data)
    return decoded.text, decoded.encoding


def decode(data: bytes) -> Decoded:
    """The text of ``data`` and how it was read, or :class:`DecodeError` saying why not."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}"
                ) from exc
    utf8_but_controls = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        lenient = _lenient_utf8(data)  # a stray byte or a cut character must not make it Windows-1256
        if lenient is not None and _looks_like_text(lenient.text):
            return lenient
    else:
        if _looks_like_text(text):
            return Decoded(text, "utf-8")
        utf8_but_controls = True  # UTF-16 without a BOM often decodes as UTF-8 full of control characters
    order = _utf16_order(data)
    if order:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            text = ""
        if text and _looks_like_text(text):
            return Decoded(text, order)
    if utf8_but_controls:
        raise DecodeError("valid UTF-8 but mostly control characters: binary data, not an article")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"neither UTF-8, UTF-16 nor Windows-1256: {exc}") from exc
    if _looks_like_text(text) and _arabic_share(text) >= 0.5:
        return Decoded(text, "cp1256")
    raise DecodeError("not text in UTF-8, UTF-16 or Windows-1256 (binary data or an unsupported encoding)")
