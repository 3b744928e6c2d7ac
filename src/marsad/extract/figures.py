"""The figures stage: money, percentages and counts, each with what it measures and whose it is."""

from __future__ import annotations

from bisect import bisect_left

from marsad.document import Document, Evidence, Figure, Mention
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.dates import DateMention
from marsad.text.numbers import figure_key, find_quantities_in

_AFTER = 20  # «شركة روسية», «مواطن روسي»: a nisba right after the unit names the owner


class FigureStage:
    name = "figures"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates", "reference_date")
    assigns = ("figures",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._language = language  # its number words, scales and units

    def __call__(self, doc: Document) -> Document:
        actors = sorted(
            (m for m in doc.mentions if m.entity_type in ("country", "organization")), key=lambda m: m.start
        )
        starts = [m.start for m in actors]
        dates = sorted(doc.dates, key=lambda d: d.start)
        date_starts = [d.start for d in dates]
        figures = []
        told: set[tuple[float, str]] = set()  # a figure told again is one figure
        normalized = doc.normalized
        assert normalized is not None, "the normalize stage runs before figures"
        for sentence, bounds in zip(doc.sentences, doc.normalized_sentences, strict=True):
            for quantity in find_quantities_in(normalized, sentence.start, sentence.end, self._language, bounds):
                if figure_key(quantity) in told:
                    continue
                told.add(figure_key(quantity))
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
        doc.figures = figures
        return doc


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
