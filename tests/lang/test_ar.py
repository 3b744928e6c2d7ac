"""The Arabic pack: its one clitic analysis, its verb forms and its constructions."""

from __future__ import annotations

import pytest

from marsad.lang import Reading, language_pack
from marsad.lang.base import _schema
from marsad.text.normalize import normalize_key

ARABIC = language_pack("ar")
MORPHOLOGY = ARABIC.morphology


@pytest.mark.parametrize(
    ("word", "stem", "prefix", "future"),
    [
        ("وبموسكو", "موسكو", "وب", False),
        ("للمنظمه", "منظمه", "لل", False),
        ("والصين", "صين", "وال", False),
        ("والصين", "الصين", "و", False),
        ("فالروسية", "روسية", "فال", False),
        ("سيعقد", "يعقد", "س", True),
        ("وستجري", "تجري", "وس", True),
    ],
)
def test_a_word_is_read_with_its_proclitics(word: str, stem: str, prefix: str, future: bool) -> None:
    assert Reading(prefix, stem, future) in MORPHOLOGY.readings(word)


@pytest.mark.parametrize(
    ("word", "not_stem"),
    [
        ("بلغاريا", "غاريا"),  # «بل» is no proclitic chain
        ("بسحب", "حب"),  # the future marker follows a conjunction, never a preposition
        ("سيعقد", ""),  # a reading keeps a stem
    ],
)
def test_what_is_no_proclitic_is_not_read_as_one(word: str, not_stem: str) -> None:
    assert not_stem not in {r.stem for r in MORPHOLOGY.readings(word)}


def test_readings_go_from_the_shortest_prefix_and_keep_a_stem() -> None:
    readings = MORPHOLOGY.readings("وبالعاصمة", min_stem=2)
    assert [r.prefix for r in readings] == ["", "و", "وب", "وبال"]
    assert all(len(r.stem) >= 2 for r in readings)


@pytest.mark.parametrize(("word", "bare"), [("وأكد", "أكد"), ("فقال", "قال"), ("وو", "وو"), ("مصر", "مصر")])
def test_without_conjunction(word: str, bare: str) -> None:
    assert MORPHOLOGY.without_conjunction(word) == bare


@pytest.mark.parametrize(
    ("lemma", "form", "present"),
    [
        ("اجتمع", "اجتمعوا", False),
        ("اجتمع", "اجتمعت", False),
        ("التقى", "التقيا", False),
        ("التقى", "التقوا", False),
        ("يجتمع", "تجتمعان", True),
        ("يجتمع", "يجتمعون", True),
        ("يلتقي", "يلتقون", True),
        ("يلتقي", "نلتقي", True),
    ],
)
def test_verb_forms_are_generated_from_the_lemma(lemma: str, form: str, present: bool) -> None:
    forms = MORPHOLOGY.present_forms(lemma) if present else MORPHOLOGY.past_forms(lemma)
    assert form in forms


def test_a_weak_verb_has_no_strong_forms() -> None:
    assert "التقيوا" not in MORPHOLOGY.past_forms("التقى")
    assert "يلتقيون" not in MORPHOLOGY.present_forms("يلتقي")


def test_a_final_hamza_is_no_weak_letter() -> None:
    # «أنشأ» normalizes to an alef-final word, but keeps its last letter before every ending
    forms = MORPHOLOGY.past_forms("أنشأ")
    assert {"انشات", "انشاوا"} <= forms
    assert "انشت" not in forms
    # a lemma ending in a bare alef is weak: «دعا» → «دعت»
    assert "دعت" in MORPHOLOGY.past_forms("دعا")


def test_skeleton_drops_long_vowels_and_hamza() -> None:
    assert MORPHOLOGY.skeleton("خولمحمدوف") == MORPHOLOGY.skeleton("خالمحمدوف") == "خلمحمدف"


def test_the_pack_has_every_construction_and_word_list_the_schema_names() -> None:
    spec = _schema()["files"]["grammar.yaml"]["keys"]
    assert all(ARABIC.pattern(name) is not None for name in spec["patterns"]["keys"])
    assert all(ARABIC.words(name) for name in spec["words"]["keys"])


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("أعلنت موسكو الخبر، وقالت إن", True),  # a comma before «و»
        ("أعلنت موسكو الخبر؛ ثم", True),
        ("اتجهت فنلندا، في منتصف 2022، لطلب", False),  # «في» after a comma stays in the clause
        ("قال، في حين", True),
    ],
)
def test_clause_break(text: str, breaks: bool) -> None:
    pattern = ARABIC.pattern("clause_break")
    assert pattern is not None
    assert bool(pattern.search(text)) is breaks


