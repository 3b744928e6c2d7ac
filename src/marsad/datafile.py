"""Reading YAML: the package's data files (lexicons, rules, the knowledge base).

libyaml's C parser is used when PyYAML was built with it (PyPI's wheels are): it parses
about ten times faster than PyYAML's own, and parsing the knowledge base was most of the
start-up time. Both read the same YAML the same way.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of a YAML document (only plain YAML types: a safe load)."""
    return yaml.load(text, Loader=_LOADER)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a YAML document, with each node's line (for error messages)."""
    return yaml.compose(text, Loader=_LOADER)
