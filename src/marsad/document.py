"""The document that flows through the pipeline, and the annotations stages add to it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from marsad.text.normalize import NormalizedText, normalize_key
from marsad.text.segment import Span


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    url: str = ""
    title: str = ""
    source: str = ""
    published: str = ""
    language: str = "ar"
    path: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the original text that names a knowledge-base entity."""

    start: int
    end: int
    text: str
    entity_id: str
    entity_type: str
    rule: str


@dataclass(frozen=True, slots=True)
class NewEntity:
    """A person or organization found in the text but absent from the knowledge base."""

    id: str  # provisional: ``new-`` + a transliteration of the Arabic name
    type: str
    name_ar: str
    country: str  # the state it serves, when the text says
    start: int  # where it was first found, in the original text
    end: int


@dataclass
class Document:
    id: str
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    normalized: NormalizedText | None = None
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalized text: the same article, however encoded, hashes alike."""
        return hashlib.sha256(normalize_key(self.text).encode("utf-8")).hexdigest()
