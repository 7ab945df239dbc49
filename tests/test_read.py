"""Reader tests on real report text: committed fixtures (see fixtures/read/make_fixtures.py) and bytes
built here from data/reports in every encoding a government site has served them in."""

from __future__ import annotations

import io
import pathlib
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import normalise
from etl.extract.read import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    ReadError,
    decode_text,
    fold_script,
    normalise_text,
    read_bytes,
    read_file,
)
from etl.extract.read import pdf as pdf_reader
from etl.models import RawDocument

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures" / "read"
REPORTS = ROOT / "data" / "reports"
EXCERPTS = REPORTS / "excerpts"
QIJIANG_PATH = REPORTS / "chongqing-qijiang-2021.txt"
QIJIANG = QIJIANG_PATH.read_text(encoding="utf-8")
QIJIANG_LINES = [line.strip() for line in QIJIANG.splitlines() if line.strip()]
QIJIANG_TITLE = "重庆市綦江区2021年度法治政府建设情况报告"
MEDIATION_SENTENCE = "全年共调解各类矛盾纠纷5169件,调解成功5089件,调解成功率为98.45%,涉及金额7690万余元。"
REAL_TEXT_PATHS = [*sorted(EXCERPTS.glob("*.txt")), QIJIANG_PATH]
TRADITIONAL_PATHS = sorted(EXCERPTS.glob("*_traditional.txt"))


def _text(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8")


def _encodings_of(text: str) -> list[str]:
    names = ["utf-8", "utf-8-sig", "gb18030", "big5"]
    usable = []
    for name in names:
        try:
            text.encode(name, errors="strict")
        except UnicodeEncodeError:
            continue
        usable.append(name)
    return usable


ENCODED_CASES = [
    pytest.param(path, encoding, id=f"{path.stem}-{encoding}")
    for path in REAL_TEXT_PATHS
    for encoding in _encodings_of(_text(path))
]


def _build_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A minimal well-formed PDF (with a correct xref table), for shapes no PDF library will write."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


BLANK_PAGE_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
]
# Standard security handler whose /U entry matches no password: pdfium asks for one, as for any PDF
# locked with a user password.
PASSWORD_LOCKED_PDF = _build_pdf(
    [
        *BLANK_PAGE_OBJECTS,
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ],
    b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
)


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _zip_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# Decoding


@pytest.mark.parametrize(("path", "encoding"), ENCODED_CASES)
def test_real_text_decodes_to_the_exact_original(path: pathlib.Path, encoding: str) -> None:
    original = _text(path)
    assert decode_text(original.encode(encoding), path.name) == original


BIG5_PATHS = [path for path in TRADITIONAL_PATHS if "big5" in _encodings_of(_text(path))]
SNIPPET_CASES = [
    *(pytest.param(path, "gb18030", id=f"{path.stem}-gb18030") for path in REAL_TEXT_PATHS),
    *(pytest.param(path, "big5", id=f"{path.stem}-big5") for path in BIG5_PATHS),
]


@pytest.mark.parametrize(("path", "encoding"), SNIPPET_CASES)
def test_short_snippets_pick_the_right_legacy_codec(path: pathlib.Path, encoding: str) -> None:
    """The GB18030/Big5 choice holds down to 10 characters (a title, a table cell), from anywhere in a file."""
    original = _text(path)
    checked = 0
    for length in (10, 16, 25, 40, 80):
        for start in range(0, len(original) - length, 97):
            snippet = original[start : start + length]
            try:
                data = snippet.encode(encoding)
                data.decode("utf-8")
                continue  # pure ASCII, or not representable in this codec: nothing to choose
            except UnicodeEncodeError:
                continue
            except UnicodeDecodeError:
                pass
            assert decode_text(data, path.name) == snippet, f"{encoding} {start}+{length}: {snippet!r}"
            checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    ("fixture", "expected_path"),
    [
        ("qijiang_gb18030.txt", QIJIANG_PATH),
        ("qijiang_utf8_bom.txt", QIJIANG_PATH),
        ("tongnan_big5.txt", EXCERPTS / "043_tongnan_2022_traditional.txt"),
        ("sifabu_traditional_gb18030.txt", EXCERPTS / "033_sifabu_2021_traditional.txt"),
    ],
)
def test_text_fixtures_read_back_exactly(fixture: str, expected_path: pathlib.Path) -> None:
    raw = read_file(FIXTURES / fixture)
    assert raw == RawDocument(text=_text(expected_path), source_format="txt")


