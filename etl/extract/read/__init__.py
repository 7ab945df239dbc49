"""Read one report file (txt, html, docx, pdf) into a `RawDocument`.

Readers return the report text with LF line breaks and one paragraph per line, but otherwise as the
container had it: callers build the `Document` with `normalise_text` and then `fold_script`, so that every
offset indexes one agreed text. Every failure is a `ReadError` whose one-line message names the file.

One module per container (decode, html, docx, pdf); normalisation and script folding are the next step,
`etl.extract.normalise`, re-exported here for callers that took them from the reader.
"""

from __future__ import annotations

import pathlib

from etl.extract.normalise import fold_script, normalise_text
from etl.extract.read.decode import decode_text
from etl.extract.read.docx import read_docx
from etl.extract.read.errors import ReadError, fail, file_label
from etl.extract.read.html import read_html
from etl.extract.read.pdf import read_pdf
from etl.models import RawDocument

# trafilatura, python-docx and pypdfium2 are imported by the readers that need them: together they take
# half a second to import, which every process (the dashboard's first start, each worker) paid for plain text.

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "decode_text",
    "file_label",
    "fold_script",
    "normalise_text",
    "read_bytes",
    "read_file",
]

MAX_FILE_BYTES: int = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def read_file(path: pathlib.Path) -> RawDocument:
    """Read a report file; OSError (missing, unreadable) propagates for the caller to report."""
    file_name = str(path)
    _check_suffix(file_name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _too_large(file_name, size)
    with path.open("rb") as handle:
        # Read one byte past the limit: the file may have grown since stat().
        data = handle.read(MAX_FILE_BYTES + 1)
    return read_bytes(data, file_name)


def read_bytes(data: bytes, file_name: str) -> RawDocument:
    """Dispatch on the (case-insensitive) suffix of `file_name`, which is used for nothing else."""
    suffix = _check_suffix(file_name)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(file_name, len(data))
    if suffix == ".txt":
        return RawDocument(text=decode_text(data, file_name), source_format="txt")
    if suffix in (".html", ".htm"):
        return read_html(data, file_name)
    if suffix == ".docx":
        return read_docx(data, file_name)
    return read_pdf(data, file_name)


def _check_suffix(file_name: str) -> str:
    suffix = pathlib.PurePath(file_name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "no suffix"
        raise fail(file_name, f"unsupported file type ({shown}; expected one of {', '.join(SUPPORTED_SUFFIXES)})")
    return suffix


def _too_large(file_name: str, size: int) -> ReadError:
    return fail(file_name, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)")
