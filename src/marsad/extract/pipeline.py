"""Build the extraction pipeline from an ordered list of stage names.

Each stage declares what it needs and what it adds; building a pipeline whose stages
are out of order fails at once with a message naming the missing annotation. The stages
are the same for every language: each is built with the language pack of the documents
it reads (``marsad.lang``), once per language met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from marsad.document import Document
from marsad.kb.loader import KnowledgeBase, knowledge_base
from marsad.lang import Language, language_for, language_pack

DEFAULT_LANGUAGE = "ar"

DEFAULT_STAGES: tuple[str, ...] = (
    "normalize",
    "segment",
    "dates",
    "mentions",
    "link",
    "events",
    "memberships",
    "figures",
    "claims",
    "index",
)


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


# A stage is built for one knowledge base and one language pack: its rules ask the pack.
StageFactory = Callable[[KnowledgeBase, Language], Stage]


def _registry() -> dict[str, StageFactory]:
    # Imported here so that importing the pipeline does not build every stage.
    from marsad.extract.claims import ClaimStage
    from marsad.extract.events import EventStage
    from marsad.extract.figures import FigureStage
    from marsad.extract.linking import LinkStage
    from marsad.extract.memberships import MembershipStage
    from marsad.extract.mentions import MentionStage
    from marsad.extract.text_stages import DatesStage, NormalizeStage, SegmentStage
    from marsad.search.index import IndexStage

    return {
        "normalize": NormalizeStage,
        "segment": SegmentStage,
        "dates": DatesStage,
        "mentions": MentionStage,
        "link": LinkStage,
        "events": EventStage,
        "figures": FigureStage,
        "memberships": MembershipStage,
        "claims": ClaimStage,
        "index": IndexStage,
    }


class PipelineError(ValueError):
    pass


# The kinds of fact a pack reads only with a lexicon of its own, and that lexicon's file.
_LEXICON_FILES: tuple[tuple[str, str], ...] = (
    ("events", "events"),
    ("memberships", "memberships"),
    ("claims", "claims"),
)


@lru_cache(maxsize=32)
def reading_note(language: Language) -> str:
    """What a document in ``language`` is told about the facts its pack cannot read ("" when
    it reads them all): names, places, dates and figures are read in every language."""
    missing = [kind for kind, file in _LEXICON_FILES if not language.data(file)]
    if not missing:
        return ""
    shown = language.code or "undetermined"
    owner = f"the '{shown}' language pack has" if language.has_pack else f"no language pack for '{shown}':"
    kinds = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    verb = "was" if len(missing) == 1 else "were"
    lexicons = "lexicon" if len(missing) == 1 else "lexicons"
    if language.has_pack:
        return f"{owner} no {kinds} {lexicons} yet: names, places, dates and figures were read; {kinds} {verb} not"
    return f"{owner} names, places, dates and figures were read; {kinds} {verb} not"


@dataclass(frozen=True, eq=False)
class Pipeline:
    """The stages, built once per language pack the documents are written in."""

    names: tuple[str, ...]
    kb: KnowledgeBase
    extra: tuple[Stage, ...] = ()  # stages run after the named ones, in every language
    _built: dict[str, tuple[Stage, ...]] = field(default_factory=dict, repr=False)

    @property
    def kb_version(self) -> str:
        return self.kb.version

    def stages_for(self, code: str) -> tuple[Stage, ...]:
        stages = self._built.get(code)
        if stages is None:
            stages = self._built[code] = (*_build(self.names, self.kb, language_pack(code)), *self.extra)
        return stages

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The stages of the default language (Arabic)."""
        return self.stages_for(DEFAULT_LANGUAGE)

    def extended(self, *stages: Stage) -> Pipeline:
        """This pipeline with ``stages`` run last."""
        return Pipeline(self.names, self.kb, (*self.extra, *stages))

    def __call__(self, doc: Document) -> Document:
        code = language_for(doc.meta.language, doc.text)
        if code != doc.meta.language:
            doc.meta = replace(doc.meta, language=code)
        note = reading_note(language_pack(code))
        if note:
            doc.notes.append(note)
        for stage in self.stages_for(code):
            doc = stage(doc)
        return doc


def _build(names: Sequence[str], kb: KnowledgeBase, language: Language) -> tuple[Stage, ...]:
    registry = _registry()
    stages = tuple(registry[name](kb, language) for name in names)
    available: set[str] = {"text", "meta"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(f"stage '{stage.name}' needs {missing}, which no earlier stage adds")
        available.update(stage.assigns)
    return stages


def build_pipeline(names: Sequence[str] = DEFAULT_STAGES, kb: KnowledgeBase | None = None) -> Pipeline:
    registry = _registry()
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise PipelineError(f"unknown stage(s) {unknown}; known stages: {sorted(registry)}")
    kb = kb if kb is not None else knowledge_base()
    pipeline = Pipeline(tuple(names), kb)
    pipeline.stages_for(DEFAULT_LANGUAGE)  # built now: an out-of-order list fails at once
    return pipeline
