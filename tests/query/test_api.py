"""The analyst's questions on a real store built from the demo corpus."""

from __future__ import annotations

import pytest

from marsad.query.api import QueryError, date_high, date_low


@pytest.mark.parametrize(
    ("at", "present", "absent"),
    [
        ("1995", {"UZB", "AZE", "GEO", "KAZ", "ARM"}, set()),
        ("2000", {"KAZ", "RUS", "ARM", "BLR"}, {"UZB", "AZE", "GEO"}),  # the three left in 1999
        ("2008", {"UZB"}, set()),  # rejoined in 2006
        ("2013", {"KAZ"}, {"UZB"}),  # suspended in 2012, then out
    ],
)
def test_csto_members_at_a_date(demo_kb, at: str, present: set[str], absent: set[str]) -> None:
    members = {m.member for m in demo_kb.members("CSTO", at)}
    assert present <= members
    assert not absent & members


def test_armenias_freeze_shows_with_its_sources(demo_kb) -> None:
    armenia = next(m for m in demo_kb.members("CSTO", "2024") if m.member == "ARM")
    assert armenia.status == "frozen"
    assert armenia.since == "2024-02-22"
    assert "frozen" in armenia.note
    # the demo articles name Armenia as a CSTO member: their evidence comes with the answer
    assert armenia.origin == "kb+article"
    assert all(s.evidence and s.doc_id for s in armenia.sources)


def test_article_reports_carry_their_confidence_and_can_be_hidden(demo_kb) -> None:
    members = demo_kb.members("CSTO", "2024")
    reported = [m for m in members if m.sources]
    assert reported and all(m.confidence is not None and 0 < m.confidence < 1 for m in reported)
    assert all(m.confidence is None for m in members if not m.sources)
    # above every report's confidence, the articles add nothing and the reference still counts
    strict = demo_kb.members("CSTO", "2024", min_confidence=1.0)
    assert not any(m.sources for m in strict)
    assert {m.member for m in strict} == {m.member for m in members if m.origin != "article"}
    with pytest.raises(QueryError, match="min_confidence"):
        demo_kb.members("CSTO", "2024", min_confidence=2.0)


def test_a_name_works_as_well_as_an_id(demo_kb) -> None:
    by_name = {m.member for m in demo_kb.members("منظمة معاهدة الأمن الجماعي", "2000")}
    assert by_name == {m.member for m in demo_kb.members("CSTO", "2000")}


def test_uzbekistans_history_in_the_csto(demo_kb) -> None:
    changes = [(c.date, c.change) for c in demo_kb.membership_history(org="CSTO", member="UZB") if c.origin == "kb"]
    assert changes == [
        ("1992-05-15", "joined"),
        ("1999-04", "left"),
        ("2006-08-16", "joined"),
        ("2012-06-28", "suspended"),
        ("2012-12-19", "left"),
    ]


def test_every_exercise_in_tajikistan_since_2021_with_sources(demo_kb) -> None:
    exercises = demo_kb.events(type="EXERCISE", place="TJK", since="2021")
    assert [e.date for e in exercises] == sorted(e.date for e in exercises)
    assert {"2022-08-10", "2022-10"} <= {e.date for e in exercises}
    for event in exercises:
        assert event.type == "EXERCISE" and event.place == "TJK"
        for report in event.reports:
            text = (demo_kb.store.document(report.source.doc_id) or {})["text"]
            assert text[report.source.start : report.source.end] == report.source.evidence


def test_events_with_all_actors_and_by_agent(demo_kb) -> None:
    both = demo_kb.events(actors=["KGZ", "TJK"], match="all")
    assert both and all({"KGZ", "TJK"} <= set(e.actors) for e in both)
    assert "CLASH" in {e.type for e in both}
    proposals = demo_kb.events(agent="kassym-jomart-tokayev")
    assert proposals and all("kassym-jomart-tokayev" in e.agents for e in proposals)
    assert demo_kb.count_events(type="EXERCISE", place="TJK", since="2021") == len(
        demo_kb.events(type="EXERCISE", place="TJK", since="2021")
    )


