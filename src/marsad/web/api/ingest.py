"""``POST /api/ingest``: add articles to the store (token required).

The body is one JSON document (``{"id", "text", "title"?, "published"?, "url"?, "source"?,
"language"?}``), a JSON array of them, or JSON Lines (``application/x-ndjson``). Each record
is extracted and written on its own: a bad one is reported with its position and skipped,
the others land.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from marsad.document import Document
from marsad.ingest.readers import (
    ID_PATTERN,
    OutsideFolderError,
    ReadProblem,
    document_from_record,
    path_in_folder,
    read_documents,
)
from marsad.ingest.service import IngestReport, ingest_documents
from marsad.web.security import WriteAccess

router = APIRouter(prefix="/ingest", tags=["ingest"])
_writer_lock = threading.Lock()  # one writer at a time on the server's store


class IngestProblem(BaseModel):
    where: str
    reason: str


class IngestResult(BaseModel):
    outcomes: dict[str, int]  # added, updated, unchanged, duplicate
    documents: list[str]
    problems: list[IngestProblem]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    # the ingest's own rule for ids (see id_problem), so the API and the command line accept
    # the same ids
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    text: Annotated[str, Field(pattern=r"\S")]  # something besides spaces
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None


def _records(body: bytes, content_type: str) -> list[tuple[str, Any]]:
    if "ndjson" in content_type or "jsonl" in content_type:
        return _json_lines(body)
    try:
        parsed = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise HTTPException(400, f"the body is not JSON: {exc}") from exc
    if isinstance(parsed, list):
        return [(f"item {i}", record) for i, record in enumerate(parsed)]
    return [("body", parsed)]


def _json_lines(body: bytes) -> list[tuple[str, Any]]:
    """One record per line, split on "\n" only, as the command line reads a file:
    ``str.splitlines`` would also cut at U+2028, U+0085 … inside a record's text. A line
    that is not UTF-8 or not JSON is a problem of its own; the others are read."""
    out: list[tuple[str, Any]] = []
    for number, raw in enumerate(body.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        where = f"line {number}"
        try:
            line = raw.removesuffix(b"\r").decode("utf-8")
        except UnicodeDecodeError as exc:
            out.append((where, ValueError(f"not UTF-8 (byte {exc.start + 1} of the line)")))
            continue
        if line.strip():
            try:
                out.append((where, json.loads(line)))
            except (json.JSONDecodeError, RecursionError) as exc:
                out.append((where, exc))
    return out


_ARTICLE_SCHEMA = ArticleIn.model_json_schema()


@router.post(
    "",
    summary="Add articles: one JSON document, a JSON array, or JSON Lines",
    dependencies=[WriteAccess],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                # inline, so the schema resolves: ArticleIn is no route's parameter
                "application/json": {
                    "schema": {
                        "anyOf": [
                            _ARTICLE_SCHEMA,
                            {
                                "type": "array",
                                # any items: each one that is no article is reported in
                                # `problems`, and the others are stored
                                "items": {"description": "an article, as the single-document body"},
                            },
                        ]
                    }
                },
                "application/x-ndjson": {"schema": {"type": "string", "description": "one JSON document per line"}},
            },
        }
    },
)
async def ingest(request: Request) -> IngestResult:
    settings = request.app.state.settings
    body = await request.body()
    if len(body) > settings.max_request_bytes:
        raise HTTPException(413, f"the body is {len(body)} bytes, over the {settings.max_request_bytes}-byte limit")
    records = _records(body, request.headers.get("content-type", ""))
    if len(records) > settings.max_batch:
        raise HTTPException(413, f"{len(records)} documents in one request, over the limit of {settings.max_batch}")
    documents: list[Document] = []
    report = IngestReport()
    if records and records[0][0] == "body":
        _check_one(records[0][1])
    for where, record in records:
        item = ReadProblem(where, _problem(record)) if isinstance(record, Exception) else None
        item = item or document_from_record(record, where, report.problems)  # + what it dropped
        if isinstance(item, ReadProblem):
            report.problems.append(item)
        else:
            documents.append(item)
    return await _store(request, lambda: documents, report)


def _check_one(record: object) -> None:
    """A body of one document is the schema's ArticleIn, and readable: else the request is
    wrong (422), not a batch with a bad record. (Batches report each bad record instead.)"""
    try:
        ArticleIn.model_validate(record)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(422, f"the document does not match the schema: {where}") from exc
    item = document_from_record(record, "body")
    if isinstance(item, ReadProblem):
        raise HTTPException(422, f"the document cannot be read: {item.reason}")


def _problem(error: Exception) -> str:
    return f"invalid JSON: {error}" if isinstance(error, json.JSONDecodeError | RecursionError) else str(error)


async def _store(request: Request, read: Callable[[], list[Document]], report: IngestReport) -> IngestResult:
    """Read (off the event loop), extract in the server's worker process (not under this
    process's GIL: readers keep being served) and write here, one request at a time."""
    app = request.app
    documents: list[Document] = []

    def work() -> None:
        documents.extend(read())
        with _writer_lock:
            ingest_documents(documents, app.state.writer, app.state.pipeline, report, app.state.extract)
            app.state.writer.optimize_search_index()

    await run_in_threadpool(work)
    return IngestResult(
        outcomes=dict(report.outcomes),
        documents=[d.id for d in documents],
        problems=[IngestProblem(where=p.where, reason=p.reason) for p in report.problems],
    )


