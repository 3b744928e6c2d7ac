"""The figures stage: money, percentages and counts, each with what it measures and whose it is."""

from __future__ import annotations

from bisect import bisect_left

from marsad.document import Document, Evidence, Figure, Mention
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.dates import DateMention
from marsad.text.numbers import Quantity, currency_codes, figure_key, find_quantities_in

_AFTER = 20  # «شركة روسية», «مواطن روسي»: a nisba right after the unit names the owner
# «715 مليار تنغي (1.5 مليار دولار)», «1.2 trillion tenge, or $2.5 billion»: at most this many
# characters between two sums in two currencies make them one sum, given twice
_BESIDE = 12


class FigureStage:
    name = "figures"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates", "reference_date")
    assigns = ("figures",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._language = language  # its number words, scales and units
        self._currencies = currency_codes(language)

    def __call__(self, doc: Document) -> Document:
        actors = sorted(
            (m for m in doc.mentions if m.entity_type in ("country", "organization")), key=lambda m: m.start
        )
        starts = [m.start for m in actors]
        dates = sorted(doc.dates, key=lambda d: d.start)
        date_starts = [d.start for d in dates]
        figures: list[Figure | None] = []
        told: dict[tuple[float, str], int] = {}  # a figure told again is one figure: where it stands
        normalized = doc.normalized
        assert normalized is not None, "the normalize stage runs before figures"
        for sentence, bounds in zip(doc.sentences, doc.normalized_sentences, strict=True):
            quantities = find_quantities_in(normalized, sentence.start, sentence.end, self._language, bounds)
            for index, quantity in enumerate(quantities):
                key = figure_key(quantity)
                if key in told:
                    if not self._in_two_currencies(quantities, index):
                        continue
                    # «$2 billion» in a headline, then «900 billion tenge ($2 billion)» in the text:
                    # the figure is told where the sum stands in both currencies
                    figures[told[key]] = None
                told[key] = len(figures)
                start, end = sentence.start + quantity.start, sentence.start + quantity.end
                actor = _owner(actors, starts, start, end, sentence.start)
                what = quantity.measure or _default_measure(quantity.unit)
                evidence = Evidence(start, end, doc.text[start:end])
                date = _nearest_date(dates, date_starts, sentence.start, sentence.end, start, end)
                date_source = "text" if date else "reference" if doc.reference_date else ""
                figures.append(
                    Figure(
                        what,
                        quantity.value,
                        quantity.unit,
                        actor,
                        evidence,
                        f"figures.{quantity.unit}",
                        date or doc.reference_date,
                        date_source,
                    )
                )
        doc.figures = [f for f in figures if f is not None]
        return doc

    def _in_two_currencies(self, quantities: list[Quantity], index: int) -> bool:
        """Whether the sum ``quantities[index]`` stands right beside the same sum in another
        currency, in one sentence (offsets are the sentence's)."""
        quantity = quantities[index]
        if quantity.unit not in self._currencies:
            return False
        before = quantities[index - 1] if index > 0 else None
        after = quantities[index + 1] if index + 1 < len(quantities) else None
        return any(
            other is not None
            and other.unit in self._currencies
            and other.unit != quantity.unit
            and max(other.start, quantity.start) - min(other.end, quantity.end) <= _BESIDE
            for other in (before, after)
        )


def _nearest_date(
    dates: list[DateMention], starts: list[int], sentence_start: int, sentence_end: int, start: int, end: int
) -> str:
    """The value of the date its sentence states nearest the figure at ``[start, end)`` («في عام
    2023 أنفقت … 1.2 مليار دولار», «العام الماضي» resolved against the article's date); "" when
    the sentence states none."""
    lo, hi = bisect_left(starts, sentence_start), bisect_left(starts, sentence_end)
    inside = [d for d in dates[lo:hi] if d.end <= sentence_end]
    if not inside:
        return ""
    return min(inside, key=lambda d: (start - d.end if d.end <= start else d.start - end, d.start)).value


def _owner(actors: list[Mention], starts: list[int], start: int, end: int, sentence_start: int) -> str:
    index = bisect_left(starts, end)
    if index < len(actors) and actors[index].start - end <= _AFTER and actors[index].rule == "gazetteer.nisba":
        return actors[index].entity_id
    # the last actor of the sentence that ends before the quantity, read backwards from it
    for i in range(index - 1, -1, -1):
        if actors[i].start < sentence_start:
            break
        if actors[i].end <= start:
            return actors[i].entity_id
    return ""


def _default_measure(unit: str) -> str:
    if unit == "percent":
        return "share"
    if len(unit) == 3 and unit.isupper():
        return "amount"
    return unit