def test_what_tokayev_proposed_and_where(demo_kb) -> None:
    claims = demo_kb.claims(speaker="kassym-jomart-tokayev")
    assert claims
    assert {c.source.doc_id for c in claims} >= {"002_381fc2a0ed7cd032"}
    statements = demo_kb.events(type="STATEMENT", agent="kassym-jomart-tokayev")
    assert any("طرح" in r.source.evidence for e in statements for r in e.reports)


def test_kazakhstans_profile(demo_kb) -> None:
    kaz = demo_kb.entity("KAZ")
    assert (kaz.name_en, kaz.name_ar, kaz.name_ru) == ("Kazakhstan", "كازاخستان", "Казахстан")
    assert ("CSTO", "joined") in {(c.org, c.change) for c in kaz.memberships}
    assert kaz.events and kaz.mentioned_in
    assert "RUS" in {r.entity_id for r in kaz.related[:5]}


def test_a_persons_roles_over_time(demo_kb) -> None:
    tokayev = demo_kb.entity("kassym-jomart-tokayev")
    assert any(r.state == "KAZ" for r in tokayev.roles)
    assert tokayev.claims


def test_timeline_of_a_pair_is_in_date_order(demo_kb) -> None:
    entries = demo_kb.timeline("KAZ", "RUS")
    assert entries
    dates = [e.date for e in entries if e.date]
    assert dates == sorted(dates)
    assert all({"KAZ", "RUS"} <= set(e.entities) for e in entries if e.kind == "event")


@pytest.mark.parametrize(("at", "edge_present"), [("1995", True), ("2000", False), ("2008", True), ("2013", False)])
def test_uzbekistans_csto_edge_in_the_network(demo_kb, at: str, edge_present: bool) -> None:
    network = demo_kb.network(at)
    edges = {(e.source, e.target) for e in network.edges if e.kind == "membership"}
    assert (("UZB", "CSTO") in edges) is edge_present
    assert {"KAZ", "CSTO"} <= {n.id for n in network.nodes}


def test_network_interactions_come_from_events_in_the_window(demo_kb) -> None:
    network = demo_kb.network("2025-12", years=1)
    interactions = [e for e in network.edges if e.kind != "membership"]
    assert any({e.source, e.target} == {"KGZ", "TJK"} and e.kind == "CLASH" for e in interactions)
    assert all(e.weight > 0 and e.events > 0 for e in interactions)


def test_figures_by_actor_and_kind(demo_kb) -> None:
    spending = demo_kb.figures(actor="KGZ", what="military_spending")
    assert [(f.value, f.unit) for f in spending] == [(1.3e9, "USD")]
    assert spending[0].source.evidence


@pytest.mark.parametrize(
    ("query", "doc_id", "marked"),
    [
        ("منظمة شنغهاي", "001_c6f2d8ba9e7b2ca0", "شنجهاي"),  # another spelling of the name, and a proclitic
        ("منظمة معاهدة الأمن الجماعي", "003_9ffee1fcac2a99ef", "معاهدة"),
        ("الاحتجاجات", "001_c6f2d8ba9e7b2ca0", "الاحتجاجات"),
        ("اوزبكستان", "004_4d87f4ddc5874c52", "أوزبكستان"),  # hamza forms
    ],
)
def test_search_is_arabic_aware(demo_kb, query: str, doc_id: str, marked: str) -> None:
    hits = demo_kb.search(query)
    assert doc_id in {h.doc_id for h in hits}
    hit = next(h for h in hits if h.doc_id == doc_id)
    words = [hit.snippet[a:b] for a, b in hit.highlights]
    assert any(marked in w for w in words), words
    assert "<mark>" in hit.snippet_html


def test_search_filters_and_escapes(demo_kb) -> None:
    assert {h.doc_id for h in demo_kb.search("منظمة", since="2025")} <= {"003_9ffee1fcac2a99ef", "004_4d87f4ddc5874c52"}
    assert {h.doc_id for h in demo_kb.search("منظمة", entity="HIZB-UT-TAHRIR")} == {"003_9ffee1fcac2a99ef"}
    assert demo_kb.search("كلمةغيرموجودة") == []
    hit = demo_kb.search("CSTO")[0]
    assert "&quot;" in hit.snippet_html or '"' not in hit.snippet


