"""Analysts' reviews of extracted facts: an append-only log in the store (``log``), anchored
to the document and the evidence (``anchor``) so that a re-extraction keeps them
(``apply``), made and listed with ``service``, shared as JSON Lines (``exchange``)."""