def test_gb18030_fixture_keeps_the_figures() -> None:
    text = read_file(FIXTURES / "qijiang_gb18030.txt").text
    assert "调解成功率为98.45%" in text
    assert MEDIATION_SENTENCE in text


def test_big5_fixture_is_really_big5() -> None:
    data = (FIXTURES / "tongnan_big5.txt").read_bytes()
    expected = _text(EXCERPTS / "043_tongnan_2022_traditional.txt")
    assert data.decode("big5") == expected
    # The trap the heuristic exists for: the same bytes are valid GB18030, as nonsense.
    assert data.decode("gb18030") != expected
    assert decode_text(data, "tongnan.txt").startswith("重慶市潼南區人民政府2022年法治政府建設情況的報告")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A declared charset wins over the GB18030/Big5 guess ...
        (b'<meta charset="big5">' + "朝陽".encode("big5"), '<meta charset="big5">朝陽'),
        (
            b'<?xml version="1.0" encoding="GBK"?>' + "綦江".encode("gb18030"),
            '<?xml version="1.0" encoding="GBK"?>綦江',
        ),
        # ... gb2312 is read as GB18030, which has the dash and dot that GB2312 lacks ...
        (b"<meta charset=gb2312>" + "2016—2020·区".encode("gb18030"), "<meta charset=gb2312>2016—2020·区"),
        # ... a wrong declaration is dropped when the bytes do not decode with it ...
        (b'<meta charset="big5">' + QIJIANG_LINES[15].encode("gb18030"), '<meta charset="big5">' + QIJIANG_LINES[15]),
        # ... and a single-byte declaration is never trusted: it would accept any bytes.
        (b"<meta charset=iso-8859-1>" + "法治政府".encode("gb18030"), "<meta charset=iso-8859-1>法治政府"),
        (b"\xef\xbb\xbf" + "法治".encode(), "法治"),
        ("\ufeff依法行政".encode("utf-16-le"), "依法行政"),
        ("\ufeff依法行政".encode("utf-16-be"), "依法行政"),
        # Short Big5 runs that are only punctuation: GB18030 would make them private-use characters.
        ("9)、《2025".encode("big5"), "9)、《2025"),
    ],
)
def test_decode_order(data: bytes, expected: str) -> None:
    assert decode_text(data, "page.html") == expected


# --------------------------------------------------------------------------------------------------
# HTML


def test_html_page_keeps_report_and_drops_chrome() -> None:
    raw = read_file(FIXTURES / "qijiang_gb2312.html")
    assert raw.source_format == "html"
    assert raw.title == QIJIANG_TITLE
    assert raw.date_published == "2022-03-22"
    assert "全年共调解各类矛盾纠纷5169件" in raw.text
    assert MEDIATION_SENTENCE in raw.text
    for chrome in (
        "扫一扫在手机打开当前页",
        "智能问答",
        "便民地图",
        "分享到",
        "您当前的位置",
        "渝ICP备",
        "_hmt",
        "打印本页",
    ):
        assert chrome not in raw.text, chrome
    # Every paragraph of the page body survives as one line, in order.
    lines = raw.text.split("\n")
    positions = [lines.index(line) for line in QIJIANG_LINES[4:24]]
    assert positions == sorted(positions)


ARTICLE = "".join(f"<p>{line}</p>" for line in QIJIANG_LINES[9:12])


@pytest.mark.parametrize(
    ("markup", "title", "date_published"),
    [
        (
            f"<html><head><title>{QIJIANG_TITLE}_重庆市綦江区人民政府</title></head><body>"
            '<div class="info">发布时间：2022年3月22日 来源：区司法局</div>'
            f'<div id="zoom">{ARTICLE}</div></body></html>',
            QIJIANG_TITLE,
            "2022-03-22",
        ),
        (
            f'<html><head><meta property="article:published_time" content="2023-02-14T09:00:00+08:00">'
            f"<title>首页 | {QIJIANG_TITLE}</title></head><body><article>{ARTICLE}</article></body></html>",
            QIJIANG_TITLE,
            "2023-02-14",
        ),
        (
            # 成文日期 is when the document was signed, not published; the label 日期 is the publication.
            f"<html><head><title>{QIJIANG_TITLE}</title></head><body><div>成文日期:2022-02-11</div>"
            f"<div>日期:2022/03/22</div><article>{ARTICLE}</article></body></html>",
            QIJIANG_TITLE,
            "2022-03-22",
        ),
    ],
    ids=["text-label-and-title-suffix", "meta-published-time", "signed-date-skipped"],
)
def test_html_metadata(markup: str, title: str, date_published: str) -> None:
    raw = read_bytes(markup.encode("utf-8"), "report.html")
    assert (raw.title, raw.date_published) == (title, date_published)
    assert QIJIANG_LINES[9] in raw.text.split("\n")


