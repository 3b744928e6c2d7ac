"""The extraction stages and the text readers hold no script: every Arabic letter they use
comes from a language pack."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import marsad.extract
import marsad.text

# Arabic and Cyrillic: a language written in either belongs in its pack's data
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u0400-\u04ff]")
_SOURCES = sorted(
    path for package in (marsad.extract, marsad.text) for path in Path(package.__file__).parent.rglob("*.py")
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _script_literals(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _ARABIC.search(node.value)
    ]


@pytest.mark.parametrize("path", _SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_stage_module_holds_no_arabic_outside_comments_and_docstrings(path: Path) -> None:
    assert _script_literals(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_literal_but_not_a_docstring() -> None:
    source = '"""«قمة»"""\nWORDS = ("في", "или")\ndef f():\n    """«هذا»"""\n    return 1  # «تعليق»\n'
    assert _script_literals(source) == [(2, "في"), (2, "или")]


def test_the_check_reads_every_stage_module() -> None:
    names = {p.name for p in _SOURCES}
    assert {"stage.py", "linking.py", "memberships.py", "claims.py", "gazetteer.py", "lexicon.py"} <= names
