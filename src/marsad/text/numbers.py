"""Quantities in text: «1.3 مليار دولار», «8.8٪», «98 ألف مواطن», «ست دول», «الأعضاء التسعة».

Number words, scale words, units and measures come from the language pack's
``numbers.yaml``, the units written alike in every script («%», «$») from
``text/numbers.yaml``; this module holds no word of any language. Only a number with a
unit (a currency, a percentage or a counted noun) is a quantity: bare numbers are years,
ordinals and names («بيرليك 2025») far too often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang import Language, detect_language, language_pack
from marsad.text.normalize import NormalizedText, normalize, normalize_key
from marsad.text.prefilter import places
from marsad.text.regex import alternation, first_letters, guarded


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # original offsets of the number, its scale and its unit
    end: int
    value: float
    unit: str  # a currency code, "percent", or a count unit such as "soldiers"
    measure: str  # what it measures when the words before say so, else ""


@dataclass(frozen=True)
class NumberRules:
    words: dict[str, int]
    scales: dict[str, int]
    units: dict[str, str]  # normalized unit form -> unit
    units_before: dict[str, str]  # nouns that count when a number word follows them
    measures: tuple[tuple[str, str], ...]  # (normalized cue, measure)
    number: re.Pattern[str]
    unit_after: re.Pattern[str]
    unit_before: re.Pattern[str]


@lru_cache(maxsize=1)
def _shared_units() -> dict[str, list[str]]:
    """``text/numbers.yaml``: the units written alike in every script."""
    raw = load_yaml(resources.files("marsad.text").joinpath("numbers.yaml").read_text(encoding="utf-8"))
    return {"percent": list(raw["percent"]), **{code: list(forms) for code, forms in raw["currencies"].items()}}


@lru_cache(maxsize=16)
def number_rules(language: Language) -> NumberRules:
    """The number words, scales, units and patterns of ``language``."""
    raw = language.data("numbers")
    words = {normalize_key(k): int(v) for k, v in raw.get("words", {}).items()}
    scales = {normalize_key(k): int(v) for k, v in raw.get("scales", {}).items()}
    units: dict[str, str] = {}
    for code, forms in _shared_units().items():
        units.update({normalize_key(f): code for f in forms})
    for code, forms in raw.get("currencies", {}).items():
        units.update({normalize_key(f): code for f in forms})
    units.update({normalize_key(f): "percent" for f in raw.get("percent", ())})
    for unit, forms in raw.get("counts", {}).items():
        units.update({normalize_key(f): unit for f in forms})
    measures = tuple((normalize_key(cue), m) for m, cues in raw.get("measures", {}).items() for cue in cues)
    article = normalize_key(language.clitic("article"))
    article_opt = f"(?:{re.escape(article)})?" if article else ""
    proclitics = [normalize_key(p) for p in raw.get("scale_proclitics", ())]
    partitive = alternation(normalize_key(w) for w in raw.get("partitive", ()))
    scale = alternation(scales)
    number = guarded(
        rf"(?<![\d.,])(?P<digits>\d+(?:[.,]\d+)*)(?:\s*(?P<scale>{scale})(?![^\W_]))?"
        rf"|(?<![^\W_]){article_opt}(?P<word>{alternation(words)})(?![^\W_])"
        rf"|(?<![^\W_\d])(?:{alternation(proclitics)})?(?P<bare>{scale})(?![^\W_])",
        first_letters([*words, *scales, article, *proclitics]),
        digits=True,
    )
    unit_after = re.compile(
        rf"\s*(?P<of>(?:{partitive})\s+)?(?P<article>{alternation([article])})?"
        rf"(?P<unit>{alternation(units)})(?![^\W_])"
    )
    units_before = {normalize_key(f): unit for unit, forms in raw.get("counted_before", {}).items() for f in forms}
    unit_before = re.compile(rf"(?P<unit>{alternation(units_before)})\s+$")
    return NumberRules(words, scales, units, units_before, measures, number, unit_after, unit_before)


def number_anchor_words(language: Language) -> frozenset[str]:
    """The number and scale words of ``language``: every quantity holds one, or a digit."""
    rules = number_rules(language)
    return frozenset(rules.words) | frozenset(rules.scales)


def _parse_digits(digits: str) -> float:
    # «2,500» and «2.500» group thousands; «1.3» and «8,8» are decimals.
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    return float(groups[0])


def find_quantities(text: str, language: Language | None = None) -> list[Quantity]:
    """Every number with a unit in ``text``, with its value scaled («1.3 مليار» = 1.3e9)
    (``language``: its pack, else the pack of the script it is written in)."""
    language = language if language is not None else language_pack(detect_language(text))
    return find_quantities_in(normalize(text), 0, len(text), language)


def find_quantities_in(
    norm: NormalizedText,
    span_start: int,
    span_end: int,
    language: Language,
    bounds: tuple[int, int] | None = None,
) -> list[Quantity]:
    """:func:`find_quantities` of the original span ``[span_start, span_end)`` of a text
    already normalized (a sentence of a document in ``language``), with offsets from
    ``span_start``; ``bounds``: the span in the normalized text, when the caller has it."""
    n_start, n_end = bounds or (norm.to_normalized(span_start), norm.to_normalized(span_end))
    if not places(norm, language).may_hold_number(n_start, n_end):
        return []  # no digit, no number word: most sentences
    ntext = norm.text[n_start:n_end]

    def original(a: int, b: int) -> tuple[int, int]:
        o_start, o_end = norm.to_original(n_start + a, n_start + b)
        return o_start - span_start, min(o_end, span_end) - span_start

    rules = number_rules(language)
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


def _measure(text: str, start: int, rules: NumberRules) -> str:
    window = text[max(0, start - 60) : start]
    best = ("", -1)
    for cue, measure in rules.measures:
        at = window.rfind(cue)
        if at > best[1]:
            best = (measure, at)
    return best[0]
