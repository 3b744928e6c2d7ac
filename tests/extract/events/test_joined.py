"""What an accession joins: the organization behind the preposition of joining, also further
on in the clause, or the body named last before a pronoun referring back; an unsaid object
keeps the parties found; an object that is no
organization («إلى جماعات», "joined Kazakh leaders", «в ряды боевиков» aside) is no JOIN."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _joins(pipeline, text: str, language: str) -> list[set[str]]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2015-05-20", language=language)))
    return [set(e.actors) for e in doc.events if e.type == "JOIN"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # the organization is named further on, behind the preposition, past a time and an adverb
        ("ar", "وانضمت قيرغيزستان في العام الماضي رسميا إلى الاتحاد الاقتصادي الأوراسي.", [{"KGZ", "EAEU"}]),
        ("en", "Kyrgyzstan formally joined last year the Eurasian Economic Union.", [{"KGZ", "EAEU"}]),
        ("ru", "В прошлом году Киргизия официально вступила в Евразийский экономический союз.", [{"KGZ", "EAEU"}]),
        # right after it, behind an article or quotes
        ("en", "Kazakhstan joined the SCO in 2001.", [{"KAZ", "SCO"}]),
        ("ar", "وناقش الوزراء طلب انضمام أوكرانيا ومولدوفا إلى «الناتو».", [{"UKR", "MDA", "NATO"}]),
        # the ranks joined are a body's when it is named next («в ряды», «إلى صفوف»)
        ("ru", "Он вступил в ряды террористической организации «Исламское государство» в 2015 году.", [{"ISIS"}]),
        ("ar", "وانضم المئات إلى صفوف تنظيم داعش في سوريا.", [{"ISIS"}]),
        # the body left before it is no joiner
        ("ar", "وانسحبت أوزبكستان من معاهدة الأمن الجماعي لتنضم إلى منظمة شنغهاي للتعاون.", [{"SCO"}]),
        # a pronoun or a definite noun refers back to the body named last before it
        ("ar", "وتأسست منظمة شنغهاي للتعاون عام 2001، وانضمت إليها الهند وباكستان عام 2017.", [{"IND", "PAK", "SCO"}]),
        ("en", "The SCO was founded in 2001, and India and Pakistan joined it in 2017.", [{"IND", "PAK", "SCO"}]),
        ("ru", "ШОС была создана в 2001 году, а Индия вступила в неё в 2017 году.", [{"IND", "SCO"}]),
        # the treaty joined is the accession's object, its joiners named after it
        (
            "ar",
            "ووقعت ست دول معاهدة الأمن الجماعي عام 1992، ثم انضمت إلى المعاهدة كل من جورجيا وأذربيجان.",
            [{"GEO", "AZE", "CSTO"}],
        ),
        # a party or an armed group joined is an organization too
        ("ar", "وانضم القيادي السابق إلى حزب النهضة الإسلامي في طاجيكستان.", [{"IRPT"}]),
    ],
)
def test_the_organization_joined_is_a_party(pipeline, language: str, text: str, expected: list[set[str]]) -> None:
    assert _joins(pipeline, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # what is joined is no organization: no accession
        ("ar", "وقال الوزير إن مئات الشبان انضموا إلى جماعات متطرفة في الخارج.", []),
        # ... even where a body is named later in the clause, not as what is joined
        ("ar", "وقال إن مئات الشبان انضموا إلى جماعات متطرفة رغم تحذيرات منظمة شنغهاي للتعاون.", []),
        # ... also where a subject not named as a state stands before it
        ("ar", "انضم آلاف المتطوعين إلى القتال في أوكرانيا.", []),
        ("en", "The Russian president joined Kazakh and Uzbek leaders in Astana on Monday.", []),
        ("en", "Russia joined forces with China.", []),
        ("ru", "По данным следствия, он вступил в ряды боевиков в Сирии.", []),
        # a definite noun of a body with none named before it keeps the parties found
        ("ar", "انضمت أوزبكستان عام 2006 إلى المنظمة.", [{"UZB"}]),
        # a state named further on, behind no preposition of joining, is not what is joined
        ("ar", "انضمت أوزبكستان عام 2006 بعد مفاوضات طويلة مع روسيا.", [{"UZB"}]),
    ],
)
def test_an_object_that_is_no_organization_is_no_accession(
    pipeline, language: str, text: str, expected: list[set[str]]
) -> None:
    assert _joins(pipeline, text, language) == expected
