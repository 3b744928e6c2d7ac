from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from marsad.export import FORMATS, TABLES, ExportError, export, export_bytes
from marsad.export.cli import export_app
from marsad.export.network import GEXF_NS, GRAPHML_NS

GRAPHML = f"{{{GRAPHML_NS}}}"
GEXF = f"{{{GEXF_NS}}}"
TAJIKISTAN = {"lat": (36.0, 41.5), "lon": (67.0, 75.5)}  # a rough bounding box


def _texts(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, text FROM documents").fetchall())


# -- jsonl: document format v1 ------------------------------------------------------------------
def _extracted(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.readers import ReadProblem
    from marsad.ingest.service import extract
    from marsad.output import document_record

    pipeline = build_pipeline()
    records = {}
    for doc in extract([corpus_dir], pipeline):
        assert not isinstance(doc, ReadProblem), doc
        records[doc.id] = document_record(doc, pipeline.kb)
    return records


def _spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of a record that quotes the original text."""
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += [s for e in record["events"] for s in (e["evidence"], e["trigger"])]
    spans += [m["evidence"] for m in record["memberships"]]
    spans += [s for c in record["claims"] for s in (c["claim"], c["evidence"])]
    spans += [f["evidence"] for f in record["figures"]]
    return spans


def test_jsonl_rebuilds_what_marsad_extract_writes(demo_kb, corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents.jsonl"
    assert export(demo_kb, "jsonl", out) == [out]
    exported = {r["doc"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    expected = _extracted(corpus_dir)
    assert sorted(exported) == sorted(expected)
    texts = _texts(demo_kb.con)
    for doc_id, want in expected.items():
        got = exported[doc_id]
        assert list(got) == list(want)  # the same keys, in the same order
        assert [e["id"] for e in got["entities"]] == [e["id"] for e in want["entities"]]
        assert [(e["type"], e["actors"], e["agents"], e["content"]) for e in got["events"]] == [
            (e["type"], e["actors"], e["agents"], e["content"]) for e in want["events"]
        ]
        assert [(m["member"], m["org"], m["status"]) for m in got["memberships"]] == [
            (m["member"], m["org"], m["status"]) for m in want["memberships"]
        ]
        assert [c["event"] for c in got["claims"]] == [c["event"] for c in want["claims"]]
        assert len(got["figures"]) == len(want["figures"])
        spans = _spans(got)
        assert spans
        for span in spans:
            assert texts[doc_id][span["start"] : span["end"]] == span["text"]


# -- csv and parquet: the tables ----------------------------------------------------------------
def test_csv_writes_every_table_but_the_search_index(demo_kb, tmp_path: Path) -> None:
    written = export(demo_kb, "csv", tmp_path / "tables")
    assert [p.name for p in written] == [f"{t}.csv" for t in TABLES]
    assert not (tmp_path / "tables" / "search_postings.csv").exists()
    with (tmp_path / "tables" / "memberships.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    uzb_csto = [r for r in rows if r["member"] == "UZB" and r["org"] == "CSTO"]
    assert any(r["origin"] == "kb" and r["since"] == "1992-05-15" for r in uzb_csto)
    total = demo_kb.con.execute("SELECT count(*) FROM memberships").fetchone()[0]
    assert len(rows) == total


def test_parquet_reads_back_to_the_stored_rows(demo_kb, tmp_path: Path) -> None:
    folder = tmp_path / "parquet"
    export(demo_kb, "parquet", folder)
    reader = duckdb.connect()
    for table in ("events", "mentions", "claims"):
        stored = demo_kb.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        read = reader.execute("SELECT count(*) FROM read_parquet(?)", [str(folder / f"{table}.parquet")]).fetchone()
        assert read[0] == stored > 0
    sql = "SELECT event_id, cluster_id, type, date, place FROM {} ORDER BY event_id"
    stored_events = demo_kb.con.execute(sql.format("events")).fetchall()
    assert reader.execute(sql.format("read_parquet(?)"), [str(folder / "events.parquet")]).fetchall() == stored_events


def test_export_bytes_gives_one_table_and_names_the_valid_ones(demo_kb) -> None:
    content, media_type, name = export_bytes(demo_kb, "csv", table="events")
    assert media_type.startswith("text/csv") and name == "marsad-events.csv"
    header, *rows = content.decode("utf-8").splitlines()
    assert header.startswith("event_id,doc_id,type,plover")
    assert rows
    parquet, media_type, _ = export_bytes(demo_kb, "parquet", table="memberships")
    assert parquet[:4] == b"PAR1" and media_type == "application/vnd.apache.parquet"
    for table in (None, "search_postings", "events; DROP TABLE events"):
        with pytest.raises(ExportError, match="memberships"):
            export_bytes(demo_kb, "csv", table=table)


# -- plover: events ------------------------------------------------------------------------------
def test_plover_has_every_event_cluster_with_its_sources(demo_kb, tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    export(demo_kb, "plover", out)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == demo_kb.count_events() > 0
    assert len({r["event_id"] for r in records}) == len(records)
    texts = _texts(demo_kb.con)
    for record in records:
        assert record["event_type"] and record["marsad_type"]
        assert record["reports"] == len(record["sources"]) >= 1
        for source in record["sources"]:
            assert texts[source["doc_id"]][source["start"] : source["end"]] == source["evidence"]
    clash = next(r for r in records if r["marsad_type"] == "CLASH" and r["reports"] > 1)
    assert clash["event_type"] == "FIGHT"
    assert len({s["doc_id"] for s in clash["sources"]}) > 1


def test_plover_lines_are_filtered_like_the_query_api(demo_kb, tmp_path: Path) -> None:
    out = tmp_path / "exercises.jsonl"
    export(demo_kb, "plover", out, type="EXERCISE", actors=["TJK"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == demo_kb.count_events(type="EXERCISE", actors=["TJK"]) > 0
    for record in records:
        assert record["marsad_type"] == "EXERCISE" and record["event_type"] == "COOPERATE"
        assert record["context"] == ["military"]
        assert "TJK" in [a["id"] for a in record["actors"]]
    in_tajikistan = [r for r in records if r["location"] and r["location"]["place"] == "TJK"]
    assert in_tajikistan and in_tajikistan[0]["location"]["located_by"] == "capital"


# -- graphml and gexf: the network at a date --------------------------------------------------------
def _graphml_edges(path: Path) -> list[tuple[str, str, str]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("attr.name"): k.get("id") for k in root.iter(f"{GRAPHML}key") if k.get("for") in ("edge", "all")}
    edges = []
    for edge in root.iter(f"{GRAPHML}edge"):
        data = {d.get("key"): d.text for d in edge.iter(f"{GRAPHML}data")}
        edges.append((edge.get("source"), edge.get("target"), data[keys["kind"]]))
    node_ids = {n.get("id") for n in root.iter(f"{GRAPHML}node")}
    assert {s for s, _, _ in edges} | {t for _, t, _ in edges} <= node_ids
    return edges


def _gexf_edges(path: Path) -> list[tuple[str, str, str]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    edges = list(root.iter(f"{GEXF}edge"))
    assert len({e.get("id") for e in edges}) == len(edges)  # parallel edges need their own ids
    node_ids = {n.get("id") for n in root.iter(f"{GEXF}node")}
    assert {e.get("source") for e in edges} | {e.get("target") for e in edges} <= node_ids
    return [(e.get("source"), e.get("target"), e.get("kind")) for e in edges]


@pytest.mark.parametrize(("fmt", "edges_of"), [("graphml", _graphml_edges), ("gexf", _gexf_edges)])
def test_network_has_uzbekistan_in_the_csto_in_1995_not_2000(demo_kb, tmp_path: Path, fmt: str, edges_of) -> None:
    at_1995, at_2000 = tmp_path / f"1995.{fmt}", tmp_path / f"2000.{fmt}"
    export(demo_kb, fmt, at_1995, at="1995")
    export(demo_kb, fmt, at_2000, at="2000")
    assert ("UZB", "CSTO", "membership") in edges_of(at_1995)
    edges_2000 = edges_of(at_2000)
    assert ("UZB", "CIS", "membership") in edges_2000
    assert not [e for e in edges_2000 if e[:2] == ("UZB", "CSTO")]


@pytest.mark.parametrize(("fmt", "edges_of"), [("graphml", _graphml_edges), ("gexf", _gexf_edges)])
def test_network_keeps_parallel_edges_of_different_kinds(demo_kb, tmp_path: Path, fmt: str, edges_of) -> None:
    out = tmp_path / f"2022.{fmt}"
    export(demo_kb, fmt, out, at="2022")
    edges = edges_of(out)
    assert len(edges) == len(demo_kb.network("2022").edges)
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source, target, kind in edges:
        kinds[(source, target)].add(kind)
    assert max(len(k) for k in kinds.values()) > 1


def test_gexf_declares_its_attributes_and_undirected_interactions(demo_kb, tmp_path: Path) -> None:
    out = tmp_path / "2022.gexf"
    export(demo_kb, "gexf", out, at="2022")
    root = ET.parse(out).getroot()
    declared = {a.get("id") for a in root.iter(f"{GEXF}attribute")}
    used = {v.get("for") for v in root.iter(f"{GEXF}attvalue")}
    assert used <= declared and {"name_ar", "lat", "lon", "kind", "status"} <= declared
    kaz = next(n for n in root.iter(f"{GEXF}node") if n.get("id") == "KAZ")
    values = {v.get("for"): v.get("value") for v in kaz.iter(f"{GEXF}attvalue")}
    assert kaz.get("label") == "Kazakhstan" and values["name_ar"] == "كازاخستان" and float(values["lat"]) > 40
    for edge in root.iter(f"{GEXF}edge"):
        assert (edge.get("type") == "undirected") == (edge.get("kind") != "membership")


def test_network_needs_a_valid_date(demo_kb, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="--at"):
        export(demo_kb, "graphml", tmp_path / "n.graphml")
    with pytest.raises(ExportError, match="YYYY"):
        export_bytes(demo_kb, "gexf", at="2x")
    assert not (tmp_path / "n.graphml").exists()


# -- geojson: events on a map ------------------------------------------------------------------------
def test_geojson_places_events_at_lon_lat(demo_kb, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export(demo_kb, "geojson", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert features
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert {"cluster_id", "type", "plover", "date", "actors", "modality", "evidence", "doc_id"} <= set(
            feature["properties"]
        )
    in_tajikistan = [f for f in features if f["properties"]["place"] == "TJK"]
    assert in_tajikistan
    for feature in in_tajikistan:
        lon, lat = feature["geometry"]["coordinates"]
        assert TAJIKISTAN["lat"][0] <= lat <= TAJIKISTAN["lat"][1]
        assert TAJIKISTAN["lon"][0] <= lon <= TAJIKISTAN["lon"][1]
    content, media_type, _ = export_bytes(demo_kb, "geojson", type="EXERCISE")
    assert media_type == "application/geo+json"
    assert {f["properties"]["type"] for f in json.loads(content)["features"]} == {"EXERCISE"}


# -- requests that cannot be met ------------------------------------------------------------------
def test_bad_requests_say_what_to_change(demo_kb, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="jsonl, csv"):
        export(demo_kb, "xml", tmp_path / "x.xml")
    with pytest.raises(ExportError, match="plover and geojson only"):
        export(demo_kb, "jsonl", tmp_path / "d.jsonl", type="EXERCISE")
    with pytest.raises(ExportError, match="unknown event filter limit"):
        export(demo_kb, "plover", tmp_path / "e.json", limit=5)
    with pytest.raises(ExportError, match="give a folder"):
        (tmp_path / "file").write_text("x")
        export(demo_kb, "csv", tmp_path / "file")
    assert set(FORMATS) == {"jsonl", "csv", "parquet", "plover", "graphml", "gexf", "geojson", "gold"}


# -- the command line ----------------------------------------------------------------------------------
def _app() -> typer.Typer:
    """The main CLI registers the export sub-application this way."""
    app = typer.Typer()

    @app.command()
    def version() -> None:
        typer.echo("0")

    app.add_typer(export_app, name="export")
    return app


runner = CliRunner()


def test_cli_help_has_an_example() -> None:
    result = runner.invoke(_app(), ["export", "--help"])
    assert result.exit_code == 0
    assert "Example: marsad export" in result.output


def test_cli_writes_the_files_and_prints_them(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    result = runner.invoke(_app(), ["export", "gexf", str(out), "--db", str(demo_db), "--at", "1995"])
    assert result.exit_code == 0, result.output
    assert ("UZB", "CSTO", "membership") in _gexf_edges(out)
    assert f"wrote {out}" in result.output
    events = tmp_path / "ex.jsonl"
    result = runner.invoke(
        _app(), ["export", "plover", str(events), "--db", str(demo_db), "--type", "EXERCISE", "--actor", "TJK"]
    )
    assert result.exit_code == 0, result.output
    lines = events.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["marsad_type"] == "EXERCISE" for line in lines)


def test_cli_errors_exit_2_with_the_reason(demo_db: Path, tmp_path: Path) -> None:
    no_date = runner.invoke(_app(), ["export", "graphml", str(tmp_path / "n.graphml"), "--db", str(demo_db)])
    assert no_date.exit_code == 2 and "error:" in no_date.output and "--at" in no_date.output
    no_store = runner.invoke(
        _app(), ["export", "jsonl", str(tmp_path / "d.jsonl"), "--db", str(tmp_path / "no.duckdb")]
    )
    assert no_store.exit_code == 2 and "marsad ingest" in no_store.output
    bad_format = runner.invoke(_app(), ["export", "xml", str(tmp_path / "x"), "--db", str(demo_db)])
    assert bad_format.exit_code == 2 and "geojson" in bad_format.output
