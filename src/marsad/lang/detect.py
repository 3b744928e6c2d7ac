"""A document's language from its script, when its metadata does not say: the script that
most of its letters are written in. Arabic, Cyrillic and Latin letters are told apart by
their Unicode blocks, which is all this decides: Arabic script is read as Arabic, Cyrillic
as Russian and Latin as English (the languages Marsad reads)."""

from __future__ import annotations

# (first, last) code point of each block, and the language its letters are read as
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x08A0, 0x08FF, "ar"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
    (0x0400, 0x052F, "ru"),
    (0x0041, 0x005A, "en"),
    (0x0061, 0x007A, "en"),
    (0x00C0, 0x024F, "en"),
)
_SAMPLE = 20_000  # characters looked at: the opening of an article shows its script


def detect_language(text: str) -> str:
    """ "ar", "ru" or "en" by the script of most letters in the opening of ``text``; "" when
    it holds no letter of these scripts."""
    counts: dict[str, int] = {}
    for char in text[:_SAMPLE]:
        if not char.isalpha():
            continue
        point = ord(char)
        for low, high, code in _SCRIPTS:
            if low <= point <= high:
                counts[code] = counts.get(code, 0) + 1
                break
    return max(counts, key=lambda code: counts[code]) if counts else ""
