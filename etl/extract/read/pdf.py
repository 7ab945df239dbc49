"""PDF files: the text layer, without page numbers and running headers, with visual lines rejoined."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from etl.extract.patterns import CN_ORDINAL, is_han
from etl.extract.read.errors import fail
from etl.models import RawDocument

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# pypdfium2 is imported by `read_pdf`: it is slow to import, and most processes never read PDF.

_SENTENCE_END = "。！？；：!?;:"
_CLOSING_MARKS = "”’」』)）】》〉\"'"
_HEADING_START_RE = re.compile(
    rf"^(?:[{CN_ORDINAL}百]+、|[(（][{CN_ORDINAL}百]+[)）]|第[{CN_ORDINAL}百\d]+[章节条部篇]"
    r"|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）])"
)
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–_·•\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:/|／|共)\s*\d{1,4}\s*页?)?[-—–_·•\s]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # running headers and footers sit in the first or last two lines of a page
_SHORT_LINE_RATIO = 0.85


def read_pdf(data: bytes, file_name: str) -> RawDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    head = data[:1024]
    if b"%PDF-" not in head:
        raise fail(file_name, "PDF is damaged or truncated")
    # pdfium quietly rebuilds a cut-off file and returns part of the text; a report missing its end is
    # worse than no report, so the end-of-file marker is required where the PDF spec puts it.
    if b"%%EOF" not in data[-2048:]:
        raise fail(file_name, "PDF is damaged or truncated")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY):
            raise fail(file_name, "PDF is encrypted") from error
        raise fail(file_name, "PDF is damaged or truncated") from error
    try:
        pages = [_pdf_page_lines(pdf, index) for index in range(len(pdf))]
        title = (pdf.get_metadata_value("Title") or "").strip() or None
    except pdfium.PdfiumError as error:
        raise fail(file_name, "PDF is damaged or truncated") from error
    finally:
        pdf.close()
    text = _join_pdf_lines(pages)
    if not any(is_han(char) or char.isalnum() for char in text):
        raise fail(file_name, "PDF has no text layer (scanned?)")
    return RawDocument(text=text, source_format="pdf", title=title)


def _pdf_page_lines(pdf: pdfium.PdfDocument, index: int) -> list[str]:
    page = pdf[index]
    try:
        text_page = page.get_textpage()
        try:
            text = text_page.get_text_range()
        finally:
            text_page.close()
    finally:
        page.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _join_pdf_lines(pages: list[list[str]]) -> str:
    """Turn the visual lines of PDF pages into one paragraph per line.

    Page numbers and running headers/footers are dropped; a line break inside a sentence is removed
    (without a space between Han characters); a break stays after sentence-final punctuation, after a
    line that stops short of the right margin (headings, titles, last lines) and before a heading marker.
    """
    cleaned = _drop_page_furniture([[line.strip() for line in page if line.strip()] for page in pages])
    lines = [line for page in cleaned for line in page]
    if not lines:
        return ""
    full_width = _typical_full_width(lines)
    paragraphs = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if _continues(previous, line, full_width):
            paragraphs[-1] = _glue(paragraphs[-1], line)
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def _drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    pages = [_strip_page_numbers(page) for page in pages]
    if len(pages) < 2:
        return pages
    # A running header is the same line (digits aside) in the same place on at least half of the pages.
    top = Counter((i, _furniture_key(line)) for page in pages for i, line in enumerate(page[:_EDGE_LINES]))
    bottom = Counter((i, _furniture_key(line)) for page in pages for i, line in enumerate(page[::-1][:_EDGE_LINES]))
    needed = max(2, math.ceil(len(pages) / 2))
    result = []
    for page in pages:
        start = 0
        while start < min(_EDGE_LINES, len(page)) and top[(start, _furniture_key(page[start]))] >= needed:
            start += 1
        end = len(page)
        from_end = 0
        while from_end < _EDGE_LINES and end > start and bottom[(from_end, _furniture_key(page[end - 1]))] >= needed:
            end -= 1
            from_end += 1
        result.append(page[start:end])
    return result


def _strip_page_numbers(page: list[str]) -> list[str]:
    start, end = 0, len(page)
    while start < min(_EDGE_LINES, end) and _PAGE_NUMBER_RE.match(page[start]):
        start += 1
    removed = 0
    while removed < _EDGE_LINES and end > start and _PAGE_NUMBER_RE.match(page[end - 1]):
        end -= 1
        removed += 1
    return page[start:end]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _typical_full_width(lines: list[str]) -> int:
    # The 90th percentile, not the maximum: one over-long line (a URL, a table row) must not make every
    # ordinary line look short.
    widths = sorted(_display_width(line) for line in lines)
    return widths[min(len(widths) - 1, int(0.9 * len(widths)))]


def _continues(previous: str, line: str, full_width: int) -> bool:
    ending = previous.rstrip(_CLOSING_MARKS)[-1:]
    if ending and ending in _SENTENCE_END:
        return False
    if _display_width(previous) < _SHORT_LINE_RATIO * full_width:
        return False
    return not _HEADING_START_RE.match(line)


def _glue(left: str, right: str) -> str:
    # Latin words wrap at spaces, which the PDF drops; Han text and numbers wrap anywhere, with no space.
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right