# a path inside the folder, as the schema says it: relative, no «..» part, no NUL byte
RELATIVE_PATH = r"^(?!/)(?!(.*/)?\.\.(/|$))[^\x00]{1,4096}$"


class FilesIn(BaseModel):
    model_config = ConfigDict(regex_engine="python-re")

    paths: list[Annotated[str, Field(pattern=RELATIVE_PATH)]]  # relative to the server's ingest folder


def _inside(folder: Path, relative: str) -> Path:
    """``relative`` resolved inside ``folder``; anything that would leave it (absolute paths,
    «..», links pointing out) is refused (the check is the reader's: see path_in_folder)."""
    try:
        return path_in_folder(folder, relative)
    except FileNotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    except OutsideFolderError as exc:
        raise HTTPException(400, str(exc)) from exc


def _readable_inside(folder: Path, relative: str) -> Path:
    """:func:`_inside`, with what the file system says of a path it cannot look up (a NUL
    byte, a name too long, a loop of links) answered as the client's error, not a crash."""
    shown = relative if len(relative) <= 80 else relative[:80] + "…"
    try:
        return _inside(folder, relative)
    except (ValueError, RuntimeError) as exc:  # NUL byte; a loop of links (Python 3.11 resolve)
        raise HTTPException(404, f"path {shown!r}: no such file in the ingest folder ({exc})") from exc
    except OSError as exc:  # a name too long, a loop of links, no permission
        raise HTTPException(404, f"path {shown!r}: no such file in the ingest folder ({exc.strerror or exc})") from exc


@router.post(
    "/files",
    summary="Add articles from files in the server's ingest folder (MARSAD_INGEST_DIR)",
    dependencies=[WriteAccess],
)
async def ingest_files(request: Request, body: FilesIn) -> IngestResult:
    settings = request.app.state.settings
    if settings.ingest_dir is None:
        raise HTTPException(400, "this server has no ingest folder: start it with MARSAD_INGEST_DIR=/path")
    paths = [_readable_inside(settings.ingest_dir, p) for p in body.paths]
    report = IngestReport()

    def read() -> list[Document]:
        documents = []
        for item in read_documents(paths, root=settings.ingest_dir):  # no link below leads out
            if isinstance(item, ReadProblem):
                report.problems.append(item)
            else:
                documents.append(item)
        return documents

    return await _store(request, read, report)
