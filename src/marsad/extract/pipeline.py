"""Build the extraction pipeline from an ordered list of stage names.

Each stage declares what it needs and what it adds; building a pipeline whose stages
are out of order fails at once with a message naming the missing annotation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from marsad.document import Document
from marsad.kb.loader import KnowledgeBase, bundled_knowledge_base

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


StageFactory = Callable[[KnowledgeBase], Stage]


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
        "normalize": lambda kb: NormalizeStage(),
        "segment": lambda kb: SegmentStage(),
        "dates": lambda kb: DatesStage(),
        "mentions": MentionStage,
        "link": LinkStage,
        "events": EventStage,
        "figures": FigureStage,
        "memberships": MembershipStage,
        "claims": ClaimStage,
        "index": lambda kb: IndexStage(),
    }


class PipelineError(ValueError):
    pass


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]
    kb: KnowledgeBase

    @property
    def kb_version(self) -> str:
        return self.kb.version

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc


def build_pipeline(names: Sequence[str] = DEFAULT_STAGES, kb: KnowledgeBase | None = None) -> Pipeline:
    registry = _registry()
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise PipelineError(f"unknown stage(s) {unknown}; known stages: {sorted(registry)}")
    kb = kb if kb is not None else bundled_knowledge_base()
    stages = tuple(registry[name](kb) for name in names)
    available: set[str] = {"text", "meta"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(f"stage '{stage.name}' needs {missing}, which no earlier stage adds")
        available.update(stage.assigns)
    return Pipeline(stages, kb)
