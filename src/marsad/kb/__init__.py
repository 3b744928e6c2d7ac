"""Reference knowledge: states, organizations, persons, places and memberships."""

from marsad.kb.loader import KnowledgeBase, KnowledgeBaseError, load_knowledge_base

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "load_knowledge_base"]
