"""The embedded DuckDB store."""

from marsad.store.duck import Store, StoreError, StoreInUseError, WriteOutcome

__all__ = ["Store", "StoreError", "StoreInUseError", "WriteOutcome"]