def test_html_tables_and_lists_come_through_as_lines() -> None:
    markup = (
        f'<html><head><meta charset="utf-8"></head><body><div id="zoom">{ARTICLE}'
        "<table><tr><th>指标</th><th>数量</th></tr><tr><td>调解各类矛盾纠纷</td><td>5169件</td></tr>"
        "<tr><td>调解成功</td><td>5089件</td></tr></table>"
        "<p>主要做法如下:</p><ul><li>一是完善多元化解纠纷机制。</li><li>二是加强公共法律服务体系建设。</li></ul>"
        f"<p>{QIJIANG_LINES[16]}</p></div></body></html>"
    )
    lines = read_bytes(markup.encode("utf-8"), "table.htm").text.split("\n")
    assert "指标\t数量" in lines
    assert "调解成功\t5089件" in lines
    assert lines.index("调解各类矛盾纠纷\t5169件") < lines.index("调解成功\t5089件") < lines.index(QIJIANG_LINES[16])
    assert "一是完善多元化解纠纷机制。" in lines
    assert "二是加强公共法律服务体系建设。" in lines


def test_big5_html_with_meta_charset() -> None:
    original = _text(EXCERPTS / "067_beijing_dongcheng_2024_traditional.txt")
    paragraphs = "".join(f"<p>{line}</p>" for line in original.splitlines() if line.strip())
    markup = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
        f"<title>東城區2024年法治政府建設情況報告_北京市東城區人民政府</title></head><body><article>{paragraphs}"
        "</article></body></html>"
    )
    raw = read_bytes(markup.encode("big5"), "dongcheng.HTM")
    assert raw.title == "東城區2024年法治政府建設情況報告"
    assert original.splitlines()[0] in raw.text


# --------------------------------------------------------------------------------------------------
# DOCX


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    raw = read_file(FIXTURES / "qijiang.docx")
    assert raw.source_format == "docx"
    assert raw.title == QIJIANG_TITLE
    assert raw.date_published is None
    lines = raw.text.split("\n")
    table_rows = [
        "指标\t2021年\t说明",
        "调解各类矛盾纠纷\t5169件\t全年",
        "调解成功\t5089件\t调解成功率为98.45%",
        "涉及金额\t7690万余元\t",
        "数据来源:区司法局\t2022年",  # merged cell once, not once per spanned column
    ]
    expected_order = [QIJIANG_TITLE, QIJIANG_LINES[4], QIJIANG_LINES[15], *table_rows, QIJIANG_LINES[16]]
    assert [lines.index(line) for line in expected_order] == sorted(lines.index(line) for line in expected_order)
    assert MEDIATION_SENTENCE in raw.text


# --------------------------------------------------------------------------------------------------
# PDF


