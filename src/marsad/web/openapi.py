"""Print the REST API's OpenAPI schema: ``python -m marsad.web.openapi > tests/fixtures/openapi.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.web.app import create_app
from marsad.web.settings import Settings


def schema() -> dict[str, object]:
    # the schema does not depend on the store: no request is served to build it
    return create_app(Settings(db=Path("unused.duckdb"), token="unused")).openapi()


if __name__ == "__main__":
    json.dump(schema(), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
