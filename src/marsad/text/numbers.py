"""Quantities in Arabic text: «1.3 مليار دولار», «8.8٪», «98 ألف مواطن», «ست دول», «الأعضاء التسعة».

Number words, scale words and units come from ``numbers.yaml``. Only a number with a
unit (a currency, a percentage or a counted noun) is a quantity: bare numbers are years,
ordinals and names («بيرليك 2025») far too often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.text.normalize import NormalizedText, normalize, normalize_key
from marsad.text.prefilter import places
from marsad.text.regex import first_letters, guarded


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # original offsets of the number, its scale and its unit
    end: int
    value: float
    unit: str  # a currency code, "percent", or a count unit such as "soldiers"
    measure: str  # what it measures when the words before say so, else ""


@dataclass(frozen=True)
class _NumberRules:
    words: dict[str, int]
    scales: dict[str, int]
    units: dict[str, str]  # normalized unit form -> unit
    units_before: dict[str, str]  # nouns that count when a number word follows them
    measures: tuple[tuple[str, str], ...]  # (normalized cue, measure)
    number: re.Pattern[str]
    unit_after: re.Pattern[str]
    unit_before: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _NumberRules:
    raw = load_yaml(resources.files("marsad.text").joinpath("numbers.yaml").read_text(encoding="utf-8"))
    words = {normalize_key(k): int(v) for k, v in raw["words"].items()}
    scales = {normalize_key(k): int(v) for k, v in raw["scales"].items()}
    units: dict[str, str] = {}
    for code, forms in raw["currencies"].items():
        units.update({normalize_key(f): code for f in forms})
    units.update({normalize_key(f): "percent" for f in raw["percent"]})
    for unit, forms in raw["counts"].items():
        units.update({normalize_key(f): unit for f in forms})
    measures = tuple((normalize_key(cue), m) for m, cues in raw["measures"].items() for cue in cues)

    def alternation(items: object) -> str:
        return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))  # type: ignore[arg-type]

    scale = alternation(scales)
    number = guarded(
        rf"(?<![\d.,])(?P<digits>\d+(?:[.,]\d+)*)(?:\s*(?P<scale>{scale})(?![^\W_]))?"
        rf"|(?<![^\W_])(?:ال)?(?P<word>{alternation(words)})(?![^\W_])"
        rf"|(?<![^\W_\d])(?:ب)?(?P<bare>{scale})(?![^\W_])",
        first_letters([*words, *scales, "ال", "ب"]),
        digits=True,
    )
    unit_form = alternation(units)
    unit_after = re.compile(rf"\s*(?P<of>من\s+)?(?P<article>ال)?(?P<unit>{unit_form})(?![^\W_])")
    before_units = {normalize_key(f): unit for unit, forms in raw["counted_before"].items() for f in forms}
    units_before = before_units
    unit_before = re.compile(rf"(?P<unit>{alternation(before_units)})\s+$")
    return _NumberRules(words, scales, units, units_before, measures, number, unit_after, unit_before)


def number_anchor_words() -> frozenset[str]:
    """The number and scale words: every quantity holds one, or a digit."""
    rules = _rules()
    return frozenset(rules.words) | frozenset(rules.scales)


def number_words() -> dict[str, int]:
    """Cardinal number words (normalized) and their values: «ثلاثة» → 3."""
    return dict(_rules().words)


def _parse_digits(digits: str) -> float:
    # «2,500» and «2.500» group thousands; «1.3» and «8,8» are decimals.
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    return float(groups[0])


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit in ``text``, with its value scaled («1.3 مليار» = 1.3e9)."""
    return find_quantities_in(normalize(text), 0, len(text))


def find_quantities_in(
    norm: NormalizedText, span_start: int, span_end: int, bounds: tuple[int, int] | None = None
) -> list[Quantity]:
    """:func:`find_quantities` of the original span ``[span_start, span_end)`` of a text
    already normalized (a sentence of a document), with offsets from ``span_start``;
    ``bounds``: the span in the normalized text, when the caller has it."""
    n_start, n_end = bounds or (norm.to_normalized(span_start), norm.to_normalized(span_end))
    if not places(norm).may_hold_number(n_start, n_end):
        return []  # no digit, no number word: most sentences
    ntext = norm.text[n_start:n_end]

    def original(a: int, b: int) -> tuple[int, int]:
        o_start, o_end = norm.to_original(n_start + a, n_start + b)
        return o_start - span_start, min(o_end, span_end) - span_start

    rules = _rules()
    found: list[Quantity] = []
    for match in rules.number.finditer(ntext):
        if match["digits"]:
            value = _parse_digits(match["digits"]) * rules.scales.get(match["scale"] or "", 1)
        elif match["word"]:
            value = float(rules.words[match["word"]])
        else:
            value = float(rules.scales[match["bare"]])
        start, end = match.start(), match.end()
        after = rules.unit_after.match(ntext, end)
        if after and match["word"] and value == 1:
            continue  # «دولة واحدة»: one of something is a way of speaking, not a figure
        if after and match["word"] and after["of"] and after["article"]:
            continue  # «ثلاثة من الأعضاء»: a part of a group, counted elsewhere
        if after:
            unit, end = rules.units[after["unit"]], after.end()
        else:
            # «الأعضاء التسعة»: a counted noun before a number word
            before = rules.unit_before.search(ntext, max(0, start - 25), start) if match["word"] else None
            if before is None:
                continue
            unit, start = rules.units_before[before["unit"]], before.start()
        if unit in ("percent",) and not match["digits"]:
            continue
        found.append(Quantity(*original(start, end), value, unit, _measure(ntext, start, rules)))
    return found


def _measure(text: str, start: int, rules: _NumberRules) -> str:
    window = text[max(0, start - 60) : start]
    best = ("", -1)
    for cue, measure in rules.measures:
        at = window.rfind(cue)
        if at > best[1]:
            best = (measure, at)
    return best[0]
