"""The network at a date as GraphML and GEXF 1.3, for Gephi, yEd, Cytoscape or networkx.

Membership edges point from a state to its organization; interaction edges (joint
exercises, meetings, clashes …) join two actors without a direction. Two actors may share
several edges of different kinds: every edge has its own id and keeps its kind.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from marsad.query.records import Edge, Network, Node

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GEXF_NS = "http://gexf.net/1.3"
GEXF_SCHEMA = "http://gexf.net/1.3/gexf.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MEMBERSHIP = "membership"

# (name, GraphML type, GEXF type) of the data each node and edge carries
NODE_ATTRIBUTES = (
    ("name_en", "string", "string"),
    ("name_ar", "string", "string"),
    ("type", "string", "string"),
    ("lat", "double", "double"),
    ("lon", "double", "double"),
)
EDGE_ATTRIBUTES = (
    ("kind", "string", "string"),
    ("weight", "double", "double"),
    ("status", "string", "string"),
    ("events", "int", "integer"),
)

Value = str | float | int | None


def _node_values(node: Node) -> dict[str, Value]:
    return {"name_en": node.name_en, "name_ar": node.name_ar, "type": node.type, "lat": node.lat, "lon": node.lon}


def _edge_values(edge: Edge) -> dict[str, Value]:
    return {"kind": edge.kind, "weight": edge.weight, "status": edge.status, "events": edge.events}


def _directed(edge: Edge) -> bool:
    return edge.kind == MEMBERSHIP


def _label(node: Node) -> str:
    return node.name_en or node.id


def _description(network: Network) -> str:
    return (
        f"Marsad network at {network.at}: memberships, and interactions between actors of events "
        f"dated {network.since} to {network.at}"
    )


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def to_graphml(network: Network) -> bytes:
    # The namespace is written as a plain xmlns attribute: registering default namespaces
    # in ElementTree is global state, shared with the GEXF writer.
    root = ET.Element(
        "graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_SCHEMA}"}
    )
    ET.SubElement(root, "key", {"id": "label", "for": "all", "attr.name": "label", "attr.type": "string"})
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, graphml_type, _ in attributes:
            key = {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": graphml_type}
            ET.SubElement(root, "key", key)
    graph = ET.SubElement(root, "graph", {"id": f"marsad-{network.at}", "edgedefault": "directed"})
    ET.SubElement(graph, "desc").text = _description(network)
    for node in network.nodes:
        element = ET.SubElement(graph, "node", {"id": node.id})
        _graphml_data(element, "node", {"label": _label(node), **_node_values(node)})
    for index, edge in enumerate(network.edges):
        attributes = {"id": f"e{index}", "source": edge.source, "target": edge.target}
        if not _directed(edge):
            attributes["directed"] = "false"
        element = ET.SubElement(graph, "edge", attributes)
        _graphml_data(element, "edge", {"label": edge.kind, **_edge_values(edge)})
    return _xml(root)


def _graphml_data(element: ET.Element, scope: str, values: dict[str, Value]) -> None:
    for name, value in values.items():
        if value is None or value == "":
            continue  # GraphML leaves unknown data out
        key = "label" if name == "label" else f"{scope}_{name}"
        ET.SubElement(element, "data", {"key": key}).text = str(value)


def to_gexf(network: Network) -> bytes:
    root = ET.Element(
        "gexf",
        {"xmlns": GEXF_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{GEXF_NS} {GEXF_SCHEMA}", "version": "1.3"},
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Marsad"
    ET.SubElement(meta, "description").text = _description(network)
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(graph, "attributes", {"class": scope})
        for name, _, gexf_type in attributes:
            if scope == "edge" and name == "weight":
                continue  # an edge's weight is a GEXF attribute of its own
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": gexf_type})
    nodes = ET.SubElement(graph, "nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": _label(node)})
        _gexf_values(element, _node_values(node))
    edges = ET.SubElement(graph, "edges")
    for index, edge in enumerate(network.edges):
        # `kind` (GEXF 1.3) keeps parallel edges of different kinds apart in Gephi
        attributes = {
            "id": f"e{index}",
            "source": edge.source,
            "target": edge.target,
            "kind": edge.kind,
            "label": edge.kind,
            "weight": str(edge.weight),
        }
        if not _directed(edge):
            attributes["type"] = "undirected"
        element = ET.SubElement(edges, "edge", attributes)
        values = _edge_values(edge)
        del values["weight"]
        _gexf_values(element, values)
    return _xml(root)


def _gexf_values(element: ET.Element, values: dict[str, Value]) -> None:
    known = {name: value for name, value in values.items() if value is not None and value != ""}
    if known:
        attvalues = ET.SubElement(element, "attvalues")
        for name, value in known.items():
            ET.SubElement(attvalues, "attvalue", {"for": name, "value": str(value)})
