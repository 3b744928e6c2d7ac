"""Event triggers read through the Arabic morphology, and the phrases that keep an ambiguous
word from firing: each rule with a sentence where it fires and one where it must not."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _types(pipeline, text: str) -> set[str]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2022-06-20")))
    return {e.type for e in doc.events}


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # the passive of form III
        ("هوجمت قافلة طاجيكية قرب الحدود مع أفغانستان في مارس 2021.", "CLASH"),
        # a verb with its object pronoun
        ("واستقبلته أوزبكستان في طشقند مع وزير خارجية روسيا في مايو 2021.", "MEETING"),
        # a participle of a derived verb
        ("تنص المعاهدة المبرمة بين روسيا وأرمينيا عام 1997 على الدفاع المشترك.", "AGREEMENT"),
        # a verbal noun with a pronoun
        ("أعلنت أوزبكستان انضمامها إلى منظمة معاهدة الأمن الجماعي عام 2006.", "JOIN"),
        # the accusative with tanwin
        ("وأعلنت روسيا واليابان اتفاقًا جديدًا في عام 2016.", "AGREEMENT"),
        # a reflexive verb
        ("تأسست منظمة شنغهاي للتعاون عام 2001.", "AGREEMENT"),
        # the article inside a phrase
        ("شهدت قيرغيزستان وطاجيكستان أعمال الشغب في مايو 2010.", "PROTEST"),
        # a modifier inside a phrase, proclitics on its words
        ("اتفقت أرمينيا وأذربيجان على وقف شامل لإطلاق النار في نوفمبر 2020.", "CEASEFIRE"),
        # a verb and its object a few words apart
        ("نشرت طاجيكستان 20 ألف جندي على حدودها مع أفغانستان في يوليو 2021.", "DEPLOYMENT"),
        # a refusal said by a negated verb
        ("أكدت كازاخستان أنها لن تعترف باستقلال الإقليمين عن أوكرانيا في فبراير 2022.", "REJECT"),
        # a military base hosted
        ("تستضيف قيرغيزستان قاعدة عسكرية روسية منذ عام 2003.", "DEPLOYMENT"),
    ],
)
def test_a_trigger_read_through_the_morphology(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # «وزارة» is no «و» + «زاره» (he visited him)
        ("وزارة الدفاع الروسية أعلنت دعمها لطاجيكستان في مارس 2020.", "MEETING"),
        # a press conference is where words were said
        ("قال وزير خارجية روسيا في مؤتمر صحفي مع نظيره الكازاخي في مارس 2020 إن العلاقات جيدة.", "MEETING"),
        # the spread of a virus is no deployment
        ("أدى انتشار فيروس كورونا في كازاخستان وقيرغيزستان عام 2020 إلى إغلاق الحدود.", "DEPLOYMENT"),
        # «وقع» of what happened
        ("وأدانت روسيا وكازاخستان الانفجار الذي وقع في طشقند في مارس 2004.", "AGREEMENT"),
        # an attack by computers
        ("تعرضت مواقع حكومية في كازاخستان وروسيا لهجوم إلكتروني في يناير 2022.", "CLASH"),
        # the opposition is a party, not a refusal
        ("التقى وفد من روسيا بالمعارضة في طاجيكستان في يونيو 1997.", "REJECT"),
        # a verb never carries the article: «العقد» is a contract
        ("حصلت شركة روسية على العقد في كازاخستان وأوزبكستان في مايو 2019.", "MEETING"),
        # «اجتماعي» is social
        ("أشار التقرير إلى النمو الاجتماعي في كازاخستان وأوزبكستان عام 2019.", "MEETING"),
        # what someone was recruited for is no fight
        ("سافر مواطنون من طاجيكستان إلى سوريا للقتال في مايو 2015.", "CLASH"),
        # a court's sentence is no sanction between states
        ("أصدرت محكمة في قيرغيزستان عقوبة السجن بحق مواطن من كازاخستان في مايو 2019.", "SANCTION"),
    ],
)
def test_a_phrase_that_is_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a killing reported by its verbal noun
        ("أعلنت طاجيكستان مقتل خمسة مسلحين على حدودها مع أفغانستان في مارس 2021.", "CLASH"),
        # a seizure of power by force
        ("شهدت قيرغيزستان محاولة انقلاب في أبريل 2010.", "CLASH"),
        # an arms purchase, its object a few words on
        ("اشترت كازاخستان 12 طائرة مقاتلة روسية في مايو 2020.", "AID"),
        # a sentence of a court
        ("أصدرت محكمة في قيرغيزستان حكما بالسجن على مواطن من طاجيكستان في مايو 2019.", "ARREST"),
        # the borders closed
        ("أعلنت أوزبكستان إغلاق حدودها مع طاجيكستان في مارس 2020.", "SANCTION"),
        # «لل» before a trigger the lexicon writes with its article
        ("تستعد أوزبكستان للخروج من منظمة معاهدة الأمن الجماعي في يونيو 2012.", "LEAVE"),
        # a suspicion in the present
        ("تشتبه أوزبكستان في تورط حركة طالبان في الهجوم في مارس 2004.", "ACCUSE"),
        # accusing, said of the subject of the verb before
        ("انتقدت روسيا قرار الولايات المتحدة متهمة إياها بتهديد أمن طاجيكستان في مايو 2021.", "ACCUSE"),
        # a lease extended
        ("وافقت قيرغيزستان على تمديد عقد إيجار القاعدة الروسية في مايو 2012.", "AGREEMENT"),
        # forces ending their combat mission
        ("أنهت قوات حلف الناتو مهمتها القتالية في أفغانستان عام 2014.", "RETREAT"),
        # a group of strikers
        ("احتل العمال المضربون ساحة في كازاخستان في ديسمبر 2011.", "PROTEST"),
        # arms received from a supplier
        ("وتلقت قيرغيزستان من روسيا الدفعة الأولى من منظومات الدفاع الجوي في مارس 2022.", "AID"),
        # citizens brought home from a war zone
        ("وأعادت طاجيكستان 40 مواطنا من العراق في أبريل 2019.", "AID"),
    ],
)
def test_news_vocabulary(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # «مقتل» names nothing else: a death of old age is told by other words
        ("توفي رئيس تركمانستان في ديسمبر 2006 في عشق آباد.", "CLASH"),
        # an export ban is a sanction, not a transfer of arms
        ("قرر الاتحاد الأوروبي منع تصدير الأسلحة إلى أوزبكستان في نوفمبر 2005.", "AID"),
        # «وقع» of what happened near a place
        ("ونددت روسيا وأوزبكستان بالانفجار الذي هز طشقند ووقع قرب السفارة في يوليو 2004.", "AGREEMENT"),
        # a military parade is no offer
        ("نظمت كازاخستان عرضا عسكريا في أستانا بحضور رئيس روسيا في مايو 2015.", "STATEMENT"),
        # a ratio is no attribution of blame
        ("ارتفعت صادرات كازاخستان إلى روسيا بنسبة تصل إلى عشرة في المئة عام 2019.", "ACCUSE"),
        # an official leaving the talks is no withdrawal of forces
        ("تركت أوزبكستان وكازاخستان الملف للخبراء في مايو 2019.", "RETREAT"),
        # a delegation received is a visit, not a delivery
        ("واستقبلت أوزبكستان وفدا من روسيا في مارس 2022.", "AID"),
        # «أعاد» of an election is no return of citizens
        ("وأعادت قيرغيزستان انتخاب رئيس البرلمان في مايو 2019.", "AID"),
    ],
)
def test_news_vocabulary_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("انسحبت أوزبكستان من منظمة معاهدة الأمن الجماعي في يونيو 2012.", "LEAVE"),
        # the present too: a body left, or forces withdrawn from a place
        ("وقال الوزير إن أوزبكستان تنسحب من منظمة معاهدة الأمن الجماعي في يونيو 2012.", "LEAVE"),
        ("وقال الوزير إن القوات الروسية تنسحب من المنطقة الحدودية في يونيو 2012.", "RETREAT"),
    ],
)
def test_a_withdrawal_from_a_treaty_is_leaving_it(pipeline, text: str, event_type: str) -> None:
    types = _types(pipeline, text)
    assert event_type in types
    assert not types & ({"LEAVE", "RETREAT"} - {event_type})


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # evading sanctions imposes none
        ("تتهم الولايات المتحدة بنكا في قيرغيزستان بمساعدة روسيا على التهرب من العقوبات في مايو 2024.", "SANCTION"),
        # a training centre is a place, not a drill
        ("افتتحت روسيا مركزا للتدريب العسكري في قيرغيزستان في مايو 2019.", "EXERCISE"),
        # training received at the hands of instructors is no drill
        ("وبدأت في طاجيكستان تدريبات على يد مدربين من روسيا في مايو 2019.", "EXERCISE"),
        # a transport aircraft is no transfer of forces
        ("وصلت طائرة نقل عسكرية روسية إلى مطار طشقند في مايو 2021.", "DEPLOYMENT"),
    ],
)
def test_a_sense_guard_of_the_news(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("فرضت الولايات المتحدة عقوبات على بنك في قيرغيزستان في مايو 2024.", "SANCTION"),
        # a service cut off
        ("أوقفت أوزبكستان تشغيل بطاقات مصرفية روسية في سبتمبر 2022.", "SANCTION"),
        # hostages taken
        ("احتجز مسلحون عشرين رهينة في قيرغيزستان في أغسطس 1999.", "CLASH"),
    ],
)
def test_the_event_beside_its_guard(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


def test_a_host_closing_a_base_ends_the_arrangement(pipeline) -> None:
    assert "LEAVE" in _types(pipeline, "أغلقت أوزبكستان القاعدة الأمريكية في عام 2005.")
    # the closing told by its noun is the withdrawal, and a base closed is no base deployed
    types = _types(pipeline, "تم إغلاق قاعدتها العسكرية في أوزبكستان بطلب من الولايات المتحدة عام 2005.")
    assert "DEPLOYMENT" not in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fighting an exercise rehearses is its scenario
        ("وستتدرب قوات روسيا وطاجيكستان على صد هجوم جماعات مسلحة في أكتوبر 2022.", False),
        ("وأجرت روسيا مناورات في طاجيكستان لصد هجوم إرهابي في أكتوبر 2022.", False),
        # a real attack in a sentence with no exercise or rehearsal
        ("وشنت حركة طالبان هجوما على مواقع الجيش الأفغاني في أكتوبر 2022.", True),
    ],
)
def test_the_fighting_an_exercise_rehearses_is_no_clash(pipeline, text: str, expected: bool) -> None:
    assert ("CLASH" in _types(pipeline, text)) is expected


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an aircraft shot down by air defences, the verb with its object pronoun
        ("وأسقطتها الدفاعات الجوية الطاجيكية فوق الحدود في مارس 2021.", "CLASH"),
        # a town occupied, in the present
        ("تقدمت حركة طالبان لتحتل مدينة في شمال أفغانستان في يوليو 2021.", "CLASH"),
        # strikes
        ("بدأت الضربات الروسية في سوريا في سبتمبر 2015.", "CLASH"),
        # force used against someone
        ("أدانت أوزبكستان استخدام القوة ضد المدنيين في قيرغيزستان في يونيو 2010.", "CLASH"),
        # a treaty entering into force, its subject between
        ("ودخلت الاتفاقية بين أوزبكستان وروسيا حيز التنفيذ في مايو 2019.", "AGREEMENT"),
        # a joint statement
        ("وأصدرت كازاخستان والصين بيانا مشتركا في سبتمبر 2022.", "AGREEMENT"),
        # a declaration adopted
        ("تبنت روسيا وطاجيكستان إعلانا حول الشراكة في أبريل 2019.", "AGREEMENT"),
        # agreeing, the subject between the verb and its preposition
        ("وافقت قيرغيزستان على تمديد بقاء القاعدة الروسية في 2012.", "AGREEMENT"),
        # the passive of form IV
        ("وكانت منظمة شنغهاي للتعاون قد أنشئت في عام 2001.", "AGREEMENT"),
        # blamed
        ("وكانت روسيا لامت الولايات المتحدة على الأزمة في أفغانستان عام 2021.", "ACCUSE"),
        # an attack attributed
        ("ونسبت طاجيكستان الهجوم إلى تنظيم داعش في يوليو 2018.", "ACCUSE"),
    ],
)
def test_news_vocabulary_of_fighting_accords_and_blame(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # penalty kicks are no strikes
        ("فازت طاجيكستان على قيرغيزستان بضربات الترجيح في مارس 2019.", "CLASH"),
        # force renounced
        ("دعت روسيا أرمينيا وأذربيجان إلى عدم استخدام القوة في سبتمبر 2022.", "CLASH"),
        # a rank taken is no town occupied
        ("واحتلت كازاخستان المرتبة الأولى في آسيا الوسطى عام 2019.", "CLASH"),
        # «سلام», «كلام», «للأمن» are not «لام» (blamed)
        ("وقال رئيس كازاخستان إن الكلام عن السلام مع روسيا مفيد للأمن في 2019.", "ACCUSE"),
        # a date corresponding is no agreement
        ("ووصل رئيس أوزبكستان إلى موسكو يوم الجمعة الموافق للثالث من مايو 2019.", "AGREEMENT"),
    ],
)
def test_news_vocabulary_of_fighting_accords_and_blame_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # the subjunctive plural of the present
        ("تقدم المسلحون ليحتلوا مدينة في شمال أفغانستان في يوليو 2021.", "CLASH"),
        # a base opened
        ("وافتتحت روسيا قاعدة جوية في قيرغيزستان في أكتوبر 2003.", "DEPLOYMENT"),
        # ships present
        ("وانتقدت روسيا تواجد سفن الولايات المتحدة في البحر الأسود عام 2008.", "DEPLOYMENT"),
        # a force headquartered
        ("ويكون مقر القوة المشتركة في قيرغيزستان منذ عام 2009.", "DEPLOYMENT"),
        # a supplier of arms
        ("وتعد روسيا أكبر مورد للأسلحة إلى طاجيكستان عام 2020.", "AID"),
        # materiel imported
        ("واستوردت كازاخستان عتادا عسكريا من تركيا في مايو 2022.", "AID"),
        # the passive of the hollow verb
        ("وأعيدت 30 امرأة إلى طاجيكستان من العراق في 2019.", "AID"),
        # citizens evacuated, the singular after a number
        ("تم إجلاء 150 مواطنا من أوزبكستان من أفغانستان في 2021.", "AID"),
        # a call, the one called a pronoun
        ("وأكد رئيس طاجيكستان الذي اتصل به رئيس روسيا أن الوضع مستقر في 2021.", "MEETING"),
        # a call to a counterpart
        ("واتصل رئيس أوزبكستان بنظيره الكازاخي في مايو 2020.", "MEETING"),
    ],
)
def test_news_vocabulary_of_forces_arms_and_calls(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an exhibition opened is no base
        ("وافتتحت كازاخستان معرضا للصناعات في أستانا في مايو 2022.", "DEPLOYMENT"),
        # the presence of citizens is no deployment
        ("وأكدت روسيا وجود مواطنين من طاجيكستان في موسكو في 2021.", "DEPLOYMENT"),
        # a resource is no supplier of arms
        ("ويعد الغاز أهم مورد لاقتصاد تركمانستان في 2020.", "AID"),
        # something that has to do with a matter is no call
        ("وأصدرت كازاخستان قانونا يشمل كل ما يتصل بالطاقة مع روسيا في 2020.", "MEETING"),
    ],
)
def test_news_vocabulary_of_forces_arms_and_calls_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # exports stopped
        ("أعلنت قيرغيزستان قرارا بوقف جميع صادرات الوقود إلى طاجيكستان في 2021.", "SANCTION"),
        # a group banned in a country
        ("وقالت السلطات إن حزب التحرير المحظور في أوزبكستان منذ 1999 يقف وراء الهجوم.", "SANCTION"),
        # military facilities closed by the host
        ("وكانت قيرغيزستان أغلقت عام 2014 المنشآت العسكرية الأمريكية في مطار ماناس.", "LEAVE"),
        # independence from the union left
        ("منذ حصول أوزبكستان على استقلالها عن الاتحاد السوفيتي عام 1991.", "LEAVE"),
        # a military operation ended
        ("وأعلنت روسيا الانتهاء من العملية العسكرية في سوريا في ديسمبر 2017.", "RETREAT"),
        # strife between communities
        ("اندلعت اشتباكات عرقية في جنوب قيرغيزستان في يونيو 2010.", "PROTEST"),
        # a gang wiped out
        ("وقالت طاجيكستان إن قواتها قضت على عصابة مسلحة في سبتمبر 2010.", "ARREST"),
        # restrictions placed on another state's trade
        ("ووضعت الولايات المتحدة قيودا على صادرات التكنولوجيا إلى روسيا في مارس 2022.", "SANCTION"),
    ],
)
def test_news_vocabulary_of_bans_exits_and_unrest(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # the note of the press after a group's name
        ("وهاجم مسلحو تنظيم داعش (المحظور في روسيا) مواقع في سوريا في مارس 2019.", "SANCTION"),
        # an independence day celebrated
        ("وتحتفل أوزبكستان بعيد الاستقلال في سبتمبر 2019.", "LEAVE"),
        # restraint is no seizure
        ("ودعت روسيا إلى ضبط النفس في قيرغيزستان في يونيو 2010.", "ARREST"),
        # «وضع» of a wreath, of a plan: no restriction
        ("ووضع الرئيس الروسي إكليلا من الزهور في طشقند في مارس 2022.", "SANCTION"),
    ],
)
def test_news_vocabulary_of_bans_exits_and_unrest_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a war brought to its end
        ("وكان الاتفاق قد أنهى سنوات من الحرب بين أرمينيا وأذربيجان عام 1994.", "CEASEFIRE"),
        # «X behind the attack»
        ("وقالت أوزبكستان إن حركة أوزبكستان الإسلامية تقف وراء الهجوم في فبراير 1999.", "ACCUSE"),
        # «X plotted it»
        ("وقالت تركمانستان إن معارضين في روسيا دبروا محاولة اغتيال الرئيس في نوفمبر 2002.", "ACCUSE"),
        # pressure exerted
        ("وتمارس الولايات المتحدة ضغوطا على بنوك قيرغيزستان في مايو 2024.", "STATEMENT"),
        # a session opened
        ("وافتتح رئيس كازاخستان أعمال القمة في أستانا في يوليو 2024.", "MEETING"),
        # a criminal case opened
        ("وفتحت طاجيكستان قضية جنائية ضد قادة الحزب في سبتمبر 2015.", "ARREST"),
        # fighting taken part in
        ("وشارك مسلحون من طاجيكستان في القتال إلى جانب طالبان في أفغانستان عام 1999.", "CLASH"),
        # a border guarded
        ("وبدأت قيرغيزستان بتعزيز حماية حدودها مع طاجيكستان في سبتمبر 2010.", "DEPLOYMENT"),
        # forces trained by another state
        ("وتلقت القوات الطاجيكية تدريبات من روسيا في مارس 2021.", "AID"),
    ],
)
def test_news_vocabulary_of_ends_plots_and_cases(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # the end of the cold war dates an era
        ("ومنذ نهاية الحرب الباردة تتعاون روسيا وكازاخستان في مجال الأمن.", "CEASEFIRE"),
        # «وراء» of a place is no blame
        ("ويقع مقر السفارة الروسية وراء البرلمان في بشكيك منذ 1992.", "ACCUSE"),
        # a factory opened is no session
        ("وافتتح رئيس أوزبكستان مصنعا للسيارات في طشقند في مايو 2019.", "MEETING"),
    ],
)
def test_news_vocabulary_of_ends_plots_and_cases_not_the_event(pipeline, text: str, event_type: str) -> None:
    assert event_type not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a raid, the form I verb
        ("ودهمت قوات الأمن الطاجيكية منزلا في دوشنبه في مارس 2015.", "ARREST"),
        # restrictions imposed
        ("وفرضت روسيا قيودا على واردات الفاكهة من أوزبكستان في 2019.", "SANCTION"),
        # a crowd gathered
        ("واحتشد آلاف المحتجين في ساحة بشكيك في أكتوبر 2020.", "PROTEST"),
        # forces massed
        ("واحتشدت القوات الروسية على حدود أوكرانيا في فبراير 2022.", "DEPLOYMENT"),
    ],
)
def test_news_vocabulary_of_raids_restrictions_and_crowds(pipeline, text: str, event_type: str) -> None:
    assert event_type in _types(pipeline, text)


def test_forces_massed_are_no_crowd(pipeline) -> None:
    assert "PROTEST" not in _types(pipeline, "واحتشدت القوات الروسية على حدود أوكرانيا في فبراير 2022.")


def test_a_conversation_with_someone_is_a_meeting(pipeline) -> None:
    assert "MEETING" in _types(
        pipeline, "وفي حديث مع رئيس وزراء اليابان أكد رئيس قيرغيزستان الاستعداد للتعاون في 1999."
    )
    # an interview given to the press reports what was said
    assert "MEETING" not in _types(
        pipeline, "وقال وزير خارجية روسيا في حديث مع صحيفة كازاخية إن العلاقات جيدة في 2019."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fighting broken out between two sides
        ("واندلع القتال بين قوات قيرغيزستان وطاجيكستان على الحدود في سبتمبر 2022.", True),
        # clashes
        ("ووقعت صدامات مسلحة بين حرس الحدود القرغيزي والطاجيكي في أبريل 2021.", True),
        # fighters recruited for the fighting is no clash
        ("وحذرت طاجيكستان من تجنيد شبان للقتال في سوريا عام 2015.", False),
    ],
)
def test_fighting_broken_out(pipeline, text: str, expected: bool) -> None:
    assert ("CLASH" in _types(pipeline, text)) is expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # a name of several words counts as one word of a gap
        ("نشرت منظمة معاهدة الأمن الجماعي أمس قوات في كازاخستان في يناير 2022.", "DEPLOYMENT", True),
        # so do names joined by a conjunction: one subject
        ("وأنحت قيرغيزستان وطاجيكستان وأوزبكستان أمس باللوم على حركة طالبان في مارس 2004.", "ACCUSE", True),
        # an aside between two commas counts for nothing
        ("أوقفت كازاخستان، الثلاثاء، لأسباب فنية تشغيل خط الغاز مع روسيا في مايو 2022.", "SANCTION", True),
        # words that name nobody still count, each
        ("أنحت روسيا في بيان رسمي طويل باللوم على أوكرانيا في مايو 2022.", "ACCUSE", False),
        # a gap crosses no clause break, and no comma that opens no aside
        ("أوقفت كازاخستان مواطنا؛ تشغيل المحطة مستمر في مايو 2022.", "SANCTION", False),
        ("أوقفت كازاخستان مواطنا، تشغيل المحطة مستمر في مايو 2022.", "SANCTION", False),
    ],
)
def test_a_gap_counts_a_name_as_one_word_and_an_aside_as_none(
    pipeline, text: str, event_type: str, expected: bool
) -> None:
    assert (event_type in _types(pipeline, text)) is expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # passives the morphology generates: a derived hollow verb, a final hamza, a weak final
        ("أقيمت مناورات مشتركة بين كازاخستان وروسيا في مايو 2022.", "EXERCISE", True),
        ("أعيدت 20 امرأة من سوريا إلى طاجيكستان في مايو 2022.", "AID", True),
        ("أنشئت منظمة شنغهاي للتعاون في يونيو 2001.", "AGREEMENT", True),
        # a speech verb takes no passive: «أفيد» names no speaker
        ("أفيد بأن روسيا وكازاخستان اتفقتا في مايو 2022.", "STATEMENT", False),
    ],
)
def test_a_passive_the_morphology_generates(pipeline, text: str, event_type: str, expected: bool) -> None:
    assert (event_type in _types(pipeline, text)) is expected


def _agreement_triggers(pipeline, text: str) -> list[str]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2022-06-20")))
    return [e.trigger.text for e in doc.events if e.type == "AGREEMENT"]


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        # a relative clause told of the treaty before it, its object pronoun on the verb
        ("تنص المعاهدة التي وقعتها روسيا وطاجيكستان في عام 1999 على الدفاع المشترك.", True),
        # a comma before the relative, a name between
        ("وتحترم قيرغيزستان وطاجيكستان اتفاقية الحدود، التي وقعت بينهما في عام 2001.", True),
        # the participle of form II right after the agreement's name
        ("تلتزم طاجيكستان وأوزبكستان باتفاق المياه الموقع في مارس 2018.", True),
        # «وقع» after no agreement noun tells that something happened
        ("قتل خمسة في الانفجار الذي وقع في أوش الكازاخستانية في مايو 2021.", False),
        # «موقع» after no agreement noun is a site
        ("زار رئيس أوزبكستان الموقع الأثري في سمرقند مع رئيس تركيا في مايو 2021.", False),
        # a clause end between the agreement and the verb
        ("ناقشت روسيا وأرمينيا الاتفاقية. والحادث الذي وقع في يريفان في مايو 2021 أثار قلقا.", False),
    ],
)
def test_a_verb_told_of_the_agreement_noun_before_it(pipeline, text: str, signed: bool) -> None:
    assert any("وقع" in trigger for trigger in _agreement_triggers(pipeline, text)) is signed


@pytest.mark.parametrize(
    ("text", "agreement"),
    [
        # an approval of an event of another type: that event is the news
        ("وافق البرلمان الطاجيكي على نشر قوات في أفغانستان في مارس 2021.", False),
        ("وافق الاتحاد الأوروبي على فرض عقوبات على روسيا في مارس 2022.", False),
        # an approval of what founds a force is the agreement
        ("وافقت روسيا وكازاخستان على تشكيل قوة مشتركة في مارس 2021.", True),
        # a decree signed is no agreement, a treaty signed is one
        ("وقع الرئيس الروسي بوتين مرسوما بمنح وسام للجنود في مارس 2021.", False),
        ("وقع الرئيس الروسي بوتين اتفاقية مع كازاخستان في مارس 2021.", True),
    ],
)
def test_what_is_approved_or_signed(pipeline, text: str, agreement: bool) -> None:
    assert ("AGREEMENT" in _types(pipeline, text)) is agreement


@pytest.mark.parametrize(
    ("text", "event_type", "not_type"),
    [
        # aid sent is aid, not forces sent
        ("أرسلت كازاخستان لطاجيكستان مساعدات إنسانية في مارس 2021.", "AID", "DEPLOYMENT"),
        ("قررت الصين إرسال شحنة من المعدات إلى قيرغيزستان في مارس 2021.", "AID", "DEPLOYMENT"),
        # forces sent are deployed
        ("أرسلت روسيا قوات إلى طاجيكستان في مارس 2021.", "DEPLOYMENT", "AID"),
    ],
)
def test_what_is_sent(pipeline, text: str, event_type: str, not_type: str) -> None:
    types = _types(pipeline, text)
    assert event_type in types and not_type not in types


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # documents joined in a list: each signed, by the parties of the first
        (
            "وقعت روسيا وكازاخستان اتفاقية للتعاون في مجال الطاقة واتفاقية حول النقل ومذكرة تفاهم بشأن التعليم في مارس 2021.",
            3,
        ),
        # one document about two fields
        ("وقعت روسيا وكازاخستان اتفاقية للتعاون في مجال الطاقة والنقل في مارس 2021.", 1),
    ],
)
def test_documents_signed_in_a_list(pipeline, text: str, count: int) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2022-06-20")))
    agreements = [e for e in doc.events if e.type == "AGREEMENT"]
    assert len(agreements) == count
    assert all(set(e.actors) == {"RUS", "KAZ"} for e in agreements)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «وقع» telling that something happened blocks the signing, not the clashes it tells
        ("ووقعت اشتباكات بين قوات قرغيزستان وطاجيكستان على الحدود في مايو 2021.", {"CLASH"}),
        ("ووقعت قرغيزستان وطاجيكستان اتفاقا حول الحدود في مايو 2021.", {"AGREEMENT"}),
        # a time of day or a named event right after «وقع»: what happened then
        ("وأصيب عشرة أشخاص في انفجار وقع مساء الجمعة قرب مطار بيشكيك.", {"CLASH"}),
        ("ووقع الاشتباك عند نقطة حدودية بين قرغيزستان وطاجيكستان في مايو 2021.", {"CLASH"}),
        ("ووقعت قرغيزستان وطاجيكستان مساء الجمعة اتفاقا حول الحدود في مايو 2021.", {"AGREEMENT"}),
        # a phrase naming something else keeps a word of its own type from firing
        ("وشن قراصنة هجوما إلكترونيا على موقع وزارة الدفاع في طشقند في مايو 2021.", set()),
    ],
)
def test_a_blocking_phrase_blocks_its_own_type(pipeline, text: str, expected: set[str]) -> None:
    assert _types(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun phrase of the lexicon in the dual and the accusative, its adjective agreeing
        ("ونفذ مسلحون عمليتين انتحاريتين في طشقند بأوزبكستان في مارس 2004.", {"CLASH"}),
        ("ونفذ مسلحون هجوما انتحاريا في طشقند بأوزبكستان في مارس 2004.", {"CLASH"}),
        # a phrase of the same head that the lexicon does not hold: surgery, not an attack
        ("وأجرى الأطباء عمليتين جراحيتين في مستشفى طشقند بأوزبكستان في مارس 2004.", set()),
    ],
)
def test_noun_phrases_are_read_in_the_dual_and_the_accusative(pipeline, text: str, expected: set[str]) -> None:
    assert _types(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «بما في ذلك» opens what is included: the event after it is named
        ("واتفقت طاجيكستان وقيرغيزستان على عدة خطوات، بما في ذلك سحب القوات.", True),
        # an anaphor right before the noun points back to an event told before
        ("وقالت طاجيكستان وقيرغيزستان إن هذا سحب القوات يجري ببطء.", False),
    ],
)
def test_an_inclusion_is_no_anaphor(pipeline, text: str, expected: bool) -> None:
    assert ("RETREAT" in _types(pipeline, text)) is expected


def _parties(pipeline, text: str, event_type: str) -> list[set[str]]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2022-06-20")))
    return [set(e.actors) for e in doc.events if e.type == event_type]


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # no verb ends in ta marbuta: «إضافة إلى» goes on with the list, no speech verb cuts it
        (
            "وتشارك روسيا وطاجيكستان في المناورات إضافة إلى أرمينيا التي تنضم إليها لأول مرة.",
            "EXERCISE",
            [{"RUS", "TJK", "ARM"}],
        ),
        # the verb itself, with its object pronoun, is still the verb
        ("وأضاف وزير الدفاع الروسي أن الوضع على الحدود هادئ.", "STATEMENT", [{"RUS"}]),
    ],
)
def test_a_noun_in_ta_marbuta_is_no_verb(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert _parties(pipeline, text, event_type) == expected


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # a photo's caption, closed by the picture's credit, reports nothing
        ("وصل الوزير إلى دوشنبه.\nمناورات عسكرية روسية في طاجيكستان (أرشيف)", False),
        ("وصل الوزير إلى دوشنبه.\nتدريبات عسكرية مشتركة لروسيا وطاجيكستان (أرشيف-رويترز)", False),
        # brackets closing a sentence of the article close no caption
        ("وصل الوزير إلى دوشنبه.\nوأجرت روسيا مناورات عسكرية في طاجيكستان (قرب الحدود الأفغانية)", True),
    ],
)
def test_a_photo_caption_reports_no_event(pipeline, text: str, told: bool) -> None:
    assert ("EXERCISE" in _types(pipeline, text)) is told
