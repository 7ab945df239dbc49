"""Read one report file (txt, html, docx, pdf) into a `RawDocument`.

Readers return the report text with LF line breaks and one paragraph per line, but otherwise as the
container had it: callers build the `Document` with `normalise_text` and then `fold_script`, so that every
offset indexes one agreed text. Every failure is a `ReadError` whose one-line message names the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import itertools
import math
import pathlib
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import opencc
from lxml import etree
from lxml import html as lxml_html

from etl.models import RawDocument

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from docx.table import Table

# trafilatura, python-docx and pypdfium2 are imported by the readers that need them: together they take
# half a second to import, which every process (the dashboard's first start, each worker) paid for plain text.

MAX_FILE_BYTES: int = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


class ReadError(ValueError):
    """A file that cannot be turned into report text; the message is one line naming the file."""


def file_label(file_name: str) -> str:
    """A file name fit for a one-line message: a newline in it would break the one-line promise."""
    return re.sub(r"[\x00-\x1f\x7f]", "?", file_name)


def _fail(file_name: str, problem: str) -> ReadError:
    return ReadError(f"{file_label(file_name)}: {problem}")


# --------------------------------------------------------------------------------------------------
# Entry points


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
        return _read_html(data, file_name)
    if suffix == ".docx":
        return _read_docx(data, file_name)
    return _read_pdf(data, file_name)


def _check_suffix(file_name: str) -> str:
    suffix = pathlib.PurePath(file_name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "no suffix"
        raise _fail(file_name, f"unsupported file type ({shown}; expected one of {', '.join(SUPPORTED_SUFFIXES)})")
    return suffix


def _too_large(file_name: str, size: int) -> ReadError:
    return _fail(file_name, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)")


# --------------------------------------------------------------------------------------------------
# Decoding

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than \t \n \v \f \r, plus DEL: real text has next to none of them.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.01
_DECLARED_CHARSET_RE = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_DECLARED_SCAN_BYTES = 2048
# Declared names that are trusted, mapped to the codecs tried in order. Pages labelled GB2312 routinely
# contain characters outside it (—, ·, 綦), and GB18030 is a strict superset of GB2312 and GBK; CP950
# adds the Windows extensions (碁銹裏…) to Big5. A declared single-byte charset (latin-1, windows-1252) is
# ignored: it decodes any bytes, so a mislabelled Chinese page would silently become mojibake.
_DECLARED_CODECS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
}


def decode_text(data: bytes, file_name: str) -> str:
    """Decode report bytes: UTF-8, then a declared charset, then GB18030 or Big5 (by plausibility).

    Never guesses with a statistical detector first: those read short GBK text as Korean or Cyrillic.
    """
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise _fail(file_name, "file is empty")
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data, file_name)
    else:
        _reject_binary(data, file_name)
        text = _decode_8bit(data, file_name)
    if not text.strip():
        raise _fail(file_name, "file is empty")
    return text


def _decode_utf16(data: bytes, file_name: str) -> str:
    try:
        text = data.decode("utf-16")  # the BOM picks the byte order and is consumed
    except UnicodeDecodeError as error:
        raise _fail(file_name, "cannot decode text (UTF-16 byte order mark, but invalid UTF-16)") from error
    controls = sum(1 for char in text if char == "\x00" or (ord(char) < 0x80 and ord(char) in _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise _fail(file_name, "not a text file (binary content after a UTF-16 byte order mark)")
    return text


def _reject_binary(data: bytes, file_name: str) -> None:
    # Byte-level checks are sound for every codec accepted below: in UTF-8, GB18030 and Big5 all bytes of
    # a multi-byte character are >= 0x30, so control bytes can only be real control characters.
    if b"\x00" in data:
        raise _fail(file_name, "not a text file (contains NUL bytes)")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))  # counted in C: files run to 20 MB
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise _fail(file_name, f"not a text file ({controls} control bytes in {len(data)})")


def _decode_8bit(data: bytes, file_name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass  # not UTF-8: fall through to the legacy Chinese encodings
    for codec in _declared_codecs(data):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue  # a wrong declaration is common on old CMS templates; the bytes decide
    text = _decode_gb_or_big5(data)
    if text is None:
        raise _fail(file_name, "cannot decode text (not UTF-8, GB18030 or Big5)")
    return text


def _declared_codecs(data: bytes) -> tuple[str, ...]:
    match = _DECLARED_CHARSET_RE.search(data[:_DECLARED_SCAN_BYTES])
    if match is None:
        return ()
    name = match.group(1).decode("ascii").lower()
    try:
        canonical = codecs.lookup(name).name.replace("_", "").replace("-", "")
    except LookupError:
        return ()
    return _DECLARED_CODECS.get(canonical, ())


def _try_decode(data: bytes, codec_names: tuple[str, ...]) -> str | None:
    for codec in codec_names:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_gb_or_big5(data: bytes) -> str | None:
    """Pick GB18030 or Big5 for bytes that are not UTF-8.

    Nearly every Big5 byte string is also valid GB18030 (as nonsense: kana, box drawing, private-use
    characters), and short GBK strings often pass as Big5 (again as nonsense). So when both decode, the
    reading whose characters look like real report prose wins; GB18030 wins ties, being the common case.
    """
    as_gb = _try_decode(data, ("gb18030",))
    as_big5 = _try_decode(data, ("big5", "cp950"))
    if as_gb is None or as_big5 is None:
        return as_gb if as_gb is not None else as_big5
    # The opening of a long file settles it as well as the whole would, at a fraction of the cost.
    big5_sample, gb_sample = as_big5[:_SAMPLE_CHARS], as_gb[:_SAMPLE_CHARS]
    big5_score, gb_score = _plausibility(big5_sample), _plausibility(gb_sample)
    # Big5 read as GB18030 yields private-use characters, kana, Greek or box drawing, which Chinese report
    # text hardly uses: this settles short strings that have too few Han characters to score.
    if _odd_count(gb_sample) > 0 and _odd_count(big5_sample) == 0 and big5_score >= gb_score:
        return as_big5
    if _is_mostly_han(big5_sample) and big5_score > gb_score:
        return as_big5
    return as_gb


_SAMPLE_CHARS = 65536


_ODD_RANGES = (
    (0xE000, 0xF8FF),  # private use area
    (0x3040, 0x312F),  # hiragana, katakana, bopomofo
    (0x2500, 0x257F),  # box drawing
    (0x0370, 0x04FF),  # Greek, Cyrillic
)


def _odd_count(text: str) -> int:
    return sum(1 for char in text if any(low <= ord(char) <= high for low, high in _ODD_RANGES))


# The most frequent characters of general Chinese prose, then of this corpus of rule-of-law reports
# (counted over data/reports after folding to simplified script). Real report text has well over 60 % of
# its Han characters in this set; a wrong-codec reading has under 10 %.
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出也得里后自会家可下而过天去能对小多然于心学么之都好看起"
    "发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分老因很给名法间知"
    "世什两次使身者被高已亲其进此话常与活正感政治府建设区习全实工年市委推平重务党近思主导责部落度深项贯报彻领制入关化"
    "持告坚任展议新二各十强公精镇神理组况依力体提效题定范执社指将督级点规职宣民施决合服等三示改加办传机律专代审署及件"
    "庆单信保省央目研履确义措策干案文管九书查监统讲认特察问革色负门清调届场批举系求记解创完考评首标员织真江划核式内升"
    "究通四共取营环业程步引优权性质纲纳院召明立围紧境切障东率续基量布复号容向整余综应论局息善台筹抓县商济五州并格层造"
    "类众安网态集见绕北浦置先城识放结水列训接供六相述打条村根协培疫街断挥印司乡页严计万据普"
)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    traditional = _opencc("s2t").convert(_COMMON_SIMPLIFIED)
    return frozenset(_COMMON_SIMPLIFIED) | frozenset(traditional)


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def _is_neutral(char: str) -> bool:
    """ASCII and punctuation say nothing about which codec is right."""
    code = ord(char)
    return code < 0x80 or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027


def _is_mostly_han(text: str) -> bool:
    telling = [char for char in text if not _is_neutral(char)]
    return bool(telling) and sum(map(_is_han, telling)) >= 0.9 * len(telling)


def _plausibility(text: str) -> float:
    """Share of the non-ASCII, non-punctuation characters that are common Han characters."""
    common = _common_han()
    telling = [char for char in text if not _is_neutral(char)]
    if not telling:
        return 0.0
    return sum(1 for char in telling if char in common) / len(telling)


# --------------------------------------------------------------------------------------------------
# Normalisation and script folding

_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_SPACE_LIKE = "\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update({ord(char): " " for char in _SPACE_LIKE})
    table.update({ord(char): None for char in _ZERO_WIDTH})
    table.update({ord(char): "\n" for char in "\f\v\u2028\u2029"})
    # Other C0/C1 controls are scraping debris; \t and \n carry layout and stay.
    table.update({code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]})
    # Lone surrogates are not characters; they cannot even be written out as UTF-8.
    table.update({code: None for code in range(0xD800, 0xE000)})
    # Enclosed numerals: ⑴ and ⒈ are nothing but "(1)" and "1." set in one glyph, and ㈠ is "(一)", so
    # they are unfolded for the heading parser. ①..⑳ are kept: they mark list items, and turning them into
    # bare digits would make the figure extractor read list markers as quantities.
    han_numerals = "一二三四五六七八九十"
    table.update({0x2474 + i: f"({i + 1})" for i in range(20)})  # ⑴..⒇
    table.update({0x2488 + i: f"{i + 1}." for i in range(20)})  # ⒈..⒛
    table.update({0x3220 + i: f"({han_numerals[i]})" for i in range(10)})  # ㈠..㈩
    return table


_TRANSLATION = _build_translation()


def _char_class(codes: Iterable[int]) -> str:
    """A regex character class of `codes`, written as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges) + "]"


