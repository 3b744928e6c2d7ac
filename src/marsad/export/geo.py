"""Events with coordinates as a GeoJSON FeatureCollection (points at [lon, lat])."""

from __future__ import annotations

from typing import Any

from marsad.export.events import event_clusters
from marsad.export.places import Locator
from marsad.query.api import Marsad


def event_features(kb: Marsad, filters: dict[str, Any]) -> dict[str, Any]:
    """The selected events that can be placed: at their place, or at their state's capital."""
    locator = Locator(kb.kb)
    features = []
    for cluster in event_clusters(kb, filters):
        location = locator.locate(cluster.place)
        if location is None:
            continue
        first = cluster.reports[0]
        features.append(
            {
                "type": "Feature",
                "id": cluster.cluster_id,
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": {
                    "cluster_id": cluster.cluster_id,
                    "type": cluster.type,
                    "plover": cluster.plover,
                    "date": cluster.date,
                    "actors": list(cluster.actors),
                    "agents": list(cluster.agents),
                    "modality": cluster.modality,
                    "place": cluster.place,
                    "place_name": location.name_en,
                    "located_by": location.located_by,
                    "reports": len(cluster.reports),
                    "doc_id": first.source.doc_id,
                    "evidence": first.source.evidence,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
