"""Indicators: the questions the reporting asks — security cooperation and friction between
each state and each partner, each format's activity and its members' absences, refusals and
exits, and the figures over time — counted year by year from the store, each count with the
events (or figures) behind it. What counts is data (``definitions.yaml``)."""
