"""Provisional entities merged into known ones, or promoted into the local knowledge base:
every row that named them names the known entity, through a re-extraction by a newer
pipeline; a promoted entry is checked like the bundled data and linked by the next
extraction."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import Pipeline, build_pipeline
from marsad.kb.overlay import OVERLAY_SETTING
from marsad.review.exchange import export_reviews, import_reviews
from marsad.review.merging import merge_entity, promote_entity
from marsad.review.service import ReviewError, UnknownFact, listed
from marsad.store.duck import Store
from marsad.store.rows import store_rows

from .conftest import NEWER, VERSION

# two deputy ministers the knowledge base lacks: one speaks twice, one meets a minister
ARTICLES = (
    ("mg-1", "وقال نائب وزير الخارجية الكازاخستاني تيمور بيكوف إن بلاده ستشارك في مناورات منظمة معاهدة الأمن الجماعي."),
    ("mg-2", "والتقى نائب وزير الدفاع القرغيزي أرسلان نوروزوف بوزير الدفاع الروسي في موسكو يوم 3 مارس 2023."),
    ("mg-3", "وأكد نائب وزير الخارجية الكازاخستاني تيمور بيكوف في أستانا أن المحادثات مع الصين ستستمر."),
)
BEKOV, NUROZOV = "new-timor-bikof", "new-arslan-norozof"
KNOWN = "murat-nurtleu"  # a person of the bundled knowledge base
runner = CliRunner()


def _extract(pipeline: Pipeline) -> list[Document]:
    return [pipeline(Document(i, text, DocumentMeta(published="2023-03-05", title=i))) for i, text in ARTICLES]


@pytest.fixture(scope="module")
def docs(pipeline: Pipeline) -> list[Document]:
    return _extract(pipeline)


def _write(store: Store, docs: list[Document], version: str, pipeline: Pipeline, reordered: bool = False) -> None:
    again = [replace(d, events=d.events[::-1], claims=d.claims[::-1]) if reordered else d for d in docs]
    store.write_rows([store_rows(d, version, pipeline.kb_version) for d in again], version)


@pytest.fixture
def db(tmp_path: Path, pipeline: Pipeline, docs: list[Document], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(OVERLAY_SETTING, str(tmp_path / "overlay.yaml"))
    path = tmp_path / "merge.duckdb"
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        _write(store, docs, VERSION, pipeline)
    return path


def _named(db: Path, entity_id: str) -> dict[str, list[str]]:
    """Where the store names ``entity_id``: mentions' documents, events it is an agent of,
    claims it speaks."""
    with Store(db) as store:
        con = store.con

        def ids(sql: str) -> list[str]:
            return sorted({str(row[0]) for row in con.execute(sql, [entity_id]).fetchall()})

        return {
            "mentions": ids("SELECT doc_id FROM mentions WHERE entity_id = ?"),
            "agents": ids("SELECT event_id FROM events WHERE list_contains(agent_ids, ?)"),
            "participants": ids("SELECT event_id FROM event_participants WHERE entity_id = ?"),
            "claims": ids("SELECT claim_id FROM claims WHERE speaker = ?"),
            "provisional": ids("SELECT doc_id FROM provisional_entities WHERE entity_id = ?"),
        }


def test_a_merge_makes_every_row_name_the_known_person_and_holds_through_a_new_pipeline(
    db: Path, pipeline: Pipeline, docs: list[Document]
) -> None:
    before = _named(db, BEKOV)
    assert before["mentions"] == ["mg-1", "mg-3"] and before["provisional"] == ["mg-1", "mg-3"]
    assert before["agents"] and before["claims"]
    assert _named(db, KNOWN)["mentions"] == []
    with Store(db) as store:
        review = merge_entity(store, BEKOV, KNOWN, "layla", "the same deputy minister")
    assert (review.action, review.kind, review.after) == ("merge", "entity", {"entity": KNOWN})
    assert review.anchor.identity == {"names": ["ar:تيمور بيكوف"], "type": "person"}
    after = _named(db, KNOWN)
    assert after == before | {"provisional": []}
    assert _named(db, BEKOV) == {key: [] for key in before}
    with marsad.open(db) as kb:
        profile = kb.entity(KNOWN)
        assert profile.mentioned_in == ("mg-1", "mg-3")
        assert {r.event_id for e in profile.events for r in e.reports} == set(after["agents"])
    with Store(db) as store:
        assert [(r.review.action, r.state) for r in listed(store)] == [("merge", "applied")]
        _write(store, docs, NEWER, pipeline, reordered=True)  # a newer pipeline: every document again
        assert store.con.execute("SELECT DISTINCT pipeline_version FROM mentions").fetchall() == [(NEWER,)]
        assert [(r.review.action, r.state) for r in listed(store)] == [("merge", "applied")]
    assert _named(db, KNOWN) == after
    assert _named(db, BEKOV)["mentions"] == []


def test_a_merge_is_anchored_to_the_name_not_the_id(db: Path, pipeline: Pipeline, docs: list[Document]) -> None:
    with Store(db) as store:
        merge_entity(store, BEKOV, "Murat Nurtleu", "layla", "named by his English name")
        # a re-extraction that spells the provisional id otherwise (a changed transliteration)
        respelled = [
            replace(
                d,
                mentions=[replace(m, entity_id="new-teymur-bekov") if m.entity_id == BEKOV else m for m in d.mentions],
                new_entities={
                    ("new-teymur-bekov" if k == BEKOV else k): (replace(v, id="new-teymur-bekov") if k == BEKOV else v)
                    for k, v in d.new_entities.items()
                },
            )
            for d in docs
        ]
        _write(store, respelled, NEWER, pipeline)
    assert _named(db, KNOWN)["mentions"] == ["mg-1", "mg-3"]
    assert _named(db, "new-teymur-bekov")["mentions"] == []


def test_what_a_merge_refuses(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(UnknownFact, match="no provisional entity"):
            merge_entity(store, "new-nobody", KNOWN, "layla", "")
        with pytest.raises(ReviewError, match="no entity 'nobody-known'"):
            merge_entity(store, BEKOV, "nobody-known", "layla", "")
        with pytest.raises(ReviewError, match="is a person, KAZ a country"):
            merge_entity(store, BEKOV, "KAZ", "layla", "")
        with pytest.raises(ReviewError, match="reviewer"):
            merge_entity(store, BEKOV, KNOWN, " ", "")
        merge_entity(store, BEKOV, KNOWN, "layla", "")
        with pytest.raises(ReviewError, match=f"merged into {KNOWN} already"):
            merge_entity(store, BEKOV, "kassym-jomart-tokayev", "layla", "")
        assert len(listed(store)) == 1


def test_a_merge_travels_with_the_log(db: Path, tmp_path: Path, pipeline: Pipeline, docs: list[Document]) -> None:
    with Store(db) as store:
        merge_entity(store, BEKOV, KNOWN, "layla", "the same man")
        export_reviews(store, tmp_path / "reviews.jsonl")
    other = tmp_path / "other.duckdb"
    with Store(other) as store:
        store.sync_reference(pipeline.kb)
        _write(store, docs, VERSION, pipeline)
        report = import_reviews(store, tmp_path / "reviews.jsonl")
        assert report.added == 1
    assert _named(other, KNOWN)["mentions"] == ["mg-1", "mg-3"]


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "MARSAD_REVIEWER": "layla"})
    return result.exit_code, result.output


def test_promote_writes_the_overlay_that_the_next_extraction_links(db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    code, out = _cli(
        "review", "promote", NUROZOV, "--id", "arslan-nurozov", "--name-en", "Arslan Nurozov",
        "--name-ru", "Арслан Нурозов", "--role", "aide:2023", "--reason", "deputy defence minister", "--db", str(db),
    )  # fmt: skip
    assert code == 0, out
    assert "promoted new-arslan-norozof to arslan-nurozov" in out
    from marsad.datafile import load_yaml

    (entry,) = load_yaml(overlay.read_text(encoding="utf-8"))["entries"]
    assert entry == {
        "type": "person", "id": "arslan-nurozov", "name_en": "Arslan Nurozov", "name_ar": "أرسلان نوروزوف",
        "name_ru": "Арслан Нурозов", "country": "KGZ",
        "roles": [{"office": "aide", "start": "2023", "end": "", "state": "KGZ"}],
    }  # fmt: skip
    assert _named(db, "arslan-nurozov")["mentions"] == ["mg-2"]
    assert _named(db, NUROZOV)["provisional"] == []
    code, out = _cli("kb", "check")
    assert code == 0, out
    assert f"overlay {overlay}: 1 entries" in out and "+overlay-" in out
    with marsad.open(db) as kb:
        assert kb.entity("arslan-nurozov").name_en == "Arslan Nurozov"
    fresh = build_pipeline()  # the knowledge base with the overlay
    again = _extract(fresh)
    (doc,) = [d for d in again if d.id == "mg-2"]
    assert [m.entity_id for m in doc.mentions if m.text == "أرسلان نوروزوف"] == ["arslan-nurozov"]
    assert NUROZOV not in doc.new_entities
    with Store(db) as store:  # stored so: the linker links the name, no provisional entity is merged
        _write(store, again, NEWER, fresh)
        assert store.con.execute("SELECT count(*) FROM entity_merges").fetchone() == (0,)
    assert _named(db, "arslan-nurozov")["mentions"] == ["mg-2"]
    code, out = _cli("review", "list", "--db", str(db), "--json")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["action"], row["kind"], row["state"], row["after"]["entity"]) == (
        "promote", "entity", "applied", "arslan-nurozov"
    )  # fmt: skip


def test_a_promotion_the_checks_refuse_leaves_the_overlay_as_it_was(db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    with Store(db) as store:
        with pytest.raises(ReviewError, match="missing required key 'roles'"):
            promote_entity(store, NUROZOV, {"id": "arslan-nurozov", "name_en": "Arslan Nurozov"}, "layla", "")
        with pytest.raises(ReviewError, match="already defined"):
            promote_entity(
                store, NUROZOV, {"id": KNOWN, "name_en": "Arslan", "roles": [{"office": "aide", "start": "2023", "end": ""}]},
                "layla", "",
            )  # fmt: skip
        assert listed(store) == []
    assert not overlay.exists()
    assert _named(db, NUROZOV)["provisional"] == ["mg-2"]


def test_kb_check_reports_an_overlay_name_a_bundled_entity_has(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "source: test\nlicence: test\nentries:\n"
        "  - {type: person, id: murat-the-second, name_en: Murat Nurtleu, name_ar: مراد الثاني,\n"
        "     roles: [{office: aide, state: KAZ, start: '2023', end: ''}]}\n",
        encoding="utf-8",
    )
    code, out = _cli("kb", "check", "--overlay", str(overlay))
    assert code != 0
    assert "murat nurtleu" in out.casefold() and f"{overlay}:4" in out and "persons.yaml" in out
    overlay.write_text(overlay.read_text(encoding="utf-8").replace("type: person", "type: starship"), encoding="utf-8")
    code, out = _cli("kb", "check", "--overlay", str(overlay))
    assert code != 0 and "'type' must be one of" in out


def test_an_imported_promotion_adds_its_entry_to_the_importers_overlay(
    db: Path, tmp_path: Path, pipeline: Pipeline, docs: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    role = {"office": "aide", "start": "2023", "end": ""}
    with Store(db) as store:
        promote_entity(
            store, NUROZOV, {"id": "arslan-nurozov", "name_en": "Arslan Nurozov", "roles": [role]}, "layla", ""
        )
        export_reviews(store, tmp_path / "reviews.jsonl")
    theirs = tmp_path / "their-overlay.yaml"
    monkeypatch.setenv(OVERLAY_SETTING, str(theirs))
    other = tmp_path / "other.duckdb"
    with Store(other) as store:
        store.sync_reference(pipeline.kb)
        _write(store, docs, VERSION, pipeline)
        report = import_reviews(store, tmp_path / "reviews.jsonl")
        assert (report.added, report.problems) == (1, [])
    assert "arslan-nurozov" in theirs.read_text(encoding="utf-8")
    assert _named(other, "arslan-nurozov")["mentions"] == ["mg-2"]
    with marsad.open(other) as kb:
        assert kb.entity("arslan-nurozov").name_ar == "أرسلان نوروزوف"


def test_a_merge_into_a_format_counts_in_the_indicators(tmp_path: Path, pipeline: Pipeline) -> None:
    # an exercise of Kazakhstan with a body the knowledge base lacks, written as the actors of
    # an event name it: once the body is merged into the CSTO, the exercise counts as a tie of
    # Kazakhstan within the CSTO
    text = "وأجرت هيئة الإنقاذ الجبلي الطاجيكية مناورات مشتركة مع كازاخستان يوم 3 مارس 2023."
    doc = pipeline(Document("mg-org", text, DocumentMeta(published="2023-03-05", title="mg-org")))
    (body,) = [i for i, e in doc.new_entities.items() if e.type == "organization"]
    (exercise,) = [e for e in doc.events if e.type == "EXERCISE"]
    doc = replace(doc, events=[replace(exercise, actors=("KAZ", body))])
    path = tmp_path / "org.duckdb"
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        _write(store, [doc], VERSION, pipeline)
    with marsad.open(path) as kb:
        assert list(kb.indicators("KAZ", format="CSTO")) == []
    with Store(path) as store:
        merge_entity(store, body, "CSTO", "layla", "the body stands for the organization here")
    with marsad.open(path) as kb:
        (cell,) = kb.indicators("KAZ", format="CSTO")
    assert (cell.year, cell.cooperation, cell.by_type) == ("2023", 1, (("EXERCISE", 1),))