def test_offset_folding_keeps_length() -> None:
    text = "أكد إن آخر"
    assert len(text.translate(ARABIC.offset_folding)) == len(text)
    assert text.translate(ARABIC.offset_folding) == "اكد ان اخر"


@pytest.mark.parametrize(
    ("noun", "form", "generated"),
    [
        ("انضمام", "انضمامها", True),  # a pronoun attached
        ("زيارة", "زيارته", True),  # ta marbuta opens before it
        ("لقاء", "لقاوه", True),  # a final hamza takes its seat on waw (normalized)
        ("اتفاق", "اتفاقا", True),  # the accusative with tanwin
        ("اتفاقية", "اتفاقيتين", True),  # the dual
        ("اجتماع", "اجتماعي", False),  # «social», not «my meeting»
        ("زيارة", "زيارها", False),  # no pronoun on a closed ta marbuta
        ("ضم", "ضمان", False),  # a two-letter noun is kept as it is
        ("الحرب", "الحربها", False),  # the article takes no pronoun
    ],
)
def test_noun_forms(noun: str, form: str, generated: bool) -> None:
    assert (form in MORPHOLOGY.noun_forms(noun)) is generated


@pytest.mark.parametrize(
    ("word", "noun", "carries"),
    [
        ("انسحابها", "انسحاب", True),
        ("لقائه", "لقاء", True),  # the hamza on its seat before the pronoun
        ("قمتهم", "قمة", True),  # the ta marbuta opened
        ("عضويتها", "عضويتها", True),  # a lexicon noun that holds its pronoun
        ("عدوانا", "عدوان", False),  # the accusative alif is no pronoun
        ("تفاهم", "تفاهم", False),  # ends as «هم» does, with no open ta before it
        ("قمة", "قمة", False),
    ],
)
def test_a_noun_carries_a_pronoun(word: str, noun: str, carries: bool) -> None:
    assert MORPHOLOGY.carries_pronoun(normalize_key(word), normalize_key(noun)) is carries


@pytest.mark.parametrize(
    ("phrase", "form", "generated"),
    [
        ("عملية انتحارية", "عمليتين انتحاريتين", True),  # the dual, every word with its ending
        ("هجوم انتحاري", "هجومان انتحاريان", True),
        ("هجوم انتحاري", "هجوما انتحاريا", True),  # the accusative with tanwin on both
        ("عملية انتحارية", "عمليةا انتحاريةا", False),  # none on ta marbuta
        ("إطلاق نار", "إطلاقين نارين", False),  # a construct: its second word is a noun
        ("مناورات عسكرية", "مناوراتين عسكريتين", False),  # a plural has no dual
    ],
)
def test_noun_phrases_decline_with_their_adjectives(phrase: str, form: str, generated: bool) -> None:
    assert (normalize_key(form) in MORPHOLOGY.agreeing_forms(phrase)) is generated


@pytest.mark.parametrize(
    ("lemma", "present", "form", "generated"),
    [
        ("هاجم", False, "هوجم", True),  # the passive of form III
        ("هاجم", False, "هوجمت", True),
        ("استقبل", False, "استقبلته", True),  # an object pronoun
        ("استقبل", False, "استقبلوه", True),  # the alef of «وا» drops before it
        ("التقى", False, "التقاه", True),  # a final alef maqsura stands as alef
        ("يتهم", True, "يتهمونها", True),
        ("اعتقل", False, "اوعتقل", False),  # only form III has a passive of its own
        ("استقبل", False, "استقبلواه", False),
    ],
)
def test_verb_forms_with_objects_and_passive(lemma: str, present: bool, form: str, generated: bool) -> None:
    assert (form in MORPHOLOGY.verb_forms(lemma, present=present)) is generated


