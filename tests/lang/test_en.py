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
        ("The CSTO includes Russia, Belarus, Armenia and Kazakhstan.", {"BLR", "RUS", "ARM", "KAZ"}),
        ("Kyrgyzstan, a member of the Collective Security Treaty Organization, declined.", {"KGZ"}),
    ],
)
def test_english_membership_cues(text: str, expected: set[str]) -> None:
    found = {m.member for m in _read(text).memberships if m.org == "CSTO"}
    assert expected <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the states listed after the passive of founding are founding members, since its year
        (
            "The CSTO was founded in 2002 by Armenia, Belarus and Russia.",
            {("ARM", "2002"), ("BLR", "2002"), ("RUS", "2002")},
        ),
        ("The CSTO, which was established by Russia and Kazakhstan, met.", {("RUS", ""), ("KAZ", "")}),
        # acted on by states, not founded by them
        ("The CSTO was criticized in 2002 by Armenia and Russia.", set()),
        ("The CSTO was founded in 2002 by the leaders of six states.", set()),
    ],
)
def test_founders_told_in_the_passive(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(m.member, m.since) for m in _read(text).memberships if m.org == "CSTO" and m.status == "founding-member"}
    assert found == expected


def test_a_list_without_a_cue_is_no_membership() -> None:
    doc = _read("The CSTO met Belarus, Russia, Armenia and Kazakhstan.")
    assert not [m for m in doc.memberships if m.org == "CSTO"]


@pytest.mark.parametrize(("spelling", "person"), [("Zhaparov", "sadyr-japarov"), ("Mirziyoev", "shavkat-mirziyoyev")])
def test_english_transliteration_variants_link(spelling: str, person: str) -> None:
    doc = _read(f"President {spelling} spoke in Bishkek on Monday.")
    assert person in {m.entity_id for m in doc.mentions}


def _links(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.entity_id) for m in _read(text).mentions}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Police held two men in the eastern region of Almaty.", ("Almaty", "Almaty Region"), "Almaty"),
        ("Clashes broke out in Batken province on Friday.", ("Batken", "Batken Region"), "Batken"),
        ("Arrests followed in the regions of Aktobe and Karaganda.", ("Karaganda", "Karaganda Region"), "Karaganda"),
    ],
)
def test_a_city_named_with_region_is_the_region(text: str, expected: tuple[str, str], absent: str) -> None:
    links = _links(text)
    assert expected in links
    assert (absent, absent) not in links


def test_a_city_without_region_stays_the_city() -> None:
    assert ("Almaty", "Almaty") in _links("Police detained two men in Almaty on Friday.")


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Kyrgyzstan's State Committee for National Security detained two men.", "GKNB-KGZ"),
        ("Uzbekistan's National Guard was sent to the city.", "NATIONAL-GUARD-UZB"),
    ],
)
def test_a_national_body_named_after_its_state_is_that_states(text: str, body: str) -> None:
    assert body in {entity for _, entity in _links(text)}


