"""Membership readings: a positive and a negative sentence per construction, and the guards
that keep a wrong fact from being shown with confidence (a list is never a departure, a
present «عضو» is not a join, a status only where the text states it, the reference check)."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta, Membership
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _memberships(pipeline, text: str, published: str = "2025-05-10") -> dict[tuple[str, str], Membership]:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    for m in doc.memberships:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
    return {(m.member, m.org): m for m in doc.memberships}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # composition: the organization before the cue, in a relative clause
        ("يعد حلف الناتو، الذي يضم فرنسا وألمانيا وبولندا، أكبر تحالف عسكري.", {"FRA", "DEU", "POL"}),
        # the organization right after the cue, a counted opener before the list
        ("ويتكون مجلس التعاون الخليجي من ست دول هي: السعودية والكويت وقطر.", {"SAU", "KWT", "QAT"}),
        ("وتضم منظمة معاهدة الأمن الجماعي في صفوفها كلا من روسيا وكازاخستان وطاجيكستان.", {"RUS", "KAZ", "TJK"}),
        # a nisba inside the opener is not a member, the list after it is
        ("وتضم منظمة معاهدة الأمن الجماعي دولا سوفيتية سابقة هي أرمينيا وكازاخستان.", {"ARM", "KAZ"}),
        # one state and more uncounted
        ("وعقدت قمة رابطة الدول المستقلة التي تضم روسيا و11 من الجمهوريات السابقة.", {"RUS"}),
        # «في عضويتها» opens the list too
        ("وتضم منظمة معاهدة الأمن الجماعي في عضويتها روسيا وأرمينيا وكازاخستان.", {"RUS", "ARM", "KAZ"}),
        # a list across commas, «وكذلك» before the last
        ("وتشمل منظمة معاهدة الأمن الجماعي كلا من روسيا، وأرمينيا، وكذلك كازاخستان.", {"RUS", "ARM", "KAZ"}),
        # a group of states named at once goes on with the list
        (
            "وتضم منظمة شنغهاي للتعاون الصين وروسيا إلى جانب دول آسيا الوسطى الخمس.",
            {"CHN", "RUS", "KAZ", "KGZ", "TJK", "TKM", "UZB"},
        ),
        # others left unnamed are no group
        ("وتضم منظمة شنغهاي للتعاون الصين وروسيا إلى جانب دول أخرى في المنطقة.", {"CHN", "RUS"}),
    ],
)
def test_composition_lists(pipeline, text: str, expected: set[str]) -> None:
    found = _memberships(pipeline, text)
    assert {member for member, _ in found} == expected
    assert all(m.status == "member" and not m.since and not m.until for m in found.values())


@pytest.mark.parametrize(
    "text",
    [
        # the subject of the cue is not an organization
        "وتضم القمة قادة فرنسا وألمانيا وبولندا.",
        # observers are not members
        "وتضم منظمة شنغهاي للتعاون بصفة مراقب كلا من منغوليا وأفغانستان.",
        # a name between the organization and the cue: the cue is said of something else
        "اجتمع وزراء منظمة شنغهاي للتعاون مع نظرائهم من روسيا في اجتماع يضم الصين والهند.",
        # one state alone is not a list
        "وتضم منظمة معاهدة الأمن الجماعي روسيا.",
        "وتضم منظمة معاهدة الأمن الجماعي في عضويتها روسيا.",
    ],
)
def test_composition_negatives(pipeline, text: str) -> None:
    assert _memberships(pipeline, text) == {}


def test_a_list_of_members_is_never_a_departure(pipeline) -> None:
    """A withdrawal of forces from a member state is not the state leaving the organization."""
    text = (
        "وتتألف منظمة معاهدة الأمن الجماعي من كازاخستان وروسيا وأرمينيا. "
        "وفي عام 2023 شرعت القوات في الانسحاب من كازاخستان."
    )
    found = _memberships(pipeline, text)
    assert set(found) == {("KAZ", "CSTO"), ("RUS", "CSTO"), ("ARM", "CSTO")}
    assert all(m.status == "member" and not m.until for m in found.values())


@pytest.mark.parametrize(
    ("text", "status", "since"),
    [
        # a present «عضو» is a standing membership, not dated by the sentence or the article
        ("وفي عام 2023 قال الوزير إن بيلاروسيا عضو في منظمة معاهدة الأمن الجماعي.", "member", ""),
        ("لم تتدخل منظمة معاهدة الأمن الجماعي، رغم أن أرمينيا عضو فيها.", "member", ""),
        # «أصبحت … عضوا»: a new membership, dated by its sentence
        ("وفي عام 2024 أصبحت بيلاروسيا عضوا في منظمة شنغهاي للتعاون.", "member", "2024"),
        # a freeze only where the text says so
        ("وفي عام 2024 جمدت أرمينيا عضويتها في منظمة معاهدة الأمن الجماعي.", "frozen", ""),
    ],
)
def test_member_phrase_status_and_date(pipeline, text: str, status: str, since: str) -> None:
    found = list(_memberships(pipeline, text).values())
    assert len(found) == 1
    assert (found[0].status, found[0].since, found[0].until) == (status, since, "")
    assert found[0].contradicts_reference is False


@pytest.mark.parametrize(
    "text",
    [
        "وتعد أفغانستان عضوا مراقبا في منظمة شنغهاي للتعاون.",
        "وقال عضو مجلس الدوما الروسي إن الاتفاق مهم.",
    ],
)
def test_member_phrase_negatives(pipeline, text: str) -> None:
    assert _memberships(pipeline, text) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وشارك ممثلو دول حلف الناتو، وهي فرنسا وألمانيا وبولندا، في الاجتماع.", {"FRA", "DEU", "POL"}),
        ("ورفضت فرنسا وغيرها من دول حلف الناتو القرار.", {"FRA"}),
        ("وانتقدت الولايات المتحدة وغيرها من الدول الخطوة.", set()),
        ("اجتمع وزراء دول حلف الناتو مع نظيرهم من فرنسا.", set()),
        # a quote after the name opens the list; a state right behind the name does not
        ('واجتمع قادة دول حلف الناتو "فرنسا وألمانيا" في بروكسل.', {"FRA", "DEU"}),
        ("واجتمع قادة دول حلف الناتو فرنسا وألمانيا في بروكسل.", set()),
        # the states that make it up, named before it
        ("واجتمع رؤساء فرنسا وألمانيا وبولندا التي تشكل حلف الناتو في بروكسل.", {"FRA", "DEU", "POL"}),
        ("وقالت فرنسا التي تشكل قوة نووية إن حلف الناتو مستعد.", set()),
    ],
)
def test_states_of_an_organization(pipeline, text: str, expected: set[str]) -> None:
    found = _memberships(pipeline, text)
    assert {member for member, org in found if org == "NATO"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وتعود معاهدة الأمن الجماعي التي وقعت في عام 1992 من قبل روسيا وكازاخستان وطاجيكستان إلى ما بعد الاتحاد.",
            {"RUS", "KAZ", "TJK"},
        ),
        ("وقعت روسيا وكازاخستان وطاجيكستان اتفاقية تعاون مع منظمة شنغهاي للتعاون.", set()),
    ],
)
def test_signatories_of_a_founding_treaty(pipeline, text: str, expected: set[str]) -> None:
    found = _memberships(pipeline, text)
    assert {member for member, _ in found} == expected
    assert all(m.status == "founding-member" for m in found.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun on the verbal noun points to the state named before it
        ("رحبت روسيا بكازاخستان بعد انضمامها في عام 2001 إلى منظمة شنغهاي للتعاون.", {("KAZ", "SCO", "2001", "")}),
        ("وأعلنت أوزبكستان انسحابها من منظمة معاهدة الأمن الجماعي.", {("UZB", "CSTO", "", "")}),
        ("وانسحبت أوزبكستان من منظمة معاهدة الأمن الجماعي في عام 2012.", {("UZB", "CSTO", "", "2012")}),
        # a plural pronoun is people's: the state named before is where they came from
        ("وعاد أطفال إلى طاجيكستان من سوريا بعد إدانة آبائهم بسبب انضمامهم لتنظيم داعش.", set()),
        # plans, refusals and negations are not joins
        ("وتحدث عن خطط انضمام فنلندا والسويد إلى حلف الناتو.", set()),
        ("وأكد أن أوزبكستان لا تنوي الانضمام إلى منظمة معاهدة الأمن الجماعي.", set()),
        ("وعارضت روسيا انضمامها إلى حلف الناتو.", set()),
        # leaving a state is a withdrawal of forces
        ("وأعلنت روسيا انسحابها من كازاخستان.", set()),
    ],
)
def test_joins_and_leaves(pipeline, text: str, expected: set[tuple[str, str, str, str]]) -> None:
    found = _memberships(pipeline, text)
    assert {(m.member, m.org, m.since, m.until) for m in found.values()} == expected


@pytest.mark.parametrize(
    ("text", "pair", "contradicts"),
    [
        ("وانسحبت أوزبكستان من منظمة معاهدة الأمن الجماعي في عام 2012.", ("UZB", "CSTO"), False),
        # the reference has Kazakhstan a member throughout: a departure contradicts it
        ("وانسحبت كازاخستان من منظمة معاهدة الأمن الجماعي في عام 2022.", ("KAZ", "CSTO"), True),
        # the reference has Armenia a member since 1992: joining in 2025 contradicts it
        ("وانضمت أرمينيا إلى منظمة معاهدة الأمن الجماعي في عام 2025.", ("ARM", "CSTO"), True),
        # an observer in the reference is not a member
        ("وتعد أفغانستان عضوا في منظمة شنغهاي للتعاون.", ("AFG", "SCO"), True),
        ("وتعد كازاخستان عضوا في منظمة شنغهاي للتعاون.", ("KAZ", "SCO"), False),
    ],
)
def test_reports_are_compared_with_the_reference(pipeline, text: str, pair: tuple[str, str], contradicts: bool) -> None:
    assert _memberships(pipeline, text)[pair].contradicts_reference is contradicts


def test_elided_joins_dated_state_by_state(pipeline) -> None:
    text = "وانضمت أذربيجان إلى معاهدة الأمن الجماعي في عام 1993، وجورجيا في عام 1994 وبيلاروس في عام 1995 قبل أن تدخل حيز التنفيذ."
    found = _memberships(pipeline, text)
    assert {(m, found[(m, "CSTO")].since) for m in ("AZE", "GEO", "BLR")} == {
        ("AZE", "1993"),
        ("GEO", "1994"),
        ("BLR", "1995"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state founding an organization is its founding member, dated by what follows it
        (
            "وقد أسست الولايات المتحدة حلف الناتو في عام 1949 لمواجهة موسكو.",
            {("USA", "NATO"): ("founding-member", "1949")},
        ),
        ("ومنذ تأسيس واشنطن حلف الناتو تغير ميزان القوى.", {("USA", "NATO"): ("founding-member", "")}),
        # a state that did not exist then founded nothing: the one it succeeded did
        (
            "ثم أنشأت موسكو «حلف وارسو» سنة 1955 لمواجهة الغرب.",
            {("SUN", "WARSAW-PACT"): ("founding-member", "1955")},
        ),
        # the body founded stands right after the founder, or it is not the founder's
        ("وأسست روسيا مع حلفائها منظمة معاهدة الأمن الجماعي.", {}),
        # founding something else than an organization is no membership
        ("وأنشأت روسيا قاعدة عسكرية في طاجيكستان.", {}),
    ],
)
def test_a_founder_is_a_founding_member(pipeline, text: str, expected: dict) -> None:
    found = {k: (m.status, m.since) for k, m in _memberships(pipeline, text).items() if m.rule == "memberships.founder"}
    assert found == expected


def test_former_members_of_one_body_joining_another() -> None:
    pipeline = build_pipeline()
    text = (
        "وانضمت الجمهوريات الأعضاء السابقين في حلف وارسو تباعا إلى الناتو، فقد انضمت بولندا والمجر في عام 1999، "
        "وفي عام 2004 رومانيا."
    )
    found = _memberships(pipeline, text)
    assert {k for k, m in found.items() if m.status == "former"} == {
        ("POL", "WARSAW-PACT"),
        ("HUN", "WARSAW-PACT"),
        ("ROU", "WARSAW-PACT"),
    }
    assert {k for k in found if k[1] == "NATO"} == {("POL", "NATO"), ("HUN", "NATO"), ("ROU", "NATO")}
    # members of the body joined, named without «السابقين», are not former members of another
    plain = _memberships(pipeline, "وانضمت بولندا والمجر إلى حلف الناتو في عام 1999 بعد حلف وارسو.")
    assert not any(m.status == "former" for m in plain.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «الدول الأعضاء … وهي»: the states of the body named last, listed in apposition
        (
            "وتعقد منظمة شنغهاي للتعاون قمتها غدا. وتشارك الدول الأعضاء الثماني وهي بالإضافة إلى الصين، "
            "روسيا والهند وباكستان.",
            {("CHN", "SCO"), ("RUS", "SCO"), ("IND", "SCO"), ("PAK", "SCO")},
        ),
        # a plural of states with one state after it is no list of members
        ("وتعقد منظمة شنغهاي للتعاون قمتها غدا. وتشارك الدول الأعضاء وهي الصين.", set()),
        # those who joined listed after the body, opened by «كل من»
        (
            "وقعت ست دول معاهدة الأمن الجماعي في عام 1992. ثم انضمت إلى المعاهدة في عام 1993 كل من جورجيا "
            "وأذربيجان وبيلاروسيا.",
            {("GEO", "CSTO"), ("AZE", "CSTO"), ("BLR", "CSTO")},
        ),
    ],
)
def test_members_listed_after_the_word_that_names_them(pipeline, text: str, expected: set) -> None:
    assert set(_memberships(pipeline, text)) == expected
