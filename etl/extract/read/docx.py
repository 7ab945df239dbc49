"""DOCX files: body paragraphs and table rows (cells joined by tabs) in document order, and the title."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from etl.extract.read.errors import fail
from etl.models import RawDocument

if TYPE_CHECKING:
    from docx.table import Table

# python-docx is imported by `read_docx`: it is slow to import, and most processes never read DOCX.

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(data: bytes, file_name: str) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data.startswith(_OLE_MAGIC):
        # Word 97-2003 files and password-protected DOCX are both OLE containers, not zip.
        raise fail(file_name, "not a valid DOCX (bad zip: an OLE file, i.e. a legacy .doc or an encrypted DOCX)")
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise fail(file_name, "not a valid DOCX (bad zip)") from error
    except (PackageNotFoundError, KeyError) as error:
        raise fail(file_name, "not a valid DOCX (no Word document inside the zip)") from error
    except (etree.XMLSyntaxError, ValueError) as error:
        raise fail(file_name, f"not a valid DOCX (damaged XML: {_one_line(error)})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_docx_table_lines(block))
    title = (document.core_properties.title or "").strip() or None
    return RawDocument(text="\n".join(lines), source_format="docx", title=title)


def _docx_table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans; python-docx exposes the shared
            # <w:tc> element only privately, and comparing it is the way to emit the cell once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
