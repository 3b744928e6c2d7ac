"""Scoring extraction output against gold annotations."""