def test_pdf_text_layer_rejoined_into_paragraphs() -> None:
    raw = read_file(FIXTURES / "qijiang.pdf")
    assert raw.source_format == "pdf"
    assert raw.title == QIJIANG_TITLE
    assert "调解成功5089件" in raw.text
    assert MEDIATION_SENTENCE in raw.text
    # Each source paragraph comes back as exactly one line: no space or break inside a sentence, even
    # across the page break ("为綦江改革发 | - 1 - | header | 展提供").
    expected = [QIJIANG_LINES[i] for i in (2, 3, 4, 5, 6, 9, 15, 17, 18, 19, 23)]
    assert raw.text.split("\n") == expected
    assert "綦江区人民政府 法治政府建设年度报告" not in raw.text  # running header
    assert "- 1 -" not in raw.text and "- 2 -" not in raw.text  # page numbers


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # A sentence wrapped over lines and a page break, with page numbers in several styles.
        (
            [
                [
                    "法治政府建设年度报告",
                    "一、主要工作",
                    "全年共调解各类矛盾纠纷5169件,调解成",
                    "功5089件。",
                    "第 1 页",
                ],
                ["法治政府建设年度报告", "调解成功率为98.45%,涉及金额7690万余", "元。", "2 / 3"],
                ["法治政府建设年度报告", "二、存在问题", "基层法治建设力度有待进一步提升。", "- 3 -"],
            ],
            "一、主要工作\n全年共调解各类矛盾纠纷5169件,调解成功5089件。\n调解成功率为98.45%,涉及金额7690万余元。\n"
            "二、存在问题\n基层法治建设力度有待进一步提升。",
        ),
        # A full-width line before a heading marker keeps its break; "1.5万" is a number, not a heading.
        (
            [
                [
                    "建设覆盖城乡便捷高效均等普惠的现代公共法",
                    "律服务网络全年办理公证与司法鉴定业务共计",
                    "1.5万件",
                    "(二)完善制度",
                ]
            ],
            "建设覆盖城乡便捷高效均等普惠的现代公共法律服务网络全年办理公证与司法鉴定业务共计1.5万件\n(二)完善制度",
        ),
        # Latin words wrapped at a space get the space back; Han text never does.
        (
            [["the rule of law government", "annual report of the district", "法治政府建设年度报告。"]],
            "the rule of law government annual report of the district法治政府建设年度报告。",
        ),
        # One page: nothing can be recognised as a running header, but page numbers still go.
        ([["1", "报告正文,第一句。", "Page 1 of 1"]], "报告正文,第一句。"),
        ([[], ["  "]], ""),
    ],
    ids=["wrap-across-pages", "heading-and-decimal", "latin-words", "single-page", "empty"],
)
def test_pdf_line_rejoining(pages: list[list[str]], expected: str) -> None:
    assert pdf_reader._join_pdf_lines(pages) == expected


# --------------------------------------------------------------------------------------------------
# Bad input


def _fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


BAD_INPUTS = [
    ("empty.txt", lambda: b"", "file is empty"),
    ("blank.txt", lambda: b" \r\n\t \n", "file is empty"),
    ("bom-and-spaces.txt", lambda: "\ufeff\u3000\u3000\n".encode(), "file is empty"),
    ("empty.html", lambda: b"", "file is empty"),
    ("junk.txt", lambda: _random_bytes(4096, seed=1), "not a text file (contains NUL bytes)"),
    (
        "controls.txt",
        lambda: b"\x01\x02\x03\x04\x1b[0m" * 50 + "法治".encode(),
        "not a text file (250 control bytes in 406)",
    ),
    ("latin.txt", lambda: b"caf\xe9 \x80\x80 na\xefve \xff", "cannot decode text (not UTF-8, GB18030 or Big5)"),
    ("random.pdf", lambda: _random_bytes(4096, seed=2), "PDF is damaged or truncated"),
    ("truncated.pdf", lambda: _fixture_bytes("qijiang.pdf")[:40_000], "PDF is damaged or truncated"),
    ("garbled.pdf", lambda: b"%PDF-1.7\n" + _random_bytes(3000, seed=3) + b"\n%%EOF\n", "PDF is damaged or truncated"),
    ("encrypted.pdf", lambda: _fixture_bytes("encrypted.pdf"), "PDF is encrypted"),
    ("locked.pdf", lambda: PASSWORD_LOCKED_PDF, "PDF is encrypted"),
    ("scan.pdf", lambda: _fixture_bytes("scanned_no_text.pdf"), "PDF has no text layer (scanned?)"),
    ("blank-page.pdf", lambda: _build_pdf(BLANK_PAGE_OBJECTS), "PDF has no text layer (scanned?)"),
    ("bad.docx", lambda: b"PK\x03\x04 this is not really a zip", "not a valid DOCX (bad zip)"),
    ("cut.docx", lambda: _fixture_bytes("qijiang.docx")[:5000], "not a valid DOCX (bad zip)"),
    ("other.docx", lambda: _zip_with("notes.txt", b"hello"), "not a valid DOCX (no Word document inside the zip)"),
    (
        "legacy.docx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "not a valid DOCX (bad zip: an OLE file, i.e. a legacy .doc or an encrypted DOCX)",
    ),
    (
        "nav.html",
        lambda: (
            '<html><head><meta charset="utf-8"><title>首页</title><script>var d="日期:2020-01-01";</script></head>'
            '<body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
            '<li><a href="/bsfw/">办事服务</a></li></ul></div><div class="crumbs">您当前的位置: <a href="/">首页</a>'
            '&gt;<a href="/zwgk/">政务公开</a></div><div class="footer"><a href="/znwd/">智能问答</a> '
            '<a href="/bmdt/">便民地图</a></div><script>window.location.href="/";</script></body></html>'
        ).encode(),
        "no report text found in HTML",
    ),
    (
        "scripts.htm",
        lambda: b"<html><head><script>var a = 1;</script></head><body><script>document.write(a)</script></body></html>",
        "no report text found in HTML",
    ),
    (
        "report.xlsx",
        lambda: b"PK\x03\x04",
        "unsupported file type (.xlsx; expected one of .txt, .html, .htm, .docx, .pdf)",
    ),
    ("README", lambda: b"text", "unsupported file type (no suffix; expected one of .txt, .html, .htm, .docx, .pdf)"),
    (
        "huge.txt",
        lambda: b"a" * (MAX_FILE_BYTES + 1),
        f"file is too large ({MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES} bytes)",
    ),
]


