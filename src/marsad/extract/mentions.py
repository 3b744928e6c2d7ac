"""The mention stage: every knowledge-base name in the text, linked to its entity."""

from __future__ import annotations

from marsad.document import Document, Mention
from marsad.extract.gazetteer import Gazetteer
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language

# The rule of a place named inside a national body's name: the place where the body is.
LOCATED_RULE = "gazetteer.located"


class MentionStage:
    name = "mentions"
    requires = ("normalized",)
    assigns = ("mentions",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._gazetteer = Gazetteer(kb, language)

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None, "the normalize stage runs before mentions"
        mentions = []
        for match in self._gazetteer.find(doc.normalized):
            target = match.targets[0]
            start, end = doc.normalized.to_original(match.start, match.end)
            entity = self._kb.entities[target.entity_id]
            rule = LOCATED_RULE if match.located else f"gazetteer.{target.form}"
            mentions.append(Mention(start, end, doc.text[start:end], entity.id, entity.type, rule))
        doc.mentions = mentions
        return doc