@pytest.mark.parametrize(
    ("lemma", "form", "generated"),
    [
        ("أقام", "اقيم", True),  # a hollow verb of form IV: the long alef turns to ya
        ("أعاد", "اعيدت", True),
        ("أقال", "اقيلوا", True),
        ("اجتاح", "اجتيحت", True),  # form VIII
        ("استعاد", "استعيد", True),  # form X
        ("أنشأ", "انشيت", True),  # a final hamza sits on ya: «أنشئت»
        ("أنشأ", "انشيوا", True),
        ("أجرى", "اجريت", True),  # a weak final stands as ya before the passive's endings
        ("ألغى", "الغيتا", True),
        ("دعا", "دعيت", True),
        ("قاد", "قيد", False),  # not of form I: «قيد», «عيد», «بيع» are common nouns
        ("عاد", "عيدت", False),
        ("التأم", "التيم", False),  # a hamza on alef is no long alef
        ("اعتقل", "اعتقيل", False),
        ("أقام", "اقيم", True),
    ],
)
def test_passive_forms(lemma: str, form: str, generated: bool) -> None:
    assert (form in MORPHOLOGY.verb_forms(lemma)) is generated
    assert (form in MORPHOLOGY.verb_forms(lemma, passive=False)) is (generated and form in MORPHOLOGY.past_forms(lemma))


def test_speech_verbs_take_no_generated_passive() -> None:
    from marsad.extract.lexicon import load_event_lexicon

    lexicon = load_event_lexicon(ARABIC)
    # «أفيد بأن»: it was reported, by nobody named; «أدين» is a conviction, not a condemnation
    assert "افيد" not in lexicon.by_first_word
    assert {t.type for t in lexicon.by_first_word["ادين"]} == {"ARREST"}
    assert {t.type for t in lexicon.by_first_word["انشيت"]} == {"AGREEMENT"}


@pytest.mark.parametrize(
    ("lemma", "form", "generated"),
    [
        ("أبرم", "مبرمه", True),  # form IV: the prefix replaces the alef
        ("انعقد", "منعقد", True),  # form VII
        ("تمركز", "متمركزين", True),  # form V: the prefix before the ta
        ("وقع", "موقع", False),  # form II: spelt like «a site», left out
    ],
)
def test_participles_of_derived_verbs(lemma: str, form: str, generated: bool) -> None:
    assert (form in MORPHOLOGY.participles(lemma)) is generated


def test_a_negated_present_verb() -> None:
    forms = MORPHOLOGY.negated("يعترف")
    assert {"لن تعترف", "لم يعترف", "لا نعترف"} <= forms
    assert "يعترف" not in forms


@pytest.mark.parametrize(
    ("lemma", "form", "generated"),
    [("وقع", "موقعة", True), ("وقع", "موقعين", True), ("أبرم", "مبرمة", True), ("وقع", "وقعة", False)],
)
def test_participles_read_after_their_noun(lemma: str, form: str, generated: bool) -> None:
    assert (normalize_key(form) in MORPHOLOGY.head_participles(lemma)) is generated


@pytest.mark.parametrize(
    ("written", "verb"),
    [
        ("أضافه", True),  # a verb with its object pronoun
        ("وأشار", True),
        ("إضافة", False),  # a noun in ta marbuta, read «اضافه» once normalized
        ("إشارةً", False),  # its tanwin is a vowel mark, not a letter
        ("تابعة", False),
    ],
)
def test_no_verb_ends_in_ta_marbuta(written: str, verb: bool) -> None:
    assert MORPHOLOGY.may_be_verb(written) is verb


@pytest.mark.parametrize(
    ("form", "lemma", "before"),
    [
        # a plural or dual ending: the subject stands before the verb
        ("ايدوا", "ايد", True),
        ("يطالبون", "يطالب", True),
        ("تطالبان", "يطالب", True),
        ("اكدا", "اكد", True),
        # singular: the verb-first order's verb, its subject after it
        ("ايد", "ايد", False),
        ("اكدت", "اكد", False),
        ("تطالب", "يطالب", False),
        # a lemma's own final alef is no ending
        ("دعا", "دعا", False),
    ],
)
def test_a_verb_agreeing_in_number_follows_its_subject(form: str, lemma: str, before: bool) -> None:
    assert MORPHOLOGY.subject_before(form, lemma) is before


@pytest.mark.parametrize(
    ("form", "lemma", "carries"),
    [
        ("اقترحها", "اقترح", True),
        ("اطلقتها", "اطلق", True),
        ("اقترحوه", "اقترح", True),  # the alef of «وا» drops before the pronoun
        ("يطرحها", "يطرح", True),
        ("اقترح", "اقترح", False),
        ("اقترحت", "اقترح", False),
        # a final ha of the lemma's own is no pronoun
        ("نبه", "نبه", False),
    ],
)
def test_a_verb_carries_its_object_pronoun(form: str, lemma: str, carries: bool) -> None:
    assert MORPHOLOGY.carries_object(form, lemma) is carries
