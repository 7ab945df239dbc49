"""Rule-of-law government report ETL: files → figures → indicators → DuckDB."""

PARSER_VERSION = "1.0.0"
