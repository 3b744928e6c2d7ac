"""The Russian pack: lemmas and generated forms (pymorphy3), declined knowledge-base names,
the function-word guard, and the facts its lexicons read, on sentences written for the tests."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import Pipeline, build_pipeline
from marsad.kb.loader import bundled_knowledge_base
from marsad.lang import language_pack
from marsad.text.normalize import normalize_key

RUSSIAN = language_pack("ru")
MORPHOLOGY = RUSSIAN.morphology


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def _doc(pipeline: Pipeline, text: str, published: str = "2024-05-01") -> Document:
    doc = pipeline(Document("t", text, DocumentMeta(language="ru", published=published)))
    for fact in [*doc.events, *doc.memberships, *doc.figures]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    return doc


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("провели", "провести"), ("учений", "учение"), ("огнем", "огонь"), ("задержаны", "задержать")],
)
def test_a_word_is_read_as_itself_and_its_lemmas(word: str, lemma: str) -> None:
    stems = {r.stem for r in MORPHOLOGY.readings(word)}
    assert word in stems and lemma in stems


@pytest.mark.parametrize(
    ("lemma", "form", "present"),
    [
        ("провести", "провели", True),
        ("задержать", "задержаны", True),
        ("вступить", "вступила", True),
        ("провести", "проведенные", False),
    ],
)
def test_a_verb_has_every_person_and_its_short_participles(lemma: str, form: str, present: bool) -> None:
    assert (form in MORPHOLOGY.verb_forms(lemma)) is present
    if not present:
        assert form in MORPHOLOGY.participles(lemma)  # a long participle is read as a noun


@pytest.mark.parametrize(
    ("name", "person", "form"),
    [
        ("Организация Договора о коллективной безопасности", False, "Организации Договора о коллективной безопасности"),
        ("Шанхайская организация сотрудничества", False, "Шанхайской организации сотрудничества"),
        ("Ташкент", False, "Ташкенте"),
        ("Садыр Жапаров", True, "Садыра Жапарова"),
    ],
)
def test_a_name_declines_with_its_words_agreeing(name: str, person: bool, form: str) -> None:
    assert form in MORPHOLOGY.name_forms(name, person)


@pytest.mark.parametrize(
    ("name", "person", "opening"),
    [
        # a state's adjective opens a compound adjective in its stem form
        ("таджикский", False, "таджикско"),
        ("турецкий", False, "турецко"),
        # a name and a person's surname open none
        ("Таджикистан", False, None),
        ("Вишневский", True, None),
    ],
)
def test_an_adjective_opens_a_compound(name: str, person: bool, opening: str | None) -> None:
    openings = {f for f in MORPHOLOGY.name_forms(name, person) if f.endswith(("ско", "цко"))}
    assert openings == ({opening} if opening else set())


@pytest.mark.parametrize("name", ["ОДКБ", "Того"])
def test_acronyms_and_indeclinable_names_have_no_other_forms(name: str) -> None:
    assert MORPHOLOGY.name_forms(name) == set()


@pytest.mark.parametrize(
    ("surface", "entity"),
    [
        ("Шанхайской организации сотрудничества", "SCO"),
        ("Министерства обороны России", "MOD-RUS"),
        ("Организацией Договора о коллективной безопасности", "CSTO"),
        ("таджикско", "TJK"),
    ],
)
def test_declined_names_are_in_the_alias_index(surface: str, entity: str) -> None:
    targets = bundled_knowledge_base().alias_index[normalize_key(surface)]
    assert targets[0].entity_id == entity


@pytest.mark.parametrize("word", ["того", "или", "при"])
def test_function_words_are_never_names(word: str) -> None:
    assert normalize_key(word) not in bundled_knowledge_base().alias_index


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("На таджикско-афганской границе прошли российско-китайские учения.", {"TJK", "AFG", "RUS", "CHN"}),
        ("Стороны обсудили торгово-экономические связи.", set()),
    ],
)
def test_each_part_of_a_compound_adjective_names_a_state(pipeline: Pipeline, text: str, states: set[str]) -> None:
    doc = _doc(pipeline, text)
    assert {m.entity_id for m in doc.mentions if m.entity_type == "country"} == states


@pytest.mark.parametrize(
    ("text", "places"),
    [("Делегация прибыла в Ташкенте на встречу.", {"Tashkent"}), ("Он пришел того же дня или позже.", set())],
)
def test_places_in_their_cases(pipeline: Pipeline, text: str, places: set[str]) -> None:
    doc = _doc(pipeline, text)
    assert {m.entity_id for m in doc.mentions if m.entity_type == "place"} == places


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        ("Россия и Казахстан провели совместные военные учения.", "EXERCISE", {"RUS", "KAZ"}),
        ("Армения приостановила членство в ОДКБ.", "LEAVE", {"ARM", "CSTO"}),
        ("Пограничники Киргизии и Таджикистана обменялись огнем.", "CLASH", {"KGZ", "TJK"}),
        ("В Узбекистане задержаны пять человек.", "ARREST", {"UZB"}),
    ],
)
def test_events_are_read_on_lemmas(pipeline: Pipeline, text: str, event_type: str, actors: set[str]) -> None:
    events = _doc(pipeline, text).events
    assert any(e.type == event_type and actors <= set(e.actors) for e in events)


@pytest.mark.parametrize("text", ["Россия не провела учения.", "Они обсуждали торговую войну и холодную войну."])
def test_no_event_where_none_happened(pipeline: Pipeline, text: str) -> None:
    types = {e.type for e in _doc(pipeline, text).events}
    assert "EXERCISE" not in types and "CLASH" not in types


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Россия выделит $1,5 млрд на оборону.", 1.5e9, "USD"),
        ("Бюджет составил полтора миллиарда рублей.", 1.5e9, "RUB"),
        ("В учениях участвуют более 4 тыс. военнослужащих.", 4000, "soldiers"),
        ("Погибли восемнадцать пограничников.", 18, "soldiers"),
        ("Бой с 250 афганскими моджахедами длился сутки.", 250, "persons"),
    ],
)
def test_figures(pipeline: Pipeline, text: str, value: float, unit: str) -> None:
    figures = _doc(pipeline, text).figures
    assert any(f.value == value and f.unit == unit for f in figures)


@pytest.mark.parametrize("text", ["В 2001 году была основана организация.", "миллионов долларов не хватает."])
def test_no_figure_from_a_year_or_a_vague_scale(pipeline: Pipeline, text: str) -> None:
    assert _doc(pipeline, text).figures == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the states in the instrumental after the passive of founding are founding members
        (
            "ОДКБ была создана в 2002 году Арменией, Белоруссией и Россией.",
            {("ARM", "2002"), ("BLR", "2002"), ("RUS", "2002")},
        ),
        ("ОДКБ, созданная Арменией и Россией, провела учения.", {("ARM", ""), ("RUS", "")}),
        # founded somewhere, and states named after a comma: no founders
        ("ОДКБ была создана в 2002 году в Москве.", set()),
        ("ОДКБ была создана в 2002 году, Армения и Россия поддержали это.", set()),
    ],
)
def test_founders_told_in_the_passive(pipeline: Pipeline, text: str, expected: set[tuple[str, str]]) -> None:
    doc = _doc(pipeline, text)
    assert {(m.member, m.since) for m in doc.memberships if m.status == "founding-member"} == expected


def test_a_composition_lists_the_members(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "В ОДКБ входят Армения, Россия и Беларусь.")
    assert {(m.member, m.org) for m in doc.memberships} >= {("ARM", "CSTO"), ("RUS", "CSTO"), ("BLR", "CSTO")}


def _places(doc: Document) -> set[str]:
    return {m.entity_id for m in doc.mentions if m.entity_type == "place"}


@pytest.mark.parametrize(
    ("text", "place", "present"),
    [
        ("10:15, 3 мая 2024, Бишкек - агентство\nПарламент Кыргызстана принял закон.", "Bishkek", True),
        ("Бишкек заявил протест. Кыргызстан ждет ответа.", "Bishkek", False),
        ("Взрыв прогремел в пригороде Ташкента.", "Tashkent", True),
        ("Ташкент ответил на ноту Москвы.", "Tashkent", False),
        ("Пост стоит в Кибрайском районе.", "Kibray", True),
        ("Учения прошли в Оренбуржье.", "Orenburg Oblast", True),
    ],
)
def test_datelines_and_capitals_in_a_place(pipeline: Pipeline, text: str, place: str, present: bool) -> None:
    assert (place in _places(_doc(pipeline, text))) is present


@pytest.mark.parametrize(("org_first", "members"), [(True, {"ARM", "RUS"}), (False, set())])
def test_the_organization_named_before_is_what_the_states_belong_to(
    pipeline: Pipeline, org_first: bool, members: set[str]
) -> None:
    lead = "Саммит ОДКБ прошел в Москве. " if org_first else "Саммит прошел в Москве. "
    doc = _doc(pipeline, lead + "В организацию входят Армения и Россия.")
    assert {m.member for m in doc.memberships if m.org == "CSTO"} == members


@pytest.mark.parametrize(
    ("text", "event_type", "members_added"),
    [
        ("В Китае прошли совместные учения стран ШОС.", "EXERCISE", True),
        # its officials' meeting is told by the organization alone
        ("Руководители пограничных служб государств-членов ШОС провели заседание.", "MEETING", False),
    ],
)
def test_the_states_of_an_organization_hold_its_exercise(
    pipeline: Pipeline, text: str, event_type: str, members_added: bool
) -> None:
    doc = _doc(pipeline, text)
    actors = {a for e in doc.events if e.type == event_type for a in e.actors}
    assert "SCO" in actors
    assert ({"CHN", "RUS", "KAZ"} <= actors) is members_added


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("Путин принял в Москве Токаева. Стороны обсудили сотрудничество.", {"RUS", "KAZ"}),
        ("Путин выступил в Москве. Стороны обсудили сотрудничество.", set()),
    ],
)
def test_the_parties_are_the_two_states_told_before(pipeline: Pipeline, text: str, actors: set[str]) -> None:
    doc = _doc(pipeline, text)
    found = [set(e.actors) for e in doc.events if e.type == "MEETING" and "Стороны" in e.evidence.text]
    if actors:
        assert found and found[0] >= actors
    else:  # one state told before: who the other party is is not known
        assert all(len(parties) < 2 for parties in found)


@pytest.mark.parametrize(
    ("text", "event_type", "present"),
    [
        ("После этого между Россией и Казахстаном началась торговая война.", "SANCTION", True),
        ("Россия и Казахстан избежали торговой войны.", "CLASH", False),
    ],
)
def test_a_trade_war_is_a_sanction_never_a_clash(pipeline: Pipeline, text: str, event_type: str, present: bool) -> None:
    assert any(e.type == event_type for e in _doc(pipeline, text).events) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a base of a state's army is a deployment where it stands
        ("В Таджикистане находится база российской армии под Душанбе.", True),
        # a database is no base
        ("Сведения хранятся в базе данных министерства.", False),
    ],
)
def test_a_base_of_an_army_is_a_deployment(pipeline: Pipeline, text: str, present: bool) -> None:
    assert any(e.type == "DEPLOYMENT" for e in _doc(pipeline, text).events) is present


@pytest.mark.parametrize(
    ("text", "event_type", "present"),
    [
        ("Начался вывод американских войск и военного контингента НАТО из Афганистана.", "RETREAT", True),
        ("Начался вывод американских войск и военного контингента НАТО из Афганистана.", "DEPLOYMENT", False),
    ],
)
def test_a_contingent_withdrawn_is_no_deployment(pipeline: Pipeline, text: str, event_type: str, present: bool) -> None:
    assert any(e.type == event_type for e in _doc(pipeline, text).events) is present


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the words come first, their speaker after the verb: a statement, with the states it names
        ("«Эта техника укрепит армию Таджикистана», — заявил представитель Минобороны РФ.", {"RUS", "TJK"}),
        ("Президенты России и Казахстана обсудили обстановку в Афганистане, заявил министр Киргизии.", {"KGZ", "AFG"}),
        # a stance affirmed, no words reported: no statement
        ("Министр обороны Киргизии заявил о поддержке.", None),
    ],
)
def test_words_reported_before_their_verb_make_a_statement(
    pipeline: Pipeline, text: str, actors: set[str] | None
) -> None:
    statements = [set(e.actors) for e in _doc(pipeline, text).events if e.type == "STATEMENT"]
    if actors is None:
        assert not statements
    else:
        assert statements and statements[0] >= actors


@pytest.mark.parametrize(
    ("text", "statements"),
    [
        # «подчеркнул», «отметил» after a statement of the same party go on with it
        (
            "Путин заявил, что Россия поможет Таджикистану. «Мы не оставим союзников», — подчеркнул Путин.",
            1,
        ),
        # another speaker's words are a statement of their own
        (
            "Путин заявил, что Россия поможет Таджикистану. «Мы готовы к переговорам», — подчеркнул Токаев.",
            2,
        ),
    ],
)
def test_a_statement_going_on_is_one(pipeline: Pipeline, text: str, statements: int) -> None:
    assert sum(e.type == "STATEMENT" for e in _doc(pipeline, text).events) == statements


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Министр Киргизии провел встречу с послом Казахстана, сообщает ТАСС.", False),
        ("Министр Киргизии провел встречу с послом Казахстана, сообщил министр Казахстана.", True),
    ],
)
def test_the_press_credited_after_a_report_makes_no_statement(pipeline: Pipeline, text: str, present: bool) -> None:
    assert any(e.type == "STATEMENT" for e in _doc(pipeline, text).events) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Первые партии российского оружия планируется отправить в Киргизию.", True),
        ("Партия власти Казахстана провела съезд в Астане.", False),
    ],
)
def test_a_consignment_of_arms_is_aid(pipeline: Pipeline, text: str, present: bool) -> None:
    assert any(e.type == "AID" for e in _doc(pipeline, text).events) is present


@pytest.mark.parametrize(
    ("lemma", "form", "present"),
    [("заявить", "заявил", True), ("заявить", "заявленный", False), ("заявить", "заявив", False)],
)
def test_the_past_of_a_speech_verb_is_its_finite_past(lemma: str, form: str, present: bool) -> None:
    assert (form in MORPHOLOGY.past_forms(lemma)) is present


@pytest.mark.parametrize(("lemma", "form"), [("добавить", "добавив"), ("подчеркнуть", "подчеркнув")])
def test_adverbial_participles_are_generated(lemma: str, form: str) -> None:
    assert form in MORPHOLOGY.adverbial_participles(lemma)
    assert form not in MORPHOLOGY.adverbial_participles("провести")


def _claims(pipeline: Pipeline, text: str) -> set[tuple[str, str]]:
    doc = _doc(pipeline, text)
    for claim in doc.claims:
        assert text[claim.claim.start : claim.claim.end] == claim.claim.text
    return {(c.speaker, c.claim.text) for c in doc.claims}


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # a speech verb and its «что» clause; the verb in another sense reports nothing
        (
            "Министр иностранных дел России Сергей Лавров заявил, что Москва готова к переговорам.",
            {("sergey-lavrov", "Москва готова к переговорам")},
        ),
        ("Путин отметил юбилей в Москве.", set()),
        # a quotation before its verb, the speaker after it; a quoted word is no claim
        (
            "«Мы не будем вводить войска в соседние страны», — подчеркнул Владимир Путин.",
            {("vladimir-putin", "Мы не будем вводить войска в соседние страны")},
        ),
        ("«Мир», — подчеркнул Владимир Путин.", set()),
        # a quotation inside the quotation, in straight quotes too
        (
            '"Наступление движения "Талибан" влияет на весь регион", - подчеркнул Владимир Путин.',
            {("vladimir-putin", 'Наступление движения "Талибан" влияет на весь регион')},
        ),
        # a clause before its verb; a parenthesis cuts the words in two and reports none
        (
            "Армия Таджикистана получит новые вертолеты, заявил Эмомали Рахмон.",
            {("emomali-rahmon", "Армия Таджикистана получит новые вертолеты")},
        ),
        ("Армия, заявил Эмомали Рахмон, получит новые вертолеты.", set()),
        # «По словам X, …»; a source unnamed speaks for no one
        (
            "По словам Садыра Жапарова, Киргизия купит новые беспилотники у Турции.",
            {("sadyr-japarov", "Киргизия купит новые беспилотники у Турции")},
        ),
        ("По словам источника в правительстве, переговоры сорваны.", set()),
        # «Как сказал X, …» opening a sentence; at its end the words are left unread
        (
            "Как сказал Владимир Путин, Россия не станет расширять свою базу.",
            {("vladimir-putin", "Россия не станет расширять свою базу")},
        ),
        ("Россия не станет расширять свою базу, как сказал Владимир Путин.", set()),
        # «призвал … к», «выступил за»; «выступил на форуме» calls for nothing
        (
            "Путин призвал стороны конфликта к немедленному прекращению огня.",
            {("vladimir-putin", "немедленному прекращению огня")},
        ),
        (
            "Россия выступила за скорейшее урегулирование конфликта на границе.",
            {("RUS", "скорейшее урегулирование конфликта на границе")},
        ),
        ("Путин выступил на форуме в Астане с длинной речью.", set()),
        # «предложил» and its object
        ("Токаев предложил провести встречу министров.", {("kassym-jomart-tokayev", "провести встречу министров")}),
        # an adverbial participle adds the subject's words; without «что» it adds none
        (
            "Лавров встретился с коллегой, добавив, что визит был полезным.",
            {("sergey-lavrov", "визит был полезным")},
        ),
        ("Лавров встретился с коллегой, добавив сахар в чай.", set()),
        # a pronoun is the speaker just reported; with no one before, it is no one
        (
            "Лавров добавил, что встреча пройдет в Ташкенте. Он отметил, что стороны обсудят границу.",
            {("sergey-lavrov", "встреча пройдет в Ташкенте"), ("sergey-lavrov", "стороны обсудят границу")},
        ),
        ("Он отметил, что стороны обсудят границу.", set()),
        # quotes in „лапки“ after the verb; a short quotation is no claim
        (
            "Путин сказал: „Мы поможем нашим союзникам в регионе“.",
            {("vladimir-putin", "Мы поможем нашим союзникам в регионе")},
        ),
        ("Путин сказал: „Мы поможем“.", set()),
        # a speaker named before the verb, the state named after it is not the speaker
        (
            "Россия заявила Казахстану, что торговля продолжится.",
            {("RUS", "торговля продолжится")},
        ),
        ("Источник сообщил, что переговоры пройдут в марте.", set()),
        # «Об этом сообщил X» reports the sentence before; a source unnamed reports nothing
        (
            "В Ташкенте задержаны шесть человек. Об этом сообщил Шавкат Мирзиёев.",
            {("shavkat-mirziyoyev", "В Ташкенте задержаны шесть человек")},
        ),
        ("Погода была хорошей. Об этом сообщил источник.", set()),
        # a long title after the verb, to the comma before the name
        (
            "«Вооружение позволит укрепить границу республики», — заявил начальник управления"
            " по связям с союзниками Минобороны РФ, генерал-лейтенант Иван Петров.",
            {("MOD-RUS", "Вооружение позволит укрепить границу республики")},
        ),
    ],
)
def test_claims(pipeline: Pipeline, text: str, claims: set[tuple[str, str]]) -> None:
    assert _claims(pipeline, text) == claims


@pytest.mark.parametrize(
    ("text", "person", "present"),
    [
        # a title in another case, with its state, is its holder at the date
        ("Встреча прошла с президентом Казахстана в Астане.", "kassym-jomart-tokayev", True),
        ("Глава МИД Казахстана отметил, что переговоры идут.", "murat-nurtleu", True),
        # a deputy's title names not the minister
        ("Заместитель главы МИД Казахстана отметил, что переговоры идут.", "murat-nurtleu", False),
        # a state's adjective before the title; a leader of no state is no one
        ("По словам российского лидера, база останется.", "vladimir-putin", True),
        ("По словам лидера оппозиции, база останется.", "vladimir-putin", False),
    ],
)
def test_titles_in_their_cases(pipeline: Pipeline, text: str, person: str, present: bool) -> None:
    people = {m.entity_id for m in _doc(pipeline, text).mentions if m.rule == "context.title-role"}
    assert (person in people) is present


@pytest.mark.parametrize(
    ("text", "provisional"),
    [
        # an ambassador: the name after the state he serves in, never a holder at the date
        ("Посол Китая в Киргизии Ду Дэвэнь заявил, что визит состоится.", True),
        ("После России визит продолжится в Китае и Киргизии.", False),
    ],
)
def test_an_ambassador_is_the_name_after_his_title(pipeline: Pipeline, text: str, provisional: bool) -> None:
    mentions = _doc(pipeline, text).mentions
    assert not any(m.rule == "context.title-role" for m in mentions)
    assert any(m.rule == "context.new-person" for m in mentions) is provisional


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("ж\U000183d9", ("ж\U000183d9",)),  # a letter with no Unicode name in this Python: no dictionary reading
        ("учения", ("учения", "учение")),
    ],
)
def test_a_word_the_dictionary_cannot_read_is_itself(word: str, read: tuple[str, ...]) -> None:
    assert MORPHOLOGY.lemmas(word)[: len(read)] == read


def test_an_article_with_such_a_letter_is_read_whole(pipeline: Pipeline) -> None:
    doc = pipeline(Document("r", "Россия и Казахстан провели учения ж\U000183d9.", DocumentMeta(language="ru")))
    assert {"RUS", "KAZ"} <= {m.entity_id for m in doc.mentions}


@pytest.mark.parametrize(
    ("text", "five"),
    [
        ("Путин провел встречу с главами государств Центральной Азии в Душанбе.", True),
        ("Президенты пяти центральноазиатских стран провели встречу в Астане.", True),
        # the region talked about names no state acting
        ("Путин провел встречу с Токаевым о позициях России в Центральной Азии.", False),
        # a phrase matches as whole words: «встречи стран …» holds no «и стран …»
        ("Путин провел встречу с Токаевым после встречи стран Центральной Азии.", False),
    ],
)
def test_the_five_states_named_as_a_group(pipeline: Pipeline, text: str, five: bool) -> None:
    meetings = [set(e.actors) for e in _doc(pipeline, text).events if e.type == "MEETING"]
    assert meetings and all(({"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= actors) is five for actors in meetings)
