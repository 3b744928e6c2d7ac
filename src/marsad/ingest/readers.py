"""Turn paths into Documents: plain text, HTML, JSON Lines and folders of them.

Reading is streaming: documents are yielded one at a time. A file or line that cannot be
read becomes a :class:`ReadProblem` naming the path (and line) and the reason; the rest
of the batch goes on.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.document import Document, DocumentMeta
from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.lang import Language, language_for, language_pack
from marsad.text.dates import publication_date_from_text

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("id", "url", "title", "source", "published", "language")
JSONL_FIELDS = frozenset({"id", "url", "title", "published", "source", "language", "text"})
# The largest article read (a setting: MARSAD_MAX_DOCUMENT_BYTES); a larger file or JSON Lines
# line is refused with its size, before it is read into memory.
MAX_DOCUMENT_BYTES = int(os.environ.get("MARSAD_MAX_DOCUMENT_BYTES", str(20 * 1024 * 1024)))


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something that could not be read, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def _pack_of(declared: str | None, text: str) -> Language:
    """The pack a document's dateline is read with: its declared language, else its script's."""
    return language_pack(language_for(declared or "", text))


def _meta_for(doc_id: str, metadata: dict[str, dict[str, str]], path: Path, text: str) -> DocumentMeta:
    row = metadata.get(doc_id, {})
    published = row.get("published") or publication_date_from_text(text, language=_pack_of(row.get("language"), text))
    return DocumentMeta(
        url=row.get("url", ""),
        title=row.get("title", ""),
        source=row.get("source", ""),
        published=published,
        language=row.get("language") or "",
        path=str(path),
    )


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """``metadata.csv`` beside the articles: one row per document id."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or ()) - set(METADATA_COLUMNS)
        if "id" not in (reader.fieldnames or ()) or unknown:
            raise ValueError(
                f"{path}: columns must be among {METADATA_COLUMNS} and include 'id'; found {reader.fieldnames}"
            )
        return {row["id"]: {k: (v or "").strip() for k, v in row.items()} for row in reader}


def _html_to_text(html: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    return text, title


def read_file(path: Path, metadata: dict[str, dict[str, str]] | None = None) -> Iterator[Document | ReadProblem]:
    """Yield the documents in one file (several for JSON Lines) or the problem reading it."""
    metadata = metadata or {}
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and suffix not in JSONL_SUFFIXES:
            yield ReadProblem(str(path), f"file is {size} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit per article")
            return
        data = path.read_bytes() if suffix not in JSONL_SUFFIXES else b""
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield ReadProblem(str(path), f"unsupported file type '{suffix or '(none)'}': use .txt, .html or .jsonl")
        return
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        yield ReadProblem(str(path), str(exc))
        return
    title = ""
    if suffix in HTML_SUFFIXES:
        text, title = _html_to_text(text)
    if not text.strip():
        yield ReadProblem(str(path), "no article text found")
        return
    doc_id = path.stem
    meta = _meta_for(doc_id, metadata, path, text)
    if title and not meta.title:
        meta = DocumentMeta(meta.url, title, meta.source, meta.published, meta.language, meta.path)
    yield Document(id=doc_id, text=text, meta=meta)


def _read_jsonl(path: Path) -> Iterator[Document | ReadProblem]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > MAX_DOCUMENT_BYTES:
                yield ReadProblem(where, f"line is {len(raw)} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit")
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # nesting too deep too
                yield ReadProblem(where, f"invalid JSON: {exc}")
                continue
            yield document_from_record(record, where)


def document_from_record(record: object, where: str) -> Document | ReadProblem:
    """A document from a JSON record (``id``, ``text``, optional ``title``, ``published``,
    ``url``, ``source``, ``language``), or the problem with it, located at ``where``."""
    problem = _check_record(record)
    if problem:
        return ReadProblem(where, problem)
    assert isinstance(record, dict)
    text = record["text"]
    published = str(record.get("published") or "")
    published = published or publication_date_from_text(
        text, language=_pack_of(str(record.get("language") or ""), text)
    )
    meta = DocumentMeta(
        url=str(record.get("url") or ""),
        title=str(record.get("title") or ""),
        source=str(record.get("source") or ""),
        published=published,
        language=str(record.get("language") or ""),
        path=where,
    )
    return Document(id=str(record["id"]), text=text, meta=meta)


def _check_record(record: object) -> str:
    if not isinstance(record, dict):
        return "each line must be a JSON object"
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}; allowed: {sorted(JSONL_FIELDS)}"
    if not record.get("id") or not isinstance(record.get("text"), str) or not record["text"].strip():
        return "needs a non-empty 'id' and a non-empty string 'text'"
    return ""


def iter_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, dict[str, dict[str, str]]] | ReadProblem]:
    """Files under ``paths`` (folders recursively, sorted), each with its folder's metadata."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            cache: dict[Path, dict[str, dict[str, str]]] = {}
            for file in files:
                if file.name == METADATA_FILE:
                    continue
                if file.parent not in cache:
                    try:
                        cache[file.parent] = read_metadata(file.parent)
                    except (ValueError, OSError) as exc:
                        yield ReadProblem(str(file.parent / METADATA_FILE), str(exc))
                        cache[file.parent] = {}
                yield file, cache[file.parent]
        elif path.is_file():
            try:
                metadata = read_metadata(path.parent)
            except (ValueError, OSError) as exc:
                yield ReadProblem(str(path.parent / METADATA_FILE), str(exc))
                metadata = {}
            yield path, metadata
        else:
            yield ReadProblem(str(path), "no such file or folder")


def read_documents(paths: Iterable[Path]) -> Iterator[Document | ReadProblem]:
    """Every document under ``paths``, or the problem with each one that failed."""
    for item in iter_paths(paths):
        if isinstance(item, ReadProblem):
            yield item
            continue
        path, metadata = item
        yield from read_file(path, metadata)
