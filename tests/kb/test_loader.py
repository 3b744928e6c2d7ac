from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from marsad.kb.loader import KnowledgeBaseError, bundled_knowledge_base, load_knowledge_base

DATA = Path(str(resources.files("marsad.kb").joinpath("data")))

COUNTRIES = """source: test
licence: CC0-1.0
entries:
  - id: KAZ
    name_en: Kazakhstan
    name_ar: كازاخستان
    name_ru: Казахстан
    aliases: [قزاقستان]
    nisba: [كازاخستاني, كازاخي]
  - id: KGZ
    name_en: Kyrgyzstan
    name_ar: قيرغيزستان
    name_ru: Киргизия
"""
PERSONS = """source: test
licence: CC0-1.0
entries:
  - id: kassym-jomart-tokayev
    name_en: Kassym-Jomart Tokayev
    name_ar: قاسم جومارت توكاييف
    roles:
      - {office: president, state: KAZ, start: "2019-03-20", end: ""}
"""
MEMBERSHIPS = """source: test
licence: CC0-1.0
entries:
  - {member: KAZ, org: CSTO, status: founding-member, since: "1992-05-15", until: ""}
"""
ORGANIZATIONS = """source: test
licence: CC0-1.0
entries:
  - {id: CSTO, name_en: Collective Security Treaty Organization, name_ar: منظمة معاهدة الأمن الجماعي, kind: alliance}
"""
RULES = "source: test\nlicence: CC0-1.0\nentries: []\n"


def _mini_kb(tmp_path: Path, **overrides: str) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    for name in ("schema.yaml", "morphology.yaml"):
        shutil.copy(DATA / name, folder / name)
    files = {
        "countries.yaml": COUNTRIES,
        "organizations.yaml": ORGANIZATIONS,
        "persons.yaml": PERSONS,
        "memberships.yaml": MEMBERSHIPS,
        "alias_rules.yaml": RULES,
    }
    for key, text in overrides.items():
        files[key.removesuffix("_yaml") + ".yaml"] = text
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    listed = ", ".join(files)
    (folder / "catalogue.yaml").write_text(f'version: "test"\nfiles: [{listed}]\n', encoding="utf-8")
    return folder


def test_bundled_knowledge_base_loads_with_every_kind() -> None:
    kb = bundled_knowledge_base()
    by_type = {t: len(kb.of_type(t)) for t in ("country", "organization", "person", "place")}
    assert by_type["country"] >= 197  # UN members, observers, historical states
    assert by_type["organization"] >= 80
    assert by_type["person"] >= 200
    assert by_type["place"] >= 300
    soviet_union = kb.get("SUN")
    assert soviet_union is not None and soviet_union.valid_until.startswith("1991")
    uzb_csto = sorted((m.since, m.until) for m in kb.memberships if m.member == "UZB" and m.org == "CSTO")
    assert len(uzb_csto) >= 2 and uzb_csto[0][1].startswith("1999")


def test_mini_knowledge_base_loads_and_inflects_nisba(tmp_path: Path) -> None:
    kb = load_knowledge_base(_mini_kb(tmp_path))
    assert {t.entity_id for t in kb.alias_index["كازاخستانيه"]} == {"KAZ"}  # كازاخستانية, normalized
    assert {t.entity_id for t in kb.alias_index["كازاخيين"]} == {"KAZ"}
    assert kb.memberships[0].org == "CSTO"


def test_unknown_key_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    bad = COUNTRIES.replace("    name_ru: Киргизия\n", "    name_ru: Киргизия\n    colour: blue\n")
    with pytest.raises(KnowledgeBaseError, match=r"^countries\.yaml:10: unknown key\(s\) \['colour'\]"):
        load_knowledge_base(_mini_kb(tmp_path, countries_yaml=bad))


def test_alias_naming_two_entities_is_rejected(tmp_path: Path) -> None:
    bad = COUNTRIES.replace("    name_ru: Киргизия\n", "    name_ru: Киргизия\n    aliases: [قزاقستان]\n")
    with pytest.raises(
        KnowledgeBaseError, match=r"قزاقستان» names KAZ \(countries\.yaml:4\), KGZ \(countries\.yaml:10\)"
    ):
        load_knowledge_base(_mini_kb(tmp_path, countries_yaml=bad))


def test_alias_rule_allows_a_shared_alias(tmp_path: Path) -> None:
    shared = COUNTRIES.replace("    name_ru: Киргизия\n", "    name_ru: Киргизия\n    aliases: [قزاقستان]\n")
    rules = RULES.replace("entries: []", "entries:\n  - {alias: قزاقستان, prefer: KAZ, others: [KGZ], why: test}")
    kb = load_knowledge_base(_mini_kb(tmp_path, countries_yaml=shared, alias_rules_yaml=rules))
    assert [t.entity_id for t in kb.alias_index["قزاقستان"]] == ["KAZ", "KGZ"]


def test_role_dates_out_of_order_are_rejected(tmp_path: Path) -> None:
    bad = PERSONS.replace('start: "2019-03-20", end: ""', 'start: "2019-03-20", end: "2010"')
    with pytest.raises(KnowledgeBaseError, match=r"^persons\.yaml:4: role president ends \(2010\) before it starts"):
        load_knowledge_base(_mini_kb(tmp_path, persons_yaml=bad))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("memberships_yaml", "org: CSTO", "org: NOPE", r"'org' = 'NOPE' is not a known organization id"),
        ("memberships_yaml", 'until: ""', 'until: "1990"', r"membership of KAZ in CSTO ends before it begins"),
        ("memberships_yaml", "status: founding-member", "status: friend", r"'status' = 'friend' is not one of"),
        ("countries_yaml", "id: KGZ", "id: kgz", r"'id' = 'kgz' does not match"),
        ("persons_yaml", 'start: "2019-03-20"', "start: 2019-03-20", r"'start' must be a quoted date"),
        ("countries_yaml", "    name_ru: Киргизия\n", "", r"countries\.yaml:10: missing required key 'name_ru'"),
        # statuses and offices are the vocabulary's; «former» is only what an article reports
        (
            "memberships_yaml",
            "status: founding-member",
            "status: former",
            r"'status' = 'former' is not one of \['member',",
        ),
        ("persons_yaml", "office: president", "office: pope", r"'office' = 'pope' is not one of \['president',"),
        # a date the calendar does not have
        ("persons_yaml", 'start: "2019-03-20"', 'start: "2019-02-30"', r"'start' must be a quoted date"),
        ("memberships_yaml", 'since: "1992-05-15"', 'since: "1992-13"', r"'since' must be a quoted date"),
    ],
)
def test_malformed_entries_are_rejected(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    base = {"memberships_yaml": MEMBERSHIPS, "countries_yaml": COUNTRIES, "persons_yaml": PERSONS}[file]
    assert old in base
    with pytest.raises(KnowledgeBaseError, match=message):
        load_knowledge_base(_mini_kb(tmp_path, **{file: base.replace(old, new)}))
