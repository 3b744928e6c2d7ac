"""Query latency on a large store: p50 and p95 of each analyst's question.

The store is built from the demo corpus: its extracted events are replayed across dates and
actors up to ``--events`` events, and its real sentences are recombined into ``--docs``
articles for search (their index rows are the indexer's own rows for each sentence, so the
index is exactly what ingesting those articles would write). Prints figures, never passes or
fails. Run:
    .venv/bin/python -m benchmarks.bench_query --events 1000000 --docs 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import marsad
from marsad.extract.pipeline import build_pipeline
from marsad.indicators import pairs as indicator_pairs
from marsad.ingest.service import ingest
from marsad.search.index import postings
from marsad.store.duck import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
OUT = Path(__file__).resolve().parent / "out"
STATES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN", "USA", "AFG", "ARM", "AZE", "BLR", "IRN", "TUR", "UKR"]


def build(path: Path, n_events: int, n_docs: int, seed: int = 7) -> None:
    """A store with the demo corpus, ``n_events`` replayed events and ``n_docs`` articles."""
    if path.exists():
        path.unlink()
    pipeline = build_pipeline()
    # building the synthetic store aggregates a million-row text table in one statement: more
    # than a store's default 512 MB (an ingest never does this); the questions are then timed
    # with the default setting
    previous = os.environ.get("MARSAD_DB_MEMORY")
    os.environ["MARSAD_DB_MEMORY"] = "4GB"
    try:
        _fill(path, pipeline, n_events, n_docs, seed)
    finally:
        if previous is None:
            os.environ.pop("MARSAD_DB_MEMORY")
        else:
            os.environ["MARSAD_DB_MEMORY"] = previous


def _fill(path: Path, pipeline, n_events: int, n_docs: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        ingest([CORPUS], store, pipeline)
        con = store.con
        _replay_events(con, n_events, seed)
        indicator_pairs.rebuild(con)  # the replayed events are written by SQL, not through the store
        con.execute("CHECKPOINT")  # each step's rows go to the file before the next step's large joins
        _recombined_documents(con, n_docs, seed)
        store.optimize_search_index(force=True)  # what `marsad ingest` does after a large batch
        con.execute("CHECKPOINT")


def _replay_events(con, n_events: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Each synthetic event copies a real one, moved to another date and given other actors."""
    con.execute("CREATE TEMP TABLE real AS SELECT row_number() OVER () - 1 AS k, * FROM events")
    n_real = con.execute("SELECT count(*) FROM real").fetchone()[0]
    states = ", ".join(f"'{s}'" for s in STATES)  # constants
    con.execute(
        f"CREATE TEMP TABLE pool AS SELECT unnest([{states}]) AS s, generate_subscripts([{states}], 1) - 1 AS i"
    )
    con.execute(f"SELECT setseed({seed / 100})")
    con.execute(
        "INSERT INTO events (event_id, doc_id, type, plover, date, place, modality, confidence, start_char, end_char, "
        "evidence, rule_id, pipeline_version, date_source, trigger_start, trigger_end, cluster_id) "
        "SELECT 'syn:' || g, r.doc_id, r.type, r.plover, "
        "left(strftime(DATE '1992-01-01' + CAST(floor(random() * 12000) AS INTEGER), '%Y-%m-%d'), "
        "CASE WHEN g % 3 = 0 THEN 4 WHEN g % 3 = 1 THEN 7 ELSE 10 END), "
        "r.place, r.modality, r.confidence, r.start_char, r.end_char, r.evidence, r.rule_id, r.pipeline_version, "
        "'text', r.trigger_start, r.trigger_end, 'syn:' || (g - g % 3) "
        f"FROM range(?) t(g) JOIN real r ON r.k = g % {n_real}",
        [n_events],
    )
    n_states = len(STATES)
    con.execute(
        "INSERT INTO event_participants SELECT 'syn:' || g, 'syn', p.s, 'actor' FROM range(?) t(g) "
        f"JOIN pool p ON p.i IN (g % {n_states}, (g * 7 + 3) % {n_states}, (g * 13 + 5) % {n_states})",
        [n_events],
    )
    con.execute(
        "UPDATE events SET actor_ids = a.ids, agent_ids = [] FROM (SELECT event_id, list(DISTINCT entity_id "
        "ORDER BY entity_id) AS ids FROM event_participants WHERE doc_id = 'syn' GROUP BY event_id) a "
        "WHERE events.event_id = a.event_id"
    )


