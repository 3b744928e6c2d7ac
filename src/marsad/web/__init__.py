"""The web app: pages and JSON served by `marsad serve`."""
