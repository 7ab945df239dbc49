"""Rule-of-law government report ETL: files → figures → indicators → DuckDB."""

# Stored with every report; a load re-extracts reports stored by another version. 1.0.1: a Chinese numeral
# with no unit no longer hides a figure that starts inside it ("一百分之五"); the 42 shipped texts are unchanged.
PARSER_VERSION = "1.0.1"
