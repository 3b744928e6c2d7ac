"""Marsad: an Arabic-first security-intelligence engine for Central Asia."""

__version__ = "0.1.0"