@pytest.mark.parametrize(
    "call",
    [
        lambda kb: kb.members("CSTO", "2000-13-45x"),
        lambda kb: kb.members("NOPE", "2000"),
        lambda kb: kb.events(limit=0),
        lambda kb: kb.search("   "),
    ],
)
def test_bad_questions_say_what_to_change(demo_kb, call) -> None:
    with pytest.raises(QueryError):
        call(demo_kb)


def test_partial_dates_cover_their_period() -> None:
    assert (date_low("1999"), date_high("1999")) == ("1999-01-01", "1999-12-31")
    assert (date_low("2022-10"), date_high("2022-10")) == ("2022-10-01", "2022-10-31")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("99", "date '99': write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "an empty date"),
        ("2023-13", "there is no month 13"),
        ("2023-02-30", "2023-02 has days 01 to 28, not 30"),
    ],
)
def test_a_date_asked_for_is_checked(date: str, message: str) -> None:
    for bound in (date_low, date_high):
        with pytest.raises(QueryError, match=message):
            bound(date)


def test_answers_become_dataframes(demo_kb) -> None:
    pandas = pytest.importorskip("pandas")
    frame = demo_kb.members("CSTO", "2000").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert set(frame["member"]) >= {"KAZ", "RUS"}


@pytest.mark.parametrize("threshold", [0.7, 0.8])
def test_events_at_a_confidence_keep_only_clusters_reported_that_surely(demo_kb, threshold: float) -> None:
    every = demo_kb.events(limit=1000)
    sure = demo_kb.events(min_confidence=threshold, limit=1000)
    assert 0 < len(sure) < len(every)  # the demo store holds events on both sides of the threshold
    assert all(e.confidence >= threshold for e in sure)
    assert {e.cluster_id for e in sure} == {e.cluster_id for e in every if e.confidence >= threshold}
    assert demo_kb.count_events(min_confidence=threshold) == len(sure)


def test_a_confidence_outside_zero_to_one_is_refused(demo_kb) -> None:
    with pytest.raises(QueryError, match="from 0 to 1"):
        demo_kb.events(min_confidence=1.5)


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory: pytest.TempPathFactory):
    """A store of three short articles naming Tokayev: in Arabic, Russian and English."""
    import json

    import marsad
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.service import ingest
    from marsad.store.duck import Store

    folder = tmp_path_factory.mktemp("languages")
    records = [
        {"id": "ar", "language": "ar", "text": "وصل الرئيس الكازاخستاني قاسم جومارت توكاييف إلى بشكيك أمس."},
        {"id": "ru", "language": "ru", "text": "Президент Казахстана Касым-Жомарт Токаев прибыл в Бишкек."},
        {"id": "en", "language": "en", "text": "Kazakh President Kassym-Jomart Tokayev arrived in Bishkek."},
        {"id": "other", "language": "en", "text": "Kyrgyz officials met in Bishkek to talk about water."},
    ]
    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    pipeline = build_pipeline()
    with Store(folder / "s.duckdb") as store:
        store.sync_reference(pipeline.kb)
        assert not ingest([source], store, pipeline).problems
    kb = marsad.open(folder / "s.duckdb")
    yield kb
    kb.close()


@pytest.mark.parametrize("query", ["Tokayev", "توكاييف", "Токаев"])
def test_a_name_finds_its_entitys_articles_in_every_language(three_languages, query: str) -> None:
    hits = {h.doc_id: h for h in three_languages.search(query)}
    assert set(hits) == {"ar", "ru", "en"}
    for hit in hits.values():  # each shown at its naming, the name marked
        assert hit.highlights and "<mark>" in hit.snippet_html


def test_words_that_are_no_name_find_only_the_articles_holding_them(three_languages) -> None:
    assert {h.doc_id for h in three_languages.search("water")} == {"other"}
    assert {h.doc_id for h in three_languages.search("arrived Bishkek")} == {"en"}
