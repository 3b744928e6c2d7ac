"""The mention stage: every knowledge-base name in the text, linked to its entity."""

from __future__ import annotations

from collections import Counter

from marsad.document import Document, Mention
from marsad.extract.gazetteer import Gazetteer, GazetteerMatch
from marsad.kb.loader import AliasTarget, KnowledgeBase
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
        matches = self._gazetteer.find(doc.normalized)
        states = self._states_named(matches)
        mentions = []
        for match in matches:
            target = self._reading(match.targets, states)
            start, end = doc.normalized.to_original(match.start, match.end)
            entity = self._kb.entities[target.entity_id]
            rule = LOCATED_RULE if match.located else f"gazetteer.{target.form}"
            mentions.append(Mention(start, end, doc.text[start:end], entity.id, entity.type, rule))
        doc.mentions = mentions
        return doc

    def _states_named(self, matches: list[GazetteerMatch]) -> Counter[str]:
        """How often the document names each state outright (a name of one reading only)."""
        return Counter(
            m.targets[0].entity_id
            for m in matches
            if len(m.targets) == 1 and self._kb.entities[m.targets[0].entity_id].type == "country"
        )

    def _reading(self, targets: tuple[AliasTarget, ...], states: Counter[str]) -> AliasTarget:
        """The entity a name shared by several stands for here: the knowledge base's preferred
        one (``alias_rules.yaml``), unless the document names another one's state more often
        («أنصار الله» in an article about Tajikistan is the Tajik group, not the Yemeni one)."""
        if len(targets) == 1:
            return targets[0]
        preferred = targets[0]
        best = max(targets, key=lambda t: states[self._kb.entities[t.entity_id].country or ""])
        country = self._kb.entities[best.entity_id].country
        preferred_country = self._kb.entities[preferred.entity_id].country
        return best if country and states[country] > states[preferred_country or ""] else preferred