def _recombined_documents(con, n_docs: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Articles of 8–20 real sentences each, with the index rows ingesting them would write."""
    rows = con.execute(
        "SELECT substring(d.text, s.start_char + 1, s.end_char - s.start_char) FROM sentences s "
        "JOIN documents d USING (doc_id) ORDER BY s.doc_id, s.idx"
    ).fetchall()
    sentences = [r[0] for r in rows if r[0] and r[0].strip()]
    per_sentence = []
    for k, text in enumerate(sentences):
        keys, _ = postings(text)
        per_sentence.extend((k, key, tf) for key, tf in keys)
    con.execute("CREATE TEMP TABLE src (k INTEGER, text VARCHAR, n_tokens INTEGER)")
    con.executemany("INSERT INTO src VALUES (?, ?, ?)", [(k, t, postings(t)[1]) for k, t in enumerate(sentences)])
    con.execute("CREATE TEMP TABLE src_postings (k INTEGER, key VARCHAR, tf INTEGER)")
    con.executemany("INSERT INTO src_postings VALUES (?, ?, ?)", per_sentence)
    # 8 to 20 sentences per article, picked by a hash of (article, position): pure SQL, fast
    con.execute(
        "CREATE TEMP TABLE plan AS SELECT d, j AS idx, CAST(hash(d * 1000 + j + ?) % ? AS INTEGER) AS k "
        "FROM range(?) t(d), range(20) s(j) WHERE j < 8 + d % 13",
        [seed, len(sentences), n_docs],
    )
    # sentence offsets inside each recombined article (sentences joined by one space)
    con.execute(
        "CREATE TEMP TABLE placed AS SELECT p.d, p.idx, p.k, s.text, s.n_tokens, "
        "coalesce(sum(length(s.text) + 1) OVER (PARTITION BY p.d ORDER BY p.idx ROWS BETWEEN UNBOUNDED PRECEDING "
        "AND 1 PRECEDING), 0) AS start_char FROM plan p JOIN src s USING (k)"
    )
    con.execute(
        "INSERT INTO documents SELECT 'syn-' || d, md5('syn-' || d), NULL, NULL, NULL, 'benchmark', 'ar', "
        "strftime(DATE '2015-01-01' + CAST(d % 3900 AS INTEGER), '%Y-%m-%d'), string_agg(text, ' ' ORDER BY idx), "
        "sum(length(text) + 1) - 1, now()::TIMESTAMP, 'bench', 'bench', NULL FROM placed GROUP BY d"
    )
    con.execute("INSERT INTO sentences SELECT 'syn-' || d, idx, start_char, start_char + length(text) FROM placed")
    con.execute("CHECKPOINT")
    con.execute(
        "INSERT INTO search_postings SELECT sp.key, 'syn-' || p.d, CAST(sum(sp.tf) AS INTEGER) FROM placed p "
        "JOIN src_postings sp USING (k) GROUP BY ALL"
    )
    con.execute("INSERT INTO search_documents SELECT 'syn-' || d, sum(n_tokens) FROM placed GROUP BY d")


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float, float, float]:
    """p50 and p95 of the wall time, then of this process's CPU time (DuckDB's threads
    included): on a core other work shares, the CPU time is what the question itself costs."""
    fn()  # warm
    samples, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    samples.sort()
    cpu.sort()
    at95 = max(0, round(0.95 * len(samples)) - 1)
    return statistics.median(samples), samples[at95], statistics.median(cpu), cpu[at95]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, default=OUT / "bench_query.duckdb")
    parser.add_argument("--reuse", action="store_true", help="query an existing --db instead of rebuilding it")
    parser.add_argument("--pages-only", action="store_true", help="time only the web pages (with --reuse)")
    parser.add_argument("--only", default="", help="time only the questions whose name starts with this, no pages")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not (args.reuse and args.db.exists()):
        t0 = time.perf_counter()
        build(args.db, args.events, args.docs)
        print(f"built {args.db} in {time.perf_counter() - t0:.1f} s")
    if args.pages_only:
        _time_pages(args.db, args.runs)
        return
    kb = marsad.open(args.db)
    counts = kb.store.counts()
    size_mb = args.db.stat().st_size / 1e6
    print(
        f"machine: {os.cpu_count()} cores; store: {counts['events']:,} events, {counts['documents']:,} documents, "
        f"{size_mb:,.0f} MB"
    )
    rng = random.Random(1)
    questions: list[tuple[str, Callable[[], object]]] = [
        ("members at a date (CSTO)", lambda: kb.members("CSTO", str(rng.randint(1993, 2025)))),
        ("membership history (CSTO)", lambda: kb.membership_history(org="CSTO")),
        ("events: type + place + since", lambda: kb.events(type="EXERCISE", place="TJK", since="2021", limit=50)),
        (
            "events: any actor + date range",
            lambda: kb.events(actors=[rng.choice(STATES)], since="2010", until="2012", limit=50),
        ),
        ("events: all of two actors", lambda: kb.events(actors=rng.sample(STATES, 2), match="all", limit=50)),
        ("events: count with filters", lambda: kb.count_events(type="CLASH", actors=["KGZ"], since="2020")),
        ("timeline of a pair", lambda: kb.timeline("KAZ", "RUS", limit=100)),
        ("network at a date (3 years)", lambda: kb.network(str(rng.randint(1995, 2025)), years=3)),
        ("claims by speaker", lambda: kb.claims(speaker="kassym-jomart-tokayev")),
        ("figures by actor and kind", lambda: kb.figures(actor="KGZ", what="military_spending")),
        ("entity profile", lambda: kb.entity("TJK")),
        ("indicators: a format by state and year", lambda: kb.indicators(format="C5")),
        ("indicators: one state, every partner", lambda: kb.indicators(state=rng.choice(STATES[:5]))),
        ("indicators: every state, partner, format", lambda: kb.indicators()),
        ("indicators: a format's activity (CSTO)", lambda: kb.format_activity("CSTO")),
        ("indicators: figures by year", lambda: kb.figures_by_year("KAZ")),
        ("search: one word", lambda: kb.search("المناورات")),
        ("search: a name, two words", lambda: kb.search("منظمة شنغهاي")),
        ("search: four words + date filter", lambda: kb.search("منظمة معاهدة الأمن الجماعي", since="2020")),
        # what the /documents page asks: a page of articles, newest first, and their count
        ("documents: a page, newest first", lambda: (kb.documents(offset=rng.randint(0, 2000)), kb.count_documents())),
        (
            "documents: a page in a date range",
            lambda: (kb.documents(since="2020", until="2021"), kb.count_documents("2020", "2021")),
        ),
    ]
    print(f"{'question':40} {'p50 ms':>9} {'p95 ms':>9} {'cpu p50':>9} {'cpu p95':>9}")
    for name, fn in questions:
        if name.startswith(args.only):
            print(f"{name:40} " + " ".join(f"{v:9.1f}" for v in _time(fn, args.runs)))
    kb.close()
    if not args.only:
        _time_pages(args.db, args.runs)


def _time_pages(db: Path, runs: int) -> None:
    """The web pages over the same store, through the app (rendering included)."""
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app
    from marsad.web.settings import Settings

    # every page: the overview, the events list and one event, the documents and one, an
    # entity, a search, the network (its page and its API answer), the map, the ingest form
    pages = [
        "/",
        "/events",
        "/events?actor=KAZ",
        "/events/syn:0",
        "/documents",
        "/documents?page=40",
        "/documents?since=2020&until=2021",
        "/documents/syn-17",
        "/entities/KAZ",
        "/search?q=المناورات",
        "/network",
        "/api/network?at=2022&years=3",
        "/map",
        "/indicators",
        "/entities/KAZ?lang=en",
        "/ingest",
    ]
    with TestClient(create_app(Settings(db=db, token="bench")), base_url="http://127.0.0.1") as client:
        print(f"{'page':40} {'p50 ms':>9} {'p95 ms':>9}")
        for url in pages:
            p50, p95, _, _ = _time(lambda url=url: client.get(url, headers={"accept": "text/html"}), runs)
            print(f"{url:40} {p50:9.1f} {p95:9.1f}")


if __name__ == "__main__":
    main()
