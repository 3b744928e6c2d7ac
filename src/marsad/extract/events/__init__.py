"""The event stage, split by job: triggers, clauses, participants, timing, modality and
deduplication, each asking the document's language pack for what is language-specific."""

from marsad.extract.events.stage import EventStage

__all__ = ["EventStage"]