@pytest.mark.parametrize(("file_name", "make_data", "problem"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_a_one_line_read_error(file_name: str, make_data, problem: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(make_data(), file_name)
    assert str(caught.value) == f"{file_name}: {problem}"
    assert isinstance(caught.value, ValueError)


def test_read_file_rejects_a_large_file_before_reading_it(tmp_path: pathlib.Path, monkeypatch) -> None:
    path = tmp_path / "big.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened although its size alone rejects it")

    monkeypatch.setattr(pathlib.Path, "open", no_reading)
    with pytest.raises(ReadError, match=r"big\.pdf: file is too large"):
        read_file(path)


def test_read_file_names_the_path_and_lets_os_errors_through(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "empty.TXT"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: file is empty"
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "missing.txt")


def test_file_name_with_a_newline_still_gives_one_line() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(b"", "evil\nname.txt")
    assert str(caught.value) == "evil?name.txt: file is empty"


@pytest.mark.parametrize(
    ("file_name", "fixture", "source_format"),
    [
        ("REPORT.TXT", "qijiang_gb18030.txt", "txt"),
        ("report.Html", "qijiang_gb2312.html", "html"),
        ("report.HTM", "qijiang_gb2312.html", "html"),
        ("r.DOCX", "qijiang.docx", "docx"),
        ("r.Pdf", "qijiang.pdf", "pdf"),
    ],
)
def test_suffix_is_case_insensitive(file_name: str, fixture: str, source_format: str) -> None:
    raw = read_bytes(_fixture_bytes(fixture), file_name)
    assert raw.source_format == source_format
    assert "调解成功5089件" in raw.text
    assert pathlib.PurePath(file_name).suffix.lower() in SUPPORTED_SUFFIXES


# --------------------------------------------------------------------------------------------------
# Normalisation and folding


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("调解成功率为９８．４５％（全年）", "调解成功率为98.45%(全年)"),
        ("日期：２０２２－０３－２２", "日期:2022-03-22"),
        ("重庆市綦江区人民政府\u2002\u2002\u3000\u00a0\n", "重庆市綦江区人民政府"),
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
        ("法\u200b治\u200d政\ufeff府\u00ad", "法治政府"),
        ("a \t  b\t\tc   \n   d  ", "a\tb\tc\nd"),  # a tab (table cell separator) survives
        ("a   b \n c", "a b\nc"),
        ("一\n\n\n\n\n二\n\n三\n \n \n四", "一\n\n二\n\n三\n\n四"),
        ("深刻領(lǐng)會“兩個確立”", "深刻領會“兩個確立”"),
        ("高質量發(fā)展,政治執(zhí)行力,職業(yè)資格", "高質量發展,政治執行力,職業資格"),
        ("領（lǐng）會", "領會"),
        (
            "綱要(2021-2025年)、村(社区)、app(ok)、中(a)、 (lǐng)",
            "綱要(2021-2025年)、村(社区)、app(ok)、中(a)、 (lǐng)",
        ),
        ("、。“”《》〈〉【】——…", "、。“”《》〈〉【】——…"),
        ("①完善制度②加强执法，面积3㎡", "①完善制度②加强执法,面积3㎡"),
        ("⑴完善制度⑵加强执法", "(1)完善制度(2)加强执法"),
        ("㈠深入学习㈡率先垂范", "(一)深入学习(二)率先垂范"),
        ("⒈完善⒛加强", "1.完善20.加强"),
        ("页眉\f正文\x07\x1b结束", "页眉\n正文结束"),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list whose bracketed markers a scrape lost: each marker ran into the figure opening its item.
        ("1.总体情况。\n\n12020年,省政府新收行政复议申请188件。\n\n22020年,省直部门共收到申请376件。\n\n"
         "313个市州新收行政复议申请4377件。\n\n4103个县级政府中,9个县级政府收到申请超过40件。",
         "1.总体情况。\n\n1、2020年,省政府新收行政复议申请188件。\n\n2、2020年,省直部门共收到申请376件。\n\n"
         "3、13个市州新收行政复议申请4377件。\n\n4、103个县级政府中,9个县级政府收到申请超过40件。"),
        # Two such paragraphs could as well be two figures that open their paragraphs: left as they are.
        ("12个乡镇全部建成公共法律服务站。\n25个村建成法治示范村。",
         "12个乡镇全部建成公共法律服务站。\n25个村建成法治示范村。"),
        # Numbers that do not go 1, 2, 3 in turn are figures, not markers.
        ("15个部门完成述法。\n36个单位完成自查。\n18个乡镇完成整改。",
         "15个部门完成述法。\n36个单位完成自查。\n18个乡镇完成整改。"),
        # Short lines are table cells, not list items.
        ("120件\n230件\n310件", "120件\n230件\n310件"),
    ],
)
def test_glued_list_markers_are_split_off(text: str, expected: str) -> None:
    assert normalise_text(text) == expected
    assert normalise_text(expected) == expected  # idempotent


def test_normalise_removes_pinyin_from_a_real_transcoded_page() -> None:
    original = _text(EXCERPTS / "033_sifabu_2021_traditional.txt")
    assert "領(lǐng)會" in original
    text = normalise_text(original)
    for word in ("深刻領會", "政治領悟力", "政治執行力", "高質量發展", "法律職業資格", "印發實施"):
        assert word in text, word
    assert "ǐ" not in text and "ā" not in text and "è" not in text
    assert "實施綱要(2021-2025年)" in text
    assert "深刻领会“两个确立”" in fold_script(text)


@pytest.mark.parametrize("path", REAL_TEXT_PATHS, ids=lambda path: path.stem)
def test_normalise_real_texts_is_stable(path: pathlib.Path) -> None:
    text = normalise_text(_text(path))
    assert normalise_text(text) == text
    assert "\r" not in text and "\u3000" not in text and "\u2002" not in text
    assert "\n\n\n" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重慶市潼南區人民政府", "重庆市潼南区人民政府"),
        ("堅持以習近平新時代中國特色社會主義思想為指導", "坚持以习近平新时代中国特色社会主义思想为指导"),
        ("關於法治政府建設的重大決策部署", "关于法治政府建设的重大决策部署"),
        ("調解成功率為98.45%", "调解成功率为98.45%"),
        ("綦江区2021年", "綦江区2021年"),  # already simplified: unchanged
        ("①㈠《》“”", "①㈠《》“”"),
        ("", ""),
    ],
)
def test_fold_script(text: str, expected: str) -> None:
    assert fold_script(text) == expected


@pytest.mark.parametrize("path", TRADITIONAL_PATHS, ids=lambda path: path.stem)
def test_fold_script_of_traditional_reports(path: pathlib.Path) -> None:
    text = normalise_text(_text(path))
    folded = fold_script(text)
    assert len(folded) == len(text)
    assert "法治政府建设" in folded
    assert "設" not in folded and "國" not in folded


def test_fold_script_of_big5_file() -> None:
    folded = fold_script(read_file(FIXTURES / "tongnan_big5.txt").text)
    assert folded.startswith("重庆市潼南区人民政府2022年法治政府建设情况的报告")


