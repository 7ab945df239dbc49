"""HTML pages: the report text trafilatura finds, without CMS page chrome, plus the page's title and date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from etl.extract.normalise import normalise_text
from etl.extract.patterns import DATE_PART, valid_date
from etl.extract.read.decode import decode_text
from etl.extract.read.errors import fail
from etl.models import RawDocument

# trafilatura is imported by `read_html`: it is slow to import, and most processes never read HTML.

# Page chrome that trafilatura keeps on Chinese government CMS templates. Matched against whole lines
# only, so a sentence that quotes one of these is never touched.
_HTML_CHROME_LINE_RE = re.compile(
    r"^(?:"
    r"扫一扫在手机(?:上)?(?:打开|查看|浏览)当前页(?:面)?"
    r"|(?:【?(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|收藏)】?\s*)+"
    r"|分享到[:：]?[^。，,]{0,40}"
    r"|字号[:：]?\s*(?:\[?[大中小]\]?\s*){1,3}"
    r"|(?:【?字体[:：]?\s*)?(?:\[?[大中小]\]?\s*){3}】?"
    r")$"
)
# Share and QR-code boxes by class/id token; exact tokens, so an article wrapper is never pruned.
_HTML_PRUNE_XPATH = [
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {token} ') or @id='{token}']"
    for token in ("share", "bdsharebuttonbox", "bdshare", "share-box", "qr", "qrcode", "qr-code", "ewm", "erweima")
]
_PUBLISHED_META_NAMES = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "og:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "published_time",
)
_TITLE_META_NAMES = ("articletitle", "og:title", "dc.title")
_DATE_RE = re.compile(DATE_PART)
# Labelled dates in the page text, most specific first; 成文日期 (the date the document was signed) is
# not a publication date and is skipped by the look-behind.
_LABELLED_DATE_RES = tuple(
    re.compile(rf"(?:{label})\s*[:：]?\s*{DATE_PART}")
    for label in ("发布日期|發布日期", "发布时间|發布時間", "(?<!成文)(?<!印发)日期", "(?<!成文)(?<!印发)时间|時間")
)
_TITLE_SEPARATORS_RE = re.compile(r"\s*(?:_|\||｜| - | -- )\s*")
# Sentence punctuation only: a breadcrumb ("您当前的位置: 首页>…") has a colon but no comma or full stop.
_PROSE_RE = re.compile(r"[，。；！？,;!?、]")
_WORD_CHARS_RE = re.compile(r"\w")


def read_html(data: bytes, file_name: str) -> RawDocument:
    import trafilatura

    markup = decode_text(data, file_name)
    # lxml refuses str input that still carries an XML encoding declaration; the text is decoded already.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    extracted = trafilatura.bare_extraction(
        markup,
        include_tables=True,
        include_comments=False,
        include_images=False,
        # Recall over precision: trafilatura's precise mode drops <ul> lists, and reports keep content in them.
        favor_recall=True,
        with_metadata=True,
        prune_xpath=_HTML_PRUNE_XPATH,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(extracted, "body", None)
    lines = _render_trafilatura_body(body) if body is not None else []
    lines = [line for line in lines if not _HTML_CHROME_LINE_RE.match(line)]
    text = "\n".join(lines)
    if not any(_is_prose(line) for line in lines):
        raise fail(file_name, "no report text found in HTML")
    page = _parse_page(markup)
    title = _html_title(page, getattr(extracted, "title", None))
    date_published = _html_date(page, getattr(extracted, "date", None))
    return RawDocument(text=text, source_format="html", title=title, date_published=date_published)


def _is_prose(line: str) -> bool:
    """Menus and breadcrumbs are bare words; a report line has punctuation and some length."""
    return bool(_PROSE_RE.search(line)) and len(_WORD_CHARS_RE.findall(line)) >= 10


def _render_trafilatura_body(body: etree._Element) -> list[str]:
    lines: list[str] = []
    for block in body:
        if not isinstance(block.tag, str):
            continue  # comments and processing instructions
        if block.tag == "table":
            lines.extend(_render_table(block))
        elif block.tag == "list":
            lines.extend(_inline_text(item).strip() for item in block.findall("item"))
        else:
            lines.extend(_inline_text(block).split("\n"))
    return [line.strip() for line in lines if line.strip()]


def _render_table(table: etree._Element) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_inline_text(cell).split()) for cell in row if cell.tag == "cell"]
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _inline_text(element: etree._Element) -> str:
    """Text of an element with <lb/> as a line break (itertext would glue the lines together)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _parse_page(markup: str) -> lxml_html.HtmlElement | None:
    try:
        page = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None  # metadata is optional; the text has already been extracted
    # Script bodies are full of dates and strings that are not the page's own.
    etree.strip_elements(page, "script", "style", "noscript", with_tail=False)
    return page


def _meta_contents(page: lxml_html.HtmlElement | None, names: tuple[str, ...]) -> Iterator[str]:
    if page is None:
        return
    wanted = set(names)
    found: dict[str, str] = {}
    for meta in page.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content and key not in found:
            found[key] = content
    for name in names:
        if name in found:
            yield found[name]


def _iso_date(text: str) -> str | None:
    match = _DATE_RE.search(text)
    return valid_date(*match.groups()) if match else None


def _html_date(page: lxml_html.HtmlElement | None, trafilatura_date: str | None) -> str | None:
    """The page's own statement of its date beats trafilatura's guess, which may come from a URL."""
    for content in _meta_contents(page, _PUBLISHED_META_NAMES):
        if iso := _iso_date(content):
            return iso
    body = page.find("body") if page is not None else None
    if body is not None:
        page_text = normalise_text(" ".join(body.itertext()))
        for pattern in _LABELLED_DATE_RES:
            for match in pattern.finditer(page_text):
                if iso := valid_date(*match.groups()):
                    return iso
    return _iso_date(trafilatura_date) if trafilatura_date else None


def _html_title(page: lxml_html.HtmlElement | None, trafilatura_title: str | None) -> str | None:
    for content in _meta_contents(page, _TITLE_META_NAMES):
        if title := _longest_title_part(content):
            return title
    # A report title is long and a site or section name short: of trafilatura's pick (often the <h1>) and
    # the page's <title>, the longer one is the report's.
    candidates = [_longest_title_part(trafilatura_title or "")]
    if page is not None and (title_element := page.find(".//title")) is not None:
        candidates.append(_longest_title_part(title_element.text_content()))
    return max((candidate for candidate in candidates if candidate), key=len, default=None)


def _longest_title_part(title: str) -> str | None:
    # "<report title>_<site name>" or "<site> | <report title>": the longest part is the report's own title.
    parts = [part for part in _TITLE_SEPARATORS_RE.split(normalise_text(title)) if part]
    return max(parts, key=len) if parts else None