# Most characters of a report map to themselves: finding the few that do not in C and mapping only those
# costs a third of str.translate, which looks every character up in the table.
_TRANSLATED_RE = re.compile(_char_class(_TRANSLATION))


def _translate(match: re.Match[str]) -> str:
    return _TRANSLATION[ord(match.group())] or ""


_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONE_MARKS
# A pinyin syllable in brackets right after a Han character ("領(lǐng)會"): left by transcoding tools
# that annotate polyphones. Requiring a tone mark keeps real bracketed Latin text ("(app)", "(a)").
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN_GLOSS = rf"\((?=[{_PINYIN_LETTERS}]*[{_TONE_MARKS}])[{_PINYIN_LETTERS}]{{1,7}}\)"
# The pattern opens with its literal "(" and looks back past it, so the engine only stops at brackets.
_PINYIN_RE = re.compile(rf"\((?<=[{_HAN}]\()" + _PINYIN_GLOSS[2:] + rf"(?:{_PINYIN_GLOSS})*")
# A tab separates table cells (readers render rows that way): a run holding one stays one tab. Single spaces,
# by far the most common run, are not matched at all.
_TABBED_SPACE_RE = re.compile(r"[ \t]*\t[ \t]*")
_SPACE_RUN_RE = re.compile(r" {2,}")
_EDGE_SPACE_RE = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Fold full-width ASCII and odd spaces, drop invisible characters and pinyin glosses, tidy whitespace.

    Not NFKC: that would also turn ① into 1 and ㎡ into m2. Chinese punctuation (、。“”《》) and dashes are
    kept. Lines keep their content but lose leading and trailing spaces; runs of blank lines become one
    blank line. Idempotent, so normalising twice is harmless.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRANSLATED_RE.sub(_translate, text)
    text = _PINYIN_RE.sub("", text)
    text = _TABBED_SPACE_RE.sub("\t", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    text = _EDGE_SPACE_RE.sub("\n", text)
    text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


@lru_cache(maxsize=4)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if 0xD800 <= ord(char) <= 0xDFFF:
        return char  # OpenCC takes UTF-8 and a lone surrogate has no UTF-8 form
    folded = _opencc("t2s").convert(char)
    return folded if len(folded) == 1 else char


def fold_script(text: str) -> str:
    """Traditional → simplified script, with exactly one output character per input character.

    Offsets found in the folded copy must index the original text, so a phrase conversion that changes
    the length is undone and the text is folded one character at a time instead.
    """
    try:
        folded = _opencc("t2s").convert(text)
    except UnicodeEncodeError:
        folded = ""  # lone surrogates: only the character-by-character path can step around them
    if len(folded) == len(text):
        return folded
    return "".join(_fold_char(char) for char in text)


# --------------------------------------------------------------------------------------------------
# HTML

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
_DATE_VALUE = r"(\d{4})\s*(?:[-/.年]\s*)(\d{1,2})\s*(?:[-/.月]\s*)(\d{1,2})"
_DATE_RE = re.compile(_DATE_VALUE)
# Labelled dates in the page text, most specific first; 成文日期 (the date the document was signed) is
# not a publication date and is skipped by the look-behind.
_LABELLED_DATE_RES = tuple(
    re.compile(rf"(?:{label})\s*[:：]?\s*{_DATE_VALUE}")
    for label in ("发布日期|發布日期", "发布时间|發布時間", "(?<!成文)(?<!印发)日期", "(?<!成文)(?<!印发)时间|時間")
)
_TITLE_SEPARATORS_RE = re.compile(r"\s*(?:_|\||｜| - | -- )\s*")
# Sentence punctuation only: a breadcrumb ("您当前的位置: 首页>…") has a colon but no comma or full stop.
_PROSE_RE = re.compile(r"[，。；！？,;!?、]")
_WORD_CHARS_RE = re.compile(r"\w")


def _read_html(data: bytes, file_name: str) -> RawDocument:
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
        raise _fail(file_name, "no report text found in HTML")
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
    return _valid_date(*match.groups()) if match else None


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


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
                if iso := _valid_date(*match.groups()):
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


# --------------------------------------------------------------------------------------------------
# DOCX

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_docx(data: bytes, file_name: str) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data.startswith(_OLE_MAGIC):
        # Word 97-2003 files and password-protected DOCX are both OLE containers, not zip.
        raise _fail(file_name, "not a valid DOCX (bad zip: an OLE file, i.e. a legacy .doc or an encrypted DOCX)")
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise _fail(file_name, "not a valid DOCX (bad zip)") from error
    except (PackageNotFoundError, KeyError) as error:
        raise _fail(file_name, "not a valid DOCX (no Word document inside the zip)") from error
    except (etree.XMLSyntaxError, ValueError) as error:
        raise _fail(file_name, f"not a valid DOCX (damaged XML: {_one_line(error)})") from error
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


# --------------------------------------------------------------------------------------------------
# PDF

_SENTENCE_END = "。！？；：!?;:"
_CLOSING_MARKS = "”’」』)）】》〉\"'"
_HEADING_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|第[一二三四五六七八九十百\d]+[章节条部篇]"
    r"|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）])"
)
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–_·•\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:/|／|共)\s*\d{1,4}\s*页?)?[-—–_·•\s]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # running headers and footers sit in the first or last two lines of a page
_SHORT_LINE_RATIO = 0.85


def _read_pdf(data: bytes, file_name: str) -> RawDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    head = data[:1024]
    if b"%PDF-" not in head:
        raise _fail(file_name, "PDF is damaged or truncated")
    # pdfium quietly rebuilds a cut-off file and returns part of the text; a report missing its end is
    # worse than no report, so the end-of-file marker is required where the PDF spec puts it.
    if b"%%EOF" not in data[-2048:]:
        raise _fail(file_name, "PDF is damaged or truncated")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY):
            raise _fail(file_name, "PDF is encrypted") from error
        raise _fail(file_name, "PDF is damaged or truncated") from error
    try:
        pages = [_pdf_page_lines(pdf, index) for index in range(len(pdf))]
        title = (pdf.get_metadata_value("Title") or "").strip() or None
    except pdfium.PdfiumError as error:
        raise _fail(file_name, "PDF is damaged or truncated") from error
    finally:
        pdf.close()
    text = _join_pdf_lines(pages)
    if not any(_is_han(char) or char.isalnum() for char in text):
        raise _fail(file_name, "PDF has no text layer (scanned?)")
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
