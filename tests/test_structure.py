from pathlib import Path

import pytest

from etl.extract.structure import find_sections, innermost_section, split_sentences

QIJIANG = Path(__file__).resolve().parent.parent / "data" / "reports" / "chongqing-qijiang-2021.txt"


@pytest.mark.parametrize(
    ("text", "level", "heading"),
    [
        ("一、2021年法治政府建设工作情况\n正文。", 1, "一、2021年法治政府建设工作情况"),
        ("第二部分 主要举措\n正文。", 1, "第二部分主要举措"),
        ("(一)深入推进政府职能转变。一是优化营商环境。", 2, "(一)深入推进政府职能转变"),
        ("（三）不断提高依法决策水平\n正文。", 2, "（三）不断提高依法决策水平"),
        ("1.持续完善行政权力运作机制。持续深化改革。", 3, "1.持续完善行政权力运作机制"),
        ("2、大力提升法治素养。", 3, "2、大力提升法治素养"),
        ("(1)优化审批\n正文。", 3, "(1)优化审批"),
        # Fused with its body: no punctuation between the heading and the first sentence.
        (
            "(一)深入学习提高站位通过区委常委会会议、区政府常务会议会前学法等形式,学习党的十九届六中全会精神。",
            2,
            "(一)深入学习提高站位",
        ),
    ],
)
def test_heading_levels(text: str, level: int, heading: str) -> None:
    first = find_sections(text)[0]
    assert (first.level, first.heading) == (level, heading)


def test_inline_yishi_headings_nest_under_their_section() -> None:
    text = "二、工作情况\n(一)深入推进政府职能转变。一是优化营商环境。制发方案。二是强化信用监管。完善体系。\n"
    sections = find_sections(text)
    assert [(s.level, s.heading, s.parent_num) for s in sections] == [
        (1, "二、工作情况", None),
        (2, "(一)深入推进政府职能转变", 1),
        (4, "一是优化营商环境", 2),
        (4, "二是强化信用监管", 2),
    ]
    assert innermost_section(sections, text.index("制发方案")) == 3
    assert innermost_section(sections, text.index("完善体系")) == 4


def test_qijiang_sections_and_sentences() -> None:
    text = QIJIANG.read_text(encoding="utf-8")
    sections = find_sections(text)
    top = [s.heading for s in sections if s.level == 1]
    assert top == [
        "一、2021年党政主要负责人履行推进法治建设第一责任人职责工作情况",
        "二、2021年法治政府建设工作情况",
        "三、2022年法治政府建设工作打算",
    ]
    assert "(六)有效化解社会矛盾纠纷" in [s.heading for s in sections]
    sentences = split_sentences(text, sections)
    mediation = next(s for s in sentences if "调解成功率为98.45%" in text[s.start : s.end])
    section = next(s for s in sections if s.section_num == mediation.section_num)
    assert section.heading == "一是完善多元化解纠纷机制"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲。乙!丙?丁;戊", ["甲。", "乙!", "丙?", "丁;", "戊"]),
        ("第一行\n第二行。\n\n第三行", ["第一行", "第二行。", "第三行"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected
