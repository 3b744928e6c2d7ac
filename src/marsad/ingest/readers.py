"""Turn paths into Documents: plain text, HTML, JSON Lines and folders of them.

Reading is streaming: documents are yielded one at a time. A file or line that cannot be
read becomes a :class:`ReadProblem` naming the path (and line) and the reason; the rest
of the batch goes on.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from marsad.document import Document, DocumentMeta
from marsad.ingest.decode import DecodeError, decode
from marsad.lang import Language, language_for, language_pack
from marsad.text.dates import publication_date_from_text
from marsad.values.partial_date import FORMAT_HINT, PartialDate

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


@dataclass(frozen=True, slots=True)
class ReadWarning(ReadProblem):
    """A document that is read and stored, but part of what was given is not kept (invalid
    bytes replaced, a date that is not a date): reported like a problem, and the document
    follows it in the stream."""


# An id is a path segment of the API and the web app (`/api/documents/{id}`), a file stem
# or a JSON Lines string. One rule says which strings can be ids, for every way in: the
# readers apply it (id_problem) and the API's schema is made from it (ID_PATTERN), so the
# command line and the API accept the same ids.
MAX_ID_LENGTH = 200
# The characters no id may hold: controls (Cc), format characters (Cf: zero-width and bidi
# marks, the soft hyphen …), surrogates (Cs), private use (Co), line and paragraph
# separators (Zl, Zp). Written out (Unicode 14's, which Python 3.11 has, and the Egyptian
# format controls of Unicode 15) rather than asked of unicodedata, so that the rule and the
# schema's pattern are the same under every Python.
_SURROGATES = (0xD800, 0xDFFF)
_ID_REFUSED_RANGES = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), _SURROGATES, (0xE000, 0xF8FF), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)  # fmt: skip
# The spaces an id may hold inside but not at an end (those str.strip removes and the ranges
# above do not already refuse).
_ID_END_SPACES = ((0x0020, 0x0020), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A), (0x202F, 0x202F),
                  (0x205F, 0x205F), (0x3000, 0x3000))  # fmt: skip


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The inside of a regex character class, as escapes (the schema stays plain ASCII)."""

    def escape(code: int) -> str:
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"

    return "".join(escape(low) if low == high else f"{escape(low)}-{escape(high)}" for low, high in ranges)


_REFUSED, _END_SPACE = _char_class(_ID_REFUSED_RANGES), _char_class(_ID_END_SPACES)
# The schema's pattern leaves the surrogates out: they are no characters to a schema's
# regex (the validators refuse a class naming them), and no Unicode text holds them; only a
# JSON "\ud800" escape can bring one, and id_problem refuses it then.
_SCHEMA_REFUSED = _char_class(tuple(r for r in _ID_REFUSED_RANGES if r != _SURROGATES))
# ``(?![\s\S])`` ends the string: ``$`` would also let a final line break through
ID_PATTERN = (
    rf"^(?!\.\.?(?![\s\S]))(?![{_END_SPACE}])[^/{_SCHEMA_REFUSED}]{{1,{MAX_ID_LENGTH}}}(?<![{_END_SPACE}])(?![\s\S])"
)
_REFUSED_CHARACTER = re.compile(f"[{_REFUSED}]")
_END_SPACE_CHARACTER = re.compile(f"[{_END_SPACE}]")


def id_problem(doc_id: object) -> str:
    """Why ``doc_id`` cannot be a document id ("" when it can). An id is a string (a JSON
    integer is taken as its digits) of 1 to 200 characters, with no "/" (ids are one
    segment of a URL, and a "/" could never be fetched), no control, format or line-break
    characters, no space at either end, and not "." or ".."; ID_PATTERN says the same."""
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        return f"the id must be a string, not {_json_type(doc_id)}"
    text = str(doc_id)
    if not text:
        return "the id is empty"
    if len(text) > MAX_ID_LENGTH:
        return f"the id is {len(text)} characters, over the limit of {MAX_ID_LENGTH}"
    if "/" in text:
        return f"the id {text!r} contains '/': ids are one segment of a URL (/api/documents/ID); use another character"
    if text in (".", ".."):
        return f"the id {text!r} is not a usable URL segment"
    if _END_SPACE_CHARACTER.fullmatch(text[0]) or _END_SPACE_CHARACTER.fullmatch(text[-1]):
        return f"the id {text!r} starts or ends with a space"
    odd = _REFUSED_CHARACTER.search(text)
    if odd is not None:
        return f"the id {text!r} contains the invisible or control character U+{ord(odd.group()):04X}"
    return ""


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", float: "a number", bool: "true or false", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def checked_date(value: object, where: str, field: str = "published") -> tuple[str, ReadWarning | None]:
    """``value`` as a partial date (YYYY, YYYY-MM, YYYY-MM-DD), or "" and the warning that
    says it was dropped: a document is kept without a date rather than refused (nothing is
    lost but a value that was wrong), and a date that is not one never reaches the filters."""
    if value is None or value == "":
        return "", None
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str) and PartialDate.is_valid(text.strip()):
        return text.strip(), None
    shown = value if isinstance(value, str) else _json_type(value)
    return "", ReadWarning(
        where, f"{field} {shown!r} is not a date ({FORMAT_HINT}); stored without it (the dateline is used if any)"
    )


def _pack_of(declared: str | None, text: str) -> Language:
    """The pack a document's dateline is read with: its declared language, else its script's."""
    return language_pack(language_for(declared or "", text))


def _meta_for(
    doc_id: str, metadata: dict[str, dict[str, str]], path: Path, text: str
) -> tuple[DocumentMeta, ReadWarning | None]:
    row = metadata.get(doc_id, {})
    published, warning = checked_date(row.get("published"), str(path), f"published (in {METADATA_FILE})")
    published = published or publication_date_from_text(text, language=_pack_of(row.get("language"), text))
    meta = DocumentMeta(
        url=row.get("url", ""),
        title=row.get("title", ""),
        source=row.get("source", ""),
        published=published,
        language=row.get("language") or "",
        path=str(path),
    )
    return meta, warning


def read_metadata(folder: Path, opened: Path | None = None) -> dict[str, dict[str, str]]:
    """``metadata.csv`` beside the articles: one row per document id (read from ``opened``,
    the checked real path, when given)."""
    path = opened or folder / METADATA_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or ()) - set(METADATA_COLUMNS)
        if "id" not in (reader.fieldnames or ()) or unknown:
            raise ValueError(
                f"{folder / METADATA_FILE}: columns must be among {METADATA_COLUMNS} and include 'id'; "
                f"found {reader.fieldnames}"
            )
        return {row["id"]: {k: (v or "").strip() for k, v in row.items()} for row in reader}


def _html_to_text(html: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    return text, title


def read_file(
    path: Path, metadata: dict[str, dict[str, str]] | None = None, opened: Path | None = None
) -> Iterator[Document | ReadProblem]:
    """Yield the documents in one file (several for JSON Lines) or the problem reading it.
    ``opened`` is the file actually read when ``path`` is a link already checked (see
    :func:`iter_paths`): the document keeps the name it was given."""
    metadata = metadata or {}
    opened = opened or path
    suffix = path.suffix.lower()
    try:
        size = opened.stat().st_size
        if size > MAX_DOCUMENT_BYTES and suffix not in JSONL_SUFFIXES:
            yield ReadProblem(str(path), f"file is {size} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit per article")
            return
        data = opened.read_bytes() if suffix in TEXT_SUFFIXES | HTML_SUFFIXES else b""
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, opened)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield ReadProblem(str(path), f"unsupported file type '{suffix or '(none)'}': use .txt, .html or .jsonl")
        return
    problem = id_problem(path.stem)
    if problem:
        yield ReadProblem(str(path), f"{problem} (the id of a file is its name without the extension)")
        return
    try:
        decoded = decode(data)
    except DecodeError as exc:
        yield ReadProblem(str(path), str(exc))
        return
    text, title = decoded.text, ""
    if suffix in HTML_SUFFIXES:
        text, title = _html_to_text(text)
    if not text.strip():
        yield ReadProblem(str(path), "no article text found")
        return
    if decoded.invalid:
        yield ReadWarning(str(path), decoded.invalid_report(data))
    meta, warning = _meta_for(path.stem, metadata, path, text)
    if warning:
        yield warning
    if title and not meta.title:
        meta = DocumentMeta(meta.url, title, meta.source, meta.published, meta.language, meta.path)
    yield Document(id=path.stem, text=text, meta=meta)


def _read_jsonl(path: Path, opened: Path) -> Iterator[Document | ReadProblem]:
    try:
        handle = opened.open("rb")
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
            yield from _read_line(raw, where)


def _read_line(raw: bytes, where: str) -> Iterator[Document | ReadProblem]:
    """One JSON Lines record. A line that is UTF-8 but for a few bytes is read with them
    replaced and the replacement reported, as a text file is (see decode.py)."""
    try:
        line = raw.decode("utf-8")
        replaced = ""
    except UnicodeDecodeError as exc:
        try:
            lenient = decode(raw)
        except DecodeError:
            lenient = None
        if lenient is None or lenient.encoding != "utf-8":
            yield ReadProblem(where, f"not UTF-8 (JSON Lines must be): {exc}")
            return
        line, replaced = lenient.text, lenient.invalid_report(raw)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:  # nesting too deep too
        yield ReadProblem(where, f"invalid JSON: {exc}")
        return
    warnings: list[ReadProblem] = []
    document = document_from_record(record, where, warnings)
    if replaced and isinstance(document, Document):
        yield ReadWarning(where, replaced)
    yield from warnings
    yield document


_OPTIONAL_STRINGS = ("url", "title", "source", "language")


def document_from_record(
    record: object, where: str, warnings: list[ReadProblem] | None = None
) -> Document | ReadProblem:
    """A document from a JSON record (``id``, ``text``, optional ``title``, ``published``,
    ``url``, ``source``, ``language``), or the problem with it, located at ``where``. What
    is dropped from a document that is kept (a date that is not a date, a title that is not
    a string) is added to ``warnings``."""
    problem = _check_record(record)
    if problem:
        return ReadProblem(where, problem)
    assert isinstance(record, dict)
    text = record["text"]
    fields: dict[str, str] = {}
    dropped: list[ReadProblem] = []
    for name in _OPTIONAL_STRINGS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            dropped.append(ReadWarning(where, f"{name} is {_json_type(value)}, not a string; stored without it"))
            value = None
        fields[name] = value or ""
    published, warning = checked_date(record.get("published"), where)
    if warning:
        dropped.append(warning)
    published = published or publication_date_from_text(text, language=_pack_of(fields["language"], text))
    if warnings is not None:
        warnings.extend(dropped)
    meta = DocumentMeta(
        url=fields["url"],
        title=fields["title"],
        source=fields["source"],
        published=published,
        language=fields["language"],
        path=where,
    )
    return Document(id=str(record["id"]), text=text, meta=meta)


def _check_record(record: object) -> str:
    if not isinstance(record, dict):
        return "each line must be a JSON object"
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}; allowed: {sorted(JSONL_FIELDS)}"
    if "id" not in record or not isinstance(record.get("text"), str) or not record["text"].strip():
        return "needs a non-empty 'id' and a non-empty string 'text'"
    return id_problem(record["id"])


class FoundFile(NamedTuple):
    """A file to read: ``path`` as named (its stem is the document id), ``metadata`` of its
    folder, and ``opened``, the real path that was checked and is the one read."""

    path: Path
    metadata: dict[str, dict[str, str]]
    opened: Path


