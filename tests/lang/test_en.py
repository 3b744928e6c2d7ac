"""The English pack: its morphology, and its lexicons read through the language-free stages
(a positive and a negative sentence per rule, written for these tests)."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline, reading_note
from marsad.lang import language_pack
from marsad.text.numbers import find_quantities


def _read(text: str) -> Document:
    return build_pipeline()(Document("t", text, DocumentMeta(language="en", published="2024-03-04")))


def _events(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.type, tuple(sorted(e.actors))) for e in _read(text).events]


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [("hold", {"held", "holds", "holding", "hold"}), ("withdraw", {"withdrew", "withdrawn"}), ("detain", {"detained"})],
)
def test_verb_forms_include_irregular_ones(lemma: str, forms: set[str]) -> None:
    assert forms <= language_pack("en").morphology.verb_forms(lemma)


def test_a_speech_verb_without_passive_keeps_its_past() -> None:
    morphology = language_pack("en").morphology
    assert "spoken" not in morphology.verb_forms("speak", passive=False)
    assert "spoke" in morphology.verb_forms("speak", passive=False)


@pytest.mark.parametrize(("noun", "plural"), [("summit", "summits"), ("ceasefire", "ceasefires")])
def test_a_noun_takes_its_plural(noun: str, plural: str) -> None:
    assert plural in language_pack("en").morphology.noun_forms(noun)


def test_the_english_pack_reads_every_kind_of_fact() -> None:
    assert reading_note(language_pack("en")) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakhstan and Russia held talks in Astana on Monday.", ("MEETING", ("KAZ", "RUS"))),
        ("Kyrgyzstan and Tajikistan exchanged fire on the border on Friday.", ("CLASH", ("KGZ", "TJK"))),
        ("Uzbekistan and Kyrgyzstan signed an agreement on the border on Friday.", ("AGREEMENT", ("KGZ", "UZB"))),
        ("Russia imposed sanctions on Ukraine on Tuesday.", ("SANCTION", ("RUS", "UKR"))),
    ],
)
def test_phrasal_triggers_report_their_event(text: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert expected in _events(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kazakhstan and Russia discussed a trade war on Monday.", "CLASH"),  # no armed clash
        ("Russia and China held a press conference on Monday.", "MEETING"),  # no meeting of parties
        ("Kazakhstan helped Russia evade sanctions last year.", "SANCTION"),  # no sanction imposed
    ],
)
def test_phrases_of_another_sense_report_no_such_event(text: str, kind: str) -> None:
    assert kind not in {t for t, _ in _events(text)}


def test_a_negated_event_is_not_recorded() -> None:
    assert ("MEETING", ("KAZ", "RUS")) in _events("Kazakhstan and Russia held talks on Monday.")
    assert ("MEETING", ("KAZ", "RUS")) not in _events("Kazakhstan and Russia did not hold talks on Monday.")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Russia promised $1.3 billion in aid.", 1.3e9, "USD"),
        ("About 1,500 Afghan soldiers crossed the border.", 1500, "soldiers"),
        ("Three hundred and fifty people were detained.", 350, "persons"),
        ("Spending rose by 6.8 percent.", 6.8, "percent"),
        ("The budget was 715.7 billion tenge.", 715.7e9, "KZT"),
    ],
)
def test_english_figures(text: str, value: float, unit: str) -> None:
    found = [(q.value, q.unit) for q in find_quantities(text, language_pack("en"))]
    assert (pytest.approx(value), unit) in found


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 Russian troops left.",  # a year before the words of a noun
        "Two Mi-8MT helicopters landed.",  # a model's digit counts nothing
        "One lawmaker voted against.",  # one of something is a way of speaking
    ],
)
def test_english_numbers_that_are_no_figure(text: str) -> None:
    found = [(q.value, q.unit) for q in find_quantities(text, language_pack("en"))]
    assert (2019.0, "soldiers") not in found and (8.0, "helicopters") not in found and (1.0, "persons") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The CSTO includes Belarus, Russia, Armenia and Kazakhstan.", {"BLR", "RUS", "ARM", "KAZ"}),
        ("Kyrgyzstan, a member of the Collective Security Treaty Organization, declined.", {"KGZ"}),
    ],
)
def test_english_membership_cues(text: str, expected: set[str]) -> None:
    found = {m.member for m in _read(text).memberships if m.org == "CSTO"}
    assert expected <= found


def test_a_list_without_a_cue_is_no_membership() -> None:
    doc = _read("The CSTO met Belarus, Russia, Armenia and Kazakhstan.")
    assert not [m for m in doc.memberships if m.org == "CSTO"]


@pytest.mark.parametrize(("spelling", "person"), [("Zhaparov", "sadyr-japarov"), ("Mirziyoev", "shavkat-mirziyoyev")])
def test_english_transliteration_variants_link(spelling: str, person: str) -> None:
    doc = _read(f"President {spelling} spoke in Bishkek on Monday.")
    assert person in {m.entity_id for m in doc.mentions}