def test_fold_script_falls_back_to_characters_when_a_phrase_changes_length(monkeypatch) -> None:
    class PhraseAwareConverter:
        """Stands in for OpenCC with a phrase rule that shortens text, as a dictionary update could."""

        def convert(self, text: str) -> str:
            mapping = {"發": "发", "展": "展", "後": "后"}
            if len(text) > 1:
                return text.replace("發展", "发")
            return mapping.get(text, text)

    monkeypatch.setattr(normalise, "_opencc", lambda config: PhraseAwareConverter())
    normalise._fold_char.cache_clear()
    try:
        assert fold_script("發展後") == "发展后"
    finally:
        normalise._fold_char.cache_clear()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("領會發展綦江 \t\n\r\f()（）lǐngfāa1①⑴㈠\u3000\u200b\u00a0,。")) | st.characters()
    )
)
def test_normalise_is_idempotent_and_fold_keeps_length(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert len(fold_script(text)) == len(text)
    assert len(fold_script(once)) == len(once)


# --------------------------------------------------------------------------------------------------
# Numbers cut by a hard wrap, and tables whose unit is in a caption, through each reader


WRAPPED_LINES = [
    "2022年,全区各级人民调解组织坚持和发展新时代枫桥经",
    "验,深入开展矛盾纠纷排查化解工作,全年共受理案件35",
    "6件,调解成功350件,调解成功率达到98.3%,其中涉及婚",
    "姻家庭纠纷120件,邻里纠纷86件,合同纠纷42件,其他纠",
    "纷108件。",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n".join(WRAPPED_LINES), "受理案件356件,调解成功350件"),
        # The same break in a text of one paragraph per line stays: nothing shows it is a wrap.
        ("受理案件35\n6件,调解成功350件。", "受理案件35\n6件"),
        # A line that stops short of the margin, a list item, a cell, a line ending in a spaced number.
        ("\n".join([*WRAPPED_LINES[:1], "受理35", *WRAPPED_LINES[2:]]), "受理35\n6件"),
        ("\n".join(WRAPPED_LINES).replace("35\n6件,", "35\n6、调解"), "35\n6、调解"),
        ("\n".join(WRAPPED_LINES).replace("受理案件35\n", "受理案件\t35\n"), "\t35\n6件"),
        ("\n".join(WRAPPED_LINES).replace("受理案件35\n", "受理案件 35\n"), " 35\n6件"),
    ],
    ids=["wrapped", "paragraph-lines", "short-line", "list-item", "table-cell", "spaced-number"],
)
def test_normalise_rejoins_only_numbers_a_wrap_cut(text: str, expected: str) -> None:
    once = normalise_text(text)
    assert expected in once
    assert normalise_text(once) == once


CAPTIONED_TABLE_FIGURES = [("135", "件"), ("128", "件"), ("20", "件"), ("18", "件")]


def _table_figures_of(raw: RawDocument, name: str) -> list[tuple[str, str]]:
    from etl.extract.pipeline import extract_text

    extraction = extract_text(raw.text, name, raw.source_format, None, raw.title)
    cells = {"135", "128", "20", "18"}
    return [(f.text, f.unit) for f in extraction.figures if f.text in cells]


def test_html_table_with_its_unit_in_a_caption_gives_every_cell() -> None:
    markup = (
        f'<html><head><meta charset="utf-8"></head><body><div id="zoom">{ARTICLE}'
        "<table><caption>表1 2022年行政复议和行政应诉案件情况(单位:件)</caption>"
        "<tr><th>项目</th><th>收案</th><th>结案</th></tr>"
        "<tr><td>行政复议</td><td>135</td><td>128</td></tr><tr><td>行政应诉</td><td>20</td><td>18</td></tr></table>"
        f"<p>{QIJIANG_LINES[16]}</p></div></body></html>"
    )
    raw = read_bytes(markup.encode("utf-8"), "table.html")
    assert "行政复议\t135\t128" in raw.text.split("\n")
    assert _table_figures_of(raw, "table.html") == CAPTIONED_TABLE_FIGURES


def test_docx_table_with_its_unit_in_a_caption_paragraph_gives_every_cell() -> None:
    import docx

    document = docx.Document()
    for line in QIJIANG_LINES[:5]:
        document.add_paragraph(line)
    document.add_paragraph("表1 2022年行政复议和行政应诉案件情况(单位:件)")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("项目", "收案", "结案"), ("行政复议", "135", "128"), ("行政应诉", "20", "18")],
                           strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(QIJIANG_LINES[16])
    buffer = io.BytesIO()
    document.save(buffer)
    raw = read_bytes(buffer.getvalue(), "table.docx")
    assert "行政应诉\t20\t18" in raw.text.split("\n")
    assert _table_figures_of(raw, "table.docx") == CAPTIONED_TABLE_FIGURES