class _Walk:
    """Files under the paths given, each resolved (with every link on the way) before it is
    read. With a ``root`` (the server's ingest folder) nothing outside it is read: a link
    that leads out is reported, never followed. Without one (the command line reads what
    its user names) links are followed, except back into a folder being walked (a loop).
    Every path skipped is reported with its reason, except names starting with "." and the
    ``metadata.csv`` files, which are not articles."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(os.path.realpath(root)) if root is not None else None
        self.walking: list[Path] = []  # real paths of the folders being walked (a link to one is a loop)
        self.walked: set[Path] = set()

    def resolve(self, path: Path) -> tuple[Path, os.stat_result] | ReadProblem:
        """The real path of ``path`` and what it is, or why it cannot be read."""
        try:
            real = Path(os.path.realpath(path, strict=True))
            info = real.stat()
        except OSError as exc:
            return ReadProblem(str(path), _unreachable(path, exc))
        if self.root is not None and not real.is_relative_to(self.root):
            return ReadProblem(str(path), "a link to a place outside the ingest folder: not read")
        return real, info

    def paths(self, paths: Iterable[Path]) -> Iterator[FoundFile | ReadProblem]:
        for path in paths:
            yield from self.path(path, {})

    def path(self, path: Path, metadata_of: dict[Path, dict[str, dict[str, str]]]) -> Iterator[FoundFile | ReadProblem]:
        """What ``path`` holds: its files (a folder's, walked), else the problem with it; a
        folder's ``metadata.csv`` is read once, when its first file is (``metadata_of``)."""
        found = self.resolve(path)
        if isinstance(found, ReadProblem):
            yield found
            return
        real, info = found
        if stat.S_ISDIR(info.st_mode):
            yield from self.folder(path, real)
        elif stat.S_ISREG(info.st_mode):
            if path.parent not in metadata_of:
                metadata_of[path.parent], problem = self.metadata(path.parent)
                if problem:
                    yield problem
            yield FoundFile(path, metadata_of[path.parent], real)
        else:
            yield ReadProblem(str(path), _not_regular(info))

    def folder(self, path: Path, real: Path) -> Iterator[FoundFile | ReadProblem]:
        if real in self.walking:
            yield ReadProblem(str(path), f"a link back to {real}, a folder above it (a loop): not followed")
            return
        if real in self.walked:
            yield ReadProblem(str(path), f"the folder {real}, already read through another path: not read again")
            return
        try:
            entries = sorted(os.scandir(real), key=lambda entry: entry.name)
        except OSError as exc:
            yield ReadProblem(str(path), f"cannot read the folder: {exc.strerror or exc}")
            return
        self.walking.append(real)
        self.walked.add(real)
        try:
            yield from self.entries(path, [e.name for e in entries])
        finally:
            self.walking.pop()

    def entries(self, folder: Path, names: list[str]) -> Iterator[FoundFile | ReadProblem]:
        metadata_of: dict[Path, dict[str, dict[str, str]]] = {}
        for name in names:
            if not name.startswith(".") and name != METADATA_FILE:
                yield from self.path(folder / name, metadata_of)

    def metadata(self, folder: Path) -> tuple[dict[str, dict[str, str]], ReadProblem | None]:
        """The folder's ``metadata.csv`` (checked like any file), or the problem with it."""
        path = folder / METADATA_FILE
        if not os.path.lexists(path):
            return {}, None
        found = self.resolve(path)
        if isinstance(found, ReadProblem):
            return {}, found
        try:
            return read_metadata(folder, found[0]), None
        except (ValueError, OSError, UnicodeDecodeError, csv.Error) as exc:
            return {}, ReadProblem(str(path), str(exc))


def _unreachable(path: Path, exc: OSError) -> str:
    """Why a path cannot be reached, in words: a dangling link, a loop of links, no such
    file, no permission."""
    if exc.errno == errno.ELOOP:
        return "a loop of links (a link that leads back to itself): not read"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"a link to {os.readlink(path)}, which does not exist"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _not_regular(info: os.stat_result) -> str:
    kinds = {
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISSOCK: "a socket",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
    }
    kind = next((name for test, name in kinds.items() if test(info.st_mode)), "not a file")
    return f"{kind}, not a regular file: not read"


class OutsideFolderError(ValueError):
    """A path given relative to a folder that leads out of it, or cannot be a path."""


def path_in_folder(folder: Path, relative: str) -> Path:
    """``relative`` resolved inside ``folder``, every link on the way included;
    :class:`OutsideFolderError` when it would leave it (absolute, «..», a link pointing out)
    or cannot be a path, :class:`FileNotFoundError` when nothing is there. What lies below a
    folder returned is checked again as it is read (``iter_paths(..., root=folder)``)."""
    candidate = Path(relative)
    if not relative or candidate.is_absolute() or ".." in candidate.parts:
        raise OutsideFolderError(f"path {relative!r}: give a path inside the ingest folder, without «..»")
    root = Path(os.path.realpath(folder))
    try:
        resolved = Path(os.path.realpath(root / candidate, strict=True))
    except (OSError, ValueError) as exc:  # a dangling link, a loop, a NUL byte, a name too long
        if isinstance(exc, FileNotFoundError) and not os.path.islink(root / candidate):
            raise FileNotFoundError(f"path {relative!r}: no such file or folder in the ingest folder") from exc
        reason = _unreachable(root / candidate, exc) if isinstance(exc, OSError) else str(exc)
        raise OutsideFolderError(f"path {relative!r}: {reason}") from exc
    if not resolved.is_relative_to(root):
        raise OutsideFolderError(f"path {relative!r} leads outside the ingest folder")
    return resolved


def iter_paths(paths: Iterable[Path], root: Path | None = None) -> Iterator[FoundFile | ReadProblem]:
    """Files under ``paths`` (folders recursively, sorted), each with its folder's metadata,
    or the problem with a path skipped. With ``root``, nothing outside that folder is read,
    through links or otherwise (see :class:`_Walk`)."""
    return _Walk(root).paths(paths)


def read_documents(paths: Iterable[Path], root: Path | None = None) -> Iterator[Document | ReadProblem]:
    """Every document under ``paths``, or the problem with each one that failed; with
    ``root``, only what lies inside that folder."""
    for item in iter_paths(paths, root):
        if isinstance(item, ReadProblem):
            yield item
            continue
        yield from read_file(item.path, item.metadata, item.opened)