def test_a_state_without_such_a_body_links_no_other_states_body() -> None:
    links = {entity for _, entity in _links("Russia's National Guard was sent to the city.")}
    assert "NATIONAL-GUARD-UZB" not in links and "RUS" in links


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Chinese experts have said that Russia and Kazakhstan are allies.", False),
        ("Sources said Kazakhstan would host the summit.", False),
        ("Kazakhstan said that Russia is its ally.", True),
    ],
)
def test_an_unnamed_speaker_before_the_verb_makes_no_statement(text: str, kept: bool) -> None:
    assert any(kind == "STATEMENT" for kind, _ in _events(text)) is kept


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The drill tested the ability to fight terrorism in Tajikistan.", "CLASH", False),
        ("Tajik troops fought militants in Tajikistan on Monday.", "CLASH", True),
        ("A reinforced company of Chinese troops trained in Tajikistan.", "DEPLOYMENT", False),
        ("Russia sent troops to Tajikistan on Monday.", "DEPLOYMENT", True),
    ],
)
def test_an_aim_or_a_units_adjective_is_no_event(text: str, kind: str, expected: bool) -> None:
    assert any(k == kind for k, _ in _events(text)) is expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Tajikistan's Security Council decided on Monday to mobilize 20,000 reservists.", {"DEPLOYMENT"}),
        ("Tajikistan's president said on Monday that the border was calm.", {"STATEMENT"}),
    ],
)
def test_a_decision_to_act_is_the_act_not_a_statement(text: str, kinds: set[str]) -> None:
    assert {kind for kind, _ in _events(text)} == kinds


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Russia allocated $10 million in aid to Kyrgyzstan on Monday.", "AID", True),
        ("Kazakhstan allocated 3% of its GDP to defense this year.", "AID", False),
        ("Russia supplied Kyrgyzstan with helicopters on Monday.", "AID", True),
        ("Russian firms supply defense manufacturers in Kazakhstan.", "AID", False),
        ("The United States designated the Taliban as a terrorist organization on Monday.", "SANCTION", True),
        ("The ministry designated $3 million to cover the costs of Uzbekistan Airways.", "SANCTION", False),
        ("Turkish combat drones entered service with Kyrgyzstan's army on Monday.", "CLASH", False),
        ("Tajik troops fought militants in Tajikistan on Monday.", "CLASH", True),
        ("Tajikistan and Russia held a war game on Monday.", "CLASH", False),
        ("Tajikistan and Russia held a war game on Monday.", "EXERCISE", True),
    ],
)
def test_a_trigger_fires_only_in_its_sense(text: str, kind: str, expected: bool) -> None:
    assert any(k == kind for k, _ in _events(text)) is expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kyrgyzstan denied helping Russia evade sanctions on Thursday.", "STATEMENT"),
        ("Kyrgyzstan rejected the request of Russia on Thursday.", "REJECT"),
    ],
)
def test_a_denial_of_a_charge_is_a_statement_a_refusal_a_rejection(text: str, kind: str) -> None:
    assert [k for k, _ in _events(text)] == [kind]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("The CSTO held an exercise on Monday.", {"CSTO", "RUS", "KAZ", "KGZ", "TJK"}),
        ("Russia and Kazakhstan held an exercise on Monday.", {"KAZ", "RUS"}),
    ],
)
def test_an_organization_alone_holds_its_exercise_with_its_members(text: str, actors: set[str]) -> None:
    exercises = [set(a) for k, a in _events(text) if k == "EXERCISE"]
    assert len(exercises) == 1
    assert actors <= exercises[0] if "CSTO" in actors else exercises[0] == actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A meeting of the CSTO was held on Monday.", True),
        ("The CSTO summit will take place on Monday.", True),
        ("The CSTO summit in Moscow drew criticism.", False),
    ],
)
def test_an_event_noun_told_by_a_passive_after_it_is_news(text: str, expected: bool) -> None:
    assert any(k == "MEETING" for k, _ in _events(text)) is expected


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        # an allegation's parties are those its words name
        ("Officials alleged that China had built a secret base in Tajikistan.", ("CHN", "TJK")),
        # «alleged militants»: words reported far after the verb are not what it alleges
        ("Kazakh authorities said alleged militants carried out attacks that killed five people.", None),
    ],
)
def test_an_allegation_names_its_parties_in_its_words(text: str, accused: tuple[str, ...] | None) -> None:
    found = [actors for event_type, actors in _events(text) if event_type == "ACCUSE"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # «the group» opening the sentence after the one naming the organization is it
        (
            "The SCO summit opens in Astana this week. The group, founded in 2001, comprises China, Russia and Kazakhstan.",
            {("CHN", "SCO"), ("RUS", "SCO"), ("KAZ", "SCO")},
        ),
        # a group of people is no organization of states: nobody is a member of anything
        ("Police detained six men in Aktobe. The group comprises militants from Tajikistan and Uzbekistan.", set()),
    ],
)
def test_the_group_comprising_states_is_the_organization_named_before(text: str, members: set[tuple[str, str]]) -> None:
    assert {(m.member, m.org) for m in _read(text).memberships} == members


@pytest.mark.parametrize(
    ("text", "five"),
    [
        ("Xi held a summit with the leaders of Central Asia in Xian.", True),
        # the region talked about names no state acting
        ("Xi held a summit with Tokayev on influence in Central Asia.", False),
    ],
)
def test_the_five_states_named_as_a_group(text: str, five: bool) -> None:
    meetings = [set(actors) for kind, actors in _events(text) if kind == "MEETING"]
    assert meetings and all(({"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= actors) is five for actors in meetings)
