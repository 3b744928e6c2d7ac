"""Export what a store holds into the formats analysts' tools read.

- ``jsonl``: every document in document format v1, as `marsad extract` writes it;
- ``csv`` and ``parquet``: every table, one file each (the search index left out);
- ``plover``: event clusters as PLOVER-style JSON, each with its sources;
- ``graphml`` and ``gexf``: the network of states and organizations at a date;
- ``geojson``: the events that can be placed on a map.

``export(kb, "gexf", Path("net.gexf"), at="2000")`` writes files;
``export_bytes(kb, "csv", table="events")`` returns one export for the REST API.
"""

from marsad.export.errors import ExportError
from marsad.export.service import FORMATS, MEDIA_TYPES, export, export_bytes
from marsad.export.tables import TABLES

__all__ = ["FORMATS", "MEDIA_TYPES", "TABLES", "ExportError", "export", "export_bytes"]
