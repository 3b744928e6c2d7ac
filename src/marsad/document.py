"""The document that flows through the pipeline, and the annotations stages add to it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from marsad.text.dates import DateMention
from marsad.text.normalize import NormalizedText, normalize
from marsad.text.segment import Span


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    url: str = ""
    title: str = ""
    source: str = ""
    published: str = ""
    language: str = ""  # as declared; the pipeline fills it from the script when empty
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


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact span of the original text a fact comes from."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    plover: str
    actors: tuple[str, ...]  # states and organizations taking part or targeted
    agents: tuple[str, ...]  # persons acting
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown
    place: str  # a place id or a state id; "" when unknown
    modality: str  # asserted | planned | proposed | denied | hypothetical
    evidence: Evidence
    trigger: Evidence
    confidence: float
    rule: str
    date_source: str = "text"  # text: stated in the sentence; context: the paragraph's; reference: the article's
    # What a refusal, call or proposal is about, with its modality: «رفضت … فرض عقوبات» is a
    # REJECT whose content is a SANCTION, "denied" — recorded here, not as a sanction.
    content: tuple[str, str] | None = None
    lemma: str = ""  # the trigger's lemma as its lexicon writes it: what later stages read it by
    # how it was found, as the confidence model weighs it (extract/events/confidence.py)
    signals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Membership:
    """A membership stated by an article (not the reference knowledge)."""

    member: str
    org: str
    status: str  # member | founding-member | applicant | suspended | frozen | former
    since: str
    until: str
    evidence: Evidence
    rule: str
    contradicts_reference: bool = False
    confidence: float = 0.0  # how sure the extraction is of it (0–1; see extract/membership_confidence.py)


@dataclass(frozen=True, slots=True)
class Figure:
    what: str
    value: float
    unit: str
    actor: str
    evidence: Evidence
    rule: str
    # the date its sentence states (the one nearest the figure), else the article's: the year a
    # spending or a troop count is of, for the figures over time
    date: str = ""
    date_source: str = ""  # text | reference | "" (no date at all)


@dataclass(frozen=True, slots=True)
class Claim:
    """Reported speech: who said it, what was said, and when."""

    speaker: str  # a person id, or a state or organization id
    speaker_state: str
    verb: str
    date: str
    claim: Evidence  # the words reported (inside quotes, or the «أن …» clause)
    evidence: Evidence  # the whole sentence
    rule: str
    event: int | None = None  # index in Document.events of the event the words are about


@dataclass
class Document:
    id: str
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    normalized: NormalizedText | None = None
    sentences: list[Span] = field(default_factory=list)
    # each sentence's (start, end) in the normalized text: plain tuples, which the cycle
    # collector leaves alone (a long article has a hundred thousand)
    normalized_sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)
    dates: list[DateMention] = field(default_factory=list)
    reference_date: str = ""  # the publication date, else the article's own time (see the dates stage)
    article_state: str = ""  # the state the article is about, if one stands out (see the link stage)
    events: list[Event] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # the search index's rows for this document: (key, count), and its tokens
    search_postings: list[tuple[str, int]] | None = None
    n_tokens: int = 0
    # what a reader should know about how the document was read («no language pack for 'kk'»)
    notes: list[str] = field(default_factory=list)

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the normalized text: the same article, however encoded, hashes alike.
        Computed once: the text of a document does not change after it is read. The
        normalization is kept for the normalize stage, which would otherwise redo it."""
        if self.normalized is None or self.normalized.original is not self.text:
            self.normalized = normalize(self.text)
        words = " ".join(self.normalized.text.split())  # as normalize_key(self.text)
        return hashlib.sha256(words.encode("utf-8")).hexdigest()
