"""Marsad on Apache Spark: the extraction as a Spark job, and its Parquet output loaded into
a DuckDB store. Needs ``pip install 'marsad[spark]'`` and a Java runtime."""
