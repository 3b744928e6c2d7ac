"""Extraction stages: each takes a Document and returns it with annotations added."""
