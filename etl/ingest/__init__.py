"""Ingest: files and folders (with their sources.yml) → extractions → one atomic load; uploads reviewed first.

The one entry point the CLI, the dashboard's first start and the upload page use.
"""

from etl.ingest.load import LoadReport, discover, ensure_database, extract_paths, load_paths

__all__ = ["LoadReport", "discover", "ensure_database", "extract_paths", "load_paths"]
